"""Choices taken from portal.yaml, so topics and audiences are written in one place only."""
from django.conf import settings


def topic_choices():
    return [(topic.id, topic.title) for topic in settings.PORTAL.topics]


def audience_choices():
    return [(audience.id, audience.title) for audience in settings.PORTAL.audiences]


WEEKDAY_CHOICES = [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"),
                   ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday")]
TRANSLATION_STATUS_CHOICES = [("", "Source"), ("reviewed", "Reviewed"), ("machine", "Machine translation")]
