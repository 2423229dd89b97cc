"""Turn speech events into interventions: who said what, in which sentences.

Works on one report after the pipeline has run.  Each reporting clause
("Maria noted", "She added", "The co-chair opened the meeting") starts an
intervention; following sentences of the same paragraph that name no new
speaker extend it, until an impersonal sentence ("It was noted") ends the
turn.  Pronouns resolve to the previous speaker of matching gender, genders
being learnt from the report itself (a "She" right after a lone speaker, a
title such as "Ms.", "her" right after the verb).  Roles resolve through the
report's participant list and chair.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.model import Mention, Report, Turn
from kg.nlp.agents import Agent, AgentRules, SpeechEvent
from kg.nlp.lexicon import Lexicon
from kg.nlp.roster import Roster, fold
from kg.nlp.textview import TextView, Unit
from kg.nlp.words import Word, doc_text

_PAREN = re.compile(r"\s*\([^)]*\)")
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass
class Draft:
    """An intervention being assembled (view offsets)."""

    speaker: Mention
    verb: str
    unit: Unit
    start: int
    end: int
    regions: list[tuple[int, int]]
    sentence: tuple[int, int]
    referent: str | None = None


@dataclass(frozen=True)
class _Subject:
    """A named person opening a sentence without a reporting verb: a possible antecedent."""

    tok: int
    name: str
    sentence: int
    unit: tuple[int, ...]


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    tok_start: int
    tok_end: int
    unit: Unit


@dataclass
class Attribution:
    """The attribution of one report: interventions (as drafts) and every agent mention."""

    drafts: list[Draft] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def resolve_role(role: str, roster: Roster, lex: Lexicon) -> str | None:
    """The person a role phrase refers to in this report, when exactly one fits.

    A chair-like role ("co-chair", "moderator") is the meeting's chair when
    the participant list names nobody else for it; otherwise the role must
    single out one participant.
    """
    words = fold(role, keep="-").split()
    if not words:
        return None
    holders = roster.holders_of(role, lex.past_words)
    chair = _PAREN.sub("", roster.chair).strip() if roster.chair else None
    if chair and words[-1] in lex.chair_like and (not holders or any(fold(h) == fold(chair) for h in holders)):
        return chair
    return holders[0] if len(holders) == 1 else None


def clean_label(label: str, lex: Lexicon) -> str:
    """A transcript speaker label as a name: ALL CAPS in title case, without its extras.

    Dropped: a trailing parenthetical ("Jane Roe (ACME)", "(via Zoom)"),
    titles ("MS. ROE"), and role words before a name ("CHAIR JANE ROE",
    "the Moderator Tom Lee"); a label that is only a role keeps its words.
    """
    while (bare := _PAREN_TAIL.sub("", label).strip()) and bare != label:
        label = bare  # "Jane Roe (ACME) (remote)": every trailing parenthetical
    words = label.replace(":", " ").split()
    titles = {h.casefold() for h in lex.honorifics}
    roles = lex.role_heads | lex.chair_like
    lead = lex.determiners | lex.np_modifiers
    while len(words) > 1:
        if words[0].casefold() in titles:
            words.pop(0)
            continue
        # "CHAIR JANE ROE", "THE CO-CHAIR MS. ROE": a run of role words before a name
        k = 0
        while k < len(words) - 1 and (words[k].casefold() in lead or words[k].casefold() in roles):
            k += 1
        rest = words[k:]
        if k and any(w.casefold() in roles for w in words[:k]) and all(w[:1].isalpha() and w[:1].isupper() for w in rest):
            words = rest
            continue
        break
    name = " ".join(words)
    return name.title() if name.isupper() else name


def role_introductions(turns: Sequence[Turn], text: str, roster: Roster, lex: Lexicon) -> dict[str, str]:
    """Role labels whose speaker says who they are: ``{label: name}``.

    "MODERATOR: ... My name is Olga Petrenko" makes every MODERATOR turn of
    the transcript hers, when the participant list names nobody for the role
    and no other name is introduced under the same label.  A label that names
    nobody ("PARTICIPANT", "SPEAKER") is not a role one person holds: each of its
    turns is whoever that turn says, or unresolved.  A numbered one ("Speaker 2",
    as a recording export labels the voices it cannot name) is one voice throughout.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for turn in turns:
        if not turn.is_role or (_anonymous(turn.label, lex) and not any(ch.isdigit() for ch in turn.label)):
            continue
        role = clean_label(turn.label, lex)
        if resolve_role(role, roster, lex) is not None:
            continue
        intro = _introduced(text, turn.text_start, min(turn.end, turn.text_start + _INTRO_WINDOW), roster, lex)
        if intro is not None:
            found[role].add(intro[2])
    return {role: next(iter(names)) for role, names in found.items() if len(names) == 1}


