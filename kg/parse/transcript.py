"""Transcripts: speaker turns, one label and a colon at the start of a line.

Three ways of writing a turn are read:

- caption transcripts: ``>> NAME: text`` / ``>>NAME:`` / ``>> CHAIR:``;
- recording exports: a timestamp before the label, ``00:03:20 Jane Roe: text``,
  ``[00:03:12] JANE ROE:``, ``(3:12) - Jane Roe:``;
- verbatim records: a plain label, ``MS. ROE: text``, ``CHAIR TOM LEE:``,
  ``UNIDENTIFIED SPEAKER:``.

A ``>>`` mark is evidence enough.  Labels without it are also how minutes
write fields ("Date: ...", "Chair: Ana Lopez") and notes ("Maria: suggested
..."), so they are read as turns only when the document as a whole looks like
a transcript (:func:`_unmarked_turns`).  A label may end in a parenthetical
(``Jane Roe (ACME):``, ``REMOTE PARTICIPANT (via Zoom):``); it stays in the
label as written.  Turns set with a hanging indent (the label at the margin,
the lines after it indented) keep "Word:" in the text column as speech
(:func:`_drop_hanging`); a gutter of line numbers is removed at ingest.

Around the turns: the headings above the first turn, a captioner's note
allowed and a list of speakers read as the participant list
(:func:`preamble_kinds`); an agenda the opening turns read out
(:func:`read_out_agenda`); tasks with a deadline in the closing turns
(:func:`closing_actions`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from kg.model import ActionItem, AgendaItem, Turn
from kg.parse import vocab
from kg.parse.actions import find_due, find_owner, recap_owner, task_end
from kg.parse.agenda import find_agenda
from kg.parse.headings import HeadingKind, heading_kind, numbered
from kg.parse.names import looks_like_name, read_name
from kg.parse.sentences import split_sentences
from kg.parse.text import Clean, Line, bullet_prefix, clean, is_prose, norm_key, split_lines

_TURN = re.compile(r"(?m)^[ \t]*(?P<mark>>>)[ \t]*(?P<label>[^:\n>]{1,80}?)[ \t]*:(?=[ \t]|$)")

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?(?:[ \t]?[AaPp]\.?[Mm]\.?(?![^\W\d_]))?"
_STAMP = rf"[\[(]?{_TIME}[\])]?"
# A label without ">>": optionally after a timestamp (and a dash), optionally in bold; starts with a letter.
_UNMARKED = re.compile(
    rf"(?m)^[ \t]*(?:(?P<stamp>{_STAMP})[ \t]*(?:[-\u2013\u2014][ \t]*)?)?(?:\*\*)?"
    r"(?P<label>[^\W\d_][^:\n>*]{0,79}?)[ \t]*(?:\*\*)?:(?:\*\*)?(?=[ \t]|$)"
)
# A recording export's label line: the name, a gap, the time the turn starts, nothing after it
# ("Jane Roe  0:04", "Jane Roe  01:02:03", "[Jane Roe] 12:01:33"); the words follow on the next line.
_LABEL_LINE = re.compile(
    r"(?m)^[ \t]*\[?(?P<label>[^\W\d_][^:\n>*\[\]]{0,79}?)\]?[ \t]+(?:[-\u2013\u2014|][ \t]*)?"
    rf"(?P<stamp>{_STAMP})[ \t]*$"
)
# A chat export's header line with the time first, in brackets ("[10:02 AM] Jane Roe"): the words follow.
_STAMP_LABEL_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<stamp>[\[(]{_TIME}[\])])[ \t]*(?:[-\u2013\u2014|][ \t]*)?"
    r"(?P<label>[^\W\d_][^:\n>*\[\]]{0,79}?)[ \t]*$"
)
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")
_SENTENCE_END = re.compile(r"[.!?\u2026]$")
_VALUE_SPLIT = re.compile(r"[,;(/]|\s[-\u2013\u2014|]\s")

MIN_TURNS = 2
"""Speaker turns a text needs to be read as a transcript."""

MIN_PLAIN_TURNS = 3
"""Plain ``LABEL:`` lines (no ``>>``, no timestamp) a text needs to be read as a transcript."""

MIN_COVERAGE = 0.7
"""Share of the non-blank lines from the first unmarked turn on that the turns must hold."""

MAX_LABEL_WORDS = 8


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    data = vocab.load("transcript")
    labels = frozenset(norm_key(x) for x in data["role_labels"])
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in [*data["role_label_patterns"], data["device_label"]])
    return labels, patterns


@lru_cache(maxsize=1)
def _field_labels() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("transcript")["field_labels"])


def label_core(label: str) -> str:
    """The label without a trailing parenthetical: ``"Jane Roe (ACME)"`` -> ``"Jane Roe"``."""
    core = _PARENTHETICAL.sub("", label).strip()
    return core or label.strip()


def is_role_label(label: str) -> bool:
    """Whether a turn label names a role ("CHAIR", "MODERATOR", "SPEAKER 2") rather than a person.

    A chat's display name for a device ("iPad de Lucas", "Jane's iPhone") is read
    as one too: it names nobody for certain.
    """
    key = norm_key(label_core(label)).strip(" .")
    labels, patterns = _role_patterns()
    return key in labels or any(p.search(key) for p in patterns)


def _is_label(label: str) -> bool:
    """Caption labels are upper-case, or a person's name as written, or a role."""
    core = label_core(label)
    letters = [ch for ch in core if ch.isalpha()]
    if not letters or len(core.split()) > MAX_LABEL_WORDS:
        return False
    upper = sum(1 for ch in letters if ch.isupper()) / len(letters)
    return upper >= 0.8 or looks_like_name(core) or is_role_label(core)


