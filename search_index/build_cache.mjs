// What one search build leaves for the next, in a folder beside the site (the site itself is
// written afresh into a staging folder by every build). Everything is keyed by content: a
// locale's input with the builder's own code, a field text by the text itself, a file by its
// hash; anything missing, unreadable or from other code is built again, so the cache can make
// a build faster but never different.
//
// <cache>/<locale>/files/<sha256>     each search file once, by its content; linked into the
//                                     site, so a file that did not change keeps its time
// <cache>/<locale>/builds/<key>.json  the last build of the locale: its report and files
// <cache>/<locale>/tokens.bin         each field text analysed lately, with its terms
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync,
         writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// The builder's code, lunr, and the ICU that cuts words (it comes with Node): when any of them
// changes, nothing cached before is used.
export const FINGERPRINT = (() => {
  const hash = createHash("sha256");
  for (const name of readdirSync(here).filter((file) => file.endsWith(".mjs")).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(here, name)));
  }
  hash.update(readFileSync(require.resolve("lunr")));
  hash.update(`${process.version} ${process.versions.icu} ${process.versions.unicode}`);
  return hash.digest("hex");
})();

export const digest = (bytes) => createHash("sha256").update(bytes).digest("hex");

// Written beside, then renamed: a reader never sees half a file.
function writeWhole(path, bytes) {
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
}

// A hard link shares the file's bytes and modification time; where links are refused (another
// file system), a copy is given the same time.
export function place(source, target) {
  try {
    linkSync(source, target);
  } catch (error) {
    if (error.code === "EEXIST") {
      rmSync(target);
      place(source, target);
      return;
    }
    if (!["EXDEV", "EPERM", "EMLINK", "ENOTSUP"].includes(error.code)) throw error;
    copyFileSync(source, target);
    const { atime, mtime } = statSync(source);
    utimesSync(target, atime, mtime);
  }
}

export class LocaleCache {
  constructor(root, locale) {
    this.folder = join(root, locale);
    this.files = join(this.folder, "files");
    this.builds = join(this.folder, "builds");
    this.tokensPath = join(this.folder, "tokens.bin");
  }

  // The report and files of an earlier build of exactly this input, or null.
  build(key) {
    try {
      const { report, files } = JSON.parse(readFileSync(join(this.builds, `${key}.json`)));
      return files.every(([, stored]) => statOrNull(join(this.files, stored))) ? { report, files } : null;
    } catch {
      return null; // none, or unreadable: built again
    }
  }

  // What the last build of the locale weighed (build.mjs servedFacts), by the sha256 of each
  // file's bytes: Map(hash -> [gzip size, hash prefix]); empty when there is none to read.
  lastServed() {
    const served = new Map();
    try {
      for (const record of readdirSync(this.builds).filter((name) => name.endsWith(".json"))) {
        const { report, files } = JSON.parse(readFileSync(join(this.builds, record)));
        for (const [name, stored] of files) if (report.served?.[name]) served.set(stored, report.served[name]);
      }
    } catch {
      // none, or unreadable: every file is weighed
    }
    return served;
  }

  // Places an earlier build's files into the site's folder.
  placeBuild({ files }, folder) {
    mkdirSync(folder, { recursive: true });
    for (const [name, stored] of files) place(join(this.files, stored), join(folder, name));
  }

  // Stores a file by the sha256 of its bytes (unless the same bytes are stored already: they
  // keep their time) and places it in the site's folder. Returns its name in the cache.
  storeAndPlace(bytes, hash, target) {
    if (!this.filesReady) {
      mkdirSync(this.files, { recursive: true });
      this.filesReady = true;
    }
    const path = join(this.files, hash);
    if (!statOrNull(path)) writeWhole(path, bytes);
    place(path, target);
    return hash;
  }

  // Records a finished build; forgets every other build of the locale and their files.
  record(key, report, files) {
    mkdirSync(this.builds, { recursive: true });
    writeWhole(join(this.builds, `${key}.json`), JSON.stringify({ report, files }));
    for (const name of readdirSync(this.builds)) {
      if (name !== `${key}.json`) rmSync(join(this.builds, name), { force: true });
    }
    const kept = new Set(files.map(([, stored]) => stored));
    for (const name of readdirSync(this.files)) {
      if (!kept.has(name)) rmSync(join(this.files, name), { force: true });
    }
  }

