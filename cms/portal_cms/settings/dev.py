from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "development-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
