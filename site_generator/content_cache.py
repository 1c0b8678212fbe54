"""Parsed content files kept from one build to the next.

A content file whose size and modification time are those of the last successful build is not
read again; its parsed form comes from here. The whole cache is void when the code that parses
(this package and portal/) or portal.yaml's settings change, so a cached result is always the
one a fresh read would give.
"""
import dataclasses
import functools
import hashlib
import os
import pickle
import time
from pathlib import Path

PACKAGES = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "portal"]
FILE_NAME = "content.pickle"


def code_version(config):
    # The settings, not how portal.yaml was named: a relative and an absolute path to the same
    # file build the same site, and must find the same caches.
    if dataclasses.is_dataclass(config) and hasattr(config, "path"):
        config = dataclasses.replace(config, path=str(Path(config.path).resolve()))
    return _code_version(repr(config))


@functools.lru_cache(maxsize=4)
def _code_version(config_text):
    """Asked by the content and render caches of one build: the sources are read once."""
    digest = hashlib.sha256(config_text.encode("utf-8"))
    for package in PACKAGES:
        for path in sorted(package.rglob("*.py")):
            digest.update(path.name.encode("utf-8") + path.read_bytes())
    return digest.hexdigest()


# A file changed twice within the file system's clock tick keeps its size and time; like git's
# index, entries younger than this when saved are not trusted and are read again next time.
RACY_NS = 2_000_000_000


def stamp(path):
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ino


class ContentCache:
    """{relative path: (stamp, parsed fields)} of the last successful build."""

    def __init__(self, cache_dir, config):
        self.path = Path(cache_dir) / FILE_NAME if cache_dir else None
        self.version = code_version(config) if cache_dir else None
        self.entries = read_pickle(self.path, self.version, "entries")

    def get(self, relative, current_stamp):
        entry = self.entries.get(relative)
        return entry[1] if entry and entry[0] == current_stamp else None

    def save(self, entries):
        """Keep these entries for the next build; written whole, then moved into place."""
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        settled = time.time_ns() - RACY_NS
        entries = {relative: entry for relative, entry in entries.items() if entry[0][1] < settled}
        write_pickle(self.path, {"version": self.version, "entries": entries})


def write_pickle(path, data):
    """Write `data` to `path` whole or not at all: a build interrupted while saving a cache
    leaves the last one in place."""
    partial = Path(path).with_suffix(".partial")
    with open(partial, "wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)


def read_pickle(path, version, field):
    """What write_pickle kept under `field` for this `version` at `path`; {} when there is no
    such file, it was written by other code, or it is damaged (a cache only ever costs work)."""
    if not path or not path.exists():
        return {}
    try:
        with open(path, "rb") as handle:
            saved = pickle.load(handle)
        return saved[field] if saved.get("version") == version else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError):
        return {}
