"""DeepL drafts, tested with the official `deepl` client against a local DeepL-API-compatible
server (tests/deepl_server.py) over HTTP."""
import deepl
import pytest
from django.core.management import call_command

from base.export import document_for
from machine_translation import client as deepl_client
from machine_translation import glossaries
from machine_translation.client import translate_texts, translator
from machine_translation.languages import machine_locales
from machine_translation.models import TranslationRun
from machine_translation.runs import run_drafts
from site_generator.frontmatter import split_front_matter

from ..deepl_server import DeepLTestServer
from .conftest import page_in, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server():
    server = DeepLTestServer(auth_key="test-key")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def deepl_on(server, settings, tmp_path, monkeypatch):
    server.reset()
    settings.DEEPL_AUTH_KEY = "test-key"
    settings.DEEPL_SERVER_URL = server.url
    settings.DEEPL_MAX_RETRIES = 3
    settings.DEEPL_TIMEOUT = 5.0
    settings.PORTAL_MACHINE_DRAFTS = False  # runs are started by the tests themselves
    monkeypatch.setattr(glossaries, "GLOSSARY_DIR", tmp_path / "glossary")
    # The client's own backoff starts at 1 s; tests need the retries, not the waiting.
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.05)
    return server


@pytest.fixture
def drafts(django_capture_on_commit_callbacks):
    """run_drafts as the command runs it: wagtail-localize publishes on commit."""
    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_drafts(*args, **kwargs)
    return run


def front_matter(path):
    return split_front_matter(path.read_text(encoding="utf-8"), str(path))[:2]


def sent_characters(runs):
    return sum(run.characters_sent for run in runs.values())


def test_publishing_a_source_page_drafts_and_publishes_every_deepl_locale(
        people, small_cms, deepl_on, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_MACHINE_DRAFTS = True
    page = page_in("find-a-job", "en")
    page.title = "Find a job"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, people["editor"])
    for code in machine_locales():
        data, body = front_matter(small_cms / f"{code}/work/find-a-job.md")
        assert data["translation"]["status"] == "machine", code
        assert data["translation"]["source_revision"] == document_for(page_in("find-a-job", "en")).revision
        assert data["title"].startswith("["), code
    targets = {request["target_lang"] for request in deepl_on.successful_requests}
    assert {"FR", "DE", "ES", "JA", "KO", "ID", "TR", "PT-BR"} == targets
    assert not (small_cms / "ar/work/find-a-job.md").read_text().count("[AR]"), "professional locales are not drafted"


def test_markup_and_links_survive_in_place(people, small_cms, deepl_on, drafts):
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "done"
    data, body = front_matter(small_cms / "de/work/find-a-job.md")
    assert "(id:job-centre)" in body and "(id:get-a-permit#apply)" in body and "(id:work-permit)" in body
    assert "## [DE] Where to look {#where}" in body
    sent = [text for request in deepl_on.successful_requests for text in request["texts"]]
    assert any('<a id="a1">' in text for text in sent), "links travel as XML tags"
    assert all(request["tag_handling"] == "xml" for request in deepl_on.successful_requests)
    assert len(deepl_on.successful_requests) == 1, "all segments of the page in one request"


def test_the_glossary_is_applied(people, small_cms, deepl_on, drafts):
    (glossaries.GLOSSARY_DIR).mkdir(parents=True)
    (glossaries.GLOSSARY_DIR / "en-de.csv").write_text("term,translation\nwork permit,Arbeitserlaubnis\n")
    drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    _, body = front_matter(small_cms / "de/work/find-a-job.md")
    assert "«Arbeitserlaubnis»" in body
    assert deepl_on.successful_requests[-1]["glossary_id"] in deepl_on.glossaries
    first_id = deepl_on.successful_requests[-1]["glossary_id"]
    (glossaries.GLOSSARY_DIR / "en-de.csv").write_text("term,translation\nwork permit,Arbeitsbewilligung\n")
    page = page_in("find-a-job", "en")
    page.summary = "Where to look for paid work."
    publish(page, people["editor"])
    drafts([page], ["de"], trigger="test")
    assert deepl_on.successful_requests[-1]["glossary_id"] != first_id, "a changed CSV replaces the glossary"
    assert first_id not in deepl_on.glossaries


def test_nothing_is_paid_twice(small_cms, deepl_on, drafts):
    page = page_in("find-a-job", "en")
    first = drafts([page], trigger="test")
    assert sent_characters(first) > 0
    requests = len(deepl_on.successful_requests)
    again = drafts([page], trigger="test")
    assert sent_characters(again) == 0
    assert len(deepl_on.successful_requests) == requests


def test_an_edit_sends_only_the_changed_paragraph(people, small_cms, deepl_on, drafts):
    page = page_in("find-a-job", "en")
    drafts([page], ["de"], trigger="test")
    before = len(deepl_on.successful_requests)
    page = page_in("find-a-job", "en")
    body = page.body.raw_data
    for block in body:
        if block["type"] == "text" and "Look online" in block["value"]:
            block["value"] = block["value"].replace("Look online and ask friends.", "Look online, ask friends.")
    page.body = body
    publish(page, people["editor"])
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    new_requests = deepl_on.successful_requests[before:]
    assert [text for request in new_requests for text in request["texts"]] == ["Look online, ask friends."]
    assert runs["de"].characters_sent == len("Look online, ask friends.")


