"""Importing an exchange file: every problem is found first; anything wrong means nothing is applied."""
import re

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from machine_translation.markup import MarkupMismatch, check_markup

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")


def validate(units, language, locale_code, path):
    """Return (problems, resolved units) where resolved units are (segment, target)."""
    problems = []
    if language.lower() != locale_code.lower():
        problems.append(f"{path}: the file is for locale '{language or '?'}', not '{locale_code}'")
    segments = {}
    for source in TranslationSource.objects.all():
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            segments[f"{source.object_id}/{segment.context.path}"] = segment
    resolved = []
    for where, unit in units:
        if not unit.target:
            continue
        segment = segments.get(unit.id)
        if segment is None:
            problems.append(f"{path}:{where}: unknown segment '{unit.id}'")
            continue
        if segment.string.data != unit.source:
            problems.append(f"{path}:{where}: segment '{unit.id}' has changed in the source since the export")
            continue
        try:
            check_markup(unit.source, unit.target)
        except MarkupMismatch:
            problems.append(f"{path}:{where}: markup differs from the source in '{unit.id}'")
            continue
        if sorted(PLACEHOLDER.findall(unit.source)) != sorted(PLACEHOLDER.findall(unit.target)):
            problems.append(f"{path}:{where}: placeholders differ from the source in '{unit.id}'")
            continue
        resolved.append((segment, unit.target))
    return problems, resolved


@transaction.atomic
def apply(resolved, locale_code, user=None):
    locale = Locale.objects.get(language_code=locale_code)
    for segment, target in resolved:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": target, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "tool_name": "exchange file", "last_translated_by": user, "has_error": False})
    return len(resolved)
