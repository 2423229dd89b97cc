"""Serve the store over HTTP: a read-only SPARQL 1.1 endpoint, the query page and the built pages.

Routes (everything else is 404):

* ``/sparql`` -- SPARQL 1.1 Protocol query endpoint: ``GET ?query=``, ``POST`` form-encoded or
  ``application/sparql-query``.  SELECT/ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and
  DESCRIBE in Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` or a ``format``
  parameter.  The default graph is the union of the named graphs unless the query has
  ``FROM``/``FROM NAMED`` or the request ``default-graph-uri``/``named-graph-uri``.  The kit's
  prefixes (``kg:``, ``schema:``, ``skos:``, ...) are predeclared, as in ``kg query``.
* ``/kit/NAME?param=value`` -- a query of the kit (``kg/queries/NAME.rq``) with its parameters
  given as ``kg query --param`` takes them (a topic by label, alias or key, a person by name,
  ...) and bound by substitution, in the formats of ``/sparql``.  Binding a parameter in the
  query text instead (a ``VALUES`` block, as the query page's examples do) gives the same
  answers, but Oxigraph evaluates the kit's sub-selects for every value before the ``VALUES``
  row picks one: up to 1.1 s against 21 ms on 10,000 reports (docs/serving.md).
* ``/store?graph=IRI`` (or ``?default``) -- Graph Store Protocol reads (GET/HEAD).
* ``/query`` -- the query page (vendored YASGUI, works offline) with the query kit as examples.
* ``/``, ``/index.html``, ``/viz/**``, ``/topics/**`` -- the pages ``kg viz`` wrote into OUT.

Safety: read-only (SPARQL Update and Graph Store writes get 403), ``SERVICE`` (federated query,
which would make the server fetch arbitrary URLs) gets 403, each query has a time limit (503
when exceeded) and a result limit: results over ``max_results`` rows (or triples) are
*truncated* to the first ``max_results`` and flagged by the response header
``X-KG-Truncated: true``.  Malformed queries get 400 with the parser's message; internal errors
get a one-line 500 and their traceback goes to the ``kg.serve`` logger, never to the client.

Why worker processes: pyoxigraph evaluates a query inside one call that cannot be interrupted,
so a runaway query (a cartesian product) would pin a thread forever.  Queries therefore run in
a small pool of processes, each holding the store open read-only; a query over its time limit
gets its worker killed and replaced, which is the only way to really stop it.  The HTTP side
is the standard library's threading server: no dependency beyond pyoxigraph.
"""

from __future__ import annotations

import io
import json
import logging
import mimetypes
import multiprocessing
import os
import queue
import re
import shutil
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import KGError, QueryError, ServeError, StoreError
# convert_param turns a documented example ("GDC") into the term the kit would bind.
from kg.query import PREFIXES, bind_params, convert_param, get_query, list_queries
from kg.rdf.store import open_store, store_dir

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
WEB_DIR = PACKAGE_DIR / "web"

MAX_BODY_BYTES = 1 << 20
"""Largest request body accepted (a query or a form), in bytes."""

IDLE_CONNECTION_SECONDS = 60
"""A keep-alive connection silent this long is closed, so idle clients cannot hold threads."""

PAGE_DIRS = ("viz", "topics")
"""Sub-folders of OUT served as static pages (besides ``OUT/index.html``)."""

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})



class _HTTPError(Exception):
    """A request answered with a status and a one-line plain-text message."""

    def __init__(self, status: int, message: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = tuple(headers)


# --------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class _Format:
    name: str
    content_type: str
    media_types: tuple[str, ...]
    """Media types a client may ask for to get this format (the first is the canonical one)."""


RESULT_FORMATS = (
    _Format("json", "application/sparql-results+json", ("application/sparql-results+json", "application/json")),
    _Format("xml", "application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    _Format("csv", "text/csv; charset=utf-8", ("text/csv",)),
    _Format("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",)),
)
GRAPH_FORMATS = (
    _Format("turtle", "text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle")),
    _Format("ntriples", "application/n-triples", ("application/n-triples", "text/plain")),
    _Format("jsonld", "application/ld+json", ("application/ld+json", "application/json")),
    _Format("rdfxml", "application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml")),
)
_BY_NAME = {f.name: f for f in RESULT_FORMATS + GRAPH_FORMATS}

# ``format=`` values: each names a results format, a graph format, or one of each.
_FORMAT_PARAM = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}


