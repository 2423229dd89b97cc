"""``parse_report``: read a normalised document into a ``Report``.

The layout is recognised first (a mail message, a caption transcript, or
minutes: a summary report or an action-items report); each layout's parts are
read by their own module, and the report's blocks tile the whole text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from kg.model import (
    ActionItem,
    AgendaItem,
    FieldSpan,
    Meeting,
    NextMeeting,
    Participant,
    Report,
    Section,
    SourceDoc,
    Turn,
)
from kg.parse import vocab
from kg.parse.actions import find_actions, starts_item
from kg.parse.agenda import find_agenda, inline_agenda, is_agenda_intro, map_sections
from kg.parse.blocks import tile
from kg.parse.dates import find_dates, find_times
from kg.parse.header import (
    Found,
    column_header,
    find_next_meeting,
    is_key_value_row,
    meeting_format,
    number_in_title,
    read_meeting,
    signed_chair,
)
from kg.parse.headings import (
    contents_lines,
    detail_lines,
    heading_kind,
    is_details_heading,
    is_greeting,
    numbered,
    report_type,
)
from kg.parse.links import find_links
from kg.parse.mail import MailParts, read_mail
from kg.parse.roster import find_rosters, find_signer, is_inline_list
from kg.parse.sections import Head, find_heads, make_section
from kg.parse.sentences import split_sentences
from kg.parse.text import Clean, Line, bullet_prefix, clean_region, is_prose, split_lines
from kg.parse.transcript import (
    MIN_TURNS,
    closing_actions,
    find_chat,
    find_turns,
    is_boilerplate,
    preamble_kinds,
    read_out_agenda,
    turn_lines,
)

MAX_HEADER_LINES = 12
"""Lines at the top of a report that may form its header (title, date, type)."""

AGENDA_TITLE_MAX_WORDS = 16
"""Longest numbered heading (in words) taken as an agenda title when a report has no agenda list."""


def parse_report(doc: SourceDoc) -> Report:
    """Read a report's meeting, agenda, sections, actions, participants, turns and blocks.

    Never fails on unusual text: a document no layout fits comes back with
    layout ``"unknown"``, its first line as the meeting title, its prose as one
    untitled section, and blocks covering the whole text.

    Raises:
        ParseError: the parser's pattern files are missing or broken, or an
            internal invariant failed (a bug, never a property of the input).
    """
    text = doc.text
    lines = split_lines(text)
    mail = read_mail(lines, doc)
    if mail is not None:
        return _mail_report(doc, lines, mail)
    turns = find_turns(text)
    if len(turns) >= MIN_TURNS:
        return _transcript_report(doc, lines, turns)
    return _minutes_report(doc, lines, find_chat(text))


# --------------------------------------------------------------------------- minutes


@dataclass(frozen=True)
class _Minutes:
    """What the minutes reader found, before it becomes a ``Report``."""

    meeting: Meeting
    layout: str
    agenda: tuple[AgendaItem, ...] = ()
    sections: tuple[Section, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    participants: tuple[Participant, ...] = ()
    absent: tuple[Participant, ...] = ()
    next_meeting: NextMeeting | None = None
    kinds: dict[int, str] = field(default_factory=dict)


def _minutes_report(doc: SourceDoc, lines: list[Line], chat: Sequence[Turn] = ()) -> Report:
    """Minutes; the lines of a chat block (an annex "Chat export") are its turns, blanked for the minutes reader."""
    chat_lines = turn_lines(lines, chat)
    if chat_lines:
        body = _blanked(doc.text, lines, chat_lines)
        found = _read_minutes(body, split_lines(body))
    else:
        found = _read_minutes(doc.text, lines)
    kinds = {**found.kinds, **{j: "transcript" for j in chat_lines}}
    return Report(
        source=doc,
        layout=found.layout,
        meeting=found.meeting,
        agenda=found.agenda,
        sections=found.sections,
        actions=found.actions,
        participants=found.participants,
        absent=found.absent,
        turns=tuple(chat),
        next_meeting=found.next_meeting,
        links=find_links(doc),
        blocks=tile(doc.text, lines, kinds),
    )


def _blanked(text: str, lines: Sequence[Line], hidden: Collection[int]) -> str:
    """``text`` with the ``hidden`` lines' characters turned to spaces (offsets kept)."""
    chars = list(text)
    for j in hidden:
        for k in range(lines[j].start, lines[j].end):
            chars[k] = " "
    return "".join(chars)


