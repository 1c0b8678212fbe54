// A locale's search files and chat context, read from the built site once per instance and
// kept warm: the same files the browser downloads, so the chat finds what search finds.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openSearch } from "../../search_index/engine.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

export function openSite(siteDir) {
  const locales = readdirSync(siteDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(siteDir, entry.name, "search", "chat.json")))
    .map((entry) => entry.name)
    .sort();
  if (!locales.length) throw new Error(`${siteDir}: no <locale>/search/chat.json; build the site first`);
  const opened = new Map();
  const readJson = (locale, name) => JSON.parse(readFileSync(join(siteDir, locale, "search", name), "utf8"));

  // A rebuild (make run rebuilds after each publish in the CMS) replaces the manifest, whose
  // shard names then change: the locale is opened afresh.
  function locale(code) {
    const version = statSync(join(siteDir, code, "search", "manifest.json")).mtimeMs;
    if (opened.get(code)?.version !== version) {
      const manifest = readJson(code, "manifest.json");
      const load = async (name) => JSON.parse(await readFile(join(siteDir, code, "search", name), "utf8"));
      opened.set(code, { version, manifest, context: readJson(code, "chat.json"),
                         engine: openSearch(lunr, manifest, load) });
    }
    return opened.get(code);
  }

  return { locales, locale };
}
