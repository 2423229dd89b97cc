"""Transcripts written without ``>>``: recording exports with timestamps, verbatim records with plain labels.

Also: minutes whose field and note lines look like labels stay minutes, and
the NLP stage reads such labels as names (titles, role words and
parentheticals dropped).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import source_from_text
from kg.nlp import annotate
from kg.nlp.lexicon import load_lexicon
from kg.nlp.speakers import clean_label
from kg.parse import parse_report
from kg.parse.text import clean
from kg.parse.transcript import find_chat, find_turns, is_role_label
from nlp_reports import models, pipeline


def _parse(text: str):
    return parse_report(source_from_text(text, file_name="report.txt"))


ZOOM = """Working Group on Example Matters - Call 7
Date: 3 April 2025
Time: 14:00 UTC

00:00:12 Tomasz Wrona: Hello everyone, welcome to the seventh call.
We have a short agenda today.

00:01:40 Amara Okafor (Digital Futures Office): Thanks, Tomasz. The survey closed
last week with 60 replies.

00:03:05 Tomasz Wrona: Great. Kenji, you wanted to add something?

00:03:20 Kenji Mori: Yes, only that the report is due in May.
"""

BRACKETS = """Example Forum - verbatim of the opening session

[00:03:12] LUCIA FERREIRA: Good morning and welcome to this session.
[00:04:40] KENJI MORI: Thank you, Lucia. I will be brief.
[00:05:02] LUCIA FERREIRA: Please go ahead.
"""

DASHED = """Call notes

(3:12) - Amara Okafor: I will start with the budget.
(4:05) - Kenji Mori: Agreed, the budget comes first.
(5:30) - Amara Okafor: Then the venue.
"""

VERBATIM = """EXAMPLE ADVISORY GROUP
VERBATIM RECORD

CHAIR LUCIA FERREIRA: Good afternoon. The agenda was circulated last week.
If there are no objections, I take it as adopted.

(No objections.)

CHAIR LUCIA FERREIRA: It is adopted. Ms. Okafor, please.

MS. OKAFOR: Thank you, Chair. The registration opens in March.

MR. WRONA: A question on the travel support, if I may. Because --

MS. OKAFOR: -- yes, we are looking into that.

UNIDENTIFIED SPEAKER: Sorry, which month was that?

REMOTE PARTICIPANT (via Zoom): Hello, can you hear me? I support the proposal.

CHAIR LUCIA FERREIRA: Thank you all. The meeting is adjourned.
"""


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (ZOOM, ["Tomasz Wrona", "Amara Okafor (Digital Futures Office)", "Tomasz Wrona", "Kenji Mori"]),
        (BRACKETS, ["LUCIA FERREIRA", "KENJI MORI", "LUCIA FERREIRA"]),
        (DASHED, ["Amara Okafor", "Kenji Mori", "Amara Okafor"]),
        (
            VERBATIM,
            [
                "CHAIR LUCIA FERREIRA",
                "CHAIR LUCIA FERREIRA",
                "MS. OKAFOR",
                "MR. WRONA",
                "MS. OKAFOR",
                "UNIDENTIFIED SPEAKER",
                "REMOTE PARTICIPANT (via Zoom)",
                "CHAIR LUCIA FERREIRA",
            ],
        ),
    ],
    ids=["zoom", "brackets", "dashed", "verbatim"],
)
def test_parse_transcript_turns_without_marks(text: str, labels: list[str]) -> None:
    r = _parse(text)
    assert r.layout == "transcript"
    assert [t.label for t in r.turns] == labels
    for t in r.turns:
        assert r.text[t.label_start : t.label_end] == t.label
        assert r.text[t.text_start : t.end] == t.text
        assert ":" not in t.text[:1]


def test_parse_transcript_turn_spans_its_timestamp_and_text() -> None:
    r = _parse(ZOOM)
    first, second = r.turns[:2]
    assert r.text[first.start :].startswith("00:00:12 Tomasz Wrona:")
    assert first.text == "Hello everyone, welcome to the seventh call.\nWe have a short agenda today."
    assert "00:01:40" not in first.text
    assert second.text.startswith("Thanks, Tomasz.") and second.text.endswith("60 replies.")
    assert [t.is_role for t in _parse(VERBATIM).turns][-3:] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "start_time"),
    [
        (ZOOM, "14:00"),
        ("Example Group - Call 8\n3 April 2025\n\n" + ZOOM.split("\n\n", 1)[1], None),
    ],
    ids=["header-time", "no-header-time"],
)
def test_parse_transcript_turn_timestamps_are_not_the_start_time(text: str, start_time: str | None) -> None:
    r = _parse(text)
    assert r.layout == "transcript"
    assert r.meeting.start_time == start_time


MINUTES_FIELDS = """Working Group on Example Matters - Meeting 12
Date: 3 April 2025
Time: 14:00 UTC
Chair: Lucia Ferreira
Rapporteur: Kenji Mori (Example Institute)
Moderator: Amara Okafor, Digital Futures Office

The group discussed the survey and agreed to publish the results in May.
The budget for the second round was not approved.
"""

MINUTES_BULLETS = """Working Group on Example Matters - Meeting 13
3 April 2025

Discussion:
- Lucia: opened the call and recalled the deadline.
- Kenji: suggested asking the Secretariat for the list.
- Lucia: agreed and asked for a draft.
- Kenji: will send it by Friday.
"""

MINUTES_NOTES = """Working Group on Example Matters - Meeting 14
3 April 2025

Lucia: opened the call and recalled the deadline.

Kenji: suggested asking the Secretariat for the list.

Lucia: agreed and asked for a draft by Friday.
"""

MINUTES_SCHEDULE = """Example Forum - Day 1
3 April 2025

09:00 Opening: Welcome by the host country.
09:30 Keynote: The future of the forum.
10:30 Coffee: Served in the main hall.

