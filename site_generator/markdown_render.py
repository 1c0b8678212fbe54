"""Markdown to HTML for page bodies and step texts: CommonMark with tables and `{#anchor}`
heading attributes, parsed by pulldown-cmark (through pyromark).

Python-Markdown took about 70 % of reading a large site (1.3 ms a body); pulldown-cmark, with
what is added after it, takes about a fortieth of that (0.034 ms). What is added, so pages read
as they did:
- every heading gets an id, as readers and search link to sections: the one written after it,
  or one made from its text;
- bold and italic that CommonMark leaves as bare asterisks because of the punctuation beside
  them, which Chinese and Japanese put there all the time ("**注意：**请带上护照", bold that
  ends with a link), are paired as Python-Markdown paired them.

Links written `id:page-id#anchor` pass through (their anchor percent-encoded, as any link's
non-ASCII characters are); they are resolved per reader locale when a page is rendered (see
`site_model.resolve_id_links`).
"""
import html
import re
import unicodedata

import pyromark

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
# An id attribute, found by its name and then checked for the space before it: searched from
# every space (r'\sid="...'), as other attributes are, it took five times as long over a page.
_ID_ATTRIBUTE = re.compile(r'id="([^"]+)"')
_HEADING_WITHOUT_ID = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SLUG_SEPARATORS = re.compile(r"[-\s]+")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


def heading_slug(text):
    """The id a heading gets from its text, as Python-Markdown's toc extension made it (so
    sections keep the addresses they had), but for the vowel signs and other marks of Thai,
    Hindi or vowelled Arabic, which it dropped: letters, digits and marks of any script kept,
    lower case, spaces and hyphens joined into one hyphen ("Where to apply?" -> "where-to-apply")."""
    kept = "".join(character for character in text if character.isalnum() or character in "_-"
                   or character.isspace() or unicodedata.category(character).startswith("M"))
    return _SLUG_SEPARATORS.sub("-", kept.strip().lower())


def _unused(slug, used):
    """slug, or slug_1, slug_2 ... : the first one no other element of the body has."""
    if slug and slug not in used:
        return slug
    numbered = _NUMBERED.match(slug)
    base, count = (numbered.group(1), int(numbered.group(2))) if numbered else (slug, 0)
    count += 1
    while f"{base}_{count}" in used:
        count += 1
    return f"{base}_{count}"


def _with_heading_ids(body_html):
    if "<h" not in body_html:
        return body_html
    used = anchors_in(body_html)

    def give_id(match):
        level, inner = match.group(1), match.group(2)
        anchor = _unused(heading_slug(html.unescape(_TAG.sub("", inner))), used)
        used.add(anchor)
        return f'<h{level} id="{anchor}">{inner}</h{level}>'
    return _HEADING_WITHOUT_ID.sub(give_id, body_html)


_SCAN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|(?<!\*)(\*\*?)(?!\*)")
_BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 td th ul ol table thead tbody tr blockquote div hr br".split())
_VERBATIM = frozenset(("code", "pre"))
_EMPHASIS = {"**": "strong", "*": "em"}


def _paired_emphasis(body_html):
    """Pair the `**` and `*` CommonMark left in the text: within one block, outside code, an
    opening one before a character that is not a space, a closing one after one, with the same
    inline elements open at both (so the HTML stays well nested)."""
    if "*" not in body_html:
        return body_html
    pairs, waiting, inline, verbatim = [], {}, [], 0
    for match in _SCAN.finditer(body_html):
        closing, tag, run = match.groups()
        if tag:
            tag = tag.lower()
            if tag in _VERBATIM:
                verbatim += -1 if closing else 1
            elif tag in _BLOCKS:
                waiting, inline = {}, []
            elif closing:
                inline = inline[:-1] if inline and inline[-1] == tag else inline
            elif not match.group(0).endswith("/>"):
                inline = [*inline, tag]
            continue
        if verbatim:
            continue
        start, end = match.span()
        before = body_html[start - 1] if start else " "
        after = body_html[end] if end < len(body_html) else " "
        opened = waiting.get(run)
        if opened and opened[1] == inline and not before.isspace():
            pairs.append((opened[0], match, _EMPHASIS[run]))
            del waiting[run]
        elif not opened and not after.isspace():
            waiting[run] = (match, inline)
    if not pairs:
        return body_html
    edits = sorted([(opening.span(), f"<{name}>") for opening, _, name in pairs]
                   + [(closing.span(), f"</{name}>") for _, closing, name in pairs])
    out, position = [], 0
    for (start, end), replacement in edits:
        out += [body_html[position:start], replacement]
        position = end
    return "".join(out) + body_html[position:]


def render_markdown(text):
    body_html = pyromark.html(text or "", options=_OPTIONS).rstrip("\n")
    return _paired_emphasis(_with_heading_ids(body_html))


def anchors_in(html_text):
    """The ids of an HTML text's elements (a page's, or a body's)."""
    return {match.group(1) for match in _ID_ATTRIBUTE.finditer(html_text)
            if match.start() and html_text[match.start() - 1].isspace()}
