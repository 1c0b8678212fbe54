// The engine the search box and the chat share: best bets, one page's passages kept together,
// snippets with the reader's words marked, and pages shown in another language labelled so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bestBetsFor, snippetParts } from "../../search_index/engine.mjs";
import { openBuilt } from "./built.mjs";

test("best bets match a whole variant, or its start once three letters are typed, in any case", async () => {
  const manifest = { locale: "en", bestBets: [{ queries: ["meldezettel", "new address"], url: "/en/a/" }] };
  assert.equal(bestBetsFor(manifest, "Meldezettel").length, 1);
  assert.equal(bestBetsFor(manifest, "new  ADDRESS").length, 1);
  assert.equal(bestBetsFor(manifest, "mel").length, 1, "shown while the reader is still typing");
  assert.equal(bestBetsFor(manifest, "me").length, 0);
  assert.equal(bestBetsFor(manifest, "address").length, 0);
});

test("built best bets come first, in the reader's locale, also in Arabic and Chinese", async () => {
  for (const [locale, query, url] of [["en", "anmeldung", "/en/residence/register-your-address/"],
                                      ["ar", "لاجئ", "/ar/residence/asylum-procedure/"],
                                      ["zh-hans", "无家可归", "/zh-hans/housing/nowhere-to-sleep/"]]) {
    const { engine } = openBuilt(locale);
    const { bestBets } = await engine.search(query);
    assert.deepEqual(bestBets.map((bet) => bet.url), [url], `${locale}: ${query}`);
  }
});

test("a page gives at most two passages, so one long page does not crowd out the rest", async () => {
  const { engine } = openBuilt("en");
  const { results } = await engine.search("insurance", { limit: 30 });
  const perPage = {};
  for (const result of results) perPage[result.page] = (perPage[result.page] || 0) + 1;
  assert.ok(Object.keys(perPage).length > 3);
  assert.ok(Math.max(...Object.values(perPage)) <= 2, JSON.stringify(perPage));
});

test("a page not yet translated is found in the reader's locale and says which language it is in", async () => {
  const { engine } = openBuilt("fr");
  const { results } = await engine.search("shelter");
  const shelter = results.find((result) => result.url.startsWith("/fr/services/emergency-shelter-harborough/"));
  assert.ok(shelter, results.map((result) => result.url).join(", "));
  assert.equal(shelter.lang, "en");
});

test("a snippet starts near the first match and marks every matching word", () => {
  const text = `${"Lorem ipsum dolor sit amet. ".repeat(6)}You need health insurance for a doctor. Insurance pays.`;
  const parts = snippetParts(text, "en", ["insurance"], ["insur"]);
  assert.equal(parts[0].text, "… ");
  assert.deepEqual(parts.filter((part) => part.mark).map((part) => part.text), ["insurance", "Insurance"]);
  assert.equal(parts.map((part) => part.text).join("").replace("… ", "").length <= 170, true);
  const chinese = snippetParts("您需要医疗保险才能看医生。", "zh-Hans", ["医疗", "保险"], ["医疗", "保险"]);
  assert.deepEqual(chinese.filter((part) => part.mark).map((part) => part.text), ["医疗", "保险"]);
});
