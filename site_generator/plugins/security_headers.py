"""After the site: output/_headers, Netlify's file of response headers, with the content
security policy. Pages load scripts, styles, data and images from the site itself only; the
map's tile host, from portal.yaml, is the one other host, for images. Written by the build so
that the tile host stays a fact of portal.yaml alone."""
from urllib.parse import urlsplit

from pelican import signals


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


def write_headers(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    policy = content_security_policy(state.config.map_tile_url)
    state.write(pelican.output_path, "_headers", f"/*\n  Content-Security-Policy: {policy}\n", "headers")


def register():
    signals.finalized.connect(write_headers)