def _parse_accept(header: str) -> tuple[list[tuple[float, int, str]], set[str]]:
    """``Accept`` entries as ``(q, position, media type)``, best first, and the q=0 (refused) types."""
    entries, refused = [], set()
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            entries.append((q, position, media))
        else:
            refused.add(media)
    entries.sort(key=lambda e: (-e[0], e[1]))
    return entries, refused


def _pick(entries: list[tuple[float, int, str]], refused: set[str], formats: tuple[_Format, ...]) -> _Format | None:
    """The format of ``formats`` the client prefers; a wildcard picks the kind's first format."""
    allowed = [f for f in formats if not refused & set(f.media_types)]
    for _, _, media in entries:
        for fmt in allowed:
            if media in fmt.media_types:
                return fmt
        if media.endswith("/*"):
            for fmt in allowed:
                # Wildcards match canonical types only, so text/* means CSV, not XML as text/xml.
                if media == "*/*" or fmt.media_types[0].startswith(media[:-1]):
                    return fmt
    return None


def negotiate(accept: str | None, format_param: str | None) -> tuple[_Format | None, _Format | None]:
    """Choose the results format (SELECT/ASK) and the graph format (CONSTRUCT/DESCRIBE).

    ``format_param`` (a name such as ``csv`` or a media type) wins over ``Accept``.  Either
    side is ``None`` when the client accepts nothing of that kind.
    """
    if format_param:
        key = format_param.strip().lower()
        if key in _FORMAT_PARAM:
            results, graph = _FORMAT_PARAM[key]
            return (_BY_NAME[results] if results else None, _BY_NAME[graph] if graph else None)
        entries = [(1.0, 0, key.split(";")[0].strip())]
        results, graph = _pick(entries, set(), RESULT_FORMATS), _pick(entries, set(), GRAPH_FORMATS)
        if results is None and graph is None:
            names = ", ".join(sorted(_FORMAT_PARAM))
            raise _HTTPError(400, f"unknown format {format_param!r}: use one of {names} or a media type")
        return results, graph
    if not accept or not accept.strip():
        return RESULT_FORMATS[0], GRAPH_FORMATS[0]
    entries, refused = _parse_accept(accept)
    return _pick(entries, refused, RESULT_FORMATS), _pick(entries, refused, GRAPH_FORMATS)


# --------------------------------------------------------------------------- query text

# A lexer just precise enough to see SPARQL keywords: strings, IRIs, comments, variables,
# prefixed names and language tags are single tokens, so a word inside them never counts.
_LEXER = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u00C0-\uFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[\w\u00C0-\uFFFF](?:[\w.\-\u00B7\u00C0-\uFFFF]*[\w\-\u00B7\u00C0-\uFFFF])?)?
              :(?:(?:[\w\-:%\u00B7\u00C0-\uFFFF]|\\.)(?:(?:[\w.\-:%\u00B7\u00C0-\uFFFF]|\\.)*(?:[\w\-:%\u00B7\u00C0-\uFFFF]|\\.))?)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.X | re.S,
)


def sparql_tokens(text: str) -> list[tuple[str, str, int]]:
    """Lex ``text`` into ``(kind, text, offset)`` tokens, whitespace dropped."""
    return [(m.lastgroup, m.group(), m.start()) for m in _LEXER.finditer(text) if m.lastgroup != "space"]


def sparql_keywords(text: str) -> set[str]:
    """The upper-cased bare words of a query (keywords and function names)."""
    return {tok.upper() for kind, tok, _ in sparql_tokens(text) if kind == "word"}


def where_body_offset(text: str) -> int | None:
    """Offset just after the ``{`` opening the query's outermost WHERE group, if any."""
    tokens = sparql_tokens(text)
    depth, after_where = 0, False
    first_brace = None
    for kind, tok, offset in tokens:
        if kind == "word" and tok.upper() == "WHERE" and depth == 0:
            after_where = True
        elif tok == "{":
            if depth == 0 and (after_where or first_brace is None):
                if after_where:
                    return offset + 1
                first_brace = offset + 1
            depth += 1
        elif tok == "}":
            depth = max(0, depth - 1)
    return first_brace


# --------------------------------------------------------------------------- the query kit


