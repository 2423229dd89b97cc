"""Parse stage, participant lists in less common layouts.

Surnames in capitals, stakeholder-group headings inside a list, two-column
rosters, inline lists under other labels and wrapped over lines, absent lists,
tables that are not rosters, and name particles.  People and organisations
are invented.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import source_from_text
from kg.model import SourceDoc
from kg.parse import parse_report
from kg.parse.headings import heading_kind
from kg.parse.names import read_name
from kg.parse.roster import find_rosters, find_signer, group_descriptor, parse_entry
from kg.parse.text import clean, split_lines

HEAD = "Kestrel WG call\n4 March 2025\n\n"


def _entry(text: str):
    c = clean(text, 100)
    return parse_entry(c, 0, len(c.text), "G")


def _participants(body: str):
    text = HEAD + body
    report = parse_report(source_from_text(text))
    return text, report.participants


def _rosters(text: str):
    lines = split_lines(text)
    return find_rosters(lines, [None if ln.blank else heading_kind(ln) for ln in lines], set())


# --------------------------------------------------------------------------- surnames in capitals


@pytest.mark.parametrize(
    ("entry", "name", "written", "roles", "orgs"),
    [
        ("VARGHESE, Nila \u2014 Permanent Mission of Veloria (Government), MAG Chair", "Nila Varghese",
         "VARGHESE, Nila", ("MAG Chair",), ("Permanent Mission of Veloria", "MAG")),
        ("DE LA PENA, Rosa Maria \u2014 Red Andina Abierta (Civil society)", "Rosa Maria De la Pena",
         "DE LA PENA, Rosa Maria", (), ("Red Andina Abierta",)),
        ("OKAFOR-LUND, Tobi \u2014 Kestrel Labs (Private sector)", "Tobi Okafor-Lund", "OKAFOR-LUND, Tobi", (),
         ("Kestrel Labs",)),
        ("- KOWALCZYK Marek (Portugal)", "Marek Kowalczyk", "KOWALCZYK Marek", (), ()),
        ("- VAN DER MEER Anouk (Polder Digital Association)", "Anouk Van der Meer", "VAN DER MEER Anouk", (),
         ("Polder Digital Association",)),
        ("Marek KOWALCZYK, Kestrel Labs", "Marek Kowalczyk", "Marek KOWALCZYK", (), ("Kestrel Labs",)),
        ("De la Pena, Rosa Maria \u2014 Red Andina Abierta", "Rosa Maria De la Pena", "De la Pena, Rosa Maria", (),
         ("Red Andina Abierta",)),
        ("van der Meer, Anouk, Polder Digital Association", "Anouk van der Meer", "van der Meer, Anouk", (),
         ("Polder Digital Association",)),
        ("Ana Lima (Civil Society)", "Ana Lima", "Ana Lima", (), ()),
        ("Ana Lima, Private sector", "Ana Lima", "Ana Lima", (), ()),
        ("Ana Lima (notes)", "Ana Lima", "Ana Lima", ("notes",), ()),
    ],
)
def test_parse_roster_entry_surnames_in_capitals_and_stakeholder_groups(entry, name, written, roles, orgs):
    p = _entry(entry)
    assert p is not None
    assert (p.name, p.name_as_written, p.roles, p.organisations) == (name, written, roles, orgs)
    start = 100 + len(entry) - len(entry.lstrip("- "))
    assert (p.start, p.end) == (start, 100 + len(entry))


@pytest.mark.parametrize(
    "entry",
    ["ISOC, Ana", "ICANN Board", "BRKT Ana Lima", "ITU Secretariat", "UNESCO, Paris", "CIVIL SOCIETY"],
)
def test_parse_roster_entry_acronyms_are_not_surnames(entry):
    assert _entry(entry) is None


def test_parse_roster_capitals_used_as_an_organisation_in_the_list_are_not_a_surname():
    _, found = _participants("Participants\n- Ana Lima (KESTREL)\n- KESTREL Delegation\n- Bola Ade (Veloria)\n")
    assert [p.name for p in found] == ["Ana Lima", "Bola Ade"]


# --------------------------------------------------------------------------- group headings


def test_parse_roster_stakeholder_group_headings_inside_a_list():
    body = (
        "Present\n\nGovernment\n\n- KOWALCZYK Marek (Portugal)\n- Sina Tupou (Ministry of Digital Affairs)\n\n"
        "Civil Society\n\n- ODUYA Grace\n\nTechnical Community\n\n- Ravi Menon (WG co-facilitator)\n\n"
        "Private Sector\n\n- Lotte Berg (Polder Telecom)\n\nSecretariat\n\n- Omar Haddad\n\n"
        "Agenda\n\n1. Opening\n"
    )
    text, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [
        ("Marek Kowalczyk", "Government"),
        ("Sina Tupou", "Government"),
        ("Grace Oduya", "Civil Society"),
        ("Ravi Menon", "Technical Community"),
        ("Lotte Berg", "Private Sector"),
        ("Omar Haddad", "Secretariat"),
    ]
    for p in found:
        assert "Government" not in p.organisations and "Civil Society" not in p.organisations
        assert text[p.start : p.end].lstrip("- ").startswith(p.name_as_written)


def test_parse_roster_unmarked_group_headings_are_not_people():
    body = "Attendees\n\nAna Lima, Kestrel Labs\n\nTechnical Community\nBola Ade, Veloria Registry\n\nDiscussion\nAna opened.\n"
    _, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [("Ana Lima", "Attendees"), ("Bola Ade", "Technical Community")]


def test_parse_roster_heading_in_capitals_with_surname_first_entries():
    body = (
        "List of participants\n\nMAG members\n\n"
        "VARGHESE, Nila \u2014 Veloria Foundation (Academia)\nODUYA, Grace \u2014 Kestrel Labs (Private sector)\n\n"
        "Secretariat\n\nHADDAD, Omar \u2014 Forum Secretariat\n"
    )
    text, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [
        ("Nila Varghese", "MAG members"),
        ("Grace Oduya", "MAG members"),
        ("Omar Haddad", "Secretariat"),
    ]
    assert found[0].organisations[-1] == "Veloria Foundation"
    assert text[found[2].start : found[2].end] == "HADDAD, Omar \u2014 Forum Secretariat"


# --------------------------------------------------------------------------- columns


@pytest.mark.parametrize("gap", ["        ", "\t", "  ", "\t\t"])
def test_parse_roster_two_column_rows_give_one_participant_per_cell(gap):
    rows = [
        ("Ana Lima, Kestrel Labs", "Bola Ade, Veloria Internet Exchange"),
        ("Sina Tupou, Polder Registry", "Nila Varghese, MAG Chair"),
        ("Ravi Menon, KLX", "Omar Haddad, Forum Secretariat"),
    ]
    body = "Present:\n" + "".join(f"{a}{gap}{b}\n" for a, b in rows) + "\nApologies: Grace Oduya\n\nAna opened the call.\n"
    text, found = _participants(body)
    cells = [cell for row in rows for cell in row]
    assert [text[p.start : p.end] for p in found] == cells
    assert [p.name for p in found] == ["Ana Lima", "Bola Ade", "Sina Tupou", "Nila Varghese", "Ravi Menon", "Omar Haddad"]
    assert found[0].organisations == ("Kestrel Labs",)
    assert all(p.group == "Present" for p in found)


def test_parse_roster_space_aligned_name_and_organisation_columns():
    body = "Participants\n\nAna Lima        Kestrel Labs\nBola Ade        Veloria Internet Society\n"
    _, found = _participants(body)
    assert [(p.name, p.organisations) for p in found] == [
        ("Ana Lima", ("Kestrel Labs",)),
        ("Bola Ade", ("Veloria Internet Society",)),
    ]


@pytest.mark.parametrize(
    "table",
    [
        (
            "Action\tOwner\tDue\nDraft the outreach note\tAna Lima\t18 March\nBook the room\tBola Ade\t20 March\n"
            "Send the minutes\tSina Tupou\t21 March\n"
        ),
        "What\tWho\tWhen\nCirculate the survey\tAna Lima\tMay\nUpdate the page\tBola Ade\tJune\nClose the poll\tOmar Haddad\tJuly\n",
    ],
)
def test_parse_roster_a_table_without_a_name_column_is_not_a_roster(table):
    assert _rosters(HEAD + "Notes\n\n" + table) == []


def test_parse_roster_table_header_maps_name_group_and_organisation_columns():
    body = (
        "Participants\n\nName\tStakeholder group\tOrganisation\nAna Lima\tCivil society\tKestrel Labs\n"
        "Bola Ade\tGovernment\tMinistry of Digital Affairs\n"
    )
    _, found = _participants(body)
    assert [(p.name, p.organisations) for p in found] == [
        ("Ana Lima", ("Kestrel Labs",)),
        ("Bola Ade", ("Ministry of Digital Affairs",)),
    ]


# --------------------------------------------------------------------------- inline lists


@pytest.mark.parametrize(
    ("line", "group", "names"),
    [
        ("On the call: Ana Lima, Bola Ade and Sina Tupou.", "On the call", ["Ana Lima", "Bola Ade", "Sina Tupou"]),
        ("Attending: Ana Lima (Kestrel Labs); Bola Ade, MAG member", "Attending", ["Ana Lima", "Bola Ade"]),
        ("Joined: Ana Lima plus Bola Ade", "Joined", ["Ana Lima", "Bola Ade"]),
        ("Call participants: Ana Lima, Bola Ade as well as Sina Tupou", "Call participants",
         ["Ana Lima", "Bola Ade", "Sina Tupou"]),
        ("In attendance: Ana Lima (Ministry of Posts and Telecoms), Bola Ade", "In attendance", ["Ana Lima", "Bola Ade"]),
        ("Participating: Ana Lima & Bola Ade", "Participating", ["Ana Lima", "Bola Ade"]),
    ],
)
def test_parse_roster_inline_labels(line, group, names):
    text, found = _participants(line + "\n\nAna opened the call.\n")
    assert [p.name for p in found] == names
    assert all(p.group == group for p in found)
    assert all(text[p.start : p.end].startswith(p.name) for p in found)


def test_parse_roster_inline_list_wrapped_over_two_lines():
    body = "On the call: Ana Lima, Bola Ade, Sina Tupou and Ravi Menon, plus\nOmar Haddad (notes).\n\nDiscussion:\n- Ana: opened.\n"
    text, found = _participants(body)
    assert [p.name for p in found] == ["Ana Lima", "Bola Ade", "Sina Tupou", "Ravi Menon", "Omar Haddad"]
    assert found[-1].roles == ("notes",)
    assert text[found[-1].start : found[-1].end] == "Omar Haddad (notes)"
    assert [text[p.start : p.end] for p in found[:-1]] == ["Ana Lima", "Bola Ade", "Sina Tupou", "Ravi Menon"]


def test_parse_roster_inline_list_does_not_swallow_the_next_paragraph():
    body = "Present: Ana Lima, Bola Ade and\nthe Chair opened the meeting and thanked everyone for joining.\n"
    _, found = _participants(body)
    assert [p.name for p in found] == ["Ana Lima", "Bola Ade"]


@pytest.mark.parametrize(
    "body",
    [
        # the line breaks between a name and its brackets, then inside the brackets
        "Participants: Ana Lima (Kestrel Labs), Bola Ade (Tern Trust), Sina Tupou\n(Reef Network), Ravi Menon "
        "(Directorate for\nDigital Affairs), Omar Haddad (Lark Institute) and \u00c9lise Moreau (IGF Secretariat).",
        # a PDF's lines: surnames of two words, accented initials, the break inside the last brackets
        "Present: Ana Lima Soto (Kestrel Labs, Chair), Bola Ade (Tern Trust), Sina Tupou (Reef\nNetwork), "
        "Ravi Menon (Directorate for Digital Affairs), Omar Haddad (Lark Institute) and\n\u00c9lise Moreau "
        "(IGF Secretariat).",
    ],
    ids=["open-bracket", "joiner-and-bracket"],
)
def test_parse_roster_inline_list_broken_inside_an_entry(body):
    text, found = _participants(body + "\n\n1. Opening\nThe Chair opened the meeting.\n")
    assert [p.name for p in found][1:] == ["Bola Ade", "Sina Tupou", "Ravi Menon", "Omar Haddad", "\u00c9lise Moreau"]
    assert [p.organisations for p in found][1:] == [
        ("Tern Trust",), ("Reef Network",), ("Directorate for Digital Affairs",), ("Lark Institute",), ("IGF Secretariat",)
    ]
    for p in found:
        assert text[p.start : p.end].startswith(p.name.split()[0])


@pytest.mark.parametrize(
    "body",
    [
        "Present: Ana Lima (Kestrel Labs), Bola Ade (Tern\nthe Chair opened the meeting and thanked everyone.",
        "Present: Ana Lima, Bola Ade\n(the Chair opened the meeting and thanked everyone: all agreed.)",
    ],
    ids=["bracket-never-closed", "bracketed-note"],
)
def test_parse_roster_inline_list_not_mended_by_the_next_line_ends_at_its_line(body):
    lines = split_lines(HEAD + body + "\n")
    blocks = _rosters(HEAD + body + "\n")
    assert len(blocks) == 1 and blocks[0].first_line == blocks[0].last_line
    assert lines[blocks[0].first_line].text.startswith("Present:")


@pytest.mark.parametrize("label", ["Apologies", "Regrets", "Excused", "Absent"])
def test_parse_roster_inline_absent_list_names_no_participant(label):
    text = HEAD + f"Present: Ana Lima, Bola Ade\n{label}: Sina Tupou, Ravi Menon\n\nAna opened the call.\n"
    blocks = _rosters(text)
    assert [p.name for b in blocks for p in b.participants] == ["Ana Lima", "Bola Ade"]
    assert [p.name for b in blocks for p in b.absent] == ["Sina Tupou", "Ravi Menon"]
    assert [p.name for p in parse_report(source_from_text(text)).participants] == ["Ana Lima", "Bola Ade"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "pos", "name"),
    [
        ("Ms. Rosa Maria de la Pena said", 4, "Rosa Maria de la Pena"),
        ("Chair: Ms. de la Pena, Veloria", 7, "de la Pena"),
        ("Chair: Mr. van der Meer.", 7, "van der Meer"),
        ("Chair: Dr. Ana Lima", 7, "Ana Lima"),
        ("Ana de la and then", 0, "Ana"),
        ("Bola Ade. The next", 0, "Bola Ade"),
    ],
)
def test_parse_names_read_name_keeps_runs_of_particles(text, pos, name):
    found = read_name(text, pos)
    assert found is not None
    assert found[0] == name
    assert text[found[1] : found[2]] == name


# --------------------------------------------------------------------------- properties

PIECES = [
    "\n", "\n\n", "\t", "  ", "        ", "Present:\n", "Present: ", "On the call: ", "Apologies: ", ", ", " and ",
    " plus ", "Government\n", "Civil Society\n", "- ", "1. ", "VARGHESE, Nila \u2014 ", "KOWALCZYK Marek ",
    "(Private sector)", "(notes)", "Ana Lima, Kestrel Labs", "Bola Ade", "de la ", "ISOC ", "Action\tOwner\tDue\n",
    "Name\tStakeholder group\tOrganisation\n", "Ana Lima\tCivil society\tKestrel\n", "(Kestrel\n", "Labs), ",
    "\n(Tern Trust)", "@Ana Lima, ", "@Bola Ade (Tern Trust)", "Ana Lima, Bola Ade, Sina Tupou\n", "Chair, Kestrel\n",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40))
def test_parse_roster_any_text_gives_entries_inside_the_text(parts):
    text = "".join(parts)
    for block in _rosters(text):
        assert 0 <= block.first_line <= block.last_line
        for p in block.participants + block.absent:
            assert 0 <= p.start <= p.end <= len(text)
            assert p.name


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Name | Affiliation table under its heading, a role in brackets after the name
        ("Participants\n\nName\tAffiliation\nKenji Watanabe (co-facilitator)\tPacific Numbering Registry\n"
         "Amara Nwosu\tUniversity of Lagos\n",
         [("Kenji Watanabe", ("co-facilitator",), ("Pacific Numbering Registry",)),
          ("Amara Nwosu", (), ("University of Lagos",))]),
        # a rule under the heading and between groups
        ("LIST OF PARTICIPANTS\n=====================\n\nGovernment\n  Ms. Sofia MARCHETTI (Italy)\n"
         "  Mr. Tevita FIFITA (Tonga)\n\n-----\nCivil Society\n  Ms. Ruth KIMANI (Kenya)\n",
         [("Sofia Marchetti", (), ()), ("Tevita Fifita", (), ()), ("Ruth Kimani", (), ())]),
    ],
)
def test_parse_roster_tables_with_bracketed_roles_and_rules(text, expected):
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    report = parse_report(source_from_text("Example Working Group call 3\n4 March 2025\n\nAna opened the call.\n\n" + text))
    assert [(p.name, p.roles, p.organisations) for p in report.participants] == expected


def test_parse_roster_capital_surnames_with_an_apostrophe():
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = "Example WG call 3\n4 March 2025\n\nAna opened the call.\n\nParticipants\nO'DONNELL, Margaret\nD\u2019ALMEIDA, Rui\n"
    assert [p.name for p in parse_report(source_from_text(text)).participants] == ["Margaret O'Donnell", "Rui D\u2019Almeida"]


@pytest.mark.parametrize(
    "block",
    ["Apologies: Ivo Marin, Rahel Tesfaye\n", "Regrets: Ivo Marin and Rahel Tesfaye\n",
     "Apologies\nIvo Marin\nRahel Tesfaye\n", "Absent\n- Ivo Marin\n- Rahel Tesfaye\n"],
)
def test_parse_roster_apologies_are_absent_not_participants(block):
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = "Example WG call 3\n4 March 2025\n\nParticipants\nAna Lopez\nLi Wen\n\n" + block + "\nAna Lopez opened the call.\n"
    report = parse_report(source_from_text(text))
    assert [p.name for p in report.participants] == ["Ana Lopez", "Li Wen"]
    assert [p.name for p in report.absent] == ["Ivo Marin", "Rahel Tesfaye"]
    assert all(text[p.start:p.end] == p.name_as_written for p in report.absent)


# --------------------------------------------------------------------------- handles, labelled groups, run-on columns


@pytest.mark.parametrize(
    ("entry", "name", "roles", "orgs"),
    [
        ("- @ana_l (Ana Lima, Kestrel Labs) \u00b7 facilitating", "Ana Lima", ("facilitating",), ("Kestrel Labs",)),
        ("- @bo.chen (Bo Chen, Tern Trust)", "Bo Chen", (), ("Tern Trust",)),
        ("@sina_t (Sina Tupou, Reef Net Society) \u00b7 WG-Youth co-facilitator", "Sina Tupou",
         ("WG-Youth co-facilitator",), ("Reef Net Society",)),
        ("- @rm (Ravi Menon, Lumen Forum) \u00b7 notes", "Ravi Menon", ("notes",), ("Lumen Forum",)),
        ("Ana Lima (@ana_l), Kestrel Labs", "Ana Lima", (), ("Kestrel Labs",)),
        ("Ana Lima \u00b7 Kestrel Labs \u00b7 Lead", "Ana Lima", ("Lead",), ("Kestrel Labs",)),
    ],
)
def test_parse_roster_entry_handle_names_the_person_in_brackets(entry, name, roles, orgs):
    p = _entry(entry)
    assert p is not None
    assert (p.name, p.roles, p.organisations) == (name, roles, orgs)
    assert p.start == 100 + len(entry) - len(entry.lstrip("- "))  # the span keeps the handle
    assert p.end == 100 + len(entry)


@pytest.mark.parametrize("entry", ["- @ana_l", "@ana_l (Secretariat)", "@ana_l: the room was full", "@ (Ana Lima)"])
def test_parse_roster_entry_handle_without_a_bracketed_name_is_nobody(entry):
    assert _entry(entry) is None


def test_parse_roster_handle_list_keeps_handles_as_aliases_and_ends_at_the_notes():
    from kg.nlp.roster import Roster

    body = (
        "Who joined\n\n- @ana_l (Ana Lima, Kestrel Labs) \u00b7 facilitating\n- @bo.chen (Bo Chen, Tern Trust)\n\n---\n\n"
        "What went well\n\n- @bo.chen: the second session filled the room and most speakers were new to the forum.\n"
        "- @ana_l: the captioning worked in three languages and the chat was busier than ever before.\n"
    )
    text, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [("Ana Lima", "Who joined"), ("Bo Chen", "Who joined")]
    report = parse_report(source_from_text(text))
    assert [(full, alias) for full, alias, _, _ in Roster.from_report(report).nicknames] == [
        ("Ana Lima", "@ana_l"), ("Bo Chen", "@bo.chen")]
    notes = text.index("What went well")
    assert any(s.start <= notes < s.end for s in report.sections)  # the notes are not part of the list


def test_nlp_handle_label_opens_a_statement_of_its_person():
    from kg.nlp import annotate

    text = HEAD + (
        "Who joined\n\n- @ana_l (Ana Lima, Kestrel Labs)\n- @bo.chen (Bo Chen, Tern Trust)\n\nNotes\n\n"
        "- @bo.chen: the second session filled the room and most speakers were new to the forum.\n"
    )
    a = annotate(parse_report(source_from_text(text)))
    assert [i.speaker.text for i in a.interventions] == ["@bo.chen"]
    assert ("Bo Chen", "@bo.chen") in [(full, alias) for full, alias, _, _ in a.aliases]


def test_parse_roster_group_labelled_lines_under_an_attendance_heading():
    body = (
        "Attendance\n\nCo-facilitators: Ana Lima (Kestrel Labs); Bola Ade (Tern Trust)\n\n"
        "MAG members: Sina Tupou (Reef Net Society); Ravi Menon (Lumen Forum)\n\n"
        "Observers: Omar Haddad (former MAG Chair)\n\nSecretariat: Lena Vogt\n\n"
        "Apologies: Ivo Marin\n\nRecord of discussion\n\nItem\tDiscussion\n1. Budget\tAna opened the item and Bola "
        "asked for figures.\n2. AOB\tNone.\n"
    )
    text, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [
        ("Ana Lima", "Co-facilitators"), ("Bola Ade", "Co-facilitators"), ("Sina Tupou", "MAG members"),
        ("Ravi Menon", "MAG members"), ("Omar Haddad", "Observers"), ("Lena Vogt", "Secretariat"),
    ]
    assert found[0].roles == ("Co-facilitator",) and found[0].organisations == ("Kestrel Labs",)
    assert "Lumen Forum" in found[3].organisations and found[3].roles
    assert all(text[p.start:p.end].startswith(p.name) for p in found)
    assert [p.name for p in parse_report(source_from_text(text)).absent] == ["Ivo Marin"]


@pytest.mark.parametrize("line", ["Jonas Weber: we should look at the budget first", "Next call: 8 July 2025"])
def test_parse_roster_a_colon_line_that_is_not_a_group_ends_the_list(line):
    _, found = _participants(f"Attendance\n\nMAG members: Sina Tupou (Reef Net Society)\n{line}\n")
    assert [p.name for p in found] == ["Sina Tupou"]


def test_parse_roster_bold_inline_labels_with_initials():
    body = (
        "**Present**: Jean-Luc Abena (JLA), Marie-Claire Ondo (MCO), Ana Lima (AL)\n\n"
        "**Invited**: Bola Ade (BA), Tern Trust; Sina Tupou (ST), Reef Net Society\n\n"
        "**Apologies**: Ravi Menon (RM)\n\nJLA opened the meeting.\n"
    )
    text = HEAD + body
    report = parse_report(source_from_text(text))
    assert [(p.name, p.group, p.organisations) for p in report.participants] == [
        ("Jean-Luc Abena", "Present", ()), ("Marie-Claire Ondo", "Present", ()), ("Ana Lima", "Present", ()),
        ("Bola Ade", "Invited", ("Tern Trust",)), ("Sina Tupou", "Invited", ("Reef Net Society",)),
    ]
    assert [p.name for p in report.absent] == ["Ravi Menon"]


def test_parse_roster_table_with_a_qualified_header_rows_apart_and_empty_cells():
    body = (
        "Participants\n\nName\tOrganisation\tRole in the working group\nAna Lima\tKestrel Labs\tLead expert\n\n"
        "Bola Ade\t\u2014\tPeer reviewer\nSina Tupou\tReef Net Society\tContributor\n\nAgenda\n\n1. Opening\n"
    )
    _, found = _participants(body)
    assert [(p.name, p.roles, p.organisations) for p in found] == [
        ("Ana Lima", ("Lead expert",), ("Kestrel Labs",)),
        ("Bola Ade", ("Peer reviewer",), ()),
        ("Sina Tupou", ("Contributor",), ("Reef Net Society",)),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # two entries of a two-column list run onto one line: after a bracket, or after an organisation's last word
        ("Ana Lima, co-coordinator, Kestrel Labs (chairing) Bola Ade, co-coordinator, Tern Trust",
         [("Ana Lima", ("Kestrel Labs",)), ("Bola Ade", ("Tern Trust",))]),
        ("Sina Tupou, liaison to the WG, Reef Net Society Ravi Menon, Lumen Forum",
         [("Sina Tupou", ("Reef Net Society",)), ("Ravi Menon", ("Lumen Forum",))]),
        # an organisation's name that goes on after its cue word is not a second person
        ("Sina Tupou, Open Data Institute Kenya Chapter, Lumen Forum",
         [("Sina Tupou", ("Open Data Institute Kenya Chapter", "Lumen Forum"))]),
        ("Sina Tupou, Open Data Institute Leeds Node, member", [("Sina Tupou", ("Open Data Institute Leeds Node",))]),
        ("Sina Tupou (Reef Net Society), member", [("Sina Tupou", ("Reef Net Society",))]),
    ],
)
def test_parse_roster_run_on_columns_split_into_entries(line, expected):
    _, found = _participants(f"Present:\n    {line}\n    Omar Haddad, Lumen Forum\n\nOmar opened the call.\n")
    assert [(p.name, p.organisations) for p in found][:-1] == expected


HANDLE_PIECES = [
    "Who joined\n", "Attendance\n", "- @ana_l (Ana Lima, Kestrel Labs)", " \u00b7 notes", "@", "(", ")", ": ",
    "MAG members: ", "Observers: ", "Sina Tupou (Reef Net Society); ", "**Invited**: ", "Bola Ade (BA), Tern Trust",
    "Name\tOrganisation\tRole in the WG\n", "\u2014\t", " (chairing) ", "Reef Net Society Ravi Menon, ", "\n", "\n\n",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(HANDLE_PIECES), st.text(max_size=12)), max_size=40))
def test_parse_roster_handles_labels_and_run_ons_give_entries_inside_the_text(parts):
    text = "".join(parts)
    for block in _rosters(text):
        assert 0 <= block.first_line <= block.last_line
        for p in block.participants + block.absent:
            assert 0 <= p.start <= p.end <= len(text)
            assert p.name


# --------------------------------------------------------------------------- names-only paragraphs, @-mentions, signatures


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("Present\n\nAna Lima, Bola Ade-Mensah, Sina Tupou, Ravi Menon.\n\nAgenda\n\n1. Welcome\n",
         ["Ana Lima", "Bola Ade-Mensah", "Sina Tupou", "Ravi Menon"]),
        ("Attendees\n\nAna Lima, Dr. Bola Ade and Sina Maria Tupou\n\nNotes\n\nAna opened.\n",
         ["Ana Lima", "Bola Ade", "Sina Maria Tupou"]),
        ("Present\n\nAna Lima and Bola Ade\n\nNotes\n\nAna opened.\n", ["Ana Lima", "Bola Ade"]),
    ],
)
def test_parse_roster_paragraph_of_names_under_a_heading_gives_one_entry_per_name(body, names):
    text, found = _participants(body)
    assert [p.name for p in found] == names
    assert all(p.roles == () and p.organisations == () for p in found)
    assert [text[p.start : p.end] for p in found][0] == "Ana Lima"


@pytest.mark.parametrize(
    ("body", "names", "orgs"),
    [
        # a name and its organisation, not two people
        ("Present\n\nAna Lima, Kestrel Labs\nBola Ade, Tern Trust\n", ["Ana Lima", "Bola Ade"], [("Kestrel Labs",), ("Tern Trust",)]),
        # surname first: one person
        ("Present\n\nLima, Ana\nAde, Bola\n", ["Ana Lima", "Bola Ade"], [(), ()]),
    ],
)
def test_parse_roster_name_with_descriptor_is_not_a_paragraph_of_names(body, names, orgs):
    _, found = _participants(body)
    assert [p.name for p in found] == names
    assert [p.organisations for p in found] == orgs


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Attendees: @Ana Lima, @Nguyen Thu Ha, @Bola Ade-Mensah", ["Ana Lima", "Nguyen Thu Ha", "Bola Ade-Mensah"]),
        ("Present: @Ana Lima (Kestrel Labs); @Bola Ade", ["Ana Lima", "Bola Ade"]),
    ],
)
def test_parse_roster_at_mentions_of_full_names_are_people(line, names):
    text, found = _participants(line + "\nTags: wg\n\nNotes\n\n- Ana: opened.\n")
    assert [p.name for p in found] == names
    assert all(text[p.start : p.end].startswith(p.name) for p in found)  # the '@' is no part of the name


@pytest.mark.parametrize(
    "signature",
    [
        "Ana Lima\n\nChair, Kestrel Organising Committee\n\n4 March 2025\n",
        "Ana Lima\nCo-Chair\n",
        "Ana Lima, Chair\n",
    ],
)
def test_parse_roster_signature_gives_its_role_to_the_listed_signer(signature):
    body = "Present\n\nAna Lima, Bola Ade, Sina Tupou\n\nNotes\n\nThe Chair opened the meeting.\n\n" + signature
    _, found = _participants(body)
    roles = {p.name: p.roles for p in found}
    assert roles["Ana Lima"] in (("Chair",), ("Co-Chair",))
    assert roles["Bola Ade"] == roles["Sina Tupou"] == ()


@pytest.mark.parametrize(
    "signature",
    [
        "Omar Haddad\nChair\n",  # the signer is not on the list
        "Ana Lima\nKestrel Labs\n",  # no role
        "Ana Lima thanked the Chair for a good meeting and closed it.\n",
    ],
)
def test_parse_roster_no_role_without_a_signature_of_a_listed_person(signature):
    body = "Present\n\nAna Lima, Bola Ade, Sina Tupou\n\nNotes\n\nThe Chair opened the meeting.\n\n" + signature
    _, found = _participants(body)
    assert [p.name for p in found] == ["Ana Lima", "Bola Ade", "Sina Tupou"]
    assert all(p.roles == () for p in found)


# --------------------------------------------------------------------------- tables with a "Surname, Given" name column

SURNAME_TABLE = (
    "Participants\n\nName\tOrganisation\tRole\n"
    "Garden Chair\n"
    "Ferreira, Zoë\t\u2013\tChair\n"
    "Members \u2013 Civil Society\n"
    "Solvang Berg, Ingrid\tSoil Lab\tMember\n"
    "Nguyen, Thi Lan\tSeed Network\tMember\n"
    "Secretariat\n"
    "Mensah, Kwame\tGarden Secretariat\t\n"
)


def test_parse_roster_name_column_written_surname_first_in_natural_order() -> None:
    _, found = _participants(SURNAME_TABLE)
    assert [(p.name, p.group) for p in found] == [
        ("Zoë Ferreira", "Garden Chair"),
        ("Ingrid Solvang Berg", "Members \u2013 Civil Society"),
        ("Thi Lan Nguyen", "Members \u2013 Civil Society"),
        ("Kwame Mensah", "Secretariat"),
    ]
    assert found[0].organisations == ()  # the "–" cell is empty
    assert found[1].organisations == ("Soil Lab",)  # the group's stakeholder part is no organisation


@pytest.mark.parametrize(
    ("heading", "roles", "orgs"),
    [
        ("MAG Members \u2013 Civil Society", ("IGF MAG member",), ("MAG",)),
        ("Government \u2013 Ministry of Seeds", (), ("Ministry of Seeds",)),
        ("Civil Society", (), ()),
    ],
)
def test_parse_roster_group_heading_qualified_by_a_stakeholder_group(heading: str, roles, orgs) -> None:
    assert group_descriptor(heading) == (roles, orgs)


# --------------------------------------------------------------------------- "Name: descriptor" (definition lists)


def test_parse_roster_name_colon_descriptor_entries() -> None:
    _, found = _participants(
        "Participants\n\nZoë Ferreira: Garden Alliance (Chair)\nDr Kwame Mensah: Soil Lab\n"
        "Li Wen: Seed Network (remote)\n\nSummary\n\nZoë Ferreira opened the call.\n"
    )
    assert [(p.name, p.organisations[:1]) for p in found] == [
        ("Zoë Ferreira", ("Garden Alliance",)),
        ("Kwame Mensah", ("Soil Lab",)),
        ("Li Wen", ("Seed Network",)),
    ]
    assert found[0].roles == ("Chair",)


@pytest.mark.parametrize("entry", ["Note: the list is incomplete", "Chair: Zoë Ferreira", "Garden Alliance: three members"])
def test_parse_roster_colon_after_no_full_name_is_no_name_entry(entry: str) -> None:
    p = _entry(entry)
    assert p is None or p.name not in ("Note", "Chair", "Garden Alliance")


# --------------------------------------------------------------------------- headings in two languages


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Ordre du jour / Agenda", "agenda"),
        ("Compte rendu / Summary", "discussion"),
        ("Participants / Participants", "participants"),
        ("Excusés | Apologies", "absent"),
        ("Actions / Suivi", "actions"),
        ("Agenda / Participants", None),  # two kinds: no kind
        ("Date / Time", None),
        ("Thèmes du forum / Themes of the forum", None),
    ],
)
def test_parse_heading_in_two_languages_has_the_kind_its_parts_agree_on(line: str, kind: str | None) -> None:
    assert heading_kind(split_lines(line)[0]) == kind


def test_parse_roster_under_bilingual_headings_ends_at_the_next_one() -> None:
    _, found = _participants(
        "Ordre du jour / Agenda\n\n1. Bienvenue / Welcome\n2. Divers / Any other business\n\n"
        "Participants\n\nZoë Ferreira: Garden Alliance\nKwame Mensah: Soil Lab\n\n"
        "Compte rendu / Summary\n\n1. Bienvenue / Welcome\n\nZoë Ferreira opened the call.\n\n"
        "Actions / Suivi\n\nResponsable / Owner\tAction\tÉchéance / Deadline\n"
        "Li Wen\tShare the seed list\t15 June 2025\nOskar Brandt\tBook the room\t20 June 2025\n"
    )
    assert [p.name for p in found] == ["Zoë Ferreira", "Kwame Mensah"]


# --------------------------------------------------------------------------- dotted leaders


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a dotted leader between name and organisation, as in a table of contents
        ("Present:\n  Ana LIMA ............ Kestrel Labs (coordinator)\n"
         "  Tobi Okafor OKONJO .. Polder Digital Association\n  Ruth MBEKI ........... Tern Trust (rapporteur)\n\n"
         "1.  LIMA \u2013 opened the call and welcomed the new members of the group.\n",
         [("Ana Lima", ("coordinator",), ("Kestrel Labs",)), ("Tobi Okafor Okonjo", (), ("Polder Digital Association",)),
          ("Ruth Mbeki", ("rapporteur",), ("Tern Trust",))]),
        ("Attendees:\nAna Lima\u2026\u2026Kestrel Labs\nTobi Okafor\u2026\u2026Polder Digital Association\n\nNotes\n",
         [("Ana Lima", (), ("Kestrel Labs",)), ("Tobi Okafor", (), ("Polder Digital Association",))]),
        # a surname in capitals ending in a combining accent ("\u1ecc" + grave) is still a surname
        ("Present:\n  Ada OB\u00c1Y\u1ecc\u0300 ........ Kestrel Labs\n  Ruth MBEKI ......... Tern Trust\n\nNotes\n",
         [("Ada Ob\u00e1y\u1ecd\u0300", (), ("Kestrel Labs",)), ("Ruth Mbeki", (), ("Tern Trust",))]),
    ],
)
def test_parse_roster_dotted_leader_separates_name_and_descriptors(body, expected):
    text, found = _participants(body)
    assert [(p.name, p.roles, p.organisations) for p in found] == expected
    assert all(text[p.start:p.end].strip().startswith(p.name_as_written) for p in found)


def test_parse_roster_dots_of_a_table_of_contents_stay_contents():
    text = HEAD + "Contents\n1. Opening ........ 2\n2. Budget ........ 3\n\nPresent: Ana Lima (Kestrel Labs), Tobi Okafor\n"
    report = parse_report(source_from_text(text))
    assert [p.name for p in report.participants] == ["Ana Lima", "Tobi Okafor"]


# --------------------------------------------------------------------------- a programme's per-session speaker lists

PROGRAMME = (
    "Borduria Internet Forum 2025\n\n"
    "Report of the 9th Annual Forum\n\n"
    "The 9th edition of the Borduria Internet Forum took place on 3 June 2025 in Szohod.\n\n"
    "Agenda\n\n1. Opening Session\n2. Session 1: Community Networks\n\n"
    "Opening Session\n\n"
    "**{label}:**\n\n"
    "- Engr. Ana Lopez \u2013 Chair, Forum Steering Group\n"
    "- Hajiya Wen Li \u2013 Kestrel Labs (Moderator)\n\n"
    "Ms. Lopez welcomed participants. Hajiya Li thanked the hosts.\n\n"
    "Session 1: Community Networks\n\n"
    "**{label}:**\n\n"
    "- Tobi Ad\u00e9b\u00e1y\u1ecd\u0300 \u2013 Polder Digital Association\n"
    "- Barr. Rosa Pena \u2013 Red Andina Abierta\n\n"
    "Mr. Ad\u00e9b\u00e1y\u1ecd\u0300 presented the networks. Barr. Pena replied.\n"
)


@pytest.mark.parametrize("label", ["Speakers", "Panellists", "Panelists", "Moderators and speakers"])
def test_parse_roster_session_speaker_lists_are_the_participants(label: str) -> None:
    report = parse_report(source_from_text(PROGRAMME.format(label=label)))
    assert [(p.name, p.group) for p in report.participants] == [
        ("Ana Lopez", "Opening Session"),
        ("Wen Li", "Opening Session"),
        ("Tobi Ad\u00e9b\u00e1y\u1ecd\u0300", "Session 1: Community Networks"),
        ("Rosa Pena", "Session 1: Community Networks"),
    ]


def test_parse_roster_session_list_stays_inside_its_section() -> None:
    report = parse_report(source_from_text(PROGRAMME.format(label="Speakers")))
    titled = [s for s in report.sections if s.title]
    assert [s.title for s in titled] == ["Opening Session", "Session 1: Community Networks"]
    # the prose after each list is its session's, not an untitled section of its own
    assert not any(not s.title and s.start > titled[0].start for s in report.sections)
    said = [[report.text[p.start : p.end] for p in s.paragraphs] for s in titled]
    assert [any("welcomed participants" in p for p in ps) for ps in said] == [True, False]
    assert [any("presented the networks" in p for p in ps) for ps in said] == [False, True]


@pytest.mark.parametrize(
    ("before", "group"),
    [
        ("Kestrel WG call\n4 March 2025\n\n", "Speakers"),  # right under the header: no session to belong to
        ("Kestrel WG call\n4 March 2025\n\nThe call reviewed the survey.\n\n", "Speakers"),  # under prose
    ],
)
def test_parse_roster_speaker_list_without_a_session_heading_keeps_its_label(before: str, group: str) -> None:
    report = parse_report(source_from_text(before + "Speakers:\n\n- Ana Lopez \u2013 Kestrel Labs\n- Wen Li \u2013 Polder\n"))
    assert [(p.name, p.group) for p in report.participants] == [("Ana Lopez", group), ("Wen Li", group)]


SESSION_PIECES = [
    "\n\n", "\n", "Session 2: Data\n", "Opening Session\n", "**Speakers:**\n", "Speakers:\n", "Panellists\n",
    "- Engr. Ana Lopez \u2013 Kestrel Labs\n", "- Tobi Ad\u00e9b\u00e1y\u1ecd\u0300 (Moderator)\n", "Ms. Lopez spoke. ",
    "\u0300", "Hajiya ", "1. ", ":", "Agenda\n",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SESSION_PIECES), st.text(max_size=12)), max_size=40))
def test_parse_roster_session_lists_any_text_stays_inside_the_text(parts):
    text = "".join(parts)
    doc = SourceDoc(path="generated", file_name="generated.txt", sha256="0" * 64, fmt="txt", text=text, original=text)
    report = parse_report(doc)
    for p in report.participants:
        assert 0 <= p.start <= p.end <= len(text)
        assert p.name and p.group
    for s in report.sections:
        assert 0 <= s.start <= s.end <= len(text)


@pytest.mark.parametrize(
    "body, expected",
    [
        # a name over its organisation, one pair per paragraph (a sidebar, a programme's speaker boxes)
        (
            "Who took part\n\nAna Lima\nKestrel Labs (co-facilitator)\n\nDr. Tobi Okafor\nLagos Data Rights Verein\n\n"
            "Li Wen\nNorthwind University\n\nNext steps\n\nAna Lima to send the survey.\n",
            [("Ana Lima", ("Kestrel Labs",)), ("Tobi Okafor", ("Lagos Data Rights Verein",)), ("Li Wen", ("Northwind University",))],
        ),
        # two lines that are both names are two entries, not a name over an organisation
        (
            "Participants\n\nAna Lima\nTobi Okafor\n\nLi Wen\nMarta Ruiz\n\nKenji Mori\nSara Haddad\n\nNotes\n\nAna Lima opened the call.\n",
            [("Ana Lima", ()), ("Tobi Okafor", ()), ("Li Wen", ()), ("Marta Ruiz", ()), ("Kenji Mori", ()), ("Sara Haddad", ())],
        ),
    ],
    ids=["name-over-organisation", "two-names-a-paragraph"],
)
def test_parse_roster_name_over_organisation_stanzas(body, expected):
    assert [(p.name, p.organisations) for p in _participants(body)[1]] == expected


# --------------------------------------------------------------------------- initials and attendance columns

ATTENDANCE_TABLE = (
    "Attendance\n\n"
    "Name\tInitials\tOrganisation\tStakeholder group\tAttendance\n"
    "Marta Okafor\tMO\tKestrel Digital Trust\tCivil society\tPresent – Chair\n"
    "Tomas Rieder\tTR\tFinch Secretariat\t–\tPresent – Minutes\n"
    "Ilse Varga\tIV\tGull Secretariat (NRI focal point)\t–\tPresent\n"
    "Petra Lunde\tPL\tHeron Exchange Association\tTechnical community\tApologies\n"
)


@pytest.mark.parametrize(
    "name, roles, organisations",
    [
        ("Marta Okafor", ("Chair",), ("Kestrel Digital Trust",)),
        ("Tomas Rieder", ("Minutes",), ("Finch Secretariat",)),
        ("Ilse Varga", ("NRI focal point",), ("Gull Secretariat",)),
    ],
)
def test_parse_attendance_table_reads_roles_from_the_attendance_and_organisation_cells(
    name: str, roles: tuple[str, ...], organisations: tuple[str, ...]
) -> None:
    _, found = _participants(ATTENDANCE_TABLE)
    p = next(p for p in found if p.name == name)
    assert (p.roles, p.organisations) == (roles, organisations)


def test_parse_attendance_table_row_marked_apologies_is_absent() -> None:
    report = parse_report(source_from_text(HEAD + ATTENDANCE_TABLE))
    assert [p.name for p in report.participants] == ["Marta Okafor", "Tomas Rieder", "Ilse Varga"]
    assert [p.name for p in report.absent] == ["Petra Lunde"]


def test_parse_attendance_table_initials_become_aliases() -> None:
    from kg.nlp.roster import Roster

    report = parse_report(source_from_text(HEAD + ATTENDANCE_TABLE))
    pairs = {(full, alias) for full, alias, _, _ in Roster.from_report(report).nicknames}
    assert {("Marta Okafor", "MO"), ("Tomas Rieder", "TR"), ("Petra Lunde", "PL")} <= pairs
    for full, alias, s, e in Roster.from_report(report).nicknames:
        assert alias in report.text[s:e]


# --------------------------------------------------------------------------- attendance modes are no organisations


@pytest.mark.parametrize(
    ("entry", "roles", "orgs"),
    [
        ("Ana Lima (remote)", (), ()),
        ("Ana Lima (online)", (), ()),
        ("Ana Lima (in person)", (), ()),
        ("Ana Lima (In-Person)", (), ()),
        ("Ana Lima (virtual)", (), ()),
        ("Ana Lima (on site)", (), ()),
        ("Ana Lima (via Zoom)", (), ()),
        ("Ana Lima (joined remotely)", (), ()),
        ("Ana Lima (à distance)", (), ()),
        ("Ana Lima (presencial)", (), ()),
        ("Ana Lima, Kestrel Labs (remote)", (), ("Kestrel Labs",)),
        ("Ana Lima (Kestrel Labs, online)", (), ("Kestrel Labs",)),
        ("Ana Lima \u2013 remote participant", (), ()),
        ("Ana Lima (observer)", ("observer",), ()),
        ("Ana Lima (Online Safety Trust)", (), ("Online Safety Trust",)),
    ],
)
def test_parse_roster_attendance_mode_is_no_organisation(entry, roles, orgs):
    p = _entry(entry)
    assert p is not None and p.name == "Ana Lima"
    assert (p.roles, p.organisations) == (roles, orgs)


def test_parse_roster_attendance_modes_in_a_list_and_its_attendance_column():
    _, found = _participants("Present: Ana Lima (remote), Bo Chen (Tern Trust, in person), Cleo Marsh (via Teams)\n\nNotes\n")
    assert [(p.name, p.organisations) for p in found] == [("Ana Lima", ()), ("Bo Chen", ("Tern Trust",)), ("Cleo Marsh", ())]
    table = "Participants\n\nName\tOrganisation\tAttendance\nAna Lima\tKestrel Labs\tPresent \u2013 remote\nBo Chen\tTern Trust\tPresent \u2013 Chair\n"
    _, found = _participants(table)
    assert [(p.name, p.roles, p.organisations) for p in found] == [
        ("Ana Lima", (), ("Kestrel Labs",)),
        ("Bo Chen", ("Chair",), ("Tern Trust",)),
    ]


# --------------------------------------------------------------------------- the signer, and the chair a signature gives


@pytest.mark.parametrize(
    ("tail", "name", "written", "roles"),
    [
        ("Amara Diallo, Chair\n", "Amara Diallo", "Amara Diallo", ("Chair",)),
        ("Amara Diallo (Co-Chair)\n", "Amara Diallo", "Amara Diallo", ("Co-Chair",)),
        ("Amara Diallo\nChair, Kestrel Working Group\n\n12 May 2025\n", "Amara Diallo", "Amara Diallo", ("Chair",)),
        ("\u2014 Chair: Amara Diallo\n", "Amara Diallo", "Amara Diallo", ("Chair",)),
        ("Facilitator: Dr. Amara Diallo\n", "Amara Diallo", "Amara Diallo", ("Facilitator",)),
        ("Signed: A. Diallo (Chair)\n", "A. Diallo", "A. Diallo", ("Chair",)),
        ("Approved by Amara Diallo, Vice-Chair\n", "Amara Diallo", "Amara Diallo", ("Vice-Chair",)),
        ("Ingeborg Solvang\nRapporteur\n", "Ingeborg Solvang", "Ingeborg Solvang", ("Rapporteur",)),
    ],
)
def test_parse_signer_of_the_last_lines(tail, name, written, roles):
    text = "The meeting closed at 16:00.\n\n" + tail
    signer = find_signer(split_lines(text))
    assert signer is not None
    assert (signer.name, signer.roles) == (name, roles)
    assert text[signer.start : signer.end] == written


@pytest.mark.parametrize(
    "tail",
    [
        "The Chair thanked everyone and closed the meeting.\n",
        "Next meeting: 5 May 2025\n",
        "Amara Diallo\nKestrel Labs\n",  # no role: a name over an organisation may sign, but gives no role
        "Ana\nChair\n",  # a first name alone signs only a mail's signature
    ],
)
def test_parse_signer_needs_a_name_and_a_role(tail):
    signer = find_signer(split_lines("The meeting closed at 16:00.\n\n" + tail))
    assert signer is None or not signer.roles


SIGNED_MINUTES = (
    "Kestrel Working Group\nMinutes of call 9, 3 June 2025, 15:00 UTC\n\n"
    "Participants:\n- Amara Diallo\n- Kofi Mensah, Tern Trust\n\n"
    "1. Survey results\nThe Chair presented the survey results. Kofi Mensah offered to help.\n\n"
)


@pytest.mark.parametrize(
    ("signature", "chair"),
    [
        ("Amara Diallo, Chair\n", "Amara Diallo"),
        ("Amara Diallo\nCo-chair, Kestrel Working Group\n", "Amara Diallo"),
        ("\u2014 Chair: Amara Diallo\n", "Amara Diallo"),
        ("Signed: A. Diallo (Chair)\n", "A. Diallo"),
        ("Kofi Mensah, Facilitator\n", "Kofi Mensah"),
    ],
)
def test_parse_meeting_chair_from_the_signature(signature, chair):
    text = SIGNED_MINUTES + signature
    report = parse_report(source_from_text(text))
    assert report.meeting.chair == chair
    span = report.meeting.span_of("chair")
    assert span is not None and text[span.start : span.end] == chair


@pytest.mark.parametrize(
    ("header", "signature", "chair"),
    [
        ("", "Amara Diallo, Vice-Chair\n", None),
        ("", "Amara Diallo, former Chair\n", None),
        ("", "Amara Diallo\nRapporteur\n", None),
        ("Chair: Kofi Mensah\n", "Amara Diallo, Chair\n", "Kofi Mensah"),  # the header's chair wins
        ("", "Omar Haddad, Chair\n", None),  # not on the list: he did not attend, so did not chair it
        ("", "S. Haddad (Chair)\n", None),
    ],
)
def test_parse_meeting_chair_not_from_a_signature_without_a_chairs_role(header, signature, chair):
    text = SIGNED_MINUTES.replace("UTC\n\n", "UTC\n" + header + "\n", 1) + signature
    assert parse_report(source_from_text(text)).meeting.chair == chair


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("Aa Dd:,()\u2014-\n.CchairSigned")), max_size=120))
def test_parse_signer_any_text_never_crashes_and_stays_inside(text):
    signer = find_signer(split_lines(text), given_name=True)
    if signer is not None:
        assert 0 <= signer.start <= signer.end <= len(text)
        assert signer.name


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("Participants:\n- Ana Lima\n- Bo Chen, Tern Trust\n\n1. Welcome\nAna Lima opened the call.\n", ["Ana Lima", "Bo Chen"]),
        ("Participants:\n1. Ana Lima\n2. Bo Chen\n\n- Newsletter\nAna Lima presented the draft.\n", ["Ana Lima", "Bo Chen"]),
        # the same marks after a blank line: the list goes on
        ("Participants:\n1. Ana Lima\n2. Bo Chen\n\n3. Cleo\n4. Dev Patel\n\nNotes\n", ["Ana Lima", "Bo Chen", "Cleo", "Dev Patel"]),
    ],
)
def test_parse_roster_ends_where_the_marks_change_after_a_blank_line(body, names):
    _, found = _participants(body)
    assert [p.name for p in found] == names


def test_parse_meeting_chair_from_the_signature_of_a_report_without_a_list():
    text = "Kestrel Working Group\nMinutes of call 9, 3 June 2025\n\nThe Chair presented the survey results.\n\nOmar Haddad, Chair\n"
    assert parse_report(source_from_text(text)).meeting.chair == "Omar Haddad"


@pytest.mark.parametrize(
    ("name", "listed"),
    [("Amara Diallo", True), ("amara diallo", True), ("Amara", True), ("A. Diallo", True), ("Diallo", False),
     ("B. Diallo", False), ("Amara Okafor", False), ("A. B. Diallo", False)],
)
def test_parse_signer_names_a_listed_person(name, listed):
    from kg.model import Participant
    from kg.parse.roster import names_listed

    assert names_listed(name, [Participant("Amara Diallo", "Amara Diallo", 0, 12), Participant("Kofi Mensah", "Kofi Mensah", 14, 25)]) is listed


# --------------------------------------------------------------------------- pipe tables, legends, wrapped cells

PIPE_TABLE = (
    "ATTENDANCE\n"
    "----------\n"
    "(* = WG co-facilitator)\n\n"
    " Stakeholder group      | Name                             | Region\n"
    "------------------------+----------------------------------+-----------\n"
    " Government             | Ms. Brigitte OKONKWO-LUND *      | WEOG\n"
    " Government             | Mr. Mateo de los R\u00cdOS VARELA     | GRULAC\n"
    " Technical community    | Ms. Liesel van den BROEK         | WEOG\n"
    " Kestrel Secretariat    | Mr. Tarek HADDAD SALIBA          | --\n\n"
    "Apologies: Ms. Wanjiru KAMAU (Civil society).\n"
)


@pytest.mark.parametrize("frame", [False, True])
def test_parse_roster_plain_text_pipe_table_with_a_legend(frame: bool) -> None:
    body = PIPE_TABLE
    if frame:  # "| a | b |" rows with "|---|---|" rules
        body = "\n".join(f"|{ln.strip()}|" if "|" in ln and "+" not in ln else ln.replace("+", "|") for ln in body.split("\n"))
    text, found = _participants(body)
    assert [(p.name, p.roles, p.organisations) for p in found] == [
        ("Brigitte Okonkwo-Lund", ("WG co-facilitator",), ()),
        ("Mateo de los R\u00edos Varela", (), ()),
        ("Liesel van den Broek", (), ()),
        ("Tarek Haddad Saliba", (), ("Kestrel Secretariat",)),
    ]
    assert all(p.name_as_written.startswith(("Ms.", "Mr.")) and p.name_as_written in text[p.start:p.end] for p in found)
    assert [p.name for p in parse_report(source_from_text(HEAD + body)).absent] == ["Wanjiru Kamau"]


def test_parse_roster_pipe_table_rows_in_a_wrapped_text_file_stay_rows(tmp_path) -> None:
    """A plain-text file hard-wrapped at a width keeps its table's rows and rules one a line."""
    from kg.ingest import load_source

    prose = ("The working group met online and discussed the draft seed catalogue, agreeing that the draft would go to the "
             "regional gardens before the season opens and that comments would be gathered by the secretariat. ") * 4
    words, lines, line = prose.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > 78:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    path = tmp_path / "call.txt"
    path.write_text(HEAD + "\n".join(lines + [line]) + "\n\n" + PIPE_TABLE, encoding="utf-8")
    report = parse_report(load_source(path))
    assert [p.name for p in report.participants][:2] == ["Brigitte Okonkwo-Lund", "Mateo de los R\u00edos Varela"]


