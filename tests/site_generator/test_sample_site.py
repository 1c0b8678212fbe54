"""A full build of the sample site, checked the way readers and search engines see it."""
import re
import xml.etree.ElementTree as ElementTree

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from portal.config import PROJECT_ROOT
from site_generator.frontmatter import split_front_matter
from site_generator.i18n import load_translations
from site_generator.plugins.page_budget import weigh_pages

SOURCE_ONLY_PAGE = "housing/nowhere-to-sleep"      # never translated in the sample
TRANSLATED_PAGE = "services/job-centre-harborough"  # reviewed in every professional locale
OUTDATED_PAGE = "work/finding-work"                 # translated from an older source revision


def soup(output, path):
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")


def page(output, url_path):
    return soup(output, f"{url_path.strip('/')}/index.html")


@pytest.fixture(scope="module")
def output(sample_site):
    return sample_site[0]


def test_every_html_page_declares_lang_and_dir_of_its_locale(output, config):
    for locale in config.locales:
        files = list((output / locale.code).rglob("*.html"))
        assert len(files) > 40
        for path in files:
            head = path.read_text(encoding="utf-8")[:200]
            assert f'<html lang="{locale.html_lang}" dir="{locale.direction}">' in head, path


def test_every_page_exists_in_every_locale(output, config):
    source_pages = sorted(p.relative_to(output / "en") for p in (output / "en").rglob("*.html"))
    for locale in config.locales:
        pages = sorted(p.relative_to(output / locale.code) for p in (output / locale.code).rglob("*.html"))
        assert pages == source_pages, locale.code


def test_right_to_left_locales(output):
    html = page(output, "ar/")
    assert html.html["dir"] == "rtl" and html.html["lang"] == "ar"
    assert page(output, "fa/").html["dir"] == "rtl"
    assert page(output, "zh-hans/").html["dir"] == "ltr"


def test_language_switcher_lists_every_language_in_its_own_name(output, config):
    html = page(output, f"ar/{TRANSLATED_PAGE}/")
    links = html.select(".language-switcher a")
    assert [a.get_text() for a in links] == [locale.name for locale in config.locales]
    for a, locale in zip(links, config.locales):
        assert a["href"] == f"/{locale.code}/{TRANSLATED_PAGE}/"
        assert a["lang"] == locale.html_lang and a["hreflang"] == locale.html_lang
    assert html.select_one('.language-switcher a[aria-current="true"]')["lang"] == "ar"


def test_hreflang_lists_only_languages_the_page_really_has(output, config):
    base = config.base_url
    translated = page(output, f"en/{TRANSLATED_PAGE}/")
    langs = {link["hreflang"]: link["href"] for link in translated.select('link[rel="alternate"][hreflang]')}
    for locale in ("en", *[l.code for l in config.professional]):
        assert langs[config.locale(locale).html_lang] == f"{base}/{locale}/{TRANSLATED_PAGE}/"
    assert "fr" not in langs
    assert langs["x-default"] == f"{base}/en/{TRANSLATED_PAGE}/"
    fallback = page(output, f"fr/{TRANSLATED_PAGE}/")
    assert fallback.select_one('link[rel="canonical"]')["href"] == f"{base}/en/{TRANSLATED_PAGE}/"
    home = page(output, "fr/")
    assert len(home.select('link[rel="alternate"][hreflang]')) == len(config.locales) + 1


def test_source_pages_have_no_badge(output):
    assert page(output, f"en/{TRANSLATED_PAGE}/").select(".badge-reviewed, .badge-machine, .badge-outdated, "
                                                         ".badge-missing") == []


def test_reviewed_badge_with_the_review_date_in_the_readers_format(output, config):
    for locale in config.professional:
        path = PROJECT_ROOT / "content" / locale.code / f"{TRANSLATED_PAGE}.md"
        front_matter, _, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        html = page(output, f"{locale.code}/{TRANSLATED_PAGE}/")
        badge = html.select_one(".badge-reviewed")
        assert badge is not None, locale.code
        reviewed_on = front_matter["translation"]["reviewed_on"]
        assert format_date(reviewed_on, "long", locale=locale.babel) in badge.get_text(), locale.code
        assert not html.select("article [lang]"), "a translated page is all in the reader's language"


