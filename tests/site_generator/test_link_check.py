"""The build fails on a link or anchor that leads nowhere, wherever the site writes one."""
import pytest

from portal.config import load_config
from site_generator.build import build_site
from site_generator.plugins.link_check import find_broken_links
from site_generator.problems import BuildFailed

from .small_site import revision_of, write_small_site

BASE = "https://portal.example"


@pytest.fixture(scope="module")
def config():
    return load_config()


def test_a_broken_link_and_a_broken_anchor_fail_the_build_naming_the_file(config, tmp_path):
    content = write_small_site(tmp_path / "content")
    guide = content / "en" / "work" / "find-a-job.md"
    # Plain Markdown links, not id: links, so only the check of the written pages can see them.
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the old page](/en/work/old-page/) and "
                     "[the office](/en/organizations/welcome-office/#opening-times).\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=tmp_path / "output")
    found = [str(problem) for problem in caught.value.problems]
    assert any("en/work/find-a-job.md: broken link to /en/work/old-page/ (on /en/work/find-a-job/index.html)" in p
               for p in found), found
    assert any("en/work/find-a-job.md: broken anchor #opening-times in a link to "
               "/en/organizations/welcome-office/#opening-times" in p for p in found), found
    assert not (tmp_path / "output").exists(), "a failed build writes nothing"


def written(root, files):
    outputs = {}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outputs[name] = ("page", None)
    return outputs


def broken(tmp_path, files):
    problems = find_broken_links(tmp_path, written(tmp_path, files), BASE)
    return sorted(str(problem) for problem in problems)


def test_every_way_a_page_links_is_checked(tmp_path):
    page = ('<main id="main"><img src="/a.png" srcset="/a.png 1x, /a@2x.png 2x">'
            '<form action="/en/search/"></form><div data-texts="/en/ui-texts.json" data-endpoint="/api/chat"'
            ' data-built="2026-11-22" data-label="Open/close"></div>'
            f'<link rel="canonical" href="{BASE}/en/gone/"><a href="#main">top</a><a href="#nav">menu</a>'
            '<a href="https://elsewhere.example/x">x</a><a href="tel:112">112</a></main>')
    found = broken(tmp_path, {"en/index.html": page, "a.png": ""})
    assert found == [
        "output/en/index.html: broken anchor #nav in a link to #nav (on /en/index.html)",
        "output/en/index.html: broken link to /a@2x.png (on /en/index.html)",
        "output/en/index.html: broken link to /en/gone/ (on /en/index.html)",
        "output/en/index.html: broken link to /en/search/ (on /en/index.html)",
        "output/en/index.html: broken link to /en/ui-texts.json (on /en/index.html)",
    ]


def test_data_files_sitemap_feed_calendar_and_robots_are_checked(tmp_path):
    files = {
        "en/work/index.html": '<h2 id="pay">Pay</h2>',
        "en/pages.json": f'{{"pages": [{{"url": "{BASE}/en/work/"}}, {{"url": "{BASE}/en/housing/"}}], '
                         '"note": "/ not a path"}',
        "en/search/store-0.json": '[["Work", "/en/work/#pay"], ["Pay", "/en/work/#wage"]]',
        "sitemap.xml": f'<urlset><url><loc>{BASE}/en/work/</loc><xhtml:link href="{BASE}/de/work/"/></url></urlset>',
        "en/feed.atom": f'<feed><entry><link href="{BASE}/en/work/#pay"/></entry></feed>',
        # A long URL folded onto the next line, as iCalendar writes it.
        "en/events.ics": f"BEGIN:VEVENT\r\nURL:{BASE}/en/events/language-\r\n cafe/\r\nEND:VEVENT\r\n",
        "robots.txt": f"Sitemap: {BASE}/sitemap.xml\n",
    }
    assert broken(tmp_path, files) == [
        "output/en/events.ics: broken link to /en/events/language-cafe/ (on /en/events.ics)",
        "output/en/pages.json: broken link to /en/housing/ (on /en/pages.json)",
        "output/en/search/store-0.json: broken anchor #wage in a link to /en/work/#wage (on /en/search/store-0.json)",
        "output/sitemap.xml: broken link to /de/work/ (on /sitemap.xml)",
    ]


def test_a_json_file_that_does_not_parse_is_named(tmp_path):
    found = broken(tmp_path, {"en/pages.json": '{"pages": ['})
    assert len(found) == 1 and found[0].startswith("output/en/pages.json: not valid JSON (")