def _runs_on(lines: Sequence[Line], j: int) -> bool:
    """Whether line ``j`` is part of running text (hard-wrapped prose)."""
    text = lines[j].text
    if not text:
        return False
    nxt = lines[j + 1].text if j + 1 < len(lines) else ""
    if text[0].islower() or _word_count(text) >= 14:
        # A long or lower-case line can still be a dated title ("Note of the call held on the
        # 4th of March 2025, 15:00-16:00 UTC", "note of call, Wed 2 April 2025 (14:00 UTC)"): a
        # line of its own under the title, one clause with a date or time, no closing punctuation.
        prev = lines[j - 1].text if j > 0 else ""
        after_title = not prev or (len(prev.split()) < 14 and prev[-1] not in ".!?:;,")
        alone = after_title and not nxt and ";" not in text and len(split_sentences(text)) == 1
        if alone and text[-1] not in ".!?:;," and (find_dates(text) or find_times(text)):
            return False
        return True
    if is_prose(text) or text[0] == "(":
        return True
    if nxt and re.search(r"\w-$|[,;]$", text):
        return True  # a word or clause broken at the line end
    return len(text) >= 60 and bool(nxt) and (nxt[0].islower() or nxt[0] == "(")


def _word_count(text: str) -> int:
    """Words in a line, not counting separators ("Committee – Minutes / Comité" has three)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def _header_run(
    lines: Sequence[Line], kinds: Sequence[str | None], stops: Collection[int] = ()
) -> tuple[list[int], str | None]:
    """The title/date/type lines at the top, and the report type they name; ``stops`` end it."""
    out: list[int] = []
    rtype: str | None = None
    dated = False
    for ln in lines:
        if ln.blank:
            continue
        if len(out) >= MAX_HEADER_LINES or ln.index in stops:
            break
        rt = report_type(ln)
        kind = kinds[ln.index]
        if rt and (kind is None or (kind in ("discussion", "actions") and _titles_report(lines, ln.index))):
            out.append(ln.index)
            rtype = rtype or rt
            continue
        text = ln.text
        if (
            kinds[ln.index] is not None
            or numbered(ln)
            or bullet_prefix(ln.raw)
            or ln.has_tab
            or ln.is_url_only
            or len(text) > 150
            or is_greeting(text)
            or is_inline_list(ln)
            or _runs_on(lines, ln.index)
            or is_agenda_intro(ln)
            or inline_agenda(ln)  # "Topics: (a) Budget · (b) Remote hubs"
            or (dated and (ln.underlined or _heads_text(lines, ln.index)))
            or (out and is_details_heading(ln))  # "Meeting details" heads a list, it names no meeting
        ):
            break
        dated = dated or bool(find_dates(text))
        out.append(ln.index)
    return out, rtype


def _heads_text(lines: Sequence[Line], j: int) -> bool:
    """Whether line ``j``, below the header's date, is a heading over running text, not metadata.

    "Opening of the meeting" above the first paragraph ends the header; a
    time, a place ("Geneva, Palais des Nations") or a format line does not.
    """
    text = lines[j].text
    if (
        not text[:1].isupper()
        or len(text.split()) > 10
        or text[-1] in ".,;:!?"
        or re.search(r"[,|\u00b7\u2022/]", text)
        or _is_meta_line(lines, j)
    ):
        return False
    k = _next_nonblank(lines, j)
    return k is not None and (_runs_on(lines, k) or is_prose(lines[k].text))


def _titles_report(lines: Sequence[Line], j: int) -> bool:
    """Whether a line that could head a list ("Action items", "Minutes") names the report instead.

    It does when more header lines (a date, a place) follow it rather than a
    list or running text.
    """
    k = next((k for k in range(j + 1, len(lines)) if not lines[k].blank), None)
    if k is None:
        return False
    nxt = lines[k]
    return not (
        numbered(nxt) or bullet_prefix(nxt.raw) or starts_item(nxt) or _runs_on(lines, k) or is_prose(nxt.text) or nxt.has_tab
    )


def _opening_text(text: str, sections: Sequence[Section]) -> list[Clean]:
    """The first paragraphs, where the meeting is introduced ("The fourth meeting ... was held on ...").

    They are the first section's, unless it holds only a line such as "CHAIR'S SUMMARY" above
    numbered paragraphs: then the next section's paragraphs open the text.
    """
    opening: list[Clean] = []
    for section in sections[:2]:
        opening.extend(clean_region(text, p.start, p.end) for p in section.paragraphs[:3])
        if any(is_prose(c.text) for c in opening):
            break
    return opening


def _dated_heading(lines: Sequence[Line], first: int, claimed: Collection[int]) -> Found | None:
    """The date of the first heading that states one ("Day 1 – 10 March 2025"), for a report whose
    header and opening text give none: a meeting over days heads each day with its date."""
    for ln in lines[first:]:
        if ln.blank or ln.index in claimed or bullet_prefix(ln.raw) or ln.has_tab:
            continue
        text = ln.text
        if is_prose(text):
            return None  # the discussion has started: a date in it is about something else
        if len(text.split()) > 10:
            continue
        hit = next((d for d in find_dates(text) if d.year is not None), None)
        if hit is not None and hit.iso():
            s, e = ln.clean.span(hit.start, hit.end)
            return Found(hit.iso() or "", s, e)
    return None


def _is_meta_line(lines: Sequence[Line], j: int) -> bool:
    """A short line below the opening text that still states meeting metadata."""
    ln = lines[j]
    text = ln.text
    if not text or _runs_on(lines, j) or len(text) > 150 or bullet_prefix(ln.raw):
        return False
    if ln.has_tab and column_header(lines, j) is not None:
        return True  # "Meeting | Date | Time (UTC)" over its values
    if ln.has_tab:
        return is_key_value_row(ln)  # "Chair<TAB>Ana Ruiz": a header table's row states metadata
    if find_dates(text) or find_times(text) or report_type(ln) or number_in_title(ln.clean):
        return True
    if len(text.split()) <= 6 and meeting_format(ln.clean):
        return True
    if text[-1] in ".:;" or not vocab.phrase_regex("meeting", "series_name_words").search(text):
        return False
    # a group's name is written in title case ("Data Working Group"), running text is not
    name = re.split(r"\(|\s[-\u2013\u2014|]\s", text, maxsplit=1)[0]
    long_words = [w for w in name.split() if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _read_minutes(
    text: str,
    lines: list[Line],
    *,
    title: Found | None = None,
    fallback_date: Found | None = None,
    extra_header: Sequence[Line] = (),
) -> _Minutes:
    n = len(lines)
    kinds: list[str | None] = [None if ln.blank else heading_kind(ln) for ln in lines]
    # a table of contents lists the section headings with page numbers: it is neither agenda nor headings
    contents = contents_lines(lines)
    for j in contents:
        kinds[j] = None
    header, report_kind = _header_run(lines, kinds, contents)
    for j in header:
        kinds[j] = None
    claimed: set[int] = set(header) | contents

    agenda = find_agenda(lines, kinds, claimed)
    agenda_lines = set(range(agenda.first_line, agenda.last_line + 1)) if agenda else set()
    claimed |= agenda_lines
    body_first = max(header) + 1 if header else 0
    # actions before rosters: a table under "Action items" is the action finder's, not a headingless roster
    structural = {
        j for j, k in enumerate(kinds) if k in ("annex", "discussion", "participants", "absent", "agenda")
    }
    # a table whose rows hold the discussion: its header row is the agenda's, its rows the sections' and
    # the action finder's (an "Action | Responsible" column beside the discussion)
    table_head = {agenda.first_line} if agenda and agenda.rows else set()
    found_actions, action_lines = find_actions(
        text, lines, kinds, body_first, n, (claimed - table_head) | structural, None
    )
    # the report's numbered outline is no item of a list above it ("- Ana Ruiz (Org)" then "1. Welcome")
    rosters = find_rosters(lines, kinds, claimed | action_lines | _outline_lines(lines, body_first, claimed | action_lines))
    roster_lines: set[int] = set()
    for b in rosters:
        roster_lines.update(range(b.first_line, b.last_line + 1))
    claimed |= roster_lines
    annex_lines = {j for j, k in enumerate(kinds) if k == "annex" and j not in claimed}
    heading_lines = {
        j for j, k in enumerate(kinds) if k in ("discussion", "participants", "absent", "agenda") and j not in claimed
    }

    blocked = claimed | annex_lines | heading_lines
    skip = blocked | action_lines | {j for j, k in enumerate(kinds) if k == "actions"}

    agenda_items = agenda.items if agenda else ()
    heads = find_heads(lines, body_first, n, skip, agenda_items)
    if agenda and agenda.rows:
        rows = {line for line, _ in agenda.rows}
        heads = sorted(
            [h for h in heads if h.line not in rows]
            + [Head(line, it.number, it.title, it.start, it.end, body) for (line, body), it in zip(agenda.rows, agenda.items)],
            key=lambda h: h.line,
        )
    # an underlined title above numbered headings ("RECORD OF THE MEETING" / "-----") heads them all: no paragraph
    skip |= {j for j in range(body_first, n) if lines[j].underlined} - {h.line for h in heads}
    stoppers = sorted(
        ({agenda.first_line} if agenda else set())
        | {b.first_line for b in rosters if not b.nested}
        | annex_lines
        | heading_lines
    )

    # the opening text: everything between the header and the first structure
    firsts = [h.line for h in heads] + stoppers + sorted(action_lines)[:1]
    first_structure = min([f for f in firsts if f >= body_first], default=n)
    meta = [
        j
        for j in range(body_first, first_structure)
        if not lines[j].blank and j not in skip and _is_meta_line(lines, j)
    ]
    skip |= set(meta)

    regions: list[tuple[int, int, Head | None, str]] = []
    if any(not lines[j].blank and j not in skip for j in range(body_first, first_structure)):
        regions.append((body_first, first_structure, None, ""))
    for k, h in enumerate(heads):
        nxt = heads[k + 1].line if k + 1 < len(heads) else n
        stop = min([s for s in stoppers if s > h.line] + [nxt])
        regions.append((h.line, stop, h, h.title))
    regions.extend(_orphan_regions(lines, kinds, regions, skip, body_first))
    regions.sort(key=lambda r: r[0])

    sections = [
        make_section(text, lines, head, a, b, skip, owned=action_lines, title=t) for a, b, head, t in regions
    ]
    if not agenda_items:
        agenda_items = _agenda_from_heads(heads)
    indices = map_sections([(s.title, s.number) for s in sections], agenda_items)
    sections = [dataclasses.replace(s, agenda_index=i) for s, i in zip(sections, indices)]

    intro = _opening_text(text, sections)
    # "Meeting details" over "- Date: ...", "- Time: ...": the particulars are the header's too
    details = next(
        (detail_lines(lines, j) for j in range(body_first, n) if j not in claimed and is_details_heading(lines[j])), []
    )
    meeting = read_meeting(
        [*extra_header, *(lines[j] for j in sorted(set(header) | set(meta)))], intro, title=title,
        details=[lines[j] for j in details if j not in meta],
        fallback_date=fallback_date or _dated_heading(lines, body_first, claimed),
    )
    meeting = signed_chair(meeting, find_signer(lines, roster_lines), [p for b in rosters for p in b.participants])
    next_meeting = find_next_meeting(
        [clean_region(text, p.start, p.end) for s in sections for p in s.paragraphs], meeting.date
    )
    actions = tuple(
        dataclasses.replace(
            f.dated(meeting.date, next_meeting.date if next_meeting else None),
            section_index=_containing(sections, f.item.start),
        )
        for f in found_actions
    )
    participants = tuple(p for b in rosters for p in b.participants)

    painted = _paint(
        lines,
        kinds,
        header=set(header) | set(meta),
        regions=regions,
        headings=heading_lines,
        agenda=agenda_lines,
        rosters=roster_lines,
        annexes=annex_lines,
        actions=action_lines,
        contents=contents,
    )

    structure = bool(report_kind or agenda or rosters or heads or heading_lines or actions)
    dated = bool(meeting.date and (meeting.number or meeting.series))
    if report_kind == "actions" or (len(actions) >= 3 and _mostly_bullets(sections)):
        layout = "actions"
    elif structure or dated:
        layout = "summary"
    else:
        layout = "unknown"
        first = next((ln for ln in lines if not ln.blank), None)
        if first is not None and title is None:
            c = first.clean
            t = c.text[:200]
            s, e = c.span(0, len(t))
            spans = tuple(sp for sp in meeting.spans if sp.field != "title") + (FieldSpan("title", s, e),)
            meeting = dataclasses.replace(meeting, title=t, spans=spans)
    return _Minutes(
        meeting=meeting,
        layout=layout,
        agenda=agenda_items,
        sections=tuple(sections),
        actions=actions,
        participants=participants,
        absent=tuple(p for b in rosters for p in b.absent),
        next_meeting=next_meeting,
        kinds=painted,
    )


def _outline_lines(lines: Sequence[Line], first: int, claimed: Collection[int]) -> set[int]:
    """The lines of numbered headings that each stand above running text ("1. Welcome" over
    "Ana opened the call, ..."), numbered 1, 2, 3 ...: the report's outline, when two or more do."""
    found: dict[int, int] = {}  # number -> line
    for h in find_heads(lines, first, len(lines), claimed):
        if h.number is None or h.implied or h.body_start is not None:
            continue
        k = _next_nonblank(lines, h.line)
        if k is None or k in claimed or numbered(lines[k]) or bullet_prefix(lines[k].raw):
            continue  # the next entry of a numbered list, however long
        if is_prose(lines[k].text) or _runs_on(lines, k):
            found.setdefault(int(h.number), h.line)
    # the run from 1: a last list entry above a footnote ("9. Ana Ruiz, ..." / "1The paper ...") is none of it
    run = 0
    while run + 1 in found:
        run += 1
    return {found[n] for n in range(1, run + 1)} if run >= 2 else set()


