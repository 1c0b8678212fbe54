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

try:
    import fcntl
except ImportError:  # not on a POSIX system: caches are saved in the build's own process
    fcntl = None

from pelican import Pelican
from pelican.log import console

from portal.config import PROJECT_ROOT

from .assets import ASSETS_FOLDER
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
    cache_dir = output_dir.parent / f".{output_dir.name}-cache" if keep_output else None
    unsaved = _wait_for_the_last_save(cache_dir) if cache_dir else None
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-building-", dir=output_dir.parent))
    state = BuildState(config=config,
                       previous_output=str(output_dir) if keep_output and output_dir.is_dir() else None)
    state.caches_whole = bool(cache_dir) and not (cache_dir / SAVE_INCOMPLETE).exists()
    if unsaved:
        state.notes.append(f"the last build could not save its caches in {cache_dir} ({unsaved}); "
                           "what they lacked was read and rendered again")
    started = time.perf_counter()
    try:
        settings = pelican_settings(config, state, content_dir, staging, content_label=label,
                                    cache_dir=cache_dir,
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
            # Before the output changes: until the writer has saved all, the caches are not
            # this output's.
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / SAVE_INCOMPLETE).touch()
            with state.step("replace output"):
                _replace(output_dir, staging, state.restored_times,
                         _written(staging, state.outputs, set(state.linked_outputs)))
            with state.step("save caches"):
                _save_in_background(state.after_success, cache_dir)
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
# half); a full one comes after at most a thousand of them, not a hundred.
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


# The caches are written after the new site is in place, by a process of their own: writing
# them (a few hundred MB of pickles for a large site) took seconds an editor waited for. A build
# waits for the last one's writer before it reads any cache, so it always finds them whole and
# current; the writer holds this lock file until it is done. A writer that fails (a full disk)
# leaves the caches as they were, each written whole or not at all, and says why in SAVE_FAILED
# for the next build's report.
SAVE_LOCK = ".saving"
SAVE_FAILED = "last-save-failed.txt"
# Made before the output is replaced and removed once the writer has saved everything: the
# caches then all describe the output in place. One that stays (a writer that failed or was
# killed) tells the next build that some may be older than others.
SAVE_INCOMPLETE = "save-incomplete"


def wait_for_cache_writer(cache_dir):
    """Return once the last build's cache writer (if one is running) is done."""
    lock = Path(cache_dir) / SAVE_LOCK
    if fcntl is not None and lock.exists():
        with open(lock, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)


def _wait_for_the_last_save(cache_dir):
    """Wait until the last build's cache writer is done; what went wrong if it failed, or None."""
    wait_for_cache_writer(cache_dir)
    failed = Path(cache_dir) / SAVE_FAILED
    if not failed.exists():
        return None
    reason = failed.read_text(encoding="utf-8", errors="replace").strip()
    failed.unlink()
    return reason


def _save_in_background(saves, cache_dir):
    incomplete = Path(cache_dir) / SAVE_INCOMPLETE if cache_dir else None

    def save_all():
        for save in saves:
            save()
        if incomplete:
            incomplete.unlink(missing_ok=True)
    if fcntl is None or not hasattr(os, "fork") or not cache_dir:
        return save_all()

    def save_all_or_say_why():
        try:
            save_all()
        except Exception as error:  # noqa: BLE001 (no one is left to catch it: the next build reports it)
            (Path(cache_dir) / SAVE_FAILED).write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    # Locked before the fork, so no later build can read the caches before the writer has them;
    # the writer holds the lock on, through the same open file, until it exits.
    with open(Path(cache_dir) / SAVE_LOCK, "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _detached(save_all_or_say_why, keep=lock.fileno()):
            save_all()  # no process to spare: save here and now


def _detached(work, keep=None):
    """Run work() in a process of its own that outlives this one and keeps none of its pipes or
    other open files (but the file descriptor `keep`); False when no process could be started."""
    try:
        child = os.fork()
    except OSError:
        return False
    if child:
        os.waitpid(child, 0)  # returns at once: the child only starts the worker and leaves
        return True
    try:
        os.setsid()
        if not os.fork():
            # Whoever reads the build's output would otherwise wait for this process too.
            quiet = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(quiet, stream)
            if keep is None:
                os.closerange(3, 65536)
            else:
                os.closerange(3, keep)
                os.closerange(keep + 1, 65536)
            work()
    finally:
        os._exit(0)


def _shown(path):
    """How problems name the content folder: relative when it is inside the project."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _keep_unchanged(output_dir, staging, restored, written):
    """Outputs written again with the bytes they already had keep their modification time, so
    a sync, a deploy or a browser's cache sees only what really changed. (`written` names the
    outputs this build wrote, not those it linked to the old files, which are the same files.)"""
    for relative in written:
        new, old = os.path.join(staging, relative), os.path.join(output_dir, relative)
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


def _written(staging, outputs, linked):
    """The files of the staging folder that this build wrote: its outputs but those linked,
    and the assets (which write_assets puts in place without naming them as outputs)."""
    written = [name for name in outputs if name not in linked]
    prefix = len(os.path.join(staging, ""))
    for folder, _, names in os.walk(os.path.join(staging, ASSETS_FOLDER)):
        written += [os.path.join(folder, name)[prefix:] for name in names]
    return written


def _replace(output_dir, staging, restored, written):
    """Put the staging folder in the output's place; `restored` gets the names of the files that
    were given back their old modification time."""
    if output_dir.exists():
        _keep_unchanged(output_dir, staging, restored, written)
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
    def remove():
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    if not hasattr(os, "fork") or not _detached(remove):
        remove()  # no process to spare: the site is in place, so delete here and now
