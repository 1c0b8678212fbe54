"""portal.yaml: the sample loads, and each kind of mistake is named with its key and line."""
import pytest

from portal.config import DEFAULT_PATH, ConfigError, load_config

SAMPLE = DEFAULT_PATH.read_text(encoding="utf-8")


def write_config(tmp_path, text):
    path = tmp_path / "portal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path, text):
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    return caught.value.problems


def test_sample_configuration_has_the_required_locales_and_topics():
    config = load_config()
    assert config.source.code == "en"
    professional = [locale.code for locale in config.professional]
    assert len(professional) == 6
    assert {"ar", "zh-hans", "th", "vi", "uk"} <= set(professional)
    assert len(config.machine) >= 8
    assert config.locale("ar").direction == "rtl"
    assert config.locale("zh-hans").html_lang == "zh-Hans"
    assert config.locale("pt-br").html_lang == "pt-BR"
    assert config.locale("ar").name == "العربية"
    assert [topic.title for topic in config.topics] == [
        "Residence and status", "Work", "Education", "Housing", "Health", "Social protection"]


def test_unknown_locale_code_is_named_with_its_key(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("professional: [ar,", "professional: [xx,"))
    assert len(problems) == 1
    assert "locales.professional[0]" in problems[0]
    assert "'xx'" in problems[0]
    assert problems[0].startswith(f"{tmp_path / 'portal.yaml'}:") or "portal.yaml:" in problems[0]


def test_duplicate_locale_code(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("- {code: ko}", "- {code: vi}"))
    assert any("duplicate locale code 'vi'" in p and "locales.machine[4]" in p for p in problems)


def test_source_locale_listed_again(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("professional: [ar,", "professional: [en, ar,"))
    assert any("source locale listed again" in p and "locales.professional[0]" in p for p in problems)


def test_unknown_topic_in_help_contacts(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("topics: [health]", "topics: [healthcare]"))
    assert any("help_contacts[1].topics[0]" in p and "unknown topic 'healthcare'" in p for p in problems)


def test_missing_required_key_names_the_dotted_key(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("  time_zone: Europe/Vienna\n", ""))
    assert any("site.time_zone: missing required key" in p for p in problems)


def test_every_problem_is_reported_at_once_with_lines(tmp_path):
    text = SAMPLE.replace("  time_zone: Europe/Vienna\n", "").replace("professional: [ar,", "professional: [xx,")
    text = text.replace("page_weight_kb: 14", "page_weight_kb: lots")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 3
    line = next(p for p in problems if "page_weight_kb" in p)
    expected_line = text.splitlines().index("  page_weight_kb: lots") + 1
    assert f"portal.yaml:{expected_line}:" in line


def test_malformed_yaml_reports_the_line(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("  base_url: https://", "  base_url: [https://"))
    assert len(problems) == 1
    assert "malformed YAML" in problems[0]
    assert "portal.yaml:" in problems[0]


def test_duplicate_keys_are_errors_not_silently_overwritten(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("  name: Northvale Newcomers\n",
                                                     "  name: Northvale Newcomers\n  name: Other\n"))
    assert any("duplicate key 'name'" in p for p in problems)


def test_formality_only_where_deepl_supports_it(tmp_path):
    problems = problems_for(tmp_path, SAMPLE.replace("- {code: ko}", "- {code: ko, formality: more}", 1))
    assert any("locales.machine[4].formality" in p and "prefer_more" in p for p in problems)