def _paint(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    *,
    header: Collection[int],
    regions: Sequence[tuple[int, int, Head | None, str]],
    headings: Collection[int],
    agenda: Collection[int],
    rosters: Collection[int],
    annexes: Collection[int],
    actions: Collection[int],
    contents: Collection[int] = (),
) -> dict[int, str]:
    """The block kind of each line; later, more specific parts override the sections they sit in."""
    painted: dict[int, str] = {j: "header" for j in header}
    for a, b, head, _ in regions:
        for j in range(a, b):
            painted.setdefault(j, "section")
        prev = _previous_nonblank(lines, a) if head is None else None
        if prev is not None and kinds[prev] == "discussion":
            painted[prev] = "section"
    for j in headings:
        painted.setdefault(j, "participants" if kinds[j] == "participants" else "section")
    painted.update({j: "agenda" for j in agenda})
    painted.update({j: "participants" for j in rosters})
    for j in annexes:
        # "Annex 1:" belongs to the list it introduces
        nxt = _next_nonblank(lines, j)
        painted[j] = painted[nxt] if nxt is not None and (nxt in agenda or nxt in rosters) else "boilerplate"
    painted.update({j: "actions" for j in actions})
    painted.update({j: "boilerplate" for j in contents})
    for ln in lines:
        if ln.is_url_only and painted.get(ln.index) in (None, "section", "boilerplate"):
            painted[ln.index] = "links"
    return painted


