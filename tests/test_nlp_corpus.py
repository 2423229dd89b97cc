"""The NLP stage on the sample corpus: scores against the gold (and our reading), exact offsets, speed."""

from __future__ import annotations


import pytest

from kg.ingest import load_source
from kg.nlp import annotate
from kg.parse import parse_report
from nlp_reports import models, pipeline
from nlp_scoring import evaluate

THRESHOLDS = {"speakers": 0.95, "topics": 0.90, "pairs": 0.85}


@pytest.fixture(scope="module")
def reports(corpus_dir):
    return [parse_report(load_source(p)) for p in sorted(corpus_dir.glob("*.txt"))]


@pytest.fixture(scope="module", params=models())
def annotated(request, reports):
    nlp = pipeline(request.param)
    return [annotate(r, nlp) for r in reports]


@pytest.mark.parametrize("source", ["gold", "reading"])
@pytest.mark.parametrize("measure", sorted(THRESHOLDS))
def test_nlp_corpus_scores_reach_targets(annotated, gold_dir, source, measure):
    score = evaluate(annotated, gold_dir)[source][measure]
    assert score.f1 >= THRESHOLDS[measure], f"{source} {measure}: P={score.p:.2f} R={score.r:.2f} F1={score.f1:.2f}"


def test_nlp_corpus_offsets_are_exact(annotated):
    for ann in annotated:
        text = ann.report.text
        for i in ann.interventions:
            assert text[i.start:i.end] == i.text
            assert text[i.speaker.start:i.speaker.end] == i.speaker.text
        for m in ann.mentions:
            assert text[m.start:m.end] == m.text
        for t in ann.topic_mentions:
            assert text[t.start:t.end] == t.text
        for o in ann.org_mentions:
            assert " ".join(text[o.start:o.end].split())
        for _full, alias, start, end in ann.aliases:
            assert alias in text[start:end]


def test_nlp_corpus_passive_sentences_have_no_speaker(annotated):
    for ann in annotated:
        for i in ann.interventions:
            assert not i.text.lstrip().lower().startswith(("it was noted", "it was also", "it was decided")), i.text


def test_nlp_corpus_reported_speaker_inside_speech_is_a_mention_only(annotated):
    ann = next(a for a in annotated if a.report.source.doc_id.startswith("001_"))
    speakers = {i.speaker.name for i in ann.interventions}
    assert "Doreen" not in speakers and "Ana" in speakers
    assert "Doreen" in {m.name for m in ann.mentions}
