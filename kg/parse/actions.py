"""Action items: "Actions" lists, arrow bullets, "Action:" lines and action tables, with owner and due date.

An action table is a run of tab-separated rows (ingest renders DOCX, HTML and
Markdown tables so): its header row names the columns ("Action | Owner |
Due"), or, under an actions heading, the columns are guessed when the cells
leave no doubt (a column of dates is the due column).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.model import ActionItem
from kg.parse import vocab
from kg.parse.dates import DateHit, find_dates, find_relative, iso_date, roll_forward, year_of
from kg.parse.headings import heading_kind, numbered
from kg.parse.names import looks_like_name
from kg.parse.roster import is_location, is_organisation_cue, is_role, is_stakeholder_group
from kg.parse.sentences import split_sentences
from kg.parse.text import BULLET_RE, Line, clean, is_prose, norm_key, split_lines

_NUMBER = re.compile(r"^[ \t]*(?P<n>\d{1,2})[.)][ \t]+")
_ARTICLES = frozenset({"the", "a", "an", "all", "any", "this", "that", "these", "those", "it", "them"})
_NUMBER_CELL = re.compile(r"^(?:#\s*)?\d{1,3}[.)]?$|^[a-z][.)]$", re.IGNORECASE)
_REGISTER_CELL = re.compile(r"^(?P<letter>[A-Z]{1,3})[.\-]?\d{1,3}[.)]?$")
"""A register's number cell ("A.1", "A1", "AP-3"): a letter code, then the entry's number."""
_MAX_DUE_WORDS = 6
"""A cell longer than this is not a due date, even when it contains one (guessed columns only)."""


@dataclass(frozen=True)
class Found:
    """An action item as first read, before the meeting's date is known.

    ``due_cell`` is the text of a table's due cell: the due date is read from
    it rather than from the item's sentence.
    """

    item: ActionItem
    due_cell: str | None = None

    def dated(self, meeting_date: str | None, next_meeting: str | None = None) -> ActionItem:
        """The item with its due date read in the meeting's year, or counted from the meeting's date.

        ``next_meeting`` is the next meeting's date when the report states it:
        the due date of an item "before the next meeting".
        """
        if self.due_cell is None:
            due = find_due(self.item.text, meeting_date, next_meeting)
        else:
            due = cell_due(self.due_cell, meeting_date, next_meeting)
        return replace(self.item, due=due)


@dataclass(frozen=True)
class _Marker:
    kind: str  # "arrow" | "bullet" | "number" | "letter"
    content: int  # offset in the line's raw text where the item's text begins
    number: int | None = None


_CHECKBOX = re.compile(r"[ \t]*\[[ xX\u2713\u2714]\][ \t]+")
_LETTERED = re.compile(r"^[ \t]*\((?:[a-z]|[ivx]{1,4})\)[ \t]+")
_REGISTER = re.compile(r"^[ \t]*(?P<letter>[A-Z]{1,3})-?(?P<n>\d{1,3})[.):]?[ \t]+(?=\S)")


@lru_cache(maxsize=1)
def _arrows() -> str:
    return "".join(vocab.load("actions")["arrows"])


def _marker(raw: str) -> _Marker | None:
    pos = 0
    kind = None
    number = None
    m = BULLET_RE.match(raw)
    n = _NUMBER.match(raw)
    letter = _LETTERED.match(raw)
    if n:
        kind, pos, number = "number", n.end(), int(n.group("n"))
    elif letter:
        kind, pos = "letter", letter.end()
    elif m:
        kind, pos = "bullet", m.end()
    box = _CHECKBOX.match(raw, pos)
    if box:
        # "- [ ] task", "[x] task": a task list's box is part of the marker, ticked or not
        kind, pos = kind or "bullet", box.end()
    rest = raw[pos:]
    stripped = rest.lstrip()
    if stripped[:1] and stripped[0] in _arrows():
        pos += len(rest) - len(stripped) + 1
        kind = "arrow"
    if kind is None:
        return None
    while pos < len(raw) and raw[pos].isspace():
        pos += 1
    return _Marker(kind, pos, number)


def starts_item(line: Line) -> bool:
    """Whether a line starts a list item as action lists mark them (a bullet, a number, "(a)", a task box "[ ]")."""
    return _marker(line.raw) is not None


def find_actions(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[Found], set[int]]:
    """Action items among ``lines[first:last]`` and the lines they (and their headings) occupy.

    A table anywhere is an action table when its header row names an action
    and an owner column; under an actions heading a header naming an action
    and an owner or due column will do, or columns the cells make plain.
    """
    items: list[Found] = []
    used: set[int] = set()
    label = vocab.regex("actions", "label")
    j = first
    while j < last:
        ln = lines[j]
        if j in skip or ln.blank:
            j += 1
            continue
        # "5. Next steps" is a numbered section of the discussion whose list holds the actions:
        # its items are read, its heading stays the section's.
        section = kinds[j] is None and _numbered_actions_heading(ln)
        heading = kinds[j] == "actions" or (kinds[j] is None and _decorated_actions_heading(ln))
        if heading or section:
            found, taken = _list_under_heading(text, lines, kinds, j, last, skip, meeting_date)
            if found:
                items.extend(found)
                if not section:
                    used.add(j)
                used.update(taken)
                j = max(taken) + 1
                continue
        if ln.has_tab and (j == first or not lines[j - 1].has_tab):
            found, taken = _read_table(text, lines, kinds, j, last, skip, meeting_date, under_heading=False)
            if found:
                items.extend(found)
                if not _minutes_table(ln):
                    used.update(taken)  # a minutes table's rows stay the text of their sections
                j = max(taken) + 1
                continue
        if kinds[j] is None and ln.text.endswith(":") and vocab.regex("actions", "steps_lead_in").search(ln.text):
            # "The Chair proposed the following next steps, which were agreed:" and a list of them
            found, taken = _steps_after_lead_in(text, lines, j, last, skip, meeting_date)
            if found:
                items.extend(found)
                used.update(taken)
                j = max(taken) + 1
                continue
        mk = _marker(ln.raw)
        if kinds[j] is None and mk and mk.kind in ("bullet", "number") and (j == first or _marker(lines[j - 1].raw) is None):
            # "* Secretariat: circulate the plan -- by 21/02" under a heading not known as an actions heading:
            # a list whose every item names its owner and ends in its deadline is a list of actions
            found, taken = _fielded_list(text, lines, kinds, j, last, skip, meeting_date)
            if found:
                items.extend(found)
                used.update(taken)
                j = max(taken) + 1
                continue
        inline = [] if kinds[j] is not None or (mk and mk.kind == "arrow") else _inline_in_paragraph(text, lines, j, last, skip)
        if inline:
            # "The MAG agreed on the following actions: (a) ...; (b) ...": the paragraph stays the
            # discussion's (its other sentences are no actions), its items are read as actions too
            future = vocab.regex("actions", "future_owner")
            items.extend(
                Found(_item(text, a, b, meeting_date)) for a, b in inline if future.match(text[a:b].lstrip())
            )
        elif mk and mk.kind == "arrow":
            items.append(Found(_item(text, ln.start + mk.content, ln.end, meeting_date)))
            used.add(j)
        else:
            m = label.match(ln.text)
            if m and len(ln.text) > m.end():
                c = ln.clean
                start = c.at(m.end())
                items.append(_list_item(text, start, ln.end, meeting_date, owner=m.group("owner")))
                used.add(j)
            elif kinds[j] is None and "\t" not in ln.raw[mk.content if mk else 0 :].strip():
                # "... was adopted. ACTION: Ana to share the list by 4 May.": the paragraph stays the
                # discussion's, the flagged sentence is an action too
                items.extend(
                    Found(_item(text, a, b, meeting_date, owner=owner))
                    for a, b, owner in inline_flags(text, lines, j, last, skip)
                )
        j += 1
    # a bare marker ("1)" under an actions heading) has no task to keep
    return [f for f in items if f.item.text.strip()], used


@lru_cache(maxsize=1)
def _flag_inside() -> re.Pattern[str]:
    """``inline_label`` anywhere after a space (a cheap test before a paragraph's sentences are split)."""
    return re.compile(r"(?<=\s)" + vocab.load("actions")["inline_label"].removeprefix("^"))


def inline_flags(
    text: str, lines: Sequence[Line], j: int, last: int, skip: Collection[int] = ()
) -> list[tuple[int, int, str | None]]:
    """Actions flagged inside the paragraph at line ``j`` ("... ACTION: Ana to share the list by 4 May."):
    (start, end, owner) of each flagged sentence that starts on line ``j``, read without its flag.

    A sentence wrapped on to the paragraph's next lines is read to its end.
    """
    ln = lines[j]
    flag = vocab.regex("actions", "inline_label", 0)
    if not _flag_inside().search(ln.raw):
        return []  # cheap test first: no flag after a space on this line
    k = j
    while k + 1 < last and k + 1 not in skip and not lines[k + 1].blank and not lines[k + 1].has_tab:
        if _marker(lines[k + 1].raw) is not None:
            break
        k += 1
    c = clean(text[ln.start : lines[k].end], ln.start)
    out = []
    for sentence in split_sentences(c.text):
        if sentence.start == 0 or c.at(sentence.start) >= ln.end:
            continue  # a flag opening the line is the "Action:" line's; one on a later line is that line's
        m = flag.match(sentence.text)
        if m and len(sentence.text) > m.end():
            start, end = c.span(sentence.start + m.end(), sentence.end)
            out.append((start, end, m.group("owner")))
    return out


def _inline_in_paragraph(text: str, lines: Sequence[Line], j: int, last: int, skip: Collection[int]) -> list[tuple[int, int]]:
    """The inline list of actions (``inline_steps``) a paragraph holds from line ``j`` on, the
    paragraph's wrapped lines included."""
    if ":" not in lines[j].text or not vocab.regex("actions", "steps_lead_in").search(lines[j].text):
        return []
    k = j
    while k + 1 < last and k + 1 not in skip and not lines[k + 1].blank and _marker(lines[k + 1].raw) is None:
        k += 1
    return inline_steps(text, lines[j].start, lines[k].end)


def _numbered_actions_heading(ln: Line) -> bool:
    """A numbered heading whose title is an actions heading ("5. Next steps", "IV. Action items")."""
    m = numbered(ln)
    if m is None or len(m.group("t")) > 60:
        return False
    return heading_kind(split_lines(m.group("t"))[0]) == "actions"


def _decorated_actions_heading(ln: Line) -> bool:
    """An actions heading behind a symbol ("📌 Action items") or in two languages ("Actions / Acciones")."""
    t = ln.text
    if not t or len(t) > 80:
        return False
    k = 0
    while k < len(t) and (t[k].isspace() or unicodedata.category(t[k])[0] in "SCM"):
        k += 1
    parts = [p.strip() for p in vocab.regex("actions", "header_part_separator").split(t[k:]) if p.strip()]
    if not parts or (k == 0 and len(parts) < 2):
        return False
    if len(parts) > 3:
        return False
    # one language's part is known, the other's need not be ("Actions / Acciones")
    return {heading_kind(split_lines(p)[0]) for p in parts} - {None} == {"actions"}


def _steps_after_lead_in(
    text: str, lines: Sequence[Line], lead: int, last: int, skip: Collection[int], meeting_date: str | None
) -> tuple[list[Found], set[int]]:
    """The items of the list after a next-steps lead-in that say who will do what ("(a) the Secretariat will ...")."""
    found: list[Found] = []
    taken: set[int] = set()
    style = None
    k = lead + 1
    while k < last and k not in skip:
        ln = lines[k]
        if ln.blank:
            if style is None or (k + 1 < last and not lines[k + 1].blank and _marker(lines[k + 1].raw)):
                k += 1
                continue
            break
        mk = _marker(ln.raw)
        if mk is None or mk.kind == "arrow" or (style is not None and mk.kind != style):
            break
        style = mk.kind
        start = ln.start + mk.content
        if vocab.regex("actions", "future_owner").match(text[start : ln.end].lstrip()):
            found.append(Found(_item(text, start, ln.end, meeting_date)))
            taken.add(k)
        k += 1
    return found, taken


# an item's mark inside a sentence: "(a)", "(ii)", "(3)", "b)", "2)"
_INLINE_MARK = re.compile(r"(?<![\w(])\((?P<p>[a-z]|[ivx]{1,4}|\d{1,2})\)(?=\s)|(?<![\w(])(?P<q>[a-z]|\d{1,2})\)(?=\s)")
# what comes before the next item's mark: the previous item's ";" or ",", or "and" / "or"
_INLINE_JOIN = re.compile(r"(?:[;,.]|\b(?:and|or))\s*$", re.IGNORECASE)
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
INLINE_LEAD_IN_GAP = 80
"""Most characters between the words announcing the steps and the colon before their list."""


def _inline_label_index(label: str, style: str) -> int | None:
    """The position (1, 2, ...) of an inline item's label in its numbering style."""
    if style == "arabic":
        return int(label) if label.isdigit() else None
    if style == "roman":
        return _ROMANS.index(label) + 1 if label in _ROMANS else None
    return ord(label) - ord("a") + 1 if len(label) == 1 and label.isalpha() else None


def inline_steps(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list run into a sentence that announces actions or next steps.

    "The group agreed on the following actions: (a) the Secretariat will ...;
    (b) members are requested to ...; (c) ..." gives one ``(start, end)``
    span per item, in document offsets, marks and the sentence's final full
    stop left out.  Items are lettered, numbered or in Roman numerals from the
    first ("(a)", "1)", "(i)"), follow one another, each after the previous
    item's ";", "," or an "and"; fewer than two items give no list.
    """
    body = text[start:end]
    lead = vocab.regex("actions", "steps_lead_in").search(body)
    if lead is None:
        return []
    colon = body.find(":", lead.end())
    if colon < 0 or colon - lead.end() > INLINE_LEAD_IN_GAP or re.search(r"[.;!?]\s", body[lead.end() : colon]):
        return []
    marks: list[re.Match[str]] = []
    style = ""
    for m in _INLINE_MARK.finditer(body, colon + 1):
        label = m.group("p") or m.group("q")
        if not marks:
            if body[colon + 1 : m.start()].strip():
                return []  # the list starts right after the colon
            style = "arabic" if label.isdigit() else "roman" if label == "i" else "letter"
            if _inline_label_index(label, style) != 1:
                return []
            marks.append(m)
            continue
        previous = marks[-1].group("p") or marks[-1].group("q")
        if _inline_label_index(label, style) != (_inline_label_index(previous, style) or 0) + 1:
            continue
        if not _INLINE_JOIN.search(body, 0, m.start()):
            continue  # "(b)" inside an item's own words
        marks.append(m)
    if len(marks) < 2:
        return []
    spans: list[tuple[int, int]] = []
    for k, m in enumerate(marks):
        j = marks[k + 1].start() if k + 1 < len(marks) else len(body.rstrip())
        if k + 1 == len(marks) and body[:j].endswith(".") and body[j - 2 : j - 1].isalnum():
            j -= 1  # the sentence's full stop, not the item's
        spans.append((start + m.end(), start + j))
    return spans


def _read_register(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[Found], set[int]]:
    """A numbered register ("A1  Grace - share the note - by 2 May", "D1 ...") and the lines it occupies.

    Entries number on from 1 under one letter; several run together on a line
    are cut where the letter comes again with the next number and a capital
    or a handle follows ("... by 2 April A3  Grace - ..."). Entries whose
    letter marks decisions are no action items.
    """
    decisions = {w.upper() for w in vocab.word_set("actions", "decision_register_letters")}
    entries: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    current: tuple[str, int] | None = None
    blank = False
    k = first
    while k < last and k not in skip:
        ln = lines[k]
        if ln.blank:
            blank = True
            k += 1
            continue
        m = _REGISTER.match(ln.raw)
        number = int(m.group("n")) if m else 0
        if m and (number == 1 or (m.group("letter"), number - 1) == current):
            letter, pos = m.group("letter"), m.end()
            while True:
                nxt = _next_entry(letter, number + 1).search(ln.raw, pos)
                while nxt and not (ln.raw[nxt.end()].isupper() or ln.raw[nxt.end()] == "@"):
                    # "draft the A3 section": an entry starts with its owner or a capital
                    nxt = _next_entry(letter, number + 1).search(ln.raw, nxt.end())
                entries.append((ln.start + pos, ln.start + (nxt.start() if nxt else len(ln.raw)), letter))
                if nxt is None:
                    break
                pos, number = nxt.end(), number + 1
            current = (letter, number)
        elif entries and not blank and kinds[k] is None and not ln.has_tab and (
            ln.raw[:1].isspace() or ln.text[:1].islower()
        ):
            s, _, letter = entries[-1]
            entries[-1] = (s, ln.end, letter)  # an entry wrapped onto the next line
        else:
            break
        taken.add(k)
        blank = False
        k += 1
    found = [_list_item(text, s, e, meeting_date) for s, e, letter in entries if letter not in decisions]
    return found, taken


@lru_cache(maxsize=256)
def _next_entry(letter: str, number: int) -> re.Pattern[str]:
    """Where the register entry ``letter``+``number`` begins inside a line ("... by 2 April A3  Grace - ...")."""
    return re.compile(rf"(?<=\s){re.escape(letter)}-?{number}[.):]?[ \t]+(?=\S)")


def _list_item(text: str, start: int, end: int, meeting_date: str | None, owner: str | None = None) -> Found:
    """A list item, read as "Owner - task - due" fields when it is written so.

    Also read as fields: "Owner: task -- due" (the owner stays in the text), "Owner, task
    by/- due" (after "Follow-up:"), and a task followed by labelled fields ("Task.
    Responsible: Ana By: 3 May"). A struck-through item ("~~task~~ (done)") is its struck
    text: the remark after it is no part of the task. ``owner`` is one the item's label named
    ("Action (Ana): ...").
    """
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    close = raw.find("~~", lead + 2)
    if raw.startswith("~~", lead) and close > 0:
        start, end = start + lead + 2, start + close
    c = clean(text[start:end], start)
    body = c.text
    labelled = _labelled_fields(body)
    if labelled is not None:
        cut, fields = labelled
        s, e = c.span(0, cut)
        item = _item(text, s, e, meeting_date, owner=fields.get("owner") or owner)
        due_cell = fields.get("due")
        if due_cell is None:
            return Found(item)
        return Found(replace(item, due=cell_due(due_cell, meeting_date)), due_cell)
    cuts = list(_FIELD_SEP.finditer(body))
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(body)]
    parts = list(zip(bounds[::2], bounds[1::2]))
    if owner is None and len(parts) >= 2 and _names_owner(body[slice(*parts[0])], body[slice(*parts[1])]):
        owner, parts = body[slice(*parts[0])], parts[1:]
        # "@Ana Petrović": a full name after "@" is the name; a one-word handle stays a handle
        owner = re.sub(r"@([^@,&/]+)", _name_after_at, owner) if _handles(owner) else owner
    due_cell = None
    if len(parts) >= 2 and _states_due(body[slice(*parts[-1])]):
        due_cell, parts = body[slice(*parts[-1])], parts[:-1]
        explicit = vocab.regex("actions", "explicit_owner").search(due_cell)
        if explicit and explicit.group("owner"):
            # "- by 15 October (owner: panellists)": the owner is stated beside the date
            owner = owner or explicit.group("owner")
            due_cell = (due_cell[: explicit.start()] + due_cell[explicit.end() :]).strip()
    first, stop = parts[0][0], parts[-1][1]
    if owner is None:
        comma = _comma_owner(body[first:stop], due_cell is not None)
        if comma is not None:
            # "Ana Lima, revised note to the list by 14 March": owner, task and due are fields
            owner, task_start, task_end = comma
            due_cell = due_cell or body[first + task_end : stop].strip()
            first, stop = first + task_start, first + task_end
        else:
            owner = _colon_owner(body[first:stop])
    if owner is None and due_cell is None:
        return Found(_item(text, start, end, meeting_date))
    s, e = c.span(first, stop)
    item = _item(text, s, e, meeting_date, owner=owner)
    if due_cell is None:
        return Found(item)
    return Found(replace(item, due=cell_due(due_cell, meeting_date)), due_cell)


@lru_cache(maxsize=1)
def _field_label_re() -> re.Pattern[str]:
    columns = vocab.load("actions")["table_columns"]
    names = sorted((n for kind in ("owner", "due") for n in columns[kind]), key=len, reverse=True)
    return re.compile(r"(?<!\S)(?P<label>" + "|".join(re.escape(n) for n in names) + r")\s*:\s*(?=\S)", re.IGNORECASE)


def _labelled_fields(body: str) -> tuple[int, dict[str, str]] | None:
    """The task's end and its labelled fields, when labelled owner and due fields follow the task's sentence
    ("Publish the report. Responsible: Ana Lima By: 31 January"): (end of the task, {"owner": ..., "due": ...}).

    The first label follows the end of a sentence, and each label is capitalised.
    """
    labels = [m for m in _field_label_re().finditer(body) if m.group("label")[:1].isupper()]
    if not labels:
        return None
    first = labels[0]
    before = body[: first.start()].rstrip()
    if not before or before[-1] not in ".;!?)" or len(before.split()) < 2:
        return None
    kinds = _column_names()
    fields: dict[str, str] = {}
    for k, m in enumerate(labels):
        value = body[m.end() : labels[k + 1].start() if k + 1 < len(labels) else len(body)].strip(" .;,")
        kind = kinds.get(_column_key(m.group("label")))
        if kind in ("owner", "due") and value and kind not in fields:
            fields[kind] = value
    return (len(before), fields) if fields else None


def _owner_words(field: str, lower_ok: int) -> bool:
    """Whether ``field`` can name an owner: capitalised words and joiners ("Ana Lima and Bo Chen",
    "Committee secretariat"), at most ``lower_ok`` words when some are lower case ("All members")."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", field).replace(",", " ").split()
    if not words or len(words) > 6 or any(ch.isdigit() for ch in field):
        return False
    if words[0].lower() in vocab.word_set("actions", "not_owner_labels"):
        return False
    joiners = vocab.word_set("actions", "owner_joiners")
    if not words[0][:1].isupper() and not (words[0].lower() in ("the", "all") and len(words) > 1):
        return False
    lower = [w for w in words[1:] if not w[:1].isupper() and w.lower() not in joiners]
    return not lower or len(words) <= lower_ok


_COLON_OWNER = re.compile(r"^(?P<owner>[^:;.!?]{1,60}?):\s+(?=[a-z])")
_SUBJECT_GOES_ON = re.compile(r",\s+(?:to|will|shall|would|are\s+to|is\s+to)\s")
_COMMA_OWNER = re.compile(r"^(?P<owner>[^,;:.!?()]{1,60}?(?:\s*\([^()]{1,60}\))?),\s+(?=[a-z])")


def _colon_owner(body: str) -> str | None:
    """The owner an item names before a colon ("Secretariat: circulate the plan", "All members: send ...")."""
    m = _COLON_OWNER.match(body)
    if m is None or not _owner_words(m.group("owner"), 3):
        return None
    return m.group("owner")


def _comma_owner(body: str, dated: bool) -> tuple[str, int, int] | None:
    """(owner, task start, task end) of "Ana Lima, revised note to the list by 14 March": an owner, a comma,
    a task in lower case and its deadline (``dated``: a deadline field was already cut off; else a deadline
    phrase must end the task)."""
    m = _COMMA_OWNER.match(body)
    if m is None or not _owner_words(m.group("owner"), 3):
        return None
    goes_on = _SUBJECT_GOES_ON.search(body, m.end())
    if goes_on and (vocab.regex("actions", "future_owner").match(body)
                    or vocab.regex("actions", "owner_aside").match(body[m.end():])):
        # "Members, new ones above all, to send ...", "Henrik, with input from Dr. Ben Ammar, to
        # prepare ...": the subject goes on past the comma
        return None
    end = len(body.rstrip(" .;"))
    if not dated:
        cut = _trailing_due(body, m.end())
        if cut is None:
            return None
        end = cut
    if end <= m.end():
        return None
    return m.group("owner"), m.end(), end


def _trailing_due(body: str, start: int) -> int | None:
    """Where a deadline phrase that ends ``body`` begins ("... to the list by 14 March."), if one does."""
    for m in vocab.regex("actions", "due").finditer(body, start):
        if m.start() > start and body[m.start() - 1].isspace() and _states_due(body[m.start() :]):
            return len(body[: m.start()].rstrip(" ,;-\u2013\u2014"))
    return None


_FIELD_SEP = re.compile(r"[ \t]+(?:-{1,2}|[\u2013\u2014\u00b7|])[ \t]+")
_HANDLE_JOIN = re.compile(r"\s*(?:,|&|/|\band\b)\s*")
_HANDLE = re.compile(r"@[\w.\-]+")


def _name_after_at(mention: re.Match[str]) -> str:
    """"@Ana Petrović" -> "Ana Petrović"; "@gwanjiru" stays a handle."""
    words = _HANDLE_JOIN.split(mention.group(1))[0].split()
    return mention.group(1) if len(words) > 1 else mention.group(0)


def _handles(field: str) -> bool:
    """Whether a field is only @mentions: handles ("@gwanjiru") or, as notes apps write them,
    full names after "@" ("@Ana Petrović, @Li Wei")."""
    for mention in _HANDLE_JOIN.split(field.strip()):
        words = mention.split()
        if not words or len(words) > 4 or not _HANDLE.fullmatch(words[0]):
            return False
        if not all(w[:1].isupper() for w in words[1:]):
            return False
    return True


def _names_owner(field: str, task: str) -> bool:
    """Whether an item's first field names its owner ("Grace", "@gwanjiru", "IGF Secretariat", "JBM").

    The task after it starts lower case ("Grace - share the note") unless the owner is a handle.
    """
    field = field.strip()
    if _handles(field):
        return True
    words = field.replace(",", " ").split()
    if not words or len(words) > 6 or not task[:1].islower() or any(ch.isdigit() for ch in field):
        return False
    joiners = vocab.word_set("actions", "owner_joiners")
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in joiners for w in words)


