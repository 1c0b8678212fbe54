// The only script a page loads. Pages work without it; it attaches enhancements to elements
// marked data-module="name", loading ./name.mjs only when the reader first reaches for the
// element (data-load-on: the event, "focusin" or "click"; "now" for the few that must run at
// once, like the events index correcting itself), so no page pays for a feature
// nobody used; data-start-with-query starts it at once when the address carries ?q=, because
// then the reader has already asked. Each module exports start(element, event).
for (const element of document.querySelectorAll("[data-module]")) {
  const name = element.dataset.module;
  if (!/^[a-z-]+$/.test(name)) continue;
  // data-requires names a browser feature (a global) the module cannot work without.
  if (element.dataset.requires && !(element.dataset.requires in window)) continue;
  const trigger = element.dataset.loadOn || "click";
  // Events of the same kind that arrive while the module loads (a second tap on a slow phone)
  // are handed to it afterwards when the element asks for that with data-replay; modules that
  // do so accept start() more than once.
  let started = null;
  const start = (event) => {
    if (started) return started;
    const early = [];
    const remember = (later) => early.push(later);
    if ("replay" in element.dataset) element.addEventListener(trigger, remember);
    started = import(`./${name}.mjs`).then(async (module) => {
      element.removeEventListener(trigger, remember);
      await module.start(element, event);
      for (const later of early) await module.start(element, later);
    });
    return started;
  };
  if (trigger === "now") start(null); // a correction the page needs as soon as it is read
  else element.addEventListener(trigger, start, { once: true });
  if (element.hasAttribute("data-start-with-query") && new URLSearchParams(location.search).get("q")) start(null);
}

// A language chosen in the picker or the header's switcher wins over the browser's: Netlify's
// redirect of / (output/_redirects) reads this cookie before Accept-Language. The value is the
// locale code, which that locale's Language condition lists.
document.addEventListener("click", (event) => {
  const code = event.target.closest?.("a[data-language-choice]")?.dataset.languageChoice;
  if (!code) return;
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `nf_lang=${code}; path=/; max-age=31536000; samesite=lax${secure}`;
});

// Offline reading (components/offline): the service worker keeps this locale's core and each page
// read, told of every page opened (one it did not serve did not pass through it), once the page
// has loaded, so its downloads never compete with the page's own; a page it had to answer from
// the device says so.
if ("serviceWorker" in navigator) {
  const controlled = Boolean(navigator.serviceWorker.controller);
  addEventListener("load", () => navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready)
    .then(({ active }) => active.postMessage({ type: "visit", path: location.pathname, controlled }))
    .catch(() => {}), { once: true });
  if (document.documentElement.dataset.savedCopy) import("./offline-notice.mjs").then((module) => module.start());
}
