"""Passages: what search finds. Each page is cut at its headings (and steps), and each
passage links to its section's anchor. A page missing in a locale is indexed there from
the source page the reader is shown, so every locale finds every page."""
import html
import re

HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain(fragment):
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", str(fragment or "")))).strip()


def _passage(view, section, text, anchor=None):
    url = view.url if anchor is None else f"{view.url.split('#')[0]}#{anchor}"
    return {"title": view.title, "section": section, "text": text, "url": url,
            "lang": view.content_locale.html_lang, "page": view.id, "updated": str(view.updated)}


def passages_for(view):
    if view.kind == "term":
        return [_passage(view, "", plain(view.summary + " " + str(view.body_html)))]
    body = str(view.body_html)
    parts = HEADING.split(body)
    found = [_passage(view, "", plain(view.summary + " " + parts[0]))]
    for index in range(1, len(parts) - 1, 3):
        anchor, heading, content = parts[index], parts[index + 1], parts[index + 2]
        found.append(_passage(view, plain(heading), plain(content), anchor))
    for step in view.steps:
        text = [str(step["body_html"]), " ".join(step["documents"])]
        for alternative in step["alternatives"]:
            text += [alternative["title"], str(alternative["body_html"]), " ".join(alternative["documents"])]
        found.append(_passage(view, step["title"], plain(" ".join(text)), step["id"]))
    return found
