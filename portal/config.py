"""Load and validate portal.yaml: the only place that lists locales and topics.

`load_config()` returns a frozen PortalConfig or raises ConfigError listing every
problem at once, each with the line and the dotted key at fault.
"""
import dataclasses
import os
import re
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import locales
from .yamlfile import LineDict, LineList, YamlError, load_yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = PROJECT_ROOT / "portal.yaml"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
# DeepL accepts plain more/less only for these targets; prefer_* falls back quietly.
DEEPL_FORMALITY_TARGETS = ("de", "fr", "it", "es", "nl", "pl", "pt-br", "pt-pt", "ja", "ru")


class ConfigError(Exception):
    def __init__(self, path, problems):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclasses.dataclass(frozen=True)
class LocaleInfo:
    code: str
    role: str  # source, professional or machine
    name: str
    direction: str
    formality: str | None = None

    @property
    def html_lang(self):
        return locales.html_lang(self.code)

    @property
    def babel(self):
        return locales.babel_identifier(self.code)

    @property
    def is_source(self):
        return self.role == "source"


@dataclasses.dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str


@dataclasses.dataclass(frozen=True)
class Audience:
    id: str
    title: str


@dataclasses.dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: str


@dataclasses.dataclass(frozen=True)
class HelpContact:
    name: str
    phone: str | None
    email: str | None
    topics: tuple


@dataclasses.dataclass(frozen=True)
class Budgets:
    deepl_characters_per_month: int
    page_weight_kb: int


@dataclasses.dataclass(frozen=True)
class PortalConfig:
    path: str
    site_name: str
    base_url: str
    time_zone: str
    sample_content: bool
    source: LocaleInfo
    professional: tuple
    machine: tuple
    topics: tuple
    audiences: tuple
    emergency: tuple
    help_contacts: tuple
    budgets: Budgets
    map_tile_url: str | None

    @property
    def locales(self):
        return (self.source, *self.professional, *self.machine)

    @property
    def locale_codes(self):
        return tuple(locale.code for locale in self.locales)

    def locale(self, code):
        for info in self.locales:
            if info.code == code:
                return info
        raise KeyError(code)

    def topic(self, topic_id):
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    @property
    def topic_ids(self):
        return tuple(topic.id for topic in self.topics)

    @property
    def audience_ids(self):
        return tuple(audience.id for audience in self.audiences)


class _Reader:
    """Walks the parsed YAML, collecting problems instead of stopping at the first."""

    def __init__(self, path):
        self.path = path
        self.problems = []

    def problem(self, container, key, dotted, message):
        line = container.line_of(key) if isinstance(container, (LineDict, LineList)) else None
        where = f"{self.path}:{line}" if line else str(self.path)
        self.problems.append(f"{where}: {dotted}: {message}")

    def mapping(self, parent, key, dotted, required=True):
        value = parent.get(key) if isinstance(parent, dict) else None
        if value is None:
            if required:
                self.problem(parent, key, dotted, "missing required key")
            return LineDict()
        if not isinstance(value, dict):
            self.problem(parent, key, dotted, "must be a mapping of keys to values")
            return LineDict()
        return value

    def sequence(self, parent, key, dotted, required=True):
        value = parent.get(key) if isinstance(parent, dict) else None
        if value is None:
            if required:
                self.problem(parent, key, dotted, "missing required key")
            return LineList()
        if not isinstance(value, list):
            self.problem(parent, key, dotted, "must be a list")
            return LineList()
        return value

    def text(self, parent, key, dotted, required=True):
        value = parent.get(key) if isinstance(parent, dict) else None
        if value is None or value == "":
            if required:
                self.problem(parent, key, dotted, "missing required key")
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.problem(parent, key, dotted, "must be text")
            return None
        return str(value)

    def integer(self, parent, key, dotted):
        value = parent.get(key) if isinstance(parent, dict) else None
        if value is None:
            self.problem(parent, key, dotted, "missing required key")
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            self.problem(parent, key, dotted, "must be a whole number above 0")
            return 0
        return value

    def unknown_keys(self, mapping, allowed, dotted):
        for key in mapping:
            if key not in allowed:
                prefix = f"{dotted}." if dotted else ""
                self.problem(mapping, key, f"{prefix}{key}", "unknown key (allowed: " + ", ".join(allowed) + ")")


