import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from base.importer import import_content
from base.models import PortalPage
from base.roles import setup_roles


class Command(BaseCommand):
    help = ("For `make run`: on first run import content/, set up the roles and create a local "
            "administrator whose generated password is printed once and stored nowhere else.")

    def handle(self, *args, **options):
        from wagtail.models import Page

        if not Page.objects.type(PortalPage).exists():
            counts = import_content()
            self.stdout.write(f"Imported the sample content: {sum(counts.values())} pages.")
        setup_roles()
        users = get_user_model().objects
        if not users.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser("admin", "admin@localhost", password)
            self.stdout.write("Created the local administrator. Note the password now; it is not shown again.")
            self.stdout.write(f"  user: admin\n  password: {password}")
