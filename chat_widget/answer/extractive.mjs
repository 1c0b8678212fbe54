// The default answer: sentences taken from the best passages, with their sources. Below the
// relevance threshold it says so and offers topics and people, rather than guessing.

// Whether the best page answers the question at all. Each word of the question the site uses
// weighs by its rarity (idf); a word the site never uses ("myself", a dialect form, "Mars")
// weighs half as much as the rarest word, as it may be a form the pages do not use as easily
// as a subject they do not cover. The best page's passages must hold 60% of the weight, or
// 15% when a rare word of the question is in the page's title or a heading: off-topic
// questions mostly meet a page by one common word in its body text.
const MIN_COVERAGE = 0.6;
const MIN_HEADED_COVERAGE = 0.15;
const UNKNOWN = 0.5;
const COMMON = 1 / 8;
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

function covers(matched, stem) {
  return matched.some((term) => near(term, stem) || (stem.length >= 3 && term.startsWith(stem)));
}

export function coverage(stems, frequencies, matched, passageCount) {
  let total = 0;
  let covered = 0;
  const rarest = Math.log(1 + passageCount); // the weight of a word found in one passage
  for (const stem of stems) {
    const frequency = frequencies[stem];
    const weight = frequency > 0 ? Math.log(1 + 1 / frequency) : UNKNOWN * rarest;
    total += weight;
    if (covers(matched, stem)) covered += weight;
  }
  return total ? covered / total : 0;
}

export function relevant({ results, stems, frequencies, passageCount }, allResults = results) {
  if (!results.length) return [];
  const best = allResults.filter((result) => result.page === results[0].page);
  const share = coverage(stems, frequencies, best.flatMap((result) => result.matched), passageCount);
  const headed = best.flatMap((result) => result.inHeading).some((term) => stems.some((stem) =>
    (near(term, stem) || term.startsWith(stem)) && frequencies[stem] > 0 && frequencies[stem] <= COMMON));
  return share >= MIN_COVERAGE || (headed && share >= MIN_HEADED_COVERAGE) ? results : [];
}

// topics: the locale's topics as the search manifest lists them, [[title, url], ...].
export function extractiveAnswer(results, context, topics) {
  if (!results.length) {
    return { answer: context.texts.not_found, sources: [], found: false,
             suggestions: topics.map(([title, url]) => ({ title, url })) };
  }
  const best = results.slice(0, 3);
  const lines = [context.texts.found, sentencesOf(best[0].text, best[0].lang)];
  if (best[1] && best[1].page !== best[0].page) lines.push(`${context.texts.more} ${best[1].title}`);
  return { answer: lines.join("\n"), sources: best.map(sourceOf), found: true };
}
