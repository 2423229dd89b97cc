"""Parse stage: action items written as tables (tab-separated rows, as ingest renders DOCX, HTML and Markdown tables)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docgen import make_docx, make_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import load_source, source_from_text
from kg.model import Report
from kg.parse import parse_report
from kg.parse.actions import guess_columns, header_columns
from kg.parse.text import clean

HEAD = "Outreach Group call 7\n12 March 2025\n\n"

TABLES = [
    pytest.param(
        "Action items\n\nAction\tOwner\tDue\n"
        "Circulate the draft call for proposals\tSecretariat\t14 March 2025\n"
        "Prepare a two-page note\tAna and Kwame\tOngoing\n",
        [
            ("Circulate the draft call for proposals", "Secretariat", "2025-03-14"),
            ("Prepare a two-page note", "Ana and Kwame", None),
        ],
        id="action-owner-due",
    ),
    pytest.param(
        "Next steps\n\n#\tWhat\tWho\tWhen\n"
        "1\tShare the evaluation grid\tSecretariat\t18 April\n"
        "2\tDraft the session descriptions\tLena Virtanen, Oskar Brandt\tTBD\n",
        [
            ("Share the evaluation grid", "Secretariat", "2025-04-18"),
            ("Draft the session descriptions", "Lena Virtanen, Oskar Brandt", None),
        ],
        id="number-what-who-when",
    ),
    pytest.param(
        "Follow-up actions\n\nTask\tResponsible\tDeadline\tStatus\n"
        "Publish the meeting summary\tMira Solano / Oskar Brandt\t20 May 2025\tIn progress\n",
        [("Publish the meeting summary", "Mira Solano / Oskar Brandt", "2025-05-20")],
        id="status-column",
    ),
    pytest.param(
        "Action items\n\nItem\tAction\tLead\n1\tBook the room for the workshop\tSecretariat\n",
        [("Book the room for the workshop", "Secretariat", None)],
        id="item-number-beside-action",
    ),
    pytest.param(
        "Action items\n\nAction\tOwner(s)\tDue date\n"
        "Send the minutes to members\t\t9 June 2025\n"
        "The Secretariat will book the room\t\tTBC\n",
        [
            ("Send the minutes to members", None, "2025-06-09"),
            ("The Secretariat will book the room", "Secretariat", None),
        ],
        id="empty-owner-cell-falls-back-to-the-subject",
    ),
    pytest.param(
        "Action items\n\n"
        "Send the minutes to members\tOskar Brandt\t9 June 2025\n"
        "Book the room for the workshop\tSecretariat\tOngoing\n",
        [
            ("Send the minutes to members", "Oskar Brandt", "2025-06-09"),
            ("Book the room for the workshop", "Secretariat", None),
        ],
        id="no-header-under-heading-date-column",
    ),
    pytest.param(
        "Action items\n\nAgreed follow-ups\tPerson in charge\tTarget\n"
        "Send the minutes to members\tOskar Brandt\t9 June 2025\n"
        "Book the room for the workshop\tSecretariat\t12 June 2025\n",
        [
            ("Send the minutes to members", "Oskar Brandt", "2025-06-09"),
            ("Book the room for the workshop", "Secretariat", "2025-06-12"),
        ],
        id="unknown-header-words-under-heading",
    ),
    pytest.param(
        "Action items\n\nThe group agreed the following:\n\nAction\tOwner\nSend the minutes to members\tOskar Brandt\n",
        [("Send the minutes to members", "Oskar Brandt", None)],
        id="lead-in-line-then-table",
    ),
    pytest.param(
        "Discussion\n\nThe group reviewed the plan.\n\nAction\tOwner\tDue\n"
        "Send the minutes to members\tOskar Brandt\t9 June\n",
        [("Send the minutes to members", "Oskar Brandt", "2025-06-09")],
        id="no-heading-header-names-action-and-owner",
    ),
]


def _parse(text: str) -> Report:
    return parse_report(source_from_text(text))


def _triples(report: Report) -> list[tuple[str, str | None, str | None]]:
    return [(a.text, a.owner, a.due) for a in report.actions]


def _assert_offsets(report: Report) -> None:
    """Each action's span says its text; a cell wrapped over table lines has the other cells of
    its row in between (after a tab, or on a line of their own: "Action\n3 May\na"), so there
    the text's words come in order from the span's."""
    text = report.source.text
    for a in report.actions:
        assert 0 <= a.start <= a.end <= len(text)
        said = clean(text[a.start : a.end]).text
        if said != a.text:
            words = iter(said.split())
            assert all(w in words for w in a.text.split()), (said, a.text)
            assert "\n" in text[a.start : a.end]


@pytest.mark.parametrize(("body", "expected"), TABLES)
def test_parse_action_table_gives_text_owner_and_due(
    body: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)
    assert report.participants == ()


def test_parse_action_table_is_no_participant_list() -> None:
    report = _parse(
        HEAD
        + "Participants\n\nLena Virtanen\tNordic Network\nOskar Brandt\tCivic Tech Alliance\nMira Solano\tOpen Data Lab\n\n"
        + "Action items\n\nAction\tOwner\tDue\n"
        + "Circulate the draft call\tSecretariat\t14 March 2025\nPrepare a two-page note\tAna and Kwame\tOngoing\n"
        + "Update the mailing list\tOskar Brandt\t21 March\n"
    )
    assert [p.name for p in report.participants] == ["Lena Virtanen", "Oskar Brandt", "Mira Solano"]
    assert [a.owner for a in report.actions] == ["Secretariat", "Ana and Kwame", "Oskar Brandt"]
    assert [a.due for a in report.actions] == ["2025-03-14", None, "2025-03-21"]


@pytest.mark.parametrize(
    ("body", "participants"),
    [
        pytest.param(
            "Participants\n\nLena Virtanen\tNordic Network\nOskar Brandt\tCivic Tech Alliance\n\n"
            "Action\tOwner\tDue\nSend the minutes to members\tOskar Brandt\t9 June\n",
            ["Lena Virtanen", "Oskar Brandt"],
            id="roster-then-action-table-without-heading",
        ),
        pytest.param(
            "Next steps\n\nLena Virtanen\tNordic Network Civic Group\nOskar Brandt\tCivic Tech Alliance\n"
            "Mira Solano\tOpen Data Lab\n",
            ["Lena Virtanen", "Oskar Brandt", "Mira Solano"],
            id="roster-under-actions-heading-has-no-date-column",
        ),
        pytest.param(
            "Lena Virtanen\tNordic Network\nOskar Brandt\tCivic Tech Alliance\nMira Solano\tOpen Data Lab\n",
            ["Lena Virtanen", "Oskar Brandt", "Mira Solano"],
            id="headingless-roster",
        ),
    ],
)
def test_parse_tab_rosters_stay_participant_lists(body: str, participants: list[str]) -> None:
    report = _parse(HEAD + body)
    assert [p.name for p in report.participants] == participants
    assert all(a.owner != "Owner" and "Virtanen" not in a.text for a in report.actions)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "What\tWhen\tWhere\nOpening session\t10 June\tRoom A\nClosing session\t12 June\tRoom B\n", id="schedule"
        ),
        pytest.param("Action items\n\nBudget\t2024\t2025\nTravel\t10\t12\nVenue\t5\t6\n", id="figures"),
        pytest.param("Action items\n\nSend the note\tAna\tRoom A\tMonday\n", id="no-date-column"),
    ],
)
def test_parse_tables_that_are_not_action_tables_give_no_actions(body: str) -> None:
    assert _parse(HEAD + body).actions == ()


@pytest.mark.parametrize(
    ("cells", "kinds"),
    [
        (["Action", "Owner", "Due"], ["action", "owner", "due"]),
        (["#", "What", "Who", "When"], ["number", "action", "owner", "due"]),
        (["**Task**", "Responsible:", "Deadline", "Status"], ["action", "owner", "due", "status"]),
        (["Action item", "Owner(s)", "Comments"], ["action", "owner", "other"]),
        (["Name", "Organisation"], None),
        (["Action", "Comments", "Notes"], None),
        (["Item", "Time", "Speaker"], None),
    ],
)
def test_parse_action_table_header_names_the_columns(cells: list[str], kinds: list[str] | None) -> None:
    assert header_columns(cells) == kinds


@pytest.mark.parametrize(
    ("rows", "kinds"),
    [
        ([["Send the minutes to members", "Oskar", "9 June"]], ["action", "owner", "due"]),
        ([["1", "Send the minutes to members", "9 June", "Open"]], ["number", "action", "due", "status"]),
        ([["Send the minutes to members", "by 9 June"], ["Book the room", "TBD"]], ["action", "due"]),
        ([["Lena Virtanen", "Nordic Network"]], None),
        ([["Send the minutes", "Oskar", "Ana", "9 June"]], None),
        ([["Send the note", "Review the long paper carefully", "9 June"]], None),
    ],
)
def test_parse_action_table_columns_are_guessed_only_when_plain(rows: list[list[str]], kinds: list[str] | None) -> None:
    assert guess_columns(rows) == kinds


ACTION_TEXT = (
    "Action items\n\nAction\tOwner\tDue\n"
    "Circulate the draft call\tSecretariat\t14 March 2025\nPrepare a two-page note\tAna and Kwame\tOngoing\n"
)


def _markdown(text: str) -> str:
    """Tab-separated lines as Markdown pipe tables, a rule under each table's first row."""
    out: list[str] = []
    previous = ""
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if "\t" not in previous:
                out.append("|" + "---|" * len(cells))
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_parse_action_table_from_each_format(fmt: str, tmp_path: Path) -> None:
    text = HEAD + "Participants\n\nLena Virtanen\tNordic Network\nOskar Brandt\tCivic Tech Alliance\n\n" + ACTION_TEXT
    path = tmp_path / f"report.{fmt}"
    if fmt == "docx":
        make_docx(text, path)
    elif fmt == "html":
        make_html(text, path)
    else:
        path.write_text(_markdown(text), encoding="utf-8")
    report = parse_report(load_source(path))
    assert _triples(report) == [
        ("Circulate the draft call", "Secretariat", "2025-03-14"),
        ("Prepare a two-page note", "Ana and Kwame", None),
    ]
    assert [p.name for p in report.participants] == ["Lena Virtanen", "Oskar Brandt"]
    _assert_offsets(report)


