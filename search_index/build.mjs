// Builds each locale's search files: the index cut into shards (scores.mjs gives lunr.js's own
// index, so the browser's lunr answers over them as over an index it built itself), the
// document store cut into chunks, and a manifest that names them (their names carry a hash of
// their content, so they can be cached for good). Locales are built at once on every core; a
// cache folder (build_cache.mjs) lets a locale whose input did not change be placed as it was,
// and a changed one analyse only the texts it has not seen.
//
// Usage: node search_index/build.mjs --output SITE [--cache FOLDER] [LOCALE.json...]
// (without files, their paths come on standard input, one a line, each built as it comes)
// LOCALE.json (named by its locale code): {"passages": [...], "manifest": {...extra manifest fields}}
// Prints {locale: {passages, shards, index_bytes, store_bytes, files, served, built}}, served:
// {path in the site: [gzip size, digest]}.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { words } from "./analysis.mjs";
import { digest, FINGERPRINT, LocaleCache } from "./build_cache.mjs";
import { analyser, FIELDS, knownTerms, pipelinesFor, shardTexts, termEntries, Vocabulary } from "./scores.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

// About 12 KB compressed per shard: a query of two or three words stays well under what a
// whole index would cost, without hundreds of tiny requests.
export const SHARD_TARGET_BYTES = 48 * 1024;
// A store chunk ends after a page whose id hashes to a multiple of STORE_PAGE_MODULUS, once it
// holds STORE_CHUNK_MIN passages, and in any case at STORE_CHUNK_MAX. Ends chosen by the pages
// themselves, not by position, mean an edit that adds or removes a passage changes its own
// page's chunk and leaves the others' bytes (and names) alone. About 16 passages a chunk.
export const STORE_CHUNK_MIN = 8;
export const STORE_CHUNK_MAX = 32;
const STORE_PAGE_MODULUS = 2;
export const SNIPPET_CHARACTERS = 300;
const LOCALE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
const TEXT_FIELDS = ["title", "section", "text"];

// [name carrying a hash of the content, bytes, the whole hash]
function hashedFile(stem, bytes) {
  const hash = digest(bytes);
  return [`${stem}.${hash.slice(0, 10)}.json`, bytes, hash];
}

export function storeChunks(passages) {
  const chunks = [];
  let chunk = [];
  passages.forEach((passage, position) => {
    chunk.push(passage);
    const next = passages[position + 1];
    const pageEnds = !next || next.page !== passage.page;
    const pageSaysEnd = pageEnds && chunk.length >= STORE_CHUNK_MIN
      && createHash("sha256").update(String(passage.page)).digest().readUInt32BE(0) % STORE_PAGE_MODULUS === 0;
    if (!next || pageSaysEnd || chunk.length >= STORE_CHUNK_MAX) {
      chunks.push(chunk);
      chunk = [];
    }
  });
  return chunks;
}

function checkInput(input, source) {
  if (!input || !Array.isArray(input.passages)) throw new Error(`${source}: "passages" must be a list`);
  input.passages.forEach((passage, position) => {
    for (const field of TEXT_FIELDS) {
      if (typeof passage?.[field] !== "string") throw new Error(`${source}: passages[${position}].${field} must be text`);
    }
  });
  if (input.manifest !== undefined && (typeof input.manifest !== "object" || Array.isArray(input.manifest))) {
    throw new Error(`${source}: "manifest" must be an object`);
  }
}

// A few changed texts are cheaper to analyse again next time than the whole token cache is
// to rewrite; past this share of them it is rewritten.
const REWRITE_TOKENS_SHARE = 0.02;

// Each passage's term ids per field, analysing only texts the cache has not seen; returns them
// with the vocabulary, each distinct text's ids, and whether the cache is worth rewriting.
function passageTerms(passages, locale, cached) {
  const vocabulary = new Vocabulary(cached && cached.known);
  const analyse = analyser(lunr, locale, vocabulary);
  const byText = new Map();
  let analysed = 0;
  const fieldIds = passages.map((passage) => TEXT_FIELDS.map((field) => {
    const text = passage[field];
    let ids = byText.get(text);
    if (!ids) {
      ids = cached && cached.texts.get(text);
      if (!ids) {
        ids = analyse(text);
        analysed += 1;
      }
      byText.set(text, ids);
    }
    return ids;
  }));
  const rewrite = !cached || analysed > byText.size * REWRITE_TOKENS_SHARE
    || cached.texts.size > byText.size * (1 + REWRITE_TOKENS_SHARE);
  return { vocabulary, fieldIds, texts: byText, rewrite };
}

