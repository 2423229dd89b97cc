"""Read the agenda list, and map discussion sections onto agenda items."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from kg.model import AgendaItem
from kg.parse import vocab
from kg.parse.headings import numbered
from kg.parse.text import Clean, Line, bullet_prefix, is_prose, norm_key

_SUB_ITEM = re.compile(r"^(?:[-\u2013\u2022*]\s*)?(?P<n>[a-z]|[ivx]{1,4})[.)]\s*(?P<t>\S.*)$")
_LETTERED = re.compile(r"^(?:\((?P<p>[a-z])\)|(?P<n>[a-z])[.)])\s+(?P<t>\S.*)$")
_INLINE_NUMBER = re.compile(r"(?<=\S)\s+(?P<n>\d{1,2})[.)]\s+(?=\S)")
# a tab only between an item's number and its title ("1.\tAdoption of the agenda")
_TAB_AFTER_NUMBER = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|(?i:item)\s+\d{1,2}\s*[.:\u2013-]?)\t+[^\t]*$")
# the joining punctuation a list item ends with: "Opening of the meeting;", "...; and", "..."."
_ITEM_TAIL = re.compile(r"(?:\s*[;,]\s*(?:and|or)?|(?:(?<=\w\w)|(?<=\)))\.)\s*$")

MATCH_THRESHOLD = 55.0
"""Lowest title similarity (0-100) at which a section may discuss an agenda item."""


@dataclass(frozen=True)
class AgendaBlock:
    """The agenda's items and the lines they occupy (heading included)."""

    items: tuple[AgendaItem, ...]
    first_line: int
    last_line: int
    rows: tuple[tuple[int, int], ...] = ()
    """For a table whose rows hold the discussion: each item's ``(line, offset where its discussion starts)``,
    the rows staying in the text as the sections of their items."""


def split_numbered(clean: Clean, first_number: int, start: int = 0) -> list[tuple[str, int, int]]:
    """Split a line holding a run-on numbered list ("1. A 2. B 3. C").

    Returns ``(number, i, j)`` triples, ``clean.text[i:j]`` being each item's
    title; a list that does not run on gives one triple.  Only consecutive
    numbers split, so "over 250 sessions" never does.
    """
    text = clean.text
    cuts: list[tuple[str, int, int]] = []
    expected = first_number + 1
    item_start = start
    for m in _INLINE_NUMBER.finditer(text, start):
        if int(m.group("n")) != expected:
            continue
        cuts.append((str(expected - 1), item_start, m.start()))
        item_start = m.end()
        expected += 1
    cuts.append((str(expected - 1), item_start, len(text)))
    return cuts


def is_agenda_intro(line: Line) -> bool:
    """Whether a line introduces the agenda list in a sentence ("2. The following agenda was adopted:")."""
    text = line.text
    if not text.endswith(":") or "agenda" not in text.lower():
        return False
    num = numbered(line)
    return bool(vocab.regex("headings", "agenda_intro").match(text[num.start("t") :] if num else text))


def is_agenda_table_head(line: Line) -> bool:
    """Whether a line is the header row of an agenda table ("Agenda item<TAB>Discussion")."""
    return agenda_title_column(line) is not None


def agenda_title_column(line: Line) -> int | None:
    """The tab column holding the agenda titles when ``line`` is an agenda table's header row.

    The titles' column is the first ("Agenda item<TAB>Discussion"), or the second after a
    number column ("No.<TAB>Item<TAB>Discussion"); a column named only "Item" or "Topic"
    needs a discussion column beside it, else it may head an action or speaker table.
    """
    if not line.has_tab:
        return None
    cells = [norm_key(c.strip(" *_:|")) for c in line.raw.split("\t")]
    at = 1 if len(cells) > 2 and cells[0] in vocab.word_set("headings", "agenda_table_number_columns") else 0
    first = cells[at].strip(" #")  # "# Agenda item": a Markdown heading mark
    if first in vocab.word_set("headings", "agenda_table_columns"):
        return at
    if first in vocab.word_set("headings", "agenda_table_item_columns") and any(_discussion_column(c) for c in cells[at + 1 :]):
        return at
    return None


_COLUMN_PARTS = re.compile(r"\s*(?:\band\b|/|&|\+|,)\s*")


def _discussion_column(cell: str) -> bool:
    """Whether a header cell (a ``norm_key``) names a discussion column: "Discussion", or a
    discussion phrase joined to another ("Discussion and outcome", "Summary of discussion / decisions")."""
    discussion = vocab.word_set("headings", "discussion")
    return cell in discussion or any(part in discussion for part in _COLUMN_PARTS.split(cell))


