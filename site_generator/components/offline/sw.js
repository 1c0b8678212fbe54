// The service worker, published as /sw.js so that its scope is the whole site. The build writes
// this build's facts into BUILD (site_generator/plugins/offline_lists.py), so the file changes
// whenever the site's offline lists or assets do, and browsers install the new worker on the
// next visit.
//
// What it keeps, on this device only (nothing is ever sent anywhere, nothing is logged):
// - each locale's core (output/<locale>/offline.json: home, topics, search and its index, ...),
//   once a page of that locale is opened, unless the browser asks to save data;
// - every page the reader opens, under its path alone, so a query the reader typed (?q=) is
//   never stored;
// - the topics the reader chose to save.
// Pages and data come from the network first, so an online reader always gets the current page;
// the stored copy answers only when the network fails, and is marked so the page says what it
// is. Files whose names carry a hash of their content are answered from the store first.
// POST requests (the chat, the feedback form) and other hosts are never touched.
"use strict";

const BUILD = {}; // written by the build

const FILES = "portal-offline-files-v1"; // pages, data and search files, kept across versions
const ASSETS = `portal-offline-assets-${BUILD.assetsVersion}`; // styles and scripts of this build
const RECORDS = "portal-offline-records-v1"; // what was saved from which list
const CURRENT = [FILES, ASSETS, RECORDS];
const FINGERPRINTED = /^\/assets\/|\/search\/(shard|store)-\d+\.[0-9a-f]{10}\.json$/;
const SAVED_AT = "x-portal-saved-at";
const DIGEST = "x-portal-digest";
const PARALLEL_DOWNLOADS = 4;

const localeOf = (path) => (BUILD.locales.includes(path.split("/")[1]) ? path.split("/")[1] : null);
const storeOf = (path) => caches.open(path.startsWith("/assets/") ? ASSETS : FILES);
const stored = async (path) => (await storeOf(path)).match(path);
const saveDataOn = () => Boolean(self.navigator.connection && self.navigator.connection.saveData);

async function digestOf(body) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, 10);
}

// Stored with the time it was saved (the notice shows it) and the digest the lists compare.
async function keep(path, response) {
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set(SAVED_AT, new Date().toISOString());
  headers.set(DIGEST, await digestOf(body));
  await (await storeOf(path)).put(path, new Response(body, { status: response.status, headers }));
}

async function forget(path) {
  await (await storeOf(path)).delete(path);
}

async function upToDate(path, digest) {
  const copy = await stored(path);
  return Boolean(copy) && (FINGERPRINTED.test(path) || copy.headers.get(DIGEST) === digest);
}

