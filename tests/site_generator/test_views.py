"""What templates are handed to show a page: here, the language switcher's items."""
from bs4 import BeautifulSoup

from portal.config import load_config
from site_generator.views import language_choices


def test_the_switcher_links_every_locale_in_its_own_language_and_marks_the_readers():
    config = load_config()
    arabic = config.locale("ar")
    alternates = [(other, f"/{other.code}/work/find-a-job/?from=a&b=<c>") for other in config.locales]
    items = BeautifulSoup(str(language_choices(arabic, alternates)), "html.parser").find_all("a")
    assert [link["data-language-choice"] for link in items] == list(config.locale_codes)
    for link, (other, url) in zip(items, alternates):
        assert link["href"] == url  # escaped in the HTML, the same URL once parsed
        assert link["hreflang"] == link["lang"] == other.html_lang
        assert link["dir"] == other.direction
        assert link.get_text() == other.name
        assert (link.get("aria-current") == "true") == (other.code == "ar")
    assert items[config.locale_codes.index("ar")]["dir"] == "rtl"