_SENTENCE_END = re.compile(r"(?<!\d)[.!?;]\s")
_JOIN_LINES = 3
"""Lines an agenda sentence may be broken over (a PDF's lines interleaved with footnote marks)."""


def _intro_over_lines(lines: Sequence[Line], i: int, claimed: set[int]) -> bool:
    """Whether line ``i`` ends an agenda sentence begun on the lines above ("... proposed the
    following agenda," / "which was adopted without amendment:") and a list follows it."""
    text = lines[i].text
    if not text.endswith(":") or "agenda" in text.lower():
        return False
    nxt = next((ln for ln in lines[i + 1 :] if not ln.blank), None)
    if nxt is None or not (numbered(nxt) or _LETTERED.match(nxt.text)):
        return False
    parts = [text]
    for k in range(i - 1, max(-1, i - 1 - _JOIN_LINES), -1):
        if lines[k].blank or k in claimed:
            break
        parts.insert(0, lines[k].text)
        joined = " ".join(parts)
        # "ContentsAgenda" holds the letters but not the word
        at = max((m.end() for m in re.finditer(r"\bagenda\b", joined, re.IGNORECASE)), default=-1)
        if at < 0:
            continue
        # the colon ends the sentence naming the agenda: no sentence ends between them
        # (a paragraph number "2." is no sentence end)
        return not _SENTENCE_END.search(joined, at) and bool(vocab.regex("headings", "agenda_intro").match(joined[-200:]))
    return False


# an item number written inside a sentence: "(1) Opening; (2) Updates", "1) Opening, 2) Updates",
# or a letter: "(a) Budget · (b) Remote hubs"
_RUN_NUMBER = re.compile(
    r"(?:(?<=\s)|^)\((?P<p>\d{1,2}|[a-z])\)\s+(?=\S)|(?:(?<=\s)|^)(?P<n>\d{1,2}|[a-z])\)\s+(?=\S)"
)
# what sets one run-on item apart from the next: "(1) Opening; (2) ...", "(a) Budget · (b) ..."
_RUN_SEPARATORS = " \t;,\u00b7\u2022|/"


def inline_agenda(line: Line) -> tuple[AgendaItem, ...]:
    """The items of an agenda given on one line: "The following agenda was adopted without
    changes: (1) Opening; (2) Updates from the subgroups; (3) Any other business.", or under
    a label: "Topics: (a) Budget · (b) Remote hubs · (c) AOB".

    The clause before the colon must introduce an agenda, or be an agenda's label; the items
    are numbered from 1 (or lettered from a) on, one after the other, at least two of them.
    """
    clean = line.clean
    text = clean.text
    colon = text.find(":")
    if colon < 0 or not _introduces_agenda(text[: colon + 1]):
        return ()
    marks = []
    for m in _RUN_NUMBER.finditer(text, colon + 1):
        mark = m.group("p") or m.group("n")
        if not marks:
            expected: tuple[str, ...] = ("1", "a")
        elif marks[0][1].isdigit():
            expected = (str(len(marks) + 1),)
        else:
            expected = (chr(ord("a") + len(marks)),)
        if mark in expected and (marks or not text[colon + 1 : m.start()].strip()):
            marks.append((m, mark))
    if len(marks) < 2:
        return ()
    items = []
    for k, (m, mark) in enumerate(marks):
        end = marks[k + 1][0].start() if k + 1 < len(marks) else _sentence_end(text, m.end())
        while end > m.end() and text[end - 1] in _RUN_SEPARATORS:
            end -= 1
        joined = _JOINING_WORD.search(text, m.end(), end)  # "(2) Youth track and (3) AOB"
        items.append(_item(mark, clean, m.end(), joined.start() if joined else end))
    return tuple(AgendaItem(it["number"], it["title"], it["start"], it["end"]) for it in items if it["title"])


def _introduces_agenda(head: str) -> bool:
    """Whether the text before a colon introduces an agenda: a sentence ("The agenda was adopted:")
    or a label ("Agenda:", "Topics:")."""
    label = norm_key(head.rstrip(":").strip(" *_"))
    if label in vocab.word_set("headings", "agenda") or label in vocab.word_set("headings", "agenda_labels"):
        return True
    if "agenda" not in head.lower():
        return False
    intro = vocab.regex("headings", "agenda_intro")
    return any(intro.match(head[m.start() :]) for m in re.finditer(r"(?:^|(?<=[.;]\s))\S", head))


_JOINING_WORD = re.compile(r"\s+(?:and|or)\s*$")


