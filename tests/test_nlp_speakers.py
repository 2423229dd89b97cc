"""Speaker attribution: who speaks or acts in a report, and in which sentences."""

from __future__ import annotations

import pytest

from kg.model import Annotations
from kg.nlp import annotate
from nlp_reports import ReportSpec, make_report, models, pipeline


@pytest.fixture(params=models(), scope="module")
def nlp(request):
    return pipeline(request.param)


def run(nlp, paragraphs: list[str], **kwargs) -> Annotations:
    spec = ReportSpec(sections=[("Discussion", paragraphs)], **kwargs)
    return annotate(make_report(spec), nlp)


def speakers(ann: Annotations) -> list[tuple[str, str, str | None]]:
    """(kind, name, antecedent) of each intervention's speaker, in order."""
    return [(i.speaker.kind, i.speaker.name, i.speaker.antecedent) for i in ann.interventions]


def who(ann: Annotations) -> list[str | None]:
    """The person each intervention is by: the name, or what a role or pronoun resolved to."""
    return [i.speaker.name if i.speaker.kind == "person" else i.speaker.antecedent for i in ann.interventions]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Maria noted that the budget was tight.", ["Maria"]),
        ("Maria also noted that the budget was tight.", ["Maria"]),
        ("Tom finally agreed to circulate the draft.", ["Tom"]),
        ("Maria and Tom gave an update on the strategy document.", ["Maria", "Tom"]),
        ("Maria, Tom and Lena presented the survey results.", ["Maria", "Tom", "Lena"]),
        ("Xu Wei asked whether the call would be recorded.", ["Xu Wei"]),
        ("However, Tom noted that the venue was not confirmed.", ["Tom"]),
        ("Re. the survey, Lena noted that few replies came in.", ["Lena"]),
        ("Omar asked about the timeline - Lena noted that it was not fixed, though Tom noted that a draft existed.", ["Omar", "Lena", "Tom"]),
        ("Sara has shared some updates on the website.", ["Sara"]),
        ("Sara Nkosi, a member of the group, noted that the website was ready.", ["Sara Nkosi"]),
    ],
)
def test_nlp_subject_of_reporting_verb_is_speaker(nlp, paragraph, expected):
    assert who(run(nlp, [paragraph])) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "It was noted that the next meeting is on 3 May.",
        "It was also suggested to rank the issue areas.",
        "Several comments were raised by the participants.",
        "The proposals have been presented and discussed by the members.",
        "Tom will provide an update at the next meeting.",
        "The sessions will start at 9:30 and the Chair should open them.",
    ],
)
def test_nlp_passive_and_future_are_not_attributed(nlp, paragraph):
    assert run(nlp, [paragraph]).interventions == ()


def test_nlp_reported_speech_inside_reported_speech(nlp):
    ann = run(nlp, ["Lena shared that Omar stated that the agency was proud of its work."])
    assert who(ann) == ["Lena"]
    assert "Omar" in [m.name for m in ann.mentions if m.kind == "person"]


def test_nlp_embedded_speaker_with_modal_is_not_a_speaker(nlp):
    ann = run(nlp, ["Maria noted that many members will attend; she noted that Tom will provide an update."])
    assert who(ann) == ["Maria"]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # "She" right after a lone speaker teaches that speaker's gender.
        (["Maria noted the delays. She stressed the need for a plan. Tom agreed. He noted the cost. She added that funding was short."], ["Maria", "Maria", "Tom", "Tom", "Maria"]),
        # A title states the gender.
        (["Ms. Lena Park opened the meeting. Mr. Tom Berg agreed with the plan. She added that the plan was final."], ["Lena Park", "Tom Berg", "Lena Park"]),
        # "her" and "his" right after the verb state it too.
        (["Sara shared her concerns. Ivo shared his view. She asked for a vote."], ["Sara", "Ivo", "Sara"]),
        # Unknown gender: the previous speaker.
        (["Sara shared her concerns. Ivo agreed. She asked for a vote."], ["Sara", "Ivo", "Ivo"]),
        # Nothing to go on: the previous speaker.
        (["Ivo noted the delays.", "He added that the venue was booked."], ["Ivo", "Ivo"]),
    ],
)
def test_nlp_pronoun_resolves_to_previous_speaker_of_matching_gender(nlp, paragraphs, expected):
    ann = run(nlp, paragraphs)
    assert who(ann) == expected
    assert all(i.speaker.kind in ("person", "pronoun") for i in ann.interventions)


def test_nlp_pronoun_records_mention_and_gender(nlp):
    ann = run(nlp, ["Maria noted the delays. She added that the venue was booked."])
    pronoun = ann.interventions[1].speaker
    assert (pronoun.kind, pronoun.name, pronoun.antecedent, pronoun.gender) == ("pronoun", "she", "Maria", "f")
    assert ann.interventions[0].speaker.gender == "f"


