"""Parse stage, piece by piece: sentences, dates, names, list entries, groups, owners, mapping."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import AgendaItem
from kg.parse.actions import cell_due, find_due, find_owner, recap_owner, task_end
from kg.parse.agenda import map_sections
from kg.parse.dates import find_dates, find_relative, find_times
from kg.parse.headings import heading_kind
from kg.parse.roster import group_descriptor, parse_entry
from kg.parse.sentences import split_sentences
from kg.parse.text import clean, split_lines
from kg.parse.transcript import is_role_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Lindqvist arrived. He sat down.", ["Mr. Lindqvist arrived.", "He sat down."]),
        ("Use small tools, e.g. a checklist. Then stop.", ["Use small tools, e.g. a checklist.", "Then stop."]),
        ("Funding from the U.S. Department was noted.", ["Funding from the U.S. Department was noted."]),
        ("Karim N. Haddad spoke first. Others agreed.", ["Karim N. Haddad spoke first.", "Others agreed."]),
        ("Growth was 2.5 per cent. Next item.", ["Growth was 2.5 per cent.", "Next item."]),
        ("It starts at 1 p.m. UTC and ends at 2 p.m. The chair closed.", ["It starts at 1 p.m. UTC and ends at 2 p.m.", "The chair closed."]),
        ("Is it done? Yes! Good.", ["Is it done?", "Yes!", "Good."]),
        ('She said "Go now." Then she left.', ['She said "Go now."', "Then she left."]),
        ("See No. 5 on the list. Dr. Okafor agreed.", ["See No. 5 on the list.", "Dr. Okafor agreed."]),
        ("Pilots, kits, etc. The rest waits.", ["Pilots, kits, etc.", "The rest waits."]),
        ("Re. the survey, Maja noted a delay.", ["Re. the survey, Maja noted a delay."]),
        ("the list was long. and it went on.", ["the list was long. and it went on."]),
        ("", []),
    ],
)
def test_parse_sentence_splitter(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text, base=10)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start - 10 : s.end - 10] == s.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 July 2024 at 05:00 UTC", [(2024, 7, 4)]),
        ("was held on 4 July at 05:00", [(None, 7, 4)]),
        ("July 4th, 2024", [(2024, 7, 4)]),
        ("2024-07-04", [(2024, 7, 4)]),
        ("Tue, 9 Apr 2024 10:12:03 +0000", [(2024, 4, 9)]),
        ("the 3rd of March 2022", [(2022, 3, 3)]),
        ("it may be late", []),
        ("from 21 to 23 August in Guyana", [(None, 8, 21)]),  # a span of days starts on the first
        ("Geneva, 12\u201314 February 2025", [(2025, 2, 12)]),
        ("Meeting 1 - 3 August 2019", [(2019, 8, 3)]),  # a meeting number, then its date
        ("Day 1 \u2013 10 March 2025", [(2025, 3, 10)]),
        ("February 12-14, 2025", [(2025, 2, 12)]),
        ("met on 3 and 4 March 2025", [(2025, 3, 3)]),
        ("4 and 5 members on 3 March 2025", [(2025, 3, 3)]),
        ("the 4th of March 2025", [(2025, 3, 4)]),
        ("on 31 February", []),
        ("30 March - 1 April", [(None, 3, 30), (None, 4, 1)]),
        # numeric dates: day first, unless the "month" is over 12
        ("Date : Thursday 06.03.2025, 09:00 UTC", [(2025, 3, 6)]),
        ("sent 10.03.2025.", [(2025, 3, 10)]),
        ("by 07/03/2025", [(2025, 3, 7)]),
        ("on 3-4-2025", [(2025, 4, 3)]),
        ("held on 07/24/2024", [(2024, 7, 24)]),
        ("2025/02/11", [(2025, 2, 11)]),
        ("by 21/02", [(None, 2, 21)]),
        ("31.02.2025", []),
        # numbers that are no dates: sections, ratios, decision and document numbers, versions
        ("see section 3.1.2", []),
        ("24/7 support", []),
        ("decisions 1/2025 to 3/2025", []),
        ("A/HRC/55/1", []),
        ("v1.02.2025", []),
    ],
)
def test_parse_dates_found_in_text(text: str, expected: list[tuple]) -> None:
    assert [(d.year, d.month, d.day) for d in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 05:00 UTC", [("05:00", "UTC")]),
        ("at 1 p.m. UTC", [("13:00", "UTC")]),
        ("at 2 p.m.", [("14:00", None)]),
        ("12 a.m. and 12 p.m.", [("00:00", None), ("12:00", None)]),
        ("13h00 CET", [("13:00", "CET")]),
        ("at 9.30 am", [("09:30", None)]),
        ("19:00 GMT", [("19:00", "UTC")]),
        ("16:00 UTC+2", [("16:00", "UTC+2")]),
        ("revision 2 is public", []),
        ("growth of 2.5 per cent", []),
        ("over 1,100 registered", []),
    ],
)
def test_parse_times_found_in_text(text: str, expected: list[tuple]) -> None:
    assert [(t.hhmm, t.timezone) for t in find_times(text)] == expected


def _entry(text: str, group: str | None = None):
    c = clean(text, 100)
    return parse_entry(c, 0, len(c.text), group)


@pytest.mark.parametrize(
    ("entry", "name", "written", "roles", "orgs"),
    [
        ("Priya Raman, Group\u2019s Co-Chair, Kestrel Networks", "Priya Raman", "Priya Raman", ("Group's Co-Chair",), ("Kestrel Networks",)),
        ("Raman, Priya, IGF MAG Member", "Priya Raman", "Raman, Priya", ("IGF MAG member",), ()),
        ("Lindqvist, Maja", "Maja Lindqvist", "Lindqvist, Maja", (), ()),
        ("Tomas Novak \u2013 Example Foundation", "Tomas Novak", "Tomas Novak", (), ("Example Foundation",)),
        ("Tomas Novak (Example Foundation)", "Tomas Novak", "Tomas Novak", (), ("Example Foundation",)),
        ("Nia Bello Government of Veloria", "Nia Bello", "Nia Bello", (), ("Government of Veloria",)),
        ("Kwame Asante, Mag Member, Veloran Government", "Kwame Asante", "Kwame Asante", ("IGF MAG member",), ("Veloran Government",)),
        ("Ana Lima, NIC.xx/ Federal University of Nowhere, Brasil, past MAG Member", "Ana Lima", "Ana Lima",
         ("former IGF MAG member",), ("NIC.xx", "Federal University of Nowhere")),
        ("Elena Varga, MAG chair", "Elena Varga", "Elena Varga", ("MAG Chair",), ("MAG",)),
        ("Dr. Maja Lindqvist, Independent expert", "Maja Lindqvist", "Dr. Maja Lindqvist", ("Independent Expert",), ()),
        ("Sam Okoye, MAG Member,", "Sam Okoye", "Sam Okoye", ("IGF MAG member",), ()),
        ("Karim N. Haddad, Academic Intern, Ministry of Communications", "Karim N. Haddad", "Karim N. Haddad",
         ("Academic Intern",), ("Ministry of Communications",)),
        ("Ciarán Ó Briain, former IGF MAG Chair", "Ciarán Ó Briain", "Ciarán Ó Briain", ("former IGF MAG Chair",), ()),
    ],
)
def test_parse_participant_entry_layouts(entry: str, name: str, written: str, roles: tuple, orgs: tuple) -> None:
    p = _entry(entry, "List of participants")
    assert p is not None
    assert (p.name, p.name_as_written, p.roles, p.organisations) == (name, written, roles, orgs)
    assert p.group == "List of participants"
    assert (p.start, p.end) == (100, 100 + len(entry.rstrip(",")))


@pytest.mark.parametrize(
    ("entry", "name", "written", "roles", "orgs"),
    [
        # a surname opening with a particle in lower case is written first ("de Souza Lima, Rafael")
        ("de Oliveira Santos, Joao (Youth Seeds LAC) \u2013 co-facilitator", "Joao de Oliveira Santos",
         "de Oliveira Santos, Joao", ("co-facilitator",), ("Youth Seeds LAC",)),
        ("dos Anjos Pereira, Rita (Lusophone Youth Forum)", "Rita dos Anjos Pereira", "dos Anjos Pereira, Rita", (),
         ("Lusophone Youth Forum",)),
        ("\u00d3 Murch\u00fa, Aoife (Kestrel Secretariat)", "Aoife \u00d3 Murch\u00fa", "\u00d3 Murch\u00fa, Aoife", (),
         ("Kestrel Secretariat",)),
        # a surname of two words, when one given name stands between the comma and a dash
        ("C\u00e1rdenas Ruiz, Marisol \u2013 DC on Seed Libraries", "Marisol C\u00e1rdenas Ruiz",
         "C\u00e1rdenas Ruiz, Marisol", (), ("DC on Seed Libraries",)),
        # an elided particle in lower case belongs to the family name
        ("Pierre-Louis d'Arcy (Vice-Chair) \u2013 Tern Exchange Point \u2013 Seychelles", "Pierre-Louis d'Arcy",
         "Pierre-Louis d'Arcy", ("Vice-Chair",), ("Tern Exchange Point",)),
        ("Giulia dell'Orto, Ministry of Seeds", "Giulia dell'Orto", "Giulia dell'Orto", (), ("Ministry of Seeds",)),
    ],
)
def test_parse_participant_entry_surnames_with_particles(entry: str, name: str, written: str, roles: tuple, orgs: tuple) -> None:
    p = _entry(entry)
    assert p is not None
    assert (p.name, p.name_as_written, p.roles, p.organisations) == (name, written, roles, orgs)


@pytest.mark.parametrize(
    ("entry", "roles", "orgs"),
    [
        # roles in square brackets, a phrase in lower case saying what the role before it is about
        ("Noor Al-Amin [co-facilitator]", ("co-facilitator",), ()),
        ("Dr. Amaru Quispe Flores [lead, subgroup on soils]", ("lead, subgroup on soils",), ()),
        ("Ines Reis [rapporteur, subgroup on water]", ("rapporteur, subgroup on water",), ()),
        ("Ana Lima [1], Kestrel Labs", (), ("Kestrel Labs",)),
        # a role held at the organisation its words name
        ("Lwazi Nkosi [Kestrel Secretariat consultant]", ("Kestrel Secretariat consultant",), ("Kestrel Secretariat",)),
        ("Rosa Diaz, Committee Chair", ("Committee Chair",), ()),
        # each dash starts another descriptor; a country is no organisation
        ("Anne Lagarde (Chair) \u2013 Kestrel Internet Chapter \u2013 Mauritius", ("Chair",), ("Kestrel Internet Chapter",)),
        # a chat handle or a short form of the given name in brackets is the person's alias
        ("Ama Darko (ama_d)", (), ()),
        ("Bilal Qureshi (bilalq)", (), ()),
        ("Bartholomew Ashworth (Bart)", (), ()),
        ("Ana Lima (ex officio)", ("ex officio",), ()),
        # a guest, in English or French, is what the person is, not where they work
        ("Lina Haddad: Levant Seed Forum (invit\u00e9e / guest)", ("invit\u00e9e", "guest"), ("Levant Seed Forum",)),
        ("Rosa Diaz: Kestrel Seed Society (Pr\u00e9sidente du Comit\u00e9 / Committee Chair)",
         ("Pr\u00e9sidente du Comit\u00e9", "Committee Chair"), ("Kestrel Seed Society",)),
        # a town in brackets after an organisation, or a place before a country, is no organisation
        ("Prof. Kojo Asante \u2013 Institute for Seed Society (Tamale)", (), ("Institute for Seed Society",)),
        ("Rapha Comar \u2013 Kestrel Numerique \u2013 Tern Island (France)", (), ("Kestrel Numerique",)),
        # a short form in brackets after the organisation it abbreviates is no other organisation
        ("Kojo Asante \u2013 Internet Society (ISOC)", (), ("Internet Society",)),
        ("Aisha Bello \u2013 Pan-African Seed Network (PASN)", (), ("Pan-African Seed Network",)),
        ("Aisha Bello, Kestrel Labs (ICANN)", (), ("Kestrel Labs", "ICANN")),
        ("Aisha Bello (ISOC)", (), ("ISOC",)),
        ("Aisha Bello \u2013 Kestrel Labs \u2013 Democratic Republic of the Congo", (), ("Kestrel Labs",)),
    ],
)
def test_parse_participant_entry_descriptors_that_name_no_organisation(entry: str, roles: tuple, orgs: tuple) -> None:
    p = _entry(entry)
    assert p is not None
    assert (p.roles, p.organisations) == (roles, orgs)


@pytest.mark.parametrize(
    ("heading", "roles", "orgs"),
    [
        ("Members of the multistakeholder working group", ("Member",), ("multistakeholder working group",)),
        ("Members of the Kestrel Council", ("Member",), ("Kestrel Council",)),
        ("Representatives of Governments", ("Representative",), ()),
        ("Ministry of Health", (), ("Ministry of Health",)),
    ],
)
def test_parse_group_heading_naming_a_role_in_a_body(heading: str, roles: tuple, orgs: tuple) -> None:
    assert group_descriptor(heading) == (roles, orgs)


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Jean-Claude d'Offay", True), ("Carlo dell'Acqua", True), ("Anne l\u2019Hermite", True), ("d'Offay", False),
     ("Ana de la Cruz", True), ("l'Institut", False)],
)
def test_parse_names_elided_particle_inside_a_name(name: str, ok: bool) -> None:
    from kg.parse.names import looks_like_name, read_name

    assert looks_like_name(name) is ok
    if ok:
        assert read_name(name + " said") == (name, 0, len(name))


@pytest.mark.parametrize("entry", ["IGF Secretariat", "Government of Veloria", "the meeting closed at noon", "", "12345"])
def test_parse_participant_entry_rejects_non_names(entry: str) -> None:
    assert _entry(entry) is None


@pytest.mark.parametrize(
    ("heading", "roles", "orgs"),
    [
        ("MAG Chair", ("MAG Chair",), ("MAG",)),
        ("MAG Members", ("IGF MAG member",), ("MAG",)),
        ("IGF 2030 Host Country Co-Chair", ("IGF 2030 Host Country Co-Chair",), ("IGF 2030 Host Country",)),
        ("IGF Secretariat", (), ("IGF Secretariat",)),
        ("Other participants", (), ()),
        ("Past and prospective IGF host countries", ("representative of a past or prospective IGF host country",), ()),
        ("Independent Experts", ("Independent Expert",), ()),
        ("Steering Group Members", ("Steering Group Member",), ("Steering Group",)),
    ],
)
def test_parse_group_heading_gives_roles_and_organisations(heading: str, roles: tuple, orgs: tuple) -> None:
    assert group_descriptor(heading) == (roles, orgs)


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("The CIF Secretariat will circulate the criteria.", "CIF Secretariat"),
        ("Working Groups should finalize all proposals by 30 August.", "Working Groups"),
        ("Working Groups welcome any further speaker suggestion.", "Working Groups"),
        ("Participants are invited to join the calls.", "Participants"),
        ("The WG on Workshop Processes will set up a meeting.", "WG on Workshop Processes"),
        ("Maja to circulate the revised survey.", "Maja"),
        ("Priya and Tomas will draft the note (owner: Sofia Petrov).", "Sofia Petrov"),
        ("It was agreed to keep the slot.", None),
        ("Send the letter to the co-facilitators.", None),
        ("everyone should read the paper.", None),
        # the subject ends at its own verb: "to" is then no owner's verb
        ("Piet shortens the survey to twenty questions.", None),
        ("Secretariat posts it on the website to get comments.", None),
        ("Members from the region to send their views.", "Members from the region"),
    ],
)
def test_parse_action_owner_is_the_subject(sentence: str, owner: str | None) -> None:
    assert find_owner(sentence) == owner


@pytest.mark.parametrize(
    ("sentence", "meeting_date", "due"),
    [
        ("finalize all proposals by 30 August for publication", "2024-08-20", "2024-08-30"),
        ("comment by 15 January", "2024-12-10", "2025-01-15"),
        ("send comments no later than 3 May 2026", "2026-04-01", "2026-05-03"),
        ("share notes by mid-July", "2024-07-04", None),
        ("review the paper within two weeks", "2024-07-04", "2024-07-18"),
        ("finalize by 30 August", None, None),
    ],
)
def test_parse_action_due_date_takes_the_meeting_year(sentence: str, meeting_date: str | None, due: str | None) -> None:
    assert find_due(sentence, meeting_date) == due


# the meeting: Tuesday 4 November 2025; the next one, when the report states it: 2 December 2025
@pytest.mark.parametrize(
    ("sentence", "next_meeting", "due"),
    [
        ("Ana to circulate the list within two weeks.", None, "2025-11-18"),
        ("Ana to circulate the list in 10 days.", None, "2025-11-14"),
        ("Ana to reply within 5 working days.", None, "2025-11-11"),
        ("Ana to reply within a month.", None, "2025-12-04"),
        ("Bo to contact the hubs by Friday.", None, "2025-11-07"),
        ("Bo to contact the hubs before next Tuesday.", None, "2025-11-11"),
        ("Bo to send it by tomorrow.", None, "2025-11-05"),
        ("Kim to prepare the budget by end of month.", None, "2025-11-30"),
        ("Kim to prepare the budget by the end of next month.", None, "2025-12-31"),
        ("Kim to report by the end of the quarter.", None, "2025-12-31"),
        ("Kim to report by end of Q3.", None, "2026-09-30"),
        ("Kim to report by end of Q4.", None, "2025-12-31"),
        ("Kim to report by the end of the first quarter of 2026.", None, "2026-03-31"),
        ("Kim to publish the call by end of March.", None, "2026-03-31"),
        ("Kim to publish the call by year-end.", None, "2025-12-31"),
        ("Kim to publish the call by the end of 2026.", None, "2026-12-31"),
        ("Li to draft the terms of reference before the next meeting.", "2025-12-02", "2025-12-02"),
        ("Li to present the plan at the next WG call.", "2025-12-02", "2025-12-02"),
        # undetermined by the meeting's date: left unresolved
        ("Li to draft the terms of reference before the next meeting.", None, None),
        ("Li to send invitations for the next meeting.", "2025-12-02", None),
        ("Ana to circulate the list within a few weeks.", None, None),
        ("Ana to circulate the list by next week.", None, None),
        ("Ana to meet the hubs on Friday.", None, None),
        # a date the text states wins
        ("Bo to contact the hubs by Friday 14 November.", None, "2025-11-14"),
        ("Bo to send the note by 20 November, within two weeks.", None, "2025-11-20"),
    ],
)
def test_parse_action_due_relative_to_the_meeting_date(sentence: str, next_meeting: str | None, due: str | None) -> None:
    assert find_due(sentence, "2025-11-04", next_meeting) == due


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Mira checks the French version, by the 23rd.", "2025-11-23"),
        ("Mira checks the French version by the 2nd.", "2025-12-02"),
        ("Mira checks it by the 23rd and sends it on.", "2025-11-23"),
        ("Mira checks it by the 3rd quarter.", None),
        ("Mira spoke on the 23rd.", None),
    ],
)
def test_parse_action_due_on_a_day_of_the_month_is_the_next_such_day(sentence: str, due: str | None) -> None:
    assert find_due(sentence, "2025-11-04") == due


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("by 21/11", "2025-11-21"),
        ("07/03/2026", "2026-03-07"),
        ("15.12.2025", "2025-12-15"),
        ("by the next call (25/11)", "2025-11-25"),
        ("11/25/2025", "2025-11-25"),
        ("31/02", None),
        ("ongoing", None),
    ],
)
def test_parse_action_due_cell_in_figures_reads_the_day_first(cell: str, due: str | None) -> None:
    assert cell_due(cell, "2025-11-04") == due


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Gustavo reviews the Portuguese version, by the 23rd.", "Gustavo"),
        ("The Secretariat sends it to the focal points once it is final.", "Secretariat"),
        ("Ana Lima and Bo Chen prepares nothing", "Ana Lima and Bo Chen"),
        ("everyone please share it with your networks.", "everyone"),
        ("Next open call is on the 11th of June.", None),
        ("Thank you all.", None),
        ("It seems fine to me.", None),
        ("Lucia thanks everyone for coming.", None),
        ("We send it next week.", None),
    ],
)
def test_parse_recap_task_owner_opens_a_present_tense_task(sentence: str, owner: str | None) -> None:
    assert recap_owner(sentence) == owner


@pytest.mark.parametrize(
    ("sentence", "task"),
    [
        ("Gustavo reviews the Portuguese version, by the 23rd.", "Gustavo reviews the Portuguese version"),
        ("Henk revises the questionnaire, by Friday.", "Henk revises the questionnaire"),
        ("Kenji circulates the budget by 20 April.", "Kenji circulates the budget by 20 April."),
        ("Ana sends it once it is final, next week.", "Ana sends it once it is final, next week."),
    ],
)
def test_parse_recap_task_leaves_out_a_deadline_after_a_comma(sentence: str, task: str) -> None:
    assert sentence[: task_end(sentence)] == task


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Ana ", "The ", "Secretariat ", "everyone ", "please ", "sends ", "is ", "it", ", ",
                             "by ", "the ", "23rd", "21/02", "07/03/2025", "1.2", ".", "next call ", "(", ")", "end of March"]),
            st.text(max_size=5),
        ),
        max_size=14,
    ).map("".join),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
)
def test_parse_recap_and_due_readers_never_fail(text: str, meeting: dt.date) -> None:
    """Owners, task ends and due dates read from any text: no crash, offsets inside it, real dates."""
    assert 0 <= task_end(text) <= len(text)
    owner = recap_owner(text)
    assert owner is None or owner.strip()
    for due in (find_due(text, meeting.isoformat()), cell_due(text, meeting.isoformat())):
        assert due is None or dt.date.fromisoformat(due)


@pytest.mark.parametrize(
    ("text", "iso", "kind"),
    [
        ("Friday", "2025-11-07", "weekday"),
        ("Tuesday", "2025-11-11", "weekday"),
        ("End of month", "2025-11-30", "period_end"),
        ("2 weeks", "2025-11-18", "span"),
        ("Next meeting", "2025-12-02", "next_meeting"),
        ("Q3 meeting notes", None, None),
        ("Ongoing", None, None),
    ],
)
def test_parse_relative_due_cell_needs_no_deadline_word(text: str, iso: str | None, kind: str | None) -> None:
    hit = find_relative(text, "2025-11-04", "2025-12-02", whole=True)
    assert (hit.iso, hit.kind) == (iso, kind) if iso else hit is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["by ", "within ", "end of ", "the next ", "Q3 ", "Friday", "two", "12 ", "weeks", "month",
                             "working days", "quarter", "March ", "2026", "meeting", "year-end", "tomorrow", ". ", "-"]),
            st.text(max_size=6),
        ),
        max_size=14,
    ).map("".join),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.booleans(),
)
def test_parse_relative_dates_never_fail_and_stay_in_the_text(text: str, meeting: dt.date, whole: bool) -> None:
    hit = find_relative(text, meeting.isoformat(), "2031-01-15", whole=whole)
    if hit is not None:
        assert 0 <= hit.start < hit.end <= len(text)
        assert dt.date.fromisoformat(hit.iso)


def _agenda(*titles: str, numbered: bool = True) -> list[AgendaItem]:
    return [AgendaItem(str(i + 1) if numbered else None, t, 0, 0) for i, t in enumerate(titles)]


@pytest.mark.parametrize(
    ("sections", "agenda", "expected"),
    [
        # identical titles, one section number skipped
        ([("Pilot sites", "1"), ("Survey", "2"), ("AoB", "4")], _agenda("Pilot sites", "Survey", "AoB", numbered=False), [0, 1, 2]),
        # agenda in an annex numbered from an extra first item: numbers shifted by one
        (
            [("Welcome from the Chair", "1"), ("Secretariat updates", "2"), ("Mentorship Programme", "3")],
            _agenda("Adoption of the agenda", "Welcome from the Chair", "Updates from the Secretariat", "Youth Mentorship Programme"),
            [1, 2, 3],
        ),
        # a reworded heading, and an untitled preamble that matches nothing
        ([("", None), ("Key takeaways WSIS+20 High-Level Event (HLE)", "1")], _agenda("Key takeaways WSIS+20", "Update"), [None, 0]),
        # a section nothing like the remaining item still sits in its place
        ([("Budget", "1"), ("Sam noted that he", "2")], _agenda("Budget", "AoB"), [0, 1]),
        # more sections than items: the unmatched one stays unmapped
        ([("Budget", "1"), ("Travel", "2"), ("Venue", "3")], _agenda("Budget", "Venue"), [0, None, 1]),
        # an item taken out of turn under its own number, its heading reworded
        (
            [("Agenda", "1"), ("Money (taken before item 2)", "3"), ("Pilot cities", "2"), ("AOB", "4")],
            _agenda("Adoption of the agenda", "Data commons pilot", "Budget for 2025", "Any other business"),
            [0, 2, 1, 3],
        ),
        # sections renumbered against the agenda: their numbers decide nothing
        (
            [("Budget", "1"), ("Youth track", "2"), ("AOB", "3")],
            _agenda("Opening", "Budget", "AOB"),
            [1, None, 2],
        ),
        ([("Budget", "1")], [], [None]),
    ],
)
def test_parse_sections_map_to_agenda_items(sections, agenda, expected) -> None:
    assert map_sections(sections, agenda) == expected


@pytest.mark.parametrize(
    ("label", "is_role"),
    [("CHAIR", True), ("MODERATOR", True), ("SPEAKER 2", True), ("AUDIENCE MEMBER", True), ("PRIYA RAMAN", False), ("Tomas Novak", False)],
)
def test_parse_turn_labels_that_name_roles(label: str, is_role: bool) -> None:
    assert is_role_label(label) is is_role


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Agenda", "agenda"),
        ("#### Agenda:", "agenda"),
        ("Annex 1: Meeting Agenda", "agenda"),
        ("Annex 2: List of Participants", "participants"),
        ("**List of participants**", "participants"),
        ("Annex 1:", "annex"),
        ("Points discussed:", "discussion"),
        ("Actions", "actions"),
        ("Action items & next steps", "actions"),
        ("The chair opened the call by reading out the agenda:", None),
        ("Participants were invited to comment.", None),
        # a remark after the heading's words leaves its kind alone
        ("AGENDA AS ADOPTED", "agenda"),
        ("Agenda as adopted on 3 May", "agenda"),
        ("Agenda (as sent round on 3 Oct):", "agenda"),
        ("Participants (in alphabetical order)", "participants"),
        ("Order of the day", "agenda"),
        ("Programme", "agenda"),
        ("Record of the discussion", "discussion"),
        ("Agenda as adopted was long", None),
    ],
)
def test_parse_heading_kinds(line: str, kind: str | None) -> None:
    assert heading_kind(split_lines(line)[0]) == kind


def test_parse_header_label_lines_are_not_the_series():
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Regional Forum 2026 Open Consultation, Day 2\n"
        "12 May 2026, 10:00 UTC, Online\n"
        "Chair: Ines Holm, Steering Group Chair\n\n"
        ">> CHAIR: Welcome back, everyone.\n"
        ">> ARJUN MEHTA: Thank you, Chair.\n"
    )
    m = parse_report(source_from_text(text)).meeting
    assert m.series is None or "Chair" not in m.series
    assert m.chair == "Ines Holm"


@pytest.mark.parametrize(
    "line, name, roles, orgs",
    [
        ("1. Traoré, Imran – former MAG Member, Kestrel", "Imran Traoré", ("former IGF MAG member",), ("Kestrel",)),
        ("2. Priya Raman (Pri) – IGF MAG member", "Priya Raman", ("IGF MAG member",), ()),
        ("3. Jane Doe (Kestrel Networks)", "Jane Doe", (), ("Kestrel Networks",)),
        ("4. Valeria Gomez (APC), MAG member", "Valeria Gomez", ("IGF MAG member",), ("APC",)),
    ],
)
def test_parse_roster_last_first_with_dash_and_bracketed_nicknames(line, name, roles, orgs):
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    report = parse_report(source_from_text(f"Data WG meeting\n1 May 2025\n\nList of participants\n\n{line}\n"))
    (p,) = report.participants
    assert (p.name, p.roles, p.organisations) == (name, roles, orgs)


@pytest.mark.parametrize("written, hhmm", [("20:00 UTC", "20:00"), ("23:30 UTC", "23:30"), ("9 p.m. UTC", "21:00"), ("05:00 UTC", "05:00")])
def test_parse_header_times_late_in_the_day(written, hhmm):
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(f"Data WG call\n5 May 2025 at {written}\n\nSummary\n")).meeting
    assert (m.date, m.start_time) == ("2025-05-05", hhmm)


@pytest.mark.parametrize(
    "title, series, number",
    [
        # The MAG numbers its virtual meetings apart from its meetings: "Virtual" is part of the series.
        ("IGF 2025 MAG Virtual Meeting 12", "IGF MAG Virtual", "12"),
        ("IGF 2025 MAG Meeting 5", "IGF MAG", "5"),
    ],
)
def test_parse_header_series_keeps_the_virtual_series_apart(title: str, series: str, number: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(f"{title}\n4 March 2025\n\nThe members discussed the programme.\n")).meeting
    assert (m.series, m.number) == (series, number)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("## Decisions and next steps", "actions"),
        ("Summary of action items", "actions"),
        ("Agreed actions and next steps:", "actions"),
        ("Key decisions", None),
        ("Discussion and next steps", None),  # a discussion heading first: not a list of actions
    ],
)
def test_parse_heading_kind_of_compound_action_headings(line: str, kind: str | None) -> None:
    assert heading_kind(split_lines(line)[0]) == kind


@pytest.mark.parametrize(
    "line, number, delimiter, title",
    [
        ("II. Opening of the meeting", "2", "roman.", "Opening of the meeting"),
        ("IX) Any other business", "9", "roman)", "Any other business"),
        ("Item 3 \u2013 Evaluation criteria", "3", "item", "Evaluation criteria"),
        ("Agenda item 12: AOB", "12", "item", "AOB"),
        ("4. Next steps", "4", ".", "Next steps"),
        ("5. 2026 work plan", "5", ".", "2026 work plan"),
        ("Item 2 \u2013 2025 budget review", "2", "item", "2025 budget review"),
        ("(3) Budget (taken before item 2)", "3", "()", "Budget (taken before item 2)"),
        ("(1) Adoption of the agenda", "1", "()", "Adoption of the agenda"),
    ],
)
def test_parse_numbered_line_styles(line: str, number: str, delimiter: str, title: str) -> None:
    from kg.parse.headings import numbered

    m = numbered(split_lines(line)[0])
    assert (m.group("n"), m.group("d"), m.group("t")) == (number, delimiter, title)
    assert line[m.start("t"):] == title


@pytest.mark.parametrize(
    "line", ["IIII. Four", "MIX. Foo", "10:00 start", ". Nothing", "- 3. bullet", "3.5 million users", "1. 2025", "2.2026 plan",
             "(2025) report", "(a) lettered"]
)
def test_parse_numbered_line_refuses(line: str) -> None:
    from kg.parse.headings import numbered

    assert numbered(split_lines(line)[0]) is None


def test_parse_roman_headings_outline_numbered_paragraphs() -> None:
    """UN-style summaries number every paragraph; the Roman numerals are the sections."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Summary report of the Third Meeting of the Example Advisory Group\n12 February 2025\n\n"
        "I. Opening of the meeting\n\n"
        "1. The Chair opened the meeting and welcomed the members.\n\n"
        "2. Ms. Rahel Tesfaye thanked the host country.\n\n"
        "II. Programme of the annual meeting\n\n"
        "3. Mr. Ivo Marin presented the draft programme.\n\n"
        "4. Several members asked for more time on the GDC.\n"
    )
    sections = parse_report(source_from_text(text)).sections
    assert [(s.number, s.title) for s in sections if s.title] == [
        ("1", "Opening of the meeting"), ("2", "Programme of the annual meeting")]