Summary
The opening session was attended by 200 people. The keynote speaker
stressed the role of the forum. Many participants asked about the
next edition, and the organisers promised an update.
"""

MINUTES_WITH_ACTIONS = """Working Group on Example Matters - Meeting 15
3 April 2025

Lucia Ferreira: We reviewed the survey. It went well.

Kenji Mori: The budget is tight. We need a second source.

Lucia Ferreira: Agreed. Let us ask the Secretariat.

Action items
- Kenji to write to the Secretariat.
- Lucia to circulate the survey results.
"""

MINUTES_LABELS_ONCE = """Working Group on Example Matters - Meeting 16
3 April 2025

Background: The group was set up last year.
Lucia Ferreira: We should finish the survey first.
Kenji Mori: The budget is tight.
Next Steps: The group meets again in May.
"""


@pytest.mark.parametrize(
    "text",
    [MINUTES_FIELDS, MINUTES_BULLETS, MINUTES_NOTES, MINUTES_SCHEDULE, MINUTES_WITH_ACTIONS, MINUTES_LABELS_ONCE],
    ids=["fields", "bullets", "notes", "schedule", "actions", "labels-once"],
)
def test_parse_minutes_label_lines_are_not_turns(text: str) -> None:
    r = _parse(text)
    assert r.layout != "transcript"
    assert r.turns == ()


def test_parse_caption_label_with_parenthetical_starts_a_turn() -> None:
    text = ">> CHAIR: Welcome.\n>> Amara Okafor (Digital Futures Office): Thank you.\n>> KENJI MORI: Agreed.\n"
    assert [t.label for t in find_turns(text)] == ["CHAIR", "Amara Okafor (Digital Futures Office)", "KENJI MORI"]


@pytest.mark.parametrize(
    ("label", "is_role"),
    [("REMOTE PARTICIPANT (via Zoom)", True), ("MODERATOR (online)", True), ("Amara Okafor (Digital Futures Office)", False), ("CHAIR LUCIA FERREIRA", False)],
)
def test_parse_turn_label_parenthetical_does_not_hide_a_role(label: str, is_role: bool) -> None:
    assert is_role_label(label) is is_role


_LINE = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda stamp, label, words: f"{stamp}{label}: {words}",
        st.sampled_from(["", "00:01:02 ", "[1:02] ", "(12:30) - ", ">> "]),
        st.sampled_from(["JANE ROE", "Tom Lee (ACME)", "CHAIR", "Date", "MS. ROE", "x", "(", ""]),
        st.text(max_size=30),
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=12))
def test_parse_find_turns_offsets_stay_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    turns = find_turns(text)
    for t in turns:
        assert 0 <= t.start <= t.label_start < t.label_end <= t.text_start <= t.end <= len(text)
        assert text[t.label_start : t.label_end] == t.label
        assert text[t.text_start : t.end] == t.text
    assert [t.start for t in turns] == sorted(t.start for t in turns)


# --------------------------------------------------------------------------- NLP


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("CHAIR LUCIA FERREIRA", "Lucia Ferreira"),
        ("THE CO-CHAIR MS. OKAFOR", "Okafor"),
        ("Moderator Kenji Mori", "Kenji Mori"),
        ("MS. OKAFOR", "Okafor"),
        ("Amara Okafor (Digital Futures Office)", "Amara Okafor"),
        ("REMOTE PARTICIPANT (via Zoom)", "Remote Participant"),
        ("CHAIR", "Chair"),
        ("SPEAKER 2", "Speaker 2"),
        ("AUDIENCE MEMBER", "Audience Member"),
    ],
)
def test_nlp_turn_label_becomes_a_name(label: str, name: str) -> None:
    assert clean_label(label, load_lexicon()) == name


@pytest.fixture(params=models(), scope="module")
def nlp(request):
    return pipeline(request.param)


def test_nlp_verbatim_turns_name_people_without_role_words(nlp) -> None:
    ann = annotate(_parse(VERBATIM), nlp)
    got = [(i.speaker.kind, i.speaker.name) for i in ann.interventions]
    assert got[:4] == [("person", "Lucia Ferreira"), ("person", "Lucia Ferreira"), ("person", "Okafor"), ("person", "Wrona")]
    assert ("role", "Unidentified Speaker") in got and ("role", "Remote Participant") in got


MINUTES_CAPS = """Working Group on Example Matters - Meeting 17
3 April 2025

Agenda
1. Budget
2. Survey

Discussion

MR. WRONA: Norway supports this proposal and we should move on.

00:12:40 Lucia Ferreira: the survey should close before the summer break.

[Kenji Mori]: the budget does not allow a second round of the survey.

Kenji Mori (Example Institute): we would like to see the draft first.

10:30 Coffee: the break is in the hall outside the room.

Actions
- Kenji to circulate the draft.
"""


def test_nlp_minutes_name_labels_with_capitals_times_and_brackets(nlp) -> None:
    r = _parse(MINUTES_CAPS)
    assert r.layout != "transcript"
    ann = annotate(r, nlp)
    got = [(i.speaker.kind, i.speaker.name, i.speaker.text) for i in ann.interventions]
    assert got == [
        ("person", "Wrona", "MR. WRONA"),
        ("person", "Lucia Ferreira", "Lucia Ferreira"),
        ("person", "Kenji Mori", "Kenji Mori"),
        ("person", "Kenji Mori", "Kenji Mori"),
    ]
    assert all(i.verb == ":" for i in ann.interventions)


def test_parse_a_title_line_with_a_colon_is_not_the_first_turn() -> None:
    """'WEBINAR 2: "..."' above the turns is the title: the header keeps its date and time."""
    from kg.ingest import source_from_text
    from kg.parse import parse_report

    text = (
        "EXAMPLE WEBINAR SERIES\nWEBINAR 2: \"KEEPING ONE NETWORK\"\n8 APRIL 2025\n12:00 UTC\n\n"
        "MODERATOR: Good afternoon, let us start.\n\nANA LOPEZ: Thank you for having me.\n\n"
        "MODERATOR: Over to Li.\n\nLI WEN: Thanks, moderator.\n"
    )
    report = parse_report(source_from_text(text))
    assert report.layout == "transcript"
    assert (report.meeting.date, report.meeting.start_time) == ("2025-04-08", "12:00")
    assert report.turns[0].label == "MODERATOR"


# --------------------------------------------------------------------------- line-numbered caption transcripts


def _numbered(body: str) -> str:
    """``body`` behind a right-aligned gutter of line numbers, as caption files are delivered."""
    lines = body.split("\n")
    return "\n".join(f"{k:>4}  {line}".rstrip() for k, line in enumerate(lines, 1))


GUTTERED = """EXAMPLE NETWORK ON ORBITAL GARDENING (ENOG)
Webinar 3: "Seeds in orbit - from hope to harvest"
8 April 2025, 12:00 UTC, online
Unedited real-time transcript. Speaker labels added by the captioner.

