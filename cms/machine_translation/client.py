"""The official `deepl` client, configured for the portal.

- DEEPL_AUTH_KEY and DEEPL_SERVER_URL (any DeepL-API-compatible server) from the settings;
- many segments per request, XML tag handling so links and emphasis stay in place;
- 429, 5xx and timeouts are retried with backoff by the client itself;
- 456 (quota) and 403 (key) stop a run with a clear message: `DeepLStop`;
- any other refusal is about this request only: `DeepLRequestError`.
"""
import deepl
from django.conf import settings

from .languages import formality, source_code, target_code

MAX_TEXTS_PER_REQUEST = 50
MAX_REQUEST_CHARACTERS = 100_000


class DeepLStop(Exception):
    """Nothing more can be sent: quota exceeded, bad key, or the monthly budget is used up."""


class DeepLRequestError(Exception):
    pass


def configure_retries():
    deepl.http_client.max_network_retries = getattr(settings, "DEEPL_MAX_RETRIES", 5)
    deepl.http_client.min_connection_timeout = getattr(settings, "DEEPL_TIMEOUT", 10.0)


def translator():
    key = settings.DEEPL_AUTH_KEY
    if not key:
        raise DeepLStop("DeepL is off: set DEEPL_AUTH_KEY to draft translations")
    configure_retries()
    return deepl.Translator(key, server_url=settings.DEEPL_SERVER_URL or None)


def _length(item):
    return len(item[1] if isinstance(item, tuple) else item)


def batches(items):
    """Groups within DeepL's limits per request; items are texts or (key, text) pairs."""
    batch, size = [], 0
    for item in items:
        if batch and (len(batch) == MAX_TEXTS_PER_REQUEST or size + _length(item) > MAX_REQUEST_CHARACTERS):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += _length(item)
    if batch:
        yield batch


def translate_texts(client, texts, source_locale, target_locale, glossary_id=None):
    """Translate XML-marked texts, in as few requests as the limits allow; same order back."""
    results = []
    options = {"source_lang": source_code(source_locale), "target_lang": target_code(target_locale),
               "tag_handling": "xml", "split_sentences": "nonewlines", "preserve_formatting": True}
    if formality(target_locale):
        options["formality"] = formality(target_locale)
    if glossary_id:
        options["glossary"] = glossary_id
    for batch in batches(texts):
        try:
            answers = client.translate_text(batch, **options)
        except deepl.QuotaExceededException as error:
            raise DeepLStop(f"DeepL quota exceeded (456): {error}") from None
        except deepl.AuthorizationException as error:
            raise DeepLStop(f"DeepL refused the key (403): check DEEPL_AUTH_KEY ({error})") from None
        except deepl.DeepLException as error:
            raise DeepLRequestError(f"DeepL could not translate into {target_code(target_locale)}: {error}") from None
        answers = answers if isinstance(answers, list) else [answers]
        if len(answers) != len(batch):
            raise DeepLRequestError(f"DeepL answered {len(answers)} texts for {len(batch)} sent "
                                    f"({target_code(target_locale)})")
        results.extend(answer.text for answer in answers)
    return results
