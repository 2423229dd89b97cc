"""Push the store's graphs to a SPARQL 1.1 Graph Store Protocol server.

Every named graph goes out as ``PUT <graph-store>?graph=<iri>``, which replaces the graph on
the server, so pushing twice leaves one copy.  Large graphs go in batches of N-Triples: the
first batch is a ``PUT`` (replace), the rest are ``POST`` (append).  A graph holding blank
nodes is always sent in one request, because a server scopes blank-node labels to one request
body and splitting would turn one node into several.  Bodies are N-Triples sent as
``text/turtle`` (N-Triples is a subset of Turtle), the one RDF media type that Oxigraph,
Fuseki, GraphDB, Virtuoso and QLever all accept.

Transient failures (connection errors, timeouts, HTTP 408/429/502/503/504) are retried with
exponential backoff; anything else stops the push with a ``ServeError`` naming the graph, the
HTTP status and the server's own message.  After the push, the server's SPARQL endpoint is
asked how many triples each graph holds, and graphs whose count differs are listed in the
report.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg.errors import ServeError
from kg.rdf.store import open_store
from kg.rdf.uris import BASE

GRAPH_PREFIX = BASE + "graph/"
"""Graphs under this prefix are ours: ``prune`` may delete them from a server, nothing else."""

TRANSIENT_STATUS = frozenset({408, 425, 429, 502, 503, 504})
"""HTTP statuses worth retrying: the server is busy or a proxy in front of it is."""

BODY_TYPE = "text/turtle; charset=utf-8"

# No parameters and nothing spliced in: one pass over the server's graphs, compared locally.
COUNT_GRAPHS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass(frozen=True)
class GraphPushed:
    """One graph sent: its IRI (``""`` for the default graph) and what it took."""

    graph: str
    triples: int
    requests: int
    retries: int = 0
    remote_triples: int | None = None
    """Triples the server reports for the graph after the push (``None``: not verified)."""


@dataclass(frozen=True)
class PushReport:
    """What a push sent where, and whether the server now holds the same counts."""

    endpoint: str
    graph_store: str
    graphs: int
    triples: int
    seconds: float
    pushed: tuple[GraphPushed, ...]
    verified: bool
    deleted: tuple[str, ...] = ()
    """Graphs deleted from the server by ``prune`` (ours there, no longer in the store)."""

    @property
    def mismatches(self) -> tuple[GraphPushed, ...]:
        """Graphs whose triple count on the server differs from the store's."""
        return tuple(g for g in self.pushed if g.remote_triples is not None and g.remote_triples != g.triples)


def graph_store_url(endpoint: str, *, with_auth: bool = False) -> str:
    """The Graph Store Protocol URL that goes with a SPARQL query endpoint, by server convention.

    Oxigraph ``/query`` -> ``/store``; Fuseki ``/DS/sparql`` or ``/DS/query`` -> ``/DS/data``;
    GraphDB ``/repositories/ID`` -> ``/repositories/ID/rdf-graphs/service``; Virtuoso ``/sparql``
    -> ``/sparql-graph-crud`` (``-auth`` when credentials are given).

    Raises:
        ServeError: the endpoint follows none of these conventions.
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServeError(f"endpoint {endpoint!r} is not an http(s) URL")
    segments = [s for s in parts.path.split("/") if s]
    path = None
    if segments == ["query"]:
        path = "/store"
    elif segments == ["sparql"]:
        path = "/sparql-graph-crud-auth" if with_auth else "/sparql-graph-crud"
    elif len(segments) >= 2 and segments[-2] == "repositories":
        path = "/" + "/".join(segments + ["rdf-graphs", "service"])
    elif len(segments) >= 2 and segments[-1] in ("sparql", "query"):
        path = "/" + "/".join(segments[:-1] + ["data"])
    if path is None:
        raise ServeError(
            f"cannot tell the Graph Store Protocol URL of {endpoint}",
            hint="pass --graph-store, e.g. http://host:7878/store (Oxigraph), http://host:3030/DS/data (Fuseki)",
        )
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _target(graph_store: str, graph: str) -> httpx.URL:
    url = httpx.URL(graph_store)
    if graph:
        return url.copy_add_param("graph", graph)
    # ``?default`` with no value: some servers reject ``default=``.
    query = url.query.decode()
    return url.copy_with(query=((query + "&" if query else "") + "default").encode())


def _batches(store, graph, batch_size: int) -> Iterator[list]:
    """The graph's triples in lists of ``batch_size``, or one list if it has blank nodes."""
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    has_blank = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
    if has_blank or len(triples) <= batch_size:
        yield triples
        return
    for start in range(0, len(triples), batch_size):
        yield triples[start : start + batch_size]