@dataclass(frozen=True)
class KitExample:
    """A kit query as the query page offers it: runnable text with its parameters bound."""

    name: str
    description: str
    params: tuple[str, ...]
    text: str
    #: The same query through ``/kit`` with the documented examples (bound by substitution, so
    #: it answers much faster than ``text`` on a large store); None when an example names
    #: nothing in this store.
    kit_url: str | None = None


def bind_values(sparql: str, bindings: Iterable[tuple[str, str, str]]) -> str:
    """``sparql`` with a ``VALUES ?name { term }  # note`` line per binding opening its WHERE block.

    A kit parameter is a projected variable, so a ``VALUES`` block at the top of the WHERE
    group binds it as the kit's substitution does, in text a user can see and edit.
    """
    lines = [f"\n  VALUES ?{name} {{ {term} }}" + (f"  # {note}" if note else "") for name, term, note in bindings]
    at = where_body_offset(sparql)
    if not lines or at is None:
        return sparql
    rest = sparql[at:]
    # A trailing comment must not swallow what followed the brace on its line.
    tail = "" if rest.startswith(("\n", "\r\n")) else "\n  "
    return sparql[:at] + "".join(lines) + tail + rest.lstrip(" \t")


def kit_examples(store: ox.Store) -> list[KitExample]:
    """The query kit with each parameter bound to its documented example, resolved in ``store``.

    An example that names nothing in this store (another corpus) is left ``UNDEF``, which
    matches anything, with a comment saying what to put there.
    """
    examples = []
    for named in list_queries():
        bindings, resolved = [], True
        for p in named.params:
            try:
                term, note = str(convert_param(store, p, p.example)), f"{p.description} (example: {p.example})"
            except QueryError:
                term, note = "UNDEF", f"{p.description}: replace UNDEF (any) with one, e.g. its IRI"
                resolved = False
            bindings.append((p.name, term, note))
        query_string = urlencode([(p.name, p.example) for p in named.params])
        kit_url = f"/kit/{named.name}" + (f"?{query_string}" if query_string else "") if resolved else None
        examples.append(KitExample(named.name, named.description, tuple(p.name for p in named.params),
                                   bind_values(named.sparql, bindings), kit_url))
    return examples


# --------------------------------------------------------------------------- query workers


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    log: str = ""
    """A traceback for the server log; never sent to the client."""


class _Enough(Exception):
    """Raised inside serialisation once more rows than the limit have been written."""


class _LineBudget(io.RawIOBase):
    """A sink for TSV results that stops the query once ``max_lines`` lines are written."""

    def __init__(self, max_lines: int):
        self.max_lines = max_lines
        self.lines = 0
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            raise _Enough
        return len(chunk)


def _limited_headers(max_results: int, truncated: bool) -> tuple[tuple[str, str], ...]:
    headers = [("X-KG-Max-Results", str(max_results))]
    if truncated:
        headers.append(("X-KG-Truncated", "true"))
    return tuple(headers)


def _solutions_body(results, fmt: _Format, max_results: int) -> tuple[bytes, bool]:
    """Serialise SELECT results in ``fmt``, keeping at most ``max_results`` rows."""
    # TSV is line-per-row (newlines in literals are escaped), so counting lines counts rows;
    # it is lossless, so the kept rows are parsed back and written in the requested format.
    sink = _LineBudget(max_results + 1)
    try:
        results.serialize(sink, ox.QueryResultsFormat.TSV)
    except _Enough:
        pass
    data = b"".join(sink.chunks)
    lines = data.split(b"\n")
    truncated = len(lines) - 2 > max_results
    tsv = b"\n".join(lines[: max_results + 1]) + b"\n" if truncated else data
    if fmt.name == "tsv":
        return tsv, truncated
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=getattr(ox.QueryResultsFormat, fmt.name.upper())), truncated


_RDF_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}


def _triples_body(triples: Iterable, fmt: _Format, max_results: int) -> tuple[bytes, bool]:
    """Serialise triples in ``fmt``, keeping at most ``max_results`` of them."""
    kept = []
    truncated = False
    for triple in triples:
        if len(kept) == max_results:
            truncated = True
            break
        kept.append(triple)
    rdf_format = getattr(ox.RdfFormat, _RDF_FORMATS[fmt.name])
    prefixes = PREFIXES if fmt.name in ("turtle", "rdfxml") else None
    return ox.serialize(kept, format=rdf_format, prefixes=prefixes), truncated


