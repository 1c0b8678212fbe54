// The build's cache folder makes builds faster, never different: an unchanged locale is placed
// as it was (same bytes, same modification time), a changed passage rebuilds its own locale
// only, and whatever the cache holds, the files equal those of a build without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildLocale, buildLocales, localeFiles, STORE_CHUNK_MAX } from "../../search_index/build.mjs";
import { chunkOf, chunkStarts } from "../../search_index/engine.mjs";

const BUILDER = fileURLToPath(new URL("../../search_index/build.mjs", import.meta.url));

const passage = (title, section, text, page) => (
  { title, section, text, url: `/x/${page}/`, lang: "x", updated: "2026-01-01", page });
const INPUTS = {
  en: [passage("Health insurance", "", "Everyone who lives here needs health insurance.", "a"),
       passage("Health insurance", "Costs", "What you pay depends on your income.", "a"),
       passage("Register your address", "", "Register within three days of moving in.", "b")],
  ar: [passage("التأمين الصحي", "", "كل من يعيش هنا يحتاج إلى تأمين صحي.", "a"),
       passage("تسجيل العنوان", "", "سجل عنوانك خلال ثلاثة أيام.", "b")],
  "zh-hans": [passage("医疗保险", "", "在这里生活的每个人都需要医疗保险。", "a"),
              passage("登记地址", "", "搬家后三天内登记地址。", "b")],
};

function workspace() {
  const root = mkdtempSync(join(tmpdir(), "search-build-"));
  const inputs = Object.entries(INPUTS).map(([locale, passages]) => {
    const path = join(root, `${locale}.json`);
    writeFileSync(path, JSON.stringify({ passages, manifest: { topics: [["Health", `/${locale}/health/`]] } }));
    return path;
  });
  return { root, inputs, cache: join(root, "cache"), site: (name) => join(root, name) };
}

// {locale/search/name: [bytes, modification time]}
function files(site) {
  const found = {};
  for (const locale of readdirSync(site)) {
    for (const name of readdirSync(join(site, locale, "search"))) {
      const path = join(site, locale, "search", name);
      found[`${locale}/search/${name}`] = [readFileSync(path).toString("base64"), statSync(path).mtimeMs];
    }
  }
  return found;
}

const bytesOf = (found) => Object.fromEntries(Object.entries(found).map(([name, [bytes]]) => [name, bytes]));
const localesBuilt = (reports) => Object.keys(reports).filter((locale) => reports[locale].built).sort();

