"""Each export as a git commit, with the editor as author and the page title in the message,
so every publish has history and can be rolled back with git; and the push that takes those
commits to the repository Netlify builds from.

Every gunicorn worker and the publish_scheduled cron job write to the same checkout, so git
runs under one file lock: two git processes in one repository fail on its index.lock.
"""
import contextlib
import fcntl
import os
import re
import subprocess
from pathlib import Path

from django.conf import settings

# No terminal to ask for a password on: git fails at once instead of waiting for one.
GIT_ENVIRONMENT = {"GIT_COMMITTER_NAME": "Portal CMS", "GIT_COMMITTER_EMAIL": "cms@localhost",
                   "GIT_TERMINAL_PROMPT": "0"}


class GitError(Exception):
    pass


def _git(arguments, content_dir):
    result = subprocess.run(["git", *arguments], cwd=content_dir, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENVIRONMENT})
    if result.returncode:
        # A remote URL may carry a token (https://user:token@host/...): editors read this message.
        detail = re.sub(r"://[^/@\s]+@", "://", " ".join((result.stderr or result.stdout).split()))[:300]
        raise GitError(f"`git {arguments[0]}` in {content_dir} failed: {detail}")
    return result.stdout


@contextlib.contextmanager
def repository_lock(content_dir):
    git_dir = Path(content_dir, _git(["rev-parse", "--git-common-dir"], content_dir).strip())
    with open(git_dir / "portal-cms.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def commit_export(relative_paths, page, user):
    content_dir = Path(settings.PORTAL_CONTENT_DIR)
    paths = [str(content_dir / relative) for relative in relative_paths]
    name = (user.get_full_name() or user.get_username()) if user else "Scheduled publishing"
    email = (user.email if user and user.email else "cms@localhost")
    message = f"Publish {page.locale.language_code}: {page.title}"
    with repository_lock(content_dir):
        _git(["add", "--all", "--", *paths], content_dir)
        _git(["commit", "--quiet", f"--author={name} <{email}>", "-m", message, "--", *paths], content_dir)


def _rejected(error):
    text = str(error)
    return "rejected" in text or "fetch first" in text or "non-fast-forward" in text


def push_content(content_dir=None):
    """Push the checkout's branch to its upstream. When someone else pushed first, replay the
    CMS's commits on top of theirs once and push again; a real conflict stops with GitError and
    leaves the checkout as it was."""
    content_dir = Path(content_dir or settings.PORTAL_CONTENT_DIR)
    with repository_lock(content_dir):
        try:
            _git(["push", "--quiet"], content_dir)
            return
        except GitError as error:
            if not _rejected(error):
                raise
        try:
            _git(["pull", "--rebase", "--autostash", "--quiet"], content_dir)
        except GitError:
            with contextlib.suppress(GitError):
                _git(["rebase", "--abort"], content_dir)
            raise GitError(f"the CMS's commits in {content_dir} conflict with changes pushed by someone else; "
                           f"a developer has to merge them there and push") from None
        _git(["push", "--quiet"], content_dir)
