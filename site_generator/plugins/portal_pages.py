"""The generator that turns the content model into every page of every locale."""
import datetime
import heapq
import unicodedata
import os
from pathlib import Path

from feedgenerator import Atom1Feed
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Page as PelicanPage
from pelican.generators import Generator

from ..i18n import LocaleFormats, install_ui_texts, load_translations
from search_index.best_bets import FILE_NAME as BEST_BETS_FILE, read_best_bets
from search_index.passages import passages_for

from .. import feedback_form, parallel
from ..content_cache import ContentCache, stamp
from ..output_facts import identity, served_facts
from ..render_cache import RenderCache, document_facts, everything_digest
from ..assets import write_assets
from ..agreed_terms import agreed_terms_path, read_agreed_terms
from ..frontmatter import split_front_matter
from ..problems import ContentProblems, Problem
from ..site_model import Document, assemble_site
from ..views import PageView, alternate_links, build_day, is_upcoming, language_choices
from .link_check import fact_kind, link_facts, page_facts, written_links
from .search_indexes import SearchInput, inputs_folder, start_build as start_search_build, write_input

CONTENT_KINDS_WITH_PAGES = ("guide", "steps", "service", "event", "organization")
FEED_ENTRIES = 30
INDEX_SECTIONS = {"services": ("service",), "events": ("event",), "organizations": ("organization",)}


class PortalContent(PelicanPage):
    mandatory_properties = ("title",)
    default_template = "guide"


