"""Parse stage, report structure in less common layouts.

Run-in bold headings, sentence ends before closing emphasis, agendas read
from numbered headings, agenda sentences and lettered items, tables of
contents, a heading right below the header's date, absent lists, and the
agenda of a transcript.  People and organisations are invented.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import source_from_text
from kg.model import SourceDoc
from kg.parse import parse_report
from kg.parse.agenda import find_agenda
from kg.parse.dates import find_dates
from kg.parse.headings import contents_lines, heading_kind, is_contribution
from kg.parse.sections import bold_lead
from kg.parse.sentences import split_sentences
from kg.parse.text import clean_region, split_lines

HTML_HEAD = "<html><body><h1>Kestrel WG call 7</h1><p>4 March 2025, 09:00 UTC</p>"
TEXT_HEAD = "Kestrel Working Group - Meeting 3 Minutes\n\n4 March 2025, 13:00 UTC\n\n"


def _html(body: str):
    return parse_report(source_from_text(HTML_HEAD + body + "</body></html>", file_name="inline.html"))


def _text(body: str, head: str = TEXT_HEAD):
    return parse_report(source_from_text(head + body))


def _kind_at(report, needle: str) -> str:
    i = report.text.index(needle)
    return next(b.kind for b in report.blocks if b.start <= i < b.end)


def _in_paragraph(report, needle: str) -> bool:
    i = report.text.index(needle)
    return any(p.start <= i < p.end for s in report.sections for p in s.paragraphs)


# --------------------------------------------------------------------------- run-in bold headings


@pytest.mark.parametrize(
    ("body", "titles", "first_paragraph"),
    [
        # unnumbered run-in headings: a run of them titles the sections
        (
            ("<p><b>Remote hub guidelines</b>. Ana Ruiz said the guidelines were ready.</p>"
            "<p><strong>Youth engagement</strong>: Bo Lind presented the youth plan.</p>"),
            ["Remote hub guidelines", "Youth engagement"],
            "Ana Ruiz said the guidelines were ready.",
        ),
        # numbered "Item N –" run-ins: the bold run is the title, even when short of the agenda's wording
        (
            ("<p><b>Item 1 \u2013 Scoring of proposals</b>. Ana Ruiz introduced the grid.</p>"
            "<p><b>Item 2 \u2013 Balancing themes</b>. Bo Lind observed that many proposals overlapped.</p>"),
            ["Scoring of proposals", "Balancing themes"],
            "Ana Ruiz introduced the grid.",
        ),
        # a full stop inside the bold run
        (
            ("<p><b>1. Opening of the call.</b> Ana Ruiz welcomed the members.</p>"
            "<p><b>2. Hub survey.</b> Bo Lind presented the results.</p>"),
            ["Opening of the call", "Hub survey"],
            "Ana Ruiz welcomed the members.",
        ),
    ],
)
def test_parse_run_in_bold_heading_starts_a_section(body: str, titles: list[str], first_paragraph: str) -> None:
    report = _html(body)
    assert [s.title for s in report.sections if s.title] == titles
    section = next(s for s in report.sections if s.title == titles[0])
    assert report.text[section.paragraphs[0].start : section.paragraphs[0].end] == first_paragraph
    assert section.start < section.paragraphs[0].start


@pytest.mark.parametrize(
    "body",
    [
        # labels and names in bold are not headings
        "<p><b>Note:</b> the deadline is Friday.</p><p><b>Reminder:</b> the survey closes soon.</p>",
        "<p><b>Ana</b> said that hubs need funds.</p><p><b>Bo</b> agreed with Ana on the funds.</p>",
        "<p><b>Ana Ruiz</b>: I think the hubs need funds.</p><p><b>Bo Lind</b>: I agree with that.</p>",
        # one bold lead-in is emphasis, not the report's way of titling sections
        "<p><b>Key message</b>: The hubs need funds.</p><p>Bo Lind agreed with that.</p>",
        # a bold run followed by lower case is part of the sentence
        "<p><b>Remote hubs</b> were discussed at length.</p><p><b>Youth panels</b> were discussed too.</p>",
    ],
)
def test_parse_bold_lead_that_is_no_heading_stays_in_the_paragraph(body: str) -> None:
    report = _html(body)
    assert [s.title for s in report.sections if s.title] == []


@pytest.mark.parametrize(
    ("raw", "lead"),
    [
        ("**Item 2 \u2013 Balancing themes**. Bo said so.", "Item 2 \u2013 Balancing themes"),
        ("**Opening.** The chair spoke.", "Opening"),
        ("__Youth track__: Ana presented.", "Youth track"),
        ("**Whole line bold**", None),
        ("Plain text with **bold** inside.", None),
    ],
)
def test_parse_bold_lead_spans_the_run(raw: str, lead: str | None) -> None:
    line = split_lines(raw)[0]
    found = bold_lead(line)
    if lead is None:
        assert found is None
    else:
        assert found is not None and line.clean.text[found.start : found.end] == lead


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("**Opening.** The chair spoke.", ["**Opening.**", "The chair spoke."]),
        ("__Hubs.__ Ana agreed.", ["__Hubs.__", "Ana agreed."]),
        ("It was *final.* Bo left.", ["It was *final.*", "Bo left."]),
        ("Ana met Dr. **Lind** there.", ["Ana met Dr. **Lind** there."]),
        ("See the **U.S.** Department.", ["See the **U.S.** Department."]),
    ],
)
def test_sentences_end_before_closing_emphasis(text: str, sentences: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == sentences


# --------------------------------------------------------------------------- agenda from numbered headings

NUMBERED_HEADINGS = (
    "1. Welcome and review of actions\n\n"
    "- Ana: welcomed members and confirmed that the previous actions were done.\n\n"
    "2. Newcomer outreach\n\n"
    "- Bo: suggested short webinars for newcomers ahead of the consultations.\n\n"
    "3. AOB\n\n"
    "- No other business was raised.\n"
)


def test_parse_numbered_headings_without_agenda_list_make_the_agenda() -> None:
    report = _text(NUMBERED_HEADINGS)
    titles = ["Welcome and review of actions", "Newcomer outreach", "AOB"]
    assert [a.title for a in report.agenda] == titles
    assert [a.number for a in report.agenda] == ["1", "2", "3"]
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title
    headed = [s for s in report.sections if s.title]
    assert [s.agenda_index for s in headed] == [0, 1, 2]


def test_parse_roman_outline_makes_the_agenda() -> None:
    body = (
        "I. Opening of the meeting\n\n"
        "1. The Chair, Ms. Ana Ruiz, opened the meeting and welcomed the new members of the group.\n\n"
        "II. Remote hubs\n\n"
        "2. Mr. Bo Lind said that the hubs had worked well and should be funded again next year.\n"
    )
    report = _text(body)
    assert [a.title for a in report.agenda] == ["Opening of the meeting", "Remote hubs"]


def test_parse_numbered_headings_after_a_participant_table_make_the_agenda() -> None:
    """A table of participants, a rule, then the outline: the first heading is no group of the table,
    and a title may open with a year ("5. 2026 work plan")."""
    body = (
        "Participants\n\n"
        "| Name | Role | Organisation |\n|------|------|--------------|\n"
        "| Ana Lopez | Co-facilitator | Example Institute |\n| Bo Lind | Member | Sample Networks |\n\n"
        "---\n\n"
        "## 1. Welcome and adoption of the agenda\n\nAna opened the call and the agenda was adopted.\n\n"
        "## 2. Subgroup updates\n\nBo reported that the subgroup had collected ten case studies.\n\n"
        "## 3. 2026 work plan\n\nAna explained that the plan would be decided early in the year.\n"
    )
    report = parse_report(source_from_text("# Example Network\n\n**Date:** 2 September 2025\n\n" + body, file_name="call.md"))
    assert [a.title for a in report.agenda] == ["Welcome and adoption of the agenda", "Subgroup updates", "2026 work plan"]
    assert [p.name for p in report.participants] == ["Ana Lopez", "Bo Lind"]


@pytest.mark.parametrize(
    "body",
    [
        # numbered paragraphs, not headings
        ("1. The Chair opened the meeting and recalled that the group had met twice since March.\n\n"
        "2. Ms. Ruiz said that the hubs had worked well and should be funded again next year.\n\n"
        "3. Mr. Lind agreed and proposed that the Secretariat prepare a short note on the hubs.\n"),
        # a single heading
        "1. Remote hubs\n\nAna Ruiz said that the hubs had worked well and should be funded again.\n",
        # an outline that starts late is a fragment
        ("4. Remote hubs\n\nAna Ruiz said that the hubs had worked well this year.\n\n"
        "5. AOB\n\nNo other business was raised at the meeting.\n"),
    ],
)
def test_parse_numbered_text_that_is_no_outline_gives_no_agenda(body: str) -> None:
    assert _text(body).agenda == ()


# --------------------------------------------------------------------------- numbered contributions

CONTRIBUTIONS = (
    "Agenda\n1. Remote hubs\n2. Any other business\n\n"
    "Remote hubs\n\n"
    "1. RUIZ: stressed that the hub review must stay open to newcomers.\n"
    "2. Ms. Lind: asked whether the regional hubs were consulted.\n"
    "3. Bo Tran \u2013 noted the gap.\n"
    "4. The Chair: closed the item.\n\n"
    "Any other business\n\n"
    "No other business was raised.\n"
)


def test_parse_numbered_contributions_are_paragraphs_not_headings() -> None:
    """ "4. OKAFOR: stressed that ..." is a speaker's numbered point: the agenda's titles head the sections."""
    report = _text(CONTRIBUTIONS)
    assert [s.title for s in report.sections] == ["Remote hubs", "Any other business"]
    assert [s.agenda_index for s in report.sections] == [0, 1]
    for needle in ("RUIZ: stressed", "Ms. Lind: asked", "Bo Tran \u2013 noted", "The Chair: closed"):
        assert _in_paragraph(report, needle)


def test_parse_sentence_numbered_after_contributions_is_a_paragraph() -> None:
    body = (
        "1. Ana Ruiz: welcomed the members.\n"
        "2. LIND: proposed a survey of the hubs.\n"
        "3. The Chair closed the meeting.\n"
    )
    report = _text(body)
    assert all(not s.title for s in report.sections)
    assert report.agenda == ()
    assert _in_paragraph(report, "The Chair closed")


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("OKAFOR: stressed that the review must stay open.", True),
        ("Ms. Lind: asked whether the hubs were consulted.", True),
        ("MENDES \u2013 noted that participation had grown", True),
        ("Mr. Mendes (Brazil): said the paper was ready.", True),
        ("Ana Ruiz: welcomed the members", True),
        ("The Chair: recalled the rules.", True),
        ("LIND: notes that the survey is late.", True),
        # titles
        ("Remote hubs", False),
        ("Youth track: proposed sessions", False),
        ("Co-chairs: reports on progress", False),
        ("Agenda: adopted without change.", False),
        ("Secretariat update: dates for IGF 2025", False),
        ("LIND: notes", False),
        ("Opening \u2013 Welcome by the Chair", False),
    ],
)
def test_parse_contribution_is_a_label_and_a_reporting_verb(text: str, statement: bool) -> None:
    assert is_contribution(text) is statement


# --------------------------------------------------------------------------- agenda forms

LETTERED = (
    "I. Introduction\n\n"
    "1. The meeting was held online and chaired by Ms. Ana Ruiz, who welcomed the members.\n\n"
    "2. The following agenda was adopted:\n"
    "(a) Opening of the meeting and adoption of the agenda;\n"
    "(b) Remote hubs;\n"
    "(c) Any other business and closing of the meeting.\n\n"
    "II. Opening of the meeting\n\n"
    "3. The Chair opened the meeting and recalled the work done since the last session.\n\n"
    "III. Remote hubs\n\n"
    "4. Mr. Bo Lind said that the hubs had worked well and should be funded again.\n"
)


@pytest.mark.parametrize(
    ("body", "titles", "numbers"),
    [
        (
            LETTERED,
            ["Opening of the meeting and adoption of the agenda", "Remote hubs",
             "Any other business and closing of the meeting"],
            ["a", "b", "c"],
        ),
        (
            ("The agenda was adopted as follows:\n"
            "a) Remote hubs;\n"
            "b) Youth track; and\n"
            "c) AOB.\n\n"
            "Remote hubs\n\nAna Ruiz said that the hubs had worked well and should be funded again.\n"),
            ["Remote hubs", "Youth track", "AOB"],
            ["a", "b", "c"],
        ),
        (
            ("Agenda\n1.\tAdoption of the agenda\n2.\tRemote hubs\n\n"
            "1. Adoption of the agenda\nThe agenda was adopted without changes by the members.\n"),
            ["Adoption of the agenda", "Remote hubs"],
            ["1", "2"],
        ),
        (
            # the agenda given in one sentence under a multi-level numbered heading
            ("1. Opening\n1.1 Welcome\nAna Ruiz welcomed the members.\n1.2 Adoption of the agenda\n"
            "The following agenda was adopted without changes: (1) Opening and adoption of the agenda; "
            "(2) Remote hubs; (3) Youth track; (4) Any other business.\n\n"
            "2. Remote hubs\nBo Lind said that the hubs had worked well.\n\n"
            "3. Youth track\nCyd Moe presented the track.\n\n4. Any other business\nNone was raised.\n\n"
            "5. Action items\n5.1 Bo Lind to circulate the hub report.\n"),
            ["Opening and adoption of the agenda", "Remote hubs", "Youth track", "Any other business"],
            ["1", "2", "3", "4"],
        ),
        (
            ("The members approved the following agenda: 1) Remote hubs, 2) Youth track and 3) AOB. "
            "Ana Ruiz chaired.\n\nRemote hubs\n\nBo Lind said that the hubs had worked well.\n"),
            ["Remote hubs", "Youth track", "AOB"],
            ["1", "2", "3"],
        ),
    ],
)
def test_parse_agenda_forms(body: str, titles: list[str], numbers: list[str]) -> None:
    report = _text(body)
    assert [a.title for a in report.agenda] == titles
    assert [a.number for a in report.agenda] == numbers
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title


@pytest.mark.parametrize(
    "body",
    [
        "The agenda was adopted: see (1) above and (2) below.\n",  # numbers that do not open the list
        "Ana Ruiz noted two points: (1) the hubs and (2) the track.\n",  # no agenda named before the colon
        "The following agenda was adopted: (1) Remote hubs.\n",  # one item is no list
    ],
)
def test_parse_agenda_sentence_needs_an_agenda_and_a_numbered_run(body: str) -> None:
    assert _text(body).agenda == ()


def test_parse_agenda_sentence_items_map_to_sections() -> None:
    report = _text(LETTERED)
    mapped = {s.title: s.agenda_index for s in report.sections}
    assert mapped["Opening of the meeting"] == 0
    assert mapped["Remote hubs"] == 1
    assert _kind_at(report, "(b) Remote hubs") == "agenda"


@pytest.mark.parametrize(
    "line",
    ["The agenda was adopted without changes.", "Agenda items were discussed at length:"],
)
def test_parse_sentence_about_the_agenda_is_no_agenda_heading(line: str) -> None:
    body = f"{line}\n(a) Remote hubs;\n(b) AOB.\n"
    assert _text(body).agenda == ()


AGENDA_TABLE = (
    "Record of discussion\n\n"
    "Agenda item\tDiscussion\n"
    "1. Remote hubs for the annual meeting\tAna Ruiz said that the hubs had worked well and asked that they be funded again.\n"
    "2. Youth track\tBo Lind presented the plan for the youth track and the members agreed to it.\n"
    "3. AOB\tNo other business was raised and the Chair closed the meeting.\n"
)


def test_parse_agenda_table_first_cells_are_the_items_and_rows_their_sections() -> None:
    report = _text(AGENDA_TABLE)
    assert [(a.number, a.title) for a in report.agenda] == [
        ("1", "Remote hubs for the annual meeting"), ("2", "Youth track"), ("3", "AOB")]
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title
    # the discussion cells stay in the text, each in the section of its item
    assert _in_paragraph(report, "Ana Ruiz said") and _in_paragraph(report, "Bo Lind presented")
    by_item = {report.agenda[s.agenda_index].title: s for s in report.sections if s.agenda_index is not None}
    youth = by_item["Youth track"]
    assert youth.start <= report.text.index("Bo Lind presented") < youth.end


MINUTES_TABLE = (
    "Record of discussion\n\n"
    "No.\tItem\tDiscussion\tAction\tResponsible\tDeadline\n"
    "1\tRemote hubs for the annual meeting\tAR said that the hubs had worked well and asked that they be funded again.\t"
    "Send the hub survey to the members.\tAR\t14 March 2025\n"
    "2\tYouth track\tBL presented the plan for the youth track and the members agreed to it.\t\t\t\n"
)


def test_parse_minutes_table_titles_after_a_number_column_are_the_agenda_and_rows_its_sections() -> None:
    report = _text(MINUTES_TABLE)
    assert [(a.number, a.title) for a in report.agenda] == [("1", "Remote hubs for the annual meeting"), ("2", "Youth track")]
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title
    by_item = {report.agenda[s.agenda_index].title: s for s in report.sections if s.agenda_index is not None}
    youth = by_item["Youth track"]
    assert youth.start <= report.text.index("BL presented") < youth.end
    assert _in_paragraph(report, "AR said") and _in_paragraph(report, "BL presented")


@pytest.mark.parametrize(
    "header",
    ["Item\tDiscussion and outcome", "Topic\tDiscussion / decisions", "Item\tSummary of discussion & outcome"],
)
def test_parse_agenda_table_discussion_column_joined_to_another_word(header: str) -> None:
    body = (
        f"{header}\n"
        "1. Remote hubs\tAna Ruiz said that the hubs had worked well and asked that they be funded again.\n"
        "2. Youth track\tBo Lind presented the plan for the youth track and the members agreed to it.\n"
    )
    report = _text(body)
    assert [(a.number, a.title) for a in report.agenda] == [("1", "Remote hubs"), ("2", "Youth track")]
    assert _in_paragraph(report, "Bo Lind presented")


@pytest.mark.parametrize(
    "subtitle", ["Summary of discussion", "Summary of the discussions", "Discussion summary"],
)
def test_parse_summary_subtitle_over_labelled_fields_stays_in_the_header(subtitle: str) -> None:
    head = (
        "Kestrel Policy Network\n\nWorking Group on Remote Hubs – Meeting 3\n\n"
        f"{subtitle}\n\n"
        "Date: Thursday 3rd April 2025   |   Time: 16:00 UTC   |   Platform: Zoom\n\n"
        "Facilitator: Marta Okafor\n\n"
    )
    report = parse_report(source_from_text(head + "Marta Okafor opened the meeting and welcomed the members.\n"))
    m = report.meeting
    assert (m.number, m.date, m.start_time, m.timezone) == ("3", "2025-04-03", "16:00", "UTC")
    assert _kind_at(report, subtitle) == "header"


@pytest.mark.parametrize(
    "head, number",
    [
        ("KESTREL FORUM\n\nReport of the 4th meeting of the Organising Committee\n\n", "4"),
        ("Compte rendu de la 12e réunion du Comité\nReport of the 12th meeting of the Committee\n\n", "12"),
        ("Kestrel Steering Group\n\nMinutes of the 2nd online call\n\n", "2"),
    ],
)
def test_parse_ordinal_numeral_in_a_header_line_numbers_the_meeting(head: str, number: str) -> None:
    text = head + "Date: 14 May 2025\n\nThe Chair opened the meeting and welcomed the members.\n"
    assert parse_report(source_from_text(text)).meeting.number == number


@pytest.mark.parametrize(
    "header",
    ["Item\tAction\tOwner", "No.\tItem\tLead", "Topic\tSpeaker\tTime"],
)
def test_parse_item_column_without_discussion_column_is_no_agenda_table(header: str) -> None:
    body = f"Notes\n\n{header}\n1\tRemote hubs\tAna Ruiz\n2\tYouth track\tBo Lind\n"
    assert [a.title for a in _text(body).agenda] != ["Remote hubs", "Youth track"]


def test_parse_header_table_rows_give_number_chair_and_utc_time() -> None:
    head = (
        "Kestrel Forum\n\n"
        "Meeting\tKestrel Steering Committee – Meeting No. 7 (2025)\n"
        "Date\tWednesday, 12 March 2025\n"
        "Time\t14:00–15:30 XYZT (02:00 UTC)\n"
        "Chair\tMarta Okafor (MO)\n\n"
    )
    report = parse_report(source_from_text(head + "MO opened the meeting and welcomed the members.\n"))
    m = report.meeting
    assert (m.number, m.date, m.start_time, m.timezone, m.chair) == ("7", "2025-03-12", "02:00", "UTC", "Marta Okafor")


def test_parse_agenda_table_of_titles_only_is_all_agenda() -> None:
    body = "Agenda item\tLead\n1. Remote hubs\tAna Ruiz\n2. Youth track\tBo Lind\n\nAna Ruiz opened the meeting.\n"
    report = _text(body)
    assert [a.title for a in report.agenda] == ["Remote hubs", "Youth track"]
    assert _kind_at(report, "2. Youth track") == "agenda"


def test_parse_action_table_is_no_agenda_table() -> None:
    body = "Action items\n\nItem\tAction\tOwner\n1. Remote hubs\tSend the survey\tAna Ruiz\n"
    assert _text(body).agenda == ()


def test_parse_agenda_sentence_broken_over_lines_introduces_lettered_items() -> None:
    """A PDF's lines out of order: the sentence naming the agenda ends two lines below."""
    body = (
        "1.  The meeting was held online. Eight members took part.\n"
        "2 and proposed the following agenda,\n"
        "2.  The Chair recalled the mandate of the Network\n"
        "which was adopted without amendment:\n"
        "(a)  Progress reports from the subgroups\n"
        "(b)  Any other business\n"
        "3.  Progress reports from the subgroups. Ana Ruiz reported on the survey.\n"
    )
    assert [(a.number, a.title) for a in _text(body).agenda] == [
        ("a", "Progress reports from the subgroups"), ("b", "Any other business")]


