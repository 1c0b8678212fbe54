"""Opening hours, event times and recurrence rules: parsing shared by checks and pages."""
import datetime
import re

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


def parse_hours_range(text):
    """'09:00-12:30' -> (time(9), time(12, 30)); a close before the open crosses midnight."""
    match = _RANGE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a range like \"09:00-12:30\"")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise ValueError(f"{text!r} has a time that does not exist")
    if (h1, m1) == (h2, m2):
        raise ValueError(f"{text!r} opens and closes at the same time")
    close = datetime.time(0, 0) if h2 == 24 else datetime.time(h2, m2)
    return datetime.time(h1, m1), close


def parse_local_datetime(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
            raise ValueError(f"{value!r}: write local time without a zone (the portal's time zone applies)")
    raise ValueError(f"{value!r} is not a date and time like 2026-12-05T10:00")


def parse_recurrence(rule, start=None):
    """Parse the RRULE subset the portal supports into a dict; raise ValueError otherwise."""
    if not isinstance(rule, str):
        raise ValueError("must be text like FREQ=WEEKLY;BYDAY=TU")
    parts = {}
    for chunk in rule.strip().split(";"):
        key, _, value = chunk.partition("=")
        if not value or key in parts:
            raise ValueError(f"{rule!r}: cannot read part {chunk!r}")
        parts[key.upper()] = value.upper()
    freq = parts.pop("FREQ", None)
    result = {"freq": freq, "days": (), "ordinal": None, "monthday": None, "until": None}
    if "UNTIL" in parts:
        try:
            result["until"] = datetime.datetime.strptime(parts.pop("UNTIL")[:8], "%Y%m%d").date()
        except ValueError:
            raise ValueError(f"{rule!r}: UNTIL must be YYYYMMDD") from None
        if start and result["until"] < start.date():
            raise ValueError(f"{rule!r}: UNTIL is before the first event")
    if freq == "DAILY":
        pass
    elif freq == "WEEKLY":
        days = parts.pop("BYDAY", "").split(",") if "BYDAY" in parts else []
        if not days or any(day not in RRULE_DAYS for day in days):
            raise ValueError(f"{rule!r}: weekly rules need BYDAY with days MO..SU")
        result["days"] = tuple(RRULE_DAYS.index(day) for day in days)
    elif freq == "MONTHLY":
        if "BYDAY" in parts:
            match = re.match(r"^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$", parts.pop("BYDAY"))
            if not match:
                raise ValueError(f"{rule!r}: monthly BYDAY must be like 1SA (1 to 4, or -1 for the last)")
            result["ordinal"] = int(match.group(1))
            result["days"] = (RRULE_DAYS.index(match.group(2)),)
        elif "BYMONTHDAY" in parts:
            value = parts.pop("BYMONTHDAY")
            if not value.isdigit() or not 1 <= int(value) <= 31:
                raise ValueError(f"{rule!r}: BYMONTHDAY must be 1 to 31")
            result["monthday"] = int(value)
        else:
            raise ValueError(f"{rule!r}: monthly rules need BYDAY (like 1SA) or BYMONTHDAY")
    else:
        raise ValueError(f"{rule!r}: FREQ must be DAILY, WEEKLY or MONTHLY")
    if parts:
        raise ValueError(f"{rule!r}: unsupported part(s) {', '.join(parts)}")
    return result
