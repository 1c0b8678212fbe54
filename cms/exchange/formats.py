"""PO and XLIFF 1.2, written and read. Reading never applies anything: see `apply.py`."""
import xml.etree.ElementTree as ElementTree

import polib

from .units import Unit

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


class ExchangeFormatError(ValueError):
    pass


def write_po(units, source_code, locale_code):
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": locale_code, "Content-Type": "text/plain; charset=utf-8",
                        "X-Source-Language": source_code}
    for unit in units:
        catalog.append(polib.POEntry(msgctxt=unit.id, msgid=unit.source, msgstr=unit.target, comment=unit.note))
    return str(catalog)


def read_po(text):
    try:
        catalog = polib.pofile(text)
    except (OSError, ValueError) as error:
        raise ExchangeFormatError(f"not a PO file: {error}") from None
    language = catalog.metadata.get("Language", "")
    units = [(entry.linenum, Unit(id=entry.msgctxt or "", source=entry.msgid, target=entry.msgstr,
                                  note=entry.comment or ""))
             for entry in catalog if not entry.obsolete]
    return language, units


def write_xliff(units, source_code, locale_code):
    ElementTree.register_namespace("", XLIFF_NS)
    root = ElementTree.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    file = ElementTree.SubElement(root, f"{{{XLIFF_NS}}}file", {
        "original": "portal", "datatype": "html", "source-language": source_code, "target-language": locale_code})
    body = ElementTree.SubElement(file, f"{{{XLIFF_NS}}}body")
    for unit in units:
        element = ElementTree.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=unit.id)
        ElementTree.SubElement(element, f"{{{XLIFF_NS}}}source").text = unit.source
        ElementTree.SubElement(element, f"{{{XLIFF_NS}}}target").text = unit.target
        ElementTree.SubElement(element, f"{{{XLIFF_NS}}}note").text = unit.note
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def read_xliff(text):
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as error:
        raise ExchangeFormatError(f"not well-formed XLIFF: {error}") from None
    file = root.find(f"{{{XLIFF_NS}}}file")
    if root.tag != f"{{{XLIFF_NS}}}xliff" or file is None:
        raise ExchangeFormatError("not an XLIFF 1.2 file")
    units = []
    for index, element in enumerate(file.iter(f"{{{XLIFF_NS}}}trans-unit"), start=1):
        source, target = element.find(f"{{{XLIFF_NS}}}source"), element.find(f"{{{XLIFF_NS}}}target")
        units.append((index, Unit(id=element.get("id", ""), source=source.text or "" if source is not None else "",
                                  target=(target.text or "") if target is not None else "", note="")))
    return file.get("target-language", ""), units
