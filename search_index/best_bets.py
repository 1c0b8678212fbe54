"""Editors' best bets: content/<locale>/best-bets.yaml maps what readers type to the page
they most likely want, shown above other results.

    - page: register-your-address
      queries: [anmeldung, register address, new address]

Queries are matched after the same analysis as the search itself (build.mjs normalises them),
so "Anmeldung" and "anmeldung" are one variant."""
from portal.yamlfile import LineDict, LineList, YamlError, load_yaml
from site_generator.problems import Problem

FILE_NAME = "best-bets.yaml"


def read_best_bets(path, label, known_ids):
    """Return ([{"page", "queries"}], [Problem]) for one locale's file; no file, no bets."""
    if not path.exists():
        return [], []
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [], [Problem(label, None, "not UTF-8 text")]
    except YamlError as error:
        return [], [Problem(label, error.line, error.message)]
    if data is None:
        return [], []
    if not isinstance(data, LineList):
        return [], [Problem(label, getattr(data, "line", 1), "expected a list of {page, queries} entries")]
    bets, problems = [], []
    for position, entry in enumerate(data):
        line = data.line_of(position)
        if not isinstance(entry, LineDict):
            problems.append(Problem(label, line, "each entry needs 'page' and 'queries'"))
            continue
        unknown = sorted(set(entry) - {"page", "queries"})
        if unknown:
            problems.append(Problem(label, entry.line_of(unknown[0]), f"unknown field '{unknown[0]}'"))
        page, queries = entry.get("page"), entry.get("queries")
        if not isinstance(page, str) or not page:
            problems.append(Problem(label, entry.line_of("page"), "'page' must be a page id"))
            continue
        if page not in known_ids:
            problems.append(Problem(label, entry.line_of("page"), f"no page has the id '{page}'"))
            continue
        if (not isinstance(queries, list) or not queries
                or not all(isinstance(query, str) and query.strip() for query in queries)):
            problems.append(Problem(label, entry.line_of("queries"),
                                    "'queries' must be a list of one or more non-empty texts"))
            continue
        bets.append({"page": page, "queries": [query.strip() for query in queries]})
    return bets, problems
