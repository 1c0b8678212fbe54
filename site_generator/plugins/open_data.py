"""Open data, written with the site (after the pages, before the link check):

- output/<locale>/services.geojson: an RFC 7946 FeatureCollection, one Point per service that
  has coordinates, its properties in that locale;
- output/<locale>/services/directory.json: what the in-browser service directory needs (hours
  per weekday as ranges, flags, coordinates or null, districts with a position);
- output/<locale>/pages.json: every page with its translation state as readers see it;
- output/<locale>/events/<slug>/event.ics: one event (RFC 5545), recurring ones with their RRULE;
- output/<locale>/events.ics: every event of the portal, the locale's calendar feed.

Times in the calendars are local times in the portal's time zone (TZID, with a VTIMEZONE).
A service without coordinates is listed everywhere but left out of services.geojson and of
"near me"; the build report names it (a note, not a problem).

The module also gives the theme the `by_event_date` filter that orders the events index.
"""
import datetime
import json
import os
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from pelican import signals

from ..i18n import load_translations
from ..schedule import RRULE_DAYS, WEEKDAYS, parse_hours_range, parse_local_datetime, parse_recurrence
from ..views import build_day
from .portal_pages import sort_key

PAGE_KINDS = ("guide", "steps", "service", "event", "organization", "term")
SERVICE_FLAGS = ("free", "walk_in", "no_id_needed", "barrier_free")
NO_COORDINATES_NOTE = "services without coordinates (listed, left out of 'near me'): {ids}"
# Recurring events without an end: the VTIMEZONE covers this many years after the build.
ZONE_YEARS_AHEAD = 5


# Event dates, shared by the calendars and the events index.

def event_schedule(facts):
    """(start, end, rule or None) of an event's source facts; times are naive local times."""
    start = parse_local_datetime(facts["start"])
    end = parse_local_datetime(facts["end"])
    rule = parse_recurrence(facts["recurrence"], start) if facts.get("recurrence") else None
    return start, end, rule


def _last_day_of_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def occurs_on(rule, start, day):
    """Whether a recurring event takes place on `day` (the first occurrence always counts)."""
    if day < start.date() or (rule["until"] and day > rule["until"]):
        return False
    if day == start.date():
        return True
    if rule["freq"] == "DAILY":
        return True
    if day.weekday() not in rule["days"] and rule["monthday"] is None:
        return False
    if rule["freq"] == "WEEKLY":
        return True
    if rule["monthday"] is not None:
        return day.day == rule["monthday"]
    if rule["ordinal"] == -1:
        return day + datetime.timedelta(days=7) > _last_day_of_month(day)
    return (day.day - 1) // 7 + 1 == rule["ordinal"]


def next_date(facts, today):
    """The first day on or after `today` the event takes place (or goes on), else None."""
    start, end, rule = event_schedule(facts)
    if rule is None:
        return start.date() if end.date() >= today else None
    day = max(start.date(), today)
    limit = rule["until"] or day + datetime.timedelta(days=400)
    while day <= limit:
        if occurs_on(rule, start, day):
            return day
        day += datetime.timedelta(days=1)
    return None


def last_date(facts, today):
    """The last day before `today` the event took place, else None."""
    start, end, rule = event_schedule(facts)
    if rule is None:
        return end.date() if end.date() < today else None
    day = min(rule["until"] or today, today - datetime.timedelta(days=1))
    while day >= start.date():
        if occurs_on(rule, start, day):
            return day
        day -= datetime.timedelta(days=1)
    return None


def by_event_date(views, today, past=False):
    """Upcoming events by their next date, soonest first; past ones by their last, latest first."""
    far = datetime.date.max

    def key(view):
        day = last_date(view.facts, today) if past else next_date(view.facts, today)
        if day is None:
            day = datetime.date.min if past else far
        return (day, sort_key(view.title))

    ordered = sorted(views, key=key)
    if past:
        ordered.sort(key=lambda view: key(view)[0], reverse=True)
    return ordered


def add_theme_filters(generator):
    if hasattr(generator, "env"):
        generator.env.filters["by_event_date"] = by_event_date


# Services

def _hours(facts):
    hours = facts.get("opening_hours") or {}
    result = {}
    for day in WEEKDAYS:
        ranges = []
        for text in hours.get(day) or []:
            opens, closes = parse_hours_range(text)
            ranges.append([opens.strftime("%H:%M"), closes.strftime("%H:%M")])
        result[day] = ranges
    return result


def _closed(facts):
    closed = facts.get("temporarily_closed")
    if not closed:
        return None
    return {"from": closed["from"].isoformat(), "until": closed["until"].isoformat()}


def _coordinates(facts):
    latitude, longitude = facts.get("latitude"), facts.get("longitude")
    if latitude is None or longitude is None:
        return None
    return float(latitude), float(longitude)


def _district(facts):
    district = (facts.get("address") or {}).get("district")
    return str(district) if district not in (None, "") else None