def load_config(path=None):
    path = Path(path or os.environ.get("PORTAL_CONFIG") or DEFAULT_PATH)
    shown = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(shown, [f"{shown}: cannot read: {error.strerror}"]) from None
    try:
        data = load_yaml(text)
    except YamlError as error:
        line = f":{error.line}" if error.line else ""
        raise ConfigError(shown, [f"{shown}{line}: {error.message}"]) from None
    if not isinstance(data, dict):
        raise ConfigError(shown, [f"{shown}: must be a mapping with the keys site, locales, topics, ..."])
    reader = _Reader(shown)
    config = _build(reader, data, str(path))
    if reader.problems:
        raise ConfigError(shown, reader.problems)
    return config


def _build(r, data, path):
    r.unknown_keys(data, ("site", "locales", "topics", "audiences", "emergency",
                          "help_contacts", "budgets", "map"), "")
    site = r.mapping(data, "site", "site")
    site_name = r.text(site, "name", "site.name")
    base_url = r.text(site, "base_url", "site.base_url")
    if base_url and urlparse(base_url).scheme not in ("http", "https"):
        r.problem(site, "base_url", "site.base_url", "must be an http(s) URL")
    time_zone = r.text(site, "time_zone", "site.time_zone")
    if time_zone:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            r.problem(site, "time_zone", "site.time_zone", f"unknown time zone '{time_zone}'")

    locale_section = r.mapping(data, "locales", "locales")
    r.unknown_keys(locale_section, ("source", "professional", "machine"), "locales")
    seen = {}
    source = _locale(r, locale_section, "source", "locales.source", "source", seen)
    professional = []
    for index, entry in enumerate(r.sequence(locale_section, "professional", "locales.professional")):
        info = _locale_entry(r, locale_section["professional"], index, entry,
                             f"locales.professional[{index}]", "professional", seen)
        if info:
            professional.append(info)
    machine = []
    for index, entry in enumerate(r.sequence(locale_section, "machine", "locales.machine")):
        info = _locale_entry(r, locale_section["machine"], index, entry,
                             f"locales.machine[{index}]", "machine", seen)
        if info:
            machine.append(info)

    topics = _identified(r, data, "topics", ("id", "title", "description"),
                         lambda item, dotted: Topic(item["id"], r.text(item, "title", f"{dotted}.title") or "",
                                                    r.text(item, "description", f"{dotted}.description") or ""))
    topic_ids = {topic.id for topic in topics}
    audiences = _identified(r, data, "audiences", ("id", "title"),
                            lambda item, dotted: Audience(item["id"], r.text(item, "title", f"{dotted}.title") or ""))

    emergency = []
    for index, item in enumerate(r.sequence(data, "emergency", "emergency")):
        dotted = f"emergency[{index}]"
        if not isinstance(item, dict):
            r.problem(data["emergency"], index, dotted, "must be a mapping with number and label")
            continue
        r.unknown_keys(item, ("number", "label"), dotted)
        number = r.text(item, "number", f"{dotted}.number")
        label = r.text(item, "label", f"{dotted}.label")
        if number and label:
            emergency.append(EmergencyNumber(number, label))

    contacts = []
    for index, item in enumerate(r.sequence(data, "help_contacts", "help_contacts")):
        dotted = f"help_contacts[{index}]"
        if not isinstance(item, dict):
            r.problem(data["help_contacts"], index, dotted, "must be a mapping")
            continue
        r.unknown_keys(item, ("name", "phone", "email", "topics"), dotted)
        name = r.text(item, "name", f"{dotted}.name")
        phone = r.text(item, "phone", f"{dotted}.phone", required=False)
        email = r.text(item, "email", f"{dotted}.email", required=False)
        if not phone and not email:
            r.problem(item, "name", dotted, "needs a phone or an email")
        contact_topics = r.sequence(item, "topics", f"{dotted}.topics", required=False)
        for t_index, topic_id in enumerate(contact_topics):
            if topic_id not in topic_ids:
                r.problem(contact_topics, t_index, f"{dotted}.topics[{t_index}]",
                          f"unknown topic '{topic_id}' (topics: {', '.join(sorted(topic_ids))})")
        contacts.append(HelpContact(name or "", phone, email, tuple(contact_topics)))

    budgets_section = r.mapping(data, "budgets", "budgets")
    r.unknown_keys(budgets_section, ("deepl_characters_per_month", "page_weight_kb"), "budgets")
    budgets = Budgets(
        r.integer(budgets_section, "deepl_characters_per_month", "budgets.deepl_characters_per_month"),
        r.integer(budgets_section, "page_weight_kb", "budgets.page_weight_kb"),
    )
    map_section = r.mapping(data, "map", "map", required=False)
    r.unknown_keys(map_section, ("tile_url",), "map")
    tile_url = r.text(map_section, "tile_url", "map.tile_url", required=False)
    if tile_url and not tile_url.startswith("https://"):
        r.problem(map_section, "tile_url", "map.tile_url", "must be an https:// URL template")

    if r.problems:
        return None
    return PortalConfig(
        path=path, site_name=site_name, base_url=base_url.rstrip("/"), time_zone=time_zone,
        sample_content=bool(site.get("sample_content", False)), source=source,
        professional=tuple(professional), machine=tuple(machine), topics=tuple(topics),
        audiences=tuple(audiences), emergency=tuple(emergency), help_contacts=tuple(contacts),
        budgets=budgets, map_tile_url=tile_url,
    )