def _states_due(field: str) -> bool:
    """Whether an item's last field is its deadline ("by 2 April 2025", "due 2025-05-20", "31 March", "TBD",
    "-- 07/03/2025", "end of March", "before the next call", "before the November call (13 Nov)")."""
    f = field.strip().rstrip(" .;")
    if _no_due(f):
        return True
    m = vocab.regex("actions", "due").match(f)
    rest = f[m.end() :] if m else f
    if not rest or len(rest.split()) > _MAX_DUE_WORDS:
        return False
    hit = _date_cell(rest)
    numeric = vocab.regex("actions", "numeric_date").search(rest)
    # after a deadline word the date may come later in the phrase ("before the November call (13 Nov)")
    if (hit is not None and (hit.start == 0 or m)) or (numeric and (numeric.start() == 0 or m)):
        return True
    day = vocab.regex("actions", "day_of_month").fullmatch(rest) if m else None
    if day:
        return True  # "by the 23rd"
    return find_relative(f, _ANY_DAY, _ANY_DAY, whole=True) is not None


_ANY_DAY = "2000-01-03"
"""A reference date, only to tell whether a phrase states a date relative to one ("end of March")."""


def _list_under_heading(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    heading: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[Found], set[int]]:
    """The items of the list under an actions heading and the lines they (and the list's lead-in) occupy.

    The list is marked (bullets, numbers, "6.1" under "6. Summary of actions", task boxes),
    a register or a table, or plain lines. Plain lines are the section's narrative when a
    lead-in and a marked list follow them ("Ana explained that ...", then "Follow-up agreed:"
    and bullets): the marked list is then the actions.
    """
    spans: list[list[int]] = []
    taken: set[int] = set()
    tables: list[Found] = []
    style: str | None = None
    prev_number = 0
    major: str | None = None
    plain: set[int] = set()
    blank_seen = False
    lead_in = False
    k = heading
    while k + 1 < last:
        k += 1
        ln = lines[k]
        if k in skip:
            break
        if ln.blank:
            blank_seen = True
            continue
        if not spans and not taken and _RULE.fullmatch(ln.raw.strip()):
            taken.add(k)  # the heading's underline ("FOLLOW-UP" over "---------")
            continue
        if ln.has_tab:
            # a table is the list, or follows the list's lead-in line
            found, rows = _read_table(text, lines, kinds, k, last, skip, meeting_date, under_heading=True)
            if not found:
                break
            tables.extend(found)
            taken.update(rows)
            k = max(rows)
            blank_seen = False
            continue
        if tables and style != "register":
            break
        reg = _REGISTER.match(ln.raw) if style is None else None
        if reg and reg.group("n") == "1":
            found, rows = _read_register(text, lines, kinds, k, last, skip, meeting_date)
            tables.extend(found)
            taken.update(rows)
            k = max(rows)
            style, blank_seen = "register", False
            continue
        mk = _marker(ln.raw)
        sub = _SUBNUMBER.match(ln.raw) if mk is None and style in (None, "sub", "plain") else None
        if sub and (style == "sub" or sub.group("b") == "1"):
            mk = _Marker("sub", sub.end(), int(sub.group("b")))
        if style == "plain" and blank_seen and mk is None and ln.text.endswith(":") and _marked_next(lines, k, last):
            # the plain lines were the section's narrative: the marked list below is the actions
            taken -= plain
            spans, style, plain, lead_in = [], None, set(), False
        if mk is None and not spans and not lead_in and ln.text.endswith(":"):
            taken.add(k)  # "The group agreed the following:" introduces the list, it is no action
            lead_in, blank_seen = True, False
            continue
        if mk:
            kind = mk.kind
            if style is None:
                style = kind
            elif kind != style:
                break
            if kind in ("number", "sub"):
                if spans and mk.number != prev_number + 1:
                    break
                if kind == "sub":
                    if major is not None and sub.group("a") != major:
                        break
                    major = sub.group("a")
                prev_number = mk.number or 0
            spans.append([ln.start + mk.content, ln.end])
        elif spans and not blank_seen and not is_prose(ln.text) and ln.raw[:1].isspace():
            spans[-1][1] = ln.end  # a wrapped item's indented continuation
        elif style in (None, "plain") and not (spans and blank_seen) and _plain_item(ln):
            style = "plain"
            plain.add(k)
            spans.append([ln.start + len(ln.raw) - len(ln.raw.lstrip()), ln.end])
        else:
            break
        taken.add(k)
        blank_seen = False
    items = [_list_item(text, a, b, meeting_date) for s, e in spans for a, b in (inline_steps(text, s, e) or [(s, e)])]
    return items + tables, taken


