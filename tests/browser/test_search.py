"""Searching as a reader does: the index arrives only when the box gets focus, results come
as you type in Arabic and Chinese, and a result leads to its section."""
import re
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.browser

SEARCH_FILES = re.compile(r"/search/(manifest|shard-|store-)|/search\.mjs|/lunr\.mjs")


def type_query(page, url, query):
    page.goto(url)
    page.locator("#search-q").focus()
    page.keyboard.type(query)


def record(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize("locale, query", [("ar", "التأمين الصحي"), ("zh-hans", "医疗保险")])
def test_type_a_query_and_follow_a_result_to_its_section(page, site_url, locale, query):
    requests = record(page)
    page.goto(f"{site_url}/{locale}/health/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if SEARCH_FILES.search(url)], "nothing of search loads with the page"

    page.keyboard.press("Tab")  # skip link
    box = page.locator("#search-q")
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "search-q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-q", "the search box is reachable by keyboard"
    page.keyboard.type(query)
    results = page.locator(".search-results a")
    results.first.wait_for()
    page.locator(f".search-results[data-query='{query}']").wait_for()  # the last keystroke's results
    assert [url for url in requests if "/search/manifest.json" in url] == [f"{site_url}/{locale}/search/manifest.json"]
    assert re.search(r"\d", page.locator("#search-status").inner_text()), "the count is announced"
    assert page.locator(".search-result-snippet mark").count() > 0, "matched words are highlighted"

    page.keyboard.press("ArrowDown")
    hrefs = [link.get_attribute("href") for link in results.all()]
    with_section = next(index for index, href in enumerate(hrefs) if "#" in href)
    for _ in range(with_section):
        page.keyboard.press("ArrowDown")
    section = page.locator(".search-result-section").nth(
        sum(1 for href in hrefs[:with_section] if "#" in href)).inner_text()
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[with_section]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{hrefs[with_section]}")
    anchor = unquote(urlparse(page.url).fragment)
    heading = page.locator(f"[id='{anchor}']")
    assert heading.count() == 1, f"#{anchor} exists on the page"
    assert heading.inner_text().strip() in section, "the result's section is the one opened"


def test_escape_closes_the_results_and_returns_to_the_box(page, site_url):
    type_query(page, f"{site_url}/ar/", "عمل")
    page.locator(".search-results a").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.locator(".search-results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_nothing_found_offers_topics_glossary_and_people_in_the_readers_language(page, site_url):
    type_query(page, f"{site_url}/zh-hans/", "xqzvw")
    page.locator(".search-none").wait_for()
    topics = page.locator(".search-suggestions a")
    assert topics.count() >= 5
    assert all(link.get_attribute("href").startswith("/zh-hans/") for link in topics.all())
    assert "没有找到" in page.locator(".search-none").inner_text()
    assert page.locator(".search-none a[href='/zh-hans/glossary/']").count() == 1
    page.locator(".search-ask").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'chat-question'")
    assert page.locator("details.chat").evaluate("details => details.open"), "the chat opens from a failed search"


def test_a_page_in_another_language_is_marked_with_its_language_and_direction(page, site_url):
    type_query(page, f"{site_url}/fa/", "shelter")
    fallback = page.locator(".search-results a[lang='en']").first
    fallback.wait_for()
    assert fallback.get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_best_bet_comes_first(page, site_url):
    type_query(page, f"{site_url}/en/", "meldezettel")
    first = page.locator(".search-result").first
    first.wait_for()
    assert "search-result-best" in first.get_attribute("class")
    assert first.locator("a").get_attribute("href") == "/en/residence/register-your-address/"


def test_search_page_answers_a_submitted_query_and_lists_every_page_without_javascript(browser, page, site_url):
    page.goto(f"{site_url}/uk/search/?q=%D0%B6%D0%B8%D1%82%D0%BB%D0%BE")  # житло
    page.locator(".search-results a").first.wait_for()
    assert page.locator("#search-q").input_value() == "житло"

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    try:
        plain.goto(f"{site_url}/uk/search/?q=x")
        assert plain.locator(".page-list a").count() > 20, "every page, by topic"
        assert plain.locator("form[role=search][action='/uk/search/']").count() == 1
    finally:
        context.close()
