"""Action items: "Actions" lists, arrow bullets and "Action:" lines, with owner and due date."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.model import ActionItem
from kg.parse import vocab
from kg.parse.dates import find_dates, roll_forward, year_of
from kg.parse.text import BULLET_RE, Line, clean, is_prose

_NUMBER = re.compile(r"^[ \t]*(?P<n>\d{1,2})[.)][ \t]+")
_ARTICLES = frozenset({"the", "a", "an", "all", "any", "this", "that", "these", "those", "it", "them"})


@dataclass(frozen=True)
class _Marker:
    kind: str  # "arrow" | "bullet" | "number"
    content: int  # offset in the line's raw text where the item's text begins
    number: int | None = None


@lru_cache(maxsize=1)
def _arrows() -> str:
    return "".join(vocab.load("actions")["arrows"])


def _marker(raw: str) -> _Marker | None:
    pos = 0
    kind = None
    number = None
    m = BULLET_RE.match(raw)
    n = _NUMBER.match(raw)
    if n:
        kind, pos, number = "number", n.end(), int(n.group("n"))
    elif m:
        kind, pos = "bullet", m.end()
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


def find_actions(
    text: str,
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[ActionItem], set[int]]:
    """Action items among ``lines[first:last]`` and the lines they (and their headings) occupy."""
    items: list[ActionItem] = []
    used: set[int] = set()
    label = vocab.regex("actions", "label")
    j = first
    while j < last:
        ln = lines[j]
        if j in skip or ln.blank:
            j += 1
            continue
        if kinds[j] == "actions":
            found, taken = _list_under_heading(text, lines, j, last, skip, meeting_date)
            if found:
                items.extend(found)
                used.add(j)
                used.update(taken)
                j = max(taken) + 1
                continue
        mk = _marker(ln.raw)
        if mk and mk.kind == "arrow":
            items.append(_item(text, ln.start + mk.content, ln.end, meeting_date))
            used.add(j)
        else:
            m = label.match(ln.text)
            if m and len(ln.text) > m.end():
                c = ln.clean
                start = c.at(m.end())
                items.append(_item(text, start, ln.end, meeting_date, owner=m.group("owner")))
                used.add(j)
        j += 1
    return items, used


def _list_under_heading(
    text: str,
    lines: Sequence[Line],
    heading: int,
    last: int,
    skip: Collection[int],
    meeting_date: str | None,
) -> tuple[list[ActionItem], set[int]]:
    spans: list[list[int]] = []
    taken: set[int] = set()
    style: str | None = None
    prev_number = 0
    blank_seen = False
    for k in range(heading + 1, last):
        ln = lines[k]
        if k in skip:
            break
        if ln.blank:
            blank_seen = True
            continue
        mk = _marker(ln.raw)
        if mk:
            kind = "arrow" if mk.kind == "arrow" else mk.kind
            if style is None:
                style = kind
            elif kind != style:
                break
            if kind == "number":
                if spans and mk.number != prev_number + 1:
                    break
                prev_number = mk.number or 0
            spans.append([ln.start + mk.content, ln.end])
        elif spans and not blank_seen and not is_prose(ln.text) and ln.raw[:1].isspace():
            spans[-1][1] = ln.end  # a wrapped item's indented continuation
        elif style in (None, "plain") and not (spans and blank_seen) and _plain_item(ln):
            style = "plain"
            spans.append([ln.start + len(ln.raw) - len(ln.raw.lstrip()), ln.end])
        else:
            break
        taken.add(k)
        blank_seen = False
    return [_item(text, s, e, meeting_date) for s, e in spans], taken


def _plain_item(ln: Line) -> bool:
    """An unmarked line under an "Actions" heading that reads as an action."""
    t = ln.text
    return bool(t) and not ln.is_url_only and not ln.has_tab and len(t.split()) >= 3


def _item(text: str, start: int, end: int, meeting_date: str | None, owner: str | None = None) -> ActionItem:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    start += lead
    raw = raw.strip()
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
    owner = " ".join(owner.split()).strip(" ,;:-")
    if owner.lower().startswith("the "):
        owner = owner[4:]
    return owner or None


@lru_cache(maxsize=1)
def _owner_re() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in vocab.load("actions")["owner_verbs"])
    return re.compile(rf"^(?:the\s+)?(?P<owner>[^\W\d_][^;:.!?]{{0,100}}?)\s+(?:{verbs})\b", re.IGNORECASE)


def find_owner(sentence: str) -> str | None:
    """The subject that owns an action ("The IGF Secretariat will ..." -> "IGF Secretariat")."""
    explicit = vocab.regex("actions", "explicit_owner").search(sentence)
    if explicit:
        return _clean_owner(explicit.group("owner") or explicit.group("owner2"))
    m = _owner_re().match(sentence.strip())
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
    return owner


def find_due(sentence: str, meeting_date: str | None) -> str | None:
    """The ISO due date stated in an action ("by 30 August"), with the meeting's year."""
    for m in vocab.regex("actions", "due").finditer(sentence):
        hits = find_dates(sentence[m.end() : m.end() + 40])
        if hits and hits[0].start == 0:
            iso = hits[0].iso(year_of(meeting_date))
            return roll_forward(iso, meeting_date) if hits[0].year is None else iso
    return None
