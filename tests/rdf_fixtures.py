"""Hand-made inputs for the graph, store, query and validation tests.

``corpus()`` builds two fictional reports of the "Lantern Working Group" as
``Annotations`` and a ``Resolution`` with real character offsets into their text;
``synthetic_corpus(n)`` makes ``n`` large random reports for the speed benchmark
(``python tests/rdf_fixtures.py 1000`` measures build + store write).
Everything here is invented: no line comes from the sample reports.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.model import (
    ActionItem,
    AgendaItem,
    Annotations,
    CandidateTopic,
    Conflict,
    FieldSpan,
    Intervention,
    Link,
    Meeting,
    Mention,
    MentionResolution,
    NextMeeting,
    Organisation,
    OrgMention,
    Participant,
    Person,
    Report,
    Resolution,
    Section,
    SourceDoc,
    TopicMention,
)
from kg.resolve import with_references

SCHEME_TTL = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix t: <https://w3id.org/igfkg/id/topic/> .
<https://w3id.org/igfkg/id/topic-scheme> a skos:ConceptScheme ;
    skos:prefLabel "Test topics"@en .
t:gdc a skos:Concept ; skos:prefLabel "Global Digital Compact"@en ;
    skos:altLabel "GDC"@en , "the Compact"@en ;
    skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .
t:wsis a skos:Concept ; skos:prefLabel "WSIS process"@en ;
    skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .
t:wsis-20 a skos:Concept ; skos:prefLabel "WSIS+20"@en ; skos:altLabel "WSIS +20"@en ;
    skos:broader t:wsis ; skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .
t:ai-governance a skos:Concept ; skos:prefLabel "AI governance"@en ;
    skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .
t:unused a skos:Concept ; skos:prefLabel "Never mentioned"@en ;
    skos:inScheme <https://w3id.org/igfkg/id/topic-scheme> .
"""


def write_scheme(folder: Path) -> Path:
    """Write the tiny test topic scheme into ``folder`` and return its path."""
    path = folder / "topics.ttl"
    path.write_text(SCHEME_TTL, encoding="utf-8")
    return path


@dataclass
class _Text:
    """Appends lines to a report text and remembers where each piece went."""

    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, line: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(line + "\n")
        self.size += len(line) + 1
        return start, start + len(line)

    def text(self) -> str:
        return "".join(self.parts)


def _sub(text: str, span: tuple[int, int], needle: str) -> tuple[int, int]:
    """The span of ``needle`` inside ``text[span]``."""
    i = text.index(needle, span[0], span[1])
    return i, i + len(needle)


def _source(doc_id: str, text: str) -> SourceDoc:
    return SourceDoc(
        path=f"/in/{doc_id}.txt", file_name=f"{doc_id}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
        fmt="txt", text=text, original=text,
    )


def _mr(doc, text, span, person=None, org=None, method="exact", conf=1.0, cands=(), evidence=""):
    return MentionResolution(doc, text, span[0], span[1], person, org, method, conf, tuple(cands), evidence)


