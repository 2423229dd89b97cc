"""Time-to-interactive of the corpus network page at 200, 2,000 and 10,000 nodes.

For each size: write a synthetic store (tests/fixtures_graph.py), project it,
lay it out and render ``viz/corpus.html`` (uncapped, and for the largest also
with the default cap), then open it in headless Debian Chromium and measure:

- ``drawn``: ms from navigation start to vis-network's first ``afterDrawing``
  (the page's own ``performance.now()``), i.e. the network is on screen;
- ``wall``: s from ``goto`` to that moment, seen from Python;
- ``click``: ms from a mouse click on a node to the evidence panel showing it;
- ``filter``: ms to apply a year filter and redraw.

Usage: ``python bench/viz_tti.py [--sizes 200 2000 10000] [--out DIR] [--shots DIR] [--json FILE]``.
Nothing leaves the machine: every request other than file:// is aborted and reported.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright

from kg.viz.network import MAX_NODES, render_corpus, write_assets
from kg.viz.project import build_projection, load_facts, make_filters, open_view_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _fixtures():
    spec = importlib.util.spec_from_file_location("fixtures_graph", ROOT / "tests" / "fixtures_graph.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fixtures_graph"] = module
    spec.loader.exec_module(module)
    return module


def build(out: Path, nodes: int, cap: int | None) -> dict:
    """Write the store and the page; return the Python-side timings."""
    fixtures = _fixtures()
    t0 = time.perf_counter()
    if not (out / "store").is_dir():
        fixtures.write_store(out, fixtures.synthetic_spec(nodes))
    t1 = time.perf_counter()
    store = open_view_store(out)
    facts = load_facts(store)
    graph = build_projection(facts, make_filters(facts))
    del store
    t2 = time.perf_counter()
    write_assets(out)
    page = render_corpus(out, graph, max_nodes=cap)
    t3 = time.perf_counter()
    final = page.with_name(f"corpus-{cap or 'all'}.html")
    page.replace(final)
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "cap": cap,
            "store_s": round(t1 - t0, 2), "project_s": round(t2 - t1, 2),
            "layout_render_s": round(t3 - t2, 2), "page_mb": round(final.stat().st_size / 1e6, 2),
            "page": final}


def measure(browser, page_path: Path, shot: Path | None) -> dict:
    """Open the page and time drawing, a click on a node and a filter change."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (errors.append(f"blocked {r.request.url}"), r.abort()))
    start = time.perf_counter()
    page.goto(page_path.as_uri())
    page.wait_for_selector("html[data-ready='1']", state="attached", timeout=300_000)
    wall = time.perf_counter() - start
    drawn = page.evaluate("window.kgReady.drawnAt")
    counts = page.evaluate("window.kgView.drawn()")
    # Click the most connected node where it is drawn on screen.
    target = page.evaluate("""() => {
        const v = window.kgView, ids = v.nodesView.getIds();
        let best = ids[0], deg = -1;
        for (const id of ids) { const d = v.network.getConnectedEdges(id).length; if (d > deg) { deg = d; best = id; } }
        v.network.focus(best, {scale: 1.0, animation: false});
        const p = v.network.canvasToDOM(v.network.getPosition(best));
        const r = document.getElementById('network').getBoundingClientRect();
        return {id: best, x: r.left + p.x, y: r.top + p.y};
    }""")
    page.wait_for_timeout(200)
    t = time.perf_counter()
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector("#panel-body:not([hidden]) h2", timeout=60_000)
    click_ms = (time.perf_counter() - t) * 1000
    year = page.evaluate("document.querySelector('#f-year option:nth-child(2)').value")
    t = time.perf_counter()
    page.select_option("#f-year", year)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    filter_ms = (time.perf_counter() - t) * 1000
    after = page.evaluate("window.kgView.drawn()")
    if shot:
        page.select_option("#f-year", "")
        page.evaluate("window.kgView.network.fit({animation: false})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(shot))
    context.close()
    return {"drawn_ms": round(drawn), "wall_s": round(wall, 2), "click_ms": round(click_ms),
            "filter_ms": round(filter_ms), "drawn_nodes": counts["nodes"], "drawn_edges": counts["edges"],
            "after_filter_nodes": after["nodes"], "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--out", type=Path, help="keep stores and pages here (default: a temp dir)")
    parser.add_argument("--shots", type=Path, help="save a screenshot of each page here")
    parser.add_argument("--json", type=Path, help="write the results as JSON")
    args = parser.parse_args(argv)
    base = args.out or Path(tempfile.mkdtemp(prefix="kg-viz-tti-"))
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in args.sizes:
        caps = [None] + ([MAX_NODES] if n > MAX_NODES else [])
        for cap in caps:
            runs.append((n, cap, build(base / f"n{n}", n, cap)))
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n, cap, info in runs:
            shot = args.shots / f"tti-{n}-{cap or 'all'}.png" if args.shots else None
            row = {"size": n, **{k: v for k, v in info.items() if k != "page"},
                   **measure(browser, info["page"], shot)}
            results.append(row)
            print(f"{n:>6} nodes (cap {cap or 'none':>5}): drawn {row['drawn_nodes']:>6} nodes "
                  f"{row['drawn_edges']:>6} links | python: project {row['project_s']}s, "
                  f"layout+render {row['layout_render_s']}s, page {row['page_mb']} MB | "
                  f"browser: drawn at {row['drawn_ms']} ms (wall {row['wall_s']} s), "
                  f"click->panel {row['click_ms']} ms, year filter {row['filter_ms']} ms"
                  + (f" | ERRORS {row['errors']}" if row["errors"] else ""), flush=True)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if not args.out:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
