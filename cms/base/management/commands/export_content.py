from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from base.export import ExportError, document_for, write_document


class Command(BaseCommand):
    help = "Write every published page to content/ (or --content DIR) in the canonical form."

    def add_arguments(self, parser):
        parser.add_argument("--content", help="target folder (default: PORTAL_CONTENT_DIR)")

    def handle(self, *args, **options):
        from wagtail.models import Page

        from base.models import PortalPage

        target = Path(options["content"]) if options.get("content") else None
        written = 0
        for page in Page.objects.live().type(PortalPage).specific().order_by("path"):
            try:
                written += write_document(document_for(page), target)
            except ExportError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(f"Exported {written} changed file(s)")
