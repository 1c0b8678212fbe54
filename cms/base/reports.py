"""Editors' reports: pages due for review, and translation coverage per locale."""
from collections import Counter, namedtuple

from django.conf import settings
from django.db import connection
from django.db.models import CharField, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import ExportFailure, portal_page_models
from .source_texts import source_texts
from .states import LABELS, state_of

STATES = ("source", "reviewed", "machine", "outdated", "missing")


def due_for_review(today=None):
    today = today or timezone.localdate()
    source = settings.PORTAL.source.code
    due = []
    for model in portal_page_models():  # only the pages that are due leave the database
        due += model.objects.live().filter(locale__language_code=source, review_by__lte=today)
    return sorted(due, key=lambda page: (page.review_by, page.title))


# The coverage report reads rows, not page objects: thousands of pages times every locale.
Source = namedtuple("Source", "pk key title live_revision_id")
Version = namedtuple("Version", "pk live translation_status source_revision")


def _key():
    # Translation keys as the database writes them: tens of thousands of UUID objects would cost
    # more than the query that reads them.
    return Cast("translation_key", CharField())


def live_sources():
    """Every live page of the source locale, by title, in one query per kind."""
    sources = []
    for model in portal_page_models():
        rows = (model.objects.live().filter(locale__language_code=settings.PORTAL.source.code)
                .values_list("pk", _key(), "title", "live_revision_id").order_by())
        sources += [Source(*row) for row in rows]
    return sorted(sources, key=lambda source: (source.title, source.pk))


def source_revisions(sources):
    """{page pk: revision} of the given source pages; works out and keeps any not known yet."""
    return {pk: text.revision for pk, text in source_texts([(s.pk, s.live_revision_id) for s in sources]).items()}


def coverage_rows(sources, revisions):
    """One row per given source page: its state in every locale."""
    config = settings.PORTAL
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    keys = [source.key for source in sources]
    versions = {}
    for model in portal_page_models():
        rows = (model.objects.filter(translation_key__in=keys).exclude(locale__language_code=config.source.code)
                .values_list(_key(), "locale_id", *Version._fields).order_by())
        for key, locale_id, *fields in rows:
            versions[key, codes[locale_id]] = Version(*fields)
    rows = []
    for source in sources:
        states = []
        for locale in config.locales:
            state = state_of(locale, versions.get((source.key, locale.code)), revisions.get(source.pk))
            states.append({"locale": locale, "state": state, "label": LABELS[state]})
        rows.append({"page": source, "states": states})
    return rows


# Every translation, with what decides its state, in one pass over every kind's table. Plain
# rows from the cursor: the ORM's model rows and UUIDs took longer than the query, and the joins
# that would count in the database were planned as tens of thousands of index lookups.
TRANSLATIONS = """
SELECT CAST(t.translation_key AS TEXT), t.locale_id, t.live, m.translation_status, m.source_revision
FROM ({kinds}) m
JOIN {page} t ON t.id = m.page_id
WHERE t.locale_id <> %s"""
KIND = "SELECT {pointer} AS page_id, translation_status, source_revision FROM {kind}"


def coverage_counts(sources, revisions):
    """{locale: Counter of states} over every live source page, whose revisions are given."""
    config = settings.PORTAL
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    source_locale = next(pk for pk, code in codes.items() if code == config.source.code)
    current = {source.key: revisions.get(source.pk) for source in sources}
    quote = connection.ops.quote_name
    kinds = " UNION ALL ".join(KIND.format(pointer=quote(model._meta.pk.column), kind=quote(model._meta.db_table))
                               for model in portal_page_models())
    groups = Counter()  # translations by what decides their state: far fewer groups than pages
    with connection.cursor() as cursor:
        cursor.execute(TRANSLATIONS.format(kinds=kinds, page=quote(Page._meta.db_table)), [source_locale])
        for key, locale_id, live, status, made_from in cursor.fetchall():
            if key in current:  # a translation of a page not live in the source locale is not counted
                groups[locale_id, bool(live), status, made_from == current[key]] += 1
    counts = {locale.code: Counter() for locale in config.locales}
    counts[config.source.code]["source"] = len(sources)
    counted = Counter()
    for (locale_id, live, status, up_to_date), pages in groups.items():
        code = codes[locale_id]
        if code not in counts:  # a language the CMS still has but portal.yaml no longer lists
            continue
        version = Version(None, live, status, "current" if up_to_date else "earlier")
        counts[code][state_of(config.locale(code), version, "current")] += pages
        counted[code] += pages
    for locale in config.locales:
        if not locale.is_source:  # a page with no translation at all is missing too
            counts[locale.code]["missing"] += len(sources) - counted[locale.code]
    return counts


def translation_coverage():
    """(rows, counts) for every live source page: its state in each locale, and the count of each
    state per locale. The number of queries does not grow with the number of pages."""
    sources = live_sources()
    revisions = source_revisions(sources)
    return coverage_rows(sources, revisions), coverage_counts(sources, revisions)


def open_export_failures():
    return ExportFailure.objects.filter(resolved=False)


def pending_characters(sources=None):
    """Characters DeepL would be sent to bring each DeepL-drafted locale up to date. A page never
    translated with wagtail-localize sends all of its text; one that was, the segments of its
    last synced text that have no translation in the locale yet."""
    from django.db.models import Exists, Sum
    from django.db.models.functions import Length
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    config = settings.PORTAL
    sources = live_sources() if sources is None else sources
    localized = dict(TranslationSource.objects.filter(locale__language_code=config.source.code)
                     .values_list(Cast("object_id", CharField()), "pk"))
    texts = source_texts([(s.pk, s.live_revision_id) for s in sources if s.key not in localized])
    never_translated = sum(texts[s.pk].characters for s in sources if s.key not in localized)
    source_ids = [localized[s.key] for s in sources if s.key in localized]
    pending = {}
    for locale in config.machine:
        translated = StringTranslation.objects.filter(translation_of_id=OuterRef("string_id"), has_error=False,
                                                      locale__language_code=locale.code)
        # Each text counts once per page, as a draft of that page sends it once.
        untranslated = (StringSegment.objects.filter(source_id__in=source_ids).exclude(Exists(translated))
                        .values("source_id", "string_id").annotate(size=Length("string__data")).distinct())
        pending[locale.code] = never_translated + (untranslated.aggregate(total=Sum("size"))["total"] or 0
                                                   if source_ids else 0)
    return pending
