"""One build: content/ in, a complete site out, or nothing changed at all.

The site is written to a temporary folder beside the output folder and replaces it only
when the build found no problem, so a failed build never leaves a half-written site.
"""
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from portal.config import PROJECT_ROOT

from .build_state import BuildState
from .problems import BuildFailed
from .settings import pelican_settings


def build_site(config, content_dir=None, output_dir=None, keep_output=True):
    """Build the site; return the BuildState. Raise BuildFailed listing every problem."""
    content_dir = Path(content_dir or PROJECT_ROOT / "content").resolve()
    output_dir = Path(output_dir or PROJECT_ROOT / "output").resolve()
    label = _shown(content_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-building-", dir=output_dir.parent))
    state = BuildState(config=config)
    started = time.perf_counter()
    try:
        settings = pelican_settings(config, state, content_dir, staging, content_label=label)
        quiet = console.quiet
        console.quiet = True
        logging.getLogger("pelican").setLevel(logging.WARNING)
        try:
            Pelican(settings).run()
        finally:
            console.quiet = quiet
        if state.problems:
            raise BuildFailed(state.problems)
        state.seconds = time.perf_counter() - started
        state.pages_written = sum(1 for name in state.outputs if name.endswith(".html"))
        if keep_output:
            _replace(output_dir, staging)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return state


def _shown(path):
    """How problems name the content folder: relative when it is inside the project."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _replace(output_dir, staging):
    staging.chmod(0o755)
    if output_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-old-", dir=output_dir.parent))
        os.rename(output_dir, retired / "site")
        os.rename(staging, output_dir)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, output_dir)