@pytest.mark.parametrize(
    "text, title, date, time",
    [
        ("INTERNET GOVERNANCE FORUM\nMultistakeholder Advisory Group\n\n"
         "Summary report of the Third Open Consultations and MAG Meeting\nGeneva, 12\u201314 February 2025\n\n"
         "The Chair opened the meeting.\n",
         "Summary report of the Third Open Consultations and MAG Meeting", "2025-02-12", None),
        ("EXAMPLE WORKING GROUP ON OPERATIONAL ISSUES\n"
         "Short note of the call held on the 4th of March 2025, 15:00-16:00 UTC\n\n"
         "Present:\nJo Brandt\nLi Wen\n\nJo opened the call.\n",
         "EXAMPLE WORKING GROUP ON OPERATIONAL ISSUES", "2025-03-04", "15:00"),
    ],
)
def test_parse_header_title_and_long_dated_lines(text: str, title: str, date: str, time: str | None) -> None:
    """The line naming the meeting is its title; a long dated line of its own is still header."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(text)).meeting
    assert (m.title, m.date, m.start_time) == (title, date, time)


@pytest.mark.parametrize(
    "sentence, chair",
    [
        ("The call was convened by the MAG Chair, Ms. Ingrid Halvorsen, and opened at 13:00.", "Ingrid Halvorsen"),
        ("The meeting was chaired by Mr. Soren Bjornstad, who recalled the plan.", "Soren Bjornstad"),
        ("The meeting was chaired by H.E. Amb. Lena Berg.", "Lena Berg"),
        ("The session was moderated by Ana Lopez.", "Ana Lopez"),
        # the name right before a chairing verb whose object is the meeting itself
        ("The third call took place online. Wei Tanaka moderated the meeting; notes were taken.", "Wei Tanaka"),
        ("Ms. Ana de la Fuente chaired the call and welcomed two new members.", "Ana de la Fuente"),
        ("As agreed, Kofi Boateng convened this virtual consultation.", "Kofi Boateng"),
    ],
)
def test_parse_header_chair_after_cues_and_titles(sentence: str, chair: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    assert parse_report(source_from_text(f"Example WG call 3\n4 March 2025\n\n{sentence}\n")).meeting.chair == chair


@pytest.mark.parametrize(
    "sentence",
    [
        "The Chair moderated the meeting and closed it at 15:00.",
        "The co-facilitator chaired the call.",
        "Ana Lopez moderated the second panel of the day.",  # a panel is not the meeting
        "Ana Lopez said she chaired the meeting of the steering group last week.",
    ],
)
def test_parse_header_no_chair_from_roles_or_other_events(sentence: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    assert parse_report(source_from_text(f"Example WG call 3\n4 March 2025\n\n{sentence}\n")).meeting.chair is None


def test_parse_mail_subject_dates_and_numbers_the_meeting() -> None:
    """A mail sent two days after the call: its subject and notes say when the call was."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "From: Lea Moser <lea@example.org>\n"
        "Date: Thu, 6 Mar 2025 16:40:22 +0000\n"
        "To: wg-example@lists.example.org\n"
        "Subject: [WG] Summary of call 14 - Example Working Group (4 March)\n\n"
        "Hi all,\n\n"
        "Below my notes from Tuesday's call (call 14, 4 March 2025, 13:00 UTC).\n\n"
        "- Ana: opened the call.\n"
        "- Li: presented the draft.\n\n"
        "Best,\nLea\n"
    )
    report = parse_report(source_from_text(text))
    m = report.meeting
    assert report.layout == "mail"
    assert (m.date, m.number, m.start_time) == ("2025-03-04", "14", "13:00")


