from django.db import models


class TranslationRun(models.Model):
    """One locale's share of a translation run: what was sent and how it ended."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    trigger = models.CharField(max_length=20)  # publish, command, prefill, interface
    locale = models.CharField(max_length=20)
    characters_sent = models.PositiveIntegerField(default=0)
    segments_sent = models.PositiveIntegerField(default=0)
    pages_published = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, default="running")  # running, done, stopped, failed
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.locale}: {self.characters_sent} characters ({self.status})"


class DeepLGlossary(models.Model):
    """The DeepL glossary made from translations/glossary/<source>-<target>.csv."""

    target_locale = models.CharField(max_length=20, unique=True)
    glossary_id = models.CharField(max_length=100)
    csv_sha256 = models.CharField(max_length=64)
    entry_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
