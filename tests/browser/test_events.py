"""The events index corrects itself on the day it is read: events that ended since the build
move from upcoming to past."""
import datetime

import pytest

pytestmark = pytest.mark.browser


def test_events_that_ended_since_the_build_move_to_past(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site_url}/en/events/")
        upcoming = page.locator("[data-events=upcoming] > li")
        ends = [item.get_attribute("data-ends") for item in upcoming.all()]
        one_off = sorted(day for day in ends if day)
        assert one_off, "the sample has one-off upcoming events"
        built = page.locator("[data-events=upcoming]").get_attribute("data-built")
        assert all(day >= built for day in one_off), "at build time, nothing upcoming has ended"
        # Read the page the day after the first one-off event ended (noon UTC, so the same day
        # in the portal's zone).
        later = datetime.datetime.fromisoformat(one_off[0]) + datetime.timedelta(days=1, hours=12)
        page.clock.set_fixed_time(later.replace(tzinfo=datetime.timezone.utc))
        page.reload()
        page.wait_for_function(
            "(day) => [...document.querySelectorAll('[data-events=past] > li')].some((li) => li.dataset.ends === day)",
            arg=one_off[0])
        assert page.locator("#past").is_visible()
        still = [item.get_attribute("data-ends") for item in page.locator("[data-events=upcoming] > li").all()]
        assert one_off[0] not in still
        assert all(day is None or day >= later.date().isoformat() for day in still)
    finally:
        context.close()
