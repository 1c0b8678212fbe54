"""The Netlify deployment as Netlify would read it: netlify.toml, plus the _headers and
_redirects that the build writes beside the pages, checked rule by rule against the built
sample site."""
import re
import tomllib

import pytest

from portal.config import PROJECT_ROOT

LONG = "public, max-age=31536000, immutable"
# What Netlify sends for a path no rule gives a Cache-Control: cache, but revalidate every time.
NETLIFY_DEFAULT_CACHE = "public, max-age=0, must-revalidate"
FINGERPRINT = re.compile(r"\.[0-9a-f]{10}(\.|/)")


def netlify_pattern(path):
    """A header rule's path as Netlify matches it: `:name` is one segment, `*` alone the rest
    of the path, `*` inside a segment any text."""
    parts = []
    for part in filter(None, path.split("/")):
        if part.startswith(":"):
            parts.append("([^/]+)")
        elif part == "*":
            parts.append("?(.*)")
        else:
            parts.append("(.*)".join(re.escape(text) for text in part.split("*")))
    return re.compile(f"^/{'/'.join(parts)}/?$", re.IGNORECASE)


def file_header_rules(text):
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.startswith((" ", "\t")):
            rules.append({"for": line.strip(), "values": {}})
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1]["values"][name.strip()] = value.strip()
    return rules


@pytest.fixture(scope="module")
def netlify():
    return tomllib.loads((PROJECT_ROOT / "netlify.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def output(sample_site):
    return sample_site[0]


@pytest.fixture(scope="module")
def header_rules(netlify, output):
    return file_header_rules((output / "_headers").read_text(encoding="utf-8")) + netlify["headers"]


@pytest.fixture(scope="module")
def redirects(output):
    rules = []
    for line in (output / "_redirects").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, target, status, *conditions = line.split()
            rules.append({"from": source, "to": target, "status": status,
                          "conditions": dict(condition.split("=", 1) for condition in conditions)})
    return rules


@pytest.fixture(scope="module")
def site_paths(output):
    """Every URL path of the built site: files, and folders by their index page."""
    paths = {"/sw.js"}  # the service worker, whether or not this build has one
    for path in output.rglob("*"):
        if path.is_file() and not path.name.startswith("_"):
            relative = path.relative_to(output).as_posix()
            paths.add("/" + relative)
            if path.name == "index.html":
                paths.add("/" + relative[:-len("index.html")])
    return paths


def headers_for(rules, path):
    """Every value each header gets from the rules that match `path`."""
    found = {}
    for rule in rules:
        if netlify_pattern(rule["for"]).match(path):
            for name, value in rule["values"].items():
                found.setdefault(name.lower(), []).append(value)
    return found


def test_netlify_builds_with_the_developers_command_and_publishes_the_output(netlify):
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert netlify["build"]["command"] == "make build"
    assert re.search(r"^build: .*\n\t\$\(BIN\)/portal build$", makefile, re.MULTILINE)
    assert netlify["build"]["publish"] == "output"


def test_the_function_is_bundled_with_every_search_file_it_reads(netlify, output):
    functions = netlify["functions"]
    assert (PROJECT_ROOT / functions["directory"] / "chat.mjs").is_file()
    globs = [re.compile(re.escape(pattern).replace(r"\*\*", ".*").replace(r"\*", "[^/]*") + "$")
             for pattern in functions["included_files"]]
    # The globs are relative to the repository; the sample site stands in for output/.
    read_by_function = [f"output/{path.relative_to(output).as_posix()}" for path in output.glob("*/search/*")]
    assert len(read_by_function) > 15
    for path in read_by_function:
        assert any(glob.match(path) for glob in globs), path
    assert any(pattern.startswith("node_modules/lunr/") for pattern in functions["included_files"])


def test_root_redirects_each_configured_language_home_forced(redirects, config):
    root = [rule for rule in redirects if rule["from"] == "/"]
    assert [rule["to"] for rule in root] == [f"/{code}/" for code in config.locale_codes]
    assert all(rule["status"] == "302!" for rule in root), "forced: / has a page of its own"
    routed = {}
    for rule in root:
        for language in rule["conditions"]["Language"].split(","):
            assert language not in routed, f"{language} routed twice"
            routed[language] = rule["to"]
    codes = config.locale_codes
    for code in codes:
        assert routed[code] == f"/{code}/", "the value the picker stores in nf_lang"
        # Netlify compares the first Accept-Language tag's language: zh-CN and zh-TW are zh.
        primary = code.split("-")[0]
        owner = primary if primary in codes else next(other for other in codes if other.startswith(primary + "-"))
        assert routed[primary] == f"/{owner}/"


def test_every_locale_has_its_own_404_page(redirects, config, output):
    for code in config.locale_codes:
        assert {"from": f"/{code}/*", "to": f"/{code}/404.html", "status": "404", "conditions": {}} in redirects
        assert (output / code / "404.html").is_file()
    assert (output / "404.html").is_file(), "Netlify's default for everything else"


def test_the_content_security_policy_allows_no_inline_script_and_no_other_host(header_rules):
    policies = headers_for(header_rules, "/en/")["content-security-policy"]
    assert len(policies) == 1
    directives = {part.split()[0]: part.split()[1:] for part in policies[0].split("; ")}
    assert directives["default-src"] == ["'self'"] and directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)


def test_every_response_carries_the_security_headers(header_rules, site_paths):
    for path in ["/", "/en/", "/ar/404.html", "/assets/"] + sorted(site_paths)[:50]:
        headers = {name: values[-1] for name, values in headers_for(header_rules, path).items()}
        hsts = dict(re.match(r"\s*([^=]+)=?(.*)", part).groups() for part in headers["strict-transport-security"].split(";"))
        assert int(hsts["max-age"]) >= 365 * 24 * 3600 and "includeSubDomains" in hsts, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] in ("no-referrer", "same-origin"), "paths say what readers look for"
        features = dict(part.strip().split("=") for part in headers["permissions-policy"].split(","))
        assert features.pop("geolocation") == "(self)", "services near me"
        assert features and set(features.values()) == {"()"}


