"""Building the NLP pipeline: model choice, components, errors."""

from __future__ import annotations

import pytest
import spacy

from kg.errors import NLPError
from kg.nlp import MODEL_PACKAGE, RULE_BASED, annotate, load_pipeline, model_name
from nlp_reports import ReportSpec, make_report, models, pipeline

KG_COMPONENTS = ["kg_sentences", "kg_topics", "kg_orgs", "kg_people", "kg_speech"]


@pytest.mark.parametrize(
    "model, expected",
    [
        ("none", RULE_BASED),
        ("auto", MODEL_PACKAGE if spacy.util.is_package(MODEL_PACKAGE) else RULE_BASED),
        ("some_model_package", "some_model_package"),
    ],
)
def test_nlp_model_name(model, expected):
    assert model_name(model) == expected


def test_nlp_rule_based_pipeline_has_only_kg_components():
    nlp = pipeline("none")
    assert nlp.pipe_names == KG_COMPONENTS
    assert nlp.meta["kg_model"] == RULE_BASED


@pytest.mark.skipif(not spacy.util.is_package(MODEL_PACKAGE), reason="statistical model not installed")
def test_nlp_model_pipeline_keeps_only_the_entity_recogniser():
    nlp = pipeline("auto")
    assert [p for p in nlp.pipe_names if p not in KG_COMPONENTS] == ["ner"]
    assert nlp.pipe_names[0] == "kg_sentences"


@pytest.mark.parametrize("model", models())
def test_nlp_annotations_record_the_model(model):
    ann = annotate(make_report(ReportSpec(sections=[("Discussion", ["Maria noted the GDC timeline."])])), pipeline(model))
    assert ann.model == pipeline(model).meta["kg_model"]
    assert ann.model == (RULE_BASED if model == "none" else MODEL_PACKAGE)


def test_nlp_unknown_model_raises_with_hint():
    with pytest.raises(NLPError, match="cannot load the spaCy model 'no_such_model_pkg'") as err:
        load_pipeline("no_such_model_pkg")
    assert "--model none" in str(err.value)


def test_nlp_annotate_rejects_a_pipeline_without_kg_components():
    with pytest.raises(NLPError, match="lacks the kg components"):
        annotate(make_report(ReportSpec(sections=[("Discussion", ["Maria noted it."])])), spacy.blank("en"))


@pytest.mark.parametrize("model", models())
def test_nlp_components_work_on_plain_text(model):
    doc = pipeline(model)("Maria noted that the GDC matters. She added that the IGF Secretariat agreed.")
    assert [s.text for s in doc.sents] == ["Maria noted that the GDC matters.", "She added that the IGF Secretariat agreed."]
    assert [s.label_ for s in doc.spans["kg_topics"]] == ["gdc"]
    assert "IGF Secretariat" in [s.text for s in doc.spans["kg_orgs"]]
    assert [(e.agents[0].kind, e.verb) for e in doc._.kg_events] == [("person", "noted"), ("pronoun", "added"), ("organisation", "agreed")]


def test_nlp_empty_report_gives_empty_annotations():
    ann = annotate(make_report(ReportSpec()), pipeline("none"))
    assert (ann.interventions, ann.topic_mentions, ann.meeting_topics) == ((), (), ())
