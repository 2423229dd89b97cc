"""Build the RDF graphs: one named graph per report plus the corpus graph.

``build_graph`` turns the NLP stage's ``Annotations`` and the corpus-level
``Resolution`` into N-Quads, written directly as text: a build of a thousand
reports makes millions of statements, and formatting N-Quads lines is an order of
magnitude faster than creating rdflib or pyoxigraph term objects for each one.
The vocabulary terms still come from the generated, closed ``KG`` namespace and
rdflib's standard namespaces, so a misspelt term fails at import time.

Every extracted fact carries its provenance: records (interventions, agenda and
action items, attendance entries, memberships, mentions) hold ``kg:charStart`` /
``kg:charEnd`` into the report's normalised text and ``prov:wasDerivedFrom`` the
report, and they live in the report's named graph.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SDO, SKOS

from kg.errors import GraphError
from kg.model import (
    Annotations,
    Intervention,
    Meeting,
    Mention,
    MentionResolution,
    Person,
    Report,
    Resolution,
)
from kg.rdf import uris
from kg.rdf.paths import ontology_file
from kg.rdf.vocab import KG

# --------------------------------------------------------------------------- N-Quads terms


def _iri(value: str) -> str:
    return f"<{value}>"


K = SimpleNamespace(**{name: _iri(str(KG[name])) for name in KG.__annotations__})
"""Every ``kg:`` term in N-Quads form: ``K.speaker == "<https://w3id.org/igfkg/ontology#speaker>"``."""

A = _iri(str(RDF.type))
# The escapes Oxigraph writes, so that text from the store and from the builder compare equal.
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)
_XSD_INTEGER = _iri(str(XSD.integer))
_XSD_DECIMAL = _iri(str(XSD.decimal))
_XSD_DATE = _iri(str(XSD.date))
_XSD_DATETIME = _iri(str(XSD.dateTime))
_XSD_ANYURI = _iri(str(XSD.anyURI))
_TRUE = f'"true"^^{_iri(str(XSD.boolean))}'
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_UTC = {"utc", "gmt", "z", "utc+0", "utc+00:00"}
_MODES = {
    "online": SDO.OnlineEventAttendanceMode,
    "in person": SDO.OfflineEventAttendanceMode,
    "hybrid": SDO.MixedEventAttendanceMode,
}


def _lit(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"'


def _int(value: int) -> str:
    return f'"{int(value)}"^^{_XSD_INTEGER}'


def _date(value: str) -> str:
    return f'"{value}"^^{_XSD_DATE}'


def _when(date: str | None, time: str | None, timezone: str | None) -> str | None:
    """``xsd:dateTime`` in UTC when a time and its zone's offset are known, else ``xsd:date``, else ``None``."""
    if not date or not _ISO_DATE.fullmatch(date):
        return None
    if time and _HH_MM.fullmatch(time):
        offset = _utc_offset(timezone)
        if offset is not None:
            local = datetime.fromisoformat(f"{date}T{time}:00")
            utc = local - offset
            return f'"{utc.strftime("%Y-%m-%dT%H:%M:%S")}Z"^^{_XSD_DATETIME}'
    return _date(date)


def _utc_offset(timezone: str | None) -> timedelta | None:
    """The offset of a zone label as read ("UTC", "CET", "UTC+1", "GMT-05:00"); None when unknown or ambiguous."""
    zone = (timezone or "").strip().upper().replace(" ", "")
    if zone.lower() in _UTC:
        return timedelta(0)
    m = re.fullmatch(r"([A-Z]+)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", zone)
    if not m:
        return None
    if m.group(2):
        if m.group(1) not in ("UTC", "GMT"):
            return None
        delta = timedelta(hours=int(m.group(3)), minutes=int(m.group(4) or 0))
        return delta if m.group(2) == "+" else -delta
    named = _zone_offsets().get(m.group(1))
    if named is None:
        return None
    sign, hours, minutes = named[0], int(named[1:3]), int(named[4:6])
    delta = timedelta(hours=hours, minutes=minutes)
    return delta if sign == "+" else -delta


def _stated_locally(when: str, timezone: str | None) -> bool:
    """Whether a start time is also kept as written: it is not in UTC, or it could not be converted."""
    return "dateTime" not in when or _utc_offset(timezone) != timedelta(0)


@lru_cache(maxsize=1)
def _zone_offsets() -> dict[str, str]:
    from kg.parse import vocab

    return dict(vocab.load("dates")["utc_offsets"])