Panel:
  Amara Okafor, Digital Futures Office - ENOG co-facilitator, moderator
  Kenji Mori, Example Institute
  Lucia Ferreira, Garden Alliance

Amara Okafor (Digital Futures Office): Good afternoon, everyone, and welcome to
    the third webinar of the network. Today we present the seed survey and then
    we hear two reactions from the panel. Kenji, you go first.
Kenji Mori (Example Institute): Thanks. I like the survey, because growers need
    numbers and not stories. My worry is the sample, which is small.
Amara Okafor (Digital Futures Office): A fair point. We will widen it. Lucia?
Lucia Ferreira (Garden Alliance): I agree with Kenji on the sample, and I would
    add the vault data. Note: the vault opens to researchers in June.
Daniel (online): Thank you, and will the data be open?
Amara Okafor (Digital Futures Office): Yes, the data will be open, with a
    licence that allows reuse.
Tomasz Wrona (Seed Savers Network): Tomasz from the hub in the valley. Please
    include the small growers as a category of their own.
Amara Okafor (Digital Futures Office): Thank you all, and thank you for joining.
[END OF TRANSCRIPT]
"""

GUTTERED_LABELS = [
    "Amara Okafor (Digital Futures Office)",
    "Kenji Mori (Example Institute)",
    "Amara Okafor (Digital Futures Office)",
    "Lucia Ferreira (Garden Alliance)",
    "Daniel (online)",
    "Amara Okafor (Digital Futures Office)",
    "Tomasz Wrona (Seed Savers Network)",
    "Amara Okafor (Digital Futures Office)",
]


@pytest.mark.parametrize("numbered", [True, False], ids=["gutter", "plain"])
def test_parse_transcript_with_affiliation_labels_and_hanging_lines(numbered: bool) -> None:
    r = _parse(_numbered(GUTTERED) if numbered else GUTTERED)
    assert r.layout == "transcript"
    assert [t.label for t in r.turns] == GUTTERED_LABELS
    for t in r.turns:
        assert r.text[t.label_start : t.label_end] == t.label
        assert r.text[t.text_start : t.end] == t.text
        assert not t.text[:1].isdigit()
    assert r.turns[3].text.endswith("researchers in June.")  # "Note:" inside the speech is no turn
    assert (r.meeting.date, r.meeting.start_time) == ("2025-04-08", "12:00")


def test_parse_transcript_panel_above_the_first_turn_is_the_participant_list() -> None:
    r = _parse(_numbered(GUTTERED))
    got = [(p.name, p.group, p.roles, p.organisations) for p in r.participants]
    assert got == [
        ("Amara Okafor", "Panel", ("ENOG co-facilitator", "moderator"), ("Digital Futures Office",)),
        ("Kenji Mori", "Panel", (), ("Example Institute",)),
        ("Lucia Ferreira", "Panel", (), ("Garden Alliance",)),
    ]
    for p in r.participants:
        assert r.text[p.start : p.end].startswith(p.name)


@pytest.mark.parametrize(
    "text",
    [MINUTES_FIELDS, MINUTES_BULLETS, MINUTES_NOTES, MINUTES_WITH_ACTIONS, MINUTES_LABELS_ONCE],
    ids=["fields", "bullets", "notes", "actions", "labels-once"],
)
def test_parse_line_numbered_minutes_stay_minutes(text: str) -> None:
    r = _parse(_numbered(text))
    assert r.layout != "transcript"
    assert r.turns == ()
    assert not r.text.lstrip()[:1].isdigit()


HANGING = """Example Forum - open call
3 April 2025

Lucia Ferreira (Garden Alliance): We reviewed the survey and I think it went
    well. Kenji: The budget question is yours, I believe.
Kenji Mori (Example Institute): It is. The budget is tight and we need a
    second source before the summer.
Lucia Ferreira (Garden Alliance): Agreed. Let us ask the Secretariat.
"""


def test_parse_transcript_label_in_the_text_column_is_the_speech_going_on() -> None:
    r = _parse(HANGING.replace("went\n    well. Kenji:", "went well.\n    Kenji:"))
    assert [t.label for t in r.turns] == [
        "Lucia Ferreira (Garden Alliance)",
        "Kenji Mori (Example Institute)",
        "Lucia Ferreira (Garden Alliance)",
    ]
    assert "Kenji: The budget" in r.turns[0].text


def test_nlp_line_numbered_transcript_credits_each_turn_to_its_speaker(nlp) -> None:
    ann = annotate(_parse(_numbered(GUTTERED)), nlp)
    got = [(i.speaker.kind, i.speaker.name) for i in ann.interventions]
    assert got == [
        ("person", "Amara Okafor"),
        ("person", "Kenji Mori"),
        ("person", "Amara Okafor"),
        ("person", "Lucia Ferreira"),
        ("person", "Daniel"),
        ("person", "Amara Okafor"),
        ("person", "Tomasz Wrona"),
        ("person", "Amara Okafor"),
    ]


# --------------------------------------------------------------------------- preamble and closing

CAPTIONED = """EXAMPLE FORUM
OPEN CALL ON THE 2031 WORK PLAN
VIRTUAL -- 12 MARCH 2031 -- {time}

