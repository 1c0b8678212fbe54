"""deploy/backup.sh and deploy/restore.sh: a backup of the CMS restores into another database
with the same pages, the media and content/ with its history."""
import subprocess

from .conftest import PROJECT, SERVER, create_database, drop_database, git, postgres

COUNTS = ("SELECT (SELECT count(*) FROM wagtailcore_page), (SELECT count(*) FROM wagtailcore_revision), "
          "(SELECT count(*) FROM auth_group)")


def run(script, *arguments, env):
    result = subprocess.run(["bash", str(PROJECT / "deploy" / script), *arguments], env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{script}:\n{result.stderr}"
    return result.stdout.strip()


def test_a_backup_restores_into_another_database(host, tmp_path):
    media = host["root"] / "media" / "original_images"
    media.mkdir(parents=True, exist_ok=True)
    (media / "harbour.jpg").write_bytes(b"\xff\xd8 a photo \xff\xd9")
    (tmp_path / "backups" / "20200101T000000Z").mkdir(parents=True)  # an old backup, past keeping
    backup = run("backup.sh", str(tmp_path / "backups"), env={**host["env"], "PORTAL_BACKUP_KEEP": "1"})
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == [backup.rsplit("/", 1)[1]]

    original = postgres(COUNTS, host["database"])
    assert original[0][0] > 10
    restored = create_database()
    try:
        env = {**host["env"], "DATABASE_URL": f"{SERVER}/{restored}", "DJANGO_MEDIA_ROOT": str(tmp_path / "media")}
        run("restore.sh", backup, env=env)
        assert postgres(COUNTS, restored) == original
        run("restore.sh", backup, env=env)  # over a database that is not empty: what a real restore meets
        assert postgres(COUNTS, restored) == original
    finally:
        drop_database(restored)
    assert (tmp_path / "media/original_images/harbour.jpg").read_bytes() == b"\xff\xd8 a photo \xff\xd9"

    git("clone", "-q", f"{backup}/content.bundle", str(tmp_path / "content-restored"), cwd=tmp_path)
    assert git("log", "-1", "--format=%s", cwd=tmp_path / "content-restored") == git(
        "log", "-1", "--format=%s", cwd=host["checkout"])
    assert (tmp_path / "content-restored/content/en/work/find-a-job.md").read_text() == (
        host["checkout"] / "content/en/work/find-a-job.md").read_text()


def test_restore_refuses_a_folder_that_is_not_a_backup(host, tmp_path):
    result = subprocess.run(["bash", str(PROJECT / "deploy/restore.sh"), str(tmp_path)], env=host["env"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{tmp_path}/database.dump not found" in result.stderr


def test_media_in_a_bucket_are_copied_with_the_cms_endpoint_and_region(host, tmp_path):
    """No S3 server here: a stand-in `aws` on PATH records what the scripts ask of it."""
    calls = tmp_path / "aws-calls"
    stand_in = tmp_path / "bin/aws"
    stand_in.parent.mkdir()
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    stand_in.chmod(0o755)
    env = {**host["env"], "PATH": f"{stand_in.parent}:{host['env']['PATH']}", "PORTAL_MEDIA_BUCKET": "northvale-media",
           "PORTAL_MEDIA_ENDPOINT_URL": "https://objects.storage.example.net", "PORTAL_MEDIA_REGION": "eu-central-3"}
    backup = run("backup.sh", str(tmp_path / "backups"), env=env)
    restored = create_database()
    try:
        run("restore.sh", backup, env={**env, "DATABASE_URL": f"{SERVER}/{restored}"})
    finally:
        drop_database(restored)
    options = "--only-show-errors --endpoint-url https://objects.storage.example.net --region eu-central-3"
    assert calls.read_text().splitlines() == [f"s3 sync {options} s3://northvale-media {backup}.partial/media",
                                              f"s3 sync {options} {backup}/media s3://northvale-media"]
