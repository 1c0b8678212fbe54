"""Exchange files for agencies: PO and XLIFF out, and back in only when every unit is sound."""
import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(small_cms, tmp_path):
    def export(code, file_format):
        path = tmp_path / f"{code}.{file_format if file_format == 'po' else 'xlf'}"
        call_command("export_translations", "--locale", code, "--format", file_format, "--output", str(path))
        return path
    return export


def test_po_round_trip_applies_translations(exported):
    path = exported("th", "po")
    catalog = polib.pofile(str(path))
    assert catalog.metadata["Language"] == "th"
    link_entry = next(entry for entry in catalog if '<a id="a1">' in entry.msgid)
    link_entry.msgstr = link_entry.msgid.replace("Read about", "อ่านเกี่ยวกับ")
    plain = next(entry for entry in catalog if entry.msgid == "Where to look")
    plain.msgstr = "ที่ที่ควรหา"
    catalog.save(str(path))
    call_command("import_translations", str(path), "--locale", "th")
    stored = set(StringTranslation.objects.filter(locale__language_code="th").values_list("data", flat=True))
    assert "ที่ที่ควรหา" in stored and link_entry.msgstr in stored


def test_xliff_export_is_valid_and_imports(exported):
    import xml.etree.ElementTree as ElementTree

    path = exported("vi", "xliff")
    root = ElementTree.parse(path).getroot()
    namespace = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert root.find("x:file", namespace).get("target-language") == "vi"
    units = root.findall(".//x:trans-unit", namespace)
    assert units
    units[0].find("x:target", namespace).text = "Bản dịch"
    ElementTree.ElementTree(root).write(path, encoding="unicode", xml_declaration=True)
    call_command("import_translations", str(path), "--locale", "vi")
    assert StringTranslation.objects.filter(locale__language_code="vi", data="Bản dịch").exists()


def test_a_broken_file_is_rejected_whole(exported):
    path = exported("th", "po")
    catalog = polib.pofile(str(path))
    good = next(entry for entry in catalog if entry.msgid == "Where to look")
    good.msgstr = "ที่ที่ควรหา"
    link_entry = next(entry for entry in catalog if '<a id="a1">' in entry.msgid)
    link_entry.msgstr = "อ่านเกี่ยวกับศูนย์จัดหางาน"  # the link is gone
    catalog.append(polib.POEntry(msgctxt="no-such-page/body", msgid="Hello", msgstr="สวัสดี"))
    catalog.metadata["Language"] = "vi"
    catalog.save(str(path))
    with pytest.raises(CommandError) as caught:
        call_command("import_translations", str(path), "--locale", "th")
    message = str(caught.value)
    assert "nothing applied" in message
    assert "not 'th'" in message
    assert "markup differs" in message
    assert "unknown segment 'no-such-page/body'" in message
    assert not StringTranslation.objects.filter(locale__language_code="th").exists()
