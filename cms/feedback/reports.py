"""The editors' to-do list of reader feedback: what is open, per page."""
from django.conf import settings

from .models import Feedback


def open_feedback():
    """Open feedback grouped per page (per path where no page matched): the pages most readers
    found not useful first. Each group lists its items newest first."""
    config = settings.PORTAL
    groups = {}
    for item in Feedback.objects.filter(done=False).select_related("page__locale").order_by("-received_at"):
        key = ("page", item.page_id) if item.page_id else ("path", item.path)
        group = groups.setdefault(key, {"page": item.page, "paths": [], "items": [], "comments": [], "useful": 0,
                                        "not_useful": 0})
        group["items"].append(item)
        if item.comment:
            group["comments"].append(item)
        group["useful" if item.useful else "not_useful"] += 1
        if item.path not in group["paths"]:
            group["paths"].append(item.path)
        language = config.locale(item.locale) if item.locale in config.locale_codes else None
        item.html_lang = language.html_lang if language else item.locale
        item.direction = language.direction if language else "auto"
    return sorted(groups.values(), key=lambda group: (-group["not_useful"], -len(group["items"]),
                                                      -group["items"][0].received_at.timestamp()))