def test_no_header_is_set_in_both_netlify_toml_and_the_builds_headers(netlify, output):
    in_toml = {name.lower() for rule in netlify["headers"] for name in rule["values"]}
    in_file = {name.lower() for rule in file_header_rules((output / "_headers").read_text(encoding="utf-8"))
               for name in rule["values"]}
    assert not in_toml & in_file


def test_no_path_gets_two_cache_control_values(header_rules, site_paths):
    for path in site_paths:
        assert len(headers_for(header_rules, path).get("cache-control", [])) <= 1, path


def test_fingerprinted_files_are_cached_for_good_and_everything_else_revalidated(header_rules, site_paths):
    def cache_control(path):
        return headers_for(header_rules, path).get("cache-control", [NETLIFY_DEFAULT_CACHE])[0]

    assets = [path for path in site_paths if path.startswith("/assets/") and not path.endswith("/")]
    assert assets and all(FINGERPRINT.search(path) for path in assets), "files under /assets/ must carry a hash"
    chunks = [path for path in site_paths if re.search(r"/search/(shard|store)-", path)]
    assert chunks and all(FINGERPRINT.search(path) for path in chunks)
    for path in assets + chunks:
        assert cache_control(path) == LONG, path
    unhashed = [path for path in site_paths if path not in assets + chunks and path != "/sw.js"]
    assert "/en/" in unhashed and "/en/search/manifest.json" in unhashed and "/en/ui-texts.json" in unhashed
    for path in unhashed:
        assert "max-age=0" in cache_control(path) or cache_control(path) == "no-cache", path
    assert cache_control("/sw.js") == "no-cache"
