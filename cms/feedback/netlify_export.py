"""Netlify's submissions of the feedback form, as its two exports give them, read into plain
submissions; every problem is named by file, row and column.

- CSV, as the form's page in Netlify's Forms tab downloads it: one column per field of the form,
  headed with the field's name, beside Netlify's own columns (the submission's `id` and
  `created_at`, and others such as `ip`, `user_agent` and `referrer`, which are never read).
  Headers are compared ignoring case, and "_", "-" and spaces alike.
- JSON, as Netlify's API lists submissions (GET /api/v1/forms/{form_id}/submissions, or
  /sites/{site_id}/submissions for every form of a site): a list of objects, each with `id`,
  `created_at`, `form_name` and the fields in `data` (beside `ip`, `user_agent`, `referrer`, and
  at the top `email`, `name` and others, all left alone).

Submissions of other forms are skipped. Should an export carry no `id` column, a submission is
known by a digest of what it says, so importing the same file again still adds nothing.
"""
import csv
import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass

from site_generator import feedback_form as contract

REQUIRED = (contract.USEFUL, contract.PAGE, contract.LOCALE, "created-at")
OPTIONAL = (contract.COMMENT, contract.PAGE_ID, "id", "form-name")


@dataclass(frozen=True)
class Submission:
    submission_id: str
    received_at: datetime.datetime
    path: str
    locale: str
    page_id: str
    useful: bool
    comment: str


@dataclass
class Reading:
    submissions: list
    problems: list
    other_forms: int = 0


def header_key(name):
    return re.sub(r"[\s_-]+", "-", str(name).strip().lower())


def read_export(data, name, locale_codes):
    """Reading of an export's bytes; `name` is how problems name the file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Reading([], [f"{name}: not UTF-8 text (byte {error.start}); Netlify's exports are UTF-8"])
    if not text.strip():
        return Reading([], [f"{name}: the file is empty"])
    if text.lstrip()[0] in "[{":
        return _read_json(text, name, locale_codes)
    return _read_csv(text, name, locale_codes)


def _read_csv(text, name, locale_codes):
    # Rows are counted as a spreadsheet shows them (the header is row 1), whatever line breaks
    # a comment holds.
    rows = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        header = next(rows)
        number = 1
        columns = {header_key(column): index for index, column in enumerate(header)}
        missing = [column for column in REQUIRED if column not in columns]
        if missing:
            shown = ", ".join(repr("created_at" if column == "created-at" else column) for column in missing)
            return Reading([], [f"{name}: row 1: no column {shown} "
                                f"(the columns are: {', '.join(header)}); is this the export of the "
                                f"'{contract.FORM_NAME}' form?"])
        reading = Reading([], [])
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            fields = {key: row[index].strip() if index < len(row) else "" for key, index in columns.items()
                      if key in REQUIRED or key in OPTIONAL}
            _add(reading, fields, f"{name}: row {number}", lambda key: f"column '{header[columns[key]]}'",
                 locale_codes)
    except csv.Error as error:
        return Reading([], [f"{name}: row {number + 1}: not readable as CSV: {error}"])
    return reading


def _read_json(text, name, locale_codes):
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        return Reading([], [f"{name}: line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"])
    if not isinstance(items, list):
        return Reading([], [f"{name}: expected a list of submissions, as Netlify's API gives them"])
    reading = Reading([], [])
    for number, item in enumerate(items, start=1):
        where = f"{name}: submission {number}"
        if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
            reading.problems.append(f"{where}: not a submission (an object with 'data')")
            continue
        fields = {header_key(key): _text(value) for key, value in item["data"].items()}
        fields = {key: value for key, value in fields.items() if key in REQUIRED or key in OPTIONAL}
        fields.update({"id": _text(item.get("id")), "created-at": _text(item.get("created_at")),
                       "form-name": _text(item.get("form_name"))})
        _add(reading, fields, where, lambda key: f"field '{key if key in ('id', 'created-at') else 'data.' + key}'",
             locale_codes)
    return reading


def _text(value):
    return "" if value is None else str(value).strip()


def _add(reading, fields, where, column_of, locale_codes):
    """Check one submission's fields; add it to the reading, or its problems."""
    if fields.get("form-name") and fields["form-name"] != contract.FORM_NAME:
        reading.other_forms += 1
        return
    problems = []

    def problem(key, message):
        problems.append(f"{where}, {column_of(key)}: {message}")

    for key in REQUIRED:
        if not fields.get(key):
            problem(key, "empty")
    useful = contract.ANSWERS.get(fields.get(contract.USEFUL, "").lower())
    if fields.get(contract.USEFUL) and useful is None:
        problem(contract.USEFUL, f"'{fields[contract.USEFUL]}' is not one of {', '.join(contract.ANSWERS)}")
    locale = fields.get(contract.LOCALE, "")
    if locale and locale not in locale_codes:
        problem(contract.LOCALE, f"'{locale}' is not a locale in portal.yaml")
    path = fields.get(contract.PAGE, "")
    if path and (not path.startswith("/") or len(path) > 300):
        problem(contract.PAGE, f"'{path[:80]}' is not a path on the site (one starting with '/')")
    received_at = None
    if fields.get("created-at"):
        try:
            received_at = datetime.datetime.fromisoformat(fields["created-at"])
        except ValueError:
            problem("created-at", f"'{fields['created-at']}' is not a date and time (ISO 8601)")
        else:
            if received_at.tzinfo is None:
                received_at = received_at.replace(tzinfo=datetime.timezone.utc)
    for key, longest in (("id", 100), (contract.PAGE_ID, 100)):
        if len(fields.get(key, "")) > longest:
            problem(key, f"longer than {longest} characters")
    if problems:
        reading.problems.extend(problems)
        return
    comment = fields.get(contract.COMMENT, "")
    submission_id = fields.get("id") or "digest:" + hashlib.sha256("\x1f".join(
        [fields["created-at"], path, locale, fields[contract.USEFUL], comment]).encode()).hexdigest()[:40]
    reading.submissions.append(Submission(
        submission_id=submission_id, received_at=received_at, path=path, locale=locale,
        page_id=fields.get(contract.PAGE_ID, ""), useful=useful, comment=comment))
