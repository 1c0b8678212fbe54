"""The synthetic corpus the benchmarks build: its locales, its pages, and the one-page edit."""
import re

import pytest

from bench.build_speed import edit_page, edited_page
from bench.corpus import corpus_config, generate
from portal.config import load_config
from site_generator.contract import check_document
from site_generator.frontmatter import split_front_matter
from site_generator.revisions import source_revision


def read(path):
    front_matter, body, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    return front_matter, body


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    path, _ = corpus_config(root, 3)
    config = load_config(path)
    generate(root, config, 40)
    return root / "content", config


def test_eighteen_locales_are_the_portals_fifteen_and_three_deepl_languages(tmp_path, config):
    path, extra = corpus_config(tmp_path, 18)
    corpus = load_config(path)
    assert extra == ["ru", "pl", "ro"]
    assert corpus.locale_codes == (*config.locale_codes, "ru", "pl", "ro")
    assert [locale.role for locale in corpus.locales[-3:]] == ["machine"] * 3
    assert corpus.topic_ids == config.topic_ids


def test_fewer_locales_keep_the_source_and_the_first_translated_ones(tmp_path):
    corpus = load_config(corpus_config(tmp_path, 3)[0])
    assert corpus.locale_codes == ("en", "ar", "zh-hans")


def test_more_locales_than_the_corpus_knows_are_refused(tmp_path):
    with pytest.raises(SystemExit, match="--locales 40"):
        corpus_config(tmp_path, 40)


def test_every_file_keeps_the_content_contract(small_corpus):
    content, config = small_corpus
    problems = []
    for path in sorted(content.glob("*/*/*.md")):
        locale, section, name = path.relative_to(content).parts
        front_matter, body = read(path)
        problems += check_document(front_matter, body, str(path), locale, section, name[:-3], config)
    assert problems == []


def test_lengths_follow_the_kind_of_page(small_corpus):
    content, _ = small_corpus
    for path in content.glob("en/*/steps-*.md"):
        assert 4 <= len(read(path)[0]["steps"]) <= 8
    for path in content.glob("en/glossary/term-*.md"):
        assert len(read(path)[1].split()) <= 40
    guide_sections = [read(path)[1].count("\n## ") + 1 for path in content.glob("en/*/guide-*.md")]
    assert min(guide_sections) >= 3


def test_an_edited_page_and_its_translations_stay_current(tmp_path):
    config = load_config(corpus_config(tmp_path, 3)[0])
    generate(tmp_path, config, 12)
    content = tmp_path / "content"
    relative = edited_page(content, "en")
    before = (content / "en" / relative).read_text(encoding="utf-8")
    edited = edit_page(content, config, relative)
    assert len(edited) == 3
    revision = source_revision(*read(content / "en" / relative))
    assert revision != source_revision(*split_front_matter(before, "before")[:2])
    for code in ("ar", "zh-hans"):
        front_matter, body = read(content / code / relative)
        assert front_matter["translation"]["source_revision"] == revision
        assert re.search(r"\{#bench-edit-1\}", body)
