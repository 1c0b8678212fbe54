// The local server answering the feedback form as Netlify Forms does: the form's POST lands on
// its thanks page in the reader's language, and nothing is kept unless PORTAL_FEEDBACK_FILE asks.
// SEARCH_OUTPUT names the built sample site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../chat_widget/server.mjs";
import { COLUMNS, FEEDBACK_FORM, HONEYPOT } from "../../chat_widget/forms.mjs";

const site = process.env.SEARCH_OUTPUT;
const PAGE = "/ar/services/job-centre-harborough/";

// The feedback form as the built page has it: its attributes and its fields' names and values.
function builtForm(pagePath) {
  const html = readFileSync(join(site, pagePath, "index.html"), "utf8");
  const form = html.match(/<form class="feedback"([^>]*)>([\s\S]*?)<\/form>/);
  assert.ok(form, `no feedback form on ${pagePath}`);
  const attribute = (name) => form[1].match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  const fields = [...form[2].matchAll(/<(?:input|textarea)[^>]*\sname="([^"]+)"(?:[^>]*\svalue="([^"]*)")?/g)]
    .map(([, name, value]) => [name, value ?? ""]);
  return { name: attribute("name"), action: attribute("action"), honeypot: attribute("data-netlify-honeypot"), fields };
}

function answered(form, answers) {
  const body = new URLSearchParams(form.fields.filter(([, value]) => value).concat(Object.entries(answers)));
  return { method: "POST", redirect: "manual", body,
           headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Test/1.0" } };
}

function rawPost(base, path, { headers, body }) {
  return new Promise((resolveAnswer, reject) => {
    const sent = request(base + "/", { method: "POST", path, headers }, (answer) => {
      answer.resume();
      resolveAnswer({ status: answer.statusCode, location: answer.headers.location });
    });
    sent.on("error", reject);
    sent.end(body.toString());
  });
}

async function withServer(env, run) {
  const server = await startServer({ root: site, port: 0, env });
  try {
    await run(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

test("the built form uses the names the server and the CMS import know", () => {
  const form = builtForm(PAGE);
  assert.equal(form.name, FEEDBACK_FORM);
  assert.equal(form.honeypot, HONEYPOT);
  const names = form.fields.map(([name]) => name);
  assert.ok(names.includes(HONEYPOT) && names.includes("form-name"));
  for (const name of names.filter((name) => name !== HONEYPOT && name !== "form-name")) {
    assert.ok(COLUMNS.includes(name), `${name} would not reach the demo file`);
  }
});

test("sending the form lands on the thanks page in the reader's language, and keeps nothing", async () => {
  const form = builtForm(PAGE);
  assert.equal(form.action, "/ar/feedback/thanks/");
  const before = readdirSync(site).sort();
  await withServer({}, async (base) => {
    const sent = await fetch(base + form.action, answered(form, { useful: "no", comment: "رقم هاتفي 0664 1234567" }));
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get("location"), "/ar/feedback/thanks/");
    const thanks = await fetch(base + sent.headers.get("location"));
    assert.equal(thanks.status, 200);
    assert.match(await thanks.text(), /<html lang="ar" dir="rtl">[\s\S]*<meta name="robots" content="noindex">/);
  });
  assert.deepEqual(readdirSync(site).sort(), before);
});

test("with PORTAL_FEEDBACK_FILE, submissions go to that file as CSV, without the honeypot's nor the browser's", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "feedback-")), "feedback.csv");
  const form = builtForm(PAGE);
  await withServer({ PORTAL_FEEDBACK_FILE: file }, async (base) => {
    assert.equal((await fetch(base + form.action, answered(form, { useful: "yes", comment: 'Clear, "thanks"' }))).status, 303);
    assert.equal((await fetch(base + form.action, answered(form, { useful: "yes", [HONEYPOT]: "http://spam.example" }))).status, 303);
  });
  const lines = readFileSync(file, "utf8").trimEnd().split("\r\n");
  assert.equal(lines.length, 2, "the header and one submission; the filled honeypot is dropped");
  assert.equal(lines[0], COLUMNS.map((name) => `"${name}"`).join(","));
  assert.match(lines[1], /^"[0-9a-f-]{36}","\d{4}-\d\d-\d\dT[\d:.]+Z","\/ar\/services\/job-centre-harborough\/","ar","job-centre-harborough","yes","Clear, ""thanks"""$/);
  assert.doesNotMatch(readFileSync(file, "utf8"), /Test\/1\.0|127\.0\.0\.1|spam/);
});

test("what is not a form, or too large, or for no page, is refused with a reason", async () => {
  const form = builtForm(PAGE);
  await withServer({}, async (base) => {
    const json = await fetch(base + form.action, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(json.status, 415);
    const nameless = await fetch(base + form.action, { method: "POST", body: new URLSearchParams({ useful: "yes" }) });
    assert.equal(nameless.status, 405);
    assert.equal(nameless.headers.get("allow"), "GET, HEAD");
    const huge = await fetch(base + form.action, answered(form, { useful: "no", comment: "x".repeat(20000) }));
    assert.equal(huge.status, 413);
    const nowhere = await fetch(`${base}/ar/no-such-page/`, answered(form, { useful: "no" }));
    assert.equal(nowhere.status, 404);
    assert.match(await nowhere.text(), /No page at \/ar\/no-such-page\//);
    // Sent as written (fetch would tidy the path): "//ar/..." must not become a link to a host "ar".
    const elsewhere = await rawPost(base, "/.//ar/feedback/thanks/", answered(form, { useful: "no" }));
    assert.equal(elsewhere.status, 303);
    assert.equal(elsewhere.location, "/ar/feedback/thanks/");
  });
  assert.ok(!existsSync(join(site, "feedback.csv")));
});
