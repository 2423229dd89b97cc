"""The read-only SPARQL server: protocol, formats, dataset, limits, safety, pages, query page."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fixtures_graph import FIXTURE, synthetic_spec, write_store

from kg.errors import QueryError, ServeError, StoreError
from kg.query import _plain, convert_param, list_queries, run_named_query
from kg.serve import (
    SparqlServer,
    _answer,
    bind_values,
    kit_examples,
    negotiate,
    safe_join,
    sparql_keywords,
    where_body_offset,
)

ID = "https://w3id.org/igfkg/id/"
MAX_RESULTS = 60
TIMEOUT = 2.0
# Every quad paired with every other, four ways (hundreds of billions of rows): never done in TIMEOUT.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """An output folder: the fixture store, some built pages, and things that must stay private."""
    root = tmp_path_factory.mktemp("serve")
    out = write_store(root / "out")
    (out / "index.html").write_text("<h1>index page</h1>")
    (out / "viz").mkdir()
    (out / "viz" / "people.html").write_text("<h1>people network</h1>")
    (out / "viz" / ".hidden").write_text("hidden")
    (out / "topics").mkdir()
    (out / "topics" / "gdc.html").write_text("<h1>topic gdc</h1>")
    (out / "secret.txt").write_text("SECRET")
    (root / "outside.txt").write_text("OUTSIDE")
    (out / "viz" / "escape").symlink_to(root)
    return out


@pytest.fixture(scope="module")
def server(site):
    with SparqlServer(site, port=0, timeout=TIMEOUT, max_results=MAX_RESULTS, workers=2) as srv:
        yield srv


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def local(site):
    """The same store opened in-process, to compare answers with."""
    return ox.Store.read_only(str(site / "store"))


def _raw(server, request: bytes, read: int | None = None) -> bytes:
    """Send exact bytes (no client-side path normalisation) and return the response."""
    host, port = server.url.split("//")[1].rstrip("/").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
            if read is not None and sum(map(len, chunks)) >= read:
                break
        return b"".join(chunks)


def _get_raw(server, path: str) -> tuple[int, bytes]:
    response = _raw(server, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# --------------------------------------------------------------------------- protocol & formats


PEOPLE = "PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"


@pytest.mark.parametrize(
    ("accept", "fmt", "ctype", "check"),
    [
        (None, None, "application/sparql-results+json", lambda b: len(json.loads(b)["results"]["bindings"])),
        ("application/sparql-results+json", None, "application/sparql-results+json",
         lambda b: len(json.loads(b)["results"]["bindings"])),
        ("application/sparql-results+xml", None, "application/sparql-results+xml", lambda b: b.count(b"<result>")),
        ("text/csv", None, "text/csv", lambda b: len(b.decode().strip().splitlines()) - 1),
        ("text/tab-separated-values", None, "text/tab-separated-values",
         lambda b: len(b.decode().strip().splitlines()) - 1),
        ("text/html,application/xhtml+xml,*/*;q=0.8", None, "application/sparql-results+json",
         lambda b: len(json.loads(b)["results"]["bindings"])),
        ("application/json", "csv", "text/csv", lambda b: len(b.decode().strip().splitlines()) - 1),
        (None, "tsv", "text/tab-separated-values", lambda b: len(b.decode().strip().splitlines()) - 1),
        (None, "xml", "application/sparql-results+xml", lambda b: b.count(b"<result>")),
    ],
)
def test_serve_select_formats(http, accept, fmt, ctype, check):
    params = {"query": PEOPLE} | ({"format": fmt} if fmt else {})
    r = http.get("sparql", params=params, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)
    assert check(r.content) == len(FIXTURE["people"])


@pytest.mark.parametrize(
    ("accept", "fmt", "ctype", "rdf_format"),
    [
        (None, None, "text/turtle", ox.RdfFormat.TURTLE),
        ("text/turtle", None, "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", None, "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", None, "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", None, "application/rdf+xml", ox.RdfFormat.RDF_XML),
        (None, "jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
        (None, "nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_serve_construct_formats(http, local, accept, fmt, ctype, rdf_format):
    query = "CONSTRUCT { ?s <https://schema.org/name> ?o } WHERE { ?s <https://schema.org/name> ?o }"
    params = {"query": query} | ({"format": fmt} if fmt else {})
    r = http.get("sparql", params=params, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)
    got = {q.triple for q in ox.parse(r.content, format=rdf_format)}
    assert got == set(local.query(query, use_default_graph_as_union=True))


@pytest.mark.parametrize(("query", "expected"), [
    ("ASK { ?p a <https://schema.org/Person> }", True),
    ("ASK { ?p a <https://schema.org/Dragon> }", False),
])
def test_serve_ask(http, query, expected):
    r = http.get("sparql", params={"query": query})
    assert r.status_code == 200
    assert json.loads(r.content)["boolean"] is expected


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_serve_accepts_get_form_and_direct_post(http, how):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    if how == "get":
        r = http.get("sparql", params={"query": query})
    elif how == "form":
        r = http.post("sparql", data={"query": query})
    else:
        r = http.post("sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200, r.text
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0


def _count(http, query, **params) -> int:
    r = http.get("sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_serve_default_graph_is_union_of_named_graphs(http, local):
    quads = list(local.quads_for_pattern(None, None, None))
    assert quads and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert _count(http, distinct) == len({q.triple for q in quads})
    # Oxigraph's union keeps one row per graph stating a triple (a bag): DISTINCT merges them.
    assert _count(http, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == len(quads)


def test_serve_honours_dataset_parameters_and_from(http, local):
    r1 = ox.NamedNode(ID + "graph/r1")
    size_r1 = len(list(local.quads_for_pattern(None, None, None, r1)))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(http, count, **{"default-graph-uri": r1.value}) == size_r1
    assert _count(http, f"SELECT (COUNT(*) AS ?n) FROM <{r1.value}> WHERE {{ ?s ?p ?o }}") == size_r1
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(http, graphs, **{"named-graph-uri": r1.value}) == 1
    # named-graph-uri alone leaves the default graph empty (SPARQL 1.1 Query 13.2).
    assert _count(http, count, **{"named-graph-uri": r1.value}) == 0


def test_serve_rejects_bad_dataset_iri(http):
    r = http.get("sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert r.status_code == 400
    assert "not an absolute IRI" in r.text


# --------------------------------------------------------------------------- errors & limits


@pytest.mark.parametrize(("request_kwargs", "status", "message"), [
    ({"method": "GET", "url": "sparql", "params": {"query": "SELEC ?x {}"}}, 400, "malformed query"),
    ({"method": "GET", "url": "sparql", "params": {"foo": "bar"}}, 400, "missing the query parameter"),
    ({"method": "GET", "url": "sparql", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "given 2 times"),
    ({"method": "GET", "url": "sparql", "params": {"query": "ASK {}", "format": "pdf"}}, 400, "unknown format"),
    ({"method": "GET", "url": "sparql", "params": {"query": PEOPLE}, "headers": {"Accept": "text/turtle"}},
     406, "no acceptable format for SELECT"),
    ({"method": "GET", "url": "sparql", "params": {"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
      "headers": {"Accept": "text/csv"}}, 406, "no acceptable format for CONSTRUCT"),
    ({"method": "POST", "url": "sparql", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
     415, "unsupported Content-Type"),
    ({"method": "POST", "url": "sparql", "content": b"\xff\xfe",
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "not UTF-8"),
    ({"method": "POST", "url": "sparql", "content": b"x" * ((1 << 20) + 1),
      "headers": {"Content-Type": "application/sparql-query"}}, 413, "request body over"),
    ({"method": "GET", "url": "store"}, 400, "name a graph"),
    ({"method": "GET", "url": "store", "params": {"graph": ID + "graph/nope"}}, 404, "no graph"),
    ({"method": "GET", "url": "nowhere"}, 404, "nothing at /nowhere"),
])
def test_serve_client_errors_are_clear(http, request_kwargs, status, message):
    r = http.request(**request_kwargs)
    assert r.status_code == status, r.text
    assert message in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize(("method", "path", "headers", "body"), [
    ("GET", "sparql?update=CLEAR%20ALL", {}, b""),
    ("POST", "sparql", {"Content-Type": "application/x-www-form-urlencoded"}, b"update=CLEAR+ALL"),
    ("POST", "sparql", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL"),
    ("POST", "update", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL"),
    ("PUT", f"store?graph={ID}graph/r1", {"Content-Type": "text/turtle"}, b"<a:b> <a:c> <a:d> ."),
    ("POST", f"store?graph={ID}graph/r1", {"Content-Type": "text/turtle"}, b"<a:b> <a:c> <a:d> ."),
    ("DELETE", f"store?graph={ID}graph/r1", {}, b""),
    ("DELETE", "store?default", {}, b""),
])
def test_serve_refuses_writes(http, local, method, path, headers, body):
    before = len(list(local.quads_for_pattern(None, None, None)))
    r = http.request(method, path, headers=headers, content=body)
    assert r.status_code == 403
    assert "read-only" in r.text
    assert _count(http, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


@pytest.mark.parametrize(("query", "refused"), [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) SERVICE ?x { ?a ?b ?c } }", True),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" }', False),
    ("SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }", False),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?service }", False),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/>", False),
])
def test_serve_refuses_federated_queries(http, query, refused):
    r = http.get("sparql", params={"query": query})
    assert (r.status_code == 403) is refused, r.text
    if refused:
        assert "SERVICE" in r.text


@pytest.mark.parametrize(("query", "rows"), [
    ("SELECT * WHERE { ?s ?p ?o }", MAX_RESULTS),
    ("CONSTRUCT WHERE { ?s ?p ?o }", MAX_RESULTS),
    (PEOPLE, len(FIXTURE["people"])),
])
def test_serve_truncates_large_results_and_says_so(http, query, rows):
    r = http.get("sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values, application/n-triples"})
    assert r.status_code == 200
    lines = r.text.strip().splitlines()
    got = len(lines) - 1 if query.startswith(("SELECT", "PREFIX")) else len(lines)
    assert got == rows
    assert r.headers["x-kg-max-results"] == str(MAX_RESULTS)
    assert (r.headers.get("x-kg-truncated") == "true") is (rows == MAX_RESULTS)


def test_serve_truncated_json_is_valid(http):
    r = http.get("sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == MAX_RESULTS
    assert r.headers["x-kg-truncated"] == "true"


def test_serve_stops_a_query_over_the_time_limit(http):
    started = time.monotonic()
    r = http.get("sparql", params={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert "time limit" in r.text
    assert elapsed < TIMEOUT + 2
    # The killed worker is replaced: the server keeps answering, more than one query at a time.
    for _ in range(6):
        assert _count(http, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0


def test_serve_internal_errors_stay_in_the_log():
    class Broken:
        def query(self, *args, **kwargs):
            raise OSError("disk on fire")

    reply = _answer(Broken(), {"kind": "query", "query": "ASK {}", "default_graphs": None, "named_graphs": None,
                               "has_dataset_clause": False, "results_format": "json", "graph_format": "turtle",
                               "max_results": 10})
    assert reply.status == 500
    assert b"disk on fire" not in reply.body and b"Traceback" not in reply.body
    assert "disk on fire" in reply.log and "Traceback" in reply.log


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """A server over a store whose full dump (several MB) outgrows the socket buffers."""
    out = write_store(tmp_path_factory.mktemp("big") / "out", synthetic_spec(5000))
    with SparqlServer(out, port=0, timeout=30, max_results=1_000_000, workers=1) as srv:
        yield srv


@pytest.mark.slow
def test_serve_survives_clients_that_disconnect_mid_result(big_server, caplog):
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        f"Accept: application/n-triples\r\nContent-Length: {len(query)}\r\n\r\n{query}"
    ).encode()
    caplog.set_level(logging.DEBUG, logger="kg.serve")
    for _ in range(3):  # read the first bytes of a multi-megabyte answer, then hang up
        partial = _raw(big_server, request, read=100)
        assert partial.startswith(b"HTTP/1.1 200")
    host, port = big_server.url.split("//")[1].rstrip("/").rsplit(":", 1)
    for _ in range(2):  # hang up before the answer is even written
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(request)
    with httpx.Client(base_url=big_server.url, timeout=30) as http:
        for _ in range(2):
            r = http.post("sparql", content=query.encode(), headers={
                "Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
            assert r.status_code == 200
            assert len(r.content) > 1_000_000
            assert "x-kg-truncated" not in r.headers
    assert any("disconnected" in rec.getMessage() for rec in caplog.records)


@pytest.mark.parametrize("graph", ["graph/r2", "graph/corpus"])
def test_serve_graph_store_read(http, local, graph):
    g = ox.NamedNode(ID + graph)
    r = http.get("store", params={"graph": g.value}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    got = {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)}
    stored = {q.triple for q in local.quads_for_pattern(None, None, None, g)}
    assert got <= stored and len(got) == min(len(stored), MAX_RESULTS)
    assert (r.headers.get("x-kg-truncated") == "true") is (len(stored) > MAX_RESULTS)


def test_serve_refuses_foreign_host_names(http):
    r = http.get("sparql", params={"query": "ASK {}"}, headers={"Host": "attacker.example:7878"})
    assert r.status_code == 403
    assert "loopback" in r.text


# --------------------------------------------------------------------------- pages & query page


@pytest.mark.parametrize(("path", "content"), [
    ("/", b"index page"),
    ("/index.html", b"index page"),
    ("/viz/people.html", b"people network"),
    ("/topics/gdc.html", b"topic gdc"),
])
def test_serve_built_pages(http, path, content):
    r = http.get(path)
    assert r.status_code == 200
    assert content in r.content
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", [
    "/viz/../secret.txt",
    "/viz/%2e%2e/secret.txt",
    "/viz/..%2fsecret.txt",
    "/viz/%2e%2e%2f%2e%2e%2foutside.txt",
    "/topics/..\\secret.txt",
    "/viz/escape/outside.txt",
    "/viz/.hidden",
    "/static/../serve.py",
    "/static/%2e%2e/serve.py",
    "/secret.txt",
    "/store/CURRENT",
    "//etc/passwd",
    "/viz/%00",
])
def test_serve_refuses_paths_outside_the_pages(server, path):
    status, body = _get_raw(server, path)
    assert status in (400, 403, 404)
    assert b"SECRET" not in body and b"OUTSIDE" not in body and b"import" not in body


def test_serve_query_page_and_assets(http):
    page = http.get("/query")
    assert page.status_code == 200
    assert b"/static/yasgui/yasgui.min.js" in page.content
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset, ctype in [("/static/yasgui/yasgui.min.js", "javascript"), ("/static/yasgui/yasgui.min.css", "text/css"),
                         ("/static/query.js", "javascript"), ("/static/yasgui/LICENSE.txt", "text/plain")]:
        r = http.get(asset)
        assert r.status_code == 200, asset
        assert ctype in r.headers["content-type"]


def test_serve_query_page_offers_the_kit_with_parameters_bound(http):
    kit = http.get("/query/kit.json").json()
    assert kit["endpoint"] == "/sparql"
    assert kit["prefixes"]["kg"] == "https://w3id.org/igfkg/ontology#"
    by_name = {q["name"]: q for q in kit["queries"]}
    assert list(by_name) == [q.name for q in list_queries()]
    # The documented example "GDC" names a topic of this store: it is bound as the topic's IRI.
    assert f"VALUES ?topic {{ <{ID}topic/gdc> }}" in by_name["people-on-topic"]["query"]
    for item in kit["queries"]:  # every example runs as shown
        r = http.post("sparql", data={"query": item["query"]})
        assert r.status_code == 200, (item["name"], r.text)
        assert all(f"VALUES ?{p} {{" in item["query"] for p in item["params"])
    # ... and through /kit, bound by substitution, with the same rows.
    assert by_name["people-on-topic"]["kit"] == "/kit/people-on-topic?topic=GDC&page=1"
    for item in kit["queries"]:
        assert (item["kit"] is None) == ("UNDEF" in item["query"]), item["name"]
        if item["kit"] is None:
            continue
        fast = http.get(item["kit"], headers={"Accept": "application/sparql-results+json"})
        slow = http.post("sparql", data={"query": item["query"]}, headers={"Accept": "application/sparql-results+json"})
        assert fast.status_code == 200, (item["name"], fast.text)
        rows = [sorted(json.dumps(b, sort_keys=True) for b in r.json()["results"]["bindings"]) for r in (fast, slow)]
        assert rows[0] == rows[1], item["name"]


def _kit_params(local, named) -> dict[str, str] | None:
    """The documented example values of ``named``'s parameters, if all name something in ``local``."""
    try:
        for p in named.params:
            convert_param(local, p, p.example)
    except QueryError:
        return None
    return {p.name: p.example for p in named.params}


