"""Discussion sections: their headings, and the paragraphs and sentences under them."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kg.model import AgendaItem, Paragraph, Section
from kg.parse import vocab
from kg.parse.agenda import similarity
from kg.parse.headings import heading_kind, is_contribution, numbered
from kg.parse.names import looks_like_name
from kg.parse.sentences import split_sentences
from kg.parse.text import Clean, Line, bullet_prefix, is_prose

_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_].*(?:\*\*|__)\s*:?\s*$")
# a bold run and what follows it: "**Item 2 – Balancing themes**. Tomasz said ..."
_BOLD_RUN = re.compile(r"(\*\*|__)(?=[^\s*_])(?P<b>.+?)(?<=[^\s*_])\1(?P<sep>[ \t]*[.:;,\u2013\u2014-]*)[ \t]*(?P<rest>\S?)")
_LEAD_SEPARATORS = ".:;,\u2013\u2014-"
RUN_IN_MAX_WORDS = 12
"""Longest bold lead (in words) read as a run-in heading."""

AGENDA_HEADING_MATCH = 85.0
"""Similarity to an agenda title above which a short unnumbered line is a section heading."""


@dataclass(frozen=True)
class Head:
    """Where a section starts and what it is called.

    ``body_start`` is the offset where the section's text begins on the heading
    line itself (a numbered paragraph, or a heading run on into its first
    paragraph), or None when the heading line holds only the title.
    """

    line: int
    number: str | None
    title: str
    title_start: int
    title_end: int
    body_start: int | None = None
    implied: bool = False
    """The title was cut from a numbered paragraph's first words, not written as a heading."""


@dataclass(frozen=True)
class BoldLead:
    """A bold run opening a line's text and running on into it, in ``Clean`` indices.

    ``clean.text[start:end]`` is the run (final punctuation dropped); ``body`` is
    where the text after it starts; ``punctuated`` says whether punctuation
    (".", ":", a dash) sets the run apart from that text.
    """

    start: int
    end: int
    body: int
    punctuated: bool


def bold_lead(line: Line, at: int = 0) -> BoldLead | None:
    """The bold run starting at clean index ``at`` of ``line`` with more text after it, or None."""
    clean = line.clean
    m = _BOLD_RUN.search(line.raw)
    if not m or not m.group("rest"):
        return None
    raw_at = line.start + m.start("b")
    i = clean.index_at(raw_at)
    if i != at:
        return None
    j = clean.index_at(line.start + m.end("b"))
    body = clean.index_at(line.start + m.start("rest"))
    end = j
    while end > i and clean.text[end - 1] in _LEAD_SEPARATORS + " ":
        end -= 1
    punctuated = end < j or any(ch in _LEAD_SEPARATORS for ch in m.group("sep"))
    if end <= i or body <= j - 1:
        return None
    return BoldLead(i, end, body, punctuated)



def find_heads(
    lines: Sequence[Line],
    first: int,
    last: int,
    skip: Collection[int],
    agenda: Sequence[AgendaItem] = (),
) -> list[Head]:
    """Section headings among ``lines[first:last]`` (lines in ``skip`` excluded).

    Numbered headings win: numbers must rise and keep one delimiter ("3." or
    "3)"), so a list numbered from 1 inside a section is not taken for
    headings.  Without numbered headings, markdown/bold headings and short
    title-like lines (or lines that repeat an agenda title) are headings.
    """
    titles = _agenda_titles(agenda)
    roman = _numbered_heads(lines, first, last, skip, titles, roman=True)
    other = _numbered_heads(lines, first, last, skip, titles, roman=False)
    # Roman headings over numbered paragraphs ("II. Opening" then "5. The Chair recalled ..."):
    # two of them, before any other numbered line, make the outline.
    if len(roman) >= 2 and (not other or roman[0].line < other[0].line):
        return roman
    if other:
        return other
    heads: list[Head] = []
    run_ins: list[int] = []  # indices into heads of run-in headings no agenda title vouches for
    previous_blank = True
    for j in range(first, last):
        ln = lines[j]
        if j in skip:
            previous_blank = True
            continue
        if ln.blank:
            previous_blank = True
            continue
        if previous_blank and _is_plain_heading(lines, j, last, titles):
            clean = ln.clean
            text = clean.text.rstrip(":").rstrip()
            start, end = clean.span(0, len(text))
            heads.append(Head(j, None, text, start, end))
        elif previous_blank:
            run_in = _run_in_head(ln, titles)
            if run_in is not None:
                if not titles or max(similarity(run_in.title, t) for t in titles) < AGENDA_HEADING_MATCH:
                    run_ins.append(len(heads))
                heads.append(run_in)
        previous_blank = False
    if len(run_ins) == 1:
        # one bold lead-in is emphasis; a run of them is the report's way of titling its sections
        del heads[run_ins[0]]
    return heads