_cell = st.one_of(
    st.sampled_from(
        ["Action", "Owner", "Due", "#", "What", "Who", "When", "Status", "Ongoing", "TBD", "3 May", "1", ""]
    ),
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=30),
)
_row = st.lists(_cell, min_size=1, max_size=5).map("\t".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Action items\n\n", "Next steps\n", "Notes\n\n", ""]), st.lists(_row, max_size=8))
def test_parse_any_table_under_any_heading_keeps_offsets(heading: str, rows: list[str]) -> None:
    report = _parse(HEAD + heading + "\n".join(rows) + "\n")
    _assert_offsets(report)


def test_parse_an_agenda_table_is_not_action_items() -> None:
    """"Time | Item | Lead" outside an actions heading is the programme, not a list of actions."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Example Working Group call 14\n4 March 2025\n\nProgramme\n\n"
        "Time\tItem\tLead\n13:00\tWelcome and adoption of the agenda\tAna Lopez\n"
        "13:10\tRemote hubs and hybrid participation\tLi Wen\n13:40\tAOB\tAna Lopez\n\n"
        "Ana Lopez opened the call.\n"
    )
    assert parse_report(source_from_text(text)).actions == ()


def test_parse_action_table_rows_wrapped_in_a_narrow_column() -> None:
    """A PDF table in a narrow column wraps its cells onto the next lines, empty cells dropped."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Example Working Group call 14\n4 January 2025\n\nAna Lopez opened the call.\n\nAction items\n"
        "Action\tOwner\tDue\n"
        "Circulate the survey of remote\tAna Lopez\t31 January\nhubs\t2025\n"
        "Revise the draft guidelines for\tKwame Asante\t7 February\nremote moderators\t-Boateng\t2025\n"
        "Contact NRI focal points on a\tLi Wen\t10\nmoderator training module\tFebruary\n2025\n"
    )
    actions = parse_report(source_from_text(text)).actions
    assert [(a.text, a.owner, a.due) for a in actions] == [
        ("Circulate the survey of remote hubs", "Ana Lopez", "2025-01-31"),
        ("Revise the draft guidelines for remote moderators", "Kwame Asante-Boateng", "2025-02-07"),
        ("Contact NRI focal points on a moderator training module", "Li Wen", "2025-02-10"),
    ]
    assert all(text[a.start:a.end].startswith(a.text.split()[0]) for a in actions)


