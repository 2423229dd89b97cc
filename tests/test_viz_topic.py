"""Topic evolution: lookup, the report's facts, CSV/JSON output, the topic list."""

from __future__ import annotations

import csv
import json

import pytest
from fixtures_graph import ID, XSS_NAME, write_store

from kg.errors import VizError
from kg.viz import list_topics, render_topic
from kg.viz.project import open_view_store
from kg.viz.topic import _cell, find_topic, topic_report


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("viz-topic"))


@pytest.fixture(scope="module")
def store(out):
    return open_view_store(out)


@pytest.fixture(scope="module")
def gdc(store):
    iri, info = find_topic(store, "GDC")
    return topic_report(store, iri, info)


@pytest.mark.parametrize("name, key", [
    ("GDC", "gdc"),
    ("gdc", "gdc"),
    ("Global Digital Compact", "gdc"),
    ("global digital compact", "gdc"),
    ("WSIS +20", "wsis-20"),
    ("wsis-20", "wsis-20"),
    ("WSIS20", "wsis-20"),
    ("youth track", "youth"),
    (f"{ID}topic/ai-governance", "ai-governance"),
])
def test_viz_topic_found_by_key_label_or_alias(store, name, key):
    iri, _ = find_topic(store, name)
    assert iri == f"{ID}topic/{key}"


@pytest.mark.parametrize("name, suggestion", [
    ("Global Digital Compcat", "Global Digital Compact (gdc)"),
    ("WSIS 2O", "WSIS+20 (wsis-20)"),
    ("AI govenance", "AI governance (ai-governance)"),
])
def test_viz_unknown_topic_lists_close_matches(store, name, suggestion):
    with pytest.raises(VizError, match="unknown topic") as err:
        find_topic(store, name)
    assert suggestion in str(err.value)


def test_viz_topic_report_timeline(gdc):
    assert [(m["date"], m["interventions"], m["speakers"]) for m in gdc["timeline"]] == [
        ("2023-03-02", 2, 2), ("2023-09-14", 2, 2), ("2024-01-18", 3, 3), ("2024-06-05", 1, 1)]
    s = gdc["summary"]
    assert (s["first"]["date"], s["latest"]["date"]) == ("2023-03-02", "2024-06-05")
    assert s["raised_by"]["name"] == "Alice Moreau"
    # Six speakers: five people and an organisation speaking as such.
    assert (s["meetings"], s["interventions"], s["speakers"]) == (4, 8, 6)


def test_viz_topic_report_people_organisations_and_co_topics(gdc):
    assert [(p["name"], p["interventions"], p["meetings"]) for p in gdc["people"][:1]] == [
        ("Alice Moreau", 3, 3)]
    assert XSS_NAME in [p["name"] for p in gdc["people"]]
    orgs = {o["name"]: (o["people"], o["interventions"]) for o in gdc["organisations"]}
    assert orgs["Open Cable Society"] == (["Alice Moreau", "Emil Varga"], 4)
    co = {c["label"]: c for c in gdc["cooccurrence"]}
    assert set(co) == {"WSIS+20", "AI governance", "Youth engagement", "Safety & <Trust>"}
    # WSIS+20 was on the agenda of the last call with no intervention: counted, with 0.
    assert co["WSIS+20"]["per_meeting"]["3"] == 0
    assert co["WSIS+20"]["meetings"] == 3


def test_viz_topic_agenda_only_meeting_is_on_the_timeline(store):
    iri, info = find_topic(store, "WSIS+20")
    report = topic_report(store, iri, info)
    assert [(m["date"], m["interventions"]) for m in report["timeline"]][-1] == ("2024-06-05", 0)


def test_viz_render_topic_writes_html_csv_json(out):
    page = render_topic(out, "GDC")
    assert page == out / "topics" / "gdc.html"
    rows = list(csv.DictReader((out / "topics" / "gdc.csv").open(encoding="utf-8")))
    assert [r["interventions"] for r in rows] == ["2", "2", "3", "1"]
    assert rows[2]["speaker_names"].endswith(XSS_NAME)
    data = json.loads((out / "topics" / "gdc.json").read_text(encoding="utf-8"))
    assert data["topic"]["label"] == "Global Digital Compact"
    assert len(data["sentences"]) == 8
    html = page.read_text(encoding="utf-8")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("@x", "'@x"),
    ("Alice Moreau", "Alice Moreau"),
    (None, ""),
    (3, "3"),
])
def test_viz_csv_cells_never_start_a_formula(value, cell):
    assert _cell(value) == cell


def test_viz_list_topics(out):
    topics = list_topics(out)
    assert [(t.key, t.meetings, t.interventions) for t in topics] == [
        ("gdc", 4, 8), ("youth", 4, 4), ("ai-governance", 3, 3), ("wsis-20", 3, 3), ("trust", 1, 1)]
    gdc = topics[0]
    assert (gdc.label, gdc.first, gdc.last) == ("Global Digital Compact", "2023-03-02", "2024-06-05")