def _rdflib_term(term) -> str:
    """An rdflib ``URIRef``/``Literal`` in N-Quads form (``n3()`` may emit Turtle-only forms)."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if term.language:
        return f"{_lit(str(term))}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{_lit(str(term))}^^{_iri(str(term.datatype))}"
    return _lit(str(term))


def _encode(text: str) -> bytes:
    # A lone surrogate (broken input decoding) must not make the store reject the graph.
    return text.encode("utf-8", "replace")


class P:
    """Standard-vocabulary terms in N-Quads form."""

    name = _iri(str(SDO.name))
    start_date = _iri(str(SDO.startDate))
    position = _iri(str(SDO.position))
    mode = _iri(str(SDO.eventAttendanceMode))
    url = _iri(str(SDO.url))
    person = _iri(str(SDO.Person))
    organization = _iri(str(SDO.Organization))
    label = _iri(str(RDFS.label))
    pref_label = _iri(str(SKOS.prefLabel))
    alt_label = _iri(str(SKOS.altLabel))
    part_of = _iri(str(DCTERMS.isPartOf))
    derived_from = _iri(str(PROV.wasDerivedFrom))
    membership = _iri(str(ORG.Membership))
    member = _iri(str(ORG.member))
    org = _iri(str(ORG.organization))
    role = _iri(str(ORG.role))
    role_class = _iri(str(ORG.Role))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class NamedGraph:
    """One named graph as sorted, de-duplicated N-Quads.

    ``nquads`` ends with the graph's own ``<g> kg:contentHash "..."`` statement;
    ``content_hash`` is the SHA-256 of the lines before it, so equal hashes mean
    equal graphs.  ``doc_id`` is ``None`` for the corpus graph.
    """

    iri: str
    doc_id: str | None
    nquads: bytes
    content_hash: str
    quad_count: int

    def quads(self) -> list:
        """The graph's quads as ``pyoxigraph.Quad`` values."""
        import pyoxigraph

        return list(pyoxigraph.parse(self.nquads, pyoxigraph.RdfFormat.N_QUADS))

    def to_rdflib(self) -> Graph:
        """The graph's triples as an rdflib ``Graph`` named by the graph IRI (for tests and small graphs)."""
        return nquads_to_rdflib(self.nquads, self.iri)


@dataclass(frozen=True)
class CorpusGraphs:
    """What ``build_graph`` returns: report graphs and the corpus graph, by graph IRI.

    ``graphs`` maps every graph IRI (reports sorted by IRI, then the corpus graph)
    to its ``NamedGraph``; ``content_hashes`` maps graph IRI to content hash.
    """

    graphs: Mapping[str, NamedGraph]
    corpus_iri: str = uris.CORPUS_GRAPH

    @property
    def corpus(self) -> NamedGraph:
        return self.graphs[self.corpus_iri]

    @property
    def reports(self) -> list[NamedGraph]:
        return [g for iri, g in self.graphs.items() if iri != self.corpus_iri]

    @property
    def content_hashes(self) -> dict[str, str]:
        return {iri: g.content_hash for iri, g in self.graphs.items()}

    @property
    def quad_count(self) -> int:
        return sum(g.quad_count for g in self.graphs.values())

    def nquads(self) -> bytes:
        """Every graph's N-Quads, concatenated."""
        return b"".join(g.nquads for g in self.graphs.values())

    def to_dataset(self):
        """All graphs as an rdflib ``Dataset`` (for tests and small corpora)."""
        from rdflib import Dataset

        dataset = Dataset()
        for iri, ng in self.graphs.items():
            dataset.add_graph(nquads_to_rdflib(ng.nquads, iri))
        return dataset


def nquads_to_rdflib(data: bytes, iri: str) -> Graph:
    """The triples of graph ``iri`` in N-Quads ``data`` as an rdflib ``Graph``.

    pyoxigraph parses (fast, and without rdflib's N-Quads deprecation noise);
    rdflib reads the triples back as N-Triples.
    """
    import pyoxigraph

    name = pyoxigraph.NamedNode(iri)
    triples = (
        pyoxigraph.Triple(q.subject, q.predicate, q.object)
        for q in pyoxigraph.parse(data, pyoxigraph.RdfFormat.N_QUADS)
        if q.graph_name == name
    )
    graph = Graph(identifier=URIRef(iri))
    graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    return graph


class _Writer:
    """Collects the triples of one named graph and seals them into a ``NamedGraph``."""

    __slots__ = ("iri", "triples")

    def __init__(self, iri: str):
        self.iri = iri
        self.triples: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append(f"{s} {p} {o}")

    def text(self, s: str, p: str, value: str | None) -> None:
        if value:
            self.triples.append(f"{s} {p} {_lit(value)}")

    def span(self, s: str, start: int, end: int, report: str) -> None:
        self.triples.append(f"{s} {K.charStart} {_int(start)}")
        self.triples.append(f"{s} {K.charEnd} {_int(end)}")
        self.triples.append(f"{s} {P.derived_from} {report}")

    def seal(self, doc_id: str | None) -> NamedGraph:
        g = _iri(self.iri)
        lines = sorted({f"{t} {g} .\n" for t in self.triples})
        body = _encode("".join(lines))
        digest = hashlib.sha256(body).hexdigest()
        stamp = _encode(f"{g} {K.contentHash} {_lit(digest)} {g} .\n")
        return NamedGraph(self.iri, doc_id, body + stamp, digest, len(lines) + 1)


# --------------------------------------------------------------------------- topic scheme


@dataclass(frozen=True)
class _Scheme:
    """The SKOS topic scheme: concept IRIs by key, and each concept's statements."""

    iri: str | None
    concepts: Mapping[str, str]
    statements: Mapping[str, tuple[tuple[str, str], ...]]
    broader: Mapping[str, tuple[str, ...]]
    scheme_statements: tuple[tuple[str, str], ...]


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