def _orphan_regions(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    regions: Sequence[tuple[int, int, Head | None, str]],
    skip: Collection[int],
    first: int,
) -> list[tuple[int, int, Head | None, str]]:
    """Runs of prose no section holds (text after an agenda with no headings, under "Discussion", ...)."""
    covered: set[int] = set()
    for a, b, _, _ in regions:
        covered.update(range(a, b))
    out: list[tuple[int, int, Head | None, str]] = []
    start: int | None = None
    last_text: int | None = None
    for j in range(first, len(lines) + 1):
        orphan = (
            j < len(lines)
            and not lines[j].blank
            and j not in covered
            and j not in skip
            and not lines[j].is_url_only
        )
        boundary = j == len(lines) or (not lines[j].blank and not orphan and not lines[j].is_url_only)
        if orphan:
            if start is None:
                start = j
            last_text = j
        elif boundary and start is not None and last_text is not None:
            prev = _previous_nonblank(lines, start)
            title = lines[prev].text.rstrip(" :") if prev is not None and kinds[prev] == "discussion" else ""
            out.append((start, last_text + 1, None, title))
            start = last_text = None
    return out


def _previous_nonblank(lines: Sequence[Line], j: int) -> int | None:
    return next((k for k in range(j - 1, -1, -1) if not lines[k].blank), None)


