// The offline page's list of the other pages of this locale kept on the device (visited or
// saved with a topic), read from the service worker's store. Each title keeps the language and
// direction its page's heading has (a page not translated yet is in the source language).
import { ask } from "./offline-requests.mjs";

export async function start(section) {
  if (!("serviceWorker" in navigator)) return;
  const { pages } = await ask({ type: "saved-pages", locale: section.dataset.locale });
  const listed = new Set(Array.from(document.querySelectorAll("main a[href]"), (link) => link.getAttribute("href")));
  const parser = new DOMParser();
  const links = [];
  for (const { path, heading } of pages) {
    if (listed.has(path)) continue;
    const title = parser.parseFromString(heading, "text/html").querySelector("h1");
    if (!title || !title.textContent.trim()) continue;
    const link = document.createElement("a");
    link.href = path;
    link.textContent = title.textContent.trim();
    if (title.lang) link.lang = title.lang;
    if (title.dir) link.dir = title.dir;
    links.push(link);
  }
  const collator = new Intl.Collator(document.documentElement.lang);
  links.sort((a, b) => collator.compare(a.textContent, b.textContent));
  section.querySelector("ul").append(...links.map((link) => {
    const item = document.createElement("li");
    item.append(link);
    return item;
  }));
  section.hidden = links.length === 0;
}
