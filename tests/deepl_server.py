"""A small DeepL-API-compatible HTTP server for tests.

It speaks enough of DeepL's documented v2 API for the official ``deepl``
Python client (1.32.0) to be pointed at it with
``deepl.Translator(key, server_url=server.url)``:

* ``POST /v2/translate`` (JSON or form-encoded body)
* ``GET|POST /v2/usage``
* ``GET|POST /v2/languages`` (``type=source`` default, or ``type=target``;
  taken from the query string or from the body, which is where the client
  puts it, even for GET)
* ``POST|GET /v2/glossaries``, ``GET|DELETE /v2/glossaries/{id}``,
  ``GET /v2/glossaries/{id}/entries`` and ``GET /v2/glossary-language-pairs``

The "translation" is deterministic: glossary source terms (case-sensitive,
whole words) become ``«target»``, and the first text node that contains a
letter is prefixed with ``[TARGET_LANG] ``. With ``tag_handling`` set to
``xml`` or ``html``, tags, comments and the content of elements named in
``ignore_tags`` are kept byte-for-byte unchanged and in place; without it the
whole text is one text node.

Only the standard library is used. Nothing is logged to stderr.
"""

import csv
import datetime
import http
import io
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# --------------------------------------------------------------------------
# Language data (DeepL v2 /languages, as documented)
# --------------------------------------------------------------------------

SOURCE_LANGUAGES = {
    "AR": "Arabic",
    "BG": "Bulgarian",
    "CS": "Czech",
    "DA": "Danish",
    "DE": "German",
    "EL": "Greek",
    "EN": "English",
    "ES": "Spanish",
    "ET": "Estonian",
    "FI": "Finnish",
    "FR": "French",
    "HU": "Hungarian",
    "ID": "Indonesian",
    "IT": "Italian",
    "JA": "Japanese",
    "KO": "Korean",
    "LT": "Lithuanian",
    "LV": "Latvian",
    "NB": "Norwegian (Bokmål)",
    "NL": "Dutch",
    "PL": "Polish",
    "PT": "Portuguese",
    "RO": "Romanian",
    "RU": "Russian",
    "SK": "Slovak",
    "SL": "Slovenian",
    "SV": "Swedish",
    "TH": "Thai",
    "TR": "Turkish",
    "UK": "Ukrainian",
    "VI": "Vietnamese",
    "ZH": "Chinese",
}

# Target languages listed by GET /v2/languages?type=target.
TARGET_LANGUAGES = {
    "AR": "Arabic",
    "BG": "Bulgarian",
    "CS": "Czech",
    "DA": "Danish",
    "DE": "German",
    "EL": "Greek",
    "EN-GB": "English (British)",
    "EN-US": "English (American)",
    "ES": "Spanish",
    "ET": "Estonian",
    "FI": "Finnish",
    "FR": "French",
    "HU": "Hungarian",
    "ID": "Indonesian",
    "IT": "Italian",
    "JA": "Japanese",
    "KO": "Korean",
    "LT": "Lithuanian",
    "LV": "Latvian",
    "NB": "Norwegian (Bokmål)",
    "NL": "Dutch",
    "PL": "Polish",
    "PT-BR": "Portuguese (Brazilian)",
    "PT-PT": "Portuguese (European)",
    "RO": "Romanian",
    "RU": "Russian",
    "SK": "Slovak",
    "SL": "Slovenian",
    "SV": "Swedish",
    "TH": "Thai",
    "TR": "Turkish",
    "UK": "Ukrainian",
    "VI": "Vietnamese",
    "ZH": "Chinese (simplified)",
    "ZH-HANS": "Chinese (simplified)",
    "ZH-HANT": "Chinese (traditional)",
}

# Accepted by /v2/translate although deprecated (and not listed) by DeepL.
DEPRECATED_TARGET_LANGUAGES = {"EN", "PT"}

ACCEPTED_TARGET_LANGUAGES = set(TARGET_LANGUAGES) | DEPRECATED_TARGET_LANGUAGES

FORMALITY_LANGUAGES = {
    "DE", "FR", "IT", "ES", "NL", "PL", "PT-BR", "PT-PT", "JA", "RU",
}

FORMALITY_VALUES = {"less", "more", "default", "prefer_less", "prefer_more"}

