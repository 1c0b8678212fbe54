"""Open data written with the site: services.geojson, the service directory, pages.json and
the calendars (one .ics per event, one feed per locale), and the events index."""
import datetime
import json
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup

from portal import cli
from site_generator.build import build_site
from site_generator.event_dates import last_date, next_date
from site_generator.plugins.open_data import by_event_date

from .small_site import write_small_site, write_translation

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
FALLBACK = ("th", "housing/nowhere-to-sleep")          # never translated in the sample
REVIEWED = ("ar", "services/job-centre-harborough")    # reviewed in every professional locale
OUTDATED = ("uk", "work/finding-work")                 # translated from an older source revision


@pytest.fixture(scope="module")
def output(sample_site):
    return sample_site[0]


@pytest.fixture(scope="module")
def site(sample_site):
    return sample_site[1].site


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def built_file(output, url, base_url):
    """The file a URL of the site is served from (a page's index.html), and its fragment."""
    assert url.startswith(base_url + "/"), url
    path, _, fragment = url[len(base_url):].partition("#")
    return output / (path.lstrip("/") + ("index.html" if path.endswith("/") else "")), fragment


# services.geojson


def test_services_geojson_is_an_rfc_7946_feature_collection(output, site, config):
    with_coordinates = [page for page in site.of_kind("service")
                        if page.source.front_matter.get("latitude") is not None]
    for locale in config.locales:
        data = read_json(output / locale.code / "services.geojson")
        assert data["type"] == "FeatureCollection"
        assert "crs" not in data  # RFC 7946: always WGS 84, longitude first
        assert [feature["id"] for feature in data["features"]] == [page.id for page in with_coordinates]
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            geometry = feature["geometry"]
            assert geometry["type"] == "Point"
            longitude, latitude = geometry["coordinates"]
            facts = site.by_id[feature["id"]].source.front_matter
            assert (longitude, latitude) == (facts["longitude"], facts["latitude"])
            assert -180 <= longitude <= 180 and -90 <= latitude <= 90
            # Northvale lies near 47° N, 15° E: the other order would put it in the Horn of Africa.
            assert 46 < latitude < 48 and 14 < longitude < 17
            properties = feature["properties"]
            assert properties["id"] == feature["id"]
            for key in ("title", "url", "topic", "organization", "address", "district", "phone", "email", "website",
                        "languages", "free", "walk_in", "no_id_needed", "barrier_free", "opening_hours",
                        "appointment_only", "temporarily_closed"):
                assert key in properties, key
            page_file, _ = built_file(output, properties["url"], config.base_url)
            assert page_file.is_file(), properties["url"]
            assert f"/{locale.code}/services/" in properties["url"]
            assert properties["opening_hours"] == {day: list(ranges or [])
                                                   for day, ranges in facts["opening_hours"].items()}


def test_services_geojson_speaks_the_locale(output, site):
    code, path = REVIEWED
    feature = next(feature for feature in read_json(output / code / "services.geojson")["features"]
                   if feature["id"] == path.split("/")[1])
    page = site.by_id[feature["id"]]
    assert feature["properties"]["title"] == page.translations[code].front_matter["title"]
    assert feature["properties"]["title"] != page.source.front_matter["title"]
    assert feature["properties"]["topic_title"] == "العمل"


# services/directory.json


def test_directory_json_has_the_format_the_browser_directory_reads(output, site, config):
    services = site.of_kind("service")
    for locale in config.locales:
        data = read_json(output / locale.code / "services" / "directory.json")
        assert set(data) == {"timeZone", "districts", "services"}
        assert data["timeZone"] == config.time_zone
        names = [district["name"] for district in data["districts"]]
        assert names == sorted(names) and len(set(names)) == len(names)
        for district in data["districts"]:
            assert set(district) == {"name", "latitude", "longitude"}
            assert isinstance(district["latitude"], float) and isinstance(district["longitude"], float)
        assert [entry["id"] for entry in data["services"]] == [page.id for page in services]
        for entry, page in zip(data["services"], services):
            facts = page.source.front_matter
            assert set(entry) == {"id", "title", "url", "topic", "latitude", "longitude", "district", "languages",
                                  "free", "walk_in", "no_id_needed", "barrier_free", "hours", "appointment_only",
                                  "temporarily_closed"}
            assert entry["title"] == page.document_for(locale.code).front_matter["title"]
            assert entry["url"] == f"/{locale.code}/services/{page.slug}/"
            assert (output / entry["url"].lstrip("/") / "index.html").is_file()
            assert entry["topic"] == page.topic
            assert isinstance(entry["latitude"], float) and isinstance(entry["longitude"], float)
            assert entry["district"] == facts["address"].get("district")
            assert entry["district"] in names
            assert entry["languages"] == facts["languages"]
            for flag in ("free", "walk_in", "no_id_needed", "barrier_free"):
                assert entry[flag] is bool(facts.get(flag))
            assert list(entry["hours"]) == WEEKDAYS
            for day, ranges in entry["hours"].items():
                assert ranges == [text.split("-") for text in (facts["opening_hours"].get(day) or [])]
                assert all(len(pair) == 2 and all(HH_MM.match(time) for time in pair) for pair in ranges)
            assert set(entry["appointment_only"]) <= set(WEEKDAYS)
            closed = entry["temporarily_closed"]
            if facts.get("temporarily_closed"):
                assert closed == {"from": facts["temporarily_closed"]["from"].isoformat(),
                                  "until": facts["temporarily_closed"]["until"].isoformat()}
            else:
                assert closed is None