@pytest.mark.parametrize(
    "lines",
    [
        # the sentence naming the agenda ended before the colon's sentence
        "The agenda items were discussed in turn.\nThe following was agreed:\n(a) Remote hubs;\n(b) AOB.\n",
        # no list follows
        "The Chair proposed the following agenda,\nwhich was adopted:\nAna Ruiz opened the discussion.\n",
    ],
)
def test_parse_agenda_sentence_over_lines_needs_one_sentence_and_a_list(lines: str) -> None:
    assert _text(lines).agenda == ()


def test_parse_lettered_items_must_follow_one_another() -> None:
    body = "The following agenda was adopted:\n(a) Remote hubs;\n(c) AOB.\n"
    assert [a.title for a in _text(body).agenda] == ["Remote hubs"]


# --------------------------------------------------------------------------- tables of contents

SECTIONS = (
    "1. Opening of the meeting\n\nAna Ruiz opened the meeting and welcomed the members of the group.\n\n"
    "2. Remote hubs\n\nBo Lind said that the hubs had worked well and should be funded again.\n"
)


@pytest.mark.parametrize(
    "contents",
    [
        "Contents\n\n1. Opening of the meeting . . . . . . . . 2\n\n2. Remote hubs . . . . . . . . 2\n\n",
        "1. Opening of the meeting ........ 2\n2. Remote hubs ........ 3\n\n",
        "Table of contents\nOpening of the meeting\t2\nRemote hubs\t3\n\n",
        "Opening of the meeting\t2\nRemote hubs\t2\nAny other business\t3\n\n",
        "Opening of the meeting \u2026 2\nRemote hubs \u2026\u2026 3\n\n",
    ],
)
def test_parse_table_of_contents_is_boilerplate(contents: str) -> None:
    report = _text(contents + SECTIONS)
    assert [s.title for s in report.sections if s.title] == ["Opening of the meeting", "Remote hubs"]
    assert [a.title for a in report.agenda] == ["Opening of the meeting", "Remote hubs"]
    first_entry = next(line for line in contents.splitlines() if line[-1:].isdigit())
    assert _kind_at(report, first_entry) == "boilerplate"
    assert report.meeting.date == "2025-03-04"


