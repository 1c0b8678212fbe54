"""What a reader does: read right-to-left, switch language, follow steps without JavaScript."""
import pytest

pytestmark = pytest.mark.browser


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_page_lays_out_right_to_left(page, site_url):
    page.goto(f"{site_url}/ar/services/job-centre-harborough/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.viewport_size["width"]
    name = box(page, ".site-name")
    assert name["x"] + name["width"] > width * 0.6, "the site name starts on the right"
    first_crumb, second_crumb = page.locator(".breadcrumbs li").all()[:2]
    assert first_crumb.bounding_box()["x"] > second_crumb.bounding_box()["x"], "breadcrumbs run right to left"
    step_border = page.evaluate(
        "getComputedStyle(document.querySelector('.badge')).borderRightWidth")
    assert step_border != "0px", "the badge's start border is on the right"

    page.goto(f"{site_url}/en/services/job-centre-harborough/")
    name = box(page, ".site-name")
    assert name["x"] < page.viewport_size["width"] * 0.2


def test_language_switcher_with_the_keyboard(page, site_url):
    page.goto(f"{site_url}/en/work/finding-work/")
    summary = page.locator(".language-switcher summary")
    summary.focus()
    page.keyboard.press("Enter")
    arabic = page.locator('.language-switcher a[lang="ar"]')
    assert arabic.is_visible()
    assert arabic.inner_text() == "العربية"
    arabic.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/ar/work/finding-work/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_step_by_step_page_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/en/residence/register-your-address/")
        assert page.evaluate is not None
        steps = page.locator("ol.steps > li.step")
        assert steps.count() >= 3
        for index in range(steps.count()):
            assert steps.nth(index).is_visible()
        assert page.locator(".tag-optional").first.is_visible()
        assert page.locator("ul.alternatives > li").first.is_visible()
        assert page.locator("ul.documents li").first.is_visible()
        page.locator('a[href="#main"]').focus()
        assert page.locator('a[href="#main"]').is_visible(), "skip link shows on focus"
    finally:
        context.close()
