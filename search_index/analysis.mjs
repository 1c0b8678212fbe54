// Text analysis for search, one definition for both sides: the build (Node) indexes with it
// and the browser queries with it, so words are cut, normalised and stemmed the same way.
// Words are cut with Intl.Segmenter (ICU word boundaries: Chinese, Japanese and Thai need them).

const ARABIC_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال", "و"];
const ARABIC_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/;

export function normalize(word) {
  return word
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed]/g, "") // accents and Arabic diacritics
    .replace(/\u0640/g, "") // tatweel
    .replace(/[إأآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ک/g, "ك")
    .replace(/ی/g, "ي")
    .normalize("NFC") // Hangul syllables come apart under NFKD; put them back together
    .toLowerCase();
}

export function arabicLightStem(word) {
  let stem = word;
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= 3) { stem = stem.slice(prefix.length); break; }
  }
  // Stacked endings all come off, so عنواني (my address) and عنوان (address) meet as عنو.
  let shorter = true;
  while (shorter) {
    shorter = false;
    for (const suffix of ARABIC_SUFFIXES) {
      if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
        stem = stem.slice(0, -suffix.length);
        shorter = true;
        break;
      }
    }
  }
  return stem;
}

const segmenters = new Map();

// Segmenters are costly to create (ICU loads its dictionaries) and reusable: one per locale.
export function wordSegmenter(locale) {
  if (!segmenters.has(locale)) segmenters.set(locale, new Intl.Segmenter(locale, { granularity: "word" }));
  return segmenters.get(locale);
}

// The words of a text as ICU cuts them, not yet normalised.
export function wordSegments(text, locale) {
  const found = [];
  for (const part of wordSegmenter(locale).segment(String(text || ""))) {
    if (part.isWordLike) found.push(part.segment);
  }
  return found;
}

export function words(text, locale) {
  return wordSegments(text, locale).map(normalize);
}

export function isAlphabetic(word) {
  return !CJK.test(word);
}

let registered = false;

export function setup(lunr) {
  if (registered) return;
  registered = true;
  const arabic = (token) => token.update((text) => arabicLightStem(text));
  lunr.Pipeline.registerFunction(arabic, "portal-arabic-stem");
}

function stemmersFor(lunr, locale) {
  const language = locale.split("-")[0];
  if (language === "en") return [lunr.stemmer];
  if (language === "ar" || language === "fa") return [lunr.Pipeline.registeredFunctions["portal-arabic-stem"]];
  return [];
}

function fillPipelines(indexPipeline, searchPipeline, lunr, locale) {
  if (locale.split("-")[0] === "en") indexPipeline.add(lunr.stopWordFilter);
  for (const stem of stemmersFor(lunr, locale)) {
    indexPipeline.add(stem);
    searchPipeline.add(stem);
  }
}

export function configure(builder, lunr, locale) {
  setup(lunr);
  builder.tokenizer = (value, metadata) =>
    words(value, locale).map((word, position) =>
      new lunr.Token(word, Object.assign({}, metadata || {}, { position: [position, word.length], index: position })));
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  fillPipelines(builder.pipeline, builder.searchPipeline, lunr, locale);
}

// Every term a query can look up in the index: each word as the index stored it (stemmed, stop
// words dropped) and, for the unstemmed clauses of search(), the word as typed. The index is
// sharded by these terms, so this decides which shards a query downloads.
export function lookupTerms(lunr, query, locale) {
  setup(lunr);
  const indexPipeline = new lunr.Pipeline();
  fillPipelines(indexPipeline, new lunr.Pipeline(), lunr, locale);
  const typed = words(query, locale);
  const stems = [...new Set(indexPipeline.run(typed.map((word) => new lunr.Token(word))).map(String))];
  const terms = new Set(stems);
  typed.forEach((word, position) => {
    const completed = position === typed.length - 1 && word.length >= 2;
    if (completed || (isAlphabetic(word) && word.length >= 5)) terms.add(word);
  });
  return { typed, stems, terms: [...terms] };
}

// A query as readers type it: every word must match something; typos are forgiven for
// alphabetic words of five letters or more; the last word may be unfinished.
export function search(index, lunr, query, locale) {
  setup(lunr);
  const terms = words(query, locale);
  if (!terms.length) return [];
  return index.query((q) => {
    terms.forEach((term, position) => {
      q.term(term, { boost: 10 });
      if (position === terms.length - 1 && term.length >= 2) {
        q.term(term, { wildcard: lunr.Query.wildcard.TRAILING, boost: 3, usePipeline: false });
      }
      if (isAlphabetic(term) && term.length >= 5) {
        q.term(term, { editDistance: 1, boost: 1, usePipeline: false });
      }
    });
  });
}