@pytest.mark.parametrize(
    "text",
    [
        # a table with counts is not a table of contents
        "Group\tCount\nGovernment\t12\n",
        # one dotted entry alone is not
        "Opening . . . . . 2\n\nSome text follows here.\n",
    ],
)
def test_parse_lines_like_contents_entries_are_not_always_contents(text: str) -> None:
    assert contents_lines(split_lines(text)) == set()


# --------------------------------------------------------------------------- header


def test_parse_heading_below_the_date_ends_the_header() -> None:
    body = (
        "Opening of the meeting\n\n"
        "The co-chair Ana Ruiz opened the meeting and welcomed the members of the group to the call.\n\n"
        "Remote hubs\n\n"
        "Bo Lind presented the draft guidelines and asked for comments by the end of the month.\n"
    )
    report = _text(body)
    assert [s.title for s in report.sections] == ["Opening of the meeting", "Remote hubs"]
    assert _kind_at(report, "Opening of the meeting") == "section"
    assert _kind_at(report, "4 March 2025") == "header"


@pytest.mark.parametrize("place", ["Geneva, Palais des Nations", "Online | Zoom", "Hybrid meeting"])
def test_parse_place_below_the_date_stays_in_the_header(place: str) -> None:
    body = f"{place}\n\nThe co-chair Ana Ruiz opened the meeting and welcomed the members of the group to the call.\n"
    report = _text(body)
    assert _kind_at(report, place) == "header"
    assert [s.title for s in report.sections] == [""]