def _sentence_end(text: str, start: int) -> int:
    m = re.compile(r"(?<=[\w)])\.(?=\s|$)").search(text, start)
    return m.end() if m else len(text)


def find_agenda(lines: Sequence[Line], kinds: Sequence[str | None], claimed: set[int]) -> AgendaBlock | None:
    """Read the first agenda list: the items under the first "Agenda" heading or agenda sentence
    that has any, the first cells of an agenda table, or an agenda given in one sentence
    ("The following agenda was adopted: (1) ...; (2) ...")."""
    for i, k in enumerate(kinds):
        if i in claimed or lines[i].blank:
            continue
        if k is None and (inline := inline_agenda(lines[i])):
            return AgendaBlock(inline, i, i)
        if k == "agenda" or (
            k is None
            and (is_agenda_intro(lines[i]) or is_agenda_table_head(lines[i]) or _intro_over_lines(lines, i, claimed))
        ):
            found = _agenda_under(lines, i, kinds, claimed)
            if found is not None:
                return found
    return None


def _agenda_under(lines: Sequence[Line], heading: int, kinds: Sequence[str | None], claimed: set[int]) -> AgendaBlock | None:
    """The agenda list under the heading or agenda sentence at line ``heading``."""
    if is_agenda_table_head(lines[heading]):
        return _table_agenda(lines, heading, kinds, claimed)
    items: list[dict] = []
    mode: str | None = None
    column = 1  # the cell of a programme's row that holds the item's title
    prev_number = 0
    blank_run = 0
    last = heading
    for j in range(heading + 1, len(lines)):
        ln = lines[j]
        if ln.blank:
            blank_run += 1
            if (items or mode) and (blank_run >= 3 or (mode == "plain" and blank_run >= 2)):
                break
            continue
        if j in claimed or kinds[j] is not None or ln.is_url_only:
            break
        if mode in (None, "timed"):
            # a programme: "14:00<TAB>Welcome", "09:30-10:00  Opening", under a "Time | Item" row
            if not items and mode is None and _time_columns(ln) is not None:
                column = _time_columns(ln)
                mode, blank_run, last = "timed", 0, j
                continue
            slot = _timed_item(ln, column)
            if slot is not None:
                mode = "timed"
                items.append(_item(None, ln.clean, *slot))
                blank_run, last = 0, j
                continue
            if mode == "timed":
                break
        if ln.has_tab and not _TAB_AFTER_NUMBER.match(ln.raw):
            break
        clean = ln.clean
        text = clean.text
        if text and not any(ch.isalnum() for ch in text):
            break  # a separator ("* * *", "----") ends the agenda
        num = numbered(ln)
        sub = _SUB_ITEM.match(text)
        letter = _LETTERED.match(text) if mode in (None, "lettered") else None
        if letter:
            # items lettered "(a) Opening of the meeting;" "b) ...": letters follow one another
            n = ord(letter.group("p") or letter.group("n")) - ord("a") + 1
            if (items and n != prev_number + 1) or (not items and n != 1):
                break
            mode = "lettered"
            items.append(_item(chr(ord("a") + n - 1), clean, letter.start("t"), len(text)))
            prev_number = n
        elif mode == "lettered":
            break
        elif num:
            n = int(num.group("n"))
            if mode == "plain" or (items and n <= prev_number):
                break
            mode = "numbered"
            for number, i, k in split_numbered(clean, n, num.start("t")):
                items.append(_item(number, clean, i, k))
                prev_number = int(number)
        elif sub and items:
            items[-1]["subs"].append(_item(sub.group("n"), clean, sub.start("t"), len(text)))
        elif mode == "numbered" and bullet_prefix(ln.raw) and items:
            items[-1]["subs"].append(_item(None, clean, _bullet_len(text), len(text)))
        else:
            if mode == "numbered" or is_prose(text) or len(text) > 150:
                break
            mode = "plain"
            items.append(_item(None, clean, _bullet_len(text), len(text)))
        blank_run = 0
        last = j
    if not items:
        return None
    built = tuple(
        AgendaItem(it["number"], it["title"], it["start"], it["end"], tuple(
            AgendaItem(s["number"], s["title"], s["start"], s["end"]) for s in it["subs"]
        ))
        for it in items
        if it["title"]
    )
    return AgendaBlock(built, heading, last) if built else None