* * * * *
This is the output of the realtime captioning taken during the call.
* * * * *

AGENDA (as circulated by the Secretariat)
  1. Opening by the Chair
  2. Work plan for 2031
  3. Any other business

{heading}
  Lucia Ferreira -- Chair, Garden Alliance
  Kenji Mori -- Example Institute
  Amara Okafor -- Digital Futures Office

* * * * *

>> CHAIR: Good morning. My name is Lucia Ferreira and I chair this call.
Kenji, please.

>> KENJI MORI: Thank you, Chair. We will circulate a first draft of the
work plan soon.

>> PARTICIPANT: Hello? This is Amara Okafor from the Digital Futures Office.
I support the draft.

>> PARTICIPANT: Sorry, I was on mute. I want to speak about the budget --

>> CHAIR: We have lost the speaker. {closing}
"""

CLOSING = (
    "Let me close. Members are invited to send written comments by 20 March. The\n"
    "Secretariat will publish the revised plan by 27 March. We will meet again soon. Who will\n"
    "host the next call by 30 March? Thank you all."
)


def _captioned(heading: str = "SPEAKERS LIST (as registered)", closing: str = CLOSING, time: str = "13:00 UTC") -> str:
    return CAPTIONED.format(heading=heading, closing=closing, time=time)


@pytest.mark.parametrize(
    "heading",
    ["SPEAKERS LIST (as registered)", "Speakers list", "List of speakers:", "REGISTERED SPEAKERS",
     "Speakers (in order of intervention)", "Participants (as registered)", "Panellists"],
)
def test_parse_transcript_preamble_speakers_list_and_noted_agenda(heading: str) -> None:
    r = _parse(_captioned(heading))
    assert r.layout == "transcript"
    assert [a.title for a in r.agenda] == ["Opening by the Chair", "Work plan for 2031", "Any other business"]
    got = [(p.name, p.group, p.organisations[-1]) for p in r.participants]
    group = heading.rstrip(":")
    assert got == [
        ("Lucia Ferreira", group, "Garden Alliance"),
        ("Kenji Mori", group, "Example Institute"),
        ("Amara Okafor", group, "Digital Futures Office"),
    ]
    for p in r.participants:
        assert r.text[p.start : p.end].startswith(p.name)
    assert {b.kind for b in r.blocks if b.start < r.turns[0].start} >= {"agenda", "participants"}


def test_parse_transcript_closing_tasks_with_a_deadline_are_action_items() -> None:
    r = _parse(_captioned())
    got = [(a.text, a.owner, a.due) for a in r.actions]
    assert got == [
        ("Members are invited to send written comments by 20 March.", "Members", "2031-03-20"),
        ("The Secretariat will publish the revised plan by 27 March.", "Secretariat", "2031-03-27"),
    ]
    for a in r.actions:
        assert " ".join(r.text[a.start : a.end].split()) == a.text


@pytest.mark.parametrize(
    "closing",
    [
        "Members will send comments, and we will meet again. Thank you.",  # no deadline
        "We will send the plan by 20 March. Thank you.",  # a pronoun owns it
        "The consultation will remain open until 20 March. Thank you.",  # a state, not a task
        "Will the Secretariat publish the plan by 20 March? Thank you.",  # a question
    ],
)
def test_parse_transcript_closing_speech_without_a_task_and_deadline_is_no_action(closing: str) -> None:
    assert _parse(_captioned(closing=closing)).actions == ()


def test_parse_transcript_task_before_the_closing_turns_is_speech() -> None:
    text = _captioned(closing="Thank you all.").replace(
        "We will circulate a first draft of the\nwork plan soon.",
        "The Secretariat will circulate a first draft of the\nwork plan by 15 March.",
    )
    assert _parse(text).actions == ()


@pytest.mark.parametrize(
    ("time", "start", "zone"),
    [("09:00 Lima time (UTC\u22125)", "09:00", "UTC-5"), ("14:00 local time (UTC+1)", "14:00", "UTC+1"),
     ("10:00 (UTC\u22123)", "10:00", "UTC-3")],
)
def test_parse_transcript_start_time_in_a_zone_named_in_words_with_its_offset(time: str, start: str, zone: str) -> None:
    m = _parse(_captioned(time=time)).meeting
    assert (m.start_time, m.timezone) == (start, zone)


_CLOSING_PIECE = st.sampled_from(
    ["The Secretariat will send it by 3 March.", "Members are invited to reply by 4 May.", "We will ", " by 2 June",
     "?", ".", "\n", ">> CHAIR: ", ">> PARTICIPANT: ", "SPEAKERS LIST (x)\n", "  Ana Lima -- Org\n"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_CLOSING_PIECE, st.text(max_size=20)), max_size=30))
def test_parse_transcript_actions_and_preamble_lists_stay_inside_the_text(parts: list[str]) -> None:
    text = "Call\n3 March 2031\n\n>> CHAIR: Hello.\n>> ANA LIMA: Hi.\n" + "".join(parts)
    r = _parse(text)
    for a in r.actions:
        assert 0 <= a.start <= a.end <= len(r.text)
        # the text is the span as cleaned: markup and escapes ("\\.") dropped, spaces joined
        assert clean(r.text[a.start : a.end]).text == a.text
    for p in r.participants:
        assert 0 <= p.start <= p.end <= len(r.text)


def test_nlp_anonymous_label_introduced_once_stays_unresolved_in_its_other_turns(nlp) -> None:
    ann = annotate(_parse(_captioned()), nlp)
    got = [(i.speaker.kind, i.speaker.name, i.speaker.antecedent) for i in ann.interventions]
    assert got[2][:2] == ("person", "Amara Okafor")  # the turn where she says who she is
    assert got[3][0] == "role" and got[3][2] is None  # the next PARTICIPANT is nobody known


def _without_preamble_agenda(text: str) -> str:
    return text[: text.index("AGENDA (as")] + text[text.index("SPEAKERS LIST") :]


@pytest.mark.parametrize(
    ("reading", "titles"),
    [
        ("The agenda is as follows: first, the\nopening by the Chair; second, the work plan for 2031; and then any other business.",
         ["the opening by the Chair", "the work plan for 2031", "any other business"]),
        ("We have a full agenda: a review of last\nyear, the work plan for this year, and then any other business.",
         ["a review of last year", "the work plan for this year", "any other business"]),
        ("The agenda was adopted as follows:\n1. Opening by the Chair\n2. Work plan for 2031\n3. Any other business\n",
         ["Opening by the Chair", "Work plan for 2031", "Any other business"]),
    ],
    ids=["semicolons", "commas", "numbered"],
)
def test_parse_transcript_agenda_read_out_in_the_opening_turn(reading: str, titles: list[str]) -> None:
    text = _without_preamble_agenda(_captioned()).replace("and I chair this call.", "and I chair this call. " + reading)
    r = _parse(text)
    assert [a.title for a in r.agenda] == titles
    for a in r.agenda:
        assert " ".join(r.text[a.start : a.end].split()) == a.title


@pytest.mark.parametrize(
    "speech",
    ["The agenda was circulated last week: please read it, then comment.", "I have one point on the agenda."],
)
def test_parse_transcript_opening_speech_about_the_agenda_reads_no_agenda(speech: str) -> None:
    text = _without_preamble_agenda(_captioned()).replace("and I chair this call.", "and I chair this call. " + speech)
    assert _parse(text).agenda == ()


# --------------------------------------------------------------------------- recording exports: "Name  0:04" over the speech

OTTER = """Example Working Group - weekly call (14:00 UTC)
Tue, Apr 8, 2031 3:00PM \u2022 22:10

