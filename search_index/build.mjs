// Builds one lunr index and one small document store per locale.
// Usage: node search_index/build.mjs passages.json output-folder
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { configure } from "./analysis.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

const [, , passagesPath, outputDir] = process.argv;
const { locales } = JSON.parse(readFileSync(passagesPath, "utf8"));
const report = {};

for (const [locale, passages] of Object.entries(locales)) {
  const index = lunr(function () {
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
  const store = passages.map((p) => [p.title, p.section, p.url, p.text.slice(0, 240), p.lang]);
  const folder = join(outputDir, locale, "search");
  mkdirSync(folder, { recursive: true });
  const indexJson = JSON.stringify(index);
  const storeJson = JSON.stringify(store);
  writeFileSync(join(folder, "index.json"), indexJson);
  writeFileSync(join(folder, "store.json"), storeJson);
  report[locale] = { passages: passages.length, index_bytes: indexJson.length, store_bytes: storeJson.length };
}
process.stdout.write(JSON.stringify(report));
