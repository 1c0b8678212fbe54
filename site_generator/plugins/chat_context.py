"""After the search files: what the chat function needs beside a locale's index, written to
output/<locale>/search/chat.json: its answer texts, emergency numbers, people who help,
organizations, and each indexed page's topic and audiences (for the reader's profile).

The words that mark a message as immediate danger or as asking for a person are UI strings,
so translators keep them with the rest of the locale; every locale's words are checked,
because a reader may write in another language than the page."""
from pelican import signals

from ..build_state import build_step


def texts(gettext):
    # The literal gettext calls let `portal i18n extract` find these strings.
    return {
        "found": gettext("This is what the pages of this site say:"),
        "not_found": gettext("I did not find an answer to that on this site. You could start from a topic, "
                             "or ask one of the people below."),
        "emergency": gettext("If you or someone else is in danger now, call:"),
        "people": gettext("These people can help you:"),
        "more": gettext("Read more:"),
        # Translators: comma-separated words and short phrases that mean immediate danger.
        "danger_words": gettext("emergency, danger, in danger, help me now, hurt, injured, bleeding, unconscious, "
                                "not breathing, suicide, kill myself, violence, attack, beaten, rape, fire, "
                                "threatened"),
        # Translators: comma-separated words and short phrases readers use to ask for a human.
        "person_words": gettext("talk to a person, talk to someone, a human, real person, adviser, advisor, "
                                "counsellor, someone to call, phone number, contact"),
    }


def _words(text):
    return [word.strip() for word in text.split(",") if word.strip()]


def chat_context(config, site, locale, page_runs, gettext):
    """page_runs: the page id of each run of the locale's indexed passages, in index order."""
    pages = []
    for page_id in page_runs:
        page = site.by_id[page_id]
        pages.append([page_id, page.topic, list(page.source.front_matter.get("audiences") or []), page.kind])
    organizations = []
    for page in site.of_kind("organization"):
        facts = page.source.front_matter
        document = page.document_for(locale.code)
        organizations.append({"id": page.id, "title": document.front_matter["title"], "url": page.url(locale.code),
                              "topic": page.topic, "phone": facts.get("phone"), "email": facts.get("email")})
    strings = texts(gettext)
    return {
        "locale": locale.code,
        "languageName": f"{locale.name} ({locale.html_lang})",
        "texts": {key: value for key, value in strings.items() if not key.endswith("_words")},
        "dangerWords": _words(strings["danger_words"]),
        "personWords": _words(strings["person_words"]),
        "emergency": [{"number": entry.number, "label": gettext(entry.label)} for entry in config.emergency],
        "contacts": [{"name": gettext(contact.name), "phone": contact.phone, "email": contact.email,
                      "topics": list(contact.topics)} for contact in config.help_contacts],
        "organizations": organizations,
        "audiences": list(config.audience_ids),
        "pages": pages,
    }


@build_step("chat context")
def write_chat_contexts(pelican):
    state = pelican.settings["PORTAL_BUILD"]
    if not state.search_report or state.site is None:
        return
    config = state.config
    contexts = {}
    for locale in config.locales:
        if locale.code not in state.search_inputs:
            continue
        gettext = state.translations[locale.code].gettext
        contexts[locale.code] = chat_context(config, state.site, locale,
                                             state.search_inputs[locale.code]["pages"], gettext)
    danger = sorted({word for context in contexts.values() for word in context["dangerWords"]})
    person = sorted({word for context in contexts.values() for word in context["personWords"]})
    for code, context in contexts.items():
        context["dangerWords"], context["personWords"] = danger, person
        state.write(pelican.output_path, f"{code}/search/chat.json", context, "chat-context")


def register():
    signals.finalized.connect(write_chat_contexts)
