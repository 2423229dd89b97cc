"""The statistics graph (kg/rdf/stats.py) and the kit's paging on it."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import QueryError
from kg.query import PAGE_SIZE, list_queries, run_all_pages, run_named_query
from kg.rdf import stats
from kg.rdf.store import open_store, write_store
from kg.synth import synthesize

KG = "https://w3id.org/igfkg/ontology#"
GRAPH = ox.NamedNode(stats.STATISTICS_GRAPH)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A store of 130 synthetic reports: more meetings, graphs and review rows than a page holds."""
    root = tmp_path_factory.mktemp("stats")
    synthesize(130, root / "corpus", seed=11)
    build([root / "corpus"], root / "out")
    return root / "out"


def _stats_quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, GRAPH))


def test_rdf_stats_do_not_read_themselves(big, tmp_path):
    """Computing over a store that already holds statistics gives the same statistics."""
    store = open_store(big)
    assert set(stats.compute(store)) == _stats_quads(store)


def test_rdf_stats_rewrite_after_a_change_equals_a_fresh_computation(big, tmp_path):
    copy = tmp_path / "copy"
    open_store(big).backup(str(copy))
    store = ox.Store(str(copy))
    victim = next(g for g in store.named_graphs() if "/graph/" in g.value and g != GRAPH and "corpus" not in g.value)
    store.remove_graph(victim)
    stats.write(store)  # the difference only
    after = _stats_quads(store)
    store.remove_graph(GRAPH)
    assert set(stats.compute(store)) == after
    assert stats.is_current(ox.Store(str(tmp_path / "fresh"))) is False


def test_rdf_stats_ranks_are_contiguous_and_pages_hold_at_most_a_page(big):
    store = open_store(big)
    rank_predicates = {q.rank for q in stats.statistics_queries() if q.rank}
    per_page: Counter = Counter()
    ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, None, None, GRAPH):
        local = quad.predicate.value.removeprefix(KG)
        if local == "onPage":
            per_page[quad.object] += 1
        elif local in rank_predicates:
            page = next(store.quads_for_pattern(quad.subject, ox.NamedNode(KG + "onPage"), None, GRAPH)).object
            link = ox.NamedNode(KG + local.removesuffix("Rank") + "Page")
            owner = next(store.quads_for_pattern(None, link, page, GRAPH)).subject  # the topic, or the listing
            ranks[(local, owner.value)].append(int(quad.object.value))
    assert per_page and max(per_page.values()) <= PAGE_SIZE
    assert any(n == PAGE_SIZE for n in per_page.values())  # the corpus fills a page somewhere
    for key, values in ranks.items():
        assert sorted(values) == list(range(1, len(values) + 1)), key


def test_rdf_stats_summary_counts_match_a_direct_count(big):
    store = open_store(big)
    summary = run_named_query(big, "summary").to_dicts()[0]
    direct = {
        "meetings": "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Meeting }",
        "interventions": "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a kg:Intervention }",
        "reports": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Report }",
    }
    for key, sparql in direct.items():
        row = next(iter(store.query(sparql, prefixes={"kg": KG}, use_default_graph_as_union=True)))
        assert summary[key] == int(row["n"].value), key


@pytest.mark.parametrize("name", ["meetings", "attendance-vs-speaking", "graphs", "review"])
def test_kit_pages_partition_the_listing_in_order(big, name):
    first = run_named_query(big, name).to_dicts()
    second = run_named_query(big, name, {"page": "2"}).to_dicts()
    everything = run_all_pages(big, name).to_dicts()
    assert len(first) == PAGE_SIZE and second
    assert everything[:PAGE_SIZE] == first and everything[PAGE_SIZE:2 * PAGE_SIZE] == second
    assert {r["page"] for r in first} == {1} and {r["page"] for r in second} == {2}
    key = "graph" if name == "graphs" else "meeting" if "meeting" in first[0] else None
    if key:
        assert len({r[key] for r in everything}) == len(everything)  # no row twice
    if name in ("meetings", "attendance-vs-speaking"):
        dates = [r["date"] for r in everything]
        assert dates == sorted(dates)
        assert len(everything) == run_named_query(big, "summary").to_dicts()[0]["meetings"]


def test_kit_page_beyond_the_last_is_empty_and_bad_pages_are_refused(big):
    assert not run_named_query(big, "meetings", {"page": "999"}).rows
    for bad in ("0", "-1", "two", "1.5"):
        with pytest.raises(QueryError, match="page number"):
            run_named_query(big, "meetings", {"page": bad})


def test_kit_topic_listings_page_within_the_topic(big):
    topic = run_named_query(big, "topics").to_dicts()[0]["topic"]  # the topic discussed most
    timeline = run_all_pages(big, "topic-timeline", {"topic": topic}).to_dicts()
    assert {r["topic"] for r in timeline} == {topic}
    assert len(timeline) == run_named_query(big, "topics").to_dicts()[0]["meetings"]
    people = run_all_pages(big, "people-on-topic", {"topic": topic}).to_dicts()
    counts = [r["interventions"] for r in people]
    assert counts == sorted(counts, reverse=True)


def test_kit_refuses_a_store_without_statistics(tmp_path, big):
    copy = tmp_path / "old"
    open_store(big).backup(str(copy))
    store = ox.Store(str(copy))
    store.remove_graph(GRAPH)
    store.flush()
    del store
    for named in list_queries()[:3]:
        with pytest.raises(QueryError, match="rebuild"):
            run_named_query(ox.Store.read_only(str(copy)), named.name, {p.name: "x" for p in named.params if p.type != "page"})


def test_unchanged_rebuild_adds_missing_statistics(tmp_path, big):
    """A store written before statistics existed gets them at its next build, even an unchanged one."""
    from kg.rdf.graph import CorpusGraphs

    out = tmp_path / "out"
    write_store(out, CorpusGraphs({}))
    store = ox.Store(str((out / "store").resolve()))
    store.remove_graph(GRAPH)
    store.flush()
    del store
    assert not stats.is_current(open_store(out))
    result = write_store(out, CorpusGraphs({}))
    assert result.mode != "unchanged"
    assert stats.is_current(open_store(out))


def test_rdf_stats_header_errors_name_the_file(tmp_path, monkeypatch):
    bad = tmp_path / "bad.rq"
    bad.write_text("# rank: x y z\nSELECT ?a WHERE { ?a ?b ?c }\n")
    monkeypatch.setattr(stats, "STATS_DIR", tmp_path)
    with pytest.raises(QueryError) as err:
        stats.statistics_queries()
    assert "bad.rq" in str(err.value.path) and "node" in err.value.message


def test_rdf_stats_lists_are_sorted_whatever_the_evaluation_order(big):
    """GROUP_CONCAT's order is unspecified: lists named in '# sort:' are stated sorted."""
    store = open_store(big)
    seen = 0
    for local in ("speakerNames", "fileNames", "candidateNames"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(KG + local), None, GRAPH):
            parts = quad.object.value.split("; ")
            assert parts == sorted(parts), (local, quad.object.value)
            seen += len(parts) > 1
    assert seen  # some list has more than one name