@pytest.mark.parametrize(
    ("legend", "where", "roles"),
    [
        ("(* = co-facilitator)", "before", ("co-facilitator",)),
        ("* denotes co-facilitators", "after", ("co-facilitator",)),
        ("\u2020: rapporteur", "after", ("rapporteur",)),
    ],
)
def test_parse_roster_legend_explains_the_mark_after_a_name(legend: str, where: str, roles: tuple) -> None:
    mark = legend.strip("(")[0]
    rows = f"Name\tOrganisation\nAna Lima {mark}\tKestrel Labs\nBo Chen\tTern Trust\n"
    body = "Participants\n\n" + (legend + "\n" + rows if where == "before" else rows + legend + "\n")
    _, found = _participants(body)
    assert [(p.name, p.roles) for p in found] == [("Ana Lima", roles), ("Bo Chen", ())]


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        (" Civil society | Ana LIMA *   | GRULAC", ["Civil society", "Ana LIMA *", "GRULAC"]),
        ("| Ana Lima | Kestrel Labs |", ["Ana Lima", "Kestrel Labs"]),
        ("Ana Lima        | Kestrel Labs", ["Ana Lima", "Kestrel Labs"]),
        ("Ana Lima | Kestrel Labs", ["Ana Lima | Kestrel Labs"]),  # a lone bar separates a name from its descriptor
        ("Ana Lima\tKestrel Labs | Tern", ["Ana Lima", "Kestrel Labs | Tern"]),
    ],
)
def test_parse_roster_table_cells_split_at_tabs_or_column_bars(line: str, cells: list[str]) -> None:
    from kg.parse.roster import _row_cells

    found = _row_cells(line)
    assert [c for _, c in found] == cells
    assert all(line[at:at + len(c)] == c for at, c in found)


