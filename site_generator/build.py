"""One build: content/ in, a complete site out, or nothing changed at all.

The site is written to a temporary folder beside the output folder and replaces it only
when the build found no problem, so a failed build never leaves a half-written site.
"""
import contextlib
import gc
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from portal.config import PROJECT_ROOT

from .build_state import BuildState, same_bytes
from .plugins.search_indexes import stop_build
from .problems import BuildFailed
from .settings import pelican_settings


def build_site(config, content_dir=None, output_dir=None, keep_output=True):
    """Build the site; return the BuildState. Raise BuildFailed listing every problem."""
    content_dir = Path(content_dir or PROJECT_ROOT / "content").resolve()
    output_dir = Path(output_dir or PROJECT_ROOT / "output").resolve()
    label = _shown(content_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-building-", dir=output_dir.parent))
    state = BuildState(config=config,
                       previous_output=str(output_dir) if keep_output and output_dir.is_dir() else None)
    started = time.perf_counter()
    try:
        settings = pelican_settings(config, state, content_dir, staging, content_label=label,
                                    cache_dir=output_dir.parent / f".{output_dir.name}-cache" if keep_output else None,
                                    previous_output=output_dir if output_dir.is_dir() else None,
                                    final_output=output_dir if keep_output else None)
        quiet = console.quiet
        console.quiet = True
        logging.getLogger("pelican").setLevel(logging.WARNING)
        try:
            with _collector_for_a_large_heap():
                Pelican(settings).run()
        finally:
            console.quiet = quiet
        if state.problems:
            raise BuildFailed(state.problems)
        state.pages_written = sum(1 for name in state.outputs if name.endswith(".html"))
        if keep_output:
            with state.step("replace output"):
                _replace(output_dir, staging, state.restored_times, set(state.linked_outputs))
            with state.step("save caches"):
                for save in state.after_success:
                    save()
        state.seconds = time.perf_counter() - started
    finally:
        stop_build(state)
        for folder in [staging, *state.scratch]:
            shutil.rmtree(folder, ignore_errors=True)
    return state


# A build keeps nearly everything it makes until it ends (parsed content, caches, the facts the
# checks need), and the cyclic collector walked all of it again at each full collection: 6 s of
# a 36,000-page rebuild, 9 s of a full build. Young collections still run, often enough to
# catch the cycles a page's rendering leaves (without them, a render process's memory grew by
# half); full ones wait until the build is over.
YOUNG_COLLECTION_THRESHOLD = 100_000
FULL_COLLECTION_THRESHOLD = 100


@contextlib.contextmanager
def _collector_for_a_large_heap():
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, thresholds[1], FULL_COLLECTION_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _shown(path):
    """How problems name the content folder: relative when it is inside the project."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _keep_unchanged(output_dir, staging, restored, linked):
    """Outputs written again with the bytes they already had keep their modification time, so
    a sync, a deploy or a browser's cache sees only what really changed. (`linked` names the
    outputs that are hard links to the old files already.)"""
    prefix = len(os.path.join(staging, ""))
    for folder, _, names in os.walk(staging):
        for name in names:
            new = os.path.join(folder, name)
            relative = new[prefix:]
            if relative in linked:
                continue
            old = os.path.join(output_dir, relative)
            try:
                new_status, old_status = os.stat(new), os.stat(old)
            except OSError:
                continue
            if new_status.st_ino == old_status.st_ino or new_status.st_size != old_status.st_size:
                continue
            with open(new, "rb") as fresh:
                if not same_bytes(old, fresh.read()):
                    continue
            os.utime(new, ns=(old_status.st_atime_ns, old_status.st_mtime_ns))
            restored.add(relative)


def _replace(output_dir, staging, restored, linked=frozenset()):
    """Put the staging folder in the output's place; `restored` gets the names of the files that
    were given back their old modification time."""
    if output_dir.exists():
        _keep_unchanged(output_dir, staging, restored, linked)
    staging.chmod(0o755)
    if output_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-old-", dir=output_dir.parent))
        os.rename(output_dir, retired / "site")
        os.rename(staging, output_dir)
        _remove_in_background(sorted(output_dir.parent.glob(f".{output_dir.name}-old-*")))
    else:
        os.rename(staging, output_dir)


def _remove_in_background(folders):
    """Delete the retired outputs (this one, and any an interrupted build left) in a detached
    process: the new site is in place already, and deleting tens of thousands of files took
    seconds an editor waited for."""
    if not hasattr(os, "fork"):
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        child = os.fork()
    except OSError:  # no process to spare: the site is in place, so delete here and now
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if child:
        os.waitpid(child, 0)  # returns at once: the child only starts the remover and leaves
        return
    try:
        os.setsid()
        if not os.fork():
            # Let go of the pipes the build inherited, or whoever reads the build's output would
            # wait for the deletion to end too.
            quiet = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(quiet, stream)
            os.closerange(3, 65536)
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(0)
