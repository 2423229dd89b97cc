"""Network pages: the whole corpus and focused views of people, topics and meetings.

Pages are vis-network canvases (pyvis's bundled copy, copied once into
``OUT/viz/assets/``) driven by our own template and script: pyvis's template
pulls bootstrap from a CDN and puts ``heading`` in as raw HTML, so the data is
rendered as JSON (``|tojson``) into an autoescaped jinja template instead, and
every label, tooltip and sentence reaches the page as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import VizError
from kg.viz.index import render_index
from kg.viz.layout import layout_positions
from kg.viz.project import (
    NODE_TYPES,
    RELATIONS,
    UNDATED_RELATIONS,
    Evidence,
    build_projection,
    load_facts,
    make_filters,
    open_view_store,
    page_slug,
)
from kg.viz.templating import environment, write_assets
from kg.viz.topic import render_topic_pages

# The corpus view keeps at most this many nodes (most active first) and says so on the page.
MAX_NODES = 3000
FOCUS_KINDS = {"person": "person", "topic": "topic-network", "meeting": "meeting"}


def render_views(out: Path, *, max_nodes: int | None = MAX_NODES, **filters) -> list[Path]:
    """Write the corpus view, every focused view, the topic pages and ``OUT/index.html``.

    ``filters`` are those of :func:`kg.viz.project.project` (``since``, ``until``,
    ``series``, ``node_types``, ``min_activity``, ``collapse``).  ``max_nodes``
    caps the corpus view (``None``: no cap).  Returns the paths written.

    Raises:
        VizError: no store under ``out``, or a filter value is invalid.
    """
    out = Path(out)
    store = open_view_store(out)
    facts = load_facts(store)
    graph = build_projection(facts, make_filters(facts, **filters))
    write_assets(out)
    written = [render_corpus(out, graph, max_nodes=max_nodes)]
    for node, attrs in sorted(graph.nodes(data=True)):
        if attrs["type"] in FOCUS_KINDS:
            written.append(render_focus(out, graph, node))
    topics = render_topic_pages(out, store)
    written.extend(topics)
    written.append(render_index(out, graph, filters=filters))
    return written


def render_corpus(out: Path, graph: nx.MultiDiGraph, *, max_nodes: int | None = MAX_NODES) -> Path:
    """Write ``OUT/viz/corpus.html``: every node, capped at ``max_nodes`` with a note."""
    view, note = cap(graph, max_nodes)
    subtitle = _filter_summary(graph.graph.get("filters"))
    path = Path(out) / "viz" / "corpus.html"
    _write_page(path, view, title="Corpus network", subtitle=subtitle, note=note, to_viz="",
                focus=None, hidden_relations=("co-speaker",))
    return path


def render_focus(out: Path, graph: nx.MultiDiGraph, node: str) -> Path:
    """Write the focused view of one person, topic or meeting under ``OUT/viz/<kind>/``."""
    attrs = graph.nodes[node]
    kind = attrs["type"]
    if kind not in FOCUS_KINDS:
        raise VizError(f"no focused view for a node of type {kind!r}", path=node,
                       hint=f"focused views exist for {', '.join(FOCUS_KINDS)}")
    view = focus_subgraph(graph, node)
    path = Path(out) / "viz" / FOCUS_KINDS[kind] / f"{page_slug(node)}.html"
    title = f"{kind.capitalize()}: {attrs['label']}"
    _write_page(path, view, title=title, subtitle=_focus_summary(view, node), note=None,
                to_viz="../", focus=node, hidden_relations=())
    return path


def cap(graph: nx.MultiDiGraph, max_nodes: int | None) -> tuple[nx.MultiDiGraph, str | None]:
    """Keep the ``max_nodes`` most active nodes (meetings first); a note says what was left out."""
    n = graph.number_of_nodes()
    if max_nodes is None or n <= max_nodes:
        return graph, None
    degree = dict(graph.degree())
    ranked = sorted(graph.nodes, key=lambda v: (graph.nodes[v]["type"] != "meeting",
                                                -graph.nodes[v]["activity"], -degree[v], v))
    kept = ranked[:max_nodes]
    hidden: dict[str, int] = {}
    for v in ranked[max_nodes:]:
        t = graph.nodes[v]["type"]
        hidden[t] = hidden.get(t, 0) + 1
    parts = ", ".join(f"{count:,} {_plural(t, count)}" for t, count in sorted(hidden.items()))
    note = (f"Showing the {max_nodes:,} most active of {n:,} nodes; {n - max_nodes:,} left out "
            f"({parts}). Narrow the period or series, raise --min-activity, or use "
            f"--collapse organisation to see the rest.")
    return graph.subgraph(kept).copy(), note


def focus_subgraph(graph: nx.MultiDiGraph, focus: str) -> nx.MultiDiGraph:
    """The focus, its neighbours and their organisations, with evidence about the focus.

    Edges touching the focus keep all their evidence; edges between neighbours
    keep only the evidence that involves the focus (a topic's view shows who
    spoke at which meeting *on that topic*) and are dropped when none is left;
    co-speaker links between neighbours are left out as clutter.
    """
    nodes = {focus} | set(graph.successors(focus)) | set(graph.predecessors(focus))
    for v in list(nodes):
        if graph.nodes[v]["type"] == "person":
            nodes.update(o for _, o, rel in graph.out_edges(v, keys=True) if rel == "affiliatedWith")
    view = nx.MultiDiGraph(**graph.graph)
    view.add_nodes_from((v, graph.nodes[v]) for v in nodes)
    edges = []
    for u, v, rel, data in graph.subgraph(nodes).edges(keys=True, data=True):
        if focus in (u, v):
            edges.append((u, v, rel, data))
        elif rel == "co-speaker":
            continue
        elif rel in UNDATED_RELATIONS:
            edges.append((u, v, rel, data))
        else:
            kept = tuple(ev for ev in data["evidence"] if ev.involves(focus))
            if kept:
                edges.append((u, v, rel, {**data, "evidence": kept}))
    view.add_edges_from(edges)
    return view


# --------------------------------------------------------------------------- page data


def page_data(graph: nx.MultiDiGraph, *, to_viz: str, focus: str | None,
              hidden_relations: Iterable[str] = ()) -> dict:
    """The JSON a network page embeds: nodes, edges, evidence and meetings, by index.

    ``to_viz`` is the relative path from the page to ``OUT/viz/`` (for links).
    Positions are computed here, so the page opens already laid out.  Each node
    carries ``am``, its interventions counted per meeting, so the page can
    recount activity for any period or series without the sentences themselves.
    """
    positions = layout_positions(graph, centre=focus)
    infos = graph.graph.get("meetings", {})
    order = sorted(graph.nodes, key=str)
    node_ids = {v: i for i, v in enumerate(order)}
    meetings: dict[str, int] = {}
    meeting_rows: list[dict] = []

    def meeting_index(iri: str | None) -> int:
        if iri is None:
            return -1
        if iri not in meetings:
            meetings[iri] = len(meeting_rows)
            info = infos.get(iri)
            meeting_rows.append({
                "label": info.label if info else iri.rsplit("/", 1)[-1],
                "date": info.date if info else None,
                "series": info.series if info else None,
                "url": f"{to_viz}meeting/{page_slug(iri)}.html" if iri in graph else None})
        return meetings[iri]

    for v in order:
        if graph.nodes[v]["type"] == "meeting":
            meeting_index(v)
    evidence: dict[Evidence, int] = {}
    edges = []
    for n, (u, v, rel, data) in enumerate(sorted(graph.edges(keys=True, data=True),
                                                  key=lambda e: (str(e[0]), str(e[1]), e[2]))):
        ev_ids = [evidence.setdefault(ev, len(evidence)) for ev in data["evidence"]]
        mt = sorted({meeting_index(ev.meeting) for ev in data["evidence"]} - {-1})
        edges.append({"id": n, "from": node_ids[u], "to": node_ids[v], "rel": rel,
                      "ev": ev_ids, "mt": [] if rel in UNDATED_RELATIONS else mt})

    degree = dict(nx.Graph(graph).degree()) if graph.number_of_nodes() else {}
    nodes = []
    for v in order:
        a = graph.nodes[v]
        x, y = positions[v]
        per_meeting: dict[int, int] = {}
        for ev in a.get("interventions", ()):
            i = meeting_index(ev.meeting)
            per_meeting[i] = per_meeting.get(i, 0) + 1
        row = {"id": node_ids[v], "label": a["label"], "type": a["type"], "x": x, "y": y,
               "act": a["activity"], "deg": degree.get(v, 0), "first": a.get("first"),
               "last": a.get("last"), "am": sorted(per_meeting.items()),
               "url": _node_url(v, a, to_viz)}
        if a["type"] == "meeting":
            row["mi"] = meeting_index(v)
            row["series"] = a.get("series_label")
            row["reports"] = list(a.get("reports", ()))
        if a["type"] == "person" and not a.get("resolved", True):
            row["unresolved"] = True
        if a["type"] == "topic":
            row["topicUrl"] = f"{to_viz}../topics/{page_slug(v)}.html"
        if a.get("members"):
            row["members"] = list(a["members"])
        nodes.append(row)

    ev_rows = [{"k": ev.kind, "t": ev.text, "f": ev.file_name, "d": ev.date,
                "m": meeting_index(ev.meeting), "s": ev.speaker,
                "p": node_ids.get(ev.person, -1) if ev.person else -1}
               for ev in evidence]
    series: dict[str, str] = {}
    for row in meeting_rows:
        if row["series"] and row["series"] not in series:
            info = next((m for m in infos.values() if m.series == row["series"]), None)
            series[row["series"]] = (info.series_label if info and info.series_label
                                     else row["series"].rsplit("/", 1)[-1])
    return {
        "nodes": nodes,
        "edges": edges,
        "evidence": ev_rows,
        "meetings": meeting_rows,
        "series": [{"iri": k, "label": series[k]} for k in sorted(series, key=lambda k: series[k])],
        "types": list(NODE_TYPES),
        "relations": list(RELATIONS),
        "hiddenRelations": [r for r in hidden_relations if r in RELATIONS],
        "undated": sorted(UNDATED_RELATIONS),
        "focus": node_ids.get(focus) if focus is not None else None,
    }


def _node_url(iri: str, attrs: dict, to_viz: str) -> str | None:
    kind = attrs["type"]
    if kind in FOCUS_KINDS:
        return f"{to_viz}{FOCUS_KINDS[kind]}/{page_slug(iri)}.html"
    return None


def _write_page(path: Path, graph: nx.MultiDiGraph, *, title: str, subtitle: str, note: str | None,
                to_viz: str, focus: str | None, hidden_relations: Iterable[str]) -> None:
    data = page_data(graph, to_viz=to_viz, focus=focus, hidden_relations=hidden_relations)
    html = environment().get_template("network.html").render(
        title=title, subtitle=subtitle, note=note, data=data, assets=f"{to_viz}assets/",
        index_url=f"{to_viz}../index.html", corpus_url=f"{to_viz}corpus.html",
        focus_label=graph.nodes[focus]["label"] if focus is not None else None,
        big=graph.number_of_nodes() > 1500 or graph.number_of_edges() > 4000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _filter_summary(filters) -> str:
    if filters is None:
        return "All meetings"
    parts = []
    if filters.since or filters.until:
        parts.append(f"{filters.since or '…'} to {filters.until or '…'}")
    if filters.series is not None:
        parts.append("series: " + ", ".join(sorted(s.rsplit("/", 1)[-1] for s in filters.series)))
    if filters.node_types != frozenset(NODE_TYPES):
        parts.append("types: " + ", ".join(t for t in NODE_TYPES if t in filters.node_types))
    if filters.min_activity:
        parts.append(f"at least {filters.min_activity} intervention(s)")
    if filters.collapse:
        parts.append(f"people folded into their {filters.collapse}")
    return "; ".join(parts) or "All meetings"


def _plural(node_type: str, count: int) -> str:
    if count == 1:
        return node_type
    return "people" if node_type == "person" else f"{node_type}s"


def _focus_summary(view: nx.MultiDiGraph, focus: str) -> str:
    counts: dict[str, int] = {}
    for v in view.nodes:
        if v != focus:
            t = view.nodes[v]["type"]
            counts[t] = counts.get(t, 0) + 1
    act = view.nodes[focus]["activity"]
    parts = [f"{act} intervention{'s' if act != 1 else ''}"]
    parts += [f"{counts[t]} {_plural(t, counts[t])}" for t in NODE_TYPES if counts.get(t)]
    return " · ".join(parts)