@pytest.mark.parametrize(
    "sentence, owner",
    [
        ("Dr. Nwosu to circulate the survey by 28 February.", "Dr Nwosu"),
        ("Mr. Brenner (IGF Secretariat) to send the invitation.", "Mr Brenner"),
        ("The Secretariat will book the room.", "Secretariat"),
        ("Send the note to members.", None),
    ],
)
def test_parse_action_owner_after_a_title(sentence: str, owner: str | None) -> None:
    from kg.parse.actions import find_owner

    assert find_owner(sentence) == owner


def test_parse_actions_under_a_numbered_next_steps_section() -> None:
    """"5. Next steps" is a section of the discussion whose list is the actions."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Example Best Practice Forum call 3\n4 February 2025\n\n1. Welcome\n\nAna Lopez opened the call.\n\n"
        "2. Next steps\n\nThe following actions were agreed:\n\n"
        "- Dr. Li Wen to circulate the survey by 28 February 2025.\n- Ms. Lopez to draft the outline.\n"
    )
    report = parse_report(source_from_text(text))
    assert [(a.owner, a.due) for a in report.actions] == [("Dr Li Wen", "2025-02-28"), ("Ms Lopez", None)]
    assert [s.title for s in report.sections if s.title] == ["Welcome", "Next steps"]


@pytest.mark.parametrize(
    ("cells", "kinds"),
    [
        (["Action", "Responsable / Owner", "Échéance / Due"], ["action", "owner", "due"]),
        (["Tâche / Task", "Qui (Who)", "Quand | When"], ["action", "owner", "due"]),
        (["Action", "Responsable", "Échéance"], ["action", "owner", "due"]),
        (["Action", "Owner / Due"], None),
        (["Name / Nom", "Organisation"], None),
    ],
)
def test_parse_action_table_header_in_two_languages_names_the_columns(cells: list[str], kinds: list[str] | None) -> None:
    """A header cell that gives its name in two languages is named by the part the vocabulary knows;
    a cell whose parts name two different columns names none."""
    assert header_columns(cells) == kinds


BILINGUAL_AND_NUMBERED = [
    pytest.param(
        "Actions / Mesures\n\nAction\tResponsable / Owner\tÉchéance / Due\n"
        "Send the draft programme to the committee\tLV\t13 June 2025\n"
        "Book the venue for the national forum\tOBK\tnext meeting\n",
        [
            ("Send the draft programme to the committee", "LV", "2025-06-13"),
            ("Book the venue for the national forum", "OBK", None),
        ],
        id="bilingual-header-initials-as-owners",
    ),
    pytest.param(
        "Action points\n\n#\tAction\tOwner\tDue\n"
        "1 Publish the mapping of initiatives\tLena Virtanen\t1 July 2025\n"
        "Page 2 of 3\n"
        "2 Revise the two case studies\tOskar Brandt\t30 June 2025\n\n"
        "3 Send the speaker list to the Secretariat\tMira Solano\t\u2014\n",
        [
            ("Publish the mapping of initiatives", "Lena Virtanen", "2025-07-01"),
            ("Revise the two case studies", "Oskar Brandt", "2025-06-30"),
            ("Send the speaker list to the Secretariat", "Mira Solano", None),
        ],
        id="number-run-into-action-cell-page-break-blank-lines",
    ),
    pytest.param(
        "Action points\n\n#\tAction\tOwner\tDue\n"
        "1 Publish the mapping of initiatives on the\tLena Virtanen\t1 July 2025\n"
        "website\n"
        "2 Revise the two case studies\tOskar Brandt\t30 June 2025\n",
        [
            ("Publish the mapping of initiatives on the website", "Lena Virtanen", "2025-07-01"),
            ("Revise the two case studies", "Oskar Brandt", "2025-06-30"),
        ],
        id="number-column-and-a-cell-wrapped-over-a-page-break",
    ),
]


@pytest.mark.parametrize(("body", "expected"), BILINGUAL_AND_NUMBERED)
def test_parse_action_table_bilingual_or_numbered_gives_text_owner_and_due(
    body: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)


# --------------------------------------------------------------------------- registers, task lists, lead-ins

LISTS = [
    pytest.param(
        "Notes\n\nThe group discussed the outline.\n\n"
        "DECISIONS\n\n"
        "D1  The group will contribute a chapter to the main session.\n"
        "D2  The group will send a written input to the review.\n\n"
        "ACTIONS\n\n"
        "A1  Lena - circulate the revised outline to the list - by 19 March 2025\n"
        "A2  Oskar Brandt - prepare a first draft of the input - by 2 April 2025\n",
        [
            ("circulate the revised outline to the list", "Lena", "2025-03-19"),
            ("prepare a first draft of the input", "Oskar Brandt", "2025-04-02"),
        ],
        id="register-decisions-are-not-actions",
    ),
    pytest.param(
        "Actions\n\n"
        "A1  Lena - circulate the revised outline - by 19 March 2025\n"
        "A2  Oskar - prepare a first draft of the input - by 2 April 2025 A3  Mira - set up a joint call "
        "A4  Kwame - share the consultation dates with the list - by 26 March 2025\n",
        [
            ("circulate the revised outline", "Lena", "2025-03-19"),
            ("prepare a first draft of the input", "Oskar", "2025-04-02"),
            ("set up a joint call", "Mira", None),
            ("share the consultation dates with the list", "Kwame", "2025-03-26"),
        ],
        id="register-entries-run-together-on-one-line",
    ),
    pytest.param(
        "Decisions and actions\n\n"
        "D1  The report was adopted.\n"
        "A1  Secretariat - publish the report on the website - by 4 April\n"
        "A2  Mira Solano - draft the A3 section of the annex\n",
        [
            ("publish the report on the website", "Secretariat", "2025-04-04"),
            ("draft the A3 section of the annex", "Mira Solano", None),
        ],
        id="register-under-decisions-and-actions-next-number-only-cuts",
    ),
    pytest.param(
        "Actions\n\n"
        "A1  Lena - circulate the revised outline to the coalition list and to the\n"
        "    partner networks - by 19 March 2025\n",
        [("circulate the revised outline to the coalition list and to the partner networks", "Lena", "2025-03-19")],
        id="register-entry-wrapped-onto-an-indented-line",
    ),
    pytest.param(
        "## \u2705 What went well\n\n- @lena.v: the workshop filled the room.\n\n"
        "## \U0001f4cc Action items\n\n"
        "- [ ] **@lena.v** \u2014 share the concept note with the group \u00b7 due 2025-05-20\n"
        "- [ ] Oskar Brandt to book the room for the workshop\n"
        "- [x] ~~@mira_s \u2014 shorten the reporting template~~ (done during the call)\n",
        [
            ("share the concept note with the group", "@lena.v", "2025-05-20"),
            ("Oskar Brandt to book the room for the workshop", "Oskar Brandt", None),
            ("shorten the reporting template", "@mira_s", None),
        ],
        id="markdown-task-list-under-a-decorated-heading",
    ),
    pytest.param(
        "Action items:\n"
        "[ ] Lena \u2013 draft the comments on the paper, circulate to list \u2013 2 April\n"
        "[ ] Oskar \u2013 circulate a poll on the call times \u2013 TBD\n",
        [
            ("draft the comments on the paper, circulate to list", "Lena", "2025-04-02"),
            ("circulate a poll on the call times", "Oskar", None),
        ],
        id="bare-checkboxes-owner-task-due-fields",
    ),
    pytest.param(
        "Notes\n\nLena Virtanen opened the call and the group reviewed the draft outline of the report.\n\nActions / Acciones\n\n- Lena \u2013 send the minutes to members\n",
        [("send the minutes to members", "Lena", None)],
        id="bilingual-actions-heading",
    ),
    pytest.param(
        "Action items\n\n- Send the note \u2013 all members by 5 May\n- WSIS+20 \u2013 prepare the input note\n",
        [
            ("Send the note \u2013 all members by 5 May", None, "2025-05-05"),
            ("WSIS+20 \u2013 prepare the input note", None, None),
        ],
        id="a-first-field-that-names-no-owner-stays-text",
    ),
    pytest.param(
        "Summary\n\n10.  Conclusions. The Chair noted broad agreement and proposed the following next steps, "
        "which were agreed:\n"
        "(a)  the drafting leads will submit draft sections of the brief by 16 May 2025;\n"
        "(b)  the Secretariat will circulate a revised outline reflecting the discussion;\n"
        "(c)  Dr Okafor will organise an online consultation for the region by 31 May 2025.\n"
        "11.  The next meeting will be held on 21 May 2025.\n",
        [
            ("the drafting leads will submit draft sections of the brief by 16 May 2025", "drafting leads",
             "2025-05-16"),
            ("the Secretariat will circulate a revised outline reflecting the discussion", "Secretariat", None),
            ("Dr Okafor will organise an online consultation for the region by 31 May 2025.", "Dr Okafor",
             "2025-05-31"),
        ],
        id="lettered-next-steps-after-a-lead-in",
    ),
    pytest.param(
        "Summary\n\n2.  The Chair proposed the following agenda, which was adopted without amendment:\n"
        "(a)  Progress reports from the subgroups\n(b)  Any other business\n"
        "3.  The members reviewed the following actions, which were completed:\n"
        "(a)  the Secretariat published the report;\n(b)  the leads sent their drafts.\n",
        [],
        id="an-agenda-or-past-actions-after-a-lead-in-are-no-actions",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LISTS)
def test_parse_action_lists_give_text_owner_and_due(body: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Oskar to draft a proposal before the next meeting (10 April 2025).", "2025-04-10"),
        ("Oskar to send the note by the next call, 3 April.", "2025-04-03"),
        ("Oskar to send the note by the next meeting.", None),
    ],
)
def test_parse_action_due_named_after_the_next_meeting(sentence: str, due: str | None) -> None:
    from kg.parse.actions import find_due

    assert find_due(sentence, "2025-03-12") == due


# HEAD's meeting is on Wednesday 12 March 2025
@pytest.mark.parametrize(
    ("body", "dues"),
    [
        pytest.param(
            "Action items\n\n"
            "- Lena to circulate the mentor list within two weeks.\n"
            "- Oskar to contact the regional IGFs by Friday.\n"
            "- Mira to prepare the budget by end of month.\n"
            "- The Secretariat to publish the call by the end of Q3.\n"
            "- Lena to draft the terms of reference before the next meeting.\n\n"
            "Next meeting: 9 April 2025, 14:00 UTC.\n",
            ["2025-03-26", "2025-03-14", "2025-03-31", "2025-09-30", "2025-04-09"],
            id="list-and-a-stated-next-meeting",
        ),
        pytest.param(
            "Action items\n\n- Lena to draft the terms of reference before the next meeting.\n",
            [None],
            id="next-meeting-without-its-date",
        ),
        pytest.param(
            "Action items\n\nAction\tOwner\tDue\n"
            "Circulate the draft call\tSecretariat\tEnd of month\n"
            "Book the room\tOskar Brandt\tFriday\n"
            "Update the mailing list\tMira Solano\tNext meeting\n"
            "Share the survey\tLena Virtanen\tWithin 2 weeks\n\n"
            "The next call will be held on 2 April 2025.\n",
            ["2025-03-31", "2025-03-14", "2025-04-02", "2025-03-26"],
            id="table-due-cells",
        ),
    ],
)
def test_parse_action_due_relative_to_the_meeting_is_resolved(body: str, dues: list[str | None]) -> None:
    """ "within two weeks", "by Friday", "End of month" are counted from the meeting's date; the wording stays in the text."""
    report = _parse(HEAD + "Participants: Lena Virtanen, Oskar Brandt, Mira Solano\n\n" + body)
    assert [a.due for a in report.actions] == dues
    _assert_offsets(report)


