from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exchange.formats import write_po, write_xliff
from exchange.units import current_units


class Command(BaseCommand):
    help = "Write every text segment of the published source pages, with any translation, for an agency."

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True)
        parser.add_argument("--format", choices=("po", "xliff"), default="po")
        parser.add_argument("--output", help="file to write (default: translations/exchange/<locale>.<format>)")

    def handle(self, *args, **options):
        code = options["locale"]
        if code not in settings.PORTAL.locale_codes or code == settings.PORTAL.source.code:
            raise CommandError(f"'{code}' is not a translated locale in portal.yaml")
        units = current_units(code)
        writer = write_po if options["format"] == "po" else write_xliff
        text = writer(units, settings.PORTAL.source.code, code)
        path = Path(options["output"] or Path(settings.PROJECT_ROOT) / "translations" / "exchange" /
                    f"{code}.{options['format']}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done = sum(1 for unit in units if unit.target)
        self.stdout.write(f"Wrote {path}: {len(units)} segments, {done} already translated")