def _server_text(response: httpx.Response, limit: int = 300) -> str:
    text = " ".join(response.text.split())
    return text[:limit] + ("..." if len(text) > limit else "") if text else "(empty response body)"


def _retry_after(response: httpx.Response | None, default: float) -> float:
    if response is None:
        return default
    value = response.headers.get("Retry-After", "")
    try:
        return min(max(float(value), 0.0), 60.0)
    except ValueError:
        return default


def _send(
    client: httpx.Client,
    method: str,
    url: httpx.URL,
    body: bytes,
    *,
    label: str,
    retries: int,
    backoff: float,
) -> int:
    """Send one request, retrying transient failures; return how many retries it took."""
    last = ""
    headers = {} if method == "DELETE" else {"Content-Type": BODY_TYPE}
    for attempt in range(retries + 1):
        response = None
        try:
            response = client.request(method, url, content=body, headers=headers)
        except httpx.TransportError as err:
            last = f"{type(err).__name__}: {err}"
        else:
            if response.status_code < 300:
                return attempt
            if response.status_code not in TRANSIENT_STATUS:
                raise ServeError(
                    f"pushing {label} failed: HTTP {response.status_code} from {method} {url}: {_server_text(response)}",
                    hint=_hint(response.status_code),
                )
            last = f"HTTP {response.status_code}: {_server_text(response)}"
        if attempt < retries:
            time.sleep(_retry_after(response, backoff * 2**attempt))
    raise ServeError(
        f"pushing {label} failed after {retries + 1} attempts: {last}",
        hint="check that the server is up and reachable, then push again (it replaces graphs)",
    )


def _hint(status: int) -> str | None:
    return {
        401: "give credentials with --auth user:password or --token",
        403: "the server refused the write: is it read-only, or do these credentials lack write access?",
        404: "check --graph-store: the server has no Graph Store Protocol service at that URL",
        405: "check --graph-store: that URL does not accept Graph Store writes",
        413: "the server limits request size: push with a smaller batch size",
        415: "the server does not accept text/turtle bodies at that URL; check --graph-store",
    }.get(status)


def _remote_counts(client: httpx.Client, endpoint: str, retries: int, backoff: float) -> dict[str, int]:
    """Triples per named graph according to the server's SPARQL endpoint."""
    last = ""
    for attempt in range(retries + 1):
        try:
            response = client.post(
                endpoint,
                data={"query": COUNT_GRAPHS_QUERY},
                headers={"Accept": "application/sparql-results+json"},
            )
        except httpx.TransportError as err:
            last = f"{type(err).__name__}: {err}"
        else:
            if response.status_code < 300:
                try:
                    rows = response.json()["results"]["bindings"]
                    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if "g" in r and "n" in r}
                except (ValueError, KeyError, TypeError):
                    raise ServeError(
                        f"the endpoint {endpoint} did not answer with SPARQL JSON results: {_server_text(response)}",
                        hint="check --endpoint: it must be the server's SPARQL query URL",
                    ) from None
            if response.status_code not in TRANSIENT_STATUS:
                raise ServeError(
                    f"counting the pushed graphs failed: HTTP {response.status_code} from {endpoint}: "
                    f"{_server_text(response)}",
                    hint="check --endpoint, or push with verification off",
                )
            last = f"HTTP {response.status_code}"
        if attempt < retries:
            time.sleep(backoff * 2**attempt)
    raise ServeError(f"counting the pushed graphs at {endpoint} failed after {retries + 1} attempts: {last}")


