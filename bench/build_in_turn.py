"""Builds of another commit and of the working tree taken in turn, on the same corpus.

    python bench/build_in_turn.py --base COMMIT [--pages 2000] [--locales 18] [--rebuilds 3]

This machine's speed moves by up to 40 % within an hour, more than most changes move a build,
so a run now against a figure from an hour ago says little. Here the base commit gets a git
worktree of its own under bench/.corpus/in-turn/ (the project's .venv and node_modules linked
into it), the base and the working tree each get a copy of one corpus, and their builds
alternate: a full build each, then, `--rebuilds` times, the same edit as bench/build_speed.py's
and a rebuild each. Each build starts once the builds before are done with their detached work
(cache writers, deleting replaced outputs) in both corpora. Every build's wall time, CPU time
(with the processes it waited for), peak memory and steps are printed, with the speed probe
(bench/build_speed.py) taken just before it; the worktree is removed at the end.
"""
import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_speed import (WORK, edit_page, edited_page, remove_output, run_build, speed_probe,  # noqa: E402
                               steps_line)
from bench.corpus import corpus_config, generate  # noqa: E402
from portal.config import load_config  # noqa: E402
from site_generator.build import wait_for_cache_writer  # noqa: E402

IN_TURN = WORK / "in-turn"


def git(*arguments, cwd=ROOT):
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def base_tree(commit):
    """A worktree of the commit that runs with the project's installed packages."""
    tree = IN_TURN / f"base-{commit[:10]}"
    if tree.exists():
        git("worktree", "remove", "--force", str(tree))
    git("worktree", "add", "--detach", str(tree), commit)
    for shared in (".venv", "node_modules"):
        (tree / shared).symlink_to(ROOT / shared)
    return tree


def copy_corpus(source, target):
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "portal.yaml", target / "portal.yaml")
    shutil.copytree(source / "content", target / "content")


def quiet(corpora):
    """Wait until the builds before are done with their detached work, in every corpus: the
    cache writers (they hold a lock) and the deletion of the outputs they replaced."""
    for corpus in corpora:
        wait_for_cache_writer(corpus / ".output-cache")
    deadline = time.monotonic() + 120
    while any(corpus.glob(".output-old-*") for corpus in corpora) and time.monotonic() < deadline:
        time.sleep(0.2)


def timed_build(label, tree, corpus, corpora):
    quiet(corpora)
    probe = speed_probe()
    seconds, peak_mb, stdout, cpu = run_build(corpus / "portal.yaml", corpus / "content", corpus / "output", tree)
    print(f"{time.strftime('%H:%M:%S')} {label:5} {seconds:6.1f} s  CPU {cpu:6.1f} s  peak {peak_mb:5.0f} MB  "
          f"(speed probe before it {probe:.3f} s)\n      {steps_line(stdout)}", flush=True)
    return seconds, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare with (a hash, tag or branch)")
    parser.add_argument("--pages", type=int, default=2000, help="source pages in the corpus (default 2000)")
    parser.add_argument("--locales", type=int, default=18, help="locales, the source included (default 18)")
    parser.add_argument("--rebuilds", type=int, default=3, help="rebuilds each, in turn (default 3)")
    args = parser.parse_args()
    commit = git("rev-parse", "--verify", f"{args.base}^{{commit}}")
    source = IN_TURN / f"corpus-{args.pages}x{args.locales}"
    config_path, _ = corpus_config(source, args.locales)
    shutil.rmtree(source / "content", ignore_errors=True)
    generate(source, load_config(config_path), args.pages)
    trees = {"base": base_tree(commit), "tree": ROOT}
    corpora = {label: IN_TURN / f"{label}-{args.pages}x{args.locales}" for label in trees}
    print(f"base {commit[:10]} against the working tree at {git('rev-parse', '--short', 'HEAD')}; "
          f"{args.pages} pages in {args.locales} locales")
    times = {label: [] for label in trees}
    try:
        for label, corpus in corpora.items():
            remove_output(corpus / "output")
            copy_corpus(source, corpus)
        for label in trees:
            timed_build(label, trees[label], corpora[label], corpora.values())
        for _ in range(args.rebuilds):
            for label in trees:
                config = load_config(corpora[label] / "portal.yaml")
                content = corpora[label] / "content"
                edit_page(content, config, edited_page(content, config.source.code))
                times[label].append(timed_build(label, trees[label], corpora[label], corpora.values()))
    finally:
        git("worktree", "remove", "--force", str(trees["base"]))
    for label, runs in times.items():
        if runs:
            print(f"{label} rebuilds: mean {sum(s for s, _ in runs) / len(runs):.1f} s, "
                  f"CPU {sum(c for _, c in runs) / len(runs):.1f} s")


if __name__ == "__main__":
    main()