def report_one() -> tuple[Annotations, list[MentionResolution], list[MentionResolution]]:
    """Report ``lantern-12``: every model field used once."""
    doc = "lantern-12"
    t = _Text()
    title = t.add("Lantern Working Group - Meeting 12")
    date_line = t.add("7 March 2024 at 14:00 UTC, online. Moderated by Ada Quist.")
    wrong_number = t.add("Meeting 13 (draft heading)")
    t.add("Agenda")
    a1 = t.add("1. Welcome")
    a2 = t.add("2. Compact update")
    a2a = t.add("a. Timeline")
    a3 = t.add("3. AoB")
    s1 = t.add("1. Welcome")
    i1 = t.add("Ada noted that the Global Digital Compact consultation opens next week.")
    s2 = t.add("2. Compact update")
    i2 = t.add("Bruno shared that WSIS +20 planning and the Compact now overlap.")
    i3 = t.add("Sam asked whether youth groups can comment.")
    i4 = t.add("The Harbour Institute said it would host a workshop.")
    i5 = t.add("Members noted the timeline.")
    alias = t.add("Ada Quist (AQ) will coordinate with the Lantern Council (LC).")
    cand = t.add("Tidal mapping came up twice; tidal mapping needs an owner.")
    t.add("Action items")
    act = t.add("Bruno to circulate the draft by 21 March 2024.")
    act2 = t.add("Ms. Quist and Dov to prepare the note.")
    nxt = t.add("Next meeting: 21 March 2024 at 14:00 UTC.")
    link = t.add("Notes: https://example.org/lantern/notes")
    t.add("Participants")
    p1 = t.add("Quist, Ada - Chair, Lantern Council")
    p2 = t.add("Bruno Fenwick - Harbour Institute")
    p3 = t.add("Cleo Marsh")
    p4 = t.add("Dov Ilić - Member")
    text = t.text()

    meeting = Meeting(
        title=text[title[0]:title[1]], series="Lantern Working Group", series_key="lantern-wg",
        series_short="LWG", number="12", date="2024-03-07", start_time="14:00", timezone="UTC",
        format="online", chair="Ada Quist",
        spans=(FieldSpan("date", *_sub(text, date_line, "7 March 2024")),
               FieldSpan("chair", *_sub(text, date_line, "Ada Quist"))),
        conflicts=(Conflict("number", "12", "13", _sub(text, title, "12"), _sub(text, wrong_number, "13"),
                            "the title line wins over a draft heading"),),
    )
    agenda = (
        AgendaItem("1", "Welcome", *a1),
        AgendaItem("2", "Compact update", *a2, sub_items=(AgendaItem("a", "Timeline", *a2a),)),
        AgendaItem("3", "AoB", *a3),
    )
    sections = (Section("Welcome", "1", s1[0], i1[1], agenda_index=0),
                Section("Compact update", "2", s2[0], i5[1], agenda_index=1))
    links = (Link("https://example.org/lantern/notes", *_sub(text, link, "https://example.org/lantern/notes")),)
    report = Report(
        source=replace(_source(doc, text), links=links), layout="summary", meeting=meeting,
        agenda=agenda, sections=sections,
        actions=(ActionItem(text[act[0]:act[1]], *act, owner="Bruno", due="2024-03-21", section_index=1),
                 ActionItem(text[act2[0]:act2[1]], *act2, owner="Ms. Quist and Dov", section_index=1)),
        participants=(
            Participant("Ada Quist", "Quist, Ada", *p1, group="Members", roles=("Chair",),
                        organisations=("Lantern Council",)),
            Participant("Bruno Fenwick", "Bruno Fenwick", *p2, group="Members", organisations=("Harbour Institute",)),
            Participant("Cleo Marsh", "Cleo Marsh", *p3, group="Observers"),
            Participant("Dov Ilić", "Dov Ilić", *p4, group="Members", roles=("Member",)),
        ),
        next_meeting=NextMeeting("2024-03-21", "14:00", "UTC", *nxt),
        links=links,
    )
    m1 = Mention("Ada", *_sub(text, i1, "Ada"), kind="person", name="Ada")
    m2 = Mention("Bruno", *_sub(text, i2, "Bruno"), kind="person", name="Bruno")
    m3 = Mention("Sam", *_sub(text, i3, "Sam"), kind="person", name="Sam")
    m4 = Mention("The Harbour Institute", *_sub(text, i4, "The Harbour Institute"), kind="organisation",
                 name="Harbour Institute")
    m5 = Mention("Members", *_sub(text, i5, "Members"), kind="group", name="Members")
    interventions = (
        Intervention(m1, text[i1[0]:i1[1]], *i1, verb="noted", section_index=0, agenda_index=0, topics=("gdc",)),
        Intervention(m2, text[i2[0]:i2[1]], *i2, verb="shared", section_index=1, agenda_index=1,
                     topics=("wsis-20", "gdc")),
        Intervention(m3, text[i3[0]:i3[1]], *i3, verb="asked", section_index=1, agenda_index=1,
                     topics=("gdc",), topics_inherited=True),
        Intervention(m4, text[i4[0]:i4[1]], *i4, verb="said", section_index=1, agenda_index=1),
        Intervention(m5, text[i5[0]:i5[1]], *i5, verb="noted", section_index=1, agenda_index=1),
    )
    ann = Annotations(
        report=report, interventions=interventions,
        topic_mentions=(TopicMention("gdc", "Global Digital Compact", *_sub(text, i1, "Global Digital Compact")),
                        TopicMention("wsis-20", "WSIS +20", *_sub(text, i2, "WSIS +20")),
                        TopicMention("gdc", "Compact", *_sub(text, a2, "Compact"))),
        org_mentions=(OrgMention("Harbour Institute", *_sub(text, i4, "Harbour Institute")),
                      OrgMention("Lantern Council", *_sub(text, alias, "Lantern Council"), acronym="LC")),
        aliases=(("Ada Quist", "AQ", *_sub(text, alias, "Ada Quist (AQ)")),),
        candidate_topics=(CandidateTopic("tidal mapping", 2, (_sub(text, cand, "Tidal mapping"),
                                                             _sub(text, cand, "tidal mapping"))),),
        meeting_topics=("gdc", "wsis-20", "ai-governance"),
        model="rule-based",
    )
    mentions = [
        _mr(doc, "Ada", (m1.start, m1.end), "ada-quist", method="participant-list", conf=0.95,
            evidence="'Ada' is the only participant named Ada"),
        _mr(doc, "Bruno", (m2.start, m2.end), "bruno-fenwick", method="participant-list", conf=0.95,
            evidence="'Bruno' is the only participant named Bruno"),
        _mr(doc, "Sam", (m3.start, m3.end), "unresolved/lantern-12/sam", method="ambiguous", conf=0.0,
            cands=("sam-okafor", "sam-reyes"), evidence="two people named Sam attend this series"),
        _mr(doc, "The Harbour Institute", (m4.start, m4.end), None, "harbour-institute", method="exact"),
        _mr(doc, "Members", (m5.start, m5.end), None, None, method="unresolved", conf=0.0,
            evidence="a group, not a person"),
        _mr(doc, "Ada Quist", meeting.span_of("chair") and (meeting.span_of("chair").start,
                                                           meeting.span_of("chair").end),
            "ada-quist", method="exact"),
    ]
    participants = [
        _mr(doc, "Quist, Ada", p1, "ada-quist", method="participant-list"),
        _mr(doc, "Bruno Fenwick", p2, "bruno-fenwick", method="participant-list"),
        _mr(doc, "Cleo Marsh", p3, "cleo-marsh", method="participant-list"),
        _mr(doc, "Dov Ilić", p4, "dov-ilic", method="participant-list"),
    ]
    return ann, mentions, participants


