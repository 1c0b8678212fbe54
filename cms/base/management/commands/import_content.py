from django.core.management.base import BaseCommand, CommandError

from base.importer import ImportFailed, import_content


class Command(BaseCommand):
    help = "Load content/ into an empty CMS, with every locale and translation state."

    def add_arguments(self, parser):
        parser.add_argument("--content", help="content folder (default: PORTAL_CONTENT_DIR)")

    def handle(self, *args, **options):
        from base.models import PortalPage
        from wagtail.models import Page

        if Page.objects.type(PortalPage).exists():
            raise CommandError("the CMS already holds pages: import_content loads content/ into an empty CMS")
        try:
            counts = import_content(options.get("content"))
        except ImportFailed as error:
            raise CommandError(f"{len(error.problems)} problem(s) in content/, nothing imported:\n" +
                               "\n".join(f"  {problem}" for problem in error.problems)) from None
        total = sum(counts.values())
        self.stdout.write(f"Imported {total} pages: " + ", ".join(f"{code} {n}" for code, n in counts.items()))
