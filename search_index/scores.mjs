// A locale's index the way lunr.js 2.3.9 would build it, without lunr.Builder: the same terms
// (our analysis run through lunr's own pipeline functions), the same weights, cut into the
// shards the browser loads into the real lunr (shards.mjs). lunr.Builder keeps every posting
// and every passage's field vector as objects, then the index went through JSON to be cut; at
// thousands of passages per locale that was most of the site build. Here postings live in
// typed arrays and the shards' JSON is written as bytes, once.
// tests/search_index/scores.test.mjs proves the shards equal, byte for byte, those cut from
// lunr.Builder's own index.
import { configure, normalize, wordSegments } from "./analysis.mjs";
import { shardHash } from "./shards.mjs";

// In lunr's field order; the boost multiplies every weight of the field.
export const FIELDS = [["title", 5], ["section", 3], ["text", 1]];
// lunr.Builder's defaults for BM25.
const K1 = 1.2;
const B = 0.75;
// Bits of the sort key taken per counting pass of termEntries's radix sort.
const RADIX_BITS = 16;
// Spaces and line breaks that no word boundary rule looks across: not followed by a mark, a
// format character or an emoji modifier, which attach to what precedes them.
export const SEGMENT_SAFE_SPACE = /[ \t\n\r\f]+(?![\p{M}\p{Cf}\u{1F3FB}-\u{1F3FF}])/u;
// What JSON.stringify writes other than as itself (surrogates, even paired, are left to it).
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;

// The index and search pipelines analysis.mjs configures for the locale, as lunr holds them.
export function pipelinesFor(lunr, locale) {
  const builder = new lunr.Builder();
  configure(builder, lunr, locale);
  return { index: builder.pipeline, search: builder.searchPipeline };
}

// The terms of a locale's passages, by id. Ids below known.count are the last build's terms in
// lunr's order (JavaScript's string order, as Index.toJSON sorts them), kept as their JSON
// text in UTF-8 (term i: json[starts[i]..starts[i + 1])) with their shard hashes, so a build
// that reuses them never turns them back into strings. Terms met since are appended as
// strings; one may repeat a known term (termEntries makes them one).
export class Vocabulary {
  constructor(known = null) {
    this.known = known || { count: 0, json: Buffer.alloc(0), starts: new Int32Array(1), hashes: new Uint32Array(0) };
    this.added = [];
  }

  get size() {
    return this.known.count + this.added.length;
  }

  add(term) {
    this.added.push(term);
    return this.size - 1;
  }

  knownTerm(id) {
    return JSON.parse(this.known.json.toString("utf8", this.known.starts[id], this.known.starts[id + 1]));
  }
}

// text -> the ids of the terms lunr.Builder would index for it: analysis.mjs's words, through
// the locale's pipeline. Each pipeline function (stop words, stemmers) looks at one token
// alone, so each distinct word is normalised and run through it once per locale.
export function analyser(lunr, locale, vocabulary) {
  const pipeline = pipelinesFor(lunr, locale).index;
  const bySegment = new Map(); // as ICU cut it, before normalize
  const byTerm = new Map();
  const idOf = (term) => {
    let id = byTerm.get(term);
    if (id === undefined) {
      id = vocabulary.add(term);
      byTerm.set(term, id);
    }
    return id;
  };
  const segmentIds = (segment, ids) => {
    let found = bySegment.get(segment); // an id, or a list of them when not just one
    if (found === undefined) {
      const terms = pipeline.run([new lunr.Token(normalize(segment), {})]).map((token) => idOf(String(token)));
      found = terms.length === 1 ? terms[0] : terms;
      bySegment.set(segment, found);
    }
    if (typeof found === "number") ids.push(found);
    else for (const id of found) ids.push(id);
  };
  // ICU's word boundaries never join across a space or a line break (UAX #29: WB3a, WB3b and
  // WB999; the dictionaries for Thai and CJK work within a run of letters), so the text is cut
  // there and each distinct piece is segmented once: words repeat, and segmentation was most of
  // the build's time. A mark after a space belongs with the space (WB4): no cut there.
  const byPiece = new Map();
  return (text) => {
    const ids = [];
    for (const piece of String(text || "").split(SEGMENT_SAFE_SPACE)) {
      if (!piece) continue;
      let found = byPiece.get(piece);
      if (found === undefined) {
        found = [];
        for (const segment of wordSegments(piece, locale)) segmentIds(segment, found);
        byPiece.set(piece, found);
      }
      for (const id of found) ids.push(id);
    }
    return Int32Array.from(ids);
  };
}

