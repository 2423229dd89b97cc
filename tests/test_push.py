"""Pushing the store to a Graph Store Protocol server: requests, batches, retries, errors."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest
from fixtures_graph import write_store

from kg.errors import ServeError
from kg.push import graph_store_url, push

ID = "https://w3id.org/igfkg/id/"
ENDPOINT = "http://gsp.test/query"
STORE = "http://gsp.test/store"


class FakeGraphStore:
    """A Graph Store Protocol server in memory: PUT replaces a graph, POST appends to it."""

    def __init__(self, failures: list[int | Exception] | None = None, count_offset: int = 0):
        self.graphs: dict[str, set] = {}
        self.requests: list[httpx.Request] = []
        self.failures = list(failures or [])
        self.count_offset = count_offset

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return httpx.Response(failure, text=f"simulated failure {failure}", headers={"Retry-After": "0"})
        if request.url.path == "/query":
            query = parse_qs(request.content.decode())["query"][0]
            assert "GRAPH ?g" in query
            rows = [{"g": {"type": "uri", "value": g}, "n": {"type": "literal", "value": str(len(t) + self.count_offset)}}
                    for g, t in self.graphs.items() if g]
            return httpx.Response(200, json={"head": {"vars": ["g", "n"]}, "results": {"bindings": rows}})
        params = parse_qs(request.url.query.decode(), keep_blank_values=True)
        graph = params["graph"][0] if "graph" in params else ""
        assert graph or "default" in params
        triples = {q.triple for q in ox.parse(request.content, format=ox.RdfFormat.N_TRIPLES)}
        if request.method == "DELETE":
            del self.graphs[graph]
            return httpx.Response(204)
        if request.method == "PUT":
            self.graphs[graph] = triples
        elif request.method == "POST":
            self.graphs.setdefault(graph, set()).update(triples)
        return httpx.Response(204)

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self), **kwargs)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return write_store(tmp_path_factory.mktemp("push") / "out")


@pytest.fixture(scope="module")
def local_graphs(out) -> dict[str, set]:
    store = ox.Store.read_only(str(out / "store"))
    return {g.value: {q.triple for q in store.quads_for_pattern(None, None, None, g)} for g in store.named_graphs()}


def test_push_sends_every_named_graph_with_put(out, local_graphs):
    server = FakeGraphStore()
    report = push(out, ENDPOINT, STORE, client=server.client())
    assert server.graphs == local_graphs
    puts = [r for r in server.requests if r.method == "PUT"]
    assert len(puts) == len(local_graphs) == report.graphs
    assert all(r.headers["content-type"].startswith("text/turtle") for r in puts)
    assert report.triples == sum(map(len, local_graphs.values()))
    assert report.graph_store == STORE and report.verified and not report.mismatches
    assert {p.graph: p.remote_triples for p in report.pushed} == {g: len(t) for g, t in local_graphs.items()}


def test_push_again_replaces_instead_of_adding(out, local_graphs):
    server = FakeGraphStore()
    server.graphs[ID + "graph/r1"] = {ox.Triple(ox.NamedNode("http://stale/s"), ox.NamedNode("http://stale/p"),
                                                ox.Literal("left over from an older build"))}
    push(out, ENDPOINT, STORE, client=server.client())
    push(out, ENDPOINT, STORE, client=server.client())
    assert server.graphs == local_graphs


@pytest.mark.parametrize("batch_size", [1, 7, 40, 10_000])
def test_push_batches_large_graphs(out, local_graphs, batch_size):
    server = FakeGraphStore()
    report = push(out, ENDPOINT, STORE, batch_size=batch_size, client=server.client())
    assert server.graphs == local_graphs
    for pushed in report.pushed:
        expected = -(-len(local_graphs[pushed.graph]) // batch_size)
        assert pushed.requests == expected
        mine = [r for r in server.requests if r.url.params.get("graph") == pushed.graph]
        assert [r.method for r in mine] == ["PUT"] + ["POST"] * (expected - 1)


def test_push_keeps_blank_node_graphs_in_one_request(tmp_path):
    store = ox.Store(str(tmp_path / "store"))
    g = ox.NamedNode(ID + "graph/bnodes")
    node = ox.BlankNode()
    store.extend([ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), node, g) for i in range(5)])
    store.add(ox.Quad(node, ox.NamedNode("http://e/label"), ox.Literal("shared"), g))
    store.add(ox.Quad(ox.NamedNode("http://e/d"), ox.NamedNode("http://e/p"), ox.Literal("in the default graph")))
    store.flush()
    del store
    server = FakeGraphStore()
    report = push(tmp_path, ENDPOINT, STORE, batch_size=2, client=server.client())
    by_graph = {p.graph: p for p in report.pushed}
    assert by_graph[g.value].requests == 1 and by_graph[g.value].triples == 6
    assert by_graph[""].triples == 1
    assert len({t.object for t in server.graphs[g.value] if isinstance(t.object, ox.BlankNode)}) == 1
    assert any(r.url.query == b"default" for r in server.requests)


@pytest.mark.parametrize("failures", [
    [503, 503],
    [httpx.ConnectError("refused"), 502],
    [httpx.ReadTimeout("slow"), 429, 504],
])
def test_push_retries_transient_failures(out, local_graphs, failures):
    server = FakeGraphStore(failures=failures)
    report = push(out, ENDPOINT, STORE, backoff=0, client=server.client())
    assert server.graphs == local_graphs
    assert sum(p.retries for p in report.pushed) == len(failures)


@pytest.mark.parametrize(("failures", "retries", "expected"), [
    ([401], 3, ["HTTP 401", "simulated failure 401", "--auth"]),
    ([403], 3, ["HTTP 403", "read-only"]),
    ([404], 3, ["HTTP 404", "--graph-store"]),
    ([413], 3, ["HTTP 413", "smaller batch"]),
    ([500], 3, ["HTTP 500", "simulated failure 500"]),
    ([503] * 3, 2, ["after 3 attempts", "HTTP 503"]),
    ([httpx.ConnectError("connection refused")] * 2, 1, ["after 2 attempts", "connection refused"]),
])
def test_push_failures_name_the_graph_status_and_server_text(out, failures, retries, expected):
    server = FakeGraphStore(failures=failures)
    with pytest.raises(ServeError) as info:
        push(out, ENDPOINT, STORE, retries=retries, backoff=0, client=server.client())
    message = str(info.value)
    assert f"<{ID}graph/corpus>" in message  # graphs go in IRI order: the corpus graph is first
    for part in expected:
        assert part in message


@pytest.mark.parametrize("prune", [True, False])
def test_push_prune_deletes_only_our_stale_graphs(out, local_graphs, prune):
    server = FakeGraphStore()
    stale = {ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("old"))}
    server.graphs[ID + "graph/dropped-report"] = set(stale)
    server.graphs["http://elsewhere.example/graph"] = set(stale)
    report = push(out, ENDPOINT, STORE, prune=prune, client=server.client())
    assert "http://elsewhere.example/graph" in server.graphs
    assert (ID + "graph/dropped-report" in server.graphs) is not prune
    assert report.deleted == ((ID + "graph/dropped-report",) if prune else ())
    assert {g: t for g, t in server.graphs.items() if g in local_graphs} == local_graphs


def test_push_reports_count_mismatches(out):
    report = push(out, ENDPOINT, STORE, client=FakeGraphStore(count_offset=1).client())
    assert len(report.mismatches) == report.graphs


def test_push_verify_off_skips_the_endpoint(out):
    server = FakeGraphStore()
    report = push(out, ENDPOINT, STORE, verify=False, client=server.client())
    assert all(r.url.path == "/store" for r in server.requests)
    assert not report.verified and all(p.remote_triples is None for p in report.pushed)


@pytest.mark.parametrize(("kwargs", "header"), [
    ({"auth": ("ann", "s3cret")}, "Basic " + base64.b64encode(b"ann:s3cret").decode()),
    ({"token": "tok-123"}, "Bearer tok-123"),
])
def test_push_sends_credentials(out, monkeypatch, kwargs, header):
    server = FakeGraphStore()
    real_client = httpx.Client

    def client(**options):
        return real_client(transport=httpx.MockTransport(server), **options)

    monkeypatch.setattr(httpx, "Client", client)
    push(out, ENDPOINT, STORE, **kwargs)
    assert server.requests and all(r.headers["authorization"] == header for r in server.requests)


def test_push_refuses_two_kinds_of_credentials(out):
    with pytest.raises(ServeError, match="not both"):
        push(out, ENDPOINT, STORE, auth=("a", "b"), token="t")


@pytest.mark.parametrize(("endpoint", "auth", "expected"), [
    ("http://127.0.0.1:7879/query", False, "http://127.0.0.1:7879/store"),
    ("http://localhost:3030/igf/sparql", False, "http://localhost:3030/igf/data"),
    ("http://localhost:3030/igf/query", False, "http://localhost:3030/igf/data"),
    ("http://gdb:7200/repositories/kg", False, "http://gdb:7200/repositories/kg/rdf-graphs/service"),
    ("http://virtuoso:8890/sparql", False, "http://virtuoso:8890/sparql-graph-crud"),
    ("http://virtuoso:8890/sparql", True, "http://virtuoso:8890/sparql-graph-crud-auth"),
])
def test_push_derives_the_graph_store_url(endpoint, auth, expected):
    assert graph_store_url(endpoint, with_auth=auth) == expected


@pytest.mark.parametrize("endpoint", ["http://qlever:7001/", "ftp://x/query", "not a url"])
def test_push_asks_for_graph_store_when_it_cannot_tell(endpoint):
    with pytest.raises(ServeError):
        graph_store_url(endpoint)


def test_push_endpoint_that_is_not_sparql_is_a_clear_error(out):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/query":
            return httpx.Response(200, text="<html>hello</html>")
        return httpx.Response(204)

    with pytest.raises(ServeError, match="did not answer with SPARQL JSON"):
        push(out, ENDPOINT, STORE, client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_push_payload_is_json_serialisable_report(out):
    report = push(out, ENDPOINT, STORE, client=FakeGraphStore().client())
    from kg.model import to_jsonable

    data = json.loads(json.dumps(to_jsonable(report)))
    assert data["graphs"] == report.graphs
