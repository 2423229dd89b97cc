"""Generate PDF, DOCX and HTML test fixtures from plain text at test time.

The text format is the one ``kg.ingest`` produces: one paragraph or list item
per line, blank lines between blocks, tab-separated table rows, and a form feed
(``"\\f"``) on a line of its own for a page break.  Markdown-style links
``[label](url)`` become real hyperlinks in DOCX and HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

PAGE_BREAK = "\f"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")

_FONT = "Helvetica"
_SIZE = 10
_LEADING = 13
_MARGIN = 56


def make_pdf(
    text: str,
    path: str | Path,
    *,
    width: float | None = None,
    page_numbers: bool = False,
    header: str | None = None,
    footnotes: dict[int, list[str]] | None = None,
) -> Path:
    """Write ``text`` as a PDF whose long lines wrap at the text width, like a real report.

    ``width`` is the text column width in points (default: A4 minus margins);
    ``page_numbers`` prints each page's number in its footer, ``header`` a
    running header ("{page}" is replaced by the page number) above the text;
    ``footnotes`` maps a page number to notes set in small print at its foot,
    each with a raised marker (its number) before it.
    A line holding only ``"\\f"`` starts a new page; tab-separated lines are
    drawn as table columns; ``[label](url)`` is printed as ``label (url)``.
    The standard Helvetica font covers Windows-1252 only: keep names within it.
    """
    path = Path(path)
    page_w, page_h = A4
    col = width or page_w - 2 * _MARGIN
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(_FONT, _SIZE)
    y = page_h - _MARGIN
    page = 1

    def draw_header() -> None:
        if header:
            canvas.drawString(_MARGIN, page_h - _MARGIN / 2, header.replace("{page}", str(page)))

    draw_header()

    def draw_footnotes() -> None:
        for k, note in enumerate((footnotes or {}).get(page, ())):
            y_note = _MARGIN - 10 - 8 * k  # above the page number
            canvas.setFont(_FONT, 5)
            canvas.drawString(_MARGIN, y_note + 2.5, str(k + 1))
            canvas.setFont(_FONT, 7)
            canvas.drawString(_MARGIN + 5, y_note, note)
        canvas.setFont(_FONT, _SIZE)

    def new_page() -> float:
        nonlocal page
        draw_footnotes()
        if page_numbers:
            canvas.drawCentredString(page_w / 2, _MARGIN / 2, str(page))
        page += 1
        canvas.showPage()
        canvas.setFont(_FONT, _SIZE)
        draw_header()
        return page_h - _MARGIN

    for line in text.split("\n"):
        if line.strip(" ") == PAGE_BREAK:
            y = new_page()
            continue
        if "\t" in line:
            rows = [line.split("\t")]
        else:
            line = _LINK.sub(r"\1 (\2)", line)
            rows = [[part] for part in simpleSplit(line, _FONT, _SIZE, col)] or [[""]]
        for cells in rows:
            if y < _MARGIN:
                y = new_page()
            cell_w = col / len(cells)
            for i, cell in enumerate(cells):
                canvas.drawString(_MARGIN + i * cell_w, y, cell)
            y -= _LEADING
    draw_footnotes()
    if page_numbers:
        canvas.drawCentredString(page_w / 2, _MARGIN / 2, str(page))
    canvas.save()
    return path


def make_two_column_pdf(title: str, left: str, right: str, path: str | Path) -> Path:
    """Write a one-page PDF: a centred title over two columns of wrapped prose (``left`` and ``right``)."""
    path = Path(path)
    page_w, page_h = A4
    gutter = 24
    col = (page_w - 2 * _MARGIN - gutter) / 2
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(_FONT, _SIZE)
    y = page_h - _MARGIN
    for line in title.split("\n"):
        canvas.drawCentredString(page_w / 2, y, line)
        y -= _LEADING
    y -= _LEADING
    _draw_columns(canvas, [(_MARGIN, left, y), (_MARGIN + col + gutter, right, y)], col)
    canvas.save()
    return path


def make_newsletter_pdf(
    title: str,
    byline: str,
    left: str,
    right: str,
    box: list[tuple[str, str]],
    path: str | Path,
    *,
    issue: str = "",
    box_heading: str = "Who took part",
) -> Path:
    """Write a one-page newsletter: a title (with ``issue`` at the right margin of its line), a
    full-width ``byline`` (wider than a column), then two
    columns of prose; a shaded box at the top of the right column lists ``box`` entries, each a name
    line over a description line, with more space between entries than between their lines."""
    path = Path(path)
    page_w, page_h = A4
    gutter = 24
    col = (page_w - 2 * _MARGIN - gutter) / 2
    right_x = _MARGIN + col + gutter
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(_FONT, _SIZE)
    y = page_h - _MARGIN
    canvas.drawString(_MARGIN, y, title)
    canvas.drawRightString(page_w - _MARGIN, y, issue)
    y -= 2 * _LEADING
    canvas.drawString(_MARGIN, y, byline)
    y -= 2 * _LEADING
    top = y
    box_lines = 1 + 2 * len(box)
    box_h = box_lines * (_LEADING - 2) + len(box) * 5 + 10
    canvas.setFillGray(0.9)
    canvas.rect(right_x, top - box_h + _LEADING, col, box_h, stroke=0, fill=1)
    canvas.setFillGray(0)
    row = top
    canvas.drawString(right_x + 6, row, box_heading)
    for name, description in box:
        row -= _LEADING - 2 + 5
        canvas.drawString(right_x + 6, row, name)
        row -= _LEADING - 2
        canvas.drawString(right_x + 6, row, description)
    _draw_columns(canvas, [(_MARGIN, left, top), (right_x, right, top - box_h - _LEADING)], col)
    canvas.save()
    return path


def _draw_columns(canvas: Canvas, columns: list[tuple[float, str, float]], width: float) -> None:
    """Draw each ``(x, text, top)`` column as paragraphs wrapped at ``width``."""
    for x, text, row in columns:
        for paragraph in text.split("\n"):
            for part in simpleSplit(paragraph, _FONT, _SIZE, width) or [""]:
                canvas.drawString(x, row, part)
                row -= _LEADING


def make_image_pdf(path: str | Path) -> Path:
    """Write a one-page PDF that only draws shapes: a stand-in for a scanned report."""
    path = Path(path)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.rect(100, 400, 300, 200, fill=1)
    canvas.circle(250, 300, 50)
    canvas.save()
    return path


def make_docx(text: str, path: str | Path) -> Path:
    """Write ``text`` as a DOCX: one paragraph per line, tab-separated runs of lines as a table.

    Blank lines become empty paragraphs (as in exported reports), ``"\\f"``
    a page break, and ``[label](url)`` a hyperlink.
    """
    path = Path(path)
    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            ncols = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=ncols)
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            continue
        if line.strip(" ") == PAGE_BREAK:
            document.add_page_break()
        else:
            _add_paragraph_with_links(document, line)
        i += 1
    document.save(str(path))
    return path


def _add_paragraph_with_links(document, line: str) -> None:
    paragraph = document.add_paragraph()
    pos = 0
    for m in _LINK.finditer(line):
        if m.start() > pos:
            paragraph.add_run(line[pos : m.start()])
        rel_id = paragraph.part.relate_to(m.group(2), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = m.group(1)
        text.set(qn("xml:space"), "preserve")
        run.append(text)
        link.append(run)
        paragraph._p.append(link)
        pos = m.end()
    if pos < len(line):
        paragraph.add_run(line[pos:])


def make_html(text: str, path: str | Path, *, title: str = "Report") -> Path:
    """Write ``text`` as an HTML page: paragraphs, ``<ol>``/``<ul>`` lists, tables, links.

    Runs of ``"N. "`` lines become an ordered list, ``"- "`` lines an unordered
    one, tab-separated lines a table, other lines paragraphs; everything is
    escaped.  The head carries a script and a style that must not be read as text.
    """
    path = Path(path)
    out = [
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>",
        "<style>p { margin: 0 }</style><script>var x = '<p>not text</p>';</script></head><body>",
    ]
    lines = [ln for ln in text.split("\n") if ln.strip() and ln.strip(" ") != PAGE_BREAK]
    i = 0
    while i < len(lines):
        kind = _html_kind(lines[i])
        j = i
        while j < len(lines) and _html_kind(lines[j]) == kind and kind != "p":
            j += 1
        group = lines[i : max(j, i + 1)]
        if kind == "ol":
            out.append(f'<ol start="{int(group[0].split(".", 1)[0])}">')
            out += [f"<li>{_inline(ln.split('.', 1)[1].strip())}</li>" for ln in group]
            out.append("</ol>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{_inline(ln[2:])}</li>" for ln in group) + "</ul>")
        elif kind == "table":
            rows = ("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in ln.split("\t")) + "</tr>" for ln in group)
            out.append("<table>" + "".join(rows) + "</table>")
        else:
            out.append(f"<p>{_inline(group[0])}</p>")
        i += len(group)
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _html_kind(line: str) -> str:
    if "\t" in line:
        return "table"
    if re.match(r"\d+\.\s", line):
        return "ol"
    if line.startswith("- "):
        return "ul"
    return "p"


def _inline(text: str) -> str:
    """Escape text and turn ``[label](url)`` into an anchor."""
    parts = []
    pos = 0
    for m in _LINK.finditer(text):
        parts.append(html.escape(text[pos : m.start()]))
        parts.append(f'<a href="{html.escape(m.group(2))}">{html.escape(m.group(1))}</a>')
        pos = m.end()
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def make_styled_docx(blocks: list[tuple[str, str]], path: str | Path) -> Path:
    """Write a DOCX from ``(style, text)`` paragraphs, as a word processor saves them.

    ``style`` is a Word paragraph style name ("Normal", "Heading 1", "Title",
    "List Bullet", "List Number"); ``**text**`` in ``text`` becomes a bold run.
    No empty paragraphs are added between blocks: spacing is the style's.
    """
    path = Path(path)
    document = docx.Document()
    for style, text in blocks:
        paragraph = document.add_paragraph(style=style)
        pos = 0
        for m in _BOLD.finditer(text):
            if m.start() > pos:
                paragraph.add_run(text[pos : m.start()])
            paragraph.add_run(m.group(1)).bold = True
            pos = m.end()
        if pos < len(text):
            paragraph.add_run(text[pos:])
    document.save(str(path))
    return path


def make_footnoted_pdf(paragraphs: list[str], path: str | Path) -> Path:
    """Write a PDF of wrapped paragraphs whose ``<super size="N">m</super>`` markup sets raised markers.

    The paragraphs are reportlab paragraph markup, so a footnote marker is set
    as real superscript text (raised, smaller), as word processors export it.
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    path = Path(path)
    style = ParagraphStyle("body", fontName=_FONT, fontSize=11, leading=14, spaceAfter=8)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=_MARGIN, rightMargin=_MARGIN * 2.5)
    doc.build([Paragraph(p, style) for p in paragraphs])
    return path
