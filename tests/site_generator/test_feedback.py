"""The feedback form on every page of every locale, and the thanks page it lands on, as the
built sample site has them."""
import pytest
from bs4 import BeautifulSoup

from site_generator import feedback_form as contract
from site_generator.i18n import load_translations

# The offline page (site_generator/components/offline) cannot send anything either.
WITHOUT_FORM = {"404", "language-picker", "feedback-thanks", "offline"}
PAGE_TYPES = {"home", "about", "search", "glossary", "topic", "services-index", "events-index",
              "organizations-index", "guide", "steps", "service", "event", "organization"}


def soup(output, name):
    return BeautifulSoup((output / name).read_text(encoding="utf-8"), "html.parser")


def url_path(name):
    return "/" + name.removesuffix("index.html")


@pytest.fixture(scope="module")
def pages(sample_site):
    """{locale: {page type: [output names]}} of every HTML page the build wrote."""
    found = {}
    for name, (page_type, _) in sample_site[1].outputs.items():
        if name.endswith(".html") and "/" in name:
            found.setdefault(name.split("/")[0], {}).setdefault(page_type, []).append(name)
    return found


def test_every_page_type_of_every_locale_carries_the_form(sample_site, pages, config):
    output = sample_site[0]
    for locale in config.locales:
        by_type = pages[locale.code]
        assert PAGE_TYPES <= set(by_type), locale.code
        for page_type, names in by_type.items():
            for name in names:
                text = (output / name).read_text(encoding="utf-8")
                has_form = f'name="form-name" value="{contract.FORM_NAME}"' in text
                assert has_form is (page_type not in WITHOUT_FORM), name


@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_the_form_in_each_locale(sample_site, pages, config, page_type):
    output, state = sample_site
    for locale in config.locales:
        name = sorted(pages[locale.code][page_type])[0]
        html = soup(output, name)
        gettext = load_translations(locale.code, config.source.code).gettext
        forms = html.select("form.feedback")
        assert len(forms) == 1, name
        form = forms[0]
        assert form["name"] == contract.FORM_NAME and form["method"].upper() == "POST"
        assert form["action"] == contract.thanks_path(locale.code)
        assert (output / form["action"].strip("/") / "index.html").exists()
        assert form["data-netlify"] == "true" and form["data-netlify-honeypot"] == contract.HONEYPOT

        hidden = {field["name"]: field["value"] for field in form.select('input[type="hidden"]')}
        assert hidden["form-name"] == contract.FORM_NAME
        assert hidden[contract.PAGE] == url_path(name)
        assert hidden[contract.LOCALE] == locale.code
        is_content = page_type in {"guide", "steps", "service", "event", "organization"}
        assert bool(hidden[contract.PAGE_ID]) is is_content, name
        if is_content:
            assert hidden[contract.PAGE_ID] in state.site.by_id

        legend = form.select_one("fieldset > legend")
        assert legend.get_text() == gettext("Was this page useful?")
        assert form["aria-labelledby"] == legend["id"]
        radios = form.select(f'fieldset input[type="radio"][name="{contract.USEFUL}"]')
        assert [radio["value"] for radio in radios] == list(contract.ANSWERS)
        assert all(radio.has_attr("required") for radio in radios)
        assert [radio.parent.get_text(strip=True) for radio in radios] == [gettext("Yes"), gettext("No")]

        comment = form.select_one(f'textarea[name="{contract.COMMENT}"]')
        assert not comment.has_attr("required")
        assert form.select_one(f'label[for="{comment["id"]}"]') is not None
        assert form.select_one(f'#{comment["aria-describedby"]}').get_text() == gettext(
            "Do not write your name, phone number or other personal details.")

        trap = form.select_one(f'input[name="{contract.HONEYPOT}"]')
        assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off" and not trap.get("value")
        assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None
        assert trap.find_parent("label").get_text(strip=True) == gettext("Leave this empty")
        assert form.select_one('button[type="submit"]').get_text() == gettext("Send")

        # The form speaks the page's language, even where the page's text is the source's.
        assert form.find_parent(attrs={"lang": True}).name == "html"
        assert html.html["lang"] == locale.html_lang and html.html["dir"] == locale.direction
        assert form.find_parent("main") is not None


def test_a_page_shown_in_the_source_language_still_reports_the_readers_locale(sample_site):
    html = soup(sample_site[0], "ar/housing/nowhere-to-sleep/index.html")
    assert html.select_one(".body")["lang"] == "en", "the page's text is the source's"
    hidden = {field["name"]: field["value"] for field in html.select('form.feedback input[type="hidden"]')}
    assert hidden[contract.LOCALE] == "ar" and hidden[contract.PAGE] == "/ar/housing/nowhere-to-sleep/"
    assert hidden[contract.PAGE_ID] == "nowhere-to-sleep"


def test_the_thanks_page_in_every_locale_is_for_readers_only(sample_site, config):
    output = sample_site[0]
    sitemap = "".join(path.read_text(encoding="utf-8") for path in sorted(output.glob("*/sitemap.xml")))
    assert sitemap
    for locale in config.locales:
        gettext = load_translations(locale.code, config.source.code).gettext
        name = contract.thanks_path(locale.code).strip("/") + "/index.html"
        html = soup(output, name)
        assert html.html["lang"] == locale.html_lang and html.html["dir"] == locale.direction
        assert html.select_one('meta[name="robots"]')["content"] == "noindex"
        assert html.h1.get_text() == gettext("Thank you for your feedback")
        links = [a["href"] for a in html.select("main a")]
        assert f"/{locale.code}/" in links and f"/{locale.code}/search/" in links
        assert html.select("form.feedback") == []
        assert contract.thanks_path(locale.code) not in sitemap
        for index_file in (output / locale.code / "search").glob("*.json"):
            assert "/feedback/" not in index_file.read_text(encoding="utf-8"), index_file


def test_no_form_where_there_is_nothing_to_rate(sample_site, config):
    output = sample_site[0]
    for name in ["index.html", "404.html", *(f"{locale.code}/404.html" for locale in config.locales)]:
        assert soup(output, name).select("form.feedback, [data-netlify]") == [], name


def test_the_about_page_says_what_the_form_sends(sample_site, config):
    sentence = ("The form “Was this page useful?” sends only your answer, what you write in it and which page you "
                "were reading (its address, language and number), and only when you press Send. Netlify, the "
                "company that hosts this site, stores them "
                "together with your device's internet address. The site's editors read your answer to improve the "
                "pages; the internet address is never copied into their system.")
    for locale in config.locales:
        gettext = load_translations(locale.code, config.source.code).gettext
        privacy = soup(sample_site[0], f"{locale.code}/about/index.html").select_one("#privacy")
        assert gettext(sentence) in [p.get_text() for p in privacy.find_next_siblings("p")], locale.code
    # The promise holds for the form as built: the answer, the comment, the page's address,
    # language and id, plus Netlify's form name and the honeypot that readers leave empty.
    form = soup(sample_site[0], "en/work/finding-work/index.html").select_one("form.feedback")
    sent = {field["name"] for field in form.select("input[name], textarea[name]")}
    assert sent == {"form-name", "page", "locale", "page-id", "useful", "comment", "website"}