_list_line = st.one_of(
    st.sampled_from([
        "A1  Lena - send the note - by 2 May", "A2 Oskar - book A3 Mira - call", "D1  Agreed.", "- [ ] **@a.b** \u2014 do it",
        "- [x] ~~@c \u2014 done~~ (done)", "[ ] X \u2013 y \u2013 3 May", "(a) the Secretariat will send it;", "~~", "A1", "",
        "the following next steps were agreed:", "\U0001f4cc Action items", "Actions / Acciones",
    ]),
    st.text(alphabet=st.sampled_from("A1D2 -\u2013\u00b7|~[]x@(a);:.\tby May"), max_size=40),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Actions\n\n", "Notes\n\n", ""]), st.lists(_list_line, max_size=10))
def test_parse_any_register_or_task_list_keeps_offsets(heading: str, rows: list[str]) -> None:
    report = _parse(HEAD + heading + "\n".join(rows) + "\n")
    _assert_offsets(report)


# --------------------------------------------------------------------------- lists run into a sentence

INLINE = [
    pytest.param(
        "Agreed actions\n\n"
        "9. The group agreed on the following actions: (a) the Secretariat will circulate the draft by 9 May 2025; "
        "(b) Group members are requested to send comments by 6 May 2025; (c) the Outreach Team will prepare a note.\n",
        [
            ("the Secretariat will circulate the draft by 9 May 2025", "Secretariat", "2025-05-09"),
            ("Group members are requested to send comments by 6 May 2025", "Group members", "2025-05-06"),
            ("the Outreach Team will prepare a note", "Outreach Team", None),
        ],
        id="lettered-items-of-a-numbered-paragraph-under-an-actions-heading",
    ),
    pytest.param(
        "Discussion\n\n"
        "Lena Moreau presented the plan. The meeting agreed the following next steps: 1) Oskar Berg will\n"
        "update the wiki by 20 March; and 2) the Secretariat will book the room.\n",
        [
            ("Oskar Berg will update the wiki by 20 March", "Oskar Berg", "2025-03-20"),
            ("the Secretariat will book the room", "Secretariat", None),
        ],
        id="numbered-items-in-a-wrapped-paragraph-of-the-discussion",
    ),
    pytest.param(
        "Discussion\n\n"
        "The following actions were agreed: (i) Mira Sato to draft the survey; (ii) Ana Lopez to test it.\n",
        [("Mira Sato to draft the survey", "Mira Sato", None), ("Ana Lopez to test it", "Ana Lopez", None)],
        id="roman-items",
    ),
]


@pytest.mark.parametrize(("body", "expected"), INLINE)
def test_parse_actions_listed_inline_after_a_lead_in_are_items_of_their_own(
    body: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)


@pytest.mark.parametrize(
    "body",
    [
        # no lead-in announcing actions
        "Discussion\n\nThe group discussed two options: (a) a survey; (b) a webinar.\n",
        # letters out of order, or one item only
        "Discussion\n\nThe following actions were agreed: (b) Oskar Berg will call; (d) Lena will write.\n",
        "Discussion\n\nThe following next steps were agreed: (a) Oskar Berg will call the hosts.\n",
        # words between the colon and the first item
        "Discussion\n\nThe following actions were agreed: as noted (a) Oskar Berg will call; (b) Lena will write.\n",
    ],
)
def test_parse_inline_list_needs_a_lead_in_and_items_in_order(body: str) -> None:
    assert _parse(HEAD + body).actions == ()


_inline_piece = st.sampled_from(
    ["The following actions were agreed:", " (a) ", " (b) ", "(c)", " 1) ", " 2) ", "; ", ", and ", " Ana will call", ":",
     "next steps", " (ii) ", "\n", ". "]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inline_piece, max_size=14), st.text(max_size=30))
