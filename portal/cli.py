"""The `portal` command: check, build, serve, revision and i18n, each with --help."""
import argparse
import logging
import os
import sys
from pathlib import Path

from .config import PROJECT_ROOT, ConfigError, load_config


def main(argv=None):
    parser = argparse.ArgumentParser(prog="portal", description="Build and check the newcomers portal.")
    parser.add_argument("--config", help="path to portal.yaml (default: the project's portal.yaml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check portal.yaml and all content, reporting every problem")
    check.add_argument("--content", help="content folder (default: content/)")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="build the site into output/ (only replaced on success)")
    build.add_argument("--content", help="content folder (default: content/)")
    build.add_argument("--output", help="output folder (default: output/)")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="serve the built site on localhost")
    serve.add_argument("--output", help="output folder (default: output/)")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=run_serve)

    run = commands.add_parser("run", help="serve the built site, and the CMS beside it, on localhost")
    run.add_argument("--port", type=int, default=8000, help="the site's port; the CMS takes the next one")
    run.add_argument("--no-cms", action="store_true", help="serve the site only")
    run.set_defaults(run=run_local)

    revision = commands.add_parser("revision", help="print the current revision of source pages")
    revision.add_argument("files", nargs="+", help="content/<source>/<section>/<slug>.md files")
    revision.set_defaults(run=run_revision)

    i18n = commands.add_parser("i18n", help="UI string catalogs in translations/ui/")
    i18n.add_argument("action", choices=("extract", "update", "check"),
                      help="extract: write messages.pot; update: merge it into every locale's .po; "
                           "check: report untranslated or broken strings")
    i18n.set_defaults(run=run_i18n)

    translate_ui = commands.add_parser("translate-ui", help="draft missing UI strings of DeepL-drafted locales "
                                                           "with DeepL (marked fuzzy until reviewed)")
    translate_ui.add_argument("--locale", action="append", help="only this locale (repeatable)")
    translate_ui.add_argument("--catalogs", help="catalog folder (default: translations/ui)")
    translate_ui.set_defaults(run=run_translate_ui)

    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"portal: {len(error.problems)} problem(s) in the configuration:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    return args.run(config, args)


def _report_failure(error):
    print(f"portal: {len(error.problems)} problem(s); nothing was written:", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def run_check(config, args):
    from site_generator.build import build_site
    from site_generator.problems import BuildFailed

    try:
        state = build_site(config, content_dir=args.content, keep_output=False)
    except BuildFailed as error:
        return _report_failure(error)
    print(f"portal check: no problems ({state.pages_written} pages in {len(config.locales)} locales)")
    _print_notes(state)
    return 0


def _print_notes(state):
    """Remarks that do not fail the build, such as services left out of "near me"."""
    if state.notes:
        print("Notes:")
        for note in state.notes:
            print(f"  {note}")


def run_build(config, args):
    from site_generator.build import build_site
    from site_generator.problems import BuildFailed

    try:
        state = build_site(config, content_dir=args.content, output_dir=args.output)
    except BuildFailed as error:
        return _report_failure(error)
    output = Path(args.output or PROJECT_ROOT / "output")
    print(f"Built {state.pages_written} pages in {len(config.locales)} locales in {state.seconds:.1f} s "
          f"into {output}")
    print("Steps: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in state.steps.items()))
    print(f"First view per page type (HTML + CSS + JS, gzip), budget {config.budgets.page_weight_kb} KB:")
    print(f"  {'page type':<22}{'pages':>7}{'max KB':>9}{'mean KB':>9}  budget")
    for row in state.budget_report:
        held = "held" if row["held"] else "listing: reported only"
        print(f"  {row['type']:<22}{row['pages']:>7}{row['max_kb']:>9.1f}{row['mean_kb']:>9.1f}  {held}")
    if state.search_report:
        print("Search index per locale (passages, index + store KB, uncompressed):")
        print("  " + ", ".join(f"{code} {row['passages']} / {(row['index_bytes'] + row['store_bytes']) / 1024:.0f}"
                               for code, row in state.search_report.items()))
    _print_notes(state)
    return 0


def run_serve(config, args):
    from site_generator.serve import serve

    serve(Path(args.output or PROJECT_ROOT / "output"), args.port, config)
    return 0


def run_local(config, args):
    from .local import run_site_and_cms

    return run_site_and_cms(config, args.port, with_cms=not args.no_cms)


def run_revision(config, args):
    from site_generator.frontmatter import split_front_matter
    from site_generator.problems import ContentProblems
    from site_generator.revisions import source_revision

    status = 0
    for name in args.files:
        try:
            front_matter, body, _ = split_front_matter(Path(name).read_text(encoding="utf-8"), name)
        except (OSError, ContentProblems) as error:
            print(f"{name}: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{source_revision(front_matter, body)}  {name}")
    return status


def run_translate_ui(config, args):
    from . import translate_ui

    return translate_ui.run(config, args.catalogs, args.locale)


def run_i18n(config, args):
    from site_generator import catalogs

    return catalogs.run(config, args.action)


def command(argv=None):
    """The `portal` program: main(), then an exit that skips tearing down the interpreter. A
    build of a large site leaves millions of objects, and freeing them one by one took about five
    seconds after the site was in place; the files are written and closed by then, and the
    operating system takes the memory back at once."""
    status = main(argv)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status or 0)


if __name__ == "__main__":
    command()
