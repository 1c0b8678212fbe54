from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exchange.apply import apply, validate
from exchange.formats import ExchangeFormatError, read_po, read_xliff


class Command(BaseCommand):
    help = ("Read an agency's PO or XLIFF file. Every problem is listed and, if there is any, nothing is "
            "applied. Applied translations wait in the CMS for a reviewer to publish them.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--locale", required=True)

    def handle(self, *args, **options):
        path, code = Path(options["path"]), options["locale"]
        if code not in settings.PORTAL.locale_codes or code == settings.PORTAL.source.code:
            raise CommandError(f"'{code}' is not a translated locale in portal.yaml")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read: {error}") from None
        reader = read_xliff if path.suffix in (".xlf", ".xliff") else read_po
        try:
            language, units = reader(text)
        except ExchangeFormatError as error:
            raise CommandError(f"{path}: {error}") from None
        problems, resolved = validate(units, language, code, path)
        if problems:
            raise CommandError(f"{len(problems)} problem(s), nothing applied:\n" +
                               "\n".join(f"  {problem}" for problem in problems))
        self.stdout.write(f"Applied {apply(resolved, code)} translations from {path}")
