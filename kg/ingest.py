"""Ingest: read report files (.txt .md .pdf .docx .html) into normalised ``SourceDoc`` values.

``load_source`` decodes or extracts a file's text (the ``original``) and
normalises it into ``text``: Unicode NFC, ``\\n`` line ends, plain spaces,
no trailing spaces, hard-wrapped lines re-joined into paragraphs and markdown
markup reduced to its text.  Every edit is recorded in ``offset_map`` so that
``SourceDoc.to_original`` maps any offset of ``text`` back into ``original``.
Line structure is otherwise kept: later stages read lists, tables (tab
separated cells) and headings line by line.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import re
import unicodedata
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import docx
import pypdf
import pypdf.errors
from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.element import PreformattedString
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from kg.errors import IngestError
from kg.model import Link, SourceDoc

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".vtt": "txt",  # WebVTT and SubRip caption files: plain text whose cue layout ingest removes
    ".srt": "txt",
}
"""Supported file extensions and the ``SourceDoc.fmt`` each one gives."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused unless a larger ``max_bytes`` is given."""

_SUPPORTED = ", ".join(sorted(FORMATS))

# --------------------------------------------------------------------------- entry points


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """List the report files named by ``paths``.

    A file is taken as it is (even with an unsupported extension, so that
    ``load_source`` reports it); a folder stands for every supported file
    under it, recursively, in sorted order, skipping hidden files and office
    lock files.  Duplicates are listed once.

    Raises:
        IngestError: a path does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in FORMATS and p.is_file() and not _is_hidden(p.relative_to(path))
            )
        elif path.exists():
            files = [path]
        else:
            raise IngestError(
                "no such file or folder",
                path=str(path),
                hint="check the spelling; give report files or folders that contain them",
            )
        for file in files:
            if file not in seen:
                seen.add(file)
                found.append(file)
    return found


def load_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDoc:
    """Read one report file into a ``SourceDoc``.

    Raises:
        IngestError: the file is missing, unreadable, too large, empty,
            binary, of an unsupported type, or a PDF/DOCX that cannot be read
            (encrypted, image-only, corrupt).
    """
    where = str(path)
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise IngestError(
            f"unsupported file type {repr(p.suffix) if p.suffix else '(no extension)'}",
            path=where,
            hint=f"supported types are {_SUPPORTED}; convert the file, or rename it if it is one of these",
        )
    data = _read(p, where, max_bytes)
    if not data:
        raise IngestError("the file is empty", path=where, hint="check that the export or download finished")
    links: list[tuple[int, int, str]] = []
    page_breaks: list[int] = []
    if fmt == "pdf":
        original, page_breaks = _extract_pdf(data, where)
        encoding = "pdf"
    elif fmt == "docx":
        original, links = _extract_docx(data, where)
        encoding = "docx"
    else:
        decoded, encoding = _decode(data, where, html=fmt == "html")
        if fmt == "html":
            original, links = _extract_html(decoded)
        else:
            original = decoded
    return _make_doc(where, p.name, hashlib.sha256(data).hexdigest(), fmt, original, encoding, links, page_breaks)


def load_sources(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[SourceDoc], list[IngestError]]:
    """Load every report named by ``paths`` (files or folders), continuing past bad ones.

    Returns the documents that loaded, in discovery order, and one
    ``IngestError`` per path or file that did not.
    """
    docs: list[SourceDoc] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()
    for raw in paths:
        try:
            files = [f for f in discover([raw]) if f not in seen]
        except IngestError as err:
            errors.append(err)
            continue
        seen.update(files)
        for file in files:
            try:
                docs.append(load_source(file, max_bytes=max_bytes))
            except IngestError as err:
                errors.append(err)
    return docs, errors


def source_from_text(text: str, *, file_name: str = "inline.txt") -> SourceDoc:
    """Build a ``SourceDoc`` from text in memory, normalised like a file named ``file_name``.

    The format comes from the name's extension (``.txt``, ``.md`` or
    ``.html``); useful for tests and for text that arrives without a file.
    """
    fmt = FORMATS.get(Path(file_name).suffix.lower())
    if fmt not in ("txt", "md", "html"):
        raise IngestError(
            "only .txt, .md and .html names can be built from text",
            path=file_name,
            hint="write PDF and DOCX data to a file and use load_source",
        )
    links: list[tuple[int, int, str]] = []
    original = text
    if fmt == "html":
        original, links = _extract_html(text)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _make_doc(file_name, Path(file_name).name, sha, fmt, original, "utf-8", links, [])


def _make_doc(
    where: str,
    file_name: str,
    sha256: str,
    fmt: str,
    original: str,
    encoding: str,
    links: Sequence[tuple[int, int, str]],
    page_breaks: Sequence[int],
) -> SourceDoc:
    if not original.strip():
        raise _no_text_error(fmt, where)
    text, offset_map, found = _normalise(original, fmt, links, page_breaks)
    if not text.strip():
        raise _no_text_error(fmt, where)
    return SourceDoc(
        path=where,
        file_name=file_name,
        sha256=sha256,
        fmt=fmt,
        text=text,
        original=original,
        offset_map=offset_map,
        encoding=encoding,
        links=found,
    )


def _no_text_error(fmt: str, where: str) -> IngestError:
    if fmt == "pdf":
        return IngestError(
            "the PDF has no extractable text (it looks scanned or image-only)",
            path=where,
            hint="run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and ingest the result",
        )
    if fmt in ("docx", "html"):
        return IngestError(
            f"the {fmt.upper()} document contains no visible text",
            path=where,
            hint="check that this is the report and not an empty template or a page shell",
        )
    return IngestError(
        "the file contains only whitespace",
        path=where,
        hint="check that the export or download finished",
    )


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in relative.parts)


def _read(path: Path, where: str, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise IngestError("this is a folder, not a file", path=where, hint="pass folders to discover or load_sources")
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(where, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise IngestError(
            f"cannot read the file: {err.strerror or err}",
            path=where,
            hint="check that it exists and that you have permission to read it",
        ) from err
    if len(data) > max_bytes:
        raise _too_large(where, len(data), max_bytes)
    return data


def _too_large(where: str, size: int, limit: int) -> IngestError:
    return IngestError(
        f"the file is too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)",
        path=where,
        hint="check that it is a single report; if so, raise the limit (max_bytes)",
    )


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Windows-1252 as browsers decode it: the five bytes cp1252 leaves undefined
# map to the C1 controls of the same number, so decoding never fails.
_CP1252 = {
    b: (bytes([b]).decode("cp1252", errors="ignore") or chr(b)) for b in range(0x80, 0xA0)
}
_CP1252_TABLE = str.maketrans({chr(b): c for b, c in _CP1252.items()})

_MAGIC = (
    (b"%PDF-", "a PDF", "rename it to .pdf"),
    (b"PK\x03\x04", "a ZIP container such as DOCX", "rename it to .docx if it is a Word document"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document", "open it in a word processor and save it as .docx"),
    (b"\x89PNG", "a PNG image", "run OCR on it and ingest the text"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it and ingest the text"),
    (b"GIF8", "a GIF image", "run OCR on it and ingest the text"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")


def _decode(data: bytes, where: str, *, html: bool = False) -> tuple[str, str]:
    """Decode bytes: BOM-marked Unicode, UTF-8, a declared HTML charset, else Windows-1252."""
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    utf16 = bom or _sniff_utf16(data)
    if utf16:
        text, encoding = data.decode(utf16, errors="replace"), utf16
    elif b"\x00" in data:
        raise _binary_error(data, where)
    else:
        text, encoding = _decode_8bit(data, html)
    suspicious = len(_BINARY_CHARS.findall(text))
    if suspicious > 0.1 * len(text):
        raise _binary_error(data, where)
    return text, encoding


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as Windows-1252 (one stray byte in a UTF-8 file)."""
    bad = err.object[err.start : err.end]
    return bad.decode("latin-1").translate(_CP1252_TABLE), err.end


codecs.register_error("kg-cp1252", _cp1252_fallback)


def _decode_8bit(data: bytes, html: bool) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a stray Windows-1252 byte (an en dash pasted from Word): decoding
    # it all as cp1252 would turn every "ë" into "Ã«", so only the stray bytes are.
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors="kg-cp1252"), "utf-8 (with Windows-1252 bytes)"
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                name = codecs.lookup(declared.group(1).decode("ascii")).name
            except LookupError:
                name = None
            if name and name not in ("utf-8", "cp1252", "latin-1", "iso8859-1"):
                return data.decode(name, errors="replace"), name
    return data.decode("latin-1").translate(_CP1252_TABLE), "cp1252"


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its pattern of NUL bytes (mostly-ASCII text)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _binary_error(data: bytes, where: str) -> IngestError:
    for magic, kind, fix in _MAGIC:
        if data.startswith(magic):
            return IngestError(f"this is a binary file ({kind}), not text", path=where, hint=fix)
    return IngestError(
        "this is a binary file (NUL bytes or mostly non-text characters), not text",
        path=where,
        hint="check that the file is a report exported as text, markdown, PDF, DOCX or HTML",
    )


# --------------------------------------------------------------------------- PDF


def _extract_pdf(data: bytes, where: str) -> tuple[str, list[int]]:
    """Extract page texts (joined by a blank line) and the offsets where pages meet.

    Footnotes are taken off the foot of each page and follow the last page, so a
    sentence that runs on to the next page is not cut by them.
    """
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_empty(reader, where):
            raise IngestError(
                "the PDF is encrypted with a password",
                path=where,
                hint="remove the password (e.g. `qpdf --decrypt --password=... in.pdf out.pdf`) and try again",
            )
        texts = [_page_text(page) for page in reader.pages]
    except IngestError:
        raise
    except Exception as err:  # pypdf raises many types (PdfReadError, KeyError, ValueError...) on corrupt input
        raise IngestError(
            f"cannot read the PDF ({type(err).__name__}: {err})",
            path=where,
            hint="the file looks corrupt or truncated; download or export it again",
        ) from err
    pages = [body.strip("\n") for body, _ in texts]
    notes = "\n".join(n.strip("\n") for _, n in texts if n.strip())
    parts: list[str] = []
    breaks: list[int] = []
    pos = 0
    for page in (p for p in [*pages, notes] if p.strip()):
        if parts:
            breaks.append(pos)
            parts.append("\n\n")
            pos += 2
        parts.append(page)
        pos += len(page)
    return "".join(parts), breaks


def _decrypt_empty(reader: pypdf.PdfReader, where: str) -> bool:
    """Open a PDF that only has an owner password (the user password is empty)."""
    try:
        return reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED
    except pypdf.errors.DependencyError as err:
        raise IngestError(
            "the PDF is AES-encrypted and the `cryptography` package is missing",
            path=where,
            hint="install it (`pip install cryptography`, part of kg's dependencies) and try again",
        ) from err


def _page_text(page: pypdf.PageObject) -> tuple[str, str]:
    """A page's text and its footnotes' text ("" when none are told apart).

    A boxed sidebar beside the text follows the page's text as a block of its own.
    """
    # Layout mode keeps vertical gaps as blank lines (paragraph breaks) and
    # table columns apart; plain mode is the fallback for pages it cannot lay out.
    try:
        boxes = ""
        try:
            laid_out, notes, boxes = _layout_text(page)
        except Exception:  # noqa: BLE001 - pypdf's layout internals changed or failed: use its public layout mode
            laid_out, notes = page.extract_text(extraction_mode="layout"), ""
        text = _split_columns(laid_out)
        if boxes:
            # before a lone line at the foot of the page (a page footer), which stays at the page's edge
            foot = re.search(r"\n{3,}[^\n]*\S[^\n]*\n*$", text)
            at = foot.start() if foot else len(text)
            text = "\n\n".join(t for t in (text[:at], boxes, text[at:].strip("\n")) if t.strip())
        return text, notes
    except Exception:
        return page.extract_text(), ""


_MARKER_TEXT = re.compile(r"\s*(?:\d{1,3}|[*†‡§¶])(?=\W|$)")


