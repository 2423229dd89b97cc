"""Specification of the ingest stage: report files in, normalised ``SourceDoc`` values out.

Every example report here is fictional; the real sample reports are read from
the shared corpus at test time.  PDF, DOCX and HTML fixtures are generated
from text by ``docgen`` at test time.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docgen import (
    make_docx,
    make_footnoted_pdf,
    make_html,
    make_image_pdf,
    make_newsletter_pdf,
    make_pdf,
    make_styled_docx,
    make_two_column_pdf,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reportlab.lib.utils import simpleSplit

from kg.errors import IngestError
from kg.ingest import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    discover,
    load_source,
    load_sources,
    source_from_text,
    strip_captions,
    strip_gutter,
    strip_quotes,
)
from kg.model import Link, SourceDoc
from kg.parse.report import parse_report

# --------------------------------------------------------------------------- helpers

# characters a normalisation step may write in place of others
_REPLACEMENTS = {
    " ": set(" \n\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\u1680"),
    "\n": set("\n\r\x0b\x0c\x85\u2028\u2029"),
    "\t": set(" \t"),
}


def assert_offsets_exact(doc: SourceDoc) -> None:
    """Every character of ``text`` maps to itself in ``original``, or to what it replaced."""
    previous = 0
    for i, ch in enumerate(doc.text):
        j = doc.to_original(i)
        assert previous <= j < len(doc.original), (i, j)
        previous = j
        orig = doc.original[j]
        if orig == ch:
            continue
        if ch in _REPLACEMENTS and orig in _REPLACEMENTS[ch]:
            continue
        # NFC composition maps a composed letter onto its base letter
        assert ch.isalpha() and _base_letter(ch) == orig, (i, repr(ch), j, repr(orig))
    assert doc.to_original(len(doc.text)) == len(doc.original)


def _base_letter(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def lines_of(text: str) -> list[str]:
    """The non-blank lines: the paragraph structure, independent of blank-line spacing."""
    return [line for line in text.split("\n") if line.strip()]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- a fictional report

PARTICIPANTS = [
    "Oskar Þórðarson",
    "Mirela Dabrowska-Nuñez",
    "Zoë Ferreira",
    "Kwame Mensah-Boateng",
    "Li Wen",
    "Guðrún Jónsdóttir",
    "Carol Roach",
]

REPORT = """Working Group on Orbital Gardening
Online Meeting 12
3 March 2031 at 14:00 UTC

Summary Report
The 12th virtual meeting of the Working Group on Orbital Gardening (WG-Garden) was held on 3 March 2031 at 14:00 UTC. The session was moderated by Oskar Þórðarson, and minutes were kept by the Secretariat.

Agenda
1. Opening remarks
2. Seed vault update
3. Any other business

Discussion
1. Opening remarks
Oskar welcomed participants and noted that the seed vault audit had been completed ahead of schedule, which was welcomed by all members of the group present at the meeting.
Mirela noted that the next phase will require new funding and asked members to circulate the call widely before the end of the month.

