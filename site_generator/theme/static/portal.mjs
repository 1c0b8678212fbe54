// The only script a page loads. Pages work without it; it attaches enhancements to elements
// marked data-module="name", loading ./name.mjs only when the reader first reaches for the
// element (data-load-on: the event, "focusin" or "click"; "now" for the few that must run at
// once, like the events index correcting itself), so no page pays for a feature
// nobody used; data-start-with-query starts it at once when the address carries ?q=, because
// then the reader has already asked. Each module exports start(element, event).
for (const element of document.querySelectorAll("[data-module]")) {
  const name = element.dataset.module;
  if (!/^[a-z-]+$/.test(name)) continue;
  let started = null;
  const start = (event) => {
    started = started || import(`./${name}.mjs`).then((module) => module.start(element, event));
    return started;
  };
  const trigger = element.dataset.loadOn || "click";
  if (trigger === "now") start(null); // a correction the page needs as soon as it is read
  else element.addEventListener(trigger, start, { once: true });
  if (element.hasAttribute("data-start-with-query") && new URLSearchParams(location.search).get("q")) start(null);
}