def _layout_text(page: pypdf.PageObject) -> tuple[str, str, str]:
    """pypdf's layout-mode text of a page, with footnote markers lifted out of their own line,
    and the footnotes at the foot of the page and the text of boxed sidebars apart.

    Layout mode puts raised small text (a superscript footnote marker, with the
    rest of its line) on a line of its own above the line it belongs to; here the
    marker is dropped and what follows it is put back at the end of that line.
    """
    # the steps of extract_text(extraction_mode="layout"), run one by one
    from pypdf._text_extraction import _layout_mode

    fonts = page._layout_mode_fonts()
    contents = page.get_contents()
    if contents is None:
        return "", "", ""
    ops = pypdf.generic.ContentStream(contents, page.pdf, "bytes").operations
    groups = _show_groups(ops, fonts)
    if not groups:
        return "", "", ""
    groups = _lift_superscripts(groups)
    char_width = _layout_mode.fixed_char_width(groups, 1.25)
    groups, boxed = _sidebars(groups, _painted_rects(ops))
    body, notes = _footnotes(groups)
    left = min((g["tx"] for g in body or groups), default=0.0)

    def render(part: list, x0: float) -> str:
        if not part:
            return ""
        part = [dict(g, tx=g["tx"] - x0, displaced_tx=g["displaced_tx"] - x0) for g in part]
        return _layout_mode.fixed_width_page(_layout_mode.y_coordinate_groups(part, None), char_width, True, 1)

    boxes = "\n\n".join(_render_box(box, char_width) for box in boxed)
    return render(body, left), render(notes, left), boxes


def _show_groups(ops: list, fonts: dict) -> list:
    """The text of each BT operator with its position on the page, top line first
    (pypdf's ``text_show_operations``, with the positions left as they are on the page)."""
    from pypdf._text_extraction._layout_mode._fixed_width_page import recurse_to_target_op, set_font_operation
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager

    state = TextStateManager()
    found: list = []
    stream = iter(ops)
    for operands, op in stream:
        if op in (b"BT", b"q"):
            groups, _ = recurse_to_target_op(stream, state, b"ET" if op == b"BT" else b"Q", fonts, True)
            found.extend(groups)
        elif op == b"Tf":
            set_font_operation(state, fonts, operands)
        else:
            state.set_state_param(op, operands)
    return sorted(found, key=lambda g: (g["ty"] * g["flip_sort"], -g["tx"]), reverse=True)


