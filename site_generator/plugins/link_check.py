"""After the site is written: every internal link and anchor must resolve."""
import html
import os
import re

from pelican import signals

from ..problems import Problem

LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
ANCHOR = re.compile(r'\sid="([^"]+)"')
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "geo:", "data:", "sms:", "//")


def _target_file(output_dir, current, path):
    if path.startswith("/"):
        relative = path.lstrip("/")
    else:
        relative = os.path.normpath(os.path.join(os.path.dirname(current), path))
    if relative in ("", "."):
        relative = "index.html"
    elif relative.endswith("/") or os.path.isdir(os.path.join(output_dir, relative)):
        relative = relative.rstrip("/") + "/index.html"
    return relative


def find_broken_links(output_dir, outputs):
    """Return Problems for links in written HTML that point nowhere."""
    problems, anchors = [], {}

    def anchors_of(name):
        if name not in anchors:
            with open(os.path.join(output_dir, name), encoding="utf-8") as handle:
                anchors[name] = set(ANCHOR.findall(handle.read()))
        return anchors[name]

    for name, (_, source) in sorted(outputs.items()):
        if not name.endswith(".html"):
            continue
        with open(os.path.join(output_dir, name), encoding="utf-8") as handle:
            text = handle.read()
        for raw in sorted(set(LINK.findall(text))):
            url = html.unescape(raw)
            if url.startswith(EXTERNAL):
                continue
            path, _, fragment = url.partition("#")
            target = _target_file(output_dir, name, path) if path else name
            where = source or f"output/{name}"
            if not os.path.isfile(os.path.join(output_dir, target)):
                problems.append(Problem(where, None, f"broken link to {url} (on /{name})"))
            elif fragment and fragment not in anchors_of(target):
                problems.append(Problem(where, None, f"broken anchor #{fragment} in a link to {url} (on /{name})"))
    return problems


def check_links(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    state.problems.extend(find_broken_links(pelican.output_path, state.outputs))


def register():
    signals.finalized.connect(check_links)
