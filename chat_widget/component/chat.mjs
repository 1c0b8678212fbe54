// The chat, for the disclosure in _chat.html. Loaded on its first click: the <details> has
// already opened, showing the way to a person; this turns its panel into a non-modal dialog
// with the conversation. Answers, sources and errors come from the server and are only ever
// set as text (textContent), never parsed as HTML. The conversation and the chosen profile
// live in sessionStorage alone: they follow the reader from page to page in this tab, and
// "Clear conversation" or closing the tab forgets them.
const CONVERSATION = "chat-conversation";
const PROFILE = "chat-profile";
const KEEP = 40; // messages kept, so a long session cannot fill the storage
const TIMEOUT_MS = 30000;

function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

// Storage can be full or refused (private windows, strict settings): the chat then still
// works, it just forgets.
const store = {
  get(key, fallback) {
    try {
      const value = sessionStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try { sessionStorage.setItem(key, JSON.stringify(value)); } catch { /* forget */ }
  },
  remove(key) {
    try { sessionStorage.removeItem(key); } catch { /* nothing kept */ }
  },
};

const str = (value) => (typeof value === "string" ? value : "");
const list = (value) => (Array.isArray(value) ? value.filter((item) => item && typeof item === "object") : []);

// Only web addresses become links; a same-site address keeps its short form.
function address(url) {
  try {
    const parsed = new URL(str(url), location.href);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
    return parsed.origin === location.origin ? parsed.pathname + parsed.search + parsed.hash : parsed.href;
  } catch {
    return null;
  }
}

// Keep only what the contract defines, so storage never holds more than was shown.
function reply(data) {
  const links = (items) => list(items).map(({ title, url, updated }) => ({ title: str(title), url: str(url), updated: str(updated) }));
  return {
    answer: str(data.answer), mode: str(data.mode), emergency: data.emergency === true, sources: links(data.sources),
    contacts: list(data.contacts).map(({ name, phone, email }) => ({ name: str(name), phone: str(phone), email: str(email) })),
    suggestions: links(data.suggestions),
  };
}

class Refusal extends Error {}

// The texts come from /<locale>/ui-texts.json, fetched on the first opening; if that fails,
// the panel keeps what it shows without JavaScript: the way to a person.
export async function start(details) {
  let texts;
  try {
    const response = await fetch(details.dataset.texts);
    if (!response.ok) return;
    texts = (await response.json()).chat;
  } catch {
    return;
  }
  const text = { ...details.dataset, ...texts };
  await new Promise((loaded) => {
    const styles = element("link", { rel: "stylesheet", href: new URL("./chat-panel.css", import.meta.url).href });
    styles.addEventListener("load", loaded);
    styles.addEventListener("error", loaded); // the chat still works unstyled
    document.head.append(styles);
  });
  const summary = details.querySelector("summary");
  const panel = details.querySelector(".chat-panel");
  const person = panel.querySelector(".chat-person");
  const lang = document.documentElement.lang;
  let busy = false;

  const close = element("button", { type: "button", class: "chat-close" }, text.textClose);
  const select = element("select", { id: "chat-profile", name: "profile" });
  for (const [value, label] of text.profiles) select.append(element("option", { value }, label));
  const log = element("div", { class: "chat-log", role: "log", "aria-live": "polite", "aria-label": text.textLog });
  const body = element("div", { class: "chat-body" },
                       element("p", { class: "chat-intro" }, text.textIntro),
                       element("p", { class: "chat-profile" }, element("label", { for: "chat-profile" }, text.textProfile), select),
                       log);
  const status = element("p", { class: "chat-status", role: "status" });
  const input = element("textarea", { id: "chat-question", name: "message", rows: "2", autocomplete: "off", dir: "auto",
                                      enterkeyhint: "send", maxlength: "1000" });
  const form = element("form", { class: "chat-form" },
                       element("label", { for: "chat-question" }, text.textQuestion),
                       element("div", { class: "chat-form-row" }, input, element("button", { type: "submit" }, text.textSend)));
  const clear = element("button", { type: "button", class: "chat-clear" }, text.textClear);

  panel.replaceChildren(
    element("div", { class: "chat-head" }, element("h2", { id: "chat-title" }, text.textTitle), close),
    body, status, form, element("div", { class: "chat-foot" }, clear, person));
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "chat-title");
  details.classList.add("chat-ready");

  function date(value) {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(value);
    if (!day) return value;
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day[0]}T00:00:00Z`));
    } catch {
      return day[0];
    }
  }

  function link(url, title, attributes = {}) {
    const href = address(url);
    return href ? element("a", { href, ...attributes }, title || href) : element("span", {}, title);
  }

  function updated(value) {
    if (!value) return null;
    const [before, after = ""] = text.textUpdated.split("{date}");
    return element("span", { class: "chat-updated" }, " (", before, element("bdi", {}, element("time", { datetime: value }, date(value))), after, ")");
  }

  function section(title, items, item) {
    if (!items.length) return null;
    return [element("p", { class: "chat-list-title" }, title),
            element("ul", { class: "chat-list" }, items.map((entry) => element("li", {}, item(entry))))];
  }

  function contact({ name, phone, email }) {
    const number = phone.replace(/[^\d+]/g, "");
    return [name, name && (number || email) ? ": " : "",
            number ? element("a", { href: `tel:${number}`, dir: "ltr" }, phone) : "",
            number && email ? " " : "",
            /^[^\s@?&/:]+@[^\s@?&/:]+$/.test(email) ? element("a", { href: `mailto:${email}` }, email) : email];
  }

  function message(entry) {
    if (typeof entry.me === "string") {
      return element("div", { class: "chat-message chat-mine" },
                     element("p", { class: "chat-who" }, text.textYou), element("p", { class: "chat-text", dir: "auto" }, entry.me));
    }
    const answer = reply(entry.reply || {});
    return element("div", { class: answer.emergency ? "chat-message chat-reply chat-emergency" : "chat-message chat-reply" },
                   element("p", { class: "chat-who" }, text.textAnswer),
                   answer.emergency ? element("p", { class: "chat-urgent" }, element("strong", {}, text.textUrgent)) : null,
                   element("p", { class: "chat-text", dir: "auto" }, answer.answer),
                   section(text.textContacts, answer.contacts, contact),
                   answer.mode === "generative" ? element("p", { class: "chat-note" }, text.textGenerative) : null,
                   section(text.textSources, answer.sources, ({ url, title, updated: when }) => [link(url, title), updated(when)]),
                   section(text.textSuggestions, answer.suggestions, ({ url, title }) => link(url, title)));
  }

  function show(entry) {
    const node = message(entry);
    log.append(node);
    // A reply is read from its start; a question just goes to the end.
    body.scrollTop = entry.me === undefined ? node.offsetTop - body.offsetTop : body.scrollHeight;
  }

  function remember(entry) {
    store.set(CONVERSATION, [...store.get(CONVERSATION, []), entry].slice(-KEEP));
    show(entry);
  }

  function problem(words) {
    const node = element("div", { class: "chat-message chat-problem" }, element("p", { class: "chat-text" }, words));
    log.append(node);
    body.scrollTop = body.scrollHeight;
  }

  async function ask(question) {
    busy = true;
    remember({ me: question });
    status.textContent = text.textThinking;
    const request = { locale: text.locale, message: question, page: location.pathname };
    if (select.value) request.profile = select.value;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(text.endpoint, {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(request), signal: controller.signal, credentials: "omit",
      });
      const data = await response.json().catch(() => null);
      if (!response.ok || !data || typeof data.answer !== "string") {
        const said = data && typeof data.error === "string" ? data.error.trim() : "";
        throw new Refusal(said || (response.status === 429 ? text.textBusy : text.textError));
      }
      status.textContent = "";
      remember({ reply: reply(data) });
    } catch (error) {
      status.textContent = "";
      problem(error instanceof Refusal ? error.message : text.textError);
      if (!input.value) input.value = question; // to send again as it was
    } finally {
      clearTimeout(timer);
      busy = false;
    }
  }

  function shut() {
    details.open = false;
    summary.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    input.focus();
    if (!question || busy) return;
    input.value = "";
    ask(question);
  });
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter starts a new line; Enter that ends an input-method composition
    // (Chinese, Japanese...) only confirms the characters.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  select.addEventListener("change", () => {
    if (select.value) store.set(PROFILE, select.value);
    else store.remove(PROFILE);
  });
  clear.addEventListener("click", () => {
    log.replaceChildren();
    status.textContent = "";
    store.remove(CONVERSATION);
    store.remove(PROFILE);
    select.value = "";
    input.focus();
  });
  close.addEventListener("click", shut);
  person.addEventListener("click", () => { details.open = false; });
  // Escape closes the chat wherever focus is (unless something else, like the search
  // results, took that Escape); focus returns to the opener only from inside the chat.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !details.open || event.isComposing || event.defaultPrevented) return;
    event.preventDefault();
    if (details.contains(document.activeElement)) shut();
    else details.open = false;
  });
  // The panel is not modal, but focus must never hide behind it: tabbing out of it onto
  // something it covers (on a phone, everything) closes it.
  panel.addEventListener("focusout", () => setTimeout(() => {
    const now = document.activeElement;
    if (!details.open || !now || now === document.body || panel.contains(now)) return;
    const a = panel.getBoundingClientRect();
    const b = now.getBoundingClientRect();
    if (b.left < a.right && b.right > a.left && b.top < a.bottom && b.bottom > a.top) details.open = false;
  }));
  details.addEventListener("toggle", () => {
    if (details.open) input.focus();
  });

  const profile = store.get(PROFILE, "");
  if ([...select.options].some((option) => option.value === profile)) select.value = profile;
  for (const entry of store.get(CONVERSATION, [])) {
    if (entry && (typeof entry.me === "string" || (entry.reply && typeof entry.reply === "object"))) show(entry);
  }
  if (details.open) input.focus();
}
