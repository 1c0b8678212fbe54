"""Import: content/ into an empty CMS, every locale with its translation state.

Files are read and checked with the site generator's own reader rules, so the CMS accepts
exactly what the site builds. Publishing during the import does not export anything back.
"""
import contextlib
import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from markdown.extensions.toc import slugify_unicode
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from site_generator.contract import check_document
from site_generator.frontmatter import split_front_matter
from site_generator.problems import ContentProblems
from site_generator.schedule import parse_local_datetime

from . import signals
from .markdown_text import markdown_to_richtext
from .models import SECTIONS, LocaleHomePage, PortalPage, SectionPage
from .source_texts import source_texts

KIND_ORDER = ("organization", "service", "event", "guide", "steps", "term")


class ImportFailed(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def read_files(content_dir):
    """{locale: [(relative path, front matter, body)]}, or ImportFailed listing every problem."""
    config = settings.PORTAL
    found, problems = {}, []
    for path in sorted(Path(content_dir).glob("*/*/*.md")):
        locale, section, name = path.relative_to(content_dir).parts
        shown = str(path)
        try:
            front_matter, body, _ = split_front_matter(path.read_text(encoding="utf-8"), shown)
        except ContentProblems as error:
            problems.extend(error.problems)
            continue
        if locale not in config.locale_codes:
            continue
        problems.extend(check_document(front_matter, body, shown, locale, section, name[:-3], config))
        found.setdefault(locale, []).append((f"{locale}/{section}/{name}", front_matter, body))
    if problems:
        raise ImportFailed(problems)
    return found


def body_stream(markdown_text):
    """Markdown body -> StreamField data: headings with their anchors, text between them."""
    blocks, text = [], []

    def flush():
        joined = "\n".join(text).strip()
        if joined:
            blocks.append(("text", markdown_to_richtext(joined)))
        text.clear()

    for line in (markdown_text or "").splitlines():
        stripped = line.strip()
        if stripped.startswith("## "):
            flush()
            heading, anchor = stripped[3:], ""
            if heading.endswith("}") and "{#" in heading:
                heading, _, anchor = heading.rpartition("{#")
                anchor = anchor[:-1]
            blocks.append(("heading", {"text": heading.strip(), "anchor": anchor or slugify_unicode(heading, "-")}))
        else:
            text.append(line)
    flush()
    return blocks


def steps_stream(steps):
    result = []
    for step in steps:
        result.append(("step", {
            "step_id": step["id"], "title": step["title"],
            "body": markdown_to_richtext(step.get("body", "")),
            "documents": list(step.get("documents") or []),
            "optional": bool(step.get("optional")),
            "either": [{"title": alt["title"], "body": markdown_to_richtext(alt.get("body", "")),
                        "documents": list(alt.get("documents") or [])} for alt in step.get("either") or []],
        }))
    return result


def _aware(value):
    return timezone.make_aware(parse_local_datetime(value))


def _hours_text(ranges):
    return ", ".join(ranges or [])


def apply_text(page, front_matter, body):
    page.title = front_matter["title"]
    page.summary = front_matter["summary"]
    page.body = body_stream(body)
    if page.kind == "steps":
        page.steps = steps_stream(front_matter["steps"])


def apply_facts(page, fm, pages_by_id):
    address = fm.get("address") or (fm.get("place") or {}).get("address") or {}
    coordinates = fm if page.kind != "event" else (fm.get("place") or {})
    if hasattr(page, "street"):
        for key in ("street", "postcode", "city", "district"):
            setattr(page, key, str(address.get(key, "") or ""))
        page.latitude, page.longitude = coordinates.get("latitude"), coordinates.get("longitude")
    if page.kind in ("service", "organization"):
        for key in ("phone", "email", "website"):
            setattr(page, key, fm.get(key) or "")
        page.languages = list(fm.get("languages") or [])
    if page.kind == "service":
        page.organization = pages_by_id[fm["organization"]]
        for key in ("free", "walk_in", "no_id_needed", "barrier_free"):
            setattr(page, key, bool(fm.get(key)))
        for day, ranges in (fm.get("opening_hours") or {}).items():
            setattr(page, f"hours_{day}", _hours_text(ranges))
        page.appointment_only = list(fm.get("appointment_only") or [])
        closed = fm.get("temporarily_closed") or {}
        page.closed_from, page.closed_until = closed.get("from"), closed.get("until")
    elif page.kind == "event":
        page.start, page.end = _aware(fm["start"]), _aware(fm["end"])
        page.recurrence = fm.get("recurrence") or ""
        page.place_name = fm["place"]["name"]
        page.organization = pages_by_id.get(fm.get("organization")) if fm.get("organization") else None
    elif page.kind == "organization":
        page.organization_type = fm["organization_type"]
        page.channels = [("channel", {"type": c["type"], "url": c["url"]}) for c in fm.get("channels") or []]


def _publish(page, user=None):
    revision = page.save_revision(user=user, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def ensure_tree():
    """Locales, a home per locale and every section, as translations of the source's."""
    config = settings.PORTAL
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in config.locale_codes}
    root = Page.get_first_root_node()
    source_locale = locales[config.source.code]
    home = LocaleHomePage.objects.filter(locale=source_locale).first()
    if home is None:
        # Wagtail's first migration leaves a placeholder welcome page; the portal's homes replace it.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = root.add_child(instance=LocaleHomePage(title=config.site_name, slug="portal", locale=source_locale))
        _publish(home)
        Site.objects.update_or_create(is_default_site=True, defaults={
            "hostname": "localhost", "root_page": home, "site_name": config.site_name})
    for code, locale in locales.items():
        if code != config.source.code and not home.has_translation(locale):
            _publish(home.copy_for_translation(locale))
    sections = {}
    for key in (*config.topic_ids, *SECTIONS):
        section = SectionPage.objects.filter(locale=source_locale, section=key).first()
        if section is None:
            title = config.topic(key).title if key in config.topic_ids else key.capitalize()
            section = home.add_child(instance=SectionPage(title=title, slug=key, section=key, locale=source_locale))
            _publish(section)
        for code, locale in locales.items():
            if code != config.source.code and not section.has_translation(locale):
                _publish(section.copy_for_translation(locale))
        sections[key] = section
    return locales, sections


def page_class(kind):
    from events.models import EventPage
    from glossary.models import TermPage
    from guides.models import GuidePage, StepsPage
    from organizations.models import OrganizationPage
    from services.models import ServicePage

    return {"guide": GuidePage, "steps": StepsPage, "service": ServicePage, "event": EventPage,
            "organization": OrganizationPage, "term": TermPage}[kind]


@transaction.atomic
def import_content(content_dir=None):
    """Load content/ into the CMS; return the number of pages created per locale."""
    content_dir = Path(content_dir or settings.PORTAL_CONTENT_DIR)
    files = read_files(content_dir)
    config = settings.PORTAL
    counts = {}
    # A page is saved several times on its way in (created, revised, published); its references
    # and its entry in the admin's search index are written once, after the import.
    with signals.export_paused(), disable_reference_index_auto_update(), search_index_deferred():
        locales, sections = ensure_tree()
        pages_by_id = {}
        source_files = sorted(files.get(config.source.code, []), key=lambda f: KIND_ORDER.index(f[1]["kind"]))
        for relative, fm, body in source_files:
            cls = page_class(fm["kind"])
            page = cls(content_id=fm["id"], slug=Path(relative).stem, topic=fm["topic"],
                       audiences=list(fm.get("audiences") or []), review_by=fm["review_by"],
                       updated=fm["updated"], locale=locales[config.source.code])
            apply_text(page, fm, body)
            apply_facts(page, fm, pages_by_id)
            section = sections[relative.split("/")[1]]
            section.add_child(instance=page)
            pages_by_id[fm["id"]] = _publish(page)
        counts[config.source.code] = len(source_files)
        for code, entries in files.items():
            if code == config.source.code:
                continue
            for _, fm, body in entries:
                source = pages_by_id[fm["id"]]
                translation = source.copy_for_translation(locales[code]).specific
                apply_text(translation, fm, body)
                block = fm["translation"]
                translation.updated = fm["updated"]
                translation.review_by = fm["review_by"]
                translation.translation_status = block["status"]
                translation.source_revision = block["source_revision"]
                translation.reviewed_by = block.get("reviewed_by") or ""
                translation.reviewed_on = block.get("reviewed_on")
                _publish(translation)  # the revision carries every field set above
            counts[code] = len(entries)
    for page in Page.objects.specific().iterator(chunk_size=500):
        ReferenceIndex.create_or_update_for_object(page)
    call_command("update_index", stdout=io.StringIO())
    # The reports' figures for every source page, worked out now rather than on an editor's first look.
    source_texts([(page.pk, page.live_revision_id) for page in Page.objects.filter(
        locale=locales[config.source.code], live=True).type(PortalPage)])
    return counts


@contextlib.contextmanager
def search_index_deferred():
    """Stop indexing each save for the admin's search. The database search backend re-reads its
    whole index after every single-object update, so an import that indexed each save slowed
    down with every page already in; the import indexes everything in bulk at its end instead.
    The signal is process-wide: imports run in a command of their own, not beside editors."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


