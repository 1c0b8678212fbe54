// A locale's lunr index is cut into shards by the first two letters of each term, so a reader
// downloads only the shards their query's terms fall in. The shards a reader has loaded are
// put together into one lunr.Index, which answers exactly as the whole index would for any
// query whose terms all lie in loaded shards: lunr 2.3.9's Vector.similarity divides the dot
// product by the query vector's magnitude only, and the dot product only meets query terms.
//
// A shard is compact: [term, [field, ref, weight, field, ref, weight, ...]] per term. Document
// vectors are rebuilt from these postings, so no shard repeats every document's reference the
// way a serialised lunr index's fieldVectors would.

export function shardOf(term, count) {
  return shardHash(term) % count;
}

// FNV-1a over the term's first two code points, then murmur3's final mix: FNV's low bits
// follow the input's low bits alone, so without the mix "ab", "cd", "ef"... all fall in one of
// 4 shards. Stable across Node and browsers.
export function shardHash(term) {
  let hash = 2166136261;
  let taken = 0;
  for (const char of term) {
    if (taken++ === 2) break;
    hash ^= char.codePointAt(0);
    hash = Math.imul(hash, 16777619);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

// Loaded shards, put together into one lunr.Index on demand.
export class ShardedIndex {
  constructor(lunr, fields, pipeline) {
    this.lunr = lunr;
    this.fields = fields;
    this.pipeline = pipeline;
    this.invertedIndex = Object.create(null);
    this.vectors = Object.create(null); // "field/ref" -> [termIndex, weight, ...], in term order
    this.terms = 0;
    this.index = null;
  }

  add(shard) {
    for (const [term, flat] of shard) {
      if (term in this.invertedIndex) continue;
      const termIndex = this.terms++;
      const posting = { _index: termIndex };
      for (const field of this.fields) posting[field] = Object.create(null);
      for (let i = 0; i < flat.length; i += 3) {
        const field = this.fields[flat[i]];
        const ref = String(flat[i + 1]);
        posting[field][ref] = {};
        const fieldRef = `${field}/${ref}`;
        // Term indexes only grow, so each vector stays sorted as lunr.Vector requires.
        (this.vectors[fieldRef] || (this.vectors[fieldRef] = [])).push(termIndex, flat[i + 2]);
      }
      this.invertedIndex[term] = posting;
    }
    this.index = null;
  }

  // In how many passages a loaded term occurs (0 if it occurs nowhere or is not loaded).
  frequency(term) {
    const posting = this.invertedIndex[term];
    if (!posting) return 0;
    const refs = new Set();
    for (const field of this.fields) for (const ref of Object.keys(posting[field])) refs.add(ref);
    return refs.size;
  }

  get lunrIndex() {
    if (this.index) return this.index;
    const lunr = this.lunr;
    const fieldVectors = Object.create(null);
    for (const fieldRef of Object.keys(this.vectors)) fieldVectors[fieldRef] = new lunr.Vector(this.vectors[fieldRef]);
    const sorted = Object.keys(this.invertedIndex).sort();
    this.index = new lunr.Index({
      invertedIndex: this.invertedIndex, fieldVectors, tokenSet: lunr.TokenSet.fromArray(sorted),
      fields: this.fields, pipeline: lunr.Pipeline.load(this.pipeline),
    });
    return this.index;
  }
}