def _not_acceptable(kind: str, formats: tuple[_Format, ...]) -> _Reply:
    media = ", ".join(f.media_types[0] for f in formats)
    message = f"no acceptable format for {kind} results: ask for one of {media}"
    return _Reply(406, (("Content-Type", "text/plain; charset=utf-8"),), (message + "\n").encode())


def _run_query(store, req: dict) -> _Reply:
    kwargs: dict = {}
    if req["kind"] == "kit":
        named = get_query(req["name"])
        kwargs["substitutions"] = bind_params(store, named, req["params"])
        kwargs["use_default_graph_as_union"] = True
        req = {**req, "query": named.sparql}
    elif req["default_graphs"] is not None or req["named_graphs"] is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req["default_graphs"] or ()]
        if req["named_graphs"] is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graphs"]]
    elif not req["has_dataset_clause"]:
        # pyoxigraph's union flag would override a query's own FROM, so it is set only without one.
        kwargs["use_default_graph_as_union"] = True
    results = store.query(req["query"], prefixes=PREFIXES, **kwargs)
    max_results = req["max_results"]
    if isinstance(results, ox.QueryTriples):
        fmt = _BY_NAME.get(req["graph_format"] or "")
        if fmt is None:
            return _not_acceptable("CONSTRUCT/DESCRIBE", GRAPH_FORMATS)
        body, truncated = _triples_body(results, fmt, max_results)
    else:
        fmt = _BY_NAME.get(req["results_format"] or "")
        if fmt is None:
            return _not_acceptable("SELECT/ASK", RESULT_FORMATS)
        if isinstance(results, ox.QueryBoolean):
            body, truncated = results.serialize(format=getattr(ox.QueryResultsFormat, fmt.name.upper())), False
        else:
            body, truncated = _solutions_body(results, fmt, max_results)
    headers = (("Content-Type", fmt.content_type),) + _limited_headers(max_results, truncated)
    return _Reply(200, headers, body)


def _dump_graph(store, req: dict) -> _Reply:
    graph = ox.DefaultGraph() if req["graph"] is None else ox.NamedNode(req["graph"])
    if req["graph"] is not None and not store.contains_named_graph(graph):
        message = f"no graph <{req['graph']}> in the store"
        return _Reply(404, (("Content-Type", "text/plain; charset=utf-8"),), (message + "\n").encode())
    fmt = _BY_NAME.get(req["graph_format"] or "")
    if fmt is None:
        return _not_acceptable("graph", GRAPH_FORMATS)
    triples = (q.triple for q in store.quads_for_pattern(None, None, None, graph))
    body, truncated = _triples_body(triples, fmt, req["max_results"])
    headers = (("Content-Type", fmt.content_type),) + _limited_headers(req["max_results"], truncated)
    return _Reply(200, headers, body)


def _answer(store, req: dict) -> _Reply:
    """Run one request in a worker; every failure becomes a reply, never an exception."""
    text = (("Content-Type", "text/plain; charset=utf-8"),)
    try:
        if req["kind"] == "graph":
            return _dump_graph(store, req)
        return _run_query(store, req)
    except SyntaxError as err:
        return _Reply(400, text, f"malformed query: {err}\n".encode())
    except QueryError as err:  # a kit parameter missing, unknown, or naming nothing (or several things)
        return _Reply(400, text, f"{err}\n".encode())
    except Exception as err:  # noqa: BLE001 - the worker must answer whatever happens
        message = f"internal error while answering the request ({type(err).__name__}); see the server log\n"
        return _Reply(500, text, message.encode(), log=traceback.format_exc())


def _exit_with_parent(parent: int) -> None:
    """End this worker once its server is gone, even in the middle of a runaway query."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _worker_main(conn, version: str) -> None:
    """Serve requests from ``conn`` until the parent closes it (worker-process entry point)."""
    import signal

    # Ctrl-C goes to the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    try:
        store = open_store(Path(version), read_only=True)
    except Exception as err:  # noqa: BLE001 - reported to the parent, which raises ServeError
        conn.send(("error", str(err) if isinstance(err, KGError) else f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(store, req))


class _Worker:
    """A query process holding one store version open, and the pipe to it."""

    def __init__(self, ctx, version: Path):
        self.version = version
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(version)), daemon=True, name="kg-serve-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened the store; raise ServeError if it could not."""
        try:
            started = self.conn.poll(timeout)
        except OSError as err:  # the pool shut down and closed the pipe meanwhile
            raise ServeError(f"a query worker was stopped while starting ({err})") from err
        if not started:
            self.kill()
            raise ServeError(f"a query worker did not start within {timeout:.0f} s")
        try:
            status, message = self.conn.recv()
        except (EOFError, OSError):
            status, message = "error", f"the query worker exited with code {self.proc.exitcode}"
        if status != "ready":
            self.kill()
            raise ServeError(f"could not open the store: {message}")

    def ask(self, req: dict, timeout: float) -> _Reply | None:
        """Send a request; the reply, or ``None`` if none came within ``timeout`` seconds."""
        self.conn.send(req)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        """Stop the worker; safe to call twice (the pool's shutdown and a replacement may race)."""
        self.proc.kill()
        self.proc.join(5)
        try:
            self.conn.close()
        except OSError:
            pass  # closed already


