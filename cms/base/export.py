"""Export: a published page becomes its file in content/, in the content contract.

Writing is atomic (a temporary file beside the target, then a rename), so a failed export
never truncates or deletes a published file.
"""
import dataclasses
import os
import tempfile
from pathlib import Path

from django.conf import settings

from site_generator.contract import section_for
from site_generator.revisions import source_revision

from .markdown_text import richtext_to_markdown
from .serialize import render_document

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ExportError(Exception):
    pass


@dataclasses.dataclass
class ExportedDocument:
    relative_path: str  # <locale>/<section>/<slug>.md
    text: str
    revision: str


def source_of(page):
    """The source-locale page of a translation group (the page itself when it is the source)."""
    if page.locale.language_code == settings.PORTAL.source.code:
        return page
    return page.get_translation(_source_locale()).specific


def _source_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code=settings.PORTAL.source.code)


def resolve_page_link(pk):
    from wagtail.models import Page

    page = Page.objects.filter(pk=pk).specific().first()
    content_id = getattr(page, "content_id", None) if page else None
    if not content_id:
        raise ExportError(f"a rich text link points to page {pk}, which is not a portal page")
    return f"id:{content_id}"


def body_markdown(stream):
    parts = []
    for block in stream:
        if block.block_type == "heading":
            parts.append(f"## {block.value['text'].strip()} {{#{block.value['anchor']}}}")
        elif block.block_type == "text":
            text = richtext_to_markdown(block.value.source, resolve_page_link)
            if text:
                parts.append(text)
    return "\n\n".join(parts)


def _steps(page):
    result = []
    for block in page.steps:
        value = block.value
        step = {"id": value["step_id"], "title": value["title"].strip()}
        alternatives = list(value.get("either") or [])
        if not alternatives:
            step["body"] = richtext_to_markdown(value["body"].source, resolve_page_link) if value["body"] else ""
        documents = [document.strip() for document in value.get("documents") or [] if document.strip()]
        if documents:
            step["documents"] = documents
        if value.get("optional"):
            step["optional"] = True
        if alternatives:
            step["either"] = []
            for alternative in alternatives:
                item = {"title": alternative["title"].strip(),
                        "body": richtext_to_markdown(alternative["body"].source, resolve_page_link)}
                alt_documents = [d.strip() for d in alternative.get("documents") or [] if d.strip()]
                if alt_documents:
                    item["documents"] = alt_documents
                step["either"].append(item)
        result.append(step)
    return result


def _address(page):
    return page.address or None


def _coordinates(page):
    return {} if page.latitude is None else {"latitude": page.latitude, "longitude": page.longitude}


def _local_minutes(moment):
    from django.utils import timezone

    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes")


def facts(page):
    """Kind-specific facts, written only in the source file."""
    kind = page.kind
    if kind == "service":
        result = {"organization": page.organization.specific.content_id, "address": _address(page),
                  **_coordinates(page)}
        for key in ("phone", "email", "website"):
            if getattr(page, key):
                result[key] = getattr(page, key)
        result["languages"] = list(page.languages)
        for key in ("free", "walk_in", "no_id_needed", "barrier_free"):
            result[key] = bool(getattr(page, key))
        result["opening_hours"] = page.opening_hours()
        result["appointment_only"] = [day for day in WEEKDAYS if day in page.appointment_only]
        if page.closed_from:
            result["temporarily_closed"] = {"from": page.closed_from, "until": page.closed_until}
        return result
    if kind == "event":
        place = {"name": page.place_name}
        if page.address:
            place["address"] = page.address
        place.update(_coordinates(page))
        result = {"start": _local_minutes(page.start), "end": _local_minutes(page.end)}
        if page.recurrence:
            result["recurrence"] = page.recurrence
        result["place"] = place
        if page.organization_id:
            result["organization"] = page.organization.specific.content_id
        return result
    if kind == "organization":
        result = {"organization_type": page.organization_type}
        if page.address:
            result["address"] = page.address
        result.update(_coordinates(page))
        for key in ("phone", "email", "website"):
            if getattr(page, key):
                result[key] = getattr(page, key)
        result["languages"] = list(page.languages)
        channels = [{"type": block.value["type"], "url": block.value["url"]} for block in page.channels]
        if channels:
            result["channels"] = channels
        return result
    return {}


def relative_path(page, source=None):
    """content/<locale>/<section>/<slug>.md of a page: the slug is always the source page's."""
    source = source or source_of(page)
    return f"{page.locale.language_code}/{section_for(page.kind, page.topic)}/{source.slug}.md"


def document_for(page):
    """The exported file of a page: path, canonical text and (for a source page) revision."""
    page = page.specific
    source = source_of(page)
    is_source = page.pk == source.pk
    front_matter = {"id": source.content_id, "kind": page.kind, "topic": page.topic, "title": page.title,
                    "summary": page.summary, "audiences": list(page.audiences), "updated": page.updated,
                    "review_by": page.review_by}
    if front_matter["updated"] is None:
        raise ExportError(f"page {page.pk} ({page.title}) has no 'updated' date: publish it first")
    if page.kind == "steps":
        front_matter["steps"] = _steps(page)
    if is_source:
        front_matter.update(facts(page))
    else:
        block = {"status": page.translation_status or "machine", "source_revision": page.source_revision}
        if block["status"] == "reviewed":
            block.update(reviewed_by=page.reviewed_by, reviewed_on=page.reviewed_on)
        front_matter["translation"] = block
    body = body_markdown(page.body)
    text = render_document(front_matter, body)
    return ExportedDocument(relative_path(page, source), text, source_revision(front_matter, body))


def write_document(document, content_dir=None):
    """Write atomically; return True when the file changed."""
    target = Path(content_dir or settings.PORTAL_CONTENT_DIR) / document.relative_path
    data = document.text.encode("utf-8")
    if target.exists() and target.read_bytes() == data:
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise ExportError(f"could not write {target}: {error.strerror or error}") from error
    return True


def remove_document(relative_path, content_dir=None):
    target = Path(content_dir or settings.PORTAL_CONTENT_DIR) / relative_path
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise ExportError(f"could not remove {target}: {error.strerror or error}") from error
    return True
