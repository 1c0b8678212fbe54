"""The revision and the translatable characters of each published source page, kept per published
revision (models.SourceText) so the reports read them instead of rendering every page again.

A page's text changes only when a revision of it is published, which changes its live revision:
an entry made for another revision is stale and is worked out again on the next read.
"""
from collections import namedtuple

from wagtail.models import Page

from .export import document_for
from .models import SourceText

CHUNK = 500  # ids per query: well under SQLite's limit on query parameters
Text = namedtuple("Text", "published_revision_id revision characters")


def translatable_characters(page):
    """Characters of the page's distinct text segments, as wagtail-localize cuts them for DeepL."""
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    texts = {segment.string.data for segment in extract_segments(page) if isinstance(segment, StringSegmentValue)}
    return sum(len(text) for text in texts)


def source_texts(sources):
    """{page pk: Text} for live source pages given as (pk, live revision id) pairs."""
    known = {pk: Text(*fields) for pk, *fields in SourceText.objects.values_list("page_id", *Text._fields)}
    stale = [pk for pk, revision_id in sources
             if revision_id is None or pk not in known or known[pk].published_revision_id != revision_id]
    fresh = []
    for start in range(0, len(stale), CHUNK):
        for page in Page.objects.filter(pk__in=stale[start:start + CHUNK]).specific():
            fresh.append(SourceText(page_id=page.pk, published_revision_id=page.live_revision_id,
                                    revision=document_for(page).revision, characters=translatable_characters(page)))
    if fresh:
        kept = [entry for entry in fresh if entry.published_revision_id is not None]
        SourceText.objects.bulk_create(kept, update_conflicts=True, unique_fields=["page"],
                                       update_fields=list(Text._fields))
        known.update({entry.page_id: Text(*(getattr(entry, field) for field in Text._fields)) for entry in fresh})
    return known
