"""Extract, update and check the UI string catalogs in translations/ui/.

Strings come from the theme's templates and from the texts in portal.yaml (site name,
topic titles and descriptions, audiences, emergency labels, help contacts), so an editor
who adds a topic gets its title into every catalog with `portal i18n extract` + `update`.
"""
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from portal.config import PROJECT_ROOT
from portal.locales import babel_identifier

from .assets import COMPONENTS
from .i18n import CATALOG_DIR, TEMPLATE_NAME, catalog_path

TEMPLATES = Path(__file__).resolve().parent / "theme" / "templates"
PLUGINS = Path(__file__).resolve().parent / "plugins"
# %(name)s for Jinja, {name} for texts the scripts fill in (data-text-* attributes, ui-texts.json).
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def config_strings(config):
    """(text, comment) pairs for every reader-facing text in portal.yaml."""
    yield config.site_name, "site.name in portal.yaml"
    for topic in config.topics:
        yield topic.title, f"topics[{topic.id}].title in portal.yaml"
        yield topic.description, f"topics[{topic.id}].description in portal.yaml"
    for audience in config.audiences:
        yield audience.title, f"audiences[{audience.id}].title in portal.yaml"
    for entry in config.emergency:
        yield entry.label, f"emergency label for {entry.number} in portal.yaml"
    for contact in config.help_contacts:
        yield contact.name, "help_contacts name in portal.yaml"


def extract_template(config):
    catalog = Catalog(project=config.site_name, charset="utf-8")
    method_map = [("**.html", "jinja2"), ("**.xml", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n"}, "**.xml": {"extensions": "jinja2.ext.i18n"}}
    for folder in [TEMPLATES, *COMPONENTS]:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), method_map, options, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}):
            where = (folder / filename).relative_to(PROJECT_ROOT).as_posix()
            catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    for text, comment in config_strings(config):
        catalog.add(text, None, [("portal.yaml", 0)], auto_comments=[comment])
    # Strings the generator itself translates outside templates (the root pages, the feeds).
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PLUGINS), [("**.py", "python")], keywords={"gettext": None}, comment_tags=("Translators:",)):
        catalog.add(message, None, [(f"site_generator/plugins/{filename}", lineno)], auto_comments=comments,
                    context=context)
    return catalog


def _write(catalog, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)


def _read(path, code=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=babel_identifier(code) if code else None)


def problems_in(config, catalog_dir=CATALOG_DIR):
    """Every untranslated, fuzzy or placeholder-broken string in every locale's catalog."""
    template = extract_template(config)
    wanted = {message.id for message in template if message.id}
    found = []
    for locale in config.locales:
        if locale.is_source:
            continue
        path = catalog_path(locale.code, catalog_dir)
        if not path.exists():
            found.append(f"{path}: missing (run `portal i18n update`)")
            continue
        catalog = _read(path, locale.code)
        present = {message.id for message in catalog if message.id}
        for missing in sorted(wanted - present, key=str):
            found.append(f"{path}: no entry for {missing!r} (run `portal i18n update`)")
        for message in catalog:
            if not message.id or message.id not in wanted:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{path}:{message.lineno}: fuzzy, needs review: {ids[0]!r}")
            elif not all(strings):
                found.append(f"{path}:{message.lineno}: untranslated: {ids[0]!r}")
            else:
                expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
                for text in strings:
                    if set(PLACEHOLDER.findall(text)) - expected or (
                            len(ids) == 1 and set(PLACEHOLDER.findall(text)) != expected):
                        found.append(f"{path}:{message.lineno}: placeholders differ from the source in "
                                     f"{ids[0]!r}: {text!r}")
    return found


def run(config, action, catalog_dir=CATALOG_DIR):
    catalog_dir = Path(catalog_dir)
    template = extract_template(config)
    if action == "extract":
        _write(template, catalog_dir / TEMPLATE_NAME)
        print(f"wrote {catalog_dir / TEMPLATE_NAME} ({len(template)} strings)")
        return 0
    if action == "update":
        for locale in config.locales:
            if locale.is_source:
                continue
            path = catalog_path(locale.code, catalog_dir)
            if path.exists():
                catalog = _read(path, locale.code)
            else:
                catalog = Catalog(locale=babel_identifier(locale.code), project=config.site_name, charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            _write(catalog, path)
            print(f"updated {path}")
        return 0
    problems = problems_in(config, catalog_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"portal i18n check: {len(problems)} problem(s)")
    return 1 if problems else 0