def test_parse_transcript_reads_the_agenda_before_the_first_turn() -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "Example Working Group - Meeting 4\n12 February 2025, 14:00 UTC\n\n"
        "Agenda\n1. Remote hubs\n2. Input to the review\n3. AOB\n\n"
        ">> CHAIR: Welcome, everyone. Let us start with the remote hubs.\n"
        ">> ANA LOPEZ: Thank you. The hubs worked well.\n"
    )
    report = parse_report(source_from_text(text))
    assert report.layout == "transcript"
    assert [a.title for a in report.agenda] == ["Remote hubs", "Input to the review", "AOB"]
    assert report.meeting.title == "Example Working Group - Meeting 4"
    assert all(text[a.start:a.end].endswith(a.title) for a in report.agenda)


@pytest.mark.parametrize(
    "short, full, expected",
    [("AB", "Anna Berg", True), ("JBM", "Jean-Baptiste Mugisha", True), ("AB", "Anna Maria Berg", True),
     ("AMB", "Anna Maria Berg", True), ("A.B.", "Anna Berg", True), ("ISOC", "Internet Society", False),
     ("TL", "Anna Berg", False), ("Ab", "Anna Berg", False), ("A", "Anna Berg", False)],
)
def test_parse_names_initials(short: str, full: str, expected: bool) -> None:
    from kg.parse.names import is_initials_of

    assert is_initials_of(short, full) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00 WAT (UTC+1), Riverton & online", [("10:00", "UTC+1")]),
        ("at 10:00 CET (UTC+01:00)", [("10:00", "UTC+01:00")]),  # the offset's hour is no second time
        ("09:30\u201311:00 CST (GMT\u22126)", [("09:30", "UTC-6"), ("11:00", "UTC-6")]),
        ("at 9:00 GMT (UTC+0)", [("09:00", "UTC")]),
        ("from 15:00 to 16:30 CEST.", [("15:00", "CEST"), ("16:30", "CEST")]),
        ("13:00\u201314:10 UTC (virtual)", [("13:00", "UTC"), ("14:10", "UTC")]),
    ],
)
def test_parse_times_bracketed_utc_offset_states_the_zone(text: str, expected: list[tuple]) -> None:
    assert [(t.hhmm, t.timezone) for t in find_times(text)] == expected


