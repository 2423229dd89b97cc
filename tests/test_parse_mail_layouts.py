"""Mail layouts: forwarded minutes (quoted or not), reply history, bracketed action owners.

Inputs are short invented messages; each test states what the parser must read from one layout.
"""

from __future__ import annotations

import pytest

from kg.ingest import source_from_text
from kg.model import Report
from kg.parse.report import parse_report

FORWARD_NOTE = (
    "From: Oskar Lindahl <oskar@fjord-net.example>\n"
    "Date: Thu, 10 Apr 2025 21:05:00 +0200\n"
    "To: wg-rural@lists.example.org\n"
    "Subject: Fwd: [WG-Rural] Notes - call #7, 10 Apr\n"
    "\n"
    "Hi all,\n"
    "\n"
    "Forwarding the notes for those who joined the list late.\n"
    "\n"
    "Best,\n"
    "Oskar\n"
    "\n"
)

INNER_HEADERS = (
    "Subject: [WG-Rural] Notes - call #7, 10 Apr\n"
    "Date: Thu, 10 Apr 2025 16:40:00 -0300\n"
    "From: Paula Serrano <paula@andes-dg.example>\n"
    "To: wg-rural@lists.example.org\n"
)

MINUTES = (
    "Working Group on Rural Access\n"
    "Call #7 -- 10 April 2025, 14:00 UTC\n"
    "\n"
    "On the call: Paula Serrano (notes), Oskar Lindahl, Tama Leota, Ines Okafor\n"
    "\n"
    "Agenda\n"
    "1. Survey results\n"
    "2. AOB\n"
    "\n"
    "1. Survey results\n"
    "- Tama: presented the survey of village networks.\n"
    "- Ines asked whether licensing costs should be covered.\n"
    "\n"
    "2. AOB\n"
    "- Nothing raised.\n"
    "\n"
    "AIs:\n"
    "- circulate the survey summary [Tama, Ines] - by 17 Apr\n"
    "- book the room for the session [Oskar]\n"
    "\n"
    "Next call: 8 May, 14:00 UTC\n"
    "\n"
    "-- \n"
    "Paula Serrano\n"
    "Andes Digital Governance\n"
    "_______________________________________________\n"
    "WG-Rural mailing list\n"
    "wg-rural@lists.example.org\n"
)


def _quoted(text: str, prefix: str = "> ") -> str:
    return "".join(f"{prefix}{line}".rstrip() + "\n" for line in text.splitlines())


FORWARDS = [
    pytest.param(FORWARD_NOTE + "-------- Forwarded Message --------\n" + INNER_HEADERS + "\n" + _quoted(MINUTES), id="thunderbird-quoted-body"),
    pytest.param(FORWARD_NOTE + "---------- Forwarded message ---------\n" + INNER_HEADERS + "\n" + MINUTES, id="gmail-plain-body"),
    pytest.param(FORWARD_NOTE + "Begin forwarded message:\n\n" + _quoted(INNER_HEADERS + "\n" + MINUTES), id="apple-quoted-headers"),
]


def _parse(text: str) -> Report:
    return parse_report(source_from_text(text))


def _kind_of(report: Report, needle: str) -> str:
    at = report.text.index(needle)
    return next(b.kind for b in report.blocks if b.start <= at < b.end)


@pytest.mark.parametrize("text", FORWARDS)
def test_parse_mail_forwarded_minutes_are_read_as_the_message(text: str) -> None:
    r = _parse(text)
    assert r.layout == "mail"
    assert r.mail is not None
    # the forwarded message's own headers describe the minutes
    assert (r.mail.author, r.mail.date, r.mail.subject) == ("Paula Serrano", "2025-04-10", "Notes - call #7, 10 Apr")
    assert (r.meeting.number, r.meeting.date, r.meeting.start_time) == ("7", "2025-04-10", "14:00")
    assert [a.title for a in r.agenda] == ["Survey results", "AOB"]
    assert [p.name for p in r.participants] == ["Paula Serrano", "Oskar Lindahl", "Tama Leota", "Ines Okafor"]
    assert [(a.owner, a.due) for a in r.actions] == [("Tama and Ines", "2025-04-17"), ("Oskar", None)]
    assert r.next_meeting is not None and r.next_meeting.date == "2025-05-08"
    paragraphs = [r.text[p.start : p.end] for s in r.sections for p in s.paragraphs]
    assert any(p.startswith("Forwarding the notes") for p in paragraphs)  # the forwarder's note is content
    assert not any("Andes Digital Governance" in p or "mailing list" in p for p in paragraphs)
    assert _kind_of(r, "paula@andes-dg.example") == "mail_headers"
    assert _kind_of(r, "Andes Digital Governance") == "signature"
    assert _kind_of(r, "WG-Rural mailing list") == "boilerplate"
    assert r.mail.quoted_spans == ()


