"""Recognise structural headings ("Agenda", "List of participants", "Actions", "Annex 1:")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.parse import vocab
from kg.parse.names import looks_like_name, strip_honorific
from kg.parse.text import Line, norm_key

HeadingKind = str  # one of KINDS, or "annex"
KINDS = ("agenda", "discussion", "participants", "absent", "actions")

# "3. Title", "3) Title", and agendas that spell the item out: "Item 3 – Title", "Agenda item 3: Title".
# Roman numerals ("II. Opening of the meeting") are a style of their own, so that numbered
# paragraphs under them ("5. The Chair recalled ...") are not taken for their headings.
_NUMBERED = re.compile(
    r"^(?:(?i:agenda\s+)?(?i:item)\s+(?P<n2>\d{1,2})\s*(?P<d2>[.):\u2013\u2014-])"
    r"|(?P<n1>\d{1,2})\s*(?P<d1>[.)])"
    r"|\((?P<n4>\d{1,2})\)"
    r"|(?P<n3>(?:X{0,2})(?:IX|IV|V?I{0,3}))(?P<d3>[.)])(?=\s+[A-Z]))"
    # a title may open with a number set apart by a space, if words follow ("5. 2026 work plan"),
    # never with digits run on to the number ("3.5 million")
    r"\s*(?P<t>(?:[^\d\s]|(?<=\s)\d{1,4}(?=\s+[^\W\d_])).*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_BULLET_MARK = re.compile(r"^\s*(?:[-\u2022\u2013]|\*(?!\*))")


def _roman(text: str) -> int:
    values = [_ROMAN[ch] for ch in text]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


@lru_cache(maxsize=1)
def _tables() -> dict[str, frozenset[str]]:
    data = vocab.load("headings")
    return {k: frozenset(norm_key(p) for p in data[k]) for k in KINDS}


@lru_cache(maxsize=1)
def _report_types() -> dict[str, str]:
    return {norm_key(k): v for k, v in vocab.load("headings")["report_types"].items()}


def _key(text: str) -> tuple[str, bool]:
    """The heading's lookup key, and whether an annex prefix was removed."""
    key = re.sub(r"\s*\(\d{1,4}\)$", "", norm_key(text).rstrip(" :.")).rstrip(" :.")
    key = _remark().sub("", key).rstrip(" :.")  # "Agenda as adopted", "Agenda (as sent on 3 May)"
    stripped = vocab.regex("headings", "annex_prefix").sub("", key, count=1)
    return stripped.strip(" :.-"), stripped != key


@lru_cache(maxsize=1)
def _remark() -> re.Pattern[str]:
    return vocab.regex("headings", "heading_remark")


def heading_kind(line: Line) -> HeadingKind | None:
    """The kind of structural heading ``line`` is, or None."""
    text = line.text
    if not text or len(text) > 140:
        return None
    key, annexed = _key(text)
    if annexed and not key:
        return "annex"
    if len(key.split()) > 12:
        return None
    kind = _phrase_kind(key)
    if kind is None and _bilingual_separator().search(key):
        # "Ordre du jour / Agenda", "Compte rendu | Summary": a heading in two languages is of
        # the kind its known parts agree on
        kinds = {_phrase_kind(part.strip(" :.")) for part in _bilingual_separator().split(key)}
        kinds.discard(None)
        kind = kinds.pop() if len(kinds) == 1 else None
    return kind


def _phrase_kind(key: str) -> HeadingKind | None:
    for kind, phrases in _tables().items():
        if key in phrases:
            return kind
    if _actions_heading().match(key):
        return "actions"  # "Decisions and next steps", "Summary of action items"
    return None


@lru_cache(maxsize=1)
def _bilingual_separator() -> re.Pattern[str]:
    return vocab.regex("headings", "bilingual_separator")


@lru_cache(maxsize=1)
def _actions_heading() -> re.Pattern[str]:
    data = vocab.load("headings")
    words = "|".join(re.escape(w) for w in sorted(data["actions_heading_prefixes"], key=len, reverse=True))
    phrases = "|".join(re.escape(norm_key(p)) for p in sorted(data["actions"], key=len, reverse=True))
    return re.compile(rf"^(?:(?:{words}),?\s+)+(?:{phrases})$")