# --------------------------------------------------------------------------- absent lists


@pytest.mark.parametrize(
    "absent",
    ["Apologies: Carl Dunn, Dee Ek", "Regrets: Carl Dunn and Dee Ek"],
)
def test_parse_absent_list_is_claimed_not_discussion(absent: str) -> None:
    body = f"Present: Ana Ruiz, Bo Lind\n\n{absent}\n\n" + NUMBERED_HEADINGS
    report = _text(body)
    assert _kind_at(report, absent) == "participants"
    assert not _in_paragraph(report, absent)
    assert "Carl Dunn" not in [p.name for p in report.participants]


def test_parse_bold_absent_label_is_claimed_not_a_heading() -> None:
    report = _html(
        "<p><b>Attendees</b>: Ana Ruiz, Bo Lind</p><p><b>Apologies</b>: Carl Dunn, Dee Ek</p>"
        "<p>1. Remote hubs</p><p>Ana Ruiz said the hubs had worked well this year.</p>"
        "<p>2. AOB</p><p>No other business was raised.</p>"
    )
    assert _kind_at(report, "Carl Dunn") == "participants"
    assert not _in_paragraph(report, "Carl Dunn")
    assert [s.title for s in report.sections if s.title] == ["Remote hubs", "AOB"]


# --------------------------------------------------------------------------- transcripts