REPLY = (
    "From: Ines Okafor <ines@example.org>\n"
    "Date: Fri, 11 Apr 2025 09:00:00 +0000\n"
    "Subject: Re: Call #7 agenda\n"
    "\n"
    "Working Group on Rural Access, call 7, 10 April 2025\n"
    "\n"
    "Agenda\n"
    "1. Survey results\n"
    "2. AOB\n"
    "\n"
    "Best regards,\n"
    "Ines\n"
    "\n"
    "On Mon, 7 Apr 2025 at 10:00, Tama Leota <tama@example.org> wrote:\n"
    "> Draft agenda:\n"
    "> 1. Budget lines\n"
    "> 2. Survey results\n"
    ">\n"
    "> Tama\n"
)


def test_parse_mail_reply_history_stays_quoted_once_unquoted() -> None:
    r = _parse(REPLY)
    assert [a.title for a in r.agenda] == ["Survey results", "AOB"]
    assert r.mail is not None and len(r.mail.quoted_spans) == 1
    qs, qe = r.mail.quoted_spans[0]
    assert r.text[qs:qe].startswith("On Mon, 7 Apr 2025") and r.text[qs:qe].endswith("Tama")
    assert _kind_of(r, "Budget lines") == "quoted"


def test_parse_mail_history_quoted_inside_a_forwarded_message_stays_quoted() -> None:
    inner = MINUTES.replace(
        "\n-- \n", "\nOn Wed, 9 Apr 2025, Tama Leota wrote:\n> 1. Budget lines\n> 2. Old business\n\n-- \n"
    )
    r = _parse(FORWARD_NOTE + "-------- Forwarded Message --------\n" + INNER_HEADERS + "\n" + _quoted(inner))
    assert [a.title for a in r.agenda] == ["Survey results", "AOB"]
    assert _kind_of(r, "Old business") == "quoted"
    assert [(a.owner, a.due) for a in r.actions] == [("Tama and Ines", "2025-04-17"), ("Oskar", None)]


ACTION_LISTS = [
    ("- share the dataset [Ana Rios, Bo Li] - by 16 Apr", ("share the dataset [Ana Rios, Bo Li]", "Ana Rios and Bo Li", "2025-04-16")),
    ("- confirm the speakers [Kofi]", ("confirm the speakers [Kofi]", "Kofi", None)),
    ("- send the map [Ana R.] by 20 Apr", ("send the map [Ana R.] by 20 Apr", "Ana R.", "2025-04-20")),
    ("- read the [draft] - by 18 Apr", ("read the [draft]", None, "2025-04-18")),
    ("- check the figures [TBD]", ("check the figures [TBD]", None, None)),
    ("- update the [Survey] page on the wiki", ("update the [Survey] page on the wiki", None, None)),
]


@pytest.mark.parametrize(("item", "expected"), ACTION_LISTS, ids=[a[0][2:22] for a in ACTION_LISTS])
def test_parse_mail_ais_list_gives_bracketed_owners_and_due(item: str, expected: tuple[str, str | None, str | None]) -> None:
    r = _parse("Working Group on Rural Access\nCall 7, 10 April 2025\n\nAIs:\n" + item + "\n")
    assert [(a.text, a.owner, a.due) for a in r.actions] == [expected]


# --------------------------------------------------------------------------- a mailing-list archive page

def _archive_page(body: str, *, subject: str = "[Wg-kestrel] Notes of the Kestrel WG call, 4 March 2025") -> str:
    """A Pipermail archive page: header markup, navigation, the message in <pre>, the list footer."""
    return (
        f"<html><head><title> {subject}\n</title></head><body>\n<h1>{subject}</h1>\n"
        "<b>Ana Lima</b>\n<a href=\"mailto:wg-kestrel%40lists.example.org?Subject=Re\">ana.lima at kestrel.example.org\n</a><br>\n"
        "<i>Wed Mar  5 10:12:44 UTC 2025</i>\n<p><ul>\n"
        "<li>Previous message: <a href=\"000011.html\">[Wg-kestrel] Reminder: call, 4 March 2025</a></li>\n"
        "<li>Next message: <a href=\"000013.html\">[Wg-kestrel] Re: Notes</a></li>\n"
        "<li><b>Messages sorted by:</b> <a href=\"date.html#12\">[ date ]</a> <a href=\"thread.html#12\">[ thread ]</a></li>\n"
        "</ul><hr>\n<!--beginarticle-->\n"
        f"<pre>{body}</pre>\n<!--endarticle-->\n<hr><p><ul>\n"
        "<li>Previous message: <a href=\"000011.html\">[Wg-kestrel] Reminder: call, 4 March 2025</a></li>\n"
        "</ul><hr>\n<a href=\"https://lists.example.org/mailman/listinfo/wg-kestrel\">More information about the Wg-kestrel\nmailing list</a><br>\n"
        "</body></html>"
    )


_ARCHIVED = (
    "Dear all,\n\nThanks to everyone who joined yesterday's call of the Kestrel Working Group\n"
    "(Tuesday 4 March, 14:00-15:00 UTC).\n\n"
    "Participants: Ana Lima (co-facilitator, Kestrel Labs), Bo Chen (Tern Trust), Cleo\n"
    "Marsh (Heron Institute), Dev Patel (Osprey Network)\n\n"
    "1. Budget\n- I presented the draft budget for the second half of the year.\n"
    "- Bo noted that the travel line is too small for the regional workshops.\n\n"
    "Best regards,\nAna\n"
)


