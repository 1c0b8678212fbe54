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

from pelican import signals

from ..build_state import build_step
from ..calendars import Calendars
from ..event_cache import EventCache
from ..event_dates import last_date, next_date
from ..places import coordinates
from ..schedule import WEEKDAYS, parse_hours_range
from ..views import build_day
from .portal_pages import sort_key

PAGE_KINDS = ("guide", "steps", "service", "event", "organization", "term")
SERVICE_FLAGS = ("free", "walk_in", "no_id_needed", "barrier_free")
NO_COORDINATES_NOTE = "services without coordinates (listed, left out of 'near me'): {ids}"
# Recurring events without an end: the VTIMEZONE covers this many years after the build.


# Event dates, shared by the calendars and the events index.

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


def _district(facts):
    district = (facts.get("address") or {}).get("district")
    return str(district) if district not in (None, "") else None


def _address(address):
    return {key: str(value) for key, value in (address or {}).items() if value not in (None, "")}


def service_feature(page, locale, config, gettext):
    """One GeoJSON Feature, or None for a service without coordinates."""
    facts = page.source.front_matter
    position = coordinates(facts)
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
        position = coordinates(facts)
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


@build_step("open data")
def write_open_data(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    site = state.site
    if site is None:
        return
    config = state.config
    output = pelican.output_path
    calendars = Calendars(config, site, build_day(config.time_zone))
    kept_events = EventCache(pelican.settings.get("PORTAL_CACHE_DIR"), state.page_keys)
    for locale in config.locales:
        gettext = state.translations[locale.code].gettext
        code = locale.code
        state.write(output, f"{code}/services.geojson", services_geojson(site, locale, config, gettext), "open-data")
        state.write(output, f"{code}/services/directory.json", directory(site, locale, config), "service-directory")
        state.write(output, f"{code}/pages.json", pages_listing(site, locale, config), "open-data")
        events = []
        for page in calendars.events:
            events.append(kept_events.vevent(page, code, lambda page=page: calendars.vevent(page, locale).to_ical()))
            state.write(output, f"{code}/{page.section}/{page.slug}/event.ics", calendars.ical(locale, events[-1:]),
                        "calendar")
        state.write(output, f"{code}/events.ics",
                    calendars.ical(locale, events, f"{gettext(config.site_name)}: {gettext('Events')}"), "calendar")
    state.after_success.append(kept_events.save)
    missing = [page.id for page in site.of_kind("service") if coordinates(page.source.front_matter) is None]
    if missing:
        state.notes.append(NO_COORDINATES_NOTE.format(ids=", ".join(missing)))


def register():
    signals.generator_init.connect(add_theme_filters)
    signals.finalized.connect(write_open_data)
