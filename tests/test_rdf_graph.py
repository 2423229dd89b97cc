"""build_graph: the graph contract, provenance, agents, determinism and content hashes."""

from __future__ import annotations

import dataclasses
import random

import pyoxigraph as ox
import pytest
from rdf_fixtures import corpus, write_scheme
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.errors import GraphError
from kg.model import Resolution
from kg.query import PREFIXES
from kg.rdf import uris
from kg.rdf.graph import build_graph
from kg.resolve import with_references

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, "id": uris.BASE}.items())
M12 = "id:meeting\\/lantern-wg\\/2024-03-07"


@pytest.fixture(scope="module")
def scheme(tmp_path_factory):
    return write_scheme(tmp_path_factory.mktemp("scheme"))


@pytest.fixture(scope="module")
def graphs(scheme):
    anns, resolution = corpus()
    return build_graph(anns, resolution, scheme)


@pytest.fixture(scope="module")
def store(graphs):
    s = ox.Store()
    s.load(graphs.nquads(), ox.RdfFormat.N_QUADS)
    return s


def _ask(store: ox.Store, body: str) -> bool:
    return bool(store.query(PROLOGUE + "ASK {" + body + "}", use_default_graph_as_union=True))


# One row per line of the graph contract, then what kg adds on top.
CONTRACT = {
    "report": """?r a kg:Report ; kg:fileName "lantern-12.txt" ; kg:sha256 ?h ; kg:describes ?m .
        FILTER(STRLEN(?h) = 64)""",
    "meeting with time in UTC": """?m a kg:Meeting ; schema:name "Lantern Working Group - Meeting 12" ;
        schema:startDate "2024-03-07T14:00:00Z"^^xsd:dateTime ; kg:series id:series\\/lantern-wg ;
        kg:meetingNumber "12" . id:series\\/lantern-wg a kg:MeetingSeries ; schema:name "Lantern Working Group" .
        FILTER(?m = id:meeting\\/lantern-wg\\/2024-03-07)""",
    "meeting with a date only": """id:meeting\\/lantern-wg\\/2024-03-21 a kg:Meeting ;
        schema:startDate "2024-03-21"^^xsd:date ; kg:meetingNumber "13" .""",
    "person keeps diacritics": """id:person\\/dov-ilic a schema:Person ; schema:name "Dov Ilić" .""",
    "organisation": """id:org\\/harbour-institute a schema:Organization ; schema:name "Harbour Institute" ;
        skos:altLabel "HI" .""",
    "topic": """id:topic\\/gdc a skos:Concept ; skos:prefLabel "Global Digital Compact"@en ;
        skos:altLabel "GDC"@en ; skos:inScheme id:topic-scheme .""",
    "attended": f"""id:person\\/cleo-marsh kg:attended {M12} .""",
    "spoke at": f"""id:person\\/ada-quist kg:spokeAt {M12} .""",
    "spoke on": """id:person\\/bruno-fenwick kg:spokeOn id:topic\\/wsis-20 .""",
    "discussed at (meeting topics)": f"""id:topic\\/ai-governance kg:discussedAt {M12} .""",
    "affiliated with": """id:person\\/bruno-fenwick kg:affiliatedWith id:org\\/harbour-institute .""",
    "intervention": f"""id:intervention\\/lantern-12\\/2 a kg:Intervention ; kg:speaker id:person\\/bruno-fenwick ;
        kg:meeting {M12} ; kg:topic id:topic\\/wsis-20 , id:topic\\/gdc ; kg:attributionText "Bruno" ;
        kg:text ?t ; kg:charStart ?s ; kg:charEnd ?e ; prov:wasDerivedFrom id:report\\/lantern-12 .
        FILTER(?s < ?e && CONTAINS(?t, "WSIS +20"))""",
    "a report's facts live in its named graph": """GRAPH id:graph\\/lantern-12 {
        id:intervention\\/lantern-12\\/1 kg:speaker id:person\\/ada-quist .
        id:person\\/ada-quist kg:attended ?m }""",
    "merged people and their evidence live in the corpus graph": """GRAPH id:graph\\/corpus {
        id:person\\/ada-quist schema:name "Ada Quist" ; skos:altLabel "Quist, Ada" .
        ?rec a kg:IdentityResolution ; kg:mentionText "Ada" ; kg:resolvedTo id:person\\/ada-quist ;
             kg:method "participant-list" ; kg:confidence 0.95 ; kg:evidenceText ?ev ;
             prov:wasDerivedFrom id:report\\/lantern-13 }""",
    "ambiguous mention keeps the name, with candidates": """GRAPH id:graph\\/corpus {
        id:person\\/unresolved\\/lantern-12\\/sam a schema:Person ; schema:name "Sam" ; kg:unresolved true ;
            kg:candidate id:person\\/sam-okafor , id:person\\/sam-reyes .
        ?rec kg:resolvedTo id:person\\/unresolved\\/lantern-12\\/sam ; kg:method "ambiguous" ;
            kg:candidate id:person\\/sam-okafor , id:person\\/sam-reyes }""",
    "organisation as speaker": """id:intervention\\/lantern-12\\/4 kg:speaker id:org\\/harbour-institute .
        id:org\\/harbour-institute a schema:Organization .
        FILTER NOT EXISTS { id:org\\/harbour-institute a schema:Person }""",
    "group as speaker": """id:intervention\\/lantern-12\\/5 kg:speaker ?g . ?g a kg:Group ; schema:name "Members" .""",
    "agenda items, ordered, with sub-items": f"""
        id:agenda\\/lantern-12\\/2 a kg:AgendaItem ; schema:name "Compact update" ; schema:position 2 ;
            kg:itemNumber "2" ; dcterms:isPartOf {M12} ; kg:charStart ?s .
        id:agenda\\/lantern-12\\/2.1 schema:name "Timeline" ; schema:position 1 ; kg:itemNumber "a" ;
            dcterms:isPartOf id:agenda\\/lantern-12\\/2 .
        id:intervention\\/lantern-12\\/1 kg:agendaItem id:agenda\\/lantern-12\\/1 .""",
    "sections": """id:section\\/lantern-12\\/2 a kg:Section ; schema:name "Compact update" ;
        kg:agendaItem id:agenda\\/lantern-12\\/2 ; dcterms:isPartOf id:report\\/lantern-12 .
        id:intervention\\/lantern-12\\/2 kg:section id:section\\/lantern-12\\/2 .""",
    "membership with role, organisation and meeting": f"""?ms a org:Membership ;
        org:member id:person\\/ada-quist ; org:organization id:org\\/lantern-council ; org:role ?role ;
        kg:statedAt {M12} ; prov:wasDerivedFrom ?entry . ?role a org:Role ; skos:prefLabel "Chair" .
        ?entry a kg:Attendance ; kg:nameAsWritten "Quist, Ada" ; kg:listGroup "Members" ; kg:charStart ?s .""",
    "action item with owner and due date": """?a a kg:ActionItem ; kg:ownerText "Bruno" ;
        kg:owner id:person\\/bruno-fenwick ; kg:due "2024-03-21"^^xsd:date ; kg:text ?t ; kg:charStart ?s .""",
    "every owner an action names, each by the report's own people": """?a a kg:ActionItem ;
        kg:ownerText "Ms. Quist and Dov" ; kg:owner id:person\\/ada-quist , id:person\\/dov-ilic .""",
    "next meeting": f"""{M12} kg:nextMeeting id:meeting\\/lantern-wg\\/2024-03-21 .
        ?n a kg:NextMeetingNotice ; kg:announcedDate "2024-03-21T14:00:00Z"^^xsd:dateTime .""",
    "links": """?l a kg:Link ; schema:url "https://example.org/lantern/notes"^^xsd:anyURI ;
        prov:wasDerivedFrom id:report\\/lantern-12 .""",
    "report metadata": """id:report\\/lantern-12 kg:layout "summary" ; kg:sourceFormat "txt" ;
        kg:encoding "utf-8" ; kg:nlpModel "rule-based" .""",
    "meeting format, chair": f"""{M12} schema:eventAttendanceMode schema:OnlineEventAttendanceMode ;
        kg:chairName "Ada Quist" ; kg:chair id:person\\/ada-quist .""",
    "field spans and conflicts": f"""?f a kg:FieldSpan ; kg:field "date" ; kg:text "7 March 2024" ;
        kg:meeting {M12} . ?c a kg:FieldConflict ; kg:field "number" ; kg:chosenValue "12" ;
        kg:rejectedValue "13" ; kg:chosenSpan/kg:text "12" ; kg:rejectedSpan/kg:text "13" .""",
    "topic mention outside an intervention": """?tm a kg:TopicMention ; kg:topic id:topic\\/gdc ;
        kg:text "Compact" ; kg:charStart ?s .""",
    "organisation mention and alias statement": """?om a kg:OrgMention ; kg:acronym "LC" ;
        kg:organisation id:org\\/lantern-council . ?al a kg:AliasStatement ; kg:fullName "Ada Quist" ; kg:alias "AQ" .""",
    "candidate topic with evidence spans": """?c a kg:CandidateTopic ; rdfs:label "tidal mapping" ;
        kg:occurrences 2 ; kg:evidence ?span . ?span kg:text "Tidal mapping" .""",
    "a used topic's broader concept comes along": """id:topic\\/wsis-20 skos:broader id:topic\\/wsis .
        id:topic\\/wsis a skos:Concept ; skos:prefLabel "WSIS process"@en .""",
    "every graph states its content hash": """GRAPH id:graph\\/lantern-13 { id:graph\\/lantern-13 kg:contentHash ?h }""",
}

