"""axe-core finds no WCAG 2.2 A/AA violation on one page of each type, in every configured locale.

The page types are the ones the build reports writing, so a new kind of page is checked from
the day it first appears; where one page shows more than others of its type, it is named here.
"""
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT, load_config

pytestmark = pytest.mark.browser
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCALES = load_config().locale_codes
# The page of a type to check, where it matters which: the others of their type show less.
CHOSEN = {
    "topic": "{l}/health/index.html",
    "guide": "{l}/work/finding-work/index.html",  # outdated in the professional locales: its badge
    "steps": "{l}/residence/register-your-address/index.html",  # optional and either/or steps
    "service": "{l}/services/job-centre-harborough/index.html",
    "event": "{l}/events/welcome-evening/index.html",
    "organization": "{l}/organizations/city-welcome-office/index.html",
}
# Pages checked besides one of each type: a page shown in the source language in other locales.
EXTRA = {"fallback guide": "{l}/housing/nowhere-to-sleep/index.html"}
ROOT = "(root)"  # the pages outside every locale: the language picker and the 404 page


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    return Path(AXE).read_text(encoding="utf-8")


def axe_violations(page):
    """Run axe (already on the page) over the whole document: 'rule (impact): help -> targets'."""
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} -> `
            + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""", WCAG_TAGS)


def violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    return axe_violations(page)


def pages_to_check(outputs, locale):
    """{label: output name}: one page of every type the build wrote in the locale, and the extras."""
    in_locale = {name: page_type for name, (page_type, _) in sorted(outputs.items())
                 if name.endswith(".html") and (name.split("/")[0] == locale if locale != ROOT else "/" not in name)}
    chosen = {}
    for name, page_type in in_locale.items():
        chosen.setdefault(page_type, name)
    for page_type, pattern in CHOSEN.items():
        name = pattern.format(l=locale)
        if locale != ROOT:
            assert in_locale.get(name) == page_type, f"{name} is no longer a {page_type} page: choose another"
            chosen[page_type] = name
    if locale != ROOT:
        chosen.update({label: pattern.format(l=locale) for label, pattern in EXTRA.items()})
    return chosen


@pytest.mark.parametrize("locale", [*LOCALES, ROOT])
def test_no_axe_violations_on_any_page_type(browser, sample_site, site_url, axe_source, locale):
    to_check = pages_to_check(sample_site[1].outputs, locale)
    if locale != ROOT:
        assert {"home", "guide", "steps", "service", "event", "organization", "topic", "services-index",
                "events-index", "organizations-index", "glossary", "search", "about", "404"} <= set(to_check)
    # axe arrives with every document, before the page's own scripts: the site's pages send no
    # content security policy from this server, and the script is parsed once per context.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(axe_source)
    page = context.new_page()
    found = {}
    try:
        for label, name in to_check.items():
            path = name.removesuffix("index.html")
            page.goto(f"{site_url}/{path}")
            if problems := axe_violations(page):
                found[f"{label} /{path}"] = problems
    finally:
        context.close()
    assert not found, "axe violations:\n" + "\n".join(f"{where}: {problem}" for where, problems in found.items()
                                                      for problem in problems)


@pytest.mark.parametrize("locale, query", [("ar", "التأمين الصحي"), ("zh-hans", "医疗保险"), ("en", "xqzvw")])
def test_no_axe_violations_with_search_results_open(page, site_url, axe_source, locale, query):
    page.goto(f"{site_url}/{locale}/")
    page.locator("#search-q").focus()
    page.keyboard.type(query)
    page.locator(".search-results a").first.wait_for()
    assert violations(page, axe_source) == []
