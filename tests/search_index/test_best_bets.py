"""Editors' best bets: mistakes in content/<locale>/best-bets.yaml name the file and line."""
import textwrap

from search_index.best_bets import read_best_bets

KNOWN = {"register-your-address", "health-insurance"}


def read(tmp_path, text):
    path = tmp_path / "best-bets.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_best_bets(path, "content/de/best-bets.yaml", KNOWN)


def test_a_valid_file_gives_its_bets(tmp_path):
    bets, problems = read(tmp_path, """\
        - page: register-your-address
          queries: [Meldezettel, " anmeldung "]
        """)
    assert problems == []
    assert bets == [{"page": "register-your-address", "queries": ["Meldezettel", "anmeldung"]}]


def test_no_file_means_no_bets(tmp_path):
    assert read_best_bets(tmp_path / "missing.yaml", "x", KNOWN) == ([], [])


def test_each_mistake_is_reported_at_its_line(tmp_path):
    bets, problems = read(tmp_path, """\
        - page: health-insurance
          queries: [e-card]
        - page: no-such-page
          queries: [x]
        - page: register-your-address
          queries: []
        - page: health-insurance
          queries: [ok]
          weight: 3
        - just a string
        """)
    assert [bet["page"] for bet in bets] == ["health-insurance", "health-insurance"]
    assert [(p.path, p.line) for p in problems] == [("content/de/best-bets.yaml", line) for line in (3, 6, 9, 10)]
    messages = [p.message for p in problems]
    assert "no page has the id 'no-such-page'" in messages[0]
    assert "'queries' must be a list" in messages[1]
    assert "unknown field 'weight'" in messages[2]


def test_malformed_yaml_names_the_line(tmp_path):
    _, problems = read(tmp_path, "- page: [unclosed\n")
    assert problems and problems[0].path == "content/de/best-bets.yaml" and problems[0].line