def test_parse_transcript_reads_its_agenda() -> None:
    text = (
        "KESTREL WG VIRTUAL MEETING II\nVERBATIM TRANSCRIPT\n\n4 March 2025\n\n"
        "AGENDA\n\n1. Adoption of the agenda\n2. Remote hubs\n3. Any other business\n\n* * *\n\n"
        "CHAIR ANA RUIZ: Good afternoon, colleagues. The agenda is adopted.\n\n"
        "MR. LIND: Thank you, Chair. The hubs worked well this year.\n\n"
        "CHAIR ANA RUIZ: Thank you. Any other business? None.\n\n"
        "MS. EK: Thank you, Chair, nothing from me.\n"
    )
    report = parse_report(source_from_text(text))
    assert report.layout == "transcript"
    assert [a.title for a in report.agenda] == ["Adoption of the agenda", "Remote hubs", "Any other business"]
    assert _kind_at(report, "2. Remote hubs") == "agenda"
    assert report.meeting.date == "2025-03-04"


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    ["**", "__", "Item 2 \u2013 ", "1.", "(a) ", "b) ", "\t", " . . . ", "....", "\u2026", " 2", "\n", "\n\n",
     "Contents", "The following agenda was adopted:", "Opening", "Remote hubs", ";", "; and", ". ", ": ", "Ana",
     "Agenda item\tDiscussion\n", "1. Remote hubs\t", "proposed the following agenda,\n",
     "which was adopted without amendment:\n", "(1) ", "2) ", "(2) ", "The agenda was adopted: ",
     "=====", "\n-----\n", "---", "AGENDA AS ADOPTED", "Programme\n", "Time (UTC)\tItem\n", "14:00\t",
     "10:00 - 10:30   ", "Topics: ", " \u00b7 ", "(b) ", "04.03.2025", "18/03", "Held online on "]
)
_DOCS = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS)
def test_parse_structure_readers_never_fail_and_stay_in_the_text(text: str) -> None:
    lines = split_lines(text)
    assert all(0 <= j < len(lines) for j in contents_lines(lines))
    for ln in lines:
        lead = bold_lead(ln)
        if lead is not None:
            assert 0 <= lead.start < lead.end <= lead.body <= len(ln.clean.text)
    agenda = find_agenda(lines, [None if ln.blank else heading_kind(ln) for ln in lines], set())
    for item in agenda.items if agenda else ():
        assert 0 <= item.start <= item.end <= len(text)
    doc = SourceDoc(path="generated", file_name="generated.md", sha256="0" * 64, fmt="md", text=text, original=text)
    report = parse_report(doc)
    for item in report.agenda:
        assert 0 <= item.start <= item.end <= len(report.text)
    for s in report.sections:
        assert s.agenda_index is None or 0 <= s.agenda_index < len(report.agenda)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS)
