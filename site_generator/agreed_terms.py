"""Terms translators agreed, translations/glossary/<source>-<target>.csv: read by the site's
glossary page and by the DeepL glossaries of the CMS."""
import csv
import hashlib
import io
from pathlib import Path

from portal.config import PROJECT_ROOT

GLOSSARY_DIR = PROJECT_ROOT / "translations" / "glossary"


def agreed_terms_path(source_code, target_code, directory=None):
    return Path(directory or GLOSSARY_DIR) / f"{source_code}-{target_code}.csv"


def read_agreed_terms(path):
    """({term: translation}, sha256 of the file); ValueError naming file:line on a bad row."""
    text = Path(path).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0]] != ["term", "translation"]:
        raise ValueError(f"{path}:1: the first row must be 'term,translation'")
    entries = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise ValueError(f"{path}:{number}: a row is 'term,translation'")
        if row[0].strip() in entries:
            raise ValueError(f"{path}:{number}: '{row[0].strip()}' is listed twice")
        entries[row[0].strip()] = row[1].strip()
    return entries, hashlib.sha256(text.encode("utf-8")).hexdigest()
