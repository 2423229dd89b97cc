"""Project the store onto a networkx graph of meetings, people, organisations and topics.

Everything comes from SPARQL over the store (``kg/queries/viz/*.rq``); nothing
is carried over from a build.  Each edge keeps its evidence: the interventions
(sentence, speaker as written, report file, meeting date) or the statements
(participant list, affiliation) it was drawn from.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import VizError
from kg.rdf.store import open_store
from kg.rdf.uris import BASE as ID_BASE
from kg.rdf.uris import UNRESOLVED, slugify

# "group": a collective speaker ("MAG members"), or a participant-list heading that
# people without a known organisation are folded into by collapse="organisation".
NODE_TYPES = ("meeting", "person", "organisation", "group", "topic")
RELATIONS = ("attended", "absentFrom", "spokeAt", "spokeOn", "discussedAt", "affiliatedWith", "co-speaker")
# Affiliation is a standing fact, not an event: date and series filters never drop it.
UNDATED_RELATIONS = frozenset({"affiliatedWith"})
COLLAPSE_MODES = ("organisation",)
QUERY_DIR = Path(__file__).resolve().parents[1] / "queries" / "viz"

_KG = "https://w3id.org/igfkg/ontology#"
_REL_BY_IRI = {_KG + r: r for r in RELATIONS if r != "co-speaker"}
# The node types each stated relation may join; the first is assumed for an untyped node.
_SPEAKERS = ("person", "organisation", "group")
_ENDS = {
    "attended": (("person",), "meeting"),
    "absentFrom": (("person",), "meeting"),
    "spokeAt": (_SPEAKERS, "meeting"),
    "spokeOn": (_SPEAKERS, "topic"),
    "discussedAt": (("topic",), "meeting"),
    "affiliatedWith": (("person",), "organisation"),
}
# How a stated relation's evidence reads: a participant list, an apologies list, or the report's prose.
_STATEMENT_KIND = {"attended": "participant-list", "absentFrom": "apology-list"}
_UNRESOLVED_PREFIX = f"{ID_BASE}person/{UNRESOLVED}/"
_LIST_GROUP_PREFIX = f"{ID_BASE}group/list/"
_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Evidence:
    """Why an edge is drawn: one intervention, or one statement in a report.

    ``kind`` is ``"intervention"`` (``text`` is the sentence), ``"participant-list"``
    (the person is listed as present), ``"apology-list"`` (listed as having sent
    apologies), ``"statement"`` (the report states the relation), or
    ``"shared-meeting"`` (two people spoke at ``meeting``).
    ``person`` and ``topics`` are IRIs, so focused views can keep only the
    evidence that involves their focus.
    """

    kind: str
    meeting: str | None
    date: str | None
    file_name: str | None = None
    text: str | None = None
    speaker: str | None = None
    person: str | None = None
    """The speaker (person, organisation or group) or the person the statement is about."""
    topics: tuple[str, ...] = ()
    intervention: str | None = None
    start: int | None = None
    end: int | None = None

    def involves(self, iri: str) -> bool:
        """Whether this evidence is about ``iri`` (its speaker, meeting or one of its topics)."""
        return iri == self.person or iri == self.meeting or iri in self.topics


@dataclass(frozen=True)
class MeetingInfo:
    """A meeting as the store describes it; ``date`` is ``YYYY-MM-DD`` or ``None``."""

    iri: str
    title: str | None
    date: str | None
    start: str | None
    number: str | None
    series: str | None
    series_label: str | None
    reports: tuple[str, ...]

    @property
    def label(self) -> str:
        """A short display name: the title, else series and number, else the IRI's tail."""
        if self.title:
            return self.title
        parts = [p for p in (self.series_label, self.number and f"#{self.number}") if p]
        return " ".join(parts) or self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Facts:
    """What the viz queries read from the store, before any filtering."""

    meetings: Mapping[str, MeetingInfo]
    entities: Mapping[str, tuple[str, str]]
    """IRI -> (node type, label)."""
    relations: tuple[tuple[str, str, str, str | None, str | None], ...]
    """(subject, relation, object, report file name, meeting the report describes)."""
    interventions: tuple[Evidence, ...]
    list_groups: Mapping[str, str]
    """Person IRI -> the participant-list heading they were most often listed under."""


