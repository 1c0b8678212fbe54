"""Reading offline as a reader with a cheap phone does: open a page or two online, save a topic,
then lose the connection. Served by chat_widget/server.mjs (as `make run` does, with the site's
content security policy) from a copy of the sample site, which the tests stop and edit.

Offline emulation did not always reach a service worker's own requests (playwright#2311; in
Playwright 1.65 with Debian's Chromium 156 it does), so going offline here also stops the
server: whatever still opens can only come from the device. axe-core checks each new state."""
import json
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from portal.config import PROJECT_ROOT

from .test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.browser

VISITED = "health/finding-a-doctor/"
SAVED_TOPIC = "work"
IN_SAVED_TOPIC = "work/finding-work/"
NEVER_OPENED_TOPIC = "housing/"
NOT_SAVED = "education/childcare/"
LOCALES = [("en", "doctor"), ("ar", "التأمين الصحي"), ("zh-hans", "医疗保险")]

# Asks the service worker to bring this page's locale up to date, and waits until it has: the
# same request every page makes as it opens (portal.mjs), with a port for the answer.
LOCALE_STORED = """async () => {
  const { active } = await navigator.serviceWorker.ready;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    active.postMessage({ type: "visit", path: location.pathname,
                         controlled: Boolean(navigator.serviceWorker.controller) }, [channel.port2]);
  });
}"""


