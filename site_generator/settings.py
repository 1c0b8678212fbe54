"""Pelican settings for a portal build, derived from portal.yaml; nothing else configures Pelican."""
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, configure_settings

from .assets import COMPONENTS
from .plugins import (chat_context, link_check, netlify_rules, offline_lists, open_data, page_budget, portal_pages,
                      portal_reader, search_indexes)

THEME_DIR = Path(__file__).resolve().parent / "theme"
# Set explicitly so Pelican never loads whatever namespace plugins happen to be installed.
# The search files are built while the open data, the Netlify rules and the page budget are
# done (the builder starts when the pages are written; the budget needs only the pages, and
# loads the facts the later checks share); what needs the search files waits for them.
PLUGINS = [portal_reader, portal_pages, open_data, netlify_rules, page_budget, search_indexes, chat_context,
           offline_lists, link_check]


def pelican_settings(config, state, content_dir, output_dir, content_label="content", cache_dir=None,
                     previous_output=None, final_output=None):
    settings = dict(DEFAULT_CONFIG)
    settings.update({
        "PATH": str(content_dir),
        "OUTPUT_PATH": str(output_dir),
        "THEME": str(THEME_DIR),
        "PLUGINS": PLUGINS,
        "SITENAME": config.site_name,
        "SITEURL": config.base_url,
        "TIMEZONE": config.time_zone,
        "DEFAULT_LANG": config.source.code,
        # Our generator does all the work; Pelican's own article and page generators idle.
        "ARTICLE_PATHS": [],
        "PAGE_PATHS": [],
        "STATIC_PATHS": [],
        "THEME_STATIC_PATHS": [],
        "THEME_TEMPLATES_OVERRIDES": [str(folder) for folder in COMPONENTS],
        "DIRECT_TEMPLATES": [],
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "TYPOGRIFY": False,
        "TEMPLATE_EXTENSIONS": [".html", ".xml"],
        # auto_reload off: a build never sees a template change, and checking each template's
        # file on every use cost tens of thousands of stat calls.
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                              "auto_reload": False, "extensions": ["jinja2.ext.i18n"]},
        "PORTAL_CONFIG": config,
        "PORTAL_BUILD": state,
        "PORTAL_CONTENT_LABEL": content_label,
        # What the last successful build learnt (parsed content, rendered pages, search
        # files), kept beside the output folder; None builds everything afresh.
        "PORTAL_CACHE_DIR": str(cache_dir) if cache_dir else None,
        # The output the cache describes, from which unchanged pages are linked.
        "PORTAL_PREVIOUS_OUTPUT": str(previous_output) if previous_output else None,
        # Where the staging folder ends up when the build succeeds.
        "PORTAL_OUTPUT_DIR": str(final_output) if final_output else None,
    })
    return configure_settings(settings)
