"""Mailing-list messages that carry minutes: headers, quoted history, signature, list footer."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.model import MailInfo
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


def read_mail(lines: Sequence[Line]) -> MailParts | None:
    """The structure of a mail message, or None when the text does not start with mail headers."""
    first = next((ln.index for ln in lines if not ln.blank), None)
    if first is None:
        return None
    fields: dict[str, tuple[str, int, int]] = {}
    header: list[int] = []
    current: str | None = None  # the header a folded continuation line extends
    j = first
    while j < len(lines) and j - first < MAX_HEADER_LINES:
        ln = lines[j]
        if ln.blank:
            break
        mbox = _MBOX_FROM.match(ln.raw) if j == first else None
        m = _HEADER.match(ln.raw)
        if mbox:
            fields.setdefault("from", (mbox.group("addr"), ln.start + mbox.start("addr"), ln.start + mbox.end("addr")))
            fields.setdefault("date", (mbox.group("date"), ln.start + mbox.start("date"), ln.start + mbox.end("date")))
            current = None
        elif m and m.group("name").lower() in _header_names():
            name = m.group("name").lower()
            value = m.group("value").rstrip()
            # a repeated header (a second Received:) never overrides the first
            current = None if name in fields else name
            fields.setdefault(name, (value, ln.start + m.start("value"), ln.start + m.start("value") + len(value)))
        elif ln.raw[:1] in " \t":
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
    quoted, signature, footer = _body_parts(lines, j)
    author, address = _author(fields["from"][0])
    date = _date(fields.get("date") or fields.get("sent"))
    subject = fields.get("subject")
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
        quoted_spans=_spans(lines, quoted),
        signature_span=_spans(lines, signature)[0] if signature else None,
    )
    return MailParts(
        info,
        frozenset(header),
        frozenset(quoted),
        frozenset(signature),
        frozenset(footer),
        subject,
        date,
    )


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


def _body_parts(lines: Sequence[Line], first: int) -> tuple[set[int], set[int], set[int]]:
    """Quoted history, signature and list-footer lines of the body starting at ``first``."""
    attribution = vocab.regex("mail", "attribution")
    attribution_start = vocab.regex("mail", "attribution_start")
    original = vocab.regex("mail", "original_message")
    footer_rule = vocab.regex("mail", "footer_rule")
    quoted: set[int] = set()
    signature: set[int] = set()
    footer: set[int] = set()
    n = len(lines)
    in_signature = False
    j = first
    while j < n:
        ln = lines[j]
        raw = ln.raw
        if footer_rule.match(raw):
            footer.update(range(j, n))
            break
        if original.match(raw):
            quoted.update(range(j, n))
            break
        if raw.lstrip().startswith(">"):
            quoted.add(j)
            in_signature = False
            j += 1
            continue
        if attribution.match(raw) or (
            attribution_start.match(raw) and j + 1 < n and attribution.match(f"{raw} {lines[j + 1].raw}")
        ):
            span = 1 if attribution.match(raw) else 2
            if _quote_follows(lines, j + span):
                quoted.update(range(j, j + span))
                in_signature = False
                j += span
                continue
        if _SIGNATURE.match(raw):
            in_signature = True
        if in_signature:
            signature.add(j)
        j += 1
    _sign_off(lines, first, quoted, signature, footer)
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
    return quoted, signature, footer


MAX_SIGN_OFF_LINES = 3
"""Lines a closing ("Best regards,") may stand above the signature or the end of the body."""


def _sign_off(lines: Sequence[Line], first: int, quoted: set[int], signature: set[int], footer: set[int]) -> None:
    """Add a closing and the name below it ("Best regards,\nTomas") to the signature."""
    closing = vocab.regex("mail", "closing")
    hidden = quoted | footer
    end = min(signature | hidden | {len(lines)})
    body = [k for k in range(first, end) if not lines[k].blank and k not in hidden]
    for k in body[-MAX_SIGN_OFF_LINES:]:
        if closing.match(lines[k].raw):
            signature.update(j for j in range(k, end) if j not in hidden)
            return


def _quote_follows(lines: Sequence[Line], j: int) -> bool:
    k = j
    while k < len(lines) and lines[k].blank:
        k += 1
    return k < len(lines) and lines[k].raw.lstrip().startswith(">")


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
