"""After the pages: each locale's search files (index shards, document store chunks and a
manifest), built by lunr.js itself under Node (search_index/build.mjs), so the browser runs
the very same analysis."""
import json
import os
import shutil
import subprocess
import tempfile

from pelican import signals

from portal.config import PROJECT_ROOT

from ..problems import Problem

BUILDER = PROJECT_ROOT / "search_index" / "build.mjs"


def build_indexes(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    if not state.search_passages:
        return
    node = shutil.which("node")
    if node is None:
        state.problems.append(Problem("search_index/build.mjs", None, "Node.js 20 is needed to build the search "
                                                                      "indexes and is not on PATH"))
        return
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({"locales": state.search_passages}, handle, ensure_ascii=False)
        passages_path = handle.name
    try:
        result = subprocess.run([node, str(BUILDER), passages_path, pelican.output_path], capture_output=True,
                                text=True, cwd=PROJECT_ROOT)
    finally:
        os.unlink(passages_path)
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