# Every ordered pair of distinct base languages may be used for glossaries.
GLOSSARY_LANGUAGES = sorted(SOURCE_LANGUAGES)

TAG_HANDLING_VALUES = {"xml", "html"}
SPLIT_SENTENCES_VALUES = {"0", "1", "nonewlines"}

DEFAULT_CHARACTER_LIMIT = 1_000_000_000

_STATUS_MESSAGES = {
    400: "Bad request",
    403: "Authorization failure, check auth_key",
    404: "Not found",
    413: "Request Entity Too Large",
    429: "Too many requests",
    456: "Quota exceeded",
}

# Tags, comments, CDATA sections, processing instructions and doctypes.
_MARKUP_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<[^>]*>", re.DOTALL
)
_TAG_NAME_RE = re.compile(r"<\s*(/?)\s*([^\s/>]+)")


def _base_lang(code):
    return code.split("-", 1)[0].upper()


def _now_iso():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


class _HttpError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --------------------------------------------------------------------------
# Fake translation
# --------------------------------------------------------------------------


def _glossary_pattern(entries):
    terms = sorted((t for t in entries if t), key=len, reverse=True)
    if not terms:
        return None
    alternation = "|".join(re.escape(t) for t in terms)
    return re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")


def _apply_glossaries(text, glossaries):
    for entries, pattern in glossaries:
        if pattern is not None:
            text = pattern.sub(lambda m, e=entries: "«" + e[m.group(0)] + "»", text)
    return text


def _has_letter(text):
    return any(ch.isalpha() for ch in text)


