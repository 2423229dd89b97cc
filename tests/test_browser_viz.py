"""The viz pages in headless Chromium: offline, no errors, counts, evidence, filters, XSS.

Every request that is not the page's own file:// (or 127.0.0.1) is aborted and fails
the test, as does any dialog (the XSS canary) and any console error.  Screenshots go
to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fixtures_graph import ID, XSS_NAME, write_store

from kg.viz import render_views
from kg.viz.network import focus_subgraph
from kg.viz.project import NODE_TYPES, open_view_store, project

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = write_store(tmp_path_factory.mktemp("viz-browser"))
    render_views(out)
    return out


@pytest.fixture(scope="module")
def store(out):
    return open_view_store(out)




@dataclass
class Tab:
    page: object
    problems: list[str] = field(default_factory=list)

    def open(self, path: Path, *, network: bool = True) -> None:
        self.page.goto(path.as_uri())
        if network:
            self.page.wait_for_selector("html[data-ready='1']", state="attached", timeout=30_000)

    def drawn(self) -> dict:
        return self.page.evaluate("window.kgView.drawn()")

    def node_id(self, label: str) -> int:
        return self.page.evaluate(
            "label => window.kgView.nodes.get({filter: n => n.label.split('\\n')[0] === label})[0].id", label)

    def node_point(self, label: str) -> tuple[float, float]:
        point = self.page.evaluate("""id => {
            const v = window.kgView, p = v.network.canvasToDOM(v.network.getPosition(id));
            const r = document.getElementById('network').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""", self.node_id(label))
        return point["x"], point["y"]

    def click_node(self, label: str) -> None:
        self.page.mouse.click(*self.node_point(label))

    def settle(self) -> None:
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "file" or parts.hostname in ("127.0.0.1", "localhost")


@pytest.fixture
def tab(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    t = Tab(page)

    def route(r):
        if _allowed(r.request.url):
            r.continue_()
        else:
            t.problems.append(f"request left the machine: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: t.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: t.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (t.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield t
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def shown(graph, hidden=("co-speaker",)):
    edges = sum(1 for *_, k in graph.edges(keys=True) if k not in hidden)
    return {"nodes": graph.number_of_nodes(), "edges": edges}


@pytest.mark.parametrize("relative, network", [
    ("viz/corpus.html", True),
    ("viz/person/alice-moreau.html", True),
    ("viz/person/xss.html", True),
    ("viz/person/unresolved--r2--sam.html", True),
    ("viz/meeting/plenary--2024-01-18.html", True),
    ("viz/topic-network/gdc.html", True),
    ("topics/gdc.html", True),
    ("topics/wsis-20.html", True),
    ("index.html", False),
], ids=lambda v: str(v).replace("/", "-").removesuffix(".html") if isinstance(v, str) else None)
def test_browser_page_loads_cleanly(out, tab, relative, network):
    tab.open(out / relative, network=network)
    tab.settle()
    assert tab.page.title().endswith("· kg")
    assert not tab.problems, tab.problems


@pytest.mark.parametrize("relative, focus", [
    ("viz/corpus.html", None),
    ("viz/person/alice-moreau.html", f"{ID}person/alice-moreau"),
    ("viz/meeting/plenary--2024-01-18.html", f"{ID}meeting/plenary/2024-01-18"),
    ("viz/topic-network/gdc.html", f"{ID}topic/gdc"),
], ids=["corpus", "person", "meeting", "topic"])
def test_browser_drawn_counts_match_the_graph(out, store, tab, relative, focus):
    graph = project(store)
    expected = shown(graph) if focus is None else shown(focus_subgraph(graph, focus), hidden=())
    tab.open(out / relative)
    assert tab.drawn() == expected
    assert tab.page.evaluate("window.kgView.nodes.length") == (
        graph if focus is None else focus_subgraph(graph, focus)).number_of_nodes()
    assert not tab.problems, tab.problems


def test_browser_click_on_node_shows_its_evidence(out, tab):
    tab.open(out / "viz" / "corpus.html")
    tab.click_node("Alice Moreau")
    panel = tab.page.locator("#panel-body")
    panel.locator("h2").wait_for()
    assert panel.locator("h2").inner_text() == "Alice Moreau"
    quotes = panel.locator("blockquote").all_inner_texts()
    assert "Alice opened the call by asking how the compact consultation would reach small islands." in quotes
    meta = " ".join(panel.locator(".ev-meta").all_inner_texts())
    assert "r1.txt" in meta and "2023-03-02" in meta and "Ms. Moreau" in meta
    assert not tab.problems, tab.problems


def test_browser_click_on_link_shows_its_sentences(out, tab):
    tab.open(out / "viz" / "person" / "alice-moreau.html")
    edge = tab.page.evaluate(
        "() => window.kgView.edges.get({filter: e => e.label === 'spoke on'})"
        ".find(e => window.kgView.nodes.get(e.to).label === 'Global Digital Compact').id")
    tab.page.evaluate("id => { window.kgView.network.selectEdges([id]); window.kgView.select({edge: id}); }", edge)
    assert tab.page.locator("#panel-body blockquote").count() == 3
    assert not tab.problems, tab.problems


def _year(page):
    page.select_option("#f-year", "2024")


def _from(page):
    page.fill("#f-from", "2023-09-01")
    page.dispatch_event("#f-from", "change")


def _series(page):
    page.click("#f-series-summary")
    page.get_by_label("Lantern Council Plenary").uncheck()


def _types(page):
    page.locator("#f-types").get_by_label("Topics").uncheck()


def _min(page):
    page.fill("#f-min", "2")


@pytest.mark.parametrize("act, filters", [
    (_year, {"since": "2024", "until": "2024"}),
    (_from, {"since": "2023-09-01"}),
    (_series, {"series": "wg-outreach"}),
    (_types, {"node_types": [t for t in NODE_TYPES if t != "topic"]}),
    (_min, {"min_activity": 2}),
], ids=["year", "from-date", "series", "node-type", "min-activity"])
def test_browser_filters_draw_what_the_cli_filters_project(out, store, tab, act, filters):
    tab.open(out / "viz" / "corpus.html")
    before = tab.drawn()
    act(tab.page)
    tab.settle()
    after = tab.drawn()
    assert after != before
    assert after == shown(project(store, **filters))
    assert not tab.problems, tab.problems


def test_browser_relation_toggle_draws_co_speakers(out, store, tab):
    tab.open(out / "viz" / "corpus.html")
    before = tab.drawn()["edges"]
    tab.page.locator("#f-rels").get_by_label("co-speaker").check()
    tab.settle()
    co = Counter(k for *_, k in project(store).edges(keys=True))["co-speaker"]
    assert tab.drawn()["edges"] == before + co
    tab.page.click("#f-reset")
    tab.settle()
    assert tab.drawn()["edges"] == before
    assert not tab.problems, tab.problems


def test_browser_find_selects_a_node(out, tab):
    tab.open(out / "viz" / "corpus.html")
    tab.page.fill("#f-find", "dána")
    tab.page.press("#f-find", "Enter")
    assert tab.page.locator("#panel-body h2").inner_text() == "Dána Eiríksdóttir"
    assert not tab.problems, tab.problems


def test_browser_topic_timeline_renders_with_tooltips(out, tab):
    tab.open(out / "topics" / "gdc.html")
    bars = tab.page.locator("#chart-timeline rect.bar")
    assert bars.count() == 4
    bars.first.hover()
    tip = tab.page.locator("#tip")
    assert tip.is_visible()
    assert "Outreach WG call 1" in tip.inner_text() and "2 interventions" in tip.inner_text()
    assert tab.page.locator("#chart-people rect.cell").count() == 6 * 4
    tab.page.locator("#chart-co rect.cell").first.hover()
    assert tip.is_visible()
    assert not tab.problems, tab.problems


def test_browser_xss_payload_shows_as_text(out, tab):
    tab.open(out / "viz" / "corpus.html")
    tab.click_node(XSS_NAME)
    panel = tab.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == XSS_NAME
    assert "<script>alert(2)</script>" in " ".join(panel.locator("blockquote").all_inner_texts())
    x, y = tab.node_point(XSS_NAME)
    tab.page.mouse.move(x + 1, y + 1)
    tooltip = tab.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert XSS_NAME in tooltip.inner_text()
    assert tab.page.locator("img").count() == 0
    for relative in ("viz/person/xss.html", "topics/gdc.html", "topics/trust.html", "index.html"):
        tab.open(out / relative, network=relative.startswith("viz"))
        tab.settle()
        assert tab.page.locator("img").count() == 0, relative
        assert XSS_NAME in tab.page.locator("body").inner_text(), relative
    assert not tab.problems, tab.problems
