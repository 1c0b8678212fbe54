"""The read-aloud component's voice matching and text preparation, tested under Node."""
from tests.node_tests import run_node_tests


def test_listen_modules(tmp_path):
    run_node_tests(["tests/site_generator/listen.test.mjs"], tmp_path)
