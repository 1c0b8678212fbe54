"""The service directory as readers use it: filters that combine, "near me" from the browser's
position (or a district when there is none), the map only on request, right to left and at
320 px, and a position that never leaves the device.

The sample site is built with a map tile URL that points at a local tile server (conftest's
map_site: the sample's portal.yaml has none, and then the page has no map button).
"""
import datetime
import json
import math
import re
from pathlib import Path
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest

from portal.config import PROJECT_ROOT
from tests.browser.conftest import serve_directory

pytestmark = pytest.mark.browser

# Where the reader is: a position no request may carry, in any common spelling.
HERE = {"latitude": 47.0613, "longitude": 15.4627}
MAP_FILES = re.compile(r"leaflet\.(js|css)|services-map\.mjs|/tiles/")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def refuse_position(context):
    """The reader says no to the browser's question. Headless Chromium sometimes leaves the
    question pending instead, so the answer is given here rather than left to chance."""
    context.add_init_script("""
      navigator.geolocation.getCurrentPosition = (success, failure) =>
        setTimeout(() => failure({ code: 1, PERMISSION_DENIED: 1, message: "User denied Geolocation" }), 0);
    """)


@pytest.fixture(scope="module")
def site(map_site):
    with serve_directory(map_site) as url:
        yield url


def directory(site, locale):
    with urlopen(f"{site}/{locale}/services/directory.json") as response:
        return json.load(response)


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def nearest_first(services, origin):
    located = [s for s in services if s["latitude"] is not None and s["longitude"] is not None]
    unlocated = [s for s in services if s not in located]
    return [s["id"] for s in sorted(located, key=lambda s: haversine_km(origin, s))] + [s["id"] for s in unlocated]


def record(context):
    """Every request of the context: its URL and its body."""
    sent = []

    def keep(request):
        body = request.post_data_buffer or b""
        sent.append((request.url, body.decode("utf-8", "replace")))
    context.on("request", keep)
    return sent


def position_spellings(position):
    spellings = set()
    for value in position.values():
        for digits in (2, 3, 4):
            text = f"{value:.{digits}f}"
            spellings |= {text, text.replace(".", ","), text.replace(".", "%2C"), text.replace(".", "%2E")}
    return spellings


def assert_position_never_sent(sent):
    assert sent, "requests were recorded"
    for url, body in sent:
        for spelling in position_spellings(HERE):
            assert spelling not in url and spelling not in body, f"{url} carries {spelling}"


def wait_for_count(page, number):
    page.wait_for_function(f"document.querySelector('.services-count').textContent === 'Services shown: {number}'")


def visible_ids(page):
    return page.eval_on_selector_all("#services-list li[data-id]:not([hidden])",
                                     "items => items.map(i => i.dataset.id)")


def test_near_me_sorts_by_distance_and_the_position_never_leaves_the_device(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, geolocation=HERE, permissions=["geolocation"])
    sent = record(context)
    page = context.new_page()
    try:
        page.goto(f"{site}/de/services/")  # German writes decimals with a comma
        page.locator("[data-action=near-me]").click()
        page.locator(".services-sorted li").first.wait_for()
        services = directory(site, "de")["services"]
        expected = nearest_first(services, HERE)
        shown = page.eval_on_selector_all(".services-sorted li", "items => items.map(i => i.dataset.id)")
        assert shown[0] == expected[0], "the nearest comes first"
        assert shown == expected
        nearest = next(s for s in services if s["id"] == expected[0])
        first_distance = page.locator(".services-sorted li").first.locator(".services-distance").inner_text()
        expected_distance = f"{haversine_km(HERE, nearest):.1f} km".replace(".", ",")
        assert first_distance == expected_distance, "in the locale's number format"
        assert page.locator(".services-group:visible").count() == 0
        assert page.locator(".services-note").inner_text().strip()

        page.locator("input[name=free]").check()
        page.wait_for_function("document.querySelector('.services-count').textContent.length > 0")
        assert all(page.eval_on_selector(f"li[data-id='{i}']", "li => li.hasAttribute('data-free')")
                   for i in visible_ids(page)), "filters apply to the sorted list"

        page.locator("[data-action=map]").click()
        page.locator(".services-marker").first.wait_for()
        page.locator("img.leaflet-tile-loaded").first.wait_for()

        page.locator("[data-action=by-category]").click()
        assert page.locator(".services-sorted").count() == 0
        assert page.locator(".services-distance").count() == 0
        assert page.locator(".services-group:visible").count() > 0
    finally:
        context.close()
    assert_position_never_sent(sent)
    assert not [url for url, _ in sent if "geolocation" in url or "googleapis" in url]