@lru_cache(maxsize=8)
def _load_scheme(files: tuple[tuple[Path, float], ...]) -> _Scheme:
    graph = Graph()
    for path, _mtime in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several parser error types
            raise GraphError(f"cannot read the topic scheme: {err}", path=str(path)) from err
    concepts: dict[str, str] = {}
    statements: dict[str, tuple[tuple[str, str], ...]] = {}
    broader: dict[str, tuple[str, ...]] = {}
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept)):
        if not isinstance(concept, URIRef):
            continue
        iri = str(concept)
        concepts[_local_name(iri)] = iri
        statements[iri] = tuple(
            sorted(
                (_iri(str(p)), _rdflib_term(o))
                for p, o in graph.predicate_objects(concept)
                # Links to other concepts are copied only when both ends are in the graph.
                if not isinstance(o, BNode) and p not in (SKOS.broader, SKOS.narrower, SKOS.related)
            )
        )
        broader[iri] = tuple(sorted(str(b) for b in graph.objects(concept, SKOS.broader)))
    schemes = sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
    scheme_iri = str(schemes[0]) if schemes else None
    scheme_statements: tuple[tuple[str, str], ...] = ()
    if scheme_iri:
        scheme_statements = tuple(
            sorted(
                (_iri(str(p)), _rdflib_term(o))
                for p, o in graph.predicate_objects(URIRef(scheme_iri))
                if isinstance(o, Literal) or p == RDF.type
            )
        )
    return _Scheme(scheme_iri, concepts, statements, broader, scheme_statements)


def load_scheme(path: Path | None = None, topic_files: Sequence[Path] = ()) -> _Scheme:
    """Read the topic scheme (default ``ontologies/topics.ttl``) extended by ``topic_files``.

    The result is cached until one of the files changes.

    Raises:
        GraphError: when a file is missing or is not valid Turtle.
    """
    paths = [Path(path) if path else ontology_file("topics.ttl"), *map(Path, topic_files)]
    for p in paths:
        if not p.is_file():
            raise GraphError("topic scheme file not found", path=str(p), hint="check the --topics path")
    return _load_scheme(tuple((p.resolve(), p.stat().st_mtime) for p in paths))


# --------------------------------------------------------------------------- agents


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class _Agent:
    """An agent's IRI and, when no other graph describes it, the class and name to state."""

    iri: str
    cls: str | None = None
    name: str | None = None


@dataclass
class _Placeholder:
    """A per-report person that keeps a name as written (unresolved or ambiguous)."""

    name: str
    candidates: set[str] = field(default_factory=set)


@dataclass
class _Context:
    """Corpus-wide lookups and what the report graphs need the corpus graph to hold."""

    resolution: Resolution
    scheme: _Scheme
    orgs_by_name: dict[str, str]
    org_keys: set[str]
    affiliations: dict[str, list[tuple[str, str]]]
    placeholders: dict[str, _Placeholder] = field(default_factory=dict)
    topics_used: set[str] = field(default_factory=set)
    # What a name means in one report when the resolver says so ("the Committee" there):
    # (doc id, name) -> organisation key.
    orgs_in_report: dict[tuple[str, str], str] = field(default_factory=dict)
    # Statements about entities many reports share (series, roles, organisations the
    # resolver does not know): stated once, in the corpus graph, not once per report.
    shared: set[str] = field(default_factory=set)

    def share(self, s: str, p: str, o: str | None) -> None:
        if o:
            self.shared.add(f"{s} {p} {o}")

    def topic(self, key: str, doc_id: str) -> str:
        iri = self.scheme.concepts.get(key)
        if iri is None:
            raise GraphError(
                f"report {doc_id} uses topic {key!r}, which the topic scheme does not define",
                hint="build with the same topic scheme the reports were annotated with",
            )
        self.topics_used.add(iri)
        return _iri(iri)

    def organisation(self, name: str, doc_id: str | None = None) -> tuple[str, bool]:
        """The IRI of the organisation called ``name`` (in report ``doc_id``) and whether the corpus knows it."""
        key = self.orgs_in_report.get((doc_id, _norm(name))) or self.orgs_by_name.get(_norm(name))
        if key is not None:
            return _iri(uris.organisation(key)), True
        return _iri(uris.organisation(uris.slugify(name))), False

    def placeholder(self, doc_id: str, name: str, candidates: Iterable[str] = (), key: str | None = None) -> str:
        key = key if key and key.startswith(uris.UNRESOLVED + "/") else uris.unresolved_key(doc_id, name)
        entry = self.placeholders.setdefault(key, _Placeholder(name))
        entry.candidates.update(c for c in candidates if self.is_resolved(c))
        return _iri(uris.person(key))

    def is_resolved(self, key: str) -> bool:
        person = self.resolution.person(key)
        return person is not None and person.resolved

    def person_iri(self, key: str, doc_id: str, name: str, candidates: Iterable[str] = ()) -> str:
        person = self.resolution.person(key)
        if person is not None and person.resolved:
            return _iri(uris.person(key))
        return self.placeholder(doc_id, person.name if person else name, candidates, key)

    def agent(self, doc_id: str, mention: Mention | None, mr: MentionResolution | None, name: str) -> _Agent:
        """What a mention refers to: a person, placeholder person, organisation or group."""
        kind = mention.kind if mention else "person"
        # The resolver may correct an "organisation" that is in fact a known person.
        if mr is not None and mr.person and (kind != "organisation" or self.is_resolved(mr.person)):
            return _Agent(self.person_iri(mr.person, doc_id, name, mr.candidates))
        if kind == "organisation" or (mr is not None and mr.organisation):
            if mr is not None and mr.organisation:
                iri = _iri(uris.organisation(mr.organisation))
                return _Agent(iri) if mr.organisation in self.org_keys else _Agent(iri, P.organization, name)
            if mr is None or mr.method != "unresolved":
                iri, known = self.organisation(name, doc_id)
                return _Agent(iri) if known else _Agent(iri, P.organization, name)
            kind = "group"  # no person, no organisation: a stakeholder group ("Civil Society")
        if kind == "group":
            return _Agent(_iri(uris.group(doc_id, name)), K.Group, name)
        return _Agent(self.placeholder(doc_id, name, mr.candidates if mr else ()))


