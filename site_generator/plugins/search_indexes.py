"""After the pages: each locale's search files (index shards, document store chunks and a
manifest), built under Node by search_index/build.mjs, which gives lunr.js's own index, so
the browser runs the very same analysis. Each locale's passages go to the builder as one
file; it builds the locales on every core and, with the build's cache folder, places a locale
whose passages did not change as it was and analyses only the texts it has not seen (see
search_index/README.md)."""
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
    cache = pelican.settings.get("PORTAL_CACHE_DIR")
    command = [node, str(BUILDER), "--output", pelican.output_path]
    if cache:
        command += ["--cache", str(Path(cache) / "search")]
    with tempfile.TemporaryDirectory(prefix="portal-search-") as scratch:
        inputs = Path(cache) / "search" / "inputs" if cache else Path(scratch)
        builder = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, cwd=PROJECT_ROOT)
        try:
            # Largest first, each handed over as soon as it is written: Node builds the first
            # locales while the rest are written.
            for code, data in sorted(state.search_passages.items(), key=lambda item: -len(item[1]["passages"])):
                builder.stdin.write(f"{write_input(inputs, code, data, remember=bool(cache))}\n")
                builder.stdin.flush()
        except BrokenPipeError:
            pass  # the builder stopped early; its error follows
        except BaseException:
            builder.kill()
            builder.wait()
            raise
        stdout, stderr = builder.communicate()
    if builder.returncode:
        state.problems.append(Problem("search_index/build.mjs", None,
                                      f"the search index build failed: {stderr.strip()[-500:]}"))
        return
    reports = json.loads(stdout)
    state.search_report = {code: reports[code] for code in state.search_passages}
    for row in state.search_report.values():
        for name in row.pop("files"):
            state.outputs[name] = ("search-index", None)


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
