"""Meeting metadata: series, number, date, time, format and chair; and the next meeting.

Values are read from the report's header lines (title, date line) and from
the opening paragraph ("The 79th virtual meeting of ... was held on 4 July at
05:00 UTC.  The meeting was moderated by ...").  When both state a value and
they disagree, the header wins and a ``Conflict`` records the other reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.model import Conflict, FieldSpan, Meeting, NextMeeting, Participant
from kg.parse import vocab
from kg.parse.dates import DateHit, TimeHit, find_dates, find_times, roll_forward, year_of, zone_named
from kg.parse.headings import report_type
from kg.parse.names import read_name
from kg.parse.roster import Signer, names_listed, role_head
from kg.parse.sentences import split_sentences
from kg.parse.text import Clean, Line, clean, norm_key, slugify

_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_INNER_PARENS = re.compile(r"\s*\([^()]{1,15}\)")
_TITLE_PUNCT = " -\u2013\u2014:,|"
_TRAILING_YEAR = re.compile(r"(?<=\w)\s+(?:19|20)\d{2}$")


@dataclass(frozen=True)
class Found:
    """A value and the document span it was read from."""

    value: str
    start: int
    end: int


def _found(c: Clean, value: str, i: int, j: int) -> Found:
    s, e = c.span(i, j)
    return Found(value, s, e)


# --------------------------------------------------------------------------- small readers


def _valid_number(n: str) -> str | None:
    if n.isdigit():
        return str(int(n)) if not (len(n) == 4 and 1900 <= int(n) <= 2100) else None
    return n if n.isupper() and _ROMAN.match(n) else None


def number_in_title(c: Clean, i: int = 0, j: int | None = None) -> Found | None:
    """"Meeting 33", "Meeting VIII", "Webinar 2" in a header line (never the day of a date, nor an hour)."""
    text = c.text[i:j]
    if not text:
        return None
    hits = [*find_dates(text), *find_times(text)]
    for m in vocab.regex("meeting", "number_in_title").finditer(text):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue
        n = _valid_number(m.group("n"))
        if n:
            return _found(c, n, i + m.start("n"), i + m.end("n"))
    return None


def ordinal_number_in_title(c: Clean) -> Found | None:
    """"Report of the 4th meeting of the Committee": a numeral with an ordinal suffix numbering the meeting."""
    hits = [*find_dates(c.text), *find_times(c.text)]
    for m in vocab.regex("meeting", "ordinal_number_in_title").finditer(c.text):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue  # "the 3rd April call": the day of a date
        n = _valid_number(m.group("n"))
        if n:
            return _found(c, n, m.start("n"), m.end("n"))
    return None


def ordinal_in_title(c: Clean) -> Found | None:
    """"Fourth meeting", "... (WG-WP) – sixth meeting": an ordinal word numbering the meeting in a header line."""
    m = _ordinal_re().search(c.text)
    if not m:
        return None
    n = vocab.load("dates")["ordinal_words"][m.group("w").lower()]
    return _found(c, str(n), m.start("w"), m.end("w"))


def number_in_text(c: Clean, i: int, j: int) -> Found | None:
    """"The 79th virtual meeting", "The 33 virtual meeting", "the third meeting"."""
    text = c.text[i:j]
    dates = find_dates(text)
    times = find_times(text)
    for m in vocab.regex("meeting", "number_in_text").finditer(text):
        if any(h.start <= m.start("n") < h.end for h in (*dates, *times)):
            continue
        n = _valid_number(m.group("n"))
        if n:
            return _found(c, n, i + m.start("n"), i + m.end("n"))
    # "The third virtual meeting of the MAG (MAG Meeting III)": the numeral written is the number
    written = number_in_title(c, i, j)
    if written:
        return written
    m = _ordinal_re().search(text)
    if m:
        n = vocab.load("dates")["ordinal_words"][m.group("w").lower()]
        return _found(c, str(n), i + m.start("w"), i + m.end("w"))
    return None


@lru_cache(maxsize=1)
def _ordinal_re() -> re.Pattern[str]:
    words = "|".join(sorted(vocab.load("dates")["ordinal_words"], key=len, reverse=True))
    return re.compile(rf"\b(?P<w>{words}){vocab.load('meeting')['ordinal_tail']}", re.IGNORECASE)


def is_key_value_row(line: Line) -> bool:
    """A header table's row: a metadata label, a tab, its value ("Date\tThursday 27 March 2025")."""
    if not line.has_tab:
        return False
    cells = [cell.strip(" *_:") for cell in line.raw.split("\t")]
    cells = [cell for cell in cells if cell]
    return len(cells) == 2 and (
        bool(vocab.regex("meeting", "metadata_labels").match(f"{cells[0]}: "))
        or bool(vocab.regex("meeting", "column_labels").match(cells[0]))  # "Meeting<TAB>Data WG - Meeting No. 5"
    )


