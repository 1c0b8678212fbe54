"""What a template needs to show one page in one reader locale."""
import datetime
import functools
import os
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from .schedule import WEEKDAYS, parse_hours_range, parse_local_datetime, parse_recurrence
from .site_model import STATE_MISSING, resolve_id_links


@functools.lru_cache(maxsize=None)
def _language_choice(locale, other):
    """The switcher item for `other` on a page of `locale`, as the text before and after its URL."""
    current = ' aria-current="true"' if other.code == locale.code else ""
    return ('<li><a href="', f'" hreflang="{escape(other.html_lang)}" lang="{escape(other.html_lang)}" '
                             f'dir="{escape(other.direction)}" data-language-choice="{escape(other.code)}"{current}>'
                             f'{escape(other.name)}</a></li>\n')


def language_choices(locale, alternates):
    """The language switcher's items (base.html): this page in every locale, the reader's own
    marked current. Put together here from parts made once per pair of locales: a template loop
    writing the same 18 links' attributes on each of 34,000 pages took about an eighth of the time
    the templates spend on a page."""
    items = []
    for other, url in alternates:
        start, end = _language_choice(locale, other)
        items.append(f"{start}{escape(url)}{end}")
    return Markup("".join(items))


def alternate_links(hreflangs, x_default):
    """The head's links to the page in every language it has, and its x-default (base.html).
    The same for a page in every locale, so made once per page and process: escaped in a
    template loop on each of 34,000 pages, they were about 3 % of a large site's build."""
    links = [f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}">' for lang, href in hreflangs]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(x_default)}">')
    return Markup("\n".join(links))


class PageView:
    def __init__(self, page, locale, site, formats):
        config = site.config
        self.page = page
        self.locale = locale
        self.state = page.state(locale.code)
        self.document = page.document_for(locale.code)
        self.source = page.source
        self.content_locale = config.locale(self.document.locale)
        self.fm = self.document.front_matter
        self.facts = self.source.front_matter
        self.kind = page.kind
        self.id = page.id
        self.title = self.fm["title"]
        self.summary = self.fm["summary"]
        self.url = page.url(locale.code)
        self.source_url = page.url(config.source.code)
        self.updated = self.fm["updated"]
        self.review_by = self.fm["review_by"]
        self.source_updated = self.source.front_matter["updated"]
        self.translation = self.document.translation
        self.is_fallback = self.state == STATE_MISSING
        self.topic = config.topic(page.topic)
        self.audiences = [a for a in config.audiences if a.id in (self.facts.get("audiences") or [])]
        self.formats = formats
        self._site = site
        self._problems = []

    # A page's own text is resolved (its id: links turned into URLs) only when something shows
    # it: listings, feeds and the search page make views of every page and show their titles.
    @functools.cached_property
    def body_html(self):
        return self._resolve(self.document.body_html, self._site)

    @functools.cached_property
    def steps(self):
        return self._steps(self._site) if self.kind == "steps" else []

    @property
    def problems(self):
        """Broken links in the page's own text (resolving it finds them)."""
        self.body_html, self.steps  # noqa: B018 (resolved for their problems)
        return self._problems

    @property
    def text_lang(self):
        """lang and dir attributes for elements holding this page's own text, when that text is
        in another language than the page around it (a missing translation shown from the source)."""
        if not self.is_fallback:
            return ""
        return Markup(f' lang="{self.content_locale.html_lang}" dir="{self.content_locale.direction}"')

    def _resolve(self, html, site):
        resolved, problems = resolve_id_links(html, self.document, self.locale.code, site)
        self._problems.extend(problems)
        return resolved

    def _steps(self, site):
        source_steps = {step["id"]: step for step in self.source.front_matter["steps"]}
        steps = []
        for number, step in enumerate(self.fm["steps"], start=1):
            structure = source_steps[step["id"]]
            alternatives = [
                {"title": alternative["title"], "documents": alternative.get("documents") or [],
                 "body_html": self._resolve(self.document.steps_html[(step["id"], index)], site)}
                for index, alternative in enumerate(step.get("either") or [])
            ]
            steps.append({
                "id": step["id"], "number": number, "title": step["title"],
                "optional": bool(structure.get("optional")),
                "documents": step.get("documents") or [],
                "body_html": self._resolve(self.document.steps_html[step["id"]], site) if not alternatives else "",
                "alternatives": alternatives,
            })
        return steps

    # Facts of services, events and organizations come from the source page.

    def opening_hours(self):
        hours = self.facts.get("opening_hours") or {}
        appointment = set(self.facts.get("appointment_only") or [])
        rows = []
        for index, day in enumerate(WEEKDAYS):
            ranges = []
            for text in hours.get(day) or []:
                opens, closes = parse_hours_range(text)
                ranges.append((self.formats.time(opens), self.formats.time(closes)))
            rows.append({"day": day, "name": self.formats.weekday(index), "ranges": ranges,
                         "appointment_only": day in appointment})
        return rows

    def event_times(self):
        start = parse_local_datetime(self.facts["start"])
        end = parse_local_datetime(self.facts["end"])
        rule = parse_recurrence(self.facts["recurrence"], start) if self.facts.get("recurrence") else None
        day_names = [self.formats.weekday(day) for day in rule["days"]] if rule else []
        return {"start": start, "end": end, "same_day": start.date() == end.date(), "rule": rule,
                "day_names": day_names,
                "start_iso": start.isoformat(timespec="minutes"), "end_iso": end.isoformat(timespec="minutes")}

    def closed_now(self, today):
        closed = self.facts.get("temporarily_closed")
        return bool(closed) and closed["until"] >= today


def is_upcoming(view, today):
    times = view.event_times()
    if times["rule"]:
        until = times["rule"]["until"]
        return until is None or until >= today
    return times["end"].date() >= today


def build_day(time_zone):
    """Today in the portal's time zone; PORTAL_BUILD_DATE pins it for reproducible builds."""
    pinned = os.environ.get("PORTAL_BUILD_DATE")
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.datetime.now(ZoneInfo(time_zone)).date()