def _next_nonblank(lines: Sequence[Line], j: int) -> int | None:
    return next((k for k in range(j + 1, len(lines)) if not lines[k].blank), None)


def _agenda_from_heads(heads: Sequence[Head]) -> tuple[AgendaItem, ...]:
    """The agenda a report's numbered section headings spell out, when it has no agenda list.

    Only an outline of two or more written headings ("1. Welcome", "II. Opening",
    "Item 3 – AOB") counts; numbered paragraphs, whose titles are cut from
    their first sentence, are not agenda items.  Each item is the heading's
    title, at the heading's offsets.
    """
    if len(heads) < 2 or any(h.number is None or h.implied for h in heads):
        return ()
    if sorted(int(h.number or 0) for h in heads) != list(range(1, len(heads) + 1)):
        return ()  # an outline runs 1, 2, 3 ...; a gap or a late start is a fragment
    # an item taken out of turn ("5" before "4") keeps its place in the agenda
    heads = sorted(heads, key=lambda h: int(h.number or 0))
    for h in heads:
        words = h.title.split()
        if not words or len(words) > AGENDA_TITLE_MAX_WORDS or h.title[-1] in ".!?;" or is_prose(h.title):
            return ()
    return tuple(AgendaItem(h.number, h.title, h.title_start, h.title_end) for h in heads)


