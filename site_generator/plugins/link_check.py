"""After the site is written: every internal link and anchor must resolve.

Internal means a path on the site itself, written as a path or as an absolute URL under
site.base_url. Pages are checked where browsers and scripts follow them (href, src, srcset,
form actions, and data-* attributes holding a path that a script fetches); the files that
other programs follow (JSON and GeoJSON, the sitemap and feeds, calendars, robots.txt) are
checked too, because a broken URL there is as broken for the reader who ends up on it.
"""
import html
import json
import os
import re
import sys
from urllib.parse import unquote

from pelican import signals

from ..build_state import build_step
from ..content_cache import code_version
from ..link_targets import KeptFiles, LinkTargets
from ..markdown_render import anchors_in
from ..output_facts import facts_for
from ..problems import Problem

HTML_URL = re.compile(r'\s(href|src|srcset|action|data-[a-z0-9-]+)="([^"]*)"')
WHITESPACE = re.compile(r"[ \n\t]")
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "geo:", "data:", "sms:", "blob:", "javascript:", "//")
# Netlify Functions answer under /api/ (the chat's path is declared in its own config);
# they are not files of the output.
FUNCTION_PATHS = ("/api/",)
JSON_FILES = (".json", ".geojson", ".webmanifest")
# Formats whose links are absolute URLs only: the sitemap, Atom feeds, iCalendar, robots.txt.
ABSOLUTE_ONLY_FILES = (".xml", ".atom", ".ics", ".txt")
# A search shard holds terms and postings, never a URL (those are in the store chunks), and
# it is the largest JSON a build writes.
SEARCH_SHARD = re.compile(r"[^/]+/search/shard-[^/]+\.json")


def _target_file(output_dir, current, path):
    if path.startswith("/"):
        relative = path.lstrip("/")
    else:
        relative = os.path.normpath(os.path.join(os.path.dirname(current), path))
    if relative in ("", "."):
        relative = "index.html"
    elif relative.endswith("/") or os.path.isdir(os.path.join(output_dir, relative)):
        relative = relative.rstrip("/") + "/index.html"
    return relative


def _is_site_path(value):
    return value.startswith("/") and not value.startswith("//")


def _html_urls(text, base_url):
    for attribute, raw in HTML_URL.findall(text):
        value = (html.unescape(raw) if "&" in raw else raw).strip()
        if attribute == "srcset":
            yield from (candidate.split()[0] for candidate in value.split(",") if candidate.strip())
        elif not attribute.startswith("data-") or _is_site_path(value) or value.startswith(base_url + "/"):
            yield value


def _json_urls(text, base_url):
    # Tested for a site path first: most strings (titles, snippets) fail it at the first character.
    prefix = base_url + "/"
    pending = [json.loads(text)]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            site_link = _is_site_path(value) or value == base_url or value.startswith(prefix)
            if site_link and not WHITESPACE.search(value):
                yield value
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def _absolute_urls(text, base_url):
    # iCalendar folds long lines: a line break followed by one space continues the line.
    text = text.replace("\r\n ", "").replace("\n ", "")
    # A locale's sitemap holds about 38,000 URLs: found in one pass, each distinct one then
    # unescaped only if it holds an entity.
    found = set(re.findall(re.escape(base_url) + r'(?:/[^\s"<>\\]*)?', text))
    return (html.unescape(url) if "&" in url else url for url in found)


def urls_in(name, text, base_url):
    """The link targets written in one output file, as written (internal and external)."""
    if name.endswith(".html"):
        return set(_html_urls(text, base_url))
    if name.endswith(JSON_FILES):
        return set(_json_urls(text, base_url))
    if name.endswith(ABSOLUTE_ONLY_FILES):
        return set(_absolute_urls(text, base_url))
    return set()


def _read_anchors(path):
    with open(path, encoding="utf-8") as handle:
        return anchors_in(handle.read())


def fact_kind(kind, base_url):
    """What the check's facts of a kind are kept as: the links found depend on the base URL."""
    return f"{kind} {base_url}"