_RULE = re.compile(r"([-=_~*])\1{2,}")
"""A line drawn under a plain-text heading ("---------", "=====")."""
_SUBNUMBER = re.compile(r"^[ \t]*(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?[ \t]+(?=\S)")
"""An item numbered under its section's number ("6.1 Committee secretariat: ..." under "6. Summary of actions")."""


def _marked_next(lines: Sequence[Line], k: int, last: int) -> bool:
    """Whether the next non-blank line after ``k`` starts a marked list item."""
    j = k + 1
    while j < last and lines[j].blank:
        j += 1
    return j < last and (_marker(lines[j].raw) is not None or _SUBNUMBER.match(lines[j].raw) is not None)


def _fielded_list(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[Found], set[int]]:
    """The items of the marked list at line ``first`` when it is a list of actions by its shape alone:
    two items or more, each naming its owner ("Ana:", "Ana -") and ending in a deadline field ("-- by 3 May",
    "-- no date set"). Else nothing."""
    style = _marker(lines[first].raw)
    spans: list[list[int]] = []
    taken: set[int] = set()
    blank_seen = False
    k = first
    while k < last and k not in skip and (k == first or kinds[k] is None):
        ln = lines[k]
        if ln.blank:
            blank_seen = True
            k += 1
            continue
        mk = _marker(ln.raw)
        if mk is not None and style is not None and mk.kind == style.kind:
            spans.append([ln.start + mk.content, ln.end])
        elif mk is None and spans and not blank_seen and not is_prose(ln.text) and ln.raw[:1].isspace():
            spans[-1][1] = ln.end
        else:
            break
        taken.add(k)
        blank_seen = False
        k += 1
    if len(spans) < 2:
        return [], set()
    found = [_list_item(text, a, b, meeting_date) for a, b in spans]
    if not all(f.due_cell is not None and f.item.owner for f in found):
        return [], set()
    return found, taken


