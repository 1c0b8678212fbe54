"""DeepL's target codes for the portal's locale codes, and the formality from portal.yaml.

wagtail-localize's bundled DeepL translator sends zh-hans and zh-hant both as ZH and English
and Portuguese without their variant; DeepL wants the variant.
"""
from django.conf import settings

VARIANTS = {"zh-hans": "ZH-HANS", "zh-hant": "ZH-HANT", "zh": "ZH-HANS", "en": "EN-GB", "en-gb": "EN-GB",
            "en-us": "EN-US", "pt": "PT-PT", "pt-pt": "PT-PT", "pt-br": "PT-BR"}


def target_code(locale_code):
    return VARIANTS.get(locale_code.lower(), locale_code.split("-")[0].upper())


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
