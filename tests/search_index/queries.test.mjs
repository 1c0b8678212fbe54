// Loads the built indexes in the real lunr.js and runs each locale's query set:
// the expected page must come in the top 3. SEARCH_OUTPUT names the built site folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { search } from "../../search_index/analysis.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
const here = dirname(fileURLToPath(import.meta.url));
const output = process.env.SEARCH_OUTPUT;
const queries = JSON.parse(readFileSync(join(here, "queries.json"), "utf8"));

for (const [locale, set] of Object.entries(queries)) {
  test(`query set: ${locale}`, () => {
    const index = lunr.Index.load(JSON.parse(readFileSync(join(output, locale, "search", "index.json"), "utf8")));
    const store = JSON.parse(readFileSync(join(output, locale, "search", "store.json"), "utf8"));
    const misses = [];
    for (const [query, expected] of set) {
      const urls = search(index, lunr, query, locale).slice(0, 3).map((hit) => store[Number(hit.ref)][2]);
      if (!urls.some((url) => url.startsWith(`/${locale}/${expected}`))) misses.push(`${query} -> ${urls.join(" | ")}`);
    }
    assert.deepEqual(misses, [], `${locale}: expected page not in the top 3`);
    assert.ok(set.length >= 10);
  });
}
