"""Production: everything secret or host-specific comes from the environment, and a missing
variable stops the start with its name, rather than running with a guessed value.

Behind a reverse proxy that terminates HTTPS and sets X-Forwarded-Proto (see README,
"Deploying"). Media go to S3-compatible storage when PORTAL_MEDIA_BUCKET is set.
"""
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import CMS_DIR, database_from_url


def required(name, meaning):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: {meaning} (portal_cms.settings.production)")
    return value


def flag(name, default):
    value = os.environ.get(name, default).strip()
    if value not in ("0", "1"):
        raise ImproperlyConfigured(f"{name} must be 0 or 1, not '{value}'")
    return value == "1"


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY", "a long random string, e.g. from "
                      "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`")
ALLOWED_HOSTS = [host.strip() for host in required(
    "DJANGO_ALLOWED_HOSTS", "the CMS's host names, comma-separated, e.g. cms.example.org").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [origin.strip() for origin in os.environ.get(
    "DJANGO_CSRF_TRUSTED_ORIGINS", ",".join(f"https://{host}" for host in ALLOWED_HOSTS)).split(",") if origin.strip()]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

_database_url = required("DATABASE_URL", "the PostgreSQL database, e.g. postgresql://portal:PASSWORD@127.0.0.1:5432/portal")
try:
    DATABASES = {"default": database_from_url(_database_url)}
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a postgresql:// URL in production: SQLite does not take "
                               "concurrent editors and is not what the backups in README expect")
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The proxy terminates TLS; Django trusts its X-Forwarded-Proto only because nothing else
# can reach gunicorn (it listens on 127.0.0.1).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = flag("DJANGO_SSL_REDIRECT", "1")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole registrable domain to HTTPS in browsers for months; the portal's
# operator decides that at hstspreload.org, not this setting.
SECURE_HSTS_PRELOAD = flag("DJANGO_HSTS_PRELOAD", "0")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# `manage.py collectstatic` writes here; the web server serves it at /static/ (names carry a
# content hash, so it can be cached for a year).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", CMS_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", CMS_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

_media_bucket = os.environ.get("PORTAL_MEDIA_BUCKET", "").strip()
for _name in ("PORTAL_MEDIA_ENDPOINT_URL", "PORTAL_MEDIA_REGION", "PORTAL_MEDIA_CUSTOM_DOMAIN"):
    if os.environ.get(_name, "").strip() and not _media_bucket:
        raise ImproperlyConfigured(f"{_name} is set but PORTAL_MEDIA_BUCKET is not: name the bucket the media go to")
if _media_bucket:
    # Credentials are not settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or
    # an instance role) itself, the same way `aws s3 sync` in deploy/backup.sh does.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": _media_bucket,
        "endpoint_url": os.environ.get("PORTAL_MEDIA_ENDPOINT_URL", "").strip() or None,
        "region_name": os.environ.get("PORTAL_MEDIA_REGION", "").strip() or None,
        "custom_domain": os.environ.get("PORTAL_MEDIA_CUSTOM_DOMAIN", "").strip() or None,
        "signature_version": "s3v4",
        # Two uploads called photo.jpg must not replace each other.
        "file_overwrite": False,
    }}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # What happened to each publish on its way to the site (page ids, never reader data).
    "loggers": {"base": {"level": "INFO"}},
}

# A publish reaches Netlify as a git push of content/ (see base/rebuild.py and README).
PORTAL_REBUILD = os.environ.get("PORTAL_REBUILD", "netlify")
PORTAL_REBUILD_DELAY = float(os.environ.get("PORTAL_REBUILD_DELAY", "10"))
PORTAL_GIT_COMMIT = flag("PORTAL_GIT_COMMIT", "1")
PORTAL_GIT_PUSH = flag("PORTAL_GIT_PUSH", "1" if PORTAL_REBUILD == "netlify" else "0")
if PORTAL_REBUILD == "netlify" and not (PORTAL_GIT_PUSH or PORTAL_BUILD_HOOK_URL):  # noqa: F405
    raise ImproperlyConfigured("PORTAL_REBUILD=netlify needs PORTAL_GIT_PUSH=1 or PORTAL_BUILD_HOOK_URL: "
                               "otherwise no publish would ever reach the site")
if PORTAL_GIT_PUSH and not PORTAL_GIT_COMMIT:
    raise ImproperlyConfigured("PORTAL_GIT_PUSH=1 needs PORTAL_GIT_COMMIT=1: only committed exports can be pushed")