def test_a_district_sits_at_the_mean_of_its_services(output, site):
    data = read_json(output / "en" / "services" / "directory.json")
    for district in data["districts"]:
        members = [entry for entry in data["services"] if entry["district"] == district["name"]]
        assert members
        assert district["latitude"] == pytest.approx(sum(m["latitude"] for m in members) / len(members), abs=1e-6)
        assert district["longitude"] == pytest.approx(sum(m["longitude"] for m in members) / len(members), abs=1e-6)


# pages.json


def test_pages_json_lists_every_page_with_its_translation_state(output, site, config):
    pages = site.of_kind("guide", "steps", "service", "event", "organization", "term")
    assert {page.kind for page in pages} == {"guide", "steps", "service", "event", "organization", "term"}
    for locale in config.locales:
        data = read_json(output / locale.code / "pages.json")
        assert data["locale"] == locale.code
        listed = {entry["id"]: entry for entry in data["pages"]}
        assert list(listed) == [page.id for page in pages]
        for page in pages:
            entry = listed[page.id]
            document = page.document_for(locale.code)
            assert entry["kind"] == page.kind and entry["topic"] == page.topic
            assert entry["title"] == document.front_matter["title"]
            assert entry["summary"] == document.front_matter["summary"]
            assert entry["updated"] == document.front_matter["updated"].isoformat()
            assert entry["translation"] == page.state(locale.code)
            assert entry["translation"] in ("source", "reviewed", "machine", "outdated", "missing")
            page_file, fragment = built_file(output, entry["url"], config.base_url)
            assert page_file.is_file(), entry["url"]
            if fragment:
                assert f'id="{fragment}"' in page_file.read_text(encoding="utf-8")


def test_pages_json_states_as_readers_see_them(output):
    def state(code, path):
        page_id = path.split("/")[1]
        return next(entry for entry in read_json(output / code / "pages.json")["pages"] if entry["id"] == page_id)

    fallback = state(*FALLBACK)
    assert fallback["translation"] == "missing" and fallback["language"] == "en"
    assert fallback["url"].endswith(f"/{FALLBACK[0]}/{FALLBACK[1]}/")
    assert state(*REVIEWED)["translation"] == "reviewed"
    assert state("en", REVIEWED[1])["translation"] == "source"
    assert state(*OUTDATED)["translation"] == "outdated"
    assert state("fr", REVIEWED[1])["translation"] == "missing"  # no DeepL in the sample


# Calendars


