"""Guides and step-by-step pages: the pages of a topic."""
from django.core.exceptions import ValidationError
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import TranslatableField

from base.models import PortalPage

from .blocks import StepsBlock


class TopicPage(PortalPage):
    """A page that lives in the section of its topic."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        parent = self.get_parent()
        section = getattr(parent.specific, "section", None) if parent else None
        if section and section != self.topic:
            raise ValidationError({"topic": f"This page is in the '{section}' section: its topic must be "
                                            f"'{section}', or move it to the '{self.topic}' section."})


class GuidePage(TopicPage):
    kind = "guide"
    content_panels = PortalPage.common_panels + [FieldPanel("topic")] + PortalPage.settings_like_panels

    class Meta:
        verbose_name = "guide"


class StepsPage(TopicPage):
    kind = "steps"
    steps = StreamField(StepsBlock(), use_json_field=True)
    translatable_fields = PortalPage.translatable_fields + [TranslatableField("steps")]
    content_panels = PortalPage.common_panels + [FieldPanel("steps"), FieldPanel("topic")] + \
        PortalPage.settings_like_panels

    class Meta:
        verbose_name = "step-by-step guide"
