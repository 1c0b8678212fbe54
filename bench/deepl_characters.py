"""Characters sent to DeepL for the sample content, measured against the local
DeepL-API-compatible test server (tests/deepl_server.py) with the official client.

    python bench/deepl_characters.py

Prints the characters sent for: the first full draft of every DeepL-drafted locale, a re-run
with no change, and a re-run after one paragraph of one page was edited.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    sys.path[:0] = [str(ROOT), str(ROOT / "cms")]
    from tests.deepl_server import DeepLTestServer

    work = Path(tempfile.mkdtemp(prefix="deepl-characters-"))
    shutil.copytree(ROOT / "content", work / "content")
    # The sample portal.yaml budgets 500,000 characters a month (DeepL's free tier); the bench
    # measures the whole first draft, so it runs with a copy that allows more.
    config_text = (ROOT / "portal.yaml").read_text(encoding="utf-8")
    (work / "portal.yaml").write_text(config_text.replace("deepl_characters_per_month: 500000",
                                                          "deepl_characters_per_month: 50000000"), encoding="utf-8")
    os.environ["PORTAL_CONFIG"] = str(work / "portal.yaml")
    server = DeepLTestServer(auth_key="bench-key")
    server.start()
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal_cms.settings.dev", "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "PORTAL_CONTENT_DIR": str(work / "content"), "PORTAL_OUTPUT_DIR": str(work / "output"),
        "PORTAL_REBUILD": "off", "DEEPL_AUTH_KEY": "bench-key", "DEEPL_SERVER_URL": server.url,
        "PORTAL_MACHINE_DRAFTS": "0"})
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from base.importer import import_content
    from base.models import PortalPage
    from machine_translation.runs import run_drafts, source_pages

    call_command("migrate", verbosity=0)
    import_content()

    def run(label):
        runs = run_drafts(source_pages(), trigger="bench")
        sent = {code: run.characters_sent for code, run in runs.items()}
        statuses = {run.status for run in runs.values()}
        print(f"{label}: {sum(sent.values()):,} characters in total; per locale: "
              + ", ".join(f"{code} {count:,}" for code, count in sent.items()) + f" ({', '.join(statuses)})")

    run("first full draft")
    run("re-run, no change")
    page = next(p for p in Page.objects.type(PortalPage).filter(locale__language_code="en").specific()
                if p.content_id == "finding-work")
    body = page.body.raw_data
    for block in body:
        if block["type"] == "text" and "Look at your residence permit" in block["value"]:
            block["value"] = block["value"].replace("On the back it says if you may work.",
                                                    "On the back of the card it says if you may work.")
            break
    page.body = body
    page.save_revision().publish()
    run("re-run after editing one paragraph")
    published = sum(1 for p in Page.objects.type(PortalPage).live().exclude(locale__language_code="en")
                    .filter(locale__language_code__in=[loc.code for loc in django.conf.settings.PORTAL.machine]))
    print(f"machine-translated pages published: {published}; server billed {server.characters_billed:,} characters")
    server.stop()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
