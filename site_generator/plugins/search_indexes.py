"""After the pages: each locale's search files (index shards, document store chunks and a
manifest), built under Node by search_index/build.mjs, which gives lunr.js's own index, so
the browser runs the very same analysis. The process that rendered a locale writes its
passages to one input file (write_input); the builder builds the locales on every core and,
with the build's cache folder, places a locale whose passages did not change as it was and
analyses only the texts it has not seen (see search_index/README.md)."""
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import signals

from portal.config import PROJECT_ROOT

from ..build_state import build_step
from ..problems import Problem

BUILDER = PROJECT_ROOT / "search_index" / "build.mjs"


@build_step("search indexes")
def build_indexes(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    if not state.search_inputs:
        return
    node = shutil.which("node")
    if node is None:
        state.problems.append(Problem("search_index/build.mjs", None, "Node.js 20 is needed to build the search "
                                                                      "indexes and is not on PATH"))
        return
    cache = pelican.settings.get("PORTAL_CACHE_DIR")
    command = [node, str(BUILDER), "--output", pelican.output_path]
    if cache:
        command += ["--cache", str(Path(cache) / "search")]
    # Largest first: the builder starts on them while the others wait their turn.
    inputs = [entry["path"] for _, entry in sorted(state.search_inputs.items(), key=lambda item: -item[1]["passages"])]
    builder = subprocess.run(command, input="".join(f"{path}\n" for path in inputs), capture_output=True, text=True,
                             cwd=PROJECT_ROOT)
    if builder.returncode:
        state.problems.append(Problem("search_index/build.mjs", None,
                                      f"the search index build failed: {builder.stderr.strip()[-500:]}"))
        return
    reports = json.loads(builder.stdout)
    state.search_report = {code: reports[code] for code in state.search_inputs}
    for row in state.search_report.values():
        for name in row.pop("files"):
            state.outputs[name] = ("search-index", None)


def inputs_folder(cache_dir, state):
    """Where the locales' input files go: kept in the cache (so unchanged ones are not written
    again), or in a folder of this build's own."""
    if cache_dir:
        return Path(cache_dir) / "search" / "inputs"
    folder = Path(tempfile.mkdtemp(prefix="portal-search-"))
    state.scratch.append(str(folder))
    return folder


def page_runs(passages):
    """The page id of each run of consecutive passages of one page."""
    return [passage["page"] for position, passage in enumerate(passages)
            if not position or passages[position - 1]["page"] != passage["page"]]


def write_input(folder, code, data, remember):
    """The builder's input file for one locale. Writing JSON is most of this step's time when
    little changed, so with remember, a file written for the very same passages (by the digest
    of their pickle, which is cheaper to make) is kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.json"
    marker = folder / f"{code}.digest"
    digest = hashlib.sha256(sys.version.encode() + pickle.dumps(data, protocol=5)).hexdigest() if remember else None
    if digest and path.exists() and marker.exists() and marker.read_text(encoding="ascii") == digest:
        return path
    marker.unlink(missing_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(partial, path)
    if digest:
        marker.write_text(digest, encoding="ascii")
    return path


def register():
    signals.finalized.connect(build_indexes)
