"""Network pages: files written, embedded data, focused views, the cap, escaping, offline."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest
from fixtures_graph import ID, XSS_NAME, write_store

from kg.viz import render_views
from kg.viz.layout import layout_positions
from kg.viz.network import cap, focus_subgraph, page_data
from kg.viz.project import open_view_store, project

ALICE = f"{ID}person/alice-moreau"
GDC = f"{ID}topic/gdc"
PLENARY = f"{ID}meeting/plenary/2024-01-18"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = write_store(tmp_path_factory.mktemp("viz-network"))
    render_views(out)
    return out


@pytest.fixture(scope="module")
def graph(out):
    return project(open_view_store(out))


def embedded(path):
    html = path.read_text(encoding="utf-8")
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1))


@pytest.mark.parametrize("relative", [
    "index.html",
    "viz/corpus.html",
    "viz/person/alice-moreau.html",
    "viz/person/unresolved--r2--sam.html",
    "viz/person/xss.html",
    "viz/meeting/plenary--2024-01-18.html",
    "viz/topic-network/gdc.html",
    "topics/gdc.html",
    "topics/gdc.csv",
    "topics/gdc.json",
    "viz/assets/vis-network.min.js",
    "viz/assets/viz.js",
    "viz/assets/viz.css",
    "viz/assets/topic.js",
])
def test_viz_render_views_writes_every_page(out, relative):
    assert (out / relative).is_file()


def test_viz_page_data_matches_the_graph(out, graph):
    data = embedded(out / "viz" / "corpus.html")
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert Counter(e["rel"] for e in data["edges"]) == Counter(k for _, _, k in graph.edges(keys=True))
    n_ev, n_m = len(data["evidence"]), len(data["meetings"])
    for e in data["edges"]:
        assert e["ev"] and all(0 <= i < n_ev for i in e["ev"])
        assert all(0 <= m < n_m for m in e["mt"])
    for n in data["nodes"]:
        assert sum(c for _, c in n["am"]) == n["act"]
    assert data["hiddenRelations"] == ["co-speaker"]


def test_viz_focus_view_keeps_evidence_about_its_focus(graph):
    view = focus_subgraph(graph, GDC)
    assert GDC in view and ALICE in view
    bram, call1 = f"{ID}person/bram-okonkwo", f"{ID}meeting/wg-outreach/2023-03-02"
    # Between neighbours, only sentences on the focus topic remain.
    evidence = view.edges[bram, call1, "spokeAt"]["evidence"]
    assert evidence and all(GDC in e.topics for e in evidence)
    assert not view.has_edge(bram, call1, "attended")
    assert not any(k == "co-speaker" for _, _, k in view.edges(keys=True))


def test_viz_person_view_shows_meetings_topics_organisations_and_co_speakers(graph):
    view = focus_subgraph(graph, ALICE)
    kinds = {view.nodes[v]["type"] for v in view.successors(ALICE)} | {
        view.nodes[v]["type"] for v in view.predecessors(ALICE)}
    assert kinds == {"meeting", "topic", "organisation", "person", "group"}
    assert any(k == "co-speaker" for *_, k in view.edges(ALICE, keys=True)) or any(
        k == "co-speaker" for *_, k in view.in_edges(ALICE, keys=True))


def test_viz_cap_keeps_meetings_and_the_most_active(graph):
    view, note = cap(graph, 8)
    assert view.number_of_nodes() == 8
    assert sum(1 for _, d in view.nodes(data=True) if d["type"] == "meeting") == 4
    assert "Showing the 8 most active of 20 nodes; 12 left out" in note
    same, none = cap(graph, None)
    assert same is graph and none is None


def test_viz_capped_page_says_what_was_left_out(tmp_path):
    out = write_store(tmp_path)
    render_views(out, max_nodes=10)
    html = (out / "viz" / "corpus.html").read_text(encoding="utf-8")
    assert 'id="cap-note"' in html and "10 left out" in html
    assert len(embedded(out / "viz" / "corpus.html")["nodes"]) == 10


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.scripts = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        for name, value in attrs:
            if name in ("src", "href", "action") and value:
                self.urls.append(value)
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def html_pages(out):
    return sorted(p for p in out.rglob("*.html"))


def test_viz_no_document_text_becomes_markup(out):
    pages = html_pages(out)
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _Collector()
        parser.feed(html)
        assert not any(tag == "img" for tag, _ in parser.tags), page
        assert "<img src=x" not in html and "<script>alert" not in html and "<Trust>" not in html, page
        for tag, attrs in parser.tags:
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)


def test_viz_the_payload_survives_as_text(out):
    data = embedded(out / "viz" / "corpus.html")
    assert XSS_NAME in [n["label"] for n in data["nodes"]]
    assert "&lt;img src=x onerror=alert(1)&gt;" in (out / "index.html").read_text(encoding="utf-8")


def test_viz_pages_request_nothing_from_the_network(out):
    for page in html_pages(out):
        parser = _Collector()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            assert not re.match(r"^(https?:)?//", url), (page, url)
        meta = [a for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert meta and "connect-src 'none'" in meta[0]["content"], page
    for asset in ("viz.js", "topic.js", "viz.css"):
        text = (out / "viz" / "assets" / asset).read_text(encoding="utf-8")
        assert not re.search(r"(fetch\(|XMLHttpRequest|https?://(?!www\.w3\.org/2000/svg))", text), asset


def test_viz_layout_places_every_node_apart():
    graph = nx.MultiDiGraph()
    graph.add_edges_from([(i, (i * 7) % 40, "r") for i in range(40)] + [(100, 101, "r")])
    graph.add_node(200)
    pos = layout_positions(graph)
    assert set(pos) == set(graph.nodes)
    points = list(pos.values())
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest > 20
    assert layout_positions(graph) == pos


def test_viz_layout_centres_the_focus():
    graph = nx.MultiDiGraph([(0, i, "r") for i in range(1, 6)])
    assert layout_positions(graph, centre=0)[0] == (0.0, 0.0)


def test_viz_page_data_positions_every_node(graph):
    data = page_data(graph, to_viz="", focus=None)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    urls = {n["label"]: n["url"] for n in data["nodes"]}
    assert urls["Alice Moreau"] == "person/alice-moreau.html"
    assert urls["Open Cable Society"] is None


def test_viz_empty_store_still_renders(tmp_path):
    spec = {"series": {}, "meetings": [], "people": {}, "orgs": {}, "topics": {"x": ("X", [])},
            "attended": [], "affiliations": [], "interventions": []}
    out = write_store(tmp_path, spec)
    pages = render_views(out)
    assert out / "viz" / "corpus.html" in pages and out / "index.html" in pages
    assert embedded(out / "viz" / "corpus.html")["nodes"] == []