def test_filters_combine_by_keyboard_and_the_count_is_announced(page, site):
    page.goto(f"{site}/en/services/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "services-topic":
            break
    assert page.evaluate("document.activeElement.id") == "services-topic", "the filters are reachable by keyboard"
    page.locator("#services-language").select_option("ar")
    for name in ("free", "walk-in"):
        for _ in range(10):
            if page.evaluate("document.activeElement.name") == name:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
    services = directory(site, "en")["services"]
    expected = {s["id"] for s in services if s["free"] and s["walk_in"] and "ar" in s["languages"]}
    assert 0 < len(expected) < len(services)
    count = page.locator(".services-count")
    assert count.get_attribute("role") == "status"
    wait_for_count(page, len(expected))
    assert set(visible_ids(page)) == expected

    page.locator("#services-topic").select_option("health")
    health = {i for i in expected if next(s for s in services if s["id"] == i)["topic"] == "health"}
    wait_for_count(page, len(health))
    assert set(visible_ids(page)) == health
    assert page.locator(".services-group:visible h2").all_inner_texts() == ["Health"], "empty categories are hidden"

    page.keyboard.press("Tab")  # back in the form, then reset by keyboard
    page.locator("button[type=reset]").focus()
    page.keyboard.press("Enter")
    wait_for_count(page, len(services))


def open_in_vienna(service, moment):
    """The rule of opening.mjs, written again: walk in within today's ranges or last night's."""
    local = moment.astimezone(ZoneInfo("Europe/Vienna"))
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    minute = local.hour * 60 + local.minute
    to_minutes = lambda text: int(text[:2]) * 60 + int(text[3:])  # noqa: E731
    for offset, day in ((0, local.date()), (1, local.date() - datetime.timedelta(days=1))):
        name = days[day.weekday()]
        closed = service["temporarily_closed"]
        if name in service["appointment_only"] or (closed and closed["from"] <= day.isoformat() <= closed["until"]):
            continue
        for opens, closes in service["hours"][name]:
            start, end = to_minutes(opens), to_minutes(closes)
            if offset == 0 and minute >= start and (end <= start or minute < end):
                return True
            if offset == 1 and end <= start and minute < end:
                return True
    return False


def test_open_now_follows_the_portals_clock_not_the_device(browser, site):
    # 02:00 on a Wednesday in Vienna; the device says Tuesday 17:00 (Los Angeles).
    moment = datetime.datetime(2026, 11, 25, 1, 0, tzinfo=datetime.timezone.utc)
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    try:
        page.clock.set_fixed_time(moment)
        page.goto(f"{site}/en/services/")
        page.locator("input[name=open-now]").check()
        services = directory(site, "en")["services"]
        expected = {s["id"] for s in services if open_in_vienna(s, moment)}
        assert expected == {"emergency-shelter-harborough"}
        wait_for_count(page, len(expected))
        assert set(visible_ids(page)) == expected
    finally:
        context.close()


def test_the_map_loads_only_when_asked(page, site, tiles):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site}/en/services/")
    page.wait_for_load_state("networkidle")
    page.locator("input[name=free]").check()
    page.wait_for_function("document.querySelector('.services-count').textContent.length > 0")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if url.endswith("/services.mjs")], "the filters' script loaded"
    assert not [url for url in requests if MAP_FILES.search(url)], "nothing of the map before it is asked for"

    button = page.locator("[data-action=map]")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    assert button.get_attribute("aria-expanded") == "true"
    for name in ("services-map.mjs", "leaflet.js", "leaflet.css"):
        assert [url for url in requests if url.endswith("/" + name)], f"{name} loads on request"
    assert [url for url in requests if url.startswith(tiles + "/tiles/")], "tiles come from map.tile_url"

    markers = page.locator(".services-marker")
    assert markers.count() == len(visible_ids(page))
    page.locator("#services-topic").select_option("health")
    page.wait_for_function(f"document.querySelectorAll('.services-marker').length === {len(visible_ids(page))}")
    markers.first.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    urls = page.eval_on_selector_all("#services-list li:not([hidden]) > a",
                                     "links => links.map(a => a.getAttribute('href'))")
    assert link.get_attribute("href") in urls

    button.click()
    assert page.locator("#services-map").is_hidden()
    assert button.inner_text() == "Show map"


