"""Resolution on the five sample reports (ingest, parse and NLP run for real), checked against gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.evaluate import names_match
from kg.ingest import load_source
from kg.nlp import annotate, load_pipeline
from kg.parse import parse_report
from kg.resolve import resolve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def annotations(corpus_dir: Path):
    nlp = load_pipeline("auto")
    return [annotate(parse_report(load_source(path)), nlp) for path in sorted(corpus_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def resolution(annotations):
    return resolve(annotations)


def _doc(stem: str, annotations) -> str:
    return next(a.report.source.doc_id for a in annotations if a.report.source.doc_id.startswith(stem))


def _speaker_names(resolution, annotations, doc_id: str) -> dict[str, set[str]]:
    """Mention text -> names of the people its occurrences resolved to (placeholders as '?text')."""
    ann = next(a for a in annotations if a.report.source.doc_id == doc_id)
    found: dict[str, set[str]] = {}
    for i in ann.interventions:
        m = resolution.for_mention(doc_id, i.speaker.start, i.speaker.end)
        person = resolution.person(m.person) if m and m.person else None
        name = person.name if person and person.resolved else f"?{i.speaker.text}"
        found.setdefault(i.speaker.text, set()).add(name)
    return found


def test_resolve_corpus_gold_speakers_resolve_to_gold_names(resolution, annotations, gold_dir):
    checked = 0
    for path in sorted(gold_dir.glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc_id = Path(gold["file"]).stem
        found = _speaker_names(resolution, annotations, doc_id)
        for speaker in gold["speakers"]:
            for mention in speaker["mentions"]:
                if mention not in found:
                    continue  # the NLP stage's recall, measured by kg evaluate
                checked += 1
                if speaker["name"] is None:
                    assert all(n.startswith("?") for n in found[mention]), (doc_id, mention, found[mention])
                else:
                    assert all(names_match(speaker["name"], n) for n in found[mention]), (doc_id, mention, found[mention])
    assert checked >= 12


@pytest.mark.parametrize(
    "stem, written, expected, method",
    [
        ("003", "Lito Ibarra", "Rafael Lito Ibarra", "variant"),
        ("003", "Titti Cassa", "Concettina Cassa", "text-alias"),
        ("000", "Tracy Hackshaw", "Tracy F. Hackshaw", "variant"),
        ("003", "Horejsova, Tereza", "Tereza Horejsova", "exact"),
        ("002", "Zhang\tXiao", "Xiao Zhang", "exact"),
    ],
)
def test_resolve_corpus_merges_participants_across_reports(resolution, annotations, stem, written, expected, method):
    doc_id = _doc(stem, annotations)
    entry = next(m for m in resolution.participants if m.doc_id == doc_id and m.text == written)
    assert (resolution.person(entry.person).name, entry.method) == (expected, method), entry.evidence


@pytest.mark.parametrize(
    "stem, text, method, candidates",
    [
        ("001", "Adam", "ambiguous", {"adam-machinko", "adam-peake"}),
        ("001", "Isra", "unresolved", set()),
        ("001", "Desiree", "unresolved", set()),
    ],
)
def test_resolve_corpus_leaves_open_what_the_corpus_does_not_settle(resolution, annotations, stem, text, method, candidates):
    doc_id = _doc(stem, annotations)
    found = [m for m in resolution.mentions if m.doc_id == doc_id and m.text == text]
    assert found
    for m in found:
        assert (m.method, set(m.candidates)) == (method, candidates)
        assert not resolution.person(m.person).resolved


def test_resolve_corpus_first_names_across_meetings(resolution, annotations):
    # 001 has no participant list: its first names come from the other reports' lists.
    found = _speaker_names(resolution, annotations, _doc("001", annotations))
    assert found["Timea"] == {"Timea Suto"}
    assert found["Titti"] == {"Concettina Cassa"}
    assert found["Chris"] == {"Chris Buckridge"}


def test_resolve_corpus_makes_no_fuzzy_merge(resolution):
    # Nothing in the sample is a typo of another listed name.
    assert not [m for m in (*resolution.mentions, *resolution.participants) if m.method == "fuzzy"]


def test_resolve_corpus_is_independent_of_order(resolution, annotations):
    shuffled = list(annotations)
    random.Random(7).shuffle(shuffled)
    assert resolve(shuffled) == resolution
