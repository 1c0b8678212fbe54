"""After the site is written: weigh each page's first view and hold it to the budget.

The first view is the HTML plus every stylesheet and script it loads before any
interaction, each gzip-compressed as a web server sends them. Scripts that load only on
demand are not referenced from the HTML, so they do not count.
"""
import os
import statistics

from pelican import signals

from ..build_state import build_step
from ..output_facts import compressed_size, facts_for, served_file
from ..problems import Problem

# Listings (topic pages, indexes, glossary, search) grow with the content; they are weighed
# and reported, but only pages whose size does not depend on how many pages exist are held
# to the budget.
HELD_TO_BUDGET = ("guide", "steps", "service", "event", "organization", "home", "about", "404",
                  "language-picker", "feedback-thanks", "offline")
def first_view_bytes(output_dir, name, cache, facts=None):
    path = os.path.join(output_dir, name)
    total, _, loaded, _ = facts.get("served", path, served_file) if facts else served_file(path)
    for asset in (url.lstrip("/") for url in loaded):
        if asset not in cache:
            with open(os.path.join(output_dir, asset), "rb") as handle:
                cache[asset] = compressed_size(handle.read())
        total += cache[asset]
    return total


def weigh_pages(output_dir, outputs, budget_kb, facts=None):
    """Return (report rows per page type, Problems for pages over budget)."""
    sizes, problems, cache = {}, [], {}
    for name, (page_type, source) in sorted(outputs.items()):
        if not name.endswith(".html"):
            continue
        size = first_view_bytes(output_dir, name, cache, facts)
        sizes.setdefault(page_type, []).append((size, name))
        if page_type in HELD_TO_BUDGET and size > budget_kb * 1024:
            problems.append(Problem(source or f"output/{name}", None,
                                    f"/{name}: first view weighs {size / 1024:.1f} KB compressed, "
                                    f"over the {budget_kb} KB budget in portal.yaml"))
    report = []
    for page_type, entries in sorted(sizes.items()):
        largest = max(entries)
        report.append({"type": page_type, "pages": len(entries), "max_kb": largest[0] / 1024,
                       "held": page_type in HELD_TO_BUDGET,
                       "mean_kb": statistics.mean(size for size, _ in entries) / 1024, "largest": largest[1]})
    return report, problems


@build_step("page budget")
def check_budget(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    report, problems = weigh_pages(pelican.output_path, state.outputs, state.config.budgets.page_weight_kb,
                                   facts_for(pelican))
    state.budget_report = report
    state.problems.extend(problems)


def register():
    signals.finalized.connect(check_budget)