class PortalPagesGenerator(Generator):
    """Reads content/<locale>/<section>/<slug>.md and writes the whole site."""

    def generate_context(self):
        self.state = self.settings["PORTAL_BUILD"]
        with self.state.step("read"):
            self._read_content()

    def _read_content(self):
        self.config = self.state.config
        documents, unreadable = [], {}
        cache = ContentCache(self.settings.get("PORTAL_CACHE_DIR"), self.config)
        files = [(relative, stamp(os.path.join(self.path, relative))) for relative in self._content_files()]
        cached = {relative: cache.get(relative, when) for relative, when in files}
        missing = [relative for relative, _ in files if cached[relative] is None]
        cached.update(zip(missing, parallel.run("read", missing, self._read_one)))
        kept = {}
        for relative, when in files:
            outcome = cached[relative]
            if outcome[0] == "problems":
                self.state.problems.extend(outcome[1])
                unreadable[relative[:-3]] = outcome[2]
                continue
            kept[relative] = (when, outcome)
            documents.append(Document(**dict(outcome[1], source_path=os.path.join(self.path, relative))))
        # Rewriting the whole cache for a few edited files cost more than reading those files
        # again next time; it is rewritten once more than 1 in 100 entries would be stale.
        unused = len(cache.entries) - (len(files) - len(missing))
        if not cache.entries or (len(missing) + unused) * 100 > len(files):
            self.state.after_success.append(lambda: cache.save(kept))
        site, problems = assemble_site(self.config, documents, unreadable)
        self.state.problems.extend(problems)
        self.state.site = site
        self.site = site

    def _read_one(self, relative):
        """One content file, parsed and checked: ("document", fields) or ("problems", problems, id)."""
        try:
            content = self.readers.read_file(base_path=self.path, path=relative,
                                             content_class=PortalContent, context=self.context)
        except ContentProblems as error:
            return "problems", error.problems, self._id_if_readable(relative)
        meta, body_html = content.metadata, str(content.content)
        return "document", dict(
            locale=meta["portal_locale"], section=meta["portal_section"], slug=meta["slug"],
            front_matter=meta["front_matter"], body_html=body_html, steps_html=meta["steps_html"],
            anchors=meta["anchors"], display_path=meta["display_path"], source_path=meta["source_path"],
            body_line=meta["body_line"], revision=meta["revision"],
            render_facts=document_facts(meta["portal_locale"], meta["front_matter"], body_html, meta["steps_html"]))

    def _id_if_readable(self, relative):
        """The id of a file that failed its checks, so other files' links to it are not
        reported as broken too: one mistake, one message."""
        try:
            with open(os.path.join(self.path, relative), encoding="utf-8") as handle:
                front_matter, _, _ = split_front_matter(handle.read(), relative)
        except (ContentProblems, OSError, UnicodeDecodeError):
            return None
        return front_matter.get("id")

    def _content_files(self):
        label = self.settings["PORTAL_CONTENT_LABEL"]
        codes = set(self.config.locale_codes)
        found = []
        for entry in sorted(os.listdir(self.path)):
            full = os.path.join(self.path, entry)
            if entry.startswith(".") or not os.path.isdir(full):
                continue
            if entry not in codes:
                self.state.problems.append(Problem(f"{label}/{entry}", None,
                                                   f"unknown locale '{entry}': not configured in portal.yaml"))
                continue
            for root, dirs, files in os.walk(full):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    relative = os.path.relpath(os.path.join(root, name), self.path).replace(os.sep, "/")
                    if name.endswith(".md"):
                        found.append(relative)
                    elif relative == f"{entry}/{BEST_BETS_FILE}":
                        continue
                    elif not name.startswith("."):
                        self.state.problems.append(Problem(f"{label}/{relative}", None,
                                                           "not a content file (content files end in .md)"))
        return found

    # Output

    def generate_output(self, writer):
        with self.state.step("render"):
            self._write_site()

    def _write_site(self):
        self.today = build_day(self.config.time_zone)
        self.state.asset_urls.update(write_assets(self.output_path))
        self.env.tests["upcoming_on"] = is_upcoming
        self.env.globals["feedback"] = feedback_form
        self.env.globals["per_locale"] = _rendered_once_per_locale()
        self.env.globals["language_choices"] = language_choices
        self._made_alternates = {}
        self.translations = {locale.code: load_translations(locale.code, self.config.source.code)
                             for locale in self.config.locales}
        self.state.translations = self.translations
        self.formats = {locale.code: LocaleFormats(locale.code, self.config.time_zone)
                        for locale in self.config.locales}
        self.rendered = RenderCache(self.settings.get("PORTAL_CACHE_DIR"), self.settings.get("PORTAL_PREVIOUS_OUTPUT"),
                                    self.output_path, everything_digest(self.config, self.state.asset_urls, self.today),
                                    self.site)
        self.state.page_keys = self.rendered.keys
        self.search_inputs = inputs_folder(self.settings.get("PORTAL_CACHE_DIR"), self.state)
        self.sitemap_alternates = self._sitemap_alternates()
        parallel.run("render", self.config.locales, self._write_locale, state=self.state)
        start_search_build(self.settings, self.output_path)
        self._write_root()
        self.state.after_success.append(self._keep_cache_files)

    def _keep_cache_files(self):
        """What the render processes wrote for the next build replaces the last build's records."""
        for written, final in self.state.cache_files.items():
            os.replace(written, final)

    def _render(self, name, template, page_type, context, source=None):
        """Render one output and write it. Written here rather than by Pelican's writer, which
        writes the text, so the page's bytes and text are both in hand for its facts."""
        text = self.get_template(template).render(dict(context, page_type=page_type, output_name=name))
        data = text.encode("utf-8")
        path = os.path.join(self.output_path, name)
        self.rendered.make_folder(os.path.dirname(path))
        with open(path, "wb") as handle:
            handle.write(data)
        self.state.outputs[name] = (page_type, source)
        if name.endswith(".html"):
            self._learn_facts(name, path, data, text)

    def _learn_facts(self, name, path, data, text):
        """What the checks after the build (weight, offline lists, links) will ask of a page,
        learnt here, where pages are written on every core, so the checks read no page again."""
        facts = {"served": served_facts(path, data, text), **page_facts(name, text, self.config.base_url)}
        status = os.stat(path)
        for kind, value in facts.items():
            self.state.written_facts[identity(kind, path, status)] = (name, value)

    def _write_with_links(self, name, text, page_type, links=None):
        """state.write, learning the file's links for the link check while its text is in hand:
        a locale's sitemap names every page in every language (4 MB for 2,000 pages), and
        reading 18 of them back in the main process was half of a rebuild's link check.
        `links`: the link facts, when the caller knows every link it wrote."""
        self.state.write(self.output_path, name, text, page_type)
        kind = fact_kind("link-set", self.config.base_url)
        self.state.written_facts[identity(kind, os.path.join(self.output_path, name))] = \
            (name, links if links is not None else link_facts(name, text, self.config.base_url))

    def _base_context(self, locale, urls, existing, path):
        """Context shared by every page; `urls` maps each locale to this page's URL there and
        `existing` holds the locales whose text this page really has (for hreflang)."""
        config = self.config
        translations = self.translations[locale.code]
        install_ui_texts(self.env, translations)
        base = config.base_url
        return {
            "config": config, "site": self.site, "locale": locale, "locales": config.locales,
            "fmt": self.formats[locale.code], "today": self.today,
            "assets": self.state.asset_urls, "path": path, "canonical": base + path,
            "alternates": [(other, urls[other.code]) for other in config.locales],
            "alternate_links": self._alternate_links(urls, existing),
            "page_url": lambda page: page.url(locale.code),
            "view_of": lambda page: PageView(page, locale, self.site, self.formats[locale.code]),
            "is_upcoming": is_upcoming,
        }

    def _alternate_links(self, urls, existing):
        """base.html's alternate links for a page whose URLs are `urls`, made once per page.
        (Within a build, a page's source URL names it, and it has the same translations in
        every locale; the 404 and offline pages share the home page's.)"""
        key = (urls[self.config.source.code], len(existing))
        links = self._made_alternates.get(key)
        if links is None:
            base = self.config.base_url
            links = self._made_alternates[key] = alternate_links(
                [(other.html_lang, base + urls[other.code]) for other in self.config.locales if other.code in existing],
                base + urls[self.config.source.code])
        return links

    def _everywhere(self, path_in):
        """URLs of a page that every locale has, such as a topic page: (urls, existing)."""
        return {locale.code: path_in(locale.code) for locale in self.config.locales}, set(self.config.locale_codes)

    def _index_page(self, records, rendered, name, template, page_type, make_context, *shown):
        """Render an index page, or keep the last build's when nothing it shows changed."""
        key = self.rendered.index_key(name, *shown)
        if self.rendered.reuse(records, name, key) is not None:
            self.state.outputs[name] = (page_type, None)
            self.state.linked_outputs.append(name)
        else:
            self._render(name, template, page_type, make_context())
        if key:
            rendered[name] = (key, b"", 0)

    def _write_locale(self, locale):
        code = locale.code
        site = self.site
        records, rendered = self.rendered.load(code), {}

        def index_page(name, template, page_type, url, add=None, *shown):
            def make_context():
                context = self._base_context(locale, *self._everywhere(url), url(code))
                context.update(add(context) if add else {})
                return context
            self._index_page(records, rendered, f"{code}/{name}", template, page_type, make_context, *shown)

        index_page("index.html", "home", "home", lambda c: f"/{c}/")
        index_page("about/index.html", "about", "about", lambda c: f"/{c}/about/")

        def views_by_topic(context):
            return {"views_by_topic": {
                topic.id: [PageView(page, locale, site, context["fmt"])
                           for page in site.in_topic(topic.id, *CONTENT_KINDS_WITH_PAGES)]
                for topic in self.config.topics}}
        index_page("search/index.html", "search", "search", lambda c: f"/{c}/search/", views_by_topic)
        index_page("ui-texts.json", "ui_texts", "ui-texts", lambda c: f"/{c}/search/")
        terms = [PageView(page, locale, site, self.formats[code]) for page in site.of_kind("term")]
        for view in terms:
            self.state.problems.extend(view.problems)
        search = SearchInput()
        for view in terms:
            search.add(view.id, passages_for(view))
        agreed_terms, agreed_terms_url = self._agreed_terms(code)

        def glossary(context):
            return {"glossary_views": sorted(terms, key=lambda view: sort_key(view.title)),
                    "agreed_terms": agreed_terms, "agreed_terms_url": agreed_terms_url}
        index_page("glossary/index.html", "glossary", "glossary", lambda c: f"/{c}/glossary/", glossary,
                   [self.rendered.key(view.page) for view in terms], repr(agreed_terms), agreed_terms_url)
        for section, kinds in INDEX_SECTIONS.items():
            def listing(context, section=section, kinds=kinds):
                return {"section": section,
                        "views": [PageView(page, locale, site, context["fmt"]) for page in site.of_kind(*kinds)]}
            index_page(f"{section}/index.html", f"{section}_index", f"{section}-index",
                       (lambda s: lambda c: f"/{c}/{s}/")(section), listing)
        for topic in self.config.topics:
            def topic_page(context, topic=topic):
                return {"topic": topic,
                        "views": [PageView(page, locale, site, context["fmt"])
                                  for page in site.in_topic(topic.id, "guide", "steps")],
                        "related": [PageView(page, locale, site, context["fmt"])
                                    for page in site.in_topic(topic.id, "service", "event", "organization")]}
            index_page(f"{topic.id}/index.html", "topic", "topic", (lambda t: lambda c: f"/{c}/{t}/")(topic.id),
                       topic_page)
        for page in site.of_kind(*CONTENT_KINDS_WITH_PAGES):
            name = f"{code}/{page.section}/{page.slug}/index.html"
            kept = self.rendered.reuse(records, name, self.rendered.key(page))
            if kept is not None:
                self.state.outputs[name] = (page.kind, page.document_for(code).display_path)
                self.state.linked_outputs.append(name)
                search.add_json(page.id, *kept)
                rendered[name] = (self.rendered.key(page), *kept)
                continue
            urls = {other.code: page.url(other.code) for other in self.config.locales}
            existing = {self.config.source.code, *page.translations}
            context = self._base_context(locale, urls, existing, page.url(code))
            view = PageView(page, locale, site, context["fmt"])
            self.state.problems.extend(view.problems)
            if view.is_fallback:
                context["canonical"] = self.config.base_url + view.source_url
            context["view"] = view
            context["services"] = [PageView(p, locale, site, context["fmt"])
                                   for p in site.of_organization(page.id, "service")]
            context["events"] = [PageView(p, locale, site, context["fmt"]) for p in site.of_organization(page.id, "event")]
            self._render(name, page.kind, page.kind, context, source=page.document_for(code).display_path)
            recorded = search.add(page.id, passages_for(view))
            if not view.problems:
                rendered[name] = (self.rendered.key(page), *recorded)
        # The passages are written here, in the process that rendered them: sending every
        # locale's text back to the main process cost time and most of the build's memory.
        text = search.json(self._search_manifest(locale))
        self.state.search_inputs[code] = {
            "path": str(write_input(self.search_inputs, code, text, remember=bool(self.rendered.folder))),
            "passages": search.count, "pages": search.pages}
        home = lambda c: f"/{c}/"  # noqa: E731
        # What the service worker shows offline for a page not on the device (components/offline).
        for name, template, page_type, path in [("404.html", "404", "404", f"/{code}/404.html"),
                                                ("offline.html", "offline", "offline", f"/{code}/offline.html")]:
            self._index_page(records, rendered, f"{code}/{name}", template, page_type,
                             lambda path=path: self._base_context(locale, *self._everywhere(home), path))
        index_page("feedback/thanks/index.html", "feedback_thanks", "feedback-thanks", feedback_form.thanks_path)
        written = self.rendered.write(code, rendered)
        if written:
            self.state.cache_files[written[0]] = written[1]
        self._write_feed(locale)
        self._write_sitemap(code)

    def _search_manifest(self, locale):
        """What the search box needs beside the index: best bets and the suggestions it
        offers when nothing matches, in the reader's language."""
        label = self.settings["PORTAL_CONTENT_LABEL"]
        path = Path(self.path) / locale.code / BEST_BETS_FILE
        bets, problems = read_best_bets(path, f"{label}/{locale.code}/{BEST_BETS_FILE}", self.site.by_id)
        self.state.problems.extend(problems)
        best_bets = []
        for bet in bets:
            view = PageView(self.site.by_id[bet["page"]], locale, self.site, self.formats[locale.code])
            best_bets.append({"queries": bet["queries"], "title": view.title, "url": view.url,
                              "summary": view.summary, "lang": view.content_locale.html_lang})
        gettext = self.translations[locale.code].gettext
        return {"bestBets": best_bets,
                "directions": {other.html_lang: other.direction for other in self.config.locales},
                "topics": [[gettext(topic.title), f"/{locale.code}/{topic.id}/"] for topic in self.config.topics]}

    def _agreed_terms(self, code):
        """The terms translators agreed for this locale, shown and offered as the CSV itself."""
        path = agreed_terms_path(self.config.source.code, code, self.settings.get("PORTAL_GLOSSARY_DIR"))
        if code == self.config.source.code or not path.exists():
            return [], None
        try:
            entries, _ = read_agreed_terms(path)
        except ValueError as error:
            self.state.problems.append(Problem(str(path), None, str(error).split(": ", 1)[-1]))
            return [], None
        name = f"{code}/glossary/{path.name}"
        self.state.write(self.output_path, name, path.read_bytes(), "agreed-terms", source=str(path))
        return sorted(entries.items(), key=lambda item: sort_key(item[0])), "/" + name

    def _write_feed(self, locale):
        code = locale.code
        base = self.config.base_url
        translations = self.translations[code]
        feed = Atom1Feed(
            title=f"{self.config.site_name} ({locale.name})", link=f"{base}/{code}/",
            description=translations.gettext("Recently updated pages"), language=locale.html_lang,
            feed_url=f"{base}/{code}/feed.atom")
        # The latest pages by their dates in front matter: a view is made only for those shown.
        latest = heapq.nlargest(FEED_ENTRIES, self.site.of_kind(*CONTENT_KINDS_WITH_PAGES),
                                key=lambda page: (page.document_for(code).front_matter["updated"], page.id))
        for view in (PageView(page, locale, self.site, self.formats[code]) for page in latest):
            moment = datetime.datetime.combine(view.updated, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
            feed.add_item(title=view.title, link=base + view.url, description=view.summary,
                          unique_id=base + view.url, updateddate=moment, pubdate=moment)
        self._write_with_links(f"{code}/feed.atom", feed.writeString("utf-8"), "feed")

    def _write_root(self):
        source = self.config.source
        # The root pages speak every language; their fixed texts are in the source language.
        install_ui_texts(self.env, self.translations[source.code])
        choices = []
        for locale in self.config.locales:
            t = self.translations[locale.code]
            choices.append({"locale": locale, "url": f"/{locale.code}/",
                            "prompt": t.gettext("Choose your language"),
                            "not_found": t.gettext("Page not found"),
                            "home": t.gettext("Go to the home page")})
        base = self.config.base_url
        context = {"config": self.config, "locale": source, "choices": choices, "assets": self.state.asset_urls,
                   "canonical": base + "/", "hreflangs": [(l.html_lang, f"{base}/{l.code}/") for l in self.config.locales]}
        self._render("index.html", "language_picker", "language-picker", context)
        self._render("404.html", "root_404", "404", context)
        self._render("sitemap.xml", "sitemap_index", "sitemap",
                     {"sitemaps": [f"{base}/{locale.code}/sitemap.xml" for locale in self.config.locales]})
        robots = Path(self.output_path) / "robots.txt"
        robots.write_text(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n", encoding="utf-8")
        self.state.outputs["robots.txt"] = ("robots", None)

    def _sitemap_alternates(self):
        """Each sitemap entry's alternate links, by page (None: the index pages, by path suffix),
        worked out once for the sitemaps of every locale."""
        base = self.config.base_url
        codes = self.config.locale_codes
        by_suffix = {suffix: _sitemap_links([(self.config.locale(c).html_lang, f"{base}/{c}/{suffix}") for c in codes])
                     for suffix in self._sitemap_index_paths()}
        by_page = {}
        for page in self.site.of_kind(*CONTENT_KINDS_WITH_PAGES):
            existing = [self.config.source.code, *[c for c in codes if c in page.translations]]
            by_page[page.id] = _sitemap_links([(self.config.locale(c).html_lang, base + page.url(c)) for c in existing],
                                              base + page.url(self.config.source.code))
        return by_suffix, by_page

    def _sitemap_index_paths(self):
        return ["", "services/", "events/", "organizations/", "glossary/", "search/", "about/",
                *(f"{topic.id}/" for topic in self.config.topics)]

    def _sitemap_entries(self, code):
        """The locale's sitemap: its index pages and the pages it has a translation of (a page
        shown in the source language there is not canonical)."""
        base = self.config.base_url
        by_suffix, by_page = self.sitemap_alternates
        entries = [{"loc": f"{base}/{code}/{suffix}", "lastmod": None, "links": links, "hrefs": hrefs}
                   for suffix, (links, hrefs) in by_suffix.items()]
        for page in self.site.of_kind(*CONTENT_KINDS_WITH_PAGES):
            if code != self.config.source.code and code not in page.translations:
                continue
            updated = page.document_for(code).front_matter["updated"]
            links, hrefs = by_page[page.id]
            entries.append({"loc": base + page.url(code), "lastmod": updated.isoformat(), "links": links, "hrefs": hrefs})
        return entries

    def _write_sitemap(self, code):
        """One sitemap per locale, listed by the sitemap index at the root: one file for every
        locale would pass the 50 MB a sitemap may weigh at a few thousand pages. Written with
        state.write, so a locale's sitemap that did not change stays the same file."""
        entries = self._sitemap_entries(code)
        text = self.get_template("sitemap").render(entries=entries)
        # Every URL in it is an entry's or an alternate's: the link check is told them, not
        # left to find them again in 4 MB of XML (a second of a rebuild's render processes).
        links = {entry["loc"] for entry in entries}
        for entry in entries:
            links.update(entry["hrefs"])
        self._write_with_links(f"{code}/sitemap.xml", text, "sitemap", written_links(links))


def _rendered_once_per_locale():
    """per_locale(name, macro, *arguments) for the templates: the macro's output for the locale
    being rendered, made on its first page and reused on the rest (each build, and each render
    process, starts with none)."""
    made = {}

    @pass_context
    def per_locale(context, name, macro, *arguments):
        key = (context["locale"].code, name)
        if key not in made:
            made[key] = macro(*arguments)
        return made[key]
    return per_locale


def _sitemap_links(alternates, x_default=None):
    """A page's alternate links, written once and shared by the entries of all its languages
    (escaping them per entry was most of the sitemap's time on a large site). Put together with
    escape() and f-strings: Markup.format, the same text, took three times as long for the
    36,000 links of 2,000 pages in 18 languages, before any page could be rendered.
    Returns the links and the URLs they hold."""
    if x_default:
        alternates = [*alternates, ("x-default", x_default)]
    return (Markup("".join(f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>'
                           for lang, href in alternates)),
            tuple(href for _, href in alternates))


def sort_key(text):
    """Alphabetical order that ignores case and accents (é sorts with e)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def get_generators(pelican):
    return PortalPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
