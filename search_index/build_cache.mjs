// What one search build leaves for the next, in a folder beside the site (the site itself is
// written afresh into a staging folder by every build). Everything is keyed by content: a
// locale's input with the builder's own code, a field text's hash, a file's hash; anything
// missing, unreadable or from other code is built again, so the cache can make a build faster
// but never different.
//
// <cache>/<locale>/files/<sha256>     each search file once, by its content; linked into the
//                                     site, so a file that did not change keeps its time
// <cache>/<locale>/builds/<key>.json  the last build of the locale: its report and files
// <cache>/<locale>/tokens.bin         the terms of each field text analysed last time
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

function readOrNull(path) {
  try {
    return readFileSync(path);
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

// A hard link shares the file's bytes and modification time; where links are refused (another
// file system), a copy is given the same time.
export function place(source, target) {
  try {
    linkSync(source, target);
  } catch (error) {
    if (error.code === "EEXIST") rmSync(target);
    else if (!["EXDEV", "EPERM", "EMLINK", "ENOTSUP"].includes(error.code)) throw error;
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
    const record = readOrNull(join(this.builds, `${key}.json`));
    if (!record) return null;
    const { report, files } = JSON.parse(record);
    return files.every(([, stored]) => statOrNull(join(this.files, stored))) ? { report, files } : null;
  }

  // Places an earlier build's files into the site's folder.
  placeBuild({ files }, folder) {
    mkdirSync(folder, { recursive: true });
    for (const [name, stored] of files) place(join(this.files, stored), join(folder, name));
  }

  // Stores a file (unless the same bytes are stored already: they keep their time) and places
  // it in the site's folder. Returns its name in the cache.
  storeAndPlace(bytes, target) {
    mkdirSync(this.files, { recursive: true });
    const stored = digest(bytes);
    const path = join(this.files, stored);
    if (!statOrNull(path)) writeWhole(path, bytes);
    place(path, target);
    return stored;
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

  // {terms, sorted, texts: Map(text hash -> Int32Array of term ids)} from the last build, or
  // null. Its terms are stored in lunr's order, so they need no sorting again.
  loadTokens() {
    const bytes = readOrNull(this.tokensPath);
    if (!bytes || bytes.length < 4) return null;
    try {
      const headerEnd = 4 + bytes.readUInt32LE(0);
      const header = JSON.parse(bytes.toString("utf8", 4, headerEnd));
      if (header.fingerprint !== FINGERPRINT) return null;
      const termsEnd = headerEnd + header.termBytes;
      const terms = header.termBytes ? bytes.toString("utf8", headerEnd, termsEnd).split("\n") : [];
      const idsStart = termsEnd + ((4 - (termsEnd % 4)) % 4);
      const ids = new Int32Array(bytes.buffer.slice(bytes.byteOffset + idsStart, bytes.byteOffset + bytes.length));
      const texts = new Map();
      for (const [key, start, length] of header.texts) texts.set(key, ids.subarray(start, start + length));
      return { terms, texts };
    } catch {
      return null; // unreadable: analysed again
    }
  }

  // terms: the vocabulary in lunr's order; texts: Map(text hash -> Int32Array of ids into it).
  saveTokens(terms, texts) {
    // One term per line: a term never holds a line break (ICU ends words at one), but if one
    // ever did, the next build would simply analyse again.
    if (terms.some((term) => term.includes("\n"))) return;
    const termBytes = Buffer.from(terms.join("\n"));
    const index = [];
    let total = 0;
    for (const [key, ids] of texts) {
      index.push([key, total, ids.length]);
      total += ids.length;
    }
    const header = Buffer.from(JSON.stringify({ fingerprint: FINGERPRINT, termBytes: termBytes.length, texts: index }));
    const termsEnd = 4 + header.length + termBytes.length;
    const idsStart = termsEnd + ((4 - (termsEnd % 4)) % 4);
    const bytes = Buffer.alloc(idsStart + total * 4);
    bytes.writeUInt32LE(header.length, 0);
    header.copy(bytes, 4);
    termBytes.copy(bytes, 4 + header.length);
    const ids = new Int32Array(bytes.buffer, bytes.byteOffset + idsStart, total);
    let at = 0;
    for (const list of texts.values()) {
      ids.set(list, at);
      at += list.length;
    }
    mkdirSync(this.folder, { recursive: true });
    writeWhole(this.tokensPath, bytes);
  }
}

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
