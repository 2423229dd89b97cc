"""Find dates and clock times in running text and normalise them to ISO / 24 h."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.parse import vocab


_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|to|until|till)\s*", re.IGNORECASE)
# "10:00 WAT (UTC+1)": the offset in brackets after a zone's name states the zone exactly
_BRACKETED_OFFSET = re.compile(
    r"\s*\(\s*(?:UTC|GMT)\s*(?P<sign>[+\-\u2212])\s*(?P<h>1[0-4]|0?\d)(?::?(?P<mi>[0-5]\d))?\s*\)", re.IGNORECASE
)
# "09:00 Lima time (UTC-5)", "10:00 local time (UTC+3)": a zone named in words, its offset in brackets
_NAMED_LOCAL_TIME = re.compile(r"\s+(?:[^\W\d_][\w'\u2019.\-]*\s+){1,3}?time(?=\s*\()", re.IGNORECASE)


@dataclass(frozen=True)
class DateHit:
    """A calendar date found in a string; ``year`` is None when not written."""

    year: int | None
    month: int
    day: int
    start: int
    end: int

    def iso(self, default_year: int | None = None) -> str | None:
        """``YYYY-MM-DD``, taking ``default_year`` when the text gives none."""
        year = self.year if self.year is not None else default_year
        if year is None:
            return None
        return iso_date(year, self.month, self.day)


@dataclass(frozen=True)
class TimeHit:
    """A clock time found in a string, as ``HH:MM`` (24 h) and its time zone label."""

    hhmm: str
    timezone: str | None
    start: int
    end: int


def iso_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` for a valid calendar date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _month_table() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in vocab.load("dates")["months"].items()}


@lru_cache(maxsize=1)
def _date_res() -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted(_month_table(), key=len, reverse=True))
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:19|20)\d{2})"
    weekday = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    until = r"\s*(?:-|\u2013|\u2014|to|and|&)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
    return (
        # a meeting over several days starts on the first: 12-14 February 2025, 12 to 14 Feb
        re.compile(
            rf"(?<![\w\d]){weekday}{day}{until}(?:\s+of)?\s+(?P<m>{months})\.?(?![a-z])(?:,?\s+{year}(?!\d))?",
            re.IGNORECASE,
        ),
        # February 12-14, 2025
        re.compile(
            rf"(?<![\w\d]){weekday}(?P<m>{months})\.?\s+{day}{until}(?![\d:])(?:,?\s+{year}(?!\d))?",
            re.IGNORECASE,
        ),
        # 4 July 2024, 4th of July, 4 Jul. 2024
        re.compile(
            rf"(?<![\w\d]){weekday}{day}(?:\s+of)?\s+(?P<m>{months})\.?(?![a-z])(?:,?\s+{year}(?!\d))?",
            re.IGNORECASE,
        ),
        # July 4, 2024; July 4th
        re.compile(
            rf"(?<![\w\d]){weekday}(?P<m>{months})\.?\s+{day}(?![\d:])(?:(?:st|nd|rd|th)?,?\s+{year}(?!\d))?",
            re.IGNORECASE,
        ),
        # 2024-07-04
        re.compile(r"(?<![\d\w])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"),
        # 2024/07/04, 2024.07.04
        re.compile(r"(?<![\w./-])(?P<y>(?:19|20)\d{2})(?P<ymd>[./])(?P<m>[01]?\d)(?P=ymd)(?P<d>[0-3]?\d)(?![\d]|[./-]\d)"),
        # 04.07.2024, 04/07/2024, 4-7-2024: day first, as written outside the United States (a
        # "month" over 12 shows the month-first order: 07/24/2024)
        re.compile(
            rf"(?<![\w./-]){weekday}(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[0-3]?\d)(?P=sep){year}(?![\d]|[./-]\d)",
            re.IGNORECASE,
        ),
        # 04/07, "by 21/02": without a year only with a slash and two digits each (never "3.1", "24/7")
        re.compile(r"(?<![\w./-])(?P<d>[0-3]\d)(?P<sep>/)(?P<m>[0-3]\d)(?![\w/]|[.-]\d)"),
    )


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")


def _counted_before(s: str, at: int) -> bool:
    """Whether the number at ``s[at]`` counts something ("Day 1", "Item 3") rather than starting days."""
    m = _WORD_BEFORE.search(s, max(0, at - 20), at)
    return m is not None and m.group(1).lower() in vocab.word_set("dates", "not_before_a_day_range")


def find_dates(s: str) -> list[DateHit]:
    """Every date in ``s``, in order, without overlaps (the longest reading wins)."""
    months = _month_table()
    hits: list[DateHit] = []
    for rx in _date_res():
        for m in rx.finditer(s):
            mon_s = m.group("m")
            month = int(mon_s) if mon_s.isdigit() else months.get(mon_s.lower().rstrip("."))
            day = int(m.group("d"))
            year = int(m.group("y")) if "y" in rx.groupindex and m.group("y") else None
            if "sep" in rx.groupindex and month is not None and month > 12 and day <= 12:
                day, month = month, day  # "07/24/2024": the month first
            if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            if "d2" in rx.groupindex and not day < int(m.group("d2")) <= 31:
                continue  # not a range of days: "4 and 5 members", "2-1 March"
            if "d2" in rx.groupindex and _counted_before(s, m.start()):
                continue  # "Day 1 – 10 March 2025": a day's number, then the date
            if mon_s.lower() == "may" and not mon_s[0].isupper():
                continue  # the modal verb "may", not the month
            if iso_date(year or 2000, month, day) is None:
                continue
            hits.append(DateHit(year, month, day, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _zones_alternation() -> str:
    """The zone labels as a case-sensitive alternation, each in capitals or in lower case.

    A label written as a capitalised word is that word, not a zone: "09:30 West
    Africa Time (UTC+1)" is in West Africa Time, not WEST.
    """
    labels = vocab.load("dates")["timezones"]
    forms = {form for z in labels for form in (z.upper(), z.lower())}
    return "(?-i:" + "|".join(sorted((re.escape(z) for z in forms), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _time_re() -> re.Pattern[str]:
    zones = _zones_alternation()
    return re.compile(
        r"(?<![\w:.,/])(?P<h>2[0-3]|[01]?\d)"
        r"(?:(?P<sep>[:h.])(?P<mi>[0-5]\d))?"
        r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
        rf"(?:\s*\(?(?P<tz>{zones})(?P<off>\s?[+\-\u2212]\s?\d{{1,2}}(?::?\d{{2}})?)?\)?(?![a-z]))?",
        re.IGNORECASE,
    )


def find_times(s: str) -> list[TimeHit]:
    """Every clock time in ``s`` ("05:00 UTC", "1 p.m.", "13h00"), in order."""
    out: list[TimeHit] = []
    utc = {z.upper() for z in vocab.load("dates")["utc_aliases"]}
    consumed = 0  # end of the last bracketed offset read: the hour in "(UTC+01:00)" is not a time
    for m in _time_re().finditer(s):
        if m.start() < consumed:
            continue
        sep, ap, tz = m.group("sep"), m.group("ap"), m.group("tz")
        if sep is None and ap is None and tz is None:
            continue
        if sep == "." and ap is None and tz is None:
            continue  # a decimal number, not a time
        if sep is None and ap is None and tz is not None and not re.search(r"\bat\s*$", s[: m.start()], re.I):
            continue  # "13 UTC" only after "at"
        hour = int(m.group("h"))
        minute = int(m.group("mi") or 0)
        if ap:
            if hour > 12 or hour == 0:
                continue
            if ap.lower() == "p" and hour != 12:
                hour += 12
            elif ap.lower() == "a" and hour == 12:
                hour = 0
        zone = None
        if tz:
            zone = tz.upper()
            if zone in utc:
                zone = "UTC"
            if m.group("off"):
                zone = f"{zone}{m.group('off').replace(' ', '').replace(chr(0x2212), '-')}"
        end = m.end()
        while end > m.start() and s[end - 1].isspace():
            end -= 1
        offset = _BRACKETED_OFFSET.match(s, end) if tz else None
        if tz is None and (named := _NAMED_LOCAL_TIME.match(s, end)):
            offset = _BRACKETED_OFFSET.match(s, named.end())
        if offset:
            zone = _utc_zone(offset)
            end = consumed = offset.end()
        out.append(TimeHit(f"{hour:02d}:{minute:02d}", zone, m.start(), end))
    # "14:00-15:00 UTC": the zone written after a range applies to its start too
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if first.timezone is None and second.timezone and _RANGE.fullmatch(s[first.end : second.start]):
            out[k] = TimeHit(first.hhmm, second.timezone, first.start, first.end)
    return out


@lru_cache(maxsize=1)
def _zone_re() -> re.Pattern[str]:
    zones = _zones_alternation()
    return re.compile(rf"(?<![\w])(?P<tz>{zones})(?P<off>\s?[+\-\u2212]\s?\d{{1,2}}(?::?\d{{2}})?)?(?![\w])")


def zone_named(s: str) -> str | None:
    """The time zone a label names without a clock time ("Time (UTC)", "Start, CET"), as ``find_times`` writes it."""
    m = _zone_re().search(s)
    if m is None:
        return None
    zone = m.group("tz").upper()
    if zone in {z.upper() for z in vocab.load("dates")["utc_aliases"]}:
        zone = "UTC"
    if m.group("off"):
        zone = f"{zone}{m.group('off').replace(' ', '').replace(chr(0x2212), '-')}"
    return zone


def _utc_zone(offset: re.Match[str]) -> str:
    """"UTC+1", "UTC-05:30" or "UTC" for a bracketed offset."""
    hours, minutes = int(offset.group("h")), offset.group("mi")
    if hours == 0 and int(minutes or 0) == 0:
        return "UTC"
    sign = "-" if offset.group("sign") in "-\u2212" else "+"
    return f"UTC{sign}{hours:02d}:{minutes}" if minutes else f"UTC{sign}{hours}"


def roll_forward(iso: str | None, reference: str | None, slack_days: int = 60) -> str | None:
    """A yearless date read with the reference year moves to the next year when it
    falls well before the reference (a December meeting setting a January deadline)."""
    if not iso or not reference:
        return iso
    d, r = dt.date.fromisoformat(iso), dt.date.fromisoformat(reference)
    if (r - d).days > slack_days:
        nxt = iso_date(d.year + 1, d.month, d.day)
        return nxt or iso
    return iso


def year_of(iso: str | None) -> int | None:
    """The year of an ISO date, or None."""
    return int(iso[:4]) if iso else None


# --------------------------------------------------------------------------- dates relative to the meeting

_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@dataclass(frozen=True)
class RelativeHit:
    """A date written relative to a reference date ("within two weeks", "by Friday"), resolved to ISO."""

    iso: str
    kind: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _relative_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = vocab.load("dates")
    alternation = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    parts = {
        "lead": data["relative_lead"],
        "number": r"\d{1,3}|" + alternation(data["number_words"]),
        "weekday": alternation(data["weekdays"]),
        "month": alternation(_month_table()),
    }
    out = []
    for kind, pattern in data["relative"].items():
        for name, part in parts.items():
            pattern = pattern.replace("{" + name + "}", f"(?:{part})")
        out.append((kind, re.compile(rf"(?<![\w-]){pattern}", re.IGNORECASE)))
    return tuple(out)


def find_relative(
    s: str, reference: str | None, next_meeting: str | None = None, whole: bool = False
) -> RelativeHit | None:
    """The first date in ``s`` written relative to the ``reference`` date (the meeting's), resolved.

    "within two weeks" / "in 10 working days" count from the reference; "by end
    of month" / "end of Q3" / "by the end of next quarter" / "end of March" /
    "year-end" are the last day of that period (one over before the reference
    is next year's); "by Friday" is the first Friday after the
    reference; "before the next meeting" is ``next_meeting`` when the report
    states it, else unresolved.  With ``whole`` the phrase must be all of
    ``s`` (a due cell: "End of month", "Friday", "2 weeks") and needs no
    deadline word before it.
    """
    if not reference:
        return None
    try:
        ref = dt.date.fromisoformat(reference)
    except ValueError:
        return None
    needs_lead = vocab.word_set("dates", "relative_needs_lead")
    body = s.strip().rstrip(".;,") if whole else s
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, rx in _relative_res():
        for m in rx.finditer(body):
            if whole and (m.start() != 0 or m.end() != len(body)):
                continue
            if not whole and kind in needs_lead and not m.group("lead"):
                continue
            hits.append((m.start(), -(m.end() - m.start()), kind, m))
    for start, _, kind, m in sorted(hits, key=lambda h: h[:2]):
        iso = _resolve(kind, m, ref, next_meeting)
        if iso is not None:
            offset = len(s) - len(s.lstrip()) if whole else 0
            return RelativeHit(iso, kind, start + offset, m.end() + offset)
    return None


def _resolve(kind: str, m: re.Match[str], ref: dt.date, next_meeting: str | None) -> str | None:
    """The ISO date one relative phrase names, counted from ``ref``."""
    data = vocab.load("dates")
    if kind == "span":
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else int(data["number_words"][" ".join(word.split())])
        unit = " ".join(m.group("unit").lower().split())
        if unit.startswith(("working", "business")):
            return _add_weekdays(ref, n).isoformat()
        if unit.startswith("day"):
            return (ref + dt.timedelta(days=n)).isoformat()
        if unit.startswith("week"):
            return (ref + dt.timedelta(weeks=n)).isoformat()
        return _add_months(ref, n).isoformat()
    if kind == "weekday":
        target = int(data["weekdays"][m.group("weekday").lower()])
        return (ref + dt.timedelta(days=(target - ref.weekday() - 1) % 7 + 1)).isoformat()
    if kind == "tomorrow":
        return (ref + dt.timedelta(days=1)).isoformat()
    if kind == "next_meeting":
        return next_meeting or None
    if kind == "quarter_end":
        q = int(m.group("q")) if m.group("q") else _QUARTER_WORDS[m.group("qword").lower()]
        return _period_end(ref, m.group("year"), 3 * q)
    if kind == "month_end":
        return _period_end(ref, m.group("year"), _month_table()[m.group("month").lower().rstrip(".")])
    if kind == "year_end":
        return _period_end(ref, m.group("year"), 12)
    period = (m.group("period") or m.group("period2")).lower()
    which = (m.group("which") or m.group("which2") or "").lower()
    step = 1 if which in ("next", "following", "coming") else 0
    if period == "month":
        return _month_end(_add_months(ref.replace(day=1), step)).isoformat()
    if period == "quarter":
        first = _add_months(ref.replace(day=1), 3 * step)
        return _month_end(first.replace(month=3 * ((first.month - 1) // 3) + 3)).isoformat()
    return dt.date(ref.year + step, 12, 31).isoformat()


def _period_end(ref: dt.date, year: str | None, month: int) -> str:
    """The last day of ``month`` in ``year``, or in the reference's year; a period over before the
    reference ("end of Q3" at a November meeting) is next year's: a task is not due in the past."""
    if year:
        return _month_end(dt.date(int(year), month, 1)).isoformat()
    end = _month_end(dt.date(ref.year, month, 1))
    return (end if end >= ref else _month_end(dt.date(ref.year + 1, month, 1))).isoformat()


def _month_end(d: dt.date) -> dt.date:
    return _add_months(d.replace(day=1), 1) - dt.timedelta(days=1)


def _add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved ``n`` months on, its day kept where the month has it (31 January + 1 month = 28/29 February)."""
    k = d.month - 1 + n
    year, month = d.year + k // 12, k % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def _add_weekdays(d: dt.date, n: int) -> dt.date:
    """``d`` moved ``n`` working days (Monday to Friday) on."""
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d