def test_parse_inline_steps_stay_inside_the_text(pieces: list[str], noise: str) -> None:
    from kg.parse.actions import inline_steps

    text = noise + "".join(pieces)
    for start, end in inline_steps(text, 0, len(text)):
        assert 0 <= start <= end <= len(text)
    _assert_offsets(_parse(HEAD + text + "\n"))


FLAGGED = [
    pytest.param(
        "Minutes\n\n"
        "1.\tLena Moreau presented the survey results. ACTION: Oskar to share the survey data with the group "
        "by 20 March 2025.\n"
        "2.\tMira Sato reported on the venue. The group agreed to keep it. Action: Secretariat to book the room.\n",
        [
            ("Oskar to share the survey data with the group by 20 March 2025.", "Oskar", "2025-03-20"),
            ("Secretariat to book the room.", "Secretariat", None),
        ],
        id="flags-closing-numbered-paragraphs-with-a-tab",
    ),
    pytest.param(
        "Discussion\n\n"
        "Lena Moreau presented the plan and the group discussed it at length. ACTION: Oskar Berg to\n"
        "update the wiki by 20 March. The discussion then turned to the budget.\n",
        [("Oskar Berg to update the wiki by 20 March.", "Oskar Berg", "2025-03-20")],
        id="a-flagged-sentence-wrapped-onto-the-next-line",
    ),
    pytest.param(
        "Discussion\n\nThe group reviewed the plan. ACTION (Mira Sato): draft the survey questions.\n",
        [("draft the survey questions.", "Mira Sato", None)],
        id="owner-in-brackets-after-the-flag",
    ),
]


@pytest.mark.parametrize(("body", "expected"), FLAGGED)
def test_parse_actions_flagged_inside_a_paragraph(body: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)
    # the paragraph stays the discussion's
    assert any("ACTION" in p.text or "Action" in p.text for s in report.sections for p in s.paragraphs)