# a programme's time slot opening a line: "14:00", "09:30-10:15 UTC", "2.30 pm"
_SLOT = re.compile(
    r"^[ \t]*(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d)(?:[ \t]*[ap]\.?m\.?)?"
    r"(?:[ \t]*(?:-|\u2013|\u2014|to)[ \t]*(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d)(?:[ \t]*[ap]\.?m\.?)?)?"
    r"(?:[ \t]+(?-i:[A-Z]{2,5}(?:[+-]\d{1,2})?))?(?=\t|[ \t]+[-\u2013\u2014|:]?[ \t]*[^\W\d_])",
    re.IGNORECASE,
)


def _timed_item(line: Line, column: int = 1) -> tuple[int, int] | None:
    """The title of a programme's row that opens with its time slot, as ``Clean`` indices.

    A tab row gives the title in its ``column`` (the cell after the time, unless a
    header row said otherwise); a line set out with spaces gives the rest of the line.
    """
    m = _SLOT.match(line.raw)
    if m is None:
        return None
    clean = line.clean
    if "\t" in line.raw[m.end() :]:
        cells = _cell_spans(line)
        if len(cells) <= column:
            return None
        a, b = cells[column]
        i, k = clean.index_at(a), clean.index_at(b)
    else:
        i, k = clean.index_at(line.start + m.end()), len(clean.text)
        while i < k and clean.text[i] in " -\u2013\u2014|:":
            i += 1
    title = clean.text[i:k].strip()
    if not title or len(title.split()) > 20 or is_prose(title) or not any(ch.isalpha() for ch in title):
        return None
    return i, k


def _cell_spans(line: Line) -> list[tuple[int, int]]:
    """Document spans of a tab row's non-empty cells."""
    out, at = [], line.start
    for cell in line.raw.split("\t"):
        if cell.strip():
            out.append((at, at + len(cell)))
        at += len(cell) + 1
    return out


def _time_columns(line: Line) -> int | None:
    """The title column of a programme's header row ("Time (UTC)<TAB>Item", "Time | Session | Speaker")."""
    if not line.has_tab:
        return None
    cells = [re.sub(r"\s*\([^()]*\)$", "", norm_key(c.strip(" *_:|"))) for c in line.raw.split("\t") if c.strip()]
    if len(cells) < 2 or cells[0] not in vocab.word_set("headings", "agenda_time_columns"):
        return None
    titles = (
        vocab.word_set("headings", "agenda_time_title_columns")
        | vocab.word_set("headings", "agenda_table_item_columns")
        | vocab.word_set("headings", "agenda_table_columns")
    )
    return next((k for k, c in enumerate(cells) if k and c in titles), None)


def _table_agenda(lines: Sequence[Line], heading: int, kinds: Sequence[str | None], claimed: set[int]) -> AgendaBlock | None:
    """The agenda titles in the first cells of the table under ``heading`` ("1. Title<TAB>Discussion").

    When the other cells hold the discussion, only the header row is the agenda's: the rows stay
    in the text, where each becomes the section of its item.
    """
    items: list[dict] = []
    rows: list[tuple[int, int]] = []
    column = agenda_title_column(lines[heading]) or 0
    # a header naming a discussion column says so for every row, however short its cells
    discussed = any(_discussion_column(norm_key(c.strip(" *_:|"))) for c in lines[heading].raw.split("\t")[column + 1 :])
    last = heading
    for j in range(heading + 1, len(lines)):
        ln = lines[j]
        if ln.blank or j in claimed or kinds[j] is not None or not ln.has_tab:
            break
        clean = ln.clean
        tabs = [m.start() for m in re.finditer("\t", ln.raw)]
        if len(tabs) < column + 1:
            break
        number: str | None = None
        if column:
            # "1<TAB>Title<TAB>...": the number cell numbers the item
            cell = ln.raw[: tabs[0]].strip().rstrip(".)")
            number = cell if cell.isdigit() else None
        begin = clean.index_at(ln.start + tabs[column - 1] + 1) if column else 0
        cut = clean.index_at(ln.start + tabs[column])
        num = None if column else numbered(ln)
        start = num.start("t") if num and num.start("t") < cut else begin + _bullet_len(clean.text[begin:])
        if start >= cut:
            break
        item = _item(num.group("n") if num and num.start("t") < cut else number, clean, start, cut)
        if not item["title"] or len(item["title"].split()) > 20:
            break
        items.append(item)
        rest = len(ln.raw) - len(ln.raw[tabs[column] :].lstrip())
        rows.append((j, ln.start + rest))
        discussed = discussed or is_prose(clean.text[cut:].strip())
        last = j
    if not items:
        return None
    built = tuple(AgendaItem(it["number"], it["title"], it["start"], it["end"]) for it in items)
    if not discussed:
        return AgendaBlock(built, heading, last)
    return AgendaBlock(built, heading, heading, tuple(r for r, it in zip(rows, items) if it["title"]))



