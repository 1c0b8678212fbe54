"""The content contract: which fields each kind of page has, and their checks.

`check_document` checks one file on its own; checks across files (a translation
against its source, duplicate ids) live in `crosschecks`.
"""
import datetime
import re

from portal import locales
from portal.config import ID_PATTERN

from .problems import Problem
from .schedule import parse_hours_range, parse_local_datetime, parse_recurrence, WEEKDAYS

KINDS = ("guide", "steps", "service", "event", "organization", "term")
COMMON_FIELDS = ("id", "kind", "topic", "title", "summary", "audiences", "updated", "review_by")
SECTION_OF_KIND = {"service": "services", "event": "events", "organization": "organizations", "term": "glossary"}
ORGANIZATION_TYPES = ("public-office", "association", "migrant-led", "religious", "health-provider",
                      "education-provider")
CHANNEL_TYPES = ("website", "email", "phone", "whatsapp", "telegram", "signal", "facebook", "instagram")
TRANSLATION_STATUSES = ("reviewed", "machine")
REVISION_PATTERN = re.compile(r"^[0-9a-f]{12}$")

# Facts that are not text: they live only in the source file.
FACT_FIELDS = {
    "guide": (),
    "steps": (),
    "term": (),
    "service": ("organization", "address", "latitude", "longitude", "phone", "email", "website", "languages",
                "free", "walk_in", "no_id_needed", "barrier_free", "opening_hours", "appointment_only",
                "temporarily_closed"),
    "event": ("start", "end", "recurrence", "place", "organization"),
    "organization": ("organization_type", "address", "latitude", "longitude", "phone", "email", "website",
                     "languages", "channels"),
}
TEXT_FIELDS = {"steps": ("steps",)}
SERVICE_FLAGS = ("free", "walk_in", "no_id_needed", "barrier_free")
ADDRESS_KEYS = ("street", "postcode", "city", "district")


def section_for(kind, topic):
    return SECTION_OF_KIND.get(kind, topic)


class _Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def add(self, container, key, message):
        line = container.line_of(key) if hasattr(container, "line_of") else None
        self.problems.append(Problem(self.path, line, message))

    def text(self, data, key, label=None, required=True):
        value = data.get(key)
        label = label or key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(data, key, f"missing required field '{label}'")
            return None
        if not isinstance(value, str):
            self.add(data, key, f"'{label}' must be text")
            return None
        return value

    def date(self, data, key, required=True):
        value = data.get(key)
        if value is None:
            if required:
                self.add(data, key, f"missing required field '{key}'")
            return None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            self.add(data, key, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}")
            return None
        return value

    def flag(self, data, key):
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(data, key, f"'{key}' must be true or false")

    def text_list(self, data, key, label=None):
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.add(data, key, f"'{label or key}' must be a list of text items")
            return []
        return value

    def coordinates(self, data, required):
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is None and longitude is None:
            if required:
                self.add(data, "latitude", "missing required fields 'latitude' and 'longitude'")
            return
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = data.get(key)
            if value is None:
                self.add(data, key, f"missing '{key}' (latitude and longitude go together)")
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                self.add(data, key, f"'{key}' must be a number, not {value!r}")
            elif not -limit <= value <= limit:
                self.add(data, key, f"{key} {value} is out of range (-{limit} to {limit})")

    def language_codes(self, data, key):
        for index, code in enumerate(self.text_list(data, key)):
            try:
                locales.babel_locale(code)
            except ValueError as error:
                self.add(data[key], index, f"{key}[{index}]: {error}")

    def address(self, data, key, required):
        value = data.get(key)
        if value is None:
            if required:
                self.add(data, key, f"missing required field '{key}'")
            return
        if not isinstance(value, dict):
            self.add(data, key, f"'{key}' must be a mapping with street, postcode, city (and district)")
            return
        for part in ("street", "city"):
            if not isinstance(value.get(part), (str, int)) or value.get(part) in ("", None):
                self.add(value, part, f"'{key}.{part}' is missing")
        for part in value:
            if part not in ADDRESS_KEYS:
                self.add(value, part, f"unknown field '{key}.{part}' (allowed: {', '.join(ADDRESS_KEYS)})")