def _cells(line: Line) -> list[tuple[str, int, int]]:
    """A tab-separated row's cells: (text without emphasis marks, document start, document end)."""
    out = []
    at = line.start
    for cell in line.raw.split("\t"):
        out.append((cell.strip(" *_\r"), at, at + len(cell)))
        at += len(cell) + 1
    return out


def is_column_labels(line: Line) -> bool:
    """A header table's row of field names written in columns ("Meeting\tDate\tTime (UTC)\tVenue")."""
    if not line.has_tab:
        return False
    cells = [text for text, _, _ in _cells(line)]
    labels = vocab.regex("meeting", "column_labels")
    return len(cells) >= 2 and all(cell and labels.match(cell) for cell in cells)


def column_header(lines: Sequence[Line], j: int) -> tuple[int, int] | None:
    """The (labels, values) line indices of a header table in columns that line ``j`` belongs to.

    The row of field names ("Meeting | Date | Time (UTC) | Venue") is followed by
    one row of values, with no more cells than names, that states a date or a time.
    """
    for label in (j, j - 1):
        if label < 0 or label + 1 >= len(lines) or not is_column_labels(lines[label]):
            continue
        values = lines[label + 1]
        if not values.has_tab or is_column_labels(values):
            continue
        if len(_cells(values)) > len(_cells(lines[label])):
            continue
        if find_dates(values.text) or find_times(values.text):
            return label, label + 1
    return None


def _column_zones(header: Sequence[Line]) -> list[tuple[int, int, str]]:
    """Document spans of header-table values whose column names a time zone ("Time (UTC)": "15:00")."""
    out = []
    for above, ln in zip(header, header[1:]):
        if ln.index != above.index + 1 or not is_column_labels(above) or is_column_labels(ln):
            continue
        for (label, _, _), (_, start, end) in zip(_cells(above), _cells(ln)):
            zone = zone_named(label)
            if zone:
                out.append((start, end, zone))
    return out


def meeting_format(c: Clean, i: int = 0, j: int | None = None) -> Found | None:
    """"online" / "in person" / "hybrid" from words such as "virtual", "onsite", "hybrid"."""
    text = c.text[i:j]
    for fmt, words in vocab.load("meeting")["formats"].items():
        body = "|".join(re.escape(w) for w in words)
        m = re.search(rf"(?<![\w-])(?:{body})(?![\w-])", text, re.IGNORECASE)
        if m:
            return _found(c, fmt, i + m.start(), i + m.end())
    return None


def find_chair(cleans: Sequence[Clean]) -> Found | None:
    """The moderator or chair named in "moderated by X" / "Chair: X" / "X moderated the meeting"."""
    cue = vocab.regex("meeting", "chair_cues")
    label = vocab.regex("meeting", "chair_labels")
    for c in cleans:
        for rx in (cue, label):
            for m in rx.finditer(c.text):
                at = _skip_honorifics(c.text, _skip_space(c.text, m.end()))
                hit = read_name(c.text, at, max_tokens=5)
                if hit and hit[1] == at:
                    name, i, j = hit
                    return _found(c, name, i, j)
    return next((found for c in cleans if (found := _chair_before_verb(c))), None)


def _chair_before_verb(c: Clean) -> Found | None:
    """"Wei Nakamura moderated the meeting": the name that ends right before a chairing verb."""
    for m in vocab.regex("meeting", "chair_active").finditer(c.text):
        starts = [t.start() for t in re.finditer(r"\S+", c.text[: m.start()])][-6:]
        for at in starts:
            hit = read_name(c.text, at, max_tokens=5)
            if hit is None or hit[2] != m.start():
                continue
            name, i, j = hit
            if name.split()[0].lower() not in _DETERMINERS and role_head(name) is None:
                return _found(c, name, i, j)
    return None


