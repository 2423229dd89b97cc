"""Speaker forms of summary reports and transcripts: appositions, role phrases, pronouns, self-introductions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Annotations
from kg.nlp import annotate
from kg.nlp.lexicon import load_lexicon
from kg.nlp.roster import Roster
from kg.nlp.speakers import _introduced
from nlp_reports import ReportSpec, make_report, models, pipeline

PEOPLE = [
    ("Ingrid Halvorsen", ["MAG Chair"], ["Permanent Mission of Norway"]),
    ("Lea Fontaine", [], ["Internet Society"]),
    ("Tunde Adebayo", [], ["Government of Nigeria"]),
    ("Kwame Mensah", [], ["Ghana IGF"]),
]


@pytest.fixture(params=models(), scope="module")
def nlp(request):
    return pipeline(request.param)


def run(nlp, paragraphs: list[str], turns: list[tuple[str, str]] = ()) -> Annotations:
    spec = ReportSpec(sections=[("Discussion", paragraphs)], participants=PEOPLE, chair="Ingrid Halvorsen", turns=list(turns))
    return annotate(make_report(spec), nlp)


def who(ann: Annotations) -> list[tuple[str, str | None]]:
    """(kind, person) of each intervention: the name, or what a role or pronoun resolved to."""
    return [(i.speaker.kind, i.speaker.name if i.speaker.kind == "person" else i.speaker.antecedent) for i in ann.interventions]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The Chair, Ambassador Halvorsen, opened the meeting.", [("person", "Ingrid Halvorsen")]),
        ("The Chair, Ms. Halvorsen, concluded that there was agreement.", [("person", "Ingrid Halvorsen")]),
        ("The co-facilitator, Lea Fontaine, presented the plan.", [("person", "Lea Fontaine")]),
        ("The representative of the Internet Society, Ms. Fontaine, said that it worked.", [("person", "Lea Fontaine")]),
        ("Ms. Fontaine, the Chair, noted the risk.", [("person", "Lea Fontaine")]),
        ("Mr. Adebayo, a MAG member, stressed the point.", [("person", "Tunde Adebayo")]),
        # "opened" speaks only with an event as its object: a webinar, a consultation, a panel
        ("Ms. Fontaine opened the webinar by recalling the framework.", [("person", "Lea Fontaine")]),
        ("Mr. Adebayo opened the consultation.", [("person", "Tunde Adebayo")]),
        ("Ms. Fontaine opened the document.", []),
        # a role after a preposition is an object, not the subject
        ("We wrote to the Chair, Ms. Halvorsen, noted in the letter.", []),
    ],
)
def test_nlp_role_with_named_apposition_is_the_person(nlp, paragraph, expected):
    assert who(run(nlp, [paragraph])) == expected


def test_nlp_apposition_inside_reported_speech_stays_embedded(nlp):
    ann = run(nlp, ["Mr. Adebayo said that the Chair, Ms. Halvorsen, agreed."])
    assert who(ann) == [("person", "Tunde Adebayo")]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["The Chair, Ambassador Halvorsen, opened the meeting. She recalled the rules."], [("person", "Ingrid Halvorsen"), ("pronoun", "Ingrid Halvorsen")]),
        (["Ingrid joined for this item. She asked the group to consider a short input."], [("pronoun", "Ingrid")]),
        (["Mr. Adebayo noted the risk. Ingrid joined for this item. She asked for a short input."], [("person", "Tunde Adebayo"), ("pronoun", "Ingrid")]),
        # a subject whose gender is known to differ does not take the pronoun
        (["Ms. Fontaine noted the risk. Mr. Adebayo joined later. She asked for a short input."], [("person", "Lea Fontaine"), ("pronoun", "Lea Fontaine")]),
        # too far back: a subject two sentences and a paragraph away is no antecedent
        (["Ingrid joined for this item. The slides were shared.", "Nobody objected. She asked for a short input."], [("pronoun", None)]),
    ],
)
def test_nlp_pronoun_refers_to_a_person_who_just_became_the_subject(nlp, paragraphs, expected):
    assert who(run(nlp, paragraphs)) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("A representative of the private sector cautioned against new sessions.", ("role", "representative of the private sector")),
        ("A delegate of civil society asked about travel support.", ("role", "delegate of civil society")),
        ("Several members of the technical community noted the risk.", ("group", "members of the technical community")),
        ("The representative of the Internet Society said that it worked.", ("role", "representative of the Internet Society")),
    ],
)
def test_nlp_role_of_an_unnamed_group_is_a_role_mention(nlp, paragraph, expected):
    ann = run(nlp, [paragraph])
    assert [(i.speaker.kind, i.speaker.name) for i in ann.interventions] == [expected]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The impact of the private sector remained unclear.",
        "A member of staff will follow up.",
        "Support of the private sector noted in the survey was strong.",
    ],
)
def test_nlp_of_phrase_without_role_head_is_no_speaker(nlp, paragraph):
    assert run(nlp, [paragraph]).interventions == ()


@pytest.mark.parametrize(
    "label, spoken, expected",
    [
        ("REMOTE PARTICIPANT (via Zoom)", "Hello, can you hear me? This is Kwame from Ghana. I support the plan.", ("person", "Kwame", "Kwame")),
        ("SPEAKER 2", "Yes, hello, this is Kwame Mensah speaking. I support the plan.", ("person", "Kwame Mensah", "Kwame Mensah")),
        ("SPEAKER 2", "My name is Dr. Ana Lopez, from a youth network. Thanks.", ("person", "Ana Lopez", "Ana Lopez")),
        ("SPEAKER 2", "Kwame speaking. We agree with the plan.", ("person", "Kwame", "Kwame")),
        ("SPEAKER 2", "I'm Kwame, from Accra. We agree.", ("person", "Kwame", "Kwame")),
        # no name given: the label stays
        ("SPEAKER 2", "This is Ghana's position on the plan.", ("person", "Speaker 2", "SPEAKER 2")),
        ("SPEAKER 2", "This is Ghana. We agree.", ("person", "Speaker 2", "SPEAKER 2")),
        ("SPEAKER 2", "I am Brazilian and I agree.", ("person", "Speaker 2", "SPEAKER 2")),
        ("SPEAKER 2", "This is a question for the Chair.", ("person", "Speaker 2", "SPEAKER 2")),
        # a named role keeps its label even when a name follows "this is"
        ("CHAIR", "This is Kwame, thank you.", ("role", "Chair", "CHAIR")),
    ],
)
def test_nlp_unnamed_turn_speaker_introduces_themselves(nlp, label, spoken, expected):
    ann = run(nlp, [], turns=[(label, spoken)])
    (turn,) = [i for i in ann.interventions if i.verb == ">>"]
    m = turn.speaker
    assert (m.kind, m.name, m.text) == expected
    assert ann.report.text[m.start:m.end] == m.text
    assert m in ann.mentions


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab KwmeTh.,is'ImynD:\u2019r?")), max_size=80), st.integers(0, 10))
def test_nlp_self_introduction_offsets_stay_inside_the_text(text, shift):
    lex = load_lexicon()
    padded = "x" * shift + text
    found = _introduced(padded, shift, len(padded), Roster(), lex)
    if found is not None:
        start, end, name = found
        assert shift <= start < end <= len(padded)
        assert padded[start:end].split()[-1] == name.split()[-1]


@pytest.mark.parametrize(
    "paragraph, role",
    [
        ("The representative of ISOC said that it worked. She suggested a plan.", "The representative of ISOC"),
        ("Ms. Fontaine noted it. A representative of the private sector cautioned against it. She added a point.", "A representative of the private sector"),
    ],
)
def test_nlp_pronoun_after_unresolved_role_refers_to_the_role(nlp, paragraph, role):
    ann = run(nlp, [paragraph])
    pronoun = ann.interventions[-1].speaker
    assert (pronoun.kind, pronoun.antecedent) == ("pronoun", role)


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a by-line after a note credits the whole note
        (["Mentors should give a reading list on the WSIS process. Most start without it. (raised by Kwame)"],
         [("person", "Kwame")]),  # the first name as written: resolution makes it Kwame Mensah
        (["Travel support opens in May (proposed by Ms. Fontaine)."], [("person", "Lea Fontaine")]),
        (["**Youth track:** four workshops are planned. (suggested by Tunde Adebayo, Government of Nigeria)"],
         [("person", "Tunde Adebayo")]),
        # a note credited after another speaker's sentence starts where that one ends
        (["Mr. Adebayo noted the risk. A reading list would help. (raised by Kwame)"],
         [("person", "Tunde Adebayo"), ("person", "Kwame")]),
        # not a by-line: no reporting verb, or a book's author
        (["The paper was (written by Kwame) before the call."], []),
        (["The group read (a study by Lea Fontaine) on access."], []),
    ],
)
def test_nlp_by_line_after_a_note_credits_the_note(nlp, paragraphs, expected):
    assert who(run(nlp, paragraphs)) == expected


def test_nlp_by_line_intervention_spans_the_whole_note(nlp):
    note = "Mentors should give a reading list on the WSIS process. Most start without it. (raised by Kwame)"
    ann = run(nlp, [note])
    [i] = ann.interventions
    assert i.text.startswith("Mentors should give") and i.text.rstrip().endswith("(raised by Kwame)")


def test_nlp_role_label_takes_the_name_its_speaker_introduces(nlp):
    """A MODERATOR who says who they are is that person in every MODERATOR turn, when no list says otherwise."""
    turns = [
        ("MODERATOR", "Good afternoon, everyone, we are a few minutes past the hour. My name is Lea Fontaine, "
                      "I'm with the Internet Society and I will moderate."),
        ("TUNDE ADEBAYO", "Thank you, Lea. We support the plan."),
        ("MODERATOR", "Thank you, Tunde. Kwame, the floor is yours."),
    ]
    spec = ReportSpec(participants=PEOPLE[1:], turns=turns)  # no chair, nobody listed as moderator
    ann = annotate(make_report(spec), nlp)
    assert who(ann) == [("role", "Lea Fontaine"), ("person", "Tunde Adebayo"), ("role", "Lea Fontaine")]


def test_nlp_role_label_introducing_two_names_stays_unresolved(nlp):
    turns = [("MODERATOR", "Hello, my name is Lea Fontaine, welcome."), ("MODERATOR", "Hello again, my name is Kwame Mensah.")]
    ann = annotate(make_report(ReportSpec(participants=PEOPLE[1:], turns=turns)), nlp)
    assert who(ann) == [("role", None), ("role", None)]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a named person's apposition may be long ...
        ("Mr. Adebayo, speaking as co-chair of the Working Group on Workshop Processes and Strategy, proposed an outline.",
         [("person", "Tunde Adebayo")]),
        # ... a role's is short enough to hold a name, or it is not an apposition
        ("The Chair, after a long exchange on the many proposals sent by the members of the group, closed the item.", []),
        ("Mr. Adebayo conveyed the wish of the hubs for a longer session.", [("person", "Tunde Adebayo")]),
        ("Ms. Fontaine drew attention to the energy footprint of the meeting.", [("person", "Lea Fontaine")]),
        ("Ms. Fontaine sought clarification on the deadline.", [("person", "Lea Fontaine")]),
        ("Ms. Fontaine drew a map of the hubs.", []),
    ],
)
def test_nlp_long_appositions_and_more_reporting_verbs(nlp, paragraph, expected):
    assert who(run(nlp, [paragraph])) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a long bracket between the subject and its verb
        ("Kwame (Kwame Mensah, Ghana IGF, on his first call with the group and very welcome here) explained the plan.",
         [("person", "Kwame")]),
        # the note-taker naming themselves: "I (Lea F.) flagged ..."
        ("I (Lea Fontaine) flagged that the dataset should be open.", [("person", "Lea Fontaine")]),
        ("I (the Chair) asked for comments.", [("role", "Ingrid Halvorsen")]),
    ],
)
def test_nlp_subject_with_a_bracket_before_its_verb(nlp, paragraph, expected):
    assert who(run(nlp, [paragraph])) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # numbered minutes: a surname in capitals, a dash and a reporting verb open the point
        ("HALVORSEN \u2013 opened the meeting and welcomed the new members.", [("person", "Ingrid Halvorsen")]),
        ("1. FONTAINE \u2013 stressed that the budget for the hubs is tight.", [("person", "Lea Fontaine")]),
        ("MENSAH - agreed with the proposal and offered to draft it.", [("person", "Kwame Mensah")]),
        ("ADEBAYO \u2014 cautioned that the input should be concrete.", [("person", "Tunde Adebayo")]),
        # a full name, in capitals or with the surname in capitals
        ("KWAME MENSAH \u2013 reported on the survey of the hubs.", [("person", "Kwame Mensah")]),
        ("Tunde ADEBAYO \u2013 suggested a new timeline for the paper.", [("person", "Tunde Adebayo")]),
        ("Lea Fontaine \u2013 noted that the dataset should be open.", [("person", "Lea Fontaine")]),
        # a bracket between the name and the dash describes the speaker
        ("ADEBAYO (Government of Nigeria) \u2013 noted the risk for small states.", [("person", "Tunde Adebayo")]),
        # someone the list does not name stays a person of their own
        ("OSEI (guest) \u2013 shared the results of a regional survey.", [("person", "Osei")]),
        # the same label closed by a colon
        ("HALVORSEN: stressed that the budget for the hubs is tight.", [("person", "Ingrid Halvorsen")]),
        # a role in capitals is a role
        ("CHAIR \u2013 summarised the discussion of the item.", [("role", "Ingrid Halvorsen")]),
    ],
)
def test_nlp_name_in_capitals_and_a_dash_opens_a_statement(nlp, paragraph, expected):
    assert who(run(nlp, [paragraph])) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        # label words, words the report also writes in lower case, countries: nobody speaks
        "NOTE \u2013 the call started late because of a connection problem.",
        "UPDATE \u2013 noted by the secretariat: the website is live.",
        "SUMMARY \u2013 agreed to meet again in May.",
        "BUDGET \u2013 reported as tight; the budget will be revised.",
        "BRAZIL \u2013 supported the proposal of the hubs.",
        # a dash without a reporting verb after it is no label
        "HALVORSEN \u2013 the new timeline for the paper.",
        "The PROPOSAL \u2013 welcomed by all \u2013 was adopted.",
    ],
)
def test_nlp_capitals_before_a_dash_that_name_nobody_are_no_speaker(nlp, paragraph):
    assert who(run(nlp, [paragraph])) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["HALVORSEN", "NOTE", "Lea", "OSEI", "(guest)", "\u2013", "-", ":", "noted", "the", "1.",
                                 "ADÉBÁYỌ̀", "plan", "."]), min_size=1, max_size=14))
def test_nlp_dash_labels_on_any_words_give_mentions_inside_the_text(tokens):
    ann = run(pipeline("none"), [" ".join(tokens)])
    text = ann.report.text
    for m in ann.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


# --------------------------------------------------------------------------- chat handles without '@'

_CHAT_HEAD = (
    "Kestrel WG call\nMinutes of the call of 4 March 2025\n\nDate: 2025-03-04\n"
    "Present: Ana Lima (ana_l), Bo Chen (bochen), Cleo Marsh (remote)\n\nNotes\n\n"
)


def _chat(body: str):
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    return annotate(parse_report(source_from_text(_CHAT_HEAD + body)))


@pytest.mark.parametrize(
    "body, expected",
    [
        # one handle's label a line
        ("ana_l: welcome, the agenda was accepted.\nbochen: the budget is tight this year.\n", ["Ana Lima", "Bo Chen"]),
        # a second label in the same line, after the end of the first speaker's sentence
        ("ana_l: the room is booked. Catering is open. bochen: online is possible, but hybrid is preferred.\n", ["Ana Lima", "Bo Chen"]),
        # a line before ends without punctuation
        ("ana_l: thanks all for joining today\nbochen: agrees; asks for a poll\n", ["Ana Lima", "Bo Chen"]),
    ],
)
def test_nlp_bare_chat_handle_label_is_its_listed_person(body, expected):
    ann = _chat(body)
    aliases = {alias: full for full, alias, _, _ in ann.aliases}
    assert [aliases.get(i.speaker.name, i.speaker.name) for i in ann.interventions] == expected


def test_nlp_bracketed_word_never_used_as_a_label_is_no_handle():
    ann = _chat("bochen: the remote link did not work for everyone in the group.\n")
    assert "remote" not in {alias for _, alias, _, _ in ann.aliases}


def test_nlp_bare_chat_handle_turn_keeps_to_its_own_words():
    ann = _chat("ana_l: the budget is tight. bochen: suggests a session on cybersecurity.\n")
    first = next(i for i in ann.interventions if i.speaker.name == "ana_l")
    assert "cybersecurity" not in first.text
    assert "cybersecurity" not in first.topics


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Agenda accepted. ana_l: proposal is four workshops.", ["Agenda accepted.", "ana_l: proposal is four workshops."]),
        ("thanks all\nbo.chen: agrees", ["thanks all", "bo.chen: agrees"]),
        # ordinary lower-case words after a full stop do not open a sentence
        ("It is fine. see below.", ["It is fine. see below."]),
        ("See e.g. note: this one.", ["See e.g. note: this one."]),
    ],
)
def test_parse_sentences_open_at_a_chat_handle_label(text, expected):
    from kg.parse.sentences import split_sentences

    assert [s.text for s in split_sentences(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ana_l:", "bo.chen:", "x:", "Agreed.", "e.g.", "\n", " ", "note", "3:", "-", "a_b:c", "ok."]), max_size=30))
def test_parse_sentences_with_chat_labels_stay_inside_the_text(tokens):
    from kg.parse.sentences import split_sentences

    text = " ".join(tokens)
    for s in split_sentences(text, 7):
        assert 7 <= s.start < s.end <= 7 + len(text)
        assert text[s.start - 7:s.end - 7] == s.text


@pytest.mark.parametrize("line", ["Tags: youth, mentoring and the review of the outline", "Scope: the two workshops held in April and their outcomes", "Labels: nri, meeting-notes, fragmentation and the survey"])
def test_nlp_a_notes_field_is_no_speaker_label(nlp, line):
    assert who(run(nlp, [line])) == []


# --------------------------------------------------------------------------- particles, passive agents, a role's bracketed holder

PARTICLE_PEOPLE = [
    ("Joost van der Meer", [], ["Tern Trust"]),
    ("Clodagh Ó Briain", [], ["Kestrel Labs"]),
    ("Luc d'Orval", [], []),
    ("Femi Adeyemi", ["co-facilitator"], []),
    ("Hedda Lunde", ["co-facilitator"], []),
]


def run_with(nlp, people, paragraphs: list[str]) -> Annotations:
    return annotate(make_report(ReportSpec(sections=[("Discussion", paragraphs)], participants=people)), nlp)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a family name with a run of particles keeps them all, after a title or a given name
        ("Mr. van der Meer said he had to leave early.", [("Mr. van der Meer", "Joost van der Meer")]),
        ("Joost van der Meer said he had to leave early.", [("Joost van der Meer", "Joost van der Meer")]),
        ("Ms. Ó Briain outlined the plan.", [("Ms. Ó Briain", "Clodagh Ó Briain")]),
        # an elided particle in lower case ("d'Orval")
        ("Mr. d'Orval recalled the two cable cuts.", [("Mr. d'Orval", "Luc d'Orval")]),
        # particles alone are no name
        ("The van der noted nothing.", []),
    ],
)
def test_nlp_family_names_with_particles_are_whole(nlp, paragraph, expected):
    ann = run_with(nlp, PARTICLE_PEOPLE, [paragraph])
    assert [(i.speaker.text, i.speaker.name) for i in ann.interventions] == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a reporting verb in the passive, "by" and a person or role
        ("It was noted by Dr. Adeyemi that the cards reached few newcomers.", [("Dr. Adeyemi", "person", "Femi Adeyemi")]),
        ("It was suggested by Hedda Lunde, on behalf of the group, that the WG write a note.",
         [("Hedda Lunde", "person", "Hedda Lunde")]),
        # a role with its holder in brackets is that person
        ("It was noted by the co-facilitator (Femi) that a text is being drafted.",
         [("the co-facilitator (Femi)", "person", "Femi")]),
        ("The co-facilitator (Hedda Lunde) welcomed members.", [("The co-facilitator (Hedda Lunde)", "person", "Hedda Lunde")]),
        # a bracket that names no one leaves the role as it is
        ("The co-facilitator (remote) welcomed members.", [("The co-facilitator", "role", "co-facilitator")]),
        # by an organisation or a group: nobody speaking
        ("It was noted by several members that the plan is late.", []),
        ("The report was presented by the Secretariat.", []),
        # "was" with an adjective, then "but" and a reporting verb: the same subject speaks
        ("Dr. Lunde was supportive but warned that budgets are thin.", [("Dr. Lunde", "person", "Hedda Lunde")]),
        ("The proposal was welcome and noted by all.", []),
        # more reporting verbs with their particle, after a fronted clause
        ("Speaking remotely from Accra, Femi walked participants through the three chapters.", [("Femi", "person", "Femi")]),
        ("Closing the meeting, Dr. Lunde set out three priorities for the year.", [("Dr. Lunde", "person", "Hedda Lunde")]),
        ("Dr. Lunde set the date of the next call.", []),
    ],
)
def test_nlp_passive_agents_and_coordinated_verbs_speak(nlp, paragraph, expected):
    ann = run_with(nlp, PARTICLE_PEOPLE, [paragraph])
    assert [(i.speaker.text, i.speaker.kind, i.speaker.name) for i in ann.interventions] == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["It", "was", "noted", "by", "the", "co-facilitator", "(", ")", "Femi", "Dr.", "Adeyemi",
                                 "van", "der", "Meer", "d'Orval", "but", "supportive", "that", ",", "Mr.", "."]),
                min_size=1, max_size=16))
def test_nlp_passive_agents_on_any_words_give_mentions_inside_the_text(tokens):
    ann = run_with(pipeline("none"), PARTICLE_PEOPLE, [" ".join(tokens)])
    text = ann.report.text
    for m in ann.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


def test_nlp_no_name_runs_across_a_table_cell(nlp):
    """A tab parts cells: "Lea, Tunde<TAB>Lea presented" is Lea speaking, not a "Tunde Lea"."""
    ann = run(nlp, ["Survey results\tLea, Tunde\tLea presented the preliminary results."])
    assert who(ann) == [("person", "Lea")]


def test_nlp_a_listed_name_after_a_time_may_answer_in_one_word(nlp):
    """ "[14:09] Tunde: yes." is Tunde speaking; "10:30 Opening: yes." names no one."""
    ann = run(nlp, ["[14:09] Tunde: yes. Flags that the figures cover electricity only."])
    assert who(ann) == [("person", "Tunde")]
    assert who(run(nlp, ["10:30 Opening: yes."])) == []


def test_nlp_roster_words_match_without_accents():
    from kg.nlp.roster import Roster

    roster = Roster((), None, frozenset({"Inés", "Arjun"}))
    assert roster.has_word("Ines") and roster.has_word("Inés") and not roster.has_word("Ana")
