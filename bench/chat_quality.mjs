// hit@3 per locale of the chat's extractive answers on tests/chat_widget/questions.json, and
// off-topic questions wrongly answered (tests/chat_widget/offtopic.json).
// Usage: node bench/chat_quality.mjs [--site output] [--misses]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { measureQuality } from "../chat_widget/answer/quality.mjs";

const { values } = parseArgs({ options: { site: { type: "string", default: "output" }, misses: { type: "boolean" } } });
const root = new URL("..", import.meta.url).pathname;
const { locales, offTopic } = await measureQuality(resolve(values.site), `${root}tests/chat_widget/questions.json`,
                                                   `${root}tests/chat_widget/offtopic.json`);
console.log("chat hit@3 per locale (goal >= 0.9):");
for (const [locale, { questions, hitAt3, misses }] of Object.entries(locales)) {
  console.log(`  ${locale.padEnd(8)} ${hitAt3.toFixed(2)}  (${questions} questions)`);
  if (values.misses) for (const miss of misses) console.log(`      miss: ${miss.message} -> ${miss.got.join(" | ") || "(no answer)"}`);
}
console.log(`off-topic questions answered anyway: ${offTopic.answered.length} of ${offTopic.questions}`);
