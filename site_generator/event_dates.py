"""Event dates from a page's facts: its schedule, whether it occurs on a day, and its next and
last dates, for the events index and the calendars."""
import datetime

from .schedule import parse_local_datetime, parse_recurrence


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