def report_two() -> tuple[Annotations, list[MentionResolution], list[MentionResolution]]:
    """Report ``lantern-13``: a plainer meeting of the same series, no time of day."""
    doc = "lantern-13"
    t = _Text()
    title = t.add("Lantern Working Group - Meeting 13")
    t.add("21 March 2024")
    i1 = t.add("Ada reported that WSIS+20 consultations had started.")
    i2 = t.add("Sam Okafor said that AI governance needs a youth seat.")
    i3 = t.add("Ada added that the Compact text is final.")
    t.add("Participants")
    p1 = t.add("Ada Quist")
    p2 = t.add("Sam Okafor")
    p3 = t.add("Sam Reyes")
    p4 = t.add("Eli Marsh")
    text = t.text()
    meeting = Meeting(title=text[title[0]:title[1]], series="Lantern Working Group", series_key="lantern-wg",
                      number="13", date="2024-03-21")
    report = Report(
        source=_source(doc, text), layout="summary", meeting=meeting,
        participants=(Participant("Ada Quist", "Ada Quist", *p1), Participant("Sam Okafor", "Sam Okafor", *p2),
                      Participant("Sam Reyes", "Sam Reyes", *p3), Participant("Eli Marsh", "Eli Marsh", *p4)),
    )
    ma = Mention("Ada", *_sub(text, i1, "Ada"), kind="person", name="Ada")
    ms = Mention("Sam Okafor", *_sub(text, i2, "Sam Okafor"), kind="person", name="Sam Okafor")
    mb = Mention("Ada", *_sub(text, i3, "Ada"), kind="person", name="Ada")
    ann = Annotations(
        report=report,
        interventions=(
            Intervention(ma, text[i1[0]:i1[1]], *i1, verb="reported", topics=("wsis-20",)),
            Intervention(ms, text[i2[0]:i2[1]], *i2, verb="said", topics=("ai-governance",)),
            Intervention(mb, text[i3[0]:i3[1]], *i3, verb="added", topics=("gdc",)),
        ),
        topic_mentions=(TopicMention("wsis-20", "WSIS+20", *_sub(text, i1, "WSIS+20")),),
        meeting_topics=("wsis-20", "ai-governance", "gdc"),
    )
    mentions = [
        _mr(doc, "Ada", (ma.start, ma.end), "ada-quist", method="participant-list", conf=0.95,
            evidence="'Ada' is the only participant named Ada"),
        _mr(doc, "Sam Okafor", (ms.start, ms.end), "sam-okafor", method="exact"),
        _mr(doc, "Ada", (mb.start, mb.end), "ada-quist", method="participant-list", conf=0.95,
            evidence="'Ada' is the only participant named Ada"),
    ]
    participants = [
        _mr(doc, "Ada Quist", p1, "ada-quist", method="participant-list"),
        _mr(doc, "Sam Okafor", p2, "sam-okafor", method="participant-list"),
        _mr(doc, "Sam Reyes", p3, "sam-reyes", method="participant-list"),
        _mr(doc, "Eli Marsh", p4, "eli-marsh", method="participant-list"),
    ]
    return ann, mentions, participants


