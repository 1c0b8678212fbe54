"""Facts about a locale code that CLDR (through Babel) already knows.

Portal locale codes are lowercase BCP 47 as Wagtail writes them (`zh-hans`, `pt-br`).
Babel wants `zh_Hans` and `pt_BR`; HTML and hreflang read best as `zh-Hans` and `pt-BR`.
"""
import functools
import re

from babel import Locale, UnknownLocaleError

CODE_PATTERN = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


# Asked for each locale on every page a build renders (lang and hreflang attributes).
@functools.lru_cache(maxsize=None)
def babel_identifier(code):
    language, *rest = code.split("-")
    parts = [language]
    for subtag in rest:
        if len(subtag) == 4 and subtag.isalpha():
            parts.append(subtag.title())
        elif len(subtag) in (2, 3):
            parts.append(subtag.upper())
        else:
            parts.append(subtag)
    return "_".join(parts)


@functools.lru_cache(maxsize=None)
def html_lang(code):
    """The code with BCP 47 casing, for `lang` and `hreflang` attributes."""
    return babel_identifier(code).replace("_", "-")


def babel_locale(code):
    """Return the Babel Locale for a portal code; raises ValueError if CLDR has none."""
    if not CODE_PATTERN.match(code or ""):
        raise ValueError(f"'{code}' is not a lowercase BCP 47 code such as 'ar' or 'zh-hans'")
    try:
        return Locale.parse(babel_identifier(code))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{code}' is not a language known to CLDR") from None


# DeepL wants the variant for these targets (wagtail-localize's bundled translator sends
# zh-hans and zh-hant both as ZH); other languages go as their base code.
DEEPL_TARGETS = {"zh-hans": "ZH-HANS", "zh-hant": "ZH-HANT", "zh": "ZH-HANS", "en": "EN-GB", "en-gb": "EN-GB",
                 "en-us": "EN-US", "pt": "PT-PT", "pt-pt": "PT-PT", "pt-br": "PT-BR"}


def deepl_target(code):
    return DEEPL_TARGETS.get(code.lower(), code.split("-")[0].upper())


def native_name(code):
    locale = babel_locale(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def text_direction(code):
    return "rtl" if babel_locale(code).character_order == "right-to-left" else "ltr"
