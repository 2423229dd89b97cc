"""Frozen dataclasses that cross stage boundaries.

The pipeline is ``SourceDoc -> Report -> Annotations -> Resolution -> graphs``.
Every value that comes from a document carries ``start``/``end`` character
offsets into ``SourceDoc.text`` (the *normalised* text); ``SourceDoc.to_original``
maps such an offset back to the decoded original.  Offsets are half-open:
``text[start:end]``.

These types are plain data: no stage-specific objects (spaCy ``Doc``s, rdflib
graphs) ever appear in them, so each stage can be tested, cached and written
as JSON on its own (see :func:`to_jsonable`).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class SourceDoc:
    """One input document, decoded and normalised.

    Attributes:
        path: the path as given to ``load_source`` (string form).
        file_name: the file's base name (``kg:fileName``).
        sha256: hex digest of the file's raw bytes (``kg:sha256``).
        fmt: the input format: ``"txt" | "md" | "pdf" | "docx" | "html"``.
        text: the normalised text every later offset points into.
        original: the decoded text before normalisation (for PDF/DOCX/HTML: the
            text as extracted from the container).
        offset_map: sorted ``(normalised_offset, original_offset)`` anchor
            pairs; between anchors, offsets advance one-for-one.  Use
            :meth:`to_original` rather than reading it directly.
        encoding: the encoding the bytes were decoded with (``"utf-8"``,
            ``"utf-8-sig"``, ``"utf-16"``, ``"cp1252"``, or the container's).
        links: URLs found in the document, as ``Link`` values in ``text``.
    """

    path: str
    file_name: str
    sha256: str
    fmt: str
    text: str
    original: str
    offset_map: tuple[tuple[int, int], ...] = ((0, 0),)
    encoding: str = "utf-8"
    links: tuple["Link", ...] = ()
    doc_key: str | None = None
    """Set by the build when two different files share a stem, to keep ids unique."""

    @property
    def doc_id(self) -> str:
        """A stable identifier for the report: the file's stem (or ``doc_key``)."""
        if self.doc_key:
            return self.doc_key
        return self.file_name.rsplit(".", 1)[0]

    def to_original(self, offset: int) -> int:
        """Map an offset in ``text`` to the matching offset in ``original``."""
        keys = [a for a, _ in self.offset_map]
        i = bisect_right(keys, offset) - 1
        if i < 0:
            return offset
        norm, orig = self.offset_map[i]
        return min(orig + (offset - norm), len(self.original))


@dataclass(frozen=True)
class Link:
    """A URL (or a link's text with its target) found in the text."""

    url: str
    start: int
    end: int
    label: str | None = None


# --------------------------------------------------------------------------- parse


@dataclass(frozen=True)
class FieldSpan:
    """Where a meeting field's value was read from."""

    field: str
    start: int
    end: int


@dataclass(frozen=True)
class Conflict:
    """Two places in a report disagree about a field; ``chosen`` won."""

    field: str
    chosen: str
    rejected: str
    chosen_span: tuple[int, int]
    rejected_span: tuple[int, int]
    reason: str


@dataclass(frozen=True)
class Meeting:
    """The meeting a report describes.

    ``series_key`` is the canonical slug of the series (``"wg-strategy"``,
    ``"igf-mag"``) used to mint IRIs; ``series`` its full name as best known;
    ``series_short`` an acronym or short form if the text gives one.
    ``date`` is ISO ``YYYY-MM-DD``; ``start_time`` ``HH:MM`` (24 h) in
    ``timezone`` (``"UTC"``); ``number`` as written in canonical form
    (``"79"``, ``"VIII"``) - never converted between arabic and roman.
    ``chair`` is the moderator/chair name as written in the report.
    """

    title: str
    series: str | None = None
    series_key: str | None = None
    series_short: str | None = None
    number: str | None = None
    date: str | None = None
    start_time: str | None = None
    timezone: str | None = None
    format: Literal["online", "in person", "hybrid"] | None = None
    chair: str | None = None
    spans: tuple[FieldSpan, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def span_of(self, name: str) -> FieldSpan | None:
        """The span a field was read from, if recorded."""
        return next((s for s in self.spans if s.field == name), None)


@dataclass(frozen=True)
class AgendaItem:
    """One agenda line; sub-items (``a.``, ``b.``) nest under their parent."""

    number: str | None
    title: str
    start: int
    end: int
    sub_items: tuple["AgendaItem", ...] = ()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or bullet) of a section, with its sentences in order."""

    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...] = ()
    is_bullet: bool = False


@dataclass(frozen=True)
class Section:
    """A discussion section.

    ``agenda_index`` is the index into ``Report.agenda`` of the item this
    section discusses (matched by title similarity, not only by number), or
    ``None`` when no item fits.
    """

    title: str
    number: str | None
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...] = ()
    agenda_index: int | None = None


@dataclass(frozen=True)
class ActionItem:
    """An action item. ``due`` is ISO ``YYYY-MM-DD`` when the text states it."""

    text: str
    start: int
    end: int
    owner: str | None = None
    due: str | None = None
    section_index: int | None = None


@dataclass(frozen=True)
class Participant:
    """One entry of a participant list.

    ``name`` is in natural order ("First Last"), diacritics kept;
    ``name_as_written`` is the entry's name exactly as in the text
    ("Novak, Tomas"; "Raman<TAB>Priya").
    """

    name: str
    name_as_written: str
    start: int
    end: int
    group: str | None = None
    roles: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """A caption-transcript speaker turn (``>> NAME: text``).

    ``label`` is the speaker label as written; ``is_role`` is true for role
    labels such as ``CHAIR`` or ``MODERATOR``.  ``text_start`` is where the
    spoken text begins (after the label).
    """

    label: str
    text: str
    start: int
    end: int
    label_start: int
    label_end: int
    text_start: int
    is_role: bool = False


@dataclass(frozen=True)
class MailInfo:
    """Headers of a mailing-list message carrying minutes."""

    author: str | None
    author_email: str | None
    date: str | None
    subject: str | None
    start: int
    end: int
    quoted_spans: tuple[tuple[int, int], ...] = ()
    signature_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class NextMeeting:
    date: str | None
    start_time: str | None
    timezone: str | None
    start: int
    end: int


BlockKind = Literal[
    "header",
    "boilerplate",
    "agenda",
    "section",
    "actions",
    "participants",
    "transcript",
    "mail_headers",
    "quoted",
    "signature",
    "links",
    "blank",
]


@dataclass(frozen=True)
class Block:
    """A contiguous region of the normalised text and what it is.

    The blocks of a report tile the text: sorted, non-overlapping, and
    together covering every character (``"blank"`` for whitespace runs).
    """

    kind: str
    start: int
    end: int


Layout = Literal["summary", "actions", "transcript", "mail", "unknown"]


@dataclass(frozen=True)
class Report:
    """Everything ``parse_report`` reads from one document."""

    source: SourceDoc
    layout: str
    meeting: Meeting
    agenda: tuple[AgendaItem, ...] = ()
    sections: tuple[Section, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    participants: tuple[Participant, ...] = ()
    turns: tuple[Turn, ...] = ()
    mail: MailInfo | None = None
    next_meeting: NextMeeting | None = None
    links: tuple[Link, ...] = ()
    blocks: tuple[Block, ...] = ()
    #: People an apologies or absent list names ("Apologies: ..."): listed, but not present.
    absent: tuple[Participant, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text


# --------------------------------------------------------------------------- nlp

MentionKind = Literal["person", "role", "organisation", "pronoun", "group"]


@dataclass(frozen=True)
class Mention:
    """A reference to an agent in the text, as written.

    ``kind``: ``"person"`` (a name such as "Priya" or "Ms. Van der Berg"),
    ``"role"`` ("The co-chair", ``>> CHAIR:``), ``"organisation"`` ("The IGF
    Secretariat"), ``"pronoun"`` ("He") or ``"group"`` ("MAG members").
    ``name`` is the cleaned form (honorifics stripped); for pronouns and roles
    ``antecedent`` holds what the NLP stage resolved them to inside the report
    (a person name as written, or ``None``).
    """

    text: str
    start: int
    end: int
    kind: str
    name: str
    antecedent: str | None = None
    gender: Literal["m", "f"] | None = None


@dataclass(frozen=True)
class TopicMention:
    """A topic found in the text: ``topic`` is the SKOS concept's key."""

    topic: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class OrgMention:
    """An organisation named in the text or in a participant descriptor."""

    name: str
    start: int
    end: int
    acronym: str | None = None


@dataclass(frozen=True)
class Intervention:
    """Who said what: one speaker's contribution, as one or more sentences.

    ``speaker`` is the attributed agent as written.  ``topics`` are SKOS
    concept keys found in the text, or inherited from the agenda item when
    the text names none (``topics_inherited`` is then true).
    ``verb`` is the reporting verb ("noted", "shared", ``">>"`` for a turn).
    """

    speaker: Mention
    text: str
    start: int
    end: int
    verb: str
    section_index: int | None = None
    agenda_index: int | None = None
    topics: tuple[str, ...] = ()
    topics_inherited: bool = False


@dataclass(frozen=True)
class CandidateTopic:
    """A recurring noun phrase or acronym not in the topic scheme."""

    label: str
    count: int
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Annotations:
    """What the NLP stage found in one report."""

    report: Report
    interventions: tuple[Intervention, ...] = ()
    topic_mentions: tuple[TopicMention, ...] = ()
    org_mentions: tuple[OrgMention, ...] = ()
    aliases: tuple[tuple[str, str, int, int], ...] = ()
    """``(full name, alias, start, end)`` pairs stated in the text:
    "Margarethe Olsen (Grete)", "Office of the Tech Envoy (OSET)"."""
    candidate_topics: tuple[CandidateTopic, ...] = ()
    meeting_topics: tuple[str, ...] = ()
    """Topic keys the meeting discussed (agenda and interventions)."""
    model: str = "rule-based"
    """The spaCy model used, or ``"rule-based"``."""
    mentions: tuple[Mention, ...] = ()
    """Every reference to an agent found in the text, speaking or not
    (speakers, a person named inside someone else's speech, a titled name)."""


# --------------------------------------------------------------------------- resolve

Method = Literal[
    "exact",
    "participant-list",
    "text-alias",
    "chair-line",
    "role",
    "corpus-roster",
    "name-order",
    "fuzzy",
    "variant",
    "user-alias",
    "unresolved",
    "ambiguous",
]


@dataclass(frozen=True)
class Person:
    """A person the corpus knows: ``key`` is the canonical slug for the IRI."""

    key: str
    name: str
    resolved: bool = True
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class MentionResolution:
    """How one mention (in one report) was resolved.

    ``person`` is the key of the resolved ``Person`` (for unresolved or
    ambiguous mentions, the key of a per-report placeholder person that keeps
    the name as written). ``candidates`` lists the keys of every person that
    fitted when the answer was not unique.  ``evidence`` is a human-readable
    sentence ("'Priya' is the only first name 'Priya' in the participant list
    of 000_b415...").
    """

    doc_id: str
    text: str
    start: int
    end: int
    person: str | None
    organisation: str | None
    method: str
    confidence: float
    candidates: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class Reference:
    """A name a report writes outside speech: an action's owner, the chair line, an apologies entry.

    ``field`` is ``"owner"``, ``"chair"`` or ``"absentee"``; ``start``/``end`` are those of the
    action item, of the chair's span in the header (0, 0 when the header records none) or of the
    apologies entry.  ``people`` are the person keys it names, each unambiguously (an owner text
    may name several: "Ana and Kwame"); empty when no one, or more than one person, fits.
    """

    doc_id: str
    field: str
    start: int
    end: int
    text: str
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The corpus-level outcome of identity resolution.

    ``mentions`` holds one entry per speaker mention per report, keyed so a
    graph builder finds it by ``(doc_id, start, end)``; ``participants`` does
    the same for participant-list entries (``(doc_id, start, end)`` of the
    ``Participant``).
    """

    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    mentions: tuple[MentionResolution, ...] = ()
    participants: tuple[MentionResolution, ...] = ()
    affiliations: tuple[tuple[str, str, str], ...] = ()
    """``(person key, organisation key, doc_id)`` where the doc states it."""
    references: tuple[Reference, ...] = ()
    """Who each action owner, chair line and apologies entry names (see ``Reference``)."""

    @cached_property
    def _people_by_key(self) -> dict[str, Person]:
        return {p.key: p for p in self.people}

    @cached_property
    def _mentions_by_span(self) -> dict[tuple[str, int, int], MentionResolution]:
        return {(m.doc_id, m.start, m.end): m for m in self.mentions}

    @cached_property
    def _participants_by_span(self) -> dict[tuple[str, int, int], MentionResolution]:
        return {(m.doc_id, m.start, m.end): m for m in self.participants}

    def person(self, key: str) -> Person | None:
        return self._people_by_key.get(key)

    def for_mention(self, doc_id: str, start: int, end: int) -> MentionResolution | None:
        return self._mentions_by_span.get((doc_id, start, end))

    def for_participant(self, doc_id: str, start: int, end: int) -> MentionResolution | None:
        return self._participants_by_span.get((doc_id, start, end))

    @cached_property
    def _references_by_span(self) -> dict[tuple[str, str, int, int], Reference]:
        return {(r.doc_id, r.field, r.start, r.end): r for r in self.references}

    def reference(self, doc_id: str, field: str, start: int, end: int) -> Reference | None:
        return self._references_by_span.get((doc_id, field, start, end))


# --------------------------------------------------------------------------- helpers


def to_jsonable(value: Any) -> Any:
    """Turn a model value (dataclass, tuple, ...) into JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


