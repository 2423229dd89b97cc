"""Annotate one parsed report: interventions, topics, organisations, aliases."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import NLPError
from kg.model import Annotations, Intervention, OrgMention, Report, TopicMention
from kg.nlp.candidates import candidate_topics
from kg.nlp.components import ORGS, TOPICS
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.names import AliasPair
from kg.nlp.pipeline import RULE_BASED, load_pipeline
from kg.nlp.roster import Roster
from kg.nlp.speakers import Attributor, Draft, role_introductions, turn_speaker
from kg.nlp.textview import TextView, Unit, build_view
from kg.nlp.topics import TopicScheme

_PAREN_AFTER = re.compile(r"\s*\([^()]{1,24}\)")
_REQUIRED = ("kg_sentences", "kg_topics", "kg_orgs", "kg_people", "kg_speech")


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline ``annotate`` uses when none is given (``load_pipeline("auto")``), loaded once."""
    return load_pipeline("auto")


def annotate(report: Report, nlp: Language | None = None) -> Annotations:
    """Find who said what about which topic in ``report``.

    Args:
        report: a parsed report (``kg.parse.parse_report``).
        nlp: a pipeline from :func:`kg.nlp.load_pipeline`; the default
            (``"auto"``) pipeline when omitted.

    Raises:
        NLPError: ``nlp`` lacks the kg components.
    """
    nlp = nlp or default_pipeline()
    missing = [name for name in _REQUIRED if name not in nlp.pipe_names]
    if missing:
        raise NLPError(f"the spaCy pipeline lacks the kg components {', '.join(missing)}", hint="build it with kg.nlp.load_pipeline()")
    lex = load_lexicon()
    view = build_view(report)
    roster = Roster.from_report(report)
    doc = nlp.make_doc(view.text)
    doc._.kg_view = view
    doc._.kg_roster = roster
    doc = nlp(doc)
    scheme = nlp.get_pipe("kg_topics").scheme
    return _Assembler(report, view, doc, roster, lex, nlp.meta.get("kg_model", RULE_BASED), scheme).annotations()


def _own_names(text: str, report: Report, pairs: list[AliasPair]) -> list[tuple[int, int]]:
    """View spans where the text names the meeting's own series or title (or their acronyms)."""
    meeting = report.meeting
    names = {" ".join(n.split()) for n in (meeting.series, meeting.series_short, meeting.title) if n and len(n.split()) >= 2}
    own = {n.casefold() for n in names}
    names |= {p.alias for p in pairs if any(p.full.casefold() in n for n in own)}
    folded = text.casefold()
    spans = []
    for name in names:
        key = name.casefold()
        i = folded.find(key)
        while i >= 0:
            end = i + len(key)
            # "... Fragmentation (PNIF)": the acronym given with the name is part of it.
            m = _PAREN_AFTER.match(text, end)
            spans.append((i, m.end() if m else end))
            i = folded.find(key, i + 1)
    return spans


def _as_own_body(
    text: str, spans: list[tuple[int, int, str]], names: list[tuple[int, int]], scheme: TopicScheme, report: Report
) -> list[tuple[int, int, str]]:
    """Read "the Policy Network" in the Policy Network on X's own report as that network.

    The body a report is about is its series, or is named where the text
    names the series or title (``names``); a definite, singular mention of
    the kind of body it is ("the BPF", "the Policy Network's work") refers to
    it, when it is the only body of that kind the report is about.
    """
    meeting = report.meeting
    own = {c.key for c in (scheme.find(n) for n in (meeting.series, meeting.series_short) if n) if c}
    own |= {k for s, e, k in spans if any(a <= s and e <= b for a, b in names)}
    out = []
    for s, e, key in spans:
        bodies = [c for c in own if key in (scheme.get(c).broader if scheme.get(c) else ())]
        written = text[s:e]
        if (
            len(bodies) == 1
            and _DEFINITE.search(text[max(0, s - 8):s])
            and not written.endswith("s")
            and not any(a <= s and e <= b for a, b in names)
        ):
            key = bodies[0]
        out.append((s, e, key))
    return out


_DEFINITE = re.compile(r"(?i)\bthe\s+$")


def _org_names(doc: Doc, topic_spans: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int]]:
    """View spans of organisation names whose head is not itself a topic.

    A topic inside such a name ("the Ministry of Digital Economy") names the
    organisation, not a subject discussed.  The head is the word before the
    name's first preposition, else its last word; when a topic covers it
    ("Dynamic Coalition on Child Online Safety") the body is one of the
    Forum's own and its name says what it works on, so its topics count.
    """
    out = []
    for span in doc.spans.get(ORGS, []):
        ws = [t for t in span if not t.is_space and not t.is_punct]
        if not ws:
            continue
        cut = next((i for i, t in enumerate(ws) if i > 0 and t.lower_ in lex.np_prepositions), len(ws))
        head = ws[cut - 1]
        if not any(s <= head.idx and head.idx + len(head) <= e for s, e, _ in topic_spans):
            out.append((span.start_char, span.end_char))
    return out