@pytest.mark.parametrize(
    "paragraph, participants, chair, expected",
    [
        ("The co-chair opened the meeting.", [], "Jane Roe", ("role", "co-chair", "Jane Roe")),
        ("The moderator opened the meeting.", [], "Jane Roe (Janey)", ("role", "moderator", "Jane Roe")),
        ("The co-chair opened the meeting.", [("Jane Roe", ["Group's Co-Chair"], []), ("Ivo Petrov", ["Group's Co-Chair"], [])], "Jane Roe", ("role", "co-chair", "Jane Roe")),
        ("The co-chair opened the meeting.", [("Jane Roe", ["Co-Chair"], []), ("Ivo Petrov", ["Co-Chair"], [])], None, ("role", "co-chair", None)),
        ("The Host Country Co-Chair provided an update on the venue.", [("Ali Hassan", ["Host Country Co-Chair"], []), ("Jane Roe", ["MAG Chair"], [])], "Jane Roe", ("role", "Host Country Co-Chair", "Ali Hassan")),
        ("The MAG Chair reminded members of the deadline.", [("Jane Roe", ["MAG Chair"], []), ("Ivo Petrov", ["former MAG Chair"], [])], None, ("role", "MAG Chair", "Jane Roe")),
        ("The rapporteur summarised the discussion.", [("Jane Roe", ["member"], [])], None, ("role", "rapporteur", None)),
    ],
)
def test_nlp_role_resolves_through_meeting_roles(nlp, paragraph, participants, chair, expected):
    ann = run(nlp, [paragraph], participants=participants, chair=chair)
    assert speakers(ann) == [expected]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The IGF Secretariat presented the proposal.", ("organisation", "IGF Secretariat")),
        ("The Host Country presented an overview of the website.", ("organisation", "Host Country")),
        ("The Working Group on Outreach informed members about the survey.", ("organisation", "Working Group on Outreach")),
        ("The Government of Norway has suggested new dates.", ("organisation", "Government of Norway")),
        ("UNESCO presented its report.", ("organisation", "UNESCO")),
        ("Brazil stressed the need for openness.", ("organisation", "Brazil")),
        ("One participant asked about funding.", ("role", "participant")),
        ("MAG members discussed the themes.", ("group", "MAG members")),
        ("Participants agreed on the timeline.", ("group", "Participants")),
    ],
)
def test_nlp_organisations_and_groups_are_not_people(nlp, paragraph, expected):
    ann = run(nlp, [paragraph])
    assert [(i.speaker.kind, i.speaker.name) for i in ann.interventions] == [expected]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Member states remained divided over the follow-up.",
        "The notes show that the comments were addressed.",
        "There were some questions about the papers.",
    ],
)
def test_nlp_plural_nouns_are_not_present_tense_verbs(nlp, paragraph):
    assert run(nlp, [paragraph]).interventions == ()


def test_nlp_present_tense_report_is_attributed(nlp):
    assert who(run(nlp, ["Maria notes that the call is open."])) == ["Maria"]


def test_nlp_person_before_affiliation_speaks(nlp):
    assert speakers(run(nlp, ["Jane Doe from ISOC noted the risk."])) == [("person", "Jane Doe", None)]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Maria: we should publish the survey before the summer.", "Tom: the budget does not allow a second round."], ["Maria", "Tom"]),
        (["The chair: please send comments by Friday to the list."], [None]),
        (["Note: the call will be recorded for the minutes.", "Chair: Jane van der Berg", "Date: 3 May, at the usual time"], []),
    ],
)
def test_nlp_name_and_colon_open_a_statement(nlp, paragraphs, expected):
    ann = run(nlp, paragraphs)
    assert who(ann) == expected
    assert all(i.verb == ":" for i in ann.interventions)


def test_nlp_speaker_named_after_organisation_phrase(nlp):
    ann = run(nlp, ["On behalf of the IGF Secretariat Lena Park has shared some updates."])
    assert speakers(ann) == [("person", "Lena Park", None)]
    assert ann.interventions[0].speaker.text == "Lena Park"


def test_nlp_name_split_across_lines(nlp):
    report = make_report(ReportSpec(sections=[("Discussion", ["As planned, Lena\nPark noted that the survey was closed."])]))
    ann = annotate(report, nlp)
    speaker = ann.interventions[0].speaker
    assert (speaker.name, speaker.text) == ("Lena Park", "Lena\nPark")
    assert report.text[speaker.start:speaker.end] == "Lena\nPark"


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Dr. Omar Haddad presented the study."], ["Omar Haddad"]),
        (["H.E. Ambassador Sara Nkosi welcomed the participants."], ["Sara Nkosi"]),
        (["Lynn St. Amour opened the session. Later, Ms. St. Amour noted that time was short."], ["Lynn St. Amour", "Lynn St. Amour"]),
        (["Omar Haddad presented the study.", "Mr. Haddad added that more data was needed."], ["Omar Haddad", "Omar Haddad"]),
    ],
)
def test_nlp_titles_are_not_names_and_surnames_expand(nlp, paragraphs, expected):
    assert who(run(nlp, paragraphs)) == expected


