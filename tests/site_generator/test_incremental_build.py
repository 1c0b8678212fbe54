"""A rebuild after an edit gives the very site a clean build gives, and rewrites only what the
edit changed: every other output keeps its bytes and its modification time."""
import gc
import os
import re
import time
from pathlib import Path

import pytest

from portal.config import load_config
from site_generator import parallel
from site_generator.build import build_site
from site_generator.problems import BuildFailed

from .small_site import revision_of, write_small_site


@pytest.fixture(scope="module")
def config():
    return load_config()


def snapshot(output):
    return {path.relative_to(output).as_posix(): (path.read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_ino)
            for path in sorted(Path(output).rglob("*")) if path.is_file()}


def edit_guide_everywhere(content):
    """The editor changes the guide's text; its translators follow (their source revision too)."""
    source = content / "en/work/find-a-job.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Look online and ask friends.", "Look online, ask friends and visit the job centre.").replace(
        "updated: 2026-10-01", "updated: 2026-11-20"), encoding="utf-8")
    current = revision_of(content, "en/work/find-a-job.md")
    for relative, old, new in [("ar/work/find-a-job.md", "ابحث على الإنترنت.", "ابحث على الإنترنت واسأل أصدقاءك."),
                               ("fr/work/find-a-job.md", "Cherchez en ligne.", "Cherchez en ligne et demandez.")]:
        path = content / relative
        text = re.sub(r"source_revision: \S+", f"source_revision: {current}", path.read_text(encoding="utf-8"))
        text = re.sub(r"updated: \S+", "updated: 2026-11-21", text)
        path.write_text(text.replace(old, new), encoding="utf-8")


def retitle_guide(content):
    guide = content / "en/work/find-a-job.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: Find a job", "title: Finding a job"),
                     encoding="utf-8")


def rebuild_as_clean_build_would(config, content, output, clean):
    """Rebuild into `output` and return its snapshot, having checked that a clean build of the same
    content into `clean` writes the very same files."""
    build_site(config, content_dir=content, output_dir=output)
    after = snapshot(output)
    build_site(config, content_dir=content, output_dir=clean)
    assert {name: data for name, (data, _, _) in after.items()} == \
           {name: data for name, (data, _, _) in snapshot(clean).items()}
    return after


@pytest.mark.parametrize("read_in_parallel", [False, True], ids=["one core reads", "every core reads"])
def test_rebuild_after_an_edit_equals_a_clean_build_and_keeps_the_rest(config, tmp_path, monkeypatch,
                                                                        read_in_parallel):
    if read_in_parallel:
        monkeypatch.setitem(parallel.MIN_TASKS, "read", 2)
    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    first = snapshot(output)

    build_site(config, content_dir=content, output_dir=output)
    again = snapshot(output)
    assert {name: kept[:2] for name, kept in again.items()} == {name: kept[:2] for name, kept in first.items()}, \
        "a rebuild without changes changes no output's bytes or modification time"

    edit_guide_everywhere(content)
    after = rebuild_as_clean_build_would(config, content, output, tmp_path / "clean")

    changed = {name for name in after if after[name][:2] != first.get(name, (None, None, None))[:2]}
    for code in ("en", "ar", "fr"):
        assert f"{code}/work/find-a-job/index.html" in changed
    # A page the edit does not touch was not even rendered: the last build's file itself.
    untouched = "en/residence/get-a-permit/index.html"
    assert untouched not in changed and after[untouched][2] == first[untouched][2]
    assert "en/index.html" not in changed
    # Besides the guide (in every locale: those without a translation show the new English
    # text), only what holds its text, its size or its date changed: search files, offline lists,
    # the service worker (whose version names the site it caches), feeds, the open data list of
    # pages and the locales' sitemaps (its date).
    expected = re.compile(r"[a-z-]+/(work/find-a-job/index\.html|search/[^/]+|offline\.json|feed\.atom|pages\.json"
                          r"|sitemap\.xml)|sw\.js")
    assert [name for name in sorted(changed) if not expected.fullmatch(name)] == []


def test_the_replaced_output_is_deleted_after_the_build_returns(config, tmp_path):
    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    # What an interrupted build would have left behind goes too.
    (tmp_path / ".output-old-interrupted" / "site").mkdir(parents=True)
    build_site(config, content_dir=content, output_dir=output)
    assert (output / "en" / "index.html").is_file()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and list(tmp_path.glob(".output-old-*")):
        time.sleep(0.1)
    assert list(tmp_path.glob(".output-old-*")) == []


def test_index_pages_follow_what_they_show(config, tmp_path):
    """Topic, search and glossary pages are kept only while what they show is unchanged: a new
    title shows on the listings, a term's new text on the glossary."""
    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    first = snapshot(output)
    retitle_guide(content)
    term = content / "en/glossary/work-permit.md"
    term.write_text(term.read_text(encoding="utf-8") + "\nAsk the office which one you need.\n", encoding="utf-8")
    after = rebuild_as_clean_build_would(config, content, output, tmp_path / "clean")
    for name, shown in [("en/work/index.html", "Finding a job"), ("de/search/index.html", "Finding a job"),
                        ("ar/glossary/index.html", "Ask the office which one you need.")]:
        assert after[name][0] != first[name][0] and shown in after[name][0].decode("utf-8"), name
    assert after["en/about/index.html"][:2] == first["en/about/index.html"][:2], \
        "a page that shows neither keeps its bytes and modification time"


