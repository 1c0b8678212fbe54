"""The Netlify rules the build derives from portal.yaml: the content security policy (the site's
own host, and the map's tile host) and the language redirects of `/`."""
from site_generator.plugins.netlify_rules import content_security_policy, language_conditions, redirect_rules


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


def test_a_browser_language_goes_to_the_locale_of_that_language():
    conditions = language_conditions(["en", "zh-hans", "pt-br", "ar"])
    assert conditions == {"en": ["en"], "zh-hans": ["zh-hans", "zh"], "pt-br": ["pt-br", "pt"], "ar": ["ar"]}


def test_a_locale_that_is_the_bare_language_keeps_it_and_the_first_variant_takes_it_otherwise():
    # pt is configured itself, so pt-BR browsers (primary subtag pt) go there, not to pt-br;
    # zh-hans comes before zh-hant, so zh browsers go to zh-hans; the cookie still picks either.
    conditions = language_conditions(["pt-br", "pt", "zh-hans", "zh-hant"])
    assert conditions == {"pt-br": ["pt-br"], "pt": ["pt"], "zh-hans": ["zh-hans", "zh"], "zh-hant": ["zh-hant"]}


def test_the_redirects_file_lists_languages_first_then_each_locales_404_page():
    lines = [line for line in redirect_rules(["en", "zh-hans"]).splitlines() if not line.startswith("#")]
    assert lines == ["/  /en/  302!  Language=en", "/  /zh-hans/  302!  Language=zh-hans,zh",
                     "/en/*  /en/404.html  404", "/zh-hans/*  /zh-hans/404.html  404"]
