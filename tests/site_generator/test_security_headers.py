"""The content security policy: the site's own host, and the map's tile host from portal.yaml."""
from site_generator.plugins.security_headers import content_security_policy


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_without_a_map_only_the_site_itself_is_allowed(sample_site):
    output, _ = sample_site
    text = (output / "_headers").read_text(encoding="utf-8")
    assert text.startswith("/*\n  Content-Security-Policy: ")
    policy = directives(text.split("Content-Security-Policy: ")[1].strip())
    assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("http" in value for values in policy.values() for value in values)


def test_the_tile_host_is_the_one_other_host_and_only_for_images():
    policy = directives(content_security_policy("https://tiles.example.org/{z}/{x}/{y}.png"))
    assert policy["img-src"] == ["'self'", "data:", "https://tiles.example.org"]
    others = [value for name, values in policy.items() if name != "img-src" for value in values]
    assert not any("example.org" in value for value in others)
    subdomains = directives(content_security_policy("https://{s}.tile.example.net/{z}/{x}/{y}.png"))
    assert subdomains["img-src"][-1] == "https://*.tile.example.net"
