"""The site as readers see it: every page in every locale, with its translation state."""
import dataclasses
import re
from urllib.parse import unquote

from markupsafe import Markup

from .problems import Problem

STATE_SOURCE, STATE_REVIEWED, STATE_MACHINE, STATE_OUTDATED, STATE_MISSING = (
    "source", "reviewed", "machine", "outdated", "missing")
ID_LINK = re.compile(r'href="id:([a-z0-9-]+)(?:#([^"]*))?"')


def translation_state(is_source, exists, status, made_from, current_revision):
    """The state readers see, from a translation's status and the source revision it was made
    from; the generator (files) and the CMS (pages) both decide with this one rule."""
    if is_source:
        return STATE_SOURCE
    if not exists:
        return STATE_MISSING
    if made_from != current_revision:
        return STATE_OUTDATED
    return status or STATE_MISSING


@dataclasses.dataclass
class Document:
    """One content file: a page in one locale."""

    locale: str
    section: str
    slug: str
    front_matter: dict
    body_html: str
    steps_html: dict
    anchors: set
    display_path: str
    # Read again only to name the line of a problem: keeping every file's text in memory made a
    # large site's build hundreds of megabytes heavier.
    source_path: str
    body_line: int
    revision: str
    # What the render cache's keys need of it (render_cache.document_facts), worked out when read.
    render_facts: tuple

    @property
    def id(self):
        return self.front_matter["id"]

    @property
    def kind(self):
        return self.front_matter["kind"]

    @property
    def title(self):
        return self.front_matter["title"]

    @property
    def translation(self):
        return self.front_matter.get("translation") or {}

    def line_of_text(self, needle):
        """The file line where `needle` first appears, for error messages."""
        try:
            with open(self.source_path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            return None
        index = text.find(needle)
        return text.count("\n", 0, index) + 1 if index >= 0 else None


@dataclasses.dataclass
class Page:
    """One page id with its source document and its translations."""

    source: Document
    translations: dict = dataclasses.field(default_factory=dict)

    id = property(lambda self: self.source.id)
    kind = property(lambda self: self.source.kind)
    topic = property(lambda self: self.source.front_matter["topic"])
    section = property(lambda self: self.source.section)
    slug = property(lambda self: self.source.slug)
    revision = property(lambda self: self.source.revision)

    def document_for(self, locale):
        return self.translations.get(locale, self.source)

    def state(self, locale):
        document = self.translations.get(locale)
        translation = document.translation if document else {}
        return translation_state(locale == self.source.locale, document is not None, translation.get("status"),
                                 translation.get("source_revision"), self.revision)

    def url(self, locale):
        if self.kind == "term":
            return f"/{locale}/glossary/#{self.id}"
        return f"/{locale}/{self.section}/{self.slug}/"


class Site:
    def __init__(self, config, pages, unreadable_ids=()):
        self.config = config
        self.unreadable_ids = set(unreadable_ids)
        self.pages = sorted(pages, key=lambda page: (page.section, page.slug))
        self.by_id = {page.id: page for page in self.pages}
        # Every page of every locale asks these questions, so each is answered once: asked
        # afresh, they made a build's time grow with the square of its pages.
        self._answers = {}

    def _answer(self, question, select):
        if question not in self._answers:
            self._answers[question] = [page for page in self.pages if select(page)]
        return list(self._answers[question])

    def of_kind(self, *kinds):
        return self._answer(("kind", kinds), lambda page: page.kind in kinds)

    def in_topic(self, topic, *kinds):
        return self._answer(("topic", topic, kinds), lambda page: page.topic == topic and (not kinds or page.kind in kinds))

    def of_organization(self, organization, kind):
        """The pages of one kind (services, events) that an organization offers."""
        if ("organization", kind) not in self._answers:
            offered = {}
            for page in self.of_kind(kind):
                offered.setdefault(page.source.front_matter.get("organization"), []).append(page)
            self._answers[("organization", kind)] = offered
        return list(self._answers[("organization", kind)].get(organization, []))


def assemble_site(config, documents, unreadable=None):
    """Join documents into pages and check them against each other; return (site, problems).

    `unreadable` maps "<locale>/<section>/<slug>" of files that failed their own checks to
    their id (or None); problems that only follow from those failures are not repeated."""
    unreadable = unreadable or {}
    problems = []
    source_code = config.source.code
    sources, by_path = {}, {}
    for document in documents:
        if document.locale == source_code:
            earlier = sources.get(document.id)
            if earlier:
                problems.append(Problem(document.display_path, document.front_matter.line_of("id"),
                                        f"duplicate id '{document.id}' (also in {earlier.display_path})"))
                continue
            sources[document.id] = document
            by_path[(document.section, document.slug)] = document
    pages = {doc_id: Page(document) for doc_id, document in sources.items()}
    for document in documents:
        if document.locale == source_code:
            continue
        source = by_path.get((document.section, document.slug))
        fm = document.front_matter
        if source is None:
            if f"{source_code}/{document.section}/{document.slug}" in unreadable:
                continue
            problems.append(Problem(document.display_path, None,
                                    f"translation with no source: content/{source_code}/{document.section}/"
                                    f"{document.slug}.md does not exist"))
            continue
        if document.id != source.id:
            problems.append(Problem(document.display_path, fm.line_of("id"),
                                    f"id '{document.id}' differs from the source page's id '{source.id}'"))
            continue
        for key in ("kind", "topic", "audiences"):
            mine, theirs = fm.get(key), source.front_matter.get(key)
            if key == "audiences":
                mine, theirs = list(mine or []), list(theirs or [])
            if mine != theirs:
                problems.append(Problem(document.display_path, fm.line_of(key),
                                        f"'{key}' differs from the source page ({theirs!r})"))
        mismatches = _check_steps_match(document, source)
        if mismatches:
            problems.extend(mismatches)
            continue
        pages[source.id].translations[document.locale] = document
    for page in pages.values():
        problems.extend(_check_references(page, pages))
    unreadable_ids = {doc_id for doc_id in unreadable.values() if doc_id} - set(pages)
    return Site(config, pages.values(), unreadable_ids), problems


def _check_steps_match(document, source):
    if source.kind != "steps":
        return []
    steps, source_steps = document.front_matter.get("steps") or [], source.front_matter.get("steps") or []
    line = document.front_matter.line_of("steps")
    if [s.get("id") for s in steps] != [s.get("id") for s in source_steps]:
        return [Problem(document.display_path, line, "the steps must have the same ids in the same order as "
                                                     "the source page: " + ", ".join(s["id"] for s in source_steps))]
    problems = []
    for step, source_step in zip(steps, source_steps):
        if len(step.get("either") or []) != len(source_step.get("either") or []):
            problems.append(Problem(document.display_path, step.line,
                                    f"step '{step['id']}' must have the same alternatives as the source page"))
        if bool(step.get("optional")) != bool(source_step.get("optional")):
            problems.append(Problem(document.display_path, step.line,
                                    f"step '{step['id']}': 'optional' comes from the source page"))
    return problems


def _check_references(page, pages):
    fm = page.source.front_matter
    organization = fm.get("organization")
    if organization is None:
        return []
    target = pages.get(organization)
    if target is None or target.kind != "organization":
        return [Problem(page.source.display_path, fm.line_of("organization"),
                        f"organization '{organization}' is not the id of an organization page")]
    return []


def resolve_id_links(html, document, locale, site):
    """Turn `id:` links into URLs in the reader's locale; return (html, problems)."""
    problems = []

    def replace(match):
        # The Markdown renderer percent-encodes a link's non-ASCII characters; anchors are
        # compared, and written, as the heading ids they name.
        target_id, anchor = match.group(1), unquote(match.group(2) or "")
        target = site.by_id.get(target_id)
        where = lambda: document.line_of_text(f"id:{target_id}")  # noqa: E731 (read only for a problem)
        if target is None:
            if target_id in site.unreadable_ids:
                return 'href="#"'
            problems.append(Problem(document.display_path, where(), f"broken link: no page has the id '{target_id}'"))
            return 'href="#"'
        url = target.url(locale)
        if anchor:
            shown = target.document_for(locale)
            if anchor not in shown.anchors:
                problems.append(Problem(document.display_path, where(),
                                        f"broken link: '{target_id}' has no anchor '#{anchor}' in "
                                        f"{shown.display_path}"))
            url = f"{url.split('#')[0]}#{anchor}"
        return f'href="{url}"'

    return Markup(ID_LINK.sub(replace, html)), problems
