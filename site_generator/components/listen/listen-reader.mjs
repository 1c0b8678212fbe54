// Reads the page's main content aloud, for listen.mjs: block by block (headings, paragraphs,
// list items, table cells...) in document order, each part in its own language, phone numbers
// digit by digit (spoken-text.mjs). Navigation, forms, buttons and whatever the reader cannot
// see are not read; an element marked data-listen="skip" is left out too, for page chrome
// that is none of these.
//
// A part in another language (an element with its own lang, such as a page not yet
// translated, shown in English under a notice in the reader's language) is read with a voice
// for that language. Where the device has none it is skipped: a voice for one language reads
// another's words as noise, or spells them letter by letter, which is worse than silence; the
// notice has told the reader that the text is in another language, and it stays on screen.
import { voiceFor } from "./listen.mjs";
import { phoneDigits, pieces, spokenPhone, spokenText } from "./spoken-text.mjs";

const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,address,pre,summary";
const SKIPPED = "nav,form,button,input,select,textarea,script,style,template,[aria-hidden=true],[data-listen=skip]";
const PHONE_LINK = 'a[href^="tel:"]';

let reading = null;

export function toggle(button) {
  if (reading) reading.stop();
  else read(button);
}

function shown(element) {
  if (element.matches(SKIPPED) || !element.getClientRects().length) return false;
  const box = element.getBoundingClientRect();
  return box.width > 1 || box.height > 1; // a "visually hidden" text is for screen readers
}

// The blocks of `root` as [{element, parts: [{lang, text, phone}]}], in document order.
function blocksOf(root, pageLang) {
  const blocks = [];
  const walk = (element, lang, block) => {
    for (const node of element.childNodes) {
      let text = null;
      let phone = false;
      if (node.nodeType === Node.TEXT_NODE) text = node.data;
      else if (node.nodeType !== Node.ELEMENT_NODE) continue;
      else if (node.localName === "br") text = ", "; // a pause between the lines of an address
      else if (!shown(node)) continue;
      else if (node.matches(PHONE_LINK)) [text, phone] = [node.textContent, true];
      else if (node.localName === "img") text = node.alt;
      else {
        const inner = node.getAttribute("lang") || lang;
        if (node.matches(BLOCKS)) {
          const own = { element: node, parts: [] };
          blocks.push(own);
          walk(node, inner, own);
        } else {
          walk(node, inner, block);
        }
        continue;
      }
      if (!text || (!block && !text.trim())) continue;
      if (!block) { // text outside any block: its element stands for one
        block = { element, parts: [] };
        blocks.push(block);
      }
      block.parts.push({ lang: node.nodeType === Node.ELEMENT_NODE ? node.getAttribute("lang") || lang : lang, text, phone });
    }
  };
  walk(root, pageLang, null);
  return blocks;
}

// What to say for one block: [{lang, text}], parts of one language joined, numbers prepared.
function spoken(block, known, pageLang, plus) {
  const said = [];
  for (const part of block.parts) {
    const last = said[said.length - 1];
    const run = last && last.lang === part.lang ? last : { lang: part.lang, plain: "", text: "" };
    if (run !== last) said.push(run);
    const word = part.lang === pageLang ? plus : "+";
    if (part.phone) {
      run.text += spokenText(run.plain, known, word) + spokenPhone(part.text, word);
      run.plain = "";
    } else run.plain += part.text;
  }
  return said.flatMap((run) => pieces(run.text + spokenText(run.plain, known, run.lang === pageLang ? plus : "+"), run.lang)
    .map((text) => ({ lang: run.lang, text })));
}

function read(button) {
  const synth = window.speechSynthesis;
  const pageLang = document.documentElement.lang;
  const voices = synth.getVoices();
  const known = new Set(Array.from(document.querySelectorAll(PHONE_LINK), (link) => phoneDigits(link.getAttribute("href")))
    .filter((digits) => digits.length >= 3));
  const voiceOf = new Map();
  const queue = [];
  for (const block of blocksOf(document.querySelector("main") || document.body, pageLang)) {
    for (const { lang, text } of spoken(block, known, pageLang, button.dataset.textPlus)) {
      if (!voiceOf.has(lang)) voiceOf.set(lang, voiceFor(lang, voices));
      if (voiceOf.get(lang)) queue.push({ element: block.element, lang, text, voice: voiceOf.get(lang) });
    }
  }
  const label = button.textContent;
  let current = null; // held so that Chrome does not collect the utterance before it ends
  let marked = null;

  function mark(element) {
    if (marked === element) return;
    marked?.classList.remove("listen-current");
    marked = element;
    element?.classList.add("listen-current");
    element?.scrollIntoView({ block: "nearest" });
  }

  function next() {
    const item = queue.shift();
    if (!item) return stop();
    mark(item.element);
    const utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = item.lang;
    utterance.voice = item.voice;
    let done = false;
    const finish = (event) => {
      if (done || current !== utterance) return;
      done = true;
      if (event.type === "error" && event.error === "not-allowed") stop();
      else next();
    };
    utterance.onend = finish;
    utterance.onerror = finish;
    current = utterance;
    synth.speak(utterance);
  }

  function onKey(event) {
    if (event.key === "Escape") stop();
  }

  function stop() {
    if (reading !== controller) return;
    reading = null;
    current = null;
    synth.cancel();
    mark(null);
    button.textContent = label;
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("pagehide", stop);
  }

  const controller = { stop };
  reading = controller;
  button.textContent = button.dataset.textStop;
  document.addEventListener("keydown", onKey);
  window.addEventListener("pagehide", stop);
  synth.cancel();
  next();
}
