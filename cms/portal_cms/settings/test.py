from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PORTAL_REBUILD = "off"
