"""Editors' reports: translation coverage counts and the admin pages that show them."""
import pytest

from base.reports import translation_coverage

from .conftest import page_in

pytestmark = pytest.mark.django_db


def test_coverage_counts_each_state_per_locale(small_cms):
    rows, counts = translation_coverage()
    assert len(rows) == 6
    assert counts["en"]["source"] == 6
    assert counts["ar"]["reviewed"] == 1 and counts["ar"]["missing"] == 5
    assert counts["fr"]["machine"] == 1
    assert counts["uk"]["outdated"] == 1
    assert counts["th"]["missing"] == 6


def test_report_pages_render_for_editors(client, people):
    client.force_login(people["admin"])
    coverage = client.get("/admin/reports/translation-coverage/")
    assert coverage.status_code == 200
    assert b'data-state="outdated"' in coverage.content
    due = client.get("/admin/reports/due-for-review/")
    assert due.status_code == 200


def test_edit_view_shows_the_state_in_every_locale(client, people):
    client.force_login(people["admin"])
    response = client.get(f"/admin/pages/{page_in('find-a-job', 'en').pk}/edit/")
    assert response.status_code == 200
    for locale, state in (("ar", "reviewed"), ("fr", "machine"), ("uk", "outdated"), ("th", "missing")):
        assert f'data-locale="{locale}" data-state="{state}"'.encode() in response.content


def add_translated_guides(count, user):
    """count more guides in the source locale, each with a published French translation."""
    from django.utils import timezone
    from wagtail.models import Locale

    from guides.models import GuidePage

    from .conftest import publish

    section = page_in("find-a-job", "en").get_parent()
    french = Locale.objects.get(language_code="fr")
    for number in range(count):
        guide = GuidePage(title=f"Extra guide {number}", slug=f"extra-{number}", content_id=f"extra-{number}",
                          topic="work", summary="More to read.", review_by=timezone.localdate(),
                          locale=section.locale)
        section.add_child(instance=guide)
        publish(guide, user)
        publish(guide.copy_for_translation(french).specific, user)


def coverage_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/admin/reports/translation-coverage/")  # works out what new pages need, once
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/reports/translation-coverage/")
    assert response.status_code == 200
    return len(captured)


def test_the_coverage_report_reads_as_many_queries_for_many_pages_as_for_few(client, people):
    client.force_login(people["editor"])
    few = coverage_queries(client)
    add_translated_guides(5, people["admin"])
    many = coverage_queries(client)
    rows, counts = translation_coverage()
    assert len(rows) == 11 and counts["fr"]["machine"] == 6, "the new pages are in the report"
    assert many == few


def test_the_coverage_report_sees_a_publish_at_once(client, people):
    from .conftest import publish

    client.force_login(people["editor"])
    client.get("/admin/reports/translation-coverage/")
    _, before = translation_coverage()
    page = page_in("find-a-job", "en")
    page.summary = "Where and how to look for work."
    publish(page, people["editor"])
    _, after = translation_coverage()
    assert (before["ar"]["reviewed"], after["ar"]["reviewed"]) == (1, 0)
    assert after["ar"]["outdated"] == before["ar"]["outdated"] + 1


def test_the_coverage_report_shows_every_page_a_page_of_rows_at_a_time(client, people, monkeypatch):
    from base import views

    monkeypatch.setattr(views, "COVERAGE_ROWS_PER_PAGE", 4)
    client.force_login(people["editor"])
    first = client.get("/admin/reports/translation-coverage/").content.decode()
    second = client.get("/admin/reports/translation-coverage/?p=2").content.decode()
    titles = sorted(row["page"].title for row in translation_coverage()[0])
    assert [title in first for title in titles] == [True] * 4 + [False] * 2
    assert [title in second for title in titles] == [False] * 4 + [True] * 2
    assert 'aria-current="page"' in second
    for page in (first, second):  # the totals always count every page
        thai = '<tr data-locale="th"><th scope="row">ไทย (th)</th><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td>'
        assert thai in page
