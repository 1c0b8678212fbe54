"""The `portal` command as an editor uses it."""
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
