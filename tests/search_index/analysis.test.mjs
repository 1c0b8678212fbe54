// One analysis for index and query: accents and Arabic letter forms folded, words cut at
// ICU boundaries in scripts written without spaces.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arabicLightStem, normalize, words } from "../../search_index/analysis.mjs";

test("accents fold, so sante finds santé", () => {
  assert.equal(normalize("Santé"), "sante");
  assert.equal(normalize("Ärztin"), "arztin");
  assert.equal(normalize("São"), "sao");
  assert.equal(normalize("Tiếng Việt"), "tieng viet");
});

test("Arabic and Persian letter variants, diacritics and tatweel fold to one form", () => {
  assert.equal(normalize("أَحْمَد"), normalize("احمد"));
  assert.equal(normalize("إقامة"), normalize("اقامة"));
  assert.equal(normalize("مـــدرسة"), "مدرسة");
  assert.equal(normalize("کار"), normalize("كار"), "Persian kaf");
  assert.equal(normalize("ایران"), normalize("ايران"), "Persian yeh");
  assert.equal(normalize("مستشفى"), normalize("مستشفي"), "alef maksura");
});

test("light Arabic stemming takes off the article and common endings but keeps short words", () => {
  assert.equal(arabicLightStem("المدرسة"), "مدرس");
  assert.equal(arabicLightStem("والعمل"), "عمل");
  assert.equal(arabicLightStem("من"), "من");
});

test("Chinese, Japanese and Thai are cut into words though they are written without spaces", () => {
  assert.deepEqual(words("医疗保险", "zh-Hans"), ["医疗", "保险"]);
  assert.ok(words("健康保険に加入する", "ja").includes("健康"));
  assert.ok(words("ประกันสุขภาพ", "th").length >= 2);
  assert.deepEqual(words("Health, insurance!", "en"), ["health", "insurance"]);
});

test("Korean stays in syllables after accents are folded, so whole words match", () => {
  assert.equal(normalize("건강보험"), "건강보험");
  assert.equal(normalize("Café 건강"), "cafe 건강");
});