ABSENT = {
    "an organisation never speaks as a person": "?i kg:speaker ?p . ?p a schema:Person ; schema:name \"Harbour Institute\"",
    "an ambiguous name is never merged into a guess": "?i kg:attributionText \"Sam\" ; kg:speaker id:person\\/sam-okafor",
    "unused concepts stay out": "id:topic\\/unused ?p ?o",
    "a topic named inside its own intervention gets no separate mention": "?tm a kg:TopicMention ; kg:text \"WSIS +20\"",
    "a self-evident participant entry gets no resolution record": "?r kg:mentionText \"Cleo Marsh\"",
}


@pytest.mark.parametrize("name", list(CONTRACT))
def test_rdf_graph_has_contract_triples(name, store):
    assert _ask(store, CONTRACT[name]), f"no match for: {name}"


@pytest.mark.parametrize("name", list(ABSENT))
def test_rdf_graph_leaves_out(name, store):
    assert not _ask(store, ABSENT[name]), f"unexpected match for: {name}"


def test_rdf_graph_spans_point_into_the_report_text(store):
    anns, _ = corpus()
    texts = {uris.report(a.report.source.doc_id): a.report.text for a in anns}
    rows = store.query(
        PROLOGUE + "SELECT ?r ?t ?s ?e WHERE { ?x kg:text ?t ; kg:charStart ?s ; kg:charEnd ?e ; prov:wasDerivedFrom ?r }",
        use_default_graph_as_union=True,
    )
    checked = 0
    for row in rows:
        text = texts[row["r"].value]
        assert text[int(row["s"].value):int(row["e"].value)] == row["t"].value
        checked += 1
    assert checked >= 10


