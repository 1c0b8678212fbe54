// Loads each locale's built search files into the real lunr.js, the way the browser does
// (only the shards a query needs), and runs its query set: the expected page must come in the
// top 3. SEARCH_OUTPUT names the built site folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chunkOf, chunkStarts } from "../../search_index/engine.mjs";
import { openBuilt } from "./built.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const queries = JSON.parse(readFileSync(join(here, "queries.json"), "utf8"));

for (const [locale, set] of Object.entries(queries)) {
  test(`query set: ${locale}`, async () => {
    const { engine } = openBuilt(locale);
    const misses = [];
    for (const [query, expected] of set) {
      const { results } = await engine.search(query);
      const urls = results.slice(0, 3).map((result) => result.url);
      if (!urls.some((url) => url.startsWith(`/${locale}/${expected}`))) misses.push(`${query} -> ${urls.join(" | ")}`);
    }
    assert.deepEqual(misses, [], `${locale}: expected page not in the top 3`);
    assert.ok(set.length >= 10);
  });
}

test("a query downloads only the shards its words fall in, and the store chunks of its results", async () => {
  const loaded = [];
  const { manifest, engine } = openBuilt("ar", loaded);
  assert.ok(manifest.shards.length > 1, "the Arabic index is sharded");
  const { results } = await engine.search("التأمين الصحي");
  assert.ok(results.length > 0);
  const shards = loaded.filter((name) => name.startsWith("shard-"));
  assert.ok(shards.length < manifest.shards.length, `loaded ${shards.length} of ${manifest.shards.length} shards`);
  const starts = chunkStarts(manifest.chunks);
  const chunks = new Set(results.map((result) => manifest.store[chunkOf(starts, result.ref)]));
  assert.deepEqual(new Set(loaded.filter((name) => name.startsWith("store-"))), chunks);
});

test("snippets mark the words the reader typed, in Arabic and Chinese too", async () => {
  for (const [locale, query] of [["en", "health insurance"], ["ar", "التأمين الصحي"], ["zh-hans", "医疗保险"]]) {
    const { engine } = openBuilt(locale);
    const { results } = await engine.search(query);
    const marked = results.flatMap((result) => result.snippet.filter((part) => part.mark).map((part) => part.text));
    assert.ok(marked.length > 0, `${locale}: nothing marked for ${query}`);
  }
});
