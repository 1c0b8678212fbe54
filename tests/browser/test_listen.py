"""The "Listen" button, under the site's content security policy, with a fake speech
synthesis: headless Chromium may have no voices, and the fake decides which exist. It keeps
what it was given to say, and says it only when the test finishes an utterance."""
import json

import pytest

from site_generator.i18n import load_translations
from tests.browser.test_accessibility import AXE, axe_violations


def label(locale, text):
    """The button's text as the reader's language has it (the UI catalogs)."""
    return load_translations(locale, "en").gettext(text)

pytestmark = pytest.mark.browser

CLINIC = "/{locale}/services/health-clinic-without-insurance/"
NOT_TRANSLATED = "/ar/residence/renew-residence-permit/"  # shown in English on the Arabic site

FAKE_SPEECH = """
((voices, late) => {
  let available = late ? [] : voices;
  let speaking = null;
  const pending = [];
  const synth = new EventTarget();
  const listen = synth.addEventListener.bind(synth);
  // Promises instead of Playwright's wait_for_function, which evaluates strings: the site's
  // content security policy forbids that.
  const waiters = [];
  const state = { spoken: [], cancels: 0 };
  const changed = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  let listening;
  const ready = new Promise((resolve) => { listening = resolve; });
  synth.addEventListener = (type, ...rest) => {
    listen(type, ...rest);
    if (type === "voiceschanged") listening();
  };
  synth.getVoices = () => available.slice();
  const advance = () => {
    speaking = pending.shift() || null;
    if (speaking) state.spoken.push({ text: speaking.text, lang: speaking.lang, voice: speaking.voice && speaking.voice.name });
    changed();
  };
  synth.speak = (utterance) => { pending.push(utterance); if (!speaking) advance(); };
  synth.cancel = () => {
    const interrupted = speaking;
    state.cancels += 1;
    pending.length = 0;
    speaking = null;
    if (interrupted && interrupted.onerror) interrupted.onerror({ type: "error", error: "interrupted" });
    changed();
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } };
  window.fakeSpeech = Object.assign(state, {
    ready: () => ready,
    // Resolves once more than `count` utterances were started or cancelled.
    after(count) {
      return new Promise((resolve) => {
        const check = () => (state.spoken.length + state.cancels > count ? resolve() : waiters.push(check));
        check();
      });
    },
    speaking: () => speaking && speaking.text,
    finish() {
      const done = speaking;
      speaking = null;
      if (done && done.onend) done.onend({ type: "end" });
      if (!speaking) advance();
    },
    finishAll() { for (let i = 0; speaking && i < 5000; i += 1) this.finish(); },
    loadVoices() { available = voices; synth.dispatchEvent(new Event("voiceschanged")); },
  });
})
"""


def voice(lang, local=True):
    return {"name": f"voice {lang}", "lang": lang, "localService": local, "default": False, "voiceURI": lang}


@pytest.fixture
def speech_page(browser, chat_site_url):
    """open(path, voices, late=False): the page with a fake speech synthesis offering `voices`
    (only after fakeSpeech.loadVoices() when late, as Chrome does), once listen.mjs decided."""
    contexts = []

    def open_page(path, voices, late=False, axe=False):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        contexts.append(context)
        context.add_init_script(f"{FAKE_SPEECH}({json.dumps(voices)}, {json.dumps(late)})")
        if axe:  # an init script, as the site's content security policy refuses a script tag
            context.add_init_script(AXE.read_text(encoding="utf-8"))
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
        page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/favicon.ico")
                and errors.append(f"{response.status} {response.url}"))
        page.goto(chat_site_url + path)
        page.evaluate("() => window.fakeSpeech.ready()")
        page.errors = errors
        return page

    yield open_page
    for context in contexts:
        context.close()


def spoken(page):
    return page.evaluate("window.fakeSpeech.spoken")


def press(page):
    before = page.evaluate("window.fakeSpeech.spoken.length + window.fakeSpeech.cancels")
    page.focus("button.listen")
    page.keyboard.press("Enter")
    page.evaluate("(count) => window.fakeSpeech.after(count)", before)


@pytest.mark.parametrize("locale, voices", [
    ("en", [voice("ar-SA"), voice("de-DE")]),
    ("ar", [voice("en-US"), voice("fa-IR")]),
    ("zh-hans", [voice("zh-TW"), voice("zh-HK"), voice("yue-HK")]),
    ("en", [voice("en-US", local=False)]),  # a network voice would send the page to a company
])
def test_no_voice_for_the_language_no_button(speech_page, locale, voices):
    page = speech_page(CLINIC.format(locale=locale), voices)
    assert page.locator("button.listen").is_hidden()
    assert not page.errors


def test_the_button_appears_when_the_voices_arrive(speech_page):
    page = speech_page(CLINIC.format(locale="en"), [voice("en-GB")], late=True)
    button = page.locator("button.listen")
    assert button.is_hidden()
    page.evaluate("window.fakeSpeech.loadVoices()")
    button.wait_for(state="visible")
    assert button.text_content() == "Listen"


