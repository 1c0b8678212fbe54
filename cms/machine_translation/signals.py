from django.conf import settings
from wagtail.signals import page_published


def draft_on_publish(sender, instance, **kwargs):
    from base.models import PortalPage

    page = instance.specific
    if not isinstance(page, PortalPage) or page.locale.language_code != settings.PORTAL.source.code:
        return
    if not settings.DEEPL_AUTH_KEY or not settings.PORTAL_MACHINE_DRAFTS:
        return
    from .tasks import draft_after_publish

    draft_after_publish.enqueue(page.pk)


page_published.connect(draft_on_publish, dispatch_uid="portal_machine_drafts")
