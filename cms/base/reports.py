"""Editors' reports: pages due for review, and translation coverage per locale."""
from collections import Counter, namedtuple

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

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


# What the coverage report reads of each page version: no page objects, no text.
Version = namedtuple("Version", "pk title live translation_status source_revision live_revision_id")


def page_versions():
    """{translation key: {locale code: Version}} of every portal page, in one query per kind."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    groups = {}
    for model in portal_page_models():
        rows = model.objects.values_list("translation_key", "locale_id", *Version._fields)
        for key, locale_id, *fields in rows:
            groups.setdefault(key, {})[codes[locale_id]] = Version(*fields)
    return groups


def translation_coverage(versions=None):
    """(rows, counts): one row per source page with its state in each locale, and the count of
    each state per locale. Reads a fixed number of queries however many pages there are."""
    config = settings.PORTAL
    groups = [group for group in (versions or page_versions()).values()
              if group.get(config.source.code) is not None and group[config.source.code].live]
    texts = source_texts([(group[config.source.code].pk, group[config.source.code].live_revision_id)
                          for group in groups])
    rows, counts = [], {locale.code: Counter() for locale in config.locales}
    for group in groups:
        source = group[config.source.code]
        revision = texts[source.pk].revision
        states = []
        for locale in config.locales:
            state = state_of(locale, group.get(locale.code), revision)
            counts[locale.code][state] += 1
            states.append({"locale": locale, "state": state, "label": LABELS[state]})
        rows.append({"page": source, "states": states})
    rows.sort(key=lambda row: row["page"].title)
    return rows, counts


def open_export_failures():
    return ExportFailure.objects.filter(resolved=False)


def pending_characters(versions=None):
    """Characters DeepL would be sent to bring each DeepL-drafted locale up to date. A page never
    translated with wagtail-localize sends all of its text; one that was, the segments of its
    last synced text that have no translation in the locale yet."""
    from django.db.models import Exists, OuterRef, Sum
    from django.db.models.functions import Length
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    config = settings.PORTAL
    codes = [locale.code for locale in config.machine]
    sources = [(group[config.source.code].pk, group[config.source.code].live_revision_id, key)
               for key, group in (versions or page_versions()).items()
               if group.get(config.source.code) is not None and group[config.source.code].live]
    localized = dict(TranslationSource.objects.filter(locale__language_code=config.source.code)
                     .values_list("object_id", "pk"))
    texts = source_texts([(pk, revision_id) for pk, revision_id, key in sources if key not in localized])
    never_translated = sum(texts[pk].characters for pk, _, key in sources if key not in localized)
    source_ids = [localized[key] for _, _, key in sources if key in localized]
    pending = {}
    for code in codes:
        translated = StringTranslation.objects.filter(translation_of_id=OuterRef("string_id"), has_error=False,
                                                      locale__language_code=code)
        # Each text counts once per page, as a draft of that page sends it once.
        untranslated = (StringSegment.objects.filter(source_id__in=source_ids).exclude(Exists(translated))
                        .values("source_id", "string_id").annotate(size=Length("string__data")).distinct())
        pending[code] = never_translated + (untranslated.aggregate(total=Sum("size"))["total"] or 0
                                            if source_ids else 0)
    return pending
