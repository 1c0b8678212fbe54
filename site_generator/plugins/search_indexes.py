"""After the pages: each locale's search files (index shards, document store chunks and a
manifest), built under Node by search_index/build.mjs, which gives lunr.js's own index, so
the browser runs the very same analysis. Each locale's passages go to the builder as one
file; it builds the locales on every core and, with the build's cache folder, places a locale
whose passages did not change as it was and analyses only the texts it has not seen."""
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pelican import signals

from portal.config import PROJECT_ROOT

from ..problems import Problem

BUILDER = PROJECT_ROOT / "search_index" / "build.mjs"
# A larger young generation: the builder makes many short-lived objects per passage, and
# Node's default sends most of them through needless garbage collections.
NODE_OPTIONS = ["--max-semi-space-size=32"]


def build_indexes(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    if not state.search_passages:
        return
    node = shutil.which("node")
    if node is None:
        state.problems.append(Problem("search_index/build.mjs", None, "Node.js 20 is needed to build the search "
                                                                      "indexes and is not on PATH"))
        return
    cache = pelican.settings.get("PORTAL_CACHE_DIR")
    command = [node, *NODE_OPTIONS, str(BUILDER), "--output", pelican.output_path]
    if cache:
        command += ["--cache", str(Path(cache) / "search")]
    with tempfile.TemporaryDirectory(prefix="portal-search-") as folder:
        for code, data in state.search_passages.items():
            path = os.path.join(folder, f"{code}.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            command.append(path)
        result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT)
    if result.returncode:
        state.problems.append(Problem("search_index/build.mjs", None,
                                      f"the search index build failed: {result.stderr.strip()[-500:]}"))
        return
    state.search_report = json.loads(result.stdout)
    for row in state.search_report.values():
        for name in row.pop("files"):
            state.outputs[name] = ("search-index", None)


def register():
    signals.finalized.connect(build_indexes)
