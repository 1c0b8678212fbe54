"""A CMS host in miniature: a PostgreSQL database of the machine's server (127.0.0.1:5432, user
postgres) migrated and loaded with the small site under the production settings, and the
content checkout the CMS publishes through, pushing to a bare repository that stands for the
one Netlify builds from."""
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..site_generator.small_site import write_small_site

PROJECT = Path(__file__).resolve().parents[2]
SERVER = "postgresql://postgres@127.0.0.1:5432"


def postgres(sql, database="postgres"):
    import psycopg

    with psycopg.connect(f"{SERVER}/{database}", autocommit=True, connect_timeout=5) as connection:
        rows = connection.execute(sql)
        return rows.fetchall() if rows.description else None


def create_database():
    name = f"portal_deploy_test_{secrets.token_hex(4)}"
    postgres(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name):
    postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def git(*arguments, cwd):
    return subprocess.run(["git", "-c", "user.name=Developer", "-c", "user.email=dev@example.org", *arguments],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def manage(*arguments, env):
    """As cron and the README run it: from the code checkout, with the virtualenv's Python."""
    result = subprocess.run([sys.executable, "cms/manage.py", *arguments], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="package")
def host(tmp_path_factory):
    if shutil.which("pg_dump") is None:
        pytest.skip("PostgreSQL's client tools (pg_dump, pg_restore) are not installed")
    try:
        postgres("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure to connect means no server to test against
        pytest.skip(f"no PostgreSQL server at {SERVER}: {error}")
    root = tmp_path_factory.mktemp("host")
    checkout = root / "site"
    write_small_site(checkout / "content")
    git("init", "-q", "-b", "main", cwd=checkout)
    git("add", "-A", cwd=checkout)
    git("commit", "-qm", "Content", cwd=checkout)
    git("init", "-q", "--bare", "-b", "main", str(root / "origin.git"), cwd=root)
    git("remote", "add", "origin", str(root / "origin.git"), cwd=checkout)
    git("push", "-q", "-u", "origin", "main", cwd=checkout)
    database = create_database()
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("DJANGO_", "PORTAL_", "AWS_", "WAGTAIL")) and key != "DATABASE_URL"}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "portal_cms.settings.production",
           "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "cms.northvale.example",
           "DATABASE_URL": f"{SERVER}/{database}", "PORTAL_CONTENT_DIR": str(checkout / "content"),
           "DJANGO_STATIC_ROOT": str(root / "static"), "DJANGO_MEDIA_ROOT": str(root / "media")}
    try:
        # README's first steps on the server, in its order.
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("import_content", env=env)
        manage("setup_roles", env=env)
        assert "no issues" in manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        yield {"env": env, "database": database, "root": root, "checkout": checkout, "origin": root / "origin.git"}
    finally:
        drop_database(database)