_PAINT = frozenset({b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"})


def _painted_rects(ops: list) -> list[tuple[float, float, float, float]]:
    """The rectangles a page fills or strokes, as (x0, y0, x1, y1) on the page."""
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[tuple[float, ...]] = []
    pending: list[tuple[float, float, float, float]] = []
    rects: list[tuple[float, float, float, float]] = []
    for operands, op in ops:
        if op == b"q":
            saved.append(ctm)
        elif op == b"Q":
            ctm = saved.pop() if saved else ctm
        elif op == b"cm" and len(operands) == 6:
            a1, b1, c1, d1, e1, f1 = (float(v) for v in operands)
            a2, b2, c2, d2, e2, f2 = ctm
            ctm = (
                a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
                e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
            )  # fmt: skip
        elif op == b"re" and len(operands) == 4:
            x, y, w, h = (float(v) for v in operands)
            a, b, c, d, e, f = ctm
            xs = [a * px + c * py + e for px, py in ((x, y), (x + w, y + h))]
            ys = [b * px + d * py + f for px, py in ((x, y), (x + w, y + h))]
            pending.append((min(xs), min(ys), max(xs), max(ys)))
        elif op in _PAINT:
            rects += pending
            pending = []
        elif op in (b"n", b"W", b"W*"):
            pending = []
    return rects


def _sidebars(groups: list, rects: Sequence[tuple[float, float, float, float]]) -> tuple[list, list[list]]:
    """Take out the text of boxed sidebars: rectangles beside the text that hold several lines of it.

    A sidebar is narrower than the text, has text beside it and no text running
    across its edge, and shares no edge with another rectangle (table cells do).
    """
    if not rects:
        return groups, []
    filled = [g for g in groups if g["text"].strip()]
    left = min(g["tx"] for g in filled) if filled else 0.0
    right = max(g["displaced_tx"] for g in filled) if filled else 0.0
    boxes: list[list] = []
    taken: set[int] = set()
    for k, (x0, y0, x1, y1) in enumerate(rects):
        if not 0.15 * (right - left) <= x1 - x0 <= 0.7 * (right - left):
            continue
        if any(_touches((x0, y0, x1, y1), r) for j, r in enumerate(rects) if j != k):
            continue
        inside, across, beside = [], False, False
        for g in filled:
            if not y0 <= g["ty"] <= y1:
                continue
            if g["tx"] >= x0 - 1 and g["displaced_tx"] <= x1 + 1:
                inside.append(g)
            elif g["displaced_tx"] <= x0 or g["tx"] >= x1:
                beside = True
            else:
                across = True
        if across or not beside or len({round(g["ty"]) for g in inside}) < 3 or taken & {id(g) for g in inside}:
            continue
        taken |= {id(g) for g in inside}
        boxes.append(inside)
    if not boxes:
        return groups, []
    return [g for g in groups if id(g) not in taken], boxes


def _touches(a: tuple[float, ...], b: tuple[float, ...], slack: float = 2.0) -> bool:
    """Whether rectangle ``b`` shares (part of) an edge with ``a``, as neighbouring table cells do."""
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    overlap_x = min(ax1, bx1) - max(ax0, bx0) > slack
    overlap_y = min(ay1, by1) - max(ay0, by0) > slack
    side = overlap_y and (abs(ax0 - bx1) <= slack or abs(ax1 - bx0) <= slack)
    top = overlap_x and (abs(ay0 - by1) <= slack or abs(ay1 - by0) <= slack)
    return side or top


def _render_box(groups: list, char_width: float) -> str:
    """A sidebar's text, its left edge at the margin, with a blank line wherever the line
    spacing opens wider than the box's usual leading (a new entry or paragraph)."""
    from pypdf._text_extraction import _layout_mode

    x0 = min(g["tx"] for g in groups)
    shifted = [dict(g, tx=g["tx"] - x0, displaced_tx=g["displaced_tx"] - x0) for g in groups]
    rows = _layout_mode.y_coordinate_groups(shifted, None)
    ys = [min(g["ty"] * g["flip_sort"] for g in row) for row in rows.values()]
    steps = sorted(abs(b - a) for a, b in pairwise(ys))
    leading = steps[len(steps) // 4] if steps else 0  # the tight spacing of lines within an entry
    out: list[str] = []
    for k, key in enumerate(rows):
        if k and leading and abs(ys[k] - ys[k - 1]) > 1.25 * leading:
            out.append("")
        out.append(_layout_mode.fixed_width_page({key: rows[key]}, char_width, False, 1))
    return "\n".join(out)


_NOTE_START = re.compile(r"\s*(?:\d{1,3}|[*†‡§¶])(?!\d)")


def _footnotes(groups: list) -> tuple[list, list]:
    """Split off the footnotes: the run of small print at the foot of the page whose first
    line starts with a note marker ("1 The paper was ...", "²See ..."); a page number
    below it stays with the page."""
    sizes: dict[float, int] = {}
    for g in groups:
        sizes[g["font_size"]] = sizes.get(g["font_size"], 0) + len(g["text"].strip())
    body = max(sizes, key=sizes.__getitem__)
    filled = [g for g in groups if g["text"].strip()]
    run: list = []
    for g in sorted(filled, key=lambda g: g["ty"] * g["flip_sort"]):  # from the foot of the page up
        if not run and _PAGE_NUMBER.match(g["text"].strip()):
            continue
        if g["font_size"] > 0.85 * body:
            break
        run.append(g)
    top = max((g["ty"] * g["flip_sort"] for g in run), default=None)
    first_line = sorted((g for g in run if g["ty"] * g["flip_sort"] >= top - 0.5 * body), key=lambda g: g["tx"])
    if not run or len(run) == len(filled) or _NOTE_START.match(first_line[0]["text"]) is None:
        return groups, []
    taken = {id(g) for g in run}
    return [g for g in groups if id(g) not in taken], [g for g in groups if id(g) in taken]


def _lift_superscripts(groups: list) -> list:
    sizes: dict[float, int] = {}
    for g in groups:
        sizes[g["font_size"]] = sizes.get(g["font_size"], 0) + len(g["text"].strip())
    body = max(sizes, key=sizes.__getitem__)
    out = list(groups)
    for g in groups:
        m = _MARKER_TEXT.match(g["text"])
        if g["font_size"] > 0.85 * body or m is None:  # superscripts are set at 55-80% of the body size
            continue
        bases = [
            b for b in out
            if b is not g
            and b["font_size"] > 0.95 * body
            and 0.2 * body < (g["ty"] - b["ty"]) * g["flip_sort"] < body
            # a marker starts where its line's text ends (or its group restarts the line);
            # a small-print table cell beside a body line starts further right
            and g["tx"] <= b["displaced_tx"] + body
        ]
        if not bases:
            continue
        base = min(bases, key=lambda b: abs(g["ty"] - b["ty"]))
        rest = g["text"][m.end() :]
        at = out.index(base)
        out[at] = dict(base, text=base["text"] + rest, displaced_tx=max(base["displaced_tx"], g["displaced_tx"]))
        out.remove(g)
    return out


_GAP = re.compile(r"[ ]{3,}")


def _split_columns(text: str) -> str:
    """Read a two-column page (as layout mode renders it) column by column.

    Layout mode puts the left and the right column of a page side by side on
    each line.  A gutter is a pair of character columns that stays blank on
    nearly every line of a long stretch of the page while text stands on both
    sides of it on many of those lines.  The lines above the first line with
    text on both sides (the full-width title block) come first, then the left
    column, a blank line and the right column, then any full-width lines below
    the stretch.  Tables are not columns: their rows have several gaps and
    short cells, so a stretch whose two-sided lines mostly have more than one
    wide gap, or whose left cells mostly stop well short of the gutter, stays
    as it is.
    """
    lines = text.split("\n")
    body = [ln.rstrip() for ln in lines]
    longest = max((len(ln) for ln in body), default=0)
    if longest < 40 or sum(1 for ln in body if ln.strip()) < 8:
        return text
    counts = {
        c: sum(1 for ln in body if ln[c : c + 2] == "  " and ln[:c].strip() and ln[c + 2 :].strip())
        for c in range(int(longest * 0.3), int(longest * 0.7))
    }
    top = max(counts.values(), default=0)
    if top < 6:
        return text
    # the middle of the widest stretch of best columns: the gutter's centre
    run, best_run, start = 0, (0, 0), 0
    for c in sorted(counts):
        if counts[c] == top:
            run = run + 1 if run else 1
            start = c - run + 1
            if run > best_run[1]:
                best_run = (start, run)
        else:
            run = 0
    c = best_run[0] + best_run[1] // 2
    both = [i for i, ln in enumerate(body) if ln[c : c + 2] == "  " and ln[:c].strip() and ln[c + 2 :].strip()]
    first, last = both[0], both[-1]
    # a full-width line (a subtitle, a caption) between two-sided lines cuts the page into bands
    # read one after the other: its words run through the gutter, so it is no column's line
    spans = [i for i in range(first, last + 1) if _spans_gutter(body[i], c)]
    if spans:
        bands, lo = [], 0
        for i in spans:
            bands += [_split_columns("\n".join(lines[lo:i])), lines[i]]
            lo = i + 1
        return "\n".join([*bands, _split_columns("\n".join(lines[lo:]))])
    crossing = [i for i in range(first, last + 1) if len(body[i]) > c and body[i][c : c + 2] != "  "]
    if len(crossing) > 0.1 * (last - first + 1) or len(both) < 0.4 * sum(
        1 for ln in body[first : last + 1] if ln.strip()
    ):
        return text
    # columns hold prose: on most two-sided lines one side is a run of words that fills its column,
    # and each column has such lines; table rows have short cells, several wide gaps, neither side filled
    right_width = max(len(body[i]) for i in both) - c
    left_full = {i for i in both if _fills(body[i][:c].strip(), c)}
    right_full = {i for i in both if _fills(body[i][c:].strip(), right_width)}
    if len(left_full | right_full) < 0.5 * len(both) or min(len(left_full), len(right_full)) < 0.2 * len(both):
        return text
    end = last + 1
    while end < len(body) and not (len(body[end]) > c and body[end][c : c + 2] != "  "):
        end += 1
    head, region, tail = lines[:first], body[first:end], lines[end:]
    left = [ln[:c].rstrip() for ln in region]
    right = [ln[c:] for ln in region]
    indent = min((len(ln) - len(ln.lstrip(" ")) for ln in right if ln.strip()), default=0)
    right = [ln[indent:] for ln in right]
    return "\n".join([*head, *left, "", *right, *tail])


def _spans_gutter(line: str, c: int) -> bool:
    """Whether ``line`` runs through the gutter at ``c`` as one run of words (no wide gap near it)."""
    around = line[max(c - 4, 0) : c + 6]
    return len(line) > c + 6 and bool(line[:c].strip()) and "  " not in around


def _fills(segment: str, width: int) -> bool:
    return len(segment) >= 0.6 * width and not _GAP.search(segment)


# --------------------------------------------------------------------------- DOCX


class _TextBuilder:
    """Accumulates extracted text and the spans of links inside it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.links: list[tuple[int, int, str]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def add_link(self, text: str, url: str | None) -> None:
        start = self.pos
        self.add(text)
        if url and text.strip() and not url.startswith("#"):
            self.links.append((start, self.pos, url))

    @property
    def text(self) -> str:
        return "".join(self.parts)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _extract_docx(data: bytes, where: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Extract a DOCX's blocks in document order, laid out as the HTML path lays out a page.

    Paragraphs and headings are set apart by a blank line, consecutive list
    items (Word lists or typed markers) go one per line, table rows become
    tab-separated lines, and a bold run that opens a plain paragraph is marked
    ``**...**`` (a run-in or bold-line heading).
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(
            "this is a legacy Word (.doc) or password-protected document, not a .docx",
            path=where,
            hint="open it in a word processor and save it as an unprotected .docx",
        )
    try:
        document = docx.Document(io.BytesIO(data))
        out = _TextBuilder()
        numbering = _DocxNumbering(document)
        styles = _DocxStyles(document)
        previous: str | None = None  # kind of the last block written
        gap = 0  # line breaks owed before the next block
        for block in _docx_blocks(document.element.body, document._body):
            if isinstance(block, Paragraph):
                if _only_page_break(block):
                    continue  # layout, not content: a list running on over the break stays one list
                if not block.text.strip():
                    gap = 2 if out.pos else 0  # an empty paragraph is vertical space
                    continue
                heading = styles.is_heading(block)
                prefix = numbering.prefix(block)
                if prefix and _has_own_number(block.text, prefix):
                    prefix = ""
                if heading:
                    prefix = prefix.lstrip(" ")
                    kind = "heading"
                elif prefix or styles.is_list(block) or _LIST_ITEM.match(block.text):
                    kind = "item"
                else:
                    kind = "paragraph"
            else:
                kind = "table"
            if out.pos:
                out.add("\n" * max(gap, 1 if kind == previous == "item" else 2))
            gap = 0
            if isinstance(block, Paragraph):
                out.add(prefix)
                _docx_paragraph(block, out, styles=styles if kind == "paragraph" else None)
            else:
                _docx_table(block, out)
            previous = kind
    except IngestError:
        raise
    except Exception as err:  # python-docx/lxml/zipfile raise many types on corrupt input
        raise IngestError(
            f"cannot read the DOCX ({type(err).__name__}: {err})",
            path=where,
            hint="the file looks corrupt or is not a Word document; save it again as .docx",
        ) from err
    return out.text, out.links


_OWN_NUMBER = re.compile(r"\s*\(?([0-9]{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})[.):]?(?=\s|$)")


def _has_own_number(text: str, prefix: str) -> bool:
    """Whether a numbered paragraph's text already starts with the number Word would draw."""
    label = prefix.strip().rstrip(".)").lstrip("(")
    if label == "-":
        return bool(re.match(r"\s*[-*•◦▪●○■□–—·]\s", text))
    m = _OWN_NUMBER.match(text)
    return bool(label) and m is not None and m.group(1).lower() == label.rsplit(".", 1)[-1].lower()


_HEADING_STYLE = re.compile(r"(?i)^(?:heading\s*\d|title|subtitle)$")


class _DocxStyles:
    """What a paragraph's style chain says about it: heading, list item, bold."""

    def __init__(self, document) -> None:
        self._styles = document.styles
        self._cache: dict[str | None, tuple[bool, bool, bool]] = {}

    def _traits(self, style_id: str | None) -> tuple[bool, bool, bool]:
        if style_id not in self._cache:
            heading = listed = False
            bold: bool | None = None
            style = self._styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            while style is not None:
                name = style.name or ""
                heading = heading or bool(_HEADING_STYLE.match(name)) or _outline_level(style.element.pPr)
                listed = listed or name.lower().startswith("list")
                if bold is None:
                    bold = style.font.bold
                style = style.base_style
            self._cache[style_id] = (heading, listed, bool(bold))
        return self._cache[style_id]

    def is_heading(self, paragraph: Paragraph) -> bool:
        return _outline_level(paragraph._p.pPr) or self._traits(paragraph._p.style)[0]

    def is_list(self, paragraph: Paragraph) -> bool:
        return self._traits(paragraph._p.style)[1]

    def is_bold(self, paragraph: Paragraph) -> bool:
        return self._traits(paragraph._p.style)[2]


def _outline_level(ppr) -> bool:
    """Whether a ``w:pPr`` gives the paragraph a document-outline level (a heading)."""
    level = _attr(ppr.find(f"{_W}outlineLvl")) if ppr is not None else None
    return level is not None and level.isdigit() and int(level) < 9


def _run_bold(run, paragraph_bold: bool) -> bool:
    """A run's effective boldness: its own setting, its character style's, else the paragraph's."""
    if run.bold is not None:
        return run.bold
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return paragraph_bold


def _docx_blocks(body, parent) -> Iterable[Paragraph | Table]:
    """Body paragraphs and tables in order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _docx_blocks(content, parent)


def _only_page_break(paragraph: Paragraph) -> bool:
    return not paragraph.text.strip() and bool(paragraph._p.xpath('.//w:br[@w:type="page"]'))


def _docx_paragraph(
    paragraph: Paragraph, out: _TextBuilder, *, flat: bool = False, styles: _DocxStyles | None = None
) -> None:
    """Add a paragraph's text; ``flat`` turns its tabs and breaks into spaces (for table cells).

    Given the document's ``styles``, bold runs that open the paragraph are
    wrapped in ``**`` as markdown writes a bold lead (a run-in heading).
    """
    pieces: list[tuple[str, str | None]] = []  # text, and the URL of a hyperlink ("" when it has none)
    lead = 0  # length of the bold runs that open the paragraph
    leading = styles is not None
    paragraph_bold = styles is not None and styles.is_bold(paragraph)
    for item in paragraph.iter_inner_content():
        text = item.text
        if flat:
            text = text.replace("\t", " ").replace("\n", " ")
        link = isinstance(item, Hyperlink)
        pieces.append((text, (item.url or "") if link else None))
        if leading and text.strip() and (link or not _run_bold(item, paragraph_bold)):
            leading = False
        if leading:
            lead += len(text)
    full = "".join(text for text, _ in pieces)
    bold = full[:lead]
    marks: list[int] = []
    if any(ch.isalnum() for ch in bold) and "\n" not in bold.strip():
        marks = [len(bold) - len(bold.lstrip()), _bold_end(full, len(bold.rstrip()))]
    pos = 0
    for text, url in pieces:
        end = pos + len(text)
        last = 0
        while marks and (marks[0] < end or marks[0] == end == len(full)):
            cut = marks.pop(0) - pos
            _docx_piece(out, text[last:cut], url)
            out.add("**")
            last = cut
        _docx_piece(out, text[last:], url)
        pos = end


_LEAD_PUNCTUATION = ".:;,!?"


def _bold_end(text: str, end: int) -> int:
    """Where a bold lead's closing ``**`` goes: before its final punctuation when text runs on.

    ``**Item 1 – Timeline**. Marco said`` keeps the sentence break and the
    ``Label**:`` form that ``**Item 1 – Timeline.** Marco said`` would hide.
    """
    if not text[end:].strip():
        return end
    cut = end
    while cut > 0 and text[cut - 1] in _LEAD_PUNCTUATION:
        cut -= 1
    return cut if any(ch.isalnum() for ch in text[:cut]) else end


def _docx_piece(out: _TextBuilder, text: str, url: str | None) -> None:
    if url is None:
        out.add(text)
    else:
        out.add_link(text, url or None)


def _docx_table(table: Table, out: _TextBuilder) -> None:
    """Rows as tab-separated lines; a cell merged down the rows repeats in each of them."""
    above: dict[int, str] = {}  # grid column -> text of a vertically merged cell started above
    for r, row in enumerate(table.rows):
        if r:
            out.add("\n")
        column = 0
        tcs = list(row._tr.tc_lst)
        for c, tc in enumerate(tcs):
            if c:
                out.add("\t")
            span = tc.grid_span
            cell = _Cell(tc, table)
            if tc.vMerge == "continue" and column in above:
                out.add(above[column])
            else:
                start = out.pos
                _docx_cell(cell, out)
                if tc.vMerge == "restart":
                    above[column] = out.text[start:] if out.pos - start <= _MERGED_CELL_MAX else ""
                else:
                    above.pop(column, None)
            if c + 1 < len(tcs):
                out.add("\t" * (span - 1))  # keep later cells in their columns
            column += span


_MERGED_CELL_MAX = 80
"""A merged cell's text is repeated in each row it spans only up to this length (a group, an owner)."""


def _docx_cell(cell: _Cell, out: _TextBuilder) -> None:
    """A cell's paragraphs (and nested tables' cells) on one line, space separated."""
    written = False
    for paragraph in _cell_paragraphs(cell):
        if not paragraph.text.strip():
            continue
        if written:
            out.add(" ")
        _docx_paragraph(paragraph, out, flat=True)
        written = True


def _cell_paragraphs(cell: _Cell) -> Iterable[Paragraph]:
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        else:
            for row in item.rows:
                for tc in row._tr.tc_lst:
                    yield from _cell_paragraphs(_Cell(tc, item))


class _DocxNumbering:
    """Renders Word's automatic list numbers ("1.", "a)", bullets) that are not in the text."""

    def __init__(self, document) -> None:
        try:
            self._numbering = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:  # no numbering definitions: no paragraph is numbered
            self._numbering = None
        self._styles = document.styles
        self._style_numbering: dict[str | None, tuple[str | None, str | None]] = {}
        self._counters: dict[str, list[int]] = {}
        self._levels: dict[tuple[str, int], tuple[object, int]] = {}

    def prefix(self, paragraph: Paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        if self._numbering is None or num_id is None or num_id == "0" or not paragraph.text.strip():
            return ""
        lvl, start = self._level(num_id, level)
        if lvl is None:
            return ""
        counts = self._counters.setdefault(num_id, [0] * 10)
        counts[level] = counts[level] + 1 if counts[level] else start
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = 0
        fmt = _attr(lvl.find(f"{_W}numFmt")) or "decimal"
        indent = "  " * level
        if fmt == "bullet":
            return indent + "- "
        if fmt == "none":
            return indent
        template = _attr(lvl.find(f"{_W}lvlText"))
        if template is None:
            template = f"%{level + 1}."

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kfmt = fmt if k == level else self._format_of(num_id, k)
            return _format_number(max(counts[k], 1), kfmt)

        rendered = re.sub(r"%([1-9])", number, template)
        return f"{indent}{rendered} " if rendered else indent

    def _num_pr(self, paragraph: Paragraph) -> tuple[str | None, int]:
        """The list id and level: the paragraph's own settings win over its style chain's."""
        num_id, ilvl = _num_pr_values(paragraph._p.pPr)
        style_id = paragraph._p.style
        if style_id not in self._style_numbering:
            self._style_numbering[style_id] = self._style_num_pr(style_id)
        style_num_id, style_ilvl = self._style_numbering[style_id]
        num_id, ilvl = num_id or style_num_id, ilvl or style_ilvl
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        return num_id, min(level, 9)

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        style = self._styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
        while style is not None:
            style_num_id, style_ilvl = _num_pr_values(style.element.pPr)
            num_id, ilvl = num_id or style_num_id, ilvl or style_ilvl
            style = style.base_style
        return num_id, ilvl

    def _level(self, num_id: str, level: int):
        key = (num_id, level)
        if key not in self._levels:
            self._levels[key] = self._find_level(num_id, level)
        return self._levels[key]

    def _find_level(self, num_id: str, level: int):
        nums = self._numbering.xpath(f'./w:num[@w:numId="{_digits(num_id)}"]')
        if not nums:
            return None, 1
        num = nums[0]
        start = 1
        override = num.xpath(f'./w:lvlOverride[@w:ilvl="{level}"]/w:startOverride')
        abstract_id = _attr(num.find(f"{_W}abstractNumId"))
        abstract = f'./w:abstractNum[@w:abstractNumId="{_digits(abstract_id)}"]'
        # a level the definition lacks (single-level lists) is drawn like its first level
        lvls = self._numbering.xpath(f'{abstract}/w:lvl[@w:ilvl="{level}"]') or self._numbering.xpath(
            f'{abstract}/w:lvl[@w:ilvl="0"]'
        )
        if not lvls:
            return None, 1
        start_el = lvls[0].find(f"{_W}start")
        if override:
            start_el = override[0]
        value = _attr(start_el)
        if value and value.isdigit():
            start = int(value)
        return lvls[0], start

    def _format_of(self, num_id: str, level: int) -> str:
        lvl, _ = self._level(num_id, level)
        return (_attr(lvl.find(f"{_W}numFmt")) if lvl is not None else None) or "decimal"


def _num_pr_values(ppr) -> tuple[str | None, str | None]:
    """``(numId, ilvl)`` of a ``w:pPr`` element, each ``None`` when not set."""
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    return _attr(num_pr.find(f"{_W}numId")), _attr(num_pr.find(f"{_W}ilvl"))


def _attr(element) -> str | None:
    return element.get(f"{_W}val") if element is not None else None


def _digits(value: str | None) -> str:
    """Keep an id safe to place in an XPath literal."""
    return "".join(ch for ch in (value or "") if ch.isdigit())


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out += numeral * count
    return out


# --------------------------------------------------------------------------- HTML

_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object"})
_HTML_PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "hr", "figure"}
)
_HTML_LINE = frozenset(
    {
        "div", "li", "tr", "dt", "dd", "section", "article", "main", "nav", "aside", "header", "footer",
        "form", "fieldset", "legend", "caption", "figcaption", "details", "summary", "address",
        "thead", "tbody", "tfoot", "body", "html",
    }
)  # fmt: skip
_HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_BOLD = frozenset({"b", "strong"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# site furniture around the document: navigation, banners, sidebars, footers, cookie notices
_FURNITURE_ROLES = {"navigation": "nav", "complementary": "aside", "banner": "header", "contentinfo": "footer"}
_HIDDEN_STYLE = re.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_BOLD_STYLE = re.compile(r"(?i)font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\b")
_DOCUMENT_PARTS = ("main", "article", "section")
_TITLE_SITE = re.compile(r"\s+[|]\s+[^|]*$")
_MERGED_CELL_HTML_MAX = 80


class _HtmlText(_TextBuilder):
    """Renders an HTML tree as lines: blocks break lines, cells are tab-separated."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = 0  # line breaks owed before the next text (1 = new line, 2 = blank line)
        self.space = False  # a collapsed space is owed before the next text
        self.in_cell = 0
        self.in_item = 0  # open list items: their paragraphs stay lines of the item
        self.marker = False  # a list marker was just written: the item's first block joins it
        self.bold = 0  # open bold elements that lead a block (their text is wrapped in **)
        self.bold_owed = False  # "**" is owed before the next text
        self.open_links: list[list] = []

    def block(self, level: int) -> None:
        if not level or self.marker:
            return
        if self.in_cell:
            self.space = True
        elif self.pos:
            self.pending = max(self.pending, min(level, 1) if self.in_item else level)

    def line_break(self) -> None:
        if self.in_cell:
            self.space = True
        elif self.pos:
            self.pending = min(self.pending + 1, 2)
            self.marker = False

    def at_block_start(self) -> bool:
        """Whether nothing has been written in the current block yet."""
        return not self.in_cell and (self.pending > 0 or not self.pos or self.parts[-1].endswith("\n"))

    def write(self, text: str, *, pre: bool = False) -> None:
        if not pre:
            text = _HTML_SPACE.sub(" ", text)
            if text.startswith(" "):
                self.space = True
                text = text[1:]
            trailing = text.endswith(" ")
            text = text.rstrip(" ")
        if not text:
            return
        if self.pending:
            self.add("\n" * self.pending)
            self.pending = 0
            self.space = False
        elif self.space and self.pos and not self.text_ends_line():
            self.add(" ")
        self.space = False
        self.marker = False
        if self.bold_owed:
            self.add("**")
            self.bold_owed = False
        for link in self.open_links:
            if link[0] is None:
                link[0] = self.pos
        self.add(text)
        if not pre and trailing:
            self.space = True

    def raw(self, text: str) -> None:
        """Write structural text (a list marker, a cell tab) that is never collapsed."""
        if self.pending:
            self.add("\n" * self.pending)
            self.pending = 0
        self.space = False
        self.add(text)

    def text_ends_line(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith(("\n", "\t", " "))


def _html_break(name: str, lists: Sequence[object]) -> int:
    """Line breaks a tag puts around itself: 2 for paragraphs, 1 for lines, 0 for inline tags."""
    if name in ("ul", "ol") and lists:
        return 1  # a nested list continues its parent item's list
    if name in _HTML_PARAGRAPH:
        return 2
    return 1 if name in _HTML_LINE else 0


class _Furniture:
    """Decides which elements are site furniture (navigation, banners, footers), not the document."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self._half = len(soup.get_text()) / 2
        self._h1_in_document = any(_in_document(h1) for h1 in soup.find_all("h1"))

    def __call__(self, tag: Tag) -> bool:
        name = tag.name
        if name in ("html", "body", "main", "article"):
            return False
        role = tag.get("role")
        kind = _FURNITURE_ROLES.get(role.strip().lower(), "") if isinstance(role, str) else ""
        if name in ("nav", "aside", "header", "footer") and not kind:
            kind = name
        if not kind and _named(tag, "footer_names"):
            kind = "footer"  # <div id="footer">: the page's footer, unless an article holds it
        if kind in ("nav", "aside"):
            pass
        elif kind == "footer":
            if tag.find_parent(list(_DOCUMENT_PARTS)):
                return False  # an article's own footer is part of it
        elif kind == "header":
            if tag.find_parent(list(_DOCUMENT_PARTS)) or not self._site_header(tag):
                return False  # the document's own header
        elif not (_named(tag, "furniture_names") or _hidden(tag)):
            return False
        # never drop the document itself, however its wrapper is named
        if tag.find(["main", "article"]) or any(_in_document(h1) for h1 in tag.find_all("h1")):
            return False
        return len(tag.get_text()) <= self._half


    def _site_header(self, tag: Tag) -> bool:
        """Whether a page-level header is the site's banner rather than the document's title block."""
        if tag.find("nav") or tag.find(attrs={"role": "navigation"}):
            return True
        if tag.find("h1"):
            return self._h1_in_document  # a site-name <h1> when the document has its own
        return tag.find(sorted(_HTML_HEADINGS)) is None


def _in_document(tag: Tag) -> bool:
    """Whether no page-level navigation, sidebar, banner or footer holds ``tag``."""
    for parent in tag.parents:
        if parent.name in ("nav", "aside", "footer"):
            return False
        if parent.name == "header":
            return parent.find_parent(list(_DOCUMENT_PARTS)) is not None
    return True


def _named(tag: Tag, key: str) -> bool:
    """Whether the element's class or id is named as furniture (``key`` of ``patterns/html.json``)."""
    classes = tag.get("class")
    names = list(classes) if isinstance(classes, list) else [classes] if isinstance(classes, str) else []
    ident = tag.get("id")
    if isinstance(ident, str):
        names.append(ident)
    if not names:
        return False
    from kg.parse import vocab  # imported late: kg.parse imports this module

    rx = vocab.regex("html", key)
    return any(rx.search(n) for n in names)


def _hidden(tag: Tag) -> bool:
    style = tag.get("style")
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).strip().lower() == "true"
        or (isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None)
    )


def _bold(tag: Tag) -> bool:
    if tag.name in _HTML_BOLD:
        return True
    style = tag.get("style")
    return tag.name == "span" and isinstance(style, str) and _BOLD_STYLE.search(style) is not None


def _span(tag: Tag, name: str) -> int:
    value = tag.get(name)
    if isinstance(value, str) and value.strip().isdigit():
        return min(max(int(value.strip()), 1), 1000)
    return 1


def _table_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _square_tables(soup: BeautifulSoup) -> None:
    """Fill merged cells in so that every row keeps its columns.

    A cell spanning rows is repeated in the rows below when it is short (a
    stakeholder group, an owner, a date) and left empty there otherwise; a
    cell spanning columns is followed by empty cells unless it ends its row
    (a full-width group row stays a line of its own).
    """
    for table in soup.find_all("table"):
        if not table.find(["td", "th"], attrs={"rowspan": True}) and not table.find(
            ["td", "th"], attrs={"colspan": True}
        ):
            continue
        carry: dict[int, list] = {}  # grid column -> [rows still covered, text]
        for tr in _table_rows(table):
            cells = tr.find_all(["td", "th"], recursive=False)
            placed: list[tuple[int, Tag | str]] = []
            spans: dict[int, list] = {}
            column = 0
            for n, cell in enumerate(cells):
                while carry.get(column, (0,))[0] > 0:
                    placed.append((column, carry[column][1]))
                    carry[column][0] -= 1
                    column += 1
                rows, cols = _span(cell, "rowspan"), _span(cell, "colspan")
                placed.append((column, cell))
                if rows > 1:
                    text = _HTML_SPACE.sub(" ", cell.get_text(" ")).strip()
                    text = text if len(text) <= _MERGED_CELL_HTML_MAX else ""
                    spans.update({column + k: [rows - 1, text if k == 0 else ""] for k in range(cols)})
                if n + 1 < len(cells):
                    placed += [(column + k, "") for k in range(1, cols)]
                column += cols
            for col in sorted(carry):
                if col >= column and carry[col][0] > 0:
                    placed.append((col, carry[col][1]))
                    carry[col][0] -= 1
            carry = {c: v for c, v in carry.items() if v[0] > 0} | spans
            previous: Tag | None = None
            for _, item in sorted(placed, key=lambda p: p[0]):
                if isinstance(item, Tag):
                    previous = item
                    continue
                filler = soup.new_tag("td")
                filler.string = item
                if previous is None:
                    tr.insert(0, filler)
                else:
                    previous.insert_after(filler)
                previous = filler


def _mail_archive_message(soup: BeautifulSoup) -> None:
    """Reduce a mailing-list archive page to the message it shows, written as a mail.

    An archive (Pipermail's) marks the message body with comments
    (``mail_article`` of ``patterns/html.json``) and shows the headers above it
    as markup: the subject as the heading, the author in bold, the address as
    a link, the date in italics.  Those become ``From:``, ``Date:`` and
    ``Subject:`` lines before the body; the navigation between messages and
    the list's footer around them are left out.
    """
    from kg.parse import vocab  # imported late: kg.parse imports this module

    begin_mark, end_mark = vocab.load("html")["mail_article"]
    comments = [c for c in soup.find_all(string=lambda t: isinstance(t, Comment))]
    begin = next((c for c in comments if c.strip().lower() == begin_mark), None)
    end = next((c for c in comments if c.strip().lower() == end_mark), None)
    if begin is None or end is None or begin.parent is not end.parent:
        return
    article: list = []
    node = begin.next_sibling
    while node is not None and node is not end:
        article.append(node)
        node = node.next_sibling
    if node is None:
        return
    container = begin.parent

    def first_text(tag: Tag | None) -> str:
        return _HTML_SPACE.sub(" ", tag.get_text(" ")).strip() if tag is not None else ""

    def before(name: str, **attrs) -> Tag | None:
        found = begin.find_all_previous(name, **attrs)
        return found[-1] if found else None  # the first in document order

    heading = before("h1")
    subject = first_text(heading) or first_text(soup.find("title"))
    author = first_text(before("b"))
    mailto = before("a", href=re.compile(r"(?i)^mailto:"))
    address = first_text(mailto)
    date = first_text(before("i"))
    if not author and not address:
        return
    sender = f"{author} <{address}>" if author and address else author or address
    fields = [("From", sender), ("Date", date), ("Subject", subject)]
    header = "\n".join(f"{k}: {v}" for k, v in fields if v)
    keep = {id(a) for a in article}
    for child in list(container.children):
        if id(child) not in keep:
            child.extract()
    pre = soup.new_tag("pre")
    pre.string = header
    container.insert(0, pre)
    if container.name != "body" and soup.body is not None:
        soup.body.clear()
        soup.body.append(container)
    title = soup.find("title")
    if title is not None:
        title.decompose()  # the subject is in the header now


def _extract_html(markup: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Extract an HTML page's visible text; ``<a href>`` anchors give link spans.

    Site furniture (navigation, breadcrumbs, banners, sidebars, page footers)
    is left out; a page without an ``<h1>`` starts with its ``<title>``; a bold
    run that opens a paragraph is written ``**...**``; definition-list terms
    with one definition become ``Term: definition`` lines; merged table cells
    are filled in so rows keep their columns.
    """
    with warnings.catch_warnings():
        # a page whose whole text looks like a URL or file name is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    _square_tables(soup)
    _mail_archive_message(soup)
    furniture = _Furniture(soup)
    out = _HtmlText()
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    cells: list[int] = []
    stack: list[tuple[bool, object]] = [(True, soup)]
    pre = 0
    headings = 0
    wrote_h1 = False
    bold_leads: set[int] = set()  # ids of bold elements whose text is wrapped in **
    joined: set[int] = set()  # ids of <dt> and <dd> written on one "Term: definition" line
    closings: list[int] = []  # where the closing "**" of a bold lead was written
    while stack:
        entering, node = stack.pop()
        if not entering:
            tag = node
            name = tag.name
            if name == "a" and out.open_links:
                start, url = out.open_links.pop()
                end = out.pos - 2 if closings and closings[-1] == out.pos - 2 else out.pos  # not a bold's "**"
                if start is not None and end > start and url and not url.startswith(("#", "javascript:")):
                    out.links.append((start, end, url))
            elif name in ("ul", "ol"):
                lists.pop()
            elif name == "li":
                out.in_item -= 1
                out.marker = False
            elif name == "tr":
                cells.pop()
            elif name in ("td", "th"):
                out.in_cell -= 1
            elif name == "pre":
                pre -= 1
            elif name in _HTML_HEADINGS:
                headings -= 1
            if id(tag) in bold_leads:
                out.bold -= 1
                if out.bold_owed:
                    out.bold_owed = False
                else:
                    closings.append(out.pos)
                    out.add("**")
            if name == "dt" and id(tag) in joined:
                if out.parts and not out.text_ends_line() and not out.parts[-1].endswith(":"):
                    out.add(":")
                out.space = True
                continue
            out.block(_html_break(name, lists))
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                out.write(str(node), pre=pre > 0)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in _HTML_SKIP or furniture(node):
            continue
        if name == "br":
            out.line_break()
            continue
        if name == "dt":
            _join_definition(node, joined)
        if name != "dd" or id(node) not in joined:
            out.block(_html_break(name, lists))
        if name == "ol":
            start = node.get("start")
            lists.append([int(start) if isinstance(start, str) and start.strip().lstrip("-").isdigit() else 1])
        elif name == "ul":
            lists.append([None])
        elif name == "li" and not out.in_cell:
            counter = lists[-1] if lists else [None]
            value = node.get("value")
            if counter[0] is not None and isinstance(value, str) and value.strip().isdigit():
                counter[0] = int(value)
            indent = "  " * max(len(lists) - 1, 0)
            if counter[0] is None:
                out.raw(f"{indent}- ")
            else:
                out.raw(f"{indent}{counter[0]}. ")
                counter[0] += 1
            out.marker = True
        elif name == "tr":
            cells.append(0)
        elif name in ("td", "th"):
            if cells:
                if cells[-1] and not out.in_cell:
                    out.raw("\t")
                cells[-1] += 1
            out.in_cell += 1
        elif name == "pre":
            pre += 1
        elif name in _HTML_HEADINGS:
            headings += 1
            wrote_h1 = wrote_h1 or name == "h1"
        elif name == "a":
            href = node.get("href")
            out.open_links.append([None, href.strip() if isinstance(href, str) else None])
        if name == "li":
            out.in_item += 1
        elif (
            not out.bold and not pre and not headings and not out.in_item and _bold(node) and out.at_block_start()
        ) and any(ch.isalnum() for ch in node.get_text()):
            bold_leads.add(id(node))
            out.bold += 1
            out.bold_owed = True
        stack.append((False, node))
        stack.extend((True, child) for child in reversed(node.contents))
    text, links = _move_bold_closings(out.text, closings, out.links)
    head_title = soup.head.title if soup.head is not None else None  # not an <svg> icon's <title>
    title = head_title.get_text(" ") if head_title is not None and not wrote_h1 else ""
    title = _TITLE_SITE.sub("", _HTML_SPACE.sub(" ", title).strip())
    if title and text.strip() and _fold(title) not in _fold(text[:400]):
        # a page without <h1> names its document in <title> ("Minutes of Call 7 | Site name")
        head = title + "\n\n"
        text = head + text
        links = [(s + len(head), e + len(head), url) for s, e, url in links]
    return text, links


def _move_bold_closings(
    text: str, closings: Sequence[int], links: list[tuple[int, int, str]]
) -> tuple[str, list[tuple[int, int, str]]]:
    """Put each bold lead's closing ``**`` before its final punctuation when the line runs on."""
    if not closings:
        return text, links
    chars = list(text)
    for p in closings:
        start = text.rfind("\n", 0, p) + 1
        stop = text.find("\n", p)
        stop = len(text) if stop < 0 else stop
        end = start + _bold_end(text[start:p] + text[p + 2 : stop], p - start)
        if end < p:
            chars[end : p + 2] = ["*", "*", *text[end:p]]
            links = [(s, end if end < e <= p else e, url) for s, e, url in links]
    return "".join(chars), [link for link in links if link[1] > link[0]]


def _fold(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).casefold()


def _join_definition(dt: Tag, joined: set[int]) -> None:
    """Mark a ``<dt>`` and its single ``<dd>`` to be written as one "Term: definition" line."""
    definitions: list[Tag] = []
    for sibling in dt.find_next_siblings():
        if sibling.name != "dd":
            break
        definitions.append(sibling)
    if len(definitions) == 1 and not definitions[0].find(["p", "ul", "ol", "table", "div", "dl", "br"]):
        joined.update((id(dt), id(definitions[0])))


# --------------------------------------------------------------------------- offset tracking

Edit = tuple[int, int, str]
"""Replace ``text[start:end]`` with the string; edits of one step are sorted and disjoint."""


@dataclass
class _Tracked:
    """Text under normalisation, its map back to the original, and spans carried along."""

    text: str
    anchors: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    spans: list[tuple[int, int]] = field(default_factory=list)

    def apply(self, edits: Sequence[Edit]) -> None:
        if not edits:
            return
        text = self.text
        out: list[str] = []
        step: list[tuple[int, int]] = [(0, 0)]
        starts: list[int] = []
        shift: list[int] = [0]  # shift[i]: total length change of edits[:i]
        pos = delta = 0
        for s, e, r in edits:
            out.append(text[pos:s])
            out.append(r)
            ns = s + delta
            step.append((ns, s))
            kept = e - s
            if len(r) > kept:
                # characters beyond the replaced span have no original: hold them at its last character
                hold = s + max(kept - 1, 0)
                step.extend((ns + k, hold) for k in range(max(kept, 1), len(r)))
            step.append((ns + len(r), e))
            delta += len(r) - kept
            starts.append(s)
            shift.append(delta)
            pos = e
        out.append(text[pos:])

        def forward(p: int, is_end: bool) -> int:
            i = (bisect_left(starts, p) if is_end else bisect_right(starts, p)) - 1
            if i < 0:
                return p
            s, e, r = edits[i]
            if (p <= e) if is_end else (p < e):
                return s + shift[i] + (len(r) if is_end else 0)
            return p + shift[i + 1]

        self.spans = [(forward(a, False), forward(b, True)) for a, b in self.spans]
        self.anchors = _compose(self.anchors, step)
        self.text = "".join(out)


def _compose(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Anchors of ``x -> outer(inner(x))`` for two anchor maps (see ``SourceDoc.offset_map``)."""
    steps: list[tuple[int, int]] = []
    for a, b in inner:
        if steps and steps[-1][0] == a:
            steps[-1] = (a, b)
        else:
            steps.append((a, b))
    keys = [c for c, _ in outer]
    result: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(steps):
        length = steps[k + 1][0] - a if k + 1 < len(steps) else None
        j = bisect_right(keys, b) - 1
        c, d = outer[j]
        result.append((a, d + (b - c)))
        j += 1
        while j < len(outer) and (length is None or outer[j][0] < b + length):
            c, d = outer[j]
            result.append((a + (c - b), d))
            j += 1
    return _compress(result)


def _compress(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop anchors that the one before already implies."""
    out: list[tuple[int, int]] = []
    for n, o in anchors:
        if out and out[-1][0] == n:
            out.pop()
        if out and out[-1][1] + (n - out[-1][0]) == o:
            continue
        out.append((n, o))
    return out


def _regex_edits(pattern: re.Pattern[str], text: str, replacement: str) -> list[Edit]:
    return [(m.start(), m.end(), replacement) for m in pattern.finditer(text) if m.end() > m.start()]


# --------------------------------------------------------------------------- normalisation

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# invisible or control characters that only get in the way of matching text
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
_TRAILING = re.compile(r"(?m)^[ \t]+$|[ ]+$")
_PDF_INDENT = re.compile(r"(?m)^[ ]+")
_BLANK_RUN = re.compile(r"\n{3,}")
_PDF_COLUMNS = re.compile(r"(?<=\S)[ ]{3,}(?=\S)")
# a list marker standing alone at the start of a line ("1.", "b)", "(iv)", "•"): the gap after it is no cell border
_LEADING_MARKER = re.compile(r"^[ ]*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})[.)]?|[-*+•◦▪▫●○■□➔➢➤►▶→✓✔·–—])$")
# dot leaders of a table of contents (". . . . 2", "......2"): the gaps around them are no cell border
_LEADER = re.compile(r"(?:\.[ ]*){3,}")
_LIST_MARKER_PDF = r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})[.)](?=[ ])|[-*+•◦▪▫●○■□➔➢➤►▶→✓✔·–—](?=[ ])"


_MARKER_GAP = re.compile(rf"[ ]*(?:{_LIST_MARKER_PDF})[ ]*")


def _indented_apart(text: str, page_breaks: Sequence[int]) -> list[int]:
    """Where lines start that are set in from the page margin differently from the line above.

    A wrapped line goes back to the margin (or under the text of a list item);
    a line indented on its own, like each line of a centred title block, is not
    a continuation of the line above.
    """
    lines = _lines(text)
    starts = [s for s, _ in lines]
    bounds = [0, *(bisect_right(starts, b) for b in page_breaks), len(lines)]
    found: list[int] = []
    for lo, hi in pairwise(bounds):
        indents = [len(ln) - len(ln.lstrip(" ")) for _, ln in lines[lo:hi]]
        margin = min((n for n, (_, ln) in zip(indents, lines[lo:hi]) if ln.strip()), default=0)
        lengths = sorted(len(ln.rstrip()) for _, ln in lines[lo:hi] if ln.strip())
        width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        for k in range(lo + 1, hi):
            line, above = lines[k][1], lines[k - 1][1]
            if not line.strip() or not above.strip():
                continue
            if len(above.rstrip()) >= 0.8 * width:
                continue  # the line above runs to the right margin: this one is its wrap, not a title line
            ind, ind_above = indents[k - lo], indents[k - lo - 1]
            marker = _MARKER_GAP.match(above)
            hanging = marker.end() if marker else ind_above
            if ind >= margin + 4 and ind not in (ind_above, hanging):
                found.append(lines[k][0] + ind)
    return found


def _column_edits(text: str) -> list[Edit]:
    """Turn the wide gaps between table cells into tabs, except after a list marker or around dot leaders."""
    edits: list[Edit] = []
    for m in _PDF_COLUMNS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        after = text[m.end() : m.end() + 12]
        if _LEADING_MARKER.match(before) or _LEADER.match(after) or re.search(r"(?:\.[ ]*){3}$", before):
            edits.append((m.start(), m.end(), " "))
        else:
            edits.append((m.start(), m.end(), "\t"))
    return edits


_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$")


def _normalise(
    original: str,
    fmt: str,
    links: Sequence[tuple[int, int, str]] = (),
    page_breaks: Sequence[int] = (),
) -> tuple[str, tuple[tuple[int, int], ...], tuple[Link, ...]]:
    """Normalise extracted text; return the text, its offset map and the links found in it."""
    doc = _Tracked(original)
    doc.spans = [(s, e) for s, e, _ in links] + [(b, b + 2) for b in page_breaks]
    urls = [url for _, _, url in links]
    doc.apply(_nfc_edits(doc.text))
    doc.apply(_regex_edits(_NEWLINES, doc.text, "\n"))
    doc.apply(_regex_edits(_SPACES, doc.text, " "))
    doc.apply(_regex_edits(_INVISIBLE, doc.text, ""))
    apart: list[tuple[int, int]] = []
    if fmt == "pdf":
        # lines set in from the margin apart from the line above (centred titles) stand on their own
        page_starts = [s for s, _ in doc.spans[len(urls) :]]
        apart = [(p, p + 1) for p in _indented_apart(doc.text, page_starts)]
        doc.spans += apart
        doc.apply(_regex_edits(_PDF_INDENT, doc.text, ""))
        doc.apply(_column_edits(doc.text))
    doc.apply(_regex_edits(_TRAILING, doc.text, ""))
    if fmt == "pdf":
        # layout extraction renders vertical space as runs of empty lines: one blank line is a paragraph break
        doc.apply(_regex_edits(_BLANK_RUN, doc.text, "\n\n"))
        doc.apply(_page_edits(doc.text, doc.spans[len(urls) : len(doc.spans) - len(apart)]))
    starts = {s for s, _ in doc.spans[len(doc.spans) - len(apart) :]}
    doc.spans = doc.spans[: len(urls)]
    if fmt in ("txt", "md"):
        doc.apply(_caption_edits(doc.text))
        doc.apply(_gutter_edits(doc.text))
        doc.apply(_front_matter_edits(doc.text))
        # a quoted message's lines stand apart from the unquoted lines around it
        edits, bounds = _quote_edits(doc.text)
        kept = len(doc.spans)
        doc.spans += [(b, b) for b in bounds]
        doc.apply(edits)
        starts |= {s for s, _ in doc.spans[kept:]}
        doc.spans = doc.spans[:kept]
    if fmt in ("txt", "md", "pdf"):
        doc.apply(_wrap_edits(doc.text, always=fmt == "pdf", apart=starts))
    if fmt == "md" or (fmt == "txt" and _looks_like_markdown(doc.text)):
        urls += _clean_markdown(doc)
    found = [
        Link(url=url, start=s, end=e, label=doc.text[s:e])
        for (s, e), url in zip(doc.spans, urls)
        if url and e > s
    ]
    found += _plain_urls(doc.text, [(link.start, link.end) for link in found])
    found.sort(key=lambda link: (link.start, link.end))
    return doc.text, tuple(doc.anchors), tuple(found)


def _nfc_edits(text: str) -> list[Edit]:
    """Edits that bring ``text`` to NFC, aligned so unchanged characters keep their offsets."""
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[Edit] = []
    for m in _NON_ASCII.finditer(text):
        # an ASCII letter before the run may take a combining mark; ASCII never composes with what precedes it
        s = max(m.start() - 1, 0)
        chunk = text[s : m.end()]
        norm = unicodedata.normalize("NFC", chunk)
        if norm == chunk:
            continue
        matcher = SequenceMatcher(None, chunk, norm, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                edits.append((s + i1, s + i2, norm[j1:j2]))
    return edits


# --------------------------------------------------------------------------- line re-joining

_URL_LINE = re.compile(r"^\s*<?(?:https?://|ftp://|www\.)\S+\s*$", re.I)
_LIST_MARKER = (
    r"[-*+•◦▪▫●○■□➔➢➤►▶→✓✔·–—]\s"  # bullets
    r"|\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})[.)](?:\s|$)"  # 1.  a)  (iv)
    r"|\d{1,3}\.(?=[A-Z])"  # "1.Key takeaways"
)
_LIST_ITEM = re.compile(rf"^\s*(?:{_LIST_MARKER})")
# a line that starts something of its own: a list item, heading marker, quote or
# transcript turn, checkbox, table row or "Label:" line
_STARTS_BLOCK = re.compile(
    rf"^\s*(?:{_LIST_MARKER}|#{{1,6}}(?:\s|$)|>|\[[ xX]\]|\||[A-Z][\w .'&/-]{{0,40}}(?:\([^()\n]{{1,60}}\))?:(?:\s|$))"
)
# a row of a plain-text table drawn with bars ("Civil society | Ana LIMA | GRULAC") or its rule ("----+----")
_BAR_ROW = re.compile(r"\S.*\s\|\s.*\s\|\s.*\S|^\s*[-=+|:]*[-=][-=+|:]*\+[-=+|:]*\s*$")
# "Jane Roe, ACME - chair": a list entry opening with a name and a comma (roster lines, one person a line)
_ENTRY_HEAD = re.compile(r"^[ ]*((?:[^\W\d_][\w'’.-]*[ ]){1,5}[^\W\d_][\w'’.-]*),[ ]")
_NAME_PARTICLES = frozenset("de da del della di du dos das van von der den ter bin ibn al el la le".split())
_MD_HEADING_LINE = re.compile(r"^\s*(?:#{1,6}(?:\s|$)|(?:\*\*|__).*(?:\*\*|__)\s*$)")
_ENDS_SENTENCE = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_TOC_LINE = re.compile(r"(?:\.[ ]*){4,}\d*$")  # a contents entry: dot leaders up to a page number
_HYPHEN_WRAP = re.compile(r"[\w)]-$")
_CONTINUES = (",", ";", "(", "&", "/", "-")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# words a title leaves in lower case ("Working Group on Strengthening and Strategy")
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at by de del des du for from in la le of on or the to und van von with y".split()
)


def _wrap_width(lines: Sequence[str], always: bool) -> int | None:
    """The width a document was hard-wrapped at, or ``None`` when it does not look wrapped.

    Wrapped text has many lines close to one maximum length; unwrapped text has
    paragraph-long lines of every length.
    """
    lengths = sorted(
        len(ln) for ln in lines if ln.strip() and "\t" not in ln and not _URL_LINE.match(ln) and not _TOC_LINE.search(ln)
    )
    if len(lengths) < (2 if always else 6):
        return None
    width = lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))]
    if width < 20:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * width) / len(lengths)
    if not always and (near < 0.3 or width > 250):
        return None
    return width


