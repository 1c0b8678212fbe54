// Builds each locale's search files with lunr.js itself, so the browser runs the very same
// analysis: the index cut into shards, the document store cut into chunks, and a manifest
// that names them (their names carry a hash of their content, so they can be cached for good).
// Usage: node search_index/build.mjs input.json output-folder
// input.json: {"locales": {code: {"passages": [...], "manifest": {...extra manifest fields}}}}
import { createHash } from "node:crypto";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { configure, words } from "./analysis.mjs";
import { splitIndex } from "./shards.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

// About 12 KB compressed per shard: a query of two or three words stays well under what a
// whole index would cost, without hundreds of tiny requests.
export const SHARD_TARGET_BYTES = 48 * 1024;
export const STORE_CHUNK = 16;
export const SNIPPET_CHARACTERS = 300;

export function buildIndex(passages, locale) {
  return lunr(function () {
    configure(this, lunr, locale);
    this.ref("r");
    this.field("title", { boost: 5 });
    this.field("section", { boost: 3 });
    this.field("text");
    this.metadataWhitelist = [];
    passages.forEach((passage, position) => {
      this.add({ r: String(position), title: passage.title, section: passage.section, text: passage.text });
    });
  });
}

function writeHashed(folder, stem, json) {
  const name = `${stem}.${createHash("sha256").update(json).digest("hex").slice(0, 10)}.json`;
  writeFileSync(join(folder, name), json);
  return name;
}

export function writeLocale(outputDir, locale, passages, extra) {
  const serialized = JSON.parse(JSON.stringify(buildIndex(passages, locale)));
  const whole = JSON.stringify(splitIndex(serialized, 1)[0]);
  const count = Math.max(1, Math.ceil(Buffer.byteLength(whole) / SHARD_TARGET_BYTES));
  const folder = join(outputDir, locale, "search");
  mkdirSync(folder, { recursive: true });
  const files = [];
  let indexBytes = 0;
  const shards = splitIndex(serialized, count).map((shard, number) => {
    const json = JSON.stringify(shard);
    indexBytes += Buffer.byteLength(json);
    const name = writeHashed(folder, `shard-${number}`, json);
    files.push(name);
    return name;
  });
  let storeBytes = 0;
  const store = [];
  for (let start = 0; start < passages.length; start += STORE_CHUNK) {
    const chunk = passages.slice(start, start + STORE_CHUNK)
      .map((p) => [p.title, p.section, p.url, p.text.slice(0, SNIPPET_CHARACTERS), p.lang, p.updated, p.page]);
    const json = JSON.stringify(chunk);
    storeBytes += Buffer.byteLength(json);
    const name = writeHashed(folder, `store-${start / STORE_CHUNK}`, json);
    files.push(name);
    store.push(name);
  }
  const pages = [];
  passages.forEach((passage, position) => {
    if (position && passages[position - 1].page === passage.page) pages[pages.length - 1] += 1;
    else pages.push(1);
  });
  const bestBets = (extra.bestBets || []).map((bet) => (
    { ...bet, queries: bet.queries.map((query) => words(query, locale).join(" ")).filter(Boolean) }));
  const manifest = { version: 1, locale, fields: serialized.fields, pipeline: serialized.pipeline, shards,
                     store, chunk: STORE_CHUNK, passages: passages.length, pages, ...extra, bestBets };
  writeFileSync(join(folder, "manifest.json"), JSON.stringify(manifest));
  files.push("manifest.json");
  return { passages: passages.length, shards: shards.length, index_bytes: indexBytes, store_bytes: storeBytes,
           files: files.map((name) => `${locale}/search/${name}`) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, , inputPath, outputDir] = process.argv;
  const { locales } = JSON.parse(readFileSync(inputPath, "utf8"));
  const report = {};
  for (const [locale, { passages, manifest }] of Object.entries(locales)) {
    report[locale] = writeLocale(outputDir, locale, passages, manifest || {});
  }
  process.stdout.write(JSON.stringify(report));
}
