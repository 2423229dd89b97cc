"""Hand-made stores in the graph contract, for the viz tests and the viz benchmark.

``write_store(out, spec)`` writes ``OUT/store`` (a pyoxigraph store) from a plain
spec: one named graph per report, people/organisations/topics in the corpus graph,
and ``kg:spokeAt``/``kg:spokeOn``/``kg:discussedAt`` derived from the interventions
the way a build derives them.  ``FIXTURE`` is a small fictional corpus (including a
participant whose name is an XSS payload); ``synthetic_spec`` makes large random ones.
Everything here is invented: no line comes from the sample reports.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pyoxigraph as ox

from kg.rdf import stats
from kg.rdf.vocab import KG as KG_TERMS

SDO = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/igfkg/id/"

XSS_NAME = "<img src=x onerror=alert(1)>"

# Reports are named r1..r4; each describes one meeting.  People keyed "unresolved/<doc>/<slug>"
# are unresolved mentions (IRI person/unresolved/<doc>/<slug>).  A speaker key "org:<key>" is an
# organisation speaking, "group:<doc>/<slug>" a collective speaker (kg:Group).
FIXTURE: dict = {
    "series": {
        "wg-outreach": "Working Group on Outreach",
        "plenary": "Lantern Council Plenary",
    },
    "meetings": [
        {"doc": "r1", "series": "wg-outreach", "date": "2023-03-02", "number": "1",
         "title": "Outreach WG call 1"},
        {"doc": "r2", "series": "wg-outreach", "date": "2023-09-14", "number": "2",
         "title": "Outreach WG call 2"},
        {"doc": "r3", "series": "plenary", "date": "2024-01-18", "number": "VIII",
         "title": "Plenary meeting VIII"},
        {"doc": "r4", "series": "wg-outreach", "date": "2024-06-05T14:00:00Z", "number": "3",
         "title": "Outreach WG call 3"},
    ],
    "people": {
        "alice-moreau": "Alice Moreau",
        "bram-okonkwo": "Bram Okonkwo",
        "chen-liwei": "Chen Liwei",
        "dana-eiriksdottir": "Dána Eiríksdóttir",
        "emil-varga": "Emil Varga",
        "xss": XSS_NAME,
        "unresolved/r2/sam": "Sam",
    },
    "orgs": {
        "open-cable-society": ("Open Cable Society", ["OCS"]),
        "ministry-of-lanterns": ("Ministry of Lanterns", []),
        "northwind-university": ("Northwind University", ["NWU"]),
    },
    "topics": {
        "gdc": ("Global Digital Compact", ["GDC"]),
        "wsis-20": ("WSIS+20", ["WSIS +20", "WSIS 20"]),
        "ai-governance": ("AI governance", ["artificial intelligence governance"]),
        "youth": ("Youth engagement", ["youth track"]),
        "trust": ("Safety & <Trust>", []),
    },
    "groups": {"r3/council-members": "Council members"},
    # (doc, person[, participant-list heading])
    "attended": [
        ("r1", "alice-moreau"), ("r1", "bram-okonkwo"), ("r1", "chen-liwei", "Observers"), ("r1", "xss"),
        ("r2", "alice-moreau"), ("r2", "dana-eiriksdottir"), ("r2", "emil-varga"),
        ("r3", "alice-moreau"), ("r3", "bram-okonkwo"), ("r3", "chen-liwei"),
        ("r3", "dana-eiriksdottir"), ("r3", "emil-varga"), ("r3", "xss"),
        ("r4", "bram-okonkwo"), ("r4", "chen-liwei", "Observers"), ("r4", "dana-eiriksdottir"),
    ],
    # (doc, person): listed under "Apologies"
    "absent": [("r2", "bram-okonkwo")],
    "affiliations": [
        ("r1", "alice-moreau", "open-cable-society"),
        ("r1", "bram-okonkwo", "ministry-of-lanterns"),
        ("r2", "dana-eiriksdottir", "northwind-university"),
        ("r3", "emil-varga", "open-cable-society"),
        ("r3", "xss", "northwind-university"),
    ],
    # (doc, speaker, name as written, topics, text)
    "interventions": [
        ("r1", "alice-moreau", "Alice", ["gdc"],
         "Alice opened the call by asking how the compact consultation would reach small islands."),
        ("r1", "bram-okonkwo", "Bram", ["gdc", "youth"],
         "Bram said the ministry would fund two youth fellows to follow the compact talks."),
        ("r1", "chen-liwei", "Chen", ["wsis-20"],
         "Chen warned that the review timeline left little room for regional input."),
        ("r1", "xss", XSS_NAME, ["trust"],
         "The delegate pasted <script>alert(2)</script> into the chat & asked for a safer form."),
        ("r2", "alice-moreau", "Alice", ["gdc"],
         "Alice reported that the compact text now mentioned open cables twice."),
        ("r2", "dana-eiriksdottir", "Dána", ["ai-governance"],
         "Dána presented a short survey on how universities teach AI oversight."),
        ("r2", "unresolved/r2/sam", "Sam", ["youth"],
         "Sam offered to draft the youth track outline before the next call."),
        ("r2", "org:ministry-of-lanterns", "The Ministry", ["gdc"],
         "The Ministry circulated a note on how the compact work would be funded."),
        ("r3", "alice-moreau", "Ms. Moreau", ["gdc", "wsis-20"],
         "Ms. Moreau linked the compact follow-up to the wider review process."),
        ("r3", "bram-okonkwo", "Bram Okonkwo", ["wsis-20"],
         "Bram Okonkwo asked the plenary to keep the review open to remote speakers."),
        ("r3", "emil-varga", "Emil", ["ai-governance", "gdc"],
         "Emil noted that the compact chapter on AI still lacked a funding line."),
        ("r3", "xss", XSS_NAME, ["gdc"],
         "The delegate supported the compact but asked for plain-language summaries."),
        ("r3", "group:r3/council-members", "Council members", ["youth"],
         "Council members agreed to revisit the youth track in spring."),
        ("r4", "chen-liwei", "Chen", ["gdc"],
         "Chen summarised where the compact commitments stood one year on."),
        ("r4", "dana-eiriksdottir", "Dána", ["ai-governance", "youth"],
         "Dána proposed a student panel on AI oversight for the annual forum."),
        ("r4", "bram-okonkwo", "Bram", [],
         "Bram thanked everyone and closed the call."),
    ],
    # Topics on a meeting's agenda with nobody recorded speaking on them.
    "agenda_topics": [("r4", "wsis-20")],
}


def _iri(path: str) -> ox.NamedNode:
    return ox.NamedNode(ID + path)


def _term(ns, local: str) -> ox.NamedNode:
    # kg: terms go through the generated vocabulary, so a misspelt or dropped term raises.
    if ns is KG_TERMS:
        return ox.NamedNode(str(getattr(KG_TERMS, local)))
    return ox.NamedNode(ns + local)


def _lit(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _date(value: str) -> ox.Literal:
    dtype = "dateTime" if "T" in value else "date"
    return ox.Literal(value, datatype=ox.NamedNode(XSD + dtype))


def _person_iri(key: str) -> ox.NamedNode:
    if key.startswith("org:"):
        return _iri(f"org/{key[4:]}")
    if key.startswith("group:"):
        return _iri(f"group/{key[6:]}")
    return _iri(f"person/{key}")


def _meeting_iri(meeting: dict) -> ox.NamedNode:
    return _iri(f"meeting/{meeting['series']}/{meeting['date'][:10]}")


def spec_quads(spec: dict) -> list[ox.Quad]:
    """Every quad of the store ``spec`` describes."""
    corpus = _iri("graph/corpus")
    quads: list[ox.Quad] = []

    def add(s, p, o, g):
        quads.append(ox.Quad(s, p, o, g))

    for key, name in spec["series"].items():
        add(_iri(f"series/{key}"), RDF_TYPE, _term(KG_TERMS, "MeetingSeries"), corpus)
        add(_iri(f"series/{key}"), _term(SDO, "name"), _lit(name), corpus)
    scheme = _iri("topic-scheme")
    add(scheme, RDF_TYPE, _term(SKOS, "ConceptScheme"), corpus)
    for key, (label, alts) in spec["topics"].items():
        t = _iri(f"topic/{key}")
        add(t, RDF_TYPE, _term(SKOS, "Concept"), corpus)
        add(t, _term(SKOS, "prefLabel"), _lit(label, "en"), corpus)
        for alt in alts:
            add(t, _term(SKOS, "altLabel"), _lit(alt, "en"), corpus)
        add(t, _term(SKOS, "inScheme"), scheme, corpus)
    for key, name in spec["people"].items():
        add(_person_iri(key), RDF_TYPE, _term(SDO, "Person"), corpus)
        add(_person_iri(key), _term(SDO, "name"), _lit(name), corpus)
    for key, name in spec.get("groups", {}).items():
        add(_iri(f"group/{key}"), RDF_TYPE, _term(KG_TERMS, "Group"), corpus)
        add(_iri(f"group/{key}"), _term(SDO, "name"), _lit(name), corpus)
    for key, (name, alts) in spec["orgs"].items():
        o = _iri(f"org/{key}")
        add(o, RDF_TYPE, _term(SDO, "Organization"), corpus)
        add(o, _term(SDO, "name"), _lit(name), corpus)
        for alt in alts:
            add(o, _term(SKOS, "altLabel"), _lit(alt), corpus)

    meetings = {m["doc"]: m for m in spec["meetings"]}
    for doc, m in meetings.items():
        g, r, mi = _iri(f"graph/{doc}"), _iri(f"report/{doc}"), _meeting_iri(m)
        add(r, RDF_TYPE, _term(KG_TERMS, "Report"), g)
        add(r, _term(KG_TERMS, "fileName"), _lit(f"{doc}.txt"), g)
        add(r, _term(KG_TERMS, "sha256"), _lit(hashlib.sha256(doc.encode()).hexdigest()), g)
        add(r, _term(KG_TERMS, "describes"), mi, g)
        add(mi, RDF_TYPE, _term(KG_TERMS, "Meeting"), g)
        add(mi, _term(SDO, "name"), _lit(m["title"]), g)
        add(mi, _term(SDO, "startDate"), _date(m["date"]), g)
        add(mi, _term(KG_TERMS, "series"), _iri(f"series/{m['series']}"), g)
        add(mi, _term(KG_TERMS, "meetingNumber"), _lit(m["number"]), g)
    for n, (doc, person, *heading) in enumerate(spec["attended"], 1):
        g, m = _iri(f"graph/{doc}"), _meeting_iri(meetings[doc])
        add(_person_iri(person), _term(KG_TERMS, "attended"), m, g)
        entry = _iri(f"attendance/{doc}/{n}")
        add(entry, RDF_TYPE, _term(KG_TERMS, "Attendance"), g)
        add(entry, _term(KG_TERMS, "attendee"), _person_iri(person), g)
        add(entry, _term(KG_TERMS, "meeting"), m, g)
        if heading:
            add(entry, _term(KG_TERMS, "listGroup"), _lit(heading[0]), g)
    for n, (doc, person) in enumerate(spec.get("absent", ()), 1):
        g, m = _iri(f"graph/{doc}"), _meeting_iri(meetings[doc])
        add(_person_iri(person), _term(KG_TERMS, "absentFrom"), m, g)
        entry = _iri(f"apology/{doc}/{n}")
        add(entry, RDF_TYPE, _term(KG_TERMS, "Apology"), g)
        add(entry, _term(KG_TERMS, "absentee"), _person_iri(person), g)
        add(entry, _term(KG_TERMS, "meeting"), m, g)
        add(entry, _term(KG_TERMS, "listGroup"), _lit("Apologies"), g)
    for doc, person, org in spec["affiliations"]:
        add(_person_iri(person), _term(KG_TERMS, "affiliatedWith"), _iri(f"org/{org}"),
            _iri(f"graph/{doc}"))
    counters: dict[str, int] = {}
    offset: dict[str, int] = {}
    for doc, person, written, topics, text in spec["interventions"]:
        g, m = _iri(f"graph/{doc}"), _meeting_iri(meetings[doc])
        n = counters[doc] = counters.get(doc, 0) + 1
        start = offset.get(doc, 100)
        offset[doc] = start + len(text) + 1
        i, p = _iri(f"intervention/{doc}/{n}"), _person_iri(person)
        add(i, RDF_TYPE, _term(KG_TERMS, "Intervention"), g)
        add(i, _term(KG_TERMS, "speaker"), p, g)
        add(i, _term(KG_TERMS, "meeting"), m, g)
        add(i, _term(KG_TERMS, "attributionText"), _lit(written), g)
        add(i, _term(KG_TERMS, "text"), _lit(text), g)
        add(i, _term(KG_TERMS, "charStart"), ox.Literal(str(start), datatype=ox.NamedNode(XSD + "integer")), g)
        add(i, _term(KG_TERMS, "charEnd"), ox.Literal(str(start + len(text)), datatype=ox.NamedNode(XSD + "integer")), g)
        add(i, _term(PROV, "wasDerivedFrom"), _iri(f"report/{doc}"), g)
        add(p, _term(KG_TERMS, "spokeAt"), m, g)
        for t in topics:
            add(i, _term(KG_TERMS, "topic"), _iri(f"topic/{t}"), g)
            add(p, _term(KG_TERMS, "spokeOn"), _iri(f"topic/{t}"), g)
            add(_iri(f"topic/{t}"), _term(KG_TERMS, "discussedAt"), m, g)
    for doc, t in spec.get("agenda_topics", ()):
        add(_iri(f"topic/{t}"), _term(KG_TERMS, "discussedAt"), _meeting_iri(meetings[doc]),
            _iri(f"graph/{doc}"))
    return quads


def write_store(out: Path, spec: dict = FIXTURE) -> Path:
    """Write ``OUT/store`` from ``spec`` and return OUT; the writer is released on return."""
    out.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(out / "store"))
    store.bulk_extend(spec_quads(spec))
    stats.write(store)  # as every kg build does: the query kit reads them
    store.flush()
    del store
    return out


def synthetic_spec(nodes: int, seed: int = 7) -> dict:
    """A random corpus of about ``nodes`` graph nodes (meetings, people, orgs, topics)."""
    rng = random.Random(seed)
    n_meetings = max(4, nodes // 25)
    n_topics = max(5, nodes // 40)
    n_orgs = max(3, nodes // 12)
    n_people = max(5, nodes - n_meetings - n_topics - n_orgs)
    series = {f"s{i}": f"Synthetic series {i}" for i in range(max(1, n_meetings // 40))}
    meetings = []
    for i in range(n_meetings):
        year, day = 2015 + i * 10 // n_meetings, rng.randrange(1, 365)
        month, dom = 1 + (day - 1) // 31 % 12, 1 + (day - 1) % 28
        meetings.append({"doc": f"m{i}", "series": f"s{i % len(series)}",
                         "date": f"{year}-{month:02d}-{dom:02d}T{i % 24:02d}:00:00Z",
                         "number": str(i + 1), "title": f"Meeting {i + 1}"})
    # Unique dates per series so meeting IRIs never collide.
    seen: set[tuple[str, str]] = set()
    for m in meetings:
        while (m["series"], m["date"][:10]) in seen:
            m["date"] = f"{int(m['date'][:4]) + 1}{m['date'][4:]}"
        seen.add((m["series"], m["date"][:10]))
    people = {f"p{i}": f"Person {i}" for i in range(n_people)}
    orgs = {f"o{i}": (f"Organisation {i}", [f"O{i}"]) for i in range(n_orgs)}
    topics = {f"t{i}": (f"Topic {i}", [f"T{i}"]) for i in range(n_topics)}
    # Skewed activity: a few people attend often, most rarely (as in real rosters).
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_people)]
    keys = list(people)
    attended, interventions, affiliations = [], [], []
    for p in keys:
        affiliations.append((meetings[rng.randrange(n_meetings)]["doc"], p, f"o{rng.randrange(n_orgs)}"))
    covered = set()
    for m in meetings:
        present = set(rng.choices(keys, weights=weights, k=8))
        attended.extend((m["doc"], p) for p in sorted(present))
        covered |= present
        for j, p in enumerate(sorted(present)[:6]):
            ts = [f"t{rng.randrange(n_topics)}" for _ in range(rng.randrange(0, 3))]
            interventions.append((m["doc"], p, p, ts, f"Synthetic sentence {j} at {m['title']}."))
    # Every person attends at least once, so the node count is what was asked for.
    for i, p in enumerate(k for k in keys if k not in covered):
        attended.append((meetings[i % n_meetings]["doc"], p))
    return {"series": series, "meetings": meetings, "people": people, "orgs": orgs,
            "topics": topics, "attended": attended, "affiliations": affiliations,
            "interventions": interventions}