_DETERMINERS = frozenset({"the", "this", "our", "their", "its", "a", "an"})


def is_chair_role(role: str) -> bool:
    """Whether a role as a signature gives it makes its holder the meeting's chair ("Chair", "MAG Co-Chair", "Facilitator")."""
    words = [w.strip(".,;:()'\u2019").lower() for w in re.split(r"\s+", role.replace("\u2019", "'")) if w]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if any(w in vocab.word_set("meeting", "signer_chair_qualifiers") for w in words):
        return False
    return role_head(role) in vocab.word_set("meeting", "signer_chair_roles")


def signed_chair(meeting: Meeting, signer: Signer | None, participants: Sequence[Participant] = ()) -> Meeting:
    """The meeting with its signer as chair, when no header line names a chair and the signature gives a chair's role.

    "Amara Diallo, Chair", "— Chair: Amara Diallo", "Signed: A. Diallo (Chair)" at the end of
    minutes, or a mail signed by its co-chair: the name as the signature writes it.  When
    the report lists its ``participants``, the signer must be one of them: a chair the list
    does not name did not attend, and signs for the group rather than chairing the meeting.
    """
    if meeting.chair or signer is None or not any(is_chair_role(r) for r in signer.roles):
        return meeting
    if participants and not names_listed(signer.name, participants):
        return meeting
    return replace(meeting, chair=signer.name, spans=(*meeting.spans, FieldSpan("chair", signer.start, signer.end)))


def row_chair(header: Sequence[Line]) -> Found | None:
    """The chair a header table's row names ("Chair<TAB>Ana Ruiz (AR)")."""
    label = vocab.regex("meeting", "chair_labels")
    for ln in header:
        if not is_key_value_row(ln):
            continue
        cells = [cell for cell in _cells(ln) if cell[0]]
        if not label.match(f"{cells[0][0]}: "):
            continue
        _, a, b = cells[1]
        c = clean(ln.raw[a - ln.start : b - ln.start], a)
        at = _skip_honorifics(c.text, _skip_space(c.text, 0))
        hit = read_name(c.text, at, max_tokens=5)
        if hit and hit[1] == at:
            return _found(c, *hit)
    return None


def _skip_honorifics(s: str, i: int) -> int:
    """Past "Ms. ", "H.E. Dr. " at ``s[i:]``: a name read after a cue starts after its titles."""
    honorifics = vocab.word_set("roles", "honorifics")
    while True:
        m = re.match(r"([^\W\d_][\w.]*?)\.?\s+", s[i:])
        if not m or m.group(1).lower().rstrip(".") not in honorifics:
            return i
        i += m.end()


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i].isspace():
        i += 1
    return i


@lru_cache(maxsize=1)
def _series_words() -> re.Pattern[str]:
    return vocab.phrase_regex("meeting", "series_name_words")


def _acronym(raw: str | None) -> str | None:
    if not raw:
        return None
    acr = re.sub(r"-\s+", "-", " ".join(raw.split()))
    if len(acr) > 30 or len(acr.split()) > 3 or not any(ch.isupper() for ch in acr):
        return None
    return acr


def _series_line(header: Sequence[Line]) -> tuple[Found | None, Found | None, Found | None]:
    """(series, short form, number) read from the header's title lines."""
    with_year = vocab.regex("meeting", "series_with_year")
    with_number = vocab.regex("meeting", "series_with_number")
    for ln in header:
        c = ln.clean
        m = with_year.search(c.text)
        if m and _valid_number(m.group("n")):
            name = f"{m.group('a')} {m.group('b').rstrip(_TITLE_PUNCT)}"
            s, _ = c.span(m.start("a"), m.end("a"))
            _, e = c.span(m.start("b"), m.end("b"))
            number = _found(c, _valid_number(m.group("n")) or "", m.start("n"), m.end("n"))
            return Found(" ".join(name.split()), s, e), None, number
    for ln in header:
        c = ln.clean
        text = c.text
        if find_dates(text) or report_type(ln) or not _series_words().search(text):
            continue
        if vocab.regex("meeting", "metadata_labels").match(text) or is_column_labels(ln):
            continue  # "Chair: X, Steering Group Chair" names a person, not the series
        m = with_number.search(text)
        if m and _valid_number(m.group("n")) and _series_words().search(m.group("a")):
            name = m.group("a").rstrip(_TITLE_PUNCT)
            return _found(c, name, m.start("a"), m.start("a") + len(name)), None, None
        # "Data Working Group (WG-Data) - call notes": the name ends at its acronym
        acr = re.search(r"\(([^()]{1,40})\)", text)
        short = None
        if acr and _acronym(acr.group(1)) and _series_words().search(text[: acr.start()]):
            short = _found(c, _acronym(acr.group(1)) or "", acr.start(1), acr.end(1))
            text = text[: acr.start()]
        # "Nigeria Internet Governance Forum 2025": the year dates this edition, it does not name the series
        name = _TRAILING_YEAR.sub("", text.rstrip(_TITLE_PUNCT)).rstrip(_TITLE_PUNCT)
        return _found(c, name, 0, len(name)), short, None
    return None, None, None


