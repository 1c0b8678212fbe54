"""Stylesheets and scripts, written under fingerprinted names so browsers may cache them for good.

Components keep their styles beside their templates and scripts; their CSS is appended to the
one site stylesheet so a page loads one file. Scripts are ES modules that import each other by
relative name, so they share one fingerprinted folder instead of each carrying a hash.
"""
import hashlib
from pathlib import Path

from portal.config import PROJECT_ROOT

THEME_STATIC = Path(__file__).resolve().parent / "theme" / "static"
# Each component folder holds its templates, styles and scripts together.
SERVICES = Path(__file__).resolve().parent / "components" / "services"
EVENTS = Path(__file__).resolve().parent / "components" / "events"
FEEDBACK = Path(__file__).resolve().parent / "components" / "feedback"
LISTEN = Path(__file__).resolve().parent / "components" / "listen"
# The offline component's service worker is not among SCRIPTS: it is published as /sw.js by
# plugins/offline_lists.py, with the build's facts written in.
OFFLINE = Path(__file__).resolve().parent / "components" / "offline"
COMPONENTS = [PROJECT_ROOT / "search_index" / "component", PROJECT_ROOT / "chat_widget" / "component", SERVICES,
              FEEDBACK, LISTEN, OFFLINE]
LEAFLET = PROJECT_ROOT / "node_modules" / "leaflet" / "dist"
SCRIPTS = {
    "portal.mjs": THEME_STATIC / "portal.mjs",
    "events.mjs": EVENTS / "events.mjs",
    "search.mjs": PROJECT_ROOT / "search_index" / "component" / "search.mjs",
    "engine.mjs": PROJECT_ROOT / "search_index" / "engine.mjs",
    "analysis.mjs": PROJECT_ROOT / "search_index" / "analysis.mjs",
    "shards.mjs": PROJECT_ROOT / "search_index" / "shards.mjs",
    "chat.mjs": PROJECT_ROOT / "chat_widget" / "component" / "chat.mjs",
    # Styles a module loads when it is used, beside it, so pages do not carry them.
    "chat-panel.css": PROJECT_ROOT / "chat_widget" / "component" / "chat-panel.css",
    "services.mjs": SERVICES / "services.mjs",
    "opening.mjs": SERVICES / "opening.mjs",
    "distance.mjs": SERVICES / "distance.mjs",
    "services-map.mjs": SERVICES / "services-map.mjs",
    "listen.mjs": LISTEN / "listen.mjs",
    "listen-reader.mjs": LISTEN / "listen-reader.mjs",
    "spoken-text.mjs": LISTEN / "spoken-text.mjs",
    "offline-requests.mjs": OFFLINE / "offline-requests.mjs",
    "offline-notice.mjs": OFFLINE / "offline-notice.mjs",
    "offline-save.mjs": OFFLINE / "offline-save.mjs",
    "offline-pages.mjs": OFFLINE / "offline-pages.mjs",
    # The map library, a classic script and its stylesheet, loaded by services-map.mjs only
    # when a reader asks for the map (never part of site.css: every page would carry it).
    "leaflet.js": LEAFLET / "leaflet.js",
    "leaflet.css": LEAFLET / "leaflet.css",
}
# Stylesheets for one kind of page only, linked from its template.
PAGE_STYLES = {"services.css": SERVICES / "services.css"}
LUNR = PROJECT_ROOT / "node_modules" / "lunr" / "lunr.min.js"


def _digest(data):
    return hashlib.sha256(data).hexdigest()[:10]


def lunr_module():
    """lunr.js is published as UMD; given a CommonJS `module` it exports itself there."""
    source = LUNR.read_bytes()
    return (b"const module = { exports: {} }; const exports = module.exports;\n" + source
            + b"\nexport default module.exports;\n")


# The output folder the assets go to, named in their URLs.
ASSETS_FOLDER = "assets"


def write_assets(output_path):
    """Write every asset; return {source name: URL} for the templates."""
    output = Path(output_path)
    urls = {}
    styles = {"site.css": (THEME_STATIC / "site.css").read_bytes()
              + b"".join(b"\n" + path.read_bytes() for folder in COMPONENTS for path in sorted(folder.glob("*.css"))
                         if path not in SCRIPTS.values() and path not in PAGE_STYLES.values()),
              "print.css": (THEME_STATIC / "print.css").read_bytes(),
              **{name: path.read_bytes() for name, path in PAGE_STYLES.items()}}
    for name, data in styles.items():
        stem, suffix = name.rsplit(".", 1)
        fingerprinted = f"{ASSETS_FOLDER}/{stem}.{_digest(data)}.{suffix}"
        (output / ASSETS_FOLDER).mkdir(parents=True, exist_ok=True)
        (output / fingerprinted).write_bytes(data)
        urls[name] = "/" + fingerprinted
    scripts = {name: path.read_bytes() for name, path in SCRIPTS.items()}
    scripts["lunr.mjs"] = lunr_module()
    folder = f"{ASSETS_FOLDER}/js." + _digest(b"".join(name.encode() + data for name, data in sorted(scripts.items())))
    (output / folder).mkdir(parents=True, exist_ok=True)
    for name, data in scripts.items():
        (output / folder / name).write_bytes(data)
        urls[name] = f"/{folder}/{name}"
    return urls