def page_facts(name, text, base_url):
    """What the check will ask of one page, by fact kind: for the process that wrote the page,
    which has its text in hand."""
    return {fact_kind("link-set", base_url): link_facts(name, text, base_url),
            fact_kind("anchors", base_url): anchors_in(text)}


def written_links(links):
    """link_facts of a file of absolute URLs (ABSOLUTE_ONLY_FILES) whose writer knows every
    link it wrote: the same facts, without looking for them in the text."""
    return frozenset(sys.intern(link) for link in links), (), None


def _site_path(link, base_url):
    """The link with the site's own base URL taken off (a path from the site's root)."""
    if base_url and (link == base_url or link.startswith(base_url + "/")):
        return link[len(base_url):] or "/"
    return link


def _is_contextual(link, base_url):
    """Whether where a link leads depends on the page it is on (a relative path, a bare #anchor)."""
    return not _site_path(link, base_url).startswith(("/", *EXTERNAL))


def link_facts(name, text, base_url):
    """One output's links, as (all of them, those relative to the page, a JSON error or None);
    what it finds depends on the file alone."""
    try:
        found = urls_in(name, text, base_url)
    except json.JSONDecodeError as error:
        return frozenset(), (), str(error)
    # Interned, so the same URL on many pages is one string in memory and in the facts file.
    found = frozenset(sys.intern(link) for link in found)
    if name.endswith(ABSOLUTE_ONLY_FILES):
        return found, (), None  # every link in these starts with the base URL: none is relative
    return found, tuple(sorted(link for link in found if _is_contextual(link, base_url))), None


def _links_of(name):
    """The function that reads one output file's link_facts."""
    def read(path, base_url):
        with open(path, encoding="utf-8") as handle:
            return link_facts(name, handle.read(), base_url)
    return read


def _checked(name):
    return name.endswith((".html", *JSON_FILES, *ABSOLUTE_ONLY_FILES)) and not SEARCH_SHARD.fullmatch(name)


def find_broken_links(output_dir, outputs, base_url="", facts=None, targets=None, unchanged=frozenset(),
                      kept_were_judged=False):
    """Return Problems for links in the written site that point nowhere (LinkCheck, in one go)."""
    return LinkCheck(output_dir, base_url, facts, targets, unchanged, kept_were_judged).check(outputs, final=True)


