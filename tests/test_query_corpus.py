"""The query kit on the real sample corpus: answers checked against the reports and the gold."""

from __future__ import annotations

import pytest

from kg.build import build
from kg.ingest import load_source
from kg.query import list_queries, run_named_query

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("kit-corpus")
    build([corpus_dir], out)
    return out


def rows(out, name, **params):
    return run_named_query(out, name, params).to_dicts()


def values(records, key):
    return {str(r[key]) for r in records}


def test_query_corpus_every_parameterless_kit_query_answers(out):
    for q in list_queries():
        if all(p.type == "page" for p in q.params):  # page: optional, the first by default
            assert run_named_query(out, q.name, {}).rows, q.name


def test_query_corpus_people_on_topic(out):
    found = {str(r["name"]): (str(r["first"]), str(r["last"])) for r in rows(out, "people-on-topic", topic="GDC")}
    # "Jorge gave an update on the Global Digital Compact" (2024-07-04)
    assert found["Jorge Cancio"][0] <= "2024-07-04" <= found["Jorge Cancio"][1]
    # the MAG Chair on the communiqué to the GDC co-facilitators (2024-08-20)
    assert found["Carol Roach"][0] <= "2024-08-20" <= found["Carol Roach"][1]


def test_query_corpus_topic_timeline_follows_wsis20_across_meetings(out):
    timeline = rows(out, "topic-timeline", topic="WSIS +20")
    dates = [str(r["date"]) for r in timeline]
    assert dates == sorted(dates)
    assert set(dates) == {"2022-03-03", "2024-07-04", "2024-08-20", "2024-09-26", "2025-07-17"}
    busy = {str(r["date"]): int(r["interventions"]) for r in timeline}
    assert busy["2024-09-26"] > 0 and busy["2025-07-17"] > 0


def test_query_corpus_meeting_topics(out):
    labels = values(rows(out, "meeting-topics", meeting="79"), "label")
    assert {"Global Digital Compact", "IGF strategic vision", "Summit of the Future"} <= labels


def test_query_corpus_person_meetings_separates_attending_from_speaking(out):
    got = {str(r["date"]): (bool(r["attended"]), bool(r["spoke"])) for r in rows(out, "person-meetings", person="Chris Buckridge")}
    assert got["2024-07-04"] == (True, True)
    assert got["2024-09-26"] == (False, True)  # 001 has no participant list
    assert got["2022-03-03"] == (True, False)


def test_query_corpus_person_roles_carry_the_meeting_they_were_stated_at(out):
    records = rows(out, "person-roles", person="Concettina Cassa")
    assert ("Group's Co-Chair", "2024-07-04") in {(str(r["roleLabel"]), str(r["date"])) for r in records}
    assert "Government of Italy" in values(records, "organisationName")


def test_query_corpus_co_speakers(out):
    pairs = {frozenset((str(r["aName"]), str(r["bName"]))) for r in rows(out, "co-speakers", topic="GDC")}
    assert frozenset(("Anriette Esterhuysen", "Chris Buckridge")) in pairs


def test_query_corpus_organisations_on_topic(out):
    assert rows(out, "organisations-on-topic", topic="WSIS+20")


def test_query_corpus_attendance_vs_speaking(out):
    got = {str(r["date"]): (int(r["attendees"]), int(r["speakers"])) for r in rows(out, "attendance-vs-speaking")}
    assert got["2024-07-04"] == (13, 8)
    assert got["2024-08-20"][0] == 56


def test_query_corpus_action_items_with_owners_and_due_dates(out):
    records = rows(out, "action-items")
    assert len(records) == 9
    assert {(str(r["ownerText"]), str(r["due"])) for r in records if r.get("due")} == {
        ("Working Groups", "2024-08-30"),
        ("MAG members", "2024-08-23"),
    }


def test_query_corpus_evidence_sentences_point_into_the_report(out, corpus_dir):
    records = rows(out, "evidence", person="Jorge Cancio", topic="GDC")
    assert records
    for r in records:
        doc = load_source(corpus_dir / str(r["fileName"]))
        assert doc.text[int(r["start"]) : int(r["end"])] == str(r["text"])
    assert any("Global Digital Compact" in str(r["text"]) for r in records)


def test_query_corpus_review_lists_ambiguous_first_names_with_candidates(out):
    records = {str(r["mention"]): r for r in rows(out, "review")}
    adam = records["Adam"]  # 001: two Adams are known to the corpus
    assert str(adam["method"]) == "ambiguous"
    assert {"Adam Peake", "Adam Machinko"} <= {c.strip() for c in str(adam["candidates"]).split(";")}


def test_query_corpus_summary(out):
    (summary,) = rows(out, "summary")
    assert (int(summary["reports"]), int(summary["meetings"])) == (5, 5)


def test_query_corpus_candidate_topics_are_listed_for_review(out):
    records = rows(out, "candidate-topics")
    assert records and all(int(r["occurrences"]) >= 2 for r in records)
    assert all(str(r["files"]).endswith(".txt") for r in records)
