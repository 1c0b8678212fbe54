"""What the checks after a build learnt about each output file, kept for the next build.

Pages the render cache kept are hard links to the last build's files: same inode, same size,
same modification time. A fact about such a file (its compressed size, the links and anchors
it holds) is still true, so the checks ask here before reading and compressing it again. A
file written by this build has a new inode, so nothing stale can be returned for it.
"""
import hashlib
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import deflate

from .content_cache import code_version, read_pickle, write_pickle
from .parallel import cores

FILE_NAME = "output-facts.pickle"
LINKS_FILE_NAME = "link-facts.pickle"
# What a page loads before any interaction; the modules it starts; what a module imports.
LOADED = re.compile(r'<link rel="stylesheet"[^>]*\shref="(/[^"]+)"|<script[^>]*\ssrc="(/[^"]+)"')
MODULE = re.compile(r'\sdata-module="([a-z-]+)"')
IMPORTED = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bnew URL\(\s*)["']\./([\w.-]+)["']""")


def compressed_size(data):
    """Bytes as a web server sends them (gzip level 6). libdeflate's level 6 weighs a page in
    about a third of zlib's time, within 1 % of zlib's size (bench/ corpus: 0.4 % more on
    average); zlib's was a tenth of a large site's build."""
    return len(deflate.gzip_compress(data, 6))


def served_file(path):
    """One written file as served: its compressed size and digest, the stylesheets and scripts a
    page loads at once, and the names a page starts (data-module) or a module imports (./name).
    The page budget and the offline lists both ask for this, so each file is compressed once."""
    with open(path, "rb") as handle:
        return served_facts(path, handle.read())


def served_facts(path, data, text=None):
    """served_file's answer for the bytes `data` of the file at `path` (`text`: those bytes
    decoded, when the caller has them)."""
    page, module = path.endswith(".html"), path.endswith(".mjs")
    if text is None:
        text = data.decode("utf-8") if page or module else ""
    # Interned: every page loads the same few files, kept once in memory and in the facts file.
    loaded = [sys.intern(stylesheet or script) for stylesheet, script in LOADED.findall(text)] if page else []
    named = [sys.intern(name) for name in (MODULE if page else IMPORTED).findall(text)]
    return compressed_size(data), hashlib.sha256(data).hexdigest()[:10], loaded, named


def identity(kind, path, status=None):
    """What a fact of this kind is kept under: the file as it is now (a file written again is
    another inode, or another size or time). `status`: the file's os.stat, when known."""
    status = status or os.stat(path)
    return kind, status.st_ino, status.st_size, status.st_mtime_ns


class OutputFacts:
    def __init__(self, cache_dir, staging=None, output=None, version=None):
        self.path = Path(cache_dir) / FILE_NAME if cache_dir else None
        self.links_path = Path(cache_dir) / LINKS_FILE_NAME if cache_dir else None
        # Files are weighed in the staging folder; once it has become the output, some of them
        # are given back their old modification time (build._keep_unchanged), so facts are saved
        # under each file's identity as it is in the output, where the next build finds it.
        self.staging, self.output = staging, output
        self.prefix = os.path.join(staging, "") if staging else None
        # Facts come from this package's code: other code may find other facts in the same file.
        self.version = version
        self.old, self.new, self.names = read_pickle(self.path, version, "facts"), {}, {}
        self._old_links = None  # loaded on first need
        self._saved = self._files = None

    def _identity(self, kind, path):
        return identity(kind, path)

    def _old_for(self, kind):
        family = _family(kind)
        if family == "served":
            return self.old
        if family != "link-set":
            return {}
        if self._old_links is None:
            self._old_links = read_pickle(self.links_path, self.version, "facts")
        return self._old_links

    def written(self, kind, path, compute):
        """compute(path), or what was learnt when this build wrote the file; never the last
        build's facts, so a file this build wrote costs no loading of them."""
        identity = self._identity(kind, path)
        if identity in self.new:
            return self.new[identity]
        return self._keep(identity, path, compute(path))

    def learn(self, written):
        """Take facts learnt where the files were written: {identity: (output name, fact)}."""
        for key, (name, value) in written.items():
            self.new[key] = value
            self.names[key] = name

    def _keep(self, identity, path, value):
        self.new[identity] = value
        if self.staging:
            # Paths are joined onto the staging folder by the checks; slicing is relpath's answer.
            self.names[identity] = path[len(self.prefix):] if path.startswith(self.prefix) \
                else os.path.relpath(path, self.staging)
        return value

    def get(self, kind, path, compute):
        """compute(path), or what it gave last time for this very file."""
        identity, old = self._identity(kind, path), self._old_for(kind)
        if identity in self.new:
            return self.new[identity]
        return self._keep(identity, path, old[identity] if identity in old else compute(path))

    def prefetch(self, kind, paths, compute):
        """Learn compute(path) for each of these files not known yet, on every core: reading and
        compressing release Python's lock, so threads share the work without forking."""
        missing, old = [], self._old_for(kind)
        for path in paths:
            identity = self._identity(kind, path)
            if identity in self.new:
                continue
            if identity in old:
                self._keep(identity, path, old[identity])
            else:
                missing.append((identity, path))
        if not missing:
            return
        with ThreadPoolExecutor(max_workers=cores()) as pool:
            for (identity, path), value in zip(missing, pool.map(compute, [path for _, path in missing])):
                self._keep(identity, path, value)

    def _as_in_output(self, restored):
        """The facts under each file's identity in the output: moving the staging folder kept
        every file's identity but for those given back their old time (`restored` names them)."""
        if not self.output:
            return self.new
        kept = {}
        for identity, value in self.new.items():
            name = self.names.get(identity)
            if name not in restored:
                kept[identity] = value
                continue
            try:
                status = os.stat(os.path.join(self.output, name))
            except OSError:
                continue
            kept[(identity[0], status.st_ino, status.st_size, status.st_mtime_ns)] = value
        return kept

    def _kept_links(self, facts, outputs):
        """The last build's link facts of the outputs this build left as they were and did not
        ask about: found by each file's identity in the output (the writer of the caches does
        this, after the build has returned)."""
        old = self._old_links if self._old_links is not None else \
            read_pickle(self.links_path, self.version, "facts")
        kinds = {key[0] for key in old}
        kept = {}
        for file in self._files_in_output(outputs).values():
            for kind in kinds:
                key = (kind, *file)
                if key in old and key not in facts:
                    kept[key] = old[key]
        return kept

    def _files_in_output(self, outputs):
        """{output name: (inode, size, modification time)} of the outputs in the output folder
        (stat once: the cache writer asks twice)."""
        if self._files is None:
            self._files = {}
            for name in outputs:
                try:
                    status = os.stat(os.path.join(self.output, name))
                except OSError:
                    continue
                self._files[name] = (status.st_ino, status.st_size, status.st_mtime_ns)
        return self._files

    def _in_output(self, restored, outputs):
        """{"served": {...}, "link-set": {...}}: the facts of the files in the output, by family;
        `outputs` names them all (those this build wrote and those it kept), for the link facts
        it did not load. Worked out once, by the cache writer."""
        if self._saved is None:
            facts = self._as_in_output(restored)
            self._saved = {"served": {}, "link-set": {}}
            for key, value in facts.items():
                self._saved.get(_family(key[0]), {})[key] = value
            if self.output:
                self._saved["link-set"].update(self._kept_links(self._saved["link-set"], outputs))
        return self._saved

    def link_sets(self, kind, restored=frozenset(), outputs=()):
        """{output name: the links it holds} for the outputs whose `kind` facts are known."""
        if not self.output:
            return {}
        names = {(kind, *file): name for name, file in self._files_in_output(outputs).items()}
        links = self._in_output(restored, outputs)["link-set"]
        return {names[key]: value[0] for key, value in links.items() if key in names}

    def save(self, restored=frozenset(), outputs=()):
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self._in_output(restored, outputs)
        write_pickle(self.path, {"version": self.version, "facts": saved["served"]})
        write_pickle(self.links_path, {"version": self.version, "facts": saved["link-set"]})


def _family(kind):
    """The kind without the base URL its links depend on: "served", "link-set" or "anchors"."""
    return kind.partition(" ")[0]


def facts_for(pelican):
    """The build's one OutputFacts, made on first use and saved once the build succeeded."""
    state = pelican.settings["PORTAL_BUILD"]
    if getattr(state, "output_facts", None) is None:
        state.output_facts = OutputFacts(pelican.settings.get("PORTAL_CACHE_DIR"), pelican.output_path,
                                         pelican.settings.get("PORTAL_OUTPUT_DIR"), code_version(state.config))
        state.output_facts.learn(state.written_facts)
        state.after_success.append(lambda: state.output_facts.save(state.restored_times, list(state.outputs)))
    return state.output_facts