def fake_translate(text, target_lang, tag_handling=None, ignore_tags=(),
                   glossaries=()):
    """Deterministic stand-in for a translation.

    ``glossaries`` is a sequence of ``{source: target}`` dicts applied in
    order. Exposed at module level so tests can compute expected output.
    """
    compiled = [(dict(e), _glossary_pattern(e)) for e in glossaries]
    prefix = "[%s] " % target_lang

    if not tag_handling:
        if _has_letter(text):
            return prefix + _apply_glossaries(text, compiled)
        return _apply_glossaries(text, compiled)

    ignored = {t.strip().lower() for t in ignore_tags if t and t.strip()}
    out = []
    ignore_depth = 0
    prefixed = False
    pos = 0

    def emit_text(node):
        nonlocal prefixed
        if not node:
            return
        if ignore_depth > 0:
            out.append(node)
            return
        translated = _apply_glossaries(node, compiled)
        if not prefixed and _has_letter(node):
            translated = prefix + translated
            prefixed = True
        out.append(translated)

    for match in _MARKUP_RE.finditer(text):
        emit_text(text[pos:match.start()])
        tag = match.group(0)
        out.append(tag)
        pos = match.end()
        if tag.startswith(("<!", "<?")):
            continue
        name_match = _TAG_NAME_RE.match(tag)
        if not name_match:
            continue
        closing, name = name_match.group(1), name_match.group(2).lower()
        if name not in ignored:
            continue
        if closing:
            if ignore_depth > 0:
                ignore_depth -= 1
        elif not tag.rstrip(">").rstrip().endswith("/"):
            ignore_depth += 1
    emit_text(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------
# Glossary entry parsing
# --------------------------------------------------------------------------


def _parse_entries(entries, entries_format):
    if isinstance(entries, bytes):
        entries = entries.decode("utf-8")
    if not isinstance(entries, str):
        raise _HttpError(400, "Invalid glossary entries provided")
    result = {}
    if entries_format == "tsv":
        rows = []
        for line in entries.splitlines():
            if not line.strip():
                continue
            if "\t" not in line:
                raise _HttpError(400, "Invalid glossary entries provided")
            rows.append(line.split("\t"))
    else:
        rows = [row for row in csv.reader(io.StringIO(entries)) if row]
    for row in rows:
        if len(row) < 2:
            raise _HttpError(400, "Invalid glossary entries provided")
        source, target = row[0].strip(), row[1].strip()
        if not source or not target:
            raise _HttpError(400, "Invalid glossary entries provided")
        if source in result:
            raise _HttpError(
                400, "Invalid glossary entries provided: duplicate source term"
            )
        result[source] = target
    if not result:
        raise _HttpError(400, "Invalid glossary entries provided")
    return result


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients that gave up (timeouts) cause broken pipes: stay quiet.
        pass


class DeepLTestServer:
    """In-process fake of the DeepL v2 API.

    Inspection attributes: ``requests`` (one dict per /v2/translate request,
    including refused ones; see ``status``), ``characters_billed``,
    ``glossaries`` (id -> {"name", "source_lang", "target_lang", "entries",
    "creation_time"}, language codes lower-case as DeepL reports them),
    ``quota`` (character limit or None), ``delay_seconds`` and ``errors``
    (tracebacks of unexpected exceptions inside the server, which are
    answered with HTTP 500).
    """

    def __init__(self, auth_key="test-key"):
        self.auth_key = auth_key
        self.url = None
        self.delay_seconds = 0
        self._lock = threading.RLock()
        self._httpd = None
        self._thread = None
        self._stopping = threading.Event()
        self.requests = []
        self.characters_billed = 0
        self.glossaries = {}
        self.quota = None
        self.errors = []
        self._failures = []
        self._fail_after = None

    # -- lifecycle --------------------------------------------------------

    def start(self):
        if self._httpd is not None:
            return self.url
        self._stopping.clear()
        handler = type("_BoundHandler", (_Handler,), {"owner": self})
        self._httpd = _Server(("127.0.0.1", 0), handler)
        host, port = self._httpd.server_address[:2]
        self.url = "http://%s:%d" % (host, port)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="DeepLTestServer",
            daemon=True,
        )
        self._thread.start()
        return self.url

    def stop(self):
        if self._httpd is None:
            return
        self._stopping.set()  # wakes handlers sleeping for delay_seconds
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # -- test controls ----------------------------------------------------

    def fail_next(self, status, times=1, retry_after=None):
        """Answer the next ``times`` /v2/translate requests with ``status``."""
        with self._lock:
            for _ in range(times):
                self._failures.append((int(status), retry_after))

    def fail_after(self, successes, status, times=1):
        """Let ``successes`` more translate requests through, then fail the
        following ``times`` with ``status`` (a failure in the middle of a run)."""
        with self._lock:
            self._fail_after = [int(successes), int(status), int(times)]

    @property
    def successful_requests(self):
        return [request for request in self.requests if request.get("status") == 200]

    @property
    def failures_served(self):
        return sum(1 for request in self.requests if request.get("status", 200) >= 400)

    def set_quota(self, character_limit):
        """Answer 456 once a translation would exceed ``character_limit``
        billed characters in total. ``None`` removes the limit."""
        with self._lock:
            self.quota = character_limit

    def reset(self):
        """Clear requests, counters, injected failures, quota, glossaries,
        errors and delay_seconds."""
        with self._lock:
            self.requests.clear()
            self.characters_billed = 0
            self._failures.clear()
            self._fail_after = None
            self.quota = None
            self.glossaries.clear()
            self.errors.clear()
            self.delay_seconds = 0

    # -- helpers used by the handler -------------------------------------

    def _pop_failure(self):
        with self._lock:
            if self._failures:
                return self._failures.pop(0)
            if self._fail_after:
                if self._fail_after[0] > 0:
                    self._fail_after[0] -= 1
                elif self._fail_after[2] > 0:
                    self._fail_after[2] -= 1
                    return (self._fail_after[1], None)
        return None

    def _glossary_info(self, glossary_id):
        g = self.glossaries[glossary_id]
        return {
            "glossary_id": glossary_id,
            "name": g["name"],
            "ready": True,
            "source_lang": g["source_lang"],
            "target_lang": g["target_lang"],
            "creation_time": g["creation_time"],
            "entry_count": len(g["entries"]),
        }