@pytest.mark.parametrize(
    "text, number, date, time, zone",
    [
        # a bilingual header: long, but a date line all the same; the bracketed offset fixes the zone
        ("Forum sur la Gouvernance de l'Internet au Borduria / Borduria Internet Governance Forum\n\n"
         "Comit\u00e9 de pilotage \u2013 Compte rendu de r\u00e9union / Steering Committee \u2013 Minutes of meeting\n\n"
         "R\u00e9union n\u00b0 4 / Meeting no. 4 \u2014 5 juin 2025 / 5 June 2025 \u2014 10:00 WAT (UTC+1), Szohod & online\n\n"
         "Present: Ana Lopez, Li Wen\n\n1. The agenda was adopted.\n",
         "4", "2025-06-05", "10:00", "UTC+1"),
        # a key-value header table under the title; an ordinal word numbers the meeting
        ("Example Forum | Advisory Group\n\nMeeting record\n\n"
         "Example Working Group on Tools (WG-T) \u2013 sixth meeting\n\n"
         "Date\tThursday 27 March 2025\nTime\t13:00\u201314:10 UTC (virtual)\nRecord by\tJo Brandt\n\n"
         "Attendance\n\nMembers: Ana Lopez; Li Wen\n",
         "6", "2025-03-27", "13:00", "UTC"),
        # an emoji-decorated quote header; "retro #3" is the meeting's number
        ("Youth Track 2025 \u00b7 organising team \u00b7 retro #3\n\n"
         "> \U0001F4C5 Tue 6 May 2025 \u00b7 \U0001F553 16:00\u201317:00 UTC \u00b7 \U0001F4CD Jitsi\n"
         "> Scope: the workshops held in April\n\nWho joined\n\n- Ana Lopez\n- Li Wen\n",
         "3", "2025-05-06", "16:00", "UTC"),
        # a news-style recap: the first sentence dates the meeting; the written numeral beats the ordinal
        ("**Example Insider** \u00b7 Bulletin \u00b7 No. 7 \u00b7 April 2025\n\nMeeting recap\n\n"
         "Members turn to the review\n\n"
         "The third virtual meeting of the 2025 MAG (MAG Meeting III) took place on Wednesday 9 April 2025, "
         "13:00\u201315:00 UTC.\n\nThe Chair opened the meeting.\n",
         "III", "2025-04-09", "13:00", "UTC"),
        # an ordinal word before the consultations the meeting is named after
        ("EXAMPLE FORUM\nAdvisory Group\n\nSummary report of the Second Open Consultations and Group Meeting\n"
         "Geneva, 12\u201314 February 2025, 10:00 CET\n\nI. Introduction\n\n1. The Chair opened the meeting.\n",
         "2", "2025-02-12", "10:00", "CET"),
        # a webinar numbered in its title
        ("EXAMPLE POLICY NETWORK (EPN)\nWebinar 2: \"Measuring things\"\n20 May 2025, 12:00 UTC, online\n\n"
         "Ana Lopez opened the webinar.\n",
         "2", "2025-05-20", "12:00", "UTC"),
    ],
)
def test_parse_header_layouts_give_number_date_and_time(text: str, number: str, date: str, time: str, zone: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(text)).meeting
    assert (m.number, m.date, m.start_time, m.timezone) == (number, date, time, zone)