def _shuffled(resolution: Resolution, seed: int) -> Resolution:
    rng = random.Random(seed)

    def mix(items):
        items = list(items)
        rng.shuffle(items)
        return tuple(items)

    return Resolution(people=mix(resolution.people), organisations=mix(resolution.organisations),
                      mentions=mix(resolution.mentions), participants=mix(resolution.participants),
                      affiliations=mix(resolution.affiliations), references=mix(resolution.references))


def _graph(graphs, iri: str) -> Graph:
    return graphs.graphs[iri].to_rdflib()


def test_rdf_graph_is_deterministic_in_any_input_order(scheme):
    anns, resolution = corpus()
    first = build_graph(anns, resolution, scheme)
    again = build_graph(list(reversed(anns)), _shuffled(resolution, 3), scheme)
    assert list(first.graphs) == list(again.graphs)
    for iri in first.graphs:
        a, b = to_isomorphic(_graph(first, iri)), to_isomorphic(_graph(again, iri))
        if a != b:
            _, only_first, only_again = graph_diff(a, b)
            pytest.fail(f"{iri} differs\nonly in first:\n{only_first.serialize(format='nt')}"
                        f"\nonly in second:\n{only_again.serialize(format='nt')}")
    assert first.content_hashes == again.content_hashes


def test_rdf_graph_content_hash_changes_only_for_the_changed_report(scheme):
    anns, resolution = corpus()
    before = build_graph(anns, resolution, scheme)
    report = anns[1].report
    renamed = dataclasses.replace(report, meeting=dataclasses.replace(report.meeting, title="Meeting 13 (revised)"))
    after = build_graph([anns[0], dataclasses.replace(anns[1], report=renamed)], resolution, scheme)
    changed = {iri for iri in before.graphs if before.content_hashes[iri] != after.content_hashes[iri]}
    assert changed == {uris.graph("lantern-13")}