# --------------------------------------------------------------------------- store access


def open_view_store(out: Path) -> ox.Store:
    """Open the current store under ``out`` read-only (``kg.rdf.store.open_store``).

    Raises:
        StoreError: ``out`` holds no store, or it cannot be opened.
    """
    return open_store(Path(out))


@cache
def _query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def _py(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value


def select(store: ox.Store, name: str, **params: str) -> list[dict[str, object]]:
    """Run ``kg/queries/viz/<name>.rq`` with IRI parameters bound; rows as plain dicts.

    Raises:
        VizError: the query failed (its name and the store's message are given).
    """
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in params.items()}
    try:
        solutions = store.query(_query_text(name), substitutions=subs or None,
                                use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: _py(row[n]) for n in names} for row in solutions]
    except (SyntaxError, OSError, ValueError, RuntimeError) as err:
        raise VizError(f"viz query {name}.rq failed: {err}",
                       hint="the store may be corrupt or from an incompatible build") from err


def day(value: object) -> str | None:
    """The ``YYYY-MM-DD`` part of an xsd:date or xsd:dateTime lexical form."""
    text = str(value) if value is not None else ""
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None


def load_facts(store: ox.Store) -> Facts:
    """Read meetings, entities, stated relations and interventions from the store."""
    by_meeting: dict[str, dict] = {}
    for row in sorted(select(store, "meetings"), key=lambda r: tuple(str(v) for v in r.values())):
        m = by_meeting.setdefault(row["meeting"], {"reports": set()})
        for key in ("title", "date", "number", "series", "seriesName"):
            if row[key] is not None and m.get(key) is None:
                m[key] = row[key]
        if row["fileName"]:
            m["reports"].add(row["fileName"])
    meetings = {
        iri: MeetingInfo(iri=iri, title=m.get("title"), date=day(m.get("date")),
                         start=m.get("date"), number=m.get("number"), series=m.get("series"),
                         series_label=m.get("seriesName"), reports=tuple(sorted(m["reports"])))
        for iri, m in by_meeting.items()
    }
    entities: dict[str, tuple[str, str]] = {}
    for row in sorted(select(store, "entities"), key=lambda r: (r["node"], r["kind"], str(r["label"]))):
        iri = row["node"]
        if iri not in entities or entities[iri][1] == _tail(iri):
            entities[iri] = (row["kind"], row["label"] or _tail(iri))
    relations = tuple(sorted(
        {(r["s"], _REL_BY_IRI[r["rel"]], r["o"], r["fileName"], r["reportMeeting"])
         for r in select(store, "relations")},
        key=lambda t: tuple(x or "" for x in t)))
    rows: dict[str, dict] = {}
    for row in select(store, "interventions"):
        i = rows.setdefault(row["i"], {**row, "topics": set()})
        if row["topic"]:
            i["topics"].add(row["topic"])
    interventions = tuple(
        Evidence(kind="intervention", meeting=r["meeting"],
                 date=meetings[r["meeting"]].date if r["meeting"] in meetings else None,
                 file_name=r["fileName"], text=r["text"], speaker=r["attribution"],
                 person=r["speaker"], topics=tuple(sorted(r["topics"])), intervention=iri,
                 start=r["start"], end=r["end"])
        for iri, r in sorted(rows.items(), key=lambda kv: _intervention_order(kv[0], kv[1]))
    )
    headings: dict[str, dict[str, int]] = defaultdict(dict)
    for row in select(store, "list-groups"):
        headings[row["person"]][row["group"]] = int(row["n"] or 0)
    list_groups = {p: min(hs, key=lambda h: (-hs[h], h)) for p, hs in headings.items()}
    return Facts(meetings=meetings, entities=entities, relations=relations,
                 interventions=interventions, list_groups=list_groups)


def _intervention_order(iri: str, row: dict) -> tuple:
    # Report order: by file, then position in the text; the IRI's number as a tiebreak.
    number = iri.rsplit("/", 1)[-1]
    return (row["fileName"] or "", row["start"] if isinstance(row["start"], int) else 0,
            int(number) if number.isdigit() else 0, iri)


