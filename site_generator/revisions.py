"""The revision of a source page: a hash of exactly the text a translator translates.

Facts such as opening hours are not part of it: changing them does not make any
translation outdated, because translations never repeat them.
"""
import hashlib
import json


def translatable_text(front_matter, body):
    steps = []
    for step in front_matter.get("steps") or []:
        if not isinstance(step, dict):
            continue
        steps.append({
            "id": step.get("id"), "title": step.get("title"), "body": step.get("body"),
            "documents": list(step.get("documents") or []),
            "either": [{"title": alt.get("title"), "body": alt.get("body"),
                        "documents": list(alt.get("documents") or [])}
                       for alt in step.get("either") or [] if isinstance(alt, dict)],
        })
    return {"title": front_matter.get("title"), "summary": front_matter.get("summary"),
            "body": body.strip(), "steps": steps}


def source_revision(front_matter, body):
    payload = json.dumps(translatable_text(front_matter, body), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
