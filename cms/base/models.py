"""The page tree every kind of content shares: a home per locale, a section per topic or
directory, and the fields of the content contract common to every page."""
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BodyBlock
from .choices import TRANSLATION_STATUS_CHOICES, topic_choices
from .fields import ChoiceListField
from .panels import TranslationStatePanel
from .validators import validate_latitude, validate_longitude

ID_VALIDATOR = RegexValidator(r"^[a-z0-9]+(-[a-z0-9]+)*$", "Use lowercase letters, digits and '-' only.")
SECTIONS = ("services", "events", "organizations", "glossary")


class LocaleHomePage(Page):
    """The root of one locale's pages. Its children are the sections."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["base.SectionPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = "home of a language"


class SectionPage(Page):
    """A topic from portal.yaml, or one of the directories: services, events, organizations, glossary."""

    section = models.CharField(max_length=50, validators=[ID_VALIDATOR],
                               help_text="A topic id from portal.yaml, or services, events, organizations, glossary.")
    parent_page_types = ["base.LocaleHomePage"]
    subpage_types = ["guides.GuidePage", "guides.StepsPage", "services.ServicePage", "events.EventPage",
                     "organizations.OrganizationPage", "glossary.TermPage"]
    content_panels = Page.content_panels + [FieldPanel("section")]
    override_translatable_fields = [SynchronizedField("section", overridable=False), SynchronizedField("slug", overridable=False)]

    def clean(self):
        super().clean()
        from django.conf import settings

        allowed = (*settings.PORTAL.topic_ids, *SECTIONS)
        if self.section not in allowed:
            raise ValidationError({"section": f"'{self.section}' is not a topic in portal.yaml nor one of "
                                              f"{', '.join(SECTIONS)}."})


class PortalPage(Page):
    """Fields of the content contract shared by every kind of page."""

    content_id = models.CharField("id", max_length=100, validators=[ID_VALIDATOR],
                                  help_text="The page's id in content/: the same in every language. "
                                            "Other pages link to it as id:<this id>.")
    topic = models.CharField(max_length=50, choices=topic_choices)
    summary = models.TextField(help_text="One or two short sentences.")
    audiences = ChoiceListField(choices_from="base.choices.audience_choices", verbose_name="audiences")
    updated = models.DateField(null=True, blank=True, editable=False,
                               help_text="Set when the text is published, except for minor edits.")
    review_by = models.DateField(help_text="The date an editor must check this page again.")
    minor_edit = models.BooleanField(
        default=False, verbose_name="minor edit",
        help_text="A typo fix or similar: translations stay current and the 'last updated' date stays.")
    translation_status = models.CharField(max_length=10, blank=True, choices=TRANSLATION_STATUS_CHOICES,
                                          editable=False)
    source_revision = models.CharField(max_length=12, blank=True, editable=False)
    reviewed_by = models.CharField(max_length=150, blank=True, editable=False)
    reviewed_on = models.DateField(null=True, blank=True, editable=False)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    parent_page_types = ["base.SectionPage"]
    subpage_types = []
    exclude_fields_in_copy = ["translation_status", "source_revision", "reviewed_by", "reviewed_on",
                              "minor_edit"]
    # Text is translated; everything else is a fact that stays identical to the source page.
    translatable_fields = [TranslatableField("title"), TranslatableField("summary"), TranslatableField("body"),
                           SynchronizedField("slug", overridable=False), SynchronizedField("content_id", overridable=False),
                           SynchronizedField("topic", overridable=False), SynchronizedField("audiences", overridable=False),
                           SynchronizedField("review_by", overridable=False)]
    common_panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    settings_like_panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("content_id"), FieldPanel("review_by")]),
            FieldPanel("audiences"),
            FieldPanel("minor_edit"),
        ], heading="Page facts"),
        TranslationStatePanel(heading="Translations"),
    ]

    class Meta:
        abstract = True

    @property
    def kind(self):
        raise NotImplementedError

    def clean(self):
        super().clean()
        if not self.content_id:
            return
        # One query by the id itself in every kind's table: reading every page of the locale made
        # each save, and so an import, slower with every page already there.
        same_id = models.Q()
        for model in portal_page_models():
            same_id |= models.Q(**{f"{model._meta.model_name}__content_id": self.content_id})
        title = (Page.objects.filter(same_id, locale_id=self.locale_id).exclude(pk=self.pk)
                 .exclude(translation_key=self.translation_key).values_list("title", flat=True).first())
        if title is not None:
            raise ValidationError({"content_id": f"Another page in this language already has the id "
                                                 f"'{self.content_id}': {title}."})

    def mark_text_updated(self):
        if not self.minor_edit:
            self.updated = timezone.localdate()


def portal_page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, PortalPage)]


class AddressFields(models.Model):
    street = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True, validators=[validate_latitude])
    longitude = models.FloatField(null=True, blank=True, validators=[validate_longitude])

    address_panels = [MultiFieldPanel([
        FieldRowPanel([FieldPanel("street"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ], heading="Address")]
    address_sync = [SynchronizedField(name, overridable=False) for name in
                    ("street", "postcode", "city", "district", "latitude", "longitude")]

    class Meta:
        abstract = True

    def clean_coordinates(self):
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({field: "Latitude and longitude go together: give both or neither."})

    @property
    def address(self):
        parts = {"street": self.street, "postcode": self.postcode, "city": self.city, "district": self.district}
        return {key: value for key, value in parts.items() if value}


class ExportFailure(models.Model):
    """An export that could not write content/: shown to editors until someone resolves it."""

    page_id = models.IntegerField()
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.message


class SourceText(models.Model):
    """What the reports need of a published source page's text, worked out once per published
    revision (base/source_texts.py): rendering every page on every request made the translation
    coverage report slower with each page. The text only changes by publishing a new revision."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+")
    published_revision_id = models.IntegerField()
    revision = models.CharField(max_length=12, help_text="The hash translations record as their source_revision.")
    characters = models.IntegerField(help_text="Characters of the page's distinct translatable segments.")