// same: id -> the id that stands for its term (a known term's, when an added one repeats it);
// order: those ids in lunr's order. Added terms are sorted and found among the known ones by
// bisection, which reads only a few known terms.
function sortedTerms(vocabulary) {
  const known = vocabulary.known.count;
  const { added } = vocabulary;
  const appended = added.map((_, at) => at).sort((a, b) => (added[a] < added[b] ? -1 : 1)); // distinct
  const decoded = new Map();
  const knownTerm = (id) => {
    if (!decoded.has(id)) decoded.set(id, vocabulary.knownTerm(id));
    return decoded.get(id);
  };
  const same = new Int32Array(vocabulary.size).map((_, id) => id);
  const before = new Int32Array(appended.length); // the known id each added term goes before
  let low = 0;
  appended.forEach((at, position) => {
    const term = added[at];
    let high = known;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (knownTerm(middle) < term) low = middle + 1;
      else high = middle;
    }
    before[position] = low;
    if (low < known && knownTerm(low) === term) same[known + at] = low;
  });
  const order = new Int32Array(vocabulary.size);
  let count = 0;
  let next = 0;
  for (let id = 0; id <= known; id += 1) {
    for (; next < appended.length && before[next] === id; next += 1) {
      if (same[known + appended[next]] === known + appended[next]) order[count++] = known + appended[next];
    }
    if (id < known) order[count++] = id;
  }
  return { same, order: order.subarray(0, count) };
}

// Digits of a whole number, written at `at`; returns where they end.
function writeWhole(bytes, at, value) {
  let end = at + 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) end += 1;
  for (let position = end - 1, rest = value; position >= at; position -= 1, rest = Math.floor(rest / 10)) {
    bytes[position] = 48 + (rest % 10);
  }
  return end;
}

// thousandths / 1000 as JavaScript prints it (the shortest text that reads back as the same
// number): lunr keeps weights as Math.round(score * 1000) / 1000, and printing them from the
// whole number skips the costly double-to-text conversion. scores.test.mjs checks it agrees.
function writeThousandths(bytes, at, thousandths) {
  if (!Number.isFinite(thousandths)) return at + bytes.write("null", at, "latin1");
  const whole = Math.floor(thousandths / 1000);
  const fraction = thousandths - whole * 1000;
  let end = writeWhole(bytes, at, whole);
  if (fraction) {
    bytes[end++] = 46; // "."
    bytes[end++] = 48 + Math.floor(fraction / 100);
    const tens = Math.floor(fraction / 10) % 10;
    const units = fraction % 10;
    if (tens || units) bytes[end++] = 48 + tens;
    if (units) bytes[end++] = 48 + units;
  }
  return end;
}

export function printThousandths(thousandths) {
  const bytes = Buffer.alloc(32);
  return bytes.toString("latin1", 0, writeThousandths(bytes, 0, thousandths));
}