class _Assembler:
    """Turn the annotated doc of one report into an :class:`Annotations` value."""

    def __init__(
        self, report: Report, view: TextView, doc: Doc, roster: Roster, lex: Lexicon, model: str, scheme: TopicScheme
    ) -> None:
        self.report = report
        self.view = view
        self.doc = doc
        self.roster = roster
        self.lex = lex
        self.model = model
        # (view start, view end, topic key) of every topic span, in text order.
        self.all_topic_spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(TOPICS, [])]
        # Naming the body that meets ("the 32nd meeting of the Policy Network on
        # X") is not discussing X: such spans count for neither the meeting nor
        # an intervention, though they stay topic mentions.  Nor is a topic
        # that is only part of an organisation's name ("Ministry of Digital
        # Economy"); a topic that is the whole name ("Office of the Tech Envoy") is.
        names = _own_names(view.text, report, doc._.kg_aliases or [])
        self.all_topic_spans = _as_own_body(view.text, self.all_topic_spans, names, scheme, report)
        orgs = _org_names(doc, self.all_topic_spans, lex)
        self.topic_spans = [
            t for t in self.all_topic_spans
            if not any(a <= t[0] and t[1] <= b for a, b in names)
            and not any(a <= t[0] and t[1] <= b and (a, b) != t[:2] for a, b in orgs)
        ]

    def annotations(self) -> Annotations:
        attribution = Attributor(self.report, self.view, self.doc, self.roster, self.lex).run()
        interventions = [self._intervention(d) for d in attribution.drafts]
        interventions.extend(self._turns())
        interventions.sort(key=lambda i: (i.start, i.speaker.start))
        mentions = list(attribution.mentions)
        mentions.extend(i.speaker for i in interventions if i.verb == ">>")
        return Annotations(
            report=self.report,
            interventions=tuple(interventions),
            topic_mentions=tuple(self._topic_mentions()),
            org_mentions=tuple(self._org_mentions()),
            aliases=tuple(self._aliases()),
            candidate_topics=tuple(candidate_topics(self.doc, self.view, self.lex, self.roster)),
            meeting_topics=tuple(self._meeting_topics()),
            model=self.model,
            mentions=tuple(sorted(set(mentions), key=lambda m: (m.start, m.end))),
        )

    # ------------------------------------------------------------------ topics

    def _topics_in(self, start: int, end: int) -> list[str]:
        return list(dict.fromkeys(k for s, e, k in self.topic_spans if s >= start and e <= end))

    def _unit_topics(self, kind: str, index: tuple[int, ...]) -> list[str]:
        return [k for u in self.view.units if u.kind == kind and u.index == index for k in self._topics_in(u.start, u.end)]

    def _section_topics(self, section_index: int | None) -> list[str]:
        """Topics of a section's agenda item and of its title (not of the item's sub-items)."""
        if section_index is None or section_index >= len(self.report.sections):
            return []
        section = self.report.sections[section_index]
        keys: list[str] = []
        if section.agenda_index is not None:
            keys += self._unit_topics("agenda", (section.agenda_index,))
        keys += self._unit_topics("section_title", (section_index,))
        return list(dict.fromkeys(keys))

    def _topic_mentions(self) -> list[TopicMention]:
        out = []
        for s, e, key in self.all_topic_spans:
            unit = self.view.unit_at(s)
            if unit is None or unit.detached:
                continue
            rs, re_ = self.view.report_span(s, e)
            out.append(TopicMention(key, self.report.text[rs:re_], rs, re_))
        return out

    def _meeting_topics(self) -> list[str]:
        """Topics named by the agenda, the discussion, the action items or the turns, first-named first."""
        firsts: dict[str, int] = {}
        for s, _, key in self.topic_spans:
            unit = self.view.unit_at(s)
            if unit is None:
                continue
            pos = self.view.offsets[s] if not unit.detached else len(self.report.text)
            firsts[key] = min(firsts.get(key, pos), pos)
        return sorted(firsts, key=lambda k: (firsts[k], k))

    # ------------------------------------------------------------------ interventions

    def _intervention(self, d: Draft) -> Intervention:
        section_index = d.unit.index[0]
        agenda_index = self.report.sections[section_index].agenda_index
        topics: list[str] = []
        for a, b in d.regions:
            topics += self._topics_in(a, b)
        if not topics:
            topics = self._topics_in(*d.sentence)
        inherited = False
        if not topics:
            topics = self._section_topics(section_index)
            inherited = bool(topics)
        rs, re_ = self.view.report_span(d.start, d.end)
        return Intervention(
            speaker=d.speaker,
            text=self.report.text[rs:re_],
            start=rs,
            end=re_,
            verb=d.verb,
            section_index=section_index,
            agenda_index=agenda_index,
            topics=tuple(dict.fromkeys(topics)),
            topics_inherited=inherited,
        )

    def _turns(self) -> list[Intervention]:
        """Transcript turns: each is an intervention of its (resolved) speaker label.

        A turn that names no topic speaks to its section's agenda item or, in
        a transcript without sections, to the item a turn last announced
        ("The next item is the GDC").
        """
        out = []
        units = {u.index[0]: u for u in self.view.units if u.kind == "turn"}
        item: list[str] = []
        introduced = role_introductions(self.report.turns, self.report.text, self.roster, self.lex)
        for ti, turn in enumerate(self.report.turns):
            speaker = turn_speaker(turn, self.report.text, self.roster, self.lex, introduced)
            section_index = next((i for i, s in enumerate(self.report.sections) if s.start <= turn.start < s.end), None)
            agenda_index = self.report.sections[section_index].agenda_index if section_index is not None else None
            unit: Unit | None = units.get(ti)
            topics = self._topics_in(unit.start, unit.end) if unit else []
            if self._announces_item(self.report.text[turn.text_start:turn.end]):
                item = topics
            inherited = False
            if not topics:
                topics = self._section_topics(section_index) or item
                inherited = bool(topics)
            out.append(
                Intervention(
                    speaker=speaker,
                    text=self.report.text[turn.text_start:turn.end],
                    start=turn.text_start,
                    end=turn.end,
                    verb=">>",
                    section_index=section_index,
                    agenda_index=agenda_index,
                    topics=tuple(topics),
                    topics_inherited=inherited,
                )
            )
        return out

    def _announces_item(self, text: str) -> bool:
        folded = " ".join(text.split()).casefold()
        return any(re.search(rf"\b{re.escape(cue)}\b", folded) for cue in self.lex.item_cues)

    # ------------------------------------------------------------------ organisations and aliases

    def _pairs(self) -> list[AliasPair]:
        return list(self.doc._.kg_aliases or [])

    def _aliases(self) -> list[tuple[str, str, int, int]]:
        out = []
        for pair in self._pairs():
            unit = self.view.unit_at(pair.start_char)
            if unit is None or unit.detached:
                continue
            rs, re_ = self.view.report_span(pair.start_char, pair.end_char)
            out.append((pair.full, pair.alias, rs, re_))
        out.extend(self.roster.nicknames)
        return list(dict.fromkeys(out))

    def _org_mentions(self) -> list[OrgMention]:
        by_short = {p.alias: p.full for p in self._pairs() if p.kind == "organisation"}
        by_full = {p.full: p.alias for p in self._pairs() if p.kind == "organisation"}
        known = {o.key: o for o in self.lex.organisations}
        out: list[OrgMention] = []
        for span in self.doc.spans.get(ORGS, []):
            unit = self.view.unit_at(span.start_char)
            if unit is None or unit.detached:
                continue
            rs, re_ = self.view.report_span(span.start_char, span.end_char)
            text = span.text
            org = known.get(span.kb_id_) if span.kb_id_ else None
            if org is not None:
                out.append(OrgMention(org.name, rs, re_, org.acronym if org.acronym != org.name else None))
            elif text in by_short:
                out.append(OrgMention(by_short[text], rs, re_, text))
            else:
                out.append(OrgMention(text, rs, re_, by_full.get(text)))
        text = self.report.text
        by_alias = {a: o for o in self.lex.organisations for a in o.aliases}
        for p in self.report.participants:
            for name in p.organisations:
                i = text.find(name, p.start, max(p.end, p.start + len(p.name_as_written) + 400))
                if i < 0:
                    continue
                if name in by_short:
                    out.append(OrgMention(by_short[name], i, i + len(name), name))
                elif name in by_alias:
                    org = by_alias[name]
                    out.append(OrgMention(org.name, i, i + len(name), org.acronym if org.acronym != org.name else None))
                else:
                    out.append(OrgMention(name, i, i + len(name), by_full.get(name)))
        return sorted(set(out), key=lambda o: (o.start, o.end, o.name))