def _is_field_label(label: str) -> bool:
    """A header or minutes field ("Date", "Next meeting", "Action items"), never a speaker."""
    key = norm_key(label_core(label)).strip(" .")
    fields = _field_labels()
    return key in fields or key.split(" ", 1)[0] in fields


def _speaker_label(label: str) -> bool:
    """A label without ``>>`` that could name a speaker: not a field, at least two letters."""
    core = label_core(label)
    return sum(ch.isalpha() for ch in core) >= 2 and not _is_field_label(core) and _is_label(label)


def find_turns(text: str, start: int = 0, end: int | None = None) -> list[Turn]:
    """Every speaker turn in ``text[start:end]``; a turn runs to the next turn's line.

    ``>>`` turns are taken when there are at least :data:`MIN_TURNS` of them;
    otherwise timestamped and plain labels are, when the text reads as a
    transcript; otherwise whatever ``>>`` turns there are.
    """
    end = len(text) if end is None else end
    marked = [
        (m.start("mark"), m.start("label"), m.group("label"), m.end())
        for m in _TURN.finditer(text, start, end)
        if _is_label(m.group("label").strip())
    ]
    if len(marked) < MIN_TURNS:
        unmarked = _unmarked_turns(text, start, end)
        if unmarked:
            return _build(text, unmarked, end)
    return _build(text, marked, end)


_Mark = tuple[int, int, str, int]
"""``(turn_start, label_start, label_as_written, colon_end)``: where a turn's label line says a turn starts."""


@lru_cache(maxsize=1)
def _chat_message() -> re.Pattern[str]:
    return re.compile(vocab.load("transcript")["chat_message"].replace("{stamp}", _STAMP), re.IGNORECASE | re.MULTILINE)


def _chat_messages(text: str, start: int, end: int) -> list[tuple[_Mark, str]]:
    """The message lines of a chat export that name their poster after "From", each with its time.

    ``14:02:15 From Jane Roe (ACME) to Everyone: text``: the label is the poster as
    written, bracketed note included; to whom it went (everyone, or someone
    "(privately)") does not change whose turn it is.
    """
    out: list[tuple[_Mark, str]] = []
    for m in _chat_message().finditer(text, start, end):
        stamp = m.group("stamp") or m.group("after")
        if not stamp:
            continue
        label = m.group("label").strip()
        if sum(ch.isalpha() for ch in label_core(label)) < 2:
            continue
        first = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))  # the time, or "From"
        out.append(((first, m.start("label"), m.group("label"), m.end()), stamp))
    return out