def _containing(sections: Sequence[Section], offset: int) -> int | None:
    for i, s in enumerate(sections):
        if s.start <= offset < max(s.end, s.start + 1):
            return i
    return None


def _mostly_bullets(sections: Sequence[Section]) -> bool:
    paras = [p for s in sections for p in s.paragraphs]
    return bool(paras) and sum(p.is_bullet for p in paras) >= 0.7 * len(paras)


# --------------------------------------------------------------------------- mail


def _mail_report(doc: SourceDoc, lines: list[Line], mail: MailParts) -> Report:
    text = doc.text
    hidden = mail.non_body
    # quoted history, signature and headers are blanked (offsets kept) so the minutes reader never sees them
    chars = list(text)
    for j in hidden:
        ln = lines[j]
        for k in range(ln.start, ln.end):
            chars[k] = " "
    body = "".join(chars)
    body_lines = split_lines(body)
    title = Found(*mail.subject) if mail.subject and mail.subject[0] else None
    fallback = Found(*mail.date) if mail.date else None
    # The subject is read as a header line too ("Summary of call 14 - ... (4 March)"): the
    # meeting's number and date are often there, and the mail's own date is only when it was sent.
    subject = [Line(-1, title.start, title.end, title.end, text[title.start : title.end])] if title else []
    found = _read_minutes(body, body_lines, title=title, fallback_date=fallback, extra_header=subject)
    signer = find_signer([lines[j] for j in sorted(mail.signature_lines)], given_name=True)
    found = dataclasses.replace(found, meeting=signed_chair(found.meeting, signer, found.participants))
    kinds = dict(found.kinds)
    for j in mail.header_lines:
        kinds[j] = "mail_headers"
    for j in mail.quoted_lines:
        kinds[j] = "quoted"
    for j in mail.signature_lines:
        kinds[j] = "signature"
    for j in mail.footer_lines:
        kinds[j] = "boilerplate"
    return Report(
        source=doc,
        layout="mail",
        meeting=found.meeting,
        agenda=found.agenda,
        sections=found.sections,
        actions=found.actions,
        participants=found.participants,
        absent=found.absent,
        mail=mail.info,
        next_meeting=found.next_meeting,
        links=find_links(doc),
        blocks=tile(text, lines, kinds),
    )


