"""A synthetic corpus: N source pages of every kind, translated into every configured locale.

Text is made of pseudo-words in each locale's own script, so page sizes and compression
behave like real content in that language.
"""
import random
import textwrap
from pathlib import Path

from site_generator.frontmatter import split_front_matter
from site_generator.revisions import source_revision

SCRIPTS = {  # first and last code point of letters used for pseudo-words
    "ar": (0x0627, 0x064A), "fa": (0x0627, 0x064A), "zh-hans": (0x4E00, 0x4FFF), "ja": (0x3041, 0x3096),
    "ko": (0xAC00, 0xAFFF), "th": (0x0E01, 0x0E2E), "uk": (0x0430, 0x044F),
}
KIND_SHARES = [("guide", 0.55), ("steps", 0.12), ("service", 0.15), ("event", 0.06),
               ("organization", 0.06), ("term", 0.06)]


def words(rng, locale, count):
    low, high = SCRIPTS.get(locale, (0x61, 0x7A))
    joiner = "" if locale in ("zh-hans", "ja", "th") else " "
    return joiner.join("".join(chr(rng.randint(low, high)) for _ in range(rng.randint(2, 8)))
                       for _ in range(count))


def body(rng, locale, paragraphs):
    parts = []
    for index in range(paragraphs):
        if index % 2 == 0:
            parts.append(f"## {words(rng, locale, 4)} {{#part-{index}}}")
        parts.append(words(rng, locale, rng.randint(40, 90)) + ".")
    return "\n\n".join(parts)


def source_fields(kind, index, organization):
    if kind == "service":
        return textwrap.dedent(f"""\
            organization: {organization}
            address: {{street: Street {index}, postcode: "8010", city: Harborough}}
            latitude: {47.0 + (index % 90) / 1000:.4f}
            longitude: {15.4 + (index % 80) / 1000:.4f}
            phone: "+43 316 555 {index:04d}"
            languages: [en, de, ar]
            free: true
            walk_in: {str(index % 2 == 0).lower()}
            no_id_needed: false
            barrier_free: true
            opening_hours: {{mon: ["08:00-12:00", "13:00-16:00"], tue: ["08:00-12:00"], wed: []}}
            appointment_only: [tue]
            """)
    if kind == "event":
        return textwrap.dedent(f"""\
            start: 2027-01-{index % 28 + 1:02d}T10:00
            end: 2027-01-{index % 28 + 1:02d}T12:00
            place: {{name: Hall {index}, address: {{street: Square {index}, postcode: "8020", city: Harborough}}}}
            """)
    if kind == "organization":
        return "organization_type: association\nlanguages: [en, de]\n"
    return ""


def steps_yaml(rng, locale):
    lines = ["steps:"]
    for number in range(4):
        lines += [f"  - id: step-{number}", f"    title: \"{words(rng, locale, 4)}\"",
                  f"    body: \"{words(rng, locale, 30)}\"", f"    documents: [\"{words(rng, locale, 2)}\"]"]
    return "\n".join(lines) + "\n"


def generate(root, config, source_pages, seed=7):
    """Write the corpus under root/content; return the number of files written."""
    content = Path(root) / "content"
    topics = config.topic_ids
    plan = []
    for kind, share in KIND_SHARES:
        plan += [kind] * max(1, round(source_pages * share))
    plan = plan[:source_pages]
    organizations = [f"organization-{i}" for i, kind in enumerate(plan) if kind == "organization"]
    written = 0
    for index, kind in enumerate(plan):
        topic = topics[index % len(topics)]
        section = {"service": "services", "event": "events", "organization": "organizations",
                   "term": "glossary"}.get(kind, topic)
        page_id = f"{kind}-{index}"
        relative = f"{section}/{page_id}.md"
        revision = None
        for locale in config.locales:
            local_rng = random.Random(f"{seed}-{index}-{locale.code}")
            text = "---\n" + textwrap.dedent(f"""\
                id: {page_id}
                kind: {kind}
                topic: {topic}
                title: "{words(local_rng, locale.code, 5)}"
                summary: "{words(local_rng, locale.code, 18)}"
                audiences: [worker]
                updated: 2026-10-{index % 28 + 1:02d}
                review_by: 2027-06-01
                """)
            if kind == "steps":
                text += steps_yaml(local_rng, locale.code)
            if locale.is_source:
                text += source_fields(kind, index, organizations[index % len(organizations)])
            else:
                status = "machine" if locale.role == "machine" else "reviewed"
                text += f"translation:\n  status: {status}\n  source_revision: \"{revision}\"\n"
                if status == "reviewed":
                    text += "  reviewed_by: Bench Translator\n  reviewed_on: 2026-11-01\n"
            paragraphs = 1 if kind == "term" else local_rng.randint(3, 8)
            text += "---\n" + body(local_rng, locale.code, paragraphs) + "\n"
            path = content / locale.code / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written += 1
            if locale.is_source:
                front_matter, page_body, _ = split_front_matter(text, relative)
                revision = source_revision(front_matter, page_body)
    return written