def _plain_item(ln: Line) -> bool:
    """An unmarked line under an "Actions" heading that reads as an action."""
    t = ln.text
    return bool(t) and not ln.is_url_only and not ln.has_tab and len(t.split()) >= 3


# --------------------------------------------------------------------------- tables


@lru_cache(maxsize=1)
def _column_names() -> dict[str, str]:
    columns = vocab.load("actions")["table_columns"]
    return {_column_key(name): kind for kind, names in columns.items() for name in names}


def _column_key(cell: str) -> str:
    key = norm_key(clean(cell).text).strip(" :*")
    return re.sub(r"\s*\(s\)$", "", key)


def _column_kind(cell: str) -> str:
    """The kind a header cell names; a cell in two languages ("Responsable / Owner") by the parts known."""
    if not cell.strip():
        return "other"
    names = _column_names()
    kind = names.get(_column_key(cell))
    if kind:
        return kind
    parts = {names.get(_column_key(p)) for p in vocab.regex("actions", "header_part_separator").split(cell) if p.strip()}
    parts.discard(None)
    return parts.pop() if len(parts) == 1 else "other"


def _agenda_like(cells: Sequence[str]) -> bool:
    """A header row an agenda table could have: "Item", "Time", "Session", "Speaker"."""
    words = vocab.word_set("actions", "agenda_like_columns")
    return any(_column_key(c) in words for c in cells)


