"""Every content error is reported with file:line, all at once, and nothing is written."""
import pytest

from portal.config import load_config
from site_generator.build import build_site
from site_generator.problems import BuildFailed

from .small_site import write_small_site, write_translation


@pytest.fixture(scope="module")
def config():
    return load_config()


@pytest.fixture
def content(tmp_path):
    return write_small_site(tmp_path / "content")


def problems(config, content, tmp_path):
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=tmp_path / "output")
    return [str(problem) for problem in caught.value.problems]


def edit(content, relative, old, new):
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_number(content, relative, needle):
    return next(i for i, line in enumerate((content / relative).read_text().splitlines(), 1) if needle in line)


def test_the_small_site_builds(config, content, tmp_path):
    state = build_site(config, content_dir=content, output_dir=tmp_path / "output")
    assert (tmp_path / "output" / "en" / "work" / "find-a-job" / "index.html").exists()
    assert state.problems == []


def test_best_bets_to_an_unknown_page_fail_the_build_at_their_line(config, content, tmp_path):
    (content / "en" / "best-bets.yaml").write_text("- page: find-a-job\n  queries: [jobs]\n"
                                                   "- page: find-a-jbo\n  queries: [work]\n", encoding="utf-8")
    (content / "en" / "notes.txt").write_text("stray", encoding="utf-8")
    found = problems(config, content, tmp_path)
    assert f"{content}/en/best-bets.yaml:3: no page has the id 'find-a-jbo'" in found
    assert f"{content}/en/notes.txt: not a content file (content files end in .md)" in found


def test_malformed_yaml_names_file_and_line(config, content, tmp_path):
    edit(content, "en/work/find-a-job.md", "summary: Where to look for work.", "summary: [Where to look")
    found = problems(config, content, tmp_path)
    assert len(found) == 1
    assert found[0].startswith(f"{content}/en/work/find-a-job.md:") or "en/work/find-a-job.md:" in found[0]
    assert "malformed YAML" in found[0]
    reported_line = int(found[0].split(".md:")[1].split(":")[0])
    assert reported_line in (line_number(content, "en/work/find-a-job.md", "summary:"),
                             line_number(content, "en/work/find-a-job.md", "audiences:"))


def test_missing_required_field(config, content, tmp_path):
    edit(content, "en/services/job-centre.md", "review_by: 2027-04-01\n", "")
    found = problems(config, content, tmp_path)
    assert any("en/services/job-centre.md" in p and "missing required field 'review_by'" in p for p in found)


def test_unknown_kind_topic_and_locale(config, content, tmp_path):
    edit(content, "en/work/find-a-job.md", "kind: guide", "kind: article")
    edit(content, "en/services/job-centre.md", "topic: work", "topic: jobs")
    write_translation(content, "xx/work/find-a-job.md", "---\nid: find-a-job\n---\n")
    found = problems(config, content, tmp_path)
    kind_line = line_number(content, "en/work/find-a-job.md", "kind:")
    assert any(f"en/work/find-a-job.md:{kind_line}: unknown kind 'article'" in p for p in found)
    assert any("en/services/job-centre.md:" in p and "unknown topic 'jobs'" in p for p in found)
    assert any("/xx: unknown locale 'xx'" in p for p in found)


def test_duplicate_ids(config, content, tmp_path):
    text = (content / "en/work/find-a-job.md").read_text()
    (content / "en/work/find-a-job-again.md").write_text(text)
    found = problems(config, content, tmp_path)
    assert any("duplicate id 'find-a-job'" in p and "find-a-job-again.md" in p + found[0] for p in found)


def test_translation_with_no_source(config, content, tmp_path):
    text = (content / "ar/work/find-a-job.md").read_text().replace("id: find-a-job", "id: lost-page")
    write_translation(content, "ar/work/lost-page.md", text)
    found = problems(config, content, tmp_path)
    assert any("ar/work/lost-page.md" in p and "translation with no source" in p for p in found)