def _reconcile_series(head: Found | None, body: Found | None) -> Found | None:
    """Prefer the header's wording; cut a header line run on into other words at the body's name."""
    if head is None:
        return body
    if body is None:
        return head
    nh, nb = norm_key(head.value), norm_key(body.value)
    if nh == nb or nb.endswith(nh) or nh.endswith(nb):
        return head
    body_words = body.value.split()
    for k in range(len(body_words) - 3 + 1):
        suffix = " ".join(body_words[k:])
        if nh.startswith(norm_key(suffix)):
            n = len(suffix.split())
            value = " ".join(head.value.split()[:n])
            return Found(value, head.start, head.start + len(value))
    return head


# --------------------------------------------------------------------------- the meeting


def read_meeting(
    header: Sequence[Line],
    intro: Sequence[Clean],
    *,
    title: Found | None = None,
    fallback_date: Found | None = None,
    details: Sequence[Line] = (),
) -> Meeting:
    """The meeting a report describes, from its header lines and opening paragraphs.

    ``details`` are "Label: value" lines read like the header's (a "Meeting
    details" list), but never taken for the title or the series' name.
    ``title`` overrides the first header line (a mail's subject);
    ``fallback_date`` is used when neither header nor text states a date (a
    mail's own date), and gives the year of a date written without one.
    """
    spans: list[FieldSpan] = []
    conflicts: list[Conflict] = []

    if title is None and header:
        # The first header line, unless it is only the organisation's name above the line that
        # names the meeting ("INTERNET GOVERNANCE FORUM" / "Summary report of the Third ... Meeting").
        named = vocab.regex("meeting", "title_words")
        first = header[0].clean.text
        line = next((ln for ln in header if named.search(ln.clean.text) and not is_key_value_row(ln)), header[0])
        generic = not named.search(first) and not vocab.phrase_regex("meeting", "group_title_words").search(first)
        c = line.clean if generic else header[0].clean
        title = _found(c, c.text, 0, len(c.text))
    if title is None and intro:
        c = intro[0]
        first = split_sentences(c.text)
        t = first[0].text if first else c.text
        title = _found(c, t[:200], 0, min(len(t), 200))

    named_lines = header
    header = [*header, *details]

    # header values
    h_date: tuple[DateHit, Clean] | None = None
    h_time: tuple[TimeHit, Clean] | None = None
    h_number: Found | None = None
    h_format: Found | None = None
    zones = _column_zones(header)
    for ln in header:
        c = ln.clean
        if h_time is None:
            times = find_times(c.text)
            if times:
                t = times[0]
                if t.timezone is None:
                    # "14:00-15:30 FJT (02:00 UTC)": a zone we cannot place, then the time in UTC
                    t = next((x for x in times[1:] if x.timezone in ("UTC", "GMT")), t)
                at = c.at(t.start)
                zone = next((z for s, e, z in zones if s <= at < e), None)
                # "Time (UTC)" over "15:00-16:10": the column's name gives the zone
                h_time = (replace(t, timezone=zone) if t.timezone is None and zone else t, c)
        h_number = h_number or number_in_title(c)
        h_format = h_format or meeting_format(c)
    series_h, short_h, number_from_title = _series_line(named_lines)
    h_number = h_number or number_from_title
    if h_number is None:
        h_number = next((found for ln in header if (found := ordinal_number_in_title(ln.clean))), None)
    if h_number is None:
        h_number = next((found for ln in header if (found := ordinal_in_title(ln.clean))), None)

    # opening-paragraph values: the sentence saying when the meeting was held
    held = vocab.regex("meeting", "held_sentence")
    b_clean: Clean | None = None
    b_range = (0, 0)
    for c in intro:
        for s in split_sentences(c.text):
            if held.search(s.text) and (find_dates(s.text) or "meeting" in s.text.lower()):
                b_clean, b_range = c, (s.start, s.end)
                break
        if b_clean is not None:
            break
    b_date = b_time = None
    b_number = b_format = None
    series_b = short_b = None
    if b_clean is not None:
        i, j = b_range
        sentence = b_clean.text[i:j]
        dates = find_dates(sentence)
        if dates:
            b_date = (dates[0], b_clean, i)
        times = find_times(sentence)
        if times:
            b_time = (times[0], b_clean, i)
        else:
            b_time = _start_time_after(b_clean, j)
        b_number = number_in_text(b_clean, i, j)
        b_format = meeting_format(b_clean, i, j)
        m = vocab.regex("meeting", "series_of_sentence", 0).search(sentence)
        if m:
            name = _INNER_PARENS.sub("", m.group("name")).strip()
            series_b = _found(b_clean, name, i + m.start("name"), i + m.end("name"))
            acr = _acronym(m.group("acr"))
            if acr:
                short_b = _found(b_clean, acr, i + m.start("acr"), i + m.end("acr"))

    h_date = _header_date(header, b_date[0] if b_date else None)

    # date: header wins; a yearless date takes the header's (or the fallback's) year
    year = None
    if h_date and h_date[0].year is not None:
        year = h_date[0].year
    elif b_date and b_date[0].year is not None:
        year = b_date[0].year
    elif fallback_date:
        year = year_of(fallback_date.value)
    date = None
    if h_date and h_date[0].iso(year):
        d, c = h_date
        date = _found(c, d.iso(year) or "", d.start, d.end)
    if b_date and b_date[0].iso(year):
        d, c, off = b_date
        body = _found(c, d.iso(year) or "", off + d.start, off + d.end)
        if date is None:
            date = body
        elif body.value != date.value:
            conflicts.append(_conflict("date", date, body))
    if date is None and fallback_date is not None:
        date = fallback_date

    # time and zone
    start_time = timezone = None
    if h_time:
        t, c = h_time
        start_time = _found(c, t.hhmm, t.start, t.end)
        timezone = t.timezone
    if b_time:
        t, c, off = b_time
        body = _found(c, t.hhmm, off + t.start, off + t.end)
        if start_time is None:
            start_time, timezone = body, t.timezone
        else:
            if body.value != start_time.value:
                conflicts.append(_conflict("start_time", start_time, body))
            timezone = timezone or t.timezone

    number = h_number
    if b_number:
        if number is None:
            number = b_number
        elif b_number.value != number.value:
            conflicts.append(_conflict("number", number, b_number))

    series = _reconcile_series(series_h, series_b)
    short = short_h
    if short is None and short_b is not None and (series is series_b or _related(series_h, series_b)):
        short = short_b
    fmt = h_format or b_format
    chair = row_chair(header) or find_chair([*intro, *(ln.clean for ln in header)])

    for name, found in (
        ("title", title),
        ("series", series),
        ("series_short", short),
        ("number", number),
        ("date", date),
        ("start_time", start_time),
        ("format", fmt),
        ("chair", chair),
    ):
        if found is not None:
            spans.append(FieldSpan(name, found.start, found.end))
    key_source = short.value if short else series.value if series else None
    return Meeting(
        title=title.value if title else "",
        series=series.value if series else None,
        series_key=(slugify(key_source) or None) if key_source else None,
        series_short=short.value if short else None,
        number=number.value if number else None,
        date=date.value if date else None,
        start_time=start_time.value if start_time else None,
        timezone=timezone if start_time else None,
        format=fmt.value if fmt else None,  # type: ignore[arg-type]
        chair=chair.value if chair else None,
        spans=tuple(spans),
        conflicts=tuple(conflicts),
    )