def _recorded(stamps: Iterable[str]) -> bool:
    """Whether some time was recorded by a tool (seconds, or a minute off the round five), not planned.

    A recording or a chat stamps its lines at any minute; a programme's times
    ("Coffee break  10:30") fall on round minutes.
    """
    return any(s.count(":") >= 2 or int(_LAST_FIELD.search(s).group()) % 5 for s in stamps)


def _below_a_report(text: str, start: int, end: int, found: Sequence[_Mark]) -> bool:
    """Whether the turns follow more running text than they hold: a report with a transcript or chat annex.

    A transcript's preamble is a title, a date, an agenda, a list of speakers,
    perhaps a paragraph; a summary whose annex gives the chat ("Annex - Chat
    export") has its discussion above the first turn, and stays a summary
    (:func:`find_chat` reads the annex).
    """
    first = text.rfind("\n", 0, found[0][0]) + 1
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text[start:first]))
    above = sum(len(p.split()) for p in paragraphs if is_prose(p))
    if not above:
        return False
    spoken = len(text[found[0][3] : end].split())
    return above > spoken


def _build(text: str, marks: Sequence[tuple[int, int, str, int]], end: int) -> list[Turn]:
    """Turns from ``(turn_start, label_group_start, label_group, colon_end)`` marks."""
    turns: list[Turn] = []
    for k, (t_start, g_start, group, colon_end) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else end
        label = group.strip()
        label_start = g_start + (len(group) - len(group.lstrip()))
        text_start = colon_end
        while text_start < stop and text[text_start] in " \t":
            text_start += 1
        if text_start < stop and text[text_start] == "\n" and text[text_start + 1 : stop].strip():
            # the label stands on a line of its own; the words start on the next line
            text_start += 1
            while text_start < stop and text[text_start] in " \t":
                text_start += 1
        turn_end = _before_furniture(text, text_start, stop)
        turns.append(
            Turn(
                label=label,
                text=text[text_start:turn_end],
                start=t_start,
                end=max(turn_end, colon_end),
                label_start=label_start,
                label_end=label_start + len(label),
                text_start=text_start,
                is_role=is_role_label(label),
            )
        )
    return turns


def find_chat(text: str, start: int = 0, end: int | None = None) -> list[Turn]:
    """The messages of the chat exports a report holds in blocks of their own: each a turn of its poster.

    A summary may give the meeting's chat in an annex ("Annex - Chat export"
    over ``14:02:15 From Jane Roe (ACME) to Everyone: text`` lines): the
    summary stays a summary, and the people who only wrote in the chat are
    speakers too.  A block is a run of message lines with at most
    ``chat_max_gap_lines`` lines of a message's text between two of them;
    it needs ``chat_min_messages`` lines that name their poster after
    "From", or else ``chat_min_timed`` timed labels (``[14:02] Jane Roe:
    text``, ``Jane Roe  14:02`` over the text) with a time off the round five
    minutes and a label used twice.  A block's last message runs to the
    first blank line after it.
    """
    end = len(text) if end is None else end
    data = vocab.load("transcript")
    max_gap = int(data["chat_max_gap_lines"])
    strong = _chat_messages(text, start, end)
    timed: list[tuple[_Mark, str]] = [
        ((m.start("stamp"), m.start("label"), m.group("label"), m.end()), m.group("stamp"))
        for m in _UNMARKED.finditer(text, start, end)
        if m.group("stamp") and _speaker_label(m.group("label").strip())
    ]
    for m in _label_lines(text, start, end):
        line_start = text.rfind("\n", 0, m.start("label")) + 1
        timed.append(((line_start, m.start("label"), m.group("label"), m.end()), m.group("stamp")))
    is_strong = {mark[0] for mark, _ in strong}
    stamps = {mark[0]: stamp for mark, stamp in [*timed, *strong]}
    marks = sorted({mark[0]: mark for mark, _ in [*timed, *strong]}.values())
    blocks: list[list[_Mark]] = []
    for mark in marks:
        if blocks and _gap_lines(text, blocks[-1][-1][3], mark[0]) <= max_gap:
            blocks[-1].append(mark)
        else:
            blocks.append([mark])
    turns: list[Turn] = []
    for block in blocks:
        if not _recorded(stamps[f[0]] for f in block):
            continue
        if sum(f[0] in is_strong for f in block) >= int(data["chat_min_messages"]):
            block = [f for f in block if f[0] in is_strong]
        elif len(block) < int(data["chat_min_timed"]) or max(Counter(norm_key(label_core(f[2])) for f in block).values()) < 2:
            continue
        turns.extend(_build(text, block, _paragraph_end(text, block[-1][3], end)))
    return turns


