// Search over one locale's built files, the same in the browser and under Node (the chat
// function uses it too): only the shards a query needs are loaded, then lunr runs the query,
// editors' best bets go first, each page gives at most two passages, and snippets come back
// as plain parts with the matched words marked, for the caller to render as text.
import { lookupTerms, normalize, search as runQuery, wordSegmenter, words } from "./analysis.mjs";
import { ShardedIndex, shardOf } from "./shards.mjs";

export const RESULTS = 8;
const PER_PAGE = 2;
const SNIPPET = 160;
const BEST_BET_PREFIX = 3;

export function bestBetsFor(manifest, query) {
  const wanted = words(query, manifest.locale).join(" ");
  if (!wanted) return [];
  return (manifest.bestBets || []).filter(({ queries }) => queries.some(
    (variant) => variant === wanted || (Array.from(wanted).length >= BEST_BET_PREFIX && variant.startsWith(wanted))));
}

// Passages of one page are consecutive; manifest.pages holds how many each page has.
function pageOfPassage(manifest) {
  const owner = new Int32Array(manifest.passages);
  let position = 0;
  (manifest.pages || []).forEach((count, page) => {
    owner.fill(page, position, position + count);
    position += count;
  });
  return owner;
}

export function snippetParts(text, lang, typed, stems) {
  const marks = (segment) => {
    const word = normalize(segment);
    return typed.some((term, position) => word === term || (position === typed.length - 1 && word.startsWith(term)))
      || stems.some((stem) => Array.from(stem).length >= 3 && word.startsWith(stem));
  };
  const segments = Array.from(wordSegmenter(lang).segment(text));
  const first = segments.find((part) => part.isWordLike && marks(part.segment));
  let start = 0;
  if (first && first.index > SNIPPET / 3) {
    const from = first.index - Math.floor(SNIPPET / 4);
    start = (segments.find((part) => part.index >= from && !part.isWordLike) || first).index;
  }
  const parts = [];
  let cut = false;
  for (const part of segments) {
    if (part.index < start) continue;
    if (part.index - start >= SNIPPET) { cut = true; break; }
    const mark = part.isWordLike && marks(part.segment);
    const last = parts[parts.length - 1];
    if (last && !last.mark && !mark) last.text += part.segment;
    else parts.push({ text: part.segment, mark });
  }
  if (start) parts.unshift({ text: "… ", mark: false });
  if (cut) parts.push({ text: " …", mark: false });
  return parts;
}

// The first passage of each store chunk, from the manifest's passage count per chunk.
export function chunkStarts(counts) {
  const starts = [];
  let start = 0;
  for (const count of counts) {
    starts.push(start);
    start += count;
  }
  return starts;
}

// The chunk holding passage `ref`: the last chunk starting at or before it.
export function chunkOf(starts, ref) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= ref) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function openSearch(lunr, manifest, load) {
  const index = new ShardedIndex(lunr, manifest.fields, manifest.pipeline);
  const shards = new Map();
  const chunks = new Map();
  const owner = pageOfPassage(manifest);
  // A failed download is forgotten, so the next keystroke tries again.
  const once = (cache, key, fetchIt) => {
    if (!cache.has(key)) cache.set(key, fetchIt().catch((error) => { cache.delete(key); throw error; }));
    return cache.get(key);
  };
  const shard = (number) => once(shards, number, () => load(manifest.shards[number]).then((data) => index.add(data)));
  const chunk = (number) => once(chunks, number, () => load(manifest.store[number]));
  const starts = chunkStarts(manifest.chunks);
  const entry = async (ref) => {
    const number = chunkOf(starts, ref);
    return (await chunk(number))[ref - starts[number]];
  };

  // Loads what the query needs; returns the matching passages as {ref, score}, best first.
  async function match(query) {
    const { typed, stems, terms } = lookupTerms(lunr, query, manifest.locale);
    if (!typed.length) return { typed, stems, terms, hits: [] };
    await Promise.all([...new Set(terms.map((term) => shardOf(term, manifest.shards.length)))].map(shard));
    // Which terms matched is read only for the results shown: a common word can match thousands.
    const hits = runQuery(index.lunrIndex, lunr, query, manifest.locale)
      .map((hit) => ({ ref: Number(hit.ref), score: hit.score, metadata: hit.matchData.metadata }));
    return { typed, stems, terms, hits };
  }

  // boost(page number) multiplies the scores of that page's passages (the chat's reader profile).
  async function search(query, { limit = RESULTS, boost = null, perPage: pageLimit = PER_PAGE } = {}) {
    const { typed, stems, terms, hits } = await match(query);
    if (boost) {
      for (const hit of hits) hit.score *= boost(owner[hit.ref]);
      hits.sort((a, b) => b.score - a.score);
    }
    const perPage = new Map();
    const chosen = [];
    let total = 0;
    for (const hit of hits) {
      const page = owner[hit.ref];
      const seen = perPage.get(page) || 0;
      if (seen >= pageLimit) continue;
      perPage.set(page, seen + 1);
      total += 1;
      if (chosen.length < limit) chosen.push(hit);
    }
    const results = await Promise.all(chosen.map(async ({ ref, score, metadata }) => {
      const [title, section, url, text, lang, updated, page] = await entry(ref);
      const matched = Object.keys(metadata);
      const inHeading = matched.filter((term) => "title" in metadata[term] || "section" in metadata[term]);
      return { ref, score, matched, inHeading, pageNumber: owner[ref], title, section, url, lang, updated, page, text,
               snippet: snippetParts(text, lang, typed, terms) };
    }));
    const frequencies = Object.fromEntries(stems.map((stem) => [stem, index.frequency(stem) / manifest.passages]));
    return { query, stems, frequencies, passageCount: manifest.passages, bestBets: bestBetsFor(manifest, query), results, total };
  }

  return { search };
}
