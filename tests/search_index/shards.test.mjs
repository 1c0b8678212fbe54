// Shards answer exactly as the whole index: same passages, same scores, whether every shard
// is loaded or only the ones a query's terms fall in. (The build writes the shards cut here
// from lunr.Builder's index, byte for byte: scores.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { lookupTerms, search } from "../../search_index/analysis.mjs";
import { ShardedIndex, shardOf } from "../../search_index/shards.mjs";
import { lunr, lunrIndex, splitIndex } from "./reference.mjs";

const PASSAGES = {
  en: ["Register your address within three days", "Health insurance for workers and their families",
       "Renting a flat: deposits, contracts and tenancy advice", "Finding work with a residence permit",
       "Registering a child at school", "Emergency shelter open every night", "Insurance cards and doctors"],
  ar: ["تسجيل العنوان خلال ثلاثة أيام", "التأمين الصحي للعمال وعائلاتهم", "استئجار شقة والعقود",
       "البحث عن عمل مع تصريح الإقامة", "تسجيل الطفل في المدرسة", "مأوى طارئ مفتوح كل ليلة"],
  "zh-hans": ["在三天内登记地址", "工人及其家庭的医疗保险", "租房：押金和合同", "持居留许可找工作",
              "为孩子办理入学登记", "每晚开放的紧急庇护所"],
};
const QUERIES = { en: ["health insurance", "registering", "tenancy advise", "work permit", "shel"],
                  ar: ["التأمين الصحي", "تسجيل", "عمل", "مأوى"], "zh-hans": ["医疗保险", "登记", "找工作", "庇护"] };

const passagesOf = (texts) => texts.map((text, position) => ({ title: text.split(" ")[0], section: "", text, page: position }));
const scores = (hits) => hits.map((hit) => [hit.ref, hit.score.toFixed(6)]);

for (const [locale, texts] of Object.entries(PASSAGES)) {
  test(`shards of the ${locale} index give the whole index's results`, () => {
    const whole = lunrIndex(passagesOf(texts), locale);
    const serialized = JSON.parse(JSON.stringify(whole));
    const shards = splitIndex(serialized, 4);
    assert.equal(shards.flat().length, serialized.invertedIndex.length, "every term is in exactly one shard");
    const all = new ShardedIndex(lunr, serialized.fields, serialized.pipeline);
    shards.forEach((shard) => all.add(shard));
    for (const query of QUERIES[locale]) {
      const expected = scores(search(whole, lunr, query, locale));
      assert.ok(expected.length > 0, `${query} finds something`);
      assert.deepEqual(scores(search(all.lunrIndex, lunr, query, locale)), expected, query);
      const some = new ShardedIndex(lunr, serialized.fields, serialized.pipeline);
      const needed = new Set(lookupTerms(lunr, query, locale).terms.map((term) => shardOf(term, 4)));
      needed.forEach((number) => some.add(shards[number]));
      assert.deepEqual(scores(search(some.lunrIndex, lunr, query, locale)), expected, `${query}, needed shards only`);
    }
  });
}

test("a shard is chosen by a term's first two letters, the same in every run", () => {
  assert.equal(shardOf("insurance", 7), shardOf("insured", 7));
  assert.equal(shardOf("保险", 5), shardOf("保险", 5));
  assert.ok(new Set(["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"].map((term) => shardOf(term, 4))).size > 1);
});
