"""End to end on layouts the sample does not have: twelve invented reports in tests/layouts/.

HTML, DOCX and PDF reports, two-column and paginated PDFs, transcripts without ``>>``,
mailing-list minutes, UN-style summaries and rosters in many shapes (see
tests/layouts/README.md), built together and scored with ``kg evaluate`` against their gold.
The floors sit a little under what the build scores now (BENCHMARKS.md, "Layouts beyond the
sample"), so that a change that loses ground on any of them fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.evaluate import evaluate

LAYOUTS = Path(__file__).resolve().parent / "layouts"
SHARED_TOPICS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gold" / "topics.json"

# micro-averaged F1 floors
FLOORS = {
    "participants": 0.98,
    "speakers": 0.92,
    "topics": 0.94,
    "speaker_topics": 0.83,
    "meeting": 0.91,
    "agenda": 0.94,
    "action_items": 0.95,
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    if not SHARED_TOPICS.is_file():
        pytest.skip(f"the shared topic inventory is missing: {SHARED_TOPICS}")
    tmp = tmp_path_factory.mktemp("layouts")
    gold = tmp / "gold"
    shutil.copytree(LAYOUTS / "gold", gold)
    shutil.copy(SHARED_TOPICS, gold / "topics.json")
    summary = build([LAYOUTS / "reports"], tmp / "out")
    return summary, evaluate(tmp / "out", gold)


def test_e2e_layouts_every_report_is_built(scored):
    summary, report = scored
    assert not summary.failures, summary.failures
    assert all(r.found for r in report.reports), [r.file for r in report.reports if not r.found]
    assert len(report.reports) == len(list((LAYOUTS / "reports").iterdir()))


@pytest.mark.parametrize("category", list(FLOORS))
def test_e2e_layouts_scores_hold(scored, category):
    _, report = scored
    score = report.micro[category]
    details = {r.file: (r.missed[category], r.extra[category]) for r in report.reports
               if r.missed.get(category) or r.extra.get(category)}
    assert score.f1 >= FLOORS[category], f"{category}: F1 {score.f1:.3f} < {FLOORS[category]}; missed/extra: {details}"


def test_e2e_apologies_are_absences_not_attendance(tmp_path):
    """"Apologies: ..." names people who were not there: kg:absentFrom, the same person as elsewhere."""
    from kg.rdf.store import open_store
    from kg.validate import validate

    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "a.txt").write_text("Example Working Group call 3\n4 March 2025\n\nPresent: Ana Lopez, Li Wen\n"
                                   "Apologies: Ivo Marin, Rahel Tesfaye\n\nAna Lopez opened the call.\n")
    (reports / "b.txt").write_text("Example Working Group call 4\n18 March 2025\n\nParticipants\nAna Lopez\nIvo Marin\n\n"
                                   "Apologies\nLi Wen\n\nIvo Marin presented the survey.\n")
    build([reports], tmp_path / "out")
    store = open_store(tmp_path / "out")
    rows = {(r["name"].value, r["absent"].value.rsplit("/", 1)[-1], r["attended"].value.rsplit("/", 1)[-1] if r["attended"] else None)
            for r in store.query(
                "PREFIX kg: <https://w3id.org/igfkg/ontology#> PREFIX schema: <https://schema.org/> "
                "SELECT ?name ?absent ?attended WHERE { ?p kg:absentFrom ?absent ; schema:name ?name . "
                "OPTIONAL { ?p kg:attended ?attended } }", use_default_graph_as_union=True)}
    assert rows == {("Ivo Marin", "2025-03-04", "2025-03-18"), ("Rahel Tesfaye", "2025-03-04", None),
                    ("Li Wen", "2025-03-18", "2025-03-04")}
    assert not store.query("PREFIX kg: <https://w3id.org/igfkg/ontology#> ASK { ?p kg:absentFrom ?m ; kg:attended ?m }",
                           use_default_graph_as_union=True)
    assert validate(tmp_path / "out").conforms
    from kg.query import run_named_query

    meetings = run_named_query(tmp_path / "out", "person-meetings", {"person": "Ivo Marin"}).to_dicts()
    assert [(str(m["date"]), m["attended"], m["absent"]) for m in meetings] == [("2025-03-04", False, True),
                                                                                ("2025-03-18", True, False)]


def test_e2e_notes_that_use_the_initials_the_list_gives(tmp_path):
    """"Anna Berg (AB)" in the attendance list, "AB noted ..." in the notes: Anna Berg spoke."""
    from kg.rdf.store import open_store

    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "a.txt").write_text(
        "Example Working Group call 5\n4 March 2025\n\nAttendees: Anna Berg (AB), Tomas Lind (TL), "
        "Adaeze Nwosu (AN), Open Cable Society (OCS)\n\n1. Survey\n\nAB noted that the survey closes on Friday. "
        "TL asked whether the results would be published. AN suggested a reminder.\n")
    build([reports], tmp_path / "out")
    store = open_store(tmp_path / "out")
    rows = {(r["t"].value, r["name"].value) for r in store.query(
        "PREFIX kg: <https://w3id.org/igfkg/ontology#> PREFIX schema: <https://schema.org/> "
        "SELECT ?t ?name WHERE { ?i kg:attributionText ?t ; kg:speaker ?s . ?s a schema:Person ; schema:name ?name }",
        use_default_graph_as_union=True)}
    # initials that spell a word ("AN") are initials all the same
    assert rows == {("AB", "Anna Berg"), ("TL", "Tomas Lind"), ("AN", "Adaeze Nwosu")}
