"""Generate ``kg/rdf/vocab.py`` (a closed rdflib ``DefinedNamespace``) from ``ontologies/kg.ttl``.

Run ``python -m kg.rdf.codegen`` after editing the ontology; a test fails when the
committed vocabulary and the ontology drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg.errors import GraphError
from kg.rdf.paths import ontology_file

VANN = Namespace("http://purl.org/vocab/vann/")
VOCAB_PATH = Path(__file__).with_name("vocab.py")

_KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
)

_HEADER = '''"""The ``kg:`` vocabulary, GENERATED from ontologies/kg.ttl: do not edit.

Regenerate with ``python -m kg.rdf.codegen``.  ``KG`` is closed: a misspelt term
raises ``AttributeError`` instead of minting a new IRI.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

NAMESPACE = {namespace!r}
ONTOLOGY = URIRef({ontology!r})


class KG(DefinedNamespace):
    """Terms of {namespace}"""

    _fail = True
    _NS = Namespace(NAMESPACE)
'''


def _namespace(graph: Graph, path: Path) -> tuple[URIRef, str]:
    ontologies = sorted(graph.subjects(RDF.type, OWL.Ontology))
    if len(ontologies) != 1:
        raise GraphError(f"expected one owl:Ontology, found {len(ontologies)}", path=str(path))
    values = list(graph.objects(ontologies[0], VANN.preferredNamespaceUri))
    if len(values) != 1:
        raise GraphError(
            "the owl:Ontology needs exactly one vann:preferredNamespaceUri", path=str(path)
        )
    return ontologies[0], str(values[0])


def _one_line(value: Literal | None) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def render_vocab(path: Path | None = None) -> str:
    """The source text of ``vocab.py`` for the ontology at ``path`` (default ``ontologies/kg.ttl``).

    Raises:
        GraphError: when the ontology has no single namespace declaration, or a term
            lacks a label or definition.
    """
    path = path or ontology_file("kg.ttl")
    graph = Graph().parse(path, format="turtle")
    ontology, namespace = _namespace(graph, path)
    out = [_HEADER.format(namespace=namespace, ontology=str(ontology))]
    for kind, title in _KINDS:
        terms = sorted(str(s) for s in graph.subjects(RDF.type, kind) if str(s).startswith(namespace))
        out.append(f"\n    # {title}\n")
        for iri in terms:
            subject = URIRef(iri)
            label = graph.value(subject, RDFS.label)
            definition = graph.value(subject, SKOS.definition) or graph.value(subject, RDFS.comment)
            if label is None or definition is None:
                raise GraphError(f"term {iri} needs an rdfs:label and a definition", path=str(path))
            out.append(f"    {iri[len(namespace):]}: URIRef  # {_one_line(definition)}\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Write ``vocab.py`` next to this module (or to the path given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else VOCAB_PATH
    target.write_text(render_vocab(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
