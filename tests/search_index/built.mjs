// Opens a locale's built search files (SEARCH_OUTPUT names the built site) with the engine,
// reading files from disk the way the browser fetches them; `loaded` collects their names.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openSearch } from "../../search_index/engine.mjs";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

export function openBuilt(locale, loaded = []) {
  const folder = join(process.env.SEARCH_OUTPUT, locale, "search");
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
  const load = async (name) => {
    loaded.push(name);
    return JSON.parse(readFileSync(join(folder, name), "utf8"));
  };
  return { manifest, engine: openSearch(lunr, manifest, load) };
}

