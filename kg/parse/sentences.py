"""A rule-based sentence splitter that knows abbreviations, initials and decimals."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Sentence
from kg.parse import vocab

# Terminal punctuation, closing quotes/brackets and emphasis marks ("**Opening.** The"), then
# whitespace or the end.
_CLOSERS = "\"'\u201d\u2019)]*_"
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]*_]*(?=\s|$)")
_LINE_START = re.compile(r"\n[ \t]*")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    return (
        vocab.word_set("sentences", "abbreviations"),
        vocab.word_set("sentences", "enders"),
        vocab.word_set("sentences", "strict_enders"),
        vocab.word_set("sentences", "starters"),
    )


def _token_before(s: str, p: int) -> str:
    """The whitespace-delimited token ending at ``p`` (without opening brackets/quotes)."""
    i = p
    while i > 0 and not s[i - 1].isspace():
        i -= 1
    return s[i:p].lstrip("([{\"'\u201c\u2018*_")


def _next_token(s: str, e: int) -> str:
    m = re.match(r"\s*(\S+)", s[e:])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _chat_label() -> re.Pattern[str]:
    """A chat handle and its colon opening a statement ("ana_l: agrees"), as scribes of chat-style notes write."""
    handle = vocab.load("transcript")["chat_handle"]
    return re.compile(rf"\s*(?:{handle}):(?=[ \t]+\S)")


def _is_boundary(s: str, m: re.Match[str]) -> bool:
    nxt = _next_token(s, m.end())
    if not nxt:
        return True
    first = nxt.lstrip("\"'\u201c\u2018([*_")[:1]
    label = _chat_label().match(s, m.end()) if first.islower() else None
    if first and first.islower() and not label:
        return False
    punct = m.group().rstrip(_CLOSERS)
    if punct != ".":
        return True
    tok = _token_before(s, m.start())
    low = tok.lower()
    abbreviations, enders, strict_enders, starters = _abbreviations()
    nxt = nxt.lstrip("*_")
    titlecase_next = (nxt[:1].isupper() and any(c.islower() for c in nxt)) or label is not None
    if low in enders:
        return titlecase_next
    if low in strict_enders:
        return titlecase_next and nxt.strip("\"'\u201c\u2018(,*_").lower() in starters
    if low in abbreviations:
        return False
    if len(tok) == 1 and tok.isalpha() and tok.isupper():
        return False  # an initial: "Priya S. Raman"
    if _DOTTED.match(tok):
        return False  # "U.S", "e.g"
    return True


def split_sentences(text: str, base: int = 0) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose offsets are ``base`` + index into ``text``.

    Each sentence's ``text`` equals ``text[start - base:end - base]``, stripped of
    surrounding whitespace.
    """
    out: list[Sentence] = []
    begin = 0
    ends = [m.end() for m in _BOUNDARY.finditer(text) if _is_boundary(text, m)]
    if "\n" in text and ":" in text:
        # a line opening with a chat handle's label ("ana_l: agrees") starts a sentence
        # even when the line before ends without punctuation
        ends = sorted({*ends, *(m.start() for m in _LINE_START.finditer(text) if _chat_label().match(text, m.end()))})
    for end in ends:
        if end <= begin:
            continue
        _emit(text, begin, end, base, out)
        begin = end
    _emit(text, begin, len(text), base, out)
    return tuple(out)


def _emit(text: str, i: int, j: int, base: int, out: list[Sentence]) -> None:
    while i < j and text[i].isspace():
        i += 1
    while j > i and text[j - 1].isspace():
        j -= 1
    if j > i:
        out.append(Sentence(text[i:j], base + i, base + j))