def _gap_lines(text: str, a: int, b: int) -> int:
    """Non-blank lines that start between offsets ``a`` and ``b`` (a message's text between two message lines)."""
    return sum(1 for ln in text[a:b].split("\n")[1:] if ln.strip())


def _paragraph_end(text: str, pos: int, end: int) -> int:
    """The end of the lines from ``pos`` on, up to the first blank line (or ``end``)."""
    k = pos
    while k < end:
        nl = text.find("\n", k, end)
        if nl < 0:
            return end
        nxt = text.find("\n", nl + 1, end)
        line = text[nl + 1 : end if nxt < 0 else nxt]
        if not line.strip():
            return nl
        k = nl + 1
    return end


def _unmarked_turns(text: str, start: int, end: int) -> list[tuple[int, int, str, int]]:
    """Timestamped or plain label lines, when the text as a whole reads as a transcript.

    It does when there are several such lines (:data:`MIN_TURNS` with a
    timestamp, :data:`MIN_PLAIN_TURNS` without), some label recurs, fewer
    distinct labels than turns, and the turns hold most of the lines from the
    first one on (:data:`MIN_COVERAGE`): notes under headings, between
    bullets and numbered items, do not.  A plain label followed by a bare
    name is a field ("Chair: Ana Lopez"); one followed by a lower-case word
    is a note in minutes ("Maria: suggested ...").
    """
    found: list[tuple[int, int, str, int]] = [mark for mark, _ in _chat_messages(text, start, end)]
    chat = {f[0] for f in found}
    stamped: set[int] = set(chat)
    for m in _UNMARKED.finditer(text, start, end):
        label = m.group("label").strip()
        if not _speaker_label(label):
            continue
        if m.group("stamp"):
            stamped.add(m.start("stamp"))
        elif _plain_is_not_a_turn(text, m.end(), end):
            continue
        found.append((m.start("stamp") if m.group("stamp") else m.start("label"), m.start("label"), m.group("label"), m.end()))
    lines = _label_lines(text, start, end)
    # A recording's times fall on any second; a programme's ("Coffee break  10:30") on round minutes.
    if any(int(_LAST_FIELD.search(m.group("stamp")).group()) % 5 for m in lines):
        for m in lines:
            line_start = text.rfind("\n", 0, m.start("label")) + 1
            stamped.add(line_start)
            found.append((line_start, m.start("label"), m.group("label"), m.end()))
    found.sort()
    found = [f for k, f in enumerate(found) if k == 0 or f[0] != found[k - 1][0]]
    if len(stamped) >= MIN_TURNS:
        found = [f for f in found if f[0] in stamped]
    found = _drop_hanging(text, start, end, found)
    if not found or (len(stamped) < MIN_TURNS and len(found) < MIN_PLAIN_TURNS):
        return []
    counts = Counter(norm_key(label_core(f[2])) for f in found)
    if max(counts.values()) < 2:
        return []
    # Before the first label that recurs (or names a role), a label used once is a title line
    # ('WEBINAR 2: "Keeping one Internet"'), not the first turn, unless sentences follow it
    # or it is a chat message ("From Jane Roe to Everyone:").
    while (
        found
        and found[0][0] not in chat
        and counts[norm_key(label_core(found[0][2]))] < 2
        and not is_role_label(found[0][2])
        and not _speech_on_line(text, found[0][3], end)
    ):
        found.pop(0)
    if _coverage(text, start, end, [f[0] for f in found]) < MIN_COVERAGE:
        return []
    if len(stamped) >= MIN_TURNS and _below_a_report(text, start, end, found):
        return []  # a chat or transcript annex: find_chat reads it
    return found