def test_links_to_files_written_after_the_first_pass_are_judged_again_by_the_last(tmp_path):
    """The pages are checked while the search builder runs: a page's link to its locale's search
    manifest, not written yet, is good once it is; what is still missing then, or was wrong in
    itself, is reported by the last pass, each problem once."""
    from site_generator.plugins.link_check import LinkCheck

    check = LinkCheck(tmp_path, BASE)
    pages = written(tmp_path, {
        "en/index.html": '<div data-manifest="/en/search/manifest.json"></div><a href="/en/gone.json">x</a>'
                         '<a href="#top">top</a><a href="search/manifest.json">here</a>',
        "en/pages.json": '{"pages": [',
    })
    assert check.check(pages, final=False) == []
    late = written(tmp_path, {"en/search/manifest.json": '{"shards": []}'})
    found = sorted(str(problem) for problem in check.check({**pages, **late}, final=True))
    assert len(found) == 3, found
    assert found[:2] == ["output/en/index.html: broken anchor #top in a link to #top (on /en/index.html)",
                         "output/en/index.html: broken link to /en/gone.json (on /en/index.html)"]
    assert found[2].startswith("output/en/pages.json: not valid JSON (")


def inodes(output):
    return {path.relative_to(output).as_posix(): path.stat().st_ino for path in output.rglob("*") if path.is_file()}


LINK_TO_WHERE = "/fr/work/find-a-job/?from=permit#where"


