"""wagtail-localize's "Translate with DeepL" button, on the portal's client: correct target
codes, glossaries, formality, the monthly budget and clear errors."""
from django.conf import settings
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from . import budget
from .client import translate_texts, translator
from .glossaries import glossary_for
from .markup import check_markup
from .models import TranslationRun


class PortalDeepLTranslator(BaseMachineTranslator):
    display_name = "DeepL"

    def translate(self, source_locale, target_locale, strings):
        client = translator()
        code = target_locale.language_code
        texts = [string.data for string in strings]
        characters = sum(len(text) for text in texts)
        budget.reserve(characters)
        run = TranslationRun.objects.create(trigger="prefill", locale=code)
        translated = translate_texts(client, texts, source_locale.language_code, code, glossary_for(client, code))
        run.characters_sent, run.segments_sent, run.status = characters, len(texts), "done"
        run.save()
        results = {}
        for string, text in zip(strings, translated):
            check_markup(string.data, text)
            results[string] = StringValue.from_translated_html(text)
        return results

    def can_translate(self, source_locale, target_locale):
        return bool(settings.DEEPL_AUTH_KEY) and source_locale.language_code != target_locale.language_code