def _label_lines(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Label lines ("Jane Roe  0:04", "[10:02 AM] Jane Roe") that name a speaker and have the words below them."""
    found = [
        m
        for rx in (_LABEL_LINE, _STAMP_LABEL_LINE)
        for m in rx.finditer(text, start, end)
        if _speaker_label(m.group("label").strip()) and _speech_follows(text, m.end(), end)
    ]
    return sorted(found, key=lambda m: m.start())


_LAST_FIELD = re.compile(r"\d+(?=\D*$)")
_SPOKEN = re.compile(r"[.!?\u2026](?=\s|$)")
MIN_SPOKEN_WORDS = 8
"""Words after a label, ending in a sentence, that make its line speech rather than a title."""


def _speech_on_line(text: str, label_end: int, end: int) -> bool:
    """Whether the line after a label holds a spoken sentence (a turn), not a title's words."""
    nl = text.find("\n", label_end, end)
    rest = text[label_end : end if nl < 0 else nl]
    return len(rest.split()) >= MIN_SPOKEN_WORDS and _SPOKEN.search(rest) is not None


def _speech_follows(text: str, line_end: int, end: int) -> bool:
    """Whether the line after a label line holds words: the turn's speech, not another label or a list entry."""
    if line_end >= end or text[line_end] != "\n":
        return False
    nl = text.find("\n", line_end + 1, end)
    following = text[line_end + 1 : end if nl < 0 else nl].strip()
    return (
        bool(following)
        and _LABEL_LINE.fullmatch(following) is None
        and _STAMP_LABEL_LINE.fullmatch(following) is None
        and not bullet_prefix(following)
    )


def _indent_at(text: str, pos: int) -> int:
    """Columns of blank before the first character of the line that ``pos`` lies in."""
    line_start = text.rfind("\n", 0, pos) + 1
    k = line_start
    while k < len(text) and text[k] in " \t":
        k += 1
    return k - line_start


def _drop_hanging(
    text: str, start: int, end: int, found: list[tuple[int, int, str, int]]
) -> list[tuple[int, int, str, int]]:
    """Without the labels that sit at the indentation of the turns' continuation lines.

    Transcripts that set each turn's label at the margin and indent the
    lines after it (``Jane Roe (ACME): Good afternoon ...`` over ``    the
    second webinar ...``) give the label column and the text column apart:
    a "Word:" that opens a line in the text column is the speech going on
    ("    Lucas: The compact ..."), not a turn.  So is an indented label that
    no label at the margin uses, once re-joined lines have left no other
    line in that column.
    """
    if len(found) < MIN_PLAIN_TURNS:
        return found
    indents = [_indent_at(text, f[0]) for f in found]
    margin = Counter(indents).most_common(1)[0][0]
    if sum(i == margin for i in indents) < 2 * len(indents) / 3:
        return found  # no one label column
    heads = {text.rfind("\n", 0, f[0]) + 1 for f in found}
    continuation: set[int] = set()
    for ln in split_lines(text[start:end]):
        if ln.blank or start + ln.start in heads:
            continue
        ind = len(ln.raw) - len(ln.raw.lstrip(" \t"))
        if ind > margin:
            continuation.add(ind)
    at_margin = {norm_key(label_core(f[2])) for f, ind in zip(found, indents) if ind == margin}
    return [
        f
        for f, ind in zip(found, indents)
        if ind <= margin or (ind not in continuation and norm_key(label_core(f[2])) in at_margin)
    ]


def _plain_is_not_a_turn(text: str, colon_end: int, end: int) -> bool:
    """After a plain label: a bare name or value (a field), or a lower-case word (a minutes note)."""
    nl = text.find("\n", colon_end, end)
    rest = text[colon_end : end if nl < 0 else nl].strip()
    if not rest:
        return False
    if rest[0].isalpha() and rest[0].islower():
        return True
    if _SENTENCE_END.search(rest):
        return False
    head = _VALUE_SPLIT.split(rest, maxsplit=1)[0].strip()
    return looks_like_name(head) or not any(c.isalpha() for c in rest)


def _coverage(text: str, start: int, end: int, turn_starts: Sequence[int]) -> float:
    """Share of non-blank lines from the first turn on that lie in a turn.

    A turn's lines run from its label to the next turn, a heading, a bullet
    or a numbered line: the structure of minutes.  An action-items heading
    after the first turn makes the share 0.
    """
    first = text.rfind("\n", 0, turn_starts[0]) + 1
    heads = {text.rfind("\n", 0, s) + 1 - first for s in turn_starts}
    inside = False
    covered = total = 0
    for ln in split_lines(text[first:end]):
        if ln.blank:
            continue
        total += 1
        if ln.start in heads:
            inside = True
        elif bullet_prefix(ln.raw) or numbered(ln):
            inside = False
        elif (kind := heading_kind(ln)) is not None:
            if kind == "actions":
                return 0.0  # minutes: their action items would be lost in a transcript
            inside = False
        covered += inside
    return covered / total if total else 0.0


def is_boilerplate(line: Line) -> bool:
    """A captioning disclaimer ("... real-time captioning ... not an authoritative record"), or a tool's note (:func:`is_furniture`)."""
    return _has_boilerplate_phrase(line.text) or is_furniture(line.text)


def _has_boilerplate_phrase(text: str) -> bool:
    low = " " + norm_key(text) + " "
    return any(phrase in low for phrase in vocab.load("transcript")["boilerplate"])


_FRAME = " \t*[]()<>_#=~\u2013\u2014-"


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in vocab.load("transcript")["furniture"])


