"""The ontology and its generated vocabulary: no drift, every contract term, reuse declared."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef

from kg.rdf import codegen
from kg.rdf.paths import ontology_file
from kg.rdf.vocab import KG, NAMESPACE

SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")

# Every kg: term named by /work/shared/design/graph-contract.md.
CONTRACT_TERMS = [
    "Report", "fileName", "sha256", "describes", "Meeting", "series", "meetingNumber", "MeetingSeries",
    "attended", "spokeAt", "spokeOn", "discussedAt", "affiliatedWith", "Intervention", "speaker",
    "meeting", "topic", "attributionText", "text", "charStart", "charEnd",
]

# (term, relation, outside term): how the ontology says which standard vocabulary it reuses.
REUSE = [
    (KG.Meeting, RDFS.subClassOf, SDO.Event),
    (KG.MeetingSeries, RDFS.subClassOf, SDO.EventSeries),
    (KG.Report, RDFS.subClassOf, PROV.Entity),
    (KG.Intervention, RDFS.subClassOf, PROV.Entity),
    (KG.attended, OWL.inverseOf, SDO.attendee),
    (KG.affiliatedWith, RDFS.subPropertyOf, SDO.affiliation),
    (KG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (KG.topic, RDFS.subPropertyOf, DCTERMS.subject),
    (KG.agendaItem, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (KG.statedAt, RDFS.domain, ORG.Membership),
    (KG.spokeOn, RDFS.range, SKOS.Concept),
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def test_rdf_vocab_matches_the_ontology():
    committed = codegen.VOCAB_PATH.read_text(encoding="utf-8")
    fresh = codegen.render_vocab()
    if committed != fresh:
        import difflib

        diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), "vocab.py", "fresh"))
        pytest.fail(f"kg/rdf/vocab.py drifted from ontologies/kg.ttl; run `python -m kg.rdf.codegen`\n{diff}")


def test_rdf_vocab_namespace_comes_from_the_ontology(ontology):
    (onto,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert str(ontology.value(onto, VANN.preferredNamespaceUri)) == NAMESPACE == "https://w3id.org/igfkg/ontology#"


@pytest.mark.parametrize("term", CONTRACT_TERMS)
def test_rdf_vocab_has_every_contract_term(term, ontology):
    iri = KG[term]
    assert str(iri) == NAMESPACE + term
    kinds = set(ontology.objects(iri, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not declared in kg.ttl"


def test_rdf_vocab_is_closed():
    with pytest.raises(AttributeError):
        KG.spokeOnn  # noqa: B018 - a misspelt term must fail loudly


def test_rdf_vocab_every_term_has_label_and_definition(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)}
    assert len(terms) == len(KG.__annotations__)
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) or ontology.value(term, RDFS.comment), term


@pytest.mark.parametrize("subject,relation,outside", REUSE)
def test_rdf_vocab_declares_reused_vocabularies(subject, relation, outside, ontology):
    assert (subject, relation, outside) in ontology


def test_rdf_vocab_codegen_refuses_a_term_without_definition(tmp_path):
    bad = tmp_path / "kg.ttl"
    bad.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix vann: <http://purl.org/vocab/vann/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/o> a owl:Ontology ; vann:preferredNamespaceUri \"https://example.org/o#\" .\n"
        "<https://example.org/o#Thing> a owl:Class ; rdfs:label \"thing\" .\n",
        encoding="utf-8",
    )
    from kg.errors import GraphError

    with pytest.raises(GraphError, match="needs an rdfs:label and a definition"):
        codegen.render_vocab(bad)
