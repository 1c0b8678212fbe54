// Results as you type, for the search form in _search_box.html. Loaded on the box's first
// focus. Everything is built as DOM nodes with textContent: titles and snippets come from
// content, and are never parsed as HTML.
import lunr from "./lunr.mjs";
import { openSearch, RESULTS } from "./engine.mjs";

const PAGE_RESULTS = 30;
const PAUSE_MS = 120;

function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

export async function start(form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector("[role=status]");
  const panel = form.querySelector(".search-results");
  const text = { ...form.dataset }; // completed from ui-texts.json once loaded
  const onSearchPage = form.hasAttribute("data-start-with-query");
  const pageLang = document.documentElement.lang;
  let opening = null;
  let directions = {};
  let manifest = null;
  let asked = 0;
  let timer = null;

  function open() {
    opening = opening || connect().catch((error) => { opening = null; throw error; });
    return opening;
  }

  async function connect() {
    status.textContent = text.textLoading;
    const manifestUrl = new URL(text.manifest, location.href);
    const fetchJson = async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json();
    };
    const [loaded, texts] = await Promise.all([fetchJson(manifestUrl), fetchJson(new URL(text.texts, location.href))]);
    manifest = loaded;
    Object.assign(text, texts.search);
    directions = manifest.directions || {};
    const load = async (name) => {
      const answer = await fetch(new URL(name, manifestUrl));
      if (!answer.ok) throw new Error(`${name}: HTTP ${answer.status}`);
      return answer.json();
    };
    if (status.textContent === text.textLoading) status.textContent = "";
    return openSearch(lunr, manifest, load);
  }

  // A result shown in another language than the page (a page not yet translated) says so
  // with lang and dir, so screen readers switch voice and the text runs the right way.
  function languageOf(lang) {
    return lang && lang !== pageLang ? { lang, dir: directions[lang] || null } : {};
  }

  function resultItem({ title, section, url, lang, snippet, summary }, bestBet) {
    const heading = element("span", { class: "search-result-title" }, title);
    const link = element("a", { href: url, ...languageOf(lang) }, heading,
                         section ? element("span", { class: "search-result-section" }, " › ", section) : null);
    const excerpt = element("p", { class: "search-result-snippet", ...languageOf(lang) });
    if (snippet) {
      for (const part of snippet) excerpt.append(part.mark ? element("mark", {}, part.text) : part.text);
    } else {
      excerpt.append(summary || "");
    }
    return element("li", { class: bestBet ? "search-result search-result-best" : "search-result" },
                   bestBet ? element("strong", { class: "search-result-tag" }, text.textBestBet) : null, link, excerpt);
  }

  function suggestions(query) {
    const topics = element("ul", { class: "search-suggestions" },
                           ...(manifest.topics || []).map(([title, url]) => element("li", {}, element("a", { href: url }, title))));
    const chat = document.querySelector("details.chat > summary");
    let ask = null;
    if (chat) {
      ask = element("button", { type: "button", class: "search-ask" }, text.textChat);
      ask.addEventListener("click", () => { if (!chat.parentElement.open) chat.click(); });
    }
    return element("div", { class: "search-none" },
                   element("p", {}, fill(text.textNone, { query })),
                   element("p", {}, text.textSuggest), topics,
                   element("p", {}, element("a", { href: text.glossary }, text.textGlossary), " · ",
                           element("a", { href: "#help-title" }, text.textPerson)),
                   ask ? element("p", {}, ask) : null);
  }

  function show(found) {
    const { query, bestBets, results, total } = found;
    // Newer results replace the list; a reader who was moving through it goes back to the box
    // rather than to nowhere.
    const wasInside = panel.contains(document.activeElement);
    panel.replaceChildren();
    panel.dataset.query = query;
    if (wasInside) input.focus();
    if (!bestBets.length && !results.length) {
      panel.append(suggestions(query));
      status.textContent = fill(text.textResults, { count: "0" });
    } else {
      panel.append(element("ol", { class: "search-results-list" },
                           ...bestBets.map((bet) => resultItem(bet, true)),
                           ...results.map((result) => resultItem(result, false))));
      if (!onSearchPage && total > results.length) {
        const all = new URL(form.action);
        all.searchParams.set("q", query);
        panel.append(element("p", { class: "search-all" }, element("a", { href: all.pathname + all.search }, text.textAll)));
      }
      status.textContent = fill(text.textResults, { count: String(bestBets.length + total) });
    }
    panel.hidden = false;
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
    status.textContent = "";
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) { close(); return; }
    try {
      const found = await (await open()).search(query, { limit: onSearchPage ? PAGE_RESULTS : RESULTS });
      if (mine !== asked) return; // the reader typed on; a newer search will answer
      show(found);
      if (onSearchPage) history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
    } catch (error) {
      if (mine !== asked) return;
      status.textContent = text.textError;
      console.error(error);
    }
  }

  function links() {
    return Array.from(panel.querySelectorAll("a"));
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    // Without this script the form goes to the search page; with it, the search page answers
    // in place and other pages keep the plain submit, which opens the search page.
    if (!onSearchPage) return;
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && all.length && (event.target === input || at >= 0)) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });

  if (onSearchPage) {
    const query = new URLSearchParams(location.search).get("q");
    if (query && !input.value) input.value = query;
  }
  open().catch(() => { status.textContent = text.textError; });
  if (input.value.trim()) await run();
}
