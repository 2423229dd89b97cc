"""Topics the scheme does not know yet: recurring acronyms and capitalised phrases.

A report's acronyms ("ECOSOC") and Title Case noun phrases ("Elements Paper")
that occur at least twice, and that no topic, organisation or person span
covers, are listed as :class:`~kg.model.CandidateTopic` values for a curator
to add to the scheme (or to a user extension file) or to ignore.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.model import CandidateTopic
from kg.nlp.lexicon import Lexicon
from kg.nlp.roster import Roster
from kg.nlp.textview import TextView
from kg.nlp.words import Word, doc_text, words

MIN_COUNT = 2
_CONNECTORS = {"of", "the", "and", "for", "on", "in", "to", "&"}


def candidate_topics(doc: Doc, view: TextView, lex: Lexicon, roster: Roster, min_count: int = MIN_COUNT) -> list[CandidateTopic]:
    """Recurring acronyms and Title Case phrases not covered by a known topic, organisation or person."""
    covered: set[int] = set()
    for key in ("kg_topics", "kg_orgs", "kg_people"):
        for span in doc.spans.get(key, []):
            covered.update(range(span.start, span.end))
    for ev in doc._.kg_events or []:
        for ag in ev.agents:
            covered.update(range(ag.start, ag.end))
    known = {a.casefold() for org in lex.organisations for a in (*org.aliases, org.name, org.acronym or "")}
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)

    agents = lex.role_heads | lex.group_heads | lex.organisation_heads

    def add(text: str, start: int, end: int) -> None:
        if text.casefold() in lex.candidate_stoplist or text.casefold() in known:
            return
        if " " in text and text.rsplit(None, 1)[-1].lower() in agents:
            return  # a role, a body or a group of people, not a topic
        unit = view.unit_at(start)
        if unit is None or unit.detached:
            return
        rs, re_ = view.report_span(start, end)
        found[text if _is_acronym_text(text) else text.casefold()].append((text, rs, re_))

    for sent in doc.sents:
        ws = words(doc, sent.start, sent.end)
        for w in ws:
            if w.is_acronym and len(w.text.rstrip("s")) >= 2 and not _covered(w, covered) and not roster.has_word(w.text):
                add(w.text, w.start_char, w.end_char)
        for a, b in [*_title_phrases(ws, lex, covered), *_lower_phrases(ws, lex, covered)]:
            add(doc_text(doc)[ws[a].start_char:ws[b].end_char], ws[a].start_char, ws[b].end_char)

    out = []
    for occurrences in found.values():
        if len(occurrences) < min_count:
            continue
        forms: dict[str, int] = defaultdict(int)
        for text, _, _ in occurrences:
            forms[text] += 1
        label = max(forms, key=lambda f: (forms[f], f))
        out.append(CandidateTopic(label, len(occurrences), tuple((s, e) for _, s, e in occurrences)))
    return sorted(out, key=lambda c: (-c.count, c.label.casefold()))


def _is_acronym_text(text: str) -> bool:
    return " " not in text and sum(c.isupper() for c in text) >= 2


def _covered(w: Word, covered: set[int]) -> bool:
    return any(i in covered for i in range(w.start, w.end))


def _lower_phrases(ws: list[Word], lex: Lexicon, covered: set[int]) -> list[tuple[int, int]]:
    """Pairs of content words in lower case ("draft letter"), a rough noun phrase without a tagger."""
    def content(w: Word) -> bool:
        t = w.text
        return t.isalpha() and t.islower() and len(t) > 2 and t not in STOP_WORDS and t not in lex.verbs and not t.endswith(("ly", "ing")) and not _covered(w, covered)

    return [(i, i + 1) for i in range(len(ws) - 1) if content(ws[i]) and content(ws[i + 1])]


def _title_phrases(ws: list[Word], lex: Lexicon, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of two to six capitalised words (connectors inside), split at "and" and at known spans."""
    out = []

    def usable(w: Word) -> bool:
        return w.is_cap and not w.is_acronym and w.text.replace("-", "").isalpha() and not _covered(w, covered)

    i = 0
    while i < len(ws):
        if not usable(ws[i]) or ws[i].text in lex.sentence_words:
            i += 1
            continue
        last = j = i
        while j + 1 < len(ws) and (usable(ws[j + 1]) or (ws[j + 1].lower in _CONNECTORS and ws[j + 1].lower not in ("and", "&"))):
            j += 1
            if ws[j].is_cap:
                last = j
        if 1 <= last - i <= 5:
            out.append((i, last))
        i = last + 1
    return out
