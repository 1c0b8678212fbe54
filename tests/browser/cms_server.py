"""A CMS of its own for browser tests: Django's server in a child process on a fresh SQLite
database, exporting into a temporary content/ and rebuilding a temporary site."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from portal.config import PROJECT_ROOT

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator
from base.importer import import_content
from base.models import PortalPage
from base.roles import EDITORS, reviewers, setup_roles, translators

import_content()
setup_roles()
users = get_user_model().objects
for name, group in (("editor", EDITORS), ("translator", translators("ar")), ("reviewer", reviewers("ar"))):
    user = users.create_user(name, name + "@example.org", "a-long-test-password", first_name=name.capitalize())
    user.groups.add(Group.objects.get(name=group))
admin = users.create_superuser("admin", "admin@example.org", "a-long-test-password")
source = next(p for p in Page.objects.type(PortalPage).filter(locale__language_code="en").specific()
              if p.content_id == "job-centre")
TranslationCreator(admin, [Locale.objects.get(language_code="ar")]).create_translations(source)
import json, os
target = source.get_translation(Locale.objects.get(language_code="ar"))
with open(os.environ["PORTAL_TEST_IDS"], "w") as handle:
    json.dump({"en": source.pk, "ar": target.pk}, handle)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cms(root, content_dir, output_dir):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal_cms.settings.dev",
           "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}", "PORTAL_CONTENT_DIR": str(content_dir),
           "PORTAL_OUTPUT_DIR": str(output_dir), "PORTAL_REBUILD": "local", "PORTAL_REBUILD_DELAY": "0.1",
           "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}", "PORTAL_TEST_IDS": str(root / "ids.json")}
    cms_dir = PROJECT_ROOT / "cms"
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=cms_dir, env=env,
                   check=True)
    subprocess.run([sys.executable, "manage.py", "shell", "-c", SETUP], cwd=cms_dir, env=env, check=True)
    process = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                               cwd=cms_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/admin/login/", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the CMS did not start within 60 s")