def header_columns(cells: Sequence[str]) -> list[str] | None:
    """The kinds of an action table's columns ("action", "owner", "due", "status", "number", "other")
    when ``cells`` is its header row, else None.

    A header names an action column and an owner or due column, and most of
    its cells are known column names.
    """
    kinds = [_column_kind(c) for c in cells]
    known = sum(k != "other" for k in kinds)
    if "action" not in kinds or not {"owner", "due"} & set(kinds) or known <= len(kinds) - known:
        return None
    return kinds


def _minutes_columns(columns: Sequence[str]) -> bool:
    """Whether an action table's columns make it the minutes themselves: a discussion column beside the actions'."""
    return "discussion" in columns and "owner" in columns


def _minutes_table(ln: Line) -> bool:
    """Whether a tab row is the header of a minutes table ("No. | Item | Discussion | Action | Responsible")."""
    columns = header_columns([clean(c).text for c in ln.raw.split("\t")])
    return columns is not None and _minutes_columns(columns)


def _cell_spans(ln: Line) -> list[tuple[int, int]]:
    """Document spans of a tab row's cells, whitespace trimmed; empty cells kept so columns stay aligned."""
    out: list[tuple[int, int]] = []
    pos = ln.start
    for part in ln.raw.split("\t"):
        lead = len(part) - len(part.lstrip())
        out.append((pos + lead, pos + max(lead, len(part.rstrip()))))
        pos += len(part) + 1
    return out


