"""The custom ``Doc`` attributes of the kg pipeline, registered in one place.

Inputs, set by :func:`kg.nlp.annotate` before the pipeline runs:
``doc._.kg_view`` (the :class:`~kg.nlp.textview.TextView` the doc was made
from) and ``doc._.kg_roster`` (the report's :class:`~kg.nlp.roster.Roster`).
Outputs: ``doc._.kg_events`` (speech events, from ``kg_speech``) and
``doc._.kg_aliases`` (alias pairs stated in the text, from ``kg_orgs`` and
``kg_people``).  Span groups: ``doc.spans["kg_topics"]`` (label = topic key),
``doc.spans["kg_orgs"]``, ``doc.spans["kg_people"]``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("kg_view", "kg_roster", "kg_events", "kg_aliases")


def register_extensions() -> None:
    """Register every kg ``Doc`` extension (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