def test_parse_header_numbered_paragraphs_under_a_summary_line_open_the_text() -> None:
    """"CHAIR'S SUMMARY" above numbered paragraphs: paragraph 1 says when the meeting was held."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "EXAMPLE FORUM\nPolicy Network on Examples (PNE)\nFourth meeting \u2014 online, 23 April 2025\n\n"
        "CHAIR'S SUMMARY\n\n"
        "1.  The fourth meeting of the PNE Working Group was held online on 23 April 2025 from 15:00 to 16:30 CEST. "
        "It was chaired by Mr Jo Brandt.\n"
        "2.  Ms Li Wen presented the draft brief and the members discussed it at length.\n"
    )
    m = parse_report(source_from_text(text)).meeting
    assert (m.number, m.date, m.start_time, m.timezone) == ("4", "2025-04-23", "15:00", "CEST")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a UN-style document: its issue date stands alone under "Distr.: General"
        ("Distr.: General\n6 May 2025\n\nExample Forum\nAdvisory Group Virtual Meeting III\n"
         "Online, 29 April 2025, 15:00\u201317:00 UTC\n\nChair\u2019s Summary\n\n"
         "1. The third virtual meeting of the Advisory Group was held online on 29 April 2025.\n", "2025-04-29"),
        # a labelled issue date
        ("Example Working Group \u2013 Meeting 4\nIssued: 20 March 2025\nGeneva, 12 March 2025\n\n"
         "Ana Lopez opened the meeting.\n", "2025-03-12"),
        # the meeting's own line, with its time, over an earlier date
        ("Example Working Group \u2013 Meeting 4\n2 March 2025\nCall of 12 March 2025, 14:00 UTC\n\n"
         "Ana Lopez opened the meeting.\n", "2025-03-12"),
        # the date the text says the meeting was held on, when the header gives it too
        ("Example Working Group \u2013 Meeting 4\n2 March 2025 / 12 March 2025\n\n"
         "The fourth meeting of the group was held on 12 March 2025.\n", "2025-03-12"),
        # one date only: it is the meeting's, even on a line alone
        ("Distr.: General\n6 May 2025\n\nExample Forum\nAdvisory Group Virtual Meeting III\n\n"
         "Ana Lopez opened the meeting.\n", "2025-05-06"),
    ],
)
def test_parse_header_prefers_the_meeting_date_over_the_document_date(text: str, date: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(text)).meeting
    assert m.date == date
    assert not [c for c in m.conflicts if c.field == "date"]


@pytest.mark.parametrize(
    "text, number, date, time, zone",
    [
        # a header table in columns: the field names over one row of values; the time column names the zone
        ("Soil Forum Working Group on Seeds (WG-S)\n\nMinutes of Meeting 12\n\n"
         "Meeting\tDate\tTime (UTC)\tVenue\nWG-S Meeting 12\t18 November 2031\t15:00\u201316:10\tOnline (Zoom)\n\n"
         "Participants\n\nName\tOrganisation\nLena Moreau\tSeed Lab\nOskar Berg\tSoil Trust\n\n"
         "Minutes\n\n1.\tLena Moreau opened the meeting and the agenda was adopted without changes.\n",
         "12", "2031-11-18", "15:00", "UTC"),
        # the same table with the meeting's number in a column of its own and a zone with an offset
        ("Seed Network call notes\n\nCall no.\tDate\tStart (UTC+1)\n4\t3 May 2031\t10:00\n\n"
         "Notes\n\nLena Moreau opened the call and welcomed the members of the network.\n",
         None, "2031-05-03", "10:00", "UTC+1"),
        # the particulars as a bulleted list under a "Meeting details" heading (a wiki page)
        ("Seeds/Calls/2031-10-08\n\nThis page records a call of the Seed Network working group. Notes by the "
         "rapporteur; corrections welcome.\n\nMeeting details\n\n- Date: Tuesday, 8 October 2031\n"
         "- Time: 12:00\u201313:30 UTC\n- Platform: Zoom\n- Call: WG call 7\n\nAgenda\n\n1. Welcome\n2. AOB\n",
         "7", "2031-10-08", "12:00", "UTC"),
        # a notes app's title: "sync #9" numbers the meeting
        ("# WG-Seeds sync #9 \u2014 mentoring\n\nDate: April 3, 2031 9:00 AM (UTC)\nStatus: Final\n\n"
         "## Notes\n\n- Lena: the mentoring round is full.\n",
         "9", "2031-04-03", "09:00", "UTC"),
    ],
)
def test_parse_header_tables_in_columns_and_details_lists(
    text: str, number: str | None, date: str, time: str, zone: str
) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    report = parse_report(source_from_text(text))
    m = report.meeting
    assert (m.number, m.date, m.start_time, m.timezone) == (number, date, time, zone)
    assert not any(a.text.startswith(("Meeting", "Date")) for a in report.actions)


def test_parse_details_lines_are_not_the_title() -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = "Seeds/Calls/2031-10-08\n\nMeeting details\n\n- Date: 8 October 2031\n- Call: WG call 7\n\nNotes\n\nLena spoke.\n"
    assert parse_report(source_from_text(text)).meeting.title == "Seeds/Calls/2031-10-08"


@pytest.mark.parametrize(
    "label, zone",
    [("Time (UTC)", "UTC"), ("Start (GMT)", "UTC"), ("Time, CET", "CET"), ("Start (UTC+1)", "UTC+1"), ("Time", None),
     ("Category", None), ("Venue (ISTANBUL)", None)],
)
def test_parse_zone_named_in_a_column_label(label: str, zone: str | None) -> None:
    from kg.parse.dates import zone_named

    assert zone_named(label) == zone


@pytest.mark.parametrize(
    "rows",
    [
        "Name\tOrganisation\nLena Moreau\tSeed Lab\n",  # a roster: its names are no field names
        "Date\tTime\nno date given\tnone\n",  # values that state neither a date nor a time
        "Meeting\tDate\n",  # no values under the names
    ],
)
def test_parse_column_header_needs_field_names_over_dated_values(rows: str) -> None:
    from kg.parse.header import column_header
    from kg.parse.text import split_lines

    lines = split_lines(rows)
    assert all(column_header(lines, j) is None for j in range(len(lines)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a zone named in words, its offset in brackets; "West" is a word here, not WEST
        ("Proceedings opened at 09:30 West Africa Time (UTC+1).", [("09:30", "UTC+1")]),
        ("at 12:00 Cat Island time", [("12:00", None)]),
        ("at 5 pm Est", [("17:00", None)]),
        ("at 13:00 utc", [("13:00", "UTC")]),
        ("10:00 WEST", [("10:00", "WEST")]),
    ],
)
def test_parse_times_zone_labels_are_capitals_or_lower_case(text: str, expected: list[tuple]) -> None:
    assert [(t.hhmm, t.timezone) for t in find_times(text)] == expected


@pytest.mark.parametrize(
    "text, number, date, time, zone",
    [
        # a cover paragraph: the held sentence dates it, a later sentence says when proceedings opened
        ("Borduria Internet Forum 2025\n\nReport of the Annual Forum\n\n"
         "The 9th edition of the Borduria Internet Forum took place on 3 June 2025 in Szohod. "
         "Proceedings opened at 09:30 Szohod Time (UTC+2). Some 300 participants attended.\n\n"
         "Opening Session\n\nMs. Lopez welcomed participants.\n",
         "9", "2025-06-03", "09:30", "UTC+2"),
        ("Kestrel Forum\n\nAnnual report\n\n"
         "The fourth edition of the Kestrel Forum was held on 8 May 2025. The session began at 14:00 UTC.\n\n"
         "Opening\n\nAna Lopez welcomed participants.\n",
         "4", "2025-05-08", "14:00", "UTC"),
    ],
)
def test_parse_header_cover_paragraph_gives_number_and_start_time(text: str, number: str, date: str, time: str, zone: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    m = parse_report(source_from_text(text)).meeting
    assert (m.number, m.date, m.start_time, m.timezone) == (number, date, time, zone)


def test_parse_header_later_times_that_are_no_start_are_not_read() -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = ("Kestrel Forum\n\nAnnual report\n\n"
            "The Kestrel Forum was held on 8 May 2025 in Szohod. Lunch was served at 13:00 UTC.\n\n"
            "Opening\n\nAna Lopez welcomed participants.\n")
    assert parse_report(source_from_text(text)).meeting.start_time is None


@pytest.mark.parametrize(
    ("title", "series"),
    [
        ("Borduria Internet Governance Forum 2025", "Borduria Internet Governance Forum"),
        ("Kestrel Working Group", "Kestrel Working Group"),
    ],
)
def test_parse_header_series_name_drops_the_edition_year(title: str, series: str) -> None:
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = f"{title}\n\n3 June 2025\n\nAna Lopez opened the meeting.\n"
    assert parse_report(source_from_text(text)).meeting.series == series


@pytest.mark.parametrize(
    "line",
    ["Key messages and next steps", "Recommendations and next steps", "Key recommendations and action items"],
)
def test_parse_heading_kind_of_messages_and_next_steps(line: str) -> None:
    assert heading_kind(split_lines(line)[0]) == "actions"


@pytest.mark.parametrize(
    ("entry", "name"),
    [
        ("Engr. Ana Lopez \u2013 Kestrel Labs", "Ana Lopez"),
        ("Barr. Rosa Pena \u2013 Red Andina Abierta", "Rosa Pena"),
        ("Hajiya Wen Li, Polder Digital Association", "Wen Li"),
        ("Tobi Ad\u00e9b\u00e1y\u1ecd\u0300 \u2013 Kestrel Labs", "Tobi Ad\u00e9b\u00e1y\u1ecd\u0300"),  # combining grave
    ],
)
def test_parse_participant_entry_honorifics_and_combining_marks(entry: str, name: str) -> None:
    c = clean(entry, 0)
    p = parse_entry(c, 0, len(c.text), "G")
    assert p is not None and p.name == name


@pytest.mark.parametrize(
    "line, number",
    [
        ("Report of the 4th meeting of the Organising Committee", "4"),
        ("Compte rendu de la 4e réunion du Comité d'organisation", "4"),
        ("Minutes of the 21st regular session", "21"),
        ("Notes of the 3rd April call", None),
        ("Report of the 2025 meeting", None),
        ("Report of the meeting of 4 May", None),
    ],
)
def test_parse_header_ordinal_numeral_before_the_meeting_noun(line: str, number: str | None) -> None:
    from kg.parse.header import ordinal_number_in_title

    c = clean(line)
    found = ordinal_number_in_title(c)
    assert (found.value if found else None) == number
    if found:
        assert line[found.start : found.end] == number


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 stndrhe meetingcallréunion\t-.")), max_size=60))
def test_parse_header_ordinal_numeral_never_fails_and_stays_in_the_line(line: str) -> None:
    from kg.parse.header import ordinal_number_in_title

    found = ordinal_number_in_title(clean(line))
    if found:
        assert 0 <= found.start < found.end <= len(line) and int(line[found.start : found.end]) == int(found.value)