def turn_speaker(
    turn: Turn, text: str, roster: Roster, lex: Lexicon, introduced: Mapping[str, str] | None = None
) -> Mention:
    """The speaker of a transcript turn: its label, or the person an unnamed speaker says they are.

    A label of only unnamed-speaker words ("REMOTE PARTICIPANT (via Zoom)",
    "SPEAKER 2") gives way to a self-introduction near the start of the turn
    ("This is Kwame from ...", "My name is ...", "Kwame speaking"): the
    speaker is then a person mention of the name as the turn writes it.  A
    role label refers to the listed holder of the role, else to the name its
    speaker introduced (``introduced``, from :func:`role_introductions`).
    """
    name = clean_label(turn.label, lex)
    label = text[turn.label_start:turn.label_end]
    if _anonymous(turn.label, lex):
        found = _introduced(text, turn.text_start, min(turn.end, turn.text_start + _INTRO_WINDOW), roster, lex)
        if found is not None:
            start, end, person = found
            return Mention(text[start:end], start, end, "person", person)
    if turn.is_role:
        antecedent = resolve_role(name, roster, lex) or (introduced or {}).get(name)
        return Mention(label, turn.label_start, turn.label_end, "role", name, antecedent=antecedent)
    return Mention(label, turn.label_start, turn.label_end, "person", name)


_INTRO_WINDOW = 160  # characters from the start of a turn where a self-introduction counts
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|[.,;:!?]")
_CLOSE = frozenset([".", ",", ";", ":", "!", "?"])
_AFTER_NAME = frozenset(["from", "of", "with", "at", "for", "and", "representing", "speaking", "here"])


def _anonymous(label: str, lex: Lexicon) -> bool:
    """A label naming nobody: only unnamed-speaker words and numbers ("SPEAKER 2", "Remote participant (via Zoom)")."""
    words = [w for w in re.split(r"[\s()\[\]:,/]+", label.casefold()) if w]
    return bool(words) and all(w in lex.anonymous_label_words or w.strip("#").isdigit() for w in words) and any(
        w in lex.role_heads or w in lex.group_heads or w in ("speaker", "participant", "audience", "floor", "voice", "caller") for w in words
    )


