"""Roles as Wagtail groups, with per-locale rights as page permissions on each locale's home.

- Editors: write, publish and schedule pages in the source locale.
- Translators (X): edit translations in locale X; they cannot publish.
- Reviewers (X): edit, approve and publish translations in locale X.
- Administrators: everything.
"""
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from .models import LocaleHomePage

EDITORS = "Editors"
ADMINISTRATORS = "Administrators"


def translators(code):
    return f"Translators ({code})"


def reviewers(code):
    return f"Reviewers ({code})"


def _permission(codename, app_label="wagtailcore"):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group, home, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_permission(codename))


def setup_roles():
    """Create or update every role; safe to run again."""
    admin_access = _permission("access_admin", "wagtailadmin")
    submit = _permission("submit_translation", "wagtail_localize")
    homes = {home.locale.language_code: home for home in LocaleHomePage.objects.select_related("locale")}
    source = settings.PORTAL.source.code
    names = [EDITORS, ADMINISTRATORS] + [name(locale.code) for locale in settings.PORTAL.locales
                                         for name in (translators, reviewers) if not locale.is_source]
    # Rights are set afresh: Wagtail's first migration gives a group named "Editors" rights on
    # the root page (every locale), while each portal role holds rights on its locale's home only.
    GroupPagePermission.objects.filter(group__name__in=names).delete()

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    # Readers' feedback is the editors' to read and mark done (cms/feedback); its comments may
    # hold what a reader should not have written, so other roles do not see it.
    editors.permissions.add(admin_access, submit, _permission("change_feedback", "feedback"))
    _grant(editors, homes[source], ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"))

    for locale in settings.PORTAL.locales:
        if locale.is_source:
            continue
        home = homes[locale.code]
        translator_group, _ = Group.objects.get_or_create(name=translators(locale.code))
        translator_group.permissions.add(admin_access)
        _grant(translator_group, home, ("add_page", "change_page"))
        reviewer_group, _ = Group.objects.get_or_create(name=reviewers(locale.code))
        reviewer_group.permissions.add(admin_access, submit)
        _grant(reviewer_group, home, ("add_page", "change_page", "publish_page", "unlock_page"))

    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.all())
    for home in homes.values():
        _grant(administrators, home, ("add_page", "change_page", "publish_page", "bulk_delete_page",
                                      "lock_page", "unlock_page"))


def can_approve(user, locale_code):
    """Whether this user's publish makes a translation in a professional locale go live."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = set(user.groups.values_list("name", flat=True))
    return bool(names & {ADMINISTRATORS, reviewers(locale_code)})