def _locale(r, parent, key, dotted, role, seen):
    code = r.text(parent, key, dotted)
    if code is None:
        return None
    return _checked_locale(r, parent, key, dotted, code, role, seen, None, None)


def _locale_entry(r, parent, index, entry, dotted, role, seen):
    """A locale is a bare code, or a mapping with code and optional name and formality."""
    name = formality = None
    if isinstance(entry, dict):
        r.unknown_keys(entry, ("code", "name", "formality"), dotted)
        code = r.text(entry, "code", f"{dotted}.code")
        name = r.text(entry, "name", f"{dotted}.name", required=False)
        formality = r.text(entry, "formality", f"{dotted}.formality", required=False)
        if code is None:
            return None
    elif isinstance(entry, str):
        code = entry
    else:
        r.problem(parent, index, dotted, "must be a locale code or a mapping with 'code'")
        return None
    if formality is not None:
        if formality not in FORMALITIES:
            r.problem(entry, "formality", f"{dotted}.formality",
                      f"'{formality}' is not one of {', '.join(FORMALITIES)}")
        elif formality in ("more", "less") and code not in DEEPL_FORMALITY_TARGETS:
            r.problem(entry, "formality", f"{dotted}.formality",
                      f"DeepL has no formality for '{code}'; use prefer_{formality}")
        if role != "machine":
            r.problem(entry, "formality", f"{dotted}.formality", "only DeepL-drafted locales take a formality")
    return _checked_locale(r, parent, index, dotted, code, role, seen, name, formality)


def _checked_locale(r, parent, key, dotted, code, role, seen, name, formality):
    try:
        direction = locales.text_direction(code)
        native = name or locales.native_name(code)
    except ValueError as error:
        r.problem(parent, key, dotted, f"unknown locale code: {error}")
        return None
    if code in seen:
        earlier = seen[code]
        what = "the source locale listed again" if earlier == "locales.source" else f"duplicate locale code '{code}'"
        r.problem(parent, key, dotted, f"{what} (already at {earlier})")
        return None
    seen[code] = dotted
    return LocaleInfo(code=code, role=role, name=native, direction=direction, formality=formality)


def _identified(r, data, key, allowed, make):
    items, ids = [], set()
    for index, item in enumerate(r.sequence(data, key, key)):
        dotted = f"{key}[{index}]"
        if not isinstance(item, dict):
            r.problem(data[key], index, dotted, "must be a mapping with " + ", ".join(allowed))
            continue
        r.unknown_keys(item, allowed, dotted)
        item_id = r.text(item, "id", f"{dotted}.id")
        if item_id is None:
            continue
        if not ID_PATTERN.match(item_id):
            r.problem(item, "id", f"{dotted}.id", f"'{item_id}' must be lowercase letters, digits and '-'")
            continue
        if item_id in ids:
            r.problem(item, "id", f"{dotted}.id", f"duplicate id '{item_id}'")
            continue
        ids.add(item_id)
        items.append(make(item, dotted))
    if not items and key in data:
        r.problem(data, key, key, "must list at least one entry")
    return items
