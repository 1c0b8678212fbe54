"""Where each link of the last successful build led, kept for the next build's link check.

That build's check passed, so every link it kept here led to a file that was there, holding the
anchor the link named. A link is still good when the file it led to is the last output's very
file, linked into the new one (KeptFiles: same bytes, so there, with the same anchors): the
check then need not work out where it leads again, which was most of a rebuild's check (about
290,000 links for 2,000 pages in 18 languages: 220,000 distinct ones, and the page-relative ones
of each page). A link to any other file (written
again, or gone) is judged afresh.

Kept under the link as written for links that lead to the same place from any page, and under
(page, link) for links relative to their page. For the first kind, the outputs that hold the link
are kept too when they are few (a search shard is named only by its locale's offline list): when
such a link breaks, the check knows at once whether a page it kept holds it, without reading the
links of every kept page (see link_check).
"""
import os
from pathlib import Path

from .content_cache import read_pickle, write_pickle

FILE_NAME = "link-targets.pickle"
# Links held by more outputs than this (menus, language links) are kept without their holders.
FEW_HOLDERS = 4


class LinkTargets:
    def __init__(self, cache_dir, version):
        self.path = Path(cache_dir) / FILE_NAME if cache_dir else None
        self.version = version
        saved = read_pickle(self.path, version, "targets")
        self.old, self.holders = saved if saved else ({}, {})
        self.new = {}
        self._names = {}

    def still_good(self, key, unchanged):
        """Whether the link kept under `key` led last time to a file in `unchanged`; if so it is
        kept for the next build too."""
        target = self.old.get(key)
        if target is not None and (not target or target in unchanged):
            self.new[key] = target
            return True
        return False

    @property
    def loaded(self):
        """Whether the last build's targets were read (none: no file, other code, damaged)."""
        return bool(self.old)

    def unsettled(self):
        """(key, target) of the last build's links that this build has not judged or kept yet."""
        return [(key, target) for key, target in self.old.items() if key not in self.new]

    def keep(self, key, target):
        self.new[key] = target

    def good(self, key, target):
        """A link found good this build, leading to the output `target` ("" for one that leads
        off the site, which no file decides)."""
        # One string per target, not one per link leading to it: a smaller file to load.
        self.new[key] = self._names.setdefault(target, target)

    def save(self, link_sets=None):
        """`link_sets`: a callable giving {output: its links} for every output of the build (the
        cache writer calls it), to learn which links few outputs hold."""
        if self.path:
            holders = few_holders(link_sets()) if link_sets else {}
            write_pickle(self.path, {"version": self.version, "targets": (self.new, holders)})


def few_holders(link_sets):
    """{link: the outputs that hold it} for the links held by at most FEW_HOLDERS outputs."""
    holders = {}
    for name, links in link_sets.items():
        for link in links:
            held_by = holders.get(link)
            if held_by is None:
                holders[link] = [name]
            elif len(held_by) <= FEW_HOLDERS:
                held_by.append(name)
    return {link: tuple(names) for link, names in holders.items() if len(names) <= FEW_HOLDERS}


class KeptFiles:
    """The outputs of this build that are the last output's files themselves (hard links: the
    same inode, size and time), as a container of output names."""

    def __init__(self, output_dir, previous_output, linked=()):
        self.output_dir, self.previous_output = output_dir, previous_output
        self._known = dict.fromkeys(linked, True)

    def __contains__(self, name):
        if name not in self._known:
            same = self._same(name)
            if same is None:
                return False  # not written (yet): asked again, it may be by then
            self._known[name] = same
        return self._known[name]

    def _same(self, name):
        if not self.previous_output:
            return False
        try:
            new = os.stat(os.path.join(self.output_dir, name))
        except OSError:
            return None
        try:
            old = os.stat(os.path.join(self.previous_output, name))
        except OSError:
            return False
        return (new.st_dev, new.st_ino, new.st_size, new.st_mtime_ns) == \
            (old.st_dev, old.st_ino, old.st_size, old.st_mtime_ns)