def test_quota_exceeded_stops_cleanly_and_a_rerun_resumes(small_cms, deepl_on, drafts):
    deepl_on.set_quota(1)
    runs = drafts([page_in("find-a-job", "en")], ["fr", "de"], trigger="test")
    assert runs["fr"].status == "stopped" and "quota" in runs["fr"].message.lower()
    assert runs["de"].status == "stopped", "a stop stops every locale"
    assert not (small_cms / "de/work/find-a-job.md").exists()
    deepl_on.set_quota(10_000_000)
    runs = drafts([page_in("find-a-job", "en")], ["fr", "de"], trigger="test")
    assert runs["de"].status == "done" and (small_cms / "de/work/find-a-job.md").exists()


def test_a_bad_key_stops_with_a_clear_message(small_cms, deepl_on, settings, drafts):
    settings.DEEPL_AUTH_KEY = "wrong-key"
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "stopped" and "DEEPL_AUTH_KEY" in runs["de"].message


def test_429_is_retried(small_cms, deepl_on, drafts):
    deepl_on.fail_next(429, times=2)
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "done"
    assert deepl_on.failures_served == 2


def test_one_failing_locale_does_not_stop_the_others(small_cms, deepl_on, drafts):
    deepl_on.fail_next(400)
    runs = drafts([page_in("find-a-job", "en")], ["fr", "de"], trigger="test")
    assert runs["fr"].status == "failed"
    assert runs["de"].status == "done"


def test_no_half_published_page_after_a_failure_mid_page(small_cms, deepl_on, monkeypatch, drafts):
    monkeypatch.setattr(deepl_client, "MAX_TEXTS_PER_REQUEST", 2)
    deepl_on.fail_after(1, status=400)
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "failed"
    assert not (small_cms / "de/work/find-a-job.md").exists()
    sent_before = runs["de"].characters_sent
    assert sent_before > 0
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "done" and (small_cms / "de/work/find-a-job.md").exists()


def test_the_monthly_budget_stops_sending(small_cms, deepl_on, settings, monkeypatch, drafts):
    from machine_translation import budget

    monkeypatch.setattr(budget, "remaining", lambda: 10)
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "stopped" and "budget" in runs["de"].message
    assert deepl_on.successful_requests == []


def test_target_codes_name_the_variant(small_cms, deepl_on):
    client = translator()
    translate_texts(client, ["Hello"], "en", "zh-hant")
    translate_texts(client, ["Hello"], "en", "zh-hans")
    translate_texts(client, ["Hello"], "en", "pt-br")
    assert [request["target_lang"] for request in deepl_on.successful_requests] == ["ZH-HANT", "ZH-HANS", "PT-BR"]


def test_formality_comes_from_portal_yaml(small_cms, deepl_on, drafts):
    drafts([page_in("find-a-job", "en")], ["fr", "ko"], trigger="test")
    formality = {request["target_lang"]: request["formality"] for request in deepl_on.successful_requests}
    assert formality["FR"] == "prefer_more" and not formality["KO"]


def test_translate_command_dry_run_shows_characters_and_sends_nothing(small_cms, deepl_on, capsys):
    call_command("translate", "--dry-run")
    printed = capsys.readouterr().out
    assert "characters" in printed and "de" in printed
    assert deepl_on.successful_requests == []
    assert not TranslationRun.objects.exists()


def test_translate_command_prefills_a_professional_locale_without_publishing(small_cms, deepl_on, capsys):
    call_command("translate", "--locale", "th")
    assert "th" in capsys.readouterr().out
    assert not (small_cms / "th/work/find-a-job.md").exists()
    assert TranslationRun.objects.get(locale="th").characters_sent > 0


def test_deepl_errors_map_to_the_client_exceptions(deepl_on):
    client = deepl.Translator("test-key", server_url=deepl_on.url)
    deepl_on.fail_next(456)
    with pytest.raises(deepl.QuotaExceededException):
        client.translate_text("Hi", target_lang="DE")


def test_the_coverage_report_shows_characters_pending_per_locale(small_cms, deepl_on, drafts, client, people):
    from base.reports import pending_characters

    before = pending_characters()
    assert before["de"] > 0 and before["de"] == before["ko"]
    drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    after = pending_characters()
    assert after["de"] < before["de"] and after["ko"] == before["ko"]
    client.force_login(people["admin"])
    response = client.get("/admin/reports/translation-coverage/")
    assert f'data-pending="de">{after["de"]}<'.encode() in response.content


def test_a_timeout_fails_that_locale_after_retries(small_cms, deepl_on, drafts, settings):
    settings.DEEPL_TIMEOUT = 0.3
    settings.DEEPL_MAX_RETRIES = 1
    deepl_on.delay_seconds = 1.0
    runs = drafts([page_in("find-a-job", "en")], ["de"], trigger="test")
    assert runs["de"].status == "failed" and "timed out" in runs["de"].message.lower()
    assert not (small_cms / "de/work/find-a-job.md").exists()


def test_the_translate_with_deepl_button_uses_the_portal_client(small_cms, deepl_on):
    from wagtail.models import Locale
    from wagtail_localize.strings import StringValue

    from machine_translation.machine_translator import PortalDeepLTranslator

    source = StringValue('Read <a id="a1">the guide</a> about your work permit.')
    result = PortalDeepLTranslator({}).translate(Locale.objects.get(language_code="en"),
                                                 Locale.objects.get(language_code="zh-hans"), [source])
    assert result[source].data.startswith("[ZH-HANS] Read <a id=\"a1\">the guide</a>")
    assert deepl_on.successful_requests[-1]["target_lang"] == "ZH-HANS"
    assert TranslationRun.objects.get(trigger="prefill").characters_sent == len(source.data)