@lru_cache(maxsize=1)
def _details() -> frozenset[str]:
    return frozenset(norm_key(p) for p in vocab.load("headings")["details"])


def is_details_heading(line: Line) -> bool:
    """Whether ``line`` heads the meeting's particulars ("Meeting details", "Logistics")."""
    text = line.text
    return bool(text) and len(text) <= 60 and _key(text)[0] in _details()


def detail_lines(lines: Sequence[Line], heading: int, limit: int = 12) -> list[int]:
    """The "Label: value" lines under a details heading ("- Date: 8 October", "Time: 12:00 UTC")."""
    rx = vocab.regex("headings", "detail_line", 0)
    out: list[int] = []
    k = heading + 1
    while k < len(lines) and len(out) < limit:
        ln = lines[k]
        if ln.blank:
            if out:
                break
            k += 1
            continue
        if not rx.match(ln.raw):
            break
        out.append(k)
        k += 1
    return out


def report_type(line: Line) -> str | None:
    """"summary" or "actions" when the line names the report's type ("Summary Report")."""
    key, _ = _key(line.text)
    return _report_types().get(key)


def annex_label(line: Line) -> str | None:
    """"Annex 1" for a line "Annex 1:" / "Annex 1: List of participants", else None."""
    m = vocab.regex("headings", "annex_prefix").match(line.text)
    if not m:
        return None
    return line.text[: m.end()].strip(" :.-\u2013\u2014")


@dataclass(frozen=True)
class Numbered:
    """A numbered line: its number ``n``, delimiter ``d`` ("." or ")"; "item" for "Item 3 –", "()" for "(3)"), title ``t``."""

    match: re.Match[str]

    @property
    def style(self) -> str:
        """"arabic", "item", "roman" or "bracketed" ("(3) Title")."""
        m = self.match
        return "arabic" if m.group("n1") else "item" if m.group("n2") else "bracketed" if m.group("n4") else "roman"

    def group(self, name: str) -> str:
        m = self.match
        if name == "n":
            return m.group("n1") or m.group("n2") or m.group("n4") or str(_roman(m.group("n3")))
        if name == "d":
            style = self.style
            if style == "roman":
                return "roman" + (m.group("d3") or "")
            return {"arabic": m.group("d1"), "item": "item", "bracketed": "()"}[style]
        return m.group(name)

    def start(self, name: str) -> int:
        return self.match.start(self._real(name))

    def end(self, name: str) -> int:
        return self.match.end(self._real(name))

    def _real(self, name: str) -> str:
        if name == "d" and self.style == "bracketed":
            return "n4"  # the brackets are the delimiter: "d" spans the number between them
        if name in ("n", "d"):
            return name + {"arabic": "1", "item": "2", "roman": "3", "bracketed": "4"}[self.style]
        return name


def numbered(line: Line) -> Numbered | None:
    """Match a numbered line ("3. Title", "3) Title", "(3) Title", "3.Title", "Item 3 – Title") on its cleaned text."""
    if _BULLET_MARK.match(line.raw):
        return None  # a bullet, not a numbered line; a bold run ("**Item 2 –") is not a bullet
    m = _NUMBERED.match(line.text)
    if not m or (m.group("n3") is not None and not m.group("n3")):
        return None  # the empty Roman numeral the pattern allows
    return Numbered(m)


CONTRIBUTION_MIN_WORDS = 3
"""Words after a speaker's label that make a numbered line a statement even without a final full stop."""


@lru_cache(maxsize=1)
def _contribution_verbs() -> frozenset[str]:
    return vocab.word_set("headings", "contribution_verbs")


