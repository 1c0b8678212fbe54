"""What a device may keep for reading offline: output/<locale>/offline.json and /sw.js."""
import gzip
import hashlib
import json
import re
import subprocess

import deflate
import pytest
from bs4 import BeautifulSoup

from portal.config import PROJECT_ROOT
from site_generator.build import build_site
from site_generator.plugins.offline_lists import MissingFile, SiteFiles

from .small_site import write_small_site

CONTENT_KINDS = {"guide", "steps", "service", "event", "organization"}
SEARCH_BUILDER_FILE = re.compile(r"/[^/]+/search/(shard-[^/]+|store-[^/]+|manifest\.json)")


@pytest.fixture(scope="module")
def output(sample_site):
    return sample_site[0]


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def served_file(output, url):
    return output / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))


def node_gzip_sizes(paths):
    """{path: its size gzip-compressed by Node's zlib at the search builder's level}, as the
    builder weighs its files."""
    script = ("import fs from 'node:fs'; import zlib from 'node:zlib';"
              "const { SEARCH_GZIP_LEVEL } = await import('./search_index/build.mjs');"
              "const paths = JSON.parse(fs.readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(Object.fromEntries(paths.map((path) =>"
              " [path, zlib.gzipSync(fs.readFileSync(path), { level: SEARCH_GZIP_LEVEL }).length]))));")
    done = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(paths), capture_output=True,
                          text=True, check=True, cwd=PROJECT_ROOT)
    return json.loads(done.stdout)


def test_every_listed_file_exists_with_its_compressed_size_and_digest(output, config):
    for locale in config.locales:
        lists = read_json(output / locale.code / "offline.json")
        assert lists["compression"] == "gzip"
        entries = [lists["core"], *lists["topics"].values()]
        # The search builder weighs its own files, with Node's zlib; the build weighs the rest.
        by_node = node_gzip_sizes([str(served_file(output, url)) for entry in entries for url, _, _ in entry["files"]
                                   if SEARCH_BUILDER_FILE.fullmatch(url)])
        assert by_node, "the search files are listed"
        for entry in entries:
            for url, size, digest in entry["files"]:
                path = served_file(output, url)
                data = path.read_bytes()
                if SEARCH_BUILDER_FILE.fullmatch(url):
                    assert size == by_node[str(path)], url
                else:
                    # gzip level 6 as libdeflate compresses, within a little of zlib's level 6
                    assert size == len(deflate.gzip_compress(data, 6)), url
                    assert abs(size - len(gzip.compress(data, compresslevel=6, mtime=0))) <= 20 + size // 50, url
                assert digest == hashlib.sha256(data).hexdigest()[:10], url
            assert entry["bytes"] == sum(size for _, size, _ in entry["files"])
            assert len({url for url, _, _ in entry["files"]}) == len(entry["files"]), "each file once"


def test_the_core_holds_home_topics_search_and_all_it_loads(output, config):
    for code in ("en", "ar", "th"):
        urls = [url for url, _, _ in read_json(output / code / "offline.json")["core"]["files"]]
        manifest = read_json(output / code / "search" / "manifest.json")
        expected = [f"/{code}/", *(f"/{code}/{topic.id}/" for topic in config.topics), f"/{code}/search/",
                    f"/{code}/offline.html", f"/{code}/ui-texts.json", f"/{code}/search/manifest.json",
                    *(f"/{code}/search/{name}" for name in manifest["shards"] + manifest["store"])]
        assert urls[:len(expected)] == expected
        home = BeautifulSoup(served_file(output, f"/{code}/").read_text(encoding="utf-8"), "html.parser")
        for tag in home.select("link[rel=stylesheet], script[src]"):
            assert (tag.get("href") or tag.get("src")) in urls
        scripts = {url.rsplit("/", 1)[1] for url in urls if url.startswith("/assets/js.")}
        # The search box's whole chain, down to lunr, and what shows the offline notice.
        assert {"portal.mjs", "search.mjs", "engine.mjs", "analysis.mjs", "shards.mjs", "lunr.mjs",
                "offline-notice.mjs", "offline-save.mjs"} <= scripts