def test_parse_roster_header_with_one_unknown_column_and_rowspan_roles() -> None:
    body = (
        "Session team\n\n"
        "Function\tName\tAffiliation\tJoined\n"
        "Co-coordinators\tDr. Ilona Vasquez-Brandt\tTern Valley University\tonsite\n"
        "Co-coordinators\tYaw Mensah-Addo\tOpen Seeds Ghana\tonline\n"
        "Panellists\tFemke de Wit\tPolder Seed Authority\tonsite\n"
        "Rapporteur\tOona Lindholm-Reyes\tCoalition steering group\tonsite\n"
    )
    _, found = _participants(body)
    assert [(p.name, p.roles, p.organisations) for p in found] == [
        ("Ilona Vasquez-Brandt", ("Co-coordinator",), ("Tern Valley University",)),
        ("Yaw Mensah-Addo", ("Co-coordinator",), ("Open Seeds Ghana",)),
        ("Femke de Wit", ("Panellist",), ("Polder Seed Authority",)),
        ("Oona Lindholm-Reyes", ("Rapporteur",), ("Coalition steering group",)),
    ]


@pytest.mark.parametrize(
    "header",
    ["Time\tItem\tSpeaker\n", "Name\tTopic\tTime\tRoom\n", "Speaker\tTitle\tTime\n"],
)
def test_parse_roster_header_with_unknown_columns_is_no_roster_header(header: str) -> None:
    from kg.parse.roster import column_kinds

    assert column_kinds(header.rstrip("\n").split("\t")) is None


