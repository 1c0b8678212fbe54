"""Editors' reports: translation coverage counts and the admin pages that show them."""
import pytest

from base.reports import translation_coverage

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
    from .conftest import page_in

    client.force_login(people["admin"])
    response = client.get(f"/admin/pages/{page_in('find-a-job', 'en').pk}/edit/")
    assert response.status_code == 200
    for locale, state in (("ar", "reviewed"), ("fr", "machine"), ("uk", "outdated"), ("th", "missing")):
        assert f'data-locale="{locale}" data-state="{state}"'.encode() in response.content
