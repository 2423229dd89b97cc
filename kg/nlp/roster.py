"""What one report says about its people: the participant list and the chair.

The NLP rules use it as a per-report gazetteer (a capitalised word that is a
participant's name is a name, even at the start of a sentence) and to resolve
role mentions ("The co-chair", ``>> CHAIR:``) to the person holding the role.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Iterable

from kg.model import Participant, Report
from kg.parse.names import is_initials_of, nickname_in_name
from kg.parse import vocab
from kg.parse.roster import entry_handle

_PAREN = re.compile(r"\s*\([^)]*\)\s*")
# "Jane Doe (Janey) - member": a one-word nickname in parentheses (not an acronym).
_NICKNAME = re.compile(r"\(\s*([^\W\d_][^\W\d_'-]*(?:[-'][^\W\d_]+)?)\s*\)")


def fold(name: str, keep: str = "") -> str:
    """A comparison key for names: case, accents, punctuation (except ``keep``) and spacing removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(rf"[^\w\s{re.escape(keep)}]", " ", text).casefold().split())


@dataclass(frozen=True)
class Roster:
    """The participants and chair of one report, indexed for the NLP rules."""

    participants: tuple[Participant, ...] = ()
    chair: str | None = None
    words: frozenset[str] = field(default=frozenset())
    """Every word of every participant name (and the chair's, and nicknames), as written."""
    nicknames: tuple[tuple[str, str, int, int], ...] = ()
    """``(full name, nickname, start, end)`` stated in participant entries ("Jane Doe (Janey)")."""
    writer: str | None = None
    """Who wrote the report in the first person: the author of a mailed summary ("I presented the outline")."""

    @classmethod
    def from_report(cls, report: Report) -> Roster:
        """Index the report's participant list, its chair and the nicknames the list states."""
        names: list[str] = [p.name for p in report.participants]
        if report.meeting.chair:
            names.append(report.meeting.chair)
        nicknames = []
        # the absent are listed too: the minutes may report their written input by their initials
        for p in (*report.participants, *report.absent):
            entry = report.text[p.start:p.end]
            inner = nickname_in_name(entry)
            if inner:  # 'Kwabena "Kobby" Osei-Mensah': the nickname the notes then use
                nicknames.append((p.name, inner[0], p.start, p.start + inner[2]))
            m = None if inner else _NICKNAME.search(entry)
            # a nickname ("Jane Doe (Janey)"), or the initials the notes then use ("Anna Berg (AB)")
            if m and m.group(1)[0].isupper() and m.group(1) not in p.name.split() and (
                not m.group(1).isupper() or is_initials_of(m.group(1), p.name)
            ):
                nicknames.append((p.name, m.group(1), p.start, p.start + m.end()))
            if m is None and not inner and "\t" in entry:
                # a table row with an initials column ("Anna Berg<TAB>AB<TAB>Kestrel Labs")
                for cell in entry.split("\t"):
                    at = entry.index(cell)
                    cell = cell.strip()
                    if cell not in p.name.split() and is_initials_of(cell, p.name):
                        nicknames.append((p.name, cell, p.start, p.start + at + len(cell)))
                        break
            handle = entry_handle(entry)
            if handle:  # "@ana_l (Ana Lima, Kestrel Labs)": the handle the notes then use
                nicknames.append((p.name, handle.group(), p.start, p.end))
            elif (bare := _bare_handle(entry, report.text)) is not None:  # "Ana Lima (ana_l)", then "ana_l: ..."
                nicknames.append((p.name, bare, p.start, p.end))
        words = {w for n in names for w in _PAREN.sub(" ", n).replace(",", " ").split() if w[:1].isupper()}
        words.update(nick for _, nick, _, _ in nicknames)
        writer = report.mail.author if report.mail is not None else None
        return cls(tuple(report.participants), report.meeting.chair, frozenset(words), tuple(nicknames), writer)

    def has_word(self, word: str) -> bool:
        """Whether ``word`` is part of a participant's (or the chair's) name, accents aside ("Ines" for "Inés")."""
        return word in self.words or fold(word, "'-") in self._folded_words

    @cached_property
    def _folded_words(self) -> frozenset[str]:
        return frozenset(fold(w, "'-") for w in self.words)

    def full_names(self) -> Iterable[str]:
        """Participant names in natural order, then the chair's."""
        for p in self.participants:
            yield p.name
        if self.chair:
            yield _PAREN.sub(" ", self.chair).strip()

    def names_ending_with(self, tail: Iterable[str]) -> list[str]:
        """Participant names whose last words are ``tail`` (a surname, maybe multi-word)."""
        key = fold(" ".join(tail))
        out = []
        for name in dict.fromkeys(self.full_names()):
            f = fold(name)
            if f != key and (f.endswith(" " + key)):
                out.append(name)
        return out

    def holders_of(self, role: str, past_words: frozenset[str]) -> list[str]:
        """Participants whose role (or list heading) names ``role``.

        An exact role match wins over a role that merely contains the phrase
        ("MAG Chair" before "IGF 2020 MAG Chair"); roles that start with a
        past word ("former MAG Chair") never count.
        """
        want = fold(role, keep="-").split()
        if not want:
            return []
        exact: list[str] = []
        contained: list[str] = []
        for p in self.participants:
            descriptors = list(p.roles) + ([p.group] if p.group else [])
            best = 0
            for d in descriptors:
                words = fold(d, keep="-").split()
                if not words or words[0] in past_words:
                    continue
                if words == want:
                    best = 2
                elif _contains(words, want):
                    best = max(best, 1)
            if best == 2:
                exact.append(p.name)
            elif best == 1:
                contained.append(p.name)
        return exact or contained


def _bare_handle(entry: str, text: str) -> str | None:
    """A chat handle without '@' that ``entry`` gives in brackets ("Ana Lima (ana_l)") and the notes use as a label.

    A word in lower case in brackets may be anything ("(remote)"); it is a
    handle only when some line or sentence of ``text`` opens with it and a
    colon ("ana_l: we should ...").
    """
    shape = vocab.regex("transcript", "chat_handle", 0)
    for m in re.finditer(r"\(\s*([^()\s]{2,40})\s*\)", entry):
        word = m.group(1)
        if not shape.fullmatch(word):
            continue
        ends = re.escape(vocab.load("transcript")["chat_label_end"])
        if re.search(rf"(?:^|[{ends}][ \t]+)[ \t]*{re.escape(word)}[ \t]*:", text, re.MULTILINE):
            return word
    return None


def _contains(words: list[str], want: list[str]) -> bool:
    n = len(want)
    return any(words[i:i + n] == want for i in range(len(words) - n + 1))

