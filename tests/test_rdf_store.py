"""The on-disk store: write, swap, reopen, incremental rewrites, crashes, export."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_fixtures import corpus, write_scheme

from kg.errors import GraphError, StoreError
from kg.query import run_named_query
from kg.rdf import uris
from kg.rdf.export import export
from kg.rdf.graph import CorpusGraphs, build_graph
from kg.rdf.stats import STATISTICS_GRAPH
from kg.rdf.store import (
    STORES,
    graph_hashes,
    open_store,
    store_dir,
    to_rdflib,
    write_store,
)

TESTS = Path(__file__).resolve().parent
G12, G13, CORPUS = uris.graph("lantern-12"), uris.graph("lantern-13"), uris.CORPUS_GRAPH


@pytest.fixture(scope="module")
def scheme(tmp_path_factory):
    return write_scheme(tmp_path_factory.mktemp("scheme"))


@pytest.fixture(scope="module")
def both(scheme):
    anns, resolution = corpus()
    return build_graph(anns, resolution, scheme)


def _statistics(store: ox.Store) -> int:
    """How many quads the statistics graph holds (written with every store version)."""
    n = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(STATISTICS_GRAPH)))
    assert n > 0
    return n


def _count(out: Path) -> int:
    return run_named_query(out, "summary").to_dicts()[0]["interventions"]


def test_rdf_store_write_then_reopen(tmp_path, both):
    stats = write_store(tmp_path, both)
    assert stats.mode == "full"
    assert set(stats.added) == {G12, G13, CORPUS}
    assert (tmp_path / "store").is_symlink()
    store = open_store(tmp_path)
    assert len(store) == stats.quads == both.quad_count + _statistics(store)
    assert graph_hashes(store) == both.content_hashes
    assert _count(tmp_path) == 8


def test_rdf_store_rewrite_of_unchanged_graphs_does_nothing(tmp_path, both):
    first = write_store(tmp_path, both)
    again = write_store(tmp_path, both)
    assert again.mode == "unchanged"
    assert again.path == first.path
    assert set(again.unchanged) == {G12, G13, CORPUS}


def test_rdf_store_changed_report_replaces_exactly_its_graph(tmp_path, both, scheme):
    write_store(tmp_path, both)
    before = open_store(tmp_path)
    untouched = sorted(map(str, before.quads_for_pattern(None, None, None, ox.NamedNode(G12))))
    anns, resolution = corpus()
    report = anns[1].report
    retitled = dataclasses.replace(report, meeting=dataclasses.replace(report.meeting, title="Revised title"))
    changed = build_graph([anns[0], dataclasses.replace(anns[1], report=retitled)], resolution, scheme)
    stats = write_store(tmp_path, changed)
    assert stats.mode == "incremental"
    assert stats.changed == (G13,)
    assert set(stats.unchanged) == {G12, CORPUS}
    after = open_store(tmp_path)
    assert sorted(map(str, after.quads_for_pattern(None, None, None, ox.NamedNode(G12)))) == untouched
    titles = {r["n"].value for r in after.query(
        "SELECT ?g ?n WHERE { GRAPH ?g { ?m a <https://w3id.org/igfkg/ontology#Meeting> ; <https://schema.org/name> ?n } }",
        substitutions={ox.Variable("g"): ox.NamedNode(G13)})}
    assert titles == {"Revised title"}
    assert len(after) == changed.quad_count + _statistics(after)


def test_rdf_store_keeps_or_prunes_graphs_the_caller_no_longer_has(tmp_path, both, scheme):
    write_store(tmp_path, both)
    anns, resolution = corpus()
    only_one = build_graph(anns[:1], resolution, scheme)
    kept = write_store(tmp_path, only_one)
    assert kept.kept == (G13,)
    assert open_store(tmp_path).contains_named_graph(ox.NamedNode(G13))
    pruned = write_store(tmp_path, only_one, prune=True)
    assert pruned.removed == (G13,)
    assert not open_store(tmp_path).contains_named_graph(ox.NamedNode(G13))


def test_rdf_store_replace_graphs_forces_a_rewrite(tmp_path, both):
    write_store(tmp_path, both)
    stats = write_store(tmp_path, both, replace_graphs=[G12])
    assert stats.changed == (G12,)
    assert graph_hashes(open_store(tmp_path)) == both.content_hashes


def test_rdf_store_full_rewrite_carries_kept_graphs(tmp_path, both):
    write_store(tmp_path, CorpusGraphs({G13: both.graphs[G13]}))
    stats = write_store(tmp_path, CorpusGraphs({G12: both.graphs[G12], CORPUS: both.graphs[CORPUS]}))
    assert stats.mode == "full"
    assert stats.kept == (G13,)
    store = open_store(tmp_path)
    assert graph_hashes(store) == both.content_hashes
    assert len(store) == both.quad_count + _statistics(store)


def test_rdf_store_small_change_to_a_big_graph_is_patched(tmp_path, both, scheme):
    write_store(tmp_path, both)
    anns, resolution = corpus()
    people = tuple(dataclasses.replace(p, name="Dov Ilic-Marr") if p.key == "dov-ilic" else p
                   for p in resolution.people)
    renamed = build_graph(anns, dataclasses.replace(resolution, people=people), scheme)
    stats = write_store(tmp_path, renamed)
    assert (stats.mode, stats.changed) == ("incremental", (CORPUS,))
    store = open_store(tmp_path)
    expected = set(renamed.graphs[CORPUS].quads())
    assert set(store.quads_for_pattern(None, None, None, ox.NamedNode(CORPUS))) == expected
    assert graph_hashes(store) == renamed.content_hashes


def test_rdf_store_old_versions_are_collected(tmp_path, both, scheme):
    anns, resolution = corpus()
    versions = []
    for title in ("one", "two", "three", "four"):
        report = anns[1].report
        retitled = dataclasses.replace(report, meeting=dataclasses.replace(report.meeting, title=title))
        versions.append(write_store(tmp_path, build_graph([anns[0], dataclasses.replace(anns[1], report=retitled)],
                                                          resolution, scheme)).path)
    left = sorted(p.name for p in (tmp_path / STORES).iterdir())
    assert left == sorted(p.name for p in versions[-2:])


def test_rdf_store_missing_store_says_how_to_build(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "output")
    assert str(err.value) == f"no store in {tmp_path / 'output'}/: run `kg build PATH --out {tmp_path / 'output'}` first"


def test_rdf_store_second_writer_is_refused(tmp_path, both):
    write_store(tmp_path, both)
    with open(tmp_path / ".store.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StoreError, match="another build is writing"):
            write_store(tmp_path, both, replace_graphs=[G12])


def test_rdf_store_adopts_a_store_written_in_place(tmp_path, both):
    legacy = ox.Store(str(tmp_path / "store"))
    legacy.bulk_load(both.graphs[G12].nquads, ox.RdfFormat.N_QUADS)
    legacy.flush()
    del legacy
    assert store_dir(tmp_path) == (tmp_path / "store").resolve()
    stats = write_store(tmp_path, both)
    assert (tmp_path / "store").is_symlink()
    assert stats.unchanged == (G12,)
    assert len(open_store(tmp_path)) == both.quad_count + _statistics(open_store(tmp_path))


def test_rdf_store_survives_a_writer_killed_mid_build(tmp_path, both):
    write_store(tmp_path, both)
    expected = run_named_query(tmp_path, "summary").rows
    child = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(TESTS)!r}, {str(TESTS.parent)!r}]
        from pathlib import Path
        from kg.rdf.graph import CorpusGraphs, build_graph
        from kg.rdf.store import write_store
        from rdf_fixtures import synthetic_corpus, write_scheme
        anns, resolution = synthetic_corpus(200, interventions=60)
        graphs = build_graph(anns, resolution, write_scheme(Path({str(tmp_path)!r})))
        write_store(Path({str(tmp_path)!r}), graphs)
    """)
    before = set((tmp_path / STORES).iterdir())
    proc = subprocess.Popen([sys.executable, "-c", child], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (set((tmp_path / STORES).iterdir()) - before):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the writer never started a new store version"
        time.sleep(0.01)
    time.sleep(0.3)  # let the bulk load get going
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert run_named_query(tmp_path, "summary").rows == expected
    # The next build removes what the killed writer left behind.
    write_store(tmp_path, both, replace_graphs=[G12])
    assert len(list((tmp_path / STORES).iterdir())) <= 2


@pytest.mark.parametrize("fmt,parse_as", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                                          ("jsonld", ox.RdfFormat.JSON_LD)])
def test_rdf_store_export_keeps_every_named_graph(tmp_path, both, fmt, parse_as):
    write_store(tmp_path, both)
    dest = tmp_path / f"corpus.{fmt}"
    assert export(tmp_path, fmt, dest) is None
    graphs = {q.graph_name.value for q in ox.parse(dest.read_bytes(), parse_as)}
    assert graphs == {G12, G13, CORPUS, STATISTICS_GRAPH}


def test_rdf_store_export_turtle_is_the_union(tmp_path, both):
    write_store(tmp_path, both)
    data = export(tmp_path, "turtle")
    triples = list(ox.parse(data, ox.RdfFormat.TURTLE))
    assert len(triples) == len(to_rdflib(tmp_path))  # the union, duplicates across graphs merged


@pytest.mark.parametrize("fmt,message", [("graphml", "network projection"), ("rdfxml", "unknown export format")])
def test_rdf_store_export_refuses_other_formats(tmp_path, both, fmt, message):
    write_store(tmp_path, both)
    with pytest.raises(GraphError, match=message):
        export(tmp_path, fmt)


def test_rdf_store_to_rdflib_has_the_named_graphs(tmp_path, both):
    write_store(tmp_path, both)
    dataset = to_rdflib(tmp_path)
    sizes = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert sizes.pop(STATISTICS_GRAPH) == _statistics(open_store(tmp_path))
    assert sizes == {iri: ng.quad_count for iri, ng in both.graphs.items()}
