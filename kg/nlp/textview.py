"""A normalised view of the parts of a report the NLP stage reads, with offsets.

The spaCy ``Doc`` of a report is made from this view, not from the raw text:
markdown markup (``**``, ``[label](url)``, bullet marks) is dropped, line breaks
and runs of whitespace become one space (so a name or a topic split across
lines is one phrase again), except that a run holding a tab, which parts table
cells, becomes " | " (no name runs from one cell into the next); and curly
quotes become straight ones.  Every view
character remembers its offset in ``Report.text``, so each finding maps back
to exact report offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from kg.model import Report

# Unit kinds, in the order they win when two of them cover the same text.
PRIORITY = ("paragraph", "turn", "action", "section_title", "agenda")

_DROP = re.compile(
    r"\[(?=[^\]\n]*\]\()"  # the "[" of a markdown link
    r"|\]\([^)\s]*\)"  # its "](target)"
    r"|\*\*|__"  # bold markers
    r"|^[ \t]*(?:#{1,6}|[-*•➔►▪◦→>]+)(?=[ \t])"  # a heading or bullet mark opening the unit
    r"|[\u200b\u200c\u200d\ufeff\u00ad]"  # invisible characters
    r"|(?<=\w-)[ \t]*\n\s*(?=\w)"  # a line break after a hyphen joins the word
)
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


@dataclass(frozen=True)
class Unit:
    """One piece of the report in the view: a paragraph, a title, an action, a turn.

    ``start``/``end`` are view offsets; ``index`` locates the piece in the
    ``Report`` (``(section, paragraph)`` for paragraphs, ``(item,)`` or
    ``(item, sub_item)`` for agenda lines, ``(n,)`` otherwise).
    ``sentences`` are view spans of the sentences the parser found.
    ``detached`` units were not found in the report text: their findings
    have no offsets.
    """

    kind: str
    index: tuple[int, ...]
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...] = ()
    detached: bool = False


@dataclass(frozen=True)
class TextView:
    """The view text, each character's report offset, and the units."""

    text: str
    offsets: tuple[int, ...]
    units: tuple[Unit, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(u.start for u in self.units))

    def report_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the report span from its first to its last character."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def unit_at(self, offset: int) -> Unit | None:
        """The unit containing view offset ``offset``, if any."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.units[i].end:
            return self.units[i]
        return None


def normalise(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Normalise ``text[start:end]``; return the new text and each character's offset in ``text``."""
    piece = text[start:end]
    keep = bytearray(b"\x01") * len(piece)
    for m in _DROP.finditer(piece):
        keep[m.start():m.end()] = bytes(m.end() - m.start())
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    cell_break = False
    for i, ch in enumerate(piece):
        if not keep[i]:
            continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = start + i
            cell_break = cell_break or ch == "\t"
            continue
        if pending_space >= 0 and out:
            # a tab parts table cells: no name or phrase runs across it ("Oksana, Jakob<TAB>Oksana presented")
            gap = " | " if cell_break else " "
            out.append(gap)
            offsets.extend([pending_space] * len(gap))
        pending_space = -1
        cell_break = False
        out.append(ch)
        offsets.append(start + i)
    return "".join(out).translate(_TRANSLATE), offsets


def _locate(text: str, needle: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Find ``needle`` in ``text[lo:hi]``, tolerating different whitespace and markup."""
    needle = needle.strip()
    if not needle:
        return None
    i = text.find(needle, lo, hi)
    if i >= 0:
        return i, i + len(needle)
    words = [re.escape(w) for w in needle.split()]
    m = re.compile(r"[\s*_\[\]]*".join(words)).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def build_view(report: Report) -> TextView:
    """Collect the report's readable units (paragraphs, titles, agenda, actions, turns) into a view."""
    text = report.text
    n = len(text)
    skip: list[tuple[int, int]] = []
    if report.mail is not None:
        skip.extend(report.mail.quoted_spans)
        if report.mail.signature_span:
            skip.append(report.mail.signature_span)

    # (kind, index, start, end, sentences, detached_text)
    found: list[tuple[str, tuple[int, ...], int, int, tuple[tuple[int, int], ...], str | None]] = []
    for si, section in enumerate(report.sections):
        span = _locate(text, section.title, section.start, min(n, section.end))
        if span:
            found.append(("section_title", (si,), span[0], span[1], (), None))
        elif section.title.strip():
            found.append(("section_title", (si,), -1, -1, (), section.title))
        for pi, para in enumerate(section.paragraphs):
            if any(a <= para.start < b for a, b in skip):
                continue
            sentences = tuple((s.start, s.end) for s in para.sentences if s.end > s.start)
            found.append(("paragraph", (si, pi), para.start, para.end, sentences, None))
    for ti, turn in enumerate(report.turns):
        found.append(("turn", (ti,), turn.text_start, turn.end, (), None))
    for ai, action in enumerate(report.actions):
        found.append(("action", (ai,), action.start, action.end, (), None))

    def agenda(items, prefix: tuple[int, ...]) -> None:
        for i, item in enumerate(items):
            span = _locate(text, item.title, item.start, min(n, max(item.end, item.start + len(item.title) + 200)))
            if span:
                found.append(("agenda", (*prefix, i), span[0], span[1], (), None))
            elif item.title.strip():
                found.append(("agenda", (*prefix, i), -1, -1, (), item.title))
            agenda(item.sub_items, (*prefix, i))

    agenda(report.agenda, ())

    # Where two units cover the same text (a bullet that is also an action
    # item), the higher-priority one is kept so nothing is read twice.
    accepted: list[tuple[str, tuple[int, ...], int, int, tuple[tuple[int, int], ...], str | None]] = []
    taken: list[tuple[int, int]] = []
    for kind in PRIORITY:
        for item in found:
            if item[0] != kind:
                continue
            s, e = item[2], item[3]
            if item[5] is None and any(s < b and a < e for a, b in taken):
                continue
            accepted.append(item)
            if item[5] is None:
                taken.append((s, e))
    accepted.sort(key=lambda it: (it[2] if it[5] is None else n + 1, PRIORITY.index(it[0]), it[1]))

    parts: list[str] = []
    offsets: list[int] = []
    units: list[Unit] = []
    pos = 0
    for kind, index, s, e, sentences, detached in accepted:
        if detached is not None:
            piece = " ".join(detached.split())
            piece_offsets = [-1] * len(piece)
        else:
            piece, piece_offsets = normalise(text, s, e)
        if not piece:
            continue
        if parts:
            # A paragraph break keeps units apart for the tokenizer and matchers.
            parts.append("\n\n")
            offsets.extend([offsets[-1], offsets[-1]])
            pos += 2
        view_sents: list[tuple[int, int]] = []
        for a, b in sentences:
            va = pos + bisect_left(piece_offsets, a)
            vb = pos + bisect_left(piece_offsets, b)
            if vb > va:
                view_sents.append((va, vb))
        units.append(Unit(kind, index, pos, pos + len(piece), tuple(view_sents), detached is not None))
        parts.append(piece)
        offsets.extend(piece_offsets)
        pos += len(piece)
    return TextView("".join(parts), tuple(offsets), tuple(units))