def _unattributable(mention: Mention, mr: MentionResolution | None) -> bool:
    """A pronoun nobody it could refer to precedes: like passive voice, not attributed."""
    return mention.kind == "pronoun" and (mr is None or not mr.person)


def _context(resolution: Resolution, scheme: _Scheme) -> _Context:
    orgs: dict[str, str] = {}
    for org in sorted(resolution.organisations, key=lambda o: o.key):
        if "/" in org.key:
            continue  # a report's own ("<doc_id>/committee"): found through that report only
        for name in (org.name, *org.alt_labels):
            orgs.setdefault(_norm(name), org.key)
    in_report = {(mr.doc_id, _norm(mr.text)): mr.organisation for mr in resolution.mentions if mr.organisation and not mr.person}
    affiliations: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person_key, org_key, doc_id in resolution.affiliations:
        affiliations[doc_id].append((person_key, org_key))
    return _Context(resolution, scheme, orgs, {o.key for o in resolution.organisations},
                    dict(affiliations), orgs_in_report=in_report)


# --------------------------------------------------------------------------- report graph


def _title_like(text: str | None) -> bool:
    """A heading rather than a sentence: a report with no header must not be named after its prose."""
    return bool(text) and len(text.split()) <= 14 and not text.rstrip().endswith((".", ";", ","))


def _meeting_name(meeting: Meeting, doc_id: str) -> str:
    """The meeting's display name: its title, or what is known when the title is prose."""
    if _title_like(meeting.title):
        return meeting.title
    _, series = _series(meeting, doc_id)
    return f"{series}, {meeting.date}" if meeting.date else series


def _series(meeting: Meeting, doc_id: str) -> tuple[str, str]:
    """The series key and display name, falling back to the title (or the report) when no series is known."""
    name = meeting.series or meeting.series_short or (meeting.title if _title_like(meeting.title) else None)
    if name is None:
        name = f"Meetings of report {doc_id}"
    key = meeting.series_key or uris.slugify(name)
    return key, name


def meeting_iri(report: Report) -> str:
    """The IRI of the meeting a report describes."""
    key, _ = _series(report.meeting, report.source.doc_id)
    m = report.meeting
    return uris.meeting(key, report.source.doc_id, m.date if m.date and _ISO_DATE.fullmatch(m.date) else None, m.number)


