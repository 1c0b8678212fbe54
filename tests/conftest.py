"""Shared fixtures: one build of the sample site per test session."""
import os

import pytest

from portal.config import load_config
from site_generator.build import build_site

# Pinned so "upcoming" and "temporarily closed" do not depend on the day the tests run.
os.environ.setdefault("PORTAL_BUILD_DATE", "2026-11-22")


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, config):
    output = tmp_path_factory.mktemp("sample") / "output"
    state = build_site(config, output_dir=output)
    return output, state
