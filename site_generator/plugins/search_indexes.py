"""Once the pages are written: each locale's search files (index shards, document store chunks and a
manifest), built under Node by search_index/build.mjs, which gives lunr.js's own index, so
the browser runs the very same analysis. The process that rendered a locale writes its
passages to one input file (write_input); the builder builds the locales on every core and,
with the build's cache folder, places a locale whose passages did not change as it was and
analyses only the texts it has not seen (see search_index/README.md)."""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import orjson
from pelican import signals

from portal.config import PROJECT_ROOT

from ..build_state import build_step
from ..problems import Problem

BUILDER = PROJECT_ROOT / "search_index" / "build.mjs"


def start_build(settings, output_path):
    """Start the builder on the locales' input files as soon as the pages are written: it runs
    while this process writes the root pages and the open data, which leave a core free."""
    state = settings["PORTAL_BUILD"]
    if not state.search_inputs or state.search_build is not None:
        return
    node = shutil.which("node")
    if node is None:
        state.problems.append(Problem("search_index/build.mjs", None, "Node.js 20 is needed to build the search "
                                                                      "indexes and is not on PATH"))
        state.search_build = False
        return
    cache = settings.get("PORTAL_CACHE_DIR")
    command = [node, str(BUILDER), "--output", str(output_path)]
    if cache:
        command += ["--cache", str(Path(cache) / "search")]
    # Largest first: the builder starts on them while the others wait their turn.
    inputs = [entry["path"] for _, entry in sorted(state.search_inputs.items(), key=lambda item: -item[1]["passages"])]
    with tempfile.TemporaryFile() as listing:
        listing.write("".join(f"{path}\n" for path in inputs).encode("utf-8"))
        listing.seek(0)
        # Its report goes to files, not pipes: nobody reads them until the build waits for it.
        output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        state.search_build = (subprocess.Popen(command, stdin=listing, stdout=output, stderr=errors, cwd=PROJECT_ROOT),
                              output, errors)


def stop_build(state):
    """A build that ends before it waited for the builder does not leave it running."""
    if state.search_build:
        process, output, errors = state.search_build
        if process.poll() is None:
            process.kill()
            process.wait()
        output.close()
        errors.close()
        state.search_build = None


@build_step("search indexes")
def build_indexes(pelican):
    """Wait for the builder (started when the pages were written) and take its report."""
    state = pelican.settings["PORTAL_BUILD"]
    if not state.search_inputs:
        return
    start_build(pelican.settings, pelican.output_path)
    if not state.search_build:
        return
    process, output, errors = state.search_build
    for work in state.while_search_builds:
        work()
    process.wait()
    output.seek(0)
    errors.seek(0)
    stdout, stderr = output.read().decode("utf-8"), errors.read().decode("utf-8", "replace")
    stop_build(state)
    if process.returncode:
        state.problems.append(Problem("search_index/build.mjs", None,
                                      f"the search index build failed: {stderr.strip()[-500:]}"))
        return
    reports = json.loads(stdout)
    state.search_report = {code: reports[code] for code in state.search_inputs}
    for row in state.search_report.values():
        for name in row.pop("files"):
            state.outputs[name] = ("search-index", None)
        state.search_served.update(row.pop("served"))


def inputs_folder(cache_dir, state):
    """Where the locales' input files go: kept in the cache (so unchanged ones are not written
    again), or in a folder of this build's own."""
    if cache_dir:
        return Path(cache_dir) / "search" / "inputs"
    folder = Path(tempfile.mkdtemp(prefix="portal-search-"))
    state.scratch.append(str(folder))
    return folder


def serialized(passages):
    """One page's passages as they stand in the builder's input: their JSON, between the list's
    brackets (nothing for none)."""
    return orjson.dumps(passages)[1:-1]


class SearchInput:
    """A locale's passages for the builder, gathered a page at a time as JSON bytes. A kept
    page's passages come from the render records as the bytes they were written as and are
    never turned back into objects: unpickling every kept page's passages and writing them
    out again as JSON was about a second of a rebuild's render processes."""

    def __init__(self):
        self.parts, self.count, self.pages = [], 0, []

    def add(self, page_id, passages):
        """Add one page's passages; returns them as add_json takes them, for the records."""
        text = serialized(passages)
        self.add_json(page_id, text, len(passages))
        return text, len(passages)

    def add_json(self, page_id, text, count):
        if not count:
            return
        self.parts.append(text)
        self.count += count
        if not self.pages or self.pages[-1] != page_id:
            self.pages.append(page_id)  # the page id of each run of passages of one page

    def json(self, manifest):
        """The input file's bytes: what orjson writes for {"passages": [...], "manifest": ...}."""
        return b'{"passages":[' + b",".join(self.parts) + b'],"manifest":' + orjson.dumps(manifest) + b"}"


def write_input(folder, code, text, remember):
    """The builder's input file for one locale (5 to 11 MB of JSON for 2,000 pages), from its
    bytes (SearchInput.json). With remember, a file that would get the very bytes it has is
    left as it is, so the builder finds it unchanged. orjson writes the same JSON as
    json.dumps(ensure_ascii=False) with compact separators, in a fifth of the time."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.json"
    marker = folder / f"{code}.digest"
    digest = hashlib.sha256(text).hexdigest() if remember else None
    if digest and path.exists() and marker.exists() and marker.read_text(encoding="ascii") == digest:
        return path
    marker.unlink(missing_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(text)
    os.replace(partial, path)
    if digest:
        marker.write_text(digest, encoding="ascii")
    return path


def register():
    signals.finalized.connect(build_indexes)