@pytest.mark.parametrize("locale, voices, expected_voice, title, phone_in_text", [
    ("en", [voice("en-GB"), voice("ar-SA")], "voice en-GB", "Health Clinic for People without Insurance",
     "call 1 1 2 or go"),
    ("ar", [voice("en-US"), voice("ar-SA")], "voice ar-SA", None, "اتصل بالرقم 1 1 2 أو"),
    ("zh-hans", [voice("zh-TW"), voice("zh-CN")], "voice zh-CN", None, "请拨打1 1 2或者去医院"),
])
def test_listen_reads_the_page_in_its_language(speech_page, locale, voices, expected_voice, title, phone_in_text):
    page = speech_page(CLINIC.format(locale=locale), voices)
    button = page.locator("button.listen")
    assert button.is_visible()
    page_lang = page.evaluate("document.documentElement.lang")
    title = title or page.locator("h1").text_content()
    plus = button.get_attribute("data-text-plus")

    press(page)
    assert button.text_content() == label(locale, "Stop")
    assert spoken(page)[0]["lang"] == page_lang
    assert page.locator(".listen-current").count() == 1, "the block being read is marked"

    page.evaluate("window.fakeSpeech.finishAll()")
    said = spoken(page)
    assert {"text": title, "lang": page_lang, "voice": expected_voice} in said
    assert all(item["lang"] == page_lang and item["voice"] == expected_voice for item in said)
    text = "\n".join(item["text"] for item in said)
    assert f"{plus} 4 3, 3 1 6, 5 5 5, 0 1 6 1" in text, "the tel: link, digit by digit"
    assert phone_in_text in text, "the emergency number in the text, digit by digit"
    assert "2026" in text, "dates stay numbers"
    # Not read: navigation, the feedback form, the header, the footer, the button itself.
    for chrome in [page.locator("nav.breadcrumbs a").first.text_content(), button.text_content()]:
        assert chrome not in [item["text"] for item in said], chrome
    for chrome in [page.locator("form.feedback legend").text_content(), page.locator("#emergency-title").text_content(),
                   page.locator(".site-name").text_content()]:
        assert chrome not in text, chrome
    assert button.text_content() == label(locale, "Listen"), "at the end the button is ready again"
    assert page.locator(".listen-current").count() == 0
    assert not page.errors


@pytest.mark.parametrize("how", ["button", "escape", "leaving"])
def test_stop(speech_page, how):
    page = speech_page(CLINIC.format(locale="ar"), [voice("ar-EG")])
    button = page.locator("button.listen")
    press(page)
    page.evaluate("window.fakeSpeech.finish()")
    assert len(spoken(page)) == 2
    cancels = page.evaluate("window.fakeSpeech.cancels")
    if how == "button":
        page.keyboard.press("Space")  # the focus stays on the button
    elif how == "escape":
        page.keyboard.press("Escape")
    else:
        page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))")
    page.evaluate("(count) => window.fakeSpeech.after(count)", len(spoken(page)) + cancels)
    assert page.evaluate("window.fakeSpeech.speaking()") is None
    assert button.text_content() == label("ar", "Listen")
    assert page.locator(".listen-current").count() == 0
    page.evaluate("window.fakeSpeech.finish()")
    assert len(spoken(page)) == 2, "nothing more is said"
    # And it starts again from the top.
    press(page)
    assert spoken(page)[2]["text"] == spoken(page)[0]["text"]


def test_parts_in_another_language_use_that_languages_voice(speech_page):
    page = speech_page(NOT_TRANSLATED, [voice("ar-SA"), voice("en-GB")])
    press(page)
    page.evaluate("window.fakeSpeech.finishAll()")
    said = spoken(page)
    notice = page.locator(".badge-missing").text_content()
    assert said[0] == {"text": notice, "lang": "ar", "voice": "voice ar-SA"}, "first the notice, in Arabic"
    assert {"text": "Renew your residence permit", "lang": "en", "voice": "voice en-GB"} in said
    step = page.locator(".step-number").first.text_content()
    assert {"text": step, "lang": "ar", "voice": "voice ar-SA"} in said
    assert {"text": "Check the end date on your card", "lang": "en", "voice": "voice en-GB"} in said


def test_parts_in_a_language_without_a_voice_are_skipped(speech_page):
    page = speech_page(NOT_TRANSLATED, [voice("ar-SA")])
    press(page)
    page.evaluate("window.fakeSpeech.finishAll()")
    said = spoken(page)
    assert said and all(item["lang"] == "ar" for item in said)
    assert not any("residence permit" in item["text"] for item in said)
    assert page.locator(".step-number").first.text_content() in [item["text"] for item in said]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_button_and_the_block_being_read_meet_wcag(speech_page, locale):
    page = speech_page(CLINIC.format(locale=locale), [voice("en-US"), voice("ar-SA")], axe=True)
    press(page)
    page.evaluate("window.fakeSpeech.finish()")
    assert page.locator(".listen-current").count() == 1
    assert axe_violations(page) == []
