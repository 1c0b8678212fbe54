// The chat's answer quality on a question set: hit@3 (the expected page among the first three
// sources) per locale, and how many off-topic questions it wrongly answers.
import { readFileSync } from "node:fs";
import { createChatHandler } from "./handler.mjs";

export async function measureQuality(siteDir, questionsPath, offTopicPath) {
  const handle = createChatHandler({ siteDir, env: {}, rateLimit: () => true, log: { warn() {} } });
  const ask = async (locale, message) => (await handle(new Request("http://localhost/api/chat", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale, message }) }), {})).json();
  const locales = {};
  for (const [locale, set] of Object.entries(JSON.parse(readFileSync(questionsPath, "utf8")))) {
    const misses = [];
    for (const [message, expected] of set) {
      const { sources } = await ask(locale, message);
      const urls = sources.slice(0, 3).map((source) => source.url);
      if (!urls.some((url) => url.startsWith(`/${locale}/${expected}`))) misses.push({ message, expected, got: urls });
    }
    locales[locale] = { questions: set.length, hitAt3: (set.length - misses.length) / set.length, misses };
  }
  const offTopic = { questions: 0, answered: [] };
  for (const [locale, set] of Object.entries(JSON.parse(readFileSync(offTopicPath, "utf8")))) {
    for (const message of set) {
      offTopic.questions += 1;
      const { sources } = await ask(locale, message);
      if (sources.length) offTopic.answered.push({ locale, message, got: sources[0].url });
    }
  }
  return { locales, offTopic };
}