def test_outdated_badge_links_to_the_original(output, config):
    for locale in config.professional:
        html = page(output, f"{locale.code}/{OUTDATED_PAGE}/")
        badge = html.select_one(".badge-outdated")
        assert badge is not None, locale.code
        assert badge.select_one("a")["href"] == f"/en/{OUTDATED_PAGE}/"
        assert html.select_one(".badge-reviewed") is None


def test_missing_page_falls_back_to_the_source_with_a_notice_in_the_readers_language(output, config):
    for locale in config.locales[1:]:
        html = page(output, f"{locale.code}/{SOURCE_ONLY_PAGE}/")
        notice = html.select_one(".badge-missing")
        assert notice is not None, locale.code
        expected = load_translations(locale.code, "en").gettext(
            "This page is not available in %(language)s yet. It is shown in %(source)s.")
        assert expected != "This page is not available in %(language)s yet. It is shown in %(source)s.", locale.code
        first_words = expected.split("%(")[0].strip()
        assert first_words in notice.get_text(), locale.code
        for text in (html.select_one("h1"), html.select_one("article .body")):
            assert text["lang"] == "en" and text["dir"] == "ltr", locale.code
        assert html.html["lang"] == locale.html_lang
        assert not html.select_one("article").has_attr("lang"), "labels around the text stay in the reader's language"


def test_dates_are_written_in_the_readers_locale(output):
    html = page(output, f"ar/{SOURCE_ONLY_PAGE}/")
    time = html.select_one(".page-dates time")
    from datetime import date
    value = date.fromisoformat(time["datetime"])
    assert time.get_text() == format_date(value, "long", locale="ar")
    assert time.get_text() != format_date(value, "long", locale="en")
    zh = page(output, f"zh-hans/{SOURCE_ONLY_PAGE}/").select_one(".page-dates time").get_text()
    assert "年" in zh


def test_ui_is_translated_in_every_locale(output, config):
    english = page(output, "en/").select_one("#emergency-title").get_text()
    for locale in config.locales[1:]:
        heading = page(output, f"{locale.code}/").select_one("#emergency-title").get_text()
        assert heading and heading != english, locale.code


def test_footer_has_the_emergency_numbers_from_portal_yaml(output, config):
    html = page(output, f"th/{SOURCE_ONLY_PAGE}/")
    numbers = [a.get_text() for a in html.select(".emergency a[href^='tel:']")]
    assert numbers == [entry.number for entry in config.emergency]
    assert html.select_one(".emergency a")["href"] == "tel:112"


def test_pages_load_one_module_script_and_no_inline_script_and_have_a_print_stylesheet(output):
    loader = re.compile(r'<script type="module" src="/assets/js\.[0-9a-f]{10}/portal\.mjs"></script>')
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # The root's 404 page has nothing to enhance; the language picker remembers a choice.
        loads_script = path != output / "404.html"
        assert text.count("<script") == len(loader.findall(text)) == (1 if loads_script else 0), path
        assert 'href="tel:112"' in text, f"{path} lacks the emergency numbers"
    html = page(output, f"en/{SOURCE_ONLY_PAGE}/")
    assert html.select_one('link[rel="stylesheet"][media="print"]') is not None


def test_steps_page_is_complete_without_javascript(output):
    html = page(output, "en/residence/register-your-address/")
    steps = html.select("ol.steps > li.step")
    assert len(steps) >= 3
    assert all(step.get("id") for step in steps)
    assert html.select(".tag-optional"), "the optional step is marked"
    assert html.select("ul.alternatives > li"), "either/or alternatives are listed"
    assert html.select("ul.documents li"), "documents needed are listed"


def test_language_picker_at_the_root(output, config):
    html = soup(output, "index.html")
    choices = html.select(".choices li")
    assert [li.select_one(".choice-name").get_text() for li in choices] == [l.name for l in config.locales]
    assert [li["lang"] for li in choices] == [l.html_lang for l in config.locales]
    assert choices[1]["dir"] == "rtl"