def test_without_a_map_tile_url_there_is_no_map_button(sample_site):
    html = (sample_site[0] / "en/services/index.html").read_text(encoding="utf-8")
    assert 'data-module="services"' in html
    assert 'data-action="map"' not in html and "services-map" not in html


def test_denied_position_offers_the_districts(browser, site):
    context = browser.new_context()
    refuse_position(context)
    sent = record(context)
    page = context.new_page()
    try:
        page.goto(f"{site}/en/services/")
        # A tap that does not focus the button, as in Safari: the click alone loads the script
        # and is then acted on.
        page.locator("[data-action=near-me]").dispatch_event("click")
        district = page.locator("#services-district")
        district.wait_for()
        assert page.evaluate("document.activeElement.id") == "services-district"
        data = directory(site, "en")
        names = [d["name"] for d in data["districts"]]
        assert district.locator("option").all_inner_texts()[1:] == names
        assert "district" in page.locator(".services-note").inner_text()
        chosen = next(d for d in data["districts"] if d["name"] == "Lend")
        district.select_option("Lend")
        page.locator(".services-sorted li").first.wait_for()
        shown = page.eval_on_selector_all(".services-sorted li", "items => items.map(i => i.dataset.id)")
        assert shown == nearest_first(data["services"], chosen)
        assert "Lend" in page.locator(".services-note").inner_text()
        district.select_option("")
        page.wait_for_function("!document.querySelector('.services-sorted')")
    finally:
        context.close()
    assert not [url for url, _ in sent if "Lend" in url], "the district chosen is not sent either"


def test_arabic_page_works_right_to_left_at_320_px(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    try:
        page.goto(f"{site}/ar/services/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.querySelector('.services-filters')).direction") == "rtl"
        # Everything in main fits the width (the footer's long e-mail address is another matter;
        # the map clips its own tiles).
        fits = """() => Array.from(document.querySelectorAll('main *:not(.services-map *)')).every((node) => {
            const box = node.getBoundingClientRect();
            return box.left >= -0.5 && box.right <= document.documentElement.clientWidth + 0.5; })"""
        assert page.evaluate(fits), "no sideways scrolling at 320 px"
        box = page.locator("input[name=free]").bounding_box()
        label = page.locator("label:has(input[name=free])").bounding_box()
        assert box["x"] + box["width"] > label["x"] + label["width"] - 2, "the checkbox is at the inline start: right"

        page.locator("[data-action=near-me]").click()
        page.locator(".services-sorted li").first.wait_for()
        assert "كم" in page.locator(".services-distance").first.inner_text()
        assert page.evaluate(fits)
        page.locator("[data-action=map]").click()
        page.locator(".services-marker").first.wait_for()
        assert page.evaluate(fits)
        assert page.locator("#services-map").bounding_box()["width"] <= 320
    finally:
        context.close()


def test_without_javascript_the_list_by_category_is_the_page(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/en/services/")
        assert page.locator(".services-filters").is_hidden(), "no filters that nothing could apply"
        services = directory(site, "en")["services"]
        assert page.locator("#services-list li[data-id]:visible").count() == len(services)
        assert page.locator(".services-group h2").count() == len({s["topic"] for s in services})
        assert page.locator("#services-list a[href^='tel:']").count() == len(services)
        assert page.locator("#services-list a[href^='geo:']").count() == len(
            [s for s in services if s["latitude"] is not None])
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_no_axe_violations_with_filters_sorting_and_map(browser, site, locale):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    refuse_position(context)
    page = context.new_page()
    try:
        page.goto(f"{site}/{locale}/services/")
        page.locator("input[name=walk-in]").check()
        page.locator("[data-action=near-me]").click()
        page.locator("#services-district").wait_for()
        page.locator("#services-district").select_option(index=1)
        page.locator(".services-sorted li").first.wait_for()
        page.locator("[data-action=map]").click()
        page.locator(".services-marker").first.wait_for()
        page.add_script_tag(content=Path(AXE).read_text(encoding="utf-8"))
        # Markers of services close together overlap at any zoom, so they are not held to
        # target-size: each one's link is also in the list (WCAG 2.5.8, "equivalent").
        found = page.evaluate("""async () => {
            const options = {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}};
            const markers = [['.leaflet-marker-pane']];
            const page = await axe.run({exclude: markers}, options);
            const map = await axe.run({include: markers}, {...options, rules: {'target-size': {enabled: false}}});
            return [...page.violations, ...map.violations].map(
                v => `${v.id}: ${v.help} -> ` + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        assert found == []
    finally:
        context.close()