def test_ingest_mail_archive_page_is_the_message_with_its_headers() -> None:
    doc = source_from_text(_archive_page(_ARCHIVED), file_name="msg.html")
    lines = doc.text.splitlines()
    assert lines[:3] == [
        "From: Ana Lima <ana.lima at kestrel.example.org>",
        "Date: Wed Mar 5 10:12:44 UTC 2025",
        "Subject: [Wg-kestrel] Notes of the Kestrel WG call, 4 March 2025",
    ]
    for furniture in ("Previous message", "Messages sorted by", "More information about", "[ date ]"):
        assert furniture not in doc.text


def test_parse_mail_archive_page_meeting_is_the_call_not_the_posting() -> None:
    report = parse_report(source_from_text(_archive_page(_ARCHIVED), file_name="msg.html"))
    assert report.layout == "mail"
    assert report.mail is not None and report.mail.author == "Ana Lima"
    assert (report.meeting.date, report.meeting.start_time) == ("2025-03-04", "14:00")


def test_parse_mail_participant_list_wrapped_inside_a_name_is_read_whole() -> None:
    report = parse_report(source_from_text(_archive_page(_ARCHIVED), file_name="msg.html"))
    assert [(p.name, p.organisations) for p in report.participants] == [
        ("Ana Lima", ("Kestrel Labs",)),
        ("Bo Chen", ("Tern Trust",)),
        ("Cleo Marsh", ("Heron Institute",)),
        ("Dev Patel", ("Osprey Network",)),
    ]


def test_nlp_first_person_of_a_mailed_summary_is_its_author() -> None:
    from kg.nlp import annotate

    ann = annotate(parse_report(source_from_text(_archive_page(_ARCHIVED), file_name="msg.html")))
    speakers = [(i.speaker.text, i.speaker.antecedent if i.speaker.kind == "pronoun" else i.speaker.name) for i in ann.interventions]
    assert ("I", "Ana Lima") in speakers


def test_ingest_html_without_archive_markers_keeps_its_navigation_lists() -> None:
    page = "<html><body><h1>Notes</h1><ul><li>Previous message: see the list</li></ul><p>Text.</p></body></html>"
    assert "Previous message" in source_from_text(page, file_name="p.html").text


# --------------------------------------------------------------------------- a mail signed by its chair

SIGNED_MAIL = (
    "From: Nadia Haddad <nadia.haddad@example.org>\n"
    "Date: Mon, 7 Jul 2025 08:30:00 +0000\n"
    "To: bpf-data@lists.example.org\n"
    "Subject: Summary of BPF Data call 3 (4 July 2025)\n"
    "\n"
    "Dear all,\n"
    "\n"
    "On the call: Nadia Haddad, Pedro Alves and Yuna Park.\n"
    "\n"
    "The co-chair presented the outline. Pedro Alves suggested a chapter on data flows.\n"
    "\n"
)


@pytest.mark.parametrize(
    ("signature", "chair"),
    [
        ("Best regards,\nNadia Haddad\nCo-chair, BPF on Data Governance\n", "Nadia Haddad"),
        ("Best,\nNadia\nFacilitator, BPF on Data Governance\n", "Nadia"),
        ("--\nNadia Haddad | Co-Chair, BPF on Data Governance\n", "Nadia Haddad"),
        ("Best regards,\nNadia Haddad\nKestrel Labs\n", None),  # no role: no chair
        ("Best regards,\nNadia Haddad\nRapporteur\n", None),
    ],
)
def test_parse_mail_signed_by_a_chair_gives_the_meetings_chair(signature: str, chair: str | None) -> None:
    text = SIGNED_MAIL + signature
    r = parse_report(source_from_text(text))
    assert r.layout == "mail"
    assert r.meeting.chair == chair
    if chair:
        span = r.meeting.span_of("chair")
        assert span is not None and text[span.start : span.end] == chair


# --------------------------------------------------------------------------- an organisation acting through named people

GROUP_OWNERS = [
    ("- IGF Secretariat (Tomasz) to publish the newsletter by 20 July.", "Tomasz"),
    ("- Secretariat (Tomasz / Mia) to send the survey to all NRIs.", "Tomasz and Mia"),
    ("- The Secretariat (Mia, Tomasz) will circulate the draft.", "Mia and Tomasz"),
    ("- ISOC (Ana Lima) to share the report.", "Ana Lima"),
    ("- Tomasz Nowak (IGF Secretariat) to publish the newsletter.", "Tomasz Nowak"),  # a person with their organisation
    ("- Secretariat (UNDESA) to publish the newsletter.", "Secretariat"),  # an organisation, not a person, in brackets
]


@pytest.mark.parametrize(("item", "owner"), GROUP_OWNERS, ids=[g[0][2:30] for g in GROUP_OWNERS])
def test_parse_action_owner_group_with_people_in_brackets_is_the_people(item: str, owner: str) -> None:
    r = _parse("Working Group on Outreach\nCall 15, 14 July 2025\n\nAction items:\n" + item + "\n")
    assert [a.owner for a in r.actions] == [owner]
