"""Glossary terms: official words explained simply, shown together on the glossary page."""
from wagtail.admin.panels import FieldPanel

from base.models import PortalPage


class TermPage(PortalPage):
    """The title is the term, the summary its short definition, the body a longer explanation."""

    kind = "term"
    content_panels = PortalPage.common_panels + [FieldPanel("topic")] + PortalPage.settings_like_panels

    class Meta:
        verbose_name = "glossary term"
