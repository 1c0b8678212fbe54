"""After the site is written: what a reader's device may keep for reading offline.

output/<locale>/offline.json, read by the service worker:

    {"locale", "version", "compression": "gzip",
     "core": {"files": [[url, size, digest], ...], "bytes": total},
     "topics": {topic id: {"files": [...], "bytes": total}, ...}}

- core: the locale's home, topic pages, search page, offline page (components/offline/offline.html),
  UI texts, search manifest with every index shard and store chunk, and every stylesheet and
  script those pages load, start (data-module) or import, lunr included;
- each topic: its guides, step-by-step pages, services, events and organizations as a reader of
  that locale gets them (the source page where there is no translation yet), with what they load.

A file's size is what it weighs as served, gzip-compressed (level 6 by libdeflate, the page
budget's measure, within 1 % of zlib's level 6; hosts that send Brotli send a little less), so
"Save this topic" can say what a download costs.
The search files are weighed by the search builder with Node's zlib at level 4 (see
SEARCH_GZIP_LEVEL in search_index/build.mjs: they are most of what a build compresses), which
makes them 3 to 7 % heavier than level 6 would: a download is overstated a little, not understated.
Its digest is a hash of its bytes: a device downloads again only the files whose digest changed.

output/sw.js: the service worker (components/offline/sw.js), at the root so that its scope is the
whole site, with this build's facts written in: a version computed from every list, the locales,
and the asset URLs. Any change to what the lists hold changes the worker, so browsers pick it up.
"""
import hashlib
import json
import os
import re

from pelican import signals

from ..build_state import build_step
from ..assets import OFFLINE
from ..output_facts import facts_for, identity, served_file
from ..problems import Problem
from .portal_pages import CONTENT_KINDS_WITH_PAGES

WORKER = OFFLINE / "sw.js"
SEARCH_FILE = re.compile(r"[^/]+/search/(shard-|store-|manifest\.json)[^/]*")
WORKER_FACTS = "const BUILD = {}; // written by the build"


class MissingFile(Exception):
    """A file the lists need is not there; `where` names the file that asked for it."""

    def __init__(self, where, message):
        super().__init__(message)
        self.where = where


def output_name(url):
    return url.lstrip("/") + ("index.html" if url.endswith("/") else "")


class SiteFiles:
    """The written files by URL: each one's served size and digest and what it needs, read once
    (and not at all when `facts`, an output_facts.OutputFacts, knows the very file already)."""

    def __init__(self, output_dir, scripts_url, facts=None):
        self.output_dir = output_dir
        self.scripts_url = scripts_url
        self.facts = facts
        self._entries, self._needs = {}, {}

    def _read(self, url, needed_by):
        path = os.path.join(self.output_dir, output_name(url))
        try:
            size, digest, loaded, named = self.facts.get("served", path, served_file) if self.facts \
                else served_file(path)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            where = f"output/{output_name(needed_by)}" if needed_by else "site_generator/plugins/offline_lists.py"
            raise MissingFile(where, f"{url} is needed for reading offline{f' by {needed_by}' if needed_by else ''}, "
                                     "but the build did not write it") from None
        self._entries[url] = [url, size, digest]
        if url.endswith(".mjs"):
            folder = url.rsplit("/", 1)[0]
            self._needs[url] = [f"{folder}/{name}" for name in named]
        else:
            self._needs[url] = [*loaded, *(f"{self.scripts_url}{name}.mjs" for name in named)]

    def files(self, urls):
        """[URL, size, digest] of each URL and of everything it needs, each once, in order."""
        listed, pending, seen = [], [(url, None) for url in urls], set()
        while pending:
            url, needed_by = pending.pop(0)
            if url in seen:
                continue
            seen.add(url)
            if url not in self._entries:
                self._read(url, needed_by)
            listed.append(self._entries[url])
            pending.extend((needed, url) for needed in self._needs[url])
        return listed


