"""Where people are named: participant names, titled names, stated nicknames.

Names of speakers found in subject position are added later by the
attribution rules; this finder covers what a report's own participant list,
titles ("Ms. Doe") and stated aliases ("Jane Doe (Janey)") reveal, plus the
statistical model's PERSON entities when a model is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.lexicon import Lexicon
from kg.nlp.roster import Roster
from kg.nlp.words import Word, words
from kg.parse.names import is_initials_of

PERSON = "PERSON"
# "d'Offay", "dell'Acqua": a family name opening with an elided particle, in lower case
_ELIDED_NAME = re.compile(r"^(?:d|l|dell|dall|degli|dello|della)['\u2019](?P<name>[^\W\d_][^\W\d_'\u2019-]*(?:-[^\W\d_]+)*)$")


def is_elided_name(text: str) -> bool:
    """Whether a word is a family name opening with an elided particle ("d'Offay"), its name part capitalised."""
    m = _ELIDED_NAME.match(text)
    return m is not None and m.group("name")[0].isupper()


@dataclass(frozen=True)
class AliasPair:
    """A full form and its short form stated in the text, e.g. "Jane Doe (Janey)".

    Offsets are doc character offsets of the whole expression; ``kind`` is
    ``"person"``, ``"organisation"`` or ``"term"`` (an acronym of something
    that is neither, like a document or a process).
    """

    full: str
    alias: str
    start_char: int
    end_char: int
    kind: str


class PersonFinder:
    """Find person-name spans in a doc, given the report's roster."""

    def __init__(self, nlp: Language, lex: Lexicon) -> None:
        self.nlp = nlp
        self.lex = lex

    def __call__(self, doc: Doc, roster: Roster | None) -> tuple[list[Span], list[AliasPair]]:
        roster = roster or Roster()
        spans: list[Span] = []
        spans.extend(self._roster_names(doc, roster))
        aliases: list[AliasPair] = []
        for sent in doc.sents:
            ws = words(doc, sent.start, sent.end)
            spans.extend(self._titled(doc, ws))
            for span, pair in [*self._nicknames(doc, ws, roster), *self._expansions(doc, ws, roster)]:
                spans.append(span)
                if pair not in aliases:
                    aliases.append(pair)
        if doc.has_annotation("ENT_IOB"):
            blocked = {i for key in ("kg_orgs", "kg_topics") if key in doc.spans for s in doc.spans[key] for i in range(s.start, s.end)}
            heads = self.lex.role_heads | self.lex.group_heads | self.lex.organisation_heads
            for ent in doc.ents:
                if ent.label_ == PERSON and not any(i in blocked for i in range(ent.start, ent.end)):
                    ew = words(doc, ent.start, ent.end)
                    # The model sometimes calls "Chair" or "The Secretariat" a person.
                    if ew and all(w.name_shaped and w.lower not in heads and w.text not in self.lex.sentence_words for w in ew):
                        spans.append(Span(doc, ent.start, ent.end, label=PERSON))
        return filter_spans(spans), aliases

    def _roster_names(self, doc: Doc, roster: Roster) -> list[Span]:
        names = list(dict.fromkeys(n for n in roster.full_names() if n.strip()))
        if not names:
            return []
        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        matcher.add(PERSON, [self.nlp.make_doc(n) for n in names])
        spans = [Span(doc, s, e, label=PERSON) for _, s, e in matcher(doc)]
        firsts = {n.split()[0] for n in names if len(n.split()) > 1}
        for tok in doc:
            if tok.text in firsts and not _next_to_number(doc, tok.i):
                spans.append(Span(doc, tok.i, tok.i + 1, label=PERSON))
        return spans

    def _titled(self, doc: Doc, ws: list[Word]) -> list[Span]:
        """ "Ms. Doe", "H.E. Ambassador Jane Doe": a title followed by name-shaped words."""
        out = []
        i = 0
        while i < len(ws):
            if ws[i].text in self.lex.honorifics:
                j = i
                while j + 1 < len(ws) and ws[j + 1].text in self.lex.honorifics:
                    j += 1
                k = j
                while k + 1 < len(ws) and k - j < 4 and (ws[k + 1].name_shaped or is_elided_name(ws[k + 1].text)
                                                         or self._particles_then_name(ws, k + 1)):
                    k += 1
                if k > j and (ws[k].name_shaped or is_elided_name(ws[k].text)):
                    out.append(Span(doc, ws[i].start, ws[k].end, label=PERSON))
                    i = k + 1
                    continue
            i += 1
        return out

    def _particles_then_name(self, ws: list[Word], i: int) -> bool:
        """Whether ``ws[i:]`` opens with name particles ending in a capitalised word ("van der Meer", "de Souza")."""
        k = i
        while k < len(ws) and k - i < 3 and ws[k].lower in self.lex.name_particles:
            k += 1
        return k > i and k < len(ws) and (ws[k].is_cap or is_elided_name(ws[k].text))

    def _nicknames(self, doc: Doc, ws: list[Word], roster: Roster) -> list[tuple[Span, AliasPair]]:
        """ "Jane Doe (Janey)": a full name followed by one name-shaped word in parentheses."""
        out = []
        for p in range(2, len(ws) - 2):
            if ws[p].text != "(" or ws[p + 2].text != ")" or ws[p + 1].is_initial:
                continue
            capitals = not ws[p + 1].name_shaped
            if capitals and not (ws[p + 1].text.isupper() and 2 <= len(ws[p + 1].text) <= 5):
                continue
            s = p - 1
            while s - 1 >= 0 and p - s < 4 and (ws[s - 1].name_shaped or ws[s - 1].lower in self.lex.name_particles):
                if "\t" in doc.text[ws[s - 1].end_char : ws[s].start_char]:
                    break  # "Minutes<TAB>Mele Tupou (MT)": a table cell's label is no part of the name
                s -= 1
            while s < p - 1 and (ws[s].text in self.lex.sentence_words or ws[s].text in self.lex.honorifics) and not roster.has_word(ws[s].text):
                s += 1
            if p - s < 2 or not ws[s].name_shaped:
                continue
            full = " ".join(w.text for w in ws[s:p])
            if capitals and not is_initials_of(ws[p + 1].text, full):
                continue  # "Open Cable Society (OCS)" is an organisation's acronym; "Anna Berg (AB)" initials
            pair = AliasPair(full, ws[p + 1].text, ws[s].start_char, ws[p + 2].end_char, "person")
            out.append((Span(doc, ws[s].start, ws[p - 1].end, label=PERSON), pair))
            out.append((Span(doc, ws[p + 1].start, ws[p + 1].end, label=PERSON), pair))
        return out

    def _expansions(self, doc: Doc, ws: list[Word], roster: Roster) -> list[tuple[Span, AliasPair]]:
        """ "Teo (Teodora Ilić) presented", "Lan Anh (Nguyễn Thị Lan Anh, Org)": a short name, then the full one.

        The short form must read as that person's: its words are words of the full name,
        it begins like the given name ("Teo", "Kobby" for "Kwabena") or is part of a word of
        it ("Bisi" for "Olabisi"), or the full name is on the report's participant list.  A role, title or place before the bracket is no name.
        """
        out = []
        listed = {" ".join(n.split()) for n in roster.full_names()}
        excluded = self.lex.role_heads | self.lex.group_heads | self.lex.organisation_heads
        for p in range(1, len(ws) - 3):
            if ws[p].text != "(":
                continue
            k = p + 1
            while k < len(ws) and k - p <= 5 and (ws[k].name_shaped or (ws[k].lower in self.lex.name_particles and k > p + 1)):
                k += 1
            if k >= len(ws) or ws[k].text not in (")", ",") or k - p - 1 < 2 or not ws[k - 1].name_shaped:
                continue
            full_words = ws[p + 1:k]
            if ws[p + 1].is_initial or not all(w.is_initial or len(w.text) > 1 for w in full_words):
                continue
            s = p - 1
            if s - 1 >= 0 and ws[s - 1].name_shaped and not ws[s - 1].is_initial and ws[s - 1].end_char < ws[s].start_char:
                s -= 1
            short_words = ws[s:p]
            if s > 0 and ws[s - 1].name_shaped:
                continue  # a longer run of capitals ("Open Cable Society (...)") is no short name
            if not all(w.name_shaped and not w.is_initial and not w.is_acronym for w in short_words):
                continue
            if any(w.lower in excluded or w.text in self.lex.sentence_words or w.text in self.lex.honorifics
                   or w.text in self.lex.countries for w in short_words):
                continue
            full = " ".join(w.text for w in full_words)
            short = " ".join(w.text for w in short_words)
            lowers = [w.lower for w in full_words]
            contained = all(w.lower in lowers for w in short_words) and len(short_words) < len(full_words)
            nick = short_words[0].lower
            # "Teo" / "Teodora", "Kobby" / "Kwabena", "Bisi" / "Olabisi"
            same_start = len(short_words) == 1 and (nick[0] == lowers[0][0] or (len(nick) >= 3 and any(nick in w for w in lowers)))
            if not (contained or same_start or full in listed):
                continue
            pair = AliasPair(full, short, ws[s].start_char, ws[k].end_char if ws[k].text == ")" else ws[k - 1].end_char, "person")
            out.append((Span(doc, ws[s].start, ws[p - 1].end, label=PERSON), pair))
            out.append((Span(doc, ws[p + 1].start, ws[k - 1].end, label=PERSON), pair))
        return out


def _next_to_number(doc: Doc, i: int) -> bool:
    """A first name that is also a month ("June") is a date next to a number."""
    return (i > 0 and doc[i - 1].like_num) or (i + 1 < len(doc) and doc[i + 1].like_num)
