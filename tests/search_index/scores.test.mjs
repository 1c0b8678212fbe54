// The fast builder writes the very shards lunr.Builder's own index gives, byte for byte: the
// sample site's passages in several scripts (SEARCH_PASSAGES names a folder of <locale>.json
// files written by test_indexes.py), Japanese and Korean ones, and passages made to hit the
// corners of lunr's scoring.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { localeFiles, SHARD_TARGET_BYTES } from "../../search_index/build.mjs";
import { printThousandths, termEntries, Vocabulary } from "../../search_index/scores.mjs";
import { referenceShards } from "./reference.mjs";

const SAMPLE_LOCALES = ["en", "ar", "fa", "zh-hans", "th", "uk", "vi"];

const passage = (title, section, text, page) => (
  { title, section, text, url: `/x/${page}/`, lang: "x", updated: "2026-01-01", page });

const WRITTEN_HERE = {
  ja: [passage("健康保険", "", "日本に住む人は健康保険に加入します。保険証を病院で見せてください。", "a"),
       passage("健康保険", "保険料", "保険料は収入によって決まります。市役所で相談できます。", "a"),
       passage("住所の登録", "", "引っ越してから十四日以内に住所を登録してください。カタカナの名前も書きます。", "b"),
       passage("仕事を探す", "ハローワーク", "ハローワークで仕事を探せます。在留カードを持って行きましょう。", "c")],
  ko: [passage("건강보험", "", "한국에 사는 외국인은 건강보험에 가입해야 합니다.", "a"),
       passage("주소 등록", "신고", "이사한 뒤 14일 안에 주소를 신고하세요. 주소 변경은 주민센터에서 합니다.", "b")],
  // Stop words, a word in the title and the text of one passage, repeated words, words that
  // stem alike, digits, apostrophes, accents, property names of plain objects, half a
  // surrogate pair, an empty text.
  en: [passage("Health insurance", "", "The insurance pays the doctor; insurance insurance insurance.", "a"),
       passage("Health insurance", "Who is insured?", "Insured people, insuring, insures: all the same stem.", "a"),
       passage("constructor __proto__ toString", "hasOwnProperty", "valueOf constructor __proto__ 1,000 3.5 don't", "b"),
       passage("Café santé", "Ärztin", "Naïve café façade; São Paulo.", "c"),
       passage("Odd text", "", "half\ud800pair x\udfffy emoji😀word tab\tstop", "c"),
       passage("Empty", "", "", "d"),
       passage("", "", "a an the of", "e"),
       // The builder segments the pieces between spaces apart: marks after spaces, runs of
       // spaces, no-break and wide spaces, emoji modifiers and line breaks must cut as ICU cuts
       // the whole text.
       passage("Spaces", "a \u0301b  \u0301c", "e.g. U.S.A. 3.14 l'été x\u00a0y 👍🏽 ok 👍 \u{1F3FD}z\n\nnew\r\nline\u3000wide \u200dzw\tend", "f")],
  th: [passage("ภาษาไทย", "", "คนต่างชาติ ต้องลงทะเบียน ที่อยู่ ภายในสิบสี่วัน\nหลังจากย้ายบ้าน", "a"),
       passage("ภาษาไทย", "ประกัน", "ประกันสุขภาพ ครอบคลุม  ค่ารักษาพยาบาล", "a")],
};

function compare(locale, passages) {
  const { serialized, shards: expected } = referenceShards(passages, locale, SHARD_TARGET_BYTES);
  const { files } = localeFiles(locale, passages, {});
  const manifest = JSON.parse(files.find(([name]) => name === "manifest.json")[1]);
  assert.deepEqual(manifest.fields, serialized.fields, `${locale}: fields`);
  assert.deepEqual(manifest.pipeline, serialized.pipeline, `${locale}: search pipeline`);
  const written = manifest.shards.map((name) => files.find(([file]) => file === name)[1].toString());
  assert.equal(written.length, expected.length, `${locale}: number of shards`);
  written.forEach((json, number) => assert.ok(json === expected[number], `${locale}: shard ${number} differs`));
  return expected.length;
}

for (const locale of SAMPLE_LOCALES) {
  test(`${locale}: the sample site's passages give lunr.Builder's shards, byte for byte`, () => {
    const { passages } = JSON.parse(readFileSync(join(process.env.SEARCH_PASSAGES, `${locale}.json`), "utf8"));
    assert.ok(passages.length > 50);
    assert.ok(compare(locale, passages) > 1, "the index is cut into several shards");
  });
}

for (const [locale, passages] of Object.entries(WRITTEN_HERE)) {
  test(`${locale}: passages written here give lunr.Builder's shards, byte for byte`, () => {
    compare(locale, passages);
  });
}

test("passages of one locale analysed in another locale's words still match", () => {
  const { passages } = JSON.parse(readFileSync(join(process.env.SEARCH_PASSAGES, "ar.json"), "utf8"));
  compare("ja", passages.slice(0, 40));
});

test("no passages: one empty shard, as lunr gives", () => {
  compare("en", []);
});

test("weights are printed as JavaScript prints them", () => {
  for (let thousandths = 0; thousandths <= 200000; thousandths += 1) {
    assert.equal(printThousandths(thousandths), String(thousandths / 1000));
  }
  assert.equal(printThousandths(NaN), "null", "as JSON.stringify writes NaN");
});

test("a term JSON must escape is written as JSON.stringify writes it", () => {
  const vocabulary = new Vocabulary();
  const terms = ['say "hi"', "back\\slash", "half\ud800", "tab\there", "plain", "😀"];
  terms.forEach((term) => vocabulary.add(term));
  const index = termEntries([[Int32Array.of(0, 1), Int32Array.of(2, 3), Int32Array.of(4, 5)]], vocabulary);
  const written = Array.from({ length: index.count },
                             (_, i) => index.json.toString("utf8", index.starts[i], index.starts[i + 1]));
  assert.deepEqual(written.map((entry) => entry.slice(1, entry.indexOf(",["))),
                   terms.slice().sort().map((term) => JSON.stringify(term)));
});