  // {known, texts} as saveTokens was given them, or null.
  loadTokens() {
    try {
      const bytes = readFileSync(this.tokensPath);
      const headerEnd = 4 + bytes.readUInt32LE(0);
      const header = JSON.parse(bytes.toString("utf8", 4, headerEnd));
      const { fingerprint, count, texts: textCount, ids: total, textBytes } = header;
      if (fingerprint !== FINGERPRINT) return null;
      const numbersStart = aligned(headerEnd);
      const numbersLength = 2 * count + 1 + 2 * textCount + total;
      const numbers = new Int32Array(bytes.buffer.slice(bytes.byteOffset + numbersStart,
                                                        bytes.byteOffset + numbersStart + numbersLength * 4));
      const starts = numbers.subarray(0, count + 1);
      const hashes = new Uint32Array(numbers.buffer, (count + 1) * 4, count);
      const textLengths = numbers.subarray(2 * count + 1, 2 * count + 1 + textCount);
      const idCounts = numbers.subarray(2 * count + 1 + textCount, 2 * count + 1 + 2 * textCount);
      const ids = numbers.subarray(2 * count + 1 + 2 * textCount);
      const jsonStart = numbersStart + numbersLength * 4;
      const json = bytes.subarray(jsonStart, jsonStart + starts[count]);
      const allTexts = bytes.toString("utf8", jsonStart + starts[count], jsonStart + starts[count] + textBytes);
      if (ids.length !== total || json.length !== starts[count] || ids.some((id) => id < 0 || id >= count)) return null;
      const texts = new Map();
      let character = 0;
      let id = 0;
      for (let text = 0; text < textCount; text += 1) {
        texts.set(allTexts.slice(character, character + textLengths[text]), ids.subarray(id, id + idCounts[text]));
        character += textLengths[text];
        id += idCounts[text];
      }
      return character === allTexts.length && id === total ? { known: { count, json, starts, hashes }, texts } : null;
    } catch {
      return null; // missing or unreadable: analysed again
    }
  }

  // known: the vocabulary's terms (scores.mjs knownTerms); texts: Map(text -> Int32Array of
  // ids into it). The texts themselves are kept, so a text is only ever matched to its own.
  saveTokens(known, texts) {
    const allTexts = Buffer.from(Array.from(texts.keys()).join(""));
    let total = 0;
    for (const ids of texts.values()) total += ids.length;
    const header = Buffer.from(JSON.stringify({ fingerprint: FINGERPRINT, count: known.count, texts: texts.size,
                                                ids: total, textBytes: allTexts.length }));
    const numbersStart = aligned(4 + header.length);
    const numbersLength = 2 * known.count + 1 + 2 * texts.size + total;
    const bytes = Buffer.alloc(numbersStart + numbersLength * 4 + known.json.length + allTexts.length);
    bytes.writeUInt32LE(header.length, 0);
    header.copy(bytes, 4);
    const numbers = new Int32Array(bytes.buffer, bytes.byteOffset + numbersStart, numbersLength);
    numbers.set(known.starts, 0);
    new Uint32Array(numbers.buffer, numbers.byteOffset + (known.count + 1) * 4, known.count).set(known.hashes);
    let at = 2 * known.count + 1;
    for (const text of texts.keys()) numbers[at++] = text.length;
    for (const ids of texts.values()) numbers[at++] = ids.length;
    for (const ids of texts.values()) {
      numbers.set(ids, at);
      at += ids.length;
    }
    known.json.copy(bytes, numbersStart + numbersLength * 4);
    allTexts.copy(bytes, numbersStart + numbersLength * 4 + known.json.length);
    mkdirSync(this.folder, { recursive: true });
    writeWhole(this.tokensPath, bytes);
  }
}

const aligned = (offset) => offset + ((4 - (offset % 4)) % 4);

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
