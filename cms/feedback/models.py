"""What readers answered to "Was this page useful?", imported from Netlify's submissions export.

Only what the reader chose to send is kept: the answer, the comment, the page and its locale,
and when it arrived. Netlify's export also carries the reader's IP address, browser and any
name or e-mail field; the import never copies those.
"""
from django.conf import settings
from django.db import models


class Feedback(models.Model):
    """One submission of the feedback form, and whether an editor has dealt with it."""

    # Netlify's id of the submission, so that importing the same export twice adds nothing.
    submission_id = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField()
    # The page as the reader had it; kept when no page in the CMS matches (any more).
    path = models.CharField(max_length=300)
    locale = models.CharField(max_length=20)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True)
    done = models.BooleanField(default=False)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"
        indexes = [models.Index(fields=["done", "page"])]

    def __str__(self):
        return f"{self.path} ({'useful' if self.useful else 'not useful'}, {self.received_at:%Y-%m-%d})"