2. Seed vault update
Zoë shared the inventory of the vault and the notes are at [the garden wiki](https://example.org/garden/wiki) for everyone to read.

Roster
Roach\tCarol
Jónsdóttir\tGuðrún

List of participants
1. Oskar Þórðarson, Co-Chair, Ministry of Soil
2. Mirela Dabrowska-Nuñez, Co-Chair, Garden Alliance
3. Zoë Ferreira, Independent Expert
\f
4. Kwame Mensah-Boateng, Secretariat
5. Li Wen, Observer
"""

_LINK_MD = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def expected_lines(fmt: str) -> list[str]:
    """REPORT's lines as each format renders its link."""
    rendered = _LINK_MD.sub(r"\1 (\2)" if fmt == "pdf" else r"\1", REPORT)
    return [line for line in lines_of(rendered) if line != "\f"]


# --------------------------------------------------------------------------- discover


def test_ingest_discover_lists_supported_files_in_folders_recursively_sorted(tmp_path: Path) -> None:
    names = [
        "b.txt", "a.md", "sub/c.pdf", "sub/deep/d.HTML", "e.docx", "f.htm", "g.markdown",
        "notes.xlsx", "image.png", ".hidden.txt", "~$lock.docx", ".git/x.txt",
    ]  # fmt: skip
    for name in names:
        write(tmp_path / name, "x")
    assert discover([tmp_path]) == [
        tmp_path / "a.md",
        tmp_path / "b.txt",
        tmp_path / "e.docx",
        tmp_path / "f.htm",
        tmp_path / "g.markdown",
        tmp_path / "sub" / "c.pdf",
        tmp_path / "sub" / "deep" / "d.HTML",
    ]


def test_ingest_discover_takes_named_files_as_they_are_once(tmp_path: Path) -> None:
    sheet = write(tmp_path / "notes.xlsx", "x")
    report = write(tmp_path / "r.txt", "x")
    assert discover([str(sheet), report, tmp_path, report]) == [sheet, report]


def test_ingest_discover_missing_path_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "r.txt"
    with pytest.raises(IngestError) as info:
        discover([tmp_path, missing])
    assert str(missing) in str(info.value)
    assert info.value.hint


# --------------------------------------------------------------------------- basics


@pytest.mark.parametrize(
    "name, fmt",
    [("r.txt", "txt"), ("R.TXT", "txt"), ("r.md", "md"), ("r.markdown", "md"), ("r.html", "html"), ("r.htm", "html")],
)
def test_ingest_format_follows_the_extension(tmp_path: Path, name: str, fmt: str) -> None:
    doc = load_source(write(tmp_path / name, "Hello"))
    assert (doc.fmt, doc.text, doc.file_name) == (fmt, "Hello", name)


def test_ingest_records_path_name_and_sha256_of_raw_bytes(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + "Zoë\r\nWen\r\n".encode()
    path = write(tmp_path / "2031-03-03_garden.txt", data)
    doc = load_source(path)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert (doc.path, doc.file_name, doc.doc_id) == (str(path), "2031-03-03_garden.txt", "2031-03-03_garden")
    assert (doc.original, doc.text) == ("Zoë\r\nWen\r\n", "Zoë\nWen\n")


def test_ingest_formats_table_matches_the_supported_extensions() -> None:
    assert set(FORMATS) == {".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm", ".vtt", ".srt"}


# --------------------------------------------------------------------------- decoding

SAMPLE = "Zoë Ferreira – “Garden” Alliance, 5 €\nÞórðarson\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_ingest_decodes_each_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = load_source(write(tmp_path / "r.txt", data))
    assert (doc.original, doc.text, doc.encoding) == (SAMPLE, SAMPLE, encoding)


def test_ingest_cp1252_fallback_never_fails_on_undefined_bytes(tmp_path: Path) -> None:
    doc = load_source(write(tmp_path / "r.txt", b"Caf\xe9 au lait \x81 and \x9d ok, \x93quoted\x94 words"))
    assert doc.encoding == "cp1252"
    assert doc.original == "Café au lait \x81 and \x9d ok, “quoted” words"
    assert doc.text == "Café au lait  and  ok, “quoted” words"


def test_ingest_html_uses_its_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-2"></head><body><p>Mirela Dąbrowska</p></body></html>'
    doc = load_source(write(tmp_path / "r.html", page.encode("iso-8859-2")))
    assert doc.text == "Mirela Dąbrowska"
    assert doc.encoding == "iso8859-2"


# --------------------------------------------------------------------------- bad input


def _encrypted_pdf(path: Path, user_password: str = "secret") -> Path:
    make_pdf("Confidential minutes of the garden group", path)
    writer = pypdf.PdfWriter(clone_from=path)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    writer.write(path)
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a word document")
    return path


BAD_INPUTS = [
    ("empty", lambda d: write(d / "r.txt", b""), "the file is empty"),
    ("whitespace", lambda d: write(d / "r.txt", b" \n\t \r\n\xc2\xa0"), "only whitespace"),
    ("nul-bytes", lambda d: write(d / "r.txt", b"abc\x00def" * 20), "binary file"),
    ("control-chars", lambda d: write(d / "r.md", bytes(range(1, 32)) * 20), "binary file"),
    ("png-as-txt", lambda d: write(d / "r.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "a PNG image"),
    ("pdf-as-txt", lambda d: write(d / "r.txt", b"%PDF-1.7\n\x00\x01\x02binary"), "a PDF"),
    ("unsupported", lambda d: write(d / "r.xlsx", b"x"), "unsupported file type '.xlsx'"),
    ("no-extension", lambda d: write(d / "README", b"x"), "(no extension)"),
    ("encrypted-pdf", lambda d: _encrypted_pdf(d / "r.pdf"), "encrypted"),
    ("image-only-pdf", lambda d: make_image_pdf(d / "r.pdf"), "no extractable text"),
    ("corrupt-pdf", lambda d: write(d / "r.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"), "cannot read the PDF"),
    ("truncated-pdf", lambda d: write(d / "r.pdf", make_pdf("Minutes", d / "t.pdf").read_bytes()[:600]), "cannot read"),
    ("corrupt-docx", lambda d: write(d / "r.docx", b"PK\x03\x04 this is not a zip"), "cannot read the DOCX"),
    ("zip-not-docx", lambda d: _zip(d / "r.docx"), "cannot read the DOCX"),
    ("legacy-doc", lambda d: write(d / "r.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)), "legacy Word"),
    ("empty-docx", lambda d: make_docx("\n\n", d / "r.docx"), "no visible text"),
    ("script-only-html", lambda d: write(d / "r.html", "<html><script>var a = 1;</script></html>"), "no visible text"),
    ("folder", lambda d: (d / "r.txt").mkdir() or d / "r.txt", "folder"),
]


@pytest.mark.parametrize("build, reason", [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_ingest_bad_input_raises_naming_file_reason_and_fix(tmp_path: Path, build, reason: str) -> None:
    path = build(tmp_path)
    with pytest.raises(IngestError) as info:
        load_source(path)
    err = info.value
    assert err.path == str(path)
    assert reason in str(err)
    assert err.hint and err.hint in str(err)


def test_ingest_unreadable_file_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "r.txt", "Minutes")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(IngestError, match="cannot read the file: Permission denied") as info:
        load_source(path)
    assert "permission" in info.value.hint


@pytest.mark.parametrize("size, limit, ok", [(10, 10, True), (11, 10, False)])
def test_ingest_size_limit_is_a_parameter(tmp_path: Path, size: int, limit: int, ok: bool) -> None:
    path = write(tmp_path / "r.txt", b"x" * size)
    if ok:
        assert load_source(path, max_bytes=limit).text == "x" * size
    else:
        with pytest.raises(IngestError, match=r"too large .*limit"):
            load_source(path, max_bytes=limit)


def test_ingest_default_size_limit_is_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: nothing is written
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    with pytest.raises(IngestError, match=r"too large \(52\.4 MB; the limit is 52\.4 MB\)"):
        load_source(path)


def test_ingest_pdf_with_only_an_owner_password_loads(tmp_path: Path) -> None:
    doc = load_source(_encrypted_pdf(tmp_path / "r.pdf", user_password=""))
    assert doc.text == "Confidential minutes of the garden group"


def test_ingest_load_sources_continues_past_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write(folder / "a.txt", "Minutes of the first meeting")
    write(folder / "b.txt", b"")
    _encrypted_pdf(folder / "c.pdf")
    write(folder / "d.md", "# Minutes of the *second* meeting")
    missing = tmp_path / "missing.docx"
    docs, errors = load_sources([folder, missing])
    assert [d.text for d in docs] == ["Minutes of the first meeting", "Minutes of the second meeting"]
    assert [Path(e.path).name for e in errors] == ["b.txt", "c.pdf", "missing.docx"]
    assert all(isinstance(e, IngestError) for e in errors)


# --------------------------------------------------------------------------- normalisation

NORMALISATION = [
    ("crlf", "a\r\nb\r\n", "a\nb\n"),
    ("cr", "a\rb", "a\nb"),
    ("nbsp", "Zoë\u00a0Ferreira", "Zoë Ferreira"),
    ("narrow-nbsp", "10\u202f000 seeds", "10 000 seeds"),
    ("nfc", "Zoe\u0308 Ferreira and Jo\u0301nsdo\u0301ttir", "Zoë Ferreira and Jónsdóttir"),
    ("trailing-spaces", "a  \n \nb ", "a\n\nb"),
    ("tabs-kept", "Roach\tCarol\nMAG Chair\t\n", "Roach\tCarol\nMAG Chair\t\n"),
    ("invisible", "Mensah\u00adBoateng\u200b and \ufeffWen", "MensahBoateng and Wen"),
    ("separators", "a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
    ("form-feed", "a\n\fb", "a\n\nb"),
    ("indent-kept", " 26 March\n  - a. Item", " 26 March\n  - a. Item"),
]


@pytest.mark.parametrize("original, text", [c[1:] for c in NORMALISATION], ids=[c[0] for c in NORMALISATION])
def test_ingest_normalises_text(original: str, text: str) -> None:
    doc = source_from_text(original)
    assert doc.original == original
    assert doc.text == text
    assert_offsets_exact(doc)


# --------------------------------------------------------------------------- markdown

MARKDOWN = [
    ("heading-bold", "## **Annex 1:**", "Annex 1:", []),
    ("bold-over-lines", "**Online Meeting 33  \n3 March 2031 at 1 p.m. UTC**", "Online Meeting 33\n3 March 2031 at 1 p.m. UTC", []),
    ("bullet-bold", "- ➔ **The Secretariat will write to members.**", "- ➔ The Secretariat will write to members.", []),
    ("escapes-in-link", "Review the [updated Charter \\(UC\\) paper](#) now", "Review the updated Charter (UC) paper now", []),
    (
        "link",
        "See [the *draft* notes](https://example.org/n?a=(2)) and ![logo](img.png).",
        "See the draft notes and logo.",
        [Link(url="https://example.org/n?a=(2)", start=4, end=19, label="the draft notes")],
    ),
    ("star-bullets-kept", "* bullet one\n* bullet *two* here", "* bullet one\n* bullet two here", []),
    ("underscores", "__strong__ and snake_case_name and ***both***", "strong and snake_case_name and both", []),
    ("pipe-table", "| Name | Org |\n|---|---|\n| Roach | Ministry of Soil |\n| Li |  |", "Name\tOrg\nRoach\tMinistry of Soil\nLi\t", []),
    ("headings", "# Title #\n###### deep\n#hashtag", "Title\ndeep\n#hashtag", []),
    (
        "autolink",
        "Use <https://example.org/auto> please",
        "Use https://example.org/auto please",
        [Link(url="https://example.org/auto", start=4, end=28)],
    ),
    ("escaped-markers", "Escaped \\*not emphasis\\* and \\# not heading", "Escaped *not emphasis* and # not heading", []),
    ("arithmetic", "Rate 5*3*2 and a*b", "Rate 5*3*2 and a*b", []),
]


@pytest.mark.parametrize("original, text, links", [c[1:] for c in MARKDOWN], ids=[c[0] for c in MARKDOWN])
def test_ingest_cleans_markdown(original: str, text: str, links: list[Link]) -> None:
    doc = source_from_text(original, file_name="r.md")
    assert doc.text == text
    assert list(doc.links) == links
    assert_offsets_exact(doc)


@pytest.mark.parametrize(
    "original, text",
    [
        ("## Agenda\n1. [Opening](#)\n2. **Seed vault**", "Agenda\n1. Opening\n2. Seed vault"),
        ("Plain notes: 5 * 3 = 15 and file_name_here.\nSee *this* line", "Plain notes: 5 * 3 = 15 and file_name_here.\nSee *this* line"),
    ],
    ids=["txt-with-markdown", "plain-txt"],
)
def test_ingest_cleans_markdown_in_txt_only_when_it_carries_markdown(original: str, text: str) -> None:
    assert source_from_text(original, file_name="r.txt").text == text


# --------------------------------------------------------------------------- quoted messages

_MAIL_HEAD = "From: Noor Haddad <noor@example.org>\nDate: Tue, 4 Mar 2025 10:00:00 +0000\nSubject: Notes\n\n"

QUOTES = [
    (
        "forwarded-run",
        _MAIL_HEAD + "FYI.\n\n> Agenda\n> 1. Opening\n>\n> - Ilse: asked about the\n>   budget.\n> Next call: 9 May\n",
        _MAIL_HEAD + "FYI.\n\nAgenda\n1. Opening\n\n- Ilse: asked about the\n  budget.\nNext call: 9 May\n",
    ),
    (
        "nested-levels",
        _MAIL_HEAD + "> Ilse wrote:\n> > first point\n> >> second point\n>  > third point\n",
        _MAIL_HEAD + "Ilse wrote:\nfirst point\nsecond point\nthird point\n",
    ),
    ("short-quote-in-a-mail", _MAIL_HEAD + "Agreed.\n\n> Shall we move the call?\n", _MAIL_HEAD + "Agreed.\n\nShall we move the call?\n"),
    (
        "short-quote-after-attribution",
        "Agreed.\n\nOn Tue, 4 Mar 2025, Ilse Berg wrote:\n> Shall we move the call?\n",
        "Agreed.\n\nOn Tue, 4 Mar 2025, Ilse Berg wrote:\nShall we move the call?\n",
    ),
    (
        "long-blockquote",
        "Notes\n\n> one line\n> two line\n> three line\n> four line\n",
        "Notes\n\none line\ntwo line\nthree line\nfour line\n",
    ),
    ("short-blockquote-kept", "Notes\n\n> Date: 6 May\n> Scope: two workshops\n\nText", "Notes\n\n> Date: 6 May\n> Scope: two workshops\n\nText"),
    (
        "caption-turns-kept",
        ">> CHAIR: Welcome, everyone.\nWe start now.\n>> ILSE BERG: Thank you.\n>> CHAIR: Next.\n",
        ">> CHAIR: Welcome, everyone.\nWe start now.\n>> ILSE BERG: Thank you.\n>> CHAIR: Next.\n",
    ),
    ("greater-than-kept", "Turnout > 50 was expected\n>50 people came\n", "Turnout > 50 was expected\n>50 people came\n"),
]


@pytest.mark.parametrize("original, text", [c[1:] for c in QUOTES], ids=[c[0] for c in QUOTES])
def test_ingest_takes_quote_markers_off_quoted_messages(original: str, text: str) -> None:
    doc = source_from_text(original)
    assert doc.text == text
    assert_offsets_exact(doc)


def test_ingest_quoted_lines_map_past_their_markers() -> None:
    doc = source_from_text(_MAIL_HEAD + "> > Agenda\n> 1. Opening\n> 2. Budget\n> 3. AOB\n")
    at = doc.text.index("Agenda")
    assert doc.original[doc.to_original(at) - 4 : doc.to_original(at)] == "> > "


def test_ingest_quoted_wrapped_lines_are_rejoined_but_kept_apart_from_the_text_around() -> None:
    wrapped = (
        _MAIL_HEAD + "Forwarding the notes of the call as promised, with apologies for the\n"
        "> Ilse reported that the survey of the national and regional initiatives\n"
        "> closed with answers from thirty countries, and asked the group to\n"
        "> review the draft before the next call.\n"
        "Back to the unquoted text which goes on for a while after the quotation\n"
    )
    lines = source_from_text(wrapped).text.split("\n")
    assert "Ilse reported that the survey of the national and regional initiatives closed with answers from thirty "\
        "countries, and asked the group to review the draft before the next call." in lines
    assert lines[-2].startswith("Back to the unquoted text")


_QUOTE_TOKENS = st.sampled_from(
    ["> ", ">", ">>", "> > ", ">  > ", "   > ", "\n", "\n\n", " ", "  ", "word", "Ilse", "On Tue, Ilse wrote:", "From: a",
     "-- ", "- ", "1. ", ">> CHAIR: ", "Agenda", "x > y", "\u00e9"]
)  # fmt: skip
_QUOTEISH = st.lists(_QUOTE_TOKENS, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_QUOTEISH)
def test_ingest_strip_quotes_is_idempotent_and_leaves_unquoted_text_alone(text: str) -> None:
    once = strip_quotes(text)
    assert strip_quotes(once) == once
    if ">" not in text:
        assert once == text
    assert len(once) <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=_QUOTEISH, name=st.sampled_from(["r.txt", "r.md"]))
def test_ingest_quoted_text_offsets_stay_exact(text: str, name: str) -> None:
    try:
        doc = source_from_text(text, file_name=name)
    except IngestError:
        return
    assert_offsets_exact(doc)


def test_ingest_links_keep_urls_and_plain_urls() -> None:
    doc = source_from_text(
        "The [call](https://example.org/call) is open (see https://example.org/faq).\n"
        "Slides: [deck](#) and www.example.net/slides, then [mail](mailto:sec@example.org)."
    )
    assert [(link.label, link.url, doc.text[link.start : link.end]) for link in doc.links] == [
        ("call", "https://example.org/call", "call"),
        (None, "https://example.org/faq", "https://example.org/faq"),
        (None, "www.example.net/slides", "www.example.net/slides"),
        ("mail", "mailto:sec@example.org", "mail"),
    ]


# --------------------------------------------------------------------------- re-joining wrapped lines

# A report exported with hard line wraps at ~90 characters and a trailing space on
# every line, like the sample corpus's plain-text exports.
WRAPPED = [
    "Working Group on Orbital Gardening",
    "Online Meeting",
    "",
    "3 March 2031 at 14:00 UTC",
    "",
    "Summary Report",
    "The 12th virtual meeting of the Working Group on Orbital Gardening and Seed Vaults (WG-",
    "Garden) was held on 3 March at 14:00 UTC. The session was moderated by Oskar",
    "Þórðarson, and the session recording can be requested from the garden Secretariat.",
    "",
    "Agenda",
    "",
    "1. Opening remarks and adoption of the agenda for the twelfth meeting of the group",
    "2. Seed vault update",
    "3. Any other business",
    "",
    "Discussion",
    "1. Opening remarks and adoption of the agenda",
    "Oskar welcomed participants and noted that the seed vault audit had been completed well",
    "ahead of schedule, that the greenhouse on the second ring had been repaired - at last -",
    "and that the co-chairs would circulate the revised workplan before the next meeting of the",
    "group. He also noted that the audit would be published, so it would be good to agree on",
    "the format soon.",
    "Mirela noted that the next phase will require new funding from the orbital trust, so she",
    "encouraged members to move quickly to identify donors and reach out to them early; co-",
    "ordination will sit with the Secretariat.",
    "",
    "https://example.org/garden/minutes/2031-03-03",
    "",
    "Zoë asked whether the vault inventory of the greenhouse ring and the outer ring would be",
    "",
    "shared before the next call of the group, and Kwame confirmed that it would be shared.",
    "NEXT STEPS FOR THE WORKING GROUP ON ORBITAL GARDENING AND SEED VAULT STEWARDSHIP 2031",
    "Action: the Secretariat will circulate the revised workplan and the donor list to all",
    "members of the group before the end of the month, as agreed at the twelfth meeting.",
    "",
    "Roster of the group as recorded by the Secretariat of the Working Group this month",
    "Roach\tCarol\tMinistry of Soil and Orbital Agriculture, Co-Chair of the Working Group",
    "Jónsdóttir\tGuðrún\tGarden Alliance",
    "",
    "List of participants",
    "",
    "1. Oskar Þórðarson, Group's Co-Chair, Ministry of Soil and Orbital Agriculture, member",
    "2. Mirela Dabrowska-Nuñez, Garden Alliance",
    "3. Kwame Mensah-Boateng, Secretariat",
]

REJOINED = [
    "Working Group on Orbital Gardening",
    "Online Meeting",
    "",
    "3 March 2031 at 14:00 UTC",
    "",
    "Summary Report",
    "The 12th virtual meeting of the Working Group on Orbital Gardening and Seed Vaults (WG-Garden) was held "
    "on 3 March at 14:00 UTC. The session was moderated by Oskar Þórðarson, and the session recording can be "
    "requested from the garden Secretariat.",
    "",
    "Agenda",
    "",
    "1. Opening remarks and adoption of the agenda for the twelfth meeting of the group",
    "2. Seed vault update",
    "3. Any other business",
    "",
    "Discussion",
    "1. Opening remarks and adoption of the agenda",
    "Oskar welcomed participants and noted that the seed vault audit had been completed well ahead of "
    "schedule, that the greenhouse on the second ring had been repaired - at last - and that the co-chairs "
    "would circulate the revised workplan before the next meeting of the group. He also noted that the audit "
    "would be published, so it would be good to agree on the format soon.",
    "Mirela noted that the next phase will require new funding from the orbital trust, so she encouraged "
    "members to move quickly to identify donors and reach out to them early; co-ordination will sit with the "
    "Secretariat.",
    "",
    "https://example.org/garden/minutes/2031-03-03",
    "",
    "Zoë asked whether the vault inventory of the greenhouse ring and the outer ring would be",
    "",
    "shared before the next call of the group, and Kwame confirmed that it would be shared.",
    "NEXT STEPS FOR THE WORKING GROUP ON ORBITAL GARDENING AND SEED VAULT STEWARDSHIP 2031",
    "Action: the Secretariat will circulate the revised workplan and the donor list to all members of the "
    "group before the end of the month, as agreed at the twelfth meeting.",
    "",
    "Roster of the group as recorded by the Secretariat of the Working Group this month",
    "Roach\tCarol\tMinistry of Soil and Orbital Agriculture, Co-Chair of the Working Group",
    "Jónsdóttir\tGuðrún\tGarden Alliance",
    "",
    "List of participants",
    "",
    "1. Oskar Þórðarson, Group's Co-Chair, Ministry of Soil and Orbital Agriculture, member",
    "2. Mirela Dabrowska-Nuñez, Garden Alliance",
    "3. Kwame Mensah-Boateng, Secretariat",
]


def test_ingest_rejoins_hard_wrapped_paragraphs_and_keeps_structure() -> None:
    doc = source_from_text("".join(line + " \n" for line in WRAPPED))
    assert doc.text.split("\n") == REJOINED + [""]
    assert_offsets_exact(doc)


def test_ingest_keeps_unwrapped_documents_line_by_line() -> None:
    lines = [line for line in REJOINED if "\t" not in line]
    lines[6:6] = ["Short note", "Another short note without punctuation"]
    doc = source_from_text("\n".join(lines))
    assert doc.text.split("\n") == lines


# Pairs a hard-wrapped report must keep on separate lines, however long the first one is.
NEVER_JOINED = [
    ("list-items", "1. Oskar Þórðarson, Group's Co-Chair, Ministry of Soil and Orbital Agriculture", "2. Mirela"),
    ("bullets", "- The Secretariat will circulate the revised workplan to the members of the group", "- Donors"),
    ("letter-items", "a. The Secretariat will circulate the revised workplan to the members of the group", "b) Donors"),
    ("agenda-no-space", "Discussion of the revised workplan for the Working Group on Orbital Gardening", "2.Seed vault"),
    ("heading-after-sentence", "The Secretariat will circulate the revised workplan to the members of the group.", "Agenda"),
    ("stacked-headings", "Working Group on Orbital Gardening and Seed Vault Stewardship in the Outer Rings", "Online Meeting"),
    ("caps-heading", "The Secretariat will circulate the revised workplan to the members of the group", "LIST OF PARTICIPANTS"),
    ("label-line", "The Secretariat will circulate the revised workplan to the members of the group", "Date: 3 March"),
    ("tab-line", "The Secretariat will circulate the revised workplan to the members of the group", "Roach\tCarol"),
    ("url-line", "The Secretariat will circulate the revised workplan to the members of the group", "https://example.org/a"),
    ("from-url", "https://example.org/garden/minutes/2031-03-03/and/a/long/path/to/the/recording/file", "shared"),
    ("transcript", "The Secretariat will circulate the revised workplan to the members of the group", ">> OSKAR: Thanks"),
    ("markdown-heading", "The Secretariat will circulate the revised workplan to the members of the group", "## Agenda"),
    ("short-line", "The Secretariat will circulate the workplan", "and the donor list."),
    ("turn-with-affiliation", "The Secretariat will circulate the revised workplan to the members of the group", "Li Wen (Ministry of Soil): Yes"),
    ("roster-entries", "  Oskar Þórðarson, Garden Alliance of the Outer Rings - co-facilitator, moderator", "  Li Wen, Ministry of Soil"),
]


@pytest.mark.parametrize("first, second", [c[1:] for c in NEVER_JOINED], ids=[c[0] for c in NEVER_JOINED])
def test_ingest_never_joins_structural_lines(first: str, second: str) -> None:
    body = WRAPPED[18:26]  # a wrapped paragraph sets the document's wrap width
    doc = source_from_text("\n".join(body + ["", first, second, ""]))
    assert doc.text.split("\n")[-3:-1] == [first, second]


# --------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, SourceDoc]:
    docs, errors = load_sources([corpus_dir])
    assert not errors
    return {doc.file_name[:3]: doc for doc in docs}


def test_ingest_corpus_loads_every_report(corpus: dict[str, SourceDoc]) -> None:
    assert sorted(corpus) == ["000", "001", "002", "003", "004"]
    assert {doc.encoding for doc in corpus.values()} == {"utf-8"}


def test_ingest_corpus_000_moderator_sentence_is_one_line(corpus: dict[str, SourceDoc]) -> None:
    line = next(line for line in corpus["000"].text.split("\n") if "moderated by" in line)
    assert line.startswith("The 79th virtual meeting")
    assert "Strategy (WG-Strategy) was held on 4 July" in line
    assert "moderated by Amrita Choudhury, and a recording" in line
    assert line.endswith("available upon request.")


def test_ingest_corpus_001_hyphenated_wrap_is_rejoined(corpus: dict[str, SourceDoc]) -> None:
    text = corpus["001"].text
    assert "Strategy (WG-Strategy) was held on 26 September" in text
    assert "moderated by Chris Buckridge, and a recording" in text
    assert "will appoint co-facilitators." in text


_STRUCTURE = {
    "numbered": re.compile(r"^\s*\d+\.\s*\S"),
    "bullet": re.compile(r"^\s*-\s"),
    "tab": re.compile(r"\t"),
    "url": re.compile(r"^\s*https?://\S+\s*$"),
}


@pytest.mark.parametrize("report", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("kind", list(_STRUCTURE))
def test_ingest_corpus_keeps_list_table_and_url_lines(corpus: dict[str, SourceDoc], report: str, kind: str) -> None:
    doc = corpus[report]
    pattern = _STRUCTURE[kind]
    before = [ln.strip() for ln in doc.original.split("\n") if pattern.search(ln)]
    after = [ln.strip() for ln in doc.text.split("\n") if pattern.search(ln)]
    assert len(after) == len(before)


@pytest.mark.parametrize("report, count", [("000", 13), ("003", 27), ("004", 20)])
def test_ingest_corpus_participant_lists_keep_one_line_per_person(
    corpus: dict[str, SourceDoc], report: str, count: int
) -> None:
    text = corpus[report].text
    block = text[text.lower().rindex("list of participants") :].split("\n")[1:]
    entries = [line for line in block if line.strip()]
    assert len(entries) == count
    assert all(re.match(r"\d+\.\s", line.strip()) for line in entries)


@pytest.mark.parametrize("report", ["002", "003", "004"])
def test_ingest_corpus_unwrapped_reports_keep_their_lines(corpus: dict[str, SourceDoc], report: str) -> None:
    doc = corpus[report]
    assert doc.text.count("\n") == doc.original.count("\n")


@pytest.mark.parametrize("report", ["002", "003", "004"])
def test_ingest_corpus_markdown_is_reduced_to_text(corpus: dict[str, SourceDoc], report: str) -> None:
    text = corpus[report].text
    assert "**" not in text and "](" not in text and "\\(" not in text
    assert not re.search(r"(?m)^#{1,6}\s", text)


def test_ingest_corpus_gold_participant_names_survive(corpus: dict[str, SourceDoc], gold_dir: Path) -> None:
    for gold_file in sorted(gold_dir.glob("0*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = corpus[gold["file"][:3]].text
        for participant in gold["participants"]:
            for word in participant["name"].split():
                assert word in text, (gold["file"], participant["name"])


@pytest.mark.parametrize("report", ["000", "001", "002", "003", "004"])
def test_ingest_corpus_offsets_are_exact(corpus: dict[str, SourceDoc], report: str) -> None:
    doc = corpus[report]
    assert_offsets_exact(doc)
    for m in re.finditer(r"\w+", doc.text):
        start = doc.to_original(m.start())
        assert doc.original[start : start + len(m.group())] == m.group()


# --------------------------------------------------------------------------- PDF, DOCX, HTML


@pytest.mark.parametrize("width", [260, 430])
@pytest.mark.parametrize("page_numbers", [False, True])
def test_ingest_pdf_round_trip_keeps_names_and_paragraphs(tmp_path: Path, width: int, page_numbers: bool) -> None:
    doc = load_source(make_pdf(REPORT, tmp_path / "r.pdf", width=width, page_numbers=page_numbers))
    assert doc.fmt == "pdf"
    assert lines_of(doc.text) == expected_lines("pdf")
    assert all(name.split()[0] in doc.text and name.split()[-1] in doc.text for name in PARTICIPANTS)
    assert "https://example.org/garden/wiki" in [link.url for link in doc.links]
    assert_offsets_exact(doc)


def test_ingest_pdf_pages_join_with_a_blank_line_unless_a_list_runs_on(tmp_path: Path) -> None:
    text = "Agenda\n1. Opening\n2. Seed vault\n\f\n3. Any other business\n\f\nThe next meeting is on 7 April."
    doc = load_source(make_pdf(text, tmp_path / "r.pdf"))
    assert doc.original.count("\n\n") >= 2
    assert doc.text == "Agenda\n1. Opening\n2. Seed vault\n3. Any other business\n\nThe next meeting is on 7 April."


def test_ingest_docx_round_trip_keeps_names_paragraphs_tables_and_links(tmp_path: Path) -> None:
    doc = load_source(make_docx(REPORT, tmp_path / "r.docx"))
    assert doc.fmt == "docx"
    assert lines_of(doc.text) == expected_lines("docx")
    assert "Roach\tCarol\nJónsdóttir\tGuðrún" in doc.text
    [link] = doc.links
    assert (link.label, link.url) == ("the garden wiki", "https://example.org/garden/wiki")
    assert_offsets_exact(doc)


def test_ingest_docx_renders_automatic_list_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("List of participants")
    for name in ("Oskar Þórðarson", "Zoë Ferreira"):
        document.add_paragraph(name, style="List Number")
    document.add_paragraph("Action items")
    document.add_paragraph("Circulate the workplan", style="List Bullet")
    nested = document.add_paragraph("Sub point", style="List Bullet")
    nested._p.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = 1
    document.save(tmp_path / "r.docx")
    doc = load_source(tmp_path / "r.docx")
    assert doc.text == (
        "List of participants\n\n1. Oskar Þórðarson\n2. Zoë Ferreira\n\nAction items\n\n- Circulate the workplan\n  - Sub point"
    )


def test_ingest_html_round_trip_keeps_names_paragraphs_tables_and_links(tmp_path: Path) -> None:
    doc = load_source(make_html(REPORT, tmp_path / "r.html"))
    assert doc.fmt == "html"
    assert lines_of(doc.text) == expected_lines("html")
    assert "not text" not in doc.text and "margin" not in doc.text
    [link] = doc.links
    assert (link.label, link.url) == ("the garden wiki", "https://example.org/garden/wiki")


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Minutes</title><style>.x { color: red }</style></head>
<body>
  <h1>Working   Group
      on Orbital Gardening</h1>
  <script>document.write("<p>injected</p>")</script>
  <!-- a comment -->
  <p>Moderated by <b>Oskar&nbsp;Þórðarson</b>.<br>Recording on <a href="https://example.org/rec">the portal</a>
     and <a href="#top">back to top</a>.</p>
  <ol start="4"><li>Seed vault<ul><li>inventory</li></ul></li><li>AoB</li></ol>
  <table><tr><th>Name</th><th>Org</th></tr><tr><td>Roach</td><td><p>Ministry</p><p>of Soil</p></td></tr></table>
  <pre>a  b
  c</pre>
  <div>Tom &amp; Jerry</div><div>Li Wen</div>
</body></html>"""

HTML_TEXT = """Working Group on Orbital Gardening

Moderated by Oskar Þórðarson.
Recording on the portal and back to top.

4. Seed vault
  - inventory
5. AoB

Name\tOrg
Roach\tMinistry of Soil

a  b
  c

Tom & Jerry
Li Wen"""


def test_ingest_html_blocks_become_lines_and_anchors_links() -> None:
    doc = source_from_text(HTML_PAGE, file_name="r.html")
    assert doc.text == HTML_TEXT
    assert [(link.label, link.url) for link in doc.links] == [("the portal", "https://example.org/rec")]
    assert_offsets_exact(doc)


# --------------------------------------------------------------------------- properties

_TOKENS = st.sampled_from(
    [
        "word", "Zoë", "Ferreira", "e\u0301", "A\u030a", "\r\n", "\r", "\n", "\n\n", " ", "  ", "\u00a0", "\t",
        "\u200b", "\u00ad", "\ufeff", "**", "*", "__", "_", "[", "](", ")", "(", "](#)", "#", "## ", "\\",
        "\\(", "https://example.org/x", "www.example.net", "- ", "1. ", "a. ", "|", "---", "<", ">", ">> ",
        "WG-", ".", ",", "Label: ", "\f", "\x85", "\u2028",
        "the secretariat will circulate the revised workplan to the members of the group ",
    ]
)  # fmt: skip
_MARKUPISH = st.lists(_TOKENS, max_size=80).map("".join)


def _check_map(doc: SourceDoc) -> None:
    previous = 0
    for i in range(len(doc.text) + 1):
        j = doc.to_original(i)
        assert previous <= j <= len(doc.original)
        previous = j
    for i, ch in enumerate(doc.text):
        if ch.isascii() and ch.isalnum():
            assert doc.original[doc.to_original(i)] == ch


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), _MARKUPISH), name=st.sampled_from(["r.txt", "r.md", "r.html"]))
def test_ingest_normalisation_never_raises_and_maps_monotonically(text: str, name: str) -> None:
    try:
        doc = source_from_text(text, file_name=name)
    except IngestError as err:
        assert "no visible text" in str(err) or "only whitespace" in str(err)
        return
    _check_map(doc)
    for link in doc.links:
        assert 0 <= link.start < link.end <= len(doc.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), ext=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"]))
def test_ingest_arbitrary_bytes_load_or_raise_ingest_error(tmp_path: Path, data: bytes, ext: str) -> None:
    path = write(tmp_path / f"r{ext}", data)
    try:
        doc = load_source(path)
    except IngestError as err:
        assert err.path == str(path)
        return
    _check_map(doc)


# --------------------------------------------------------------------------- document structure (DOCX, HTML)

DOCX_BLOCKS = [
    (
        "unnumbered-heading-after-a-list",
        [("List Bullet", "Oskar: welcomed members."), ("Heading 1", "Seed vault"), ("Normal", "Zoë: reported.")],
        "- Oskar: welcomed members.\n\nSeed vault\n\nZoë: reported.",
    ),
    (
        "paragraphs-apart-list-items-together",
        [("Title", "Working Group on Orbital Gardening"), ("Normal", "Held online."), ("Normal", "Minutes by Li Wen."),
         ("List Bullet", "first"), ("List Bullet", "second"), ("Normal", "After the list.")],
        "Working Group on Orbital Gardening\n\nHeld online.\n\nMinutes by Li Wen.\n\n- first\n- second\n\nAfter the list.",
    ),
    (
        "typed-list-markers-are-list-lines",
        [("Normal", "Agenda"), ("Normal", "1. Opening"), ("Normal", "2. Seed vault"), ("Normal", "Discussion")],
        "Agenda\n\n1. Opening\n2. Seed vault\n\nDiscussion",
    ),
    (
        "word-numbering-is-not-doubled",
        [("List Number", "1. Opening"), ("List Number", "Seed vault")],
        "1. Opening\n2. Seed vault",
    ),
    (
        "empty-paragraphs-are-one-paragraph-break",
        [("Normal", "One."), ("Normal", ""), ("Normal", ""), ("Normal", "Two.")],
        "One.\n\nTwo.",
    ),
    (
        "bold-lead-is-marked-before-its-punctuation",
        [("Normal", "**Item 1 – Seed vault.** Zoë presented the inventory.")],
        "**Item 1 – Seed vault**. Zoë presented the inventory.",
    ),
    ("bold-label", [("Normal", "**Attendees: **Oskar Þórðarson, Li Wen")], "**Attendees**: Oskar Þórðarson, Li Wen"),
    ("bold-line", [("Normal", "**Seed vault**")], "**Seed vault**"),
    ("bold-inside-a-sentence-is-not-marked", [("Normal", "Zoë **agreed** warmly.")], "Zoë agreed warmly."),
    ("bold-list-item-is-not-marked", [("List Bullet", "**Zoë**: agreed.")], "- Zoë: agreed."),
    ("heading-is-not-marked", [("Heading 2", "**Seed vault**")], "Seed vault"),
]  # fmt: skip


@pytest.mark.parametrize("blocks, text", [c[1:] for c in DOCX_BLOCKS], ids=[c[0] for c in DOCX_BLOCKS])
def test_ingest_docx_lays_out_headings_paragraphs_and_lists(tmp_path: Path, blocks, text: str) -> None:
    doc = load_source(make_styled_docx(blocks, tmp_path / "r.docx"))
    assert doc.text == text
    assert_offsets_exact(doc)


def test_ingest_docx_numbered_heading_keeps_its_number(tmp_path: Path) -> None:
    document = docx.Document()
    num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    for title in ("Opening", "Seed vault"):
        heading = document.add_heading(title, level=1)
        heading._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
        document.add_paragraph(f"Text on {title.lower()}.")
    document.save(tmp_path / "r.docx")
    assert load_source(tmp_path / "r.docx").text == "1. Opening\n\nText on opening.\n\n2. Seed vault\n\nText on seed vault."


def test_ingest_docx_merged_cells_keep_rows_aligned(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    rows = [("Group", "Name", "Org"), ("Civil Society", "Zoë Ferreira", "Garden Alliance"), ("", "Li Wen", "Soil Lab")]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # one group cell for two people
    table.cell(3, 0).merge(table.cell(3, 1)).text = "Kwame Mensah-Boateng"
    table.cell(3, 2).text = "Secretariat"
    document.save(tmp_path / "r.docx")
    assert load_source(tmp_path / "r.docx").text == (
        "Group\tName\tOrg\n"
        "Civil Society\tZoë Ferreira\tGarden Alliance\n"
        "Civil Society\tLi Wen\tSoil Lab\n"
        "Kwame Mensah-Boateng\t\tSecretariat"
    )


def test_ingest_docx_unnumbered_heading_starts_a_section(tmp_path: Path) -> None:
    blocks = [
        ("Title", "Working Group on Orbital Gardening – Meeting 12"),
        ("Normal", "3 March 2031, 14:00 UTC"),
        ("Heading 1", "Opening of the meeting"),
        ("List Bullet", "Oskar: welcomed the members of the group."),
        ("Heading 1", "Seed vault audit"),
        ("List Bullet", "Zoë: reported that the seed vault audit had been completed."),
    ]
    report = parse_report(load_source(make_styled_docx(blocks, tmp_path / "r.docx")))
    *before, last = report.sections
    assert last.title == "Seed vault audit"
    assert "Zoë" in last.paragraphs[0].text
    assert all("Seed vault audit" not in p.text for s in before for p in s.paragraphs)


HTML_STRUCTURE = [
    (
        "breadcrumb-nav-footer-and-banner-are-furniture",
        "<header><a href='/'>Garden Portal</a><nav><a href='/'>Home</a></nav></header>"
        "<nav class='breadcrumb'>Home &gt; Groups</nav><main><h1>Meeting 12</h1><p>Held online.</p></main>"
        "<footer>© Garden Portal</footer>",
        "Meeting 12\n\nHeld online.",
    ),
    (
        "sidebars-menus-cookie-notices-and-skip-links-are-furniture",
        "<a class='skip-link' href='#m'>Skip to content</a><div id='main-menu'>Groups</div>"
        "<h1>Meeting 12</h1><p>Held online.</p><aside>Related: Soil Forum</aside>"
        "<div class='cookie-banner'>We use cookies</div><div role='contentinfo'>Contact us</div>"
        "<div class='sidebar-widget'>Soil Forum</div><p hidden>draft</p>",
        "Meeting 12\n\nHeld online.",
    ),
    (
        "the-documents-own-header-and-footer-stay",
        "<article><header><h1>Meeting 12</h1><p>3 March 2031</p></header><p>Held online.</p>"
        "<footer>Minutes by Li Wen</footer></article>",
        "Meeting 12\n\n3 March 2031\n\nHeld online.\n\nMinutes by Li Wen",
    ),
    (
        "a-site-name-h1-in-the-banner-is-furniture",
        "<header><h1>Garden Portal</h1></header><div><h1>Meeting 12</h1><p>Held online.</p></div>",
        "Meeting 12\n\nHeld online.",
    ),
    (
        "a-page-header-holding-the-documents-heading-stays",
        "<div id='content'><header><h2>Minutes of Meeting 12</h2></header><p>Held online.</p></div>",
        "Minutes of Meeting 12\n\nHeld online.",
    ),
    (
        "a-wrapper-named-like-furniture-is-still-the-document",
        "<body class='has-sidebar'><div class='content-with-sidebar'><h2>Meeting 12</h2><p>Held online.</p>"
        "<p>Zoë reported on the seed vault.</p></div></body>",
        "Meeting 12\n\nHeld online.\n\nZoë reported on the seed vault.",
    ),
    (
        "title-when-there-is-no-h1-without-the-site-name",
        "<html><head><title>Orbital Gardening – Meeting 12 | Garden Portal</title></head>"
        "<body><h2>Summary</h2><p>Held online.</p></body></html>",
        "Orbital Gardening – Meeting 12\n\nSummary\n\nHeld online.",
    ),
    (
        "no-title-when-the-page-has-an-h1",
        "<html><head><title>Garden Portal</title></head><body><h1>Meeting 12</h1><p>Held online.</p></body></html>",
        "Meeting 12\n\nHeld online.",
    ),
    (
        "no-title-when-it-repeats-the-first-line",
        "<html><head><title>Meeting 12 | Garden Portal</title></head><body><h2>Meeting 12</h2></body></html>",
        "Meeting 12",
    ),
    (
        "bold-lead-is-marked",
        "<p><b>Item 1 – Seed vault.</b> Zoë presented it.</p><p><strong>Next steps</strong></p>"
        "<div><span style='font-weight: 700'>Attendees:</span> Li Wen</div>",
        "**Item 1 – Seed vault**. Zoë presented it.\n\n**Next steps**\n\n**Attendees**: Li Wen",
    ),
    (
        "bold-elsewhere-is-not-marked",
        "<p>Zoë <b>agreed</b>.</p><ul><li><b>Li Wen</b>: agreed</li></ul><h2><b>Seed vault</b></h2>"
        "<table><tr><th><b>Name</b></th><td><b>Org</b></td></tr></table>",
        "Zoë agreed.\n\n- Li Wen: agreed\n\nSeed vault\n\nName\tOrg",
    ),
    (
        "paragraphs-inside-list-items-stay-with-their-marker",
        "<ul><li><p>Opening</p><p>by Oskar</p></li><li><div>Seed vault</div></li></ul>",
        "- Opening\nby Oskar\n- Seed vault",
    ),
    (
        "definition-terms-join-their-single-definition",
        "<dl><dt>Date</dt><dd>3 March 2031</dd><dt>Venue:</dt><dd>online</dd><dt>Present</dt><dd>Zoë</dd><dd>Li</dd></dl>",
        "Date: 3 March 2031\nVenue: online\nPresent\nZoë\nLi",
    ),
    (
        "wiki-navigation-subtitle-breadcrumbs-edit-links-toc-categories-and-footer-are-furniture",
        "<div id='mw-navigation'><a href='/'>Main page</a> | <a href='/r'>Recent changes</a></div>"
        "<div id='content'><h1>Seeds/Calls/7</h1><div id='siteSub'>From Garden Wiki</div>"
        "<div id='contentSub'><span class='subpages'>&lt; <a href='/s'>Seeds</a></span></div>"
        "<p>Notes of call 7.</p><div id='toc' class='toc'><div class='toctitle'><h2>Contents</h2></div>"
        "<ul><li><a href='#Agenda'>1 Agenda</a></li></ul></div>"
        "<h2><span class='mw-headline'>Agenda</span><span class='mw-editsection'>[<a href='/e'>edit</a>]</span></h2>"
        "<ol><li>Welcome</li></ol>"
        "<h3>Seed vault<a class='headerlink' href='#seed-vault'>\u00b6</a></h3><p>Zo\u00eb reported.</p>"
        "<div id='catlinks' class='catlinks'><a href='/c'>Categories</a>: Seeds</div></div>"
        "<div id='footer'><ul><li>This page was last edited on 10 October 2031.</li></ul></div>",
        "Seeds/Calls/7\n\nNotes of call 7.\n\nAgenda\n\n1. Welcome\n\nSeed vault\n\nZo\u00eb reported.",
    ),
    (
        "an-articles-own-element-named-footer-stays",
        "<article><h1>Meeting 12</h1><p>Held online.</p><div class='footer-note'>Minutes by Li Wen</div></article>"
        "<div class='site-footer'>\u00a9 Garden Portal</div>",
        "Meeting 12\n\nHeld online.\n\nMinutes by Li Wen",
    ),
    (
        "merged-cells-keep-rows-aligned",
        "<table><tr><th>Group</th><th>Name</th><th>Org</th></tr>"
        "<tr><td rowspan='2'>Civil Society</td><td>Zoë</td><td>Garden Alliance</td></tr><tr><td>Li Wen</td><td>Soil Lab</td></tr>"
        "<tr><td colspan='3'>Government</td></tr><tr><td colspan='2'>Kwame</td><td>Secretariat</td></tr></table>",
        "Group\tName\tOrg\nCivil Society\tZoë\tGarden Alliance\nCivil Society\tLi Wen\tSoil Lab\nGovernment\nKwame\t\tSecretariat",
    ),
]  # fmt: skip


@pytest.mark.parametrize("markup, text", [c[1:] for c in HTML_STRUCTURE], ids=[c[0] for c in HTML_STRUCTURE])
def test_ingest_html_keeps_document_structure_and_drops_site_furniture(markup: str, text: str) -> None:
    doc = source_from_text(markup, file_name="r.html")
    assert doc.text == text
    assert_offsets_exact(doc)


def test_ingest_html_links_survive_the_title_and_bold_marks() -> None:
    doc = source_from_text(
        "<title>Meeting 12 | Portal</title><p><b>Notes.</b> See <a href='https://example.org/n'>the notes</a>.</p>"
        "<p><a href='https://example.org/v'><b>Seed vault.</b></a> Zoë reported.</p>",
        file_name="r.html",
    )
    assert doc.text == "Meeting 12\n\n**Notes**. See the notes.\n\n**Seed vault**. Zoë reported."
    assert [(link.label, link.url) for link in doc.links] == [
        ("the notes", "https://example.org/n"),
        ("Seed vault", "https://example.org/v"),
    ]


_HTML_TOKENS = st.sampled_from(
    [
        "<p>", "</p>", "<b>", "</b>", "<strong>", "</strong>", "<li>", "<ul>", "</ul>", "<ol>", "<dl>", "<dt>", "<dd>",
        "<table>", "<tr>", "<td rowspan='2'>", "<td colspan='3'>", "<th>", "</td>", "</tr>", "</table>", "<nav>",
        "</nav>", "<footer>", "<header>", "<h1>", "</h1>", "<h2>", "<title>", "</title>", "<br>", "<div class='menu'>",
        "</div>", "<a href='https://example.org/x'>", "</a>", "<span style='font-weight:bold'>", "</span>",
        "Zoë", "Item 1.", "word ", ": ", " | Site", "\n", " ", "**",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(markup=st.lists(_HTML_TOKENS, max_size=60).map("".join))
@example(markup="<dt><dd>")  # an empty term before anything was written
def test_ingest_html_structure_never_raises_and_maps_monotonically(markup: str) -> None:
    try:
        doc = source_from_text(markup, file_name="r.html")
    except IngestError as err:
        assert "no visible text" in str(err)
        return
    _check_map(doc)
    for link in doc.links:
        assert 0 <= link.start < link.end <= len(doc.text)


# --------------------------------------------------------------------------- PDF layouts

_LEFT = (
    "Attendees\nAnneliese Korhonen (Chair)\nBartholomew Osei\nCecilia Varga\n"
    "The group reviewed the open items from the last call and agreed that the survey of regional hubs "
    "should close at the end of the month, after which the results will be shared with every member."
)
_RIGHT = (
    "Agenda\n1. Welcome\n2. Hub survey\n"
    "Bartholomew reported that eleven hubs had answered so far and asked members to remind the others, "
    "since the analysis needs a broad sample to be useful for the planning of the next annual meeting."
)


def test_ingest_pdf_two_column_page_reads_left_column_then_right(tmp_path: Path) -> None:
    title = "Working Group on Lunar Orchards\nMinutes of Meeting 9, 4 May 2031"
    doc = load_source(make_two_column_pdf(title, _LEFT, _RIGHT, tmp_path / "r.pdf"))
    lines = lines_of(doc.text)
    assert lines[:2] == title.split("\n")  # the centred title block first, its two lines apart
    assert "\t" not in doc.text
    for name in ("Anneliese Korhonen (Chair)", "Bartholomew Osei", "Cecilia Varga", "1. Welcome", "2. Hub survey"):
        assert name in lines
    assert lines.index("Cecilia Varga") < lines.index("Agenda") < lines.index("2. Hub survey")
    assert_offsets_exact(doc)


_NEWS_LEFT = (
    "Ana Lindqvist opened the call and welcomed the members of the working group, who had come from "
    "many regions to discuss the survey of regional hubs.\nBo Tanaka reported on the answers received so far, "
    "noting that eleven hubs had answered and that more replies were expected by the end of the month, "
    "when the analysis would start in earnest and the members would be asked for comments on it. "
    "Dana Okafor added that the hubs in the south had asked for more time, since their staff had been "
    "busy with the harvest season, and proposed that the deadline be moved by two weeks for all of them. "
    "Members agreed to the new deadline and thanked the hubs for the answers they had given so far, noting "
    "that the survey had been translated into four languages to make it easier for the hubs to reply."
)
_NEWS_RIGHT = (
    "Cyra Mbeki asked whether the survey would also cover funding, and the group agreed to add a question "
    "on the sources of funding of each hub before the survey closes. The group also agreed that the "
    "results would be shared with every member before the next call, which will look at the first results."
)
_NEWS_BOX = [
    ("Ana Lindqvist", "Orchard Policy Institute (co-facilitator)"),
    ("Bo Tanaka", "Kestrel Networks Cooperative Society"),
    ("Cyra Mbeki", "Lunar Garden Alliance"),
]
_NEWS_BYLINE = "Working Group on Lunar Orchards - online meeting of 4 May 2031, 14:00-15:30 UTC"


def test_ingest_pdf_full_width_line_above_columns_stays_whole(tmp_path: Path) -> None:
    path = make_newsletter_pdf(
        "ORCHARD NEWS", _NEWS_BYLINE, _NEWS_LEFT, _NEWS_RIGHT, _NEWS_BOX, tmp_path / "r.pdf", issue="Issue 3"
    )
    lines = lines_of(load_source(path).text)
    assert lines[:2] == ["ORCHARD NEWS\tIssue 3", _NEWS_BYLINE]
    assert lines[2].startswith("Ana Lindqvist opened the call")


def test_ingest_pdf_boxed_sidebar_is_a_block_of_its_own(tmp_path: Path) -> None:
    path = make_newsletter_pdf("ORCHARD NEWS", _NEWS_BYLINE, _NEWS_LEFT, _NEWS_RIGHT, _NEWS_BOX, tmp_path / "r.pdf")
    doc = load_source(path)
    blocks = [b.strip() for b in doc.text.split("\n\n") if b.strip()]
    # the prose of both columns reads on without the sidebar's lines in it
    lines = lines_of(doc.text)
    assert any(ln.startswith("Bo Tanaka reported") and ln.endswith("easier for the hubs to reply.") for ln in lines)
    assert any(ln.startswith("Cyra Mbeki asked") and ln.endswith("look at the first results.") for ln in lines)
    # the sidebar: its heading, then one block per entry (the wider spacing between entries), lines kept apart
    at = blocks.index("Who took part")
    assert blocks[at + 1 : at + 4] == [f"{name}\n{org}" for name, org in _NEWS_BOX]
    assert_offsets_exact(doc)


def test_ingest_pdf_table_rows_are_not_read_as_columns(tmp_path: Path) -> None:
    rows = [f"Member {k} Okonkwo-Lindqvist\tCivil society\tGarden Alliance of Region {k}" for k in range(1, 13)]
    doc = load_source(make_pdf("List of participants\n" + "\n".join(rows), tmp_path / "r.pdf"))
    assert lines_of(doc.text) == ["List of participants", *rows]


@pytest.mark.parametrize(
    "row, line",
    [
        ("1.\tOpening of the meeting", "1. Opening of the meeting"),
        ("b)\tSeed vault update", "b) Seed vault update"),
        ("iv.\tAny other business", "iv. Any other business"),
        ("Opening of the meeting\t2", "Opening of the meeting\t2"),  # a real cell gap stays a tab
    ],
)
def test_ingest_pdf_gap_after_a_list_marker_is_no_table_cell(tmp_path: Path, row: str, line: str) -> None:
    doc = load_source(make_pdf(f"Agenda\n{row}\n{row}", tmp_path / "r.pdf", width=300))
    assert lines_of(doc.text)[1] == line


def test_ingest_pdf_contents_entries_keep_leaders_and_page_number_on_one_line(tmp_path: Path) -> None:
    text = "Contents\nOpening of the meeting\t. . . . . . . . . . . . 2\nAny other business\t. . . . . . . . . . . . 3"
    doc = load_source(make_pdf(text, tmp_path / "r.pdf"))
    lines = lines_of(doc.text)
    assert [re.sub(r"[ .]+", " ", ln) for ln in lines[1:]] == ["Opening of the meeting 2", "Any other business 3"]


def test_ingest_pdf_running_headers_and_footers_are_dropped(tmp_path: Path) -> None:
    trees = "apple birch cedar damson elder fig ginkgo".split()
    crops = "beans chard kale leeks melons onions peas radish squash thyme turnips wheat yams".split()
    paragraphs = [f"The orchard group decided to plant {trees[k % 7]} trees next to the {crops[k % 13]}." for k in range(90)]
    doc = load_source(
        make_pdf("\n".join(paragraphs), tmp_path / "r.pdf", page_numbers=True, header="Lunar Orchards - page {page}")
    )
    assert "Lunar Orchards" not in doc.text
    assert lines_of(doc.text) == paragraphs
    assert_offsets_exact(doc)


_WRAPPED_PROSE = [
    "The orchard group met online and agreed on the next steps for the season, and",
    "after a short discussion led by Ms. Ottilie Brandvold-Achterberg, Ms. Vermeu-",
    "len reported that the open consultation of the orchard hubs was a truly multi-",
    "stakeholder exercise, that the hubs would be examined by the group, that co-",
    "ordination would move to the secretariat, and that a short and careful self-",
    "assessment was due in June. The group also thanked Dr. Quentin Marchetti and Ms.",
    "Nguyen for the translation of the report into three languages before the meeting.",
]


@pytest.mark.parametrize(
    "elsewhere, expected",
    [
        ("Rosalind Vermeulen, Civil society", "Ms. Vermeulen reported"),
        ("", "a truly multistakeholder exercise"),
        ("a multi-stakeholder group", "a truly multi-stakeholder exercise"),
        ("", "that coordination would move"),
        ("the co-chairs", "that co-ordination would move"),
        ("", "a short and careful selfassessment"),
        ("a self-assessment", "a short and careful self-assessment"),
        ("", "led by Ms. Ottilie Brandvold-Achterberg, Ms."),
        ("", "Marchetti and Ms. Nguyen for the translation"),
    ],
)
def test_ingest_wrap_hyphen_and_honorific_rejoin(elsewhere: str, expected: str) -> None:
    doc = source_from_text("\n".join(_WRAPPED_PROSE) + "\n\n" + elsewhere + "\n")
    assert expected in doc.text
    assert "\n" not in doc.text.split("\n\n")[0]
    assert_offsets_exact(doc)


def test_ingest_pdf_numbered_paragraphs_with_a_hanging_indent_are_joined(tmp_path):
    """UN-style numbered paragraphs: the lines under the number are the paragraph, not titles."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("numbered", fontName="Helvetica", fontSize=10, leading=13, leftIndent=28, firstLineIndent=-28)
    body = ("Progress reports from the subgroups. Dr Mehta, co-facilitator, reported that the subgroup on "
            "liability has completed its survey of national approaches and that the subgroup on labour has "
            "collected twenty case studies, most of them from Europe and North America.")
    path = tmp_path / "numbered.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(f"{n}.&nbsp;&nbsp;&nbsp;{body}", style) for n in (3, 4, 5)])
    text = load_source(path).text
    paragraphs = [ln for ln in text.splitlines() if ln.strip()]
    assert len(paragraphs) == 3, paragraphs
    assert all(p.startswith(f"{n}.") and p.rstrip().endswith("North America.") for n, p in zip((3, 4, 5), paragraphs))


def test_ingest_markdown_front_matter_becomes_header_lines(tmp_path):
    """Static-site Markdown puts the meeting in YAML front matter: it reads as the report's header."""
    from kg.parse import parse_report

    path = tmp_path / "meeting-22.md"
    path.write_text(
        '---\ntitle: "Example Working Group - Meeting 22"\ndate: 2025-03-18\ntime: "16:00 UTC"\nmeeting_no: 22\n'
        "participants:\n  - Ana Lopez (Example Foundation)\n  - 'Li Wen'\ntags: [youth, wsis]\n---\n\n"
        "# Notes\n\n- Ana Lopez opened the meeting.\n",
        encoding="utf-8",
    )
    doc = load_source(path)
    assert doc.text.startswith("Example Working Group - Meeting 22\nDate: 2025-03-18\n")
    assert "---" not in doc.text and "tags" not in doc.text
    m = parse_report(doc).meeting
    assert (m.title, m.date, m.number, m.start_time) == ("Example Working Group - Meeting 22", "2025-03-18", "22", "16:00")
    assert [p.name for p in parse_report(doc).participants] == ["Ana Lopez", "Li Wen"]


def test_ingest_a_rule_at_the_top_without_fields_is_left_alone(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\nJust a rule above the notes.\n---\n\nAna opened the call.\n", encoding="utf-8")
    assert "Just a rule above the notes." in load_source(path).text


@pytest.mark.parametrize("size", ["", ' size="9"', ' size="6"'])  # reportlab's default (80 %), 9 of 11 pt, 6 of 11 pt
def test_ingest_pdf_footnote_markers_leave_sentence_order_alone(tmp_path: Path, size: str) -> None:
    doc = load_source(
        make_footnoted_pdf(
            [
                "1. The fourth meeting of the Orchard Working Group was held online on 23 April 2031 from 15:00 to"
                f" 16:30 CEST.<super{size}>1</super> It was chaired by Ms Odile Brandt, co-facilitator of the group."
                " Eight members took part.",
                f"2. The Chair recalled the mandate of the group<super{size}>2</super> and proposed the agenda.",
            ],
            tmp_path / "r.pdf",
        )
    )
    assert lines_of(doc.text) == [
        "1. The fourth meeting of the Orchard Working Group was held online on 23 April 2031 from 15:00 to 16:30"
        " CEST. It was chaired by Ms Odile Brandt, co-facilitator of the group. Eight members took part.",
        "2. The Chair recalled the mandate of the group and proposed the agenda.",
    ]


@pytest.mark.parametrize("page_numbers", [False, True])
def test_ingest_pdf_footnotes_follow_the_last_page_so_a_sentence_runs_on(tmp_path: Path, page_numbers: bool) -> None:
    long = (
        "Odile Brandt reported on the grafting survey of the northern orchards and asked members to send their"
        " figures before the end of the month, since the next meeting of the group would need them for its plan"
        " of the harvest and for the report to the council"
    )
    run_on = " ".join(simpleSplit(long, "Helvetica", 10, 300)[:2])  # two full lines: the sentence runs on
    text = (
        f"Minutes of the Orchard Working Group\n\n{long}\n\n{run_on}\n\f\nwill be held on 3 June 2031.\n\n"
        "Annex: participants\n1. Odile Brandt\n2. Piet Jansen"
    )
    notes = {1: ["The survey closed on 2 May 2031.", "See the annex."]}
    doc = load_source(make_pdf(text, tmp_path / "r.pdf", width=300, footnotes=notes, page_numbers=page_numbers))
    assert lines_of(doc.text) == [
        "Minutes of the Orchard Working Group",
        long,
        run_on + " will be held on 3 June 2031.",
        "Annex: participants",
        "1. Odile Brandt",
        "2. Piet Jansen",
        "1The survey closed on 2 May 2031.",  # the marker stays, as the page sets it
        "2See the annex.",
    ]
    assert_offsets_exact(doc)


# --------------------------------------------------------------------------- line-number gutters


def _guttered(lines: list[str], first: int = 1) -> str:
    """``lines`` behind a right-aligned gutter of line numbers and a two-space gap."""
    width = len(str(first + len(lines) - 1))
    return "\n".join(f"{first + k:>{width + 2}}  {line}" if line else f"{first + k:>{width + 2}}" for k, line in enumerate(lines))


GUTTER_BODY = [
    "EXAMPLE NETWORK ON ORBITAL GARDENING (ENOG)",
    "Webinar 3: Seeds in orbit",
    "",
    "Panel:",
    "  Oskar Thordarson, Garden Alliance - co-facilitator",
    "  Li Wen, Ministry of Soil",
    "Oskar Thordarson (Garden Alliance): Welcome to the third webinar of the",
    "    network. Today we hear two reactions.",
    "Li Wen (Ministry of Soil): Thank you. The vault is full.",
    "Oskar Thordarson (Garden Alliance): Thank you all.",
]


@pytest.mark.parametrize("first", [1, 7, 98])
def test_ingest_removes_a_gutter_of_line_numbers_from_plain_text(first: int) -> None:
    doc = source_from_text(_guttered(GUTTER_BODY, first))
    assert doc.text.split("\n")[:6] == GUTTER_BODY[:6]
    assert "Oskar Thordarson (Garden Alliance): Welcome" in doc.text
    assert not re.search(r"(?m)^\s*\d", doc.text)
    assert_offsets_exact(doc)
    i = doc.text.index("Li Wen (Ministry")
    assert doc.original[doc.to_original(i) : doc.to_original(i) + 6] == "Li Wen"


# Texts whose numbers are content: never taken for a gutter.
NOT_GUTTERS = [
    ("numbered-list", "Agenda\n1. Opening\n2. Budget\n3. Survey\n4. Venue\n5. Next call\n6. Close\n"),
    ("numbered-parens", "1) Opening\n2) Budget\n3) Survey\n4) Venue\n5) Next call\n6) Close\n"),
    ("table", "Year  Members  Meetings\n2019  40  12\n2020  45  9\n2021  48  11\n2023  52  10\n2024  55  12\n"),
    ("counts", "12  Lucia Ferreira\n4  Kenji Mori\n9  Amara Okafor\n3  Tomasz Wrona\n7  Li Wen\n2  Ana Lopez\n"),
    ("few-lines", "1  Opening\n2  Budget\n3  Survey\n"),
    ("some-lines", "Minutes\nThe group met.\n1  Opening\n2  Budget\n3  Survey\n4  Venue\n5  Close\nIt ended.\nBye.\n"),
    ("one-space", "1 Opening\n2 Budget\n3 Survey\n4 Venue\n5 Next call\n6 Close\n"),
    ("only-numbers", "1\n2\n3\n4\n5\n6\n7\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_GUTTERS], ids=[c[0] for c in NOT_GUTTERS])
def test_ingest_keeps_numbers_that_are_not_a_gutter(text: str) -> None:
    assert strip_gutter(text) == text
    assert lines_of(source_from_text(text).text) == lines_of(text)


def test_ingest_gutter_with_tabs_or_left_aligned_numbers_is_removed() -> None:
    body = ["Chair: Lucia Ferreira", "Lucia: Welcome.", "Kenji: Thanks.", "Lucia: Next item.", "Kenji: Agreed.", "Lucia: Bye."]
    tabbed = "\n".join(f"{k + 1}\t{line}" for k, line in enumerate(body))
    assert strip_gutter(tabbed) == "\n".join(body)
    left = "\n".join(f"{k + 8:<4}{line}" for k, line in enumerate(body))
    assert strip_gutter(left) == "\n".join(body)


_GUTTER_LINE = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), _MARKUPISH, st.lists(_GUTTER_LINE, max_size=12).map(_guttered)))
def test_ingest_gutter_removal_never_raises_and_is_idempotent(text: str) -> None:
    once = strip_gutter(text)
    assert strip_gutter(once) == once
    assert len(once) <= len(text)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_GUTTER_LINE, min_size=1, max_size=30), first=st.integers(1, 5000))
def test_ingest_gutter_removal_gives_back_the_text_beside_it(lines: list[str], first: int) -> None:
    text = "\n".join(lines)
    if sum(bool(line.strip()) for line in lines) >= 5:
        assert strip_gutter(_guttered(lines, first)) == text
    if not re.search(r"(?m)^[ ]*\d", text):
        assert strip_gutter(text) == text  # no number opens a line: nothing to take


# --------------------------------------------------------------------------- caption files

CAPTIONS_VTT = """WEBVTT
Kind: captions

NOTE
Title: Example webinar
Date: 8 April 2031

STYLE
::cue { color: yellow }

1
00:00:01.000 --> 00:00:04.000
<v Lucia Ferreira>Welcome, everyone.</v>

2
00:00:04.200 --> 00:00:06.000 align:start
<v Lucia Ferreira>Kenji, Q&amp;A <i>first</i>?</v>

intro-3
00:00:06.500 --> 00:00:09.000
<v.loud Kenji Mori>Thanks.</v>
<v Lucia Ferreira>Go on.</v>
"""

CAPTIONS_VTT_TEXT = """Title: Example webinar
Date: 8 April 2031

Lucia Ferreira: Welcome, everyone. Kenji, Q&A first?

Kenji Mori: Thanks.

Lucia Ferreira: Go on.
"""

CAPTIONS_SRT = """1
00:00:01,000 --> 00:00:04,000
LUCIA FERREIRA: Welcome, everyone.

2
00:00:04,200 --> 00:00:06,000
Kenji, the floor is yours.

3
00:00:06,500 --> 00:00:09,000
>> KENJI MORI: Thanks.
"""

CAPTIONS_SRT_TEXT = "LUCIA FERREIRA: Welcome, everyone. Kenji, the floor is yours.\n\n>> KENJI MORI: Thanks.\n"


@pytest.mark.parametrize(
    ("text", "expected"), [(CAPTIONS_VTT, CAPTIONS_VTT_TEXT), (CAPTIONS_SRT, CAPTIONS_SRT_TEXT)], ids=["webvtt", "srt"]
)
def test_ingest_caption_file_becomes_a_transcript_with_its_offsets_mapped(text: str, expected: str) -> None:
    assert strip_captions(text).strip("\n") == expected.strip("\n")
    doc = source_from_text(text)
    assert doc.text.strip("\n") == expected.strip("\n")
    _check_map(doc)
    for name in ("Lucia Ferreira", "LUCIA FERREIRA", "Kenji Mori", "KENJI MORI"):
        for m in re.finditer(re.escape(name), doc.text):
            at = doc.to_original(m.start())
            assert doc.original[at : at + len(name)] == name


@pytest.mark.parametrize(
    "text",
    [
        "Notes\nStep one --> step two.\nThe survey closed.\n",  # an arrow in prose
        "Log\n00:00:01.000 --> 00:00:04.000\nOnly one cue.\n",  # one timing line is no caption file
        "Agenda\n1\n10:00 Opening\n2\n10:30 Budget\n",  # numbers and times, no cue timings
    ],
    ids=["arrow", "one-cue", "numbered-times"],
)
def test_ingest_text_without_cues_is_no_caption_file(text: str) -> None:
    assert strip_captions(text) == text


_CUE_VOICE = st.sampled_from(["", "<v Ana Lima>", "<v.loud Li Wen>", "<v >", "LI WEN: ", ">> ", "- ", "<v Ana Lima"])
_CUE_BODY = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=25)
_CUE_TEXT = st.tuples(_CUE_VOICE, _CUE_BODY, st.sampled_from(["", "</v>", "&amp;", "<i>x</i>", "\nmore words"]))
_CUE_ID = st.sampled_from(["", "7\n", "intro\n", "NOTE x\n"])
_CUE = st.tuples(_CUE_ID, st.sampled_from(["00:01.000", "00:00:01,500", "1:02:03.004"]), _CUE_TEXT)


def _caption_file(head: str, cues: list, sep: str) -> str:
    out = [head]
    for ident, time, (voice, body, tail) in cues:
        out.append(f"{ident}{time} --> 00:09:00.000\n{voice}{body}{tail}")
    return sep.join(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from(["WEBVTT", "WEBVTT - title\nKind: captions", "", "NOTE\nTitle: x", "STYLE\n::cue {}"]),
    cues=st.lists(_CUE, max_size=8),
    sep=st.sampled_from(["\n\n", "\n", "\n\n\n"]),
    noise=st.one_of(st.just(""), st.text(max_size=30), _MARKUPISH),
)
def test_ingest_caption_normalising_never_raises_is_idempotent_and_maps(head: str, cues: list, sep: str, noise: str) -> None:
    text = _caption_file(head, cues, sep) + noise
    once = strip_captions(text)
    assert strip_captions(once) == once
    try:
        doc = source_from_text(text)
    except IngestError:
        return
    _check_map(doc)


@pytest.mark.parametrize(("name", "text", "expected"), [("c.vtt", CAPTIONS_VTT, CAPTIONS_VTT_TEXT), ("c.srt", CAPTIONS_SRT, CAPTIONS_SRT_TEXT)])
def test_ingest_caption_files_are_read_by_their_own_extension(tmp_path: Path, name: str, text: str, expected: str) -> None:
    doc = load_source(write(tmp_path / name, text.encode()))
    assert (doc.fmt, doc.text.strip("\n")) == ("txt", expected.strip("\n"))


def test_ingest_docx_participant_table_with_merged_group_rows_is_read_as_a_roster(tmp_path: Path) -> None:
    """A group heading merged across the table is a one-cell line; the rows under it are its entries."""
    document = docx.Document()
    document.add_paragraph("Garden Working Group \u2013 Meeting 4")
    document.add_paragraph("3 March 2031")
    document.add_paragraph("Participants")
    rows = [
        ("Name", "Organisation", "Role"),
        ("Civil Society", "", ""),
        ("Ferreira, Zoë", "Garden Alliance", "Member"),
        ("Solvang Berg, Ingrid", "Soil Lab", "Member"),
        ("Secretariat", "", ""),
        ("Mensah, Kwame", "Garden Secretariat", ""),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
        if not cells[1]:
            table.cell(r, 0).merge(table.cell(r, 2))
    document.add_paragraph("Zoë Ferreira opened the meeting.")
    document.save(tmp_path / "r.docx")
    doc = load_source(tmp_path / "r.docx")
    assert "\nCivil Society\nFerreira, Zoë\tGarden Alliance\tMember\n" in doc.text
    found = parse_report(doc).participants
    assert [(p.name, p.group) for p in found] == [
        ("Zoë Ferreira", "Civil Society"),
        ("Ingrid Solvang Berg", "Civil Society"),
        ("Kwame Mensah", "Secretariat"),
    ]


def test_ingest_html_definition_list_of_participants_is_read_as_a_roster(tmp_path: Path) -> None:
    (tmp_path / "r.html").write_text(
        "<html><body><h1>Forum des jardins / Garden Forum \u2013 r\u00e9union 3</h1><p>3 March 2031</p>"
        "<h2>Ordre du jour / Agenda</h2><ol><li>Bienvenue / Welcome</li><li>Divers / Any other business</li></ol>"
        "<h2>Participants</h2><dl><dt>Zoë Ferreira</dt><dd>Garden Alliance (Chair)</dd>"
        "<dt>Dr Kwame Mensah</dt><dd>Soil Lab</dd></dl>"
        "<h2>Compte rendu / Summary</h2><p>Zoë Ferreira opened the meeting.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_source(tmp_path / "r.html")
    assert "Zoë Ferreira: Garden Alliance (Chair)\nDr Kwame Mensah: Soil Lab" in doc.text
    report = parse_report(doc)
    assert [(p.name, p.organisations) for p in report.participants] == [
        ("Zoë Ferreira", ("Garden Alliance",)),
        ("Kwame Mensah", ("Soil Lab",)),
    ]
