"""Node's own test runner, driven from pytest so `make test` runs the JavaScript tests too."""
import os
import shutil
import subprocess

import pytest

from portal.config import PROJECT_ROOT


def run_node_tests(paths, output, **env):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js 20 is required for these tests")
    result = subprocess.run([node, "--test", *paths], cwd=PROJECT_ROOT,
                            env={**os.environ, "SEARCH_OUTPUT": str(output), **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