def check_document(front_matter, body, path, locale_code, section, slug, config):
    """Check one file against the contract; return a list of Problems."""
    c = _Checker(path)
    fm = front_matter
    is_source = locale_code == config.source.code
    page_id = c.text(fm, "id")
    if page_id and not ID_PATTERN.match(page_id):
        c.add(fm, "id", f"id '{page_id}' must be lowercase letters, digits and '-'")
    kind = c.text(fm, "kind")
    if kind and kind not in KINDS:
        c.add(fm, "kind", f"unknown kind '{kind}' (kinds: {', '.join(KINDS)})")
        kind = None
    topic = c.text(fm, "topic")
    if topic and topic not in config.topic_ids:
        c.add(fm, "topic", f"unknown topic '{topic}' (topics in portal.yaml: {', '.join(config.topic_ids)})")
        topic = None
    c.text(fm, "title")
    c.text(fm, "summary")
    audiences = fm.get("audiences")
    if audiences is None:
        c.add(fm, "audiences", "missing required field 'audiences' (write [] for none)")
    elif not isinstance(audiences, list):
        c.add(fm, "audiences", "'audiences' must be a list of audience ids")
    else:
        for index, audience in enumerate(audiences):
            if audience not in config.audience_ids:
                c.add(audiences, index, f"unknown audience '{audience}' (audiences in portal.yaml: "
                                        f"{', '.join(config.audience_ids)})")
    c.date(fm, "updated")
    c.date(fm, "review_by")
    if kind and topic:
        expected = section_for(kind, topic)
        if section != expected:
            c.add(fm, "kind", f"a {kind} page about '{topic}' belongs in content/{locale_code}/{expected}/, "
                              f"not in {section}/")
    if not ID_PATTERN.match(slug):
        c.problems.append(Problem(path, None, f"file name '{slug}.md' must be lowercase letters, digits and '-'"))

    allowed = set(COMMON_FIELDS) | {"translation"}
    if kind:
        allowed |= set(TEXT_FIELDS.get(kind, ()))
        if is_source:
            allowed |= set(FACT_FIELDS[kind])
    if is_source and "translation" in fm:
        c.add(fm, "translation", "a page in the source locale has no 'translation' block")
    for key in fm:
        if key in allowed:
            continue
        if kind and not is_source and key in FACT_FIELDS[kind]:
            c.add(fm, key, f"'{key}' is a fact of the source page; remove it from the translation")
        else:
            c.add(fm, key, f"unknown field '{key}' for a {kind or 'page'}")
    if not is_source:
        _check_translation_block(c, fm)
    if kind == "steps":
        _check_steps(c, fm)
    if is_source and kind == "service":
        _check_service(c, fm)
    if is_source and kind == "event":
        _check_event(c, fm, config)
    if is_source and kind == "organization":
        _check_organization(c, fm)
    return c.problems


def _check_translation_block(c, fm):
    block = fm.get("translation")
    if block is None:
        c.add(fm, "id", "missing required field 'translation' (status and source_revision) in a translation")
        return
    if not isinstance(block, dict):
        c.add(fm, "translation", "'translation' must be a mapping with status and source_revision")
        return
    status = block.get("status")
    if status not in TRANSLATION_STATUSES:
        c.add(block, "status", f"translation.status must be 'reviewed' or 'machine', not {status!r}")
    revision = block.get("source_revision")
    if not isinstance(revision, str) or not REVISION_PATTERN.match(revision):
        c.add(block, "source_revision", "translation.source_revision must be the 12 hex digits "
                                        "printed by `portal revision`")
    if status == "reviewed":
        c.text(block, "reviewed_by", "translation.reviewed_by")
        c.date(block, "reviewed_on")
    allowed = ("status", "source_revision", "reviewed_by", "reviewed_on")
    for key in block:
        if key not in allowed:
            c.add(block, key, f"unknown field 'translation.{key}'")


def _check_steps(c, fm):
    steps = fm.get("steps")
    if not isinstance(steps, list) or not steps:
        c.add(fm, "steps", "a steps page needs a non-empty 'steps' list")
        return
    ids = set()
    for index, step in enumerate(steps):
        label = f"steps[{index}]"
        if not isinstance(step, dict):
            c.add(steps, index, f"{label} must be a mapping with id, title and body")
            continue
        step_id = c.text(step, "id", f"{label}.id")
        if step_id and not ID_PATTERN.match(step_id):
            c.add(step, "id", f"{label}.id '{step_id}' must be lowercase letters, digits and '-'")
        if step_id in ids:
            c.add(step, "id", f"duplicate step id '{step_id}'")
        ids.add(step_id)
        c.text(step, "title", f"{label}.title")
        if "optional" in step:
            c.flag(step, "optional")
        c.text_list(step, "documents", f"{label}.documents")
        either = step.get("either")
        if either is None:
            c.text(step, "body", f"{label}.body")
        elif not isinstance(either, list) or len(either) < 2:
            c.add(step, "either", f"{label}.either must list two or more alternatives")
        else:
            for alt_index, alternative in enumerate(either):
                alt_label = f"{label}.either[{alt_index}]"
                if not isinstance(alternative, dict):
                    c.add(either, alt_index, f"{alt_label} must be a mapping with title and body")
                    continue
                c.text(alternative, "title", f"{alt_label}.title")
                c.text(alternative, "body", f"{alt_label}.body")
                c.text_list(alternative, "documents", f"{alt_label}.documents")
                for key in alternative:
                    if key not in ("title", "body", "documents"):
                        c.add(alternative, key, f"unknown field '{alt_label}.{key}'")
        for key in step:
            if key not in ("id", "title", "body", "documents", "optional", "either"):
                c.add(step, key, f"unknown field '{label}.{key}'")


