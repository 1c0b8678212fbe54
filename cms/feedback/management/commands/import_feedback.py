from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from feedback.importer import FeedbackImportError, import_feedback


class Command(BaseCommand):
    help = ("Import Netlify's export of the feedback form (the CSV from the Forms tab, or the JSON of "
            "the API) into the Reader feedback report. Every problem is listed and, if there is any, "
            "nothing is imported; a submission imported before is not added again.")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read: {error.strerror}") from None
        try:
            result = import_feedback(data, str(path))
        except FeedbackImportError as error:
            raise CommandError(f"{len(error.problems)} problem(s), nothing imported:\n" +
                               "\n".join(f"  {problem}" for problem in error.problems)) from None
        self.stdout.write(f"{path}: {result}")
