"""``OUT/index.html``: one page linking every view, every topic page and the query kit.

The kit is listed from ``kg.query.list_queries`` (each ``kg/queries/*.rq`` header's
name, description, parameters and example).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.query import list_queries
from kg.viz.project import NODE_TYPES, open_view_store, page_slug, project
from kg.viz.templating import environment, write_assets
from kg.viz.topic import list_topics


def render_index(out: Path, graph: nx.MultiDiGraph | None = None, *, filters: dict | None = None) -> Path:
    """Write ``OUT/index.html`` for the views of ``graph`` (default: the unfiltered projection).

    Raises:
        VizError: no store under ``out``.
    """
    out = Path(out)
    if graph is None:
        graph = project(open_view_store(out), **(filters or {}))
    write_assets(out)
    by_type: dict[str, list[dict]] = {t: [] for t in NODE_TYPES}
    for v, a in graph.nodes(data=True):
        row = {"label": a["label"], "activity": a["activity"], "first": a.get("first"),
               "last": a.get("last"), "degree": graph.degree(v)}
        if a["type"] == "meeting":
            row.update(url=f"viz/meeting/{page_slug(v)}.html", date=a.get("date"),
                       series=a.get("series_label") or (a.get("series") or "").rsplit("/", 1)[-1],
                       reports=", ".join(a.get("reports", ())),
                       people=len({u for u, _, rel in graph.in_edges(v, keys=True)
                                   if rel in ("attended", "spokeAt")}))
        elif a["type"] == "person":
            row.update(url=f"viz/person/{page_slug(v)}.html", unresolved=not a.get("resolved", True))
        elif a["type"] == "topic":
            row.update(url=f"viz/topic-network/{page_slug(v)}.html")
        elif a.get("members"):
            row.update(members=", ".join(a["members"]))
        by_type[a["type"]].append(row)
    by_type["meeting"].sort(key=lambda r: (r["date"] or "9999", r["label"]))
    for t in ("person", "organisation", "group"):
        by_type[t].sort(key=lambda r: (-r["activity"], r["label"].casefold()))
    in_view = {page_slug(v) for v, a in graph.nodes(data=True) if a["type"] == "topic"}
    topics = [{"summary": s, "page": f"topics/{s.key}.html" if s.meetings else None,
               "network": f"viz/topic-network/{s.key}.html" if s.key in in_view else None}
              for s in list_topics(out)]
    dates = sorted(r["date"] for r in by_type["meeting"] if r["date"])
    interventions = sum(r["activity"] for r in by_type["meeting"])
    html = environment().get_template("index.html").render(
        title="Meeting reports knowledge graph", subtitle=_subtitle(by_type, dates, interventions),
        assets="viz/assets/", by_type=by_type, topics=topics, kit=list_queries(),
        filters={k: v for k, v in (filters or {}).items() if v not in (None, 0, (), [])})
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def _subtitle(by_type: dict, dates: list[str], interventions: int) -> str:
    unresolved = sum(1 for p in by_type["person"] if p.get("unresolved"))
    parts = [f"{len(by_type['meeting'])} meetings", f"{len(by_type['person']) - unresolved} people",
             f"{len(by_type['organisation'])} organisations", f"{len(by_type['topic'])} topics",
             f"{interventions} interventions"]
    if unresolved:
        parts.insert(2, f"{unresolved} unresolved name{'s' if unresolved != 1 else ''}")
    if by_type["group"]:
        parts.insert(parts.index(f"{len(by_type['organisation'])} organisations") + 1, f"{len(by_type['group'])} groups")
    if dates:
        parts.append(f"{dates[0]} to {dates[-1]}")
    return " · ".join(parts)