def test_rdf_graph_named_graph_iri_round_trips(graphs):
    g = graphs.graphs[uris.graph("lantern-12")]
    assert g.doc_id == "lantern-12"
    assert (URIRef(uris.report("lantern-12")), None, None) in g.to_rdflib()
    assert len(g.quads()) == g.quad_count


@pytest.mark.parametrize(
    "text,slug",
    [
        ("Oktavía Hrund Guðrúnar Jóns", "oktavia-hrund-gudrunar-jons"),
        ("Ángel Atilio González Mongelós", "angel-atilio-gonzalez-mongelos"),
        ("Ola Bergström", "ola-bergstrom"),
        ("Łukasz Øster-Straße", "lukasz-oster-strasse"),
        ("  WG-Strategy  ", "wg-strategy"),
        ("St. Amour, Lynn", "st-amour-lynn"),
        ("李小龙", "李小龙"),
        ("!!!", "x"),
    ],
)
def test_rdf_graph_slugs_fold_diacritics(text, slug):
    assert uris.slugify(text) == slug


@pytest.mark.parametrize(
    "args,iri",
    [
        (("wg-strategy", "000_x", "2024-07-04", "79"), "meeting/wg-strategy/2024-07-04"),
        (("igf-mag", "002_y", None, "VIII"), "meeting/igf-mag/nviii"),
        (("igf-mag", "003_z", None, None), "meeting/igf-mag/003_z"),
        (("igf-mag", "notes 3 (final)", None, None), "meeting/igf-mag/notes%203%20%28final%29"),
    ],
)
def test_rdf_graph_meeting_iris(args, iri):
    assert uris.meeting(*args) == uris.BASE + iri


def test_rdf_graph_refuses_two_reports_with_one_id(scheme):
    anns, resolution = corpus()
    with pytest.raises(GraphError, match="share the document id"):
        build_graph([anns[0], anns[0]], resolution, scheme)


def test_rdf_graph_refuses_a_topic_missing_from_the_scheme(scheme):
    anns, resolution = corpus()
    odd = dataclasses.replace(anns[1], meeting_topics=("no-such-topic",))
    with pytest.raises(GraphError, match="no-such-topic"):
        build_graph([anns[0], odd], resolution, scheme)


def test_rdf_graph_topic_files_extend_the_scheme(scheme, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/igfkg/id/topic/tidal> a skos:Concept ; skos:prefLabel \"Tidal mapping\"@en ;\n"
        "  skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .\n",
        encoding="utf-8",
    )
    anns, resolution = corpus()
    tagged = dataclasses.replace(anns[1], meeting_topics=("tidal",))
    graphs = build_graph([anns[0], tagged], resolution, scheme, topic_files=[extra])
    corpus_graph = graphs.corpus.to_rdflib()
    assert (URIRef(uris.topic("tidal")), None, None) in corpus_graph


def test_rdf_graph_escapes_literals(scheme):
    anns, resolution = corpus()
    report = anns[1].report
    nasty = 'Quote " backslash \\ newline\n tab\t <tag> & "}; DROP ALL'
    odd = dataclasses.replace(anns[1], report=dataclasses.replace(
        report, meeting=dataclasses.replace(report.meeting, title=nasty)))
    graphs = build_graph([anns[0], odd], resolution, scheme)
    s = ox.Store()
    s.load(graphs.nquads(), ox.RdfFormat.N_QUADS)
    names = {r["n"].value for r in s.query(PROLOGUE + "SELECT ?n WHERE { ?m a kg:Meeting ; schema:name ?n }",
                                           use_default_graph_as_union=True)}
    assert nasty in names