// The locale's files as [name, bytes, sha256 of the bytes], its report, and what the token
// cache should hold next (null: keep it as it is).
export function localeFiles(locale, passages, extra, cached = null) {
  const terms = passageTerms(passages, locale, cached);
  const index = termEntries(terms.fieldIds, terms.vocabulary);
  const files = [];
  let indexBytes = 0;
  const shards = shardTexts(index, SHARD_TARGET_BYTES).map((bytes, number) => {
    indexBytes += bytes.length;
    const file = hashedFile(`shard-${number}`, bytes);
    files.push(file);
    return file[0];
  });
  let storeBytes = 0;
  const store = [];
  const chunks = [];
  for (const chunk of storeChunks(passages)) {
    const bytes = Buffer.from(JSON.stringify(chunk
      .map((p) => [p.title, p.section, p.url, p.text.slice(0, SNIPPET_CHARACTERS), p.lang, p.updated, p.page])));
    storeBytes += bytes.length;
    // Named after its first page and its content, not its position: a chunk whose passages did
    // not change keeps its name even when passages before it came or went.
    const file = hashedFile(`store-${chunk[0].page}`, bytes);
    files.push(file);
    store.push(file[0]);
    chunks.push(chunk.length);
  }
  const pages = [];
  passages.forEach((passage, position) => {
    if (position && passages[position - 1].page === passage.page) pages[pages.length - 1] += 1;
    else pages.push(1);
  });
  const bestBets = (extra.bestBets || []).map((bet) => (
    { ...bet, queries: bet.queries.map((query) => words(query, locale).join(" ")).filter(Boolean) }));
  const fields = FIELDS.map(([name]) => name);
  const pipeline = pipelinesFor(lunr, locale).search.toJSON();
  // Version 2: store chunks of varying size, counted in `chunks` (version 1 had a fixed `chunk`).
  const manifest = { version: 2, locale, fields, pipeline, shards, store, chunks,
                     passages: passages.length, pages, ...extra, bestBets };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  files.push(["manifest.json", manifestBytes, digest(manifestBytes)]);
  const report = { passages: passages.length, shards: shards.length, index_bytes: indexBytes, store_bytes: storeBytes };
  // For the next build: the texts' term ids in the order of the terms this build kept.
  const tokens = terms.rewrite ? {
    known: knownTerms(index),
    texts: new Map(Array.from(terms.texts, ([text, ids]) => [text, ids.map((id) => index.renumber[id])])),
  } : null;
  return { files, report, tokens };
}