def _client(auth, token: str | None, timeout: float) -> httpx.Client:
    if auth is not None and token is not None:
        raise ServeError("give either user:password credentials or a token, not both")
    headers = {"User-Agent": "kg-push"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(auth=auth, headers=headers, timeout=timeout, follow_redirects=False)


def push(
    out: Path,
    endpoint: str,
    graph_store: str | None = None,
    auth: tuple[str, str] | httpx.Auth | None = None,
    *,
    token: str | None = None,
    timeout: float = 60,
    batch_size: int = 50_000,
    retries: int = 4,
    backoff: float = 0.5,
    verify: bool = True,
    prune: bool = False,
    client: httpx.Client | None = None,
) -> PushReport:
    """Send every graph of ``OUT/store`` to a Graph Store Protocol server, replacing each one.

    Args:
        out: the output folder holding the store.
        endpoint: the server's SPARQL query URL (used to verify the push, and to derive
            ``graph_store`` when that is not given: see :func:`graph_store_url`).
        graph_store: the server's Graph Store Protocol URL.
        auth: ``(user, password)`` for HTTP basic auth, or any ``httpx.Auth`` (e.g. digest).
        token: a bearer token (instead of ``auth``).
        timeout: seconds allowed per HTTP request.
        batch_size: most triples per request; larger graphs are sent in several.
        retries: extra attempts for a request that fails transiently.
        backoff: first retry delay in seconds, doubled at each retry.
        verify: count each graph's triples on the server afterwards.
        prune: delete graphs under ``GRAPH_PREFIX`` that the server holds and the store no
            longer does (reports dropped from the corpus); other graphs are never touched.
        client: an ``httpx.Client`` to use instead of a new one (auth, token and timeout are
            then the client's).

    Raises:
        StoreError: the store cannot be opened.
        ServeError: a graph could not be pushed (the message names it, with the HTTP status and
            the server's text), or the push could not be verified.
    """
    if batch_size < 1:
        raise ServeError(f"batch_size must be at least 1, not {batch_size}")
    target = graph_store or graph_store_url(endpoint, with_auth=auth is not None)
    store = open_store(Path(out), read_only=True)
    graphs: list = sorted(store.named_graphs(), key=lambda g: g.value)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs.append(ox.DefaultGraph())

    started = time.perf_counter()
    own_client = client is None
    http = client or _client(auth, token, timeout)
    pushed: list[GraphPushed] = []
    try:
        for graph in graphs:
            iri = "" if isinstance(graph, ox.DefaultGraph) else graph.value
            label = f"graph <{iri}>" if iri else "the default graph"
            url = _target(target, iri)
            count = requests = retried = 0
            for batch in _batches(store, graph, batch_size):
                body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
                method = "PUT" if requests == 0 else "POST"
                retried += _send(http, method, url, body, label=label, retries=retries, backoff=backoff)
                requests += 1
                count += len(batch)
            pushed.append(GraphPushed(iri, count, requests, retried))
        deleted: list[str] = []
        if prune:
            ours = {p.graph for p in pushed}
            for iri in sorted(_remote_counts(http, endpoint, retries, backoff)):
                if iri.startswith(GRAPH_PREFIX) and iri not in ours:
                    _send(http, "DELETE", _target(target, iri), b"", label=f"stale graph <{iri}>",
                          retries=retries, backoff=backoff)
                    deleted.append(iri)
        if verify:
            remote = _remote_counts(http, endpoint, retries, backoff)
            pushed = [
                GraphPushed(p.graph, p.triples, p.requests, p.retries, remote.get(p.graph, 0)) if p.graph else p
                for p in pushed
            ]
    finally:
        if own_client:
            http.close()
    return PushReport(
        endpoint=endpoint,
        graph_store=target,
        graphs=len(pushed),
        triples=sum(p.triples for p in pushed),
        seconds=time.perf_counter() - started,
        pushed=tuple(pushed),
        verified=verify,
        deleted=tuple(deleted),
    )
