"""After an export: a debounced local rebuild, and git history. Production's way to Netlify
(push, build hook) is in test_netlify_delivery.py."""
import subprocess

import pytest

from base import rebuild
from base.rebuild import Rebuilder

from .conftest import page_in, publish

pytestmark = pytest.mark.django_db


def test_a_burst_of_publishes_gives_one_build(small_cms, settings, tmp_path, monkeypatch):
    settings.PORTAL_OUTPUT_DIR = tmp_path / "output"
    settings.PORTAL_REBUILD = "local"
    settings.PORTAL_REBUILD_DELAY = 0.3
    rebuilder = Rebuilder()
    monkeypatch.setattr(rebuild, "rebuilder", rebuilder)
    page = page_in("find-a-job", "en")
    for _ in range(3):
        rebuild.changed(["en/work/find-a-job.md"], page, None)
    assert rebuilder.wait(timeout=120)
    assert rebuilder.builds == 1
    assert (tmp_path / "output" / "en" / "work" / "find-a-job" / "index.html").exists()


def test_each_publish_is_a_git_commit_by_its_editor(people, small_cms, settings):
    subprocess.run(["git", "init", "-q"], cwd=small_cms, check=True)
    subprocess.run(["git", "add", "-A"], cwd=small_cms, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start"], cwd=small_cms,
                   check=True)
    settings.PORTAL_GIT_COMMIT = True
    page = page_in("find-a-job", "en")
    page.title = "Find a job quickly"
    publish(page, people["editor"])
    log = subprocess.run(["git", "log", "-1", "--format=%an|%s"], cwd=small_cms, capture_output=True, text=True)
    assert log.stdout.strip() == "Editor|Publish en: Find a job quickly"


def test_a_failed_build_is_reported_to_editors(small_cms, settings, tmp_path, monkeypatch):
    reported = []
    # The build runs in another thread with its own database connection, outside this test's
    # transaction: capture the report instead of leaving a row behind.
    monkeypatch.setattr(rebuild, "_report_build_failure", lambda ids, stderr: reported.append((ids, stderr)))
    settings.PORTAL_OUTPUT_DIR = tmp_path / "output"
    settings.PORTAL_REBUILD = "local"
    settings.PORTAL_REBUILD_DELAY = 0.1
    rebuilder = Rebuilder()
    monkeypatch.setattr(rebuild, "rebuilder", rebuilder)
    (small_cms / "en/services/job-centre.md").unlink()  # pages still link to it: the build must fail
    page = page_in("job-centre", "en")
    rebuild.changed(["en/services/job-centre.md"], page, None)
    assert rebuilder.wait(timeout=120)
    [(page_ids, stderr)] = reported
    assert page_ids == {page.pk}
    assert "broken link" in stderr and "job-centre" in stderr
    assert not (tmp_path / "output").exists(), "a failed build leaves no half-written site"