async function download(path) {
  const response = await fetch(path, { cache: FINGERPRINTED.test(path) ? "default" : "no-cache" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  await keep(path, response);
}

// A copy from the store, marked so that the page shows the offline notice (offline-notice.mjs).
async function savedCopy(copy) {
  if (!(copy.headers.get("content-type") || "").includes("html")) return copy;
  const savedAt = (copy.headers.get(SAVED_AT) || "").replace(/[^0-9TZ:.-]/g, "");
  const html = (await copy.text()).replace(/<html\b/i, `<html data-saved-copy="${savedAt}"`);
  return new Response(html, { status: 200, headers: copy.headers });
}

async function offlinePage(path) {
  const page = await stored(`/${localeOf(path) || BUILD.source}/offline.html`);
  return page ? new Response(page.body, { status: 503, headers: page.headers }) : Response.error();
}

// Whatever asset an old stored page asks for, this build's file of the same name stands in.
function currentVersionOf(path) {
  const script = path.match(/^\/assets\/js\.[0-9a-f]+\/(.+)$/);
  if (script) return BUILD.scripts + script[1];
  const style = path.match(/^\/assets\/([\w-]+)\.[0-9a-f]+\.css$/);
  return style ? BUILD.styles[style[1]] || null : null;
}

async function openPage(event, url) {
  const path = url.pathname;
  let response = null;
  try {
    // no-cache: the browser's HTTP cache may answer only after the server confirmed its copy.
    response = await fetch(url.href, { cache: "no-cache", redirect: "manual", credentials: "same-origin" });
  } catch {
    response = null;
  }
  if (response && response.status < 500) {
    if (response.ok && response.type === "basic") event.waitUntil(keep(path, response.clone()));
    else if (response.status === 404 || response.status === 410) event.waitUntil(forget(path));
    return response;
  }
  // Online, /en/health redirects to /en/health/; offline, the stored /en/health/ answers for it.
  const copy = (await stored(path)) || (!path.endsWith("/") && (await stored(`${path}/`)));
  if (copy) return savedCopy(copy);
  return response || offlinePage(path);
}

async function fromStoreFirst(event, path) {
  const copy = await stored(path);
  if (copy) return copy;
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(keep(path, response.clone()));
    return response;
  } catch (error) {
    const current = currentVersionOf(path);
    const standIn = current && (await stored(current));
    if (standIn) return standIn;
    throw error;
  }
}

async function fromNetworkFirst(event, path) {
  try {
    const response = await fetch(event.request);
    if (response.ok && (path.endsWith(".json") || (await stored(path)))) event.waitUntil(keep(path, response.clone()));
    return response;
  } catch (error) {
    const copy = await stored(path);
    if (copy) return copy;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") event.respondWith(openPage(event, url));
  else if (url.search) return; // not stored: it may hold what the reader typed
  else if (FINGERPRINTED.test(url.pathname)) event.respondWith(fromStoreFirst(event, url.pathname));
  else event.respondWith(fromNetworkFirst(event, url.pathname));
});

// Records: which files a locale's core or a saved topic put in the store, from which list.

const recordKey = (name) => new URL(`/offline-record/${name}`, location.origin).href;
const coreName = (locale) => `core/${locale}`;
const topicName = (locale, topic) => `topic/${locale}/${topic}`;

async function readRecord(name) {
  const copy = await (await caches.open(RECORDS)).match(recordKey(name));
  return copy ? copy.json() : null;
}

async function writeRecord(name, record) {
  const body = new Response(JSON.stringify(record), { headers: { "content-type": "application/json" } });
  await (await caches.open(RECORDS)).put(recordKey(name), body);
}

async function allRecords() {
  const records = await caches.open(RECORDS);
  const names = (await records.keys()).map((request) => new URL(request.url).pathname.replace("/offline-record/", ""));
  return Promise.all(names.map(async (name) => [name, await readRecord(name)]));
}

async function fetchList(locale) {
  const path = `/${locale}/offline.json`;
  const response = await fetch(path, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  await keep(path, response.clone());
  return response.json();
}

async function listOf(locale) {
  try {
    return await fetchList(locale);
  } catch (error) {
    const copy = await stored(`/${locale}/offline.json`);
    if (copy) return copy.json();
    throw error;
  }
}

// Files a record no longer lists leave the store, unless another record still lists them.
// Styles and scripts stay: stored pages use them, and they go with their build's store.
async function forgetUnlisted(paths) {
  if (!paths.length) return;
  const listed = new Set();
  for (const [, record] of await allRecords()) for (const [path] of record.files) listed.add(path);
  for (const path of paths) if (!listed.has(path) && !path.startsWith("/assets/")) await forget(path);
}

async function storeFiles(name, files, version, tell = () => {}) {
  const before = await readRecord(name);
  const total = files.reduce((sum, [, bytes]) => sum + bytes, 0) || 1;
  const queue = [...files];
  let done = 0;
  const worker = async () => {
    while (queue.length) {
      const [path, bytes, digest] = queue.shift();
      if (!(await upToDate(path, digest))) await download(path);
      done += bytes;
      tell({ progress: done / total });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  await writeRecord(name, { version, files });
  const listed = new Set(files.map(([path]) => path));
  await forgetUnlisted((before ? before.files : []).map(([path]) => path).filter((path) => !listed.has(path)));
}

// A locale's core, and its saved topics, brought up to this build: only changed files download.
async function refreshLocale(locale) {
  const names = [coreName(locale), ...(await allRecords()).map(([name]) => name)
    .filter((name) => name.startsWith(`topic/${locale}/`))];
  const stale = [];
  for (const name of names) {
    const record = await readRecord(name);
    if (!record || record.version !== BUILD.version) stale.push(name);
  }
  if (!stale.length || saveDataOn()) return;
  const list = await fetchList(locale);
  for (const name of stale) {
    const topic = name.startsWith("topic/") ? name.split("/")[2] : null;
    const files = topic ? list.topics[topic] && list.topics[topic].files : list.core.files;
    if (files) await storeFiles(name, files, list.version);
    else await removeTopic({ locale, topic });
  }
}

const refreshing = new Map();
function ensureLocale(locale) {
  if (!refreshing.has(locale)) {
    refreshing.set(locale, refreshLocale(locale).catch((error) => {
      refreshing.delete(locale);
      throw error;
    }));
  }
  return refreshing.get(locale);
}

// Messages from the site's pages (portal.mjs, offline-*.mjs); each may carry a port for the answer.

function checkedLocale(locale) {
  if (!BUILD.locales.includes(locale)) throw new Error(`unknown locale: ${locale}`);
  return locale;
}

async function visited({ path, controlled }) {
  const url = new URL(String(path), location.origin);
  if (url.origin !== location.origin) throw new Error("not a page of this site");
  // A page that loaded before this worker controlled it did not pass through it.
  if (!controlled && !(await stored(url.pathname))) {
    const response = await fetch(url.pathname, { cache: "no-cache" }).catch(() => null);
    if (response && response.ok && !response.redirected) await keep(url.pathname, response);
  }
  const locale = localeOf(url.pathname);
  if (locale) await ensureLocale(locale);
  return {};
}

// Whether a topic is saved: asked as every topic page opens, so it needs no download.
async function topicSaved({ locale, topic }) {
  return { saved: Boolean(await readRecord(topicName(checkedLocale(locale), topic))) };
}

// What saving a topic costs: the compressed size of its files not on the device yet.
async function topicStatus({ locale, topic }) {
  const record = await readRecord(topicName(checkedLocale(locale), topic));
  const list = await listOf(locale);
  const files = (list.topics[topic] && list.topics[topic].files) || (record && record.files);
  if (!files) throw new Error(`unknown topic: ${topic}`);
  let missing = 0;
  for (const [path, bytes, digest] of files) if (!(await upToDate(path, digest))) missing += bytes;
  return { saved: Boolean(record), bytes: files.reduce((sum, [, bytes]) => sum + bytes, 0), missing };
}

async function saveTopic({ locale, topic }, tell) {
  const list = await fetchList(checkedLocale(locale));
  if (!list.topics[topic]) throw new Error(`unknown topic: ${topic}`);
  await storeFiles(topicName(locale, topic), list.topics[topic].files, list.version, tell);
  return { saved: true };
}

async function removeTopic({ locale, topic }) {
  const name = topicName(checkedLocale(locale), topic);
  const record = await readRecord(name);
  await (await caches.open(RECORDS)).delete(recordKey(name));
  if (record) await forgetUnlisted(record.files.map(([path]) => path));
  return { saved: false };
}

// The pages of a locale in the store, for the offline page's list: each page's path and its
// <h1> as written (the page that asked reads its text, language and direction).
async function savedPages({ locale }) {
  checkedLocale(locale);
  const files = await caches.open(FILES);
  const pages = [];
  for (const request of await files.keys()) {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(`/${locale}/`) || !path.endsWith("/")) continue;
    const heading = (await (await files.match(request)).text()).match(/<h1[\s>][\s\S]*?<\/h1>/);
    if (heading) pages.push({ path, heading: heading[0] });
  }
  return { pages };
}

const REQUESTS = { visit: visited, "topic-saved": topicSaved, "topic-status": topicStatus, "save-topic": saveTopic,
                   "remove-topic": removeTopic, "saved-pages": savedPages };

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const handle = Object.hasOwn(REQUESTS, data.type) ? REQUESTS[data.type] : null;
  if (!handle) return;
  const port = event.ports[0];
  const tell = (message) => port && port.postMessage(message);
  event.waitUntil(handle(data, tell).then((answer) => tell({ done: true, ...answer }),
                                          (error) => tell({ failed: String(error && error.message) })));
});

self.addEventListener("install", (event) => {
  self.skipWaiting();
  if (saveDataOn()) return;
  // This build's styles and scripts, so that stored pages keep theirs when the old ones go.
  event.waitUntil(Promise.allSettled(BUILD.assets.map(async (path) => {
    if (!(await stored(path))) await download(path);
  })));
});

// No clients.claim(): the page that installed the worker keeps loading straight from the network
// (the worker stores it and the locale's core beside it); the worker serves from the next page on.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("portal-offline-") && !CURRENT.includes(name)) await caches.delete(name);
    }
  })());
});
