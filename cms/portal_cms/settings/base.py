"""Settings shared by every environment. Locales come from portal.yaml, nowhere else."""
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

CMS_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_ROOT = CMS_DIR.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from portal.config import load_config  # noqa: E402

PORTAL = load_config(os.environ.get("PORTAL_CONFIG"))

INSTALLED_APPS = [
    "base",
    "guides",
    "services",
    "events",
    "organizations",
    "glossary",
    "machine_translation",
    "exchange",
    "feedback",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
]

ROOT_URLCONF = "portal_cms.urls"
WSGI_APPLICATION = "portal_cms.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [CMS_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug",
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]


def database_from_url(url):
    """postgres://user:password@host:port/name or sqlite:///path, as DATABASE_URL is usually written."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql", "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
                "USER": unquote(parsed.username or ""), "PASSWORD": unquote(parsed.password or ""),
                "HOST": parsed.hostname or "", "PORT": str(parsed.port or "")}
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path or ":memory:"}
    raise ValueError(f"DATABASE_URL: unsupported scheme '{parsed.scheme}' (use postgres:// or sqlite://)")


DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL")
             else {"ENGINE": "django.db.backends.sqlite3", "NAME": CMS_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: the source locale first, then the professional and DeepL-drafted ones.
LANGUAGE_CODE = PORTAL.source.code
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [(locale.code, locale.name) for locale in PORTAL.locales]
USE_I18N = True
TIME_ZONE = PORTAL.time_zone
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = CMS_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = CMS_DIR / "media"

WAGTAIL_SITE_NAME = PORTAL.site_name
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8001")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The CMS is headless: pages have no public front end here.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Where published pages are written, and what happens after.
PORTAL_CONTENT_DIR = Path(os.environ.get("PORTAL_CONTENT_DIR", PROJECT_ROOT / "content"))
PORTAL_OUTPUT_DIR = Path(os.environ.get("PORTAL_OUTPUT_DIR", PROJECT_ROOT / "output"))
# "local": run the site generator here; "netlify": push the commits Netlify builds from and/or
# POST to PORTAL_BUILD_HOOK_URL; "off". Both debounced by PORTAL_REBUILD_DELAY seconds.
PORTAL_REBUILD = os.environ.get("PORTAL_REBUILD", "local")
if PORTAL_REBUILD not in ("local", "netlify", "off"):
    raise ValueError(f"PORTAL_REBUILD: '{PORTAL_REBUILD}' is not one of local, netlify, off")
PORTAL_BUILD_HOOK_URL = os.environ.get("PORTAL_BUILD_HOOK_URL", "")
PORTAL_REBUILD_DELAY = float(os.environ.get("PORTAL_REBUILD_DELAY", "1.0"))
# Commit every export to git with the editor as author, so each publish has history; push the
# commits to the checkout's upstream branch (what Netlify builds) with PORTAL_GIT_PUSH.
PORTAL_GIT_COMMIT = os.environ.get("PORTAL_GIT_COMMIT", "0") == "1"
PORTAL_GIT_PUSH = os.environ.get("PORTAL_GIT_PUSH", "0") == "1"

# A new translation starts as a draft: it goes live only when someone allowed to publish it does.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# DeepL drafts every locale in locales.machine; off without a key.
DEEPL_AUTH_KEY = os.environ.get("DEEPL_AUTH_KEY", "")
DEEPL_SERVER_URL = os.environ.get("DEEPL_SERVER_URL", "")
PORTAL_MACHINE_DRAFTS = os.environ.get("PORTAL_MACHINE_DRAFTS", "1") == "1"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "machine_translation.machine_translator.PortalDeepLTranslator",
                                      "OPTIONS": {}}
# Drafting runs as a background task: at once in development, in a worker in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
