// POST /api/chat, as in ../shared/DESIGN.md: {locale, message, page?, profile?} ->
// {answer, mode, sources, emergency, contacts?, suggestions?}; bad input -> 400 {error}.
// Nothing of a message is logged; errors are logged without it.
import { asksForPerson, isEmergency, withoutPhrases } from "./intents.mjs";
import { extractiveAnswer, relevant } from "./extractive.mjs";
import { generativeAnswer, llmSettings } from "./generative.mjs";
import { removePersonalDetails, REMOVED } from "./privacy.mjs";
import { createRateLimit } from "./rate_limit.mjs";
import { readChatRequest, RequestError } from "./request.mjs";
import { openSite } from "./site_data.mjs";

const PROFILE_BOOST = 1.5;
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

function reply(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

function clientOf(request, context) {
  return context?.ip || request.headers.get("x-nf-client-connection-ip")
    || (request.headers.get("x-forwarded-for") || "").split(",")[0].trim() || "local";
}

function peopleFor(results, context) {
  const topics = new Set(results.slice(0, 3).map((result) => context.pages[result.pageNumber]?.[1]));
  const organizations = context.organizations.filter((org) => topics.has(org.topic))
    .map(({ title, url, phone, email }) => ({ name: title, url, phone, email }));
  const helpers = context.contacts.filter((contact) => contact.topics.some((topic) => topics.has(topic)))
    .map(({ name, phone, email }) => ({ name, phone, email }));
  const chosen = [...helpers, ...organizations];
  return chosen.length ? chosen : context.contacts.map(({ name, phone, email }) => ({ name, phone, email }));
}

export function createChatHandler({ siteDir, env = process.env, rateLimit = createRateLimit(), fetchImpl = fetch,
                                    log = console } = {}) {
  const site = openSite(siteDir);
  const audiencesOf = (locale) => site.locale(locale).context.audiences;
  const settings = llmSettings(env);

  return async function handle(request, context) {
    let question;
    try {
      if (!rateLimit(clientOf(request, context))) {
        throw new RequestError("too many questions from this connection; wait a minute and ask again", 429);
      }
      question = await readChatRequest(request, site.locales, audiencesOf);
    } catch (error) {
      if (error instanceof RequestError) return reply({ error: error.message }, error.status);
      throw error;
    }
    const { context: data, engine, manifest } = site.locale(question.locale);
    const profile = question.profile;
    const boost = profile
      ? (pageNumber) => (data.pages[pageNumber]?.[2].includes(profile) ? PROFILE_BOOST : 1) : null;
    const asksPerson = asksForPerson(question.message, data);
    // Personal details do not help find a page; a request for a person is not the topic.
    const cleaned = removePersonalDetails(question.message).replaceAll(REMOVED, " ");
    const query = (asksPerson ? withoutPhrases(cleaned, data.personWords, data.locale) : cleaned) || cleaned;
    // Sources are distinct pages; the best page's other passages still count for relevance.
    const searched = await engine.search(query, { limit: 15, boost, perPage: 3 });
    const passages = searched.results;
    const results = passages.filter((passage, index) => passages.findIndex((p) => p.page === passage.page) === index);
    const found = relevant({ ...searched, results }, passages);
    let body = { mode: "extractive", ...extractiveAnswer(found, data, manifest.topics) };
    if (settings && found.length) {
      try {
        const written = await generativeAnswer({ settings, results: found, message: question.message, fetchImpl,
                                                 languageName: data.languageName, lang: found[0].lang });
        if (written) body = { ...body, mode: "generative", answer: written.answer, sources: written.sources };
      } catch (error) {
        log.warn(`chat: language model unavailable (${error.name}); answered extractively`);
      }
    }
    const emergency = isEmergency(question.message, data);
    if (emergency) {
      const numbers = data.emergency.map((entry) => `${entry.number} – ${entry.label}`).join("\n");
      body.answer = `${data.texts.emergency}\n${numbers}\n\n${body.answer}`;
    }
    if (asksPerson || !body.found) body.contacts = peopleFor(found, data);
    const { answer, mode, sources, suggestions, contacts } = body;
    return reply({ answer, mode, sources, emergency, ...(contacts ? { contacts } : {}),
                   ...(suggestions ? { suggestions } : {}) });
  };
}