def _is_wrap(line: str, following: str, width: int, *, in_item: bool = False) -> bool:
    """Whether ``following`` continues the sentence that a wrapped ``line`` broke off.

    ``in_item`` says ``line`` belongs to a list item, where title-cased names
    and organisations do wrap.
    """
    if not line.strip() or not following.strip():
        return False
    if not any(ch.isalnum() for ch in line) or not any(ch.isalnum() for ch in following):
        return False  # a rule ("=====" under a title, "* * *") is no text to run on
    if "\t" in line or "\t" in following or _URL_LINE.match(line) or _URL_LINE.match(following):
        return False
    if _BAR_ROW.search(line) or _BAR_ROW.search(following):
        return False  # a table's rows and rules, one a line
    if _STARTS_BLOCK.match(following) or _MD_HEADING_LINE.match(line) or _MD_HEADING_LINE.match(following):
        return False
    if _all_caps(line) or _all_caps(following):
        return False
    if _entry_head(line) and _entry_head(following) and _indent(line) == _indent(following):
        return False  # two entries of a list of people, one a line, not a sentence run on
    if not in_item and _title_like(line) and _title_like(following) and not line.endswith(_CONTINUES):
        return False  # stacked headings ("Working Group on X" over "Online Meeting 12"), not a sentence
    head = following.lstrip()
    first_word = head.split(" ", 1)[0]
    # a greedy wrapper only breaks a line when the next word does not fit on it
    if len(line) < 0.6 * width or len(line) + 1 + len(first_word) <= 0.85 * width:
        return False
    if head[0].islower():
        return True
    return not _ENDS_SENTENCE.search(line) or _ends_with_title(line)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _entry_head(line: str) -> bool:
    """Whether ``line`` opens with a capitalised name and a comma ("Jane Roe, ACME", "Ana de Souza, ...")."""
    m = _ENTRY_HEAD.match(line)
    if m is None:
        return False
    words = m.group(1).split(" ")
    return words[0][0].isupper() and all(w[0].isupper() or w in _NAME_PARTICLES for w in words[1:])


