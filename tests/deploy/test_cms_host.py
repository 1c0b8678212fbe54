"""The CMS host as README's "Deploying" sets it up: gunicorn with its command line behind a proxy
that terminates HTTPS, and the publish_scheduled cron job taking a scheduled page to the
repository Netlify builds from."""
import http.client
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import PROJECT, git, manage

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "cms.northvale.example", **headers})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode()


@pytest.fixture
def gunicorn(host):
    if not GUNICORN.exists():
        pytest.fail("gunicorn is missing: install the production extra, pip install -e '.[cms,production]'")
    manage("collectstatic", "--noinput", "-v", "0", env=host["env"])
    port = free_port()
    # README's command line, on a free port.
    server = subprocess.Popen([str(GUNICORN), "--chdir", str(PROJECT / "cms"), "--bind", f"127.0.0.1:{port}",
                               "--workers", "3", "--timeout", "120", "portal_cms.wsgi"],
                              env=host["env"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"gunicorn did not start:\n{server.stderr.read()[-3000:]}") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_the_admin_is_served_over_https_only(host, gunicorn):
    status, headers, body = get(gunicorn, "/admin/login/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in headers["Set-Cookie"] and "csrftoken" in headers["Set-Cookie"]
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', body)
    assert stylesheets, "the admin links its stylesheets under /static/"
    for url in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", url), f"{url}: not a hashed name, so it cannot be cached long"
        assert (host["root"] / "static" / url.removeprefix("/static/")).exists(), f"{url}: not collected"
    status, headers, _ = get(gunicorn, "/admin/login/", {})
    assert status == 301 and headers["Location"] == "https://cms.northvale.example/admin/login/"


SCHEDULE = """
import datetime
from django.utils import timezone
from wagtail.models import Page
from base.models import PortalPage
page = next(p for p in Page.objects.type(PortalPage).filter(locale__language_code="en").specific()
            if p.content_id == "find-a-job")
page.title = "Find a job (new rules)"
page.go_live_at = timezone.now() + datetime.timedelta(days=1)
revision = page.save_revision(approved_go_live_at=page.go_live_at)
revision.publish()
# The day has come: move the schedule to a minute ago rather than wait for it.
past = timezone.now() - datetime.timedelta(minutes=1)
revision.content["go_live_at"] = past.isoformat()
revision.approved_go_live_at = past
revision.save(update_fields=["content", "approved_go_live_at"])
"""


def test_the_cron_job_publishes_scheduled_pages_to_the_repository_netlify_builds(host):
    manage("shell", "-c", SCHEDULE, env=host["env"])
    pushed = git("show", "main:content/en/work/find-a-job.md", cwd=host["origin"])
    assert "new rules" not in pushed, "not before its time"
    # README's crontab line runs exactly this, every five minutes.
    manage("publish_scheduled", "--settings=portal_cms.settings.production", env=host["env"])
    assert git("log", "-1", "--format=%s", "main", cwd=host["origin"]) == "Publish en: Find a job (new rules)"
    pushed = git("show", "main:content/en/work/find-a-job.md", cwd=host["origin"])
    assert "title: Find a job (new rules)" in pushed