class _Pool:
    """Query workers handed out one request at a time.

    A worker that overruns its time limit is killed and replaced.  When a build swaps in a
    new store version, workers still on the old one are replaced as they come back, so the
    server follows rebuilds without a restart (within a second or two).
    """

    RECHECK_SECONDS = 1.0

    def __init__(self, out: Path, size: int, start_timeout: float = 60.0):
        version = store_dir(out)
        if version is None:
            raise StoreError(f"no store in {out}/", hint=f"run `kg build PATH --out {out}` first")
        self.out = out
        self.version: Path = version
        self.checked = time.monotonic()
        self.ctx = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        self.lock = threading.Lock()
        self.all: set[_Worker] = set()
        workers = [self._spawn() for _ in range(size)]
        try:
            for w in workers:
                w.wait_ready(start_timeout)
        except ServeError:
            self.close()
            raise
        for w in workers:
            self.idle.put(w)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.ctx, self.version)
        with self.lock:
            self.all.add(worker)
        return worker

    def _replace(self, old: _Worker) -> None:
        """Kill ``old`` and put a fresh worker in the pool (runs off the request thread)."""
        old.kill()
        with self.lock:
            self.all.discard(old)
        if self.closed:
            return
        try:
            fresh = self._spawn()
            fresh.wait_ready(60.0)
        except ServeError as err:
            if not self.closed:
                logger.error("could not replace a query worker: %s", err)
            return
        if self.closed:
            fresh.kill()
        else:
            self.idle.put(fresh)

    def _replace_later(self, worker: _Worker) -> None:
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    def _follow_rebuilds(self) -> None:
        now = time.monotonic()
        if now - self.checked < self.RECHECK_SECONDS:
            return
        self.checked = now
        current = store_dir(self.out)
        if current is not None and current != self.version:
            logger.info("the store was rebuilt: now serving %s", current)
            self.version = current

    def run(self, req: dict, timeout: float) -> _Reply:
        """Answer ``req`` in a worker within ``timeout`` seconds (queueing included)."""
        deadline = time.monotonic() + timeout
        self._follow_rebuilds()
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise _HTTPError(503, "all query workers are busy; retry in a moment", [("Retry-After", "1")]) from None
        try:
            reply = worker.ask(req, deadline - time.monotonic())
        except (EOFError, OSError):
            self._replace_later(worker)
            raise _HTTPError(500, "a query worker failed; it has been restarted, retry the request") from None
        if reply is None:
            self._replace_later(worker)
            raise _HTTPError(
                503,
                f"query exceeded the time limit of {timeout:g} s and was stopped; "
                "narrow it (LIMIT, more specific patterns) or restart the server with a larger --timeout",
            )
        if worker.version != self.version:
            self._replace_later(worker)
        else:
            self.idle.put(worker)
        return reply

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.all)
            self.all.clear()
        for w in workers:
            w.kill()


# --------------------------------------------------------------------------- HTTP


def _text(status: int, message: str) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "text/plain; charset=utf-8")], (message.rstrip("\n") + "\n").encode()


def _is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _HTTPError(400, f"the {name} parameter was given {len(values)} times; give it once")
    return values[0]


def _graph_list(params: dict[str, list[str]], name: str) -> list[str] | None:
    values = params.get(name)
    if values is None:
        return None
    for v in values:
        if not _is_iri(v):
            raise _HTTPError(400, f"{name} {v!r} is not an absolute IRI")
    return list(values)


