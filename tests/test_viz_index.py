"""The index page: links to every view and topic page, and the query kit's descriptions."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_graph import write_store
from markupsafe import escape

from kg.query import list_queries
from kg.viz import render_views


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = write_store(tmp_path_factory.mktemp("viz-index"))
    render_views(out)
    return out


def links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def test_viz_index_links_every_view_and_topic_page(out):
    hrefs = set(links(out / "index.html"))
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"index.html"}
    assert pages <= hrefs
    for href in hrefs:
        assert (out / href).is_file(), href


@pytest.mark.parametrize("page", ["viz/corpus.html", "viz/person/alice-moreau.html", "topics/gdc.html"])
def test_viz_links_between_pages_resolve(out, page):
    for href in links(out / page):
        target = (out / page).parent / href.split("#")[0]
        assert target.is_file(), (page, href)


def test_viz_index_lists_the_query_kit(out):
    html = (out / "index.html").read_text(encoding="utf-8")
    kit = list_queries()
    assert kit and 'id="query-kit"' in html
    for query in kit:
        assert f"<code>{escape(query.name)}</code>" in html
        assert escape(query.description) in html


def test_viz_index_counts_unresolved_names_apart_from_people(out):
    html = (out / "index.html").read_text(encoding="utf-8")
    header = html[html.index("<header"):html.index("</header>")]
    people = sum(1 for p in (out / "viz" / "person").glob("*.html"))
    # "Sam" (r2) is a name no one person was found for: not counted among the people
    assert "1 unresolved name ·" in header
    assert f"{people - 1} people" in header