class _ReportBuilder:
    """Writes one report's named graph."""

    def __init__(self, ann: Annotations, ctx: _Context):
        self.ann = ann
        self.report = ann.report
        self.ctx = ctx
        self.doc_id = self.report.source.doc_id
        self.w = _Writer(uris.graph(self.doc_id))
        self.r = _iri(uris.report(self.doc_id))
        self.m = _iri(meeting_iri(self.report))
        self.series_key, self.series_name = _series(self.report.meeting, self.doc_id)
        self.agenda: list[str] = []
        self._prefixes: dict[str, str] = {}

    def rec(self, kind: str, local: str | int) -> str:
        # Locals are counters, "n.m" or "start-end": already IRI-safe, so only the prefix is quoted.
        prefix = self._prefixes.get(kind)
        if prefix is None:
            prefix = self._prefixes[kind] = "<" + uris.record(kind, self.doc_id, "")
        return f"{prefix}{local}>"

    def text_span(self, start: int, end: int, cls: str = K.TextSpan) -> str:
        node = self.rec("span", f"{start}-{end}")
        self.w.add(node, A, cls)
        self.w.text(node, K.text, self.report.text[start:end])
        self.w.span(node, start, end, self.r)
        return node

    def build(self) -> NamedGraph:
        self.source()
        self.meeting()
        self.agenda_items()
        self.sections()
        self.interventions()
        self.participants()
        self.absences()
        self.affiliations()
        self.actions()
        self.next_meeting()
        self.links()
        self.mail()
        self.mentions()
        return self.w.seal(self.doc_id)

    def source(self) -> None:
        w, r, src = self.w, self.r, self.report.source
        w.add(r, A, K.Report)
        w.text(r, K.fileName, src.file_name)
        w.text(r, K.sha256, src.sha256)
        w.add(r, K.describes, self.m)
        w.text(r, K.sourceFormat, src.fmt)
        w.text(r, K.encoding, src.encoding)
        w.text(r, K.layout, self.report.layout)
        w.text(r, K.nlpModel, self.ann.model)

    def meeting(self) -> None:
        w, m, meeting = self.w, self.m, self.report.meeting
        series = _iri(uris.series(self.series_key))
        w.add(m, A, K.Meeting)
        w.text(m, P.name, _meeting_name(meeting, self.doc_id))
        when = _when(meeting.date, meeting.start_time, meeting.timezone)
        if when:
            w.add(m, P.start_date, when)
        if meeting.start_time and when and _stated_locally(when, meeting.timezone):
            w.text(m, K.localStartTime, meeting.start_time)
            w.text(m, K.timezone, meeting.timezone)
        w.add(m, K.series, series)
        w.text(m, K.meetingNumber, meeting.number)
        if meeting.format in _MODES:
            w.add(m, P.mode, _iri(str(_MODES[meeting.format])))
        if meeting.chair:
            w.text(m, K.chairName, meeting.chair)
            chair = self.chair(meeting)
            if chair:
                w.add(m, K.chair, chair)
        self.ctx.share(series, A, K.MeetingSeries)
        self.ctx.share(series, P.name, _lit(self.series_name))
        if meeting.series_short and meeting.series_short != self.series_name:
            self.ctx.share(series, P.alt_label, _lit(meeting.series_short))
        for fs in meeting.spans:
            node = self.text_span(fs.start, fs.end, K.FieldSpan)
            w.text(node, K.field, fs.field)
            w.add(node, K.meeting, m)
        for n, conflict in enumerate(meeting.conflicts, 1):
            node = self.rec("conflict", n)
            w.add(node, A, K.FieldConflict)
            w.add(node, K.meeting, m)
            w.text(node, K.field, conflict.field)
            w.text(node, K.chosenValue, conflict.chosen)
            w.text(node, K.rejectedValue, conflict.rejected)
            w.text(node, K.reason, conflict.reason)
            w.add(node, K.chosenSpan, self.text_span(*conflict.chosen_span))
            w.add(node, K.rejectedSpan, self.text_span(*conflict.rejected_span))
            w.add(node, P.derived_from, self.r)

    def chair(self, meeting: Meeting) -> str | None:
        span = meeting.span_of("chair")
        if span is not None:
            mr = self.ctx.resolution.for_mention(self.doc_id, span.start, span.end)
            if mr is not None and mr.person and self.ctx.is_resolved(mr.person):
                return _iri(uris.person(mr.person))
        ref = self.ctx.resolution.reference(self.doc_id, "chair", span.start if span else 0, span.end if span else 0)
        return _iri(uris.person(ref.people[0])) if ref and ref.people else None

    def agenda_items(self) -> None:
        for n, item in enumerate(self.report.agenda, 1):
            node = self.agenda_item(item, str(n), n, self.m)
            self.agenda.append(node)
            for j, sub in enumerate(item.sub_items, 1):
                self.agenda_item(sub, f"{n}.{j}", j, node)

    def agenda_item(self, item, local: str, position: int, parent: str) -> str:
        w, node = self.w, self.rec("agenda", local)
        w.add(node, A, K.AgendaItem)
        w.text(node, P.name, item.title)
        w.text(node, K.itemNumber, item.number)
        w.add(node, P.position, _int(position))
        w.add(node, P.part_of, parent)
        w.add(node, K.meeting, self.m)
        w.span(node, item.start, item.end, self.r)
        return node

    def agenda_node(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.agenda):
            return None
        return self.agenda[index]

    def sections(self) -> None:
        w = self.w
        for n, section in enumerate(self.report.sections, 1):
            node = self.rec("section", n)
            w.add(node, A, K.Section)
            w.text(node, P.name, section.title)
            w.text(node, K.itemNumber, section.number)
            w.add(node, P.position, _int(n))
            w.add(node, P.part_of, self.r)
            w.span(node, section.start, section.end, self.r)
            item = self.agenda_node(section.agenda_index)
            if item:
                w.add(node, K.agendaItem, item)

    def section_node(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.report.sections):
            return None
        return self.rec("section", index + 1)

    def interventions(self) -> None:
        w, m, ctx, doc = self.w, self.m, self.ctx, self.doc_id
        topics_at_meeting = {ctx.topic(t, doc) for t in self.ann.meeting_topics}
        ordered = sorted(self.ann.interventions, key=_intervention_order)
        for n, iv in enumerate(ordered, 1):
            mention = iv.speaker
            mr = ctx.resolution.for_mention(doc, mention.start, mention.end)
            if _unattributable(mention, mr):
                continue
            node = self.rec("intervention", n)
            agent = ctx.agent(doc, mention, mr, mention.name or mention.text)
            speaker = agent.iri
            if agent.cls == K.Group:  # a group is the report's own: "the secretariat" of this meeting
                w.add(speaker, A, agent.cls)
                w.text(speaker, P.name, agent.name)
            elif agent.cls:
                ctx.share(speaker, A, agent.cls)
                ctx.share(speaker, P.name, _lit(agent.name))
            w.add(node, A, K.Intervention)
            w.add(node, K.speaker, speaker)
            w.add(node, K.meeting, m)
            w.text(node, K.attributionText, mention.text)
            w.text(node, K.text, iv.text)
            w.span(node, iv.start, iv.end, self.r)
            w.text(node, K.reportingVerb, iv.verb)
            item = self.agenda_node(iv.agenda_index)
            if item:
                w.add(node, K.agendaItem, item)
            section = self.section_node(iv.section_index)
            if section:
                w.add(node, K.section, section)
            if iv.topics_inherited and iv.topics:
                w.add(node, K.topicInherited, _TRUE)
            w.add(speaker, K.spokeAt, m)
            for key in iv.topics:
                t = ctx.topic(key, doc)
                w.add(node, K.topic, t)
                w.add(speaker, K.spokeOn, t)
                topics_at_meeting.add(t)
        for t in topics_at_meeting:
            w.add(t, K.discussedAt, m)

    def participants(self) -> None:
        w, m, ctx, doc = self.w, self.m, self.ctx, self.doc_id
        memberships = 0
        for n, p in enumerate(sorted(self.report.participants, key=lambda p: (p.start, p.end)), 1):
            mr = ctx.resolution.for_participant(doc, p.start, p.end)
            if mr is not None and mr.person:
                person = ctx.person_iri(mr.person, doc, p.name, mr.candidates)
            else:
                person = self.listed_person(p.name)  # no resolution recorded
            node = self.list_entry(p, n, person, "attendance", K.Attendance, K.attendee, K.attended)
            roles = [self.role(label) for label in p.roles if label.strip()]
            orgs = [self.organisation(name) for name in p.organisations if name.strip()]
            for org in orgs or ([None] if roles else []):
                memberships += 1
                ms = self.rec("membership", memberships)
                w.add(ms, A, P.membership)
                w.add(ms, P.member, person)
                if org:
                    w.add(ms, P.org, org)
                    w.add(person, K.affiliatedWith, org)
                for role in roles:
                    w.add(ms, P.role, role)
                w.add(ms, K.statedAt, m)
                w.add(ms, P.derived_from, node)

    def absences(self) -> None:
        """The apologies list: each person named there is ``kg:absentFrom`` the meeting, with a record."""
        for n, p in enumerate(sorted(self.report.absent, key=lambda p: (p.start, p.end)), 1):
            ref = self.ctx.resolution.reference(self.doc_id, "absentee", p.start, p.end)
            # Nobody resolved has this name (or several have): the list's name is the person's.
            person = _iri(uris.person(ref.people[0])) if ref and ref.people else self.listed_person(p.name)
            self.list_entry(p, n, person, "apology", K.Apology, K.absentee, K.absentFrom)

    def listed_person(self, name: str) -> str:
        """A person known only by a list's canonical name, stated here."""
        person = _iri(uris.person(uris.slugify(name)))
        self.w.add(person, A, P.person)
        self.w.text(person, P.name, name)
        return person

    def list_entry(self, p, n: int, person: str, kind: str, cls: str, about: str, link: str) -> str:
        """The record of one list entry (attendance or apology) and the person's link to the meeting."""
        w, node = self.w, self.rec(kind, n)
        w.add(node, A, cls)
        w.add(node, about, person)
        w.add(node, K.meeting, self.m)
        w.text(node, K.nameAsWritten, p.name_as_written)
        w.text(node, K.listGroup, p.group)
        w.span(node, p.start, p.end, self.r)
        w.add(person, link, self.m)
        return node

    def role(self, label: str) -> str:
        node = _iri(uris.role(label))
        self.ctx.share(node, A, P.role_class)
        self.ctx.share(node, P.pref_label, _lit(label))
        return node

    def organisation(self, name: str) -> str:
        node, known = self.ctx.organisation(name, self.doc_id)
        if not known:
            self.ctx.share(node, A, P.organization)
            self.ctx.share(node, P.name, _lit(name))
        return node

    def affiliations(self) -> None:
        for person_key, org_key in self.ctx.affiliations.get(self.doc_id, ()):
            person = self.ctx.person_iri(person_key, self.doc_id, person_key)
            self.w.add(person, K.affiliatedWith, _iri(uris.organisation(org_key)))

    def actions(self) -> None:
        w = self.w
        for n, item in enumerate(sorted(self.report.actions, key=lambda a: (a.start, a.end)), 1):
            node = self.rec("action", n)
            w.add(node, A, K.ActionItem)
            w.add(node, K.meeting, self.m)
            w.text(node, K.text, item.text)
            w.span(node, item.start, item.end, self.r)
            w.text(node, K.ownerText, item.owner)
            ref = self.ctx.resolution.reference(self.doc_id, "owner", item.start, item.end)
            for owner in ref.people if ref else ():
                w.add(node, K.owner, _iri(uris.person(owner)))
            if item.due and _ISO_DATE.fullmatch(item.due):
                w.add(node, K.due, _date(item.due))
            section = self.section_node(item.section_index)
            if section:
                w.add(node, K.section, section)

    def next_meeting(self) -> None:
        nxt = self.report.next_meeting
        if nxt is None:
            return
        node = self.text_span(nxt.start, nxt.end, K.NextMeetingNotice)
        when = _when(nxt.date, nxt.start_time, nxt.timezone)
        if when:
            following = _iri(uris.meeting(self.series_key, self.doc_id, nxt.date))
            self.w.add(self.m, K.nextMeeting, following)
            self.w.add(node, K.meeting, following)
            self.w.add(node, K.announcedDate, when)
            if nxt.start_time and _stated_locally(when, nxt.timezone):
                self.w.text(node, K.localStartTime, nxt.start_time)
                self.w.text(node, K.timezone, nxt.timezone)

    def links(self) -> None:
        w = self.w
        seen = sorted({(ln.start, ln.end, ln.url, ln.label or "") for ln in (*self.report.links, *self.report.source.links)})
        for n, (start, end, url, label) in enumerate(seen, 1):
            node = self.rec("link", n)
            w.add(node, A, K.Link)
            w.add(node, P.url, f"{_lit(url)}^^{_XSD_ANYURI}")
            w.text(node, P.label, label)
            w.span(node, start, end, self.r)

    def mail(self) -> None:
        mail = self.report.mail
        if mail is None:
            return
        w, node = self.w, self.rec("mail", "headers")
        w.add(node, A, K.MailHeaders)
        w.text(node, K.mailAuthor, mail.author)
        w.text(node, K.mailAuthorEmail, mail.author_email)
        w.text(node, K.mailDate, mail.date)
        w.text(node, K.mailSubject, mail.subject)
        w.span(node, mail.start, mail.end, self.r)
        for start, end in mail.quoted_spans:
            w.add(node, K.quotedSpan, self.text_span(start, end))
        if mail.signature_span:
            w.add(node, K.signatureSpan, self.text_span(*mail.signature_span))

    def mentions(self) -> None:
        w, ann, doc = self.w, self.ann, self.doc_id
        # A topic named inside an intervention tagged with it is evidenced by that intervention
        # (text and span); only the other mentions (agenda lines, untagged text) get records.
        spans = sorted((iv.start, iv.end, frozenset(iv.topics)) for iv in ann.interventions if iv.topics)
        starts = [sp[0] for sp in spans]

        def covered(tm) -> bool:
            i = bisect_right(starts, tm.start) - 1
            return any(
                spans[j][0] <= tm.start and tm.end <= spans[j][1] and tm.topic in spans[j][2]
                for j in range(max(i - 1, 0), i + 1)
            )

        mentions = sorted((t for t in ann.topic_mentions if not covered(t)), key=lambda t: (t.start, t.end, t.topic))
        for n, tm in enumerate(mentions, 1):
            node = self.rec("topic-mention", n)
            w.add(node, A, K.TopicMention)
            w.add(node, K.topic, self.ctx.topic(tm.topic, doc))
            w.text(node, K.text, tm.text)
            w.span(node, tm.start, tm.end, self.r)
        for n, om in enumerate(sorted(ann.org_mentions, key=lambda o: (o.start, o.end, o.name)), 1):
            node = self.rec("org-mention", n)
            w.add(node, A, K.OrgMention)
            w.text(node, P.name, om.name)
            w.text(node, K.acronym, om.acronym)
            w.add(node, K.organisation, self.organisation(om.name))
            w.span(node, om.start, om.end, self.r)
        for n, (full, alias, start, end) in enumerate(sorted(ann.aliases, key=lambda a: (a[2], a[3], a[0], a[1])), 1):
            node = self.rec("alias", n)
            w.add(node, A, K.AliasStatement)
            w.text(node, K.fullName, full)
            w.text(node, K.alias, alias)
            w.span(node, start, end, self.r)
        for n, cand in enumerate(sorted(ann.candidate_topics, key=lambda c: c.label), 1):
            node = self.rec("candidate-topic", n)
            w.add(node, A, K.CandidateTopic)
            w.text(node, P.label, cand.label)
            w.add(node, K.occurrences, _int(cand.count))
            w.add(node, P.derived_from, self.r)
            for start, end in cand.spans:
                w.add(node, K.evidence, self.text_span(start, end))


