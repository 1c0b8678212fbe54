// Lighthouse scores (performance, accessibility, best practices, SEO; 0-100) of a guide page, the
// services index and the home page, in the source locale and Arabic, as Lighthouse's default
// phone sees them (mobile form factor, simulated slow 4G and a 4x slower CPU).
// The built site is served by chat_widget/server.mjs, as `make run` serves it (with the content
// security policy of output/_headers); Lighthouse 12.8 (the line that runs on Node 20) drives
// Debian's chromium. Nothing is fetched from the internet: the browser's background services are
// off, Lighthouse's error reporting is off, and Lighthouse only fetches the site's own robots.txt.
// Usage: node bench/lighthouse.mjs [--site output] [--locales en,ar] [--chrome /usr/bin/chromium]
//                                  [--json bench/results/lighthouse.json]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startServer } from "../chat_widget/server.mjs";

const { values } = parseArgs({ options: {
  site: { type: "string", default: "output" }, locales: { type: "string", default: "en,ar" },
  chrome: { type: "string", default: "/usr/bin/chromium" }, json: { type: "string" } } });
const site = resolve(values.site);
const locales = values.locales.split(",");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync"];

for (const locale of locales) {
  if (!existsSync(join(site, locale, "pages.json"))) {
    console.error(`lighthouse: ${join(site, locale, "pages.json")} is missing: build the site first (portal build)`);
    process.exit(2);
  }
}
if (!existsSync(values.chrome)) {
  console.error(`lighthouse: no browser at ${values.chrome} (apt-get install chromium, or --chrome PATH)`);
  process.exit(2);
}

// A guide every benchmarked locale has in its own language (written or checked by people),
// so the page measured is the one its readers get, not a fallback.
function guidePath() {
  const listings = locales.map((locale) => JSON.parse(readFileSync(join(site, locale, "pages.json"), "utf8")).pages);
  const guides = listings[0].filter((page) => page.kind === "guide");
  const stateIn = (pages, id) => pages.find((page) => page.id === id)?.translation;
  const everywhere = (test) => guides.find((guide) => listings.every((pages) => test(stateIn(pages, guide.id))));
  const chosen = everywhere((state) => ["source", "reviewed"].includes(state))
    || everywhere((state) => state !== "missing") || guides[0];
  if (!chosen) throw new Error(`${locales[0]}/pages.json lists no guide`);
  return new URL(chosen.url).pathname.split("/").slice(2).join("/");
}

// What a failed audit found, briefly: the first few messages, elements or addresses.
function detailsOf(audit) {
  const found = (audit.details?.items || []).slice(0, 3)
    .map((item) => [item.description || item.node?.snippet, item.url || item.source?.url].filter(Boolean).join(" "))
    .filter(Boolean);
  return found.length ? `: ${found.join(" | ")}` : "";
}

const pages = [["guide", guidePath()], ["services index", "services/"], ["home", ""]];
const server = await startServer({ root: site, port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({ chromePath: values.chrome, chromeFlags: CHROME_FLAGS });
const runs = [];
try {
  for (const [label, path] of pages) {
    for (const locale of locales) {
      const url = `${origin}/${locale}/${path}`;
      const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error",
                                              onlyCategories: CATEGORIES, enableErrorReporting: false });
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)]));
      // The audits that cost points outside performance: those are things to fix, not to tune.
      const failed = CATEGORIES.filter((id) => id !== "performance").flatMap((id) =>
        lhr.categories[id].auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null
                                             && lhr.audits[ref.id].score < 1)
          .map((ref) => `${id}: ${ref.id} (${lhr.audits[ref.id].title})${detailsOf(lhr.audits[ref.id])}`));
      const offSite = (lhr.audits["network-requests"]?.details?.items || [])
        .map((item) => item.url).filter((address) => /^https?:/.test(address) && !address.startsWith(origin));
      const metrics = Object.fromEntries(["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                                          "cumulative-layout-shift"].map((id) => [id, lhr.audits[id].displayValue]));
      runs.push({ page: label, locale, path: `/${locale}/${path}`, scores, metrics, failed, offSite,
                  userAgent: lhr.environment.hostUserAgent });
    }
  }
} finally {
  await chrome.kill();
  server.close();
}

const header = ["page", "locale", ...CATEGORIES];
const rows = runs.map((run) => [run.page, run.locale, ...CATEGORIES.map((id) => String(run.scores[id]))]);
const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ");
const lighthousePackage = new URL("../node_modules/lighthouse/package.json", import.meta.url);
const lighthouseVersion = JSON.parse(readFileSync(lighthousePackage, "utf8")).version;
const browser = runs[0].userAgent.match(/Chrome\/[\d.]+/);
console.log(`Lighthouse ${lighthouseVersion}, mobile (simulated throttling), ${browser}`);
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const run of runs) {
  const where = `${run.page}, ${run.locale} (${run.path})`;
  console.log(`${where}: ${Object.entries(run.metrics).map(([id, value]) => `${id} ${value}`).join(", ")}`);
  for (const audit of run.failed) console.log(`  failed ${audit}`);
  for (const address of run.offSite) console.log(`  request off the site: ${address}`);
}
if (values.json) {
  mkdirSync(dirname(resolve(values.json)), { recursive: true });
  writeFileSync(values.json, JSON.stringify({ lighthouse: lighthouseVersion, runs }, null, 2) + "\n");
}