def _date_cell(cell: str) -> DateHit | None:
    hits = find_dates(cell)
    return hits[0] if hits else None


def _no_due(cell: str) -> bool:
    return norm_key(cell).strip(" .") in vocab.word_set("actions", "no_due")


def _is_status(cell: str) -> bool:
    return norm_key(cell).strip(" .") in vocab.word_set("actions", "status_words")


def cell_due(cell: str, meeting_date: str | None, next_meeting: str | None = None) -> str | None:
    """The ISO date a due cell states ("14 March 2025", "by 30 April", "End of month", "Friday"); None for "Ongoing", "TBD"."""
    hit = _date_cell(cell)
    if hit is None:
        numeric = _numeric_due(cell, meeting_date)
        if numeric is not None:
            return numeric
        relative = find_relative(cell, meeting_date, next_meeting, whole=True) or find_relative(
            cell, meeting_date, next_meeting
        )
        return relative.iso if relative else None
    iso = hit.iso(year_of(meeting_date))
    return roll_forward(iso, meeting_date) if hit.year is None else iso


def _numeric_due(cell: str, meeting_date: str | None) -> str | None:
    """The ISO date of a due cell written in figures ("21/02", "07/03/2025", "15.03.2025"), day first
    unless the first number cannot be a day's month ("04/25/2025"); a year left out is the meeting's."""
    m = vocab.regex("actions", "numeric_date").search(cell)
    if m is None:
        return None
    parts = [int(x) for x in re.split(r"[./]", m.group())]
    day, month = parts[0], parts[1]
    if month > 12 >= day:
        day, month = month, day
    year = parts[2] if len(parts) > 2 else year_of(meeting_date)
    if year is None:
        return None
    if year < 100:
        year += 2000
    iso = iso_date(year, month, day)
    return roll_forward(iso, meeting_date) if len(parts) == 2 else iso


def guess_columns(rows: Sequence[Sequence[str]]) -> list[str] | None:
    """Column kinds of an action table without a header row, or None when the cells leave doubt.

    One column must hold dates (or "Ongoing", "TBD"), one the actions (the
    longest cells, three words or more); besides numbers and statuses at most
    one column is left, and it is the owner when its cells read as names
    (shorter, no article inside).
    """
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    columns = [[r[i] for r in rows if i < len(r) and r[i]] for i in range(width)]
    kinds = ["other"] * width
    for i, col in enumerate(columns):
        dates = [c for c in col if _date_cell(c) and len(c.split()) <= _MAX_DUE_WORDS]
        if not col:
            kinds[i] = "empty"
        elif all(_NUMBER_CELL.match(c) or _REGISTER_CELL.match(c) for c in col):
            kinds[i] = "number"
        elif dates and all(c in dates or _no_due(c) for c in col):
            kinds[i] = "due"
        elif all(_is_status(c) for c in col):
            kinds[i] = "status"
    rest = [i for i, k in enumerate(kinds) if k == "other"]
    # a register ("A.1 | The Secretariat to publish ..."): its numbers vouch for the rows without a due column
    register = "due" not in kinds and "number" in kinds and len(rest) == 1
    if not register and (kinds.count("due") != 1 or not 1 <= len(rest) <= 2):
        return None
    words = {i: sum(len(c.split()) for c in columns[i]) / len(columns[i]) for i in rest}
    action = max(rest, key=lambda i: words[i])
    if words[action] < 3:
        return None
    kinds[action] = "action"
    for i in rest:
        if i != action:
            if words[i] >= words[action] or not all(_owner_like(c) for c in columns[i]):
                return None
            kinds[i] = "owner"
    return kinds


def _decision_number(cell: str) -> bool:
    """A register number whose letter marks a decision ("D.2", "DEC-1")."""
    m = _REGISTER_CELL.match(cell.strip())
    return bool(m) and m.group("letter").lower() in vocab.word_set("actions", "decision_register_letters")


def _owner_like(cell: str) -> bool:
    """A cell that can name an owner: short, and no phrase with an article ("Send the note")."""
    words = cell.split()
    return len(words) <= 8 and not is_prose(cell) and not any(w.lower() in ("the", "a", "an") for w in words[1:])


