"""Import Netlify's submissions export into the editors' to-do list: every submission once,
however often the same export is imported, and nothing but what the reader sent."""
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from .models import Feedback
from .netlify_export import read_export
from .pages import PageFinder


class FeedbackImportError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportResult:
    added: int
    already_imported: int
    other_forms: int

    def __str__(self):
        text = f"{self.added} new submission(s) imported, {self.already_imported} already imported"
        if self.other_forms:
            text += f", {self.other_forms} of other forms skipped"
        return text


@transaction.atomic
def import_feedback(data, name):
    """Import an export's bytes (CSV or JSON); `name` names the file in problems. Every problem
    is listed and, if there is any, nothing is imported."""
    reading = read_export(data, name, settings.PORTAL.locale_codes)
    if reading.problems:
        raise FeedbackImportError(reading.problems)
    submissions = {submission.submission_id: submission for submission in reading.submissions}
    known = set(Feedback.objects.filter(submission_id__in=list(submissions)).values_list("submission_id", flat=True))
    finder = PageFinder()
    new = [Feedback(submission_id=submission.submission_id, received_at=submission.received_at,
                    path=submission.path, locale=submission.locale, useful=submission.useful,
                    comment=submission.comment,
                    page=finder.find(submission.locale, submission.path, submission.page_id))
           for key, submission in submissions.items() if key not in known]
    Feedback.objects.bulk_create(new)
    return ImportResult(added=len(new), already_imported=len(submissions) - len(new),
                        other_forms=reading.other_forms)