// Builds (or, when the cache holds a build of the same input, places) one locale's files
// into outputDir/<locale>/search/. inputPath names the locale: <code>.json.
export function buildLocale(inputPath, outputDir, cacheDir = null) {
  const locale = basename(inputPath, ".json");
  if (!LOCALE_CODE.test(locale)) throw new Error(`${inputPath}: the file name must be a locale code, as en.json`);
  const raw = readFileSync(inputPath);
  const folder = join(outputDir, locale, "search");
  const key = createHash("sha256").update(FINGERPRINT).update(raw).digest("hex");
  const cache = cacheDir ? new LocaleCache(cacheDir, locale) : null;
  const earlier = cache && cache.build(key);
  const listed = (names) => names.map((name) => `${locale}/search/${name}`);
  const withPaths = (report) => ({
    ...report, served: Object.fromEntries(Object.entries(report.served).map(([name, facts]) => [`${locale}/search/${name}`, facts])),
  });
  if (earlier) {
    cache.placeBuild(earlier, folder);
    return { ...withPaths(earlier.report), files: listed(earlier.files.map(([name]) => name)), built: false };
  }
  let input;
  try {
    input = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${inputPath}: not JSON (${error.message})`);
  }
  checkInput(input, inputPath);
  const { files, report, tokens } = localeFiles(locale, input.passages, input.manifest || {},
                                                cache && cache.loadTokens());
  report.served = servedFacts(files, cache && cache.lastServed());
  mkdirSync(folder, { recursive: true });
  if (!cache) {
    for (const [name, bytes] of files) writeFileSync(join(folder, name), bytes);
  } else {
    const stored = files.map(([name, bytes, hash]) => [name, cache.storeAndPlace(bytes, hash, join(folder, name))]);
    if (tokens) cache.saveTokens(tokens.known, tokens.texts);
    cache.record(key, report, stored);
  }
  return { ...withPaths(report), files: listed(files.map(([name]) => name)), built: true };
}

// What the site build's offline lists say of each file: its size gzip-compressed at
// SEARCH_GZIP_LEVEL and the first ten hex digits of its sha256. Weighed here, on the builder's
// threads, because a rebuild writes every shard again and weighing them was most of the offline
// lists' time. Level 4, where pages are weighed at 6: these files are most of the bytes a build
// compresses (about 260 MB for 2,000 pages in 18 languages), and at level 6 weighing them was
// more than half of a rebuild's search build; level 4 takes about a third of that time and
// finds each locale's files 3 to 7 % heavier (bench/ corpus), so "save for offline" overstates
// a download a little rather than understating it. A file the last build weighed (`earlier`:
// Map(sha256 -> facts), from the cache) is not weighed again: after an edit, most store chunks
// are the bytes they were.
export const SEARCH_GZIP_LEVEL = 4;

export function servedFacts(files, earlier = null) {
  return Object.fromEntries(files.map(([name, bytes, hash]) => [
    name, earlier?.get(hash) || [gzipSync(bytes, { level: SEARCH_GZIP_LEVEL }).length, hash.slice(0, 10)]]));
}

// One locale at a time on a thread of its own; resolves to its report.
function localeThread(outputDir, cacheDir) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { outputDir, cacheDir } });
  let pending = null;
  let stopped = null; // why the thread cannot build any more
  const settle = (error, report) => {
    const { resolve, reject } = pending || {};
    pending = null;
    if (error) reject?.(error);
    else resolve?.(report);
  };
  worker.on("message", ({ report, error }) => settle(error && new Error(error), report));
  worker.on("error", (error) => {
    stopped = error;
    settle(error);
  });
  worker.on("exit", (code) => {
    stopped ||= new Error(`a search build thread stopped (exit code ${code})`);
    settle(stopped);
  });
  return {
    build: (path) => (stopped ? Promise.reject(stopped) : new Promise((resolve, reject) => {
      pending = { resolve, reject };
      worker.postMessage(path);
    })),
    stop: () => worker.terminate(),
  };
}

// Builds the locales on `workers` threads; resolves to their reports. inputs: a list of paths
// (built largest first), or an async iterable of paths, built as they come (the site build
// writes the next locale's file while the first ones are built).
export async function buildLocales(inputs, outputDir, cacheDir = null, workers = availableParallelism()) {
  let source = inputs;
  let threads = workers;
  if (Array.isArray(inputs)) {
    source = inputs.map((path) => [path, statSync(path).size]).sort((a, b) => b[1] - a[1]).map(([path]) => path);
    threads = Math.min(workers, inputs.length);
  }
  const paths = source[Symbol.asyncIterator] ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const pool = Array.from({ length: Math.max(1, threads) }, () => localeThread(outputDir, cacheDir));
  const reports = new Map();
  try {
    await Promise.all(pool.map(async (thread) => {
      for (let next = await paths.next(); !next.done; next = await paths.next()) {
        const locale = basename(next.value, ".json");
        reports.set(locale, null); // keeps the order the locales came in
        reports.set(locale, await thread.build(next.value));
      }
    }));
  } finally {
    await Promise.all(pool.map((thread) => thread.stop()));
  }
  const order = Array.isArray(inputs) ? inputs.map((path) => basename(path, ".json")) : [...reports.keys()];
  return Object.fromEntries(order.map((locale) => [locale, reports.get(locale)]));
}

if (!isMainThread && workerData && "outputDir" in workerData) {
  parentPort.on("message", (path) => {
    try {
      parentPort.postMessage({ report: buildLocale(path, workerData.outputDir, workerData.cacheDir) });
    } catch (error) {
      parentPort.postMessage({ error: error.message });
    }
  });
} else if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at < 0 ? null : args.splice(at, 2)[1];
  };
  const outputDir = option("--output");
  const cacheDir = option("--cache");
  if (!outputDir) {
    process.stderr.write("usage: node search_index/build.mjs --output SITE [--cache FOLDER] [LOCALE.json...]\n"
                         + "  (without files, their paths are read from standard input, one a line)\n");
    process.exit(2);
  }
  const inputs = args.length ? args
    : (async function* lines() {
      for await (const line of createInterface({ input: process.stdin })) if (line.trim()) yield line.trim();
    })();
  buildLocales(inputs, outputDir, cacheDir).then(
    (reports) => process.stdout.write(JSON.stringify(reports)),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
