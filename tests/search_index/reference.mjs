// The reference the fast builder is held to: lunr.Builder itself indexes the passages with our
// analysis, and its serialised index is cut into shards the way the search files were first
// built. search_index/scores.mjs must give the same bytes.
import { createRequire } from "node:module";
import { configure } from "../../search_index/analysis.mjs";
import { shardOf } from "../../search_index/shards.mjs";

const require = createRequire(import.meta.url);
export const lunr = require("lunr");

export function lunrIndex(passages, locale) {
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

// serialized: lunr's own JSON of the whole index. Returns `count` shards.
export function splitIndex(serialized, count) {
  const fieldNumber = new Map(serialized.fields.map((field, number) => [field, number]));
  const weights = new Map(); // "termIndex field/ref" -> weight, from the document vectors
  for (const [fieldRef, elements] of serialized.fieldVectors) {
    for (let i = 0; i < elements.length; i += 2) weights.set(`${elements[i]} ${fieldRef}`, elements[i + 1]);
  }
  const shards = Array.from({ length: count }, () => []);
  for (const [term, posting] of serialized.invertedIndex) {
    const flat = [];
    for (const field of serialized.fields) {
      for (const ref of Object.keys(posting[field])) {
        flat.push(fieldNumber.get(field), Number(ref), weights.get(`${posting._index} ${field}/${ref}`));
      }
    }
    shards[shardOf(term, count)].push([term, flat]);
  }
  return shards;
}

// The shards' JSON texts, as many as the whole index needs at targetBytes each; and the
// serialised index with its search pipeline, which the manifest repeats.
export function referenceShards(passages, locale, targetBytes) {
  const serialized = JSON.parse(JSON.stringify(lunrIndex(passages, locale)));
  const whole = JSON.stringify(splitIndex(serialized, 1)[0]);
  const count = Math.max(1, Math.ceil(Buffer.byteLength(whole) / targetBytes));
  return { serialized, shards: splitIndex(serialized, count).map((shard) => JSON.stringify(shard)) };
}