@pytest.mark.parametrize(
    "body",
    [
        # a lower-case "action:" inside a sentence is no flag
        "Discussion\n\nLena Moreau described the first action: a survey of the members by 2 May.\n",
        # a flag that opens no sentence
        "Discussion\n\nThe group took one ACTION: to be decided later.\n",
        # the flag is all the sentence says
        "Discussion\n\nThe group reviewed the plan. ACTION:\n",
    ],
)
def test_parse_inline_flag_must_open_a_sentence(body: str) -> None:
    assert _parse(HEAD + body).actions == ()


def test_parse_action_owner_written_as_at_full_name() -> None:
    """Notes apps write "@Full Name" mentions: the field is the owner, the name without "@"."""
    report = _parse(
        HEAD + "Action items\n\n"
        "- [ ] @Lena Moreau \u2014 send the call for mentors to former members \u2014 due April 8, 2025\n"
        "- [ ] @Nguy\u1ec5n Thu H\u00e0 \u2014 confirm the workshop dates with the hosts\n"
        "- [ ] @oskar.b \u2014 book the room\n"
    )
    assert _triples(report) == [
        ("send the call for mentors to former members", "Lena Moreau", "2025-04-08"),
        ("confirm the workshop dates with the hosts", "Nguy\u1ec5n Thu H\u00e0", None),
        ("book the room", "@oskar.b", None),
    ]
    _assert_offsets(report)


_flag_piece = st.sampled_from(
    ["ACTION: ", "Action (Ana): ", "Action item: ", "TODO \u2013 ", "Ana to send it", " by 4 May", ". ", ".", "\n", "\t",
     "1.\t", "Dr. ", "ACTION:", " "]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_flag_piece, max_size=14), st.text(max_size=30))
def test_parse_inline_flags_stay_inside_the_text(pieces: list[str], noise: str) -> None:
    from kg.parse.actions import inline_flags
    from kg.parse.text import split_lines

    text = noise + "".join(pieces)
    lines = split_lines(text)
    for j in range(len(lines)):
        for start, end, _ in inline_flags(text, lines, j, len(lines)):
            assert lines[j].start <= start <= end <= len(text)
    _assert_offsets(_parse(HEAD + text + "\n"))


# --------------------------------------------------------------------------- registers in a table ("A.1 | text")

REGISTER_TABLE = (
    "Actions\n\nID\tText\n"
    "A.1\tThe Secretariat to publish the seed catalogue by 21 May 2025.\n"
    "A.2\tGarden leads to confirm the plot owners, with attention to balance, by 30 May 2025.\n"
    "A.3\tMembers to volunteer as rapporteurs through the mailing list.\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            REGISTER_TABLE,
            [
                ("The Secretariat to publish the seed catalogue by 21 May 2025.", "Secretariat", "2025-05-21"),
                ("Garden leads to confirm the plot owners, with attention to balance, by 30 May 2025.",
                 "Garden leads", "2025-05-30"),
                ("Members to volunteer as rapporteurs through the mailing list.", "Members", None),
            ],
            id="id-text-header",
        ),
        pytest.param(
            "Action points\n\nAP1\tOskar Brandt to circulate the revised charter by 4 June.\n"
            "AP2\tThe working group to review the survey questions.\n",
            [
                ("Oskar Brandt to circulate the revised charter by 4 June.", "Oskar Brandt", "2025-06-04"),
                ("The working group to review the survey questions.", "working group", None),
            ],
            id="no-header",
        ),
        pytest.param(
            "Decisions and actions\n\nID\tText\nD.1\tThe charter was approved.\n"
            "A.1\tThe Secretariat to publish the charter by 2 June.\nD.2\tThe next call is on 9 June.\n",
            [("The Secretariat to publish the charter by 2 June.", "Secretariat", "2025-06-02")],
            id="decisions-numbered-among-actions-are-no-actions",
        ),
    ],
)
def test_parse_action_register_table_gives_its_entries(
    body: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)
    assert report.participants == ()


def test_parse_register_table_outside_an_actions_heading_gives_no_actions() -> None:
    report = _parse(HEAD + "Decisions\n\nID\tText\nD.1\tThe charter was approved by the members.\n"
                    "D.2\tA session on seeds will be held on the first day.\n")
    assert report.actions == ()


@pytest.mark.parametrize(
    ("rows", "kinds"),
    [
        ([["A.1", "The Secretariat to publish the note"], ["A.2", "Members to send comments"]], ["number", "action"]),
        ([["A1", "The Secretariat to publish the note"]], ["number", "action"]),
        ([["1", "The Secretariat to publish the note"]], ["number", "action"]),
        ([["A.1", "Publish"]], None),  # too short for a task
        ([["Lena Virtanen", "Nordic Network"]], None),
    ],
)
def test_parse_action_register_columns_need_a_number_column(rows: list[list[str]], kinds: list[str] | None) -> None:
    assert guess_columns(rows) == kinds


MINUTES_TABLE = (
    "Agenda items, discussion and actions\n\n"
    "No.\tItem\tDiscussion\tAction\tResponsible\tDeadline\n"
    "1\tRemote hubs\tAR said that the hubs had worked well.\tSend the hub survey to the members.\tAR\t14 March 2025\n"
    "2\tYouth track\tBL presented the plan for the youth track.\tShare the youth curriculum.\tBL, CK\tTBC\n"
    "3\tAny other business\tNone.\t\t\t\n"
)


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_parse_minutes_table_action_cells_are_action_items_and_rows_stay_discussion(fmt: str, tmp_path: Path) -> None:
    """"No. | Item | Discussion | Action | Responsible | Deadline": the item column names the agenda
    item, not a task; the rows stay the text of their sections."""
    if fmt == "docx":
        report = parse_report(load_source(make_docx(HEAD + MINUTES_TABLE, tmp_path / "minutes.docx")))
    else:
        report = _parse(HEAD + MINUTES_TABLE)
    assert _triples(report) == [
        ("Send the hub survey to the members.", "AR", "2025-03-14"),
        ("Share the youth curriculum.", "BL, CK", None),
    ]
    _assert_offsets(report)
    said = [report.text[p.start : p.end] for s in report.sections for p in s.paragraphs]
    assert any("AR said" in p for p in said) and any("BL presented" in p for p in said)
    assert report.participants == ()


# --------------------------------------------------------------------------- owners and deadlines written as fields

