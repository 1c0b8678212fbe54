// The default answer: sentences taken from the best passages, with their sources. Below the
// relevance threshold it says so and offers topics and people, rather than guessing.
// Whether the best passage answers the question at all, from the question's telling words
// (those in at most one passage in twelve: "how" or "can", in any language, tell nothing).
// Half of the telling words the site uses, and a third of all of them, must be in the best
// passage: "weather on Mars" shares no word with any page and gets no answer, where a bare
// score would find one.
const COMMON = 1 / 12;
const OF_KNOWN = 0.5;
const OF_ALL = 1 / 3;
const SENTENCES = 2;

export function sentencesOf(text, lang, count = SENTENCES) {
  const segmenter = new Intl.Segmenter(lang, { granularity: "sentence" });
  const found = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (!sentence) continue;
    found.push(sentence);
    if (found.length === count) break;
  }
  // The stored text is cut at 300 characters: an unfinished last sentence is dropped.
  if (found.length > 1 && !/[.!?。！？؟।]$/u.test(found[found.length - 1])) found.pop();
  return found.join(" ");
}

export function sourceOf(result) {
  return { title: result.section ? `${result.title} – ${result.section}` : result.title, url: result.url,
           updated: result.updated };
}

function near(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 4) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
}

export function coverage(stems, matched) {
  if (!stems.length) return 0;
  const covered = stems.filter((stem) => matched.some((term) => near(term, stem)
    || (stem.length >= 3 && term.startsWith(stem))));
  return covered.length / stems.length;
}

export function relevant(results, stems, frequencies) {
  if (!results.length) return [];
  const rare = stems.filter((stem) => !(frequencies[stem] > COMMON));
  const telling = rare.length ? rare : stems; // a question of common words only: they must do
  const known = telling.filter((stem) => frequencies[stem] > 0);
  const { matched } = results[0];
  const answers = known.length > 0 && coverage(known, matched) >= OF_KNOWN && coverage(telling, matched) >= OF_ALL;
  return answers ? results : [];
}

export function extractiveAnswer(results, context) {
  if (!results.length) {
    return { answer: context.texts.not_found, sources: [], suggestions: context.topics, found: false };
  }
  const best = results.slice(0, 3);
  const lines = [context.texts.found, sentencesOf(best[0].text, best[0].lang)];
  if (best[1] && best[1].page !== best[0].page) lines.push(`${context.texts.more} ${best[1].title}`);
  return { answer: lines.join("\n"), sources: best.map(sourceOf), found: true };
}