def _intervention_order(iv: Intervention) -> tuple[int, int, int, int]:
    return (iv.start, iv.end, iv.speaker.start, iv.speaker.end)


# --------------------------------------------------------------------------- corpus graph


def _confidence(value: float) -> str:
    """An ``xsd:decimal`` in Oxigraph's canonical form ("1", "0.95"), 4 decimals at most."""
    value = 0.0 if math.isnan(value) else min(max(value, 0.0), 1.0)
    lexical = f"{value:.4f}".rstrip("0").rstrip(".")
    return f'"{lexical}"^^{_XSD_DECIMAL}'


def _corpus_graph(annotations: Sequence[Annotations], ctx: _Context) -> NamedGraph:
    w = _Writer(uris.CORPUS_GRAPH)
    resolution = ctx.resolution
    built = {a.report.source.doc_id: a for a in annotations}
    for person in resolution.people:
        if person.resolved:
            _person(w, person)
    for org in resolution.organisations:
        node = _iri(uris.organisation(org.key))
        w.add(node, A, P.organization)
        w.text(node, P.name, org.name)
        for alt in org.alt_labels:
            if alt != org.name:
                w.text(node, P.alt_label, alt)
    _resolution_records(w, built, ctx)
    for key, ph in ctx.placeholders.items():
        node = _iri(uris.person(key))
        w.add(node, A, P.person)
        w.text(node, P.name, ph.name)
        w.add(node, K.unresolved, _TRUE)
        for cand in sorted(ph.candidates):
            w.add(node, K.candidate, _iri(uris.person(cand)))
    _topics(w, ctx)
    w.triples.extend(ctx.shared)
    return w.seal(None)