class _Handler(BaseHTTPRequestHandler):
    """One HTTP connection; the server object carries the configuration."""

    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    sys_version = ""
    timeout = IDLE_CONNECTION_SECONDS
    # Headers and body go out in two writes: with Nagle on, a keep-alive client waits ~40 ms
    # for the delayed ACK of the first before it sees the second.
    disable_nagle_algorithm = True
    server: "_HTTPServer"

    # ---- plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        logger.debug("%s %s", self.address_string(), format % args)

    def _send(self, status: int, headers: Iterable[tuple[str, str]], body: bytes | Path) -> None:
        headers = list(headers)
        length = body.stat().st_size if isinstance(body, Path) else len(body)
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        if status != 204:
            self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if isinstance(body, Path):
            with body.open("rb") as fh:
                shutil.copyfileobj(fh, self.wfile, 1 << 16)
        else:
            self.wfile.write(body)

    def _dispatch(self, route: Callable[[], tuple[int, list[tuple[str, str]], bytes | Path]]) -> None:
        try:
            self._check_host()
            status, headers, body = route()
        except _HTTPError as err:
            status, headers, body = _text(err.status, err.message)
            headers += list(err.headers)
        except Exception:  # noqa: BLE001 - log the traceback, answer one line
            logger.exception("error answering %s %s", self.command, self.path)
            status, headers, body = _text(500, "internal server error; see the server log")
            self.close_connection = True
        try:
            self._send(status, headers, body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            # The client went away mid-answer: nothing to tell it, and the worker is already free.
            logger.debug("client %s disconnected during %s %s", self.address_string(), self.command, self.path)
            self.close_connection = True

    def _check_host(self) -> None:
        """Refuse foreign ``Host`` names on a loopback server (DNS-rebinding defence)."""
        if not self.server.loopback_only:
            return
        host = self.headers.get("Host")
        if host is None:
            return
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        if name not in LOOPBACK_NAMES:
            raise _HTTPError(403, f"host {host!r} is not served here: this server answers loopback names only")

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise _HTTPError(411, "a request body needs a Content-Length header")
        try:
            size = int(length)
        except ValueError:
            self.close_connection = True
            raise _HTTPError(400, "invalid Content-Length") from None
        if size < 0 or size > MAX_BODY_BYTES:
            self.close_connection = True
            raise _HTTPError(413, f"request body over {MAX_BODY_BYTES} bytes")
        return self.rfile.read(size)

    def _split(self) -> tuple[str, dict[str, list[str]]]:
        parts = urlsplit(self.path)
        return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)

    # ---- methods

    def do_GET(self) -> None:
        self._dispatch(self._route_get)

    def do_HEAD(self) -> None:
        self._dispatch(self._route_get)

    def do_POST(self) -> None:
        self._dispatch(self._route_post)

    def _refuse_write(self) -> None:
        self._dispatch(self._route_write)

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _route_write(self) -> tuple[int, list[tuple[str, str]], bytes]:
        path, _ = self._split()
        # Never read a write's body: close the connection instead of draining it.
        self.close_connection = True
        if path in ("/store", "/sparql", "/update"):
            return _text(403, "this server is read-only: Graph Store writes are refused")
        return _text(405, f"{self.command} is not supported on {path}")

    def _route_get(self):
        path, params = self._split()
        if path == "/sparql":
            if "update" in params:
                return _text(403, "this server is read-only: SPARQL Update is refused")
            query = _single(params, "query")
            if query is None:
                if self.command == "HEAD" or not params:
                    return self._sparql_info()
                raise _HTTPError(400, "missing the query parameter")
            return self._sparql(query, params)
        if path == "/store":
            return self._store_read(params)
        if path.startswith("/kit/"):
            return self._kit(path[len("/kit/"):], params)
        if path == "/update":
            return _text(403, "this server is read-only: SPARQL Update is refused")
        if path in ("/query", "/query/"):
            return 200, self._page_headers("text/html; charset=utf-8"), WEB_DIR / "query.html"
        if path == "/query/kit.json":
            return 200, [("Content-Type", "application/json")], self.server.kit_json
        if path == "/favicon.ico":  # browsers ask on every page; an empty answer keeps consoles clean
            return 204, [], b""
        if path.startswith("/static/"):
            return self._static(WEB_DIR, path[len("/static/"):], page=False)
        if path in ("/", "/index.html"):
            index = self.server.out / "index.html"
            if not index.is_file():
                return _text(404, "no pages built yet: run `kg viz` to write them; the query page is at /query")
            return 200, [("Content-Type", "text/html; charset=utf-8")], index
        top = path.lstrip("/").split("/", 1)[0]
        if top in PAGE_DIRS:
            return self._static(self.server.out, path.lstrip("/"), page=True)
        return _text(404, f"nothing at {path}: see / (pages), /query (query page), /sparql (endpoint)")

    def _route_post(self):
        path, params = self._split()
        if path == "/update":
            self.close_connection = True
            return _text(403, "this server is read-only: SPARQL Update is refused")
        if path == "/store":
            self.close_connection = True
            return _text(403, "this server is read-only: Graph Store writes are refused")
        if path != "/sparql":
            self.close_connection = True
            return _text(405 if path in ("/query", "/") else 404, f"POST is not supported on {path}")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            self.close_connection = True
            return _text(403, "this server is read-only: SPARQL Update is refused")
        body = self._read_body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _HTTPError(400, "the request body is not UTF-8") from None
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return _text(403, "this server is read-only: SPARQL Update is refused")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            query = _single(params, "query")
            if query is None:
                raise _HTTPError(400, "missing the query parameter in the form")
            return self._sparql(query, params)
        if ctype == "application/sparql-query":
            return self._sparql(text, params)
        return _text(
            415,
            f"unsupported Content-Type {ctype or '(none)'}: POST application/sparql-query "
            "or application/x-www-form-urlencoded",
        )

    # ---- SPARQL

    def _sparql_info(self):
        message = (
            "SPARQL 1.1 query endpoint (read-only). Send ?query=... by GET, or POST "
            "application/sparql-query or a form; the query page is at /query."
        )
        return _text(200, message)

    def _sparql(self, query: str, params: dict[str, list[str]]):
        keywords = sparql_keywords(query)
        if "SERVICE" in keywords:
            return _text(403, "federated queries (SERVICE) are disabled on this server")
        results, graph = negotiate(self.headers.get("Accept"), _single(params, "format"))
        req = {
            "kind": "query",
            "query": query,
            "default_graphs": _graph_list(params, "default-graph-uri"),
            "named_graphs": _graph_list(params, "named-graph-uri"),
            "has_dataset_clause": "FROM" in keywords,
            "results_format": results.name if results else None,
            "graph_format": graph.name if graph else None,
            "max_results": self.server.max_results,
        }
        return self._run(req)

    def _kit(self, name: str, params: dict[str, list[str]]):
        try:
            get_query(name)
        except QueryError as err:
            raise _HTTPError(404, str(err)) from None
        values = {}
        for key, given in params.items():
            if key == "format":
                continue
            if len(given) != 1:
                raise _HTTPError(400, f"give the parameter {key} once")
            values[key] = given[0]
        results, _ = negotiate(self.headers.get("Accept"), _single(params, "format"))
        req = {
            "kind": "kit",
            "name": name,
            "params": values,
            "results_format": results.name if results else None,
            "graph_format": None,
            "max_results": self.server.max_results,
        }
        return self._run(req)

    def _store_read(self, params: dict[str, list[str]]):
        graph = _single(params, "graph")
        if graph is None and "default" not in params:
            raise _HTTPError(400, "name a graph: /store?graph=IRI or /store?default")
        if graph is not None and not _is_iri(graph):
            raise _HTTPError(400, f"graph {graph!r} is not an absolute IRI")
        _, fmt = negotiate(self.headers.get("Accept"), _single(params, "format"))
        req = {
            "kind": "graph",
            "graph": graph,
            "graph_format": fmt.name if fmt else None,
            "max_results": self.server.max_results,
        }
        return self._run(req)

    def _run(self, req: dict):
        reply = self.server.pool.run(req, self.server.query_timeout)
        if reply.log:
            logger.error("error answering %s %s:\n%s", self.command, self.path, reply.log)
        headers = list(reply.headers) + [("Cache-Control", "no-store")]
        return reply.status, headers, reply.body

    # ---- static files

    def _page_headers(self, ctype: str) -> list[tuple[str, str]]:
        # The query page's scripts are files served from here; nothing loads from elsewhere.
        csp = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
        )
        return [("Content-Type", ctype), ("Content-Security-Policy", csp)]

    def _static(self, root: Path, rel: str, *, page: bool):
        target = safe_join(root, rel)
        if target is None:
            return _text(403, "path not allowed")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return _text(404, f"no such page: /{rel}" if page else "no such file")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        return 200, [("Content-Type", ctype)], target


