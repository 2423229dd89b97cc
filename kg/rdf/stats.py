"""Statistics computed when the store is written, into their own named graph.

Some kit questions aggregate over the whole corpus (how many interventions each
topic had, who spoke most on it, which pairs of people spoke on it together) or
list thousands of rows in an order.  On 10,000 reports the aggregates take
0.2-5 s per query and a listing cannot be paged by SPARQL's ``LIMIT`` without
sorting every row first.  So ``write_store`` runs the statistics queries of
``kg/queries/stats/*.rq`` once per write, over the whole new store, and keeps
their answers in the graph ``STATISTICS_GRAPH``: counts, dates, and each listed
node's rank in its listing, which the kit pages on (``PAGE_SIZE`` rows a page).

A statistics query is a SELECT with a header of comments::

    # node: ?meeting                          the subject is the ?meeting column, or
    # node: topic-meeting ?aboutTopic ?atMeeting
    #                                         a node minted from those columns (which are
    #                                         also stated, as kg:aboutTopic and kg:atMeeting)
    # type: TopicAtMeeting                    optional rdf:type (a kg: class) of the node
    # rank: timelineRank per aboutTopic       optional: kg:timelineRank = the 1-based row
    #                                         number in the query's order, restarting for
    #                                         each ?aboutTopic; rows are grouped into pages
    #                                         of PAGE_SIZE: <row> kg:onPage <page>,
    #                                         <topic> kg:timelinePage <page> (for a rank not
    #                                         per a column: <listing> kg:...Page <page>),
    #                                         <page> kg:pageNumber N
    # sort: ?speakerNames                     optional: columns holding GROUP_CONCAT lists
    #                                         ("; "-separated), sorted so that the statistics
    #                                         do not depend on the order of evaluation

Every other projected column ``?x`` is stated as ``kg:x``; an unbound value is left out.
The graph is rewritten whole on every write, so it is never stale: a store
changed by any build has statistics of exactly its content.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf import uris
from kg.rdf.vocab import NAMESPACE

STATS_DIR = Path(__file__).resolve().parent.parent / "queries" / "stats"
STATISTICS_GRAPH = uris.BASE + "graph/statistics"
#: Rows per page of a paged kit query (the kit's ``page`` parameter).
PAGE_SIZE = 100
#: Bumped when the statistics change shape, so that a rebuild recomputes them.
VERSION = "4"

_GRAPH = ox.NamedNode(STATISTICS_GRAPH)
_VERSION = ox.NamedNode(NAMESPACE + "statisticsVersion")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_PAGE = ox.NamedNode(NAMESPACE + "StatisticsPage")
_PAGE_NUMBER = ox.NamedNode(NAMESPACE + "pageNumber")
_ON_PAGE = ox.NamedNode(NAMESPACE + "onPage")
_HEADER = re.compile(r"#\s*(node|type|rank|sort)\s*:\s*(.*)")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class StatisticsQuery:
    """One ``kg/queries/stats/*.rq`` file and what its header says to do with the rows."""

    name: str
    sparql: str
    node_column: str | None  # the subject column, or None when the node is minted
    node_kind: str | None  # the minted node's kind (IRI path segment)
    key_columns: tuple[str, ...]  # the columns the minted node's IRI is made from
    node_type: str | None
    rank: str | None
    rank_per: str | None
    sorted_lists: tuple[str, ...] = ()  # columns holding "; "-separated lists, sorted before stating


def _parse(path: Path) -> StatisticsQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)] = match.group(2).strip()

    def bad(what: str) -> QueryError:
        return QueryError(f"statistics query header: {what}", path=str(path),
                          hint="see the kg.rdf.stats docstring for the '# node:', '# type:' and '# rank:' lines")

    node = fields.get("node", "").split()
    if not node:
        raise bad("no '# node:' line")
    if node[0].startswith("?"):
        if len(node) != 1:
            raise bad("'# node: ?column' takes one column")
        node_column, kind, keys = node[0][1:], None, ()
    else:
        node_column, kind, keys = None, node[0], tuple(k.lstrip("?") for k in node[1:])
        if not re.fullmatch(r"[a-z][a-z-]*", kind) or not all(_NAME.fullmatch(k) for k in keys):
            raise bad(f"malformed '# node: {fields['node']}'")
    rank = fields.get("rank", "").split()
    if rank and not (len(rank) == 1 or (len(rank) == 3 and rank[1] == "per")):
        raise bad(f"malformed '# rank: {fields['rank']}' (write 'NAME' or 'NAME per COLUMN')")
    node_type = fields.get("type") or None
    for name in [node_type, *rank[:1]]:
        if name and not _NAME.fullmatch(name):
            raise bad(f"{name!r} is not a kg: local name")
    lists = tuple(c.lstrip("?") for c in fields.get("sort", "").split())
    return StatisticsQuery(path.stem, text, node_column, kind, keys, node_type,
                           rank[0] if rank else None, rank[2].lstrip("?") if len(rank) == 3 else None, lists)


def statistics_queries() -> list[StatisticsQuery]:
    """The statistics queries, by file name."""
    return [_parse(p) for p in sorted(STATS_DIR.glob("*.rq"))]


def _mint(kind: str, key: tuple[ox.Term, ...]) -> ox.NamedNode:
    """A deterministic IRI for a statistics node, from the terms it is about."""
    digest = hashlib.sha256("\x1f".join(str(t) for t in key).encode("utf-8")).hexdigest()[:20]
    return ox.NamedNode(f"{uris.BASE}statistics/{kind}/{digest}" if key else f"{uris.BASE}statistics/{kind}")


def listing_iri(name: str) -> ox.NamedNode:
    """The IRI naming the listing of the statistics query ``name``: what its pages are of when not of a topic."""
    return ox.NamedNode(f"{uris.BASE}statistics/listing/{name}")


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def _quads(store: ox.Store, query: StatisticsQuery) -> list[ox.Quad]:
    try:
        solutions = store.query(query.sparql, use_default_graph_as_union=True)
    except (SyntaxError, OSError) as err:
        raise QueryError(f"statistics query {query.name!r} failed: {err}", path=str(STATS_DIR / f"{query.name}.rq")) from err
    columns = [v.value for v in solutions.variables]
    missing = [c for c in (query.node_column, *query.key_columns, query.rank_per, *query.sorted_lists)
               if c and c not in columns]
    if missing:
        raise QueryError(f"statistics query {query.name!r} does not project {', '.join(missing)}",
                         path=str(STATS_DIR / f"{query.name}.rq"))
    predicates = {c: ox.NamedNode(NAMESPACE + c) for c in columns if c != query.node_column}
    rank_predicate = ox.NamedNode(NAMESPACE + query.rank) if query.rank else None
    # meetingRank -> meetingPage: from the topic (or the listing) to its pages, one term per
    # listing, so that the topic's own pages are one index lookup away.
    page_predicate = ox.NamedNode(NAMESPACE + query.rank.removesuffix("Rank") + "Page") if query.rank else None
    node_type = ox.NamedNode(NAMESPACE + query.node_type) if query.node_type else None
    listing = listing_iri(query.name)
    ranks: Counter = Counter()
    quads: list[ox.Quad] = []
    for row in solutions:
        if query.node_column:
            node = row[query.node_column]
            if not isinstance(node, ox.NamedNode):
                continue
        else:
            node = _mint(query.node_kind, tuple(row[k] for k in query.key_columns))
        if node_type is not None:
            quads.append(ox.Quad(node, _TYPE, node_type, _GRAPH))
        for column, predicate in predicates.items():
            value = row[column]
            if value is not None:
                if column in query.sorted_lists and isinstance(value, ox.Literal):
                    value = ox.Literal("; ".join(sorted(value.value.split("; "))) if value.value else "")
                quads.append(ox.Quad(node, predicate, value, _GRAPH))
        if rank_predicate is not None:
            group = row[query.rank_per] if query.rank_per else listing
            ranks[group] += 1
            rank = ranks[group]
            page = _mint("page", (listing, group, ox.Literal(str((rank - 1) // PAGE_SIZE + 1))))
            if rank % PAGE_SIZE == 1:
                quads += [ox.Quad(page, _TYPE, _PAGE, _GRAPH), ox.Quad(group, page_predicate, page, _GRAPH),
                          ox.Quad(page, _PAGE_NUMBER, _integer((rank - 1) // PAGE_SIZE + 1), _GRAPH)]
            quads += [ox.Quad(node, rank_predicate, _integer(rank), _GRAPH), ox.Quad(node, _ON_PAGE, page, _GRAPH)]
    return quads


def compute(store: ox.Store) -> list[ox.Quad]:
    """The statistics graph's quads for the content of ``store``.

    Statistics are stated with their own terms (``kg:aboutTopic``, not ``kg:topic``;
    ``kg:phrase``, not ``rdfs:label``), so the statistics queries, which read the union of
    all graphs, never read an earlier statistics graph (``tests/test_rdf_stats.py``).
    """
    return [quad for quads in _computed(store) for quad in quads]


def _computed(store: ox.Store) -> Iterator[list[ox.Quad]]:
    yield [ox.Quad(_GRAPH, _VERSION, ox.Literal(VERSION), _GRAPH)]
    for query in statistics_queries():
        yield _quads(store, query)


def write(store: ox.Store) -> int:
    """Replace the statistics graph of the writable ``store`` with fresh statistics.

    Returns the number of quads written.  Call it after every change to the
    store's graphs; ``kg.rdf.store.write_store`` does.
    """
    old = set(store.quads_for_pattern(None, None, None, _GRAPH))
    if old:
        # Computed afresh, then only the difference is written: after a
        # small change most counts and ranks stay as they were, and removing a million quads
        # to add most of them back costs a minute on 10,000 reports.
        fresh = set(compute(store))
        for quad in old - fresh:
            store.remove(quad)
        store.extend(fresh - old)
        return len(fresh)
    # One query's quads at a time: on 10,000 reports all of them would hold 1.6 million objects.
    written = 0
    for quads in _computed(store):
        store.bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", ox.RdfFormat.N_QUADS)
        written += len(quads)
    return written


def is_current(store: ox.Store) -> bool:
    """Whether ``store`` holds statistics of the current ``VERSION``."""
    return any(q.object.value == VERSION for q in store.quads_for_pattern(_GRAPH, _VERSION, None, _GRAPH))
