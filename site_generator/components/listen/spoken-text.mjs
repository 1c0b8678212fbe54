// What a voice is given to read: phone numbers digit by digit, and text cut into pieces that
// every speech engine takes whole. Pure functions (tests/site_generator/listen.test.mjs).
//
// Which numbers are phone numbers. The text of a tel: link is one for certain (spokenPhone).
// In running text (spokenText) a number is read digit by digit only when
//  - it starts with "+" or "0" (a trunk prefix: amounts and years never do) and has at least
//    6 digits: "+43 316 555 0100", "0800 222 555", "(0316) 555-0100", "0800222555";
//  - or it has at least 6 digits in 3 or more groups that are neither a date ("14.09.2026",
//    "2026-09-14") nor thousands ("1 500 000");
//  - or it is one the page itself links as a phone number (tel:) with 3 digits or more, such
//    as the emergency numbers in every footer: "call 112" and "请拨打112", but not "1120",
//    "112,50", "€112" or "112a".
// Everything else (years, dates, times, prices, house numbers, postcodes) is left to the voice.
// Digits of any script count (Arabic-Indic, Persian, Thai, full-width), and a number needs no
// spaces around it, as Chinese, Japanese and Thai have none.

const DIGITS = /\p{Nd}+/gu;
// A run of digits with the separators phone numbers use; a space only before more digits.
const RUN = /\+?\(?\p{Nd}(?:[\p{Nd}()/.\-\u2011]|[ \u00a0\u202f](?=[\p{Nd}(]))*/gu;
// A decimal or thousands separator joining digits: the run is part of a larger number.
const JOINED_BEFORE = /\p{Nd}[.,\u066b\u066c]$/u;
const JOINED_AFTER = /^[.,\u066b\u066c]\p{Nd}/u;
const MONEY_BEFORE = /\p{Sc}\s?$/u;
const MONEY_AFTER = /^\s?[\p{Sc}%\u066a]/u;
// Digits written onto a letter of an alphabet that spaces its words are a code ("142a",
// "A1"); onto Chinese, Japanese, Korean or Thai they are just the number in the sentence.
const CODE_BEFORE = /[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}]$/u;
const CODE_AFTER = /^[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}]/u;
const MAX_PIECE = 240;

function digitValue(character) {
  const code = character.codePointAt(0);
  let zero = code;
  // Unicode lays out each script's decimal digits as runs of ten, starting with zero.
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return (code - zero) % 10;
}

// The digits of a text as ASCII, whatever their script: "+43 316" → "43316", "١١٢" → "112".
export function phoneDigits(text) {
  return (text.match(DIGITS) || []).join("").replace(/\p{Nd}/gu, digitValue);
}

// "+43 316 555 0100" → "plus 4 3, 3 1 6, 5 5 5, 0 1 0 0": a pause between the groups.
export function spokenPhone(text, plus = "+") {
  const groups = text.match(DIGITS);
  if (!groups) return text;
  const spelled = groups.map((group) => [...group].join(" ")).join(", ");
  return (/^\s*\+/.test(text) ? `${plus} ` : "") + spelled;
}

// separators: what stands between the groups, one character each (" " for any space).
function isDate(groups, separators) {
  if (!/^([./-])\1?$/.test(separators)) return false;
  const [a, b, c] = groups.map((group) => Number(phoneDigits(group)));
  const lengths = groups.map((group) => group.length).join();
  if (/^4,[12],[12]$/.test(lengths)) return a >= 1000 && b >= 1 && b <= 12 && c >= 1 && c <= 31;
  if (/^[12],4$/.test(lengths)) return a >= 1 && a <= 12; // a month: "09/2026"
  return /^[12],[12],(2|4)$/.test(lengths) && Math.min(a, b) >= 1 && Math.min(a, b) <= 12 && Math.max(a, b) <= 31;
}

function isThousands(groups, separators) {
  return /^( +|\.+)$/.test(separators) && groups[0].length <= 3 && groups.slice(1).every((group) => group.length === 3);
}

export function isPhoneNumber(run, known = new Set(), before = "", after = "") {
  if ([JOINED_BEFORE, MONEY_BEFORE, CODE_BEFORE].some((pattern) => pattern.test(before))
      || [JOINED_AFTER, MONEY_AFTER, CODE_AFTER].some((pattern) => pattern.test(after))) return false;
  const digits = phoneDigits(run);
  if (digits.length >= 3 && known.has(digits)) return true;
  if (digits.length < 6) return false;
  const groups = run.match(DIGITS);
  const separators = run.split(/\p{Nd}+/u).slice(1, -1).map((between) => between.replace(/[()\s]/g, "") || " ").join("");
  if (isDate(groups, separators)) return false;
  if (run.startsWith("+") || digits.startsWith("0")) return true;
  return groups.length >= 3 && !isThousands(groups, separators);
}

// Running text with its phone numbers spelled out; `known` holds phoneDigits of the page's
// tel: links; `plus` is the word for "+" in the text's language.
export function spokenText(text, known = new Set(), plus = "+") {
  // An address shown as a link is read without its "https://", which nobody needs to hear.
  return text.replace(/\bhttps?:\/\//g, "").replace(RUN, (match, offset, whole) => {
    const run = match.replace(/\P{Nd}+$/u, "");
    const end = offset + run.length;
    if (!isPhoneNumber(run, known, whole.slice(0, offset), whole.slice(end))) return match;
    return spokenPhone(run, plus) + match.slice(run.length);
  });
}

function segments(text, lang, granularity) {
  if (typeof Intl.Segmenter !== "function") return text.split(/(?<=\s)/);
  return Array.from(new Intl.Segmenter(lang || undefined, { granularity }).segment(text), (part) => part.segment);
}

// Text cut at sentence ends (at word ends inside a very long sentence) into pieces of at most
// about `max` characters, so that no speech engine stops short on a long paragraph.
export function pieces(text, lang, max = MAX_PIECE) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean ? [clean] : [];
  const result = [];
  let piece = "";
  for (const sentence of segments(clean, lang, "sentence")) {
    for (const part of sentence.length > max ? segments(sentence, lang, "word") : [sentence]) {
      if (piece.trim() && piece.length + part.length > max) {
        result.push(piece.trim());
        piece = "";
      }
      piece += part;
    }
  }
  if (piece.trim()) result.push(piece.trim());
  return result;
}