def is_furniture(text: str) -> bool:
    """Whether ``text`` (a line, or lines joined) is a note a recording or captioning tool adds, not speech.

    "Transcribed by https://otter.ai", "Recording stopped", "[End of meeting]",
    "Captions provided by ...": a ``furniture`` pattern matches at its start
    once its frame ("***", brackets, dashes) is removed; a framed note ("***
    This text is being provided in a rough draft format ... ***") that holds a
    ``boilerplate`` phrase is one too.
    """
    outer = " ".join(text.split())
    core = outer.strip(_FRAME)
    if not core:
        return False
    if any(p.match(core) for p in _furniture()):
        return True
    return outer[:1] in "*[(<" and _has_boilerplate_phrase(core)


def _before_furniture(text: str, start: int, stop: int) -> int:
    """Where a turn's words ``text[start:stop]`` end once the tools' closing notes after them are cut.

    A transcript's last turn runs to the end of the file, where exports add
    their own lines ("Transcribed by https://otter.ai", "END OF TRANSCRIPT",
    a captioner's disclaimer wrapped over a few lines).  Trailing lines are cut
    while the last ones, alone or joined with up to ``furniture_max_lines`` lines
    above them, are furniture; the turn's first line is its speech and stays.
    """
    end = stop
    while end > start and text[end - 1].isspace():
        end -= 1
    limit = int(vocab.load("transcript")["furniture_max_lines"])
    first_nl = text.find("\n", start, end)
    while first_nl >= 0 and end > first_nl:
        starts = []  # the starts of the last lines, nearest first
        k = end
        while len(starts) < limit:
            nl = text.rfind("\n", first_nl, k)
            if nl < first_nl:
                break
            starts.append(nl + 1)
            k = nl
        cut = next((a for a in starts if text[a:end].strip() and is_furniture(text[a:end])), None)
        if cut is None:
            break
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
    return end


MAX_AGENDA_ITEM_WORDS = 12
"""Longest item (in words) of an agenda read out in one sentence."""


