// A locale's index the way lunr.js 2.3.9 would build it, without lunr.Builder: the same terms
// (our analysis run through lunr's own pipeline functions), the same weights, cut into the
// shards the browser loads into the real lunr (shards.mjs). lunr.Builder keeps every posting
// and every passage's field vector as objects, then the index goes through JSON to be cut; at
// thousands of passages per locale that was most of the site build. Here postings live in
// flat arrays and each term's shard entry is written once.
// tests/search_index/scores.test.mjs proves the shards equal, byte for byte, those cut from
// lunr.Builder's own index.
import { configure, normalize, wordSegments } from "./analysis.mjs";
import { shardOf } from "./shards.mjs";

// In lunr's field order; the boost multiplies every weight of the field.
export const FIELDS = [["title", 5], ["section", 3], ["text", 1]];
// lunr.Builder's defaults for BM25.
const K1 = 1.2;
const B = 0.75;

// The index and search pipelines analysis.mjs configures for the locale, as lunr holds them.
export function pipelinesFor(lunr, locale) {
  const builder = new lunr.Builder();
  configure(builder, lunr, locale);
  return { index: builder.pipeline, search: builder.searchPipeline };
}

// The terms of a locale's passages, by number: ids below `sorted` are in lunr's term order
// (JavaScript's string order, as Index.toJSON sorts them); terms met since are appended, and
// may repeat an earlier term (termEntries makes them one).
export class Vocabulary {
  constructor(terms = [], sorted = terms.length) {
    this.terms = terms;
    this.sorted = sorted;
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
      id = vocabulary.terms.length;
      vocabulary.terms.push(term);
      byTerm.set(term, id);
    }
    return id;
  };
  return (text) => {
    const ids = [];
    for (const segment of wordSegments(text, locale)) {
      let found = bySegment.get(segment);
      if (found === undefined) {
        found = pipeline.run([new lunr.Token(normalize(segment), {})]).map((token) => idOf(String(token)));
        bySegment.set(segment, found);
      }
      for (const id of found) ids.push(id);
    }
    return Int32Array.from(ids);
  };
}

