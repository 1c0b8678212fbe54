"""Pelican reader for content/<locale>/<section>/<slug>.md: YAML front matter + Markdown."""
import os

from pelican import signals
from pelican.readers import BaseReader

from ..contract import check_document
from ..frontmatter import split_front_matter
from ..markdown_render import anchors_in, render_markdown
from ..problems import ContentProblems, Problem
from ..revisions import source_revision


class PortalMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        config = self.settings["PORTAL_CONFIG"]
        relative = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        shown = f"{self.settings['PORTAL_CONTENT_LABEL']}/{relative}"
        parts = relative.split("/")
        if len(parts) != 3:
            raise ContentProblems([Problem(shown, None, "content files live at content/<locale>/<section>/<slug>.md")])
        locale_code, section, filename = parts
        slug = filename[:-3]
        try:
            with open(source_path, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError as error:
            raise ContentProblems([Problem(shown, None, f"not UTF-8 text ({error.reason})")]) from None
        front_matter, body, body_line = split_front_matter(text, shown)
        problems = check_document(front_matter, body, shown, locale_code, section, slug, config)
        if problems:
            raise ContentProblems(problems)
        body_html = render_markdown(body)
        steps_html, anchors = {}, anchors_in(body_html)
        for step in front_matter.get("steps") or []:
            anchors.add(step["id"])
            steps_html[step["id"]] = render_markdown(step.get("body", ""))
            for index, alternative in enumerate(step.get("either") or []):
                steps_html[(step["id"], index)] = render_markdown(alternative.get("body", ""))
        metadata = {
            "title": front_matter["title"],
            "summary": front_matter["summary"],
            "slug": slug,
            "lang": locale_code,
            "portal_locale": locale_code,
            "portal_section": section,
            "front_matter": front_matter,
            "source_path": source_path,
            "body_line": body_line,
            "display_path": shown,
            "steps_html": steps_html,
            "anchors": anchors,
            "revision": source_revision(front_matter, body),
            "save_as": "",
            "url": "",
        }
        return body_html, metadata


def add_reader(readers):
    readers.reader_classes["md"] = PortalMarkdownReader


def register():
    signals.readers_init.connect(add_reader)
