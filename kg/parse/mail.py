"""Mailing-list messages that carry minutes: headers, quoted history, signature, list footer."""

from __future__ import annotations

import email.utils
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.model import MailInfo, SourceDoc
from kg.parse import vocab
from kg.parse.dates import find_dates
from kg.parse.names import natural_order
from kg.parse.text import Line

_HEADER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9-]{0,40})[ \t]*:[ \t]*(?P<value>.*)$")
_MBOX_FROM = re.compile(r"^From (?P<addr>\S+(?: at \S+)?)\s+(?P<date>\w{3}\s+\w{3}\s+\d{1,2}\s+[\d:]{5,8}\s+\d{4})\s*$")
_OBFUSCATED = re.compile(r"^(?P<user>[\w.+-]+)\s+at\s+(?P<host>[\w-]+(?:\.[\w-]+)+)")
_SIGNATURE = re.compile(r"^--[ \t]?$")

MAX_HEADER_LINES = 40
"""A header block longer than this is not a mail header."""


@dataclass(frozen=True)
class MailParts:
    """A message's structure: which lines are headers, quoted, signature, footer."""

    info: MailInfo
    header_lines: frozenset[int]
    quoted_lines: frozenset[int]
    signature_lines: frozenset[int]
    footer_lines: frozenset[int]
    subject: tuple[str, int, int] | None
    date: tuple[str, int, int] | None

    @property
    def non_body(self) -> frozenset[int]:
        return self.header_lines | self.quoted_lines | self.signature_lines | self.footer_lines


@lru_cache(maxsize=1)
def _header_names() -> frozenset[str]:
    return vocab.word_set("mail", "header_names")


def read_mail(lines: Sequence[Line], source: SourceDoc | None = None) -> MailParts | None:
    """The structure of a mail message, or None when the text does not start with mail headers.

    ``source`` is the document the lines come from: ingest takes the quote
    markers (``"> "``) off plain text, and the original text tells which
    lines were quoted.  A forwarded message's own headers (its subject, date
    and author) describe the minutes it carries better than the forwarding
    message's, and are the ones returned.
    """
    first = next((ln.index for ln in lines if not ln.blank), None)
    if first is None:
        return None
    found = _headers(lines, first, mbox=True)
    if found is None:
        return None
    fields, header, j = found
    body = _body_parts(lines, j, _quote_depths(source, lines) if source is not None else {})
    inner = body.forwarded or {}
    sender = inner.get("from") or fields["from"]
    author, address = _author(sender[0])
    date = _date(inner.get("date") or inner.get("sent")) or _date(fields.get("date") or fields.get("sent"))
    subject = inner.get("subject") or fields.get("subject")
    if subject:
        text, s, e = subject
        cleaned = vocab.regex("mail", "subject_prefixes").sub("", text).strip()
        subject = (cleaned, e - len(cleaned) if text.endswith(cleaned) else s, e)
    h0, h1 = lines[header[0]].start, lines[header[-1]].end
    info = MailInfo(
        author=author,
        author_email=address,
        date=date[0] if date else None,
        subject=subject[0] if subject else None,
        start=h0,
        end=h1,
        quoted_spans=_spans(lines, body.quoted),
        signature_span=_spans(lines, body.signature)[0] if body.signature else None,
    )
    return MailParts(
        info,
        frozenset(header) | frozenset(body.headers),
        frozenset(body.quoted),
        frozenset(body.signature),
        frozenset(body.footer),
        subject,
        date,
    )


Fields = dict[str, tuple[str, int, int]]
"""Header values by lower-case name: ``(value, start, end)``."""


