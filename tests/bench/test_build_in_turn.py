"""The in-turn comparison builds the base commit with its own code and leaves no worktree behind."""
import subprocess
import sys

from bench.build_in_turn import IN_TURN, ROOT

# From this commit on, the page budget runs before the search indexes: each side's build
# reports its steps in its own code's order, which shows whose code ran.
BUDGET_MOVED = "^The page budget runs while the search builder works"


def git(*arguments):
    return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def test_the_base_commit_and_the_working_tree_build_in_turn():
    moved = git("log", "--format=%H", "-1", "--grep", BUDGET_MOVED)
    assert moved, "the commit that moved the page budget is not in this clone's history (a shallow clone?)"
    ran = subprocess.run([sys.executable, "bench/build_in_turn.py", "--base", f"{moved}~1", "--pages", "20",
                          "--locales", "2", "--rebuilds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    steps = [line.strip() for line in lines if line.strip().startswith("Steps:")]
    assert len(steps) == 4, ran.stdout
    base, tree = steps[0::2], steps[1::2]
    assert all(step.index("page budget") > step.index("link check") for step in base), base
    assert all(step.index("page budget") < step.index("search indexes") for step in tree), tree
    assert any(line.startswith("base rebuilds: mean") for line in lines)
    assert any(line.startswith("tree rebuilds: mean") for line in lines)
    assert str(IN_TURN) not in git("worktree", "list")
