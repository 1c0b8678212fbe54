"""Every publish and unpublish, scheduled ones and translations too, updates content/.

Then the site is rebuilt (see rebuild.py). A failed export leaves the published files as
they were and is reported to the editor; nothing is deleted or truncated.
"""
import contextlib
import logging
import threading

from django.conf import settings
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from . import rebuild
from .roles import can_approve
from .export import ExportError, document_for, relative_path, remove_document, source_of, write_document

logger = logging.getLogger(__name__)
_paused = threading.local()


@contextlib.contextmanager
def export_paused():
    """Used by the import: pages published while loading content/ are not written back."""
    _paused.value = True
    try:
        yield
    finally:
        _paused.value = False


def _portal_page(instance):
    from .models import PortalPage

    page = instance.specific
    return page if isinstance(page, PortalPage) else None


def _is_professional(locale_code):
    return any(locale.code == locale_code for locale in settings.PORTAL.professional)


def _stamp_translation(page, user):
    """A translation published by a reviewer is 'reviewed', made from the source revision it was
    translated from (the revision wagtail-localize last synced), or the current one."""
    from wagtail_localize.models import Translation

    source = source_of(page)
    translation = Translation.objects.filter(source__object_id=page.translation_key,
                                             target_locale=page.locale).select_related("source").first()
    if translation is not None:
        made_from = translation.source.as_instance()
        made_from.pk, made_from.locale = source.pk, source.locale
        revision = document_for(made_from).revision if made_from.updated else document_for(source).revision
    else:
        revision = document_for(source).revision
    fields = {"source_revision": revision, "updated": timezone.localdate()}
    if _is_professional(page.locale.language_code):
        name = (user.get_full_name() or user.get_username()) if user else ""
        fields.update(translation_status="reviewed", reviewed_by=name, reviewed_on=timezone.localdate())
    else:
        fields["translation_status"] = "machine"
    type(page).objects.filter(pk=page.pk).update(**fields)
    page.refresh_from_db()
    return page


def _after_source_publish(page, previous_revision):
    """Record the text date; after a minor edit, translations that were current stay current."""
    fields = {"minor_edit": False}
    if not page.minor_edit or page.updated is None:
        fields["updated"] = timezone.localdate()
    type(page).objects.filter(pk=page.pk).update(**fields)
    minor = page.minor_edit
    page.refresh_from_db()
    restamped = []
    if minor and previous_revision:
        new_revision = document_for(page).revision
        for translation in page.get_translations().specific():
            if getattr(translation, "source_revision", None) == previous_revision and translation.live:
                type(translation).objects.filter(pk=translation.pk).update(source_revision=new_revision)
                translation.refresh_from_db()
                restamped.append(translation)
    return restamped


def _previous_revision(page):
    from pathlib import Path

    from site_generator.frontmatter import split_front_matter
    from site_generator.revisions import source_revision

    path = Path(settings.PORTAL_CONTENT_DIR) / relative_path(page, page)
    try:
        front_matter, body, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except Exception:  # noqa: BLE001 - no readable previous file means no previous revision
        return None
    return source_revision(front_matter, body)


def _refuse_incomplete(page):
    """Never put a half-translated page on the site: every text segment must be translated."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(source__object_id=page.translation_key,
                                             target_locale=page.locale).first()
    if translation is None:
        return
    total, done = translation.get_progress()
    if done < total:
        raise ExportError(f"{page.title} ({page.locale.language_code}): {total - done} of {total} text segments "
                          f"are not translated yet; the page stays off the site until all are")


def export_page(page, user=None):
    """Write the files a publish affects; return their relative paths."""
    is_source = page.locale.language_code == settings.PORTAL.source.code
    written = []
    if is_source:
        previous = _previous_revision(page)
        restamped = _after_source_publish(page, previous)
        for affected in [page, *restamped]:
            document = document_for(affected)
            if write_document(document):
                written.append(document.relative_path)
    else:
        if _is_professional(page.locale.language_code) and not can_approve(user, page.locale.language_code):
            # The gate: wagtail-localize publishes outside Wagtail's workflows, so the site only
            # takes a professional translation that a reviewer of its locale approved.
            raise ExportError(f"{page.title} ({page.locale.language_code}) was published by someone who is not "
                              f"a reviewer of this language; it stays off the site until a reviewer publishes it")
        _refuse_incomplete(page)
        page = _stamp_translation(page, user)
        document = document_for(page)
        if write_document(document):
            written.append(document.relative_path)
    return written


def on_published(sender, instance, revision=None, **kwargs):
    if getattr(_paused, "value", False):
        return
    page = _portal_page(instance)
    if page is None:
        return
    user = revision.user if revision is not None else None
    try:
        written = export_page(page, user)
    except ExportError as error:
        report_failure(page, error)
        return
    if written:
        rebuild.changed(written, page, user)


def on_unpublished(sender, instance, **kwargs):
    if getattr(_paused, "value", False):
        return
    page = _portal_page(instance)
    if page is None:
        return
    source = source_of(page)
    relative = relative_path(page, source)
    try:
        removed = remove_document(relative)
    except ExportError as error:
        report_failure(page, error)
        return
    if removed:
        rebuild.changed([relative], page, None)
    if page.pk == source.pk:
        # A translation cannot stand on the site without its source page: it goes too.
        for translation in page.get_translations().live():
            translation.specific.unpublish()


def report_failure(page, error):
    """Tell the editor: a message on their next admin page and a log line without reader data."""
    from .models import ExportFailure

    ExportFailure.objects.create(page_id=page.pk, message=str(error))
    logger.error("export of page %s failed: %s", page.pk, error)


page_published.connect(on_published, dispatch_uid="portal_export_on_publish")
page_unpublished.connect(on_unpublished, dispatch_uid="portal_export_on_unpublish")
