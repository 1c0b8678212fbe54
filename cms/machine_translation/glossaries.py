"""Agreed terms: translations/glossary/<source>-<target>.csv become DeepL glossaries.

A glossary is created when its CSV appears and replaced when the CSV changes (DeepL's
glossaries cannot be edited), then used on every request for that language pair.
"""
from pathlib import Path

import deepl
from django.conf import settings

from site_generator.agreed_terms import agreed_terms_path, read_agreed_terms

from .client import DeepLRequestError, DeepLStop

GLOSSARY_DIR = Path(settings.PROJECT_ROOT) / "translations" / "glossary"


def csv_path(target_locale):
    return agreed_terms_path(settings.PORTAL.source.code, target_locale, GLOSSARY_DIR)


def read_entries(path):
    try:
        return read_agreed_terms(path)
    except ValueError as error:
        raise DeepLRequestError(str(error)) from None


def glossary_language(locale_code):
    return locale_code.split("-")[0].lower()


def glossary_for(client, target_locale):
    """The DeepL glossary id to use for this target, creating or replacing it as needed."""
    from .models import DeepLGlossary

    path = csv_path(target_locale)
    if not path.exists():
        return None
    entries, digest = read_entries(path)
    known = DeepLGlossary.objects.filter(target_locale=target_locale).first()
    if known and known.csv_sha256 == digest:
        return known.glossary_id
    try:
        created = client.create_glossary(
            f"portal {settings.PORTAL.source.code}-{target_locale}", source_lang=settings.PORTAL.source.code.upper(),
            target_lang=glossary_language(target_locale).upper(), entries=entries)
        if known:
            try:
                client.delete_glossary(known.glossary_id)
            except deepl.DeepLException:
                pass  # already gone on DeepL's side; the new one replaces it either way
    except deepl.AuthorizationException as error:
        raise DeepLStop(f"DeepL refused the key (403) while creating a glossary: {error}") from None
    except deepl.DeepLException as error:
        raise DeepLRequestError(f"{path}: DeepL did not accept the glossary: {error}") from None
    DeepLGlossary.objects.update_or_create(target_locale=target_locale, defaults={
        "glossary_id": created.glossary_id, "csv_sha256": digest, "entry_count": len(entries)})
    return created.glossary_id
