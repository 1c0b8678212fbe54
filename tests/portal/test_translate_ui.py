"""`portal translate-ui` drafts empty UI strings with DeepL and marks them fuzzy."""
import shutil

from babel.messages.pofile import read_po, write_po

from portal.cli import main
from site_generator.i18n import CATALOG_DIR

from ..deepl_server import DeepLTestServer


def test_empty_strings_are_drafted_fuzzy_with_placeholders_kept(tmp_path, monkeypatch, capsys):
    catalogs = tmp_path / "ui"
    shutil.copytree(CATALOG_DIR, catalogs)
    with open(catalogs / "de.po", "rb") as handle:
        catalog = read_po(handle, locale="de")
    catalog["Checked by a professional translator on %(date)s."].string = ""
    catalog["%(num)s step"].string = ("", "")
    with open(catalogs / "de.po", "wb") as handle:
        write_po(handle, catalog)
    with DeepLTestServer() as server:
        monkeypatch.setenv("DEEPL_AUTH_KEY", "test-key")
        monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
        assert main(["translate-ui", "--locale", "de", "--catalogs", str(catalogs)]) == 0
        sent = [text for request in server.requests for text in request["texts"]]
    assert 'Checked by a professional translator on <x id="date"/>.' in sent
    with open(catalogs / "de.po", "rb") as handle:
        drafted = read_po(handle, locale="de")
    message = drafted["Checked by a professional translator on %(date)s."]
    assert message.fuzzy and "%(date)s" in message.string and message.string.startswith("[DE]")
    assert drafted["%(num)s step"].fuzzy
    assert "drafted 2 strings" in capsys.readouterr().out
