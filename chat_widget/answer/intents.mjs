// Two things a message can ask before anything else: help in immediate danger, and a person.
// The words come from every locale's catalog (chat.json), so a reader writing in Arabic on
// the French site is understood too.
import { isAlphabetic, normalize, words } from "../../search_index/analysis.mjs";

// The lists hold every locale's words (a few hundred phrases): analysed once per list and locale.
const analysed = new WeakMap();

function phrases(list, locale) {
  if (!analysed.has(list)) analysed.set(list, new Map());
  const byLocale = analysed.get(list);
  if (!byLocale.has(locale)) byLocale.set(locale, list.map((phrase) => words(phrase, locale).join(" ")).filter(Boolean));
  return byLocale.get(locale);
}

// Matches whole words for alphabetic scripts and plain containment for scripts without spaces.
export function mentions(message, list, locale) {
  const text = ` ${words(message, locale).join(" ")} `;
  const joined = normalize(message).replace(/\s+/g, "");
  return phrases(list, locale).some((phrase) =>
    text.includes(` ${phrase} `) || (!isAlphabetic(phrase) && joined.includes(phrase.replace(/ /g, ""))));
}

export function isEmergency(message, context) {
  return mentions(message, context.dangerWords, context.locale);
}

export function asksForPerson(message, context) {
  return mentions(message, context.personWords, context.locale);
}

// The message with those phrases taken out, so "talk to a person about renting" searches "renting".
export function withoutPhrases(message, list, locale) {
  let text = ` ${words(message, locale).join(" ")} `;
  for (const phrase of phrases(list, locale)) text = text.split(` ${phrase} `).join(" ");
  return text.trim();
}
