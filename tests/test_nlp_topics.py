"""The SKOS topic scheme and topic finding: labels, case rules, inheritance, candidates."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import NLPError
from kg.nlp import annotate, load_pipeline, load_scheme
from kg.nlp.topics import DEFAULT_SCHEME, SCHEME_IRI, TOPIC_BASE, is_case_sensitive
from nlp_reports import ReportSpec, make_report, models, pipeline

TOPIC = Namespace(TOPIC_BASE)

# Gold aliases the scheme deliberately does not carry verbatim: each is a
# longer corpus phrase already recognised through a shorter label of the same
# topic, or too generic to mean the topic elsewhere ("UN standards").
NOT_VERBATIM = {"UN standards", "4 webinars"}


@pytest.fixture(params=models(), scope="module")
def nlp(request):
    return pipeline(request.param)


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def gold_topics(gold_dir: Path) -> list[dict]:
    return json.loads((gold_dir / "topics.json").read_text(encoding="utf-8"))["topics"]


def topics_in(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [s.label_ for s in doc.spans["kg_topics"]]


# --------------------------------------------------------------------------- the scheme


def test_nlp_scheme_is_valid_skos():
    g = Graph().parse(DEFAULT_SCHEME)
    scheme = URIRef(SCHEME_IRI)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 60
    for c in concepts:
        assert str(c).startswith(TOPIC_BASE), c
        assert (c, SKOS.inScheme, scheme) in g, c
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1, c
        assert list(g.objects(c, SKOS.definition)), f"{c} has no skos:definition"
        for b in g.objects(c, SKOS.broader):
            assert b in concepts, f"{c} is narrower than unknown {b}"
        is_top = not list(g.objects(c, SKOS.broader))
        assert ((c, SKOS.topConceptOf, scheme) in g) == is_top, c
        assert ((scheme, SKOS.hasTopConcept, c) in g) == is_top, c
        for target in g.objects(c, SKOS.exactMatch):
            assert str(target).startswith("http://www.wikidata.org/entity/Q"), target


@pytest.mark.parametrize(
    "narrower, broader",
    [
        ("pnai", "policy-networks"),
        ("pnif", "policy-networks"),
        ("pnma", "policy-networks"),
        ("pne", "policy-networks"),
        ("policy-networks", "intersessional-work"),
        ("dynamic-coalitions", "intersessional-work"),
        ("best-practice-forums", "intersessional-work"),
        ("bpf-cybersecurity", "best-practice-forums"),
        ("wsis-20", "wsis-process"),
        ("main-sessions", "igf-programme"),
    ],
)
def test_nlp_scheme_broader_links(scheme, narrower, broader):
    assert broader in scheme.get(narrower).broader


def test_nlp_scheme_recognises_every_gold_topic_by_its_aliases(nlp, gold_topics):
    unrecognised = []
    concept_of: dict[str, str] = {}
    for topic in gold_topics:
        found = {alias: topics_in(nlp, alias) for alias in topic["aliases"] if alias not in NOT_VERBATIM}
        unrecognised += [(topic["id"], alias) for alias, keys in found.items() if not keys]
        # The concept standing for the gold topic is the one most aliases name
        # (an alias such as "BPFs" may name a narrower concept of the scheme).
        counts = Counter(k for keys in found.values() for k in set(keys))
        key, n = counts.most_common(1)[0]
        assert n * 2 >= len(found), (topic["id"], found)
        concept_of[topic["id"]] = key
    assert not unrecognised
    assert len(set(concept_of.values())) == len(concept_of), "two gold topics share one concept"


@pytest.mark.parametrize(
    "text, key",
    [
        ("Delegates debated cybersecurity norms.", "cybersecurity"),
        ("The panel discussed data governance and cross-border data flows.", "data-governance"),
        ("Platforms explained their content moderation rules.", "content-moderation"),
        ("Speakers warned about disinformation during elections.", "misinformation"),
        ("Closing the digital divide remains urgent.", "digital-divide"),
        ("A session on gender equality online was proposed.", "gender"),
        ("The environmental sustainability of data centres was raised.", "environment"),
        ("Internet shutdowns were reported in two countries.", "internet-shutdowns"),
        ("The DNS abuse framework was presented by ICANN.", "dns"),
        ("IPv6 deployment lags in the region.", "ipv6"),
        ("End-to-end encryption was defended.", "encryption"),
        ("Child online protection needs more attention.", "child-online-protection"),
        ("Digital public infrastructure was a theme.", "dpi"),
        ("Open source software helps small administrations.", "open-source"),
        ("Hybrid meetings need good remote participation.", "hybrid-meetings"),
        ("Donor contributions to the IGF Trust Fund fell.", "igf-funding"),
        ("The norms of responsible state behaviour were debated.", "cyber-norms"),
    ],
)
def test_nlp_scheme_covers_general_internet_governance_topics(nlp, text, key):
    assert key in topics_in(nlp, text)


def test_nlp_scheme_names_no_people(scheme, gold_dir):
    people = set()
    for path in gold_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for p in data.get("participants", []):
            people.add(p["name"].casefold())
            people.update(w.casefold() for w in p["name"].split() if len(w) > 3)
    labels = {label.casefold() for c in scheme.concepts for label in c.labels}
    words = {w for label in labels for w in label.split()}
    assert not (labels & people), labels & people
    assert not (words & people), words & people


def test_nlp_scheme_copies_no_report_lines(scheme, corpus_dir):
    corpus = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in corpus_dir.glob("*.txt"))
    long_labels = [label for c in scheme.concepts for label in c.labels if len(label) >= 50]
    assert not [label for label in long_labels if label in corpus]


# --------------------------------------------------------------------------- matching rules


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The GDC was adopted.", ["gdc"]),
        ("the gdc was adopted.", []),
        ("The global digital compact was adopted.", ["gdc"]),
        ("The AI section was contentious.", ["ai-governance"]),
        ("Use of the term ai in lower case.", []),
        ("The OC/MAG meeting ended.", ["open-consultations"]),
        ("An oc is not a topic.", []),
        ("HR and Inclusion in the digital age.", ["human-rights", "digital-inclusion"]),
        ("New DCs were formed.", ["dynamic-coalitions"]),
        ("The Policy Network on Internet Fragmentation met.", ["pnif"]),
        ("A post-WSIS+20 IGF was discussed.", ["igf-mandate"]),
        ("Proposals for WSIS +20 and the WSIS+20 review.", ["wsis-20", "wsis-20"]),
        ("The AI For Good Summit was large.", ["ai-for-good-summit"]),
        ("Pact of Future and Pact of the Future.", ["pact-future", "pact-future"]),
        # an event's year after its acronym: "IGF 2025 programme" is the IGF programme
        ("The IGF 2025 programme was agreed.", ["igf-programme"]),
        ("The IGF programme was agreed.", ["igf-programme"]),
    ],
)
def test_nlp_topic_case_rules_and_longest_match(nlp, text, expected):
    assert topics_in(nlp, text) == expected


@pytest.mark.parametrize(
    "label, sensitive",
    [("GDC", True), ("LP", True), ("DCs", True), ("NRIs", True), ("AI", True), ("WSIS+20", True), ("Indico", False), ("AI governance", False), ("IPv6", False)],
)
def test_nlp_acronym_labels_are_case_sensitive(label, sensitive):
    assert is_case_sensitive(label) is sensitive


# --------------------------------------------------------------------------- intervention and meeting topics


def test_nlp_intervention_inherits_agenda_topics_when_it_names_none(nlp):
    report = make_report(
        ReportSpec(
            agenda=["Global Digital Compact", "Any other business"],
            sections=[
                ("Update on the compact", ["Maria noted that progress was slow.", "Tom noted that the AI section was weak."]),
                ("Any other business", ["Lena noted that the next call is in May."]),
            ],
        )
    )
    ann = annotate(report, nlp)
    assert [(i.speaker.name, i.topics, i.topics_inherited, i.agenda_index) for i in ann.interventions] == [
        ("Maria", ("gdc",), True, 0),
        ("Tom", ("ai-governance",), False, 0),
        ("Lena", (), False, 1),
    ]


def test_nlp_section_title_topics_are_inherited_without_agenda(nlp):
    ann = annotate(make_report(ReportSpec(sections=[("Youth Track", ["Sara noted that the call was open."])])), nlp)
    assert [(i.topics, i.topics_inherited) for i in ann.interventions] == [(("youth",), True)]


def test_nlp_transcript_turns_inherit_the_item_the_chair_announced(nlp):
    report = make_report(
        ReportSpec(
            turns=[
                ("CHAIR", "Welcome, everyone."),
                ("CHAIR", "Let us move to the next item, the Global Digital Compact."),
                ("MARIA LOPEZ", "Thank you, Chair. I support the proposal."),
                ("TOM BAKER", "The AI section was weak."),
                ("CHAIR", "Moving on to any other business."),
                ("LENA FISCHER", "Thanks, that is all from me."),
            ]
        )
    )
    ann = annotate(report, nlp)
    assert [(i.speaker.text, i.topics, i.topics_inherited) for i in ann.interventions] == [
        ("CHAIR", (), False),
        ("CHAIR", ("gdc",), False),
        ("MARIA LOPEZ", ("gdc",), True),
        ("TOM BAKER", ("ai-governance",), False),
        ("CHAIR", (), False),
        ("LENA FISCHER", (), False),
    ]


def test_nlp_speakers_in_one_sentence_share_its_topics_when_their_clause_names_none(nlp):
    ann = annotate(make_report(ReportSpec(sections=[("Discussion", ["Omar asked about the Summit of the Future - Lena noted that it was useful, though Tom noted the Code of Conduct."])])), nlp)
    assert [(i.speaker.name, i.topics) for i in ann.interventions] == [
        ("Omar", ("summit-future",)),
        ("Lena", ("summit-future", "code-of-conduct")),
        ("Tom", ("code-of-conduct",)),
    ]


def test_nlp_meeting_topics_come_from_agenda_discussion_and_actions(nlp):
    report = make_report(
        ReportSpec(
            agenda=["Internet fragmentation"],
            sections=[("Discussion", ["It was noted that the IGF website is ready.", "Action: the Secretariat will draft a note on capacity development."])],
        )
    )
    ann = annotate(report, nlp)
    assert set(ann.meeting_topics) == {"internet-fragmentation", "igf-logistics", "capacity-development"}
    assert ann.meeting_topics[0] == "internet-fragmentation"


def test_nlp_naming_the_meeting_body_is_not_discussing_it(nlp):
    report = make_report(
        ReportSpec(
            series="Policy Network on Internet Fragmentation",
            sections=[("Summary", ["The 5th meeting of the Policy Network on Internet Fragmentation (PNIF) was held online.", "Maria noted that the PNIF should look at the GDC."])],
        )
    )
    ann = annotate(report, nlp)
    assert ann.meeting_topics == ("gdc",)
    assert ann.interventions[0].topics == ("gdc",)
    assert [t.topic for t in ann.topic_mentions] == ["pnif", "pnif", "gdc"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a topic inside an organisation's name names the organisation ...
        ("Vittorio Ferraresi (Ministry of Digital Economy, Senegal) introduced the main sessions.", ("main-sessions",)),
        ("Maria noted that the Ministry of Digital Economy supported the work on digital trade.", ("digital-economy",)),
        # ... unless the organisation is itself a topic, whose name says what it works on
        ("Maria noted that the Dynamic Coalition on Child Online Safety had met.", ("dynamic-coalitions", "child-online-protection")),
    ],
)
def test_nlp_topic_inside_an_organisation_name_is_not_discussed(nlp, sentence, expected):
    ann = annotate(make_report(ReportSpec(sections=[("Discussion", [sentence])])), nlp)
    assert [i.topics for i in ann.interventions] == [expected]
    assert ann.meeting_topics == expected
    if "Ministry" in sentence:  # it stays a topic mention, as the meeting body's name does
        assert "digital-economy" in [t.topic for t in ann.topic_mentions]


def test_nlp_candidate_topics_are_recurring_phrases_not_in_the_scheme(nlp):
    ann = annotate(
        make_report(
            ReportSpec(
                sections=[
                    ("Discussion", ["Maria presented the Quantum Readiness Index and the QRX survey.", "Tom noted that the Quantum Readiness Index needs QRX data and a draft letter.", "Lena agreed that the draft letter and the GDC matter."]),
                ]
            )
        ),
        nlp,
    )
    found = {c.label: c.count for c in ann.candidate_topics}
    assert found.get("Quantum Readiness Index") == 2
    assert found.get("QRX") == 2
    assert found.get("draft letter") == 2
    assert not {"GDC", "Maria", "Tom", "Lena"} & set(found)
    for c in ann.candidate_topics:
        for start, end in c.spans:
            assert ann.report.text[start:end].casefold() == c.label.casefold()


# --------------------------------------------------------------------------- user extension files

EXTENSION = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix topic: <https://w3id.org/igfkg/id/topic/> .
topic:quantum-readiness a skos:Concept ;
    skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> ;
    skos:prefLabel "Quantum readiness"@en ;
    skos:altLabel "Quantum Readiness Index"@en, "QRX"@en ;
    skos:broader topic:emerging-technologies .
topic:gdc skos:altLabel "Digital Compact"@en .
"""


