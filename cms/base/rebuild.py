"""After an export: commit the change (optional), then rebuild the site.

Locally the generator runs in a child process, debounced (a burst of publishes gives one
build) and never two at once. In production a POST to the build hook (Netlify) does it.
"""
import logging
import subprocess
import sys
import threading
import time
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


class Rebuilder:
    def __init__(self):
        self._lock = threading.Lock()
        self._timer = None
        self._running = threading.Lock()
        self.last_duration = None
        self.builds = 0
        self._page_ids = set()

    def request(self, delay, page_id=None):
        with self._lock:
            if page_id is not None:
                self._page_ids.add(page_id)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(delay, self._build)
            self._timer.daemon = True
            self._timer.start()

    def _build(self):
        with self._running:
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "portal.cli", "build", "--content", str(settings.PORTAL_CONTENT_DIR),
                 "--output", str(settings.PORTAL_OUTPUT_DIR)],
                cwd=str(settings.PROJECT_ROOT), capture_output=True, text=True)
            self.last_duration = time.perf_counter() - started
            self.builds += 1
            with self._lock:
                page_ids, self._page_ids = self._page_ids, set()
            if result.returncode:
                logger.error("site build failed after an export:\n%s", result.stderr)
                _report_build_failure(page_ids, result.stderr)
            else:
                logger.info("site rebuilt in %.1f s", self.last_duration)

    def wait(self, timeout=120):
        """For tests and the benchmark: wait until the pending build has finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                timer = self._timer
            if timer is None or (not timer.is_alive() and not self._running.locked()):
                return True
            time.sleep(0.05)
        return False


def _report_build_failure(page_ids, stderr):
    """The site keeps its last good build; editors see why the new one failed."""
    from django.db import connection

    from .models import ExportFailure

    problems = [line.strip() for line in stderr.splitlines() if line.startswith("  ")][:10]
    message = "The site could not be rebuilt, it still shows the previous version: " + "; ".join(problems)
    for page_id in page_ids or {0}:
        ExportFailure.objects.create(page_id=page_id, message=message)
    connection.close()


rebuilder = Rebuilder()


def post_build_hook(url):
    request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            logger.info("build hook answered %s", response.status)
    except OSError as error:
        logger.error("build hook failed: %s", error)


def changed(relative_paths, page, user):
    if settings.PORTAL_GIT_COMMIT:
        from .history import commit_export

        commit_export(relative_paths, page, user)
    mode = settings.PORTAL_REBUILD
    if mode == "local":
        rebuilder.request(settings.PORTAL_REBUILD_DELAY, page.pk)
    elif mode == "hook" and settings.PORTAL_BUILD_HOOK_URL:
        threading.Thread(target=post_build_hook, args=(settings.PORTAL_BUILD_HOOK_URL,), daemon=True).start()
