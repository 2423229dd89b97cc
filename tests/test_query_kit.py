"""The query kit: every named query on a hand-made store, parameter binding, errors, formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyoxigraph as ox
import pytest
from rdf_fixtures import corpus, write_scheme

from kg.errors import QueryError
from kg.query import PARAM_TYPES, get_query, list_queries, run_named_query, run_query
from kg.rdf import uris
from kg.rdf.graph import build_graph
from kg.rdf.store import write_store

D12, D13 = dt.date(2024, 3, 7), dt.date(2024, 3, 21)
M12, M13 = uris.meeting("lantern-wg", "", "2024-03-07"), uris.meeting("lantern-wg", "", "2024-03-21")
ADA, BRUNO, SAM = uris.person("ada-quist"), uris.person("bruno-fenwick"), uris.person("unresolved/lantern-12/sam")
GDC = uris.topic("gdc")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kit")
    anns, resolution = corpus()
    write_store(folder, build_graph(anns, resolution, write_scheme(folder)))
    return folder


def _pick(rows: list[dict], columns: list[str]) -> list[tuple]:
    return [tuple(r.get(c) for c in columns) for r in rows]


# name, params, columns compared, expected rows (in the query's order)
KIT = [
    ("people-on-topic", {"topic": "GDC"}, ["name", "interventions", "meetings", "first", "last", "unresolved"],
     [("Ada Quist", 2, 2, D12, D13, False), ("Bruno Fenwick", 1, 1, D12, D12, False), ("Sam", 1, 1, D12, D12, True)]),
    ("topic-timeline", {"topic": "wsis +20"}, ["date", "interventions", "speakers", "speakerNames"],
     [(D12, 1, 1, "Bruno Fenwick"), (D13, 1, 1, "Ada Quist")]),
    ("meeting-topics", {"meeting": "2024-03-07"}, ["label", "interventions", "speakers"],
     [("Global Digital Compact", 3, 3), ("WSIS+20", 1, 1), ("AI governance", 0, 0)]),
    ("person-meetings", {"person": "Ada Quist"}, ["meeting", "date", "attended", "spoke", "interventions"],
     [(M12, D12, True, True, 1), (M13, D13, True, True, 2)]),
    ("person-roles", {"person": "ada quist"}, ["roleLabel", "organisationName", "date"],
     [("Chair", "Lantern Council", D12)]),
    ("person-topics", {"person": "Quist"}, ["label", "interventions", "meetings", "first", "last"],
     [("Global Digital Compact", 2, 2, D12, D13), ("WSIS+20", 1, 1, D13, D13)]),
    ("co-speakers", {"topic": "gdc"}, ["aName", "bName", "meetings"],
     [("Ada Quist", "Bruno Fenwick", 1), ("Ada Quist", "Sam", 1), ("Bruno Fenwick", "Sam", 1)]),
    ("organisations-on-topic", {"topic": "Global Digital Compact"}, ["name", "interventions", "speakers"],
     [("Lantern Council", 2, 1), ("Harbour Institute", 1, 1)]),
    ("attendance-vs-speaking", {}, ["date", "attendees", "speakers", "attendeesWhoSpoke", "speakersNotListed"],
     [(D12, 4, 3, 2, 1), (D13, 4, 2, 2, 0)]),
    ("action-items", {}, ["ownerName", "ownerText", "due", "date"],
     [("Ada Quist", "Ms. Quist and Dov", None, D12), ("Dov Ilić", "Ms. Quist and Dov", None, D12),
      ("Bruno Fenwick", "Bruno", D13, D12)]),
    ("evidence", {"person": "Ada", "topic": "GDC"}, ["date", "fileName", "attribution", "text"],
     [(D12, "lantern-12.txt", "Ada", "Ada noted that the Global Digital Compact consultation opens next week."),
      (D13, "lantern-13.txt", "Ada", "Ada added that the Compact text is final.")]),
    ("review", {}, ["fileName", "mention", "method", "candidates", "interventions"],
     [("lantern-12.txt", "Members", "unresolved", "", 1),
      ("lantern-12.txt", "Sam", "ambiguous", "Sam Okafor; Sam Reyes", 1)]),
    ("summary", {}, ["reports", "meetings", "people", "unresolved", "interventions", "topics", "organisations"],
     [(2, 2, 7, 1, 8, 3, 2)]),
    ("topics", {}, ["label", "meetings", "interventions", "first", "last"],
     [("AI governance", 2, 1, D12, D13), ("Global Digital Compact", 2, 5, D12, D13), ("WSIS+20", 2, 2, D12, D13)]),
    ("meetings", {}, ["date", "series", "number", "fileName", "interventions"],
     [(D12, "Lantern Working Group", "12", "lantern-12.txt", 5),
      (D13, "Lantern Working Group", "13", "lantern-13.txt", 3)]),
    ("candidate-topics", {}, ["label", "occurrences", "reports", "first", "files"],
     [("tidal mapping", 2, 1, D12, "lantern-12.txt")]),
    ("graphs", {}, ["graph", "fileName"],
     [(uris.CORPUS_GRAPH, None), (uris.graph("lantern-12"), "lantern-12.txt"),
      (uris.graph("lantern-13"), "lantern-13.txt")]),
]


def test_query_kit_is_fully_covered():
    assert sorted(name for name, *_ in KIT) == sorted(q.name for q in list_queries())


@pytest.mark.parametrize("name,params,columns,expected", KIT, ids=[k[0] for k in KIT])
def test_query_kit_gives_expected_rows(out, name, params, columns, expected):
    rows = run_named_query(out, name, params).to_dicts()
    got = _pick(rows, columns)
    if name == "review":  # GROUP_CONCAT order is unspecified
        got = [(*r[:3], "; ".join(sorted(r[3].split("; "))) if r[3] else "", r[4]) for r in got]
    if name == "graphs":
        got = sorted(got, key=lambda r: r[0])
    assert got == expected


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_query_kit_headers_document_every_parameter(named):
    assert named.description and named.example.startswith("kg ")
    assert named.name in named.example or named.name == "review"
    for param in named.params:
        assert param.type in PARAM_TYPES
        assert f"?{param.name}" in named.sparql
        assert param.name in named.example or param.type == "page"  # optional: page 1 by default


def test_query_kit_unknown_name_lists_the_kit(out):
    with pytest.raises(QueryError) as err:
        run_named_query(out, "people-on-topik", {"topic": "GDC"})
    assert "unknown query 'people-on-topik'" in str(err.value)
    assert "people-on-topic" in str(err.value) and "review" in str(err.value)


@pytest.mark.parametrize(
    "name,params,message",
    [
        ("people-on-topic", {}, "needs the parameter 'topic'"),
        ("people-on-topic", {"topic": "GDC", "year": "2024"}, "has no parameter 'year'"),
        ("people-on-topic", {"topic": "Quantum farming"}, "no topic matches 'Quantum farming'"),
        ("person-meetings", {"person": "Marsh"}, "matches 2 persons"),
        ("person-meetings", {"person": "Zed Nobody"}, "no person matches"),
    ],
)
def test_query_kit_parameter_errors_name_the_problem(out, name, params, message):
    with pytest.raises(QueryError, match=message):
        run_named_query(out, name, params)


INJECTIONS = [
    'Ada"} ; DROP ALL ; SELECT * WHERE {"',
    "Ada> } DELETE WHERE { ?s ?p ?o } #",
    "x' . ?s ?p ?o . FILTER('1'='1",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_query_kit_binding_treats_injection_as_data(out, value):
    with pytest.raises(QueryError, match="no person matches"):
        run_named_query(out, "person-meetings", {"person": value})
    rows = run_query(out, "SELECT ?name ?p WHERE { ?p <https://schema.org/name> ?name }", {"name": value}).rows
    assert rows == []
    assert run_named_query(out, "summary").to_dicts()[0]["interventions"] == 8


def test_query_kit_raw_parameters_bind_literals_and_iris(out):
    by_name = run_query(out, "SELECT ?name ?p WHERE { ?p schema:name ?name }", {"name": "Dov Ilić"}).rows
    assert by_name == [("Dov Ilić", uris.person("dov-ilic"))]
    by_iri = run_query(out, "SELECT ?p ?name WHERE { ?p schema:name ?name }", {"p": f"<{ADA}>"}).rows
    assert by_iri == [(ADA, "Ada Quist")]


@pytest.mark.parametrize(
    "query,message",
    [
        ("SELEC ?x WHERE { ?x ?p ?o }", "malformed SPARQL"),
        ("SELECT ?x WHERE { ?x nope:p ?o }", "malformed SPARQL"),
    ],
)
def test_query_kit_malformed_sparql_is_a_query_error(out, query, message):
    with pytest.raises(QueryError, match=message) as err:
        run_query(out, query)
    assert "kg, schema" in err.value.hint


def test_query_kit_unprojected_parameter_is_a_query_error(out):
    with pytest.raises(QueryError, match="cannot bind"):
        run_query(out, "SELECT ?p WHERE { ?p schema:name ?name }", {"name": "Ada Quist"})


def test_query_kit_topic_lookup_accepts_label_alias_and_key(out):
    for value in ("GDC", "global digital compact", "gdc", "the Compact", GDC):
        rows = run_named_query(out, "co-speakers", {"topic": value}).to_dicts()
        assert {r["topic"] for r in rows} == {GDC}


def test_query_kit_meeting_lookup_accepts_path_title_and_number(out):
    for value in ("lantern-wg/2024-03-21", "Lantern Working Group - Meeting 13", "13", M13):
        rows = run_named_query(out, "meeting-topics", {"meeting": value}).to_dicts()
        assert {r["meeting"] for r in rows} == {M13}


def test_query_kit_ask_and_construct(out):
    ask = run_query(out, "ASK { ?p schema:name \"Ada Quist\" }")
    assert ask.kind == "ask" and ask.boolean is True
    assert json.loads(ask.to_format("json")) == {"head": {}, "boolean": True}
    triples = run_query(out, "CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name \"Dov Ilić\" ; schema:name ?n }")
    assert triples.columns == ("subject", "predicate", "object")
    assert triples.rows == [(uris.person("dov-ilic"), "https://schema.org/name", "Dov Ilić")]


def test_query_kit_formats(out):
    result = run_named_query(out, "person-topics", {"person": "Ada Quist"})
    data = json.loads(result.to_format("json"))
    assert data["head"]["vars"] == list(result.columns)
    first = data["results"]["bindings"][0]
    assert first["topic"] == {"type": "uri", "value": GDC}
    assert first["label"] == {"type": "literal", "value": "Global Digital Compact", "xml:lang": "en"}
    assert first["interventions"] == {"type": "literal", "value": "2",
                                      "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    table = list(csv.reader(io.StringIO(result.to_format("csv"))))
    assert table[0] == list(result.columns) and table[1][1] == GDC and table[1][3] == "2"
    tsv = result.to_format("tsv").splitlines()
    assert tsv[0].split("\t")[0] == "?person" and f"<{GDC}>" in tsv[1]
    text = result.to_format("table")
    assert "topic/gdc" in text and "(2 row(s))" in text
    with pytest.raises(QueryError, match="unknown result format"):
        result.to_format("xml")


def test_query_kit_accepts_an_open_store(out):
    from kg.rdf.store import open_store

    store = open_store(out)
    assert isinstance(store, ox.Store)
    assert run_named_query(store, "summary").to_dicts()[0]["reports"] == 2


def test_query_kit_get_query_refuses_paths():
    with pytest.raises(QueryError, match="unknown query"):
        get_query("../store")
