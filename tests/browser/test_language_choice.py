"""`/` sends a reader to their language, and the language they choose wins from then on: the
local server applies the build's _redirects as Netlify does, and the picker's links store the
choice in the nf_lang cookie that those rules read."""
import time

import pytest

pytestmark = pytest.mark.browser


def language_cookie(context):
    return next((cookie for cookie in context.cookies() if cookie["name"] == "nf_lang"), None)


def test_the_browsers_language_leads_home_until_the_reader_chooses_another(browser, chat_site_url):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.goto(f"{chat_site_url}/")
    assert page.url == f"{chat_site_url}/ar/"
    assert language_cookie(context) is None, "nothing is stored before the reader chooses"

    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[lang="vi"]').click()
    page.wait_for_url(f"{chat_site_url}/vi/")
    cookie = language_cookie(context)
    assert cookie["value"] == "vi" and cookie["path"] == "/" and cookie["sameSite"] == "Lax"
    assert cookie["expires"] > time.time() + 360 * 24 * 3600

    page.goto(f"{chat_site_url}/")
    assert page.url == f"{chat_site_url}/vi/", "the choice wins over the browser's Arabic"
    context.close()


def test_a_reader_whose_language_the_site_lacks_gets_the_picker_and_their_choice_is_kept(browser, chat_site_url):
    context = browser.new_context(locale="sw")
    page = context.new_page()
    response = page.goto(f"{chat_site_url}/")
    assert response.status == 200 and page.url == f"{chat_site_url}/"
    choice = page.locator('.choices a[hreflang="zh-Hans"]')
    choice.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{chat_site_url}/zh-hans/")
    assert language_cookie(context)["value"] == "zh-hans"
    page.goto(f"{chat_site_url}/")
    assert page.url == f"{chat_site_url}/zh-hans/"
    context.close()