def _address(address):
    return {key: str(value) for key, value in (address or {}).items() if value not in (None, "")}


def service_feature(page, locale, config, gettext):
    """One GeoJSON Feature, or None for a service without coordinates."""
    facts = page.source.front_matter
    position = _coordinates(facts)
    if position is None:
        return None
    document = page.document_for(locale.code)
    topic = config.topic(page.topic)
    return {
        "type": "Feature",
        "id": page.id,
        "geometry": {"type": "Point", "coordinates": [position[1], position[0]]},
        "properties": {
            "id": page.id,
            "title": document.front_matter["title"],
            "summary": document.front_matter["summary"],
            "url": config.base_url + page.url(locale.code),
            "topic": page.topic,
            "topic_title": gettext(topic.title),
            "organization": facts.get("organization"),
            "address": _address(facts.get("address")),
            "district": _district(facts),
            "phone": facts.get("phone"),
            "email": facts.get("email"),
            "website": facts.get("website"),
            "languages": list(facts.get("languages") or []),
            **{flag: bool(facts.get(flag, False)) for flag in SERVICE_FLAGS},
            "opening_hours": {day: list(ranges or []) for day, ranges in (facts.get("opening_hours") or {}).items()},
            "appointment_only": list(facts.get("appointment_only") or []),
            "temporarily_closed": _closed(facts),
        },
    }


def services_geojson(site, locale, config, gettext):
    features = [service_feature(page, locale, config, gettext) for page in site.of_kind("service")]
    return {"type": "FeatureCollection", "features": [feature for feature in features if feature]}


def directory(site, locale, config):
    services, positions = [], {}
    for page in site.of_kind("service"):
        facts = page.source.front_matter
        position = _coordinates(facts)
        district = _district(facts)
        if district and position:
            positions.setdefault(district, []).append(position)
        services.append({
            "id": page.id,
            "title": page.document_for(locale.code).front_matter["title"],
            "url": page.url(locale.code),
            "topic": page.topic,
            "latitude": position[0] if position else None,
            "longitude": position[1] if position else None,
            "district": district,
            "languages": list(facts.get("languages") or []),
            **{flag: bool(facts.get(flag, False)) for flag in SERVICE_FLAGS},
            "hours": _hours(facts),
            "appointment_only": [day for day in WEEKDAYS if day in (facts.get("appointment_only") or [])],
            "temporarily_closed": _closed(facts),
        })
    districts = [{"name": name,
                  "latitude": round(sum(p[0] for p in points) / len(points), 6),
                  "longitude": round(sum(p[1] for p in points) / len(points), 6)}
                 for name, points in positions.items()]
    districts.sort(key=lambda district: (sort_key(district["name"]), district["name"]))
    return {"timeZone": config.time_zone, "districts": districts, "services": services}


# Pages

def pages_listing(site, locale, config):
    pages = []
    for page in site.of_kind(*PAGE_KINDS):
        document = page.document_for(locale.code)
        pages.append({
            "id": page.id,
            "kind": page.kind,
            "topic": page.topic,
            "title": document.front_matter["title"],
            "summary": document.front_matter["summary"],
            "url": config.base_url + page.url(locale.code),
            "updated": document.front_matter["updated"].isoformat(),
            "translation": page.state(locale.code),
            "language": document.locale,
        })
    return {"locale": locale.code, "pages": pages}


# Calendars

class Calendars:
    """The VEVENTs of one build, in each locale."""

    def __init__(self, config, site, today):
        self.config = config
        self.site = site
        self.zone = ZoneInfo(config.time_zone)
        self.host = urlsplit(config.base_url).hostname
        self.stamp = datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
        self.events = site.of_kind("event")
        schedules = [event_schedule(page.source.front_matter) for page in self.events]
        first = min([start.date() for start, _, _ in schedules], default=today)
        last = max([today, *[end.date() for _, end, _ in schedules],
                    *[rule["until"] for _, _, rule in schedules if rule and rule["until"]]])
        # A VTIMEZONE for every date the calendars use, and years ahead for rules without an end.
        self.timezone = vtimezone(config.time_zone, first.year, last.year + ZONE_YEARS_AHEAD)

    def calendar(self, locale, name=None):
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{self.config.site_name}//{self.host}//{locale.code.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        if name:
            calendar.add("x-wr-calname", name)
            calendar.add("x-wr-timezone", self.config.time_zone)
        calendar.add_component(self.timezone)
        return calendar

    def vevent(self, page, locale):
        facts = page.source.front_matter
        document = page.document_for(locale.code)
        language = self.config.locale(document.locale).html_lang
        start, end, rule = event_schedule(facts)
        url = self.config.base_url + page.url(locale.code)
        event = icalendar.Event()
        event.add("uid", f"{page.id}@{self.host}")
        event.add("dtstamp", self.stamp)
        event.add("last-modified", datetime.datetime.combine(
            page.source.front_matter["updated"], datetime.time(0, 0), tzinfo=datetime.timezone.utc))
        event.add("dtstart", start.replace(tzinfo=self.zone))
        event.add("dtend", end.replace(tzinfo=self.zone))
        if rule:
            event.add("rrule", self._rrule(rule))
        event.add("summary", document.front_matter["title"], parameters={"LANGUAGE": language})
        event.add("description", f"{document.front_matter['summary']}\n\n{url}", parameters={"LANGUAGE": language})
        place = facts.get("place") or {}
        event.add("location", _location(place))
        position = _coordinates(place)
        if position:
            event.add("geo", position)
        event.add("url", url)
        return event

    def _rrule(self, rule):
        recur = {"FREQ": rule["freq"]}
        if rule["freq"] == "WEEKLY":
            recur["BYDAY"] = [RRULE_DAYS[day] for day in rule["days"]]
        elif rule["monthday"] is not None:
            recur["BYMONTHDAY"] = rule["monthday"]
        elif rule["freq"] == "MONTHLY":
            recur["BYDAY"] = [f"{rule['ordinal']}{RRULE_DAYS[rule['days'][0]]}"]
        if rule["until"]:
            # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC: the end of the last day, local time.
            last = datetime.datetime.combine(rule["until"], datetime.time(23, 59, 59), tzinfo=self.zone)
            recur["UNTIL"] = last.astimezone(datetime.timezone.utc)
        return recur