def parse_calendar(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    return calendar


def test_every_event_has_an_ics_file_in_every_locale(output, site, config):
    host = urlsplit(config.base_url).hostname
    for locale in config.locales:
        for page in site.of_kind("event"):
            calendar = parse_calendar(output / locale.code / "events" / page.slug / "event.ics")
            [zone] = calendar.walk("VTIMEZONE")
            assert str(zone["TZID"]) == config.time_zone
            [event] = calendar.walk("VEVENT")
            document = page.document_for(locale.code)
            assert str(event["UID"]) == f"{page.id}@{host}"
            assert str(event["SUMMARY"]) == document.front_matter["title"]
            assert str(event["DESCRIPTION"]).startswith(document.front_matter["summary"])
            assert str(event["URL"]) == config.base_url + page.url(locale.code)
            assert event.decoded("DTSTAMP") == datetime.datetime(2026, 11, 22, tzinfo=datetime.timezone.utc)
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            facts = page.source.front_matter
            assert start.replace(tzinfo=None) == datetime.datetime.fromisoformat(str(facts["start"]))
            assert end.replace(tzinfo=None) == datetime.datetime.fromisoformat(str(facts["end"]))
            assert str(start.tzinfo) == config.time_zone and start.utcoffset() is not None
            assert str(event["LOCATION"]).startswith(facts["place"]["name"])
            assert ("RRULE" in event) == bool(facts.get("recurrence"))


def test_a_recurring_event_keeps_its_rule_and_local_time(output):
    path = output / "ar" / "events" / "language-cafe" / "event.ics"
    assert "DTSTART;TZID=Europe/Vienna:20260901T180000" in path.read_text(encoding="utf-8")
    [event] = parse_calendar(path).walk("VEVENT")
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (18, 0)
    # 18:00 in Vienna on 1 September is 16:00 UTC (summer time).
    assert start.astimezone(datetime.timezone.utc) == datetime.datetime(2026, 9, 1, 16, 0, tzinfo=datetime.timezone.utc)
    [monthly] = parse_calendar(output / "en" / "events" / "womens-breakfast" / "event.ics").walk("VEVENT")
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"] and monthly["RRULE"]["BYDAY"] == ["1SA"]
    [last] = parse_calendar(output / "en" / "events" / "welcome-evening" / "event.ics").walk("VEVENT")
    assert last["RRULE"]["BYDAY"] == ["-1TH"]


def test_the_embedded_time_zone_gives_the_right_times_on_its_own(output):
    """A client that does not know the zone's name relies on the VTIMEZONE alone."""
    text = (output / "en" / "events.ics").read_text(encoding="utf-8").replace("Europe/Vienna", "Portal/Local")
    calendar = icalendar.Calendar.from_ical(text)
    zone = calendar.walk("VTIMEZONE")[0].to_tz()
    summer = datetime.datetime(2026, 9, 1, 18, 0, tzinfo=zone)
    winter = datetime.datetime(2027, 1, 21, 17, 30, tzinfo=zone)
    assert summer.utcoffset() == datetime.timedelta(hours=2)
    assert winter.utcoffset() == datetime.timedelta(hours=1)
    vienna = ZoneInfo("Europe/Vienna")
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.utcoffset() == start.replace(tzinfo=vienna).utcoffset(), event["UID"]
    # Onsets in the offset they change from (RFC 5545 3.6.5): 02:00 in spring, 03:00 in autumn.
    assert "DTSTART:20270328T020000" in text or "RDATE:20270328T020000" in text.replace("\r\n ", "")
    assert re.search(r"20271031T030000", text.replace("\r\n ", ""))


def test_the_feed_of_each_locale_holds_every_event(output, site, config):
    host = urlsplit(config.base_url).hostname
    expected = {f"{page.id}@{host}" for page in site.of_kind("event")}
    for locale in config.locales:
        calendar = parse_calendar(output / locale.code / "events.ics")
        uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
        assert sorted(uids) == sorted(expected) and len(uids) == len(set(uids))
        assert len(calendar.walk("VTIMEZONE")) == 1
        assert calendar.get("X-WR-CALNAME")


def test_event_page_and_index_link_the_calendars(output, site, config):
    for locale in config.locales:
        index = BeautifulSoup((output / locale.code / "events" / "index.html").read_text(), "html.parser")
        feed = index.select_one(f'a[href="/{locale.code}/events.ics"]')
        assert feed is not None and feed["type"] == "text/calendar"
        for page in site.of_kind("event"):
            html = BeautifulSoup((output / locale.code / "events" / page.slug / "index.html").read_text(),
                                 "html.parser")
            link = html.select_one(".add-to-calendar a")
            assert link["href"] == f"/{locale.code}/events/{page.slug}/event.ics"
            assert link["type"] == "text/calendar" and link.has_attr("download")


# Upcoming and past


def test_events_index_lists_upcoming_events_by_date_with_the_day_they_end(output):
    index = BeautifulSoup((output / "en" / "events" / "index.html").read_text(), "html.parser")
    upcoming = index.select_one('ul[data-events="upcoming"]')
    assert upcoming["data-built"] == "2026-11-22" and upcoming["data-time-zone"] == "Europe/Vienna"
    slugs = [item.a["href"].split("/")[-2] for item in upcoming.select("li")]
    # On 22 November 2026: Tuesday 24th, the last Thursday (26th), the first Saturday of December,
    # then the one-off events in their order.
    assert slugs == ["language-cafe", "welcome-evening", "womens-breakfast", "tenant-rights-workshop",
                     "job-fair-2027", "health-information-day"]
    items = {item.a["href"].split("/")[-2]: item for item in upcoming.select("li")}
    assert items["job-fair-2027"]["data-ends"] == "2027-02-18"
    assert not items["language-cafe"].has_attr("data-ends") and not items["language-cafe"].has_attr("data-until")


def test_next_and_last_dates_of_rules(site):
    today = datetime.date(2026, 11, 22)
    facts = {"start": "2026-01-31T10:00", "end": "2026-01-31T11:00", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=31"}
    assert next_date(facts, today) == datetime.date(2026, 12, 31)
    assert last_date(facts, today) == datetime.date(2026, 10, 31)
    facts = {"start": "2026-01-02T10:00", "end": "2026-01-02T11:00",
             "recurrence": "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261120"}
    assert next_date(facts, today) is None
    assert last_date(facts, today) == datetime.date(2026, 10, 30)
    facts = {"start": "2026-11-20T22:00", "end": "2026-11-23T02:00"}
    assert next_date(facts, today) == datetime.date(2026, 11, 20)   # still going on
    assert last_date(facts, today) is None


# A small site: a service without coordinates, a past event, a rule with an end.


@pytest.fixture(scope="module")
def small(tmp_path_factory, config):
    root = tmp_path_factory.mktemp("open-data")
    content = write_small_site(root / "content")
    service = content / "en" / "services" / "job-centre.md"
    service.write_text(service.read_text().replace("latitude: 47.07\nlongitude: 15.43\n", ""), encoding="utf-8")
    event = content / "en" / "events" / "language-cafe.md"
    event.write_text(event.read_text().replace("BYDAY=TU", "BYDAY=TU,TH;UNTIL=20261231"), encoding="utf-8")
    write_translation(content, "en/events/open-day.md", """\
        ---
        id: open-day
        kind: event
        topic: education
        title: Open day
        summary: Visit the school.
        audiences: []
        updated: 2026-09-01
        review_by: 2027-04-01
        start: 2026-10-03T09:00
        end: 2026-10-03T12:00
        place: {name: School}
        ---
        """)
    state = build_site(config, content_dir=content, output_dir=root / "output")
    return root, state


def test_a_service_without_coordinates_is_listed_but_not_near_me(small):
    root, state = small
    output = root / "output"
    assert state.problems == []
    assert state.notes == ["services without coordinates (listed, left out of 'near me'): job-centre"]
    assert read_json(output / "en" / "services.geojson")["features"] == []
    [entry] = read_json(output / "en" / "services" / "directory.json")["services"]
    assert entry["id"] == "job-centre" and entry["latitude"] is None and entry["longitude"] is None
    assert entry["district"] is None and entry["hours"]["mon"] == [["08:00", "12:00"], ["13:00", "15:00"]]
    assert read_json(output / "en" / "services" / "directory.json")["districts"] == []
    assert (output / "en" / "services" / "job-centre" / "index.html").is_file()
    assert "/en/services/job-centre/" in (output / "en" / "services" / "index.html").read_text()
    assert any(page["id"] == "job-centre" for page in read_json(output / "en" / "pages.json")["pages"])


def test_the_build_report_prints_the_note(small, capsys):
    root, _ = small
    assert cli.main(["check", "--content", str(root / "content")]) == 0
    printed = capsys.readouterr().out
    assert "services without coordinates (listed, left out of 'near me'): job-centre" in printed


def test_a_rule_with_an_end_and_a_past_event(small):
    root, _ = small
    output = root / "output"
    [event] = parse_calendar(output / "en" / "events" / "language-cafe" / "event.ics").walk("VEVENT")
    rule = event["RRULE"]
    assert rule["BYDAY"] == ["TU", "TH"]
    # UNTIL in UTC (RFC 5545 with a zoned start): the end of 31 December in Vienna.
    assert rule["UNTIL"] == [datetime.datetime(2026, 12, 31, 22, 59, 59, tzinfo=datetime.timezone.utc)]
    [one_off] = parse_calendar(output / "en" / "events" / "open-day" / "event.ics").walk("VEVENT")
    assert "RRULE" not in one_off and str(one_off["LOCATION"]) == "School" and "GEO" not in one_off
    index = BeautifulSoup((output / "en" / "events" / "index.html").read_text(), "html.parser")
    [upcoming] = index.select('ul[data-events="upcoming"] li')
    assert upcoming["data-until"] == "2026-12-31"
    [past] = index.select('ul[data-events="past"] li')
    assert past["data-ends"] == "2026-10-03" and past.a["href"] == "/en/events/open-day/"


def test_events_sort_by_their_next_date_and_past_ones_latest_first(site):
    class View:
        def __init__(self, title, start, end, recurrence=None):
            self.title = title
            self.facts = {"start": start, "end": end, **({"recurrence": recurrence} if recurrence else {})}

    today = datetime.date(2026, 11, 22)
    weekly = View("b", "2026-01-01T10:00", "2026-01-01T11:00", "FREQ=WEEKLY;BYDAY=WE")
    once = View("a", "2026-11-25T10:00", "2026-11-25T11:00")
    later = View("c", "2026-12-01T10:00", "2026-12-01T11:00")
    assert [v.title for v in by_event_date([later, weekly, once], today)] == ["a", "b", "c"]
    old = View("old", "2026-01-01T10:00", "2026-01-01T11:00")
    recent = View("recent", "2026-11-01T10:00", "2026-11-01T11:00")
    assert [v.title for v in by_event_date([old, recent], today, past=True)] == ["recent", "old"]
