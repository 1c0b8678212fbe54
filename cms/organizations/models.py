"""Organizations: public offices and community groups, with the languages they work in."""
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import SynchronizedField

from base.fields import CodeListField
from base.models import AddressFields, PortalPage
from base.validators import validate_language_codes

from .blocks import ChannelBlock

ORGANIZATION_TYPES = [("public-office", "Public office"), ("association", "Association"),
                      ("migrant-led", "Migrant-led group"), ("religious", "Religious community"),
                      ("health-provider", "Health care"), ("education-provider", "Education")]


class OrganizationPage(AddressFields, PortalPage):
    kind = "organization"
    organization_type = models.CharField(max_length=30, choices=ORGANIZATION_TYPES)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    languages = CodeListField(verbose_name="languages spoken", validators=[validate_language_codes])
    channels = StreamField([("channel", ChannelBlock())], blank=True, use_json_field=True)

    translatable_fields = PortalPage.translatable_fields + AddressFields.address_sync + [
        SynchronizedField(name, overridable=False) for name in
        ("organization_type", "phone", "email", "website", "languages", "channels")]
    content_panels = PortalPage.common_panels + [
        FieldPanel("topic"),
        FieldPanel("organization_type"),
        *AddressFields.address_panels,
        MultiFieldPanel([FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website"),
                         FieldPanel("languages"), FieldPanel("channels")], heading="Contact"),
    ] + PortalPage.settings_like_panels

    class Meta:
        verbose_name = "organization"

    def clean(self):
        super().clean()
        self.clean_coordinates()