def _headers(lines: Sequence[Line], first: int, *, mbox: bool = False) -> tuple[Fields, list[int], int] | None:
    """The header block starting at line ``first``: its fields, its line indices and the line after it.

    None when the block lacks the headers every message has (a sender and a date or subject).
    """
    fields: Fields = {}
    header: list[int] = []
    current: str | None = None  # the header a folded continuation line extends
    j = first
    while j < len(lines) and j - first < MAX_HEADER_LINES:
        ln = lines[j]
        if ln.blank:
            break
        m_mbox = _MBOX_FROM.match(ln.raw) if mbox and j == first else None
        m = _HEADER.match(ln.raw)
        if m_mbox:
            fields.setdefault("from", (m_mbox.group("addr"), ln.start + m_mbox.start("addr"), ln.start + m_mbox.end("addr")))
            fields.setdefault("date", (m_mbox.group("date"), ln.start + m_mbox.start("date"), ln.start + m_mbox.end("date")))
            current = None
        elif m and m.group("name").lower() in _header_names():
            name = m.group("name").lower()
            value = m.group("value").rstrip()
            # a repeated header (a second Received:) never overrides the first
            current = None if name in fields else name
            fields.setdefault(name, (value, ln.start + m.start("value"), ln.start + m.start("value") + len(value)))
        elif ln.raw[:1] in " \t" and header:
            if current:
                value, s, _ = fields[current]
                fields[current] = (f"{value} {ln.raw.strip()}", s, ln.end)
        else:
            break
        header.append(j)
        j += 1
    required = vocab.load("mail")
    if not all(k in fields for k in required["required"]) or not any(k in fields for k in required["one_of"]):
        return None
    return fields, header, j


def _quote_depths(source: SourceDoc, lines: Sequence[Line]) -> dict[int, int]:
    """How deep each line was quoted (``"> > "`` is 2) in the original, before ingest took the markers off."""
    if source.fmt not in ("txt", "md") or ">" not in source.original:
        return {}
    original = source.original
    anchors = source.offset_map
    keys = [a for a, _ in anchors]
    depths: dict[int, int] = {}
    for ln in lines:
        if ln.blank:
            continue
        i = bisect_right(keys, ln.start) - 1  # SourceDoc.to_original, without rebuilding the keys per line
        o = ln.start if i < 0 else min(anchors[i][1] + ln.start - anchors[i][0], len(original))
        prefix = original[original.rfind("\n", 0, o) + 1 : o]
        if ">" in prefix and not prefix.strip(" >"):
            depths[ln.index] = prefix.count(">")
    return depths


def _author(value: str) -> tuple[str | None, str | None]:
    """("Priya Raman", "priya@example.org") from a From value in any usual form."""
    ob = _OBFUSCATED.match(value)
    if ob and "@" not in value:
        value = f"{ob.group('user')}@{ob.group('host')}{value[ob.end():]}"
    name, address = email.utils.parseaddr(value)
    name = " ".join(name.strip().strip("\"'").split())
    if "," in name:
        last, _, first = name.partition(",")
        name = natural_order(last.strip(), first.strip())
    return (name or None), (address or None)