def read_out_agenda(text: str, lines: Sequence[Line], turns: Sequence[Turn]) -> tuple[AgendaItem, ...]:
    """The agenda the opening turns read out, for a transcript that gives none above its first turn.

    The chair reads it as a numbered list under a sentence that introduces it
    ("The agenda is as follows:" / "1. Opening" / "2. ..."), or in one sentence
    ("Our agenda today: first, the stocktaking; second, the programme; and
    then any other business.").
    """
    for turn in turns[: int(vocab.load("transcript")["opening_turns"])]:
        inside = [ln.index for ln in lines if turn.text_start <= ln.start < turn.end or ln.start <= turn.text_start < ln.stop]
        if not inside:
            continue
        last = inside[-1]
        block = find_agenda(lines[: last + 1], [None] * (last + 1), set(range(inside[0])))
        if block is not None and len(block.items) >= 2:
            return block.items
        c = clean(text[turn.text_start : turn.end], turn.text_start)
        for sentence in split_sentences(c.text):
            items = _spoken_items(c, sentence.start, sentence.end)
            if items:
                return items
    return ()


def _spoken_items(c: Clean, start: int, end: int) -> tuple[AgendaItem, ...]:
    """The items of an agenda read out in the sentence ``c.text[start:end]``, if it reads one out."""
    m = vocab.regex("transcript", "read_out_agenda").search(c.text, start, end)
    if not m:
        return ()
    body_end = end
    while body_end > m.start("items") and c.text[body_end - 1] in ".!?; ":
        body_end -= 1
    sep = ";" if ";" in c.text[m.start("items") : body_end] else ","
    lead = vocab.regex("transcript", "agenda_item_lead")
    out: list[AgendaItem] = []
    i = m.start("items")
    for piece in c.text[i:body_end].split(sep):
        a, b = i, i + len(piece)
        i = b + 1
        while a < b and c.text[a].isspace():
            a += 1
        skip = lead.match(c.text[a:b])  # a slice: "^" holds at the string's start only
        a += skip.end() if skip else 0
        while b > a and c.text[b - 1].isspace():
            b -= 1
        title = c.text[a:b]
        if not title or len(title.split()) > MAX_AGENDA_ITEM_WORDS:
            return ()
        s, e = c.span(a, b)
        out.append(AgendaItem(str(len(out) + 1), title, s, e))
    # items split at commas need a third: "agenda: A, then B" may be a clause, "A, B and C" is a list
    return tuple(out) if len(out) >= (2 if sep == ";" else 3) else ()


def closing_actions(text: str, turns: Sequence[Turn], meeting_date: str | None) -> tuple[ActionItem, ...]:
    """The action items a transcript's last turns state: a task given to someone, with a deadline.

    A meeting read out ends with what happens next ("Stakeholders are invited
    to send written contributions by 3 March. The Secretariat will publish a
    synthesis by 6 March."): in the last ``closing_turns`` turns, a sentence
    that gives a named subject a task (``closing_action``) and states its due
    date is an action item, the subject its owner.  A task without a deadline,
    or one a pronoun owns ("we will ..."), stays speech.

    The chair may also recap the action items aloud, a few turns before the
    goodbyes ("So let me recap the action items. One: Ana circulates the
    draft by 20 March. Two: I will ..."): after a sentence that announces the
    recap (``closing_recap``) in one of the last ``recap_turns`` turns, every
    sentence of that turn with an owner and a deadline is an action item, with
    or without a task verb; "I" is the turn's speaker.
    """
    data = vocab.load("transcript")
    task = vocab.regex("transcript", "closing_action")
    recap = vocab.regex("transcript", "closing_recap")
    closing = len(turns) - int(data["closing_turns"])
    first = max(0, min(closing, len(turns) - int(data["recap_turns"])))
    out: list[ActionItem] = []
    for k in range(first, len(turns)):
        turn = turns[k]
        c = clean(text[turn.text_start : turn.end], turn.text_start)
        recapping = False
        for sentence in split_sentences(c.text):
            body = sentence.text
            if recap.search(body):
                recapping = True
                continue
            if body.endswith("?") or not (recapping or k >= closing):
                continue
            if recapping:
                item = _recap_item(c, sentence.start, sentence.end, turn, meeting_date)
                if item is not None:
                    out.append(item)
                continue
            if not task.search(body):
                continue
            owner, due = find_owner(body), find_due(body, meeting_date)
            if owner is None or due is None:
                continue
            start, end = c.span(sentence.start, sentence.end)
            out.append(ActionItem(body, start, end, owner=owner, due=due))
    return tuple(out)


