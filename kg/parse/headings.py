"""Recognise structural headings ("Agenda", "List of participants", "Actions", "Annex 1:")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.parse import vocab
from kg.parse.text import Line, norm_key

HeadingKind = str  # one of KINDS, or "annex"
KINDS = ("agenda", "discussion", "participants", "absent", "actions")

# "3. Title", "3) Title", and agendas that spell the item out: "Item 3 – Title", "Agenda item 3: Title".
_NUMBERED = re.compile(
    r"^(?:(?i:agenda\s+)?(?i:item)\s+(?P<n2>\d{1,2})\s*(?P<d2>[.):\u2013\u2014-])"
    r"|(?P<n1>\d{1,2})\s*(?P<d1>[.)]))\s*(?P<t>[^\d\s].*)$"
)


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
    stripped = vocab.regex("headings", "annex_prefix").sub("", key, count=1)
    return stripped.strip(" :.-"), stripped != key


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
    for kind, phrases in _tables().items():
        if key in phrases:
            return kind
    return None


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
    """A numbered line: its number ``n``, delimiter ``d`` ("." or ")"; "item" for "Item 3 –"), title ``t``."""

    match: re.Match[str]

    def group(self, name: str) -> str:
        m = self.match
        if name == "n":
            return m.group("n1") or m.group("n2")
        if name == "d":
            return m.group("d1") or "item"
        return m.group(name)

    def start(self, name: str) -> int:
        return self.match.start(self._real(name))

    def end(self, name: str) -> int:
        return self.match.end(self._real(name))

    def _real(self, name: str) -> str:
        if name in ("n", "d"):
            return name + ("1" if self.match.group("n1") else "2")
        return name


def numbered(line: Line) -> Numbered | None:
    """Match a numbered line ("3. Title", "3) Title", "3.Title", "Item 3 – Title") on its cleaned text."""
    if line.raw.lstrip()[:1] in "-*\u2022\u2013":
        return None
    m = _NUMBERED.match(line.text)
    return Numbered(m) if m else None


def is_greeting(text: str) -> bool:
    """"Dear all," and the like."""
    return norm_key(text).rstrip(" ,!.:") in vocab.word_set("headings", "greetings")
