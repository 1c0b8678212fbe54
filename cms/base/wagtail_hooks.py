from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .models import ExportFailure


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/due-for-review/", views.due_for_review_view, name="portal_due_for_review"),
        path("reports/translation-coverage/", views.coverage_view, name="portal_translation_coverage"),
    ]


@hooks.register("register_reports_menu_item")
def due_for_review_menu_item():
    return MenuItem("Due for review", reverse("portal_due_for_review"), icon_name="time", order=10)


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    # After "Due for review" (10) and "Reader feedback" (11, cms/feedback).
    return MenuItem("Translation coverage", reverse("portal_translation_coverage"), icon_name="globe", order=12)


@hooks.register("after_publish_page")
def report_export_failures(request, page):
    """Export runs on publish; if it could not write content/, the editor is told at once."""
    for failure in ExportFailure.objects.filter(page_id=page.pk, resolved=False):
        messages.error(request, f"Published in the CMS, but not on the site: {failure.message}")