def test_parse_roster_surname_and_name_columns_and_a_role_beside_the_organisation() -> None:
    body = (
        "Participants\n\n"
        "Surname\tName\tAffiliation\n"
        "Te Rangi\tMere\tGroup Chair; Aotearoa Seed Trust\n"
        "Okafor\tChidi\tDelta Seed Network\n"
    )
    _, found = _participants(body)
    assert [(p.name, p.roles, p.organisations) for p in found] == [
        ("Mere Te Rangi", ("Group Chair",), ("Aotearoa Seed Trust",)),
        ("Chidi Okafor", (), ("Delta Seed Network",)),
    ]


WRAPPED_TABLE = (
    "Organisers and speakers\n"
    "Name\tAffiliation\tRole\n"
    "Samira Haddad-Khoury\tLevant Seed Rights Lab\tModerator; PNSF MWG\n"
    "co-facilitator\n"
    "Eero Kallio-Berg\tNordic Seed Exchange\tSpeaker\n"
    "Association\n"
    "Centre for Open Seed Policy (PNSF\n"
    "Aroha Ngata\tco-facilitator)\tSpeaker\n"
    "Bola Adeyemi\tWest African Seed Alliance\tSpeaker\n"
    "\n1. Opening\nSamira opened the webinar.\n"
)


