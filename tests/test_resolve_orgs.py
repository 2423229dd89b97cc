"""Organisations as a user sees them: generic names within their report, spelling variants, groups.

Reports are made by the factory of ``tests/test_resolve.py`` (invented organisations only).
"""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from rdf_fixtures import write_scheme
from test_resolve import P, org, report, speaker

from kg.model import Annotations, OrgMention
from kg.query import PREFIXES
from kg.rdf import uris
from kg.rdf.graph import build_graph
from kg.resolve import CONFIDENCE, resolve


def written(a: Annotations, text: str, mentions: list[tuple[str, str | None, str]]) -> Annotations:
    """The report with ``text``, its org mentions ``(name, acronym, as written)`` at their first occurrence there."""
    source = dataclasses.replace(a.report.source, text=text, original=text)
    found = tuple(OrgMention(name, text.index(w), text.index(w) + len(w), acronym) for name, acronym, w in mentions)
    return dataclasses.replace(a, report=dataclasses.replace(a.report, source=source), org_mentions=found)


def mention(resolution, doc_id: str, name: str):
    """The resolution recorded for the org mention ``name`` of a report made by :func:`report`."""
    found = [m for m in resolution.mentions if m.doc_id == doc_id and m.text == name and m.start >= 30_000]
    assert found, f"no resolution for the org mention {name!r} of {doc_id}"
    return found[0]


def label(name: str) -> str:
    return " ".join(name.casefold().split())


def names(resolution) -> dict[str, str]:
    return {o.key: o.name for o in resolution.organisations}


# --------------------------------------------------------------------------- generic names, within their report

# (case, reports, (doc, speaker index), expected organisation key, expected method, evidence must contain)
GENERIC_CASES = [
    (
        "the only organisation of the report with that head",
        [report("a", org_mentions=[("Council for Lantern Cooperation", None), ("Council", None)], speakers=[org("The Council")]),
         report("b", org_mentions=[("Harbour Council", None)])],
        ("a", 0), "council-for-lantern-cooperation", "variant", "the only organisation with the head 'council' that a names",
    ),
    (
        "a head at the end of the name",
        [report("a", org_mentions=[("Lantern Secretariat", None)], speakers=[org("The Secretariat")])],
        ("a", 0), "lantern-secretariat", "variant", "'Lantern Secretariat'",
    ),
    (
        "a head of several words",
        [report("a", org_mentions=[("Working Group on Lantern Strategy", None), ("Harbour Group", None)],
                speakers=[org("The Working Group")])],
        ("a", 0), "working-group-on-lantern-strategy", "variant", "'working group'",
    ),
    (
        "the head named by a participant's organisation",
        [report("a", participants=[P("Priya Raman", orgs=("Ministry of Lantern Affairs",))], speakers=[org("The Ministry")])],
        ("a", 0), "ministry-of-lantern-affairs", "variant", "'Ministry of Lantern Affairs'",
    ),
    (
        "a generic acronym",
        [report("a", org_mentions=[("Working Group on Lantern Strategy", None)], speakers=[org("the WG")])],
        ("a", 0), "working-group-on-lantern-strategy", "variant", "'working group'",
    ),
    (
        "none in the report: the report's own, not another report's",
        [report("a", speakers=[org("The Committee")]), report("b", org_mentions=[("Lantern Committee", None)])],
        ("a", 0), "a/committee", "unresolved", "a names no organisation with the head 'committee'",
    ),
    (
        "several in the report: ambiguous, the candidates listed",
        [report("a", org_mentions=[("Government of Lanternia", None), ("Government of Harbouria", None)],
                speakers=[org("The Government")])],
        ("a", 0), "a/government", "ambiguous", "'Government of Harbouria', 'Government of Lanternia'",
    ),
    (
        "generic heads joined: not the secretariat the report names",
        [report("a", org_mentions=[("Lantern Secretariat", None), ("Lantern Committee", None)],
                speakers=[org("The Secretariat of the Committee")])],
        ("a", 0), "a/secretariat-of-the-committee", "unresolved", "a names no organisation it could be",
    ),
    (
        "a generic name the report pairs with an acronym is what the acronym is",
        [report("a", org_mentions=[("Committee", "LOC")], speakers=[org("The Committee")]),
         report("b", org_mentions=[("Lantern Organising Committee", "LOC")])],
        ("a", 0), "lantern-organising-committee", "text-alias", "a pairs 'Committee' with 'Lantern Organising Committee'",
    ),
    (
        "a generic acronym the report pairs with a generic name is what the name is",
        [report("a", org_mentions=[("Working Group", "WG"), ("Working Group on Lantern Strategy", None)], speakers=[org("the WG")])],
        ("a", 0), "working-group-on-lantern-strategy", "variant", "'Working Group on Lantern Strategy'",
    ),
]


