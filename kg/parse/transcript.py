"""Caption transcripts: speaker turns written ``>> NAME: text`` / ``>>NAME:`` / ``>> CHAIR:``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.model import Turn
from kg.parse import vocab
from kg.parse.names import looks_like_name
from kg.parse.text import Line, norm_key

_TURN = re.compile(r"(?m)^[ \t]*(?P<mark>>>)[ \t]*(?P<label>[^:\n>]{1,80}?)[ \t]*:(?=[ \t]|$)")

MIN_TURNS = 2
"""Speaker turns a text needs to be read as a transcript."""


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    data = vocab.load("transcript")
    labels = frozenset(norm_key(x) for x in data["role_labels"])
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in data["role_label_patterns"])
    return labels, patterns


def is_role_label(label: str) -> bool:
    """Whether a turn label names a role ("CHAIR", "MODERATOR", "SPEAKER 2") rather than a person."""
    key = norm_key(label).strip(" .")
    labels, patterns = _role_patterns()
    return key in labels or any(p.search(key) for p in patterns)


def _is_label(label: str) -> bool:
    """Caption labels are upper-case, or a person's name as written."""
    letters = [ch for ch in label if ch.isalpha()]
    if not letters or len(label.split()) > 8:
        return False
    upper = sum(1 for ch in letters if ch.isupper()) / len(letters)
    return upper >= 0.8 or looks_like_name(label) or is_role_label(label)


def find_turns(text: str, start: int = 0, end: int | None = None) -> list[Turn]:
    """Every speaker turn in ``text[start:end]``; a turn runs to the next turn's line."""
    end = len(text) if end is None else end
    marks = [m for m in _TURN.finditer(text, start, end) if _is_label(m.group("label").strip())]
    turns: list[Turn] = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else end
        label = m.group("label").strip()
        label_start = m.start("label") + (len(m.group("label")) - len(m.group("label").lstrip()))
        text_start = m.end()
        while text_start < stop and text[text_start] in " \t":
            text_start += 1
        if text_start < stop and text[text_start] == "\n" and text[text_start + 1 : stop].strip():
            # the label stands on a line of its own; the words start on the next line
            text_start += 1
            while text_start < stop and text[text_start] in " \t":
                text_start += 1
        turn_end = stop
        while turn_end > text_start and text[turn_end - 1].isspace():
            turn_end -= 1
        turns.append(
            Turn(
                label=label,
                text=text[text_start:turn_end],
                start=m.start("mark"),
                end=max(turn_end, m.end()),
                label_start=label_start,
                label_end=label_start + len(label),
                text_start=text_start,
                is_role=is_role_label(label),
            )
        )
    return turns


def is_boilerplate(line: Line) -> bool:
    """A captioning disclaimer ("... real-time captioning ... not an authoritative record")."""
    low = " " + norm_key(line.text) + " "
    return any(phrase in low for phrase in vocab.load("transcript")["boilerplate"])


def turn_lines(lines: Sequence[Line], turns: Sequence[Turn]) -> set[int]:
    """Indices of the lines the turns occupy."""
    out: set[int] = set()
    k = 0
    for t in turns:
        while k < len(lines) and lines[k].stop <= t.start:
            k += 1
        j = k
        while j < len(lines) and lines[j].start < t.end:
            out.add(j)
            j += 1
    return out
