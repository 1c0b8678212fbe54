"""Every reading page, in every locale, carries the "Listen" button hidden (a browser without a
voice for the language never shows it) with its texts in the page's language."""
import re

import pytest

READING_PAGES = ["", "residence/", "residence/renew-residence-permit/", "health/finding-a-doctor/",
                 "services/health-clinic-without-insurance/", "events/language-cafe/",
                 "organizations/city-welcome-office/", "glossary/", "about/"]
BUTTON = re.compile(r'<button type="button" class="listen" data-module="listen"[^>]*>([^<]*)</button>')


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_pages_carry_a_hidden_listen_button(sample_site, config, path):
    output = sample_site[0]
    for locale in config.locales:
        html = (output / locale.code / path / "index.html").read_text(encoding="utf-8")
        buttons = BUTTON.findall(html)
        assert len(buttons) == 1, f"/{locale.code}/{path}"
        tag = BUTTON.search(html).group(0)
        assert " hidden>" in tag and 'data-load-on="now"' in tag and 'data-requires="speechSynthesis"' in tag
        assert re.search(r'data-text-stop="[^"]+"', tag) and re.search(r'data-text-plus="[^"]+"', tag)
        assert buttons[0].strip(), f"/{locale.code}/{path}: the button has a label"
        main = html[html.index("<main"):]
        assert main.index(tag) > main.index("<h1"), "the button follows the title"