def test_serve_kit_route_binds_parameters_like_kg_query(http, local):
    ran = 0
    for named in list_queries():
        params = _kit_params(local, named)
        if params is None:
            continue
        r = http.get(f"/kit/{named.name}", params={**params, "format": "json"})
        assert r.status_code == 200, (named.name, r.text)
        expected = run_named_query(local, named.name, params)
        rows = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
        assert rows == [{k: _plain(v) for k, v in zip(expected.columns, t) if v is not None} for t in expected.terms], named.name
        ran += 1
    assert ran >= 10  # most of the kit's documented examples name something in the fixture
    # The label "GDC" is looked up as kg query looks it up: the same rows as the topic's IRI.
    by_label = http.get("/kit/people-on-topic", params={"topic": "GDC"}, headers={"Accept": "text/csv"})
    by_iri = http.get("/kit/people-on-topic", params={"topic": f"{ID}topic/gdc"}, headers={"Accept": "text/csv"})
    assert by_label.status_code == 200 and by_label.text == by_iri.text and by_label.text.count("\n") > 1
    # Paged listings: page 1 by default, and a page past the last is empty, not an error.
    first = http.get("/kit/meetings", headers={"Accept": "text/csv"})
    assert first.status_code == 200 and first.text == http.get("/kit/meetings?page=1", headers={"Accept": "text/csv"}).text
    past = http.get("/kit/meetings?page=99", headers={"Accept": "text/csv"})
    assert past.status_code == 200 and past.text.count("\n") == 1  # the header line only