def is_unresolved(iri: str) -> bool:
    """Whether a person IRI is a placeholder for an unresolved or ambiguous mention."""
    return iri.startswith(_UNRESOLVED_PREFIX)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """The static filters of a projection, validated."""

    since: str | None = None
    until: str | None = None
    series: frozenset[str] | None = None
    node_types: frozenset[str] = frozenset(NODE_TYPES)
    min_activity: int = 0
    collapse: str | None = None

    @property
    def by_meeting(self) -> bool:
        """Whether some meetings are filtered out (so undated facts can't be placed)."""
        return bool(self.since or self.until or self.series is not None)

    def meeting_ok(self, m: MeetingInfo | None) -> bool:
        if not self.by_meeting:
            return True
        if m is None:
            return False
        if self.series is not None and m.series not in self.series:
            return False
        if self.since or self.until:
            if m.date is None:
                return False
            if self.since and m.date[: len(self.since)] < self.since:
                return False
            if self.until and m.date[: len(self.until)] > self.until:
                return False
        return True


def make_filters(facts: Facts, *, since=None, until=None, series=None, node_types=None,
                 min_activity=0, collapse=None) -> Filters:
    """Validate filter values against the store's meetings; raise VizError on a bad one."""
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _DATE_FILTER.match(str(value)):
            raise VizError(f"{name}={value!r} is not a date",
                           hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    chosen = None
    if series is not None:
        wanted = [series] if isinstance(series, str) else list(series)
        known: dict[str, str] = {}
        for m in facts.meetings.values():
            if m.series:
                for alias in (m.series, _tail(m.series), m.series_label):
                    if alias:
                        known[alias.casefold()] = m.series
        chosen = set()
        for s in wanted:
            if s.casefold() not in known:
                names = sorted({_tail(v) for v in known.values()})
                raise VizError(f"unknown meeting series {s!r}",
                               hint=f"known series: {', '.join(names) or 'none'}")
            chosen.add(known[s.casefold()])
    types = frozenset(NODE_TYPES)
    if node_types is not None:
        wanted_types = [node_types] if isinstance(node_types, str) else list(node_types)
        bad = [t for t in wanted_types if t not in NODE_TYPES]
        if bad:
            raise VizError(f"unknown node type(s) {', '.join(map(repr, bad))}",
                           hint=f"choose from {', '.join(NODE_TYPES)}")
        types = frozenset(wanted_types)
    if collapse is not None and collapse not in COLLAPSE_MODES:
        raise VizError(f"cannot collapse by {collapse!r}",
                       hint=f"choose from {', '.join(COLLAPSE_MODES)}")
    try:
        minimum = int(min_activity or 0)
    except (TypeError, ValueError) as err:
        raise VizError(f"min_activity={min_activity!r} is not a whole number") from err
    if minimum < 0:
        raise VizError(f"min_activity={minimum} is negative", hint="use 0 or more")
    return Filters(since=since, until=until, series=frozenset(chosen) if chosen is not None else None,
                   node_types=types, min_activity=minimum, collapse=collapse)


# --------------------------------------------------------------------------- projection


def project(store: ox.Store, *, since: str | None = None, until: str | None = None,
            series: str | Iterable[str] | None = None, node_types: Iterable[str] | None = None,
            min_activity: int = 0, collapse: str | None = None) -> nx.MultiDiGraph:
    """Project the store onto a graph of meetings, people, organisations and topics.

    Nodes carry ``type``, ``label``, ``iri``, ``activity`` (the number of
    interventions in the selected period: by a person or an organisation's
    people, at a meeting, on a topic), ``interventions`` (those, as
    :class:`Evidence`), ``first``/``last`` dates, and for meetings ``date`` and
    ``series``.  Nodes that no relation or intervention mentions are left out.
    Edges are keyed by relation and carry ``relation`` and
    ``evidence`` (a tuple of :class:`Evidence`).  ``graph.graph["meetings"]``
    maps every meeting IRI in the store to its :class:`MeetingInfo`.

    Args:
        since, until: keep meetings on or after / on or before this date
            (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, compared at that precision).
        series: keep meetings of these series (key, name or IRI).
        node_types: keep only these node types (see ``NODE_TYPES``).
        min_activity: drop nodes with fewer interventions than this.
        collapse: ``"organisation"`` folds people into their main organisation
            (or, lacking one, their participant-list heading, as a ``group``).

    Raises:
        VizError: a filter value is invalid, or the store cannot be read.
    """
    facts = load_facts(store)
    filters = make_filters(facts, since=since, until=until, series=series, node_types=node_types,
                           min_activity=min_activity, collapse=collapse)
    return build_projection(facts, filters)


def build_projection(facts: Facts, filters: Filters) -> nx.MultiDiGraph:
    """The filtered graph from already-loaded facts (see :func:`project`)."""
    ok_meetings = {iri for iri, m in facts.meetings.items() if filters.meeting_ok(m)}

    def ev_ok(ev: Evidence) -> bool:
        return not filters.by_meeting or ev.meeting in ok_meetings

    interventions = [ev for ev in facts.interventions if ev_ok(ev)]
    node_type: dict[str, str] = {iri: "meeting" for iri in facts.meetings}
    node_type.update({iri: kind for iri, (kind, _) in facts.entities.items()})
    edges = _stated_edges(facts, interventions, node_type, ev_ok)
    edges.update(_co_speaker_edges(edges, facts))
    if filters.collapse == "organisation":
        edges, members, group_labels = _collapse(edges, facts, node_type)
    else:
        members, group_labels = {}, {}
    present = _present(facts, filters, ok_meetings, edges, node_type, members)

    behind, first, last = _activity(interventions, edges, node_type, members)
    keep = {iri for iri in present
            if node_type[iri] in filters.node_types and len(behind.get(iri, ())) >= filters.min_activity}
    graph = nx.MultiDiGraph(filters=filters, meetings=facts.meetings)
    graph.add_nodes_from(
        (iri, _node_attrs(iri, node_type[iri], facts, tuple(behind.get(iri, ())), first.get(iri),
                          last.get(iri), members.get(iri, ()), group_labels.get(iri)))
        for iri in sorted(keep))
    graph.add_edges_from(
        (s, o, rel, {"relation": rel, "evidence": evidence})
        for (s, rel, o), evidence in sorted(edges.items())
        if s in keep and o in keep)
    return graph


Edges = dict[tuple[str, str, str], tuple[Evidence, ...]]


def _stated_edges(facts: Facts, interventions: list[Evidence], node_type: dict[str, str],
                  ev_ok) -> Edges:
    """The store's relations with their evidence in the selected period, keyed (s, rel, o).

    ``spokeAt``/``spokeOn``/``discussedAt`` are backed by their interventions when
    there are any; otherwise, like the other relations, by the reports stating them.
    Nodes the store does not type get the type their place in a relation implies.
    """
    backing: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for ev in interventions:
        backing[ev.person, "spokeAt", ev.meeting].append(ev)
        for t in ev.topics:
            backing[ev.person, "spokeOn", t].append(ev)
            backing[t, "discussedAt", ev.meeting].append(ev)
    stated: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for s, rel, o, file_name, report_meeting in facts.relations:
        subject_types, object_type = _ENDS[rel]
        node_type.setdefault(s, subject_types[0])
        node_type.setdefault(o, object_type)
        if node_type[s] not in subject_types or node_type[o] != object_type:
            continue  # a relation between the wrong kinds of node: not something the views draw
        meeting = o if object_type == "meeting" else report_meeting
        date = facts.meetings[meeting].date if meeting in facts.meetings else None
        kind = _STATEMENT_KIND.get(rel, "statement")
        stated[s, rel, o].append(Evidence(kind=kind, meeting=meeting, date=date, file_name=file_name,
                                          person=s if node_type[s] in _SPEAKERS else None))
    edges: Edges = {}
    for key, statements in stated.items():
        found = backing.get(key)
        evidence = tuple(found) if found else tuple(dict.fromkeys(statements))
        if key[1] not in UNDATED_RELATIONS:
            evidence = tuple(ev for ev in evidence if ev_ok(ev))
            if not evidence:
                continue
        edges[key] = evidence
    return edges


def _co_speaker_edges(edges: Edges, facts: Facts) -> Edges:
    """Two speakers at the same meeting are co-speakers; the shared meetings are the evidence."""
    speakers: dict[str, set[str]] = defaultdict(set)
    for (s, rel, o) in edges:
        if rel == "spokeAt":
            speakers[o].add(s)
    pairs: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for meeting in sorted(speakers):
        info = facts.meetings.get(meeting)
        shared = Evidence(kind="shared-meeting", meeting=meeting, date=info.date if info else None,
                          file_name=info.reports[0] if info and info.reports else None)
        people = sorted(speakers[meeting])
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs[a, b].append(shared)
    return {(a, "co-speaker", b): tuple(evidence) for (a, b), evidence in pairs.items()}


def _present(facts: Facts, filters: Filters, ok_meetings: set[str], edges: Edges,
             node_type: dict[str, str], members: dict) -> set[str]:
    """The nodes in the selected period and series.

    Meetings that pass; people, topics and groups with a dated edge left; an
    organisation with a dated edge left or a person of its in the period
    (affiliation itself is undated).  Whatever no relation or intervention
    mentions (an organisation named in passing, a topic of the scheme never
    discussed) has nothing to show in a network and is left out.
    """
    dated: set[str] = set()
    for (s, rel, o) in edges:
        if rel not in UNDATED_RELATIONS:
            dated.update((s, o))
    linked = {iri for s, _, o, _, _ in facts.relations for iri in (s, o)}
    linked.update(iri for ev in facts.interventions for iri in (ev.person, ev.meeting, *ev.topics))
    linked.update(members)
    present: set[str] = set()
    for iri, kind in node_type.items():
        if kind == "meeting":
            if iri in ok_meetings or not filters.by_meeting:
                present.add(iri)
        elif iri in linked and (iri in dated or not filters.by_meeting):
            present.add(iri)
    for (s, rel, o) in edges:
        if rel in UNDATED_RELATIONS and s in present and node_type[o] == "organisation":
            present.add(o)
    return present


def _collapse(edges, facts: Facts, node_type: dict[str, str]):
    """Fold each person into the organisation most often stated for them.

    People with no known organisation fold into the participant-list heading they
    were most often listed under (a ``group`` node); the rest stay as they are.
    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (s, rel, o), evidence in edges.items():
        if rel == "affiliatedWith":
            counts[s][o] += len(evidence)
    home = {p: min(orgs, key=lambda o: (-orgs[o], facts.entities.get(o, ("", o))[1], o))
            for p, orgs in counts.items()}
    labels: dict[str, str] = {}
    for p, heading in facts.list_groups.items():
        if p not in home and node_type.get(p) == "person":
            group = f"{_LIST_GROUP_PREFIX}{slugify(heading) or 'group'}"
            home[p] = group
            labels[group] = heading
            node_type[group] = "group"
    members: dict[str, list[str]] = defaultdict(list)
    for p, o in sorted(home.items()):
        members[o].append(p)
    folded: dict[tuple[str, str, str], dict[Evidence, None]] = defaultdict(dict)
    for (s, rel, o), evidence in edges.items():
        if rel == "affiliatedWith" and s in home:
            continue
        s2, o2 = home.get(s, s), home.get(o, o)
        if s2 == o2:
            continue  # two members of one organisation co-speaking
        if rel == "co-speaker" and s2 > o2:
            s2, o2 = o2, s2
        folded[s2, rel, o2].update(dict.fromkeys(evidence))
    for p in home:
        node_type.pop(p, None)
    return ({k: tuple(v) for k, v in folded.items()},
            {o: tuple(ps) for o, ps in members.items()}, labels)


def _activity(interventions, edges, node_type, members):
    """The interventions behind each node's activity, with first and last dates."""
    behind: dict[str, list[Evidence]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    home = {p: o for o, ps in members.items() for p in ps}
    orgs_of: dict[str, list[str]] = defaultdict(list)
    for (s, rel, o) in edges:
        if rel == "affiliatedWith" and node_type.get(s) == "person":
            orgs_of[s].append(o)
    for ev in interventions:
        speaker = home.get(ev.person, ev.person)
        for iri in dict.fromkeys((speaker, ev.meeting, *ev.topics, *orgs_of.get(ev.person, ()))):
            if iri is not None:
                behind[iri].append(ev)
    for (s, rel, o), evidence in edges.items():
        for ev in evidence:
            if ev.date:
                dates[s].append(ev.date)
                if rel != "affiliatedWith":
                    dates[o].append(ev.date)
    for iri, evs in behind.items():
        dates[iri].extend(ev.date for ev in evs if ev.date)
    first = {k: min(v) for k, v in dates.items() if v}
    last = {k: max(v) for k, v in dates.items() if v}
    return behind, first, last


def _node_attrs(iri, kind, facts: Facts, interventions, first, last, members, label=None) -> dict:
    attrs = {"type": kind, "iri": iri, "activity": len(interventions), "interventions": interventions,
             "first": first, "last": last}
    if kind == "meeting":
        m = facts.meetings.get(iri)
        attrs.update(label=m.label if m else _tail(iri), date=m.date if m else None,
                     start=m.start if m else None, series=m.series if m else None,
                     series_label=m.series_label if m else None,
                     number=m.number if m else None, reports=m.reports if m else ())
        if m and m.date:
            attrs.update(first=m.date, last=m.date)
    else:
        attrs["label"] = label or facts.entities.get(iri, (kind, _tail(iri)))[1]
    if kind == "person":
        attrs["resolved"] = not is_unresolved(iri)
    if kind == "topic":
        attrs["key"] = _tail(iri)
    if members:
        attrs["members"] = tuple(facts.entities.get(p, ("person", _tail(p)))[1] for p in members)
    return attrs


# --------------------------------------------------------------------------- names for pages


def page_slug(iri: str) -> str:
    """A file-name-safe, deterministic slug for a node's page.

    The IRI's path below its kind (``person/``, ``meeting/``, ...) with ``/``
    turned into ``--``; any other unsafe character makes the slug carry a short
    hash of the IRI, so two IRIs never share a page.
    """
    path = iri[len(ID_BASE):] if iri.startswith(ID_BASE) else _tail(iri)
    path = path.split("/", 1)[1] if "/" in path else path
    wanted = path.replace("/", "--")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", wanted).strip("-.")[:80]
    if slug != wanted or not slug:
        slug = f"{slug or 'node'}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}"
    return slug


# --------------------------------------------------------------------------- export


EXPORT_FORMATS = ("graphml", "gexf")


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection with only scalar attributes, as GraphML and GEXF require.

    Evidence becomes counts, date ranges and the report files it comes from;
    ``weight`` is the number of evidence items (what Gephi sizes edges by).
    """
    flat = nx.MultiDiGraph()
    for v, a in graph.nodes(data=True):
        attrs = {k: a[k] for k in ("type", "label", "iri", "activity") if a.get(k) is not None}
        for k in ("first", "last", "date", "series_label", "number", "key"):
            if a.get(k) is not None:
                attrs[k] = str(a[k])
        if a.get("reports"):
            attrs["reports"] = "; ".join(a["reports"])
        if a.get("members"):
            attrs["members"] = "; ".join(a["members"])
        if "resolved" in a:
            attrs["resolved"] = bool(a["resolved"])
        flat.add_node(v, **attrs)
    for u, v, k, a in graph.edges(keys=True, data=True):
        evidence = a["evidence"]
        dates = sorted(e.date for e in evidence if e.date)
        files = sorted({e.file_name for e in evidence if e.file_name})
        flat.add_edge(u, v, key=k, relation=k, weight=len(evidence),
                      interventions=sum(1 for e in evidence if e.kind == "intervention"),
                      first=dates[0] if dates else "", last=dates[-1] if dates else "",
                      reports="; ".join(files))
    return flat


def export_network(out: Path, fmt: str, dest: Path, **filters) -> Path:
    """Write the projection of the store under ``out`` as GraphML or GEXF (for Gephi).

    ``filters`` are those of :func:`project`.

    Raises:
        VizError: unknown format, invalid filter, or ``dest`` cannot be written.
        StoreError: no store under ``out``.
    """
    if fmt not in EXPORT_FORMATS:
        raise VizError(f"cannot export the network as {fmt!r}", hint=f"choose from {', '.join(EXPORT_FORMATS)}")
    flat = flat_graph(project(open_view_store(out), **filters))
    dest = Path(dest)
    try:
        if fmt == "graphml":
            nx.write_graphml(flat, dest)
        else:
            nx.write_gexf(flat, dest)
    except OSError as err:
        raise VizError(f"cannot write the {fmt} file: {err}", path=str(dest)) from err
    return dest