def _check_service(c, fm):
    c.text(fm, "organization")
    c.address(fm, "address", required=True)
    c.coordinates(fm, required=False)
    for key in ("phone", "email", "website"):
        if key in fm and not isinstance(fm[key], str):
            c.add(fm, key, f"'{key}' must be text (quote phone numbers)")
    c.language_codes(fm, "languages")
    for flag in SERVICE_FLAGS:
        c.flag(fm, flag)
    hours = fm.get("opening_hours")
    if hours is None:
        c.add(fm, "opening_hours", "missing required field 'opening_hours'")
    elif not isinstance(hours, dict):
        c.add(fm, "opening_hours", "'opening_hours' must map weekdays (mon..sun) to lists of HH:MM-HH:MM")
    else:
        for day, ranges in hours.items():
            if day not in WEEKDAYS:
                c.add(hours, day, f"opening_hours: unknown weekday '{day}' (use {', '.join(WEEKDAYS)})")
                continue
            if not isinstance(ranges, list):
                c.add(hours, day, f"opening_hours.{day} must be a list like [\"09:00-12:00\"] ([] when closed)")
                continue
            for index, text in enumerate(ranges):
                try:
                    parse_hours_range(text)
                except ValueError as error:
                    c.add(ranges, index, f"opening_hours.{day}[{index}]: {error}")
    appointment = fm.get("appointment_only", [])
    if not isinstance(appointment, list) or any(day not in WEEKDAYS for day in appointment):
        c.add(fm, "appointment_only", f"'appointment_only' must list weekdays ({', '.join(WEEKDAYS)})")
    closed = fm.get("temporarily_closed")
    if closed is not None:
        if not isinstance(closed, dict):
            c.add(fm, "temporarily_closed", "'temporarily_closed' must be {from: YYYY-MM-DD, until: YYYY-MM-DD}")
        else:
            start, end = c.date(closed, "from"), c.date(closed, "until")
            if start and end and end < start:
                c.add(closed, "until", f"temporarily_closed ends ({end}) before it starts ({start})")


def _check_event(c, fm, config):
    start = end = None
    for key in ("start", "end"):
        value = fm.get(key)
        if value is None:
            c.add(fm, key, f"missing required field '{key}'")
            continue
        try:
            parsed = parse_local_datetime(value)
        except ValueError as error:
            c.add(fm, key, f"'{key}': {error}")
            continue
        if key == "start":
            start = parsed
        else:
            end = parsed
    if start and end and end <= start:
        c.add(fm, "end", f"the event ends ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M})")
    if fm.get("recurrence") is not None:
        try:
            parse_recurrence(fm["recurrence"], start)
        except ValueError as error:
            c.add(fm, "recurrence", f"recurrence: {error}")
    place = fm.get("place")
    if not isinstance(place, dict):
        c.add(fm, "place", "missing required field 'place' (name, address, latitude, longitude)")
    else:
        c.text(place, "name", "place.name")
        c.address(place, "address", required=False)
        c.coordinates(place, required=False)
    if "organization" in fm:
        c.text(fm, "organization")


def _check_organization(c, fm):
    kind = fm.get("organization_type")
    if kind not in ORGANIZATION_TYPES:
        c.add(fm, "organization_type", f"organization_type must be one of {', '.join(ORGANIZATION_TYPES)}, "
                                       f"not {kind!r}")
    c.address(fm, "address", required=False)
    c.coordinates(fm, required=False)
    c.language_codes(fm, "languages")
    channels = fm.get("channels", [])
    if not isinstance(channels, list):
        c.add(fm, "channels", "'channels' must be a list of {type, url}")
        return
    for index, channel in enumerate(channels):
        if not isinstance(channel, dict) or channel.get("type") not in CHANNEL_TYPES or not channel.get("url"):
            c.add(channels, index, f"channels[{index}] must be {{type, url}} with type one of "
                                   f"{', '.join(CHANNEL_TYPES)}")