def search_files(output_dir, code):
    """The search manifest and every shard and store chunk it names."""
    try:
        with open(os.path.join(output_dir, code, "search", "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except OSError:
        url = f"/{code}/search/manifest.json"
        raise MissingFile(f"output{url}", f"{url} is needed for reading offline, "
                                          "but the build did not write it") from None
    return [f"/{code}/search/manifest.json",
            *(f"/{code}/search/{name}" for name in [*manifest["shards"], *manifest["store"]])]


def core_urls(config, code, output_dir):
    return [f"/{code}/", *(f"/{code}/{topic.id}/" for topic in config.topics), f"/{code}/search/",
            f"/{code}/offline.html", f"/{code}/ui-texts.json", *search_files(output_dir, code)]


def listing(files):
    return {"files": files, "bytes": sum(size for _, size, _ in files)}


def offline_lists(config, site, output_dir, scripts_url, facts=None):
    """{locale code: its list, without the version}; raises MissingFile."""
    files = SiteFiles(output_dir, scripts_url, facts)
    lists = {}
    for locale in config.locales:
        code = locale.code
        topics = {topic.id: listing(files.files([page.url(code) for page in
                                                 site.in_topic(topic.id, *CONTENT_KINDS_WITH_PAGES)]))
                  for topic in config.topics}
        lists[code] = {"locale": code, "compression": "gzip",
                       "core": listing(files.files(core_urls(config, code, output_dir))), "topics": topics}
    return lists


def worker_source(facts):
    source = WORKER.read_text(encoding="utf-8")
    if source.count(WORKER_FACTS) != 1:
        raise MissingFile(str(WORKER), f"{WORKER.name} must hold the line `{WORKER_FACTS}` once, "
                                       "for the build to fill in")
    return source.replace(WORKER_FACTS, f"const BUILD = {json.dumps(facts, ensure_ascii=False, sort_keys=True)};")


def worker_facts(config, lists, version, asset_urls):
    assets = sorted({url for entry in lists.values() for url, _, _ in entry["core"]["files"]
                     if url.startswith("/assets/")})
    scripts_url = asset_urls["portal.mjs"].rsplit("/", 1)[0] + "/"
    styles = {name.rsplit(".", 1)[0]: url for name, url in asset_urls.items()
              if name.endswith(".css") and not url.startswith(scripts_url)}
    return {"version": version, "source": config.source.code, "locales": list(config.locale_codes),
            "assets": assets, "assetsVersion": hashlib.sha256(" ".join(assets).encode()).hexdigest()[:10],
            "scripts": scripts_url, "styles": styles}


@build_step("offline lists")
def write_offline_lists(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    if state.site is None or not state.search_report or "portal.mjs" not in state.asset_urls:
        return  # the pages or the search files failed, and that is reported already
    output = pelican.output_path
    scripts_url = state.asset_urls["portal.mjs"].rsplit("/", 1)[0] + "/"
    facts = facts_for(pelican)
    # The search files as the search builder weighed them; anything else not known yet (the
    # render processes weighed the pages they wrote) weighed here, on every core.
    facts.learn({identity("served", os.path.join(output, name)): (name, (size, digest, [], []))
                 for name, (size, digest) in state.search_served.items()})
    facts.prefetch("served", [os.path.join(output, name) for name in state.outputs
                              if name.endswith(".html") or SEARCH_FILE.fullmatch(name)], served_file)
    try:
        lists = offline_lists(state.config, state.site, output, scripts_url, facts)
        version = hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:12]
        source = worker_source(worker_facts(state.config, lists, version, state.asset_urls))
    except MissingFile as error:
        state.problems.append(Problem(error.where, None, str(error)))
        return
    for code, entry in lists.items():
        state.write(output, f"{code}/offline.json", {"version": version, **entry}, "offline-list")
    state.write(output, "sw.js", source, "service-worker")


def register():
    signals.finalized.connect(write_offline_lists)
