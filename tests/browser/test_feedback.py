"""A reader answers "Was this page useful?" with the keyboard alone and without JavaScript,
against the local server that answers the form as Netlify does, and lands on the thanks page
in their own language."""
import pytest

from site_generator import feedback_form as contract
from site_generator.i18n import load_translations

pytestmark = pytest.mark.browser
PAGE = "/fa/services/job-centre-harborough/"
FOCUSED = """() => { const el = document.activeElement;
    return el ? [el.tagName.toLowerCase(), el.name || '', el.value || '', el.type || ''].join('|') : ''; }"""


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, wanted, limit=200):
    """Press Tab until the focused element matches `wanted`; return every element passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        passed.append(focused)
        if focused.startswith(wanted):
            return passed
    raise AssertionError(f"Tab never reached {wanted}; passed {passed}")


def test_the_form_is_answered_and_sent_with_the_keyboard_without_javascript(page_without_javascript, chat_site_url):
    page = page_without_javascript
    gettext = load_translations("fa", "en").gettext
    page.goto(chat_site_url + PAGE)
    passed = tab_to(page, f"input|{contract.USEFUL}|")
    assert not any(f"|{contract.HONEYPOT}|" in focused for focused in passed), "the honeypot is never reached"
    form = page.locator("form.feedback")
    assert form.evaluate("form => form.checkValidity()") is False, "an answer is required"

    page.keyboard.press("ArrowDown")  # from "yes" to "no", which chooses it
    assert page.evaluate(FOCUSED) == f"input|{contract.USEFUL}|no|radio"
    assert page.locator(f'input[name="{contract.USEFUL}"][value="no"]').is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED).startswith(f"textarea|{contract.COMMENT}|")
    page.keyboard.type("ساعت‌های کاری را بنویسید")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "button|||submit", "from the comment straight to Send, past the honeypot"
    assert form.evaluate("form => form.checkValidity()") is True

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == chat_site_url + contract.thanks_path("fa")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == gettext("Thank you for your feedback")
    assert page.locator('main a[href="/fa/"]').is_visible()
    assert page.locator("form.feedback").count() == 0


def test_the_honeypot_is_out_of_sight(page_without_javascript, chat_site_url):
    page = page_without_javascript
    page.goto(chat_site_url + PAGE)
    trap = page.locator(f'input[name="{contract.HONEYPOT}"]')
    trap.scroll_into_view_if_needed()
    # Nothing of it shows where it lies: whatever is drawn at its place is something else.
    assert trap.evaluate("""input => { const box = input.getBoundingClientRect();
        const points = [[box.left + 2, box.top + 2], [box.left + box.width / 2, box.top + box.height / 2]];
        return points.every(([x, y]) => !input.closest('.feedback-trap').contains(document.elementFromPoint(x, y)));
    }""")
    assert trap.evaluate("input => input.closest('[aria-hidden=true]') !== null")
    assert page.locator("form.feedback button[type=submit]").is_visible()
    assert page.locator("form.feedback legend").is_visible()