def _run_in_head(line: Line, titles: Sequence[str]) -> Head | None:
    """A paragraph opening with a heading-like bold run ("**Youth engagement**. Ana said ...")."""
    lead = bold_lead(line)
    if lead is None or not lead.punctuated:
        return None  # "**Ana** said ..." names a speaker
    clean = line.clean
    title = clean.text[lead.start : lead.end]
    rest = clean.text[lead.body :]
    words = title.split()
    if (
        not title[:1].isupper()
        or not rest[:1].isupper() and not rest[:1].isdigit()
        or len(words) > RUN_IN_MAX_WORDS
        or re.search(r"[.!?;]\s", title)
    ):
        return None
    agenda_like = bool(titles) and max(similarity(title, t) for t in titles) >= AGENDA_HEADING_MATCH
    if not agenda_like:
        probe = Line(-1, 0, len(title), len(title), title)
        if len(words) < 2 or looks_like_name(title) or heading_kind(probe) is not None:
            return None  # "**Note:**", "**Jonas Brandt**:", "**Apologies**:" are labels, not titles
    s, e = clean.span(lead.start, lead.end)
    return Head(line.index, None, title, s, e, clean.at(lead.body))


def _numbered_heads(lines: Sequence[Line], first: int, last: int, skip: Collection[int],
                    titles: Sequence[str], roman: bool) -> list[Head]:
    """Numbered headings of one style: numbers rise and keep the first one's delimiter.

    Numbered paragraphs are no headings: a speaker's statement ("4. OKAFOR:
    stressed that ..."), and a sentence numbered next after one ("5. The Chair
    closed the meeting.").
    """
    heads: list[Head] = []
    delimiter: str | None = None
    last_number = 0
    used: set[int] = set()
    paragraph: tuple[str, int] | None = None  # the delimiter and number of the last numbered paragraph
    for j in range(first, last):
        if j in skip:
            continue
        m = numbered(lines[j])
        if not m or (m.style == "roman") != roman:
            continue
        n = int(m.group("n"))
        title = m.group("t")
        if is_contribution(title) or (paragraph == (m.group("d"), n - 1) and _is_sentence(title)):
            paragraph = (m.group("d"), n)
            continue
        if heads and (m.group("d") != delimiter or (n <= last_number and not _fills_gap(lines, j, n, used))):
            continue
        delimiter, last_number = m.group("d"), max(n, last_number)
        used.add(n)
        heads.append(_numbered_head(lines[j], str(n), m.start("t"), titles))
    return heads


def _fills_gap(lines: Sequence[Line], j: int, n: int, used: Collection[int]) -> bool:
    """Whether numbered line ``j`` heads the item the outline skipped ("(3) Budget (taken first)"
    and then "(2) Remote hubs"): its number is one passed over, and the line is a title set
    apart above running text, not an item of a list inside a section."""
    if n in used or n > max(used, default=0):
        return False
    ln = lines[j]
    text = ln.text
    if len(text.split()) > 12 or text[-1:] in ".;:,":
        return False
    above = j == 0 or lines[j - 1].blank
    below = next((lines[k] for k in range(j + 1, len(lines)) if not lines[k].blank), None)
    running = below is not None and (is_prose(below.text) or len(below.text.split()) >= 10)
    return above and running and j + 1 < len(lines) and lines[j + 1].blank


def _is_sentence(text: str) -> bool:
    """A numbered line's text that is a sentence: it ends with a full stop and has a verb's worth of words."""
    return text.rstrip()[-1:] in ".!?" and len(text.split()) >= 3


def _agenda_titles(agenda: Sequence[AgendaItem]) -> list[str]:
    out: list[str] = []
    for item in agenda:
        out.append(item.title.rstrip(" :"))
        out.extend(s.title.rstrip(" :") for s in item.sub_items)
    return [t for t in out if t]


def _numbered_head(line: Line, number: str, t0: int, titles: Sequence[str]) -> Head:
    clean = line.clean
    text = clean.text
    # a bold run holding the title ("**Item 2 – Balancing themes**. Tomasz said", "1. **Opening.** The")
    lead = bold_lead(line) or bold_lead(line, t0)
    if lead is not None and lead.end > t0 and lead.punctuated:
        s, e = clean.span(t0, lead.end)
        return Head(line.index, number, text[t0 : lead.end].strip(), s, e, clean.at(lead.body))
    rest = text[t0:]
    low = rest.lower()
    # a short heading is all title; only a heading run on into its text is cut at an agenda title
    run_on = is_prose(rest) or len(rest) > 100
    for title in sorted(titles, key=len, reverse=True) if run_on else ():
        if len(rest) > len(title) + 1 and low.startswith(title.lower()) and not rest[len(title)].isalnum():
            tail = len(title)
            after = rest[tail:].lstrip(" :.-\u2013")
            s, e = clean.span(t0, t0 + tail)
            if after[:1].isupper():
                body = clean.at(t0 + len(rest) - len(after))
            else:
                body = clean.at(t0)
            return Head(line.index, number, rest[:tail].strip(), s, e, body)
    if run_on:
        cut = _title_cut(rest)
        s, e = clean.span(t0, t0 + cut)
        return Head(line.index, number, rest[:cut].strip(), s, e, clean.at(t0), implied=True)
    s, e = clean.span(t0, len(text))
    return Head(line.index, number, rest.strip(), s, e)