class Site:
    """A copy of the sample site behind the local server, which the test can stop and restart."""

    def __init__(self, root):
        self.root = root
        self.process = None
        self.port = 0

    def start(self):
        self.process = subprocess.Popen(["node", "chat_widget/server.mjs", "--root", str(self.root),
                                         "--port", str(self.port)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", self.process.stdout.readline())
        assert match, "the local server did not start"
        self.port = int(match.group(1))

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def file(self, path):
        return self.root / path.lstrip("/") / "index.html" if path.endswith("/") else self.root / path.lstrip("/")

    def heading(self, path):
        return BeautifulSoup(self.file(path).read_text(encoding="utf-8"), "html.parser").h1.get_text(strip=True)

    def json(self, path):
        return json.loads(self.file(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(sample_site, tmp_path_factory, chromium_path):
    if shutil.which("node") is None:
        pytest.fail("Node.js 20 is required for the local server")
    copy = Site(tmp_path_factory.mktemp("offline") / "site")
    shutil.copytree(sample_site[0], copy.root)
    copy.start()
    yield copy
    copy.stop()


@pytest.fixture
def reader(browser, site):
    """A phone that has never seen the site, and a way to take its connection away."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(AXE.read_text(encoding="utf-8"))  # by the browser itself, beside the policy
    page = context.new_page()

    def go_offline():
        context.set_offline(True)
        site.stop()

    yield page, go_offline
    context.close()
    if site.process is None:
        site.start()


def open_online(page, url):
    page.goto(url)
    assert page.evaluate(LOCALE_STORED) == {"done": True}


def readable_size(page, kilobytes):
    """The size as the page's language writes it (all sample topics weigh less than a megabyte)."""
    assert kilobytes < 1000
    return page.evaluate("""(kilobytes) => new Intl.NumberFormat(document.documentElement.lang,
        { style: "unit", unit: "kilobyte", unitDisplay: "short", maximumFractionDigits: 0 }).format(kilobytes)""",
                         kilobytes)


@pytest.mark.parametrize("locale, query", LOCALES)
def test_visited_core_and_saved_pages_open_offline(reader, site, locale, query):
    page, go_offline = reader
    base = f"{site.url}/{locale}/"
    lists = site.json(f"/{locale}/offline.json")
    core = {url for url, _, _ in lists["core"]["files"]}
    open_online(page, base + VISITED)

    page.goto(base + SAVED_TOPIC + "/")
    section = page.locator(".offline-save")
    save = section.locator("[data-offline=save]")
    expect(save).to_be_visible()
    save.click()
    # What is not on the device yet: the topic's pages (the topic page and the scripts came with the core).
    missing = sum(size for url, size, _ in lists["topics"][SAVED_TOPIC]["files"] if url not in core)
    question = section.locator("[data-offline=question]")
    expect(question).to_contain_text(readable_size(page, -(-missing // 1000)))
    download = section.locator("[data-offline=download]")
    expect(download).to_be_focused()
    assert axe_violations(page) == []
    download.click()
    status = section.get_by_role("status")
    saved_text = section.get_attribute("data-text-saved")
    expect(status).to_have_text(saved_text)
    page.reload()
    expect(section.get_by_role("status")).to_have_text(saved_text)  # still saved after a reload
    expect(section.locator("[data-offline=remove]")).to_be_visible()

    go_offline()
    page.goto(base + VISITED)
    expect(page.locator("h1")).to_have_text(site.heading(f"/{locale}/{VISITED}"))
    notice = page.locator(".offline-notice")
    expect(notice).to_be_visible()
    assert notice.get_attribute("role") == "status"
    before, after = site.json(f"/{locale}/ui-texts.json")["offline"]["textNotice"].split("{date}")
    expect(notice).to_contain_text(before.strip())
    expect(notice).to_contain_text(after.strip())
    assert axe_violations(page) == []

    for never_opened in ("", NEVER_OPENED_TOPIC, IN_SAVED_TOPIC):
        page.goto(base + never_opened)
        expect(page.locator("h1")).to_have_text(site.heading(f"/{locale}/{never_opened}"))
        expect(page.locator(".offline-notice")).to_be_visible()

    page.goto(base + NOT_SAVED)
    expect(page.locator("h1")).to_have_text(site.heading(f"/{locale}/offline.html"))
    expect(page.locator(f"main a[href='/{locale}/{VISITED}']")).to_be_visible()  # listed as kept
    assert axe_violations(page) == []

    page.goto(base)
    page.locator("#search-q").focus()
    page.keyboard.type(query)
    page.locator(f".search-results[data-query='{query}']").wait_for()
    assert page.locator(".search-results a").count() > 0, "search answers offline"


@pytest.mark.parametrize("locale", [code for code, _ in LOCALES])
def test_an_online_reader_gets_the_current_page_not_the_stored_one(reader, site, locale):
    page, _ = reader
    path = f"/{locale}/{VISITED}"
    open_online(page, site.url + path)
    page.reload()  # now through the service worker, which stores it
    heading = site.heading(path)
    served = site.file(path)
    original = served.read_text(encoding="utf-8")
    try:
        served.write_text(original.replace(f">{heading}</h1>", ">A page changed since it was stored</h1>"),
                          encoding="utf-8")
        page.reload()
        expect(page.locator("h1")).to_have_text("A page changed since it was stored")
        expect(page.locator(".offline-notice")).to_have_count(0)
    finally:
        served.write_text(original, encoding="utf-8")


def test_a_removed_topic_leaves_the_device(reader, site):
    page, go_offline = reader
    base = f"{site.url}/ar/"
    open_online(page, base + SAVED_TOPIC + "/")
    section = page.locator(".offline-save")
    section.locator("[data-offline=save]").click()
    section.locator("[data-offline=download]").click()
    expect(section.get_by_role("status")).to_have_text(section.get_attribute("data-text-saved"))
    section.locator("[data-offline=remove]").click()
    expect(section.get_by_role("status")).to_have_text(section.get_attribute("data-text-removed"))
    expect(section.locator("[data-offline=save]")).to_be_focused()

    go_offline()
    page.goto(base + IN_SAVED_TOPIC)
    expect(page.locator("h1")).to_have_text(site.heading("/ar/offline.html"))
    page.goto(base + SAVED_TOPIC + "/")  # the topic page itself is part of the core, and stays
    expect(page.locator("h1")).to_have_text(site.heading(f"/ar/{SAVED_TOPIC}/"))
