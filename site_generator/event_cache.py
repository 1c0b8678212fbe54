"""Each event's VEVENT, per locale, kept from one build to the next.

icalendar writes an event's lines slowly (folding every line as RFC 5545 asks), and a site with
a hundred events in 18 languages spent most of its open data step there on every build. A
VEVENT shows only what its own page's documents, the configuration and the build's day hold,
which is what the page's render key covers (render_cache.RenderCache.key): under the same key,
the bytes are the same.
"""
from pathlib import Path

from .content_cache import read_pickle, write_pickle

FILE_NAME = "events.pickle"


class EventCache:
    """{(page id, locale code): (render key, VEVENT bytes)} of the last successful build."""

    def __init__(self, cache_dir, page_keys):
        self.path = Path(cache_dir) / FILE_NAME if cache_dir else None
        self.page_keys = page_keys or {}
        # No version of its own: the render keys its entries are kept under hold the code's.
        self.old, self.new = read_pickle(self.path, None, "events"), {}

    def vevent(self, page, code, make):
        """The event's VEVENT bytes in this locale: the last build's, or make()'s."""
        key = self.page_keys.get(page.id)
        kept = self.old.get((page.id, code))
        data = kept[1] if key is not None and kept and kept[0] == key else make()
        if key is not None:
            self.new[(page.id, code)] = (key, data)
        return data

    def save(self):
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_pickle(self.path, {"version": None, "events": self.new})