def _title_cut(text: str) -> int:
    """Where a numbered paragraph's implied title ends: before its main verb, or its first clause."""
    best: int | None = None
    for phrase in vocab.load("headings")["title_cut_words"]:
        m = re.search(rf"\s{re.escape(phrase)}\b", text[:140])
        if m and m.start() >= 8 and (best is None or m.start() < best):
            best = m.start()
    if best is not None:
        return best
    m = re.search(r"[,.;:](?:\s|$)", text)
    if m and 8 <= m.start() <= 100:
        return m.start()
    if len(text) <= 100:
        return len(text)
    cut = text.rfind(" ", 0, 80)
    return cut if cut > 0 else min(len(text), 80)


def _is_plain_heading(lines: Sequence[Line], j: int, last: int, titles: Sequence[str]) -> bool:
    ln = lines[j]
    text = ln.text
    if not text or ln.is_url_only or ln.has_tab or bullet_prefix(ln.raw):
        return False
    if ln.starts_with_hash or ln.underlined or _BOLD_LINE.match(ln.raw):
        return len(text) <= 140
    words = text.split()
    if len(words) > 10 or len(text) > 90 or text[-1] in ".,;!?":
        return False
    if titles and max(similarity(text, t) for t in titles) >= AGENDA_HEADING_MATCH:
        return True
    if len(words) > 8 or len(text) > 60 or not text[0].isupper():
        return False
    # a short line set apart, above running text or a list, titles what follows
    nxt = next((lines[k] for k in range(j + 1, last) if not lines[k].blank), None)
    return nxt is not None and (is_prose(nxt.text) or bool(bullet_prefix(nxt.raw)) or len(nxt.text.split()) >= 12)


def paragraphs(
    text: str,
    lines: Sequence[Line],
    first: int,
    last: int,
    skip: Collection[int] = (),
    first_offset: int | None = None,
) -> tuple[Paragraph, ...]:
    """Paragraphs (and bullets) of ``lines[first:last]`` with their sentences.

    A paragraph broken by a page break or by a run of URL lines (the next
    part starting in lower case after an unfinished sentence) is kept whole.
    Lines in ``skip`` (action items, agenda, lists) end a paragraph.  When
    ``first_offset`` is given, the first line's text starts there.
    """
    spans: list[list] = []  # [start, end, is_bullet]
    open_para = False
    gap = False
    for j in range(first, last):
        ln = lines[j]
        if j in skip:
            open_para = False
            continue
        if ln.blank or ln.is_url_only:
            gap = True
            continue
        start = ln.start
        if j == first and first_offset is not None:
            start = max(ln.start, min(first_offset, ln.end))
        bp = bullet_prefix(text[start : ln.end])
        start += bp
        while start < ln.end and text[start].isspace():
            start += 1
        end = ln.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if bp or not open_para:
            spans.append([start, end, bool(bp)])
        elif gap and not _continues(text[spans[-1][0] : spans[-1][1]], text[start:end]):
            spans.append([start, end, False])
        else:
            spans[-1][1] = end
        open_para = True
        gap = False
    return tuple(
        Paragraph(text[s:e], s, e, split_sentences(text[s:e], s), is_bullet=b) for s, e, b in spans
    )


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` finishes a sentence that ``before`` left open (a page break)."""
    return not _ENDS_SENTENCE.search(before.rstrip()) and after[:1].islower()


def make_section(
    text: str,
    lines: Sequence[Line],
    head: Head | None,
    first: int,
    last: int,
    skip: Collection[int],
    owned: Collection[int] = (),
    title: str = "",
) -> Section:
    """A section from ``lines[first:last]``; ``head`` gives its title and number.

    Lines in ``skip`` give no paragraphs; those also in ``owned`` (its action
    items) still count towards the section's extent.
    """
    if head is None:
        body_first, offset = first, None
        start = next((lines[k].start for k in range(first, last) if not lines[k].blank and k not in skip), None)
        number = None
    else:
        body_first = head.line if head.body_start is not None else head.line + 1
        offset = head.body_start
        start = head.title_start
        title, number = head.title, head.number
    paras = paragraphs(text, lines, body_first, last, skip, offset)
    if start is None:
        start = paras[0].start if paras else (lines[first].start if first < len(lines) else len(text))
    # the section runs to its last written line, action items included (they belong to it)
    end = max(
        (lines[k].end for k in range(first, last) if not lines[k].blank and (k not in skip or k in owned)),
        default=start,
    )
    if head is not None:
        end = max(end, head.title_end)
    return Section(title, number, start, max(start, end), paras)
