"""axe-core finds no WCAG 2.2 A/AA violation on one page of each type."""
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT

pytestmark = pytest.mark.browser
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "{l}/",
    "topic": "{l}/health/",
    "guide": "{l}/work/finding-work/",
    "steps": "{l}/residence/register-your-address/",
    "service": "{l}/services/job-centre-harborough/",
    "event": "{l}/events/welcome-evening/",
    "organization": "{l}/organizations/city-welcome-office/",
    "services index": "{l}/services/",
    "events index": "{l}/events/",
    "organizations index": "{l}/organizations/",
    "glossary": "{l}/glossary/",
    "search": "{l}/search/",
    "about": "{l}/about/",
    "404": "{l}/404.html",
    "fallback guide": "{l}/housing/nowhere-to-sleep/",
}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    return Path(AXE).read_text(encoding="utf-8")


def violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
        return r.violations.map(v => `${v.id}: ${v.help} -> ` + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    return result


@pytest.mark.parametrize("locale", ["en", "ar", "zh-hans"])
def test_no_axe_violations(page, site_url, axe_source, locale):
    found = {}
    for page_type, path in PAGE_TYPES.items():
        page.goto(f"{site_url}/{path.format(l=locale)}")
        problems = violations(page, axe_source)
        if problems:
            found[page_type] = problems
    page.goto(f"{site_url}/")
    if problems := violations(page, axe_source):
        found["language picker"] = problems
    assert found == {}


@pytest.mark.parametrize("locale, query", [("ar", "التأمين الصحي"), ("zh-hans", "医疗保险"), ("en", "xqzvw")])
def test_no_axe_violations_with_search_results_open(page, site_url, axe_source, locale, query):
    page.goto(f"{site_url}/{locale}/")
    page.locator("#search-q").focus()
    page.keyboard.type(query)
    page.locator(".search-results a").first.wait_for()
    assert violations(page, axe_source) == []
