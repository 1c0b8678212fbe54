"""Translation state of a page in each locale: source, reviewed, machine, outdated, missing.

The same rule as the site generator: a translation is outdated when the revision of the
source text it was made from differs from the source's current revision.
"""
from django.conf import settings
from wagtail.models import Page

from site_generator.site_model import translation_state

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


def state_of(locale, page, revision):
    """A page's state in a locale; `page` is its version in that locale (or None)."""
    return translation_state(locale.is_source, page is not None and page.live,
                             getattr(page, "translation_status", ""), getattr(page, "source_revision", ""), revision)


def _row(locale, translation, revision, source_code):
    state = state_of(locale, translation, revision)
    return {"locale": locale, "state": state, "label": LABELS[state], "page": translation,
            "reviewed_by": getattr(translation, "reviewed_by", ""), "reviewed_on": getattr(translation, "reviewed_on", None)}

