"""Content pages kept from the last build when nothing they show has changed.

A content page (guide, steps, service, event, organization) in one locale shows its own
documents and, of every other page, only what front matter says (titles, summaries, dates,
facts, which translations exist and their state) and where it lives. So its key is:

- everything every page depends on: the code, portal.yaml, templates and components, UI
  catalogs, fingerprinted asset names and the build's day;
- the site's structure: every document's front matter with the translation's source revision
  replaced by the state readers see, and without the dates only its own page shows, plus every
  page's place;
- its own documents in every locale, bodies included, and the anchors of the pages they link to.

When the key is the one the last build recorded for that output and the last build's file is
still there, the file is hard-linked into the new output (same bytes, same modification time)
together with its search passages, and nothing is rendered.

Index pages (home, topics, lists, search, glossary, 404...) show only what the structure holds
of other pages (titles, summaries, states, facts), so their key is everything and the structure;
the glossary adds its terms' own keys (it shows their text) and the agreed terms it lists.
"""
import hashlib
import json
import os
import pickle
from pathlib import Path

from portal.config import PROJECT_ROOT

from .content_cache import code_version, read_pickle
from .site_model import ID_LINK

TEMPLATE_FOLDERS = [Path(__file__).resolve().parent / "theme", Path(__file__).resolve().parent / "components",
                    PROJECT_ROOT / "search_index" / "component", PROJECT_ROOT / "chat_widget" / "component",
                    PROJECT_ROOT / "translations" / "ui"]


def _digest(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def everything_digest(config, asset_urls, today):
    parts = [code_version(config), json.dumps(asset_urls, sort_keys=True), today.isoformat()]
    for folder in TEMPLATE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return _digest(*parts)


# Shown only on the page itself (its dates, who reviewed it), whose own documents are in its
# key anyway: an edit that only moves these dates re-renders that page, not every page.
OWN_PAGE_ONLY = {"updated", "review_by"}
OWN_PAGE_ONLY_TRANSLATION = {"source_revision", "reviewed_by", "reviewed_on"}


def document_facts(locale, front_matter, body_html, steps_html):
    """What the keys need of one document, worked out where it is read (on every core, and kept
    in the content cache with it): a digest of all it holds; the pages it links to by id; and a
    digest of its front matter as other pages may show it, without the dates only its own page
    shows and without the translation state, which depends on its source (structure_digest
    adds it).
    Worked out for every document in the main process, this was 2 s of every rebuild."""
    steps = sorted((repr(key), html) for key, html in steps_html.items())
    own = _digest(locale, repr(front_matter), body_html, steps)
    targets = sorted({target for html in [body_html, *steps_html.values()] for target, _ in ID_LINK.findall(html)})
    shown = {key: value for key, value in front_matter.items() if key not in OWN_PAGE_ONLY}
    if "translation" in shown:
        shown["translation"] = {key: value for key, value in shown["translation"].items()
                                if key not in OWN_PAGE_ONLY_TRANSLATION}
    # Digests, not the texts themselves: the content cache holds them for 36,000 documents.
    return own, tuple(targets), _digest(repr(sorted(shown.items(), key=lambda item: item[0])))


def _documents(page):
    return [page.source, *(page.translations[code] for code in sorted(page.translations))]


def structure_digest(site):
    """Every document's front matter as other pages may show it, with the state readers see
    instead of the revision a translation was made from, and every page's place."""
    parts = [sorted(site.unreadable_ids)]
    for page in site.pages:
        parts += [page.id, page.section, page.slug]
        for document in _documents(page):
            _, _, shown = document.render_facts
            state = page.state(document.locale) if "translation" in document.front_matter else None
            parts += [document.locale, shown, state]
    return _digest(*parts)


def page_digest(page, site):
    """The page's own documents, and the anchors of the pages they link to (a link to an anchor
    that went away is a problem the page's render reports); other pages' anchors do not matter."""
    parts, targets = [], set()
    for document in _documents(page):
        own, linked, _ = document.render_facts
        parts.append(own)
        targets.update(linked)
    for target in sorted(targets):
        linked = site.by_id.get(target)
        parts += [target, [(document.locale, sorted(document.anchors)) for document in _documents(linked)]
                  if linked else None]
    return _digest(*parts)


class RenderCache:
    """What the last successful build rendered: per locale, {output name: (key, its search
    passages as JSON, how many)} (search_indexes.SearchInput)."""

    def __init__(self, cache_dir, previous_output, staging, everything, site):
        self.folder = Path(cache_dir) / "rendered" if cache_dir else None
        self.previous_output = str(previous_output) if previous_output else None
        self.staging = str(staging)
        self._folders = set()
        self.everything = everything
        self.structure = structure_digest(site) if self.folder else ""
        self.keys = {page.id: _digest(everything, self.structure, page_digest(page, site)) for page in site.pages} \
            if self.folder else {}

    def _file(self, code):
        return self.folder / f"{code}.pickle"

    def load(self, code):
        """The last build's records for one locale, or {} when there are none to trust."""
        if not self.folder or not self.previous_output:
            return {}
        return read_pickle(self._file(code), self.everything, "pages")

    def index_key(self, name, *shown):
        """The key of an index page: everything, the structure, and what else it shows (the
        glossary: its terms' own keys and the agreed terms); None without a cache."""
        return _digest(self.everything, self.structure, name, *shown) if self.folder else None

    def reuse(self, records, name, key):
        """Link the last build's file for this output into the new one; (its passages as JSON,
        how many), or None."""
        record = records.get(name)
        if key is None or not record or record[0] != key:
            return None
        try:
            target = os.path.join(self.staging, name)
            self.make_folder(os.path.dirname(target))
            os.link(os.path.join(self.previous_output, name), target)
        except OSError:
            return None
        return record[1:]

    def make_folder(self, folder):
        """Make a folder of the new output (with its parents) unless this process made it."""
        if folder in self._folders:
            return
        # Each page has a folder of its own, and tens of thousands of them share a few
        # parents: one mkdir each, not makedirs (which looks at every parent first).
        parent = os.path.dirname(folder)
        if parent not in self._folders:
            os.makedirs(parent, exist_ok=True)
            self._folders.add(parent)
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        self._folders.add(folder)

    def key(self, page):
        return self.keys.get(page.id)

    def write(self, code, records):
        """Write one locale's records beside the last build's; (written, final path) to move
        them into place once the build has succeeded, or None without a cache."""
        if not self.folder:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        written = self._file(code).with_suffix(".next")
        with open(written, "wb") as handle:
            pickle.dump({"version": self.everything, "pages": records}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return str(written), str(self._file(code))
