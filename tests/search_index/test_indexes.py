"""Search indexes: passages cut at headings and steps, every page in every locale, and the
query sets run in the real lunr.js under Node against the built indexes."""
import json
from pathlib import Path

from search_index.passages import passages_for
from site_generator.i18n import LocaleFormats
from site_generator.views import PageView
from tests.node_tests import run_node_tests


def test_query_sets_find_the_expected_page_in_every_professional_locale(sample_site):
    run_node_tests(["tests/search_index/queries.test.mjs"], sample_site[0])


def test_analysis_shards_and_engine(sample_site):
    run_node_tests(["tests/search_index/analysis.test.mjs", "tests/search_index/shards.test.mjs",
                    "tests/search_index/engine.test.mjs"], sample_site[0])


def test_fast_builder_writes_lunr_builders_shards_and_its_cache_never_changes_the_files(sample_site, tmp_path):
    output, state = sample_site
    for code, entry in state.search_inputs.items():
        data = json.loads(Path(entry["path"]).read_text(encoding="utf-8"))
        assert len(data["passages"]) == entry["passages"]
        (tmp_path / f"{code}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run_node_tests(["tests/search_index/scores.test.mjs", "tests/search_index/build.test.mjs"], output,
                   SEARCH_PASSAGES=str(tmp_path))


def test_the_build_keeps_its_search_cache_beside_the_site(sample_site):
    output, state = sample_site
    cache = output.parent / f".{output.name}-cache" / "search"
    assert {row["passages"] for row in state.search_report.values()} and all("built" in row for row in
                                                                               state.search_report.values())
    assert {path.name for path in cache.iterdir()} == {*state.search_inputs, "inputs"}
    placed = output / "en" / "search" / "manifest.json"
    assert any(path.stat().st_ino == placed.stat().st_ino for path in (cache / "en" / "files").iterdir()), \
        "the site's files are links to the cached ones, so unchanged files keep their time"


def store(output, code):
    folder = output / code / "search"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [entry for name in manifest["store"] for entry in json.loads((folder / name).read_text(encoding="utf-8"))]


def test_every_locale_indexes_every_page_missing_ones_from_the_source(sample_site):
    output, _ = sample_site
    french = store(output, "fr")
    shelter = [entry for entry in french if entry[2].startswith("/fr/services/emergency-shelter-harborough/")]
    assert shelter and shelter[0][4] == "en", "shown in English, linked in the reader's locale"
    arabic = store(output, "ar")
    assert {entry[2].split("#")[0] for entry in arabic} >= {entry[2].replace("/fr/", "/ar/").split("#")[0]
                                                           for entry in french}


def test_passages_follow_headings_and_steps(sample_site, config):
    site = sample_site[1].site
    locale = config.locale("en")
    formats = LocaleFormats("en", config.time_zone)
    guide = passages_for(PageView(site.by_id["finding-work"], locale, site, formats))
    assert guide[0]["url"] == "/en/work/finding-work/" and guide[0]["section"] == ""
    assert [p["url"] for p in guide[1:]] == [f"/en/work/finding-work/#{anchor}" for anchor in
                                             ("can-you-work", "where-to-look", "applying", "help-for-women")]
    steps = passages_for(PageView(site.by_id["register-your-address"], locale, site, formats))
    assert "/en/residence/register-your-address/#hand-in" in [p["url"] for p in steps]
    hand_in = next(p for p in steps if p["url"].endswith("#hand-in"))
    assert "post" in hand_in["text"].lower(), "alternatives are part of their step's passage"
    assert "<" not in hand_in["text"]


def test_passage_text_is_plain_text_with_entities_decoded_and_spaces_collapsed():
    from search_index.passages import plain

    assert plain("<p>Sant&eacute;\n  <strong>für</strong>&nbsp;alle</p><ul><li>تأمين</li></ul>") == "Santé für alle تأمين", "no-break spaces become plain spaces too"
    assert plain(None) == ""


def test_a_locale_input_file_is_written_again_only_when_its_passages_change(tmp_path):
    import orjson

    from site_generator.plugins.search_indexes import write_input

    data = {"passages": [{"title": "Santé", "section": "", "text": "تأمين 医疗保险"}], "manifest": {"topics": []}}
    path = write_input(tmp_path, "fr", orjson.dumps(data), remember=True)
    assert json.loads(path.read_text(encoding="utf-8")) == data
    first = path.stat().st_mtime_ns, path.stat().st_ino
    assert write_input(tmp_path, "fr", orjson.dumps(json.loads(json.dumps(data))), remember=True) == path
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == first, "the same passages keep their file"
    data["passages"][0]["text"] += " plus"
    write_input(tmp_path, "fr", orjson.dumps(data), remember=True)
    assert json.loads(path.read_text(encoding="utf-8")) == data
    (tmp_path / "fr.digest").write_text("damaged", encoding="ascii")
    data["passages"][0]["text"] = "autre"
    write_input(tmp_path, "fr", orjson.dumps(data), remember=True)
    assert json.loads(path.read_text(encoding="utf-8")) == data


def test_passages_gathered_a_page_at_a_time_make_the_input_the_whole_list_would():
    """Kept pages' passages are added as the JSON bytes they were recorded as; the input must
    be the very bytes of the whole list written at once, with each page's runs counted once."""
    import orjson

    from site_generator.plugins.search_indexes import SearchInput, serialized

    term = [{"title": "Aufenthaltstitel", "section": "", "text": "„Titel“ \u200f", "page": "term-1"}]
    guide = [{"title": "تأمين", "section": "", "text": "医疗保险 ประกัน", "page": "guide-2"},
             {"title": "تأمين", "section": "Écoles", "text": 'quote " and \\ slash', "page": "guide-2"}]
    kept = [{"title": "Kept", "section": "", "text": "x", "page": "guide-3"}]
    manifest = {"topics": [["Santé", "/fr/health/"]], "bestBets": []}
    search = SearchInput()
    search.add("term-1", term)
    search.add("empty-4", [])
    assert search.add("guide-2", guide) == (serialized(guide), 2)
    search.add_json("guide-3", serialized(kept), 1)
    search.add_json("index", b"", 0)
    assert search.json(manifest) == orjson.dumps({"passages": term + guide + kept, "manifest": manifest})
    assert (search.count, search.pages) == (4, ["term-1", "guide-2", "guide-3"])
    assert SearchInput().json({}) == orjson.dumps({"passages": [], "manifest": {}})



def test_a_build_that_stops_while_the_search_builder_runs_stops_the_builder(config, tmp_path, monkeypatch):
    """The builder starts as soon as the locales' pages are written; a later step that fails
    must not leave it running, nor a half-written site."""
    import subprocess

    import pytest

    from site_generator.build import build_site
    from site_generator.plugins import portal_pages, search_indexes
    from tests.site_generator.small_site import write_small_site

    started = []

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    def broken(generator):
        raise RuntimeError("writing the root pages broke")
    monkeypatch.setattr(search_indexes.subprocess, "Popen", Recorded)
    monkeypatch.setattr(portal_pages.PortalPagesGenerator, "_write_root", broken)
    output = tmp_path / "output"
    with pytest.raises(RuntimeError, match="root pages broke"):
        build_site(config, content_dir=write_small_site(tmp_path / "content"), output_dir=output)
    assert len(started) == 1, "the builder started before the root pages"
    assert started[0].poll() is not None, "and is not running any more"
    assert not output.exists()
