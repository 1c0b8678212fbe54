"""Production: a publish reaches Netlify as a git push of content/ and/or a call of its build
hook, once per burst of publishes, without holding up the editor, and what fails is shown to
editors. The git remote is a local bare repository; the hook is a local HTTP server."""
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from base import rebuild
from base.rebuild import Rebuilder
from base.reports import open_export_failures

from .conftest import page_in, publish

pytestmark = pytest.mark.django_db


class BuildHook:
    """Records every request it gets; answers `status`."""

    def __init__(self, status=200):
        self.requests = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hook.requests.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/build_hooks/5f1e2d3c4b5a"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook():
    server = BuildHook()
    yield server
    server.close()


@pytest.fixture
def rebuilder(monkeypatch, settings):
    settings.PORTAL_REBUILD = "netlify"
    instance = Rebuilder()
    monkeypatch.setattr(rebuild, "rebuilder", instance)
    yield instance
    instance.flush()


def git(*arguments, cwd):
    result = subprocess.run(["git", "-c", "user.name=Developer", "-c", "user.email=dev@example.org", *arguments],
                            cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.fixture
def repository(small_cms, settings, tmp_path):
    """The CMS's checkout (content/ inside), pushing to `origin`, a bare repository that stands
    for the one Netlify builds from; and a developer's clone of it."""
    checkout = tmp_path / "site"
    shutil.copytree(small_cms, checkout / "content")
    git("init", "-q", "-b", "main", cwd=checkout)
    git("add", "-A", cwd=checkout)
    git("commit", "-qm", "Content as imported", cwd=checkout)
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    git("remote", "add", "origin", str(origin), cwd=checkout)
    git("push", "-q", "-u", "origin", "main", cwd=checkout)
    git("clone", "-q", str(origin), str(tmp_path / "developer"), cwd=tmp_path)
    settings.PORTAL_CONTENT_DIR = checkout / "content"
    settings.PORTAL_GIT_COMMIT = True
    settings.PORTAL_GIT_PUSH = True
    return {"checkout": checkout, "origin": origin, "developer": tmp_path / "developer"}


def edit(content_id, title, editor):
    page = page_in(content_id, "en")
    page.title = title
    return publish(page, editor)


def test_a_burst_of_publishes_calls_the_build_hook_once_and_sends_nothing(people, small_cms, rebuilder, hook,
                                                                          settings):
    settings.PORTAL_BUILD_HOOK_URL = hook.url
    # Longer than a publish takes on a busy machine (export, git commit): each publish restarts
    # the wait, and at 0.3 s a slow one let the hook go off in the middle of the burst.
    settings.PORTAL_REBUILD_DELAY = 2
    for title in ("Find a job", "Find a job fast", "Find a job quickly"):
        edit("find-a-job", title, people["editor"])
    assert rebuilder.wait(timeout=30)
    [request] = hook.requests
    assert request["path"] == "/build_hooks/5f1e2d3c4b5a", "no query: Netlify shows it in the deploy list"
    assert request["body"] == b"{}", "no content, titles or editors' names go to Netlify in the hook"
    assert "Cookie" not in request["headers"] and "Authorization" not in request["headers"]


def test_the_editor_does_not_wait_for_netlify_and_sees_when_it_failed(people, small_cms, rebuilder, settings,
                                                                     client):
    down = BuildHook(status=500)
    settings.PORTAL_BUILD_HOOK_URL = down.url
    settings.PORTAL_REBUILD_DELAY = 3600
    try:
        page = edit("find-a-job", "Find a job in Northvale", people["editor"])
        assert "title: Find a job in Northvale" in (small_cms / "en/work/find-a-job.md").read_text()
        assert down.requests == [], "the publish returned before any call to Netlify"
        rebuilder.flush()  # what the delay would do later; here in the test's own transaction
    finally:
        down.close()
    [failure] = open_export_failures()
    assert failure.page_id == page.pk
    assert "HTTP 500" in failure.message and "PORTAL_BUILD_HOOK_URL" in failure.message
    assert "5f1e2d3c4b5a" not in failure.message, "the hook URL is a secret: never shown or logged"
    client.force_login(people["editor"])
    assert "HTTP 500" in client.get("/admin/reports/due-for-review/").content.decode()


def test_publishes_are_pushed_to_the_repository_netlify_builds(people, repository, rebuilder, settings):
    settings.PORTAL_REBUILD_DELAY = 3600
    edit("find-a-job", "Find a job quickly", people["editor"])
    edit("job-centre", "Job Centre Harborough", people["editor"])
    assert git("rev-list", "--count", "main", cwd=repository["origin"]) == "1", "nothing pushed before the delay"
    rebuilder.flush()
    log = git("log", "--format=%an|%s", "-3", "main", cwd=repository["origin"]).splitlines()
    assert log == ["Editor|Publish en: Job Centre Harborough", "Editor|Publish en: Find a job quickly",
                   "Developer|Content as imported"]
    pushed = git("show", "main:content/en/work/find-a-job.md", cwd=repository["origin"])
    assert "title: Find a job quickly" in pushed
    assert not open_export_failures().exists()


def test_a_developers_push_in_between_is_kept(people, repository, rebuilder, settings):
    developer = repository["developer"]
    (developer / "NOTES.md").write_text("Deploy notes\n")
    git("add", "NOTES.md", cwd=developer)
    git("commit", "-qm", "Notes", cwd=developer)
    git("push", "-q", cwd=developer)
    settings.PORTAL_REBUILD_DELAY = 3600
    edit("find-a-job", "Find a job quickly", people["editor"])
    rebuilder.flush()
    log = git("log", "--format=%s", "-3", "main", cwd=repository["origin"]).splitlines()
    assert log == ["Publish en: Find a job quickly", "Notes", "Content as imported"]
    assert not open_export_failures().exists()


def test_a_conflict_is_shown_to_editors_and_leaves_the_checkout_usable(people, repository, rebuilder, settings):
    developer = repository["developer"]
    path = developer / "content/en/work/find-a-job.md"
    path.write_text(path.read_text().replace("title: Find a job", "title: Jobs"))
    git("commit", "-qam", "Retitled by hand", cwd=developer)
    git("push", "-q", cwd=developer)
    settings.PORTAL_REBUILD_DELAY = 3600
    page = edit("find-a-job", "Find a job quickly", people["editor"])
    rebuilder.flush()
    [failure] = open_export_failures()
    assert failure.page_id == page.pk
    assert "conflict" in failure.message and "previous version" in failure.message
    checkout = repository["checkout"]
    assert git("status", "--porcelain", cwd=checkout) == "", "no half-done rebase left behind"
    assert git("log", "-1", "--format=%s", cwd=checkout) == "Publish en: Find a job quickly"
    assert git("log", "-1", "--format=%s", "main", cwd=repository["origin"]) == "Retitled by hand"


def test_an_unreachable_remote_is_shown_to_editors_without_its_credentials(people, repository, rebuilder, settings):
    git("remote", "set-url", "origin", "https://portal-cms:s3cr3t-token@127.0.0.1:9/site.git",
        cwd=repository["checkout"])
    settings.PORTAL_REBUILD_DELAY = 3600
    page = edit("find-a-job", "Find a job quickly", people["editor"])
    rebuilder.flush()
    [failure] = open_export_failures()
    assert failure.page_id == page.pk
    assert "previous version" in failure.message and "git push" in failure.message
    assert "s3cr3t-token" not in failure.message


def test_a_publish_pending_when_the_process_ends_still_goes_out(tmp_path):
    """`manage.py publish_scheduled` exits right after publishing, long before the delay."""
    marker = tmp_path / "delivered"
    script = (
        "import django, pathlib; django.setup()\n"
        "from base.rebuild import Rebuilder\n"
        f"target = pathlib.Path({str(marker)!r})\n"
        "Rebuilder(action=lambda ids: target.write_text(str(sorted(ids)))).request(3600, 42)\n"
    )
    cms = os.path.join(os.path.dirname(__file__), "..", "..", "cms")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": cms, "DJANGO_SETTINGS_MODULE": "portal_cms.settings.test"})
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "[42]"
