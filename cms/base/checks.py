"""`manage.py check --deploy`: the content checkout a production CMS publishes through."""
import subprocess
from pathlib import Path

from django.conf import settings
from django.core import checks


def _git(arguments, directory):
    return subprocess.run(["git", *arguments], cwd=directory, capture_output=True, text=True)


@checks.register(checks.Tags.compatibility, deploy=True)
def content_checkout(app_configs, **kwargs):
    content_dir = Path(settings.PORTAL_CONTENT_DIR)
    if not content_dir.is_dir():
        return [checks.Error(f"PORTAL_CONTENT_DIR {content_dir} is not a folder",
                             hint="clone the portal's repository and point PORTAL_CONTENT_DIR at its content/",
                             id="portal.E001")]
    if not settings.PORTAL_GIT_COMMIT:
        return []
    if _git(["rev-parse", "--is-inside-work-tree"], content_dir).returncode:
        return [checks.Error(f"PORTAL_GIT_COMMIT=1 but {content_dir} is not in a git checkout",
                             hint="clone the portal's repository and point PORTAL_CONTENT_DIR at its content/",
                             id="portal.E002")]
    if settings.PORTAL_GIT_PUSH and _git(["rev-parse", "--abbrev-ref", "@{upstream}"], content_dir).returncode:
        return [checks.Error(f"PORTAL_GIT_PUSH=1 but the branch checked out in {content_dir} has no upstream to "
                             f"push to", hint="git branch --set-upstream-to=origin/main (the branch Netlify builds)",
                             id="portal.E003")]
    return []