class LinkCheck:
    """The links of a site's outputs, checked in one go or in two: the files written before the
    search builder's (while it runs: both cores are busy then anyway, and the check was about 9 s
    of one core after it in a full build), then the rest. A link the first call finds leading
    nowhere may lead to a file not written yet (every page names its locale's search manifest):
    it is judged again by the last call, which alone reports problems.

    `facts` (output_facts.OutputFacts) remembers what unchanged files hold from the last build,
    and `targets` (link_targets.LinkTargets) where its links led; `unchanged` holds the names of
    the outputs that are the last build's files, linked into this one (link_targets.KeptFiles).

    `kept_were_judged`: `targets` holds every link of the last build's output (its writer saved
    all its caches), so the files this build kept need not be gone through: a link of theirs
    can only have broken if the file it led to was written again or is gone, and only those
    links are judged again. Their links are read only when one of those broke, to find the
    pages that hold it."""

    def __init__(self, output_dir, base_url="", facts=None, targets=None, unchanged=frozenset(),
                 kept_were_judged=False):
        self.output_dir, self.base_url, self.facts = output_dir, base_url, facts
        self.targets = targets or LinkTargets(None, None)
        self.unchanged, self.kept_were_judged = unchanged, kept_were_judged
        self.anchors, self.exists, self.seen = {}, {}, set()
        # From the first call: {link: None} judged broken, and the pages holding such a link
        # (name, source, those links) or a relative link judged broken (name, source, link).
        self.pending, self.holding, self.relative = {}, [], []
        self.found_broken = []  # (page, link, Problem): what no later file can mend (malformed JSON)

    def _known(self, kind, name, compute):
        path = os.path.join(self.output_dir, name)
        return self.facts.get(fact_kind(kind, self.base_url), path, compute) if self.facts else compute(path)

    def _links_of(self, name):
        read = _links_of(name)
        if self.kept_were_judged and self.facts:  # a file this build wrote: the last build knew nothing of it
            return self.facts.written(fact_kind("link-set", self.base_url), os.path.join(self.output_dir, name),
                                      lambda path: read(path, self.base_url))
        return self._known("link-set", name, lambda path: read(path, self.base_url))

    def _anchors_of(self, name):
        if name not in self.anchors:
            self.anchors[name] = self._known("anchors", name, _read_anchors)
        return self.anchors[name]

    def _is_file(self, name):
        if name not in self.exists:
            self.exists[name] = os.path.isfile(os.path.join(self.output_dir, name))
        return self.exists[name]

    def _verdict(self, name, link):
        """(What is wrong with a link on page `name` or None, the output it leads to: "" when
        it leads off the site)."""
        if link.startswith("#"):  # most relative links: a page's own sections
            fragment = unquote(link[1:])
            if not self._is_file(name):
                return f"broken link to {link}", name
            if fragment and name.endswith(".html") and fragment not in self._anchors_of(name):
                return f"broken anchor #{fragment} in a link to {link}", name
            return None, name
        url = _site_path(link, self.base_url)
        if url.startswith(EXTERNAL) or url.startswith(FUNCTION_PATHS):
            return None, ""
        # A site path has no scheme or host: what urlsplit gives is the path before "?" and "#",
        # and all after the first "#", found here without its general parsing.
        path, _, fragment = url.partition("#")
        path, fragment = unquote(path.partition("?")[0]), unquote(fragment)
        target = _target_file(self.output_dir, name, path) if path else name
        if not self._is_file(target):
            return f"broken link to {url}", target
        if fragment and target.endswith(".html") and fragment not in self._anchors_of(target):
            return f"broken anchor #{fragment} in a link to {url}", target
        return None, target

    def _judged(self, name, link, key):
        """_verdict(name, link)'s problem; a good link's target is kept under `key`."""
        wrong, target = self._verdict(name, link)
        if wrong is None:
            self.targets.good(key, target)
        return wrong

    def check(self, outputs, final=True):
        """Go through the outputs not gone through yet; with `final`, return the Problems."""
        targets, unchanged = self.targets, self.unchanged
        pages = []
        for name, (_, source) in sorted(outputs.items()):
            if name not in self.seen and _checked(name) and not (self.kept_were_judged and name in unchanged):
                pages.append((name, source, *self._links_of(name)))
        self.seen.update(outputs)
        found_broken = self.found_broken
        if final:
            # What was missing may have been written since.
            self.exists = {name: there for name, there in self.exists.items() if there}
        # Most links are the same site paths (menus, language links) on page after page: a link
        # that leads to the same place from every page is judged once for the whole site, and a
        # page is gone through link by link only where it holds a broken one or relative ones.
        everywhere = set().union(*(found for _, _, found, _, _ in pages))
        if final:
            everywhere.update(self.pending)
        broken = {}
        for link in everywhere:
            if not targets.still_good(link, unchanged) and not _is_contextual(link, self.base_url):
                wrong = self._judged("index.html", link, link)
                if wrong:
                    broken[link] = wrong
        if final:
            for name, source, held in self.holding:
                found_broken += [_on_page(name, link, source, broken[link]) for link in held if link in broken]
            for name, source, link in self.relative:
                wrong = self._judged(name, link, (name, link))
                if wrong:
                    found_broken.append(_on_page(name, link, source, wrong))
        for name, source, found, contextual, malformed in pages:
            if malformed:
                found_broken.append((name, "", Problem(f"output/{name}", None, f"not valid JSON ({malformed})")))
                continue
            suspects = found.intersection(broken)
            if suspects and not final:
                # Judged again, and reported if still broken, by the last call.
                self.pending.update(dict.fromkeys(suspects))
                self.holding.append((name, source, suspects))
                suspects = set()
            if not suspects and not contextual:
                continue
            for link in sorted(suspects.union(contextual)):
                if link in broken:
                    wrong = broken[link]
                elif name in unchanged and targets.still_good((name, link), unchanged):
                    continue
                else:
                    wrong = self._judged(name, link, (name, link))
                if wrong and final:
                    found_broken.append(_on_page(name, link, source, wrong))
                elif wrong:
                    self.relative.append((name, source, link))
        if not final:
            return []
        if self.kept_were_judged:
            def links_of_kept(name):
                return self._known("link-set", name,
                                   lambda path, read=_links_of(name): read(path, self.base_url))[0]
            found_broken += [_on_page(name, link, outputs[name][1], wrong) for name, link, wrong in
                             _broken_on_kept_pages(outputs, targets, unchanged, self._judged, links_of_kept)]
        return [problem for _, _, problem in sorted(found_broken, key=lambda row: (row[0], row[1]))]