def _start_time_after(c: Clean, at: int) -> tuple[TimeHit, Clean, int] | None:
    """The start time a later sentence of the paragraph gives ("The 14th Forum took place on
    16 July." then "Proceedings opened at 09:30 WAT (UTC+1).").  Only a sentence saying the
    proceedings began: other times in the paragraph (a break, the close) are not the start."""
    cue = vocab.regex("meeting", "start_sentence")
    for s in split_sentences(c.text):
        if s.start < at or not cue.search(s.text):
            continue
        times = find_times(s.text)
        if times:
            return times[0], c, s.start
    return None


def _header_date(header: Sequence[Line], held: DateHit | None) -> tuple[DateHit, Clean] | None:
    """The header's date of the meeting, among the dates its lines give.

    A document's issue date ("Distr.: General" / "6 May 2025", "Issued: ...") is
    no meeting date while another date is given.  The date the text says the
    meeting was held on wins when the header gives it too; then a date with a
    year; then the date on the meeting's own line (with its time); else the first.
    """
    candidates: list[tuple[tuple[bool, bool, bool, bool], int, DateHit, Clean]] = []
    for k, ln in enumerate(header):
        c = ln.clean
        dates = find_dates(c.text)
        if not dates:
            continue
        issued = _issue_line(header, k, dates)
        timed = bool(find_times(c.text))
        for d in dates:
            same = held is not None and (d.month, d.day) == (held.month, held.day) and d.year in (None, held.year)
            rank = (not issued, same, d.year is not None, timed)
            candidates.append((rank, len(candidates), d, c))
    if not candidates:
        return None
    _, _, d, c = max(candidates, key=lambda x: (x[0], -x[1]))
    return d, c


