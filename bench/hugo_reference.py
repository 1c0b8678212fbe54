"""A reference point: Hugo's full build of the same synthetic corpus, and our full build's ratio to it.

    python bench/hugo_reference.py [--pages 2000] [--locales 18] [--ours SECONDS]

Writes the corpus that bench/build_speed.py builds (generated here if that has not run) as a Hugo
site: content/<locale>/<section>/<slug>.md with the same Markdown and front matter (`id` and `kind`
renamed, which Hugo reads as its own), hugo.toml with every locale as a language, and a minimal
theme of three templates (page, section list, home) without scripts. Then runs Debian's `hugo`
(`apt-get install hugo`) once, timed end to end, and prints pages, time and the ratio to our full
build time, read from bench/results/build.json (written by build_speed.py) unless given with --ours.

Hugo does less than our build: no search index, no checks of links and page weight, no
calendars or open data, no translation states. The ratio is how far we are from a generator
that only renders Markdown into templates, not a like-for-like comparison.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_config, generate  # noqa: E402
from portal.config import load_config  # noqa: E402

WORK = ROOT / "bench" / ".corpus"
RESULTS = ROOT / "bench" / "results" / "build.json"
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)

SINGLE = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}" dir="{{ .Site.Params.dir | default "ltr" }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title><meta name="description" content="{{ .Params.summary }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}</head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
{{ with .Params.steps }}<ol>{{ range . }}<li><h2>{{ .title }}</h2>{{ .body | markdownify }}
{{ with .documents }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}</li>{{ end }}</ol>{{ end }}
{{ .Content }}
<p>{{ .Date.Format "2006-01-02" }}</p></main>
<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Site.LanguageCode }}">
{{ .Language.LanguageName }}</a> {{ end }}</nav>
</body></html>
"""
LIST = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}" dir="{{ .Site.Params.dir | default "ltr" }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1><ul>{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<p>{{ .Params.summary }}</p></li>{{ end }}</ul></main></body></html>
"""
HOME = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}" dir="{{ .Site.Params.dir | default "ltr" }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Site.Title }}</title></head>
<body><main><h1>{{ .Site.Title }}</h1><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
({{ len .Pages }})</li>{{ end }}</ul></main></body></html>
"""


def hugo_front_matter(text):
    """Our front matter as Hugo reads it: its date from `updated`; `id` and `kind` renamed."""
    match = FRONT_MATTER.match(text)
    front_matter = match.group(1)
    front_matter = re.sub(r"(?m)^id: ", "portal_id: ", front_matter, count=1)
    front_matter = re.sub(r"(?m)^kind: ", "portal_kind: ", front_matter, count=1)
    updated = re.search(r"(?m)^updated: (.*)$", front_matter).group(1)
    return f"---\n{front_matter}date: {updated}\n---\n" + text[match.end():]


def hugo_config(config):
    lines = [f'baseURL = "{config.base_url}/"', f'title = "{config.site_name}"',
             f'defaultContentLanguage = "{config.source.code}"', "defaultContentLanguageInSubdir = true",
             'disableKinds = ["taxonomy", "term"]', "", "[languages]"]
    for weight, locale in enumerate(config.locales, 1):
        lines += [f'  [languages."{locale.code}"]', f'    contentDir = "content/{locale.code}"',
                  f'    languageCode = "{locale.html_lang}"', f'    languageName = "{locale.name}"',
                  f"    weight = {weight}", f'    [languages."{locale.code}".params]',
                  f'      dir = "{locale.direction}"']
    return "\n".join(lines) + "\n"


def write_site(content, site, config):
    shutil.rmtree(site, ignore_errors=True)
    for name, template in (("layouts/_default/single.html", SINGLE), ("layouts/_default/list.html", LIST),
                           ("layouts/index.html", HOME)):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(template, encoding="utf-8")
    (site / "hugo.toml").write_text(hugo_config(config), encoding="utf-8")
    files = 0
    for path in sorted(content.glob("*/*/*.md")):
        target = site / "content" / path.relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(hugo_front_matter(path.read_text(encoding="utf-8")), encoding="utf-8")
        files += 1
    return files


def run_hugo(hugo, site, destination):
    shutil.rmtree(destination, ignore_errors=True)
    command = [hugo, "--quiet", "--source", str(site), "--destination", str(destination),
               "--cacheDir", str(site.parent / "hugo-cache")]
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        printed = output.read().decode(errors="replace")
    if process.returncode:
        print(printed, file=sys.stderr)
        raise SystemExit(f"hugo failed ({process.returncode}): {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="source pages in the corpus (default 2000)")
    parser.add_argument("--locales", type=int, default=18, help="locales, the source included (default 18)")
    parser.add_argument("--ours", type=float, help="our full build in seconds (default: from bench/results/build.json)")
    args = parser.parse_args()
    hugo = shutil.which("hugo")
    if not hugo:
        raise SystemExit("hugo is not on PATH (Debian: apt-get install hugo)")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout.strip()
    root = WORK / f"build-{args.pages}x{args.locales}"
    config_path, _ = corpus_config(root, args.locales)
    config = load_config(config_path)
    if not (root / "content").is_dir():
        generate(root, config, args.pages)
    files = write_site(root / "content", root / "hugo-site", config)
    seconds, peak_mb = run_hugo(hugo, root / "hugo-site", root / "hugo-output")
    written = [path for path in (root / "hugo-output").rglob("*") if path.is_file()]
    pages = sum(1 for path in written if path.suffix == ".html")
    print(f"{version}")
    print(f"Hugo, {args.pages:,} source pages in {len(config.locales)} locales ({files:,} content files): "
          f"{pages:,} HTML pages, {sum(path.stat().st_size for path in written):,} bytes, "
          f"{seconds:.1f} s ({pages / seconds:.0f} pages/s), peak memory {peak_mb:.0f} MB")
    ours = args.ours
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    if ours is None and "full_build_seconds" in results.get(root.name, {}):
        ours = results[root.name]["full_build_seconds"]
    if ours is None:
        print(f"our full build: unknown (run bench/build_speed.py --pages {args.pages} --locales {args.locales} "
              f"first, or give --ours SECONDS)")
    else:
        print(f"our full build: {ours:.1f} s = {ours / seconds:.1f} x Hugo's time")
    if root.name in results:
        results[root.name]["hugo"] = {"version": version, "seconds": round(seconds, 2), "html_pages": pages,
                                      "peak_memory_mb": round(peak_mb),
                                      "ratio": round(ours / seconds, 2) if ours else None}
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