FIELDED = [
    pytest.param(
        "Summary\n-------\nLena Moreau opened the call.\n\n\n"
        "FOLLOW-UP\n---------\n"
        "  * Secretariat: book the room for the April workshop, with a\n"
        "    back-up date -- by 14/03\n"
        "  * Oskar and Mira: prepare a short guide to the catalogue -- by the next call (20/03)\n"
        "  * Co-chairs: send the budget to the board -- 28/03/2025\n"
        "  * All members: suggest venues to the list --\n"
        "    no date set\n",
        [
            ("Secretariat: book the room for the April workshop, with a back-up date", "Secretariat", "2025-03-14"),
            ("Oskar and Mira: prepare a short guide to the catalogue", "Oskar and Mira", "2025-03-20"),
            ("Co-chairs: send the budget to the board", "Co-chairs", "2025-03-28"),
            ("All members: suggest venues to the list", "All members", None),
        ],
        id="owner-colon-task-and-due-under-an-underlined-heading",
    ),
    pytest.param(
        "Notes\n\nLena Moreau opened the call.\n\nWHO DOES WHAT\n"
        "  * Secretariat: book the room for the workshop -- by 14 April\n"
        "  * All members: suggest venues to the list -- ongoing\n",
        [
            ("Secretariat: book the room for the workshop", "Secretariat", "2025-04-14"),
            ("All members: suggest venues to the list", "All members", None),
        ],
        id="a-list-of-owners-tasks-and-deadlines-under-any-heading",
    ),
    pytest.param(
        "5. Summary of actions\n\n"
        "5.1 Committee secretariat: open the call for volunteers \u2014 by 30 April 2025.\n\n"
        "5.2 Lena Moreau: draft the letter to the council \u2014 by 25/04/2025.\n\n"
        "5.3 Oskar Berg and Mira Sato: propose a format for the newcomers' session \u2014 no deadline set.\n",
        [
            ("Committee secretariat: open the call for volunteers", "Committee secretariat", "2025-04-30"),
            ("Lena Moreau: draft the letter to the council", "Lena Moreau", "2025-04-25"),
            ("Oskar Berg and Mira Sato: propose a format for the newcomers' session", "Oskar Berg and Mira Sato", None),
        ],
        id="items-numbered-under-the-section-number",
    ),
    pytest.param(
        "## Decision 4/2025 \u2014 Scope\n\nThe study will be a short paper.\n\n"
        "**Follow-up:** Lena Moreau and Oskar Berg, revised scope note to the list by 14 March.\n\n"
        "## Decision 5/2025 \u2014 Outreach\n\n"
        "**Follow-up:** Mira Sato (Network Secretariat), contact former partners \u2013 before 20 March.\n"
        "**Follow-up:** the co-chairs, approach the regional coordinators \u2013 end of March.\n"
        "**Follow-up:** Secretariat, clarify with the board whether the paper can be published \u2013 no date.\n",
        [
            ("revised scope note to the list", "Lena Moreau and Oskar Berg", "2025-03-14"),
            ("contact former partners", "Mira Sato", "2025-03-20"),
            ("approach the regional coordinators", "co-chairs", "2025-03-31"),
            ("clarify with the board whether the paper can be published", "Secretariat", None),
        ],
        id="follow-up-lines-owner-comma-task-due",
    ),
    pytest.param(
        "NEXT STEPS\n"
        "- Co-chairs to finalise the format of the session\n  -- by Fri 14 Mar.\n"
        "- Oskar and Mira to draft the checklist\n  -- before the April call (9 Apr).\n"
        "- Lena to set up a shared folder -- ASAP.\n",
        [
            ("Co-chairs to finalise the format of the session", "Co-chairs", "2025-03-14"),
            ("Oskar and Mira to draft the checklist", "Oskar and Mira", "2025-04-09"),
            ("Lena to set up a shared folder", "Lena", None),
        ],
        id="a-deadline-phrase-with-its-date-later-is-a-field",
    ),
    pytest.param(
        "Agreed follow-up\n\n"
        "1. Publish the yearly review with a summary. Responsible: Lena Moreau and the editors By: 31 March 2025\n"
        "2. Contact the regional authorities about a pilot. Responsible: the steering group By: ongoing\n",
        [
            ("Publish the yearly review with a summary.", "Lena Moreau and the editors", "2025-03-31"),
            ("Contact the regional authorities about a pilot.", "steering group", None),
        ],
        id="labelled-owner-and-due-after-the-task",
    ),
    pytest.param(
        "4. Next steps\n"
        "Lena explained that the paper would be opened for comment before the annual meeting.\n\n"
        "Follow-up agreed at the end of the webinar:\n\n"
        "\u2022 Speakers to send short written remarks \u2013 by 15 April 2025 (owner: panellists).\n\n"
        "\u2022 Oskar and the working group to prepare the outline \u2013 before the next working group call.\n",
        [
            ("Speakers to send short written remarks", "panellists", "2025-04-15"),
            ("Oskar and the working group to prepare the outline", "Oskar and the working group", None),
        ],
        id="narrative-then-a-lead-in-and-the-list",
    ),
]


