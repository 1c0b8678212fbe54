from django.core.management.base import BaseCommand

from base.roles import setup_roles


class Command(BaseCommand):
    help = "Create the editor, translator, reviewer and administrator groups with their page permissions."

    def handle(self, *args, **options):
        setup_roles()
        self.stdout.write("Roles are set up.")
