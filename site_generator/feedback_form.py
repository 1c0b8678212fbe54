"""The reader feedback form's contract: the names its page template posts, which Netlify stores
and exports, and which the CMS reads back when editors import that export.

Netlify keeps one set of fields per form name, taken from the pages at deploy, so every page
posts every field (an empty page id where a page has none).
"""
FORM_NAME = "page-feedback"
# A field people never see nor reach; Netlify drops a submission that fills it in.
HONEYPOT = "website"
USEFUL = "useful"
COMMENT = "comment"
PAGE = "page"
LOCALE = "locale"
PAGE_ID = "page-id"
ANSWERS = {"yes": True, "no": False}
COMMENT_MAX_LENGTH = 2000


def thanks_path(code):
    """Where a reader lands after sending: the form's action, a page of its own per locale."""
    return f"/{code}/feedback/thanks/"