@pytest.mark.parametrize(("body", "expected"), FIELDED)
def test_parse_action_owner_and_due_written_as_fields(body: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    report = _parse(HEAD + body)
    assert _triples(report) == expected
    _assert_offsets(report)


def test_parse_narrative_above_an_agreed_list_stays_the_sections() -> None:
    report = _parse(
        HEAD + "4. Next steps\nLena explained that the paper would be opened for comment.\n\n"
        "Follow-up agreed:\n\n- Oskar to send the remarks by 15 April.\n"
    )
    assert [a.text for a in report.actions] == ["Oskar to send the remarks by 15 April."]
    assert any("Lena explained" in p.text for s in report.sections for p in s.paragraphs)


@pytest.mark.parametrize(
    "body",
    [
        # statements by name in the discussion: no deadlines
        "Discussion points\n  * Lena Moreau: the contract runs until June.\n  * Oskar Berg: the volunteers need training.\n",
        # one item alone is no list of actions
        "Notes\n  * Secretariat: book the room -- by 14 April\n\nThe call ended at noon.\n",
        # a schedule: times are no deadlines
        "Programme\n  * Opening: welcome by the Chair -- 10:00\n  * Panel: the speakers -- 10:30\n",
    ],
)
def test_parse_a_list_without_owners_and_deadlines_is_no_actions_outside_an_actions_heading(body: str) -> None:
    assert _parse(HEAD + body).actions == ()


def test_parse_action_list_from_html_with_sub_lines(tmp_path: Path) -> None:
    """An HTML list item whose owner and due date are sub-lines after the task (ingest runs them into the item)."""
    page = tmp_path / "annual.html"
    page.write_text(
        "<html><body><h1>Outreach Group annual meeting</h1><p>12 March 2025</p>"
        "<h3>Agreed follow-up</h3><ol>"
        "<li>Publish the yearly review.\n<span class='sub'>Responsible: Lena Moreau</span>\n"
        "<span class='sub'>By: 15.04.2025</span></li>"
        "<li>Draft a note on data sharing.\n<span class='sub'>Responsible: the coordinators</span>\n"
        "<span class='sub'>By: the closing date of the call</span></li>"
        "</ol></body></html>",
        encoding="utf-8",
    )
    report = parse_report(load_source(page))
    assert _triples(report) == [
        ("Publish the yearly review.", "Lena Moreau", "2025-04-15"),
        ("Draft a note on data sharing.", "coordinators", None),
    ]
    _assert_offsets(report)


RECAPS = [
    pytest.param(
        "[00:03:50] Lena Moreau: Then, to recap the actions. Oskar shortens the survey to twenty\n"
        "questions, by Friday. Secretariat posts it on the website once it is final. Mira checks the\n"
        "French version, by the 17th. And everyone please share it with your contacts. Next call is\n"
        "on the 9th of April. Thank you all.\n\n"
        "[00:04:30] Oskar Berg: Thanks, bye.\n",
        [
            ("Oskar shortens the survey to twenty questions", "Oskar", "2025-03-14"),
            ("Secretariat posts it on the website once it is final.", "Secretariat", None),
            ("Mira checks the French version", "Mira", "2025-03-17"),
            ("everyone please share it with your contacts.", "everyone", None),
        ],
        id="tasks-in-the-present-tense-with-and-without-deadlines",
    ),
]


@pytest.mark.parametrize(("turns", "expected"), RECAPS)
def test_parse_transcript_recap_of_the_actions_gives_its_tasks(turns: str, expected: list[tuple]) -> None:
    report = _parse(
        "Outreach Group open call 2 -- transcript\nRecorded Wednesday, 12 March 2025\n\n"
        "[00:00:04] Lena Moreau: Good morning everyone, welcome to the call.\n\n"
        "[00:01:10] Oskar Berg: Thanks, Lena. The survey draft had nine comments.\n\n"
        "[00:03:30] Lena Moreau: Good. Any other business?\n\n"
        "[00:03:40] Oskar Berg: None from me.\n\n" + turns
    )
    assert report.layout == "transcript"
    assert _triples(report) == expected
    _assert_offsets(report)


_fielded_line = st.one_of(
    st.sampled_from([
        "FOLLOW-UP", "---------", "  * Secretariat: book the room -- by 14/03", "    back-up date -- no date set",
        "5.1 Ana Lima: draft it \u2014 by 30 April.", "5.2 All members: send names \u2014 ongoing.", "6.1", "1.1 ",
        "**Follow-up:** Ana Lima, revised note by 14 March.", "Follow-up: the co-chairs, approach them \u2013 end of March.",
        "1. Publish it. Responsible: Ana By: 15.03.2025", "Responsible: By:", "- Bo to draft it -- before the call (13 Nov).",
        "Follow-up agreed:", "\u2022 Speakers to send it \u2013 by 15 October (owner: panellists).", "Next steps", "",
        "Ana explained that the paper would be opened.", "by the 23rd", "-- 07/03/2025", ": ,", "1.2.",
    ]),
    st.text(alphabet=st.sampled_from("Aa1.:,-\u2013 */()bBy[]\t"), max_size=40),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Actions\n\n", "Summary of actions\n", "Notes\n\n", ""]), st.lists(_fielded_line, max_size=10))
def test_parse_any_fielded_action_list_keeps_offsets(heading: str, rows: list[str]) -> None:
    """Owners and deadlines read as fields (a colon, a comma, labels, dashes, "6.1" numbers) never
    crash the parser, and each item's span says its text."""
    report = _parse(HEAD + heading + "\n".join(rows) + "\n")
    _assert_offsets(report)
    for a in report.actions:
        assert a.text.strip()
        assert a.due is None or dt.date.fromisoformat(a.due)


@pytest.mark.parametrize("body", ["Actions\n\n1)\n", "Actions\n\n- \n", "Summary of actions\n1.\n2)\n"])
def test_parse_bare_list_markers_under_an_actions_heading_are_no_items(body: str) -> None:
    """Found by hypothesis: "Actions" over a lone "1)" gave an action item with no text."""
    assert _parse(HEAD + body).actions == ()


@pytest.mark.parametrize(
    "line, owner, text",
    [
        # an aside after the owner's comma: the sentence is the task, not what follows the comma
        ("- Henrik, with input from Dr. Ben Ammar, to prepare a table of the proposals by 23 October.",
         "Henrik, with input from Dr Ben Ammar",
         "Henrik, with input from Dr. Ben Ammar, to prepare a table of the proposals by 23 October."),
        ("- The Secretariat, in consultation with the co-chairs, will publish the summary by 20 March.",
         "Secretariat, in consultation with the co-chairs",
         "The Secretariat, in consultation with the co-chairs, will publish the summary by 20 March."),
        # "Owner, task by DATE" is still owner and task
        ("- Ana Lima, revised note to the list by 14 March.", "Ana Lima", "revised note to the list"),
    ],
)
def test_parse_owner_comma_then_an_aside_keeps_the_sentence(line: str, owner: str, text: str) -> None:
    (item,) = _parse(HEAD + "Next steps\n\n" + line + "\n").actions
    assert (item.owner, item.text) == (owner, text)
