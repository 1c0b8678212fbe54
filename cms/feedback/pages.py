"""The CMS page a reader's feedback is about.

By the page's id (the content id, the same in every language) where the form sent one, else by
its path, whose part after the locale is the page's place under that locale's home. A reader
of a locale without a translation read the source page, so the source locale's page is the
next best. Topic and directory pages resolve to their section, /<locale>/ to the home; pages
the CMS does not hold (about, search) resolve to nothing and keep their path.
"""
from django.conf import settings
from wagtail.models import Page

from base.models import LocaleHomePage, PortalPage


class PageFinder:
    """Looks pages up for one import, reading the page tree once."""

    def __init__(self):
        self.by_content_id = {}
        for page in Page.objects.type(PortalPage).select_related("locale").specific():
            self.by_content_id[(page.locale.language_code, page.content_id)] = page
        self.homes = {home.locale.language_code: home.url_path
                      for home in LocaleHomePage.objects.select_related("locale")}

    def find(self, locale, path, page_id=""):
        for code in dict.fromkeys([locale, settings.PORTAL.source.code]):
            page = self.by_content_id.get((code, page_id)) if page_id else None
            if page is None:
                page = self._by_path(code, locale, path)
            if page is not None:
                return page
        return None

    def _by_path(self, code, locale, path):
        prefix = f"/{locale}/"
        if not path.startswith(prefix) or code not in self.homes:
            return None
        return Page.objects.filter(locale__language_code=code,
                                   url_path=self.homes[code] + path[len(prefix):]).first()