def _introduced(text: str, start: int, end: int, roster: Roster, lex: Lexicon) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of a name the speaker gives for themselves between ``start`` and ``end``, if any."""
    toks = [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]
    low = [t[2].casefold().replace("\u2019", "'") for t in toks]
    titles = set(lex.honorifics)
    heads = lex.role_heads | lex.group_heads | lex.organisation_heads

    def name_at(i: int, cue: bool) -> tuple[int, int, str] | None:
        while i < len(toks) and (toks[i][2] in titles or toks[i][2] + "." in titles):
            i += 2 if i + 1 < len(toks) and toks[i + 1][2] == "." else 1  # "Dr" "." is one title
        j = i
        while j < len(toks) and j - i < 4 and Word(0, 0, toks[j][2], 0, 0).name_shaped:
            j += 1
        if j == i or (cue is not None and j < len(toks) and toks[j][2] not in _CLOSE and low[j] not in _AFTER_NAME):
            return None
        parts = [t[2] for t in toks[i:j]]
        if any(p in lex.sentence_words or p.casefold() in heads for p in parts) or " ".join(parts) in lex.countries:
            return None
        if cue in lex.self_introductions_checked and len(parts) == 1 and not roster.has_word(parts[0]):
            return None  # "I am Brazilian": one word after "I am" must be a listed name
        return toks[i][0], toks[j - 1][1], " ".join(parts)

    cues = [(c, c.split()) for c in (*lex.self_introductions, *lex.self_introductions_checked)]
    for i in range(len(toks)):
        for cue, cue_words in cues:
            if low[i:i + len(cue_words)] == cue_words and (i == 0 or toks[i - 1][2] in _CLOSE):
                found = name_at(i + len(cue_words), cue)
                if found is not None:
                    return found
        if low[i] in lex.self_introduction_ends and i > 0:
            k = i
            while k > 0 and k > i - 4 and Word(0, 0, toks[k - 1][2], 0, 0).name_shaped:
                k -= 1
            if k < i and (k == 0 or toks[k - 1][2] in _CLOSE):
                found = name_at(k, None)
                if found is not None and found[1] <= toks[i][0]:
                    return found
    return None


class Attributor:
    """Build the interventions and mentions of one annotated report."""

    def __init__(self, report: Report, view: TextView, doc: Doc, roster: Roster, lex: Lexicon) -> None:
        self.report = report
        self.view = view
        self.doc = doc
        self.roster = roster
        self.lex = lex
        self.firsts = {n.split()[0] for n in roster.full_names() if len(n.split()) > 1}
        self.votes: dict[str, Counter] = defaultdict(Counter)

    # ------------------------------------------------------------------ helpers

    def report_span(self, start: int, end: int) -> tuple[int, int]:
        return self.view.report_span(start, end)

    def _char(self, tok: int) -> int:
        return self.doc[tok].idx

    def _end_char(self, tok_end: int) -> int:
        last = self.doc[tok_end - 1]
        return last.idx + len(last.text)

    def gender(self, name: str | None) -> str | None:
        if not name:
            return None
        votes = self.votes.get(name)
        if not votes:
            return None
        (top, n), *rest = votes.most_common()
        return top if not rest or rest[0][1] < n else None

    # ------------------------------------------------------------------ main

    def run(self) -> Attribution:
        sentences = self._sentences()
        events = [e for e in (self.doc._.kg_events or []) if self._unit_kind(e) == "paragraph"]
        full_names = self._full_names(events)
        base: dict[tuple[int, int], Mention] = {}
        for ev in events:
            for ag in ev.agents:
                base[(ev.verb_start, ag.start)] = self._mention(ag, full_names)
        subjects = self._subjects(events, sentences, full_names)
        self._learn_genders(events, base, [s.tok for s in subjects])
        resolved = self._resolve_pronouns(events, base, sentences, subjects)
        drafts = self._drafts(sentences, events, resolved)
        mentions = [self._with_gender(m) for m in self._all_mentions(events, resolved, full_names)]
        for d in drafts:
            d.speaker = self._with_gender(d.speaker)
        return Attribution(drafts, mentions)

    def _with_gender(self, m: Mention) -> Mention:
        """Give a person or role mention the gender learnt for its referent."""
        if m.kind in ("person", "role") and m.gender is None:
            g = self.gender(self._referent(m))
            if g:
                return dataclasses.replace(m, gender=g)
        return m

    def _unit_kind(self, ev: SpeechEvent) -> str | None:
        unit = self.view.unit_at(self._char(ev.verb_start)) if self.view.units else None
        return unit.kind if unit else None

    def _sentences(self) -> list[_Sentence]:
        out = []
        for sent in self.doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            unit = self.view.unit_at(toks[0].idx)
            if unit is None or unit.kind != "paragraph":
                continue
            out.append(_Sentence(toks[0].idx, toks[-1].idx + len(toks[-1].text), toks[0].i, toks[-1].i + 1, unit))
        return out

    # ------------------------------------------------------------------ names

    def _full_names(self, events: list[SpeechEvent]) -> list[tuple[int, str]]:
        """Multi-word person names in text order (for surname-only references)."""
        names: list[tuple[int, str]] = []
        for span in self.doc.spans.get("kg_people", []):
            words = [w for w in span.text.split() if w not in self.lex.honorifics]
            if len(words) >= 2:
                names.append((span.start_char, " ".join(words)))
        for ev in events:
            for ag in ev.agents:
                if ag.kind == "person" and len(ag.name.split()) >= 2 and not ag.honorific:
                    names.append((self._char(ag.start), ag.name))
        return sorted(set(names))

    def _expand(self, name: str, at: int, honorific: bool, full_names: list[tuple[int, str]]) -> str:
        """ "Ms. Roe" after "Jane Roe": the full name as written earlier in the report."""
        words = name.split()
        if not honorific and (len(words) != 1 or words[0] in self.firsts):
            return name
        tail = fold(name)
        earlier = {n for pos, n in full_names if pos < at and fold(n).endswith(" " + tail)}
        if len(earlier) == 1:
            return earlier.pop()
        if honorific or len(words) == 1:
            listed = self.roster.names_ending_with(words)
            if len(listed) == 1:
                return listed[0]
        return name

    def _mention(self, ag: Agent, full_names: list[tuple[int, str]]) -> Mention:
        vs, ve = self._char(ag.start), self._end_char(ag.end)
        rs, re_ = self.report_span(vs, ve)
        text = self.report.text[rs:re_]
        if ag.kind == "person":
            if ag.end - ag.start == 1 and self.doc[ag.start].lower_ in self.lex.first_person and ag.name == self.roster.writer:
                # "I presented the outline": the writer of the report, a pronoun standing for them
                return Mention(text, rs, re_, "pronoun", text.lower(), antecedent=ag.name)
            return Mention(text, rs, re_, "person", self._expand(ag.name, vs, ag.honorific, full_names), gender=ag.gender)
        if ag.kind == "role":
            return Mention(text, rs, re_, "role", ag.name, antecedent=resolve_role(ag.name, self.roster, self.lex))
        if ag.kind == "pronoun":
            return Mention(text, rs, re_, "pronoun", ag.name, gender=ag.gender)
        return Mention(text, rs, re_, ag.kind, ag.name)

    # ------------------------------------------------------------------ genders and pronouns

    def _section(self, ev: SpeechEvent) -> int | None:
        unit = self.view.unit_at(self._char(ev.verb_start))
        return unit.index[0] if unit else None

    @staticmethod
    def _referent(m: Mention) -> str | None:
        if m.kind == "person":
            return m.name
        if m.kind == "role":
            # An unresolved role is still one person: "She" after it is that person too.
            return m.antecedent or m.text.strip() or None
        if m.kind == "pronoun":
            return m.antecedent
        return None

    def _learn_genders(self, events: list[SpeechEvent], base: dict[tuple[int, int], Mention], subjects: list[int]) -> None:
        """Learn genders from the report: a title ("Ms."), "her"/"his" right after the verb, a pronoun after a named speaker.

        Titles and possessives are strong evidence; a pronoun right after a
        named lone speaker only counts for speakers without strong evidence,
        and a pronoun after a pronoun teaches nothing ("He noted ... She
        added" refers further back), nor does a pronoun after a person who
        became the subject in between ("Tom noted ... Ingrid joined. She ...").
        """
        pronoun_votes: list[tuple[str, str]] = []
        prev: list[str] = []
        prev_named = False
        section = object()
        last = -1
        for ev in events:
            if ev.embedded:
                continue
            if self._section(ev) != section:
                section, prev, prev_named = self._section(ev), [], False
            if bisect_left(subjects, ev.agents[0].start) > bisect_right(subjects, last):
                prev_named = False
            last = ev.agents[-1].start
            names: list[str] = []
            named = True
            for ag in ev.agents:
                m = base[(ev.verb_start, ag.start)]
                if m.kind == "pronoun":
                    named = False
                    if len(prev) == 1 and m.gender and prev_named:
                        pronoun_votes.append((prev[0], m.gender))
                    if len(prev) == 1:
                        names.append(prev[0])
                elif (ref := self._referent(m)) is not None:
                    names.append(ref)
                    if m.kind == "person" and m.gender:
                        self.votes[ref][m.gender] += 1
            if len(names) == 1 and named:
                for tok in self.doc[ev.verb_end:min(len(self.doc), ev.verb_end + 2)]:
                    if tok.lower_ in self.lex.other_pronouns:
                        self.votes[names[0]][self.lex.other_pronouns[tok.lower_]] += 1
                        break
            prev, prev_named = names, named
        strong = set(self.votes)
        for name, g in pronoun_votes:
            if name not in strong:
                self.votes[name][g] += 1

    def _subjects(self, events: list[SpeechEvent], sentences: list[_Sentence], full_names: list[tuple[int, str]]) -> list[_Subject]:
        """Named people opening a sentence without reporting anything ("Ingrid joined for this item.")."""
        order = {sent.tok_start: n for n, sent in enumerate(sentences)}
        speaking = {ag.start for ev in events for ag in ev.agents}
        out = []
        for ag, sent_start in AgentRules(self.doc, self.lex, self.roster).person_subjects():
            n = order.get(sent_start)
            if n is None or ag.start in speaking:
                continue
            unit = sentences[n].unit
            out.append(_Subject(ag.start, self._mention(ag, full_names).name, n, unit.index))
        return out

    def _resolve_pronouns(
        self, events: list[SpeechEvent], base: dict[tuple[int, int], Mention], sentences: list[_Sentence], subjects: list[_Subject]
    ) -> dict[tuple[int, int], Mention]:
        """Give each pronoun its antecedent: the previous speaker, or a person who just became the subject.

        A named subject that reports nothing ("Ingrid joined for this item.
        She asked ...") is the antecedent of a pronoun only in the same
        paragraph or the next sentence, when no gender speaks against it.
        """
        resolved = dict(base)
        order = {sent.tok_start: n for n, sent in enumerate(sentences)}
        prev: list[str] = []
        history: list[str] = []
        section = object()
        pending = iter(subjects)
        subject = next(pending, None)
        for ev in events:
            if ev.embedded:
                continue
            if self._section(ev) != section:
                section, prev, history = self._section(ev), [], []
            soft: _Subject | None = None
            while subject is not None and subject.tok < ev.agents[0].start:
                soft, subject = subject, next(pending, None)
            names: list[str] = []
            for ag in ev.agents:
                key = (ev.verb_start, ag.start)
                m = base[key]
                if m.kind == "pronoun" and m.antecedent is None:
                    ante = self._antecedent(m.gender, prev, history)
                    n = order.get(ev.sent_start)
                    if soft is not None and n is not None and self._soft_fits(soft, n, sentences[n].unit, m.gender, ante):
                        ante = soft.name
                    m = Mention(m.text, m.start, m.end, m.kind, m.name, ante, m.gender)
                    resolved[key] = m
                ref = self._referent(m)
                if ref:
                    names.append(ref)
                    history.append(ref)
            prev = names
        return resolved

    def _soft_fits(self, soft: _Subject, sentence: int, unit: Unit, g: str | None, speaker: str | None) -> bool:
        """Whether a pronoun in sentence number ``sentence`` refers to the non-speaking subject ``soft`` rather than to ``speaker``."""
        near = unit.index == soft.unit or (sentence - soft.sentence == 1 and unit.index[0] == soft.unit[0])
        if not near:
            return False
        mine = self.gender(soft.name)
        if mine is not None:
            return mine == g
        # Nothing is known of the subject: the previous speaker keeps a pronoun its gender fits.
        return speaker is None or g is None or self.gender(speaker) != g

    def _antecedent(self, g: str | None, prev: list[str], history: list[str]) -> str | None:
        """The previous speaker of matching gender when that is clear, else the previous speaker."""
        matching = lambda n: self.gender(n) == g  # noqa: E731
        recent_match = next((h for h in reversed(history) if matching(h)), None)
        if len(prev) == 1:
            n = prev[0]
            if self.gender(n) in (None, g):
                return n
            return recent_match or n
        if len(prev) > 1:
            fits = [n for n in prev if matching(n)]
            unknown = [n for n in prev if self.gender(n) is None]
            if len(fits) == 1:
                return fits[0]
            if not fits and len(unknown) == 1:
                return unknown[0]
            return None
        return recent_match

    # ------------------------------------------------------------------ interventions

    def _impersonal(self, sent: _Sentence) -> bool:
        """ "It was noted ...", "Several comments were raised": reports nobody, ends the turn."""
        text = doc_text(self.doc)[sent.start:sent.end].lower()
        if any(text.startswith(s) for s in self.lex.impersonal_starts):
            return True
        toks = self.doc[sent.tok_start:sent.tok_end]
        for tok in toks:
            if tok.lower_ in self.lex.verbs and not self.lex.verbs[tok.lower_].objects:
                k = tok.i - 1
                while k >= sent.tok_start and self.doc[k].lower_ in self.lex.between:
                    k -= 1
                if k >= sent.tok_start and self.doc[k].lower_ in self.lex.passive:
                    return True
        return False

    def _drafts(self, sentences: list[_Sentence], events: list[SpeechEvent], resolved: dict[tuple[int, int], Mention]) -> list[Draft]:
        by_sentence: dict[int, list[SpeechEvent]] = defaultdict(list)
        for ev in events:
            if not ev.embedded:
                by_sentence[ev.sent_start].append(ev)
        drafts: list[Draft] = []
        open_: list[Draft] = []
        prev_unit: Unit | None = None
        # Units with a closing "(raised by X)": their sentences before it are X's note, not a run-on
        unit_of = {sent.tok_start: sent.unit for sent in sentences}
        noted = {id(unit_of[ev.sent_start]) for ev in events if ev.by_line and ev.sent_start in unit_of}
        note_from: int | None = None
        for sent in sentences:
            unit = sent.unit
            if unit is not prev_unit:
                # A paragraph that starts in lower case continues the previous one
                # (a page break or a block of links cut the sentence).
                continues = (
                    prev_unit is not None
                    and prev_unit.kind == "paragraph"
                    and unit.index[0] == prev_unit.index[0]
                    and self.view.text[unit.start:unit.start + 1].islower()
                )
                if not continues:
                    open_ = []
                prev_unit = unit
                note_from = None
            evs = sorted(by_sentence.get(sent.tok_start, []), key=lambda e: e.agents[0].start)
            notes = [ev for ev in evs if ev.by_line]
            evs = [ev for ev in evs if not ev.by_line]
            for ev in notes:
                m = resolved[(ev.verb_start, ev.agents[0].start)]
                start = sent.start if note_from is None else note_from
                drafts.append(Draft(m, ev.verb, unit, start, sent.end, [(start, sent.end)], (sent.start, sent.end), self._referent(m)))
            if notes:
                open_, note_from = [], None
                if not evs:
                    continue
            if id(unit) in noted and not evs:
                note_from = sent.start if note_from is None else note_from
                continue
            note_from = None
            if not evs:
                if self._impersonal(sent):
                    open_ = []
                    continue
                extended = []
                for d in open_:
                    if d.unit is not unit:
                        d = Draft(d.speaker, d.verb, unit, sent.start, sent.end, [], (sent.start, sent.end), d.referent)
                        drafts.append(d)
                    d.end = sent.end
                    d.regions.append((sent.start, sent.end))
                    extended.append(d)
                open_ = extended
                continue
            in_sentence: list[Draft] = []
            group: list[Draft] = []
            for k, ev in enumerate(evs):
                r0 = sent.start if k == 0 else self._char(ev.agents[0].start)
                r1 = self._char(evs[k + 1].agents[0].start) if k + 1 < len(evs) else sent.end
                group = []
                for ag in ev.agents:
                    m = resolved[(ev.verb_start, ag.start)]
                    ref = self._referent(m)
                    same = next((d for d in in_sentence if ref and d.referent == ref), None)
                    if same is not None:
                        same.regions.append((r0, r1))
                        group.append(same)
                        continue
                    d = Draft(m, ev.verb, unit, sent.start, sent.end, [(r0, r1)], (sent.start, sent.end), ref)
                    drafts.append(d)
                    in_sentence.append(d)
                    group.append(d)
            open_ = group
        return drafts

    # ------------------------------------------------------------------ mentions

    def _all_mentions(self, events: list[SpeechEvent], resolved: dict[tuple[int, int], Mention], full_names: list[tuple[int, str]]) -> list[Mention]:
        """Every agent mention: subjects (speaking or embedded) and named people elsewhere."""
        out: dict[tuple[int, int], Mention] = {}
        for ev in events:
            for ag in ev.agents:
                m = resolved[(ev.verb_start, ag.start)]
                out.setdefault((m.start, m.end), m)
        taken = [(m.start, m.end) for m in out.values()]
        for span in self.doc.spans.get("kg_people", []):
            unit = self.view.unit_at(span.start_char)
            if unit is None or unit.detached:
                continue
            rs, re_ = self.report_span(span.start_char, span.end_char)
            if any(rs < b and a < re_ for a, b in taken):
                continue
            words = span.text.split()
            honorific = bool(words) and words[0] in self.lex.honorifics
            gender = self.lex.honorifics.get(words[0]) if honorific else None
            while words and words[0] in self.lex.honorifics:
                words.pop(0)
            name = self._expand(" ".join(words), span.start_char, honorific, full_names)
            out[(rs, re_)] = Mention(self.report.text[rs:re_], rs, re_, "person", name, gender=gender)
        return sorted(out.values(), key=lambda m: (m.start, m.end))
