"""Background task: draft every DeepL locale after a source page is published.

With django-tasks' immediate backend (development, tests) it runs at once; with a queue
backend in production the editor's publish returns before DeepL is called."""
from django_tasks import task


@task()
def draft_after_publish(page_id):
    from wagtail.models import Page

    from .runs import run_drafts

    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None or not page.live:
        return {}
    runs = run_drafts([page], trigger="publish")
    return {code: run.status for code, run in runs.items()}