def _recap_item(c: Clean, start: int, end: int, turn: Turn, meeting_date: str | None) -> ActionItem | None:
    """The action item a sentence of a recap states (``c.text[start:end]``), if it has an owner and a deadline."""
    lead = vocab.regex("transcript", "recap_item_lead").match(c.text[start:end])
    start += lead.end() if lead else 0
    body = c.text[start:end]
    due = find_due(body, meeting_date)
    task_owner = recap_owner(body)  # "Gustavo reviews the Portuguese version.": a task without a deadline
    if (due is None and task_owner is None) or not body:
        return None
    end = start + task_end(body)  # "..., by the 23rd.": the deadline is no part of the task's words
    body = c.text[start:end]
    owner = find_owner(body)
    if owner is None and vocab.regex("transcript", "first_person_owner", 0).match(body):
        owner = turn.label
    if owner is None:
        # "Ana circulates the draft ...": the name that opens the sentence, before its verb
        found = read_name(body)
        if found is not None and found[1] == 0:
            rest = body[found[2] :].split(None, 1)
            if rest and rest[0][:1].islower():
                owner = found[0]
    owner = owner or task_owner
    if owner is None:
        return None
    s, e = c.span(start, end)
    return ActionItem(body, s, e, owner=owner, due=due)


@lru_cache(maxsize=1)
def _speaker_list_headings() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("transcript")["speaker_list_headings"])


def preamble_heading(line: Line) -> HeadingKind | None:
    """The kind of a heading above a transcript's first turn, a bracketed note after it allowed.

    A transcript's preamble heads its lists as minutes do ("Agenda", "Participants"),
    and also as captioners do: with a note ("AGENDA (as circulated by the
    Secretariat)") or as the list of speakers ("SPEAKERS LIST (as registered)").
    """
    kind = heading_kind(line)
    if kind is not None or line.blank:
        return kind
    core = vocab.regex("transcript", "heading_qualifier").sub("", line.text).strip()
    if core and core != line.text.strip():
        kind = heading_kind(Line(line.index, 0, len(core), len(core), core))
        if kind is not None:
            return kind
    return "participants" if norm_key(core).rstrip(" :.") in _speaker_list_headings() else None


def preamble_kinds(lines: Sequence[Line], first_turn: int, turns: Sequence[Turn] = ()) -> list[HeadingKind | None]:
    """The heading kind of every line: :func:`preamble_heading` above ``first_turn``, :func:`heading_kind` below.

    A list of speakers that only repeats the turns' labels ("SPEAKERS" over
    "Jane Roe, Speaker 2, Li"), as a recording export writes above its
    transcript, is an index of the labels, not a participant list: its heading
    gets no kind.
    """
    kinds = [None if ln.blank else preamble_heading(ln) if ln.index < first_turn else heading_kind(ln) for ln in lines]
    labels = {norm_key(label_core(t.label)) for t in turns}
    for h in range(min(first_turn, len(lines))):
        if kinds[h] == "participants" and labels and _only_labels(lines, kinds, h, first_turn, labels):
            kinds[h] = None
    return kinds


_ENTRY_SPLIT = re.compile(r"[,;]")


def _only_labels(
    lines: Sequence[Line], kinds: Sequence[HeadingKind | None], h: int, first_turn: int, labels: Collection[str]
) -> bool:
    """Whether the list under heading ``h`` holds nothing but turn labels."""
    entries: list[str] = []
    j = h + 1
    while j < first_turn and lines[j].blank:
        j += 1
    while j < first_turn and not lines[j].blank and kinds[j] is None:
        entries += [e for e in (norm_key(x).strip(" .") for x in _ENTRY_SPLIT.split(lines[j].text)) if e]
        j += 1
    return bool(entries) and all(e in labels for e in entries)


def turn_lines(lines: Sequence[Line], turns: Sequence[Turn]) -> set[int]:
    """Indices of the lines the turns occupy."""
    out: set[int] = set()
    k = 0
    for t in turns:
        while k < len(lines) and lines[k].stop <= t.start:
            k += 1
        j = k
        while j < len(lines) and lines[j].start < t.end:
            out.add(j)
            j += 1
    return out
