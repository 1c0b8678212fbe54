"""Full build of a synthetic corpus: time, pages per second and peak memory.

    python bench/build_speed.py --pages 200

The corpus has N source pages, each translated into every configured locale. The build
runs in a child process so its peak memory is measured alone.
"""
import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate  # noqa: E402
from portal.config import load_config  # noqa: E402

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="source pages in the corpus")
    args = parser.parse_args()
    config = load_config()
    root = HERE / ".corpus" / str(args.pages)
    if root.exists():
        shutil.rmtree(root)
    files = generate(root, config, args.pages)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "portal.cli", "build", "--content", str(root / "content"),
                             "--output", str(root / "output")], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        print(result.stdout, result.stderr, file=sys.stderr)
        raise SystemExit(f"the build failed on the synthetic corpus ({result.returncode})")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    html_pages = sum(1 for _ in (root / "output").rglob("*.html"))
    written = sum(p.stat().st_size for p in (root / "output").rglob("*") if p.is_file())
    print(f"source pages: {args.pages}  locales: {len(config.locales)}  content files: {files}")
    print(f"HTML pages written: {html_pages}  bytes written: {written:,}")
    print(f"full build: {seconds:.1f} s  ({html_pages / seconds:.0f} pages/s)  peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