SUMMARY KEYWORDS
budget, survey, outreach

SPEAKERS
Lucia Ferreira, Kenji Mori, Speaker 1

{0}
Welcome everyone. Kenji, can we start with the budget?

{1}
Yes. The budget for the survey is approved, and the outreach plan is nearly ready.

{2}
Hi all, it's Amara Okafor, from the Digital Futures Office. I have one question on the outreach plan.

{3}
Good. So let me recap the action items. One: Kenji circulates the budget by 20 April. Two: I will send the survey to the list by 25 April.

{4}
Thanks, and I can take the survey questions.

{5}
Thanks all, see you next week.

Transcribed by https://otter.ai
"""

_OTTER_SPEAKERS = ["Lucia Ferreira", "Kenji Mori", "Speaker 1", "Lucia Ferreira", "Speaker 1", "Lucia Ferreira"]
_OTTER_TIMES = [(0, 3), (0, 41), (1, 12), (2, 7), (2, 53), (3, 18)]


def _otter(form: str) -> str:
    return OTTER.format(*(form.format(name=n, m=m, s=s) for n, (m, s) in zip(_OTTER_SPEAKERS, _OTTER_TIMES)))


@pytest.mark.parametrize(
    "form", ["{name}  {m}:{s:02d}", "{name}  00:{m:02d}:{s:02d}", "[{name}] 00:{m:02d}:{s:02d}", "{name} | {m}:{s:02d}"]
)
def test_parse_transcript_label_lines_with_a_time_over_the_speech(form: str) -> None:
    r = _parse(_otter(form))
    assert r.layout == "transcript"
    assert [t.label for t in r.turns] == _OTTER_SPEAKERS
    assert r.turns[0].text == "Welcome everyone. Kenji, can we start with the budget?"
    assert [t.is_role for t in r.turns] == [False, False, True, False, True, False]
    for t in r.turns:
        assert r.text[t.label_start : t.label_end] == t.label
        assert r.text[t.text_start :].startswith(t.text)


def test_parse_transcript_speakers_index_of_the_labels_is_no_participant_list() -> None:
    r = _parse(_otter("{name}  {m}:{s:02d}"))
    assert r.participants == ()


def test_parse_transcript_recap_of_the_action_items_before_the_goodbyes() -> None:
    r = _parse(_otter("{name}  {m}:{s:02d}"))
    got = [(a.text, a.owner, a.due) for a in r.actions]
    assert got == [
        ("Kenji circulates the budget by 20 April.", "Kenji", "2031-04-20"),
        ("I will send the survey to the list by 25 April.", "Lucia Ferreira", "2031-04-25"),
    ]
    for a in r.actions:
        assert " ".join(r.text[a.start : a.end].split()) == a.text


def test_parse_transcript_speech_without_a_recap_reads_no_present_tense_actions() -> None:
    text = _otter("{name}  {m}:{s:02d}").replace("So let me recap the action items. ", "")
    assert _parse(text).actions == ()


@pytest.mark.parametrize(
    "text",
    [
        # a programme: times on round minutes over a line of description
        "Workshop programme\n8 April 2031\n\nWelcome and opening  09:00\nThe Chair opens the workshop.\n\n"
        "Session One  09:30\nPanel on data governance.\n\nCoffee Break  10:30\nServed in the foyer.\n\n"
        "Session Two  11:00\nPanel on connectivity.\n\nCoffee Break  12:30\nServed in the foyer.\n",
        # an agenda of timed items, one a line
        "Agenda\nOpening  10:02\nBudget  10:17\nSurvey  10:41\nBudget  11:03\n",
    ],
    ids=["programme", "timed-agenda"],
)
def test_parse_timed_programme_lines_are_not_turns(text: str) -> None:
    assert _parse(text).turns == ()


def test_parse_once_used_label_followed_by_sentences_is_the_first_turn() -> None:
    text = (
        "Example webinar\n8 April 2031\n\n"
        "Ana Lima: Welcome, everyone. This webinar is recorded, so please keep your microphones muted.\n\n"
        "Lucia Ferreira: Thank you. The survey closed last week.\n\nKenji Mori: Agreed.\n\n"
        "Lucia Ferreira: Then the budget.\n"
    )
    assert [t.label for t in _parse(text).turns] == ["Ana Lima", "Lucia Ferreira", "Kenji Mori", "Lucia Ferreira"]


def test_nlp_numbered_speaker_label_is_one_voice_throughout(nlp) -> None:
    ann = annotate(_parse(_otter("{name}  {m}:{s:02d}")), nlp)
    got = [(i.speaker.kind, i.speaker.name, i.speaker.antecedent) for i in ann.interventions]
    assert got[2][:2] == ("person", "Amara Okafor")  # the turn where she says who she is
    assert got[4] == ("role", "Speaker 1", "Amara Okafor")  # the same voice later


# --------------------------------------------------------------------------- caption files (WebVTT, SRT)

VTT = """WEBVTT
Kind: captions
Language: en