def test_feeds_per_locale(output, config):
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    for locale in config.locales:
        tree = ElementTree.parse(output / locale.code / "feed.atom")
        entries = tree.findall("atom:entry", ns)
        assert len(entries) >= 10, locale.code
        link = entries[0].find("atom:link", ns).get("href")
        assert link.startswith(f"{config.base_url}/{locale.code}/")
    ar_titles = [e.findtext("atom:title", namespaces=ns) for e in
                 ElementTree.parse(output / "ar" / "feed.atom").findall("atom:entry", ns)]
    assert any(re.search("[\u0600-\u06FF]", title) for title in ar_titles)


def test_sitemap_lists_pages_with_hreflang_alternates(output, config):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ElementTree.parse(output / "sitemap.xml")
    sitemaps = [entry.findtext("s:loc", namespaces=ns) for entry in index.findall("s:sitemap", ns)]
    # One sitemap per locale: a sitemap may hold 50,000 URLs and weigh 50 MB, which one file for
    # every locale passes at a few thousand pages.
    assert sitemaps == [f"{config.base_url}/{code}/sitemap.xml" for code in config.locale_codes]
    urls = []
    for code in config.locale_codes:
        tree = ElementTree.parse(output / code / "sitemap.xml")
        assert all(url.findtext("s:loc", namespaces=ns).startswith(f"{config.base_url}/{code}/")
                   for url in tree.findall("s:url", ns))
        urls += tree.findall("s:url", ns)
    locs = [url.findtext("s:loc", namespaces=ns) for url in urls]
    assert f"{config.base_url}/ar/{TRANSLATED_PAGE}/" in locs
    assert f"{config.base_url}/fr/{TRANSLATED_PAGE}/" not in locs, "fallback pages are not canonical"
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns)
        path = loc.removeprefix(config.base_url).strip("/")
        assert (output / path / "index.html").exists(), loc
    entry = next(u for u in urls if u.findtext("s:loc", namespaces=ns) == f"{config.base_url}/en/{TRANSLATED_PAGE}/")
    assert {link.get("hreflang") for link in entry.findall("x:link", ns)} >= {"en", "ar", "zh-Hans", "x-default"}


def test_404_pages(output, config):
    assert (output / "404.html").exists()
    for locale in config.locales:
        html = soup(output, f"{locale.code}/404.html")
        assert html.html["lang"] == locale.html_lang


def test_page_weight_budget_holds_for_every_page_type(sample_site, config):
    output, state = sample_site
    report, problems = weigh_pages(output, state.outputs, config.budgets.page_weight_kb)
    assert problems == []
    types = {row["type"]: row for row in report}
    assert all(row["max_kb"] <= config.budgets.page_weight_kb for row in report), report
    assert types["guide"]["max_kb"] <= 14
    assert {"home", "topic", "guide", "steps", "service", "event", "organization", "glossary", "search",
            "about", "404"} <= set(types)


def test_budget_is_enforced_by_the_build(tmp_path):
    from site_generator.plugins.page_budget import weigh_pages as weigh

    import random

    rng = random.Random(1)
    noise = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(40000))
    (tmp_path / "big.html").write_text(f"<p>{noise}</p>", encoding="utf-8")
    report, problems = weigh(tmp_path, {"big.html": ("guide", "content/en/work/big.md")}, 14)
    assert len(problems) == 1 and "over the 14 KB budget" in str(problems[0])


def test_glossary_page_shows_and_links_the_agreed_terms(output):
    html = page(output, "de/glossary/")
    rows = html.select(".agreed-terms tbody tr")
    assert ["residence permit", "Aufenthaltstitel"] in [[td.get_text() for td in row.select("td")] for row in rows]
    link = html.select_one('a[href$=".csv"]')["href"]
    assert (output / link.lstrip("/")).read_text(encoding="utf-8").startswith("term,translation")
    assert page(output, "ar/glossary/").select(".agreed-terms") == [], "no agreed list for Arabic yet"


def test_each_locale_has_the_texts_its_scripts_show(output, config):
    import json

    english = json.loads((output / "en" / "ui-texts.json").read_text(encoding="utf-8"))
    for locale in config.locales:
        texts = json.loads((output / locale.code / "ui-texts.json").read_text(encoding="utf-8"))
        assert set(texts) == {"search", "chat", "offline"}
        assert all(set(texts[part]) == set(english[part]) for part in texts)
        if not locale.is_source:
            assert texts["chat"]["textSend"] != english["chat"]["textSend"], f"{locale.code}: not translated"
