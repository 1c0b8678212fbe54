"""The service directory's browser modules (open now, distances), tested under Node with
device clocks in zones far from the portal's: the answers must follow the portal's zone."""
import pytest

from tests.node_tests import run_node_tests

TESTS = ["tests/site_generator/services.test.mjs"]


@pytest.mark.parametrize("device_zone", ["UTC", "America/Los_Angeles", "Asia/Tokyo"])
def test_services_modules(sample_site, device_zone):
    run_node_tests(TESTS, sample_site[0], TZ=device_zone)