PEOPLE = (
    Person("ada-quist", "Ada Quist", variants=("Ada", "Quist, Ada")),
    Person("bruno-fenwick", "Bruno Fenwick", variants=("Bruno",)),
    Person("cleo-marsh", "Cleo Marsh"),
    Person("dov-ilic", "Dov Ilić"),
    Person("sam-okafor", "Sam Okafor"),
    Person("sam-reyes", "Sam Reyes"),
    Person("eli-marsh", "Eli Marsh"),
    Person("unresolved/lantern-12/sam", "Sam", resolved=False),
)
ORGS = (
    Organisation("harbour-institute", "Harbour Institute", ("HI",)),
    Organisation("lantern-council", "Lantern Council", ("LC",)),
)


def corpus() -> tuple[list[Annotations], Resolution]:
    """The two fictional reports and their resolution."""
    built = [report_one(), report_two()]
    resolution = Resolution(
        people=PEOPLE, organisations=ORGS,
        mentions=tuple(m for _, ms, _ in built for m in ms),
        participants=tuple(p for _, _, ps in built for p in ps),
        affiliations=(("bruno-fenwick", "harbour-institute", "lantern-12"),),
    )
    anns = [ann for ann, _, _ in built]
    return anns, with_references(anns, resolution)


# --------------------------------------------------------------------------- synthetic corpus

_VERBS = ("noted", "shared", "said", "asked", "suggested", "reported")