_LAST_TOKEN = re.compile(r"(?:^|\s)([^\W\d_][\w.]*)\.$")


def _ends_with_title(line: str) -> bool:
    """Whether ``line`` ends in an honorific ("Ms.", "Dr.") or an initial ("J."), which name the next word."""
    m = _LAST_TOKEN.search(line)
    if m is None:
        return False
    token = m.group(1)
    return (len(token) == 1 and token.isupper()) or token.lower() in _honorifics()


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    from kg.parse import vocab  # imported late: kg.parse imports this module

    return vocab.word_set("roles", "honorifics")


def _all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _title_like(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w not in _TITLE_SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words) and not _ENDS_SENTENCE.search(line)


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _wrap_edits(text: str, *, always: bool, apart: Collection[int] = ()) -> list[Edit]:
    """Edits that re-join hard-wrapped lines into one line per paragraph.

    ``apart`` holds the starts of lines that stand on their own (centred title lines).
    """
    lines = _lines(text)
    width = _wrap_width([ln for _, ln in lines], always)
    if width is None:
        return []
    edits: list[Edit] = []
    in_item = False
    words: dict[str, int] | None = None
    for (start, line), (next_start, following) in zip(lines, lines[1:]):
        in_item = in_item or _LIST_ITEM.match(line) is not None
        if next_start in apart:
            in_item = False
            continue
        if _is_wrap(line, following, width, in_item=in_item):
            indent = len(following) - len(following.lstrip(" "))
            end, glue = start + len(line), " "
            if _HYPHEN_WRAP.search(line):
                glue = ""
                if words is None:
                    words = _word_counts(text)
                if _drop_hyphen(line, following.lstrip(" "), words):
                    end -= 1
            edits.append((end, next_start + indent, glue))
        else:
            in_item = False
    return edits