class _Handler(BaseHTTPRequestHandler):
    owner = None  # set on the per-server subclass
    protocol_version = "HTTP/1.1"
    server_version = "DeepLTestServer/1.0"

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    # -- plumbing ---------------------------------------------------------

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline().split(b";", 1)[0].strip()
                size = int(size_line or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _parse_params(self, query, body):
        """Returns (params, body_format). Form/query values that occur
        more than once become lists; JSON values are kept as sent."""
        params = {}
        for key, values in parse_qs(query, keep_blank_values=True).items():
            params[key] = values if len(values) > 1 else values[0]
        ctype = self.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if not body:
            return params, "query" if params else None
        if ctype == "application/json":
            try:
                data = json.loads(body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise _HttpError(400, "Invalid JSON in request body")
            if not isinstance(data, dict):
                raise _HttpError(400, "Request body must be a JSON object")
            params.update(data)
            return params, "json"
        if ctype in ("", "application/x-www-form-urlencoded"):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise _HttpError(400, "Request body is not UTF-8")
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params[key] = values if len(values) > 1 else values[0]
            return params, "form"
        raise _HttpError(415, "Unsupported Content-Type: %s" % ctype)

    def _send(self, status, payload=None, content_type="application/json",
              headers=None):
        if payload is None:
            body = b""
        elif isinstance(payload, (bytes, bytearray)):
            body = bytes(payload)
        elif isinstance(payload, str):
            body = payload.encode("utf-8")
        else:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            if status != 204:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, str(value))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send_error(self, status, message, headers=None):
        self._send(status, {"message": message}, headers=headers)

    def _authorized(self, params):
        auth = self.headers.get("Authorization", "")
        key = None
        if auth.startswith("DeepL-Auth-Key "):
            key = auth[len("DeepL-Auth-Key "):].strip()
        elif isinstance(params.get("auth_key"), str):  # legacy parameter
            key = params["auth_key"]
        return key is not None and key == self.owner.auth_key

    def _dispatch(self, method):
        owner = self.owner
        try:
            body = self._read_body()
            split = urlsplit(self.path)
            path = split.path.rstrip("/") or "/"
            route = self._route(method, path)
            if route is None:
                raise _HttpError(404, "Not found")
            handler, args = route
            if path == "/v2/translate":
                # Record before anything can refuse it.
                record = {
                    "texts": None, "target_lang": None, "source_lang": None,
                    "tag_handling": None, "glossary_id": None,
                    "glossary_ids": None, "formality": None,
                    "ignore_tags": [], "body_format": None, "params": {},
                    "authorized": None, "method": method, "status": None,
                }
                with owner._lock:
                    owner.requests.append(record)
                try:
                    params, body_format = self._parse_params(split.query, body)
                except _HttpError as exc:
                    record["status"] = exc.status
                    raise
                handler(params, record, body_format)
                return
            params, _ = self._parse_params(split.query, body)
            if not self._authorized(params):
                raise _HttpError(403, _STATUS_MESSAGES[403])
            handler(params, *args)
        except _HttpError as exc:
            self._send_error(exc.status, exc.message, exc.headers)
        except Exception:  # pragma: no cover - bug in the fake itself
            import traceback

            with owner._lock:
                owner.errors.append(traceback.format_exc())
            self._send_error(500, "Internal error")

    def _route(self, method, path):
        if path == "/v2/translate" and method in ("POST", "GET"):
            return self._translate, ()
        if path == "/v2/usage" and method in ("GET", "POST"):
            return self._usage, ()
        if path == "/v2/languages" and method in ("GET", "POST"):
            return self._languages, ()
        if path == "/v2/glossary-language-pairs" and method == "GET":
            return self._glossary_language_pairs, ()
        if path == "/v2/glossaries":
            if method == "POST":
                return self._create_glossary, ()
            if method == "GET":
                return self._list_glossaries, ()
            return None
        match = re.fullmatch(r"/v2/glossaries/([^/]+)(/entries)?", path)
        if match:
            glossary_id, entries = match.group(1), match.group(2)
            if entries and method == "GET":
                return self._glossary_entries, (glossary_id,)
            if not entries and method == "GET":
                return self._get_glossary, (glossary_id,)
            if not entries and method == "DELETE":
                return self._delete_glossary, (glossary_id,)
        return None

    # -- /v2/translate ----------------------------------------------------

    def _translate(self, params, record, body_format):
        try:
            status, payload, headers = self._translate_inner(
                params, record, body_format
            )
        except _HttpError as exc:
            record["status"] = exc.status
            raise
        record["status"] = status
        self._send(status, payload, headers=headers)

    def _translate_inner(self, params, record, body_format):
        owner = self.owner

        texts = params.get("text")
        if texts is None:
            texts_list = None
        elif isinstance(texts, list):
            texts_list = list(texts)
        else:
            texts_list = [texts]
        ignore_tags = _split_tags(params.get("ignore_tags"))
        target = params.get("target_lang")
        source = params.get("source_lang")
        glossary_ids = params.get("glossary_ids")
        if isinstance(glossary_ids, str):
            glossary_ids = [g for g in glossary_ids.split(",") if g]
        record.update({
            "texts": texts_list,
            "target_lang": target.upper() if isinstance(target, str) else target,
            "source_lang": source.upper() if isinstance(source, str) and source else None,
            "tag_handling": params.get("tag_handling"),
            "glossary_id": params.get("glossary_id"),
            "glossary_ids": glossary_ids,
            "formality": params.get("formality"),
            "ignore_tags": ignore_tags,
            "body_format": body_format,
            "params": params,
            "authorized": self._authorized(params),
        })

        if not record["authorized"]:
            raise _HttpError(403, _STATUS_MESSAGES[403])

        delay = owner.delay_seconds
        if delay:
            owner._stopping.wait(delay)

        failure = owner._pop_failure()
        if failure is not None:
            status, retry_after = failure
            headers = {}
            if retry_after is not None:
                headers["Retry-After"] = retry_after
            if status >= 500:
                message = "Internal error"
            else:
                message = _STATUS_MESSAGES.get(status)
                if message is None:
                    try:
                        message = http.HTTPStatus(status).phrase
                    except ValueError:
                        message = "Error"
            return status, {"message": message}, headers

        # -- validation --
        if texts_list is None:
            raise _HttpError(400, "Parameter 'text' not specified.")
        if not texts_list or not all(isinstance(t, str) for t in texts_list):
            raise _HttpError(400, "Value for 'text' not supported.")
        if target is None or target == "":
            raise _HttpError(400, "Parameter 'target_lang' not specified.")
        if not isinstance(target, str) or target.upper() not in ACCEPTED_TARGET_LANGUAGES:
            raise _HttpError(400, "Value for 'target_lang' not supported.")
        target = target.upper()
        if source is not None and source != "":
            if not isinstance(source, str) or source.upper() not in SOURCE_LANGUAGES:
                raise _HttpError(400, "Value for 'source_lang' not supported.")
            source = source.upper()
        else:
            source = None

        tag_handling = params.get("tag_handling")
        if tag_handling in ("", None):
            tag_handling = None
        elif tag_handling not in TAG_HANDLING_VALUES:
            raise _HttpError(400, "Value for 'tag_handling' not supported.")

        split_sentences = params.get("split_sentences")
        if split_sentences is not None and str(split_sentences) not in SPLIT_SENTENCES_VALUES:
            raise _HttpError(400, "Value for 'split_sentences' not supported.")

        formality = params.get("formality")
        if formality not in (None, ""):
            formality = str(formality).lower()
            if formality not in FORMALITY_VALUES:
                raise _HttpError(400, "Value for 'formality' not supported.")
            if formality in ("more", "less") and target not in FORMALITY_LANGUAGES:
                raise _HttpError(
                    400, "formality is not supported for given target_lang"
                )

        ids = []
        if params.get("glossary_id"):
            ids.append(params["glossary_id"])
        if glossary_ids:
            ids.extend(glossary_ids)
        glossaries = []
        if ids:
            if source is None:
                raise _HttpError(
                    400,
                    "Use of a glossary requires the source_lang parameter "
                    "to be specified",
                )
            with owner._lock:
                for gid in ids:
                    g = owner.glossaries.get(gid) if isinstance(gid, str) else None
                    if g is None:
                        raise _HttpError(400, "Glossary not found: %s" % gid)
                    if (g["source_lang"].upper() != source
                            or g["target_lang"].upper() != _base_lang(target)):
                        raise _HttpError(
                            400,
                            "Glossary %s does not match the given source_lang "
                            "and target_lang" % gid,
                        )
                    glossaries.append(dict(g["entries"]))

        # -- quota & billing --
        characters = sum(len(t) for t in texts_list)
        with owner._lock:
            if (owner.quota is not None
                    and owner.characters_billed + characters > owner.quota):
                return 456, {"message": _STATUS_MESSAGES[456]}, {}
            owner.characters_billed += characters

        translations = []
        for text in texts_list:
            translations.append({
                "detected_source_language": source or "EN",
                "text": fake_translate(
                    text, target, tag_handling, ignore_tags, glossaries
                ),
                "billed_characters": len(text),
            })
        return 200, {"translations": translations}, {}

    # -- other endpoints --------------------------------------------------

    def _usage(self, params):
        owner = self.owner
        with owner._lock:
            count = owner.characters_billed
            limit = owner.quota if owner.quota is not None else DEFAULT_CHARACTER_LIMIT
        self._send(200, {"character_count": count, "character_limit": limit})

    def _languages(self, params):
        kind = params.get("type", "source")
        if isinstance(kind, list):
            kind = kind[0]
        if kind == "target":
            payload = [
                {
                    "language": code,
                    "name": name,
                    "supports_formality": code in FORMALITY_LANGUAGES,
                }
                for code, name in TARGET_LANGUAGES.items()
            ]
        elif kind == "source":
            payload = [
                {"language": code, "name": name}
                for code, name in SOURCE_LANGUAGES.items()
            ]
        else:
            raise _HttpError(
                400,
                "Parameter 'type' is invalid. 'source' and 'target' are valid "
                "values.",
            )
        self._send(200, payload)

    def _glossary_language_pairs(self, params):
        pairs = [
            {"source_lang": s.lower(), "target_lang": t.lower()}
            for s in GLOSSARY_LANGUAGES
            for t in GLOSSARY_LANGUAGES
            if s != t
        ]
        self._send(200, {"supported_languages": pairs})

    def _create_glossary(self, params):
        owner = self.owner
        name = params.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _HttpError(400, "Missing or invalid argument: name")
        langs = {}
        for field in ("source_lang", "target_lang"):
            value = params.get(field)
            if not isinstance(value, str) or value.upper() not in SOURCE_LANGUAGES:
                raise _HttpError(400, "Value for '%s' not supported." % field)
            langs[field] = value.lower()
        if langs["source_lang"] == langs["target_lang"]:
            raise _HttpError(
                400, "Unsupported glossary source and target language pair"
            )
        entries_format = params.get("entries_format", "tsv")
        if entries_format not in ("tsv", "csv"):
            raise _HttpError(400, "Unsupported entry format specified")
        if "entries" not in params:
            raise _HttpError(400, "Missing or invalid argument: entries")
        entries = _parse_entries(params["entries"], entries_format)
        glossary_id = str(uuid.uuid4())
        with owner._lock:
            owner.glossaries[glossary_id] = {
                "name": name,
                "source_lang": langs["source_lang"],
                "target_lang": langs["target_lang"],
                "entries": entries,
                "creation_time": _now_iso(),
            }
            info = owner._glossary_info(glossary_id)
        self._send(201, info)

    def _list_glossaries(self, params):
        owner = self.owner
        with owner._lock:
            infos = [owner._glossary_info(gid) for gid in owner.glossaries]
        self._send(200, {"glossaries": infos})

    def _get_glossary(self, params, glossary_id):
        owner = self.owner
        with owner._lock:
            if glossary_id not in owner.glossaries:
                raise _HttpError(404, "Glossary not found")
            info = owner._glossary_info(glossary_id)
        self._send(200, info)

    def _glossary_entries(self, params, glossary_id):
        owner = self.owner
        accept = self.headers.get("Accept", "")
        if accept and not any(
            a in accept for a in ("text/tab-separated-values", "*/*", "text/*")
        ):
            raise _HttpError(
                415, "No supported media type specified in Accept header"
            )
        with owner._lock:
            g = owner.glossaries.get(glossary_id)
            if g is None:
                raise _HttpError(404, "Glossary not found")
            tsv = "\n".join("%s\t%s" % kv for kv in g["entries"].items())
        self._send(200, tsv, content_type="text/tab-separated-values; charset=UTF-8")

    def _delete_glossary(self, params, glossary_id):
        owner = self.owner
        with owner._lock:
            if glossary_id not in owner.glossaries:
                raise _HttpError(404, "Glossary not found")
            del owner.glossaries[glossary_id]
        self._send(204)


def _split_tags(value):
    """ignore_tags may be a list, a comma-separated string, or a list of
    comma-separated strings (form bodies repeat the key)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    tags = []
    for item in value:
        if not isinstance(item, str):
            continue
        tags.extend(t.strip() for t in item.split(",") if t.strip())
    return tags
