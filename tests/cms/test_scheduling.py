"""go_live_at and expire_at, end to end with a frozen clock: `publish_scheduled` publishes or
unpublishes, and the export follows."""
import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from .conftest import page_in

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.timezone.utc)


def test_scheduled_publication_reaches_content(people, small_cms):
    page = page_in("find-a-job", "en")
    with freeze_time(NOW):
        page.title = "Find a job (new rules from 2 December)"
        page.go_live_at = NOW + datetime.timedelta(days=1)
        revision = page.save_revision(user=people["editor"], approved_go_live_at=page.go_live_at)
        revision.publish(user=people["editor"])
    path = small_cms / "en/work/find-a-job.md"
    assert "new rules" not in path.read_text(), "not before its time"
    with freeze_time(NOW + datetime.timedelta(hours=23)):
        call_command("publish_scheduled")
    assert "new rules" not in path.read_text()
    with freeze_time(NOW + datetime.timedelta(days=1, minutes=1)):
        call_command("publish_scheduled")
    assert "new rules" in path.read_text()


def test_expiry_unpublishes_and_removes_the_file(people, small_cms):
    page = page_in("language-cafe", "en")
    page.expire_at = NOW + datetime.timedelta(days=3)
    page.save()
    path = small_cms / "en/events/language-cafe.md"
    with freeze_time(NOW + datetime.timedelta(days=2)):
        call_command("publish_scheduled")
    assert path.exists()
    with freeze_time(NOW + datetime.timedelta(days=3, minutes=1)):
        call_command("publish_scheduled")
    assert not path.exists()
    page.refresh_from_db()
    assert not page.live and page.expired


def test_review_by_dates_feed_the_due_for_review_report(small_cms):
    from base.reports import due_for_review

    page = page_in("job-centre", "en")
    assert page not in due_for_review(today=datetime.date(2027, 3, 31))
    assert page in due_for_review(today=datetime.date(2027, 4, 1))
    assert timezone.localdate() is not None