test("a second build of unchanged passages reuses every locale: same files, same times", async () => {
  const { root, inputs, cache, site } = workspace();
  try {
    const first = await buildLocales(inputs, site("one"), cache, 2);
    assert.deepEqual(localesBuilt(first), ["ar", "en", "zh-hans"]);
    const second = await buildLocales(inputs, site("two"), cache, 2);
    assert.deepEqual(localesBuilt(second), []);
    assert.deepEqual(files(site("two")), files(site("one")));
    for (const locale of Object.keys(INPUTS)) {
      const { built: builtFirst, ...reportFirst } = first[locale];
      const { built: builtSecond, ...reportSecond } = second[locale];
      assert.deepEqual(reportSecond, reportFirst, locale);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("changing one passage rebuilds exactly its locale, as a build without the cache would", async () => {
  const { root, inputs, cache, site } = workspace();
  try {
    await buildLocales(inputs, site("before"), cache, 2);
    const arabic = inputs.find((path) => path.endsWith("ar.json"));
    const input = JSON.parse(readFileSync(arabic, "utf8"));
    input.passages[1].text = "سجل عنوانك الجديد خلال أسبوع.";
    writeFileSync(arabic, JSON.stringify(input));
    const reports = await buildLocales(inputs, site("after"), cache, 2);
    assert.deepEqual(localesBuilt(reports), ["ar"]);
    const before = files(site("before"));
    const after = files(site("after"));
    const changed = Object.keys({ ...before, ...after }).filter(
      (name) => !before[name] || !after[name] || before[name][0] !== after[name][0]).sort();
    assert.ok(changed.length > 0 && changed.every((name) => name.startsWith("ar/search/")), changed.join(", "));
    assert.ok(changed.includes("ar/search/manifest.json"));
    for (const [name, [bytes, time]] of Object.entries(after)) {
      if (before[name] && before[name][0] === bytes) assert.equal(time, before[name][1], `${name} kept its time`);
    }
    const clean = await buildLocales(inputs, site("clean"), null, 2);
    assert.deepEqual(bytesOf(after), bytesOf(files(site("clean"))));
    // What the offline lists are told each file weighs, some of it remembered from the last build.
    assert.deepEqual(reports.ar.served, clean.ar.served);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a damaged cache is built around, never trusted", async () => {
  const { root, inputs, cache, site } = workspace();
  try {
    await buildLocales(inputs, site("first"), cache, 1);
    const english = join(cache, "en");
    writeFileSync(join(english, "tokens.bin"), "not what was written");
    for (const name of readdirSync(join(english, "files")).slice(0, 1)) rmSync(join(english, "files", name));
    for (const name of readdirSync(join(cache, "ar", "builds"))) writeFileSync(join(cache, "ar", "builds", name), "{");
    const reports = await buildLocales(inputs, site("second"), cache, 1);
    assert.deepEqual(localesBuilt(reports), ["ar", "en"]);
    await buildLocales(inputs, site("clean"), null, 1);
    assert.deepEqual(bytesOf(files(site("second"))), bytesOf(files(site("clean"))));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("bad input is refused with the file and the passage at fault", async () => {
  const { root, site } = workspace();
  try {
    const path = join(root, "fr.json");
    writeFileSync(path, JSON.stringify({ passages: [passage("Titre", "", "Texte", "a"), { title: "Titre", section: "" }] }));
    assert.throws(() => buildLocale(path, site("out")), new RegExp(`${path}: passages\\[1\\]\\.text must be text`));
    await assert.rejects(buildLocales([path], site("out")), /passages\[1\]\.text must be text/);
    const misnamed = join(root, "passages.json");
    writeFileSync(misnamed, JSON.stringify({ passages: [] }));
    assert.throws(() => buildLocale(misnamed, site("out")), /the file name must be a locale code/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a few changed texts among many are analysed again without rewriting the token cache", async () => {
  const { root, cache, site } = workspace();
  try {
    const path = join(root, "en.json");
    const topics = ["health", "housing", "work", "school", "residence", "family", "money", "language"];
    const passages = Array.from({ length: 150 }, (_, number) => passage(
      `${topics[number % 8]} guide ${Math.floor(number / 3)}`, number % 3 ? `part ${number % 3}` : "",
      `About ${topics[number % 8]} and ${topics[(number * 5) % 8]}: step ${number}, form ${number * 7}.`,
      `p${Math.floor(number / 3)}`));
    writeFileSync(path, JSON.stringify({ passages }));
    await buildLocales([path], site("first"), cache);
    const tokens = join(cache, "en", "tokens.bin");
    const written = statSync(tokens).mtimeMs;
    for (const [step, text] of [[1, "A new word: appointment."], [2, "And another: certificate, health."]]) {
      passages[step * 40].text = text;
      writeFileSync(path, JSON.stringify({ passages }));
      const reports = await buildLocales([path], site(`edit-${step}`), cache);
      assert.deepEqual(localesBuilt(reports), ["en"]);
      assert.equal(statSync(tokens).mtimeMs, written, "the token cache was not rewritten");
      await buildLocales([path], site(`clean-${step}`), null);
      assert.deepEqual(bytesOf(files(site(`edit-${step}`))), bytesOf(files(site(`clean-${step}`))));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the command line builds the locales whose files it is given on standard input", () => {
  const { root, inputs, cache, site } = workspace();
  try {
    const run = spawnSync(process.execPath, [BUILDER, "--output", site("piped"), "--cache", cache],
                          { input: inputs.join("\n") + "\n", encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const reports = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(reports), Object.keys(INPUTS));
    assert.ok(Object.values(reports).every((report) => report.built && report.files.includes(
      `${Object.keys(reports).find((locale) => reports[locale] === report)}/search/manifest.json`)));
    const failed = spawnSync(process.execPath, [BUILDER, "--output", site("piped")],
                             { input: join(root, "missing.json") + "\n", encoding: "utf8" });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /missing\.json/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a passage added to one page changes that page's store chunk only, and every passage is found", async () => {
  const pages = Array.from({ length: 300 }, (_, number) => `page-${number}`);
  const passagesOf = (extra) => pages.flatMap((page, number) => {
    const count = 1 + (number % 7) + (page === "page-150" ? extra : 0);
    return Array.from({ length: count }, (_, at) => passage(`Title ${number}`, `Part ${at}`, `Text ${number} ${at}.`, page));
  });
  const store = (passages) => {
    const { files } = localeFiles("en", passages, {});
    const manifest = JSON.parse(files.find(([name]) => name === "manifest.json")[1]);
    const chunks = Object.fromEntries(files.filter(([name]) => name.startsWith("store-"))
      .map(([name, bytes]) => [name, JSON.parse(bytes)]));
    return { manifest, chunks };
  };
  const before = store(passagesOf(0));
  const after = store(passagesOf(1));
  const gone = before.manifest.store.filter((name) => !after.manifest.store.includes(name));
  const added = after.manifest.store.filter((name) => !before.manifest.store.includes(name));
  assert.equal(gone.length, 1, `chunks renamed: ${gone.join(", ")}`);
  assert.equal(added.length, 1);
  assert.ok(after.chunks[added[0]].some((entry) => entry[6] === "page-150"));
  const sizes = after.manifest.chunks;
  assert.ok(sizes.every((size) => size >= 1 && size <= STORE_CHUNK_MAX), `chunk sizes ${sizes}`);
  assert.ok(sizes.length > 50 && sizes.length < 200, `${sizes.length} chunks for ${sizes.reduce((a, b) => a + b)} passages`);
  // Each passage number leads to its own entry, through the manifest's chunk sizes alone.
  const starts = chunkStarts(sizes);
  const all = passagesOf(1);
  for (const ref of [0, 1, 7, 500, all.length - 1]) {
    const entry = after.chunks[after.manifest.store[chunkOf(starts, ref)]][ref - starts[chunkOf(starts, ref)]];
    assert.deepEqual([entry[1], entry[6]], [all[ref].section, all[ref].page]);
  }
});
