"""Lines with offsets, and markup-free views of text that keep their offsets.

Every parser reads the document through these helpers so that anything it
finds can be traced back to ``SourceDoc.text``: a :class:`Line` knows where it
starts and ends, and a :class:`Clean` view (markdown emphasis, link markup,
heading markers and repeated whitespace removed) maps each of its characters
back to the offset it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

# ``[label](target)``: only the label is text; the target is a link (kept by ingest or links.py).
_LINK_MARKUP = re.compile(r"\[([^\[\]\n]{0,400})\]\(([^()\s]{0,2000})\)")
_EMPHASIS = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_HEADING_MARK = re.compile(r"(?m)^[ \t]*#{1,6}(?=[ \t]|$)")
_ESCAPE = re.compile(r"\\(?=[()\[\]*_#.\-+!`])")
# a markup character, or whitespace clean() would turn into a space ("\t", "\n", ...)
_NOT_PLAIN = re.compile(r"[*_#\[\\\u200b\ufeff]|[^\S ]")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'\u201c\u201d\]\[]+", re.IGNORECASE)
BULLET_RE = re.compile(
    r"^[ \t]*(?:[-\u2013\u2022*\u25aa\u25e6\u2023\u2043\u00b7o](?=[ \t])(?:[ \t]+(?:\d{1,2}|[a-z])\)(?=[ \t]))?"
    r"|\d{1,2}\)|[a-z]\))[ \t]*"
)


# a setext underline: a run of "=" or "-" under a title ("Agenda" / "------")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
UNDERLINE_MIN = 3
"""Shortest underline (in characters) that marks the line above as a heading."""
UNDERLINED_MAX = 120
"""Longest line (in characters) an underline makes a heading."""


@dataclass(frozen=True)
class Line:
    """One line of the text: ``raw == text[start:end]``; ``stop`` is after its newline.

    ``underline`` marks a line that only underlines the line above it ("=====" or
    "-----" under a title, as plain-text reports set their headings): it reads as
    blank.  ``underlined`` marks the line it underlines: a heading.
    """

    index: int
    start: int
    end: int
    stop: int
    raw: str
    underline: bool = False
    underlined: bool = False

    @cached_property
    def blank(self) -> bool:
        return self.underline or not self.raw.strip()

    @cached_property
    def clean(self) -> "Clean":
        return clean(self.raw, self.start)

    @property
    def text(self) -> str:
        """The line without markup, whitespace collapsed."""
        return self.clean.text

    @property
    def is_url_only(self) -> bool:
        s = self.raw.strip().strip("<>")
        return bool(s) and URL_RE.fullmatch(s) is not None

    @property
    def has_tab(self) -> bool:
        return "\t" in self.raw.strip(" \r\n")

    @property
    def starts_with_hash(self) -> bool:
        return self.raw.lstrip().startswith("#")


def split_lines(text: str) -> list[Line]:
    """Split ``text`` on ``\\n`` only (never on other Unicode line breaks)."""
    lines: list[Line] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = n if nl < 0 else nl + 1
        lines.append(Line(len(lines), pos, end, stop, text[pos:end]))
        pos = stop
    for k in range(1, len(lines)):
        if is_underline(lines[k - 1].raw, lines[k].raw) and not lines[k - 1].underline:
            above, rule = lines[k - 1], lines[k]
            lines[k - 1] = Line(above.index, above.start, above.end, above.stop, above.raw, underlined=True)
            lines[k] = Line(rule.index, rule.start, rule.end, rule.stop, rule.raw, underline=True)
    return lines


def is_underline(above: str, raw: str) -> bool:
    """Whether ``raw`` underlines the line ``above`` ("Agenda" over "======" or "------").

    The title is a short line of its own (no list item, table row or sentence);
    the underline is at least half as long as the title.
    """
    rule = raw.strip()
    if len(rule) < UNDERLINE_MIN or not _UNDERLINE.match(raw):
        return False
    title = above.strip()
    if not title or len(title) > UNDERLINED_MAX or _UNDERLINE.match(above) or not any(ch.isalnum() for ch in title):
        return False
    if "\t" in title or "|" in title or title[-1] in ".,;" or bullet_prefix(above):
        return False
    return len(rule) >= len(title) / 2


@dataclass(frozen=True)
class Clean:
    """A markup-free, whitespace-collapsed view of a stretch of text.

    ``offsets[i]`` is the document offset of ``text[i]``; ``end`` is the
    document offset just after the stretch.
    """

    text: str
    offsets: tuple[int, ...]
    end: int

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Document span covering ``text[i:j]``."""
        if not self.text:
            return (self.end, self.end)
        i = max(0, min(i, len(self.text)))
        j = max(i, min(j, len(self.text)))
        if i == j:
            at = self.offsets[i] if i < len(self.offsets) else self.end
            return (at, at)
        return (self.offsets[i], self.offsets[j - 1] + 1)

    def at(self, i: int) -> int:
        """Document offset of ``text[i]`` (``end`` past the last character)."""
        return self.offsets[i] if i < len(self.offsets) else self.end

    def index_at(self, offset: int) -> int:
        """The index of the first character of ``text`` at or after document ``offset``."""
        return bisect_left(self.offsets, offset)


def clean(raw: str, base: int = 0) -> Clean:
    """Remove markdown markup from ``raw`` and collapse whitespace, keeping offsets.

    ``base`` is the document offset of ``raw[0]``.
    """
    if not _NOT_PLAIN.search(raw) and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
        # nothing to remove or collapse (most lines): every character keeps its place
        return Clean(raw, tuple(range(base, base + len(raw))), base + len(raw))
    drop = bytearray(len(raw))
    for m in _LINK_MARKUP.finditer(raw):
        drop[m.start()] = 1
        for k in range(m.end(1), m.end()):
            drop[k] = 1
    for rx in (_EMPHASIS, _HEADING_MARK, _ESCAPE):
        for m in rx.finditer(raw):
            for k in range(m.start(), m.end()):
                drop[k] = 1
    chars: list[str] = []
    offs: list[int] = []
    pending_space = False
    for k, ch in enumerate(raw):
        if drop[k]:
            continue
        if ch.isspace() or ch in "\u200b\ufeff":
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            offs.append(base + k - 1)
            pending_space = False
        chars.append(ch)
        offs.append(base + k)
    return Clean("".join(chars), tuple(offs), base + len(raw))


def clean_region(text: str, start: int, end: int) -> Clean:
    """:func:`clean` applied to ``text[start:end]``."""
    return clean(text[start:end], start)


def norm_key(s: str) -> str:
    """Lower-case, accent-folded, apostrophes straightened, '&' read as 'and'."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def slugify(s: str) -> str:
    """A lower-case ASCII slug: words joined by hyphens."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return s


def straighten(s: str) -> str:
    """Typographic apostrophes to ASCII, whitespace collapsed, outer punctuation trimmed."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.split()).strip(" ,;:-\u2013\u2014")


def is_prose(text: str) -> bool:
    """Whether a cleaned line reads as running text rather than a title or label."""
    n = len(text.split())
    if n >= 8 and (text[-1:] in ".!?:;" or len(text) > 100):
        return True
    return n >= 5 and len(text) > 120


def bullet_prefix(raw: str) -> int:
    """Length of a bullet marker at the start of ``raw`` (0 when there is none)."""
    m = BULLET_RE.match(raw)
    return m.end() if m else 0