def _date(field: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """The message's own date as ISO ``YYYY-MM-DD`` (in the sender's time zone)."""
    if not field:
        return None
    value, s, e = field
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat(), s, e
    hits = [h for h in find_dates(value) if h.year is not None]
    if hits:
        iso = hits[0].iso()
        if iso:
            return iso, s + hits[0].start, s + hits[0].end
    return None


@dataclass
class _Body:
    """What the body of a message holds besides the text it says."""

    quoted: set[int] = field(default_factory=set)
    signature: set[int] = field(default_factory=set)
    footer: set[int] = field(default_factory=set)
    headers: set[int] = field(default_factory=set)  # a forwarded message's rule and headers
    forwarded: Fields | None = None  # the (first) forwarded message's headers


def _body_parts(lines: Sequence[Line], first: int, depths: dict[int, int]) -> _Body:
    """Quoted history, signatures, forwarded headers and list-footer lines of the body starting at ``first``.

    A forwarded message is content: its rule and headers are set aside, and its
    text (quoted or not) is read like the forwarding message's own.  Quoted
    history is what is quoted deeper than the message it stands in.
    """
    attribution = vocab.regex("mail", "attribution")
    attribution_start = vocab.regex("mail", "attribution_start")
    original = vocab.regex("mail", "original_message")
    forwarded = vocab.regex("mail", "forwarded_message")
    footer_rule = vocab.regex("mail", "footer_rule")
    body = _Body()
    quoted, signature = body.quoted, body.signature
    n = len(lines)

    def depth(k: int) -> int:
        raw = lines[k].raw
        marks = len(raw) - len(raw.lstrip(" >"))
        return depths.get(k, 0) + raw[:marks].count(">")

    base = 0  # the quote depth of the message being read: a forwarded message may be quoted as a whole
    segment = first  # the first body line of the message being read
    in_signature = False
    j = first
    while j < n:
        ln = lines[j]
        raw = ln.raw
        if footer_rule.match(raw):
            body.footer.update(range(j, n))
            break
        if forwarded.match(raw):
            k = j + 1
            while k < n and lines[k].blank:
                k += 1
            inner = _headers(lines, k) if k < n else None
            _sign_off(lines, segment, j, body)
            body.headers.add(j)
            k = j + 1
            if inner is not None:
                fields, header, k = inner
                body.headers.update(header)
                if body.forwarded is None:
                    body.forwarded = fields
            base = next((depth(i) for i in range(k, n) if not lines[i].blank), 0)
            segment, in_signature, j = k, False, k
            continue
        if original.match(raw):
            quoted.update(range(j, n))
            break
        if depth(j) > base:
            quoted.add(j)
            in_signature = False
            j += 1
            continue
        if attribution.match(raw) or (
            attribution_start.match(raw) and j + 1 < n and attribution.match(f"{raw} {lines[j + 1].raw}")
        ):
            span = 1 if attribution.match(raw) else 2
            k = j + span
            while k < n and lines[k].blank:
                k += 1
            if k < n and depth(k) > base:
                quoted.update(range(j, j + span))
                in_signature = False
                j += span
                continue
        if _SIGNATURE.match(raw.strip(" >") if depth(j) else raw):
            in_signature = True
        if in_signature:
            signature.add(j)
        j += 1
    _sign_off(lines, segment, n, body)
    # blank lines between quoted lines are part of the quotation
    previous: int | None = None
    gap: list[int] = []
    for k in range(first, n):
        if lines[k].blank:
            gap.append(k)
            continue
        if previous in quoted and k in quoted:
            quoted.update(gap)
        previous, gap = k, []
    return body


MAX_SIGN_OFF_LINES = 3
"""Lines a closing ("Best regards,") may stand above the signature or the end of the body."""


def _sign_off(lines: Sequence[Line], first: int, stop: int, body: _Body) -> None:
    """Add a closing and the name below it ("Best regards,\nTomas") to the signature of lines ``first:stop``."""
    closing = vocab.regex("mail", "closing")
    hidden = body.quoted | body.footer | body.headers
    end = min({k for k in body.signature | hidden if first <= k < stop} | {stop})
    text = [k for k in range(first, end) if not lines[k].blank and k not in hidden]
    for k in text[-MAX_SIGN_OFF_LINES:]:
        if closing.match(lines[k].raw):
            body.signature.update(j for j in range(k, end) if j not in hidden)
            return


def _spans(lines: Sequence[Line], indices: set[int]) -> tuple[tuple[int, int], ...]:
    """Contiguous runs of non-blank lines as ``(start, end)`` document spans."""
    out: list[tuple[int, int]] = []
    for k in sorted(indices):
        ln = lines[k]
        if ln.blank:
            continue
        if out and all(lines[i].blank or i in indices for i in range(_line_at(lines, out[-1][1]) + 1, k)):
            out[-1] = (out[-1][0], ln.end)
        else:
            out.append((ln.start, ln.end))
    return tuple(out)


def _line_at(lines: Sequence[Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