@pytest.mark.parametrize(("path", "params", "status", "message"), [
    ("/kit/no-such-query", {}, 404, "unknown query 'no-such-query'"),
    ("/kit/people-on-topic", {}, 400, "needs the parameter 'topic'"),
    ("/kit/people-on-topic", {"topic": "GDC", "colour": "red"}, 400, "has no parameter 'colour'"),
    ("/kit/people-on-topic", {"topic": "no such topic anywhere"}, 400, "no topic matches"),
    ("/kit/people-on-topic", {"topic": ["GDC", "WSIS"]}, 400, "give the parameter topic once"),
    ("/kit/meetings", {"page": "0"}, 400, "must be a page number"),
])
def test_serve_kit_route_errors_are_clear(http, path, params, status, message):
    r = http.get(path, params=params)
    assert r.status_code == status, r.text
    assert message in r.text


def test_serve_kit_examples_leave_unknown_examples_open(site):
    """An example naming nobody in this store binds UNDEF (anyone) and says what to put there."""
    examples = {k.name: k for k in kit_examples(ox.Store.read_only(str(site / "store")))}
    person_topics = examples["person-topics"]
    assert person_topics.params == ("person",)
    assert "VALUES ?person { UNDEF }  # " in person_topics.text
    assert "replace UNDEF" in person_topics.text
    assert person_topics.kit_url is None  # /kit would refuse the unknown name
    assert examples["summary"].kit_url == "/kit/summary"


