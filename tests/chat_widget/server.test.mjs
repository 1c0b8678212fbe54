// The local server that `make run` uses: the static site and the same chat handler at /api/chat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
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

test("applies the site's Netlify rules: / by the reader's language, each locale's 404, the headers", async () => {
  const server = await startServer({ root: process.env.SEARCH_OUTPUT, port: 0, env: {} });
  const base = `http://127.0.0.1:${server.address().port}`;
  const get = (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" });
  try {
    for (const [language, home] of [["zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"], ["pt-BR", "/pt-br/"], ["ar", "/ar/"],
                                    ["fa-IR,en;q=0.5", "/fa/"]]) {
      const response = await get("/", { "accept-language": language });
      assert.equal(response.status, 302, language);
      assert.equal(response.headers.get("location"), home, language);
    }
    // Only the first tag counts, so a reader whose first language the site lacks gets the picker.
    const picker = await get("/", { "accept-language": "sw-KE,ar;q=0.9" });
    assert.equal(picker.status, 200);
    assert.match(await picker.text(), /data-language-choice="ar"/);
    assert.equal((await get("/")).status, 200);
    const chosen = await get("/", { "accept-language": "ar", cookie: "theme=dark; nf_lang=vi" });
    assert.equal(chosen.headers.get("location"), "/vi/", "the reader's choice wins over the browser's");
    assert.equal((await get("/", { cookie: "nf_lang=zh-hans" })).headers.get("location"), "/zh-hans/");

    const missing = await get("/fa/no-such-page/", { "accept-language": "en" });
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<html lang="fa" dir="rtl">/);
    const elsewhere = await get("/no-such-place/");
    assert.equal(elsewhere.status, 404);
    assert.match(await elsewhere.text(), /<html lang="en"/);

    const page = await get("/ar/");
    assert.match(page.headers.get("content-security-policy"), /script-src 'self'/);
    assert.match(page.headers.get("strict-transport-security"), /max-age=\d+; includeSubDomains/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.match(page.headers.get("permissions-policy"), /geolocation=\(self\)/);
    assert.match(page.headers.get("cache-control"), /max-age=0/);
    const script = (await page.text()).match(/src="([^"]+portal\.mjs)"/)[1];
    assert.match((await get(script)).headers.get("cache-control"), /max-age=31536000, immutable/);
    const shard = readdirSync(join(process.env.SEARCH_OUTPUT, "ar", "search")).find((name) => name.startsWith("shard-"));
    assert.match((await get(`/ar/search/${shard}`)).headers.get("cache-control"), /immutable/);
    assert.match((await get("/ar/search/manifest.json")).headers.get("cache-control"), /max-age=0/);
  } finally {
    server.close();
  }
});
