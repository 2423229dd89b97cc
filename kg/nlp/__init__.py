"""The NLP stage: ``annotate(report, nlp) -> Annotations``.

``load_pipeline(model)`` builds the spaCy pipeline once (rule-based, or with
a statistical NER); ``annotate`` runs it over one parsed report and returns
who said what (interventions with speakers and topics), the topics and
organisations named, aliases stated in the text, and candidate topics the
scheme does not know yet.
"""

from kg.nlp.annotate import annotate
from kg.nlp.pipeline import MODEL_PACKAGE, RULE_BASED, load_pipeline, model_name
from kg.nlp.topics import Concept, TopicScheme, load_scheme

__all__ = ["annotate", "load_pipeline", "model_name", "load_scheme", "Concept", "TopicScheme", "MODEL_PACKAGE", "RULE_BASED"]
