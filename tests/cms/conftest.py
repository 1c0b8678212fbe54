"""CMS tests run on SQLite, and on PostgreSQL when DATABASE_URL is set.

The small site is imported once per session; each test runs in a transaction that is rolled
back, with its own copy of content/ to export into.
"""
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from base.importer import import_content
from base.roles import EDITORS, reviewers, setup_roles, translators

from ..site_generator.small_site import write_small_site

PEOPLE = {
    "editor": (EDITORS,),
    "translator_ar": (translators("ar"),),
    "reviewer_ar": (reviewers("ar"),),
    "reviewer_uk": (reviewers("uk"),),
}
USERNAMES = {"editor": "editor", "translator_ar": "translator", "reviewer_ar": "reviewer",
             "reviewer_uk": "olena", "admin": "admin"}


@pytest.fixture(scope="session")
def small_site_source(tmp_path_factory):
    return write_small_site(tmp_path_factory.mktemp("small") / "content")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, small_site_source):
    with django_db_blocker.unblock():
        import_content(small_site_source)
        setup_roles()
        for role, groups in PEOPLE.items():
            make_user(USERNAMES[role], *groups)
        make_user("admin", superuser=True)


def make_user(username, *groups, superuser=False):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-test-password",
                                                first_name=username.capitalize(), is_superuser=superuser)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def small_cms(db, tmp_path, settings, small_site_source):
    """content/ as the import read it, in a folder of this test's own, where exports go."""
    directory = tmp_path / "content"
    shutil.copytree(small_site_source, directory)
    settings.PORTAL_CONTENT_DIR = directory
    return directory


@pytest.fixture
def people(small_cms):
    users = get_user_model().objects
    return {role: users.get(username=username) for role, username in USERNAMES.items()}


def page_in(content_id, code):
    from wagtail.models import Page

    from base.models import PortalPage

    for page in Page.objects.type(PortalPage).filter(locale__language_code=code).specific():
        if page.content_id == content_id:
            return page
    raise LookupError(f"no page {content_id} in {code}")


def publish(page, user, skip_permission_checks=False):
    revision = page.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=skip_permission_checks)
    page.refresh_from_db()
    return page
