from django.conf import settings
from django.shortcuts import render

from .reports import STATES, due_for_review, open_export_failures, pending_characters, translation_coverage


def due_for_review_view(request):
    return render(request, "base/reports/due_for_review.html", {
        "pages": due_for_review(), "failures": open_export_failures()})


def coverage_view(request):
    rows, counts = translation_coverage()
    pending = pending_characters()
    totals = [{"locale": locale, "counts": [counts[locale.code][state] for state in STATES],
               "pending": pending.get(locale.code)} for locale in settings.PORTAL.locales]
    return render(request, "base/reports/translation_coverage.html", {
        "rows": rows, "totals": totals, "states": STATES, "locales": settings.PORTAL.locales})
