"""The Django project is sound: system checks pass and no migration is missing."""
import pytest
from django.core.management import call_command


def test_manage_py_check():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_locales_come_from_portal_yaml(settings):
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == list(settings.PORTAL.locale_codes)
