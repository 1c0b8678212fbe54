"""Reader feedback in the CMS: Netlify's export imported once and only with what readers sent,
every bad row named, and the editors' report that lists what is open and marks it done."""
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.test import RequestFactory

from base.models import LocaleHomePage, SectionPage
from feedback.importer import FeedbackImportError, import_feedback
from feedback.models import Feedback
from portal.config import PROJECT_ROOT

from .conftest import page_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/reader-feedback/"
# What Netlify adds to every submission, and fields a form might carry; none of it may be kept.
DROPPED = ["203.0.113.7", "198.51.100.23", "Mozilla/5.0 (Linux; Android 14)", "https://newcomers.example/en/",
           "Amira Haddad", "amira@example.org", "http://spam.example"]


def netlify_csv(rows, columns=("page", "locale", "page-id", "useful", "comment", "website", "name", "email",
                               "ip", "user_agent", "referrer", "created_at", "id")):
    """A CSV as Netlify's Forms tab downloads it: the form's fields, then Netlify's own columns."""
    out = io.StringIO()
    out.write(",".join(f'"{column}"' for column in columns) + "\r\n")
    for row in rows:
        out.write(",".join('"' + str(row.get(column, "")).replace('"', '""') + '"' for column in columns) + "\r\n")
    return out.getvalue().encode("utf-8")


def submission(number, page, locale, useful, comment="", page_id="", **extra):
    return {"page": page, "locale": locale, "page-id": page_id, "useful": useful, "comment": comment,
            "website": "", "name": "Amira Haddad", "email": "amira@example.org", "ip": "203.0.113.7",
            "user_agent": "Mozilla/5.0 (Linux; Android 14)", "referrer": "https://newcomers.example/en/",
            "created_at": f"2026-11-2{number % 10}T09:1{number % 10}:05.123Z", "id": f"6744c1f0a1b2c3d4e5f6a7{number:02d}",
            **extra}


ROWS = [
    submission(1, "/en/work/find-a-job/", "en", "no", 'The office moved.\nIt is on "Main Street" now, 2nd floor.',
               page_id="find-a-job"),
    submission(2, "/ar/work/find-a-job/", "ar", "yes", "واضح، شكرا", page_id="find-a-job"),
    submission(3, "/ar/services/job-centre/", "ar", "no", "لا أفهم المواعيد", page_id="job-centre"),
    submission(4, "/en/work/", "en", "yes"),
    submission(5, "/en/about/", "en", "no", "Say who runs the site."),
    submission(6, "/uk/work/find-a-job/", "uk", "no", page_id="find-a-job"),
]


def test_import_keeps_what_the_reader_sent_on_the_page_they_read(small_cms):
    result = import_feedback(netlify_csv(ROWS), "page-feedback.csv")
    assert (result.added, result.already_imported) == (6, 0)
    items = {item.submission_id[-2:]: item for item in Feedback.objects.all()}
    first = items["01"]
    assert first.page.pk == page_in("find-a-job", "en").pk and first.useful is False
    assert first.comment == 'The office moved.\nIt is on "Main Street" now, 2nd floor.'
    assert first.received_at.isoformat() == "2026-11-21T09:11:05.123000+00:00"
    assert items["02"].page.pk == page_in("find-a-job", "ar").pk and items["02"].useful is True
    # No Arabic job centre exists: the reader read the source page, which editors fix.
    assert items["03"].page.pk == page_in("job-centre", "en").pk and items["03"].locale == "ar"
    assert items["04"].page.specific_class is SectionPage
    assert items["05"].page is None and items["05"].path == "/en/about/"
    assert items["06"].page.pk == page_in("find-a-job", "uk").pk
    assert not any(item.done for item in items.values())


def test_nothing_but_what_the_reader_sent_is_stored(small_cms):
    rows = [submission(1, "/en/work/find-a-job/", "en", "no", "Too long", page_id="find-a-job",
                       website="http://spam.example", ip="198.51.100.23")]
    import_feedback(netlify_csv(rows), "page-feedback.csv")
    stored = repr([model_to_dict(item) for item in Feedback.objects.all()])
    for value in DROPPED:
        assert value not in stored
    names = {field.name for field in Feedback._meta.get_fields()}
    assert not names & {"ip", "user_agent", "referrer", "name", "email"}


def test_importing_the_same_export_again_adds_nothing_and_keeps_what_is_done(small_cms, people):
    import_feedback(netlify_csv(ROWS), "page-feedback.csv")
    Feedback.objects.filter(submission_id__endswith="01").update(done=True, done_by=people["editor"])
    again = import_feedback(netlify_csv(ROWS + [submission(7, "/en/", "en", "yes")]), "page-feedback (1).csv")
    assert (again.added, again.already_imported) == (1, 6)
    assert Feedback.objects.count() == 7
    assert Feedback.objects.get(submission_id__endswith="01").done
    assert Feedback.objects.get(submission_id__endswith="07").page.specific_class is LocaleHomePage