_COMPOUND = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_HEAD_PIECE = re.compile(r"[^\W\d_]+$")
_TAIL_PIECE = re.compile(r"^[^\W\d_]+")


def _word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _COMPOUND.finditer(text):
        word = m.group().casefold().replace("‐", "-")
        counts[word] = counts.get(word, 0) + 1
        if "-" in word:
            prefix = word.split("-", 1)[0] + "-"
            counts[prefix] = counts.get(prefix, 0) + 1
    return counts


def _drop_hyphen(line: str, following: str, words: dict[str, int]) -> bool:
    """Whether the hyphen ending ``line`` only split a word ("Vermeu-" + "len") rather than joining a compound.

    The document decides: a word written whole elsewhere loses the hyphen, a
    compound written with its hyphen elsewhere keeps it, and so does a first
    piece the document uses as a hyphenated prefix ("co-"); otherwise a lower-case
    second piece is a split word and a capitalised one ("Asante-" + "Boateng")
    a compound.
    """
    head = _HEAD_PIECE.search(line[:-1])
    tail = _TAIL_PIECE.match(following)
    if head is None or tail is None:
        return False
    joined = (head.group() + tail.group()).casefold()
    hyphenated = f"{head.group()}-{tail.group()}".casefold()
    whole, split = words.get(joined, 0), words.get(hyphenated, 0)
    if whole or split:
        return whole > split
    if words.get(head.group().casefold() + "-", 0):
        return False  # the document writes this prefix with a hyphen ("co-chair")
    return tail.group()[0].islower()