def _on_page(name, link, source, wrong):
    return name, link, Problem(source or f"output/{name}", None, f"{wrong} (on /{name})")


def _broken_on_kept_pages(outputs, targets, unchanged, judged, links_of_kept):
    """[(kept output, link, what is wrong)] for the links of the kept outputs that broke."""
    everywhere, on_pages = _judge_kept_again(targets, unchanged, judged)
    if everywhere:
        for name in outputs:
            if _checked(name) and name in unchanged:
                on_pages += [(name, link, everywhere[link]) for link in links_of_kept(name).intersection(everywhere)]
    return sorted(on_pages)


def _judge_kept_again(targets, unchanged, judged):
    """Judge again the last build's links that led to a file this build did not keep (the kept
    files' links, and those relative to a kept page); keep the others. Return those that broke:
    ({link: what is wrong} for links whose holders are not known, [(page, link, what is wrong)])."""
    everywhere, on_pages = {}, []
    for key, target in targets.unsettled():
        if isinstance(key, tuple):
            name, link = key
            if name not in unchanged:
                continue  # written again, so judged above, or gone
        else:
            name, link = "index.html", key
        if not target or target in unchanged:
            targets.keep(key, target)
            continue
        wrong = judged(name, link, key)
        if wrong and isinstance(key, tuple):
            on_pages.append((name, link, wrong))
        elif wrong and key in targets.holders:
            on_pages += [(holder, link, wrong) for holder in targets.holders[key] if holder in unchanged]
        elif wrong:
            # Perhaps on no page any more (only on pages written again, or gone): the pages
            # this build kept are read to find out.
            everywhere[link] = wrong
    return everywhere, on_pages


def _link_check(pelican):
    """The build's LinkCheck, over the last build's link targets (seconds to load for a large site)."""
    state = pelican.settings["PORTAL_BUILD"]
    targets = LinkTargets(pelican.settings.get("PORTAL_CACHE_DIR"), (code_version(state.config), state.config.base_url))
    kept = KeptFiles(pelican.output_path, state.previous_output, state.linked_outputs)
    kept_were_judged = state.caches_whole and targets.loaded and bool(state.previous_output)
    return LinkCheck(pelican.output_path, state.config.base_url, facts_for(pelican), targets, kept, kept_were_judged)


def _check_while_search_builds(pelican):
    """The files written so far are checked while the search builder runs."""
    state = pelican.settings["PORTAL_BUILD"]

    def first_pass():
        state.link_check = _link_check(pelican)
        state.link_check.check(dict(state.outputs), final=False)
    state.while_search_builds.append(first_pass)


@build_step("link check")
def check_links(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    check = state.link_check or _link_check(pelican)
    state.problems.extend(check.check(state.outputs, final=True))
    facts, kind = facts_for(pelican), fact_kind("link-set", state.config.base_url)
    state.after_success.append(lambda: check.targets.save(
        lambda: facts.link_sets(kind, state.restored_times, list(state.outputs))))


def register():
    signals.initialized.connect(_check_while_search_builds)
    signals.finalized.connect(check_links)
