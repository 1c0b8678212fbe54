"""portal_cms.settings.production, loaded in a child process with the environment a CMS host has
(README, "Deploying"): media on S3-compatible storage, secure cookies behind the proxy, clear
errors for what is missing, and `manage.py check --deploy` without warnings."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CMS = Path(__file__).resolve().parents[2] / "cms"
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
media = storages["default"]
print(json.dumps({
    "media": type(media).__module__ + "." + type(media).__name__,
    "bucket": getattr(media, "bucket_name", None),
    "endpoint": getattr(media, "endpoint_url", None),
    "region": getattr(media, "region_name", None),
    "access_key": getattr(media, "access_key", None),
    "media_url": media.url("original_images/harbour.jpg"),
    "media_root": str(settings.MEDIA_ROOT),
    "static": type(storages["staticfiles"]).__name__,
    "database": settings.DATABASES["default"]["ENGINE"],
    "cookies_secure": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "proxy_header": list(settings.SECURE_PROXY_SSL_HEADER),
    "csrf_origins": settings.CSRF_TRUSTED_ORIGINS,
    "admin_url": settings.WAGTAILADMIN_BASE_URL,
    "rebuild": [settings.PORTAL_REBUILD, settings.PORTAL_GIT_COMMIT, settings.PORTAL_GIT_PUSH],
}))
"""


def git(*arguments, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], cwd=cwd,
                   check=True, capture_output=True)


@pytest.fixture
def content_checkout(tmp_path):
    """content/ in a clone whose branch tracks a remote, as on the CMS host."""
    (tmp_path / "site/content").mkdir(parents=True)
    (tmp_path / "site/content/README").write_text("content\n")
    git("init", "-q", "-b", "main", cwd=tmp_path / "site")
    git("add", "-A", cwd=tmp_path / "site")
    git("commit", "-qm", "start", cwd=tmp_path / "site")
    git("init", "-q", "--bare", "-b", "main", str(tmp_path / "origin.git"), cwd=tmp_path)
    git("remote", "add", "origin", str(tmp_path / "origin.git"), cwd=tmp_path / "site")
    git("push", "-q", "-u", "origin", "main", cwd=tmp_path / "site")
    return tmp_path / "site/content"


@pytest.fixture
def environment(content_checkout, tmp_path):
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("DJANGO_", "PORTAL_", "AWS_", "WAGTAIL")) and key != "DATABASE_URL"}
    return {**clean, "PYTHONPATH": str(CMS), "DJANGO_SETTINGS_MODULE": "portal_cms.settings.production",
            "DJANGO_SECRET_KEY": "k3Yq0c9rW1x-Ls7P2mVtBz8eN4hJ6uA5dF0gR2sT9yU1iO3pQ7wE",
            "DJANGO_ALLOWED_HOSTS": "cms.northvale.example",
            "DATABASE_URL": "postgresql://portal:s3cret@127.0.0.1:5432/portal",
            "PORTAL_CONTENT_DIR": str(content_checkout),
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "PORTAL_MEDIA_BUCKET": "northvale-media",
            "PORTAL_MEDIA_ENDPOINT_URL": "https://objects.storage.example.net",
            "PORTAL_MEDIA_REGION": "eu-central-3",
            "AWS_ACCESS_KEY_ID": "PORTALMEDIAKEY", "AWS_SECRET_ACCESS_KEY": "portal-media-secret"}


def probe(environment):
    result = subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True,
                            timeout=120)
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def test_media_go_to_the_s3_compatible_bucket_named_in_the_environment(environment):
    result, found = probe(environment)
    assert result.returncode == 0, result.stderr
    assert found["media"] == "storages.backends.s3.S3Storage"
    assert (found["bucket"], found["endpoint"], found["region"]) == (
        "northvale-media", "https://objects.storage.example.net", "eu-central-3")
    assert found["access_key"] == "PORTALMEDIAKEY"
    assert found["media_url"].startswith(
        "https://objects.storage.example.net/northvale-media/original_images/harbour.jpg?")
    assert found["static"] == "ManifestStaticFilesStorage"
    assert found["database"] == "django.db.backends.postgresql"
    assert found["cookies_secure"] is True
    assert found["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["csrf_origins"] == ["https://cms.northvale.example"]
    assert found["admin_url"] == "https://cms.northvale.example"
    assert found["rebuild"] == ["netlify", True, True]


def test_without_a_bucket_media_stay_on_the_local_disk(environment, tmp_path):
    for name in ("PORTAL_MEDIA_BUCKET", "PORTAL_MEDIA_ENDPOINT_URL", "PORTAL_MEDIA_REGION"):
        del environment[name]
    environment["DJANGO_MEDIA_ROOT"] = str(tmp_path / "media")
    result, found = probe(environment)
    assert result.returncode == 0, result.stderr
    assert found["media"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["media_root"] == str(tmp_path / "media")
    assert found["media_url"] == "/media/original_images/harbour.jpg"


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_a_missing_variable_stops_the_start_naming_it(environment, name):
    del environment[name]
    result, _ = probe(environment)
    assert result.returncode != 0
    assert f"{name} is not set" in result.stderr


@pytest.mark.parametrize(("change", "message"), [
    ({"DATABASE_URL": "sqlite:////srv/portal/db.sqlite3"}, "DATABASE_URL must be a postgresql:// URL"),
    ({"PORTAL_MEDIA_BUCKET": ""}, "PORTAL_MEDIA_ENDPOINT_URL is set but PORTAL_MEDIA_BUCKET is not"),
    ({"PORTAL_GIT_PUSH": "0"}, "PORTAL_REBUILD=netlify needs PORTAL_GIT_PUSH=1 or PORTAL_BUILD_HOOK_URL"),
    ({"PORTAL_GIT_PUSH": "yes"}, "PORTAL_GIT_PUSH must be 0 or 1, not 'yes'"),
])
def test_a_wrong_value_stops_the_start_saying_what_to_fix(environment, change, message):
    environment.update(change)
    result, _ = probe(environment)
    assert result.returncode != 0
    assert message in result.stderr


def check_deploy(environment):
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=CMS,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_finds_nothing_to_fix(environment):
    result = check_deploy(environment)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_checkout_that_cannot_push(environment, content_checkout):
    subprocess.run(["git", "branch", "--unset-upstream"], cwd=content_checkout, check=True)
    result = check_deploy(environment)
    assert result.returncode != 0
    assert "portal.E003" in result.stderr and "no upstream" in result.stderr