def _issue_line(header: Sequence[Line], k: int, dates: Sequence[DateHit]) -> bool:
    """Whether header line ``k`` dates the document, not the meeting: an issue-date label
    ("Issued: 6 May 2025"), or a date standing alone next to document-control lines
    ("Distr.: General", "Original: English", a document symbol)."""
    text = header[k].clean.text
    if vocab.regex("meeting", "issue_date_labels").match(text):
        return True
    control = vocab.regex("meeting", "document_control_lines", 0)
    if control.search(text):
        return True
    rest = text
    for d in sorted(dates, key=lambda d: d.start, reverse=True):
        rest = rest[: d.start] + rest[d.end :]
    if any(ch.isalnum() for ch in rest):
        return False
    index = header[k].index
    return any(
        abs(other.index - index) <= 2 and control.search(other.clean.text)
        for other in header
        if other is not header[k]
    )


def _related(head: Found | None, body: Found | None) -> bool:
    """Whether the header's series name and the text's name the same group."""
    if head is None or body is None:
        return False
    nh, nb = norm_key(head.value), norm_key(body.value)
    return nh in nb or nb in nh or _reconcile_series(head, body) is not head


def _conflict(field: str, chosen: Found, rejected: Found) -> Conflict:
    return Conflict(
        field=field,
        chosen=chosen.value,
        rejected=rejected.value,
        chosen_span=(chosen.start, chosen.end),
        rejected_span=(rejected.start, rejected.end),
        reason=f"the header gives {field} {chosen.value!r} but the text gives {rejected.value!r}; the header wins",
    )


# --------------------------------------------------------------------------- next meeting


def find_next_meeting(cleans: Sequence[Clean], meeting_date: str | None) -> NextMeeting | None:
    """The next meeting announced in the text ("The next call will be on 18 July at 13:00 UTC")."""
    announce = vocab.regex("meeting", "next_meeting")
    label = vocab.regex("meeting", "next_meeting_label")
    for c in cleans:
        m = announce.search(c.text) or label.match(c.text)
        if not m:
            continue
        sentence = next((s for s in split_sentences(c.text) if s.start <= m.start() < s.end), None)
        i, j = (sentence.start, sentence.end) if sentence else (m.start(), len(c.text))
        window = c.text[m.start() : j]
        dates = find_dates(window)
        times = find_times(window)
        iso = None
        if dates:
            d = dates[0]
            iso = d.iso(year_of(meeting_date))
            if d.year is None:
                iso = roll_forward(iso, meeting_date)
        start, end = c.span(i, j)
        return NextMeeting(
            date=iso,
            start_time=times[0].hhmm if times else None,
            timezone=times[0].timezone if times else None,
            start=start,
            end=end,
        )
    return None
