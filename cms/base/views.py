from django.conf import settings
from django.shortcuts import render
from wagtail.admin.paginator import WagtailPaginator

from .reports import (STATES, coverage_counts, coverage_rows, due_for_review, live_sources, open_export_failures,
                      pending_characters, source_revisions)

COVERAGE_ROWS_PER_PAGE = 100


def due_for_review_view(request):
    return render(request, "base/reports/due_for_review.html", {
        "pages": due_for_review(), "failures": open_export_failures()})


def coverage_view(request):
    sources = live_sources()
    revisions = source_revisions(sources)
    counts = coverage_counts(sources, revisions)
    pending = pending_characters(sources)
    totals = [{"locale": locale, "counts": [counts[locale.code][state] for state in STATES],
               "pending": pending.get(locale.code)} for locale in settings.PORTAL.locales]
    # Totals count every page; the table shows a page of rows at a time, or thousands of pages
    # times every locale would make one very long page to send and render.
    paginator = WagtailPaginator(sources, COVERAGE_ROWS_PER_PAGE)
    shown = paginator.get_page(request.GET.get("p"))
    return render(request, "base/reports/translation_coverage.html", {
        "rows": coverage_rows(shown.object_list, revisions), "page_obj": shown, "paginator": paginator,
        "elided_page_range": paginator.get_elided_page_range(shown.number),
        "totals": totals, "states": STATES, "locales": settings.PORTAL.locales})
