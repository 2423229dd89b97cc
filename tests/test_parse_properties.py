"""Parse stage properties: any text parses, and the blocks lose no character of it."""

from __future__ import annotations

from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import source_from_text
from kg.model import BlockKind, Report, SourceDoc
from kg.parse import parse_report

# Fragments of every layout, so that random documents reach the layout-specific readers.
PIECES = [
    "\n",
    "\n\n",
    "\t",
    "From: Nia Bello <nia@example.org>\n",
    "Date: Wed, 5 Mar 2025 18:00:00 -0500\n",
    "Subject: [wg] notes\n",
    "> quoted line\n",
    "On Tue, 4 Mar 2025, Nia wrote:\n",
    "-- \n",
    "____________________\n",
    ">> CHAIR: Welcome.\n",
    ">>NIA BELLO: Thanks.\n",
    "Agenda\n",
    "Annex 1:\n",
    "1. ",
    "2) ",
    "  - a. ",
    "- ",
    "- \u2794 **The Secretariat will send it by 3 May.**\n",
    "Action: Nia to draft by 12 June.\n",
    "Actions\n",
    "List of participants\n",
    "Bello, Nia, MAG Member\n",
    "Bello\tNia\n",
    "MAG Members\t\n",
    "Nia Bello \u2013 Example Org\n",
    "Data Working Group (DWG)\n",
    "3 March 2022 at 1 p.m. UTC\n",
    "The 4th virtual meeting of the Data Working Group (DWG) was held on 3 March at 2 p.m. UTC.\n",
    "The meeting was moderated by Nia Bello (Nini).\n",
    "The next call will be on 18 July at 13:00 UTC.\n",
    "Summary Report\n",
    "Points discussed:\n",
    "## ",
    "**",
    "[link](https://example.org/x)",
    "https://example.org/a.b?c=(d)",
    "Nia noted that the U.S. team agreed, e.g. on 2.5 per cent.",
]

documents = st.one_of(
    st.text(max_size=1500),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=25)), max_size=60).map("".join),
)

KINDS = set(get_args(BlockKind))


def _doc(text: str) -> SourceDoc:
    return SourceDoc(path="generated", file_name="generated.txt", sha256="0" * 64, fmt="txt", text=text, original=text)


def _check(r: Report) -> None:
    text = r.text
    n = len(text)
    pos = 0
    for b in r.blocks:
        assert b.kind in KINDS
        assert b.start == pos and b.end > b.start
        pos = b.end
    assert pos == n
    assert r.layout in {"summary", "actions", "transcript", "mail", "unknown"}
    for s in r.sections:
        assert 0 <= s.start <= s.end <= n
        assert s.agenda_index is None or 0 <= s.agenda_index < len(r.agenda)
        for p in s.paragraphs:
            assert text[p.start : p.end] == p.text
            for x in p.sentences:
                assert text[x.start : x.end] == x.text and p.start <= x.start <= x.end <= p.end
    for item in (*r.agenda, *r.actions, *r.participants, *r.turns, *r.links):
        assert 0 <= item.start <= item.end <= n
    for a in r.actions:
        assert a.section_index is None or 0 <= a.section_index < len(r.sections)
    for span in r.meeting.spans:
        assert 0 <= span.start <= span.end <= n
    for t in r.turns:
        assert text[t.label_start : t.label_end] == t.label


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_parse_never_raises_and_blocks_tile_the_text(text: str) -> None:
    _check(parse_report(_doc(text)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["report.txt", "report.md"]))
def test_parse_reads_anything_ingest_produces(text: str, name: str) -> None:
    try:
        doc = source_from_text(text, file_name=name)
    except IngestError:
        return  # ingest refuses empty or whitespace-only text; nothing reaches the parser
    _check(parse_report(doc))


@settings(max_examples=40, deadline=None)
@given(documents)
def test_parse_is_deterministic(text: str) -> None:
    assert parse_report(_doc(text)) == parse_report(_doc(text))


class _AlwaysMarkup:
    """Stands in for clean()'s plain-text check so that every text takes the general path."""

    def search(self, s: str) -> bool:
        return True


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Zë–.*_#[]()\\\t\n\u200b")), max_size=40), st.integers(0, 50))
def test_parse_clean_plain_text_shortcut_gives_what_the_general_path_gives(raw: str, base: int) -> None:
    from kg.parse import text as text_module

    fast = text_module.clean(raw, base)
    plain_check = text_module._NOT_PLAIN
    text_module._NOT_PLAIN = _AlwaysMarkup()
    try:
        general = text_module.clean(raw, base)
    finally:
        text_module._NOT_PLAIN = plain_check
    assert fast == general
