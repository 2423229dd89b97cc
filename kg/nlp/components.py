"""The kg spaCy pipeline components, each registered with its contract.

``kg_sentences`` sets sentence starts from the parser's sentences;
``kg_topics`` finds topics of the SKOS scheme; ``kg_orgs`` organisations and
acronym definitions; ``kg_people`` person names; ``kg_speech`` who speaks or
acts (the subjects of reporting verbs).  The rules themselves live in
:mod:`kg.nlp.agents`, :mod:`kg.nlp.names` and :mod:`kg.nlp.orgs`; their word
lists in ``kg/nlp/patterns/``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import numpy

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from kg.nlp.agents import AgentRules
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.names import PersonFinder
from kg.nlp.orgs import OrgFinder
from kg.nlp.topics import TopicScheme, is_case_sensitive, load_scheme

register_extensions()

TOPICS, ORGS, PEOPLE = "kg_topics", "kg_orgs", "kg_people"
_END = {".", "!", "?"}


class SentenceSetter:
    """Mark sentence starts: each unit of the view starts one, and each parser sentence."""

    def __init__(self, lex: Lexicon) -> None:
        self.abbreviations = {h.rstrip(".").lower() for h in lex.honorifics} | {"re", "st", "e.g", "i.e", "no", "vs", "cf", "etc", "approx", "incl", "fig"}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        view = doc._.kg_view
        starts: set[int] = set()
        units = view.units if view is not None else ()
        if view is None:
            starts |= self._split(doc, 0, len(doc))
        for unit in units:
            span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
            if span is None:
                continue
            if unit.sentences:
                for a, _ in unit.sentences:
                    s = doc.char_span(a, a + 1, alignment_mode="expand")
                    if s is not None:
                        starts.add(s.start)
                starts.add(span.start)
            else:
                starts |= self._split(doc, span.start, span.end)
        # Setting Token.is_sent_start one by one re-checks the whole doc each
        # time; one array write is linear.
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        for tok in doc:
            if tok.i == 0 or tok.i in starts or (doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
                flags[tok.i, 0] = 1
        doc.from_array([SENT_START], flags.view("uint64"))
        return doc

    def _split(self, doc: Doc, start: int, end: int) -> set[int]:
        """Sentence starts by punctuation, for units the parser gave no sentences for."""
        starts = {start}
        for i in range(start, end - 1):
            tok = doc[i]
            if tok.text not in _END:
                continue
            prev = doc[i - 1].lower_ if i > start else ""
            if prev in self.abbreviations or (len(prev) == 1 and prev.isalpha()):
                continue
            nxt = doc[i + 1]
            if nxt.is_space and i + 2 < end:
                nxt = doc[i + 2]
            if nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "\"'(":
                starts.add(nxt.i)
        return starts


class TopicMatcher:
    """Find the scheme's topics: acronyms case-sensitively, other labels case-insensitively, longest match wins."""

    def __init__(self, nlp: Language, scheme: TopicScheme) -> None:
        self.scheme = scheme
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.dated = Matcher(nlp.vocab)
        for concept in scheme.concepts:
            exact = [nlp.make_doc(label) for label in concept.labels if is_case_sensitive(label)]
            folded = [nlp.make_doc(" ".join(label.split())) for label in concept.labels if not is_case_sensitive(label)]
            if exact:
                self.exact.add(concept.key, exact)
            if folded:
                self.folded.add(concept.key, folded)
            dated = [p for p in (_with_year(d, "ORTH") for d in exact) if p]
            dated += [p for p in (_with_year(d, "LOWER") for d in folded) if p]
            if dated:
                self.dated.add(concept.key, dated)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = {(s, e, strings[m]) for m, s, e in [*self.exact(doc), *self.folded(doc), *self.dated(doc)]}
        kept: list[tuple[int, int, str]] = []
        # Longest first; a match inside or across a longer one is dropped, but
        # two concepts sharing one exact label both stay.
        for s, e, key in sorted(found, key=lambda m: (m[0] - m[1], m[0], m[2])):
            if all((s, e) == (a, b) or e <= a or s >= b for a, b, _ in kept):
                kept.append((s, e, key))
        kept = self._bodies_named_together(doc, kept)
        doc.spans[TOPICS] = [Span(doc, s, e, label=key) for s, e, key in sorted(kept)]
        return doc

    @cached_property
    def _bodies_on(self) -> dict[tuple[str, str], str]:
        """``{(kind, subject): body}`` from labels like "Policy Network on AI" (kind: the body's broader concept)."""
        kind_labels = {c.key: {" ".join(l.split()).casefold() for l in c.labels} for c in self.scheme.concepts}
        out: dict[tuple[str, str], str] = {}
        for concept in self.scheme.concepts:
            for label in concept.labels:
                head, on, subject = " ".join(label.split()).casefold().partition(" on ")
                if not on:
                    continue
                for kind in concept.broader:
                    if head in kind_labels.get(kind, ()):
                        out.setdefault((kind, subject), concept.key)
        return out

    def _bodies_named_together(self, doc: Doc, kept: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """ "The Policy Networks on AI, on Internet Fragmentation and on Meaningful Access": each conjunct
        after a kind of body and "on" names one body ("Policy Network on AI"), when the scheme has it.

        A conjunct is the longest run of words before the next comma, "and" or "on" that completes
        a body's label; the topic found in it on its own ("AI") gives way to the body.
        """
        bodies = self._bodies_on
        if not bodies:
            return kept
        added: list[tuple[int, int, str]] = []
        replaced: set[tuple[int, int, str]] = set()
        for s, e, kind in kept:
            if e >= len(doc) or doc[e].lower_ != "on" or not any(k == kind for k, _ in bodies):
                continue
            i = e + 1
            while i < len(doc):
                limit = i
                while limit < len(doc) and not (doc[limit].is_punct or doc[limit].lower_ in ("and", "on", "or")):
                    limit += 1
                # the longest run of the conjunct's words that names a body ("Meaningful Access" in "... Access reported")
                j = next((j for j in range(limit, i, -1) if (kind, doc[i:j].text.casefold()) in bodies), None)
                if j is None:
                    break
                body = bodies[kind, doc[i:j].text.casefold()]
                added.append((i, j, body))
                replaced.update(t for t in kept if i <= t[0] and t[1] <= j)
                while j < len(doc) and (doc[j].lower_ in ("and", "on", "or") or doc[j].text == ","):
                    j += 1
                i = j
        if not added:
            return kept
        return [t for t in kept if t not in replaced] + added


def _with_year(label: Doc, attr: str) -> list[dict] | None:
    """A token pattern for ``label`` with a year after its acronym: "IGF programme" in "IGF 2025 programme".

    Events are named with their year ("IGF 2025", "WSIS 2025"), which a label written without
    one would not match.  None when the label has no acronym before another word, or already
    has a year there.
    """
    pattern: list[dict] = []
    inserted = False
    for k, tok in enumerate(label):
        value = tok.text if attr == "ORTH" else tok.lower_
        pattern.append({attr: value})
        nxt = label[k + 1] if k + 1 < len(label) else None
        if nxt is not None and len(tok.text) >= 2 and tok.text.isupper() and tok.is_alpha and not nxt.like_num:
            pattern.append({"SHAPE": "dddd", "OP": "?"})
            inserted = True
    return pattern if inserted else None


class OrgAnnotator:
    """Write organisation spans and acronym definitions to the doc."""

    def __init__(self, finder: OrgFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        spans, pairs = self.finder(doc)
        doc.spans[ORGS] = spans
        doc._.kg_aliases = [*(doc._.kg_aliases or []), *pairs]
        return doc


class PersonAnnotator:
    """Write person-name spans and stated nicknames to the doc."""

    def __init__(self, finder: PersonFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        spans, pairs = self.finder(doc, doc._.kg_roster)
        doc.spans[PEOPLE] = spans
        doc._.kg_aliases = [*(doc._.kg_aliases or []), *pairs]
        return doc


class SpeechFinder:
    """Write the speech events (who speaks or acts, with which verb) to the doc."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = AgentRules(doc, self.lex, doc._.kg_roster).events()
        return doc


@Language.factory("kg_sentences", requires=["doc._.kg_view"], assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceSetter:
    """Sentence boundaries from the report parser (punctuation where it gave none)."""
    return SentenceSetter(load_lexicon())


@Language.factory("kg_topics", assigns=["doc.spans"], default_config={"topic_files": []})
def make_topics(nlp: Language, name: str, topic_files: list[str]) -> TopicMatcher:
    """Topic spans (label = concept key) from ``ontologies/topics.ttl`` plus ``topic_files``."""
    return TopicMatcher(nlp, load_scheme([Path(p) for p in topic_files]))


@Language.factory("kg_orgs", assigns=["doc.spans", "doc._.kg_aliases"])
def make_orgs(nlp: Language, name: str) -> OrgAnnotator:
    """Organisation spans and acronym definitions."""
    return OrgAnnotator(OrgFinder(nlp, load_lexicon()))


@Language.factory("kg_people", requires=["doc._.kg_roster", "doc.spans"], assigns=["doc.spans", "doc._.kg_aliases"])
def make_people(nlp: Language, name: str) -> PersonAnnotator:
    """Person-name spans: participant names, titled names, stated nicknames, model entities."""
    return PersonAnnotator(PersonFinder(nlp, load_lexicon()))


@Language.factory("kg_speech", requires=["doc.spans", "token.is_sent_start", "doc._.kg_roster"], assigns=["doc._.kg_events"])
def make_speech(nlp: Language, name: str) -> SpeechFinder:
    """Speech events: the subjects of reporting and acting verbs."""
    return SpeechFinder(load_lexicon())
