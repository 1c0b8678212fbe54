"""After the site: the two Netlify files whose rules follow from portal.yaml, written by the build
so that the locale list and the map's tile host stay facts of portal.yaml alone. netlify.toml
holds every rule that does not depend on portal.yaml.

output/_headers: the content security policy. Pages load scripts, styles, data and images from
the site itself only; the map's tile host is the one other host, for images.

output/_redirects: `/` sends a reader whose browser names one of the site's languages first
(or who chose one in the language picker, which stores it in the `nf_lang` cookie) to that
language's home; everybody else gets the picker. Netlify compares a Language condition with
the first Accept-Language tag only, so the picker stays the fallback, and the rule must be
forced because `/` has a page of its own. A missing page under `/<locale>/` gets that
locale's 404 page; anything else gets `/404.html`, Netlify's default.
"""
from urllib.parse import urlsplit

from pelican import signals

from ..build_state import build_step

LANGUAGE_COOKIE = "nf_lang"


def content_security_policy(tile_url):
    images = ["'self'", "data:"]
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.netloc if "{s}" not in tile_url else "*." + parts.netloc.split(".", 1)[1]
        images.append(f"{parts.scheme}://{host}")
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", f"img-src {' '.join(images)}",
        "connect-src 'self'", "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
        "base-uri 'self'", "object-src 'none'"])


def language_conditions(codes):
    """Each locale code -> the Language values its redirect matches, in order.

    The code itself is what the language picker stores in the cookie. The primary subtag
    (`zh` for zh-hans, `pt` for pt-br) is what a browser's first Accept-Language tag
    (`zh-CN`, `pt-BR`, `pt`) comes down to; it goes to the locale that is exactly that code
    if there is one, otherwise to the first locale configured with it.
    """
    claimed = set(codes)
    conditions = {}
    for code in codes:
        primary = code.split("-")[0]
        conditions[code] = [code]
        if primary not in claimed:
            conditions[code].append(primary)
            claimed.add(primary)
    return conditions


def redirect_rules(codes):
    lines = [f"# Written by the build from portal.yaml ({__name__}); netlify.toml holds the rest.",
             f"# {LANGUAGE_COOKIE} (set by the language picker) or the browser's first language picks the home page."]
    for code, values in language_conditions(codes).items():
        lines.append(f"/  /{code}/  302!  Language={','.join(values)}")
    lines.append("# A missing page gets its locale's 404 page.")
    lines += [f"/{code}/*  /{code}/404.html  404" for code in codes]
    return "\n".join(lines) + "\n"


@build_step("netlify rules")
def write_rules(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    policy = content_security_policy(state.config.map_tile_url)
    state.write(pelican.output_path, "_headers", f"/*\n  Content-Security-Policy: {policy}\n", "headers")
    state.write(pelican.output_path, "_redirects", redirect_rules(state.config.locale_codes), "redirects")


def register():
    signals.finalized.connect(write_rules)