@pytest.mark.parametrize(
    "reports, at, key, method, evidence", [c[1:] for c in GENERIC_CASES], ids=[c[0] for c in GENERIC_CASES]
)
def test_resolve_generic_organisation_name_within_its_report(reports, at, key, method, evidence):
    found = speaker(resolve(reports), *at)
    assert (found.person, found.organisation, found.method, found.confidence) == (None, key, method, CONFIDENCE[method])
    assert evidence in found.evidence and found.evidence.startswith(f"{method}: ")


def test_resolve_generic_organisation_names_never_merge_across_reports():
    reports = [
        report("a", org_mentions=[("Committee", None)], speakers=[org("The Committee")]),
        report("b", org_mentions=[("Committee", None)]),
        report("c", org_mentions=[("Lantern Committee", None), ("Committee", None)]),
    ]
    r = resolve(reports)
    assert names(r) == {"a/committee": "Committee", "b/committee": "Committee", "lantern-committee": "Lantern Committee"}
    assert [(m.organisation, m.method) for m in (mention(r, d, "Committee") for d in "abc")] == [
        ("a/committee", "unresolved"), ("b/committee", "unresolved"), ("lantern-committee", "variant"),
    ]
    assert speaker(r, "a", 0).organisation == "a/committee"


def test_resolve_generic_organisation_name_of_a_participant_gives_the_affiliation():
    reports = [report("a", participants=[P("Priya Raman", orgs=("Secretariat",))], org_mentions=[("Lantern Secretariat", None)])]
    r = resolve(reports)
    assert r.affiliations == (("priya-raman", "lantern-secretariat", "a"),)
    assert names(r) == {"lantern-secretariat": "Lantern Secretariat"}


def test_resolve_generic_name_written_only_as_an_acronym_names_no_head():
    """ "ECOSOC"-like: the text never writes the council's name, so "the Council" is not it."""
    a = report("a", speakers=[org("The Council")])
    a = written(a, "The Council met. HLC and the Council agreed.", [("Harbour Lantern Council", "HLC", "HLC"), ("Council", None, "Council")])
    r = resolve([a])
    assert (speaker(r, "a", 0).organisation, speaker(r, "a", 0).method) == ("a/council", "unresolved")
    spelled = written(report("a", speakers=[org("The Council")]), "The Harbour Lantern Council (HLC) met.",
                      [("Harbour Lantern Council", "HLC", "Harbour Lantern Council")])
    assert speaker(resolve([spelled]), "a", 0).organisation == "harbour-lantern-council"


@pytest.mark.parametrize("name", ["Civil Society", "the Private Sector", "Technical Community", "Governments", "Academia"])
def test_resolve_stakeholder_group_is_no_organisation(name):
    r = resolve([report("a", org_mentions=[(name, None)], speakers=[org(name)], participants=[P("Priya Raman", orgs=(name,))])])
    assert r.organisations == () and r.affiliations == ()
    found = speaker(r, "a", 0)
    assert (found.person, found.organisation, found.method) == (None, None, "unresolved")


# --------------------------------------------------------------------------- spelling variants and qualifiers

# (case, names across reports, expected organisations {key: name})
VARIANT_CASES = [
    ("hyphen or space", ["Asia-Pacific Lantern Forum", "Asia Pacific Lantern Forum", "Asia-Pacific Lantern Forum"],
     {"asia-pacific-lantern-forum": "Asia-Pacific Lantern Forum"}),
    ("apostrophe", ["Lanterners' Trust", "Lanterners Trust"], {"lanterners-trust": "Lanterners' Trust"}),
    ("periods of an acronym", ["UN Lantern Office", "U.N. Lantern Office", "UN Lantern Office"], {"un-lantern-office": "UN Lantern Office"}),
    ("ampersand", ["Harbour & Lantern Partners", "Harbour and Lantern Partners"],
     {"harbour-and-lantern-partners": "Harbour and Lantern Partners"}),
    ("leading qualifier, one longer name", ["Youth Lantern Programme", "IGF Youth Lantern Programme", "IGF Youth Lantern Programme"],
     {"igf-youth-lantern-programme": "IGF Youth Lantern Programme"}),
    ("leading qualifier of two words", ["Lantern Assembly", "United Nations Lantern Assembly"],
     {"united-nations-lantern-assembly": "United Nations Lantern Assembly"}),
    ("qualifiers one by one", ["Working Group on Lanterns", "MAG Working Group on Lanterns", "IGF MAG Working Group on Lanterns"],
     {"igf-mag-working-group-on-lanterns": "IGF MAG Working Group on Lanterns"}),
    ("two longer names: neither", ["Lantern Assembly", "UN Lantern Assembly", "IGF Lantern Assembly"],
     {"lantern-assembly": "Lantern Assembly", "un-lantern-assembly": "UN Lantern Assembly", "igf-lantern-assembly": "IGF Lantern Assembly"}),
    ("not a qualifier", ["Caribbean Lantern IGF", "Latin American and the Caribbean Lantern IGF"],
     {"caribbean-lantern-igf": "Caribbean Lantern IGF",
      "latin-american-and-the-caribbean-lantern-igf": "Latin American and the Caribbean Lantern IGF"}),
]


