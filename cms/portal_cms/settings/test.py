import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PORTAL_REBUILD = "off"
# Tests never export into the project's own content/ unless a test points somewhere on purpose.
PORTAL_CONTENT_DIR = Path(tempfile.mkdtemp(prefix="portal-test-content-"))
PORTAL_OUTPUT_DIR = Path(tempfile.mkdtemp(prefix="portal-test-output-"))