def test_parse_underlines_and_numeric_dates_stay_in_the_text(text: str) -> None:
    """Setext underlines mark only the line above them, and read as blank; numeric dates are real dates."""
    lines = split_lines(text)
    assert "".join(text[ln.start : ln.stop] for ln in lines) == text
    for ln in lines:
        assert ln.raw == text[ln.start : ln.end]
        assert not (ln.underline and ln.underlined)
        if ln.underline:
            assert ln.index > 0 and lines[ln.index - 1].underlined and ln.blank
        if ln.underlined:
            assert ln.index + 1 < len(lines) and lines[ln.index + 1].underline and not ln.blank
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert 1 <= d.month <= 12 and 1 <= d.day <= 31


def test_parse_key_messages_and_next_steps_are_action_items() -> None:
    report = _text(
        "Closing Session\n\nAna Lopez closed the Forum.\n\n"
        "Key messages and next steps\n\n"
        "- The Steering Group will submit the key messages to the Secretariat by 15 August 2025.\n"
        "- Kestrel Labs will share the draft plan with the Steering Group.\n"
    )
    assert [(a.owner, a.due) for a in report.actions] == [("Steering Group", "2025-08-15"), ("Kestrel Labs", None)]


# --------------------------------------------------------------------------- plain-text layouts: setext headings, programmes

