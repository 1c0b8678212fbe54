from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/reader-feedback/", views.reader_feedback_view, name="feedback_reader_feedback")]


@hooks.register("register_reports_menu_item")
def reader_feedback_menu_item():
    # Beside "Due for review" (order 10): both are the editors' to-do lists.
    return PermittedMenuItem("Reader feedback", reverse("feedback_reader_feedback"), icon_name="comment",
                             order=11, permission=views.PERMISSION)


@hooks.register("register_permissions")
def feedback_permissions():
    return Permission.objects.filter(content_type__app_label="feedback", codename="change_feedback")
