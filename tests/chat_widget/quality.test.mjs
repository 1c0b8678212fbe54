// Answer quality on the question set: a floor that catches regressions in retrieval or in the
// relevance rule (the goal, 0.9 per locale, is reported by bench/chat_quality.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { measureQuality } from "../../chat_widget/answer/quality.mjs";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

test("the question set finds its pages in every professional locale, and off-topic questions mostly get no answer", async () => {
  const { locales, offTopic } = await measureQuality(process.env.SEARCH_OUTPUT, here("questions.json"), here("offtopic.json"));
  assert.deepEqual(Object.keys(locales).sort(), ["ar", "en", "fa", "th", "uk", "vi", "zh-hans"]);
  for (const [locale, { questions, hitAt3 }] of Object.entries(locales)) {
    assert.ok(questions >= 10, `${locale}: at least 10 questions`);
    assert.ok(hitAt3 >= 0.6, `${locale}: hit@3 ${hitAt3.toFixed(2)}`);
  }
  assert.ok(offTopic.answered.length <= offTopic.questions / 3, JSON.stringify(offTopic.answered));
});
