"""The CMS with the whole corpus in it: how fast an editor's page list and the coverage report answer.

    python bench/cms_reports.py [--pages 2000] [--locales 18] [--reuse] [--requests 10]

Imports the synthetic corpus (bench/corpus.py, the same folder bench/build_speed.py builds) into a
fresh CMS database with the project's own importer: a SQLite file under bench/.corpus/, or, when
DATABASE_URL names a PostgreSQL server, a database `portal_bench_<pages>x<locales>` created beside
the one it names (and left there for --reuse).
Then, logged in as an editor through Django's test client, times --requests requests (after one
untimed request) of: the page explorer's listing of the section with the most pages, and the
translation coverage report; prints the median, the p95 and the number of SQL queries of each.
The goal is under 500 ms each. --reuse keeps a database that already holds this corpus.
"""
import argparse
import datetime
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "cms")]

from bench.corpus import corpus_config, generate  # noqa: E402
from portal.config import load_config  # noqa: E402

WORK = ROOT / "bench" / ".corpus"
RESULTS = ROOT / "bench" / "results" / "cms.json"
GOAL_MS = 500


def percentile(values, share):
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]


def setup_django(root, config_path, corpus):
    os.environ["PORTAL_CONFIG"] = str(config_path)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal_cms.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{root / 'cms.sqlite3'}")
    import django

    django.setup()
    from django.db import connection

    database = connection.settings_dict
    # The test database machinery creates (or keeps) a database of its own name, one per corpus, so
    # the bench never touches the database DATABASE_URL names, nor one corpus another's.
    sqlite = database["ENGINE"].endswith("sqlite3")
    database["TEST"]["NAME"] = database["NAME"] if sqlite else f"portal_bench_{corpus}"
    return database


def fresh_database(reuse, stamp_path, stamp):
    from django.db import connection

    kept = reuse and stamp_path.is_file() and json.loads(stamp_path.read_text()) == stamp
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=kept)
    return kept


def import_corpus(content):
    from base.importer import import_content
    from base.roles import EDITORS, setup_roles
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    started = time.perf_counter()
    counts = import_content(content)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum does a little after a bulk load: without statistics the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    setup_roles()
    editor = get_user_model().objects.create_user("bench-editor", "editor@example.org", "a-long-bench-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return sum(counts.values()), seconds


def largest_section():
    from base.models import SectionPage
    from django.conf import settings

    return (SectionPage.objects.filter(locale__language_code=settings.PORTAL.source.code)
            .order_by("-numchild", "path").first())


def time_requests(client, url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # untimed: templates compiled, caches warm, as on a running server
    if response.status_code != 200:
        raise SystemExit(f"GET {url}: HTTP {response.status_code} for the editor")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request clears what the context points into
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: HTTP {response.status_code}")
    return {"url": url, "median_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
            "queries": queries, "bytes": len(response.content)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="source pages in the corpus (default 2000)")
    parser.add_argument("--locales", type=int, default=18, help="locales, the source included (default 18)")
    parser.add_argument("--requests", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it holds this corpus already")
    args = parser.parse_args()
    root = WORK / f"build-{args.pages}x{args.locales}"
    config_path, _ = corpus_config(root, args.locales)
    if not (root / "content").is_dir():
        generate(root, load_config(config_path), args.pages)
    database = setup_django(root, config_path, f"{args.pages}x{args.locales}")
    engine = "PostgreSQL" if "postgresql" in database["ENGINE"] else "SQLite"
    stamp = {"pages": args.pages, "locales": args.locales, "database": str(database["TEST"]["NAME"])}
    stamp_path = root / f"cms-import-{engine.lower()}.json"
    kept = fresh_database(args.reuse, stamp_path, stamp)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Page

    from base.models import PortalPage

    name = f"{root.name}-{engine.lower()}"
    if kept:
        print(f"{engine} database {database['NAME']}: kept from an earlier import of this corpus")
        result = json.loads(RESULTS.read_text()).get(name, {}) if RESULTS.is_file() else {}
    else:
        stamp_path.unlink(missing_ok=True)
        pages, seconds = import_corpus(root / "content")
        stamp_path.write_text(json.dumps(stamp))
        print(f"imported {pages:,} pages into {engine} ({database['NAME']}) in {seconds:.0f} s")
        result = {"import_seconds": round(seconds, 1), "imported_pages": pages}
    section = largest_section()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-editor"))
    total = Page.objects.type(PortalPage).count()
    print(f"{total:,} portal pages in the CMS; timing {args.requests} requests each as an editor "
          f"(goal < {GOAL_MS} ms):")
    result.update({"engine": engine, "portal_pages": total,
                   "measured": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                   "load_average": [round(value, 2) for value in os.getloadavg()]})
    for key, label, url in (
            ("page_list", f"page list of '{section.title}' ({section.numchild} pages)",
             f"/admin/pages/{section.pk}/"),
            ("translation_coverage", "translation coverage report", "/admin/reports/translation-coverage/")):
        row = result[key] = time_requests(client, url, args.requests)
        verdict = "within the goal" if row["p95_ms"] < GOAL_MS else "OVER the goal"
        print(f"  {label}: median {row['median_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms, "
              f"{row['queries']} SQL queries, {row['bytes'] / 1024:.0f} KB ({verdict})")
    print(f"load average: {result['load_average']} on {os.cpu_count()} cores")
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({**results, name: result}, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)} [{name}]")


if __name__ == "__main__":
    main()