def test_parse_roster_table_cells_wrapped_onto_lines_of_their_own() -> None:
    """A PDF table's cell that wraps: its last line under the row, or its first line over it (a bracket left open)."""
    text, found = _participants(WRAPPED_TABLE)
    assert [(p.name, p.group, p.roles, p.organisations) for p in found] == [
        ("Samira Haddad-Khoury", None, ("Moderator", "PNSF MWG co-facilitator"), ("Levant Seed Rights Lab",)),
        ("Eero Kallio-Berg", None, ("Speaker",), ("Nordic Seed Exchange Association",)),
        ("Aroha Ngata", None, ("PNSF co-facilitator", "Speaker"), ("Centre for Open Seed Policy",)),
        ("Bola Adeyemi", None, ("Speaker",), ("West African Seed Alliance",)),
    ]
    assert text[found[0].start:found[0].end].endswith("MWG\nco-facilitator")


def test_parse_roster_group_rows_of_a_table_are_no_wrapped_cells() -> None:
    body = (
        "Participants\n\nName\tOrganisation\tRole\n"
        "Ana Lima\tKestrel Labs\tChair\n"
        "Members \u2013 Civil Society\n"
        "Bo Chen\tTern Trust\tMember\n"
        "Secretariat\n"
        "Cleo Diaz\tKestrel Secretariat\t\u2013\n"
    )
    _, found = _participants(body)
    assert [(p.name, p.group) for p in found] == [
        ("Ana Lima", "Participants"), ("Bo Chen", "Members \u2013 Civil Society"), ("Cleo Diaz", "Secretariat"),
    ]