NOTE
Title: Example Network Webinar #2 - Orbital gardens
Date: 8 April 2031
Time: 14:00 UTC
Panellists:
  Lucia Ferreira - Garden Alliance
  Kenji Mori - Example Institute

1
00:00:01.000 --> 00:00:04.500
<v Lucia Ferreira>Welcome, everyone, to the second webinar of the network.</v>

2
00:00:04.700 --> 00:00:09.000
<v Lucia Ferreira>Kenji, the floor is yours.</v>

3
00:00:10.000 --> 00:00:15.000 align:start
<v Kenji Mori>Thank you, Lucia. Orbital gardens need Q&amp;A sessions</v>
<v Kenji Mori>with the <i>local</i> growers.</v>

4
00:00:16.000 --> 00:00:20.000
<v Attendee>A question on funding, please.</v>

5
00:00:21.000 --> 00:00:25.000
<v Lucia Ferreira>Thank you all.</v>
"""

SRT = """1
00:00:01,000 --> 00:00:04,500
LUCIA FERREIRA: Welcome, everyone,
to the second webinar of the network.

2
00:00:04,700 --> 00:00:09,000
Kenji, the floor is yours.

3
00:00:10,000 --> 00:00:15,000
KENJI MORI: Thank you, Lucia.

4
00:00:16,000 --> 00:00:20,000
LUCIA FERREIRA: Thank you all.
"""


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (VTT, ["Lucia Ferreira", "Kenji Mori", "Attendee", "Lucia Ferreira"]),
        (SRT, ["LUCIA FERREIRA", "KENJI MORI", "LUCIA FERREIRA"]),
    ],
    ids=["webvtt-voices", "srt-labels"],
)
def test_parse_caption_file_cues_of_one_voice_are_one_turn(text: str, labels: list[str]) -> None:
    r = _parse(text)
    assert r.layout == "transcript"
    assert [t.label for t in r.turns] == labels
    assert "-->" not in r.text and "<v" not in r.text
    assert r.turns[0].text == "Welcome, everyone, to the second webinar of the network. Kenji, the floor is yours."


def test_parse_caption_file_note_block_gives_the_meeting_and_the_panel() -> None:
    r = _parse(VTT)
    assert (r.meeting.date, r.meeting.start_time) == ("2031-04-08", "14:00")
    assert [p.name for p in r.participants] == ["Lucia Ferreira", "Kenji Mori"]
    assert r.turns[1].text == "Thank you, Lucia. Orbital gardens need Q&A sessions with the local growers."


# --------------------------------------------------------------------------- closing furniture

_OTTER = "Ana Lima  0:04\nWelcome, everyone.\n\nBo Tran  0:31\nThanks, Ana. The survey is closed.\n\nAna Lima  1:02\nGreat, see you next week.\n"
_ZOOM = "00:00:12 Ana Lima: Welcome, everyone.\n00:00:40 Bo Tran: Thanks, Ana. The survey is closed.\n00:01:02 Ana Lima: Great, see you next week.\n"
_CAPTIONS = ">> CHAIR: Welcome, everyone.\n>> BO TRAN: Thanks, Chair. The survey is closed.\n>> CHAIR: Great, see you next week.\n"


@pytest.mark.parametrize(
    ("turns", "closing"),
    [
        (_OTTER, "\nTranscribed by https://otter.ai\n"),
        (_ZOOM, "Recording stopped.\nEND OF TRANSCRIPT\n"),
        (_ZOOM, "\nThis transcript was generated automatically and may contain errors.\n"),
        (_ZOOM, "Ana Lima stopped transcription\n"),
        (_CAPTIONS, "[End of meeting]\nCaptions provided by Example Captioning Services.\n"),
        (_CAPTIONS, "\n*** This text is being provided in a rough draft format. Communication Access Realtime\n"
                    "Translation (CART) is provided in order to facilitate communication accessibility\n"
                    "and may not be a totally verbatim record of the proceedings. ***\n"),
        (_CAPTIONS, "(End of session)\nDisclaimer: this is an unedited transcript, not an authoritative record.\n"),
    ],
)
def test_parse_transcript_closing_furniture_is_cut_from_the_last_turn(turns: str, closing: str) -> None:
    r = _parse("Example Working Group - Call 4\nDate: 3 April 2025\n\n" + turns + closing)
    assert len(r.turns) == 3
    assert r.turns[-1].text == "Great, see you next week."
    tail = r.text.rindex("see you next week.") + len("see you next week.")
    assert all(b.kind in ("boilerplate", "blank") for b in r.blocks if b.start >= tail)


@pytest.mark.parametrize(
    "speech",
    [
        "I will share a rough draft by Friday.",
        "Recording stopped working for some of us.",
        "We stopped recording after the break.",
        "The end of the meeting is near.",
        "Captions are useful for the hubs.",
    ],
)
def test_parse_transcript_last_words_like_furniture_stay_speech(speech: str) -> None:
    r = _parse("Example Working Group - Call 4\nDate: 3 April 2025\n\n" + _ZOOM.rstrip("\n") + "\n" + speech + "\n")
    assert r.turns[-1].text.endswith(speech)


def test_parse_transcript_opening_furniture_is_boilerplate_not_the_header() -> None:
    r = _parse("Recording started.\nExample Working Group - Call 4\nDate: 3 April 2025\n"
               "This transcript was generated automatically.\n\n" + _ZOOM)
    assert r.meeting.title == "Example Working Group - Call 4"
    for needle in ("Recording started.", "This transcript was generated"):
        i = r.text.index(needle)
        assert next(b.kind for b in r.blocks if b.start <= i < b.end) == "boilerplate"


_FURNITURE_PIECE = st.sampled_from(
    ["Transcribed by https://otter.ai", "Recording stopped.", "END OF TRANSCRIPT", "[End of meeting]", "***",
     "Captions provided by X.", "Disclaimer: x", "rough draft", "\n", "\n\n", ">> CHAIR: ", "00:01:02 Ana Lima: ",
     "Bo Tran  0:31\n", "Words here. "]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FURNITURE_PIECE, st.text(max_size=12)), max_size=30))
def test_parse_transcript_furniture_cut_keeps_turns_inside_the_text(parts: list[str]) -> None:
    text = ">> CHAIR: Hello.\n>> ANA LIMA: Hi.\n" + "".join(parts)
    for t in find_turns(text):
        assert 0 <= t.start <= t.label_start < t.label_end <= t.text_start <= t.end <= len(text)
        assert text[t.text_start : t.end] == t.text


# --------------------------------------------------------------------------- chat exports

_SUMMARY = """Example Network on Orbital Gardens - Webinar 3
Summary and chat record

