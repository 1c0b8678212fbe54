"""The permission matrix: each role x edit/publish x own locale / other locale."""
import pytest
from django.core.exceptions import PermissionDenied

from .conftest import page_in, publish

pytestmark = pytest.mark.django_db

# role -> {locale: (can edit, can publish)}
MATRIX = {
    "editor": {"en": (True, True), "ar": (False, False), "uk": (False, False)},
    "translator_ar": {"en": (False, False), "ar": (True, False), "uk": (False, False)},
    "reviewer_ar": {"en": (False, False), "ar": (True, True), "uk": (False, False)},
    "reviewer_uk": {"en": (False, False), "ar": (False, False), "uk": (True, True)},
    "admin": {"en": (True, True), "ar": (True, True), "uk": (True, True)},
}


@pytest.mark.parametrize("role", MATRIX)
def test_permission_matrix(people, role):
    user = people[role]
    for code, (can_edit, can_publish) in MATRIX[role].items():
        permissions = page_in("find-a-job", code).permissions_for_user(user)
        assert permissions.can_edit() is can_edit, (role, code, "edit")
        assert permissions.can_publish() is can_publish, (role, code, "publish")


def test_a_translator_cannot_publish_even_by_calling_publish(people):
    page = page_in("find-a-job", "ar")
    page.title = "مسودة"
    with pytest.raises(PermissionDenied):
        publish(page, people["translator_ar"])
