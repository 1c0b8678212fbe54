"""Import then export gives byte-identical content/: the sample site, every locale."""
import filecmp

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from base.export import document_for, write_document
from base.importer import import_content
from base.models import PortalPage
from portal.config import PROJECT_ROOT

pytestmark = pytest.mark.django_db
SAMPLE = PROJECT_ROOT / "content"


def clear_pages():
    from services.models import ServicePage

    Page.objects.type(ServicePage).delete()  # services protect their organization
    Page.objects.type(PortalPage).delete()


def relative_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.md"))


def test_sample_content_round_trip_is_byte_identical(tmp_path, settings):
    clear_pages()
    counts = import_content(SAMPLE)
    assert counts["en"] >= 40 and counts["ar"] >= 15
    target = tmp_path / "exported"
    for page in Page.objects.live().type(PortalPage).specific():
        write_document(document_for(page), target)
    assert relative_files(target) == relative_files(SAMPLE)
    mismatched = [name for name in relative_files(SAMPLE)
                  if not filecmp.cmp(SAMPLE / name, target / name, shallow=False)]
    assert mismatched == []


def test_import_refuses_a_cms_that_already_has_pages(small_cms):
    with pytest.raises(CommandError, match="already holds pages"):
        call_command("import_content", "--content", str(SAMPLE))


def test_import_reports_every_problem_and_imports_nothing(small_cms, tmp_path):
    clear_pages()
    broken = tmp_path / "broken"
    (broken / "en" / "work").mkdir(parents=True)
    (broken / "en" / "work" / "a.md").write_text("---\nid: a\nkind: guide\n---\n")
    with pytest.raises(CommandError) as caught:
        call_command("import_content", "--content", str(broken))
    assert "missing required field 'title'" in str(caught.value)
    assert not Page.objects.type(PortalPage).exists()