def safe_join(root: Path, rel: str) -> Path | None:
    """``root/rel`` if it stays inside ``root`` (symlinks resolved), else ``None``."""
    if "\x00" in rel or "\\" in rel:
        return None
    segments = rel.split("/")
    if any(s in (".", "..") or s.startswith(".") for s in segments):
        return None
    base = root.resolve()
    try:
        target = base.joinpath(*[s for s in segments if s]).resolve()
    except (OSError, RuntimeError):
        return None
    if target != base and base not in target.parents:
        return None
    return target


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # 50 clients connecting at once must not overflow the listen backlog (the default is 5).
    request_queue_size = 128

    out: Path
    pool: _Pool
    query_timeout: float
    max_results: int
    kit_json: bytes
    loopback_only: bool


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


def _kit_json(out: Path) -> bytes:
    items = [{"name": k.name, "description": k.description, "params": list(k.params), "query": k.text,
              "kit": k.kit_url}
             for k in kit_examples(open_store(out))]
    return json.dumps({"endpoint": "/sparql", "prefixes": PREFIXES, "queries": items}, ensure_ascii=False).encode()


def _is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    return host.startswith("127.")


class SparqlServer:
    """The read-only SPARQL server over ``OUT/store``, startable and stoppable from code.

    ``with SparqlServer(out, port=0) as server: httpx.get(server.url + "sparql", ...)`` runs
    it in a background thread; :func:`serve` runs it in the foreground.
    """

    def __init__(
        self,
        out: Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        timeout: float = 10.0,
        max_results: int = 10000,
        workers: int | None = None,
    ):
        if timeout <= 0:
            raise ServeError(f"timeout must be positive, not {timeout}")
        if max_results < 1:
            raise ServeError(f"max_results must be at least 1, not {max_results}")
        self.out = Path(out)
        self.host, self.port = host, port
        self.timeout, self.max_results = timeout, max_results
        self.workers = workers or max(2, min(4, os.cpu_count() or 2))
        self._httpd: _HTTPServer | None = None
        self._pool: _Pool | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, ending in ``/``."""
        if self._httpd is None:
            raise ServeError("the server is not started")
        host, port = self._httpd.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def start(self) -> "SparqlServer":
        """Open the store in the workers and bind the socket (does not serve yet)."""
        self._pool = _Pool(self.out, self.workers)
        try:
            kit = _kit_json(self.out)
        except BaseException:
            self._pool.close()
            raise
        try:
            server_class = _HTTPServer6 if ":" in self.host else _HTTPServer
            httpd = server_class((self.host, self.port), _Handler)
        except OSError as err:
            self._pool.close()
            raise ServeError(
                f"cannot listen on {self.host}:{self.port}: {err.strerror or err}",
                hint="pass another --port, or stop whatever is using that one",
            ) from None
        httpd.out = self.out
        httpd.pool = self._pool
        httpd.query_timeout = self.timeout
        httpd.max_results = self.max_results
        httpd.kit_json = kit
        httpd.loopback_only = _is_loopback(self.host)
        self._httpd = httpd
        return self

    def serve_forever(self) -> None:
        """Answer requests until :meth:`stop` is called (from another thread) or Ctrl-C."""
        if self._httpd is None:
            self.start()
        assert self._httpd is not None
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self.close()

    def stop(self) -> None:
        """Stop serving and end the worker processes."""
        if self._httpd is not None and self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(10)
            self._thread = None
        self.close()

    def close(self) -> None:
        if self._httpd is not None:
            self._httpd.server_close()
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> "SparqlServer":
        self.start()
        assert self._httpd is not None
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(
    out: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 10.0,
    max_results: int = 10000,
    ready: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> None:
    """Serve ``OUT/store`` read-only over SPARQL 1.1 with the query page and the built pages.

    Blocks until interrupted.  ``ready(url)`` is called with the base URL (ending in ``/``)
    once the socket listens; ``port=0`` picks a free port.

    Raises:
        StoreError: there is no store under ``out``.
        ServeError: the store cannot be opened or the address cannot be bound.
    """
    server = SparqlServer(out, host, port, timeout=timeout, max_results=max_results, workers=workers)
    server.start()
    try:
        if ready is not None:
            ready(server.url)
        server.serve_forever()
    finally:
        server.close()
