import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from machine_translation import budget
from machine_translation.drafts import plan
from machine_translation.languages import machine_locales, professional_locales
from machine_translation.runs import run_drafts, source_pages


class Progress:
    """A one-line progress bar per locale on a terminal; one line per locale otherwise."""

    def __init__(self, stream, total):
        self.stream, self.total, self.done = stream, total, {}
        self.interactive = stream.isatty()

    def __call__(self, locale, page):
        self.done[locale] = self.done.get(locale, 0) + 1
        count = self.done[locale]
        if self.interactive or count == self.total:
            filled = int(30 * count / self.total)
            end = "\n" if count == self.total else "\r"
            self.stream.write(f"  {locale:<8}[{'#' * filled}{' ' * (30 - filled)}] {count}/{self.total} pages{end}")
            self.stream.flush()


class Command(BaseCommand):
    help = ("Draft translations with DeepL: shows what it will send, then sends only new or changed "
            "segments. DeepL-drafted locales are published as machine translations; a professional "
            "locale given with --locale is only pre-filled for its reviewers, never published.")

    def add_arguments(self, parser):
        parser.add_argument("--locale", action="append", help="a locale code (repeatable); default: every "
                                                              "DeepL-drafted locale")
        parser.add_argument("--dry-run", action="store_true", help="show the characters it would send, send nothing")

    def handle(self, *args, **options):
        machine, professional = machine_locales(), professional_locales()
        locales = options["locale"] or machine
        unknown = [code for code in locales if code not in machine + professional]
        if unknown:
            raise CommandError(f"not a translated locale in portal.yaml: {', '.join(unknown)}")
        pages = source_pages()
        self.stdout.write(f"{len(pages)} source pages. Characters to send (only new or changed segments):")
        total = 0
        for code in locales:
            segments, characters = 0, 0
            for page in pages:
                page_segments, page_characters = plan(page, code)
                segments += page_segments
                characters += page_characters
            total += characters
            role = "pre-fill for reviewers" if code in professional else "publish as machine translation"
            self.stdout.write(f"  {code:<8}{segments:>6} segments {characters:>9} characters  ({role})")
        self.stdout.write(f"  total   {total:>25} characters; {budget.remaining()} left of this month's budget "
                          f"of {settings.PORTAL.budgets.deepl_characters_per_month}")
        if options["dry_run"]:
            return
        failed = False
        for code in locales:
            runs = run_drafts(pages, [code], trigger="command", publish=code in machine,
                              progress=Progress(self.stdout, len(pages)))
            run = runs[code]
            self.stdout.write(f"  {code:<8}{run.status}: {run.characters_sent} characters sent, "
                              f"{run.pages_published} pages published{': ' + run.message if run.message else ''}")
            failed = failed or run.status != "done"
            if run.status == "stopped":
                break
        if failed:
            sys.exit(1)
