"""A translation run: pages × locales, one failing locale never stopping the others, a stop
(quota, key, budget) stopping them all cleanly. Re-running resumes where a run stopped,
because translated segments are kept and never sent again."""
import logging

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from .client import DeepLRequestError, DeepLStop, translator
from .drafts import draft_page
from .glossaries import glossary_for
from .languages import machine_locales
from .markup import MarkupMismatch
from .models import TranslationRun

logger = logging.getLogger(__name__)


def source_pages():
    from base.models import PortalPage

    return list(Page.objects.type(PortalPage).live().filter(
        locale__language_code=settings.PORTAL.source.code).specific().order_by("path"))


def run_drafts(pages, locales=None, trigger="publish", publish=True, progress=None):
    """Draft pages into locales; return the TranslationRun of each locale."""
    locales = list(locales or machine_locales())
    runs = {code: TranslationRun.objects.create(trigger=trigger, locale=code) for code in locales}
    try:
        client = translator()
    except DeepLStop as error:
        _finish_all(runs.values(), "stopped", str(error))
        return runs
    stopped = None
    for code in locales:
        run = runs[code]
        if stopped:
            _finish(run, "stopped", stopped)
            continue
        try:
            glossary_id = glossary_for(client, code)
            for page in pages:
                if draft_page(client, page, code, run, glossary_id, publish=publish):
                    run.pages_published += 1
                if progress:
                    progress(code, page)
        except DeepLStop as error:
            stopped = str(error)
            _finish(run, "stopped", stopped)
        except (DeepLRequestError, MarkupMismatch) as error:
            _finish(run, "failed", str(error))
        else:
            _finish(run, "done", "")
    return runs


def _finish(run, status, message):
    run.status, run.message, run.finished_at = status, message, timezone.now()
    run.save()
    if status != "done":
        logger.warning("DeepL run for %s %s: %s", run.locale, status, message)


def _finish_all(runs, status, message):
    for run in runs:
        _finish(run, status, message)
