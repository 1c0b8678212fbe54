"""Search download size and query speed: our client-side search against Pagefind on the same site.

    .venv/bin/python bench/search_bench.py [--site sample|corpus|both] [--pages 2000] [--rebuild]

Per locale: bytes downloaded from focusing the search box until the first result is shown, each
response counted as a server sends it (gzip -6; Pagefind's index files and wasm come gzipped from
Pagefind, so their size as served). Per locale, and again for the locale with the most bytes of
search files: query time p95 with the CPU slowed 4x, warm (index parts already loaded) and cold
(first run, loading and parsing what the query needs). Headless Debian chromium via Playwright; also bench/results/search.json.
"""
import argparse
import contextlib
import functools
import gzip
import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from portal.config import load_config  # noqa: E402
from site_generator.serve import SiteHandler  # noqa: E402

WORK = ROOT / "bench" / ".corpus"
RESULTS = ROOT / "bench" / "results" / "search.json"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SEARCH_INPUT = "form[data-module=search] input[type=search]"
FIRST_RESULT = "form[data-module=search] .search-result a"  # not the suggestions shown when nothing matches
RUNS = 20  # timed warm runs of each query
MAX_QUERIES = 12
PRECOMPRESSED = re.compile(r"\.(pf_\w+|pagefind)$")

# Pagefind picks its index from <html lang>, so each locale gets a harness page with that lang.
HARNESS = """<!doctype html>
<html lang="LANG"><meta charset="utf-8"><title>Pagefind harness</title>
<script>
// Importing Pagefind stands for focusing the search box: nothing of it loads before.
window.firstResult = async (query) => {
  const pf = await import("/_pagefind/pagefind.js");
  await pf.options({});
  const search = await pf.search(query);
  return search.results.length ? (await search.results[0].data()).url : null;
};
</script></html>
"""

# Both timings run on the main thread: CDP's CPU throttling is sure to apply there, and Pagefind's
# default web worker would otherwise escape it. Each query is run once on a throwaway instance
# first (fills the HTTP cache, compiles the code), then cold on a fresh instance, then RUNS warm.
OUR_TIMES = """async ([base, dir, queries, runs]) => {
  const { openSearch } = await import(base + "engine.mjs");
  const lunr = (await import(base + "lunr.mjs")).default;
  const manifest = await (await fetch(dir + "manifest.json")).json();
  const load = (name) => fetch(dir + name).then((response) => response.json());
  const open = async () => openSearch(lunr, manifest, load);
  const run = async (engine, query) => (await engine.search(query)).results.length;
  return window.timeQueries(open, run, queries, runs);
}"""
PAGEFIND_TIMES = """async ([queries, runs]) => {
  const pf = await import("/_pagefind/pagefind.js");
  const open = async () => {
    const instance = pf.createInstance({ basePath: "/_pagefind/", noWorker: true });
    await instance.search("");  // waits until wasm and metadata are in: an empty query stops there
    return instance;
  };
  const run = async (instance, query) => {
    const found = await instance.search(query);
    if (found.results.length) await found.results[0].data();
    return found.results.length;
  };
  return window.timeQueries(open, run, queries, runs);
}"""
TIME_QUERIES = """() => { window.timeQueries = async (open, run, queries, runs) => {
  const throwaway = await open();
  for (const query of queries) await run(throwaway, query);
  const cold = [], warm = [];
  let empty = 0;
  for (const query of queries) {
    const engine = await open();
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      const found = await run(engine, query);
      (i ? warm : cold).push(performance.now() - start);
      if (!i && !found) empty += 1;
    }
  }
  return { cold, warm, empty };
}; }"""


@functools.lru_cache(maxsize=None)
def wire_size(path):
    data = Path(path).read_bytes()
    return len(data) if PRECOMPRESSED.search(path) else len(gzip.compress(data, 6))


class CountingHandler(SiteHandler):
    """Serves the site, plus /_pagefind/ and /_bench/ from a folder outside it, noting what it sends."""
    extensions_map = {**SiteHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                      ".wasm": "application/wasm"}
    overlay = None
    served = None  # (path, bytes on the wire), shared with the benchmark

    def translate_path(self, path):
        clean = unquote(urlsplit(path).path)
        if clean.startswith(("/_pagefind/", "/_bench/")):
            return str(self.overlay / clean.lstrip("/"))
        return super().translate_path(path)

    def end_headers(self):
        # Timed runs fetch again what a fresh instance needs; a real host lets that come from cache.
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def do_GET(self):
        super().do_GET()
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            self.served.append((urlsplit(self.path).path, wire_size(str(path))))