def test_an_export_without_netlifys_id_column_is_still_imported_once(small_cms):
    columns = ("page", "locale", "page-id", "useful", "comment", "created_at")
    data = netlify_csv(ROWS[:2], columns=columns)
    assert import_feedback(data, "export.csv").added == 2
    assert import_feedback(data, "export.csv").added == 0


def test_the_apis_json_is_imported_too_and_other_forms_are_skipped(small_cms):
    listing = [
        {"id": "6744c1f0a1b2c3d4e5f6a801", "number": 12, "title": None, "email": "amira@example.org",
         "name": "Amira Haddad", "first_name": "Amira", "last_name": "Haddad", "company": None,
         "summary": "<strong>/en/work/find-a-job/</strong>", "body": "Opening hours are wrong",
         "data": {"form-name": "page-feedback", "page": "/en/work/find-a-job/", "locale": "en",
                  "page-id": "find-a-job", "useful": "no", "comment": "Opening hours are wrong", "website": "",
                  "ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (Linux; Android 14)",
                  "referrer": "https://newcomers.example/en/"},
         "created_at": "2026-11-23T10:00:00.000Z", "human_fields": {"Page": "/en/work/find-a-job/"},
         "ordered_human_fields": [], "form_id": "6744aaaa", "site_url": "https://newcomers.example",
         "form_name": "page-feedback"},
        {"id": "6744c1f0a1b2c3d4e5f6a802", "data": {"message": "Hello", "ip": "203.0.113.7"},
         "created_at": "2026-11-23T10:05:00.000Z", "form_name": "contact"},
    ]
    result = import_feedback(json.dumps(listing).encode(), "submissions.json")
    assert (result.added, result.other_forms) == (1, 1)
    item = Feedback.objects.get()
    assert (item.submission_id, item.comment, item.useful) == ("6744c1f0a1b2c3d4e5f6a801", "Opening hours are wrong", False)
    stored = repr(model_to_dict(item))
    assert not any(value in stored for value in DROPPED)


def test_every_bad_row_is_named_by_file_row_and_column_and_nothing_is_imported(small_cms):
    rows = [submission(1, "/en/work/find-a-job/", "en", "yes"),
            submission(2, "/en/work/find-a-job/", "en", "maybe"),
            submission(3, "/en/work/find-a-job/", "xx", "no"),
            submission(4, "/en/work/find-a-job/", "en", "no", created_at="yesterday"),
            submission(5, "en/work", "en", "")]
    with pytest.raises(FeedbackImportError) as raised:
        import_feedback(netlify_csv(rows), "page-feedback.csv")
    assert raised.value.problems == [
        "page-feedback.csv: row 3, column 'useful': 'maybe' is not one of yes, no",
        "page-feedback.csv: row 4, column 'locale': 'xx' is not a locale in portal.yaml",
        "page-feedback.csv: row 5, column 'created_at': 'yesterday' is not a date and time (ISO 8601)",
        "page-feedback.csv: row 6, column 'useful': empty",
        "page-feedback.csv: row 6, column 'page': 'en/work' is not a path on the site (one starting with '/')",
    ]
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("data, message", [
    (b"", "contact.csv: the file is empty"),
    ("name,email\r\nAmira,amira@example.org\r\n".encode(),
     "contact.csv: row 1: no column 'useful', 'page', 'locale', 'created_at' (the columns are: name, email)"),
    ("caf\xe9".encode("latin-1"), "contact.csv: not UTF-8 text"),
    (b'[{"id": 1, "data": ', "contact.csv: line 1, column 20: not valid JSON"),
    (b'{"id": "1"}', "contact.csv: expected a list of submissions"),
])
def test_a_file_that_is_not_the_export_says_why(small_cms, data, message):
    with pytest.raises(FeedbackImportError) as raised:
        import_feedback(data, "contact.csv")
    assert raised.value.problems[0].startswith(message), raised.value.problems


def test_the_command_imports_and_reports(small_cms, tmp_path):
    path = tmp_path / "page-feedback.csv"
    path.write_bytes(netlify_csv(ROWS))
    out = io.StringIO()
    call_command("import_feedback", str(path), stdout=out)
    assert "6 new submission(s) imported, 0 already imported" in out.getvalue()
    path.write_bytes(netlify_csv([submission(9, "/en/", "en", "perhaps")]))
    with pytest.raises(CommandError, match=r"1 problem\(s\), nothing imported:\n  .*page-feedback.csv: row 2, "
                                           r"column 'useful': 'perhaps' is not one of yes, no"):
        call_command("import_feedback", str(path))