def _page_edits(text: str, breaks: Sequence[tuple[int, int]]) -> list[Edit]:
    """Drop page numbers at page edges and close the gap where a list, table or sentence runs on.

    The gap between the last line of a page and the first of the next becomes
    one blank line, or a single line break when the next page continues.
    """
    lines = _lines(text)
    starts = [s for s, _ in lines]
    width = _wrap_width([ln for _, ln in lines], True) or 80
    running = _running_lines(lines, [b for b, _ in breaks])

    def furniture(i: int) -> bool:
        return i in running or _PAGE_NUMBER.match(lines[i][1].strip()) is not None

    def content(i: int, step: int) -> int | None:
        found = _content_line(lines, i, step)
        while found is not None and furniture(found):
            found = _content_line(lines, found + step, step)
        return found

    edits: list[Edit] = []
    for b, _ in breaks:
        i = bisect_right(starts, b) - 1
        if i < 0:
            continue
        last = content(i, -1)
        first = content(i + 1, +1)
        if last is None or first is None:
            continue
        before, after = lines[last][1], lines[first][1]
        runs_on = (
            (_LIST_ITEM.match(before) and _LIST_ITEM.match(after))
            or ("\t" in before and "\t" in after)
            or _is_wrap(before, after, width, in_item=_LIST_ITEM.match(before) is not None)
        )
        gap_start, gap_end = starts[last] + len(before), starts[first]
        # keep the gap's first one or two line breaks and delete the rest (blank lines, page numbers)
        kept = [gap_start + k for k, ch in enumerate(text[gap_start:gap_end]) if ch == "\n"][: 1 if runs_on else 2]
        for a, b in zip(kept, kept[1:] + [gap_end]):
            if b > a + 1:
                edits.append((a + 1, b, ""))
    if breaks:
        # the first page's header and the last page's footer
        top = _content_line(lines, 0, +1)
        if top is not None and furniture(top):
            below = content(top, +1)
            if below is not None:
                edits.append((0, starts[below], ""))
        bottom = _content_line(lines, len(lines) - 1, -1)
        if bottom is not None and furniture(bottom):
            above = content(bottom, -1)
            if above is not None:
                edits.append((starts[above] + len(lines[above][1]), len(text), ""))
    return _disjoint(sorted(edits))


_EDGE_LINES = 3


def _running_lines(lines: Sequence[tuple[int, str]], breaks: Sequence[int]) -> set[int]:
    """Indexes of running headers and footers: lines among the first or last few of a page that
    recur at the same edge of another page (digits aside: "Page 2 of 4")."""
    starts = [s for s, _ in lines]
    bounds = [0, *(bisect_right(starts, b) for b in breaks), len(lines)]
    seen: dict[tuple[int, str], list[int]] = {}
    for lo, hi in pairwise(bounds):
        filled = [i for i in range(lo, hi) if lines[i][1].strip()]
        for edge, chosen in ((0, filled[:_EDGE_LINES]), (1, filled[-_EDGE_LINES:])):
            for i in chosen:
                line = lines[i][1]
                if "\t" in line:
                    continue  # a table's repeated header row belongs to the table
                key = " ".join(re.sub(r"\d+", "#", line).split()).casefold()
                seen.setdefault((edge, key), []).append(i)
    return {i for found in seen.values() if len(found) >= 2 for i in found}


def _content_line(lines: Sequence[tuple[int, str]], i: int, step: int) -> int | None:
    """The nearest non-blank line from ``i`` in direction ``step``."""
    while 0 <= i < len(lines):
        if lines[i][1].strip():
            return i
        i += step
    return None


def _disjoint(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for edit in edits:
        if out and edit[0] < out[-1][1]:
            continue
        out.append(edit)
    return out


# --------------------------------------------------------------------------- markdown

_MD_SIGNS = (
    re.compile(r"\[[^\]\n]+\]\([^)\s]*\)"),
    re.compile(r"\*\*\S[^\n]*?\*\*"),
    re.compile(r"(?m)^[ ]{0,3}#{1,6}[ \t]+\S"),
    re.compile(r"\\[()\[\]*_#]"),
)
_MD_TABLE_RULE = re.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*(?:\n|\Z)")
_MD_TABLE_ROW = re.compile(r"(?m)^[ \t]*\|[^\n]*\|[ \t]*$")
_MD_PIPE = re.compile(r"(?<!\\)\|")
_MD_STRONG_STAR = re.compile(r"(?<!\\)\*\*(?=[^\s*])((?:(?!\n[ \t]*\n).)+?)(?<=[^\s*\\])\*\*", re.S)
_MD_STRONG_UNDER = re.compile(r"(?<![\w\\])__(?=[^\s_])((?:(?!\n[ \t]*\n).)+?)(?<=[^\s_\\])__(?!\w)", re.S)
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?)(?<=[^\s*\\])\*(?![\w*])")
_MD_HEADING = re.compile(r"(?m)^([ ]{0,3}#{1,6}(?:[ \t]+|$))([^\n]*?)([ \t]+#+[ \t]*)?$")
_MD_INLINE = re.compile(
    r"""
    \\(?P<esc>[!-/:-@\[-`{-~])
  | (?P<bang>!?)\[(?P<label>(?:[^\[\]\\\n]|\\.)*)\]
    \(\s*(?P<target><[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)
  | <(?P<auto>(?:https?|ftp|mailto):[^\s<>]+)>
    """,
    re.X,
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){1,200}?)---[ \t]*(?:\n|\Z)")
_FRONT_FIELD = re.compile(r"(?m)^(?P<key>[A-Za-z][\w -]{0,40}):[ \t]*(?P<value>.*)$")
_FRONT_ITEM = re.compile(r"(?m)^(?P<lead>[ \t]+-[ \t]+)(?P<value>.*)$")
_FRONT_TITLE_KEYS = frozenset({"title", "subject", "name", "meeting"})
_FRONT_NUMBER = re.compile(r"(?:^|_)(?:no|nr|num|number)$")


def _front_matter_edits(text: str) -> list[Edit]:
    """A YAML front matter block (``---`` ... ``---``, as static sites write Markdown) made into
    header lines: the title first, ``Key: value`` lines, lists as bullets, quotes and rules dropped.
    """
    m = _FRONT_MATTER.match(text)
    if m is None or not _FRONT_FIELD.search(m["body"]):
        return []
    body = m.start("body")
    edits: list[Edit] = [(0, body, ""), (m.end("body"), m.end(), "\n")]
    for line in _FRONT_FIELD.finditer(m["body"]):
        key, value = line["key"].strip().lower(), line["value"].strip()
        s, e = body + line.start(), body + line.end()
        unquoted = value.strip("\"'")
        if key in _FRONT_TITLE_KEYS and unquoted:
            edits.append((s, e, unquoted))
        elif _FRONT_NUMBER.search(key.replace(" ", "_")) and unquoted:
            edits.append((s, e, f"Meeting {unquoted}"))
        elif value.startswith("[") and value.endswith("]") or key in ("tags", "status", "draft", "layout", "slug"):
            edits.append((s, e, ""))  # site metadata, not the meeting's
        else:
            label = key.replace("_", " ").capitalize()
            edits.append((s, e, f"{label}: {unquoted}" if unquoted else f"{label}:"))
    for item in _FRONT_ITEM.finditer(m["body"]):
        edits.append((body + item.start("lead"), body + item.end("lead"), "- "))
        value = item["value"]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            edits.append((body + item.start("value"), body + item.start("value") + 1, ""))
            edits.append((body + item.end("value") - 1, body + item.end("value"), ""))
    return sorted(edits)


def _looks_like_markdown(text: str) -> bool:
    """Whether a .txt file carries markdown markup (links, bold, ``#`` headings, escapes)."""
    hits = 0
    for sign in _MD_SIGNS:
        hits += len(sign.findall(text))
        if hits >= 2:
            return True
    return False


def _clean_markdown(doc: _Tracked) -> list[str | None]:
    """Reduce markdown to its text; carry link labels as spans and return their URLs."""
    doc.apply(_table_edits(doc.text))
    for pattern in (_MD_STRONG_STAR, _MD_STRONG_UNDER, _MD_EMPHASIS):
        doc.apply(_marker_edits(pattern, doc.text))
    doc.apply(_heading_edits(doc.text))
    edits: list[Edit] = []
    urls: list[str | None] = []
    spans: list[tuple[int, int]] = []
    for m in _MD_INLINE.finditer(doc.text):
        if m.group("esc") is not None:
            edits.append((m.start(), m.start() + 1, ""))
        elif m.group("auto") is not None:
            edits += [(m.start(), m.start() + 1, ""), (m.end() - 1, m.end(), "")]
        else:
            label_start, label_end = m.span("label")
            edits.append((m.start(), label_start, ""))
            edits += [(e.start() + label_start, e.start() + label_start + 1, "") for e in _MD_ESCAPE.finditer(m["label"])]
            edits.append((label_end, m.end(), ""))
            target = _MD_ESCAPE.sub(r"\1", m["target"].strip("<>"))
            spans.append((label_start, label_end))
            urls.append(None if m["bang"] or not target or target.startswith("#") else target)
    doc.spans += spans
    doc.apply(edits)
    return urls


