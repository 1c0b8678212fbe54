"""Markup must survive machine translation: the same tags, the same link ids, in order."""
import re

TAG = re.compile(r"</?([a-zA-Z][\w-]*)(?:\s+id=\"([^\"]*)\")?[^>]*?/?>")


class MarkupMismatch(ValueError):
    pass


def tag_signature(html):
    """The multiset of tags with their ids: order may change with the language, content may not."""
    return sorted(TAG.findall(html))


def check_markup(source, translated):
    if tag_signature(source) != tag_signature(translated):
        raise MarkupMismatch(f"markup changed in translation: {source!r} became {translated!r}")