Held online on Wednesday 12 March 2031, 15:00-16:30 UTC.

1. Opening
Lucia Ferreira opened the webinar and recalled the purpose of the network, which is to share
practices on community gardens in low orbit and the questions of access they raise.

2. Panel
Kenji Mori presented the results of the survey on seed exchange and said that the rules of the
partner stations were the main obstacle to sharing the results with the growers.

Annex - Chat export

"""

_CHATS = {
    "zoom": (
        "15:03:12 From Lucia Ferreira (moderator) to Everyone: Welcome all, the recording is on.\n"
        "15:09:47 From Priya Raman (Lunar Seed Bank) to Everyone: Will the data be published?\n"
        "15:14:05 From Oluwaseun Adeyemi to Everyone: The rules should not block the exchange.\n"
    ),
    "zoom-old": (
        "15:03:12\t From  Lucia Ferreira (moderator) : Welcome all, the recording is on.\n"
        "15:09:47\t From  Priya Raman (Lunar Seed Bank)  to  Everyone : Will the data be published?\n"
        "15:14:05\t From  Oluwaseun Adeyemi : The rules should not block the exchange.\n"
    ),
    "zoom-next-line": (
        "15:03:12 From Lucia Ferreira (moderator) to Everyone:\n\tWelcome all, the recording is on.\n"
        "15:09:47 From Priya Raman (Lunar Seed Bank) to Everyone:\n\tWill the data be published?\n"
        "15:14:05 From Oluwaseun Adeyemi to Everyone:\n\tThe rules should not block the exchange.\n"
    ),
    "webex": (
        "from Lucia Ferreira (moderator) to everyone:    3:03 PM\nWelcome all, the recording is on.\n"
        "from Priya Raman (Lunar Seed Bank) to everyone:    3:09 PM\nWill the data be published?\n"
        "from Oluwaseun Adeyemi to everyone:    3:14 PM\nThe rules should not block the exchange.\n"
    ),
}
_CHAT_LABELS = ["Lucia Ferreira (moderator)", "Priya Raman (Lunar Seed Bank)", "Oluwaseun Adeyemi"]
_CHAT_TEXTS = ["Welcome all, the recording is on.", "Will the data be published?", "The rules should not block the exchange."]

_TIMED_CHATS = {
    "zoom-tabs": (
        "15:03:27\tPriya Raman:\tThanks Kenji, very useful.\n15:07:51\tOluwaseun Adeyemi:\tThe rules matter.\n"
        "15:12:09\tPriya Raman:\tAgreed.\n"
    ),
    "teams-brackets": (
        "[15:02] Priya Raman: Thanks Kenji, very useful.\n[15:09] Oluwaseun Adeyemi: The rules matter.\n"
        "[15:13] Priya Raman: Agreed.\n"
    ),
    "teams-am-pm": (
        "[3:02 PM] Priya Raman: Thanks Kenji, very useful.\n[3:09 PM] Oluwaseun Adeyemi: The rules matter.\n"
        "[3:13 PM] Priya Raman: Agreed.\n"
    ),
    "name-then-time": (
        "Priya Raman 15:02\nThanks Kenji, very useful.\n\nOluwaseun Adeyemi 15:09\nThe rules matter.\n\n"
        "Priya Raman 15:13\nAgreed.\n"
    ),
    "time-then-name": (
        "[3:02 PM] Priya Raman\nThanks Kenji, very useful.\n\n[3:09 PM] Oluwaseun Adeyemi\nThe rules matter.\n\n"
        "[3:13 PM] Priya Raman\nAgreed.\n"
    ),
}


def _chat_report(chat: str):
    return _parse(_SUMMARY + chat + "\nExample Network 2031\tpage 3\n")


@pytest.mark.parametrize("shape", list(_CHATS))
def test_parse_chat_annex_messages_are_turns_of_their_posters(shape: str) -> None:
    r = _chat_report(_CHATS[shape])
    assert r.layout == "summary"
    assert [t.label for t in r.turns] == _CHAT_LABELS
    assert [t.text for t in r.turns] == _CHAT_TEXTS
    assert [t.is_role for t in r.turns] == [False, False, False]
    for t in r.turns:
        assert r.text[t.label_start : t.label_end] == t.label


@pytest.mark.parametrize("shape", list(_TIMED_CHATS))
def test_parse_chat_annex_with_timed_labels_gives_turns(shape: str) -> None:
    r = _chat_report(_TIMED_CHATS[shape])
    assert r.layout == "summary"
    assert [t.label for t in r.turns] == ["Priya Raman", "Oluwaseun Adeyemi", "Priya Raman"]
    assert [t.text for t in r.turns] == ["Thanks Kenji, very useful.", "The rules matter.", "Agreed."]


def test_parse_chat_annex_leaves_the_summary_a_summary() -> None:
    r = _chat_report(_CHATS["zoom"])
    assert [s.title for s in r.sections if s.title] == ["Opening", "Panel"]
    paragraphs = " ".join(p.text for s in r.sections for p in s.paragraphs)
    assert "Kenji Mori presented" in paragraphs
    assert "From" not in paragraphs and "recording is on" not in paragraphs
    chat = next(b for b in r.blocks if b.kind == "transcript")
    assert r.text[chat.start : chat.end].startswith("15:03:12 From Lucia") and "page 3" not in r.text[chat.start : chat.end]


def test_parse_chat_private_message_is_the_posters_turn() -> None:
    chat = _CHATS["zoom"] + "15:21:33 From Priya Raman (Lunar Seed Bank) to Lucia Ferreira (privately): Could you ask Kenji?\n"
    chat += "15:24:02 From Oluwaseun Adeyemi to Priya Raman(Direct Message): Happy to help.\n"
    r = _chat_report(chat)
    assert [t.label for t in r.turns][-2:] == ["Priya Raman (Lunar Seed Bank)", "Oluwaseun Adeyemi"]
    assert [t.text for t in r.turns][-2:] == ["Could you ask Kenji?", "Happy to help."]


def test_parse_chat_export_on_its_own_is_a_transcript() -> None:
    r = _parse("Webinar 10 - saved chat\n14 October 2031\n\n" + _CHATS["zoom"] + "15:20:45 From Priya Raman to Everyone: Thanks all.\n")
    assert r.layout == "transcript"
    assert [t.label for t in r.turns] == [*_CHAT_LABELS, "Priya Raman"]


@pytest.mark.parametrize(
    "lines",
    [
        # a programme's times fall on round minutes
        "09:00 From the Chair: welcome and opening.\n09:30 From the Secretariat: an update.\n10:00 From the floor: questions.\n",
        "[09:00] Opening: welcome.\n[09:30] Ana Lima: keynote.\n[10:00] Ana Lima: questions.\n",
        # one message line is no chat
        "15:03:12 From Lucia Ferreira to Everyone: Welcome all.\n",
        # timed notes by different people, none twice
        "[15:02] Priya Raman: Thanks.\n[15:09] Oluwaseun Adeyemi: The rules matter.\n[15:13] Mateo Quispe: Agreed.\n",
    ],
    ids=["round-minutes-from", "round-minutes-labels", "one-message", "no-label-twice"],
)
def test_parse_chat_like_lines_that_are_no_chat_give_no_turns(lines: str) -> None:
    r = _chat_report(lines)
    assert r.turns == ()
    assert r.layout == "summary"


@pytest.mark.parametrize(
    ("label", "is_role"),
    [
        ("iPad de Lucas", True),
        ("Galaxy Tab de Rui", True),
        ("Jane's iPhone", True),
        ("Samsung SM-A515F", True),
        ("Priya Raman (Samsung)", False),
        ("Phoebe Lin", False),
        ("Lucia Ferreira (moderator)", False),
    ],
)
def test_parse_chat_display_name_of_a_device_names_nobody(label: str, is_role: bool) -> None:
    assert is_role_label(label) is is_role


_CHAT_PIECE = st.sampled_from(
    ["15:03:12 From ", "From ", " to ", "Everyone", "(privately)", "(ACME)", ": ", ":", "\t", "[3:02 PM] ", "[15:02] ",
     "Priya Raman", "Ana Lima", " 15:09\n", "    3:03 PM\n", "\n", "\n\n", "Words here. ", "iPad de Lucas"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_CHAT_PIECE, st.text(max_size=12)), max_size=40))
def test_parse_find_chat_turns_stay_inside_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    turns = find_chat(text)
    for t in turns:
        assert 0 <= t.start <= t.label_start < t.label_end <= t.text_start <= t.end <= len(text)
        assert text[t.label_start : t.label_end] == t.label
        assert text[t.text_start : t.end] == t.text
    assert [t.start for t in turns] == sorted(t.start for t in turns)
    r = _parse(_SUMMARY + text)  # the whole parse takes any chat annex, and its blocks still tile the text
    assert sum(b.end - b.start for b in r.blocks) == len(r.text)
    for t in r.turns:
        assert 0 <= t.label_start < t.label_end <= t.text_start <= t.end <= len(r.text)
        assert r.text[t.text_start : t.end] == t.text


def test_nlp_chat_posters_are_speakers_with_the_topics_of_their_messages(nlp) -> None:
    chat = _CHATS["zoom"] + "15:20:45 From iPad de Lucas to Everyone: Would the network write to the WSIS+20 co-facilitators?\n"
    ann = annotate(_chat_report(chat), nlp)
    posted = [(i.speaker.kind, i.speaker.name, i.speaker.text) for i in ann.interventions if i.verb == ">>"]
    assert posted == [
        ("person", "Lucia Ferreira", "Lucia Ferreira (moderator)"),
        ("person", "Priya Raman", "Priya Raman (Lunar Seed Bank)"),
        ("person", "Oluwaseun Adeyemi", "Oluwaseun Adeyemi"),
        ("role", "iPad de Lucas", "iPad de Lucas"),
    ]
    last = [i for i in ann.interventions if i.verb == ">>"][-1]
    assert last.speaker.antecedent is None and "wsis-20" in last.topics
