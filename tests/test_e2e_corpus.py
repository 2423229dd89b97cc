"""Golden end-to-end tests: build ../shared/corpus and check the graph a user gets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from kg.build import build
from kg.query import run_query

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory, corpus_dir) -> Path:
    out = tmp_path_factory.mktemp("corpus-out")
    summary = build([corpus_dir], out)
    assert summary.reports == 5 and not summary.failures
    return out


def _ask(out: Path, query: str) -> bool:
    return bool(run_query(out, query).boolean)


def _values(out: Path, query: str) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in run_query(out, query).rows]


# --------------------------------------------------------------------------- contract

CONTRACT_ASKS = {
    "report": "ASK { ?r a kg:Report ; kg:fileName ?f ; kg:sha256 ?h ; kg:describes ?m }",
    "meeting": "ASK { ?m a kg:Meeting ; schema:name ?t ; schema:startDate ?d ; kg:series ?s ; kg:meetingNumber ?n . ?s a kg:MeetingSeries ; schema:name ?sn }",
    "person": "ASK { ?p a schema:Person ; schema:name ?n }",
    "organisation": "ASK { ?o a schema:Organization ; schema:name ?n }",
    "topic": "ASK { ?t a skos:Concept ; skos:prefLabel ?l ; skos:altLabel ?a ; skos:inScheme ?s }",
    "attended": "ASK { ?p kg:attended ?m . ?p a schema:Person . ?m a kg:Meeting }",
    "spokeAt": "ASK { ?p kg:spokeAt ?m . ?p a schema:Person . ?m a kg:Meeting }",
    "spokeOn": "ASK { ?p kg:spokeOn ?t . ?t a skos:Concept }",
    "discussedAt": "ASK { ?t kg:discussedAt ?m . ?m a kg:Meeting }",
    "affiliatedWith": "ASK { ?p kg:affiliatedWith ?o . ?o a schema:Organization }",
    "intervention": (
        "ASK { ?i a kg:Intervention ; kg:speaker ?p ; kg:meeting ?m ; kg:topic ?t ; kg:attributionText ?a ;"
        " kg:text ?x ; kg:charStart ?s ; kg:charEnd ?e ; prov:wasDerivedFrom ?r . ?r a kg:Report }"
    ),
    "named graph per report": "ASK { GRAPH ?g { ?r a kg:Report ; kg:fileName '000_b415e1436d363b76.txt' } }",
}


@pytest.mark.parametrize("name", sorted(CONTRACT_ASKS))
def test_e2e_graph_meets_the_contract(corpus_out, name):
    assert _ask(corpus_out, CONTRACT_ASKS[name]), f"no triples for contract row {name!r}"


def test_e2e_meetings_match_gold(corpus_out, gold_dir):
    rows = _values(
        corpus_out,
        "SELECT ?file ?number ?date WHERE { ?r kg:fileName ?file ; kg:describes ?m . ?m kg:meetingNumber ?number ; schema:startDate ?date }",
    )
    got = {file: (number, date[:10]) for file, number, date in rows}
    for gold_file in sorted(gold_dir.glob("0*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert got[gold["file"]] == (gold["meeting"]["number"], gold["meeting"]["date"])
    assert len(got) == 5


def test_e2e_intervention_offsets_point_at_their_text(corpus_out, corpus_dir):
    from kg.ingest import load_source

    rows = _values(
        corpus_out,
        "SELECT ?file ?text ?s ?e ?who WHERE { ?i a kg:Intervention ; kg:text ?text ; kg:charStart ?s ; kg:charEnd ?e ;"
        " kg:attributionText ?who ; prov:wasDerivedFrom ?r . ?r kg:fileName ?file }",
    )
    assert len(rows) > 50
    docs = {}
    for file, text, start, end, who in rows:
        doc = docs.setdefault(file, load_source(corpus_dir / file))
        assert doc.text[int(start) : int(end)] == text
        assert who.split()[0] in text or who.lower().startswith(("the ", "he", "she")) or who in doc.text


def test_e2e_unresolved_mention_is_never_merged_into_a_guess(corpus_out):
    # 001 quotes "Doreen", who is in no participant list: she must stay as written.
    rows = _values(corpus_out, "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n FILTER(CONTAINS(?n, 'Doreen')) }")
    assert ("Doreen",) in rows or rows == []
    assert all(n == "Doreen" for (n,) in rows)


def test_e2e_first_names_resolve_across_meetings(corpus_out):
    # "Chris" speaks in 000, 001 and 003; 001 has no participant list, so only the
    # corpus roster settles who he is. One person, one IRI, three meetings.
    rows = _values(
        corpus_out,
        "SELECT ?p ?number WHERE { ?p schema:name 'Chris Buckridge' ; kg:spokeAt ?m . ?m kg:meetingNumber ?number }",
    )
    assert {p for p, _ in rows} == {"https://w3id.org/igfkg/id/person/chris-buckridge"}
    assert sorted(n for _, n in rows) == ["100", "79", "84"]


# --------------------------------------------------------------------------- determinism


def _dataset(out: Path) -> dict[str, rdflib.Graph]:
    from kg.rdf.store import to_rdflib

    ds = to_rdflib(out)
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def test_e2e_build_twice_in_another_order_is_isomorphic(tmp_path, corpus_dir):
    files = sorted(corpus_dir.glob("*.txt"))
    a = build(files, tmp_path / "a", model="none")
    b = build(list(reversed(files)), tmp_path / "b", model="none")
    assert a.reports == b.reports == 5
    ga, gb = _dataset(tmp_path / "a"), _dataset(tmp_path / "b")
    assert ga.keys() == gb.keys()
    for name in ga:
        ia, ib = to_isomorphic(ga[name]), to_isomorphic(gb[name])
        if ia != ib:
            _, only_a, only_b = graph_diff(ia, ib)
            pytest.fail(f"graph {name} differs:\nonly in a:\n{only_a.serialize(format='nt')}\nonly in b:\n{only_b.serialize(format='nt')}")


def test_e2e_unchanged_rebuild_does_nothing(tmp_path, corpus_dir):
    first = build([corpus_dir], tmp_path, model="none")
    again = build([corpus_dir], tmp_path, model="none")
    assert not first.unchanged and again.unchanged
    assert again.processed == 0 and again.changed_graphs == 0


def test_e2e_changed_report_replaces_its_graph_and_prune_drops_removed(tmp_path, corpus_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in sorted(corpus_dir.glob("*.txt"))[:3]:
        (inputs / f.name).write_bytes(f.read_bytes())
    out = tmp_path / "out"
    build([inputs], out, model="none")
    victim = sorted(inputs.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("noted", "observed"), encoding="utf-8")
    changed = build([inputs], out, model="none")
    assert changed.processed == 1 and changed.reports == 3
    (sorted(inputs.glob("*.txt"))[1]).unlink()
    kept = build([inputs], out, model="none")
    assert kept.reports == 3  # built earlier, kept without --prune
    pruned = build([inputs], out, model="none", prune=True)
    assert pruned.reports == 2
    files = _values(out, "SELECT ?f WHERE { ?r a kg:Report ; kg:fileName ?f }")
    assert len(files) == 2


def test_e2e_killed_build_leaves_previous_store_queryable(tmp_path, corpus_dir):
    out = tmp_path / "out"
    build([corpus_dir], out, model="none")
    before = _values(out, "SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Report }")
    big = tmp_path / "big"
    subprocess.run([sys.executable, "-m", "kg", "synth", "400", str(big), "--seed", "3"], check=True, capture_output=True, timeout=300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus_dir), str(big), "--out", str(out), "--model", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(4)
    assert proc.poll() is None, "the build finished before it could be killed; make the input bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _values(out, "SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Report }") == before
    again = build([corpus_dir], out, model="none")
    assert again.reports == 5


def test_e2e_sample_corpus_conforms_to_the_shapes(corpus_out):
    from kg.validate import validate

    result = validate(corpus_out)
    assert result.conforms, result.text
    assert result.violations == 0


@pytest.mark.parametrize("model", ["none", "auto"])
def test_e2e_gold_scores_reach_the_bar_with_and_without_the_model(tmp_path, corpus_dir, gold_dir, model):
    from kg.evaluate import evaluate

    build([corpus_dir], tmp_path, model=model)
    micro = evaluate(tmp_path, gold_dir).to_dict()["micro"]
    assert micro["participants"]["f1"] >= 0.99
    assert micro["speakers"]["f1"] >= 0.95
    assert micro["topics"]["f1"] >= 0.90
    assert micro["speaker_topics"]["f1"] >= 0.85


def test_e2e_build_summary_counts_what_the_store_holds(corpus_dir, tmp_path):
    summary = build([corpus_dir], tmp_path)
    stored = run_query(tmp_path, "SELECT * WHERE { ?c a kg:CorpusStatistics ; kg:personCount ?people ; "
                                 "kg:unresolvedCount ?unresolved ; kg:interventionCount ?interventions ; "
                                 "kg:organisationCount ?organisations ; kg:topicCount ?topics }").to_dicts()[0]
    assert (summary.people, summary.unresolved, summary.interventions, summary.organisations, summary.topics) == (
        stored["people"], stored["unresolved"], stored["interventions"], stored["organisations"], stored["topics"])
    again = build([corpus_dir], tmp_path)
    assert again.unchanged and (again.people, again.organisations) == (summary.people, summary.organisations)
