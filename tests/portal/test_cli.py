"""The `portal` command as an editor uses it."""
import os
import subprocess
import sys

from portal.cli import main
from portal.config import PROJECT_ROOT


def test_help_lists_the_subcommands():
    result = subprocess.run([sys.executable, "-m", "portal.cli", "--help"], capture_output=True, text=True,
                            cwd=PROJECT_ROOT)
    assert result.returncode == 0
    for command in ("check", "build", "serve", "revision", "i18n"):
        assert command in result.stdout


def test_revision_changes_with_the_text_but_not_with_facts(tmp_path, capsys):
    page = tmp_path / "page.md"
    base = "---\nid: x\ntitle: Title\nsummary: Sum.\nphone: '+43 1'\n---\nBody.\n"
    page.write_text(base)
    assert main(["revision", str(page)]) == 0
    first = capsys.readouterr().out.split()[0]
    page.write_text(base.replace("+43 1", "+43 2"))
    main(["revision", str(page)])
    assert capsys.readouterr().out.split()[0] == first
    page.write_text(base.replace("Body.", "Body changed."))
    main(["revision", str(page)])
    assert capsys.readouterr().out.split()[0] != first


def test_build_replaces_output_and_prints_page_weights(tmp_path, capsys):
    output = tmp_path / "site"
    output.mkdir()
    (output / "stale.html").write_text("old")
    assert main(["build", "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "guide" in printed and "max KB" in printed
    assert not (output / "stale.html").exists()
    assert (output / "ar" / "index.html").exists()


def test_bad_configuration_exits_2_with_the_key(tmp_path, capsys):
    bad = tmp_path / "portal.yaml"
    bad.write_text((PROJECT_ROOT / "portal.yaml").read_text().replace("source: en", "source: english"))
    assert main(["--config", str(bad), "check"]) == 2
    assert "locales.source" in capsys.readouterr().err


def test_the_portal_command_reports_everything_through_a_pipe_before_it_exits(tmp_path):
    """`portal` leaves without tearing the interpreter down: what it printed must still arrive
    whole, and its status must be the build's."""
    from tests.site_generator.small_site import write_small_site

    content = write_small_site(tmp_path / "content")
    command = [sys.executable, "-m", "portal.cli", "build", "--content", str(content), "--output", str(tmp_path / "site")]
    # Buffered, as on a server or in CI, where PYTHONUNBUFFERED is not set.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    built = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=environment)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built ") and "Search index per locale" in built.stdout
    assert (tmp_path / "site" / "en" / "work" / "find-a-job" / "index.html").is_file()

    page = content / "en" / "work" / "find-a-job.md"
    page.write_text(page.read_text(encoding="utf-8").replace("kind: guide", "kind: novel"), encoding="utf-8")
    failed = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=environment)
    assert failed.returncode == 1
    assert "nothing was written" in failed.stderr and "en/work/find-a-job.md" in failed.stderr