def _read_table(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
    *,
    under_heading: bool,
) -> tuple[list[Found], set[int]]:
    """The action items of the table starting at line ``first`` and the lines it occupies.

    A cell wrapped onto the following lines joins its row: the item's text joins the pieces and
    its span runs from the first piece to the last (the row's other cells in between).

    Outside an actions heading only a header naming an action and an owner
    column makes an action table.
    """
    rows: list[int] = []
    strays: list[int] = []
    k = first
    while k < last and k not in skip:
        ln = lines[k]
        if rows and not ln.blank and not ln.has_tab and _page_break_line(ln.text):
            strays.append(k)  # a page break inside the table left its page number between two rows
        elif not (ln.has_tab or ln.blank or (rows and rows[-1] == k - 1 and _cell_piece(ln.text))):
            break
        elif not ln.blank:
            if k != first and kinds[k] is not None:
                break
            rows.append(k)
        elif k + 1 < last and lines[k + 1].blank:
            break  # two blank lines end the table
        k += 1
    spans = {k: _cell_spans(lines[k]) for k in rows}
    cells = {k: [clean(text[s:e]).text for s, e in spans[k]] for k in rows}
    columns = header_columns(cells[rows[0]]) if rows else None
    body = rows[1:]
    if columns and text[slice(*spans[rows[0]][0])].strip() == "#":
        columns[0] = "number"  # cleaning took "#" for a Markdown heading mark
    if columns and columns[0] == "number":
        for k in body:
            _split_number_cell(text, spans[k], cells[k], len(columns))
    minutes = bool(columns) and _minutes_columns(columns)
    if columns and not under_heading and not minutes and ("owner" not in columns or _agenda_like(cells[rows[0]])):
        # Outside an actions heading, "Time | Item | Lead" is an agenda, not actions.
        columns = None
    if columns is None and under_heading and rows:
        body = rows
        columns = guess_columns([cells[k] for k in rows])
        if columns is None and len(rows) >= 3:
            # a header row in words the vocabulary does not know
            body = rows[1:]
            columns = guess_columns([cells[k] for k in body])
    if columns is None:
        return [], set()
    ranked = [i for i, c in enumerate(columns) if c == "action"]
    if len(ranked) > 1 and minutes:
        # "Item | Discussion | Action": the item column names the agenda item, not a task
        ranked = [i for i in ranked if not _agenda_like([cells[rows[0]][i]])] or ranked
        columns = [c if c != "action" or i in ranked else "other" for i, c in enumerate(columns)]
    if len(ranked) > 1:
        # "Item | Action | Owner": the action is the column with the most words
        words = {i: sum(len(cells[k][i].split()) for k in body if i < len(cells[k])) for i in ranked}
        best = max(ranked, key=lambda i: words[i])
        columns = [c if c != "action" or i == best else "other" for i, c in enumerate(columns)]
    col = {kind: columns.index(kind) for kind in ("action", "owner", "due", "number") if kind in columns}
    found: list[Found] = []
    for group in _wrapped_rows(body, cells, len(columns)):
        k = group[0]
        row = spans[k]
        a = col["action"]
        if a >= len(row) or row[a][0] == row[a][1]:
            continue
        if "number" in col and col["number"] < len(cells[k]) and _decision_number(cells[k][col["number"]]):
            continue  # "D.2": a decision the register numbers among the actions
        owner = cells[k][col["owner"]] if "owner" in col and col["owner"] < len(row) else None
        due_cell = cells[k][col["due"]] if "due" in col and col["due"] < len(row) else ""
        item = _item(text, row[a][0], row[a][1], meeting_date, owner=owner or None)
        for more in group[1:]:
            # a cell wrapped onto the next line (a narrow column in a PDF): empty cells are not
            # kept there, so the pieces are placed by what they look like
            pieces = [(c, s) for c, s in zip(cells[more], spans[more]) if c]
            if pieces and pieces[0][0][:1].isalpha():
                (words, (_, end)), pieces = pieces[0], pieces[1:]
                item = replace(item, text=f"{item.text} {words}", end=end)
            for words, _ in pieces:
                if find_dates(f"1 {words}") or words[:1].isdigit() or words.lower() in _months():
                    due_cell = f"{due_cell} {words}".strip()
                else:
                    owner = f"{owner or ''}{'' if words.startswith('-') else ' '}{words}".strip()
                    item = replace(item, owner=_clean_owner(owner))
        if "due" in col:
            found.append(Found(replace(item, due=cell_due(due_cell, meeting_date)), due_cell))
        else:
            found.append(Found(item))
    return found, set(rows) | {j for j in strays if j < max(rows)}


def _page_break_line(line: str) -> bool:
    return bool(vocab.regex("actions", "page_break_line").match(line.strip()))


_LEADING_NUMBER = re.compile(r"^(\d{1,3}[.)]?)\s+(?=\S)")


def _split_number_cell(text: str, spans: list[tuple[int, int]], cells: list[str], width: int) -> None:
    """Give a row its number cell back when a PDF ran it into the next one ("1 Publish the table").

    Only a row one cell short of its header, whose first cell starts with a number, is cut.
    """
    if len(cells) != width - 1 or not cells:
        return
    s, e = spans[0]
    m = _LEADING_NUMBER.match(text[s:e])
    if not m:
        return
    spans[0:1] = [(s, s + len(m.group(1))), (s + m.end(), e)]
    cells[0:1] = [m.group(1), clean(text[s + m.end() : e]).text]


def _cell_piece(text: str) -> bool:
    """A short line between table rows that is the end of a wrapped cell ("2025", "hubs")."""
    return 0 < len(text.split()) <= 3 and (text[:1].islower() or text[:1].isdigit()) and not is_prose(text)


def _wrapped_rows(body: Sequence[int], cells: dict[int, list[str]], width: int) -> list[list[int]]:
    """Table lines grouped into rows: a line with fewer cells than the table, starting lower-case,
    with a digit or a hyphen, continues the row above."""
    groups: list[list[int]] = []
    for k in body:
        filled = [c for c in cells[k] if c]
        first = filled[0][:1] if filled else ""
        # a line with all the table's cells, some empty, is a row of its own (DOCX, HTML); a wrapped
        # PDF line has lost its empty cells
        wrapped = (len(filled) < width and len(cells[k]) < width) or any(c[:1] == "-" or re.fullmatch(r"(?:19|20)\d\d", c) for c in filled[1:])
        if groups and wrapped and (first.islower() or first.isdigit() or first == "-"):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(vocab.load("dates")["months"])


def _item(text: str, start: int, end: int, meeting_date: str | None, owner: str | None = None) -> ActionItem:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    start += lead
    raw = raw.strip()
    # "(a) the Secretariat will ...; and": the list's punctuation is no part of the item
    raw = re.sub(r"\s*[;,](?:\s*(?:and|or))?$", "", raw)
    end = start + len(raw)
    # emphasis wrapped round the whole item is markup, not text
    while raw.startswith(("**", "__")) and len(raw) >= 4:
        raw, start = raw[2:], start + 2
    while raw.endswith(("**", "__")) and len(raw) >= 2:
        raw, end = raw[:-2], end - 2
    c = clean(text[start:end], start)
    body = c.text
    owner = _clean_owner(owner) if owner else None
    if owner is None:
        owner = find_owner(body)
    return ActionItem(body, start, max(start, end), owner=owner, due=find_due(body, meeting_date))


