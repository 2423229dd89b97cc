"""Where organisations are named, and which acronyms the text defines.

Three sources: the well-known organisations of ``patterns/organisations.jsonl``;
acronym definitions in the text ("Office of the Tech Envoy (OSET)", and the
reverse "OSET (Office of the Tech Envoy)"), whose later bare uses are then
organisations too; and capitalised noun phrases headed by an organisation word
("the IGF Secretariat", "Government of Norway").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.lexicon import Lexicon
from kg.nlp.names import AliasPair
from kg.nlp.topics import is_case_sensitive
from kg.nlp.words import Word, doc_text, words
from kg.parse import vocab
from kg.parse.text import norm_key

ORG = "ORG"
_CONNECTORS = {"of", "the", "on", "for", "and", "in", "to", "de", "&", "'s", "-"}


@lru_cache(maxsize=1)
def _stakeholder_groups() -> frozenset[str]:
    """The stakeholder groups ("Civil Society", "Private Sector"): groups of people, named like organisations."""
    return frozenset(norm_key(g) for g in vocab.load("groups")["stakeholder_groups"])


def _acronym_shaped(w: Word) -> bool:
    """ "OSET", "DCs", "APrIGF", "WG-Strategy": capital first, two or more capitals."""
    return w.text[:1].isupper() and sum(c.isupper() for c in w.text) >= 2 and all(c.isalnum() or c in "-&." for c in w.text)


class OrgFinder:
    """Find organisation spans and acronym definitions in a doc."""

    def __init__(self, nlp: Language, lex: Lexicon) -> None:
        self.nlp = nlp
        self.lex = lex
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.known: dict[str, str] = {}
        for org in lex.organisations:
            for alias in dict.fromkeys((org.name, *(a for a in org.aliases))):
                (self.exact if is_case_sensitive(alias) else self.folded).add(org.key, [nlp.make_doc(alias)])
                self.known[alias.casefold()] = org.key
            if org.acronym:
                self.known[org.acronym.casefold()] = org.key

    def __call__(self, doc: Doc) -> tuple[list[Span], list[AliasPair]]:
        spans = [Span(doc, s, e, label=ORG, kb_id=doc.vocab.strings[m]) for m, s, e in [*self.exact(doc), *self.folded(doc)]]
        pairs: list[AliasPair] = []
        learned: dict[str, str] = {}
        for sent in doc.sents:
            ws = words(doc, sent.start, sent.end)
            for pair, span in self._definitions(doc, ws):
                pairs.append(pair)
                if pair.kind == "organisation":
                    learned[pair.alias] = pair.full
                    spans.append(span)
            spans.extend(self._headed(doc, ws))
        if learned:
            matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
            matcher.add(ORG, [self.nlp.make_doc(a) for a in learned])
            spans.extend(Span(doc, s, e, label=ORG) for _, s, e in matcher(doc))
        return filter_spans(spans), pairs

    def is_organisation(self, full: str, short: str) -> bool:
        """Whether an acronym pair names an organisation rather than a document or process.

        The head of the long form decides: the word before its first
        preposition ("Office of ..."), else its last word ("... Sounding Board").
        """
        if full.casefold() in self.known or short.casefold() in self.known:
            return True
        words = full.split()
        cut = next((i for i, w in enumerate(words) if w.lower() in self.lex.np_prepositions and i > 0), len(words))
        return _is_org_head(self.lex, words[cut - 1])

    def _definitions(self, doc: Doc, ws: list[Word]) -> list[tuple[AliasPair, Span]]:
        out = []
        for p in range(1, len(ws) - 2):
            if ws[p].text != "(":
                continue
            close = next((q for q in range(p + 1, min(len(ws), p + 12)) if ws[q].text == ")"), None)
            if close is None:
                continue
            inner = ws[p + 1:close]
            if len(inner) == 1 and _acronym_shaped(inner[0]):
                # "Long Name (LN)"
                start = self._expansion_start(ws, p, inner[0].text)
                if start is None:
                    continue
                full = doc_text(doc)[ws[start].start_char:ws[p - 1].end_char]
                short = inner[0].text
                span = Span(doc, ws[start].start, ws[p - 1].end, label=ORG)
                begin = ws[start].start_char
            elif len(inner) >= 2 and _acronym_shaped(ws[p - 1]) and inner[0].is_cap and inner[0].text[0] == ws[p - 1].text[0] and sum(w.is_cap for w in inner) >= 2:
                # "LN (Long Name)"
                full = doc_text(doc)[inner[0].start_char:inner[-1].end_char]
                short = ws[p - 1].text
                span = Span(doc, inner[0].start, inner[-1].end, label=ORG)
                begin = ws[p - 1].start_char
            else:
                continue
            if short.casefold() in full.casefold().split():
                continue  # "the 2025 MAG (MAG Meeting III)": what the MAG held, not what "MAG" stands for
            kind = "organisation" if self.is_organisation(full, short) else "term"
            out.append((AliasPair(full, short, begin, ws[close].end_char, kind), span))
        return out

    def _expansion_start(self, ws: list[Word], p: int, acronym: str) -> int | None:
        """Where the long form before ``(`` begins: the farthest plausible word starting with the acronym's letter."""
        letters = [c for c in acronym if c.isupper()]
        best = None
        content = 0
        lower_budget = 2
        s = p - 1
        if not ws[s].is_cap:
            return None
        while s >= 0 and p - s <= 10:
            w = ws[s]
            if w.lower in _CONNECTORS:
                pass
            elif w.is_cap:
                content += 1
            elif w.text.isalpha() and w.text.islower() and lower_budget:
                lower_budget -= 1
                content += 1
            else:
                break
            if w.is_cap and w.text[0] == acronym[0] and content >= 2 and content <= len(letters) + 2:
                best = s
            s -= 1
        return best

    def _headed(self, doc: Doc, ws: list[Word]) -> list[Span]:
        """ "the IGF Secretariat", "Government of Norway", "Working Group on Strategy".

        A stakeholder group ("Civil Society", "the Technical Community") is no organisation.
        """
        groups = _stakeholder_groups()
        out = []
        for h, w in enumerate(ws):
            if not (w.is_cap and w.lower in self.lex.organisation_heads) or w.is_acronym:
                continue
            if h + 1 < len(ws) and ws[h + 1].lower in self.lex.not_head_before:
                continue
            s = h
            while s > 0 and (ws[s - 1].is_cap or ws[s - 1].text == "'s") and ws[s - 1].text not in self.lex.sentence_words:
                s -= 1
            e = h
            for _ in range(2):  # "Office of the Envoy on Technology"
                if not (e + 2 < len(ws) and ws[e + 1].lower in self.lex.np_prepositions):
                    break
                k = e + 2
                if ws[k].lower == "the":
                    k += 1
                last = None
                while k < len(ws) and (ws[k].is_cap or (ws[k].lower == "and" and k + 1 < len(ws) and ws[k + 1].is_cap)):
                    if ws[k].is_cap:
                        last = k
                    k += 1
                if last is None:
                    break
                e = last
            if s == e and not (s > 0 and ws[s - 1].lower == "the" and w.lower in self.lex.standalone_organisations):
                continue
            if s < e and norm_key(doc_text(doc)[ws[s].start_char:ws[e].end_char]) in groups:
                continue
            out.append(Span(doc, ws[s].start, ws[e].end, label=ORG))
        return out


def _is_org_head(lex: Lexicon, word: str) -> bool:
    low = word.lower()
    return low in lex.organisation_heads and (word[:1].isupper() or low not in lex.capitalised_only)
