"""The chat function and the local server under Node's test runner, against the built sample
site's search files; and the Netlify configuration that deploys the function."""
import tomllib

from portal.config import PROJECT_ROOT
from tests.node_tests import run_node_tests


def test_chat_function(sample_site):
    run_node_tests(["tests/chat_widget/function.test.mjs", "tests/chat_widget/server.test.mjs",
                    "tests/chat_widget/quality.test.mjs"], sample_site[0])


def test_netlify_deploys_the_function_with_the_search_files_it_reads():
    config = tomllib.loads((PROJECT_ROOT / "netlify.toml").read_text(encoding="utf-8"))
    functions = config["functions"]
    assert (PROJECT_ROOT / functions["directory"] / "chat.mjs").exists()
    assert "output/*/search/**" in functions["included_files"]
    assert config["build"]["command"] == "make build" and config["build"]["publish"] == "output"


def test_the_widget_code_stays_within_ten_kilobytes_compressed():
    import gzip

    code = (PROJECT_ROOT / "chat_widget" / "component" / "chat.mjs").read_bytes()
    assert len(gzip.compress(code, compresslevel=9)) <= 10 * 1024
