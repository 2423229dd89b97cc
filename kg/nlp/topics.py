"""Load the SKOS topic scheme (``ontologies/topics.ttl`` plus user extensions).

A concept's key is the local name of its IRI (``.../id/topic/gdc`` -> ``gdc``);
its labels (``skos:prefLabel`` and every ``skos:altLabel``) are what the topic
matcher looks for in reports.  An extension file uses the same format: it may
add concepts, or add labels and links to concepts of the main scheme by using
their IRIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from collections.abc import Iterable

from kg.errors import NLPError

SCHEME_IRI = "https://w3id.org/igfkg/id/topic-scheme"
TOPIC_BASE = "https://w3id.org/igfkg/id/topic/"
_PACKAGE = Path(__file__).resolve().parents[1]
# An installed package carries ontologies/ inside kg/; a checkout has it beside kg/.
DEFAULT_SCHEME = next(
    (p for p in (_PACKAGE / "ontologies" / "topics.ttl", _PACKAGE.parent / "ontologies" / "topics.ttl") if p.is_file()),
    _PACKAGE.parent / "ontologies" / "topics.ttl",
)

# An acronym label: one word, at least two capitals, no lower-case letters
# except a plural "s" ("GDC", "LP", "DCs", "NRIs"). Such labels are matched
# case-sensitively so that "AI" never matches the start of "ai-generated"
# and "OC" never matches "oc".
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9&+./-]+s?$")


def is_case_sensitive(label: str) -> bool:
    """True for short all-caps acronym labels, which match case-sensitively."""
    return bool(_ACRONYM.match(label.strip())) and len(label.strip()) <= 8


@dataclass(frozen=True)
class Concept:
    """One SKOS concept of the topic scheme."""

    key: str
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    definition: str | None = None
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The preferred label followed by every alternative label."""
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class TopicScheme:
    """The concepts of the scheme and the files they were read from."""

    concepts: tuple[Concept, ...]
    sources: tuple[str, ...] = field(default=())

    @cached_property
    def _by_key(self) -> dict[str, Concept]:
        return {c.key: c for c in self.concepts}

    @cached_property
    def _by_label(self) -> dict[str, Concept]:
        index: dict[str, Concept] = {}
        for concept in self.concepts:
            for label in concept.labels:
                index.setdefault(_fold(label), concept)
        return index

    def get(self, key: str) -> Concept | None:
        """The concept with this key, if any."""
        return self._by_key.get(key)

    def find(self, text: str) -> Concept | None:
        """The concept whose key or one of whose labels is ``text`` (case-insensitive)."""
        return self._by_key.get(text) or self._by_label.get(_fold(text))


def _fold(label: str) -> str:
    return " ".join(label.split()).casefold()


def concept_key(iri: str) -> str:
    """The key of a concept IRI: its local name under the topic namespace."""
    if iri.startswith(TOPIC_BASE):
        return iri[len(TOPIC_BASE):]
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def load_scheme(extra_files: Iterable[str | Path] = (), base: str | Path | None = None) -> TopicScheme:
    """Read the topic scheme and any extension files into a :class:`TopicScheme`.

    Args:
        extra_files: Turtle files adding concepts or labels (same format).
        base: the main scheme; defaults to ``ontologies/topics.ttl``.

    Raises:
        NLPError: a file is missing or not valid Turtle, a concept has no
            ``skos:prefLabel``, or two IRIs share a key.
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    paths = [Path(base) if base else DEFAULT_SCHEME, *(Path(p) for p in extra_files)]
    merged = Graph()
    for path in paths:
        if not path.is_file():
            raise NLPError("topic scheme file not found", path=str(path), hint="check the path given to --topics")
        try:
            merged.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several parser exception types
            raise NLPError(f"topic scheme is not valid Turtle: {err}", path=str(path), hint="fix the syntax; see ontologies/topics.ttl for the format") from None

    iris: set[URIRef] = set(s for s in merged.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))
    iris |= {s for s in merged.subjects(SKOS.inScheme, URIRef(SCHEME_IRI)) if isinstance(s, URIRef)}

    concepts: list[Concept] = []
    keys: dict[str, str] = {}
    for iri in sorted(iris, key=str):
        key = concept_key(str(iri))
        if key in keys and keys[key] != str(iri):
            raise NLPError(f"two topic IRIs share the key '{key}': {keys[key]} and {iri}", path=", ".join(map(str, paths)), hint="give one of them another local name")
        keys[key] = str(iri)
        prefs = sorted((o for o in merged.objects(iri, SKOS.prefLabel) if isinstance(o, Literal)), key=_label_rank)
        if not prefs:
            raise NLPError(f"topic {iri} has no skos:prefLabel", path=", ".join(map(str, paths)), hint="add a skos:prefLabel to the concept")
        pref = str(prefs[0])
        alts = [str(o) for o in prefs[1:]] + sorted(str(o) for o in merged.objects(iri, SKOS.altLabel) if isinstance(o, Literal))
        definition = next((str(o) for o in sorted(merged.objects(iri, SKOS.definition), key=_label_rank)), None)
        broader = tuple(sorted(concept_key(str(o)) for o in merged.objects(iri, SKOS.broader)))
        exact = tuple(sorted(str(o) for o in merged.objects(iri, SKOS.exactMatch)))
        concepts.append(Concept(key, str(iri), pref, tuple(dict.fromkeys(a for a in alts if a != pref)), definition, broader, exact))
    if not concepts:
        raise NLPError("the topic scheme defines no concepts", path=", ".join(map(str, paths)), hint="concepts need 'a skos:Concept' and a skos:prefLabel")
    return TopicScheme(tuple(concepts), tuple(str(p) for p in paths))


def _label_rank(literal) -> tuple[int, str]:
    """English (or untagged) labels first, then the rest, each alphabetically."""
    lang = getattr(literal, "language", None)
    return (0 if lang in (None, "en") or (lang or "").startswith("en-") else 1, str(literal))

