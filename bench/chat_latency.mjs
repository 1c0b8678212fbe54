// Chat function latency, extractive mode (no language model): cold start (a fresh Node process
// imports the Netlify function and answers its first question: module loading, reading the
// locale's files and the answer) and warm p95 (one process, many questions).
// Usage: node bench/chat_latency.mjs [--site output] [--locale en] [--cold 15] [--warm 300]
// Questions: tests/chat_widget/questions.json for the locale if the site has those pages,
// otherwise words taken from the site's own page titles (the synthetic corpus).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: {
  site: { type: "string", default: "output" }, locale: { type: "string", default: "en" },
  cold: { type: "string", default: "15" }, warm: { type: "string", default: "300" }, json: { type: "boolean" } } });
const site = resolve(values.site);
const root = resolve(new URL("..", import.meta.url).pathname);

function percentile(numbers, p) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function questions(locale) {
  const file = join(root, "tests/chat_widget/questions.json");
  const set = existsSync(file) ? JSON.parse(readFileSync(file, "utf8"))[locale] : null;
  if (set && existsSync(join(site, locale, set[0][1]))) return set.map(([question]) => question);
  const manifest = JSON.parse(readFileSync(join(site, locale, "search", "manifest.json"), "utf8"));
  const titles = [];
  for (const name of manifest.store.slice(0, 40)) {
    for (const entry of JSON.parse(readFileSync(join(site, locale, "search", name), "utf8"))) titles.push(entry[0]);
  }
  return [...new Set(titles)].slice(0, 60).map((title) => title.split(/\s+/).slice(0, 3).join(" "));
}

const asked = questions(values.locale);
const body = (message) => JSON.stringify({ locale: values.locale, message });

// Cold: each run is a new process, as a new function instance would be.
const coldProgram = `
  const started = performance.now();
  const { default: chat } = await import(${JSON.stringify(join(root, "chat_widget/functions/chat.mjs"))});
  const response = await chat(new Request("http://localhost/api/chat", { method: "POST",
    headers: { "content-type": "application/json" }, body: process.argv[1] }), { ip: "bench" });
  await response.json();
  console.log(performance.now() - started);`;
const cold = [];
for (let run = 0; run < Number(values.cold); run += 1) {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", coldProgram, body(asked[run % asked.length])],
                              { env: { ...process.env, CHAT_SITE_DIR: site, CHAT_LLM_URL: "" } });
  cold.push(Number(String(output).trim()));
}

// Warm: one instance; every question once to load what it needs, then timed rounds.
process.env.CHAT_SITE_DIR = site;
delete process.env.CHAT_LLM_URL;
const { createChatHandler } = await import(join(root, "chat_widget/answer/handler.mjs"));
const handle = createChatHandler({ siteDir: site, env: {}, rateLimit: () => true });
const call = async (message) => {
  const response = await handle(new Request("http://localhost/api/chat", { method: "POST",
    headers: { "content-type": "application/json" }, body: body(message) }), {});
  return response.json();
};
for (const message of asked) await call(message);
const warm = [];
for (let run = 0; run < Number(values.warm); run += 1) {
  const started = performance.now();
  await call(asked[run % asked.length]);
  warm.push(performance.now() - started);
}
const report = { site: values.site, locale: values.locale, questions: asked.length,
                 cold_start_ms: { median: percentile(cold, 50), p95: percentile(cold, 95) },
                 warm_ms: { median: percentile(warm, 50), p95: percentile(warm, 95) } };
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(`chat latency, ${values.site}, locale ${values.locale}, ${asked.length} questions, extractive`);
  console.log(`  cold start: median ${report.cold_start_ms.median.toFixed(0)} ms, p95 ${report.cold_start_ms.p95.toFixed(0)} ms (goal <= 300)`);
  console.log(`  warm:       median ${report.warm_ms.median.toFixed(1)} ms, p95 ${report.warm_ms.p95.toFixed(1)} ms (goal <= 100)`);
}
