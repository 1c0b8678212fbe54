"""The revision of a source page: a hash of exactly the text a translator translates.

Facts such as opening hours are not part of it: changing them does not make any
translation outdated, because translations never repeat them. Runs of white space count
as one space, so re-wrapping a paragraph is not a change of text either.
"""
import hashlib
import json


def _words(text):
    return " ".join(text.split()) if isinstance(text, str) else text


def translatable_text(front_matter, body):
    steps = []
    for step in front_matter.get("steps") or []:
        if not isinstance(step, dict):
            continue
        steps.append({
            "id": step.get("id"), "title": _words(step.get("title")), "body": _words(step.get("body")),
            "documents": [_words(document) for document in step.get("documents") or []],
            "either": [{"title": _words(alt.get("title")), "body": _words(alt.get("body")),
                        "documents": [_words(document) for document in alt.get("documents") or []]}
                       for alt in step.get("either") or [] if isinstance(alt, dict)],
        })
    return {"title": _words(front_matter.get("title")), "summary": _words(front_matter.get("summary")),
            "body": _words(body), "steps": steps}


def source_revision(front_matter, body):
    payload = json.dumps(translatable_text(front_matter, body), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
