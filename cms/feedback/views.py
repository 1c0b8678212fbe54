from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from wagtail.admin.auth import permission_required

from .importer import FeedbackImportError, import_feedback
from .models import Feedback
from .reports import open_feedback

PERMISSION = "feedback.change_feedback"
LARGEST_EXPORT_BYTES = 20 * 1024 * 1024


class ExportUploadForm(forms.Form):
    export = forms.FileField(label="Netlify export (CSV or JSON)",
                             help_text="The CSV from the form's page in Netlify's Forms tab, or the JSON of its API.")


def _render(request, upload_form, problems=(), status=200):
    return render(request, "feedback/reports/reader_feedback.html", {
        "groups": open_feedback(), "upload_form": upload_form, "problems": problems,
        "base_url": settings.PORTAL.base_url}, status=status)


@permission_required(PERMISSION)
def reader_feedback_view(request):
    if request.method != "POST":
        return _render(request, ExportUploadForm())
    if "done" in request.POST:
        ids = [value for value in request.POST.getlist("done") if value.isdigit()]
        count = Feedback.objects.filter(pk__in=ids, done=False).update(
            done=True, done_by=request.user, done_at=timezone.now())
        messages.success(request, f"{count} item(s) marked as done.")
        return redirect("feedback_reader_feedback")
    upload_form = ExportUploadForm(request.POST, request.FILES)
    if not upload_form.is_valid():
        return _render(request, upload_form, status=400)
    export = upload_form.cleaned_data["export"]
    if export.size > LARGEST_EXPORT_BYTES:
        return _render(request, upload_form, [f"{export.name}: larger than 20 MB; import it with "
                                              f"manage.py import_feedback"], status=400)
    try:
        result = import_feedback(export.read(), export.name)
    except FeedbackImportError as error:
        return _render(request, upload_form, error.problems, status=400)
    messages.success(request, f"{export.name}: {result}.")
    return redirect("feedback_reader_feedback")