// Vocabulary ids -> one id per distinct term, and the distinct terms' ids in lunr's order.
function sortedTerms({ terms, sorted }) {
  const appended = [];
  for (let id = sorted; id < terms.length; id += 1) appended.push(id);
  appended.sort((a, b) => (terms[a] < terms[b] ? -1 : 1)); // distinct terms: never equal
  const same = new Int32Array(terms.length);
  const order = new Int32Array(terms.length);
  let count = 0;
  let old = 0;
  let added = 0;
  while (old < sorted || added < appended.length) {
    const next = appended[added];
    if (added === appended.length || (old < sorted && terms[old] < terms[next])) {
      same[old] = old;
      order[count++] = old++;
    } else if (old === sorted || terms[next] < terms[old]) {
      same[next] = next;
      order[count++] = next;
      added += 1;
    } else {
      same[old] = old;
      same[next] = old;
      order[count++] = old++;
      added += 1;
    }
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
// Returns the terms that occur, in lunr's order, and each one's shard entry as UTF-8 JSON,
// entry i being json[starts[i]..starts[i + 1]): [term, [field number, ref, weight, ...]],
// fields in FIELDS order and refs ascending, as shards.mjs reads them; and `renumber`,
// vocabulary id -> position in `terms` (-1: unused).
export function termEntries(fieldIds, vocabulary) {
  const fieldCount = FIELDS.length;
  const documents = fieldIds.length;
  const { same, order } = sortedTerms(vocabulary);
  const size = vocabulary.terms.length;
  let tokens = 0;
  for (const fields of fieldIds) for (const ids of fields) tokens += ids.length;
  const occurrences = new Int32Array(size); // in how many fields of how many passages (lunr.idf)
  const lastSlot = new Int32Array(size).fill(-1);
  const lastPosting = new Int32Array(size);
  const postingTerm = new Int32Array(tokens);
  const postingFrequency = new Int32Array(tokens);
  const postingSlot = new Int32Array(tokens); // passage * fieldCount + field
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
        const id = same[ids[at]];
        if (lastSlot[id] === slot) {
          postingFrequency[lastPosting[id]] += 1;
        } else {
          lastSlot[id] = slot;
          lastPosting[id] = postings;
          postingTerm[postings] = id;
          postingFrequency[postings] = 1;
          postingSlot[postings] = slot;
          postings += 1;
          occurrences[id] += 1;
        }
      }
    }
  }
  const rank = new Int32Array(size);
  order.forEach((id, position) => { rank[id] = position; });
  // Postings grouped by (term, field), passages ascending within: a stable counting sort.
  const bucketStart = new Int32Array(order.length * fieldCount + 1);
  for (let posting = 0; posting < postings; posting += 1) {
    bucketStart[rank[postingTerm[posting]] * fieldCount + (postingSlot[posting] % fieldCount) + 1] += 1;
  }
  for (let bucket = 1; bucket < bucketStart.length; bucket += 1) bucketStart[bucket] += bucketStart[bucket - 1];
  const fill = bucketStart.slice(0, -1);
  const ordered = new Int32Array(postings);
  for (let posting = 0; posting < postings; posting += 1) {
    ordered[fill[rank[postingTerm[posting]] * fieldCount + (postingSlot[posting] % fieldCount)]++] = posting;
  }
  // lunr.Builder.calculateAverageFieldLengths: every passage has every field.
  const average = Array.from(totalLength, (total) => total / documents);
  const terms = [];
  const starts = [0];
  const renumber = new Int32Array(size).fill(-1);
  let json = Buffer.allocUnsafe(1 << 20);
  let end = 0;
  for (let position = 0; position < order.length; position += 1) {
    const id = order[position];
    const found = occurrences[id];
    if (!found) continue;
    const term = vocabulary.terms[id];
    const quoted = JSON.stringify(term);
    const first = bucketStart[position * fieldCount];
    const last = bucketStart[(position + 1) * fieldCount];
    // At most: the quoted term in UTF-8, brackets, and per posting a field, a ref, a weight
    // and commas in digits.
    const room = quoted.length * 3 + 8 + (last - first) * 48;
    if (end + room > json.length) {
      const larger = Buffer.allocUnsafe(Math.max(json.length * 2, end + room));
      json.copy(larger, 0, 0, end);
      json = larger;
    }
    json[end++] = 91; // "["
    end += json.write(quoted, end);
    json[end++] = 44; // ","
    json[end++] = 91;
    // lunr.idf and lunr.Builder.createFieldVectors, operation for operation, so every
    // rounding falls the same way.
    const x = (documents - found + 0.5) / (found + 0.5);
    const idf = Math.log(1 + Math.abs(x));
    for (let at = first; at < last; at += 1) {
      const posting = ordered[at];
      const slot = postingSlot[posting];
      const field = slot % fieldCount;
      const tf = postingFrequency[posting];
      let score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (fieldLength[slot] / average[field])) + tf);
      score *= FIELDS[field][1];
      if (at > first) json[end++] = 44;
      end = writeWhole(json, end, field);
      json[end++] = 44;
      end = writeWhole(json, end, (slot - field) / fieldCount);
      json[end++] = 44;
      end = writeThousandths(json, end, Math.round(score * 1000));
    }
    json[end++] = 93; // "]"
    json[end++] = 93;
    renumber[id] = terms.length;
    terms.push(term);
    starts.push(end);
  }
  for (let id = 0; id < size; id += 1) renumber[id] = renumber[same[id]];
  return { terms, json, starts, renumber };
}

// The shards' JSON, UTF-8: as many shards as the whole index needs at targetBytes each.
export function shardTexts({ terms, json, starts }, targetBytes) {
  const wholeBytes = 2 + Math.max(0, terms.length - 1) + starts[terms.length]; // brackets and commas
  const count = Math.max(1, Math.ceil(wholeBytes / targetBytes));
  const members = Array.from({ length: count }, () => []);
  const sizes = new Array(count).fill(1);
  terms.forEach((term, position) => {
    const shard = shardOf(term, count);
    members[shard].push(position);
    sizes[shard] += starts[position + 1] - starts[position] + 1;
  });
  return members.map((positions, shard) => {
    const bytes = Buffer.allocUnsafe(Math.max(2, sizes[shard]));
    let end = 0;
    bytes[end++] = 91;
    for (const position of positions) {
      if (end > 1) bytes[end++] = 44;
      end += json.copy(bytes, end, starts[position], starts[position + 1]);
    }
    bytes[end++] = 93;
    return bytes;
  });
}