def synthetic_corpus(
    n_reports: int, interventions: int = 100, participants: int = 30, seed: int = 1
) -> tuple[list[Annotations], Resolution]:
    """``n_reports`` random reports drawn from a roster of people, for the speed benchmark."""
    rng = random.Random(seed)
    topics = ("gdc", "wsis", "wsis-20", "ai-governance")
    roster = [Person(f"person-{i}", f"Person {i} Surname{i % 97}", variants=(f"Person {i}",)) for i in range(3000)]
    orgs = [Organisation(f"org-{i}", f"Organisation {i}", (f"O{i}",)) for i in range(300)]
    anns, mentions, parts, affiliations = [], [], [], []
    for r in range(n_reports):
        doc = f"syn-{r:05d}"
        t = _Text()
        t.add(f"Synthetic Working Group - Meeting {r}")
        agenda = tuple(AgendaItem(str(k), f"Item {k}", *t.add(f"{k}. Item {k}")) for k in range(1, 9))
        people = rng.sample(roster, participants)
        plist = []
        for p in people:
            span = t.add(f"{p.name} - Organisation {rng.randrange(300)}")
            org = f"Organisation {rng.randrange(300)}"
            plist.append(Participant(p.name, p.name, *span, group="Members", roles=("Member",), organisations=(org,)))
            parts.append(_mr(doc, p.name, span, p.key, method="participant-list"))
        ivs, tms = [], []
        for k in range(interventions):
            p = rng.choice(people)
            first = p.name.split()[0] + " " + p.name.split()[1]
            ts = tuple(rng.sample(topics, rng.choice((0, 1, 1, 2))))
            span = t.add(f"{first} {rng.choice(_VERBS)} that point {k} of report {r} matters for the plan.")
            m = Mention(first, span[0], span[0] + len(first), kind="person", name=first)
            ivs.append(Intervention(m, t.parts[-1][:-1], *span, verb="noted", agenda_index=k % 8, topics=ts))
            mentions.append(_mr(doc, first, (m.start, m.end), p.key, method="participant-list", conf=0.9,
                                evidence=f"'{first}' is listed"))
            if ts:
                tms.append(TopicMention(ts[0], "x", span[0], span[0] + 1))
        affiliations.append((people[0].key, orgs[r % 300].key, doc))
        text = t.text()
        report = Report(
            source=_source(doc, text), layout="summary",
            meeting=Meeting(title=f"Synthetic Working Group - Meeting {r}", series="Synthetic Working Group",
                            series_key="syn-wg", number=str(r), date=f"{2000 + r // 300}-{1 + r % 12:02d}-{1 + r % 28:02d}",
                            start_time="10:00", timezone="UTC"),
            agenda=agenda, participants=tuple(plist),
        )
        anns.append(Annotations(report=report, interventions=tuple(ivs), topic_mentions=tuple(tms),
                                meeting_topics=topics[:2]))
    resolution = Resolution(people=tuple(roster), organisations=tuple(orgs), mentions=tuple(mentions),
                            participants=tuple(parts), affiliations=tuple(affiliations))
    return anns, with_references(anns, resolution)


def _bench(n_reports: int) -> None:
    import resource
    import tempfile

    from kg.rdf.graph import build_graph
    from kg.rdf.store import write_store

    def clocks() -> tuple[float, float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return time.perf_counter(), usage.ru_utime + usage.ru_stime

    anns, resolution = synthetic_corpus(n_reports)
    with tempfile.TemporaryDirectory() as tmp:
        scheme = write_scheme(Path(tmp))
        w0, c0 = clocks()
        graphs = build_graph(anns, resolution, scheme)
        w1, c1 = clocks()
        stats = write_store(Path(tmp) / "out", graphs)
        w2, c2 = clocks()
        print(f"{n_reports} reports, {graphs.quad_count:,} quads: build {w1 - w0:.2f} s (CPU {c1 - c0:.2f} s), "
              f"write {w2 - w1:.2f} s (CPU {c2 - c1:.2f} s, {stats.mode}), total {w2 - w0:.2f} s")


if __name__ == "__main__":
    _bench(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