@contextlib.contextmanager
def serve(site, overlay, locales):
    served = []
    attributes = {"locales": locales, "overlay": overlay, "served": served}
    handler = functools.partial(type("Handler", (CountingHandler,), attributes), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def source_stamp(extra=()):
    """A digest of everything that shapes the built site, so a cached build is reused only while valid."""
    digest = hashlib.sha256()
    folders = [ROOT / name for name in ("site_generator", "search_index", "portal", "translations")]
    files = [ROOT / "portal.yaml"] + [path for folder in [*folders, *extra] for path in sorted(folder.rglob("*"))
                                      if path.is_file() and "__pycache__" not in path.parts]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build(site, content, rebuild, extra=(), config=ROOT / "portal.yaml"):
    """Build the site and index it with Pagefind (beside it, in site/../pagefind), unless cached."""
    stamp_file, stamp = site.parent / "build.stamp", source_stamp(extra)
    overlay = site.parent / "pagefind"
    if rebuild or not stamp_file.is_file() or stamp_file.read_text() != stamp:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(overlay, ignore_errors=True)
        print(f"building {site} ...", flush=True)
        command = [sys.executable, "-m", "portal.cli", "--config", str(config), "build", "--content", str(content),
                   "--output", str(site)]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if result.returncode:
            print(result.stdout, result.stderr, file=sys.stderr)
            raise SystemExit(f"the site build failed ({result.returncode})")
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                        str(overlay / "_pagefind"), "--silent"], cwd=ROOT, check=True)
        stamp_file.write_text(stamp)
    return overlay


