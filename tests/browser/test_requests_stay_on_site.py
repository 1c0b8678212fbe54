"""Nothing a reader does sends a request to any host but the site's own.

The browser's every request is recorded (the service worker's too) while a reader comes to
the site's address, searches, asks the chat, uses the service directory with "near me" and
reads the events. The map's tiles are the one exception, and only once the reader presses
"Show map".
The site is served by chat_widget/server.mjs, as `make run` does, so the browser enforces the
content security policy of output/_headers and the chat's question reaches the real function;
an attempt the policy blocks is recorded too, and fails the test: the page should not try.
The site is built with a map whose tiles come from a local server on an origin of its own.
"""
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import serve_with_node

pytestmark = pytest.mark.browser

QUERIES = {"en": "health insurance", "ar": "التأمين الصحي", "zh-hans": "医疗保险"}
HERE = {"latitude": 47.0613, "longitude": 15.4627}
# Resolves once the page's service worker, if the site has one, has installed (and fetched
# what it keeps for offline reading) and activated, or given up.
SERVICE_WORKER_SETTLED = """async () => {
    const registration = "serviceWorker" in navigator && await navigator.serviceWorker.getRegistration();
    const worker = registration && (registration.installing || registration.waiting || registration.active);
    if (!worker) return "none";
    const settled = () => ["activated", "redundant"].includes(worker.state);
    if (!settled()) await new Promise((resolve) => worker.addEventListener("statechange", () => settled() && resolve()));
    return worker.state;
}"""


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="module")
def site(map_site):
    with serve_with_node(map_site) as url:
        yield url


@pytest.mark.parametrize("locale", QUERIES)
def test_every_request_goes_to_the_site_itself_and_tiles_only_after_show_map(browser, site, tiles, locale):
    context = browser.new_context(viewport={"width": 390, "height": 844}, geolocation=HERE,
                                  permissions=["geolocation"], locale=locale)
    requests = []
    context.on("request", lambda request: requests.append(
        (request.url, "service worker" if request.service_worker else f"page ({request.resource_type})")))
    page = context.new_page()
    try:
        page.goto(f"{site}/")  # the language picker, or on to the reader's language
        if page.url != f"{site}/{locale}/":
            page.goto(f"{site}/{locale}/")

        page.locator("#search-q").focus()
        page.keyboard.type(QUERIES[locale])
        page.locator(f".search-results[data-query='{QUERIES[locale]}'] .search-result a").first.click()
        page.wait_for_load_state()

        page.locator(".chat-open").click()
        page.locator("#chat-question").wait_for()
        page.keyboard.type(QUERIES[locale])
        page.keyboard.press("Enter")
        page.locator(".chat-log .chat-reply").first.wait_for()

        page.goto(f"{site}/{locale}/services/")
        page.locator("input[name=free]").check()
        page.locator("[data-action=near-me]").click()
        page.locator(".services-sorted li").first.wait_for()
        page.wait_for_load_state("networkidle")
        before_the_map = len(requests)
        page.locator("[data-action=map]").click()
        page.locator("img.leaflet-tile-loaded").first.wait_for()

        page.goto(f"{site}/{locale}/events/")
        page.wait_for_load_state("networkidle")
        service_worker = page.evaluate(SERVICE_WORKER_SETTLED)
    finally:
        context.close()

    assert [url for url, _ in requests if url.startswith(f"{site}/api/chat")], "the question went to the site"
    if service_worker == "activated":
        assert [url for url, sender in requests if sender == "service worker"], "the worker's own requests are seen"
    elsewhere = [(index, url, sender) for index, (url, sender) in enumerate(requests)
                 if urlsplit(url).scheme not in ("data", "blob") and origin(url) != site]
    tile_requests = [index for index, url, _ in elsewhere if origin(url) == tiles]
    assert tile_requests, "the map's tiles load once asked for"
    assert min(tile_requests) >= before_the_map, "no tile is fetched before the reader presses Show map"
    assert [(url, sender) for _, url, sender in elsewhere if origin(url) != tiles] == [], \
        "requests to hosts other than the site's own (and from where)"