SETEXT = (
    "KESTREL WORKING GROUP ON DATA COMMONS (KWG-DC)\n"
    "==============================================\n"
    "Online call No. 7 -- note for the record\n\n"
    "When    : Thursday 06.03.2025, 09:00-10:00 UTC\n"
    "Where   : Webex\n"
    "Record  : drafted by the support team, sent 10.03.2025\n\n\n"
    "AGENDA AS ADOPTED\n"
    "-----------------\n"
    "  (1) Opening and adoption of the agenda\n"
    "  (2) Data commons pilot in three cities\n"
    "  (3) Budget for the second half of 2025\n"
    "  (4) Any other business\n\n\n"
    "NOTES OF THE CALL\n"
    "-----------------\n\n"
    "(1) Opening\n\n"
    "Marta Lind opened the call and asked to take item 3 before item 2, as the treasurer had to leave early.\n\n"
    "(3) Money (taken before item 2)\n\n"
    "The treasurer, Omar Haddad, said the remaining budget covers two more workshops this year.\n\n"
    "(2) Pilot cities\n\n"
    "Ines Moreau reported that the pilot in the three cities is running on time and on budget.\n\n"
    "(4) AOB\n\n"
    "None was raised.\n"
)


def test_parse_setext_report_reads_header_agenda_and_sections() -> None:
    """Headings underlined with "====" / "----", a padded "Label : value" header with a dotted date,
    items numbered "(1)", and an item taken out of turn under its own number."""
    report = _text(SETEXT, head="")
    m = report.meeting
    assert (m.number, m.date, m.start_time, m.timezone) == ("7", "2025-03-06", "09:00", "UTC")
    assert [a.title for a in report.agenda] == [
        "Opening and adoption of the agenda", "Data commons pilot in three cities",
        "Budget for the second half of 2025", "Any other business",
    ]
    assert [(s.number, s.title, s.agenda_index) for s in report.sections] == [
        ("1", "Opening", 0), ("3", "Money (taken before item 2)", 2), ("2", "Pilot cities", 1), ("4", "AOB", 3),
    ]
    assert not _in_paragraph(report, "NOTES OF THE CALL")  # an underlined title is no paragraph
    assert _kind_at(report, "=====") == "header"


def test_parse_setext_headings_over_lists_and_short_text_head_sections() -> None:
    body = (
        "Opening\n-------\n- Ana welcomed all\n- Bo agreed\n\n"
        "Remote hubs\n-----------\nShort note.\n\n"
        "AOB\n===\nNone.\n"
    )
    report = _text(body)
    assert [(s.title, [p.text for p in s.paragraphs]) for s in report.sections] == [
        ("Opening", ["Ana welcomed all", "Bo agreed"]), ("Remote hubs", ["Short note."]), ("AOB", ["None."]),
    ]
    assert _kind_at(report, "Opening") == "section"


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        ("Agenda\n------\n1. Opening\n", ["Agenda"]),
        ("Title\n=====\n\nText\n", ["Title"]),
        ("Opening remarks\n--------\n", ["Opening remarks"]),  # at least half the title's length
        ("Opening remarks\n---\n", []),
        ("The meeting closed.\n-------------------\n", []),  # a sentence above a rule
        ("- an item\n---------\n", []),  # a list item above a rule
        ("Name\tRole\n----------\n", []),  # a table's row
        ("----\n----\n", []),
        ("\n------\n", []),
    ],
)
def test_parse_setext_underline_marks_the_heading_above(text: str, headings: list[str]) -> None:
    lines = split_lines(text)
    assert [ln.raw for ln in lines if ln.underlined] == headings
    for ln in lines:
        assert ln.underline == (ln.index > 0 and lines[ln.index - 1].underlined)
        if ln.underline:
            assert ln.blank


