"""`portal translate-ui`: DeepL drafts the UI catalogs of the DeepL-drafted locales.

Only empty entries are sent. Drafts are marked fuzzy, so the site keeps showing the source
text until someone reviews them and removes the flag. Placeholders such as %(date)s travel
as XML tags, so DeepL cannot translate or drop them.
"""
import os
import re
import sys

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r'<x id="(\w+)"/>')


def protect(text):
    return PLACEHOLDER.sub(lambda match: f'<x id="{match.group(1)}"/>', text)


def restore(text):
    return TAG.sub(lambda match: f"%({match.group(1)})s", text)


def run(config, catalog_dir=None, locales=None):
    import deepl
    from babel.messages.pofile import read_po, write_po

    from portal.locales import babel_identifier, deepl_target
    from site_generator.i18n import CATALOG_DIR, catalog_path

    key = os.environ.get("DEEPL_AUTH_KEY")
    if not key:
        print("portal translate-ui: set DEEPL_AUTH_KEY (and DEEPL_SERVER_URL for another server)", file=sys.stderr)
        return 2
    client = deepl.Translator(key, server_url=os.environ.get("DEEPL_SERVER_URL") or None)
    status = 0
    for locale in config.machine:
        if locales and locale.code not in locales:
            continue
        path = catalog_path(locale.code, catalog_dir or CATALOG_DIR)
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=babel_identifier(locale.code))
        empty = [message for message in catalog if message.id and not _translated(message)]
        if not empty:
            print(f"{locale.code}: nothing to draft")
            continue
        texts = []
        for message in empty:
            texts.extend(message.id if isinstance(message.id, tuple) else [message.id])
        options = {"source_lang": config.source.code.split("-")[0].upper(), "tag_handling": "xml",
                   "target_lang": deepl_target(locale.code)}
        if locale.formality:
            options["formality"] = locale.formality
        try:
            answers = client.translate_text([protect(text) for text in texts], **options)
        except deepl.DeepLException as error:
            print(f"{locale.code}: DeepL failed, catalog unchanged: {error}", file=sys.stderr)
            status = 1
            continue
        drafts = iter(restore(answer.text) for answer in answers)
        for message in empty:
            if isinstance(message.id, tuple):
                singular, plural = next(drafts), next(drafts)
                count = len(message.string) if isinstance(message.string, tuple) else 2
                message.string = tuple([singular] + [plural] * (count - 1))
            else:
                message.string = next(drafts)
            message.flags.add("fuzzy")
        with open(path, "wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, include_lineno=False)
        print(f"{locale.code}: drafted {len(empty)} strings with DeepL ({sum(len(t) for t in texts)} characters), "
              f"marked fuzzy for review")
    return status


def _translated(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)

