"""Calendar files (RFC 5545) for events: one per event and a feed per locale, with local times in
the portal's time zone and a VTIMEZONE the calendars can use on their own."""
import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from .event_dates import event_schedule
from .places import coordinates
from .schedule import RRULE_DAYS

ZONE_YEARS_AHEAD = 5


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
        self._timezone_bytes = None
        self._heads = {}  # (locale code, name) -> the calendar's own lines, the same for each event

    def ical(self, locale, events, name=None):
        """A calendar's bytes: its own lines, the time zone, then the events (each given as
        bytes, so an event in both its own calendar and the feed is serialised once). What
        icalendar writes for a calendar holding these components, without writing the long
        time zone again for every event."""
        if self._timezone_bytes is None:
            self._timezone_bytes = self.timezone.to_ical()
        own = self._heads.get((locale.code, name))
        if own is None:
            own = self._heads[(locale.code, name)] = self._calendar(locale, name).to_ical()
        end = b"END:VCALENDAR\r\n"
        if not own.endswith(end):
            raise ValueError(f"icalendar ended a calendar with {own[-40:]!r}, not {end!r}")
        return own[:-len(end)] + self._timezone_bytes + b"".join(events) + end

    def _calendar(self, locale, name):
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{self.config.site_name}//{self.host}//{locale.code.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        if name:
            calendar.add("x-wr-calname", name)
            calendar.add("x-wr-timezone", self.config.time_zone)
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
        position = coordinates(place)
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
