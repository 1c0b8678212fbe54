"""The chat function under Node's test runner, against the built sample site's search files."""
from tests.node_tests import run_node_tests


def test_chat_function(sample_site):
    run_node_tests(["tests/chat_widget/function.test.mjs"], sample_site[0])