def test_nlp_topic_extension_file_adds_concepts_and_labels(tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text(EXTENSION, encoding="utf-8")
    scheme = load_scheme([path])
    assert scheme.get("quantum-readiness").broader == ("emerging-technologies",)
    assert "Digital Compact" in scheme.get("gdc").alt_labels
    nlp = load_pipeline("none", topic_files=[path])
    ann = annotate(make_report(ReportSpec(sections=[("Discussion", ["Maria presented the QRX results and the Digital Compact."])])), nlp)
    assert ann.interventions[0].topics == ("quantum-readiness", "gdc")
    assert not [c for c in ann.candidate_topics if c.label == "QRX"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("this is not turtle", "not valid Turtle"),
        ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://w3id.org/igfkg/id/topic/x> a skos:Concept .", "no skos:prefLabel"),
        ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://example.org/gdc> a skos:Concept ; skos:prefLabel "Other"@en .', "share the key 'gdc'"),
    ],
)
def test_nlp_bad_topic_file_raises_with_path(tmp_path, content, message):
    path = tmp_path / "bad.ttl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NLPError, match=message) as err:
        load_scheme([path])
    assert str(tmp_path) in str(err.value)


def test_nlp_missing_topic_file_raises(tmp_path):
    with pytest.raises(NLPError, match="not found"):
        load_pipeline("none", topic_files=[tmp_path / "absent.ttl"])


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "the Policy Network" in the Policy Network on Internet Fragmentation's own report is that network ...
        ("Maria noted that the Policy Network's work should be visible in the WSIS+20 review.", ("pnif", "wsis-20")),
        # ... but the plural, or a network named in full, is not
        ("Maria noted that the Policy Networks should publish early.", ("policy-networks",)),
        ("Maria noted that a Policy Network could help.", ("policy-networks",)),
        ("Maria noted that the Policy Network on Artificial Intelligence could help.", ("pnai",)),
    ],
)
def test_nlp_the_generic_body_in_its_own_report_is_that_body(nlp, sentence, expected):
    report = make_report(
        ReportSpec(
            series="Policy Network on Internet Fragmentation",
            sections=[("Summary", ["The 5th meeting of the Policy Network on Internet Fragmentation was held online.", sentence])],
        )
    )
    ann = annotate(report, nlp)
    assert ann.interventions[0].topics == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the Policy Networks on AI, on Internet Fragmentation and on Meaningful Access" names three networks
        ("The Policy Networks on AI, on Internet Fragmentation and on Meaningful Access reported.",
         ["policy-networks", "pnai", "pnif", "pnma"]),
        ("The Policy Networks on AI and Internet Fragmentation reported.", ["policy-networks", "pnai", "pnif"]),
        ("The Policy Networks on Environment and on AI met.", ["policy-networks", "pne", "pnai"]),
        # a conjunct that names no such body keeps its own topic
        ("The Policy Networks on AI and the GDC were discussed.", ["policy-networks", "pnai", "gdc"]),
        ("Policy Networks on many topics met.", ["policy-networks"]),
    ],
)
def test_nlp_bodies_named_together_are_each_found(nlp, text, expected):
    assert topics_in(nlp, text) == expected