def test_the_local_servers_demo_file_is_an_export_the_import_reads(small_cms):
    """chat_widget/forms.mjs writes PORTAL_FEEDBACK_FILE in these columns."""
    source = (PROJECT_ROOT / "chat_widget" / "forms.mjs").read_text(encoding="utf-8")
    columns = json.loads(re.search(r"export const COLUMNS = (\[[^\]]*\]);", source).group(1))
    row = {"id": "0b6f3c52-3c2e-4bb0-9d53-63a4e8d4c3b1", "created_at": "2026-11-24T08:00:00.000Z",
           "page": "/ar/work/find-a-job/", "locale": "ar", "page-id": "find-a-job", "useful": "yes", "comment": ""}
    assert import_feedback(netlify_csv([row], columns=columns), "feedback.csv").added == 1


def reports_menu_labels(user):
    from wagtail.admin.menu import reports_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.label for item in sorted(reports_menu.menu_items_for_request(request), key=lambda item: item.order)]


def test_the_report_sits_beside_due_for_review_for_editors_only(people):
    labels = reports_menu_labels(people["editor"])
    assert labels[labels.index("Due for review") + 1] == "Reader feedback"
    assert "Reader feedback" in reports_menu_labels(people["admin"])
    for role in ("translator_ar", "reviewer_ar"):
        assert "Reader feedback" not in reports_menu_labels(people[role]), role


def test_the_report_lists_open_feedback_per_page(client, people):
    import_feedback(netlify_csv(ROWS), "page-feedback.csv")
    client.force_login(people["editor"])
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    english = page_in("find-a-job", "en")
    assert f'href="/admin/pages/{english.pk}/edit/"' in html
    assert f'href="/admin/pages/{page_in("job-centre", "en").pk}/edit/"' in html
    assert "/en/about/ (not a page of the CMS)" in html
    assert '<q lang="ar" dir="rtl">واضح، شكرا</q>' in html
    assert "It is on &quot;Main Street&quot; now" in html
    # The English page of find-a-job: one "not useful", nothing else, and it comes before pages
    # readers found useful.
    group = html[html.index(f'/admin/pages/{english.pk}/edit/'):]
    assert re.search(r"Useful: <strong>0</strong> · Not useful: <strong>1</strong>", group[:600])
    assert html.index(f"/admin/pages/{english.pk}/edit/") < html.index("/en/work/\">/en/work/</a>")
    for value in DROPPED:
        assert value not in html


def test_marking_done_takes_a_page_off_the_list_and_records_who(client, people):
    import_feedback(netlify_csv(ROWS), "page-feedback.csv")
    client.force_login(people["editor"])
    english = page_in("find-a-job", "en")
    ids = [str(pk) for pk in Feedback.objects.filter(page=english).values_list("pk", flat=True)]
    response = client.post(REPORT, {"done": ids}, follow=True)
    assert response.status_code == 200
    assert "1 item(s) marked as done." in response.content.decode()
    assert f'/admin/pages/{english.pk}/edit/' not in response.content.decode()
    item = Feedback.objects.get(page=english)
    assert item.done and item.done_by == people["editor"] and item.done_at is not None
    assert Feedback.objects.filter(done=False).count() == 5


def test_editors_upload_the_export_on_the_report_page(client, people):
    client.force_login(people["editor"])
    upload = io.BytesIO(netlify_csv(ROWS))
    upload.name = "page-feedback.csv"
    response = client.post(REPORT, {"export": upload}, follow=True)
    assert "page-feedback.csv: 6 new submission(s) imported, 0 already imported." in response.content.decode()
    assert Feedback.objects.count() == 6
    bad = io.BytesIO(netlify_csv([submission(1, "/en/", "en", "maybe")]))
    bad.name = "page-feedback (2).csv"
    response = client.post(REPORT, {"export": bad})
    assert response.status_code == 400
    assert "page-feedback (2).csv: row 2, column &#x27;useful&#x27;: &#x27;maybe&#x27; is not one of yes, no" in \
        response.content.decode()
    assert Feedback.objects.count() == 6


@pytest.mark.parametrize("role", ["translator_ar", "reviewer_ar"])
def test_other_roles_can_neither_read_nor_change_the_feedback(client, people, role):
    import_feedback(netlify_csv(ROWS), "page-feedback.csv")
    client.force_login(people[role])
    response = client.get(REPORT)
    assert response.status_code == 302 and "/reports/" not in response["Location"]
    client.post(REPORT, {"done": [str(pk) for pk in Feedback.objects.values_list("pk", flat=True)]})
    assert Feedback.objects.filter(done=True).count() == 0


def test_readers_never_reach_the_report(client):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
