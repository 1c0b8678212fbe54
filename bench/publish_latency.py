"""How long one publish in the CMS takes to reach the static site, with the sample content.

    python bench/publish_latency.py

Imports content/ into a fresh SQLite CMS in a temporary folder, builds the site, then
publishes an edit of one source page as an editor would and times: the export into
content/, and the export plus the local rebuild until the static page shows the change.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    work = Path(tempfile.mkdtemp(prefix="publish-latency-"))
    shutil.copytree(ROOT / "content", work / "content")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal_cms.settings.dev", "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "PORTAL_CONTENT_DIR": str(work / "content"), "PORTAL_OUTPUT_DIR": str(work / "output"),
        "PORTAL_REBUILD": "local", "PORTAL_REBUILD_DELAY": "0.5"})
    sys.path[:0] = [str(ROOT), str(ROOT / "cms")]
    subprocess.run([sys.executable, "-m", "portal.cli", "build", "--content", str(work / "content"), "--output",
                    str(work / "output")], cwd=ROOT, check=True, capture_output=True)
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from base.importer import import_content
    from base.models import PortalPage
    from base.rebuild import rebuilder

    call_command("migrate", verbosity=0)
    import_content()
    page = next(p for p in Page.objects.type(PortalPage).filter(locale__language_code="en").specific()
                if p.content_id == "finding-work")
    page.title = "Finding work in Northvale (edited)"
    started = time.perf_counter()
    revision = page.save_revision()
    revision.publish()
    exported = time.perf_counter()
    html = work / "output" / "en" / "work" / "finding-work" / "index.html"
    while "(edited)" not in html.read_text(encoding="utf-8"):
        rebuilder.wait(timeout=120)
        time.sleep(0.05)
    done = time.perf_counter()
    print(f"sample content: {Page.objects.type(PortalPage).count()} pages in the CMS")
    print(f"publish -> content/ written: {(exported - started) * 1000:.0f} ms")
    print(f"publish -> static page shows the change: {done - started:.1f} s "
          f"(debounce 0.5 s + site build {rebuilder.last_duration:.1f} s)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
