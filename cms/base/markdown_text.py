"""Rich text (Wagtail's stored HTML) to Markdown and back, for the small set of features
editors get: paragraphs, bold, italic, links, bulleted and numbered lists.

Markdown here is canonical: one line per paragraph or list item, a blank line between
blocks, **bold**, *italic*, [text](url). Converting canonical Markdown to rich text and back
gives the same bytes, which keeps the export deterministic and the import round trip exact.
"""
import re
from html.parser import HTMLParser

import markdown

_SPACE = re.compile(r"\s+")


class _ToMarkdown(HTMLParser):
    def __init__(self, resolve_page):
        super().__init__(convert_charrefs=True)
        self.resolve_page = resolve_page
        self.blocks = []
        self.current = None
        self.lists = []
        self.links = []

    def _start_block(self, prefix=""):
        self.current = [prefix]

    def _end_block(self):
        if self.current is not None:
            text = _SPACE.sub(" ", "".join(self.current)).strip()
            if text:
                self.blocks.append((bool(self.lists), text))
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" or tag in ("h2", "h3", "h4"):
            self._start_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 0])
        elif tag == "li":
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            self._start_block("- " if kind[0] == "ul" else f"{kind[1]}. ")
        elif tag in ("b", "strong"):
            self._text("**")
        elif tag in ("i", "em"):
            self._text("*")
        elif tag == "a":
            if attrs.get("linktype") == "page":
                target = self.resolve_page(attrs.get("id"))
            else:
                target = attrs.get("href", "")
            self.links.append(target)
            self._text("[")
        elif tag == "br":
            self._text(" ")

    def handle_endtag(self, tag):
        if tag in ("p", "li", "h2", "h3", "h4"):
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            self.blocks.append((None, ""))
        elif tag in ("b", "strong"):
            self._text("**")
        elif tag in ("i", "em"):
            self._text("*")
        elif tag == "a":
            target = self.links.pop() if self.links else ""
            self._text(f"]({target})")

    def handle_data(self, data):
        self._text(data)

    def _text(self, text):
        if self.current is None:
            if not text.strip():
                return
            self._start_block()
        self.current.append(text)

    def markdown(self):
        self._end_block()
        out, previous_in_list = [], None
        for in_list, text in self.blocks:
            if in_list is None:
                previous_in_list = None
                continue
            if out and not (in_list and previous_in_list):
                out.append("")
            out.append(text)
            previous_in_list = in_list
        return "\n".join(out)


def richtext_to_markdown(source, resolve_page=lambda pk: f"id:{pk}"):
    converter = _ToMarkdown(resolve_page)
    converter.feed(source or "")
    converter.close()
    return converter.markdown()


_converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def markdown_to_richtext(text):
    """Canonical Markdown -> the HTML Wagtail stores for a rich text field."""
    _converter.reset()
    rendered = _converter.convert(text or "")
    rendered = rendered.replace("<strong>", "<b>").replace("</strong>", "</b>")
    rendered = rendered.replace("<em>", "<i>").replace("</em>", "</i>")
    return re.sub(r">\s*\n\s*<", "><", rendered).strip()
