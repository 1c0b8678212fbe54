"""Editors' reports: pages due for review, and translation coverage per locale."""
from collections import Counter, namedtuple

from django.conf import settings
from django.db import connection
from django.db.models import CharField, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import ExportFailure, SourceText, portal_page_models
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


# Translations of live source pages, counted by what decides their state. Written out because
# the ORM has no join on translation_key: its EXISTS or subquery forms ran a few times slower.
COUNT_TRANSLATIONS = """
SELECT t.locale_id, t.live, m.translation_status, m.source_revision = st.revision, COUNT(*)
FROM {kind} m
JOIN {page} t ON t.id = m.{pointer}
JOIN {page} s ON s.translation_key = t.translation_key AND s.locale_id = %s AND s.live = %s
JOIN {source_text} st ON st.page_id = s.id
WHERE t.locale_id <> %s
GROUP BY 1, 2, 3, 4"""


def coverage_counts(sources):
    """{locale: Counter of states} over every live source page (whose source_revisions must be
    known). The database groups translations by what decides their state (live, status, made
    from the current text or not); the one rule in states.state_of names each group's state."""
    config = settings.PORTAL
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    source_locale = next(pk for pk, code in codes.items() if code == config.source.code)
    counts = {locale.code: Counter() for locale in config.locales}
    counts[config.source.code]["source"] = len(sources)
    counted = Counter()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in portal_page_models():
            cursor.execute(COUNT_TRANSLATIONS.format(
                kind=quote(model._meta.db_table), page=quote(Page._meta.db_table), pointer=quote(model._meta.pk.column),
                source_text=quote(SourceText._meta.db_table)), [source_locale, True, source_locale])
            for locale_id, live, status, current, pages in cursor.fetchall():
                code = codes[locale_id]
                version = Version(None, live, status, "current" if current else "earlier")
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
    revisions = source_revisions(sources)  # before the counts, which read them from the database
    return coverage_rows(sources, revisions), coverage_counts(sources)


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
