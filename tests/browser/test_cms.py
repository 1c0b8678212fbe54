"""Editors and translators in the real admin: a publish reaches content/ and the static site;
a translator cannot publish; a reviewer can."""
import json
import time

import pytest

from portal.config import load_config
from site_generator.build import build_site
from site_generator.frontmatter import split_front_matter

from ..site_generator.small_site import write_small_site
from .cms_server import start_cms
from .conftest import serve_directory

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password"


@pytest.fixture(scope="module")
def cms(tmp_path_factory, chromium_path):
    root = tmp_path_factory.mktemp("cms")
    content = write_small_site(root / "content")
    output = root / "output"
    build_site(load_config(), content_dir=content, output_dir=output)
    process, url = start_cms(root, content, output)
    with serve_directory(output) as site_url:
        yield {"url": url, "site": site_url, "content": content, "ids": json.loads((root / "ids.json").read_text())}
    process.terminate()
    process.wait(timeout=10)


def log_in(page, cms, username):
    page.goto(f"{cms['url']}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{cms['url']}/admin/")


def wait_for(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def front_matter(path):
    return split_front_matter(path.read_text(encoding="utf-8"), str(path))[0]


def test_an_editor_publishes_and_the_static_site_shows_it(page, cms):
    log_in(page, cms, "editor")
    page.goto(f"{cms['url']}/admin/pages/{cms['ids']['en']}/edit/")
    page.fill("#id_title", "Job Centre Harborough")
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    started = time.monotonic()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state()
    path = cms["content"] / "en/services/job-centre.md"
    wait_for(lambda: front_matter(path)["title"] == "Job Centre Harborough", what="content/ to change")

    def site_shows_it():
        page.goto(f"{cms['site']}/en/services/job-centre/")
        return page.locator("h1").inner_text() == "Job Centre Harborough"

    finished = wait_for(site_shows_it, what="the static page to change")
    print(f"publish to static site: {finished - started:.1f} s")


def test_a_translator_translates_but_cannot_publish_and_a_reviewer_publishes(browser, cms):
    # Title, summary and body, in the order wagtail-localize lists them.
    translations = ["مركز العمل", "نصائح حول العمل.", "تعال إلينا."]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        log_in(page, cms, "translator")
        page.goto(f"{cms['url']}/admin/pages/{cms['ids']['ar']}/edit/")
        for text in translations:
            page.locator("button:has-text('Translate')").first.click()
            page.locator("textarea:visible").first.fill(text)
            page.locator("button:has-text('Save')").first.click()
            page.wait_for_timeout(300)
        page.reload()
        footer = page.locator("footer, .footer").first
        footer.locator(".w-dropdown__toggle").first.click()
        assert page.locator("button:has-text('Publish')").count() == 0, "translators have no publish button"
        assert not (cms["content"] / "ar/services/job-centre.md").exists()

        page.context.clear_cookies()
        log_in(page, cms, "reviewer")
        page.goto(f"{cms['url']}/admin/pages/{cms['ids']['ar']}/edit/")
        page.locator("button:has-text('Publish')").first.click()
        page.wait_for_load_state()
        path = cms["content"] / "ar/services/job-centre.md"
        wait_for(path.exists, timeout=20, what="the Arabic file")
        data = front_matter(path)
        assert data["title"] == "مركز العمل"
        assert data["translation"]["status"] == "reviewed"
        assert data["translation"]["reviewed_by"] == "Reviewer"
    finally:
        context.close()