// fieldIds: per passage (its ref is its position), the term ids of each of FIELDS.
// Returns, for the `count` terms that occur, in lunr's order: each one's shard entry as UTF-8
// JSON, entry i being json[starts[i]..starts[i + 1]): [term, [field number, ref, weight, ...]],
// fields in FIELDS order and refs ascending, as shards.mjs reads them, the term's own JSON
// ending at termEnds[i]; its shard hash; and renumber: vocabulary id -> i (-1: unused).
export function termEntries(fieldIds, vocabulary) {
  const fieldCount = FIELDS.length;
  const documents = fieldIds.length;
  const { same, order } = sortedTerms(vocabulary);
  const size = vocabulary.size;
  // id -> the rank of its term in lunr's order: what everything below is indexed by.
  const rank = new Int32Array(size);
  order.forEach((id, position) => { rank[id] = position; });
  for (let id = 0; id < size; id += 1) rank[id] = rank[same[id]];
  // Each (passage, field, term) once, with how often the term occurs there, keyed by the
  // term's rank and the field.
  let tokens = 0;
  for (const fields of fieldIds) for (const ids of fields) tokens += ids.length;
  const lastSeen = new Int32Array(order.length * 2).fill(-1); // per rank: the last slot it was in, its posting
  let postingKey = new Int32Array(tokens);
  let postingRef = new Int32Array(tokens);
  let postingFrequency = new Int32Array(tokens);
  let postings = 0;
  const fieldLength = new Int32Array(documents * fieldCount);
  const totalLength = new Float64Array(fieldCount);
  for (let ref = 0; ref < documents; ref += 1) {
    for (let field = 0; field < fieldCount; field += 1) {
      const slot = ref * fieldCount + field;
      const ids = fieldIds[ref][field];
      fieldLength[slot] = ids.length;
      totalLength[field] += ids.length;
      for (let at = 0; at < ids.length; at += 1) {
        const termRank = rank[ids[at]];
        if (lastSeen[termRank * 2] === slot) {
          postingFrequency[lastSeen[termRank * 2 + 1]] += 1;
        } else {
          lastSeen[termRank * 2] = slot;
          lastSeen[termRank * 2 + 1] = postings;
          postingKey[postings] = termRank * fieldCount + field;
          postingRef[postings] = ref;
          postingFrequency[postings] = 1;
          postings += 1;
        }
      }
    }
  }
  // Grouped by term then field, passages ascending within: a stable radix sort on the keys,
  // a few bits at a time, so its counts stay in the processor's cache.
  const keyBits = Math.max(1, Math.ceil(Math.log2(order.length * fieldCount + 1)));
  const passes = Math.ceil(keyBits / RADIX_BITS);
  const digitBits = Math.ceil(keyBits / passes);
  let sortedKey = new Int32Array(postings);
  let sortedRef = new Int32Array(postings);
  let sortedFrequency = new Int32Array(postings);
  for (let pass = 0, shift = 0; pass < passes; pass += 1, shift += digitBits) {
    const mask = (1 << digitBits) - 1;
    const next = new Int32Array(mask + 2);
    for (let at = 0; at < postings; at += 1) next[((postingKey[at] >>> shift) & mask) + 1] += 1;
    for (let digit = 1; digit <= mask; digit += 1) next[digit] += next[digit - 1];
    for (let at = 0; at < postings; at += 1) {
      const to = next[(postingKey[at] >>> shift) & mask]++;
      sortedKey[to] = postingKey[at];
      sortedRef[to] = postingRef[at];
      sortedFrequency[to] = postingFrequency[at];
    }
    [postingKey, sortedKey] = [sortedKey, postingKey];
    [postingRef, sortedRef] = [sortedRef, postingRef];
    [postingFrequency, sortedFrequency] = [sortedFrequency, postingFrequency];
  }
  const termStart = new Int32Array(order.length + 1);
  for (let at = 0; at < postings; at += 1) termStart[Math.floor(postingKey[at] / fieldCount) + 1] += 1;
  for (let position = 1; position <= order.length; position += 1) termStart[position] += termStart[position - 1];
  // lunr.Builder.calculateAverageFieldLengths: every passage has every field.
  const average = Array.from(totalLength, (total) => total / documents);
  const boosts = FIELDS.map(([, boost]) => boost);
  const known = vocabulary.known;
  const starts = new Int32Array(order.length + 1);
  const termEnds = new Int32Array(order.length);
  const hashes = new Uint32Array(order.length);
  const renumber = new Int32Array(size).fill(-1);
  const idfs = new Float64Array(documents * fieldCount + 1).fill(NaN); // by the number of passage fields
  let json = Buffer.allocUnsafe(Math.max(1024, postings * 16 + order.length * 24));
  let end = 0;
  let count = 0;
  for (let position = 0; position < order.length; position += 1) {
    const first = termStart[position];
    const last = termStart[position + 1];
    if (first === last) continue; // a term no passage has any more
    const id = order[position];
    const added = id >= known.count ? vocabulary.added[id - known.count] : null;
    // At most: the term's JSON in UTF-8 (6 bytes for an escaped code unit), brackets and
    // commas, and per posting a field, a ref, a weight and commas in digits.
    const room = (added === null ? known.starts[id + 1] - known.starts[id] : added.length * 6 + 2) + 8 + (last - first) * 48;
    if (end + room > json.length) {
      const larger = Buffer.allocUnsafe(Math.max(json.length * 2, end + room));
      json.copy(larger, 0, 0, end);
      json = larger;
    }
    starts[count] = end;
    json[end++] = 91; // "["
    if (added === null) {
      for (let at = known.starts[id]; at < known.starts[id + 1]; at += 1) json[end++] = known.json[at];
      hashes[count] = known.hashes[id];
    } else {
      if (ESCAPED_IN_JSON.test(added)) {
        end += json.write(JSON.stringify(added), end);
      } else {
        json[end++] = 34; // '"'
        end += json.write(added, end);
        json[end++] = 34;
      }
      hashes[count] = shardHash(added);
    }
    termEnds[count] = end;
    json[end++] = 44; // ","
    json[end++] = 91;
    // lunr.idf and lunr.Builder.createFieldVectors, operation for operation, so every
    // rounding falls the same way. lunr.idf counts a passage once per field the term is in.
    const found = last - first;
    if (Number.isNaN(idfs[found])) {
      const x = (documents - found + 0.5) / (found + 0.5);
      idfs[found] = Math.log(1 + Math.abs(x));
    }
    const idf = idfs[found];
    for (let at = first; at < last; at += 1) {
      const field = postingKey[at] % fieldCount;
      const ref = postingRef[at];
      const tf = postingFrequency[at];
      let score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (fieldLength[ref * fieldCount + field] / average[field])) + tf);
      score *= boosts[field];
      if (at > first) json[end++] = 44;
      json[end++] = 48 + field;
      json[end++] = 44;
      end = writeWhole(json, end, ref);
      json[end++] = 44;
      end = writeThousandths(json, end, Math.round(score * 1000));
    }
    json[end++] = 93; // "]"
    json[end++] = 93;
    renumber[id] = count;
    count += 1;
  }
  starts[count] = end;
  for (let id = 0; id < size; id += 1) renumber[id] = renumber[same[id]];
  return { count, json, starts: starts.subarray(0, count + 1), termEnds: termEnds.subarray(0, count),
           hashes: hashes.subarray(0, count), renumber };
}