def test_broken_internal_link_and_anchor(config, content, tmp_path):
    edit(content, "en/work/find-a-job.md", "(id:job-centre)", "(id:job-center)")
    edit(content, "en/work/find-a-job.md", "(id:get-a-permit#apply)", "(id:get-a-permit#apply-now)")
    found = problems(config, content, tmp_path)
    link_line = line_number(content, "en/work/find-a-job.md", "id:job-center")
    assert any(f"en/work/find-a-job.md:{link_line}: broken link: no page has the id 'job-center'" in p
               for p in found)
    assert any("has no anchor '#apply-now'" in p for p in found)


def test_anchor_missing_in_a_translation_is_caught_in_that_locale(config, content, tmp_path):
    edit(content, "ar/work/find-a-job.md", "{#where}", "{#somewhere}")
    edit(content, "en/services/job-centre.md", "Come by.", "Come by. See [where to look](id:find-a-job#where).")
    found = problems(config, content, tmp_path)
    assert any("en/services/job-centre.md" in p and "no anchor '#where' in" in p and "ar/work/find-a-job.md" in p
               for p in found)


def test_coordinates_out_of_range(config, content, tmp_path):
    edit(content, "en/services/job-centre.md", "latitude: 47.07", "latitude: 147.07")
    found = problems(config, content, tmp_path)
    line = line_number(content, "en/services/job-centre.md", "latitude:")
    assert any(f"en/services/job-centre.md:{line}: latitude 147.07 is out of range" in p for p in found)


def test_event_that_ends_before_it_starts(config, content, tmp_path):
    edit(content, "en/events/language-cafe.md", "end: 2026-09-01T20:00", "end: 2026-09-01T17:00")
    found = problems(config, content, tmp_path)
    assert any("en/events/language-cafe.md" in p and "ends (2026-09-01 17:00) before it starts" in p for p in found)


def test_malformed_opening_hours_and_recurrence(config, content, tmp_path):
    edit(content, "en/services/job-centre.md", '"13:00-15:00"', '"13:00-25:00"')
    edit(content, "en/events/language-cafe.md", "BYDAY=TU", "BYDAY=TUESDAY")
    found = problems(config, content, tmp_path)
    assert any("opening_hours.mon[1]" in p for p in found)
    assert any("recurrence:" in p and "language-cafe.md" in p for p in found)


def test_translation_must_not_repeat_facts_or_change_structure(config, content, tmp_path):
    edit(content, "ar/work/find-a-job.md", "audiences: [worker]", "audiences: [family]")
    write_translation(content, "ar/services/job-centre.md", (content / "en/services/job-centre.md").read_text()
                      .replace("audiences: [worker]", "audiences: [worker]\ntranslation: {status: machine, "
                                                      "source_revision: 0123456789ab}"))
    text = (content / "en/residence/get-a-permit.md").read_text()
    write_translation(content, "ar/residence/get-a-permit.md", text.replace(
        "audiences: []", "audiences: []\ntranslation: {status: machine, source_revision: 0123456789ab}").replace(
        "  - id: collect", "  - id: pick-up"))
    found = problems(config, content, tmp_path)
    assert any("ar/work/find-a-job.md" in p and "'audiences' differs from the source page" in p for p in found)
    assert any("ar/services/job-centre.md" in p and "'latitude' is a fact of the source page" in p for p in found)
    assert any("ar/residence/get-a-permit.md" in p and "same ids in the same order" in p for p in found)


def test_all_problems_reported_at_once_and_output_untouched(config, content, tmp_path):
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    edit(content, "en/services/job-centre.md", "latitude: 47.07", "latitude: 147.07")
    edit(content, "en/events/language-cafe.md", "end: 2026-09-01T20:00", "end: 2026-09-01T17:00")
    edit(content, "en/work/find-a-job.md", "(id:job-centre)", "(id:nowhere)")
    found = problems(config, content, tmp_path)
    assert len(found) == 3
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    # No half-built folder is left behind; the cache of the last good build stays.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == [".output-cache"]


def test_portal_check_exits_non_zero_and_lists_problems(content, capsys):
    from portal.cli import main

    edit(content, "en/services/job-centre.md", "latitude: 47.07", "latitude: 147.07")
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "latitude 147.07 is out of range" in err
