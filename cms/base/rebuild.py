"""After an export: commit the change (optional), then bring it to the site.

PORTAL_REBUILD "local": the generator runs here in a child process. "netlify": the commits are
pushed to the repository Netlify builds from, and/or Netlify's build hook is called. Either way
the work is debounced (a burst of publishes gives one build), never runs twice at once, runs
outside the editor's request, and what fails is listed with the export failures editors see.
"""
import atexit
import logging
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings

from .history import GitError, commit_export, push_content

logger = logging.getLogger(__name__)


class Rebuilder:
    def __init__(self, action=None):
        self._action = action
        self._lock = threading.Lock()
        self._timer = None
        self._running = threading.Lock()
        self._exit_flush_registered = False
        self.last_duration = None
        self.builds = 0
        self._page_ids = set()
        self._pending = False

    def request(self, delay, page_id=None):
        with self._lock:
            if page_id is not None:
                self._page_ids.add(page_id)
            self._pending = True
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(delay, self._run)
            self._timer.daemon = True
            self._timer.start()
            if not self._exit_flush_registered:
                # `manage.py publish_scheduled` exits right after publishing: its pending build
                # must still happen rather than die with the process.
                atexit.register(self.flush)
                self._exit_flush_registered = True

    def _run(self):
        from django.db import connections

        with self._running:
            with self._lock:
                if not self._pending:
                    return
                self._pending = False
                page_ids, self._page_ids = self._page_ids, set()
            started = time.perf_counter()
            try:
                (self._action or _action_for_mode)(page_ids)
            except Exception:  # noqa: BLE001 - a crash here must not go unnoticed, nor kill the worker
                logger.exception("bringing an export to the site failed")
            finally:
                self.last_duration = time.perf_counter() - started
                self.builds += 1
                if threading.current_thread() is not threading.main_thread():
                    connections.close_all()

    def flush(self):
        """Run the pending build now instead of after the delay, and wait for it."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        self._run()

    def wait(self, timeout=120):
        """For tests and the benchmark: wait until the pending build has finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                pending = self._pending
            if not pending and not self._running.locked():
                return True
            time.sleep(0.05)
        return False


class BuildHookError(Exception):
    pass


def _action_for_mode(page_ids):
    if settings.PORTAL_REBUILD == "local":
        build_locally(page_ids)
    elif settings.PORTAL_REBUILD == "netlify":
        deliver_to_netlify(page_ids)


def build_locally(page_ids):
    result = subprocess.run(
        [sys.executable, "-m", "portal.cli", "build", "--content", str(settings.PORTAL_CONTENT_DIR),
         "--output", str(settings.PORTAL_OUTPUT_DIR)],
        cwd=str(settings.PROJECT_ROOT), capture_output=True, text=True)
    if result.returncode:
        logger.error("site build failed after an export:\n%s", result.stderr)
        _report_build_failure(page_ids, result.stderr)
    else:
        logger.info("site rebuilt")


def deliver_to_netlify(page_ids):
    """Push the commits Netlify builds from, then call the build hook, if each is configured.
    The site keeps its last deploy when either fails; the commits stay and go with the next push."""
    try:
        if settings.PORTAL_GIT_PUSH:
            push_content()
            logger.info("content/ pushed for pages %s", sorted(page_ids))
        if settings.PORTAL_BUILD_HOOK_URL:
            post_build_hook(settings.PORTAL_BUILD_HOOK_URL)
    except (GitError, BuildHookError) as error:
        logger.error("publish of pages %s did not reach the site: %s", sorted(page_ids), error)
        report_to_editors(page_ids, f"The site was not updated, it still shows the previous version: {error}")


def _report_build_failure(page_ids, stderr):
    """The site keeps its last good build; editors see why the new one failed."""
    problems = [line.strip() for line in stderr.splitlines() if line.startswith("  ")][:10]
    report_to_editors(page_ids, "The site could not be rebuilt, it still shows the previous version: "
                      + "; ".join(problems))


def report_to_editors(page_ids, message):
    from .models import ExportFailure

    for page_id in page_ids or {0}:
        ExportFailure.objects.create(page_id=page_id, message=message)


rebuilder = Rebuilder()


def post_build_hook(url):
    """An empty JSON body: Netlify hands the body to the build, and the build needs nothing from
    the CMS but the repository. The URL is a secret (anyone holding it can start builds), so
    errors name the answer, never the URL."""
    request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            logger.info("build hook answered %s", response.status)
    except urllib.error.HTTPError as error:
        raise BuildHookError(f"Netlify's build hook (PORTAL_BUILD_HOOK_URL) answered HTTP {error.code}") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error.__class__.__name__
        raise BuildHookError(f"Netlify's build hook (PORTAL_BUILD_HOOK_URL) could not be reached: {reason}") from None


def changed(relative_paths, page, user):
    if settings.PORTAL_GIT_COMMIT:
        try:
            commit_export(relative_paths, page, user)
        except GitError as error:
            logger.error("git commit of %s failed: %s", relative_paths, error)
            report_to_editors({page.pk}, f"The change was written to content/ but not committed to git: {error}")
    if settings.PORTAL_REBUILD in ("local", "netlify"):
        rebuilder.request(settings.PORTAL_REBUILD_DELAY, page.pk)
