"""Every HTML file of every locale is valid HTML, by the Nu Html Checker (vnu-jar from npm, on Java).

Without Java the check skips, unless REQUIRE_JAVA=1 (as in CI, where .ci/run installs it), where
it fails.
"""
import json
import os
import shutil
import subprocess

import pytest

from portal.config import PROJECT_ROOT

VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run: the quick compiler alone and the serial collector finish it in about half the
# time; the checker's schema then needs a deeper thread stack than the default.
JAVA_OPTIONS = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


@pytest.fixture(scope="module")
def java():
    path = shutil.which("java")
    if path is None:
        message = "Java is not on PATH, so the HTML check cannot run (apt-get install default-jre-headless)"
        if os.environ.get("REQUIRE_JAVA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(PROJECT_ROOT)} is missing: run `npm ci`")
    return path


def nu_errors(java, output, files):
    """The checker's errors as 'file:line: message', one Java start for every file (it is slow to start)."""
    result = subprocess.run([java, *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                             *[str(path) for path in files]], capture_output=True, text=True)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu Html Checker gave no report (exit {result.returncode}): {result.stderr[-2000:]}")
    errors = []
    for message in messages:
        where = message.get("url", "").removeprefix("file:")
        if where.startswith(str(output)):
            where = "output" + where[len(str(output)):]
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_every_page_of_every_locale_is_valid_html(java, sample_site, config):
    output = sample_site[0]
    files = sorted(output.rglob("*.html"))
    assert {path.relative_to(output).parts[0] for path in files} >= set(config.locale_codes)
    errors = nu_errors(java, output, files)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:200])


def test_the_checker_reports_an_invalid_page_with_file_and_line(java, tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html>\n<html lang="en"><title>x</title>\n<p><div>in a paragraph</p></html>\n',
                    encoding="utf-8")
    errors = nu_errors(java, tmp_path, [page])
    assert errors and errors[0].startswith("output/page.html:3: "), errors
