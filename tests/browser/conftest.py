"""Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded.

Without chromium on PATH they skip, unless REQUIRE_BROWSER=1 (as in CI), where they fail.
"""
import contextlib
import functools
import os
import re
import shutil
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from portal.config import PROJECT_ROOT, load_config
from site_generator.serve import SiteHandler

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not on PATH (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@contextlib.contextmanager
def serve_directory(directory):
    """Serve a built site the way `portal serve` does, on a free port, for one test module."""
    locales = load_config().locale_codes
    handler = functools.partial(type("Handler", (SiteHandler,), {"locales": locales}), directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_site):
    with serve_directory(sample_site[0]) as url:
        yield url


@pytest.fixture(scope="session")
def chat_site_url(sample_site):
    """The sample site and the real chat function, served by chat_widget/server.mjs as `make run` does."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js 20 is required for the chat tests")
    env = {key: value for key, value in os.environ.items() if not key.startswith("CHAT_LLM_")}
    server = subprocess.Popen([node, "chat_widget/server.mjs", "--root", str(sample_site[0]), "--port", "0"],
                              cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"the chat server did not start: {line!r}"
        yield f"http://127.0.0.1:{match.group(1)}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()
