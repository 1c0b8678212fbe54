"""Build speed on a synthetic corpus: the full build, and the rebuild after one page changes.

    python bench/build_speed.py [--pages 2000] [--locales 18]   # corpus, full build, incremental, check
    python bench/build_speed.py --incremental-only               # again on the last run's corpus and output
    python bench/build_speed.py --no-compare                     # skip the second clean build

The corpus (bench/corpus.py) has N source pages, each translated into every locale, and is built
with its own portal.yaml (the project's, with locales added or left out) through
bench/corpus_portal.py. Each build runs in a child process, timed end to end, so its peak memory
is its own (the largest resident set of the build or of a process it started, such as Node).

Then one source page's body and all its translations change (translations restamped with the
new source revision, so they stay current), the site is rebuilt into the same output folder and
the script counts the files whose bytes changed and those that kept their modification time.
Last, a clean build of the same content (no earlier output, no build cache) goes into a second
folder, and any difference from the incremental result is listed: both must be the same site.
Results also go to bench/results/build.json.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_config, generate, words  # noqa: E402
from bench.corpus_portal import catalogs_missing  # noqa: E402
from portal.config import load_config  # noqa: E402
from site_generator.frontmatter import split_front_matter  # noqa: E402
from site_generator.revisions import source_revision  # noqa: E402

WORK = ROOT / "bench" / ".corpus"
RESULTS = ROOT / "bench" / "results" / "build.json"
REVISION_LINE = re.compile(r'(?m)^(  source_revision: )"[^"]*"$')
UPDATED_LINE = re.compile(r"(?m)^updated: .*$")


def run_build(config_path, content, output, tree=ROOT):
    """Run `portal build` in a child process; return (wall seconds, peak resident MB, its stdout,
    CPU seconds). The CPU time (user and system, of the build and the processes it waited for,
    such as the search builder) moves less than the wall time when the machine's speed drifts;
    the detached processes that save the caches and delete the old output are not counted.
    `tree`: the checkout whose code builds (bench/build_in_turn.py gives another commit's)."""
    command = [sys.executable, "-m", "bench.corpus_portal", "--config", str(config_path), "build",
               "--content", str(content), "--output", str(output)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=tree, stdout=out, stderr=err)
        # wait4 gives this child's own resource use (with the processes it waited for), so each
        # build's peak is measured alone, not the largest of all builds so far.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode:
        print(stdout, stderr, file=sys.stderr)
        raise SystemExit(f"the build of {content} failed ({process.returncode}): {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024, stdout, usage.ru_utime + usage.ru_stime


def steps_line(stdout):
    """The build's own account of its steps ("Steps: read 3.1 s, render ..."), or a note."""
    return next((line for line in stdout.splitlines() if line.startswith("Steps: ")), "(no steps reported)")


def snapshot(output):
    """{relative path: (size, modification time in ns, digest of the bytes)} of every file."""
    files = {}
    for path in output.rglob("*"):
        if path.is_file():
            status = path.stat()
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
            files[path.relative_to(output).as_posix()] = (status.st_size, status.st_mtime_ns, digest)
    return files


def search_bytes(output, codes):
    """{locale: (index bytes, store bytes)}: the manifest and shards, and the stored passages."""
    sizes = {}
    for code in codes:
        folder = output / code / "search"
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            continue
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        index = manifest_path.stat().st_size + sum((folder / name).stat().st_size for name in manifest["shards"])
        store = sum((folder / name).stat().st_size for name in manifest["store"])
        sizes[code] = (index, store)
    return sizes


def edited_page(content, source_code):
    """The guide in the middle of the source pages: the page the incremental rebuild changes."""
    guides = sorted((content / source_code).glob("*/guide-*.md"), key=lambda path: int(path.stem.split("-")[1]))
    if not guides:
        raise SystemExit(f"{content / source_code}: no guide pages to edit; generate the corpus again")
    return guides[len(guides) // 2].relative_to(content / source_code)


def edit_page(content, config, relative):
    """Add a section to the page's body in every locale, as an editor's publish and its translations
    would; restamp translations with the new source revision. Return the files changed."""
    source_path = content / config.source.code / relative
    edits = source_path.read_text(encoding="utf-8").count("{#bench-edit-")
    anchor = f"bench-edit-{edits + 1}"
    changed, revision = [], None
    for locale in config.locales:
        path = content / locale.code / relative
        if not path.is_file():
            continue
        rng = random.Random(f"{anchor}-{locale.code}")
        text = UPDATED_LINE.sub("updated: 2026-11-15", path.read_text(encoding="utf-8"), count=1)
        section = f"## {words(rng, locale.code, 3)} {{#{anchor}}}\n\n{words(rng, locale.code, 60)}."
        text = text.rstrip("\n") + f"\n\n{section}\n"
        if locale.is_source:
            front_matter, body, _ = split_front_matter(text, str(path))
            revision = source_revision(front_matter, body)
        else:
            text, count = REVISION_LINE.subn(rf'\g<1>"{revision}"', text)
            if count != 1:
                raise SystemExit(f"{path}: no translation.source_revision line to restamp")
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


def compare(before, after):
    """({"other bytes": [...], "new": [...], "gone": [...]}, files whose modification time was kept)."""
    both = after.keys() & before.keys()
    changed = {"other bytes": sorted(name for name in both if before[name][2] != after[name][2]),
               "new": sorted(after.keys() - before.keys()), "gone": sorted(before.keys() - after.keys())}
    kept_time = [name for name in both if before[name][1] == after[name][1]]
    return changed, kept_time


def by_type(names):
    """'1,234 .html, 56 .json' : where the changes are, for whoever makes the rebuild smaller."""
    counts = {}
    for name in names:
        suffix = Path(name).suffix or Path(name).name
        counts[suffix] = counts.get(suffix, 0) + 1
    return ", ".join(f"{count:,} {suffix}" for suffix, count in sorted(counts.items(), key=lambda item: -item[1]))


def differences(first, second):
    only_first = sorted(first.keys() - second.keys())
    only_second = sorted(second.keys() - first.keys())
    other_bytes = sorted(name for name in first.keys() & second.keys() if first[name][2] != second[name][2])
    return only_first, only_second, other_bytes


def speed_probe():
    """Seconds a fixed pure-Python loop takes on one core, best of three: this machine's speed
    moves by a third within an hour, and this says how fast it was around a run."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "load_average": [round(value, 2) for value in os.getloadavg()], "speed_probe_seconds": speed_probe()}


def remove_output(output):
    """The output folder and what the build keeps beside it (.output-cache, ...): the next build starts cold."""
    for path in [output, *output.parent.glob(f".{output.name}-*")]:
        shutil.rmtree(path, ignore_errors=True)


def full_build(args, root, config_path, config):
    shutil.rmtree(root / "content", ignore_errors=True)
    remove_output(root / "output")
    files = generate(root, config, args.pages)
    load = [round(value, 2) for value in os.getloadavg()]
    seconds, peak_mb, stdout, cpu = run_build(config_path, root / "content", root / "output")
    after = snapshot(root / "output")
    html = sum(1 for name in after if name.endswith(".html"))
    written = sum(size for size, _, _ in after.values())
    search = search_bytes(root / "output", config.locale_codes)
    print(f"content files: {files:,}")
    print(f"HTML pages written: {html:,}  files written: {len(after):,}  bytes written: {written:,}")
    print(f"full build: {seconds:.1f} s  ({html / seconds:.0f} pages/s)  CPU: {cpu:.1f} s  "
          f"peak memory: {peak_mb:.0f} MB")
    print(f"  {steps_line(stdout)}")
    print("search index per locale, KB (index + store = total):")
    for code, (index, store) in search.items():
        print(f"  {code:8}{index / 1024:9.0f} +{store / 1024:8.0f} ={(index + store) / 1024:8.0f}")
    return {"content_files": files, "html_pages": html, "files_written": len(after), "bytes_written": written,
            "full_build_seconds": round(seconds, 2), "full_build_cpu_seconds": round(cpu, 2),
            "pages_per_second": round(html / seconds, 1),
            "full_build_load_average": load,
            "peak_memory_mb": round(peak_mb), "steps": steps_line(stdout),
            "search_bytes": {code: {"index": index, "store": store} for code, (index, store) in search.items()}}


def incremental_build(root, config_path, config):
    before = snapshot(root / "output")
    relative = edited_page(root / "content", config.source.code)
    edited = edit_page(root / "content", config, relative)
    seconds, peak_mb, stdout, cpu = run_build(config_path, root / "content", root / "output")
    after = snapshot(root / "output")
    changed, kept_time = compare(before, after)
    print(f"incremental rebuild after editing {relative} in {len(edited)} locales: {seconds:.1f} s  "
          f"CPU: {cpu:.1f} s  peak memory: {peak_mb:.0f} MB")
    print(f"  {steps_line(stdout)}")
    print(f"  of {len(after):,} output files: {len(changed['other bytes']):,} with other bytes, "
          f"{len(changed['new']):,} new, {len(changed['gone']):,} gone; "
          f"{len(kept_time):,} kept their modification time")
    for label, names in changed.items():
        if names:
            print(f"  {label}: {by_type(names)}")
    return {"edited_page": relative.as_posix(), "edited_files": len(edited), "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "peak_memory_mb": round(peak_mb), "steps": steps_line(stdout),
            "files": len(after), "files_kept_mtime": len(kept_time),
            **{f"files_{label.replace(' ', '_')}": len(names) for label, names in changed.items()},
            "examples": {label: names[:20] for label, names in changed.items()}}


def code_stamp():
    """A digest of the code and catalogs that shape the site: a difference between two builds means
    little if someone changed these in between."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in ("site_generator", "search_index", "chat_widget", "portal", "translations"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def first_difference(first, second):
    """The first line that differs between two versions of a file, shortened."""
    lines = zip(first.read_text(errors="replace").splitlines(), second.read_text(errors="replace").splitlines())
    for number, (one, other) in enumerate(lines, 1):
        if one != other:
            start = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), 0)
            return f"line {number}: {one[max(0, start - 40):start + 60]!r} / {other[max(0, start - 40):start + 60]!r}"
    return "one file is longer"


def clean_build_matches(root, config_path, stamp):
    clean = root / "output-clean"
    remove_output(clean)
    seconds, _, _, _ = run_build(config_path, root / "content", clean)
    only_incremental, only_clean, other_bytes = differences(snapshot(root / "output"), snapshot(clean))
    example = first_difference(root / "output" / other_bytes[0], clean / other_bytes[0]) if other_bytes else ""
    remove_output(clean)
    same = not (only_incremental or only_clean or other_bytes)
    print(f"clean build of the edited content: {seconds:.1f} s; "
          + ("same output as the incremental rebuild" if same else "DIFFERENT output from the incremental rebuild:"))
    for label, names in (("only after the incremental rebuild", only_incremental),
                         ("only in the clean build", only_clean), ("other bytes", other_bytes)):
        if names:
            print(f"  {label}: {len(names)}: " + ", ".join(names[:10]) + (" ..." if len(names) > 10 else ""))
    if example:
        print(f"  {other_bytes[0]}, {example}")
    code_changed = code_stamp() != stamp
    if not same and code_changed:
        print("  note: the generator's code or catalogs changed between the builds (someone editing them?); "
              "run the bench again before reading anything into the difference")
    return {"clean_build_seconds": round(seconds, 2), "same_output": same, "example": example,
            "code_changed_meanwhile": code_changed,
            "differences": {"only_incremental": only_incremental[:50], "only_clean": only_clean[:50],
                            "other_bytes": other_bytes[:50]}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="source pages in the corpus (default 2000)")
    parser.add_argument("--locales", type=int, default=18, help="locales, the source included (default 18)")
    parser.add_argument("--incremental-only", action="store_true",
                        help="reuse the last run's corpus and output: only the edit and the incremental rebuild")
    parser.add_argument("--no-compare", action="store_true", help="skip the clean build that checks the result")
    args = parser.parse_args()
    root = WORK / f"build-{args.pages}x{args.locales}"
    config_path, extra = corpus_config(root, args.locales)
    config = load_config(config_path)
    if args.incremental_only and not (root / "output" / "index.html").is_file():
        raise SystemExit(f"{root / 'output'}: no earlier build to rebuild; run without --incremental-only first")
    print(f"source pages: {args.pages:,}  locales: {len(config.locales)} ({', '.join(config.locale_codes)})")
    stand_ins = catalogs_missing(code for code in config.locale_codes if code != config.source.code)
    if stand_ins:
        print(f"UI catalogs: none in translations/ui/ for {', '.join(stand_ins)}; "
              f"messages.pot stands in (English UI) for them")
    result = {"source_pages": args.pages, "locales": list(config.locale_codes), "ui_stand_ins": stand_ins,
              "extra_locales": extra, "machine": machine(),
              "measured": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    if args.incremental_only:
        result = {**previous.get(root.name, {}), **result}
    else:
        result.update(full_build(args, root, config_path, config))
    stamp = code_stamp()
    result["incremental"] = incremental_build(root, config_path, config)
    if not args.no_compare:
        result["incremental"].update(clean_build_matches(root, config_path, stamp))
    after = machine()
    result["machine_after"], result["speed_probe_after_seconds"] = after["load_average"], after["speed_probe_seconds"]
    print(f"load average before / after: {result['machine']['load_average']} / {result['machine_after']} "
          f"on {result['machine']['cores']} cores")
    print(f"speed probe (bench/build_speed.py speed_probe, lower is faster) before / after: "
          f"{result['machine']['speed_probe_seconds']} / {result['speed_probe_after_seconds']} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({**previous, root.name: result}, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)} [{root.name}]")
    compared = result["incremental"]
    if not args.no_compare and not compared["same_output"] and not compared["code_changed_meanwhile"]:
        raise SystemExit("the incremental rebuild and a clean build of the same content differ")


if __name__ == "__main__":
    main()