@pytest.mark.parametrize("spellings, expected", [c[1:] for c in VARIANT_CASES], ids=[c[0] for c in VARIANT_CASES])
def test_resolve_organisation_spelling_variants(spellings, expected):
    r = resolve([report(f"r{i}", org_mentions=[(n, None)]) for i, n in enumerate(spellings)])
    assert names(r) == expected
    if len(expected) == 1:
        # Every spelling is the name or an alternative label: the graph finds the organisation under each.
        (o,) = r.organisations
        assert {label(n) for n in spellings} <= {label(n) for n in (o.name, *o.alt_labels)}


def test_resolve_qualifier_variant_states_its_evidence():
    reports = [report("a", org_mentions=[("IGF Youth Lantern Programme", None)] * 3),
               report("b", org_mentions=[("Youth Lantern Programme", None)], speakers=[org("The Youth Lantern Programme")])]
    found = speaker(resolve(reports), "b", 0)
    assert (found.organisation, found.method, found.confidence) == ("igf-youth-lantern-programme", "variant", CONFIDENCE["variant"])
    assert "less the leading 'IGF'" in found.evidence and "(a)" in found.evidence


def test_resolve_generic_name_is_no_qualifier_variant():
    """ "Secretariat" of one report is not "IGF Secretariat" of another: generic names stay in their report."""
    r = resolve([report("a", org_mentions=[("IGF Secretariat", None)]), report("b", org_mentions=[("Secretariat", None)])])
    assert names(r) == {"b/secretariat": "Secretariat", "igf-secretariat": "IGF Secretariat"}


def test_resolve_organisation_keys_do_not_depend_on_report_order():
    reports = [
        report("a", org_mentions=[("Committee", None), ("Asia-Pacific Lantern Forum", None)], speakers=[org("The Council")]),
        report("b", org_mentions=[("Lantern Committee", None), ("Committee", None), ("Asia Pacific Lantern Forum", None)]),
        report("c", org_mentions=[("Youth Lantern Programme", None), ("IGF Youth Lantern Programme", None)]),
    ]
    first = resolve(reports)
    again = resolve(list(reversed(reports)))
    assert first.organisations == again.organisations and first.mentions == again.mentions


# --------------------------------------------------------------------------- in the graph


def test_graph_generic_organisation_name_is_its_reports_organisation(tmp_path):
    reports = [
        report("a", org_mentions=[("Committee", None)], participants=[P("Priya Raman", orgs=("Committee",))]),
        report("b", org_mentions=[("Lantern Committee", None), ("Committee", None)], speakers=[org("The Committee")]),
        report("c", speakers=[org("Civil Society")]),
    ]
    graphs = build_graph(reports, resolve(reports), write_scheme(tmp_path))
    store = ox.Store()
    store.load(graphs.nquads(), ox.RdfFormat.N_QUADS)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    rows = store.query(prologue + """
        SELECT ?g ?o WHERE { GRAPH ?g { ?m a kg:OrgMention ; schema:name "Committee" ; kg:organisation ?o } }""",
        use_default_graph_as_union=False)
    got = sorted((r["g"].value.rsplit("/", 1)[1], r["o"].value[len(uris.BASE) + 4:]) for r in rows)
    assert got == [("a", "a/committee"), ("b", "lantern-committee")]
    spoke = store.query(prologue + "SELECT ?o WHERE { ?i kg:speaker ?o }", use_default_graph_as_union=True)
    assert sorted(r["o"].value[len(uris.BASE):] for r in spoke) == ["group/c/civil-society", "org/lantern-committee"]
    orgs = store.query(prologue + "SELECT ?o WHERE { ?o a schema:Organization }", use_default_graph_as_union=True)
    assert sorted(r["o"].value[len(uris.BASE) + 4:] for r in orgs) == ["a/committee", "lantern-committee"]
    member = store.query(prologue + "SELECT ?o WHERE { ?p kg:affiliatedWith ?o }", use_default_graph_as_union=True)
    assert {r["o"].value[len(uris.BASE) + 4:] for r in member} == {"a/committee"}


def test_resolve_alias_file_says_what_a_generic_name_is_everywhere(tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[organisation]]\nname = "Lantern Secretariat"\naliases = ["Secretariat"]\n', encoding="utf-8")
    reports = [report("a", speakers=[org("The Secretariat")]), report("b", org_mentions=[("Secretariat", None)])]
    r = resolve(reports, aliases)
    found = speaker(r, "a", 0)
    assert (found.organisation, found.method) == ("lantern-secretariat", "user-alias")
    assert names(r) == {"lantern-secretariat": "Lantern Secretariat"}