def test_each_topic_lists_its_pages_as_the_locales_reader_gets_them(output, config):
    for code in ("en", "ar", "zh-hans", "th"):
        lists = read_json(output / code / "offline.json")
        pages = read_json(output / code / "pages.json")["pages"]
        assert set(lists["topics"]) == set(config.topic_ids)
        for topic, entry in lists["topics"].items():
            listed = {url for url, _, _ in entry["files"] if not url.startswith("/assets/")}
            expected = {re.sub(r"^https?://[^/]+", "", page["url"]) for page in pages
                        if page["topic"] == topic and page["kind"] in CONTENT_KINDS}
            assert listed == expected, (code, topic)
    # Never translated into Thai: the Thai list holds the page a Thai reader gets, in English.
    thai_housing = {url for url, _, _ in read_json(output / "th" / "offline.json")["topics"]["housing"]["files"]}
    assert "/th/housing/nowhere-to-sleep/" in thai_housing


def test_the_service_worker_is_at_the_root_with_this_builds_facts(output, config):
    worker = (output / "sw.js").read_text(encoding="utf-8")
    facts = json.loads(re.search(r"^const BUILD = (\{.*\});$", worker, re.MULTILINE).group(1))
    lists = read_json(output / "en" / "offline.json")
    assert facts["version"] == lists["version"]
    assert all(read_json(output / locale.code / "offline.json")["version"] == facts["version"]
               for locale in config.locales)
    assert facts["locales"] == list(config.locale_codes) and facts["source"] == config.source.code
    assert set(facts["assets"]) == {url for url, _, _ in lists["core"]["files"] if url.startswith("/assets/")}
    assert all(served_file(output, url).is_file() for url in facts["assets"])


def test_each_locale_has_an_offline_page_in_its_language(output, config):
    for locale in config.locales:
        page = BeautifulSoup((output / locale.code / "offline.html").read_text(encoding="utf-8"), "html.parser")
        assert page.html["lang"] == locale.html_lang and page.html["dir"] == locale.direction
        assert page.select_one("meta[name=robots]")["content"] == "noindex"
        links = {link["href"] for link in page.select("main a[href]")}
        code = locale.code
        assert {f"/{code}/", f"/{code}/search/", *(f"/{code}/{topic.id}/" for topic in config.topics)} <= links


def test_a_changed_page_changes_its_digest_and_the_worker(config, tmp_path):
    content = tmp_path / "content"
    write_small_site(content)
    build_site(config, content_dir=content, output_dir=tmp_path / "before")
    guide = content / "en" / "work" / "find-a-job.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Look online and ask friends.",
                                                               "Look online, ask friends and visit the job centre."),
                     encoding="utf-8")
    build_site(config, content_dir=content, output_dir=tmp_path / "after")

    def files(folder, topic):
        entry = read_json(tmp_path / folder / "en" / "offline.json")["topics"][topic]
        return {url: digest for url, _, digest in entry["files"]}

    before, after = files("before", "work"), files("after", "work")
    assert before["/en/work/find-a-job/"] != after["/en/work/find-a-job/"]
    assert files("before", "residence") == files("after", "residence")
    assert (tmp_path / "before" / "sw.js").read_text() != (tmp_path / "after" / "sw.js").read_text()


def test_a_script_a_page_needs_but_the_build_did_not_write_is_named(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text('<div data-module="nowhere"></div>', encoding="utf-8")
    with pytest.raises(MissingFile) as caught:
        SiteFiles(str(tmp_path), "/assets/js.0123456789/").files(["/en/"])
    assert caught.value.where == "output/en/index.html"
    assert "/assets/js.0123456789/nowhere.mjs" in str(caught.value)
