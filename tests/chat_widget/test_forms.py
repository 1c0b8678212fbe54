"""The local server's stand-in for Netlify Forms, under Node's test runner, against the built
sample site's feedback form."""
from tests.node_tests import run_node_tests


def test_local_server_answers_the_feedback_form_like_netlify(sample_site):
    run_node_tests(["tests/chat_widget/forms.test.mjs"], sample_site[0])