@pytest.mark.parametrize(
    ("programme", "titles"),
    [
        # a programme table: a "Time | Item" row, then the time slots; a page break leaves a blank line
        ("Time (UTC)\tItem\n\n14:00\tWelcome and introduction\n14:10\tPanel: data at the edge\n\n"
         "14:50\tQuestions from participants\n",
         ["Welcome and introduction", "Panel: data at the edge", "Questions from participants"]),
        # time ranges set out with spaces, a speaker column after the title
        ("10:00 - 10:10   Welcome and purpose\n10:10 - 10:50   Panel on local news\n10:50-11:00 UTC  Closing\n",
         ["Welcome and purpose", "Panel on local news", "Closing"]),
        ("Time\tSession\tSpeaker\n09:00\tOpening\tAna Ruiz\n09:30\tHub reports\tBo Lind\n", ["Opening", "Hub reports"]),
    ],
)
def test_parse_programme_time_slots_are_the_agenda(programme: str, titles: list[str]) -> None:
    body = (
        "Programme\n\n" + programme + "\n"
        "1. Opening\nAna Ruiz welcomed the speakers and explained the aim of the series of webinars.\n\n"
        "2. Panel\nBo Lind said that most newsrooms lack the staff to clean public data sets.\n"
    )
    report = _text(body)
    assert [a.title for a in report.agenda] == titles
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title
    assert _kind_at(report, titles[-1]) == "agenda"


@pytest.mark.parametrize(
    ("line", "titles", "numbers"),
    [
        ("Points covered: (a) draft brief \u00b7 (b) hub survey \u00b7 (c) AOB",
         ["draft brief", "hub survey", "AOB"], ["a", "b", "c"]),
        ("**Topics:** (1) annual report; (2) website refresh; (3) AOB",
         ["annual report", "website refresh", "AOB"], ["1", "2", "3"]),
        ("Agenda: a) Remote hubs | b) Youth track", ["Remote hubs", "Youth track"], ["a", "b"]),
    ],
)
def test_parse_labelled_agenda_on_one_line(line: str, titles: list[str], numbers: list[str]) -> None:
    report = _text(line + "\n\nAna Ruiz presented the draft brief and asked for comments by the end of May.\n")
    assert [(a.title, a.number) for a in report.agenda] == list(zip(titles, numbers))
    for item in report.agenda:
        assert clean_region(report.text, item.start, item.end).text == item.title


@pytest.mark.parametrize(
    "line",
    [
        "Topics: (a) hubs \u00b7 (c) AOB",  # letters that skip
        "Ana Ruiz noted: (a) the hubs \u00b7 (b) the track",  # no agenda label
        "Topics: (b) hubs \u00b7 (c) AOB",  # a run that does not open at (a)
    ],
)
def test_parse_labelled_line_without_an_agenda_run_is_no_agenda(line: str) -> None:
    assert _text(line + "\n").agenda == ()


def test_parse_numbered_outline_ends_the_participant_list_above_it() -> None:
    """A bulleted list and an apologies line, then "1. Opening" over running text: the outline is
    the agenda, not an entry of the list."""
    body = (
        "Participants\n\n- Lind, Bo (Youth Forum North) - chair\n- Ruiz, Ana (Open Youth Network)\n\n"
        "Apologies: Haddad, Omar (Youth Forum South).\n\n"
        "1. Opening\n\nBo opened the meeting and welcomed the members, two of whom were new.\n\n"
        "2. Mentoring scheme\n\nAna presented the results of the mentoring scheme for this year.\n"
    )
    report = _text(body)
    assert [a.title for a in report.agenda] == ["Opening", "Mentoring scheme"]
    assert [p.name for p in report.participants] == ["Bo Lind", "Ana Ruiz"]
    assert _kind_at(report, "1. Opening") == "section"


def test_parse_order_of_the_day_is_the_agenda() -> None:
    body = (
        "Order of the day\n1. Opening and adoption of the order of the day\n\n2. Venue and dates\n\n"
        "Approved by e-mail on 23/05/2025.\n\n"
        "1. Opening\n\n1.1 The Chair opened the meeting and the order of the day was adopted.\n\n"
        "2. Venue\n\n2.1 The secretariat reported that the venue is confirmed.\n\n"
        "3. Summary of actions\n\n3.1 Secretariat: sign the venue contract - by 30 May 2025.\n"
    )
    report = _text(body)
    assert [a.title for a in report.agenda] == ["Opening and adoption of the order of the day", "Venue and dates"]


@pytest.mark.parametrize(
    ("opening", "date", "time"),
    [
        ("Summary record\nHeld online on Monday 3 March 2025, 10:00\u201311:30 UTC. About 60 joined.", "2025-03-03", "10:00"),
        ("Held in Nairobi on 5 June 2025 at 09:00 UTC, with remote participation.", "2025-06-05", "09:00"),
    ],
)
def test_parse_header_held_sentence_without_a_verb_gives_date_and_time(opening: str, date: str, time: str) -> None:
    report = _text(opening + "\n\nAna Ruiz welcomed the participants and introduced the speakers of the panel.\n",
                   head="Heron Policy Forum - Webinar 3\n\n")
    assert (report.meeting.date, report.meeting.start_time) == (date, time)


def test_parse_agenda_intro_with_the_word_run_into_another_does_not_fail() -> None:
    """Found by hypothesis: "ContentsAgenda" holds the letters of "agenda" but not the word."""
    text = "ContentsAgenda item\tDiscussion\nwhich was adopted without amendment:\nItem 2 – __"
    assert parse_report(source_from_text(text)).source.text == text