@pytest.mark.parametrize(
    ("line", "absent"),
    [
        ("Apologies: Bakare-Jones, Tayo (Delta Youth Forum).", ["Tayo Bakare-Jones"]),
        ("Apologies: Okoro, Tunde (Kestrel Labs), Lima, Ana (Tern Trust)", ["Tunde Okoro", "Ana Lima"]),
        ("Apologies: Ana Lima, Bo Chen", ["Ana Lima", "Bo Chen"]),
        ("Apologies: Ingrid, Hira Qureshi (Tern Labs)", ["Ingrid", "Hira Qureshi"]),
        ("Apologies: Ana, Bo (notes)", ["Ana", "Bo"]),
    ],
)
def test_parse_roster_inline_list_written_surname_first(line: str, absent: list[str]) -> None:
    report = parse_report(source_from_text(HEAD + "Present: Cleo Diaz, Dev Patel\n" + line + "\n"))
    assert [p.name for p in report.absent] == absent


_PIPE_PIECES = [" | ", "|", "-----+-----", "(* = co-facilitator)", "*", "Ana LIMA", "de la", "Kestrel Labs", "\t",
                "co-facilitator)", "(PNSF", "Association", "Name", "Region", "Stakeholder group", "\n", "Participants\n"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIPE_PIECES), st.text(max_size=8)), max_size=50))
