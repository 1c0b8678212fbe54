"""DeepL's codes for the portal's locale codes, and the formality from portal.yaml."""
from django.conf import settings

from portal.locales import deepl_target as target_code  # noqa: F401  (the one map of target codes)


def source_code(locale_code):
    """Source languages have no variants in DeepL: EN, PT, ZH."""
    return locale_code.split("-")[0].upper()


def formality(locale_code):
    for locale in settings.PORTAL.machine:
        if locale.code == locale_code:
            return locale.formality
    return None


def machine_locales():
    return [locale.code for locale in settings.PORTAL.machine]


def professional_locales():
    return [locale.code for locale in settings.PORTAL.professional]
