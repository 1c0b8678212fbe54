"""Events: meetings, courses and information days, one-off or recurring."""
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_localize.fields import SynchronizedField

from base.models import AddressFields, PortalPage
from base.validators import validate_recurrence


class EventPage(AddressFields, PortalPage):
    kind = "event"
    start = models.DateTimeField()
    end = models.DateTimeField()
    recurrence = models.CharField(max_length=100, blank=True, validators=[validate_recurrence],
                                  help_text="Optional: FREQ=WEEKLY;BYDAY=TU, FREQ=MONTHLY;BYDAY=1SA "
                                            "(1 to 4, or -1 for the last), FREQ=MONTHLY;BYMONTHDAY=15, "
                                            "FREQ=DAILY; add ;UNTIL=YYYYMMDD to stop.")
    place_name = models.CharField(max_length=200)
    organization = models.ForeignKey("organizations.OrganizationPage", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="events")

    translatable_fields = PortalPage.translatable_fields + AddressFields.address_sync + [
        SynchronizedField("start", overridable=False), SynchronizedField("end", overridable=False), SynchronizedField("recurrence", overridable=False),
        SynchronizedField("place_name", overridable=False), SynchronizedField("organization", overridable=False)]
    content_panels = PortalPage.common_panels + [
        FieldPanel("topic"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("recurrence")],
                        heading="When"),
        FieldPanel("place_name"),
        *AddressFields.address_panels,
        FieldPanel("organization"),
    ] + PortalPage.settings_like_panels

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        self.clean_coordinates()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The event ends before it starts."})
