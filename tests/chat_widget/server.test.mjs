// The local server that `make run` uses: the static site and the same chat handler at /api/chat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../chat_widget/server.mjs";

test("serves pages, the locale's 404, and the chat function on one port", async () => {
  const server = await startServer({ root: process.env.SEARCH_OUTPUT, port: 0, env: {} });
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await fetch(`${base}/ar/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type"), /text\/html/);
    assert.match(await page.text(), /<html lang="ar" dir="rtl">/);
    const missing = await fetch(`${base}/ar/no-such-page/`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /lang="ar"/);
    const script = await fetch(`${base}${(await (await fetch(`${base}/en/`)).text()).match(/src="([^"]+portal\.mjs)"/)[1]}`);
    assert.match(script.headers.get("content-type"), /javascript/);
    const escape = await fetch(`${base}/..%2f..%2fetc/passwd`);
    assert.equal(escape.status, 404);
    const answer = await fetch(`${base}/api/chat`, { method: "POST", headers: { "content-type": "application/json" },
                                                     body: JSON.stringify({ locale: "uk", message: "Як знайти роботу?" }) });
    assert.equal(answer.status, 200);
    const body = await answer.json();
    assert.ok(body.sources.length > 0 && body.sources.every((source) => source.url.startsWith("/uk/")));
    const bad = await fetch(`${base}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(bad.status, 400);
  } finally {
    server.close();
  }
});

test("the Netlify function module answers like the local server", async () => {
  process.env.CHAT_SITE_DIR = process.env.SEARCH_OUTPUT;
  const { default: chat, config } = await import("../../chat_widget/functions/chat.mjs");
  assert.equal(config.path, "/api/chat");
  const response = await chat(new Request("https://example.org/api/chat", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ locale: "zh-hans", message: "怎么办理医疗保险？" }) }), { ip: "198.51.100.4" });
  assert.equal(response.status, 200);
  assert.ok((await response.json()).sources[0].url.startsWith("/zh-hans/"));
});
