"""A page over the first-view budget fails the whole build, naming the page's content file."""
import dataclasses

import pytest

from portal.config import load_config
from site_generator.build import build_site
from site_generator.problems import BuildFailed

from .small_site import write_small_site


def test_pages_over_the_budget_fail_the_build_and_listings_do_not(tmp_path):
    config = load_config()
    tight = dataclasses.replace(config, budgets=dataclasses.replace(config.budgets, page_weight_kb=1))
    content = write_small_site(tmp_path / "content")
    with pytest.raises(BuildFailed) as caught:
        build_site(tight, content_dir=content, output_dir=tmp_path / "output")
    found = [str(problem) for problem in caught.value.problems if "budget" in problem.message]
    guide = next(p for p in found if "/ar/work/find-a-job/index.html:" in p)
    assert guide.startswith(f"{content}/ar/work/find-a-job.md: /ar/work/find-a-job/index.html: first view weighs ")
    assert guide.endswith("KB compressed, over the 1 KB budget in portal.yaml")
    assert any(p.startswith("output/en/index.html: ") for p in found), "the home page is held to it too"
    assert not [p for p in found if "/en/work/index.html" in p or "/en/services/index.html" in p], \
        "listings grow with the content and are reported, not held"
    assert not (tmp_path / "output").exists()
