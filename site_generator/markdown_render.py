"""Markdown to HTML for page bodies and step texts.

Links written `id:page-id#anchor` pass through untouched; they are resolved per
reader locale when a page is rendered (see `site_model.resolve_id_links`).
"""
import re

import markdown
from markdown.extensions.toc import slugify_unicode

_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


def _new_converter():
    return markdown.Markdown(
        extensions=["attr_list", "toc", "tables", "sane_lists"],
        extension_configs={"toc": {"slugify": slugify_unicode}},
        output_format="html",
    )


_converter = _new_converter()


def render_markdown(text):
    _converter.reset()
    return _converter.convert(text or "")


def anchors_in(html):
    return set(_ID_ATTRIBUTE.findall(html))
