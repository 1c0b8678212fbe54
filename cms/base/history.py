"""Each export as a git commit, with the editor as author and the page title in the message,
so every publish has history and can be rolled back with git."""
import logging
import os
import subprocess

from django.conf import settings

logger = logging.getLogger(__name__)


def commit_export(relative_paths, page, user):
    content_dir = settings.PORTAL_CONTENT_DIR
    paths = [str(content_dir / relative) for relative in relative_paths]
    name = (user.get_full_name() or user.get_username()) if user else "Scheduled publishing"
    email = (user.email if user and user.email else "cms@localhost")
    message = f"Publish {page.locale.language_code}: {page.title}"
    try:
        subprocess.run(["git", "add", "--all", "--", *paths], cwd=content_dir, check=True, capture_output=True)
        subprocess.run(["git", "commit", "--quiet", f"--author={name} <{email}>", "-m", message, "--", *paths],
                       cwd=content_dir, check=True, capture_output=True,
                       env={**os.environ, "GIT_COMMITTER_NAME": "Portal CMS",
                            "GIT_COMMITTER_EMAIL": "cms@localhost"})
    except subprocess.CalledProcessError as error:
        logger.error("git commit of %s failed: %s", relative_paths, error.stderr)