def _person(w: _Writer, person: Person) -> None:
    node = _iri(uris.person(person.key))
    w.add(node, A, P.person)
    w.text(node, P.name, person.name)
    for variant in person.variants:
        if variant != person.name:
            w.text(node, P.alt_label, variant)


def _resolution_records(w: _Writer, built: Mapping[str, Annotations], ctx: _Context) -> None:
    """One record per report, name as written and outcome: the evidence for every merge.

    A participant-list entry that already reads as the person's canonical name, with
    no other candidate, gets no record: its attendance record says everything.
    """
    speakers = {
        (doc, iv.speaker.start, iv.speaker.end): iv.speaker
        for doc, ann in built.items()
        for iv in ann.interventions
    }
    outcomes: set[tuple] = set()
    for kind_default, entries in (("person", ctx.resolution.mentions), ("participant", ctx.resolution.participants)):
        for mr in entries:
            if mr.doc_id not in built:
                continue
            if kind_default == "participant" and _self_evident(mr, ctx):
                continue
            mention = speakers.get((mr.doc_id, mr.start, mr.end)) if kind_default == "person" else None
            if mention is not None and _unattributable(mention, mr):
                continue
            kind = mention.kind if mention else ("organisation" if mr.organisation and not mr.person else kind_default)
            target = ctx.agent(mr.doc_id, mention, mr, mention.name if mention else mr.text).iri
            outcomes.add((mr.doc_id, kind, mr.text, (mention.antecedent if mention else None) or "", target,
                          mr.method, _confidence(mr.confidence), tuple(sorted(mr.candidates)), mr.evidence))
    taken: dict[tuple[str, str], int] = defaultdict(int)
    for doc, kind, text, antecedent, target, method, confidence, candidates, evidence in sorted(outcomes):
        local = f"{kind}/{uris.slugify(text)}"
        taken[(doc, local)] += 1
        if taken[(doc, local)] > 1:
            local = f"{local}-{taken[(doc, local)]}"
        node = _iri(uris.record("resolution", doc, local))
        w.add(node, A, K.IdentityResolution)
        w.text(node, K.mentionText, text)
        w.text(node, K.mentionKind, kind)
        w.text(node, K.antecedentText, antecedent)
        w.add(node, K.resolvedTo, target)
        w.text(node, K.method, method)
        w.add(node, K.confidence, confidence)
        w.text(node, K.evidenceText, evidence)
        for cand in candidates:
            w.add(node, K.candidate, _iri(uris.person(cand)))
        w.add(node, P.derived_from, _iri(uris.report(doc)))


