"""The corpus builds with locales that have no UI catalog, and Hugo reads the same corpus."""
import shutil

import pytest

from bench.build_speed import run_build
from bench.corpus import corpus_config, generate
from bench.hugo_reference import hugo_front_matter, run_hugo, write_site
from portal.config import load_config


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    path, extra = corpus_config(root, 16)
    assert extra == ["ru"]
    config = load_config(path)
    generate(root, config, 8)
    return root, path, config


def test_a_locale_without_a_ui_catalog_builds_with_the_english_ui(corpus):
    root, path, _ = corpus
    run_build(path, root / "content", root / "output")
    home = (root / "output" / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru"' in home
    assert "Search" in home


def test_hugo_reads_our_front_matter():
    text = "---\nid: guide-1\nkind: guide\ntopic: work\ntitle: \"A\"\nupdated: 2026-10-02\n---\nBody\n"
    assert hugo_front_matter(text) == ("---\nportal_id: guide-1\nportal_kind: guide\ntopic: work\ntitle: \"A\"\n"
                                       "updated: 2026-10-02\ndate: 2026-10-02\n---\nBody\n")


@pytest.mark.skipif(not shutil.which("hugo"), reason="Debian's hugo is not installed")
def test_hugo_builds_the_same_corpus_in_every_locale(corpus):
    root, _, config = corpus
    files = write_site(root / "content", root / "hugo-site", config)
    run_hugo(shutil.which("hugo"), root / "hugo-site", root / "hugo-output")
    assert files == 8 * 16
    page = next((root / "hugo-output" / "ar").glob("*/guide-*/index.html")).read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert 'hreflang="ru"' in page
