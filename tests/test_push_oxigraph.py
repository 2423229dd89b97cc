"""Push to a real Oxigraph server and get the same answers there as from the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fixtures_graph import FIXTURE, write_store

from kg.push import push
from kg.query import list_queries, run_named_query
from kg.serve import bind_values

ID = "https://w3id.org/igfkg/id/"
PREFIXES = (
    "PREFIX kg: <https://w3id.org/igfkg/ontology#>\nPREFIX schema: <https://schema.org/>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
# Questions of the kind the kit asks, with parameters bound as the query page binds them.
QUERIES = [
    "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?person (COUNT(DISTINCT ?m) AS ?meetings) WHERE { ?person kg:attended ?m } GROUP BY ?person",
    f"SELECT ?topic WHERE {{ VALUES ?person {{ <{ID}person/alice-moreau> }} ?person kg:spokeOn ?topic }}",
    "SELECT ?label ?date WHERE { ?t skos:prefLabel ?label ; kg:discussedAt ?m . ?m schema:startDate ?date }",
    "SELECT ?g ?text WHERE { GRAPH ?g { ?i a kg:Intervention ; kg:text ?text } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }",
    "ASK { ?p kg:spokeOn <https://w3id.org/igfkg/id/topic/youth> }",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str:
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("the Oxigraph server binary is missing: pip install -e '.[server]' (make setup does)")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server (union default graph, like `kg serve`), stopped in a finally."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.poll() is not None else "still starting"
                pytest.fail(f"Oxigraph did not start on port {port}: {err}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return write_store(tmp_path_factory.mktemp("pushreal") / "out")


def _remote(base: str, query: str):
    r = httpx.post(base + "/query", data={"query": query},
                   headers={"Accept": "application/sparql-results+json, application/n-triples"}, timeout=30)
    assert r.status_code == 200, r.text
    if r.headers["content-type"].startswith("application/n-triples"):
        return Counter(q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
    results = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)
    return _rows(results)


def _rows(results):
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    if isinstance(results, ox.QueryTriples):
        return Counter(results)
    names = [v.value for v in results.variables]
    return Counter(tuple(str(row[n]) if row[n] is not None else None for n in names) for row in results)


def _local(store, query: str):
    return _rows(store.query(query, use_default_graph_as_union=True))


# A value of each parameter type that names something in the fixture, and the term it binds.
FIXTURE_PARAMS = {
    "topic": ("GDC", f"<{ID}topic/gdc>"),
    "person": ("Alice Moreau", f"<{ID}person/alice-moreau>"),
    "organisation": ("Open Cable Society", f"<{ID}org/open-cable-society>"),
    "meeting": ("2023-03-02", f"<{ID}meeting/wg-outreach/2023-03-02>"),
    "page": ("1", "1"),
}


def test_push_oxigraph_answers_match_the_embedded_store(oxigraph, out):
    report = push(out, oxigraph + "/query")
    assert report.graph_store == oxigraph + "/store"
    assert report.graphs == len(FIXTURE["meetings"]) + 2 and not report.mismatches  # + corpus, statistics
    store = ox.Store.read_only(str(out / "store"))
    for query in QUERIES:
        assert _remote(oxigraph, PREFIXES + query) == _local(store, PREFIXES + query), query


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_push_oxigraph_kit_queries_match_the_embedded_store(oxigraph, out, named):
    """Every kit query, parameters bound the way the query page binds them, answers the same there."""
    push(out, oxigraph + "/query")
    local = run_named_query(out, named.name, {p.name: FIXTURE_PARAMS[p.type][0] for p in named.params})
    expected = Counter(tuple(_cell(str(t)) if t is not None else None for t in row) for row in local.terms)
    text = bind_values(named.sparql, [(p.name, FIXTURE_PARAMS[p.type][1], "") for p in named.params])
    remote = _remote(oxigraph, text)
    assert Counter({tuple(_cell(c) if c else c for c in row): n for row, n in remote.items()}) == expected


def _cell(text: str) -> str:
    """A result cell with GROUP_CONCAT's parts sorted: SPARQL leaves their order unspecified."""
    if text.startswith('"') and "; " in text:
        body, _, tail = text[1:].rpartition('"')
        return '"' + "; ".join(sorted(body.split("; "))) + '"' + tail
    return text


def test_push_oxigraph_repush_replaces_each_graph(oxigraph, out, tmp_path):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    quads = len(list(ox.Store.read_only(str(out / "store")).quads_for_pattern(None, None, None)))
    push(out, oxigraph + "/query")
    push(out, oxigraph + "/query")
    assert _remote(oxigraph, count) == Counter({(f'"{quads}"^^<http://www.w3.org/2001/XMLSchema#integer>',): 1})
    # A rebuild where one report lost an intervention: the server's graph shrinks with it.
    smaller = {**FIXTURE, "interventions": FIXTURE["interventions"][1:]}
    rebuilt = write_store(tmp_path / "rebuilt", smaller)
    report = push(rebuilt, oxigraph + "/query")
    assert not report.mismatches
    r1 = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ID}graph/r1> {{ ?s ?p ?o }} }}"
    assert _remote(oxigraph, r1) == _local(ox.Store.read_only(str(rebuilt / "store")), r1)
    push(out, oxigraph + "/query")
    assert _remote(oxigraph, r1) == _local(ox.Store.read_only(str(out / "store")), r1)


def test_push_oxigraph_prune_drops_reports_gone_from_the_corpus(oxigraph, out, tmp_path):
    graphs = "SELECT ?g WHERE { GRAPH ?g { } }"
    push(out, oxigraph + "/query")
    assert (f"<{ID}graph/r4>",) in _remote(oxigraph, graphs)
    fewer = {**FIXTURE, "meetings": FIXTURE["meetings"][:3],
             "attended": [a for a in FIXTURE["attended"] if a[0] != "r4"],
             "interventions": [i for i in FIXTURE["interventions"] if i[0] != "r4"], "agenda_topics": []}
    smaller = write_store(tmp_path / "fewer", fewer)
    report = push(smaller, oxigraph + "/query", prune=True)
    assert report.deleted == (f"{ID}graph/r4",)
    assert (f"<{ID}graph/r4>",) not in _remote(oxigraph, graphs)
    push(out, oxigraph + "/query")