def _bullet_len(text: str) -> int:
    m = re.match(r"^[-\u2013\u2022*]\s+", text)
    return m.end() if m else 0


def _item(number: str | None, clean: Clean, i: int, j: int) -> dict:
    while i < j and clean.text[i].isspace():
        i += 1
    while j > i and clean.text[j - 1] in " \t":
        j -= 1
    tail = _ITEM_TAIL.search(clean.text, i, j)
    if tail and tail.start() > i:
        j = tail.start()
    start, end = clean.span(i, j)
    return {"number": number, "title": clean.text[i:j], "start": start, "end": end, "subs": []}


# --------------------------------------------------------------------------- section mapping


def similarity(a: str, b: str) -> float:
    """How alike two titles are (0-100): word overlap, tempered by overall likeness."""
    a, b = default_process(a), default_process(b)
    if not a or not b:
        return 0.0
    overlap = fuzz.token_set_ratio(a, b)
    whole = fuzz.token_sort_ratio(a, b)
    return 0.7 * overlap + 0.3 * whole


def map_sections(
    sections: Sequence[tuple[str, str | None]], agenda: Sequence[AgendaItem], threshold: float = MATCH_THRESHOLD
) -> list[int | None]:
    """For each ``(title, number)`` section, the index of the agenda item it discusses.

    Sections and agenda items are aligned in order (a section never discusses
    an item earlier than the previous section's), maximising total title
    similarity; a matching number adds a little weight but never decides alone,
    since reports renumber their sections.
    """
    n, m = len(sections), len(agenda)
    if not n or not m:
        return [None] * n
    weight = [[0.0] * m for _ in range(n)]
    for i, (title, number) in enumerate(sections):
        for j, item in enumerate(agenda):
            score = max([similarity(title, item.title)] + [0.9 * similarity(title, s.title) for s in item.sub_items])
            if score < threshold:
                weight[i][j] = float("-inf")
                continue
            weight[i][j] = score + (10.0 if number is not None and number == item.number else 0.0)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], weight[i][j] + best[i + 1][j + 1])
    out: list[int | None] = [None] * n
    i = j = 0
    while i < n and j < m:
        if weight[i][j] != float("-inf") and best[i][j] == weight[i][j] + best[i + 1][j + 1]:
            out[i] = j
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    _fill_gaps(out, [bool(t) for t, _ in sections], m)
    _fill_by_number(out, [number for _, number in sections], agenda)
    return out


def _fill_by_number(out: list[int | None], numbers: Sequence[str | None], agenda: Sequence[AgendaItem]) -> None:
    """Unmatched sections numbered as agenda items discuss those items, when the numbering is the agenda's.

    It is when the sections' numbers are distinct agenda numbers and every numbered section
    matched by its title carries its item's number: then a reworded section taken out of turn ("(3) Money (taken
    first)", then "(2) Pilot cities") still finds its item.
    """
    by_number = {item.number: j for j, item in enumerate(agenda) if item.number}
    numbered = [n for n in numbers if n is not None]
    if len(numbered) < 2 or len(set(numbered)) != len(numbered) or any(n not in by_number for n in numbered):
        return
    if any(j is not None and numbers[i] is not None and numbers[i] != agenda[j].number for i, j in enumerate(out)):
        return
    taken = {j for j in out if j is not None}
    for i, n in enumerate(numbers):
        if out[i] is None and n is not None and by_number[n] not in taken:
            out[i] = by_number[n]
            taken.add(by_number[n])


def _fill_gaps(out: list[int | None], titled: Sequence[bool], m: int) -> None:
    """Between two matched sections, pair unmatched sections and items one to one, in order.

    Only when the gap holds as many titled sections as agenda items: a
    section reworded beyond recognition ("4. Sam noted ...") still sits where
    its item is.
    """
    n = len(out)
    i = 0
    while i < n:
        if out[i] is not None or not titled[i]:
            i += 1
            continue
        k = i
        while k < n and out[k] is None:
            k += 1
        before = next((out[p] for p in range(i - 1, -1, -1) if out[p] is not None), -1)
        after = out[k] if k < n else m
        gap_sections = [p for p in range(i, k) if titled[p]]
        gap_items = list(range(before + 1, after))  # type: ignore[operator]
        if gap_sections and len(gap_sections) == len(gap_items):
            for p, item in zip(gap_sections, gap_items):
                out[p] = item
        i = k
