"""The templates' UI texts: the locale's catalog, with Jinja's newstyle gettext semantics."""
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from jinja2 import Environment

from site_generator.i18n import install_ui_texts


def translations(messages):
    catalog = Catalog(locale="de")
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


GERMAN = translations({
    "Next": "Weiter",
    "100%% free": "100 %% kostenlos",
    "Hello %(name)s": "Hallo %(name)s",
    ("%(num)s step", "%(num)s steps"): ("%(num)s Schritt", "%(num)s Schritte"),
})


def render(source, texts=GERMAN, autoescape=True, **context):
    env = Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    install_ui_texts(env, texts)
    return env.from_string(source).render(**context)


def test_texts_come_from_the_locale_catalog_every_time():
    template = "{{ _('Next') }} {{ gettext('Next') }} {{ _('Not in the catalog') }}"
    assert render(template) == "Weiter Weiter Not in the catalog"
    assert render(template) == "Weiter Weiter Not in the catalog"


def test_a_text_is_a_format_string_even_without_variables():
    assert render("{{ _('100%% free') }}") == "100 % kostenlos"


def test_variables_are_escaped_and_the_text_is_not():
    assert render("{{ _('Hello %(name)s', name=who) }}", who="<b>Ana</b>") == "Hallo &lt;b&gt;Ana&lt;/b&gt;"


def test_plural_forms_count_num():
    template = "{{ ngettext('%(num)s step', '%(num)s steps', n) }}"
    assert render(template, n=1) == "1 Schritt"
    assert render(template, n=4) == "4 Schritte"


def test_without_autoescape_texts_are_plain():
    assert render("{{ _('Hello %(name)s', name=who) }}", autoescape=False, who="<b>") == "Hallo <b>"


def test_each_environment_speaks_the_locale_installed_last():
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    template = env.from_string("{{ _('Next') }}")
    install_ui_texts(env, GERMAN)
    assert template.render() == "Weiter"
    install_ui_texts(env, translations({}))
    assert template.render() == "Next"