def test_a_rebuild_judges_again_only_links_to_files_it_wrote_again(config, tmp_path, monkeypatch):
    """Links that led to a file the rebuild kept as it was are not worked out again; a link on a
    kept page to an anchor that an edited page lost is still found broken."""
    from site_generator.plugins import link_check

    content = write_small_site(tmp_path / "content")
    permit = content / "en" / "residence" / "get-a-permit.md"
    # A plain path, not an id: link, so the permit page's render does not depend on the guide.
    # Unique to this page (the search store links to the guide's sections too), and to the French
    # guide, which can change without changing what every page shows (an English edit changes
    # the state of its translations, shown everywhere, so every page is rendered again).
    permit.write_text(permit.read_text(encoding="utf-8") + f"\nSee [where to look]({LINK_TO_WHERE}).\n",
                      encoding="utf-8")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    before = inodes(output)
    led_to, loads = [], link_facts_loads(monkeypatch)

    def target_file(*args, target_file=link_check._target_file):
        led_to.append(target_file(*args))
        return led_to[-1]
    monkeypatch.setattr(link_check, "_target_file", target_file)
    build_site(config, content_dir=content, output_dir=output)
    kept = {name for name, inode in inodes(output).items() if before.get(name) == inode}
    assert {"en/work/find-a-job/index.html", "en/residence/get-a-permit/index.html"} <= kept
    assert led_to and [name for name in led_to if name in kept] == []
    assert loads == [], "the kept pages' links were all judged by the last build"

    guide = content / "fr" / "work" / "find-a-job.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("{#where}", "{#ailleurs}"), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=output)
    found = {(problem.path, problem.message) for problem in caught.value.problems}
    # Locales without a translation of the permit page show the English one, link and all.
    assert (str(permit), f"broken anchor #where in a link to {LINK_TO_WHERE} "
                         "(on /en/residence/get-a-permit/index.html)") in found
    assert {message.split(" (on ")[0] for _, message in found} == \
        {f"broken anchor #where in a link to {LINK_TO_WHERE}"}
    assert loads, "a link that broke is looked for on the kept pages"


def link_facts_loads(monkeypatch):
    """The list each load of the last build's link facts (in the build's own process) is added to."""
    from site_generator import output_facts

    loads, read_pickle = [], output_facts.read_pickle

    def counted(path, *rest):
        if path and path.name == output_facts.LINKS_FILE_NAME:
            loads.append(path)
        return read_pickle(path, *rest)
    monkeypatch.setattr(output_facts, "read_pickle", counted)
    return loads


def test_after_a_cache_writer_failed_the_kept_pages_links_are_all_gone_through(config, tmp_path, monkeypatch):
    """The shortcut needs the link targets of the build whose output is in place. When its writer
    saved the rendered pages but not the link targets, the next build keeps a page whose new
    link the old targets never held, and must still find that link broken."""
    from site_generator.link_targets import LinkTargets

    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    permit = content / "en" / "residence" / "get-a-permit.md"
    permit.write_text(permit.read_text(encoding="utf-8") + f"\nSee [where to look]({LINK_TO_WHERE}).\n",
                      encoding="utf-8")

    def disk_full(self, *links):
        raise OSError(28, "No space left on device")
    with monkeypatch.context() as patched:
        patched.setattr(LinkTargets, "save", disk_full)
        build_site(config, content_dir=content, output_dir=output)
    guide = content / "fr" / "work" / "find-a-job.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("{#where}", "{#ailleurs}"), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=output)
    assert (str(permit), f"broken anchor #where in a link to {LINK_TO_WHERE} "
                         "(on /en/residence/get-a-permit/index.html)") in \
        {(problem.path, problem.message) for problem in caught.value.problems}


def test_kept_pages_keep_their_link_facts_through_a_rebuild_that_did_not_load_them(config, tmp_path, monkeypatch):
    """The cache writer carries the link facts of the pages a rebuild kept, so a later build that
    must go through every page (its caches were not all saved) still reads none of them."""
    from site_generator.build import SAVE_INCOMPLETE, wait_for_cache_writer
    from site_generator.plugins import link_check

    content = write_small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    loads = link_facts_loads(monkeypatch)
    build_site(config, content_dir=content, output_dir=output)
    assert loads == []
    wait_for_cache_writer(tmp_path / ".output-cache")
    (tmp_path / ".output-cache" / SAVE_INCOMPLETE).touch()
    read = []
    monkeypatch.setattr(link_check, "_links_of", lambda name, links_of=link_check._links_of:
                        lambda path, base_url: read.append(name) or links_of(name)(path, base_url))
    build_site(config, content_dir=content, output_dir=output)
    assert loads, "after an incomplete save every kept page is gone through"
    assert [name for name in read if name.endswith(".html") and "/" in name] == []


def test_a_broken_link_few_pages_hold_is_found_without_reading_the_kept_pages(config, tmp_path, monkeypatch):
    """The French job centre page alone links to a section of the permit page. When that
    section's anchor goes, the job centre's pages are kept as they were, and the link is found
    broken from what the last build kept about who holds it."""
    from site_generator.plugins import link_check

    content = write_small_site(tmp_path / "content")
    permit = content / "en" / "residence" / "get-a-permit.md"
    permit.write_text(permit.read_text(encoding="utf-8") + "\n## Before you go {#before}\n\nCall first.\n",
                      encoding="utf-8")
    link = "/fr/residence/get-a-permit/?from=service#before"
    french = content / "fr" / "services" / "job-centre.md"
    french.parent.mkdir()
    french.write_text(f"""---
id: job-centre
kind: service
topic: work
title: Centre pour l'emploi
summary: Conseils sur le travail.
audiences: [worker]
updated: 2026-10-12
review_by: 2027-04-01
translation:
  status: machine
  source_revision: {revision_of(content, "en/services/job-centre.md")}
---
Venez [avant]({link}).
""", encoding="utf-8")
    output = tmp_path / "output"
    build_site(config, content_dir=content, output_dir=output)
    permit.write_text(permit.read_text(encoding="utf-8").replace("{#before}", "{#first}"), encoding="utf-8")
    loads, on_kept_pages = link_facts_loads(monkeypatch), []
    monkeypatch.setattr(link_check, "_broken_on_kept_pages", lambda *args, found=link_check._broken_on_kept_pages:
                        on_kept_pages.extend(found(*args)) or on_kept_pages)
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=output)
    assert [(str(problem.path), problem.message) for problem in caught.value.problems] == \
        [(str(french), f"broken anchor #before in a link to {link} (on /fr/services/job-centre/index.html)")]
    assert [name for name, _, _ in on_kept_pages] == ["fr/services/job-centre/index.html"]
    assert loads == []



def test_a_sitemaps_links_as_its_writer_tells_them_are_those_in_its_text(config, tmp_path):
    """The render processes give the link check each locale's sitemap's URLs as they wrote
    them; the check must get the very links it would have found in the file."""
    from site_generator.output_facts import identity
    from site_generator.plugins.link_check import fact_kind, link_facts

    output = tmp_path / "output"
    state = build_site(config, content_dir=write_small_site(tmp_path / "content"), output_dir=output)
    kind = fact_kind("link-set", config.base_url)
    for locale in config.locales:
        path = output / locale.code / "sitemap.xml"
        found = link_facts(f"{locale.code}/sitemap.xml", path.read_text(encoding="utf-8"), config.base_url)
        assert len(found[0]) > 20
        assert state.written_facts[identity(kind, path)] == (f"{locale.code}/sitemap.xml", found)