def _self_evident(mr: MentionResolution, ctx: _Context) -> bool:
    person = ctx.resolution.person(mr.person) if mr.person else None
    return (
        person is not None and person.resolved and not mr.candidates and _norm(mr.text) == _norm(person.name)
    )


def _topics(w: _Writer, ctx: _Context) -> None:
    scheme = ctx.scheme
    wanted: set[str] = set()
    todo = list(ctx.topics_used)
    while todo:  # used concepts and their ancestors, so skos:broader never dangles
        iri = todo.pop()
        if iri not in wanted:
            wanted.add(iri)
            todo.extend(b for b in scheme.broader.get(iri, ()) if b in scheme.statements)
    if scheme.iri and wanted:
        node = _iri(scheme.iri)
        for p, o in scheme.scheme_statements:
            w.add(node, p, o)
    for iri in wanted:
        node = _iri(iri)
        for p, o in scheme.statements.get(iri, ()):
            w.add(node, p, o)
        for b in scheme.broader.get(iri, ()):
            if b in wanted:
                w.add(node, _iri(str(SKOS.broader)), _iri(b))


# --------------------------------------------------------------------------- entry point


def build_graph(
    annotations: Sequence[Annotations],
    resolution: Resolution,
    scheme: Path | None = None,
    *,
    topic_files: Sequence[Path] = (),
) -> CorpusGraphs:
    """Build one named graph per report and the corpus graph.

    Args:
        annotations: the NLP stage's output, one per report (any order).
        resolution: the corpus-level identity resolution for these reports.
        scheme: the SKOS topic scheme the reports were annotated with
            (default ``ontologies/topics.ttl``).
        topic_files: extra SKOS files extending the scheme (``kg build --topics``).

    Returns:
        ``CorpusGraphs`` with each graph as sorted N-Quads and its content hash.

    Raises:
        GraphError: when two annotations share a document id, a topic key is not in
            the scheme, or the scheme cannot be read.
    """
    ctx = _context(resolution, load_scheme(scheme, topic_files))
    seen: dict[str, Annotations] = {}
    for ann in annotations:
        doc_id = ann.report.source.doc_id
        if doc_id in seen:
            raise GraphError(
                f"two reports share the document id {doc_id!r}: {seen[doc_id].report.source.path} "
                f"and {ann.report.source.path}",
                hint="rename one of the files; graph IRIs are minted from the file's stem",
            )
        seen[doc_id] = ann
    graphs: dict[str, NamedGraph] = {}
    for doc_id in sorted(seen):
        ng = _ReportBuilder(seen[doc_id], ctx).build()
        graphs[ng.iri] = ng
    corpus = _corpus_graph([seen[d] for d in sorted(seen)], ctx)
    graphs[corpus.iri] = corpus
    return CorpusGraphs(graphs)

