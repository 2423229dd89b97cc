"""Parse stage on the fictional sample in ``examples/``: one report per layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import load_source, source_from_text
from kg.model import Report, SourceDoc
from kg.parse import parse_report

MODES = ["raw", "normalised"]
SUMMARY = "wg-connect-12-summary.txt"
ACTIONS = "cif-meeting-iv-actions.txt"
CAPTIONS = "cif-open-consultation-day1-captions.txt"
MAIL = "wg-connect-11-mail.txt"
MARKDOWN = "wg-connect-13-notes.md"
WG = "MAG Working Group on Community Connectivity"

_cache: dict[tuple[str, str], Report] = {}


def _report(examples_dir: Path, name: str, mode: str) -> Report:
    if (name, mode) not in _cache:
        path = examples_dir / name
        if mode == "raw":
            text = path.read_text(encoding="utf-8")
            doc = SourceDoc(path=str(path), file_name=name, sha256="0" * 64, fmt=path.suffix[1:], text=text, original=text)
        else:
            doc = load_source(path)
        _cache[(name, mode)] = parse_report(doc)
    return _cache[(name, mode)]


def _inline(text: str) -> Report:
    return parse_report(SourceDoc(path="inline", file_name="inline.txt", sha256="0" * 64, fmt="txt", text=text, original=text))


def test_parse_examples_cover_every_layout(examples_dir: Path) -> None:
    reports = sorted(p.name for p in examples_dir.iterdir() if p.suffix in (".txt", ".md"))
    assert reports == sorted([SUMMARY, ACTIONS, CAPTIONS, MAIL, MARKDOWN])
    for name in reports:
        lines = (examples_dir / name).read_text(encoding="utf-8").splitlines()
        assert 40 <= len(lines) <= 120, name


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "layout", "series", "key", "number", "date", "time", "fmt", "chair"),
    [
        (SUMMARY, "summary", WG, "wg-connect", "12", "2025-03-14", "14:00", "online", "Priya Raman"),
        (ACTIONS, "actions", "CIF Steering Group", "cif-steering-group", "IV", "2025-03-18", "13:00", "online", None),
        (CAPTIONS, "transcript", None, None, None, "2025-03-20", "09:00", "hybrid", "Elena Varga"),
        (MAIL, "mail", WG, "wg-connect", "11", "2025-01-23", "06:00", "online", "Tomas Novak"),
        (MARKDOWN, "summary", WG, "wg-connect", "13", "2025-04-11", "13:00", "online", "Priya Raman"),
    ],
)
def test_parse_examples_meeting(examples_dir: Path, name, layout, series, key, number, date, time, fmt, chair, mode) -> None:
    r = _report(examples_dir, name, mode)
    m = r.meeting
    assert r.layout == layout
    assert (m.series, m.series_key, m.number, m.date, m.start_time, m.format, m.chair) == (
        series, key, number, date, time, fmt, chair
    )
    assert m.timezone == "UTC"


@pytest.mark.parametrize("mode", MODES)
def test_parse_examples_header_time_wins_over_text(examples_dir: Path, mode: str) -> None:
    m = _report(examples_dir, MARKDOWN, mode).meeting
    assert [(c.field, c.chosen, c.rejected) for c in m.conflicts] == [("start_time", "13:00", "14:00")]
    text = _report(examples_dir, MARKDOWN, mode).text
    c = m.conflicts[0]
    assert text[c.chosen_span[0] : c.chosen_span[1]] == "1 p.m. UTC"
    assert text[c.rejected_span[0] : c.rejected_span[1]] == "2 p.m. UTC"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "agenda", "mapping"),
    [
        (SUMMARY, ["Community network pilots", "GDC implementation follow-up", "Update from the Secretariat", "Input to the WSIS+20 review", "AoB"],
         [None, 0, 1, 2, 3, 4]),
        (ACTIONS, ["Adoption of the agenda", "Welcome from the Steering Group Chair", "Updates from the CIF Secretariat",
                   "Main session proposals for the annual meeting", "Any other business"], [1, 2, 3, 4]),
        (MAIL, ["Pilot site selection", "Survey on meeting times", "AoB"], [None, 0, 1, 2]),
        (MARKDOWN, ["Pilot results and the training kit", "GDC roadmap note", "WSIS+20 input", "AoB"], [None, 0, 1, 2, 3]),
    ],
)
def test_parse_examples_agenda_and_sections(examples_dir: Path, name: str, agenda: list[str], mapping: list, mode: str) -> None:
    r = _report(examples_dir, name, mode)
    assert [a.title for a in r.agenda] == agenda
    assert [s.agenda_index for s in r.sections] == mapping


@pytest.mark.parametrize("mode", MODES)
def test_parse_examples_agenda_sub_items(examples_dir: Path, mode: str) -> None:
    item = _report(examples_dir, MARKDOWN, mode).agenda[2]
    assert [(s.number, s.title) for s in item.sub_items] == [("a", "Affordability section"), ("b", "Timeline")]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (ACTIONS, [
            ("The CIF Secretariat will circulate the travel support criteria to all members by 25 March.", "CIF Secretariat", "2025-03-25", 1),
            ("Session facilitators should send revised proposals by 4 April.", "Session facilitators", "2025-04-04", 2),
            ("The Steering Group members will review the merged youth session and comment within two weeks.", "Steering Group members", "2025-04-01", 2),
            ("The CIF Secretariat will send the invitation for Meeting V.", "CIF Secretariat", None, 3),
        ]),
        (MAIL, [("Maja to circulate the revised survey by 7 February.", "Maja", "2025-02-07", 2)]),
        (SUMMARY, []),
    ],
)
def test_parse_examples_action_items(examples_dir: Path, name: str, expected: list[tuple], mode: str) -> None:
    r = _report(examples_dir, name, mode)
    assert [(a.text, a.owner, a.due, a.section_index) for a in r.actions] == expected
    for a in r.actions:
        assert r.text[a.start : a.end] == a.text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (SUMMARY, [
            ("Priya Raman", "List of participants", ("Group's Co-Chair",), ("Kestrel Networks",)),
            ("Tomas Novak", "List of participants", ("Group's Co-Chair", "IGF MAG member"), ()),
            ("Amara Okafor", "List of participants", (), ("Open Spectrum Alliance",)),
            ("Jean-Luc Moreau", "List of participants", ("Associate Professor",), ("Université du Rhône",)),
            ("Lucía Fernández Ortega", "List of participants", (), ("CIF Secretariat",)),
            ("Maja Lindqvist", "List of participants", ("Independent Expert",), ()),
            ("Hiroshi Tanaka", "List of participants", ("former IGF MAG Chair",), ()),
            ("Sofia Petrov", "List of participants", ("Independent Expert",), ()),
            ("Sam Whitfield", "List of participants", (), ("Community Radio Network",)),
            ("Sam Okoye", "List of participants", ("IGF MAG member",), ()),
            ("Kwame Asante", "List of participants", (), ("Ministry of Communications",)),
        ]),
        (ACTIONS, [
            ("Elena Varga", "Steering Group Chair", ("Steering Group Chair",), ("Steering Group",)),
            ("Karim N. Haddad", "Host Country Co-Chair", ("Host Country Co-Chair",), ()),
            ("Tomas Novak", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            ("Priya Raman", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            ("Sam Okoye", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            ("Inés Álvarez Ruiz", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            ("Ciarán Ó Briain", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            # after the page break the list goes on under the same heading
            ("Anne-Marie Sørensen", "Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
            ("Maja Lindqvist", "Other participants", (), ()),
            ("Amara Okafor", "Other participants", (), ()),
            ("Sam Whitfield", "Other participants", (), ()),
            ("Lucía Fernández Ortega", "CIF Secretariat", (), ("CIF Secretariat",)),
            ("Thi Lan Dinh", "CIF Secretariat", (), ("CIF Secretariat",)),
        ]),
        (MAIL, [
            ("Tomas Novak", "Participants", ("IGF MAG member",), ()),
            ("Priya Raman", "Participants", (), ("Kestrel Networks",)),
            ("Amara Okafor", "Participants", (), ("Open Spectrum Alliance",)),
            ("Jean-Luc Moreau", "Participants", (), ("Université du Rhône",)),
            ("Maja Lindqvist", "Participants", (), ()),
            ("Sam Whitfield", "Participants", (), ()),
        ]),
        (MARKDOWN, [
            ("Priya Raman", "List of participants (Annex 1)", (), ("Kestrel Networks",)),
            ("Tomas Novak", "List of participants (Annex 1)", ("IGF MAG member",), ()),
            ("Amara Okafor", "List of participants (Annex 1)", (), ("Open Spectrum Alliance",)),
            ("Jean-Luc Moreau", "List of participants (Annex 1)", (), ("Université du Rhône",)),
            ("Maja Lindqvist", "List of participants (Annex 1)", (), ()),
            ("Sofia Petrov", "List of participants (Annex 1)", ("Independent Expert",), ()),
            ("Hiroshi Tanaka", "List of participants (Annex 1)", ("former IGF MAG Chair",), ()),
            ("Sam Okoye", "List of participants (Annex 1)", ("IGF MAG member",), ()),
            ("Thi Lan Dinh", "List of participants (Annex 1)", (), ("CIF Secretariat",)),
        ]),
        (CAPTIONS, []),
    ],
)
def test_parse_examples_participants(examples_dir: Path, name: str, expected: list[tuple], mode: str) -> None:
    r = _report(examples_dir, name, mode)
    assert [(p.name, p.group, p.roles, p.organisations) for p in r.participants] == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "written"),
    [(ACTIONS, "Haddad\tKarim N."), (MARKDOWN, "Lindqvist, Maja"), (MARKDOWN, "Tanaka, Hiroshi")],
)
def test_parse_examples_names_as_written(examples_dir: Path, name: str, written: str, mode: str) -> None:
    assert written in [p.name_as_written for p in _report(examples_dir, name, mode).participants]


@pytest.mark.parametrize("mode", MODES)
def test_parse_examples_caption_turns(examples_dir: Path, mode: str) -> None:
    r = _report(examples_dir, CAPTIONS, mode)
    assert [(t.label, t.is_role) for t in r.turns] == [
        ("CHAIR", True),
        ("PRIYA RAMAN", False),
        ("TOMAS NOVAK", False),
        ("CHAIR", True),
        ("AUDIENCE MEMBER", True),
        ("PRIYA RAMAN", False),
        ("MODERATOR", True),
        ("MAJA LINDQVIST", False),
        ("CHAIR", True),
        ("LUCÍA FERNÁNDEZ ORTEGA", False),
        ("SPEAKER 2", True),
        ("LUCÍA FERNÁNDEZ ORTEGA", False),
        ("CHAIR", True),
    ]
    for t in r.turns:
        assert r.text[t.label_start : t.label_end] == t.label
        assert r.text[t.text_start : t.end] == t.text
        assert r.text[t.start : t.start + 2] == ">>"
    assert r.turns[2].text.startswith("Thank you, Priya.")
    assert r.turns[-1].text.endswith("(Session paused.)")
    assert [b.kind for b in r.blocks if b.kind != "blank"] == ["header", "boilerplate", "transcript"]


@pytest.mark.parametrize("mode", MODES)
def test_parse_examples_mail_message(examples_dir: Path, mode: str) -> None:
    r = _report(examples_dir, MAIL, mode)
    mail = r.mail
    assert mail is not None
    assert (mail.author, mail.author_email, mail.date) == ("Tomas Novak", "tomas.novak@example.org", "2025-01-27")
    assert mail.subject == "Summary of the 11th meeting (23 January)"
    # the meeting date is the minutes' own (23 January), not the message's nor the quoted history's
    assert r.meeting.date == "2025-01-23"
    assert r.meeting.title == mail.subject
    assert len(mail.quoted_spans) == 1
    qs, qe = mail.quoted_spans[0]
    assert r.text[qs:qe].startswith("On Fri, 24 Jan 2025") and r.text[qs:qe].rstrip().endswith("22 January.")
    assert mail.signature_span is not None
    ss, se = mail.signature_span
    assert r.text[ss:se].startswith("Best regards,") and "Co-chair, WG-Connect" in r.text[ss:se]
    hidden = [*mail.quoted_spans, mail.signature_span, (mail.start, mail.end)]
    for s in r.sections:
        for p in s.paragraphs:
            assert not any(p.start < e and a < p.end for a, e in hidden), p.text
    kinds = [b.kind for b in r.blocks if b.kind != "blank"]
    assert kinds[0] == "mail_headers" and kinds[-3:] == ["signature", "quoted", "boilerplate"]
    assert r.next_meeting is not None and (r.next_meeting.date, r.next_meeting.start_time) == ("2025-02-14", "14:00")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "urls"),
    [
        (MARKDOWN, {"https://example.org/wg-connect/gdc-note", "https://example.org/lab/measurements"}),
        (MAIL, {"https://lists.example.org/mailman/listinfo/wg-connect"}),
    ],
)
def test_parse_examples_links(examples_dir: Path, name: str, urls: set[str], mode: str) -> None:
    assert {link.url for link in _report(examples_dir, name, mode).links} == urls


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", [SUMMARY, ACTIONS, CAPTIONS, MAIL, MARKDOWN])
def test_parse_examples_blocks_tile_the_text(examples_dir: Path, name: str, mode: str) -> None:
    r = _report(examples_dir, name, mode)
    assert "".join(r.text[b.start : b.end] for b in r.blocks) == r.text
    assert all(a.end == b.start for a, b in zip(r.blocks, r.blocks[1:]))


@pytest.mark.parametrize("mode", MODES)
def test_parse_examples_first_names_stay_in_the_text(examples_dir: Path, mode: str) -> None:
    """Speakers named by first name only ("Priya noted") are left for resolution, in sentences with offsets."""
    r = _report(examples_dir, SUMMARY, mode)
    sentences = [x for s in r.sections for p in s.paragraphs for x in p.sentences]
    starts = {x.text.split()[0] for x in sentences}
    assert {"Amara", "Jean-Luc", "Sam", "Tomas", "Maja", "Lucía", "Priya"} <= starts


# --------------------------------------------------------------------------- inline cases


@pytest.mark.parametrize(
    ("text", "date", "source"),
    [
        # the minutes state no date: the message's own date stands in
        ("From: Nia Bello <nia@example.org>\nDate: Wed, 5 Mar 2025 18:00:00 -0500\nSubject: Re: [wg] notes\n\n"
         "Agenda\n\n1. Budget\n\n1. Budget\nNia noted that the budget is ready.\n", "2025-03-05", "Date"),
        # the minutes give a day without a year: the message supplies the year
        ("From: nia at example.org (Nia Bello)\nSubject: notes\nDate: Wed, 5 Mar 2025 18:00:00 +0000\n\n"
         "The 4th meeting of the Data Working Group (DWG) was held on 3 March.\n", "2025-03-03", "text"),
    ],
)
def test_parse_mail_date_falls_back_to_the_message(text: str, date: str, source: str) -> None:
    r = _inline(text)
    assert r.layout == "mail"
    assert r.meeting.date == date
    assert r.mail is not None and r.mail.author == "Nia Bello" and r.mail.author_email == "nia@example.org"
    span = r.meeting.span_of("date")
    assert span is not None
    where = r.text[span.start : span.end]
    assert ("2025" in where) == (source == "Date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Example Forum 2026 Advisory Group Meeting XII\n3 May 2026 | 10:00 UTC | Hybrid\n\n1. Budget\n\n- The chair presented it.\n",
         ("Example Forum Advisory Group", "example-forum-advisory-group", "XII", "2026-05-03", "10:00", "hybrid")),
        ("Data Working Group\nIn-person meeting\n\nSummary\n\nThe third meeting of the Data Working Group (DWG-\nData) "
         "took place on 9 June 2026 at 9 a.m. CET in Lyon.\n", ("Data Working Group", "dwg-data", "3", "2026-06-09", "09:00", "in person")),
    ],
)
def test_parse_meeting_fields_from_other_titles(text: str, expected: tuple) -> None:
    m = _inline(text).meeting
    assert (m.series, m.series_key, m.number, m.date, m.start_time, m.format) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nSed do eiusmod tempor incididunt.\n",
        "   \n\n  first real line  \nsecond\n",
        "a",
    ],
)
def test_parse_unrecognised_text_is_unknown(text: str) -> None:
    r = _inline(text)
    assert r.layout == "unknown"
    first = next(line for line in text.splitlines() if line.strip())
    assert r.meeting.title == " ".join(first.split())
    assert "".join(r.text[b.start : b.end] for b in r.blocks) == text


def test_parse_reads_text_built_by_ingest() -> None:
    doc = source_from_text("# Data Working Group\n\n## Agenda\n\n1. **Budget**\n\n## Discussion\n\n### 1. Budget\n\nNia noted it.\n", file_name="x.md")
    r = parse_report(doc)
    assert [a.title for a in r.agenda] == ["Budget"]
    assert [(s.title, s.agenda_index) for s in r.sections] == [("Budget", 0)]


def test_parse_examples_are_original(corpus_dir: Path, root_dir: Path) -> None:
    """No line of 50+ characters from the sample reports appears in the parser, its tests or the examples."""
    long_lines = {
        line.strip()
        for report in corpus_dir.glob("*.txt")
        for line in report.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) >= 50
    }
    files = [
        *sorted((root_dir / "examples").glob("*")),
        *sorted((root_dir / "kg" / "parse").rglob("*.py")),
        *sorted((root_dir / "kg" / "parse" / "patterns").glob("*.json")),
        *sorted((root_dir / "tests").glob("test_parse_*.py")),
    ]
    for path in files:
        if path.is_file():
            content = path.read_text(encoding="utf-8")
            copied = [line for line in long_lines if line in content]
            assert not copied, f"{path.name} copies report text: {copied[:1]}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a table with a header row naming its columns
        ("Participants\n\nName\tOrganisation\tRole\nNia Bello\tExample Org\tRapporteur\nKarim Haddad\tData Lab\t\n",
         [("Nia Bello", "Nia Bello", ("Rapporteur",), ("Example Org",)), ("Karim Haddad", "Karim Haddad", (), ("Data Lab",))]),
        ("Attendees (2):\n\nFirst name\tLast name\nNia\tBello\nKarim\tHaddad\n",
         [("Nia Bello", "Nia\tBello", (), ()), ("Karim Haddad", "Karim\tHaddad", (), ())]),
        # no header row: full names first, then affiliations
        ("List of participants\n\nNia Bello\tExample Org\nKarim Haddad\tData Lab\nAna Lima\tIndependent Expert\n",
         [("Nia Bello", "Nia Bello", (), ("Example Org",)), ("Karim Haddad", "Karim Haddad", (), ("Data Lab",)),
          ("Ana Lima", "Ana Lima", ("Independent Expert",), ())]),
        # apologies are not attendance
        ("Participants\n\n- Nia Bello (Example Org)\n\nApologies\n\n- Karim Haddad\n",
         [("Nia Bello", "Nia Bello", (), ("Example Org",))]),
        ("Present: Nia Bello, Karim Haddad and Ana Lima\n",
         [("Nia Bello", "Nia Bello", (), ()), ("Karim Haddad", "Karim Haddad", (), ()), ("Ana Lima", "Ana Lima", (), ())]),
    ],
)
def test_parse_participant_tables_and_inline_lists(text: str, expected: list[tuple]) -> None:
    r = _inline(text)
    assert [(p.name, p.name_as_written, p.roles, p.organisations) for p in r.participants] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Action items\n1. Karim to send the reminder by 12 April.\n2. Ana to draft the note.\n",
         [("Karim to send the reminder by 12 April.", "Karim", "2026-04-12"), ("Ana to draft the note.", "Ana", None)]),
        ("1. Budget\nThe budget was approved.\nACTION (Nia Bello): circulate the draft by 1 May.\n",
         [("circulate the draft by 1 May.", "Nia Bello", "2026-05-01")]),
        ("1. Letters\nThe chairs discussed the letter.\n\u2192 The chairs will reply to the letter.\n",
         [("The chairs will reply to the letter.", "chairs", None)]),
        ("1. Web\nAction: The Secretariat will update the page (owner: Karim Haddad).\n",
         [("The Secretariat will update the page (owner: Karim Haddad).", "Karim Haddad", None)]),
        ("Next steps\n\nKarim will book the room by 20 April.\nAna will send the agenda.\n\n2. Other\nNothing else.\n",
         [("Karim will book the room by 20 April.", "Karim", "2026-04-20"), ("Ana will send the agenda.", "Ana", None)]),
    ],
)
def test_parse_action_item_layouts(body: str, expected: list[tuple]) -> None:
    r = _inline(f"Data Working Group\n9 April 2026 at 14:00 UTC\n\n{body}")
    assert r.meeting.date == "2026-04-09"
    assert [(a.text, a.owner, a.due) for a in r.actions] == expected
    for a in r.actions:
        assert r.text[a.start : a.end] == a.text
