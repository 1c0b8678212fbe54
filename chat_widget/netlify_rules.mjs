// What Netlify does with this site's rules, for the local server: response headers from
// netlify.toml's [[headers]] and the build's _headers, and the build's _redirects (the
// language redirects of `/` and each locale's 404 page). Only the rule forms the project
// writes are understood: exact paths, `*` and `:name` in header paths, a trailing `*` in
// redirect paths, `status!` and the Language condition.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";

// Netlify's Cache-Control for whatever no rule gives one: keep it, but ask every time.
const DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate";

// A header rule's path as Netlify reads it: `:name` is one segment, `*` alone is the rest of
// the path (or nothing), `*` inside a segment is any text.
function pathPattern(path) {
  const parts = path.split("/").map((part) => part.trimEnd()).filter(Boolean).map((part) => {
    if (part.startsWith(":")) return "([^/]+)";
    if (part === "*") return "?(.*)";
    return part.split("*").map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("(.*)");
  });
  return new RegExp(`^/${parts.join("/")}/?$`, "iu");
}

function readText(file) {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

// _headers: a path line, then indented "Name: value" lines.
function fileHeaderRules(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), values: {} });
    else if (rules.length) {
      const [name, ...value] = line.trim().split(":");
      rules[rules.length - 1].values[name.trim()] = value.join(":").trim();
    }
  }
  return rules;
}

function configHeaderRules(configFile) {
  const text = readText(configFile);
  return text ? (parse(text).headers || []).map((rule) => ({ path: rule.for, values: rule.values })) : [];
}

// _redirects: "from to status[!] Key=value,value ...".
function redirectRules(text) {
  return text.split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#")).map((line) => {
    const [from, to, status = "301", ...conditions] = line.split(/\s+/);
    const language = conditions.find((part) => part.startsWith("Language="));
    return { from, to, status: Number.parseInt(status, 10), force: status.endsWith("!"),
             languages: language ? language.slice("Language=".length).toLowerCase().split(",") : null };
  });
}

function cookie(header, name) {
  for (const part of (header || "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

// The reader's language as Netlify compares it: the picker's cookie, else the primary subtag
// of the first Accept-Language tag only.
function readerLanguage(headers) {
  const chosen = cookie(headers.cookie, "nf_lang");
  if (chosen) return chosen.toLowerCase();
  const first = (headers["accept-language"] || "").split(",")[0].split(";")[0].trim();
  return first.split("-")[0].toLowerCase();
}

function matchesPath(rule, pathname) {
  return rule.from.endsWith("*") ? pathname.startsWith(rule.from.slice(0, -1)) : pathname === rule.from;
}

export function netlifyRules({ site, configFile }) {
  const configured = configHeaderRules(configFile);
  return {
    // Later rules win, and netlify.toml wins over _headers, as in Netlify's own merge.
    headersFor(pathname) {
      const headers = { "cache-control": DEFAULT_CACHE_CONTROL };
      for (const rule of [...fileHeaderRules(readText(join(site, "_headers"))), ...configured]) {
        if (!pathPattern(rule.path).test(pathname)) continue;
        for (const [name, value] of Object.entries(rule.values)) headers[name.toLowerCase()] = value;
      }
      return headers;
    },
    // The first rule that applies: a forced one always, another only where no file is.
    redirectFor(pathname, requestHeaders, fileExists) {
      const language = readerLanguage(requestHeaders);
      return redirectRules(readText(join(site, "_redirects"))).find((rule) =>
        matchesPath(rule, pathname) && (rule.force || !fileExists)
        && (!rule.languages || rule.languages.includes(language))) || null;
    },
  };
}