def vtimezone(name, first_year, last_year):
    """A VTIMEZONE for `name` from 1 January of first_year to 1 January of last_year.

    Each observance starts at the wall-clock time of its onset in the offset it changes
    from (RFC 5545 3.6.5: 02:00 for the spring change in central Europe, 03:00 in autumn);
    Timezone.from_tzinfo gives the time after the change instead, an hour late in spring."""
    zone = ZoneInfo(name)
    utc = datetime.timezone.utc
    begin = datetime.datetime(first_year, 1, 1, tzinfo=zone).astimezone(utc)
    finish = datetime.datetime(last_year, 1, 1, tzinfo=zone).astimezone(utc)

    def offset(instant):
        return instant.astimezone(zone).utcoffset()

    onsets = [begin]
    day = datetime.timedelta(days=1)
    moment = begin
    while moment < finish:
        if offset(moment + day) != offset(moment):
            low, high = moment, moment + day   # offset(low) differs from offset(high): bisect
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            onsets.append(high)
        moment += day
    observances = {}
    for index, onset in enumerate(onsets):
        local = onset.astimezone(zone)
        before = offset(onset - datetime.timedelta(seconds=1)) if index else local.utcoffset()
        key = (bool(local.dst()), local.tzname() or str(local.utcoffset()), before, local.utcoffset())
        observances.setdefault(key, []).append((onset + before).replace(tzinfo=None))
    timezone = icalendar.Timezone()
    timezone.add("tzid", name)
    for (daylight, tzname, before, after), starts in observances.items():
        observance = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
        observance.add("dtstart", starts[0])
        if starts[1:]:
            observance.add("rdate", starts[1:])
        observance.add("tzname", tzname)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        timezone.add_component(observance)
    return timezone


def _location(place):
    address = place.get("address") or {}
    city = " ".join(str(address[key]) for key in ("postcode", "city") if address.get(key))
    parts = [place.get("name"), address.get("street"), city]
    return ", ".join(str(part) for part in parts if part)


# Writing

def _write(output_path, state, name, data, page_type):
    path = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
        handle.write(data)
    state.outputs[name] = (page_type, None)


def _json(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_open_data(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    site = state.site
    if site is None:
        return
    config = state.config
    output = pelican.output_path
    calendars = Calendars(config, site, build_day(config.time_zone))
    for locale in config.locales:
        gettext = load_translations(locale.code, config.source.code).gettext
        code = locale.code
        _write(output, state, f"{code}/services.geojson", _json(services_geojson(site, locale, config, gettext)),
               "open-data")
        _write(output, state, f"{code}/services/directory.json", _json(directory(site, locale, config)),
               "service-directory")
        _write(output, state, f"{code}/pages.json", _json(pages_listing(site, locale, config)), "open-data")
        feed = calendars.calendar(locale, f"{gettext(config.site_name)}: {gettext('Events')}")
        for page in calendars.events:
            event = calendars.vevent(page, locale)
            single = calendars.calendar(locale)
            single.add_component(event)
            _write(output, state, f"{code}/{page.section}/{page.slug}/event.ics", single.to_ical(), "calendar")
            feed.add_component(event)
        _write(output, state, f"{code}/events.ics", feed.to_ical(), "calendar")
    missing = [page.id for page in site.of_kind("service") if _coordinates(page.source.front_matter) is None]
    if missing:
        state.notes.append(NO_COORDINATES_NOTE.format(ids=", ".join(missing)))


def register():
    signals.generator_init.connect(add_theme_filters)
    signals.finalized.connect(write_open_data)