// The vocabulary a next build starts from: these entries' terms, in their order.
export function knownTerms({ count, json, starts, termEnds, hashes }) {
  let bytes = 0;
  for (let i = 0; i < count; i += 1) bytes += termEnds[i] - starts[i] - 1;
  const terms = Buffer.allocUnsafe(bytes);
  const termStarts = new Int32Array(count + 1);
  let end = 0;
  for (let i = 0; i < count; i += 1) {
    termStarts[i] = end;
    end += json.copy(terms, end, starts[i] + 1, termEnds[i]);
  }
  termStarts[count] = end;
  return { count, json: terms, starts: termStarts, hashes: Uint32Array.from(hashes) };
}

// The shards' JSON, UTF-8: as many shards as the whole index needs at targetBytes each.
export function shardTexts({ count, json, starts, hashes }, targetBytes) {
  const wholeBytes = 2 + Math.max(0, count - 1) + starts[count]; // brackets and commas
  const shardCount = Math.max(1, Math.ceil(wholeBytes / targetBytes));
  const shardOfEntry = new Int32Array(count);
  const sizes = new Int32Array(shardCount).fill(1);
  for (let i = 0; i < count; i += 1) {
    const shard = hashes[i] % shardCount;
    shardOfEntry[i] = shard;
    sizes[shard] += starts[i + 1] - starts[i] + 1;
  }
  const shards = Array.from(sizes, (size) => Buffer.allocUnsafe(Math.max(2, size)));
  const ends = new Int32Array(shardCount).fill(1);
  shards.forEach((bytes) => { bytes[0] = 91; });
  for (let i = 0; i < count; i += 1) {
    const bytes = shards[shardOfEntry[i]];
    let at = ends[shardOfEntry[i]];
    if (at > 1) bytes[at++] = 44;
    ends[shardOfEntry[i]] = at + json.copy(bytes, at, starts[i], starts[i + 1]);
  }
  return shards.map((bytes, shard) => {
    bytes[ends[shard]] = 93;
    return bytes.subarray(0, ends[shard] + 1);
  });
}