# --------------------------------------------------------------------------- start-up


def test_serve_binds_loopback_by_default(site):
    server = SparqlServer(site, port=0, workers=1)
    with server:
        assert server.url.startswith("http://127.0.0.1:")


def test_serve_without_a_store_says_how_to_build_one(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        SparqlServer(tmp_path, port=0).start()


def test_serve_follows_a_rebuild_without_restart(tmp_path):
    """A build swaps the OUT/store symlink; the server moves to the new version by itself."""
    old = write_store(tmp_path / "v1") / "store"
    new = write_store(tmp_path / "v2", {**FIXTURE, "people": {**FIXTURE["people"], "zoe-new": "Zoe New"}}) / "store"
    out = tmp_path / "out"
    out.mkdir()
    (out / "store").symlink_to(old)
    count = PEOPLE.replace("SELECT ?name", "SELECT (COUNT(*) AS ?n)").replace(" ORDER BY ?name", "")
    with SparqlServer(out, port=0, workers=2) as server, httpx.Client(base_url=server.url) as http:
        assert _count(http, count) == len(FIXTURE["people"])
        (out / "store.tmp").symlink_to(new)
        (out / "store.tmp").replace(out / "store")
        deadline = time.monotonic() + 15
        while _count(http, count) != len(FIXTURE["people"]) + 1:
            assert time.monotonic() < deadline, "the server kept answering from the old store"
            time.sleep(0.2)
        for _ in range(10):  # every worker has moved on
            assert _count(http, count) == len(FIXTURE["people"]) + 1


def test_serve_port_in_use_is_a_clear_error(site, server):
    port = int(server.url.rstrip("/").rsplit(":", 1)[1])
    with pytest.raises(ServeError, match="cannot listen"):
        SparqlServer(site, port=port, workers=1).start()


def test_serve_entry_point_blocks_and_its_workers_die_with_it(site):
    """`serve()` in its own process: ready() gets the URL; killed mid-query, no worker outlives it."""
    code = ("import sys; from pathlib import Path; from kg.serve import serve\n"
            "serve(Path(sys.argv[1]), port=0, workers=2, ready=lambda url: print(url, flush=True))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", code, str(site)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(workers) >= 2
        with httpx.Client(base_url=url, timeout=5) as http:
            assert _count(http, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0
            with pytest.raises(httpx.TimeoutException):
                http.get("sparql", params={"query": RUNAWAY}, timeout=1)
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, "a query worker outlived its server"
        time.sleep(0.2)


def _running(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(("accept", "fmt", "expected"), [
    (None, None, ("json", "turtle")),
    ("*/*", None, ("json", "turtle")),
    ("text/*", None, ("csv", "turtle")),
    ("application/sparql-results+xml;q=0.5, text/csv", None, ("csv", None)),
    ("application/json", None, ("json", "jsonld")),
    ("application/xml", None, ("xml", "rdfxml")),
    ("text/turtle;q=0, */*;q=0.1", None, ("json", "ntriples")),
    ("image/png", None, (None, None)),
    ("image/png", "json", ("json", "jsonld")),
    (None, "text/csv", ("csv", None)),
    (None, "application/ld+json", (None, "jsonld")),
])
def test_serve_negotiates_formats(accept, fmt, expected):
    results, graph = negotiate(accept, fmt)
    assert (results and results.name, graph and graph.name) == expected


@pytest.mark.parametrize(("query", "keywords", "absent"), [
    ("SELECT * FROM <g> WHERE { ?s ?p ?o }", {"SELECT", "FROM", "WHERE"}, set()),
    ("SELECT ?from WHERE { ?s <http://x/FROM> ?from }", {"SELECT", "WHERE"}, {"FROM"}),
    ('SELECT * { ?s ?p """multi\nline SERVICE""" }', {"SELECT"}, {"SERVICE"}),
    ("SELECT * { ?s ?p 'it''s' . ?s ?p \"a\\\"SERVICE\" }", {"SELECT"}, {"SERVICE"}),
    ("SELECT * { ?s ex:o.SERVICE ?o }", {"SELECT"}, {"SERVICE"}),
    ("SELECT * { ?s ?p ?o } #FROM <g>", {"SELECT"}, {"FROM"}),
    ('SELECT * { ?s ?p "x"@service }', {"SELECT"}, {"SERVICE"}),
    ("SELECT * { FILTER(?a<?b) SERVICE<http://e/> {} }", {"SERVICE", "FILTER"}, set()),
])
def test_serve_reads_query_keywords(query, keywords, absent):
    found = sparql_keywords(query)
    assert keywords <= found
    assert not absent & found


@pytest.mark.parametrize(("query", "marker"), [
    ("SELECT ?x WHERE { ?x ?p ?o }", "WHERE {"),
    ("SELECT ?x { ?x ?p ?o }", "?x {"),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE {"),
    ("PREFIX ex: <http://e/{x}> SELECT * WHERE { { ?x ?p ?o } UNION { ?x ?q ?o } }", "WHERE {"),
    ("# { not here\nASK { ?x ?p ?o }", "ASK {"),
])
def test_serve_finds_the_where_block(query, marker):
    assert where_body_offset(query) == query.index(marker) + len(marker)


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?t WHERE {\n  ?i kg:topic ?t }",
     "SELECT ?t WHERE {\n  VALUES ?t { <x:gdc> }  # a topic\n  ?i kg:topic ?t }"),
    ("SELECT ?t WHERE { ?i kg:topic ?t }",
     "SELECT ?t WHERE {\n  VALUES ?t { <x:gdc> }  # a topic\n  ?i kg:topic ?t }"),
    ("CONSTRUCT { ?t a ?c } WHERE { ?t a ?c }",
     "CONSTRUCT { ?t a ?c } WHERE {\n  VALUES ?t { <x:gdc> }  # a topic\n  ?t a ?c }"),
])
def test_serve_bind_values_opens_the_where_block(query, expected):
    assert bind_values(query, [("t", "<x:gdc>", "a topic")]) == expected


def test_serve_safe_join(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.html").write_text("x")
    assert safe_join(tmp_path, "a/b.html") == (tmp_path / "a" / "b.html").resolve()
    assert safe_join(tmp_path, "a/../../etc") is None
    assert safe_join(tmp_path, "a/.git") is None


def test_serve_worker_stopped_twice_or_while_starting_raises_nothing_unexpected(site):
    """The pool's shutdown and a replacement thread may both stop one worker."""
    import multiprocessing

    from kg.rdf.store import store_dir
    from kg.serve import _Worker

    worker = _Worker(multiprocessing.get_context("spawn"), store_dir(site))
    worker.kill()
    worker.kill()
    with pytest.raises(ServeError):
        worker.wait_ready(1.0)
