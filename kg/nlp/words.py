"""Words of a sentence, with the shape tests the name and agent rules share.

spaCy splits "co-chair" and "Anna-Lena" into three tokens; the rules reason
about written words, so tokens joined by a hyphen without spaces are merged
back into one :class:`Word`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

_INITIAL = re.compile(r"^[A-Z][a-z]?\.$")  # "S." or "St."
_NAME_PART = re.compile(r"^[^\W\d_][\w.]*$")
_INNER_CAPS = re.compile(r"^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)[A-Z]")


@dataclass(frozen=True)
class Word:
    """A written word: tokens ``start``..``end`` (exclusive) of the doc."""

    start: int
    end: int
    text: str
    start_char: int
    end_char: int

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @cached_property
    def is_acronym(self) -> bool:
        """Two or more capitals and no lower case except a plural "s" ("IGF", "DCs")."""
        core = self.text[:-1] if self.text.endswith("s") else self.text
        return sum(c.isupper() for c in core) >= 2 and not any(c.islower() for c in core)

    @cached_property
    def is_initial(self) -> bool:
        return bool(_INITIAL.match(self.text))

    @cached_property
    def name_shaped(self) -> bool:
        """Shaped like a part of a personal name: "Maria", "O'Neill", "Anna-Lena", "S."."""
        if self.is_initial:
            return True
        parts = re.split(r"[-']", self.text)
        return all(
            p[:1].isupper() and _NAME_PART.match(p) is not None and (not any(c.isupper() for c in p[1:]) or _INNER_CAPS.match(p) is not None)
            for p in parts
        )


def doc_text(doc: Doc) -> str:
    """The doc's text, built once (``Doc.text`` rebuilds it on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def words(doc: Doc, start: int, end: int) -> list[Word]:
    """The words of tokens ``start``..``end``, hyphenated tokens merged (cached per doc)."""
    cache = doc.user_data.setdefault("kg_words", {})
    if (start, end) in cache:
        return cache[(start, end)]
    out: list[Word] = []
    full = doc_text(doc)
    i = start
    while i < end:
        j = i + 1
        # Merge "co" "-" "chair" (no whitespace on either side of the hyphen).
        while j + 1 < end and doc[j - 1].whitespace_ == "" and doc[j].text == "-" and doc[j].whitespace_ == "" and not doc[j + 1].is_space:
            j += 2
        first, last = doc[i], doc[j - 1]
        text = full[first.idx:last.idx + len(last.text)]
        if not first.is_space:
            out.append(Word(i, j, text, first.idx, last.idx + len(last.text)))
        i = j
    cache[(start, end)] = out
    return out