def _marker_edits(pattern: re.Pattern[str], text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        edits += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
    return edits


def _heading_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _MD_HEADING.finditer(text):
        edits.append((m.start(1), m.end(1), ""))
        if m.group(3):
            edits.append((m.start(3), m.end(3), ""))
    return [e for e in edits if e[1] > e[0]]


def _table_edits(text: str) -> list[Edit]:
    """Turn pipe-table rows into tab-separated lines and drop their ``---`` rules."""
    edits = _regex_edits(_MD_TABLE_RULE, text, "")
    rules = {s for s, _, _ in edits}
    for m in _MD_TABLE_ROW.finditer(text):
        if m.start() in rules:
            continue
        pipes = [p.start() + m.start() for p in _MD_PIPE.finditer(m.group())]
        if len(pipes) < 2:
            continue
        row: list[Edit] = []
        last_end = m.start()
        for k, p in enumerate(pipes):
            s = p
            while s > last_end and text[s - 1] in " \t":
                s -= 1
            e = p + 1
            if k + 1 < len(pipes):
                while e < pipes[k + 1] and text[e] in " \t":
                    e += 1
            else:
                e = m.end()
            glue = "" if k in (0, len(pipes) - 1) else "\t"
            if k == 0:
                s = m.start()
            row.append((s, e, glue))
            last_end = e
        edits += row
    edits.sort()
    return _disjoint(edits)


# --------------------------------------------------------------------------- plain URLs

_PLAIN_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'`]+", re.I)
_URL_TAIL = ".,;:!?'\"*_”’)]}"


def _plain_urls(text: str, taken: Sequence[tuple[int, int]]) -> list[Link]:
    """Links for URLs written out in the text, except inside spans already linked."""
    found: list[Link] = []
    for m in _PLAIN_URL.finditer(text):
        url = m.group()
        while url and url[-1] in _URL_TAIL:
            closer = url[-1]
            opener = {")": "(", "]": "[", "}": "{"}.get(closer)
            if opener and url.count(opener) >= url.count(closer):
                break
            url = url[:-1]
        start, end = m.start(), m.start() + len(url)
        if len(url) < 8 or any(s < end and start < e for s, e in taken):
            continue
        found.append(Link(url=url, start=start, end=end))
    return found


# --------------------------------------------------------------------------- quoted messages

# a line quoted by a mail client: ">" then a space, another ">" or the line's end, at most three spaces in
_QUOTE_LINE = re.compile(r"[ ]{0,3}>(?=[ >]|$)")
# every level of a nested quotation ("> > ", ">> ") and one space after the last: the text keeps its own indent
_QUOTE_PREFIX = re.compile(r"[ ]{0,3}>(?=[ >]|$)(?:[ ]*>(?=[ >]|$))*[ ]?")
# ">>" straight after the margin: a caption transcript's turn marker (">> CHAIR: ..."), not a nested quote
_TURN_MARKER = re.compile(r"[ ]{0,3}>>(?![ ]?>)")
_MAIL_START = re.compile(r"\A\s*(?:(?i:from|date|sent|subject|to)[ \t]*:|From[ ]\S+[ ]+\w{3}[ ]+\w{3}[ ])")
QUOTE_SHORT_LINES = 3
"""A quoted run this short outside a mail is a Markdown blockquote (a remark set off), kept as it is."""


def _quote_edits(text: str) -> tuple[list[Edit], list[int]]:
    """Edits that take the quote markers (``"> "``, ``"> > "``) off runs of quoted lines.

    A run of quoted lines (blank lines between them belong to the run) is the
    content of a quoted or forwarded message: later stages read it as text.
    Left alone: runs whose every line starts with ``">>"`` (a caption
    transcript's turn markers), and, outside a mail, runs of at most
    ``QUOTE_SHORT_LINES`` lines (a Markdown blockquote).  Also returns the
    starts of the first line of each unquoted run and of the line after it,
    so that re-joining wrapped lines keeps the quotation apart.
    """
    lines = _lines(text)
    runs: list[list[int]] = []
    for k, (_, line) in enumerate(lines):
        if _QUOTE_LINE.match(line):
            if runs and all(not lines[j][1].strip() for j in range(runs[-1][-1] + 1, k)):
                runs[-1].append(k)
            else:
                runs.append([k])
    if not runs:
        return [], []
    mail: bool | None = None
    edits: list[Edit] = []
    bounds: list[int] = []
    for run in runs:
        filled = [k for k in run if lines[k][1].strip(" >")]
        if filled and all(_TURN_MARKER.match(lines[k][1]) for k in filled):
            continue
        if len(filled) <= QUOTE_SHORT_LINES:
            if mail is None:
                mail = _mail_quote(lines)
            if not mail:
                continue
        for k in run:
            start, line = lines[k]
            m = _QUOTE_PREFIX.match(line)
            if m and m.end() > 0:
                edits.append((start, start + m.end(), ""))
        bounds.append(lines[run[0]][0])
        if run[-1] + 1 < len(lines):
            bounds.append(lines[run[-1] + 1][0])
    return edits, bounds


def _mail_quote(lines: Sequence[tuple[int, str]]) -> bool:
    """Whether the text is a mail: it starts with a header, or holds a reply's attribution or a forwarded-message rule.

    Lines are read without their quote markers, so that the answer is the same once they are taken off.
    """
    from kg.parse import vocab  # imported late: kg.parse imports this module

    bare = [line[m.end() :] if (m := _QUOTE_PREFIX.match(line)) else line for _, line in lines]
    if _MAIL_START.match("\n".join(bare)):
        return True
    marks = [vocab.regex("mail", key) for key in ("attribution", "original_message", "forwarded_message")]
    return any(mark.match(line) for line in bare for mark in marks)


def strip_quotes(text: str) -> str:
    """``text`` with its quoted runs' markers taken off (see :func:`_quote_edits`)."""
    doc = _Tracked(text)
    doc.apply(_quote_edits(text)[0])
    return doc.text


# --------------------------------------------------------------------------- line-number gutters

# a line number at the start of a line, then a gap (or nothing: a numbered blank line)
_GUTTER_NUMBER = re.compile(r"[ ]*(\d{1,6})(?=[ ]{2}|\t|$)")
GUTTER_MIN_LINES = 5
"""Numbered lines with text beside the number a text needs before its numbers are read as a gutter."""
GUTTER_MIN_SHARE = 0.9
"""Share of the non-blank lines that must carry a number, and of successive numbers that must count on by one."""


def _gutter_edits(text: str) -> list[Edit]:
    """Edits that remove a gutter of line numbers (``"  13  Jane Roe: ..."``) from every line.

    A gutter is layout, not text: a column of integers on (nearly) every
    non-blank line, each (nearly always) one more than the line before,
    followed by two spaces or a tab.  A numbered list ("1. 2. 3.")
    has a dot after its numbers, and a table's numbers do not count the
    lines, so neither is taken for one.  The gutter and its gap are removed
    up to the column where the text starts, so the text keeps its own
    indentation (a transcript's indented continuation lines).
    """
    lines = _lines(text)
    found: list[tuple[int, int, re.Match[str]]] = []  # (line start, number, match)
    nonblank = 0
    for start, line in lines:
        if not line.strip():
            continue
        nonblank += 1
        m = _GUTTER_NUMBER.match(line)
        if m:
            found.append((start, int(m.group(1)), m))
    if len(found) < GUTTER_MIN_SHARE * nonblank:
        return []
    if sum(bool(m.string[m.end() :].strip()) for _, _, m in found) < GUTTER_MIN_LINES:
        return []  # hardly any text beside the numbers: a column of numbers, not a gutter
    counting = sum(1 for (_, a, _), (_, b, _) in pairwise(found) if b == a + 1)
    if counting < GUTTER_MIN_SHARE * (len(found) - 1):
        return []
    # the text column: two columns after the widest number (a right-aligned gutter ends in one column)
    text_col = max(m.end(1) for _, _, m in found) + 2
    edits: list[Edit] = []
    for start, _, m in found:
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        stop = start + m.end(1)
        if stop < line_end and text[stop] == "\t":
            stop += 1
        else:
            while stop < min(start + text_col, line_end) and text[stop] == " ":
                stop += 1
        edits.append((start, stop, ""))
    return edits


def strip_gutter(text: str) -> str:
    """``text`` without its gutter of line numbers, if it has one (see :func:`_gutter_edits`)."""
    doc = _Tracked(text)
    doc.apply(_gutter_edits(text))
    return doc.text


# --------------------------------------------------------------------------- caption files

_CUE_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
# a cue's timing line: "00:01:02.000 --> 00:01:07.500" (SRT: a comma), cue settings after it
_CUE_TIMING = re.compile(rf"[ \t]*{_CUE_TIME}[ \t]*-->[ \t]*{_CUE_TIME}(?:[ \t][^\n]*)?")
_VTT_SIGNATURE = re.compile(r"WEBVTT(?=[ \t]|$)[ \t\-\u2013]*")
_VTT_COMMENT = re.compile(r"NOTE(?=[ \t]|$)[ \t]*")
_VTT_CSS = re.compile(r"(?:STYLE|REGION)[ \t]*$")
_VOICE = re.compile(r"[ \t]*<v(?:\.[^\s<>]*)?[ \t]+(?P<name>[^<>\n]*?)[ \t]*>[ \t]*")
# markup inside a cue: class, italic, bold, underline, voice, language and ruby spans, SRT font tags, karaoke times
_CUE_TAG = re.compile(rf"(?i)</?(?:c|i|b|u|v|s|lang|ruby|rt|font)(?:[.\s][^<>\n]*)?>|<{_CUE_TIME}>")
_CUE_ENTITY = re.compile(r"&(?:amp|lt|gt|nbsp|lrm|rlm|quot|apos);")
_CUE_ENTITY_TEXT = {"&nbsp;": " ", "&lrm;": "", "&rlm;": ""}
# a cue that opens with a speaker's mark starts a new paragraph: ">> JANE:", "Jane Roe:", "[Jane Roe]", "- "
_CUE_SPEAKER = re.compile(r"[ \t]*(?:>>|-[ \t]|\[[^\]\n]{1,60}\]|[^\W\d_][^:\n]{0,60}:(?:[ \t]|$))")
CAPTION_MIN_CUES = 2
"""Timing lines a text needs before it is read as a caption file (WebVTT, SRT)."""


def _caption_edits(text: str) -> list[Edit]:
    """Edits that turn a caption file (WebVTT, SRT) into a transcript: one paragraph a speaker's turn.

    Cue numbers and timing lines are layout, like a gutter of line numbers:
    they go, with the blank lines between cues, so the cues of one speaker
    run on as one paragraph.  A voice tag (``<v Jane Roe>``) becomes the
    label of a turn (``Jane Roe: ...``) where the voice changes, and goes
    where the same voice goes on; a cue that opens with a speaker's own mark
    (``JANE ROE:``, ``>>``) starts a paragraph.  Other cue markup
    (``</v>``, ``<i>``, ``<c.yellow>``) goes and character references
    (``&amp;``) are resolved.  Of the WebVTT preamble, the signature line and
    its header (``Kind:``, ``Language:``) and ``STYLE``/``REGION`` blocks go,
    and a ``NOTE`` block keeps its text without the keyword: it often carries
    the title, the date and who took part.  A text with fewer than
    :data:`CAPTION_MIN_CUES` timing lines is left alone.
    """
    lines = _lines(text)
    timing = {k for k, (_, line) in enumerate(lines) if _CUE_TIMING.fullmatch(line)}
    if len(timing) < CAPTION_MIN_CUES:
        return []
    ids = {
        k - 1
        for k in timing
        if k > 0
        and lines[k - 1][1].strip()
        and k - 1 not in timing
        and (k == 1 or not lines[k - 2][1].strip() or lines[k - 1][1].strip().isdigit())
    }
    edits: list[Edit] = []

    def drop_line(k: int) -> None:
        start, line = lines[k]
        edits.append((start, min(start + len(line) + 1, len(text)), ""))

    k = 0
    if lines and (sig := _VTT_SIGNATURE.match(lines[0][1])):
        if sig.end() == len(lines[0][1]):
            drop_line(0)
        else:
            edits.append((0, sig.end(), ""))
        k = 1
        while k < len(lines) and lines[k][1].strip() and k not in timing and k not in ids:
            drop_line(k)  # the header's metadata: "Kind: captions", "Language: en"
            k += 1
    in_cue = False  # the line belongs to a cue's text
    block_start = True  # the line opens a block (the line before it is blank)
    css = False
    prev_end: int | None = None  # where the last cue text line ended, while only cue layout has come since
    pending: list[int] = []  # layout lines to drop on their own, unless a glue edit covers them
    voice: str | None = None
    for k in range(k, len(lines)):
        start, line = lines[k]
        if not line.strip():
            if css:
                drop_line(k)  # the blank line that closed a dropped block
            in_cue = css = False
            block_start = True
            continue
        opens, block_start = block_start, False
        if k in timing or k in ids:
            pending.append(k)
            in_cue = k in timing
            continue
        if css or (opens and _VTT_CSS.match(line)):
            css = True
            drop_line(k)
            continue
        if not in_cue:
            # a block that is no cue: a NOTE, or text the file carries outside its cues
            for j in pending:
                drop_line(j)
            pending, prev_end, voice = [], None, None
            note = _VTT_COMMENT.match(line) if opens else None
            if note and note.end() == len(line):
                drop_line(k)
                continue
            if note:
                edits.append((start, start + note.end(), ""))
            edits.extend(_entity_edits(text, start + (note.end() if note else 0), start + len(line)))
            continue
        # a line of cue text
        tag = _VOICE.match(line)
        body = start + (tag.end() if tag else 0)
        if tag:
            name = tag.group("name")
            glue = " " if name == voice else "\n\n"
            voice = name
        elif _CUE_SPEAKER.match(line):
            glue, voice = "\n\n", None
        else:
            glue = " "
        if tag and glue != " ":
            name_start, name_end = start + tag.start("name"), start + tag.end("name")
            if prev_end is not None:
                edits.append((prev_end, name_start, glue))
            elif name_start > start:
                edits.append((start, name_start, ""))
            edits.append((name_end, body, ": "))
        elif prev_end is not None:
            edits.append((prev_end, body, glue))
        elif body > start:
            edits.append((start, body, ""))
        if prev_end is None:
            for j in pending:
                drop_line(j)
        pending = []
        edits.extend(_cue_markup_edits(text, body, start + len(line)))
        prev_end = start + len(line)
    for j in pending:
        drop_line(j)
    edits.sort()
    return _disjoint(edits)


def _entity_edits(text: str, start: int, end: int) -> list[Edit]:
    """Character references (``&amp;``) in ``text[start:end]`` resolved."""
    out: list[Edit] = []
    for m in _CUE_ENTITY.finditer(text, start, end):
        raw = m.group()
        value = _CUE_ENTITY_TEXT.get(raw)
        if value is None:
            value = html.unescape(raw)
            if _INVISIBLE.fullmatch(value) or not value.isprintable():
                value = ""
        out.append((m.start(), m.end(), value))
    return out


def _cue_markup_edits(text: str, start: int, end: int) -> list[Edit]:
    """Cue tags taken out of ``text[start:end]`` and its character references resolved."""
    out = [(m.start(), m.end(), "") for m in _CUE_TAG.finditer(text, start, end)]
    out += _entity_edits(text, start, end)
    out.sort()
    return _disjoint(out)


def strip_captions(text: str) -> str:
    """``text`` as a transcript if it is a caption file (see :func:`_caption_edits`), else unchanged."""
    doc = _Tracked(text)
    doc.apply(_caption_edits(text))
    return doc.text