def files_the_checks_read(monkeypatch):
    """The list every output file the checks read (to weigh it, or for its links or anchors)
    is added to from now on."""
    from site_generator.plugins import link_check, offline_lists, page_budget

    read = []

    def counting(function):
        def counted(path, *rest):
            read.append(str(path))
            return function(path, *rest)
        return counted
    for module in (offline_lists, page_budget):
        monkeypatch.setattr(module, "served_file", counting(module.served_file))
    monkeypatch.setattr(link_check, "_read_anchors", counting(link_check._read_anchors))
    monkeypatch.setattr(link_check, "_links_of", lambda name, links_of=link_check._links_of: counting(links_of(name)))
    return read


def test_a_rebuild_without_changes_weighs_and_reads_nothing_of_a_locale_again(config, tmp_path, monkeypatch):
    """The checks' facts about each output (its weight, links, anchors) outlive the build that
    learnt them, also for pages given back their old modification time and for data files
    written again with the same bytes."""
    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    # A new title changes what every page may show: all are rendered again, most to the bytes
    # they had, and those get their old modification time back.
    retitle_guide(content)
    build_site(config, content_dir=content, output_dir=output)
    computed = files_the_checks_read(monkeypatch)
    build_site(config, content_dir=content, output_dir=output)
    # Only the root pages and the assets are written afresh by every build; nothing of a locale.
    in_locales = [path for path in computed if any(f"/{code}/" in path for code in config.locale_codes)]
    assert computed and in_locales == []


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_checks_read_no_page_back_in_a_first_build(config, tmp_path, monkeypatch, workers):
    """The processes that render the pages learn their weight, links and anchors as they write
    them (on one core or several), and the links of each locale's feed and sitemap; the checks
    still find a broken link on a page."""
    monkeypatch.setenv("PORTAL_BUILD_WORKERS", workers)
    content = write_small_site(tmp_path / "content")
    guide = content / "fr/work/find-a-job.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[Plus](#nulle-part)\n", encoding="utf-8")
    read_back = files_the_checks_read(monkeypatch)
    with pytest.raises(BuildFailed) as failure:
        build_site(config, content_dir=content, output_dir=tmp_path / "output")
    assert [path for path in read_back if path.endswith(".html")] == []
    assert [path for path in read_back for code in config.locale_codes
            if path.endswith((f"/{code}/sitemap.xml", f"/{code}/feed.atom"))] == []
    assert any("broken anchor #nulle-part" in problem.message and "fr/work/find-a-job.md" in problem.path
               for problem in failure.value.problems)


def test_the_caches_do_not_depend_on_how_portal_yaml_was_named(monkeypatch):
    from portal.config import DEFAULT_PATH
    from site_generator.content_cache import code_version

    monkeypatch.chdir(DEFAULT_PATH.parent)
    assert code_version(load_config(DEFAULT_PATH.name)) == code_version(load_config(DEFAULT_PATH.resolve()))


def test_a_build_gives_the_garbage_collector_back_its_settings(config, tmp_path):
    """A build defers full collections while it runs; after it, built or failed, the process that
    called it collects as before."""
    before = gc.get_threshold()
    content = write_small_site(tmp_path / "content")
    build_site(config, content_dir=content, output_dir=tmp_path / "output")
    assert gc.get_threshold() == before
    page = content / "en" / "work" / "find-a-job.md"
    page.write_text(page.read_text(encoding="utf-8").replace("kind: guide", "kind: novel"), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(config, content_dir=content, output_dir=tmp_path / "output")
    assert gc.get_threshold() == before


def test_calendars_write_again_only_the_events_that_changed(config, tmp_path, monkeypatch):
    from site_generator.calendars import Calendars

    written = []
    vevent = Calendars.vevent
    monkeypatch.setattr(Calendars, "vevent", lambda self, page, locale: written.append(page.id) or vevent(self, page, locale))
    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    assert written == ["language-cafe"] * len(config.locales)

    written.clear()
    edit_guide_everywhere(content)
    build_site(config, content_dir=content, output_dir=output)
    assert written == []
    event = content / "en/events/language-cafe.md"
    event.write_text(event.read_text(encoding="utf-8").replace("name: Library", "name: City Library"), encoding="utf-8")
    build_site(config, content_dir=content, output_dir=output)
    assert written == ["language-cafe"] * len(config.locales)
    assert "LOCATION:City Library" in (output / "fr/events/language-cafe/event.ics").read_text(encoding="utf-8")
    rebuild_as_clean_build_would(config, content, output, tmp_path / "clean")


def test_caches_are_saved_after_the_build_returns_and_the_next_build_waits_for_them(tmp_path):
    from site_generator.build import _save_in_background, _wait_for_the_last_save

    saved = tmp_path / "cache" / "saved"

    def slow_save():
        time.sleep(1)
        saved.write_text("whole")
    _save_in_background([slow_save], tmp_path / "cache")
    assert not saved.exists(), "the build does not wait for its caches"
    _wait_for_the_last_save(tmp_path / "cache")
    assert saved.read_text() == "whole", "the next build finds them written"


def test_a_cache_writer_that_fails_is_reported_by_the_next_build(config, tmp_path):
    from site_generator.build import _save_in_background

    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    cache = tmp_path / ".output-cache"

    def disk_full():
        raise OSError(28, "No space left on device")
    _save_in_background([disk_full], cache)
    state = build_site(config, content_dir=content, output_dir=output)
    assert any("could not save its caches" in note and "No space left on device" in note for note in state.notes)
    assert (output / "en" / "index.html").is_file()
    assert not any("could not save" in note for note in build_site(config, content_dir=content, output_dir=output).notes)
