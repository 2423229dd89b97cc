"""The query page in headless Chromium: offline, no script errors, kit queries run."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from fixtures_graph import write_store

from kg.query import list_queries
from kg.serve import SparqlServer

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = write_store(tmp_path_factory.mktemp("browser") / "out")
    with SparqlServer(out, port=0, workers=1, max_results=3) as srv:
        yield srv




def test_serve_query_page_works_offline_and_runs_kit_queries(server, browser):
    page = browser.new_page()
    foreign, problems = [], []
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

    page.goto(server.url + "query")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator("button.kit-query").count() == len(list_queries())
    # Each example whose parameters name something here links to the same query through /kit.
    assert page.locator("a.kit-link[href='/kit/topics?format=csv']").count() == 1
    page.click("button.kit-query:text-is('topics')")  # five topics in the fixture: over the limit of 3
    page.wait_for_function("() => window.kgYasgui && window.kgYasgui.getTab().getName() === 'topics'")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable tbody tr", timeout=15000)
    rows = page.locator(".tabPanel.active .yasr table.dataTable tbody tr").count()
    assert rows == 3  # the server's limit in this fixture
    assert page.locator("#notice").is_visible()
    assert "truncated" in page.locator("#notice").inner_text()
    assert not foreign, f"requests left the machine: {foreign}"
    assert not problems, problems
    page.close()
