"""The units of an exchange file: one per text segment of every published source page.

A unit's id is '<page translation key>/<segment context>', stable across exports, so an
agency's file comes back to exactly the segments it was made from."""
import dataclasses

from django.conf import settings
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource


@dataclasses.dataclass
class Unit:
    id: str
    source: str
    target: str
    note: str


def current_units(locale_code):
    from base.models import PortalPage

    units = []
    pages = Page.objects.type(PortalPage).live().filter(
        locale__language_code=settings.PORTAL.source.code).specific().order_by("path")
    translations = {(t.translation_of_id, t.context_id): t.data for t in StringTranslation.objects.filter(
        locale__language_code=locale_code, has_error=False)}
    for page in pages:
        source, _ = TranslationSource.update_or_create_from_instance(page)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
        for segment in segments:
            units.append(Unit(id=f"{source.object_id}/{segment.context.path}", source=segment.string.data,
                              target=translations.get((segment.string_id, segment.context_id), ""),
                              note=f"{page.content_id}: {page.title}"))
    return units
