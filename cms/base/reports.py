"""Editors' reports: pages due for review, and translation coverage per locale."""
from collections import Counter

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from .models import ExportFailure, PortalPage
from .states import LABELS, current_revision, state_of

STATES = ("source", "reviewed", "machine", "outdated", "missing")


def due_for_review(today=None):
    today = today or timezone.localdate()
    source = settings.PORTAL.source.code
    pages = Page.objects.type(PortalPage).live().filter(locale__language_code=source).specific()
    due = [page for page in pages if page.review_by and page.review_by <= today]
    return sorted(due, key=lambda page: (page.review_by, page.title))


def translation_coverage():
    """(rows, counts): one row per source page with its state in each locale, and the count of
    each state per locale."""
    config = settings.PORTAL
    pages = list(Page.objects.type(PortalPage).select_related("locale").specific())
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, {})[page.locale.language_code] = page
    rows, counts = [], {locale.code: Counter() for locale in config.locales}
    for group in groups.values():
        source = group.get(config.source.code)
        if source is None or not source.live:
            continue
        revision = current_revision(source)
        states = []
        for locale in config.locales:
            page = group.get(locale.code)
            state = state_of(locale, page, revision)
            counts[locale.code][state] += 1
            states.append({"locale": locale, "state": state, "label": LABELS[state], "page": page})
        rows.append({"page": source, "states": states})
    rows.sort(key=lambda row: row["page"].title)
    return rows, counts


def open_export_failures():
    return ExportFailure.objects.filter(resolved=False)


def pending_characters():
    """Characters DeepL would be sent to bring each DeepL-drafted locale up to date."""
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    config = settings.PORTAL
    codes = [locale.code for locale in config.machine]
    known = {code: set(StringTranslation.objects.filter(locale__language_code=code, has_error=False)
                       .values_list("translation_of_id", flat=True)) for code in codes}
    sources = {source.object_id: source for source in TranslationSource.objects.all()}
    pending = {code: 0 for code in codes}
    pages = Page.objects.type(PortalPage).live().filter(locale__language_code=config.source.code).specific()
    for page in pages:
        source = sources.get(page.translation_key)
        if source is None:  # never translated with wagtail-localize yet: all of its text is pending
            texts = {segment.string.data for segment in extract_segments(page)
                     if isinstance(segment, StringSegmentValue)}
            for code in codes:
                pending[code] += sum(len(text) for text in texts)
            continue
        strings = {segment.string_id: len(segment.string.data)
                   for segment in StringSegment.objects.filter(source=source).select_related("string")}
        for code in codes:
            pending[code] += sum(size for string_id, size in strings.items() if string_id not in known[code])
    return pending
