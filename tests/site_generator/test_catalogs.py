"""UI catalogs: complete for every configured locale, and broken entries are caught."""
import shutil

from babel.messages.pofile import read_po, write_po

from site_generator.catalogs import extract_template, problems_in
from site_generator.i18n import CATALOG_DIR, load_translations


def test_every_locale_has_a_complete_reviewed_catalog(config):
    assert problems_in(config) == []


def test_catalog_holds_the_texts_of_portal_yaml(config):
    ids = {message.id for message in extract_template(config)}
    assert {topic.title for topic in config.topics} <= ids
    assert {entry.label for entry in config.emergency} <= ids


def test_plurals_follow_each_locales_rules(config):
    ukrainian = load_translations("uk", "en")
    forms = {ukrainian.ngettext("%(num)s step", "%(num)s steps", n) % {"num": n} for n in (1, 2, 5)}
    assert len(forms) == 3, forms
    chinese = load_translations("zh-hans", "en")
    assert chinese.ngettext("%(num)s step", "%(num)s steps", 1) == chinese.ngettext("%(num)s step", "%(num)s steps", 5)


def _copy_catalogs(tmp_path):
    target = tmp_path / "ui"
    shutil.copytree(CATALOG_DIR, target)
    return target


def _rewrite(path, code, change):
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=code)
    change(catalog)
    with open(path, "wb") as handle:
        write_po(handle, catalog)


def test_broken_placeholder_untranslated_and_fuzzy_entries_are_reported(config, tmp_path):
    catalogs = _copy_catalogs(tmp_path)

    def break_entries(catalog):
        catalog["Checked by a professional translator on %(date)s."].string = "Geprüft am %(datum)s."
        catalog["Emergency numbers"].string = ""
        catalog["Glossary"].flags.add("fuzzy")

    _rewrite(catalogs / "de.po", "de", break_entries)
    found = problems_in(config, catalogs)
    assert len(found) == 3
    assert any("de.po" in p and "placeholders differ" in p for p in found)
    assert any("de.po" in p and "untranslated: 'Emergency numbers'" in p for p in found)
    assert any("de.po" in p and "fuzzy" in p and "Glossary" in p for p in found)


def test_fuzzy_entries_are_not_shown_to_readers(config, tmp_path):
    catalogs = _copy_catalogs(tmp_path)
    _rewrite(catalogs / "fr.po", "fr", lambda catalog: catalog["Glossary"].flags.add("fuzzy"))
    assert load_translations("fr", "en", catalogs).gettext("Glossary") == "Glossary"
    assert load_translations("fr", "en").gettext("Glossary") != "Glossary"
