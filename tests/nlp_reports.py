"""Build small ``Report`` values by hand for the NLP tests (fictional people and meetings).

The parser is not needed: text is laid out section by section, and every
section, paragraph, sentence, agenda item, participant and turn gets exact
offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.model import AgendaItem, Meeting, Paragraph, Participant, Report, Section, Sentence, SourceDoc, Turn

# Test sentences end with ". " before a capital, never after a title.
_SENTENCE_END = re.compile(r"(?<!\bMs\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bH\.E\.)(?<=[.!?])\s+(?=[A-Z\"(])")


@dataclass
class _Builder:
    text: str = ""

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)


def _sentences(text: str, offset: int) -> tuple[Sentence, ...]:
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append(Sentence(text[start:m.start()], offset + start, offset + m.start()))
        start = m.end()
    out.append(Sentence(text[start:], offset + start, offset + len(text)))
    return tuple(s for s in out if s.text)


@dataclass
class ReportSpec:
    """What a hand-made report contains; ``sections`` are ``(title, [paragraph, ...])``."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    participants: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    """``(name, roles, organisations)``; a name may carry a nickname: "Jane Doe (Janey)"."""
    chair: str | None = None
    turns: list[tuple[str, str]] = field(default_factory=list)
    """``(label, spoken text)``; labels in ``ROLE_LABELS`` are roles."""
    title: str = "Working Group on Example Matters"
    series: str | None = None


ROLE_LABELS = {"CHAIR", "MODERATOR", "CO-CHAIR"}


def make_report(spec: ReportSpec | None = None, **kwargs) -> Report:
    """A ``Report`` whose text and offsets follow ``spec`` (or the keyword arguments)."""
    spec = spec or ReportSpec(**kwargs)
    b = _Builder()
    b.add(spec.title + "\n\n")
    agenda: list[AgendaItem] = []
    if spec.agenda:
        b.add("Agenda\n")
        for n, title in enumerate(spec.agenda, 1):
            number = f"{n}. "
            start, _ = b.add(number)
            t0, t1 = b.add(title)
            b.add("\n")
            agenda.append(AgendaItem(str(n), title, start, t1))
        b.add("\n")
    sections: list[Section] = []
    for si, (title, paragraphs) in enumerate(spec.sections):
        s_start, _ = b.add(title + "\n\n")
        paras = []
        for text in paragraphs:
            p0, p1 = b.add(text)
            b.add("\n\n")
            paras.append(Paragraph(text, p0, p1, _sentences(text, p0)))
        agenda_index = si if si < len(agenda) else None
        sections.append(Section(title, str(si + 1), s_start, len(b.text), tuple(paras), agenda_index))
    turns: list[Turn] = []
    for label, spoken in spec.turns:
        start, _ = b.add(">> ")
        l0, l1 = b.add(label)
        b.add(": ")
        t0, t1 = b.add(spoken)
        b.add("\n")
        turns.append(Turn(label, spoken, start, t1, l0, l1, t0, is_role=label in ROLE_LABELS))
    participants: list[Participant] = []
    if spec.participants:
        b.add("List of participants\n")
        for name, roles, orgs in spec.participants:
            line = ", ".join([name, *roles, *orgs])
            p0, p1 = b.add(line)
            b.add("\n")
            plain = re.sub(r"\s*\([^)]*\)", "", name)
            participants.append(Participant(plain, name, p0, p1, None, tuple(roles), tuple(orgs)))
    source = SourceDoc(path="example.txt", file_name="example.txt", sha256="0" * 64, fmt="txt", text=b.text, original=b.text)
    meeting = Meeting(title=spec.title, series=spec.series, chair=spec.chair)
    layout = "transcript" if turns else "summary"
    return Report(source, layout, meeting, tuple(agenda), tuple(sections), (), tuple(participants), tuple(turns))


@cache
def pipeline(model: str):
    """Load a kg pipeline once per test session."""
    from kg.nlp import load_pipeline

    return load_pipeline(model)


def models() -> list[str]:
    """``"none"`` (rule-based), plus ``"auto"`` when the statistical model is installed."""
    import spacy

    from kg.nlp import MODEL_PACKAGE

    return ["none", "auto"] if spacy.util.is_package(MODEL_PACKAGE) else ["none"]