def corpus_config(folder):
    """portal.yaml without the page weight budget: pseudo-word pages are not real pages to hold to it."""
    text = (ROOT / "portal.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "portal.yaml").write_text(re.sub(r"(?m)^(\s*page_weight_kb:).*$", r"\1 1000", text), encoding="utf-8")
    return folder / "portal.yaml"


def write_harness(site, overlay, codes):
    (overlay / "_bench").mkdir(parents=True, exist_ok=True)
    for code in codes:
        lang = re.search(r'<html[^>]*\blang="([^"]+)"', (site / code / "index.html").read_text(encoding="utf-8"))
        (overlay / "_bench" / f"{code}.html").write_text(HARNESS.replace("LANG", lang.group(1)), encoding="utf-8")


def sample_queries(config):
    lists = json.loads((ROOT / "tests" / "search_index" / "queries.json").read_text(encoding="utf-8"))
    # Locales without a query set (machine ones) show the source text in the sample site.
    return {code: [query for query, _ in lists.get(code, lists[config.source.code])][:MAX_QUERIES]
            for code in config.locale_codes}


def corpus_queries(content, config):
    """The corpus is pseudo-words, so queries are the start of page titles spread over the corpus."""
    queries = {}
    for code in config.locale_codes:
        paths = sorted((content / code).rglob("*.md"))
        queries[code] = []
        for path in paths[::max(1, len(paths) // MAX_QUERIES)][:MAX_QUERIES]:
            title = re.search(r'^title: "(.*)"$', path.read_text(encoding="utf-8"), re.M).group(1)
            # Chinese, Japanese and Thai pseudo-words are written without spaces.
            queries[code].append(" ".join(title.split()[:2]) if " " in title else title[:3])
    return queries


def part(path):
    name = path.rsplit("/", 1)[-1]
    if name.startswith("store-") or name.endswith(".pf_fragment"):
        return "store"
    if name.endswith((".js", ".mjs", ".wasm", ".pagefind")):
        return "library"
    return "index" if "/search/" in path or path.startswith("/_pagefind/") else "other"


def bytes_to_first_result(browser, start, served, act):
    """Bytes served from act's start to its first result, in a fresh context (empty cache)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(start, wait_until="networkidle")
        served.clear()
        if not act(page):
            return None
        counted = dict.fromkeys(["library", "index", "store", "other"], 0)
        for path, size in list(served):
            counted[part(path)] += size
        return {**counted, "total": sum(counted.values()), "files": len(served)}
    finally:
        context.close()


def type_query(page, query):
    if not page.locator(SEARCH_INPUT).count():
        return False  # a build without our search UI
    page.focus(SEARCH_INPUT)
    page.fill(SEARCH_INPUT, query)
    page.wait_for_selector(FIRST_RESULT, timeout=60_000)
    return True


def p95(values):
    return round(sorted(values)[math.ceil(0.95 * len(values)) - 1], 2)


def query_times(browser, start, script, args):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(start, wait_until="networkidle")
        page.evaluate(TIME_QUERIES)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        times = page.evaluate(script, args)
        return {"warm_p95_ms": p95(times["warm"]), "cold_p95_ms": p95(times["cold"]),
                "queries": len(times["cold"]), "no_results": times["empty"], "warm_runs": len(times["warm"])}
    finally:
        context.close()


def bench_site(browser, site, overlay, queries, codes):
    write_harness(site, overlay, codes)
    engine = next(site.glob("assets/js.*/engine.mjs"), None)
    largest = max(codes, key=lambda code: sum(p.stat().st_size for p in (site / code / "search").glob("*.json")))
    report = {"pages": sum(1 for _ in site.rglob("*.html")), "largest": largest, "locales": {}}
    with serve(site, overlay, codes) as (url, served):
        for code in codes:
            query = queries[code][0]
            row = report["locales"][code] = {"query": query}
            row["ours"] = bytes_to_first_result(browser, f"{url}/{code}/", served,
                                                lambda page: type_query(page, query))
            row["pagefind"] = bytes_to_first_result(
                browser, f"{url}/_bench/{code}.html", served,
                lambda page: page.evaluate("(query) => window.firstResult(query)", query) is not None)
            print(f"  {code}: {kb(row['ours'])} / {kb(row['pagefind'])}", flush=True)
        base = f"/{engine.parent.relative_to(site).as_posix()}/" if engine else None
        report["speed_by_locale"] = {}
        for code in codes:
            report["speed_by_locale"][code] = {
                "ours": base and query_times(browser, f"{url}/{code}/", OUR_TIMES,
                                             [base, f"/{code}/search/", queries[code], RUNS]),
                "pagefind": query_times(browser, f"{url}/_bench/{code}.html", PAGEFIND_TIMES, [queries[code], RUNS])}
        report["speed"] = report["speed_by_locale"][largest]
    return report


def kb(counted, key="total"):
    return f"{counted[key] / 1024:.1f}" if counted else "n/a"


def print_report(name, report):
    def cells(counted):
        return "".join(f"{kb(counted, key):>8}" for key in ("total", "library", "index", "store"))
    print(f"\n{name}: {report['pages']} HTML pages; KB before the first result (gzip as served)")
    print(f"{'locale':8}{'ours':>8}{'lib':>8}{'index':>8}{'store':>8}   {'Pagefind':>8}{'lib':>8}{'index':>8}"
          f"{'store':>8}   query")
    for code, row in report["locales"].items():
        print(f"{code:8}{cells(row['ours'])}   {cells(row['pagefind'])}   {row['query']}")
    print("query time p95 per locale, CPU 4x slower, ms (warm / cold): ours | Pagefind")
    for code, speed in report["speed_by_locale"].items():
        ours, theirs = speed["ours"], speed["pagefind"]
        print(f"  {code:8}{ours['warm_p95_ms']:8.1f} /{ours['cold_p95_ms']:7.1f}  |"
              f"{theirs['warm_p95_ms']:8.1f} /{theirs['cold_p95_ms']:7.1f}" if ours else f"  {code:8} n/a")
    print(f"query time on the largest locale ({report['largest']}), CPU 4x slower, ms:")
    for engine, speed in report["speed"].items():
        print(f"  {engine:9} warm p95 {speed['warm_p95_ms']:8.2f}   cold p95 {speed['cold_p95_ms']:8.2f}   "
              f"({speed['queries']} queries, {speed['warm_runs']} warm runs, {speed['no_results']} without results)"
              if speed else f"  {engine:9} n/a (no search engine in this build)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", choices=["sample", "corpus", "both"], default="both")
    parser.add_argument("--pages", type=int, default=2000, help="source pages in the synthetic corpus")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when a cached build is valid")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("Debian's chromium is not on PATH (apt-get install chromium)")
    config = load_config()
    codes = config.locale_codes
    sites = {}
    if args.site in ("sample", "both"):
        site = WORK / "search-sample" / "output"
        overlay = build(site, ROOT / "content", args.rebuild, extra=[ROOT / "content"])
        sites["sample"] = (site, overlay, sample_queries(config))
    if args.site in ("corpus", "both"):
        root = WORK / str(args.pages)
        if args.rebuild or not (root / "content").is_dir():
            shutil.rmtree(root / "content", ignore_errors=True)
            generate(root, config, args.pages)
        site = WORK / f"search-{args.pages}" / "output"
        overlay = build(site, root / "content", args.rebuild, config=corpus_config(site.parent))
        sites[f"corpus-{args.pages}"] = (site, overlay, corpus_queries(root / "content", config))

    from playwright.sync_api import sync_playwright
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, (site, overlay, queries) in sites.items():
            print(f"{name}: bytes to first result, ours / Pagefind (KB)", flush=True)
            results[name] = bench_site(browser, site, overlay, queries, codes)
        browser.close()
    for name in sites:
        print_report(name, results[name])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
