"""A synthetic corpus: N source pages of every kind, translated into every locale of a portal.yaml.

Text is made of pseudo-words in each locale's own script, so page sizes and compression
behave like real content in that language. Lengths follow the kinds: guides run to several
sections, step-by-step pages have 4 to 8 steps, glossary terms are a sentence or two.

`corpus_config` writes the portal.yaml the corpus is built with: the project's own, with the
locale list cut or extended to the number of locales asked for.
"""
import itertools
import random
import textwrap
from pathlib import Path

import yaml

from portal.config import DEFAULT_PATH
from site_generator.frontmatter import split_front_matter
from site_generator.revisions import source_revision

SCRIPTS = {  # first and last code point of letters used for pseudo-words
    "ar": (0x0627, 0x064A), "fa": (0x0627, 0x064A), "zh-hans": (0x4E00, 0x4FFF), "ja": (0x3041, 0x3096),
    "ko": (0xAC00, 0xAFFF), "th": (0x0E01, 0x0E2E), "uk": (0x0430, 0x044F), "ru": (0x0430, 0x044F),
}
KIND_SHARES = [("guide", 0.55), ("steps", 0.12), ("service", 0.15), ("event", 0.06),
               ("organization", 0.06), ("term", 0.06)]
# Body paragraphs per kind (about 40 to 90 words each): (fewest, most).
PARAGRAPHS = {"guide": (5, 12), "steps": (1, 3), "service": (1, 3), "event": (1, 2), "organization": (1, 3)}
# Languages DeepL translates into that portal.yaml does not configure: they take a corpus past
# the portal's own locales (the 18 = the 15 configured + the first three).
EXTRA_LOCALES = ("ru", "pl", "ro", "it", "nl", "cs")


# Each locale's text draws on a vocabulary of this many pseudo-words, the n-th most common used
# about 1/n^ZIPF_EXPONENT as often as the first (Zipf's law, as in any natural language): a
# corpus of a million words then has tens of thousands of distinct ones, not a million, so
# search indexes and compression weigh what real text makes them weigh.
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.0
_vocabularies = {}


def vocabulary(locale):
    """(the locale's pseudo-words, most common first; their cumulative Zipf weights)."""
    if locale not in _vocabularies:
        low, high = SCRIPTS.get(locale, (0x61, 0x7A))
        rng = random.Random(f"vocabulary-{locale}")
        chosen, seen = [], set()
        while len(chosen) < VOCABULARY_SIZE:
            # Common words are short ones, in every language.
            longest = 2 + min(6, len(chosen).bit_length() // 2)
            word = "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(2, longest)))
            if word not in seen:
                seen.add(word)
                chosen.append(word)
        _vocabularies[locale] = (chosen, list(itertools.accumulate(1 / rank ** ZIPF_EXPONENT
                                                                   for rank in range(1, VOCABULARY_SIZE + 1))))
    return _vocabularies[locale]


def words(rng, locale, count):
    chosen, weights = vocabulary(locale)
    joiner = "" if locale in ("zh-hans", "ja", "th") else " "
    return joiner.join(rng.choices(chosen, cum_weights=weights, k=count))


def body(rng, locale, kind):
    if kind == "term":
        return words(rng, locale, rng.randint(15, 40)) + "."
    parts = []
    paragraphs = rng.randint(*PARAGRAPHS[kind])
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


def steps_yaml(count, rng, locale):
    """Steps of a step-by-step page; translations keep the source's ids, count and optional steps."""
    lines = ["steps:"]
    for number in range(count):
        documents = ", ".join(f'"{words(rng, locale, 2)}"' for _ in range(number % 3 + 1))
        lines += [f"  - id: step-{number}", f"    title: \"{words(rng, locale, 4)}\"",
                  f"    body: \"{words(rng, locale, rng.randint(20, 45))}\"", f"    documents: [{documents}]"]
        if number == count - 1 and count > 5:
            lines.append("    optional: true")
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
        step_count = random.Random(f"{seed}-{index}-steps").randint(4, 8)
        for locale in config.locales:
            local_rng = random.Random(f"{seed}-{index}-{locale.code}")
            text = "---\n" + textwrap.dedent(f"""\
                id: {page_id}
                kind: {kind}
                topic: {topic}
                title: "{words(local_rng, locale.code, 5)}"
                summary: "{words(local_rng, locale.code, 8 if kind == 'term' else 18)}"
                audiences: [worker]
                updated: 2026-10-{index % 28 + 1:02d}
                review_by: 2027-06-01
                """)
            if kind == "steps":
                text += steps_yaml(step_count, local_rng, locale.code)
            if locale.is_source:
                text += source_fields(kind, index, organizations[index % len(organizations)])
            else:
                status = "machine" if locale.role == "machine" else "reviewed"
                text += f"translation:\n  status: {status}\n  source_revision: \"{revision}\"\n"
                if status == "reviewed":
                    text += "  reviewed_by: Bench Translator\n  reviewed_on: 2026-11-01\n"
            text += "---\n" + body(local_rng, locale.code, kind) + "\n"
            path = content / locale.code / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written += 1
            if locale.is_source:
                front_matter, page_body, _ = split_front_matter(text, relative)
                revision = source_revision(front_matter, page_body)
    return written


def corpus_config(folder, locale_count, base=DEFAULT_PATH):
    """Write folder/portal.yaml for a corpus in locale_count locales; return (its path, the extra codes).

    The page weight budget is lifted: pseudo-words compress worse than real text, and the corpus
    measures speed, not pages to hold to the budget.
    """
    data = yaml.safe_load(Path(base).read_text(encoding="utf-8"))
    locales = data["locales"]
    translated = [("professional", entry) for entry in locales.get("professional") or []]
    translated += [("machine", entry) for entry in locales.get("machine") or []]
    extra = list(EXTRA_LOCALES[:max(0, locale_count - 1 - len(translated))])
    if locale_count < 1 or locale_count > 1 + len(translated) + len(EXTRA_LOCALES):
        raise SystemExit(f"--locales {locale_count}: the corpus can have 1 to "
                         f"{1 + len(translated) + len(EXTRA_LOCALES)} locales")
    kept = translated[:locale_count - 1]
    locales["professional"] = [entry for role, entry in kept if role == "professional"]
    locales["machine"] = [entry for role, entry in kept if role == "machine"] + [{"code": code} for code in extra]
    data["budgets"]["page_weight_kb"] = 1000
    path = Path(folder) / "portal.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Written by bench/corpus.py from {Path(base).name}: {locale_count} locales for the synthetic corpus.\n"
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, extra