def test_nlp_surname_expands_through_participant_list(nlp):
    ann = run(nlp, ["Ms. Park asked about the venue."], participants=[("Lena Park", ["member"], [])])
    assert who(ann) == ["Lena Park"]


def test_nlp_intervention_extends_over_following_sentences(nlp):
    ann = run(nlp, ["Maria noted that the venue was booked. The sessions start at 9:30. It was noted that rooms are small. The lunch is free.", "The budget is fixed."])
    (only,) = ann.interventions
    assert only.text == "Maria noted that the venue was booked. The sessions start at 9:30."
    assert ann.report.text[only.start:only.end] == only.text


def test_nlp_continuation_paragraph_in_lower_case_keeps_speaker(nlp):
    ann = run(nlp, ["Tom noted that there should", "be more time for questions at the workshops."])
    assert who(ann) == ["Tom", "Tom"]
    assert ann.interventions[1].text == "be more time for questions at the workshops."


def test_nlp_offsets_are_exact(nlp):
    ann = run(nlp, ["Ms. Lena Park noted the **GDC** timeline. She added that the [Leadership Panel](http://x.example) met.", "The co-chair asked about WSIS+20."], chair="Jane Roe")
    text = ann.report.text
    assert ann.interventions
    for i in ann.interventions:
        assert text[i.start:i.end] == i.text
        assert text[i.speaker.start:i.speaker.end] == i.speaker.text
    for t in ann.topic_mentions:
        assert text[t.start:t.end] == t.text
    assert {t.topic for t in ann.topic_mentions} >= {"gdc", "leadership-panel", "wsis-20"}


def test_nlp_transcript_turns_are_interventions(nlp):
    report = make_report(
        ReportSpec(
            turns=[("CHAIR", "Welcome everyone to this session on AI governance."), ("JANE ROE", "Thank you. I want to raise the GDC."), ("MS. LENA PARK", "I agree.")],
            chair="Ivo Petrov",
        )
    )
    ann = annotate(report, nlp)
    assert [(i.verb, i.speaker.kind, i.speaker.name, i.speaker.antecedent) for i in ann.interventions] == [
        (">>", "role", "Chair", "Ivo Petrov"),
        (">>", "person", "Jane Roe", None),
        (">>", "person", "Lena Park", None),
    ]
    assert [i.topics for i in ann.interventions] == [("ai-governance",), ("gdc",), ()]
    for i, turn in zip(ann.interventions, report.turns, strict=True):
        assert (i.start, i.end, i.speaker.start, i.speaker.end) == (turn.text_start, turn.end, turn.label_start, turn.label_end)


def test_nlp_nickname_and_acronym_aliases_are_learnt(nlp):
    ann = run(nlp, ["The meeting was hosted by Lena Park (Lenny). The Office of Digital Futures (ODF) presented its plan.", "ODF noted that the plan was ready."])
    assert ("Lena Park", "Lenny") in [(a, b) for a, b, _, _ in ann.aliases]
    assert ("Office of Digital Futures", "ODF") in [(a, b) for a, b, _, _ in ann.aliases]
    assert ("Office of Digital Futures", "ODF") in {(o.name, o.acronym) for o in ann.org_mentions}
    assert [(i.speaker.kind, i.speaker.name) for i in ann.interventions] == [("organisation", "Office of Digital Futures"), ("organisation", "ODF")]
    for full, alias, start, end in ann.aliases:
        assert ann.report.text[start:end].startswith(full) and alias in ann.report.text[start:end]


def test_nlp_participant_list_nicknames_are_aliases(nlp):
    ann = run(nlp, ["Janey noted the plan."], participants=[("Jane Doe (Janey)", ["member"], [])])
    ((full, alias, start, end),) = ann.aliases
    assert (full, alias) == ("Jane Doe", "Janey")
    assert ann.report.text[start:end] == "Jane Doe (Janey)"
    assert who(ann) == ["Janey"]


def test_nlp_participant_organisations_are_org_mentions(nlp):
    ann = run(nlp, ["Lena noted the plan."], participants=[("Lena Park", ["member"], ["Government of Norway"]), ("Ivo Petrov", [], ["APC"])])
    orgs = {(o.name, o.acronym) for o in ann.org_mentions}
    assert ("Government of Norway", None) in orgs
    assert ("Association for Progressive Communications", "APC") in orgs
    for o in ann.org_mentions:
        assert o.start < o.end
