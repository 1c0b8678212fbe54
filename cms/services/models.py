"""Services: offices, advice centres and clinics, with their opening hours and facts."""
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_localize.fields import SynchronizedField

from base.choices import WEEKDAY_CHOICES
from base.fields import ChoiceListField, CodeListField
from base.models import AddressFields, PortalPage
from base.validators import parse_hours_text, validate_hours_text, validate_language_codes

HOURS_HELP = "Ranges like 08:00-12:00, 13:00-15:30. Leave empty when closed."


def weekday_choices():
    return WEEKDAY_CHOICES


class ServicePage(AddressFields, PortalPage):
    kind = "service"
    organization = models.ForeignKey("organizations.OrganizationPage", on_delete=models.PROTECT,
                                     related_name="services")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    languages = CodeListField(verbose_name="languages spoken", validators=[validate_language_codes],
                              help_text="Language codes, e.g. en, de, ar, fa.")
    free = models.BooleanField(default=False, verbose_name="free of charge")
    walk_in = models.BooleanField(default=False, verbose_name="walk-in (no appointment needed)")
    no_id_needed = models.BooleanField(default=False, verbose_name="no ID needed")
    barrier_free = models.BooleanField(default=False)
    hours_mon = models.CharField("Monday", max_length=100, blank=True, validators=[validate_hours_text],
                                 help_text=HOURS_HELP)
    hours_tue = models.CharField("Tuesday", max_length=100, blank=True, validators=[validate_hours_text])
    hours_wed = models.CharField("Wednesday", max_length=100, blank=True, validators=[validate_hours_text])
    hours_thu = models.CharField("Thursday", max_length=100, blank=True, validators=[validate_hours_text])
    hours_fri = models.CharField("Friday", max_length=100, blank=True, validators=[validate_hours_text])
    hours_sat = models.CharField("Saturday", max_length=100, blank=True, validators=[validate_hours_text])
    hours_sun = models.CharField("Sunday", max_length=100, blank=True, validators=[validate_hours_text])
    appointment_only = ChoiceListField(choices_from="services.models.weekday_choices",
                                       verbose_name="by appointment only on")
    closed_from = models.DateField("temporarily closed from", null=True, blank=True)
    closed_until = models.DateField("temporarily closed until", null=True, blank=True)

    translatable_fields = PortalPage.translatable_fields + AddressFields.address_sync + [
        SynchronizedField(name, overridable=False) for name in (
            "organization", "phone", "email", "website", "languages", "free", "walk_in", "no_id_needed",
            "barrier_free", "hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri", "hours_sat",
            "hours_sun", "appointment_only", "closed_from", "closed_until")]
    content_panels = PortalPage.common_panels + [
        FieldPanel("topic"),
        FieldPanel("organization"),
        *AddressFields.address_panels,
        MultiFieldPanel([FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website"),
                         FieldPanel("languages")], heading="Contact"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("free"), FieldPanel("walk_in")]),
                         FieldRowPanel([FieldPanel("no_id_needed"), FieldPanel("barrier_free")])],
                        heading="Good to know"),
        MultiFieldPanel([FieldPanel(f"hours_{day}") for day, _ in WEEKDAY_CHOICES] + [
            FieldPanel("appointment_only"),
            FieldRowPanel([FieldPanel("closed_from"), FieldPanel("closed_until")])], heading="Opening hours"),
    ] + PortalPage.settings_like_panels

    class Meta:
        verbose_name = "service"

    def clean(self):
        super().clean()
        self.clean_coordinates()
        if self.closed_from and self.closed_until and self.closed_until < self.closed_from:
            raise ValidationError({"closed_until": "The closure ends before it starts."})
        if bool(self.closed_from) != bool(self.closed_until):
            raise ValidationError({"closed_until": "Give both dates of a temporary closure."})

    def opening_hours(self):
        return {day: parse_hours_text(getattr(self, f"hours_{day}")) for day, _ in WEEKDAY_CHOICES}
