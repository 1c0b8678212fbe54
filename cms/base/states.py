"""Translation state of a page in each locale: source, reviewed, machine, outdated, missing.

The same rule as the site generator: a translation is outdated when the revision of the
source text it was made from differs from the source's current revision.
"""
from django.conf import settings
from wagtail.models import Locale, Page

LABELS = {"source": "Source", "reviewed": "Reviewed", "machine": "Machine translation",
          "outdated": "Outdated", "missing": "Missing", "draft": "Not yet published"}


def current_revision(source_page):
    from .export import document_for

    return document_for(source_page).revision


def page_states(page):
    """[{locale, state, label, page, reviewed_by, reviewed_on}] for every configured locale."""
    source_code = settings.PORTAL.source.code
    group = {p.locale.language_code: p for p in
             Page.objects.filter(translation_key=page.translation_key).select_related("locale").specific()}
    source = group.get(source_code)
    revision = current_revision(source) if source is not None and source.live else None
    rows = []
    for locale in settings.PORTAL.locales:
        translation = group.get(locale.code)
        rows.append(_row(locale, translation, revision, source_code))
    return rows


def _row(locale, translation, revision, source_code):
    if translation is None:
        state = "missing"
    elif locale.code == source_code:
        state = "source"
    elif not translation.live:
        state = "missing"
    elif translation.source_revision != revision:
        state = "outdated"
    else:
        state = translation.translation_status or "missing"
    return {"locale": locale, "state": state, "label": LABELS[state], "page": translation,
            "reviewed_by": getattr(translation, "reviewed_by", ""), "reviewed_on": getattr(translation, "reviewed_on", None)}


def locale_of(code):
    return Locale.objects.get(language_code=code)
