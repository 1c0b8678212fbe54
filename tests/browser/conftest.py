"""Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded.

Without chromium on PATH they skip, unless REQUIRE_BROWSER=1 (as in CI), where they fail.
"""
import contextlib
import dataclasses
import functools
import os
import re
import shutil
import struct
import subprocess
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.config import PROJECT_ROOT, load_config
from site_generator.build import build_site
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


@contextlib.contextmanager
def serve_with_node(directory):
    """Serve a built site with chat_widget/server.mjs as `make run` does: the real chat function
    and the headers of output/_headers, the content security policy among them."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js 20 is required for the chat tests")
    env = {key: value for key, value in os.environ.items() if not key.startswith("CHAT_LLM_")}
    server = subprocess.Popen([node, "chat_widget/server.mjs", "--root", str(directory), "--port", "0"],
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
def chat_site_url(sample_site):
    """The sample site and the real chat function, served by chat_widget/server.mjs as `make run` does."""
    with serve_with_node(sample_site[0]) as url:
        yield url


def one_pixel_png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xcc\xdd\xee")) + chunk(b"IEND", b""))


@pytest.fixture(scope="session")
def tiles():
    """A tile server answering every /tiles/{z}/{x}/{y}.png with one pixel, on an origin of its own."""
    image = one_pixel_png()

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path.endswith(".png") else 404)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(image)))
            self.end_headers()
            self.wfile.write(image)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def map_site(tmp_path_factory, config, tiles):
    """The sample site built with a map: the sample's portal.yaml has no tile URL (and then the
    services page has no map button). portal.yaml requires https:// tile URLs; the test server
    is plain http on localhost."""
    with_map = dataclasses.replace(config, map_tile_url=tiles + "/tiles/{z}/{x}/{y}.png")
    output = tmp_path_factory.mktemp("with-map") / "output"
    build_site(with_map, output_dir=output)
    return output


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