def test_parse_roster_pipe_tables_and_wrapped_cells_any_text_stays_inside(parts):
    """Bars, rules, legends and wrapped cells in any order never crash the reader, and every entry's span is in the text."""
    text = HEAD + "".join(parts)
    for block in _rosters(text):
        for p in (*block.participants, *block.absent):
            assert 0 <= p.start <= p.end <= len(text)
            assert p.name.strip()


def test_parse_roster_list_label_inside_a_list_is_no_person() -> None:
    body = (
        "Speakers:\n  Kojo Asante \u2013 Institute for Seed Society\n  Lina Haddad \u2013 Levant Seed Forum\n"
        "Participants (Annex 1)\n- Tanabe, Aiko \u2013 DC on Soil Data\n- Ferreira, Joana \u2013 DC on Rural Gardens\n"
    )
    _, found = _participants(body)
    assert [p.name for p in found] == ["Kojo Asante", "Lina Haddad", "Aiko Tanabe", "Joana Ferreira"]


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        # a key-value table of the meeting's details: the label fills the first cell
        ("Date\t4 March 2025\nChair\tCleo Diaz\nPresent\tCleo Diaz (Kestrel Labs, co-chair); Dev Patel (Heron Trust)\n"
         "Apologies\tIma Osei (Wren Network)\n\n1. Welcome\tCleo opened the call.\n",
         ["Cleo Diaz", "Dev Patel"], ["Ima Osei"]),
        ("Attendees\tAna Lima, Bo Strand, Cleo Diaz\n", ["Ana Lima", "Bo Strand", "Cleo Diaz"], []),
    ],
)
def test_parse_roster_label_in_its_own_table_cell(body: str, present: list[str], absent: list[str]) -> None:
    report = parse_report(source_from_text(HEAD + body))
    assert [p.name for p in report.participants] == present
    assert [p.name for p in report.absent] == absent


