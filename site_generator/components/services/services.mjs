// The service directory's filters, "near me" and map, for the form of _services_directory.html.
// Filters combine (AND) over the facts each list item carries as data attributes; "open now",
// distances and the map read directory.json, fetched the first time one of them is used. The
// reader's position is used once, here, to sort: it is never put in an address, in storage or
// in a request, and the map never centres on it (tiles around it would tell where it is).
// Every text comes from the form's data-text-* attributes; DOM is built with textContent.
import { isOpenNow } from "./opening.mjs";
import { byDistance } from "./distance.mjs";

const FORMS = new WeakMap();

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

// Two hooks start the module (focus, and a click for Safari): one controller per form, and
// the event that loaded the module is replayed unless the controller already saw it.
export function start(element, event) {
  const form = element.closest("form");
  if (!FORMS.has(form)) FORMS.set(form, enhance(form));
  FORMS.get(form)(event);
}

function enhance(form) {
  const text = form.dataset;
  const lang = document.documentElement.lang;
  const list = document.getElementById(text.list);
  const items = Array.from(list.querySelectorAll("li[data-id]"));
  const homes = new Map(items.map((item) => [item, item.parentElement]));
  const groups = Array.from(list.querySelectorAll(".services-group"));
  const count = form.querySelector(".services-count");
  const note = form.querySelector(".services-note");
  const districtField = form.querySelector(".services-district");
  const districts = form.elements.district;
  const byCategory = form.querySelector("[data-action=by-category]");
  const mapButton = form.querySelector("[data-action=map]");
  const mapBox = document.getElementById("services-map");
  const showMapText = mapButton?.textContent;
  const number = new Intl.NumberFormat(lang);
  const km = [1, 0].map((digits) => new Intl.NumberFormat(lang, { style: "unit", unit: "kilometer", maximumFractionDigits: digits }));
  const seen = new WeakSet();
  let loading = null;
  let sorted = null;
  let map = null;
  let asked = 0;

  function load() {
    loading = loading || fetch(text.directory).then((response) => {
      if (!response.ok) throw new Error(`${text.directory}: HTTP ${response.status}`);
      return response.json();
    }).catch((error) => { loading = null; throw error; });
    return loading;
  }

  function say(where, message) {
    where.textContent = message;
  }

  function failed(error, where = count, message = text.textError) {
    console.error(error);
    say(where, message);
  }

  async function update(announce = true) {
    const mine = ++asked;
    const flags = Array.from(form.querySelectorAll("[data-flag]:checked"), (box) => `data-${box.name}`);
    const topic = form.elements.topic.value;
    const language = form.elements.language.value;
    let open = null;
    if (form.elements["open-now"].checked) {
      if (!loading) say(count, text.textLoading);
      const directory = await load();
      open = new Set(directory.services.filter((service) => isOpenNow(service, directory.timeZone)).map((service) => service.id));
    }
    if (mine !== asked) return;
    let shown = 0;
    for (const item of items) {
      item.hidden = !((!topic || item.dataset.topic === topic)
        && (!language || item.dataset.languages.split(" ").includes(language))
        && flags.every((flag) => item.hasAttribute(flag))
        && (!open || open.has(item.dataset.id)));
      shown += !item.hidden;
    }
    showGroups();
    if (announce || shown < items.length) say(count, fill(text.textCount, { count: number.format(shown) }));
    if (map) showOnMap().catch(failed);
  }

  function showGroups() {
    for (const group of groups) group.hidden = !group.querySelector("li:not([hidden])");
  }

  // Sorting moves the items into one list, nearest first; "Show by category" moves them back.
  async function sortFrom(origin, message) {
    const directory = await load();
    const places = new Map(directory.services.map((service) => [service.id, service]));
    if (!sorted) {
      sorted = document.createElement("ol");
      sorted.className = "page-list services-sorted";
      list.prepend(sorted);
    }
    const ranked = byDistance(items.map((item) => ({ item, ...places.get(item.dataset.id) })), origin);
    for (const { place, km: distance } of ranked) {
      const label = place.item.querySelector(".services-distance") || document.createElement("p");
      label.className = "services-distance";
      label.textContent = distance === null ? text.textNoLocation : km[distance < 10 ? 0 : 1].format(distance);
      place.item.prepend(label);
      sorted.append(place.item);
    }
    for (const group of groups) group.hidden = true;
    byCategory.hidden = false;
    say(note, message);
  }

  function unsort() {
    if (!sorted) return;
    for (const item of items) {
      item.querySelector(".services-distance")?.remove();
      homes.get(item).append(item);
    }
    sorted.remove();
    sorted = null;
    showGroups();
    byCategory.hidden = true;
    districts.value = "";
    say(note, "");
  }

  async function offerDistricts() {
    const directory = await load();
    if (districts.options.length === 1) {
      for (const { name } of directory.districts) districts.add(new Option(name, name));
    }
    districtField.hidden = false;
    say(note, text.textNoPosition);
    districts.focus();
  }

  function nearMe() {
    const fallback = () => offerDistricts().catch((error) => failed(error, note));
    if (!navigator.geolocation) return fallback();
    say(note, text.textLocating);
    // The timeout below only starts once the reader has answered the browser's question;
    // a question left unanswered (or one the browser never shows) would leave the reader
    // waiting, so the districts are offered after a while, and a later position still wins.
    const patience = setTimeout(fallback, 10000);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        clearTimeout(patience);
        sortFrom({ latitude: coords.latitude, longitude: coords.longitude }, text.textFromYou)
          .catch((error) => failed(error, note));
      },
      () => { clearTimeout(patience); fallback(); }, { timeout: 20000, maximumAge: 300000 });
  }

  async function fromDistrict() {
    const name = districts.value;
    if (!name) return unsort();
    const place = (await load()).districts.find((district) => district.name === name);
    await sortFrom(place, fill(text.textFromDistrict, { district: name }));
  }

  async function showOnMap() {
    const directory = await load();
    const shown = new Set(items.filter((item) => !item.hidden).map((item) => item.dataset.id));
    map.show(directory.services.filter((service) => shown.has(service.id)));
  }

  async function toggleMap() {
    const opening = mapButton.getAttribute("aria-expanded") !== "true";
    mapButton.setAttribute("aria-expanded", String(opening));
    mapButton.textContent = opening ? text.textHideMap : showMapText;
    mapBox.hidden = !opening;
    if (!opening || map) return;
    try {
      const { openMap } = await import("./services-map.mjs");
      map = await openMap(mapBox, mapBox.dataset.tileUrl, lang);
      await showOnMap();
    } catch (error) {
      map = null;
      mapBox.hidden = true;
      mapButton.setAttribute("aria-expanded", "false");
      mapButton.textContent = showMapText;
      failed(error, note, text.textMapError);
    }
  }

  const actions = { "near-me": nearMe, "by-category": unsort, map: toggleMap };

  function clicked(event) {
    seen.add(event);
    const button = event.target.closest?.("button[data-action]");
    if (button) actions[button.dataset.action]();
  }

  form.addEventListener("click", clicked);
  form.addEventListener("change", (event) => {
    if (event.target === districts) fromDistrict().catch((error) => failed(error, note));
    else update().catch(failed);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update().catch(failed);
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      unsort();
      districtField.hidden = true;
      update().catch(failed);
    });
  });
  update(false).catch(failed);
  return (event) => {
    if (event && event.type === "click" && !seen.has(event)) clicked(event);
  };
}