def _with_first_speaker(anns, resolution, *, kind, text, person):
    """Replace the first intervention's speaker of report one by a mention of ``kind``."""
    from kg.model import Mention, MentionResolution

    ann = anns[0]
    iv = ann.interventions[0]
    mention = Mention(text, iv.speaker.start, iv.speaker.end, kind, text)
    ann = dataclasses.replace(ann, interventions=(dataclasses.replace(iv, speaker=mention), *ann.interventions[1:]))
    doc = ann.report.source.doc_id
    others = tuple(m for m in resolution.mentions if (m.doc_id, m.start, m.end) != (doc, mention.start, mention.end))
    mr = MentionResolution(doc, text, mention.start, mention.end, person, None,
                           "participant-list" if person else "unresolved", 1.0 if person else 0.0)
    anns = [ann, *anns[1:]]
    return anns, with_references(anns, dataclasses.replace(resolution, mentions=(*others, mr))), iv


def test_rdf_graph_pronoun_with_no_antecedent_is_not_attributed(scheme):
    anns, resolution = corpus()
    anns, resolution, iv = _with_first_speaker(anns, resolution, kind="pronoun", text="She", person=None)
    s = ox.Store()
    s.load(build_graph(anns, resolution, scheme).nquads(), ox.RdfFormat.N_QUADS)
    assert not _ask(s, f'?i kg:charStart {iv.start} ; kg:attributionText "She"')
    assert not _ask(s, '?p a schema:Person ; schema:name "She"')


def test_rdf_graph_resolver_corrects_a_person_read_as_an_organisation(scheme):
    anns, resolution = corpus()
    person = next(p for p in resolution.people if p.resolved)
    anns, resolution, iv = _with_first_speaker(anns, resolution, kind="organisation", text=person.name.split()[0], person=person.key)
    s = ox.Store()
    s.load(build_graph(anns, resolution, scheme).nquads(), ox.RdfFormat.N_QUADS)
    assert _ask(s, f'?i kg:charStart {iv.start} ; kg:speaker id:person\\/{person.key}')


def test_rdf_graph_states_shared_entities_once_in_the_corpus_graph(graphs, store):
    # Series, roles and organisations many reports share are described in the corpus
    # graph only: restated in every report graph, the union default graph would hold
    # each label once per report and every join through a label would multiply.
    for kind in ("kg:MeetingSeries", "org:Role"):
        rows = list(store.query(PROLOGUE + f"SELECT ?g ?x WHERE {{ GRAPH ?g {{ ?x a {kind} }} }}"))
        assert rows, f"no {kind} in the graph"
        assert {r["g"].value for r in rows} == {uris.CORPUS_GRAPH}, kind
    rows = list(store.query(PROLOGUE + "SELECT ?g WHERE { GRAPH ?g { ?x schema:name ?n } GRAPH ?h { ?x a kg:MeetingSeries } }"))
    assert {r["g"].value for r in rows} == {uris.CORPUS_GRAPH}
    # The report still links its meeting to the series.
    assert _ask(store, "GRAPH ?g { ?m kg:series ?s } FILTER(?g != <" + uris.CORPUS_GRAPH + ">)")


@pytest.mark.parametrize(
    "date, time, zone, expected",
    [
        ("2025-03-10", "10:00", "UTC", "2025-03-10T10:00:00Z"),
        ("2025-03-10", "10:00", "CET", "2025-03-10T09:00:00Z"),
        ("2025-06-03", "10:00", "WAT", "2025-06-03T09:00:00Z"),
        ("2025-03-10", "00:30", "CEST", "2025-03-09T22:30:00Z"),  # the UTC day is the day before
        ("2025-03-10", "10:00", "UTC+1", "2025-03-10T09:00:00Z"),
        ("2025-03-10", "10:00", "GMT-05:00", "2025-03-10T15:00:00Z"),
        ("2025-03-10", "10:00", "CST", None),  # China, or the US Central zone: not converted
        ("2025-03-10", "10:00", None, None),
    ],
)
def test_rdf_graph_start_times_in_a_known_zone_are_stated_in_utc(date, time, zone, expected):
    from kg.rdf.graph import _when

    when = _when(date, time, zone)
    assert (when.split('"')[1] if "dateTime" in when else None) == expected
