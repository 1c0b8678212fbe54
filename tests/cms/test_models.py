"""Admin forms reject bad facts with messages that say what is wrong."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from .conftest import page_in

pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_coordinates_out_of_range(small_cms):
    page = page_in("job-centre", "en")
    page.latitude = 147.07
    assert "out of range" in errors_of(page)["latitude"][0]


def test_latitude_without_longitude(small_cms):
    page = page_in("job-centre", "en")
    page.longitude = None
    assert "go together" in errors_of(page)["longitude"][0]


def test_event_ending_before_it_starts(small_cms):
    page = page_in("language-cafe", "en")
    page.end = page.start - datetime.timedelta(hours=1)
    assert "ends before it starts" in errors_of(page)["end"][0]


def test_malformed_opening_hours(small_cms):
    page = page_in("job-centre", "en")
    page.hours_tue = "9 to 5"
    message = errors_of(page)["hours_tue"][0]
    assert "'9 to 5'" in message and "08:00-12:00" in message


def test_bad_recurrence_rule(small_cms):
    page = page_in("language-cafe", "en")
    page.recurrence = "every tuesday"
    assert "Recurrence" in errors_of(page)["recurrence"][0]


def add_guide_beside(existing, slug, content_id):
    from guides.models import GuidePage

    guide = GuidePage(title="Another", slug=slug, content_id=content_id, topic="work", summary="S",
                      review_by=timezone.localdate(), locale=existing.locale)
    with pytest.raises(ValidationError) as caught:
        existing.get_parent().add_child(instance=guide)
    return caught.value.message_dict


def test_duplicate_slug_in_a_locale(small_cms):
    existing = page_in("find-a-job", "en")
    assert "slug" in add_guide_beside(existing, existing.slug, "another")


def test_duplicate_content_id_in_a_locale(small_cms):
    errors = add_guide_beside(page_in("find-a-job", "en"), "another", "find-a-job")
    assert "already has the id 'find-a-job'" in errors["content_id"][0]


def test_guide_topic_must_match_its_section(small_cms):
    page = page_in("find-a-job", "en")
    page.topic = "health"
    assert "section" in errors_of(page)["topic"][0]


def test_unknown_language_code(small_cms):
    page = page_in("job-centre", "en")
    page.languages = ["en", "klingon"]
    assert "klingon" in errors_of(page)["languages"][0]


def test_an_id_taken_by_a_page_of_another_kind_is_refused(small_cms):
    errors = add_guide_beside(page_in("find-a-job", "en"), "another", "job-centre")
    assert "already has the id 'job-centre'" in errors["content_id"][0]


def pages_loaded_by_a_check(page):
    """Queries and page objects it takes to check a page: neither may grow with the pages beside it."""
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    loaded = []

    def count(sender, instance, **kwargs):
        if isinstance(instance, Page):
            loaded.append(instance)

    post_init.connect(count)
    try:
        with CaptureQueriesContext(connection) as captured:
            page.full_clean()
    finally:
        post_init.disconnect(count)
    return len(captured), len(loaded)


def test_checking_a_page_costs_as_much_beside_many_pages_as_beside_few(small_cms, people):
    from .test_reports import add_translated_guides

    few = pages_loaded_by_a_check(page_in("find-a-job", "en"))
    add_translated_guides(5, people["admin"])
    assert pages_loaded_by_a_check(page_in("find-a-job", "en")) == few