def test_parse_roster_label_cell_needs_the_whole_cell() -> None:
    """"Presentation<TAB>..." is no "Present" list."""
    _, found = _participants("Presentation\tAna Lima, Bo Strand\nBudget\tHeron Trust\n")
    assert found == ()


_BILINGUAL_TABLE = (
    "1. Participants / Participants\n\n"
    "Nom / Name\tOrganisation\tFonction / Role\n\n"
    "OKAFOR BELLO Ada-Rose\tRéseau kestrel pour les données\tPrésidente / Chair of\n"
    "ouvertes\tthe Committee\n\n"
    "MWANGI wa MWANGI Tom\tUniversité de Heron\tMembre / Member\n"
    "NGO TABI Lise\tWren Youth Forum\tMembre / Member\n"
    "OSEI Kwame (pour / for M.\tHeron Chamber of Trade\tMembre / Member\n"
    "DUVAL)\n\n"
    "DIAZ Cleo\tIGF Secretariat\tObservatrice / Observer\n\n"
    "2. Agenda\n"
)


def test_parse_roster_pdf_table_bilingual_header_capital_surnames_first() -> None:
    """A PDF table: header cells in two languages, surnames in capitals first (several words, a particle,
    a word spelt like an acronym), cells wrapped onto a line of their own, a bracket closed on the next line."""
    report = parse_report(source_from_text(HEAD + _BILINGUAL_TABLE))
    got = {p.name: p for p in report.participants}
    assert list(got) == ["Ada-Rose Okafor Bello", "Tom Mwangi wa Mwangi", "Lise Ngo Tabi", "Kwame Osei", "Cleo Diaz"]
    assert got["Ada-Rose Okafor Bello"].organisations == ("Réseau kestrel pour les données ouvertes",)


@pytest.mark.parametrize(
    ("cells", "kinds"),
    [
        (["Nom / Name", "Organisation", "Fonction / Role"], ["name", "organisation", "role"]),
        (["Name", "Organisation", "Role"], ["name", "organisation", "role"]),
    ],
)
def test_parse_roster_bilingual_header_cells(cells: list[str], kinds: list[str]) -> None:
    from kg.parse.roster import column_kinds

    assert column_kinds(cells) == kinds


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("KALONJI wa KALONJI Serge", "Serge Kalonji wa Kalonji"),
        ("MWANGI Tom", "Tom Mwangi"),
        ("Tom MWANGI", "Tom Mwangi"),
    ],
)
def test_parse_roster_capitals_with_a_particle_inside_the_surname(written: str, name: str) -> None:
    from kg.parse.roster import _capitals_read

    assert _capitals_read(written) == name