def is_contribution(text: str) -> bool:
    """Whether a numbered line's text (after its number) is a speaker's statement, not a title.

    Minutes that number their points open each with who spoke: a label (a
    name, an honorific and a name, a surname in capitals, a role), a colon
    or a dash, and a reporting verb in lower case ("OKAFOR: stressed that
    the review must stay open.", "Ms. Lind: asked whether ...", "MENDES –
    noted ...").  A heading is short and titled ("3. Youth track: proposed
    sessions" names no one).  The verb is a past form ("-ed") or one of
    ``contribution_verbs``; a statement ends as a sentence or runs on for
    :data:`CONTRIBUTION_MIN_WORDS` words after its label.
    """
    m = vocab.regex("headings", "contribution_label", 0).match(text)
    if m is None:
        return False
    verb = m.group("verb")
    rest = text[m.start("verb"):].rstrip()
    sentence = rest[-1:] in ".!?"
    if not verb.islower():
        return False
    if len(verb) > 3 and verb.endswith("ed"):
        if not sentence and len(rest.split()) < CONTRIBUTION_MIN_WORDS:
            return False
    elif not (sentence and verb in _contribution_verbs()):
        return False  # "Co-chairs: reports on progress" is a title; "... reports that ..." a statement
    return _speaker_label(m.group("label").strip())


def _speaker_label(label: str) -> bool:
    """A label naming who spoke: a name ("Ms. Lind", "Tomas Berg"), a surname in capitals, or a role ("The Chair")."""
    words = label.split()
    if not words or len(words) > 6:
        return False
    probe = Line(-1, 0, len(label), len(label), label)
    if heading_kind(probe) is not None or is_details_heading(probe):
        return False  # "Agenda: adopted ...", "Actions: agreed ..." label a part of the minutes
    letters = [ch for ch in label if ch.isalpha()]
    if len(letters) >= 2 and not any(ch.islower() for ch in letters):
        return True
    if looks_like_name(strip_honorific(label)):
        return True
    named = words[1:] if words[0].lower() in ("the", "a", "an") else words
    roles = vocab.word_set("roles", "head_words")
    return 0 < len(named) <= 4 and named[0][:1].isupper() and any(w.lower() in roles for w in named)


def is_greeting(text: str) -> bool:
    """"Dear all," and the like."""
    return norm_key(text).rstrip(" ,!.:") in vocab.word_set("headings", "greetings")


# A table-of-contents entry: a title, dot leaders ("....", ". . .", "…") or a tab, and a page number.
_CONTENTS_ENTRY = re.compile(
    r"^[ \t]*(?P<t>[^\t]*?[^\s.\u2026])(?P<lead>[ \t]*(?:(?:\.[ \t]*){3,}|(?:\u2026[ \t]*)+)|[ \t]*\t[ \t]*)"
    r"(?P<page>\d{1,3}|[ivxlc]{1,6})[ \t]*$",
    re.IGNORECASE,
)
CONTENTS_MIN_ENTRIES = 2
"""Entries with dot leaders that make a table of contents without a "Contents" heading."""
CONTENTS_MIN_TAB_ENTRIES = 3
"""Entries separated from their page by a tab only (weaker evidence: tables look alike)."""


def contents_entry(line: Line) -> bool:
    """Whether a line is a table-of-contents entry ("1. Opening . . . . 2", "Opening\\t2")."""
    return bool(_CONTENTS_ENTRY.match(line.raw))


def _dotted(line: Line) -> bool:
    m = _CONTENTS_ENTRY.match(line.raw)
    return bool(m) and "\t" not in m.group("lead").strip(" ")


def contents_lines(lines: Sequence[Line]) -> set[int]:
    """The lines of the report's tables of contents: a "Contents" heading and its entries, or a run of entries.

    Entries may be set apart by blank lines; a run ends at the first other
    line.  Without a heading, two entries with dot leaders or three with tabs
    make a table of contents.
    """
    out: set[int] = set()
    headings = vocab.word_set("headings", "contents")
    j, n = 0, len(lines)
    while j < n:
        ln = lines[j]
        titled = not ln.blank and norm_key(ln.text).rstrip(" :.") in headings
        if ln.blank or not (titled or contents_entry(ln)):
            j += 1
            continue
        run = [j] if titled else []
        entries: list[int] = []
        k = j + 1 if titled else j
        while k < n:
            if lines[k].blank:
                k += 1
                continue
            if not contents_entry(lines[k]):
                break
            entries.append(k)
            k += 1
        dotted = sum(_dotted(lines[e]) for e in entries)
        if entries and (titled or dotted >= CONTENTS_MIN_ENTRIES or len(entries) >= CONTENTS_MIN_TAB_ENTRIES):
            out.update(run + entries)
        j = max(k, j + 1)
    return out
