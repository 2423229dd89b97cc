"""Check the store against the SHACL shapes of the graph contract (``ontologies/shapes.ttl``).

``validate`` runs pyshacl over the union of every named graph, with the ontology
mixed in so that class targets reach subclasses.  Warnings (a report that states
no meeting date) do not break conformance; violations do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Namespace

from kg.errors import GraphError
from kg.rdf.paths import ontology_file
from kg.rdf.store import open_store

SH = Namespace("http://www.w3.org/ns/shacl#")
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of a SHACL validation.

    ``text`` is pyshacl's human-readable report; ``report_path`` the Turtle
    validation report written when a report directory was given.
    """

    conforms: bool
    text: str
    triples: int
    violations: int
    warnings: int
    infos: int
    report_path: Path | None = None


def union_graph(out: Path) -> Graph:
    """Every triple of every named graph of the store, as one rdflib ``Graph``."""
    store = open_store(out)
    triples = store.query(_UNION, use_default_graph_as_union=True)
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def validate_graph(data: Graph, shapes: Path | None = None) -> tuple[bool, Graph, str]:
    """Validate an rdflib graph against the shapes; returns ``(conforms, report graph, text)``.

    Raises:
        GraphError: when the shapes or the ontology cannot be read.
    """
    import pyshacl

    shapes_path = Path(shapes) if shapes else ontology_file("shapes.ttl")
    try:
        shapes_graph = Graph().parse(shapes_path, format="turtle")
        ontology = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    except Exception as err:  # rdflib raises several parser error types
        raise GraphError(f"cannot read the shapes: {err}", path=str(shapes_path)) from err
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none", allow_warnings=True,
    )
    return bool(conforms), report, str(text)


def validate(out: Path, report_dir: Path | None = None, shapes: Path | None = None) -> ValidationResult:
    """Validate the store under ``out``; optionally write ``validation.ttl`` and ``.txt`` to ``report_dir``.

    Raises:
        StoreError: when ``out`` holds no store.
        GraphError: when the shapes cannot be read.
    """
    data = union_graph(out)
    conforms, report, text = validate_graph(data, shapes)
    severities = [report.value(r, SH.resultSeverity) for r in report.subjects(RDF.type, SH.ValidationResult)]
    path = None
    if report_dir is not None:
        report_dir = Path(report_dir)
        report_dir.mkdir(parents=True, exist_ok=True)
        path = report_dir / "validation.ttl"
        report.serialize(path, format="turtle")
        (report_dir / "validation.txt").write_text(text, encoding="utf-8")
    return ValidationResult(
        conforms=conforms,
        text=text,
        triples=len(data),
        violations=sum(1 for s in severities if s == SH.Violation),
        warnings=sum(1 for s in severities if s == SH.Warning),
        infos=sum(1 for s in severities if s == SH.Info),
        report_path=path,
    )
