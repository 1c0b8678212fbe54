"""Functional test in Pelican's manner: a full build of the small site, compared file by file
with the expected output kept in tests/site_generator/expected/.

After an intended change to the theme or the catalogs, rebuild the expected files with
`UPDATE_EXPECTED=1 pytest tests/site_generator/test_expected_output.py` and review the diff.
"""
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_generator.build import build_site

from .small_site import write_small_site

EXPECTED = Path(__file__).parent / "expected"
FILES = [
    "en/work/find-a-job/index.html",          # source: no badge
    "ar/work/find-a-job/index.html",          # reviewed, right to left
    "fr/work/find-a-job/index.html",          # machine translation
    "uk/work/find-a-job/index.html",          # outdated
    "th/work/find-a-job/index.html",          # missing: falls back to the source
    "en/residence/get-a-permit/index.html",   # steps: optional and either/or
    "zh-hans/services/job-centre/index.html",  # service hours in Chinese
    "en/events/language-cafe/index.html",     # weekly event
    "ar/glossary/index.html",
]
FINGERPRINT = re.compile(r"/assets/(\w+)\.[0-9a-f]{10}\.css")
SCRIPTS_FOLDER = re.compile(r"/assets/js\.[0-9a-f]{10}/")


@pytest.fixture(scope="module")
def built(tmp_path_factory, config):
    root = tmp_path_factory.mktemp("expected")
    content = write_small_site(root / "content")
    build_site(config, content_dir=content, output_dir=root / "output")
    return root / "output"


def normalized(path):
    text = FINGERPRINT.sub(r"/assets/\1.FINGERPRINT.css", path.read_text(encoding="utf-8"))
    return SCRIPTS_FOLDER.sub("/assets/js.FINGERPRINT/", text)


@pytest.mark.parametrize("name", FILES)
def test_build_matches_expected_output(built, name):
    actual = normalized(built / name)
    expected_path = EXPECTED / name
    if os.environ.get("UPDATE_EXPECTED") == "1":
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no expected output for {name}: run with UPDATE_EXPECTED=1"
    assert actual == expected_path.read_text(encoding="utf-8")


def test_machine_translation_badge_links_to_the_original(built):
    html = BeautifulSoup((built / "fr/work/find-a-job/index.html").read_text(), "html.parser")
    badge = html.select_one(".badge-machine")
    assert "DeepL" in badge.get_text()
    assert badge.select_one("a")["href"] == "/en/work/find-a-job/"
    assert badge.select_one("a")["hreflang"] == "en"


def test_outdated_badge_is_derived_from_the_revision(built):
    html = BeautifulSoup((built / "uk/work/find-a-job/index.html").read_text(), "html.parser")
    assert html.select_one(".badge-outdated") is not None
    assert html.select_one(".badge-reviewed") is None


def test_id_links_point_to_the_readers_locale(built):
    html = BeautifulSoup((built / "ar/work/find-a-job/index.html").read_text(), "html.parser")
    hrefs = [a["href"] for a in html.select("article a")]
    assert "/ar/services/job-centre/" in hrefs
    assert "/ar/residence/get-a-permit/#apply" in hrefs
    assert "/ar/glossary/#work-permit" in hrefs
