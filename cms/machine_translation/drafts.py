"""Drafting one page in one locale: only segments with no translation yet are sent, and the
page is published only when every segment is translated."""
from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from . import budget
from .client import batches, translate_texts
from .markup import MarkupMismatch, check_markup

TOOL_NAME = "DeepL"


def ensure_translation(source_page, locale_code):
    """The wagtail-localize translation of this page into the locale, synced with the source."""
    locale = Locale.objects.get(language_code=locale_code)
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale,
                                                       defaults={"enabled": True})
    return translation


def pending_segments(translation):
    """Segments still to translate, after reusing what this locale already has for the same text."""
    locale = translation.target_locale
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string"))
    existing = StringTranslation.objects.filter(locale=locale, has_error=False,
                                                translation_of_id__in=[s.string_id for s in segments])
    done = {(t.translation_of_id, t.context_id) for t in existing}
    memory = {t.translation_of_id: t.data for t in existing}
    pending = []
    for segment in segments:
        if (segment.string_id, segment.context_id) in done:
            continue
        if segment.string_id in memory:  # the same text elsewhere: never paid for twice
            StringTranslation.objects.create(translation_of_id=segment.string_id, locale=locale,
                                             context_id=segment.context_id, data=memory[segment.string_id],
                                             translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                                             tool_name=TOOL_NAME)
            continue
        pending.append(segment)
    return pending


def plan(source_page, locale_code):
    """(segments, characters) a draft would send now. Nothing is sent to DeepL; wagtail-localize
    records the source's segments, as it does for any translation."""
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    segments = StringSegment.objects.filter(source=source).select_related("string")
    known = set(StringTranslation.objects.filter(locale__language_code=locale_code, has_error=False)
                .values_list("translation_of_id", flat=True))
    texts = {segment.string_id: segment.string.data for segment in segments if segment.string_id not in known}
    return len(texts), sum(len(text) for text in texts.values())


def draft_page(client, source_page, locale_code, run, glossary_id=None, publish=True):
    """Translate what is missing; publish when complete (and when asked). Returns True if published."""
    translation = ensure_translation(source_page, locale_code)
    pending = pending_segments(translation)
    unique = {}
    for segment in pending:
        unique.setdefault(segment.string_id, segment.string.data)
    problems = []
    for batch in batches(list(unique.items())):
        # Batch by batch: what DeepL returned is kept even if a later batch fails, so a re-run
        # resumes and never pays for it again.
        texts = [text for _, text in batch]
        characters = sum(len(text) for text in texts)
        budget.reserve(characters)
        translated = translate_texts(client, texts, settings.PORTAL.source.code, locale_code, glossary_id)
        run.characters_sent += characters
        run.segments_sent += len(texts)
        run.save(update_fields=["characters_sent", "segments_sent"])
        results = {string_id: text for (string_id, _), text in zip(batch, translated)}
        for segment in pending:
            if segment.string_id not in results:
                continue
            data = results[segment.string_id]
            try:
                check_markup(segment.string.data, data)
            except MarkupMismatch as error:
                problems.append(str(error))
                continue
            StringTranslation.objects.update_or_create(
                translation_of_id=segment.string_id, locale=translation.target_locale, context_id=segment.context_id,
                defaults={"data": data, "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                          "tool_name": TOOL_NAME, "has_error": False})
    if problems:
        raise MarkupMismatch("; ".join(problems))
    total, done = translation.get_progress()
    if publish and done == total:
        translation.save_target(publish=True)
        return True
    return False
