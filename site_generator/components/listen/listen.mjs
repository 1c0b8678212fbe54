// The "Listen" button of _listen.html. portal.mjs loads this as soon as the page is read, and
// only where the browser has speech synthesis; it shows the button only when the device has a
// voice for the page's language, so nobody meets a button that cannot speak. The reader
// itself (listen-reader.mjs) loads on the first press.
//
// Only voices on the device count: a browser's network voices (Chrome's "Google" ones) send
// the text to a company's servers, and the portal promises that nobody learns what a reader
// reads (about page, privacy).

// Old codes some speech engines still report (Android's Java locales), and Mandarin's own code.
const ALIASES = { in: "id", iw: "he", ji: "yi", cmn: "zh", pes: "fa", arb: "ar" };
// Voices name Chinese by region ("zh-CN", "zh-TW"); the region tells which script they read.
const CHINESE_SCRIPTS = { CN: "Hans", SG: "Hans", MY: "Hans", TW: "Hant", HK: "Hant", MO: "Hant" };

// A BCP 47 tag, or the "pt_BR" some systems give voices, as {language, script, region}.
export function parseTag(tag) {
  const [first, ...rest] = String(tag || "").split(/[-_]/);
  const language = first.toLowerCase();
  const parsed = { language: ALIASES[language] || language, script: "", region: "" };
  for (const subtag of rest) {
    if (/^[a-z]{4}$/i.test(subtag) && !parsed.script && !parsed.region) {
      parsed.script = subtag[0].toUpperCase() + subtag.slice(1).toLowerCase();
    } else if (/^([a-z]{2}|\d{3})$/i.test(subtag) && !parsed.region) {
      parsed.region = subtag.toUpperCase();
    } else break;
  }
  if (parsed.language === "zh" && !parsed.script) parsed.script = CHINESE_SCRIPTS[parsed.region] || "";
  return parsed;
}

// The device voice that best reads `lang`, or null. The language must match and the script
// must not differ (a zh-TW voice does not read zh-Hans); a matching region, a matching
// script and the device's default voice are preferred, in that order.
export function voiceFor(lang, voices) {
  const wanted = parseTag(lang);
  let best = null;
  let bestScore = 0;
  for (const voice of voices) {
    if (voice.localService === false) continue;
    const offered = parseTag(voice.lang);
    if (!wanted.language || offered.language !== wanted.language) continue;
    if (wanted.script && offered.script && wanted.script !== offered.script) continue;
    const score = 1 + (wanted.region && wanted.region === offered.region ? 4 : 0)
      + (wanted.script && wanted.script === offered.script ? 2 : 0) + (voice.default ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [voice, score];
  }
  return best;
}

export function start(button) {
  const synth = window.speechSynthesis;
  const lang = document.documentElement.lang;
  // Chrome fills the voice list after the page loads and says so with voiceschanged.
  const update = () => {
    button.hidden = !voiceFor(lang, synth.getVoices());
  };
  update();
  synth.addEventListener("voiceschanged", update);
  button.addEventListener("click", () => import("./listen-reader.mjs").then((reader) => reader.toggle(button)));
}