def _clean_owner(owner: str) -> str | None:
    """The owner as written less a trailing bracket and a leading "the"; a group's people when the bracket names them.

    "IGF Secretariat (Tomasz)", "Secretariat (Tomasz / Mia)": an organisation, role or
    stakeholder group with the people acting for it in brackets is owned by those people
    ("Tomasz", "Tomasz and Mia"), whom the graph resolves like other owners; a person with
    an organisation in brackets ("Tomasz Nowak (IGF Secretariat)") stays that person.
    """

    def group_like(part: str) -> bool:
        acronym = any(len(w) >= 2 and w.isupper() and w.isalpha() for w in part.split())
        return acronym or is_organisation_cue(part) or is_role(part) or is_stakeholder_group(part) or is_location(part)

    m = re.fullmatch(r"\s*(?P<group>[^()]+?)\s*\((?P<people>[^()]+)\)\s*", owner)
    if m and group_like(m.group("group")):
        people = [p.strip(" .") for p in re.split(r"\s*(?:,|;|&|/|\+|\band\b)\s*", m.group("people")) if p.strip(" .")]
        if people and all(looks_like_name(p, 4) and not group_like(p) for p in people):
            return " and ".join(people)
    owner = " ".join(re.sub(r"\s*\([^()]*\)\s*$", "", owner).split()).strip(" ,;:-") or owner.strip()
    if owner.lower().startswith("the "):
        owner = owner[4:]
    return owner or None


@lru_cache(maxsize=1)
def _owner_re() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in vocab.load("actions")["owner_verbs"])
    return re.compile(rf"^(?:the\s+)?(?P<owner>[^\W\d_][^;:.!?]{{0,100}}?)\s+(?:{verbs})\b", re.IGNORECASE)


_TITLE_STOP = re.compile(r"\b(Dr|Mr|Mrs|Ms|Mx|Prof|Amb|H\.E|St)\.(?=\s+[A-Z])")


def find_owner(sentence: str) -> str | None:
    """The subject that owns an action ("The IGF Secretariat will ..." -> "IGF Secretariat")."""
    explicit = vocab.regex("actions", "explicit_owner").search(sentence)
    if explicit:
        return _clean_owner(explicit.group("owner") or explicit.group("owner2"))
    bracketed = _bracket_owners(sentence)
    if bracketed:
        return bracketed
    # "Dr. Nwosu to circulate ...": a title's full stop does not end the owner
    m = _owner_re().match(_TITLE_STOP.sub(lambda t: t.group(1) + " ", sentence.strip()))
    if not m:
        return None
    owner = _clean_owner(m.group("owner"))
    # "The chairs will ...": a common noun after "The" names an owner too
    if not owner or not (owner[0].isupper() or sentence.lstrip()[:4].lower() == "the "):
        return None
    tokens = owner.split()
    if len(tokens) > 10 or owner.lower() in vocab.word_set("actions", "not_owners"):
        return None
    if len(tokens) > 1 and tokens[1].lower() in _ARTICLES:
        return None  # an imperative ("Send the letter to ..."), not a subject
    if _verb_inside(tokens):
        return None  # "Ana shortens the survey to ...": the subject ends at its own verb
    return owner


def _verb_inside(tokens: Sequence[str]) -> bool:
    """Whether a verb in the present tense follows the capitalised words that open ``tokens``
    ("Piet shortens the survey", "Secretariat posts it"): a lower-case word in "-s" before an article."""
    for i in range(1, len(tokens) - 1):
        word = tokens[i]
        if word[:1].isupper():
            continue
        return (
            tokens[i + 1].lower() in _ARTICLES
            and word.endswith("s")
            and not word.endswith("ss")
            and word.lower() not in vocab.word_set("actions", "owner_joiners")
        )
    return False


def task_end(sentence: str) -> int:
    """Where a task's words end in ``sentence``: before a deadline appended after a comma ("Gustavo reviews
    the draft, by the 23rd."), else at its end."""
    body = sentence.rstrip(" .;")
    for m in vocab.regex("actions", "due").finditer(body):
        before = body[: m.start()].rstrip()
        if before.endswith(",") and _states_due(body[m.start() :]):
            return len(before) - 1
    return len(sentence)


def recap_owner(sentence: str) -> str | None:
    """The owner of a task a recap states without a modal verb: "Gustavo reviews the Portuguese version",
    "The Secretariat sends it to ...", "Everyone please share it ..." ("recap_task")."""
    m = vocab.regex("actions", "recap_task", 0).match(sentence.strip())
    if m is None:
        return None
    owner = _clean_owner(m.group("owner"))
    if not owner or owner.lower() in vocab.word_set("actions", "not_owners") - vocab.word_set("actions", "everyone"):
        return None
    if m.group("verb") and m.group("verb").lower() in vocab.word_set("actions", "not_task_verbs"):
        return None
    return owner


def _bracket_owners(sentence: str) -> str | None:
    """The owners named in brackets after a task ("share the dataset [Ana R., Bo Li] - by 16 Oct" -> "Ana R. and Bo Li")."""
    m = vocab.regex("actions", "bracket_owners").search(sentence)
    if m is None:
        return None
    names = [n.strip() for n in re.split(r"\s*(?:,|;|&|/|\band\b)\s*", m.group("owners")) if n.strip()]
    joiners = vocab.word_set("actions", "owner_joiners")
    for name in names:
        words = name.split()
        if len(words) > 5 or not words[0][:1].isupper() or name.lower() in vocab.word_set("actions", "no_due"):
            return None
        if not all(w[:1].isupper() or w.lower() in joiners for w in words):
            return None
    return " and ".join(names) if names else None


def find_due(sentence: str, meeting_date: str | None, next_meeting: str | None = None) -> str | None:
    """The ISO due date of an action: a date it states ("by 30 August", in the meeting's year), else one
    it states relative to the meeting ("within two weeks", "by end of month", "by Friday"; "before the
    next meeting" when ``next_meeting`` gives that meeting's date).  The wording stays in the item's text."""
    for m in vocab.regex("actions", "due").finditer(sentence):
        hits = find_dates(sentence[m.end() : m.end() + 40])
        if hits and hits[0].start == 0:
            iso = hits[0].iso(year_of(meeting_date))
            return roll_forward(iso, meeting_date) if hits[0].year is None else iso
        day = vocab.regex("actions", "day_of_month").match(sentence, m.end())
        if day and meeting_date:
            # "by the 23rd": that day of the meeting's month, or of the next month when it is past
            return _next_day_of_month(meeting_date, int(day.group("d")))
    relative = find_relative(sentence, meeting_date, next_meeting)
    return relative.iso if relative else None


def _next_day_of_month(meeting_date: str, day: int) -> str | None:
    """The first date on day ``day`` of a month after ``meeting_date`` (ISO), or None."""
    try:
        ref = dt.date.fromisoformat(meeting_date)
    except ValueError:
        return None
    year, month = ref.year, ref.month
    for _ in range(3):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            when = None
        if when is not None and when > ref:
            return when.isoformat()
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None
