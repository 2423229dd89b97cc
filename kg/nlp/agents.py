"""Who speaks or acts in a sentence: the subjects of reporting and acting verbs.

The rules read the words before a reporting verb ("noted", "gave an update")
backwards: adverbs and auxiliaries ("also", "has"), then one or more noun
phrases joined by "and" ("Maria and Tom"), each classified as a pronoun,
person, role, organisation or group.  A verb after "was"/"will"/"to" is not a
report of someone speaking; a subject right after "that"/"whether" is speech
reported inside someone else's and is kept apart (``embedded``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.nlp.lexicon import Lexicon
from kg.nlp.names import is_elided_name
from kg.nlp.roster import Roster
from kg.nlp.words import Word, doc_text, words
from kg.parse import vocab

_MAX_NAME_WORDS = 5
_MAX_OF_WORDS = 4
_MAX_BRACKET = 24  # words inside "Name (...) noted"
_MAX_APPOSITION = 18  # words between the commas of "Jane Doe, <apposition>, noted"
_MAX_ROLE_APPOSITION = 9  # the same after a role: "The Chair, Ambassador Roe, opened"  # "of (the) ..." in lower case after a role: "a member of the technical community"
_STAMP_WORD = re.compile(r"^[\[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[\])]?$")
_LEADING = frozenset(["[", "]", "(", ")", "-", "\u2013", "\u2014", ">", ">>", "*", "**"])
# Words after a capitalised phrase that show it is not a subject with its verb.
_NOT_VERB = frozenset(["and", "or", "nor", "but", "s", "as", "than"])
# a combining accent counts as part of its letter ("ADÉBÁYỌ̀" has no precomposed last letter)
_CAPS_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_'\u2019.-]|[\u0300-\u036f]|['\u2019.-](?=[^\W\d_]))*\.?$")
_DASHES = frozenset(["-", "\u2013", "\u2014", "--"])
_MAX_LABEL_BRACKET = 12  # words inside "RAMDIN (guest, ...) – shared"
_MAX_BY_WORDS = 12  # words after "by" in "It was noted by the co-facilitator (Ana Lima) that"
_CLAUSE_ENDS = frozenset([",", ".", ";", ":", "!", "?"])
_COORDINATORS = frozenset(["but", "and"])  # "Ana was supportive but warned"
_MAX_PREDICATE = 3  # lower-case words between "was" and "but" in "Ana was very supportive but warned"
_CHAT_LABEL_END = frozenset(vocab.load("transcript")["chat_label_end"])
_PARA_NUMBER = re.compile(r"^(?:\(?\d{1,3}[.)]|\d{1,3}\.\d{1,2}\.?|\(?[a-z][.)])$")


def _is_colon(text: str) -> bool:
    """ ":" or a colon glued to a closing bracket ("):")."""
    return text == ":" or (text.endswith(":") and not text[:-1].strip(")]"))


@dataclass(frozen=True)
class Agent:
    """A subject noun phrase: tokens ``start``..``end`` and what it refers to.

    ``name`` is the cleaned form (no article, honorific or apposition);
    ``honorific`` is true when a title preceded the name ("Ms. Doe").
    """

    start: int
    end: int
    kind: str
    name: str
    gender: str | None = None
    honorific: bool = False
    appositive: bool = False


@dataclass(frozen=True)
class SpeechEvent:
    """A reporting or acting verb with its subject(s), in one sentence (token indices)."""

    agents: tuple[Agent, ...]
    verb: str
    verb_start: int
    verb_end: int
    sent_start: int
    sent_end: int
    embedded: bool = False
    by_line: bool = False
    """A closing "(raised by Maria)": the speaker of the note it ends, not of this sentence alone."""


class AgentRules:
    """The attribution rules applied to one ``Doc``."""

    def __init__(self, doc: Doc, lex: Lexicon, roster: Roster | None) -> None:
        self.doc = doc
        self.lex = lex
        self.roster = roster or Roster()
        # Capitalised words that are also written in lower case in the same
        # report are common nouns ("Participants agreed"), not names.
        self.lower_words = {t.lower_ for t in doc if t.is_lower}
        self.person_tokens = _token_labels(doc, "kg_people")
        self.org_tokens = _token_labels(doc, "kg_orgs")
        self.topic_tokens = _token_labels(doc, "kg_topics")
        self.ent_tokens = {t.i: t.ent_type_ for t in doc if t.ent_type_} if doc.has_annotation("ENT_IOB") else {}

    # ------------------------------------------------------------------ events

    def events(self) -> list[SpeechEvent]:
        """Every reporting or acting verb with a subject, in text order."""
        found: list[SpeechEvent] = []
        for sent in self.doc.sents:
            ws = words(self.doc, sent.start, sent.end)
            label = self._label(ws, sent.start, sent.end) or self._dash_label(ws, sent.start, sent.end)
            if label is not None:
                found.append(label)
            inline = self._inline_handles(ws, sent.start, sent.end)
            found.extend(inline)
            if inline and label is None:
                label = inline[0]
            by_line = self._by_line(ws, sent.start, sent.end)
            if by_line is not None:
                found.append(by_line)
            for wi in range(len(ws)):
                event = self._event(ws, wi, sent.start, sent.end)
                if event is not None:
                    if label is not None and event.verb_start > label.verb_start:
                        # "MR. ROE: Norway supports this": the labelled speaker's own words
                        event = replace(event, embedded=True)
                    found.append(event)
        return found

    def _label(self, ws: list[Word], sent_start: int, sent_end: int) -> SpeechEvent | None:
        """ "Maria: we should ...": a name (or role) and a colon opening a statement, as in minutes taken as notes.

        A timestamp, bracket or dash before the label is skipped ("00:03:20
        Maria:", "[Maria]:"); a parenthetical after the name is not part of
        it ("Jane Roe (ACME):"); a label in capitals is read as a name when a
        title or role word opens it or it has several words ("MR. ROE:").
        """
        s = 0
        while s < len(ws) and (ws[s].text in _LEADING or _STAMP_WORD.match(ws[s].text)):
            s += 1
        colon = next((i for i in range(s, min(len(ws), s + 9)) if _is_colon(ws[i].text)), None)
        if colon is None or colon == s or ws[s].text in self.lex.label_words:
            return None
        rest = ws[colon + 1:]
        # A statement has running words; "Chair: Jane van der Berg" is a field.  A participant's
        # name after a time may answer in one word ("[14:09] Arjun: yes."): the notes go on after it.
        reply = s > 0 and colon == s + 1 and self.roster.has_word(ws[s].text) and any(w.text.isalpha() and w.text.islower() for w in rest)
        if not reply and (len(rest) < 3 or sum(w.text.isalpha() and w.text.islower() and w.lower not in self.lex.name_particles for w in rest) < 2):
            return None
        last = colon - 1
        if ws[colon].text != ":" or ws[last].text in (")", "]"):
            # "Jane Roe (ACME):": the name stands before the parenthesis; "[Jane Roe]:" is all name
            opener = next((i for i in range(colon - 1, s - 1, -1) if ws[i].text in ("(", "[")), None)
            last = opener - 1 if opener is not None else (colon - 1 if ws[colon].text != ":" else colon - 2)
        if last < s:
            return None
        label = ws[s:last + 1]
        if len(label) == 1 and self._handle(label[0]):
            # "@ana_l: we should ...", "ana_l: ...": a handle the participant list gave a person
            agent = Agent(label[0].start, label[0].end, "person", label[0].text)
        elif all(not any(c.islower() for c in w.text) for w in label) and any(w.text.isalpha() for w in label):
            # "SILVA: stressed that ...": a reporting verb right after the colon marks a surname
            agent = self._caps_label(label, surname=rest[0].text == rest[0].lower and rest[0].lower in self.lex.verbs)
        elif ws[s].is_acronym:
            return None
        else:
            agent = self.parse_np(ws, last)
            if agent is not None and agent.start != ws[s].start:
                agent = None
            if agent is not None and s and agent.kind == "person" and agent.end - agent.start == 1 and not agent.honorific:
                # "10:30 Opening: ...": after a time, a lone word must be known as a name
                known = agent.start in self.person_tokens or self.roster.has_word(ws[s].text) or self.ent_tokens.get(agent.start) == "PERSON"
                agent = agent if known else None
        if agent is None or agent.kind not in ("person", "role"):
            return None
        return SpeechEvent((agent,), ":", ws[colon].start, ws[colon].end, sent_start, sent_end)

    def _handle(self, w: Word) -> bool:
        """Whether ``w`` is a chat handle the participant list gave a person ("@ana_l", "Ana Lima (ana_l)")."""
        return (w.text.startswith("@") or not any(c.isupper() for c in w.text)) and self.roster.has_word(w.text)

    def _inline_handles(self, ws: list[Word], sent_start: int, sent_end: int) -> list[SpeechEvent]:
        """ "... the regional link. ana_l: agrees; ...": a handle's label after the end of the previous speaker's sentence.

        Chat-style notes run several speakers into one line; the sentence
        splitter keeps "link. ana_l:" together because the handle is in lower
        case.  A listed handle with a colon, after sentence-final punctuation,
        opens a new statement there.
        """
        out: list[SpeechEvent] = []
        for i in range(1, len(ws) - 2):
            w = ws[i]
            if ws[i + 1].text != ":" or ws[i - 1].text[-1:] not in _CHAT_LABEL_END or not self._handle(w):
                continue
            out.append(SpeechEvent((Agent(w.start, w.end, "person", w.text),), ":", ws[i + 1].start, ws[i + 1].end, sent_start, sent_end))
        return out

    def _dash_label(self, ws: list[Word], sent_start: int, sent_end: int) -> SpeechEvent | None:
        """ "SILVA – stressed that ...": a name, a dash and a reporting verb in lower case open a statement.

        Minutes that number their points often open each one so.  A surname
        in capitals is read like "Mr. Silva" (resolved against the participant
        list); a name in mixed case must read as a person.  A bracket between
        name and dash is not part of the name ("RAMDIN (guest) – shared").
        Label words ("NOTE", "UPDATE") and capitalised words that the report
        also writes in lower case are not names.
        """
        s = 0
        while s < len(ws) and (ws[s].text in _LEADING or _STAMP_WORD.match(ws[s].text) or _PARA_NUMBER.match(ws[s].text)):
            s += 1
        end = s
        while end < len(ws) and end - s < _MAX_NAME_WORDS and ws[end].text not in _DASHES and ws[end].text != "(":
            end += 1
        if end == s or end >= len(ws):
            return None
        dash = end
        if ws[end].text == "(":
            close = next((i for i in range(end + 1, min(len(ws), end + _MAX_LABEL_BRACKET)) if ws[i].text == ")"), None)
            dash = close + 1 if close is not None else len(ws)
        if dash + 1 >= len(ws) or ws[dash].text not in _DASHES:
            return None
        verb = ws[dash + 1]
        if verb.text != verb.lower or verb.lower not in self.lex.verbs:
            return None
        label = ws[s:end]
        if label[0].text in self.lex.label_words or label[0].text.capitalize() in self.lex.label_words:
            return None
        caps = [not any(c.islower() for c in w.text) for w in label]
        if all(caps):
            agent = self._caps_label(label, surname=True)
        elif (
            any(caps)
            and all(c or w.name_shaped for c, w in zip(caps, label))
            and label[0].lower not in self.lex.determiners
            and label[0].text not in self.lex.sentence_words
        ):
            # "Ana LIMA – noted": a full name with its surname in capitals
            agent = self._caps_label(label, surname=True)
            agent = replace(agent, honorific=False) if agent is not None and agent.kind == "person" else agent
        else:
            agent = self.parse_np(ws, end - 1)
            if agent is not None and (agent.start != label[0].start or agent.end != label[-1].end):
                agent = None
        if agent is None or agent.kind not in ("person", "role"):
            return None
        return SpeechEvent((agent,), verb.text, verb.start, verb.end, sent_start, sent_end)

    def _by_line(self, ws: list[Word], sent_start: int, sent_end: int) -> SpeechEvent | None:
        """ "... (raised by Maria)" closing a sentence: a reporting verb's participle, "by" and a person or role.

        Anything after the name inside the brackets ("by Tom Roe, ACME") is an
        affiliation; the brackets must end the sentence.
        """
        close = len(ws) - 1
        while close >= 0 and ws[close].text in (".", ";"):
            close -= 1
        if close < 4 or ws[close].text != ")":
            return None
        opener = next((i for i in range(close - 1, max(-1, close - 12), -1) if ws[i].text == "("), None)
        if opener is None or close - opener < 4:
            return None
        verb, by = ws[opener + 1], ws[opener + 2]
        if verb.lower not in self.lex.verbs or verb.text != verb.lower or by.lower != "by":
            return None
        end = next((i for i in range(opener + 3, close) if ws[i].text == ","), close) - 1
        agent = self.parse_np(ws, end) if end >= opener + 3 else None
        if agent is None or agent.start != ws[opener + 3].start or agent.kind not in ("person", "role"):
            return None
        return SpeechEvent((agent,), verb.text, verb.start, by.end, sent_start, sent_end, by_line=True)

    def _caps_label(self, label: list[Word], surname: bool = False) -> Agent | None:
        """A label in capitals ("MR. ROE", "CHAIR JANE ROE", "CO-CHAIR") as a person or role, else ``None``.

        Capitals hide the shape of names, so a lone word is a name only
        after a title ("MR. ROE"); otherwise it must be a role.  With
        ``surname`` (the label's form marks a name, as "SILVA – noted" does),
        a lone word is a surname too, and the name is resolved as after a
        title: by the participant list.
        """
        lex = self.lex
        toks: list[str] = []
        for w in label:
            if w.text == "." and toks:
                toks[-1] += "."
            else:
                toks.append(w.text)
        titles = {h.casefold(): g for h, g in lex.honorifics.items()}
        roles = lex.role_heads | lex.chair_like
        lead = lex.determiners | lex.np_modifiers
        honorific, gender, role = False, None, False
        while len(toks) > 1:
            t = toks[0].casefold()
            if t in titles or t + "." in titles:
                honorific = True
                gender = gender or titles.get(t, titles.get(t + "."))
            elif t in roles or t in lead:
                role = role or t in roles
            else:
                break
            toks.pop(0)
        start, end = label[0].start, label[-1].end
        if len(toks) == 1 and toks[0].casefold() in roles and not honorific:
            return Agent(start, end, "role", toks[0].capitalize())
        heads = lex.organisation_heads | lex.group_heads | roles
        if not 1 <= len(toks) <= _MAX_NAME_WORDS or not (honorific or role or surname or len(toks) > 1):
            return None
        if any(not _CAPS_NAME.match(t) or t.casefold() in heads or t.capitalize() in lex.label_words for t in toks):
            return None
        name = " ".join(t.lower() if k and t.lower() in lex.name_particles else t.title() for k, t in enumerate(toks))
        if surname and not honorific and not role:
            # "NOTE", "WSIS" or "UPDATE" before a dash: a word the report also writes in lower
            # case, or an organisation it names, is no surname unless the participant list has it
            listed = any(self.roster.has_word(t) for t in name.split())
            if not listed and (
                name in lex.countries
                or any(t.lower() in self.lower_words for t in toks)
                or self._covered(label[0].start, label[-1].end, self.org_tokens)
                or self._covered(label[0].start, label[-1].end, self.topic_tokens)
            ):
                return None
            honorific = True
        return Agent(start, end, "person", name, gender, honorific)

    def _event(self, ws: list[Word], wi: int, sent_start: int, sent_end: int) -> SpeechEvent | None:
        lex = self.lex
        w = ws[wi]
        entry = lex.verbs.get(w.lower)
        if entry is None or w.text != w.lower:
            return None
        present = w.lower.endswith("s")
        if present and not entry.objects:
            # "Maria notes that ..." but not "Member states remained ...".
            nxt = ws[wi + 1] if wi + 1 < len(ws) else None
            if nxt is None or not (nxt.lower in lex.present_followers or nxt.is_cap):
                return None
        end_wi = wi
        if entry.objects:
            hit = next((k for k in range(wi + 1, min(len(ws), wi + 1 + entry.window)) if ws[k].lower in entry.objects), None)
            if hit is None:
                return None
            end_wi = hit
        k = wi - 1
        while k >= 0 and ws[k].lower in lex.between:
            k -= 1
        if k >= 0 and ws[k].lower in lex.passive and not entry.objects:
            return self._passive_agent(ws, wi, sent_start, sent_end)
        if k < 0 or ws[k].lower in lex.passive or ws[k].lower in lex.modal:
            return None
        if ws[k].lower in _COORDINATORS:
            agents, first_wi = self._copula_subject(ws, k)
        else:
            agents, first_wi = self._subjects(ws, k)
        if not agents:
            return None
        if present and (len(agents) > 1 or agents[0].kind == "group"):
            # "There were some questions": a plural subject never takes "-s".
            return None
        before = ws[first_wi - 1].lower if first_wi > 0 else ""
        if before in lex.prepositions and not agents[0].appositive:
            # "Jane Doe from ACME noted": the person before the affiliation speaks.
            person = self.parse_np(ws, first_wi - 2) if first_wi >= 2 and len(agents) == 1 and agents[0].kind == "organisation" else None
            if person is None or person.kind != "person":
                return None
            agents = [person]
            first_wi = next(i for i, x in enumerate(ws) if x.start == person.start)
            before = ws[first_wi - 1].lower if first_wi > 0 else ""
        verb = doc_text(self.doc)[w.start_char:ws[end_wi].end_char]
        return SpeechEvent(tuple(agents), verb, w.start, ws[end_wi].end, sent_start, sent_end, embedded=before in lex.embedding)

    def _passive_agent(self, ws: list[Word], wi: int, sent_start: int, sent_end: int) -> SpeechEvent | None:
        """ "It was noted by Dr. Roe that ...": a reporting verb in the passive, "by" and a person or role.

        The agent is the shortest phrase after "by" that reads as a person or role and is
        followed by the end of the clause ("that", a comma, a preposition other than "of");
        an organisation or a group ("by several members") reports no one speaking.
        """
        lex = self.lex
        by = wi + 1
        if by + 1 >= len(ws) or ws[by].lower != "by":
            return None
        for e in range(by + 1, min(len(ws), by + 1 + _MAX_BY_WORDS)):
            nxt = ws[e + 1] if e + 1 < len(ws) else None
            if nxt is not None and not (nxt.text in _CLAUSE_ENDS or nxt.lower in lex.embedding
                                        or (nxt.lower in lex.prepositions and nxt.lower != "of")):
                continue
            agent = self.parse_np(ws, e)
            if agent is not None and agent.start == ws[by + 1].start and agent.kind in ("person", "role"):
                return SpeechEvent((agent,), ws[wi].text, ws[wi].start, ws[by].end, sent_start, sent_end)
        return None

    def _copula_subject(self, ws: list[Word], k: int) -> tuple[list[Agent], int]:
        """ "Dr. Roe was supportive but warned that ...": the subject of the copula clause the verb is joined to.

        ``ws[k]`` is the "but" or "and"; before it up to three words in lower case, an
        auxiliary ("was", "were"), and the subject: a person, role or pronoun.
        """
        lex = self.lex
        j = k - 1
        while j >= 0 and k - j <= _MAX_PREDICATE and ws[j].text.isalpha() and ws[j].text.islower() and ws[j].lower not in lex.passive:
            j -= 1
        if j == k - 1 or j < 1 or ws[j].lower not in lex.passive:
            return [], k
        agent = self.parse_np(ws, j - 1)
        if agent is None or agent.kind not in ("person", "role", "pronoun") or agent.end != ws[j - 1].end:
            return [], k
        return [agent], self._index(ws, agent.start)

    def _subjects(self, ws: list[Word], k: int) -> tuple[list[Agent], int]:
        """The subject noun phrases ending at word ``k`` ("Maria", "Maria, Tom and Lena"), and the index of the subject's first word."""
        if ws[k].text == "," and k > 0:
            return self._apposed(ws, k)
        agent = self.parse_np(ws, k)
        if agent is None:
            return [], k
        agents = [agent]
        seen_and = False
        while True:
            s = next(i for i, x in enumerate(ws) if x.start == agents[0].start)
            if s < 2:
                break
            sep = ws[s - 1].lower
            if sep in ("and", "&"):
                j = s - 2
                if j >= 1 and ws[j].text == ",":
                    j -= 1
                seen_and = True
            elif sep == "," and seen_and:
                j = s - 2
            else:
                break
            prev = self.parse_np(ws, j)
            if prev is None or prev.kind == "pronoun" or agent.kind == "pronoun":
                break
            agents.insert(0, prev)
        return agents, self._index(ws, agents[0].start)

    def _apposed(self, ws: list[Word], k: int) -> tuple[list[Agent], int]:
        """A subject with an apposition closed by the comma at ``k``: the person it names.

        "Jane Doe, a MAG member, noted": the person before the apposition.
        "The Chair, Ambassador Roe, opened": a role whose apposition names
        a person; the person holds the role and is the subject.
        """
        open_ = next((m for m in range(k - 1, max(-1, k - _MAX_APPOSITION), -1) if ws[m].text == ","), None)
        if open_ is None or open_ == 0 or open_ == k - 1:
            return [], k
        outer = self.parse_np(ws, open_ - 1)
        if outer is None:
            return [], k
        first = self._index(ws, outer.start)
        if outer.kind == "person":
            # "Mr. Roe, speaking as co-chair of the Working Group on Strategy, proposed": a named
            # person may carry a long apposition; a role's must be short enough to hold a name
            return [outer], first
        if k - open_ > _MAX_ROLE_APPOSITION:
            return [], k
        if outer.kind != "role" or (first > 0 and ws[first - 1].lower in self.lex.prepositions):
            return [], k
        inner = self.parse_np(ws, k - 1)
        if inner is None or inner.kind != "person" or inner.start != ws[open_ + 1].start:
            return [], k
        return [replace(inner, appositive=True)], first

    @staticmethod
    def _index(ws: list[Word], tok: int) -> int:
        """The index of the word starting at token ``tok``."""
        return next(i for i, x in enumerate(ws) if x.start == tok)

    # ------------------------------------------------------------------ subjects that do not speak

    def person_subjects(self) -> list[tuple[Agent, int]]:
        """Named people opening a sentence as its subject, with the sentence's first token.

        "Ingrid joined for this item.": such a person is the natural referent
        of a "She" in the next sentence though no reporting verb marks them a
        speaker.  Only a phrase that is surely a name counts (a title, the
        participant list, a name found elsewhere), followed by a word in lower
        case that could be its verb.
        """
        lex = self.lex
        out: list[tuple[Agent, int]] = []
        for sent in self.doc.sents:
            ws = words(self.doc, sent.start, sent.end)
            s = 0
            while s < len(ws) and (ws[s].text in _LEADING or _STAMP_WORD.match(ws[s].text)):
                s += 1
            j = s
            while j < len(ws) and j - s < _MAX_NAME_WORDS + 2 and (ws[j].is_cap or ws[j].text in lex.honorifics or (j > s and ws[j].lower in lex.name_particles)):
                j += 1
            if j == s or j + 1 >= len(ws):
                continue
            nxt = j
            while nxt < len(ws) and ws[nxt].lower in lex.between:
                nxt += 1
            if nxt >= len(ws):
                continue
            v = ws[nxt]
            if not (v.text.isalpha() and v.text.islower()) or v.lower in _NOT_VERB or v.lower in lex.prepositions or v.lower in lex.determiners or v.lower in lex.embedding:
                continue
            agent = self.parse_np(ws, j - 1)
            if agent is None or agent.kind != "person":
                continue
            if agent.honorific or self._covered(agent.start, agent.end, self.person_tokens) or self.roster.has_word(ws[j - 1].text):
                out.append((agent, sent.start))
        return out

    # ------------------------------------------------------------------ noun phrases

    def parse_np(self, ws: list[Word], j: int, depth: int = 0) -> Agent | None:
        """The noun phrase ending at word ``j``, classified, or ``None``."""
        lex = self.lex
        w = ws[j]
        if w.lower in lex.subject_pronouns:
            return Agent(w.start, w.end, "pronoun", w.lower, lex.subject_pronouns[w.lower])
        if w.lower in lex.first_person and w.text.isupper() and self.roster.writer:
            # "I presented the outline" in a mailed summary: its author
            return Agent(w.start, w.end, "person", self.roster.writer)
        if w.text == ")":
            # "Jane Doe (ACME) noted": the subject stands before the parenthesis.
            m = next((i for i in range(j - 1, max(-1, j - _MAX_BRACKET), -1) if ws[i].text == "("), None)
            if m and ws[m - 1].lower in lex.first_person and m + 1 < j:
                # "I (Ana L.) flagged": the note-taker names themselves in the bracket
                inner = self.parse_np(ws, j - 1, depth)
                return inner if inner is not None and inner.start == ws[m + 1].start and inner.kind in ("person", "role") else None
            if not m:
                return None
            outer = self.parse_np(ws, m - 1, depth)
            if outer is not None and outer.kind == "role" and m + 1 < j:
                # "The co-facilitator (Ana Lima) welcomed": the brackets name who holds the role
                inner = self.parse_np(ws, j - 1, depth)
                if inner is not None and inner.kind == "person" and inner.start == ws[m + 1].start and self._surely_named(inner, ws[m + 1:j]):
                    return Agent(outer.start, w.end, "person", inner.name, inner.gender, inner.honorific, True)
            return outer
        lower_head = not w.is_cap and (w.lower in lex.role_heads or w.lower in lex.group_heads)
        if not (w.is_cap or lower_head or (is_elided_name(w.text) and j > 0 and ws[j - 1].is_cap)):
            return self._role_of(ws, j, depth)
        start = j
        budget = 3 if lower_head else 0
        determiner = False
        while start > 0:
            p = ws[start - 1]
            if p.lower in lex.determiners and not p.is_acronym:
                start -= 1
                determiner = True
                break
            if p.text in ("'s", "'"):
                start -= 1
                continue
            if p.is_cap:
                if p.text in lex.sentence_words and not self.roster.has_word(p.text):
                    break
                start -= 1
                continue
            if p.lower in lex.name_particles:
                # "Mr. van der Meer", "Pieter van der Meer": a run of particles after a capitalised word
                q = start - 1
                while q >= 1 and ws[q - 1].lower in lex.name_particles and not ws[q - 1].is_cap:
                    q -= 1
                if q >= 1 and ws[q - 1].is_cap:
                    start = q
                    continue
            if p.lower in lex.np_modifiers:
                start -= 1
                continue
            if budget and p.text.isalpha() and p.text.islower() and p.lower not in STOP_WORDS:
                budget -= 1
                start -= 1
                continue
            break
        if depth < 3 and start >= 2 and ws[start - 1].lower in lex.np_prepositions:
            # "The Working Group on Strategy", "the Government of Norway".
            left = self.parse_np(ws, start - 2, depth + 1)
            if left is not None and left.kind in ("organisation", "role", "group"):
                name = self._clean_text(ws, next(i for i, x in enumerate(ws) if x.start == left.start), j)
                return Agent(left.start, w.end, left.kind, name)
        return self._classify(ws, start, j, determiner)

    def _surely_named(self, agent: Agent, ws: list[Word]) -> bool:
        """Whether a person phrase is surely a name: a title, several words, or a word known as one."""
        if agent.honorific or len(ws) > 1 or self._covered(agent.start, agent.end, self.person_tokens):
            return True
        return self.roster.has_word(ws[0].text) or self.ent_tokens.get(agent.start) == "PERSON"

    def _role_of(self, ws: list[Word], j: int, depth: int) -> Agent | None:
        """ "A representative of the private sector": a role or group head, "of", and words in lower case.

        The words after "of" name no one (a stakeholder group, a sector), so
        the phrase is the role (or group) it starts with; anything else in
        lower case is not a subject.
        """
        lex = self.lex
        if depth >= 3:
            return None
        of = j
        while of > 0 and j - of < _MAX_OF_WORDS and ws[of].text.isalpha() and (ws[of].lower not in STOP_WORDS or ws[of].lower in lex.determiners):
            of -= 1
        if of == j or of < 1 or ws[of].lower != "of" or ws[of + 1].lower in lex.determiners and of + 1 == j:
            return None
        left = self.parse_np(ws, of - 1, depth + 1)
        head = ws[of - 1].lower
        if left is None or left.kind not in ("role", "group") or not (head in lex.role_heads or head in lex.group_heads):
            return None
        name = self._clean_text(ws, self._index(ws, left.start), j)
        return Agent(left.start, ws[j].end, left.kind, name)

    def _classify(self, ws: list[Word], start: int, j: int, determiner: bool) -> Agent | None:
        lex = self.lex
        core = list(range(start, j + 1))
        # "AN" in capitals is someone's initials, not the article
        while core and ((ws[core[0]].lower in lex.determiners and not ws[core[0]].is_acronym) or ws[core[0]].lower in lex.np_modifiers):
            core.pop(0)
        honorific = False
        gender = None
        while len(core) > 1 and ws[core[0]].text in lex.honorifics:
            honorific = True
            gender = gender or lex.honorifics[ws[core[0]].text]
            core.pop(0)
        if not core:
            return None
        heads = lex.organisation_heads | lex.role_heads | lex.group_heads
        appositive = False
        # "the IGF Secretariat Jane Doe", "the new MAG Chair Tom Roe": a title
        # or body in front of a name is an apposition; the name is the subject.
        for h in range(len(core) - 2, -1, -1):
            hw = ws[core[h]]
            tail = [ws[i] for i in core[h + 1:]]
            named = len(tail) > 1 or self.roster.has_word(tail[0].text) or tail[0].lower not in self.lower_words
            if hw.lower in (lex.organisation_heads | lex.role_heads) and len(tail) <= 4 and named and all(t.name_shaped and t.lower not in heads for t in tail):
                core = core[h + 1:]
                appositive = True
                break
        cw = [ws[i] for i in core]
        head = cw[-1]
        hl = head.lower
        first_tok, last_tok = cw[0].start, head.end
        name = " ".join(x.text for x in cw)
        span_start = ws[core[0]].start if appositive else ws[start].start
        if self._covered(first_tok, last_tok, self.person_tokens):
            return Agent(span_start, last_tok, "person", name, gender, honorific, appositive)
        if hl in lex.role_heads:
            return Agent(ws[start].start, last_tok, "role", name)
        # "The Working Group" is a body, "the group" some people.
        if hl in lex.organisation_heads and (head.is_cap or hl not in lex.capitalised_only) and not (hl in lex.group_heads and not head.is_cap):
            return Agent(ws[start].start, last_tok, "organisation", name)
        if hl in lex.group_heads:
            return Agent(ws[start].start, last_tok, "group", name)
        if self._covered(first_tok, last_tok, self.org_tokens):
            return Agent(ws[start].start, last_tok, "organisation", name)
        if self._covered(first_tok, last_tok, self.topic_tokens):
            return None
        if name in lex.countries or self.ent_tokens.get(first_tok) in ("GPE", "NORP"):
            # "Brazil stressed ...": a country speaks through its delegation.
            return Agent(ws[start].start, last_tok, "organisation", name)
        if len(cw) == 1 and head.is_acronym:
            return Agent(ws[start].start, last_tok, "organisation", name)
        if self._person_shaped(cw, determiner and not honorific and not appositive, honorific):
            return Agent(span_start, last_tok, "person", name, gender, honorific, appositive)
        label = self.ent_tokens.get(first_tok)
        if label == "ORG":
            return Agent(ws[start].start, last_tok, "organisation", name)
        return None

    def _person_shaped(self, cw: list[Word], determiner: bool, honorific: bool) -> bool:
        lex = self.lex
        if determiner or len(cw) > _MAX_NAME_WORDS:
            return False
        if (cw[0].lower in lex.name_particles and not honorific) or cw[-1].lower in lex.name_particles:
            return False  # "Mr. van der Meer" is a name; "van der" alone or "Meer van" is none
        heads = lex.organisation_heads | lex.role_heads | lex.group_heads
        for x in cw:
            if x.lower in lex.name_particles:
                continue
            if not (x.name_shaped or self.roster.has_word(x.text) or (is_elided_name(x.text) and (honorific or len(cw) > 1))) or x.lower in heads:
                return False
        if len(cw) == 1 and cw[0].text in lex.sentence_words and not self.roster.has_word(cw[0].text):
            return False  # "Nobody objected", "Everyone agreed"
        if len(cw) == 1 and not honorific:
            x = cw[0]
            if self.ent_tokens.get(x.start) == "PERSON" or self.roster.has_word(x.text):
                return True
            if x.lower in self.lower_words or x.is_initial:
                return False
        return True

    def _clean_text(self, ws: list[Word], a: int, b: int) -> str:
        """The words ``a``..``b`` as a name: leading articles dropped."""
        while a < b and ws[a].lower in self.lex.determiners:
            a += 1
        return doc_text(self.doc)[ws[a].start_char:ws[b].end_char]

    @staticmethod
    def _covered(start: int, end: int, tokens: dict[int, str]) -> bool:
        return all(i in tokens for i in range(start, end))


def _token_labels(doc: Doc, key: str) -> dict[int, str]:
    labels: dict[int, str] = {}
    if key in doc.spans:
        for span in doc.spans[key]:
            for i in range(span.start, span.end):
                labels[i] = span.label_
    return labels
