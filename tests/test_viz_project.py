"""The networkx projection of the store: nodes, edges, evidence, filters, collapse."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from fixtures_graph import ID, XSS_NAME, write_store

from kg.errors import KGError, VizError
from kg.viz.project import export_network, open_view_store, page_slug, project


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = write_store(tmp_path_factory.mktemp("viz-project"))
    return open_view_store(out)


def labels(graph, kind=None):
    return {d["label"] for _, d in graph.nodes(data=True) if kind is None or d["type"] == kind}


def node(graph, label):
    return next(v for v, d in graph.nodes(data=True) if d["label"] == label)


def test_viz_project_has_every_node_with_its_type(store):
    graph = project(store)
    kinds = Counter(d["type"] for _, d in graph.nodes(data=True))
    assert kinds == {"meeting": 4, "person": 7, "organisation": 3, "group": 1, "topic": 5}
    assert XSS_NAME in labels(graph, "person")
    assert "Dána Eiríksdóttir" in labels(graph, "person")
    assert graph.nodes[f"{ID}person/unresolved/r2/sam"]["resolved"] is False
    assert graph.nodes[f"{ID}person/alice-moreau"]["resolved"] is True


@pytest.mark.parametrize("relation, count", [
    ("attended", 16),
    ("absentFrom", 1),
    ("spokeAt", 16),      # distinct (speaker, meeting) pairs, organisations and groups included
    ("spokeOn", 16),
    ("discussedAt", 15),  # 14 from interventions + one agenda-only topic
    ("affiliatedWith", 5),
    ("co-speaker", 21),
])
def test_viz_project_counts_edges_by_relation(store, relation, count):
    graph = project(store)
    assert Counter(k for _, _, k in graph.edges(keys=True))[relation] == count


def test_viz_project_edges_keep_their_evidence(store):
    graph = project(store)
    alice, gdc = f"{ID}person/alice-moreau", f"{ID}topic/gdc"
    evidence = graph.edges[alice, gdc, "spokeOn"]["evidence"]
    assert [(e.file_name, e.date, e.speaker) for e in evidence] == [
        ("r1.txt", "2023-03-02", "Alice"), ("r2.txt", "2023-09-14", "Alice"),
        ("r3.txt", "2024-01-18", "Ms. Moreau")]
    assert all(e.kind == "intervention" and e.text for e in evidence)
    attended = graph.edges[alice, f"{ID}meeting/plenary/2024-01-18", "attended"]["evidence"]
    assert [(e.kind, e.file_name) for e in attended] == [("participant-list", "r3.txt")]
    agenda_only = graph.edges[f"{ID}topic/wsis-20", f"{ID}meeting/wg-outreach/2024-06-05", "discussedAt"]
    assert [e.kind for e in agenda_only["evidence"]] == ["statement"]


def test_viz_project_apologies_are_links_backed_by_the_apologies_list(store):
    graph = project(store)
    bram, call_2 = f"{ID}person/bram-okonkwo", f"{ID}meeting/wg-outreach/2023-09-14"
    assert set(graph[bram][call_2]) == {"absentFrom"}  # sent apologies, so neither attended nor spoke
    [evidence] = graph.edges[bram, call_2, "absentFrom"]["evidence"]
    assert (evidence.kind, evidence.file_name, evidence.date) == ("apology-list", "r2.txt", "2023-09-14")


def test_viz_project_counts_activity_as_interventions(store):
    graph = project(store)
    assert graph.nodes[f"{ID}topic/gdc"]["activity"] == 8
    assert graph.nodes[f"{ID}person/alice-moreau"]["activity"] == 3
    # An organisation's activity is its people's interventions plus its own.
    assert graph.nodes[f"{ID}org/ministry-of-lanterns"]["activity"] == 4
    assert graph.nodes[f"{ID}meeting/plenary/2024-01-18"]["first"] == "2024-01-18"


@pytest.mark.parametrize("filters, present, absent", [
    ({"since": "2024"}, {"Plenary meeting VIII", "Outreach WG call 3", "Chen Liwei"},
     {"Outreach WG call 1", "Sam", "Safety & <Trust>"}),
    ({"until": "2023-03"}, {"Outreach WG call 1", "Youth engagement", XSS_NAME},
     {"Dána Eiríksdóttir", "Outreach WG call 2", "AI governance"}),
    ({"since": "2023-09-14", "until": "2023-09-14"}, {"Sam", "Outreach WG call 2"},
     {"Plenary meeting VIII", "Chen Liwei"}),
    ({"series": "plenary"}, {"Plenary meeting VIII", "Council members"}, {"Outreach WG call 1", "Sam"}),
    ({"series": ["Working Group on Outreach"]}, {"Sam", "Outreach WG call 3"}, {"Plenary meeting VIII"}),
    ({"node_types": ["person", "topic"]}, {"Alice Moreau", "WSIS+20"},
     {"Plenary meeting VIII", "Open Cable Society"}),
    ({"min_activity": 2}, {"Alice Moreau", "Global Digital Compact", "Outreach WG call 3"},
     {"Emil Varga", "Sam", "Safety & <Trust>"}),
    ({"collapse": "organisation"}, {"Open Cable Society", "Observers", "Sam"},
     {"Alice Moreau", "Chen Liwei", XSS_NAME}),
])
def test_viz_project_filters(store, filters, present, absent):
    graph = project(store, **filters)
    assert present <= labels(graph)
    assert not absent & labels(graph)


def test_viz_project_date_filter_keeps_only_evidence_in_range(store):
    graph = project(store, since="2024")
    for _, _, rel, data in graph.edges(keys=True, data=True):
        if rel != "affiliatedWith":
            assert all(e.date >= "2024" for e in data["evidence"]), rel
    assert graph.nodes[f"{ID}person/alice-moreau"]["activity"] == 1


def test_viz_project_collapse_folds_people_into_organisations(store):
    graph = project(store, collapse="organisation")
    ocs = graph.nodes[f"{ID}org/open-cable-society"]
    assert ocs["members"] == ("Alice Moreau", "Emil Varga")
    assert ocs["activity"] == 4
    assert not any(k == "affiliatedWith" for _, _, k in graph.edges(keys=True))
    assert graph.has_edge(f"{ID}org/open-cable-society", f"{ID}topic/gdc", "spokeOn")


@pytest.mark.parametrize("filters, message", [
    ({"since": "last year"}, "is not a date"),
    ({"until": "2024/01/01"}, "is not a date"),
    ({"series": "nope"}, "unknown meeting series"),
    ({"node_types": ["cats"]}, "unknown node type"),
    ({"collapse": "country"}, "cannot collapse"),
    ({"min_activity": -1}, "negative"),
    ({"min_activity": "lots"}, "not a whole number"),
])
def test_viz_project_rejects_bad_filters(store, filters, message):
    with pytest.raises(VizError, match=message):
        project(store, **filters)


def test_viz_project_is_deterministic(store):
    a, b = project(store), project(store)
    assert list(a.nodes) == list(b.nodes)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))


def test_viz_project_missing_store_says_how_to_build(tmp_path):
    with pytest.raises(KGError, match="kg build"):
        open_view_store(tmp_path)


@pytest.mark.parametrize("iri, slug", [
    (f"{ID}person/alice-moreau", "alice-moreau"),
    (f"{ID}person/unresolved/r2/sam", "unresolved--r2--sam"),
    (f"{ID}meeting/wg-outreach/2024-06-05", "wg-outreach--2024-06-05"),
    (f"{ID}topic/wsis-20", "wsis-20"),
])
def test_viz_page_slug_is_the_iri_path(iri, slug):
    assert page_slug(iri) == slug


@pytest.mark.parametrize("iri", [f"{ID}person/a b", f"{ID}person/<x>", f"{ID}person/..", "urn:x:"])
def test_viz_page_slug_is_file_safe_and_distinct(iri):
    slug = page_slug(iri)
    assert slug and all(c.isalnum() or c in "._-" for c in slug)
    assert not slug.startswith(".")
    assert slug != page_slug(iri + "2")


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_viz_export_network_round_trips(store, tmp_path_factory, fmt, reader):
    out = write_store(tmp_path_factory.mktemp(f"viz-export-{fmt}"))
    dest = export_network(out, fmt, out / f"corpus.{fmt}")
    back = reader(dest)
    graph = project(store)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    labels_back = {d["label"] for _, d in back.nodes(data=True)}
    assert XSS_NAME in labels_back and "Dána Eiríksdóttir" in labels_back


def test_viz_export_network_rejects_unknown_format(tmp_path):
    with pytest.raises(VizError, match="cannot export"):
        export_network(tmp_path, "svg", tmp_path / "x.svg")
