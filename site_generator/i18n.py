"""UI strings and locale formatting for the theme.

UI strings live in gettext catalogs, translations/ui/<locale>.po, compiled in memory
at build time so no generated .mo file is ever committed or stale. Fuzzy entries are
left out: a string nobody has checked falls back to the source language.
"""
import datetime
import io
import weakref
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup

from portal.config import PROJECT_ROOT
from portal.locales import babel_identifier

CATALOG_DIR = PROJECT_ROOT / "translations" / "ui"
TEMPLATE_NAME = "messages.pot"


def catalog_path(code, catalog_dir=CATALOG_DIR):
    return Path(catalog_dir) / f"{code}.po"


def load_translations(code, source_code, catalog_dir=CATALOG_DIR):
    """gettext translations for a locale; the source locale uses the msgids themselves."""
    if code == source_code:
        return NullTranslations()
    path = catalog_path(code, catalog_dir)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no UI catalog for locale '{code}' (run `portal i18n update`)")
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=babel_identifier(code))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def install_ui_texts(env, translations):
    """Make `_`, `gettext` and `ngettext` in the templates answer from this locale's catalog.

    They behave as Jinja's newstyle gettext (the text is a format string even without
    variables, and variables are escaped), but a text without variables is looked up and
    formatted once per locale, not at every call: a page calls them about 150 times, and
    Jinja's own wrappers were a tenth of a large site's build."""
    callables = _CALLABLES.get(translations)
    if callables is None:
        callables = _CALLABLES[translations] = _template_callables(translations)
    env.globals.update(callables)


# Each catalog's callables, made on its first install and kept as long as the catalog is.
_CALLABLES = weakref.WeakKeyDictionary()


def _template_callables(translations):
    plain = {}  # (text, autoescape) -> the finished text

    @pass_context
    def gettext(context, string, **variables):
        autoescape = context.eval_ctx.autoescape
        if not variables:
            key = (string, autoescape)
            found = plain.get(key)
            if found is None:
                found = plain[key] = _formatted(translations.gettext(string), autoescape, {})
            return found
        return _formatted(translations.gettext(string), autoescape, variables)

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return _formatted(translations.ngettext(singular, plural, num), context.eval_ctx.autoescape, variables)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def _formatted(text, autoescape, variables):
    return (Markup(text) if autoescape else text) % variables


class LocaleFormats:
    """Dates, times and weekday names in one locale's conventions (CLDR via Babel)."""

    def __init__(self, code, time_zone):
        self.locale = Locale.parse(babel_identifier(code))
        self.zone = ZoneInfo(time_zone)
        self._dates, self._languages = {}, {}

    def date(self, value, form="long"):
        # Pages show the same few hundred dates again and again.
        key = (value, form)
        if key not in self._dates:
            self._dates[key] = format_date(value, form, locale=self.locale)
        return self._dates[key]

    def time(self, value):
        return format_time(value, "short", locale=self.locale)

    def datetime(self, value, form="medium"):
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.zone)
        return format_datetime(value, form, tzinfo=self.zone, locale=self.locale)

    def weekday(self, index, width="wide"):
        return get_day_names(width, locale=self.locale)[index]

    def language(self, code):
        """A language's name in this locale, e.g. 'English' for an Arabic reader: الإنجليزية."""
        if code not in self._languages:
            try:
                name = Locale.parse(babel_identifier(code)).get_display_name(self.locale)
            except (ValueError, TypeError):
                name = None
            self._languages[code] = name or code
        return self._languages[code]

    def iso_date(self, value):
        return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value