# --------------------------------------------------------------------------- transcript


def _transcript_report(doc: SourceDoc, lines: list[Line], turns: Sequence[Turn]) -> Report:
    text = doc.text
    occupied = turn_lines(lines, turns)
    first_turn = min(occupied) if occupied else len(lines)
    kinds: dict[int, str] = {j: "transcript" for j in occupied}
    # The agenda and the participant list before the first turn: read first, so that their
    # short lines are not taken for the header.
    heading_kinds = preamble_kinds(lines, first_turn, turns)
    agenda = find_agenda(lines[:first_turn], heading_kinds[:first_turn], set())
    agenda_lines = set(range(agenda.first_line, agenda.last_line + 1)) if agenda else set()
    rosters = find_rosters(lines, heading_kinds, set(occupied) | agenda_lines)
    for j in agenda_lines:
        kinds[j] = "agenda"
    for b in rosters:
        for j in range(b.first_line, b.last_line + 1):
            kinds[j] = "participants"
    header: list[Line] = []
    for ln in lines[:first_turn]:
        if ln.blank or ln.index in kinds:
            continue
        if is_boilerplate(ln):
            kinds[ln.index] = "boilerplate"
        elif len(header) < MAX_HEADER_LINES and not _runs_on(lines, ln.index):
            header.append(ln)
            kinds[ln.index] = "header"
    intro: list[Clean] = [
        ln.clean for ln in lines[:first_turn] if not ln.blank and kinds.get(ln.index) is None
    ]
    meeting = read_meeting(header, intro)
    if not meeting.title:
        first = next((ln for ln in lines if not ln.blank), None)
        if first is not None:
            meeting = dataclasses.replace(meeting, title=first.text[:200])
    return Report(
        source=doc,
        layout="transcript",
        meeting=meeting,
        agenda=agenda.items if agenda else read_out_agenda(text, lines, turns),
        actions=closing_actions(text, turns, meeting.date),
        participants=tuple(p for b in rosters for p in b.participants),
        absent=tuple(p for b in rosters for p in b.absent),
        turns=tuple(turns),
        links=find_links(doc),
        blocks=tile(text, lines, kinds),
    )
