"""Run every benchmark and rewrite the generated tables of BENCHMARKS.md.

Each benchmark runs as its own process and writes ``bench/results/<name>.md``
(and ``.json``); this script then replaces, in BENCHMARKS.md, the text between
``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` with the latest results of each
benchmark, plus the machine and the summary against the targets.  Prose outside the markers (the
findings) is kept.  ``--quick`` runs a short version of each (small corpora, few
repetitions, a short load test): good for checking that everything runs, not for
numbers to quote.

    .venv/bin/python bench/run_all.py                 # everything, about 40 minutes on 2 cores
    .venv/bin/python bench/run_all.py --quick         # a few minutes
    .venv/bin/python bench/run_all.py --only query accuracy
    .venv/bin/python bench/run_all.py --collect       # after running bench/<script>.py by hand
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DEFAULT_WORK,
    PYTHON,
    ROOT,
    command_line,
    loadavg,
    machine,
    machine_markdown,
    md_table,
)

BENCH = ROOT / "bench"
DOC = ROOT / "BENCHMARKS.md"
RESULTS = ROOT / "bench" / "results"
STEPS = ("build", "query", "accuracy", "layouts", "viz", "serve", "serve-build", "serve-kit")


def _commands(quick: bool, work: Path, results: Path) -> dict[str, list[str]]:
    w = ["--work", str(work)]
    viz = [PYTHON, str(BENCH / "viz_tti.py"), "--json", str(results / "viz.json")]
    serve = [PYTHON, str(BENCH / "load_serve.py")] + ([] if results == RESULTS else ["--results", str(results / "serve.md")])
    # The same load on a real build (1,000 synthetic reports built with the model, or 100 with --quick).
    serve_build = [PYTHON, str(BENCH / "load_serve.py"), "--out", str(work / f"out-{100 if quick else 1000}-auto-w1"),
                   "--results", str(results / "serve-build.md")]
    # The same build and load through /kit/NAME (parameters bound by substitution, not VALUES).
    serve_kit = [*serve_build[:-1], str(results / "serve-kit.md"), "--route", "kit"]
    if quick:
        return {
            "build": [PYTHON, str(BENCH / "build_throughput.py"), "--quick", *w],
            "query": [PYTHON, str(BENCH / "query_latency.py"), "--quick", *w],
            "accuracy": [PYTHON, str(BENCH / "accuracy.py"), "--quick", *w],
            "layouts": [PYTHON, str(BENCH / "layouts.py"), *w],
            "viz": [*viz, "--sizes", "200", "2000"],
            "serve": [*serve, "--clients", "10", "--duration", "5"],
            "serve-build": [*serve_build, "--clients", "10", "--duration", "5"],
            "serve-kit": [*serve_kit, "--clients", "10", "--duration", "5"],
        }
    return {
        "build": [PYTHON, str(BENCH / "build_throughput.py"), *w],
        "query": [PYTHON, str(BENCH / "query_latency.py"), *w],
        "accuracy": [PYTHON, str(BENCH / "accuracy.py"), *w],
        "layouts": [PYTHON, str(BENCH / "layouts.py"), *w],
        "viz": viz,
        "serve": serve,
        "serve-build": serve_build,
        "serve-kit": serve_kit,
    }


def _shown(args: list[str]) -> str:
    """A command as a reader runs it from the repository root."""
    shown = [".venv/bin/python" if a == PYTHON else a for a in args]
    return " ".join(str(Path(a).relative_to(ROOT)) if a.startswith(str(ROOT)) else a for a in shown)


def viz_markdown(results: Path, command: str, load: str, date: str) -> str:
    """The time-to-interactive section from ``viz.json`` (written by bench/viz_tti.py)."""
    rows = json.loads((results / "viz.json").read_text(encoding="utf-8"))
    table = [[f"{r['size']:,}", f"{r['cap']:,}" if r["cap"] else "none", r["drawn_nodes"], r["drawn_edges"],
              r["project_s"], r["layout_render_s"], r["page_mb"], r["drawn_ms"], r["wall_s"], r["click_ms"],
              r["filter_ms"], len(r["errors"])] for r in rows]
    return "\n".join([
        f"Command: `{command}` ({date}); load average {load} before it.",
        "",
        "A synthetic store of N graph nodes (tests/fixtures_graph.py) is projected, laid out and rendered to "
        "`viz/corpus.html` (uncapped, and for sizes above the page's node cap also capped), then opened in headless "
        "Debian Chromium with every non-file request blocked. *drawn* is ms from navigation start to vis-network's "
        "first drawing (the page's own clock), *wall* the same seen from Python; *click* is a click on the busiest "
        "node until the evidence panel shows it; *filter* a year filter until redrawn.",
        "",
        md_table(["nodes", "cap", "drawn nodes", "drawn links", "project s", "layout+render s", "page MB",
                  "drawn ms", "wall s", "click ms", "filter ms", "errors"], table, align="rlrrrrrrrrrr"),
    ])


def serve_markdown(record: Path, command: str) -> str:
    """A load-test section: the Markdown bench/load_serve.py wrote to ``record``, without its title."""
    text = record.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# ")).strip()
    shown = record.relative_to(ROOT) if record.is_relative_to(ROOT) else record
    return f"Command: `{command}`; the full record is `{shown}`.\n\n{body}"


def targets_markdown(results: Path) -> str:
    """One table of every target against the latest measurement (from ``results/*.json``)."""
    from build_throughput import DEFAULT_MODEL
    from query_latency import ratio

    rows = []

    def load(name: str) -> dict | None:
        path = results / f"{name}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    build = load("build")
    if build:
        for r in build["rows"]:
            if r["reports"] == 1000:
                default = " (the default)" if (r["model"], r["workers"]) == DEFAULT_MODEL else ""
                rows.append([f"build 1,000 reports, `--model {r['model']} --workers {r['workers']}`{default}",
                             "< 60 s", f"{r['wall_s']:.1f} s", "met" if r["wall_s"] < 60 else "missed"])
        for size in sorted({r["reports"] for r in build["rows"] if r["reports"] >= 1000}):
            peak = max((r for r in build["rows"] if r["reports"] == size), key=lambda r: r["tree_pss_mb"])
            rows.append([f"peak build memory, {size:,} reports (largest tree PSS: `--model {peak['model']} "
                         f"--workers {peak['workers']}`)", "< 1.5 GB", f"{peak['tree_pss_mb']:,.0f} MB",
                         "met" if peak["tree_pss_mb"] < 1536 else "missed"])
        if build.get("rebuild"):
            rb = build["rebuild"]
            rows.append([f"unchanged rebuild of {rb['reports']:,} reports (`--model {rb['model']}`)", "< 3 s",
                         f"{rb['wall_s']:.2f} s", "met" if rb["wall_s"] < 3 else "missed"])
    query = load("query")
    if query:
        for key, size in (("oxigraph", query["reports"]), ("oxigraph_same", query["rdflib_reports"])):
            timed = [r for r in query["rows"] if r[key]]
            over = [f"{r['query']} " + (f"{r[key]['p50_ms']:,.0f} ms" if r[key]["p50_ms"] is not None
                                        else f"> {r[key]['timeout_s']:.0f} s")
                    for r in timed if r[key]["p50_ms"] is None or r[key]["p50_ms"] >= 50]
            rows.append([f"kit query p50 on {size:,} reports", "< 50 ms each", "over: " + ", ".join(over) if over else
                         f"max {max(r[key]['p50_ms'] for r in timed):.1f} ms", f"{len(timed) - len(over)} of {len(timed)} met"])
            if size == query["rdflib_reports"]:
                break
        ratios = [(r["query"], found) for r in query["rows"] if (found := ratio(r["rdflib"], r["oxigraph_same"]))]
        slow = [f"{q} {bound}{x:.1f}×" for q, (x, bound) in ratios if x < 20 or bound == "<"]
        rows.append([f"Oxigraph vs rdflib in memory ({query['rdflib_reports']:,} reports), query text to rows",
                     "≥ 20× each",
                     "under 20×: " + ", ".join(slow) if slow else f"min {min(x for _, (x, _b) in ratios):,.0f}×",
                     f"{len(ratios) - len(slow)} of {len(ratios)} met"])
        prepared = [(r["query"], found) for r in query["rows"]
                    if (found := ratio(r.get("rdflib_prepared"), r["oxigraph_same"]))]
        if prepared:
            slow = [f"{q} {bound}{x:.1f}×" for q, (x, bound) in prepared if x < 20 or bound == "<"]
            rows.append(["the same against rdflib's evaluation alone (query parsed once, untimed)", "≥ 20× each",
                         "under 20×: " + ", ".join(slow) if slow else f"min {min(x for _, (x, _b) in prepared):,.0f}×",
                         f"{len(prepared) - len(slow)} of {len(prepared)} met"])
    accuracy = load("accuracy")
    if accuracy:
        sizes = sorted({r["reports"] for r in accuracy["rows"]})
        changes = []
        for model in dict.fromkeys(r["model"] for r in accuracy["rows"]):
            by_size = {r["reports"]: r for r in accuracy["rows"] if r["model"] == model}
            small, large = by_size[sizes[0]], by_size[sizes[-1]]
            for cat in small["micro"]:
                changes.append((large["micro"][cat]["f1"] - small["micro"][cat]["f1"], cat, model))
        worst = min(changes)
        rows.append([f"accuracy at {sizes[-1]:,} vs {sizes[0]:,} reports (micro F1 per category)", "no drop",
                     f"largest drop {worst[0]:+.3f} ({worst[1]}, `--model {worst[2]}`)",
                     "met" if worst[0] >= 0 else "missed"])
    return md_table(["what", "target", "measured", "verdict"], rows, align="llll") if rows else "No results yet."


def _replace(doc: str, name: str, body: str) -> str:
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(doc):
        return pattern.sub(lambda _: block, doc)
    return doc.rstrip() + f"\n\n{block}\n"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks and update BENCHMARKS.md; exit 1 if one failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short version of every benchmark")
    parser.add_argument("--only", nargs="+", choices=STEPS, help="run only these (the others' tables come from "
                        "their latest results)")
    parser.add_argument("--collect", action="store_true", help="run nothing: refill BENCHMARKS.md from the results "
                        "the benchmarks left in --results (each section names the command that produced it)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="corpora and builds (shared by the steps)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the steps write their results "
                        "(default bench/results; another folder for a trial run)")
    parser.add_argument("--doc", type=Path, default=DOC, help="the Markdown file to update (default BENCHMARKS.md)")
    args = parser.parse_args(argv)
    results = args.results.resolve()
    os.environ["KG_BENCH_RESULTS"] = str(results)
    commands = _commands(args.quick, args.work, results)
    results.mkdir(parents=True, exist_ok=True)
    doc = args.doc.read_text(encoding="utf-8") if args.doc.is_file() else "# Benchmarks\n"
    runs_path = results / "runs.json"
    runs = json.loads(runs_path.read_text(encoding="utf-8")) if runs_path.is_file() else {}
    failed = []
    for step in [] if args.collect else args.only or STEPS:
        cmd = commands[step]
        shown = _shown(cmd)
        print(f"== {step}: {shown}", flush=True)
        load, date = loadavg(), time.strftime("%Y-%m-%d %H:%M")
        started = time.time()
        code = subprocess.run(cmd, check=False, cwd=ROOT).returncode
        record = results / f"{step}.md"
        if code == 1 and step.startswith("serve") and record.is_file() and record.stat().st_mtime >= started:
            # load_serve.py exits 1 when requests failed (timed out): that is a result, and its record says so.
            print(f"!! {step}: some requests failed; see {record}", flush=True)
            code = 0
        if code != 0:
            failed.append(step)
            print(f"!! {step} exited with {code}; its table is left as it was", flush=True)
            continue
        runs[step] = {"command": shown, "load": load, "date": date}
        runs_path.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
    # Every block is refilled from the latest successful run of its benchmark.
    kept_aside = sorted(p.stem for p in results.glob("layouts-set*.md"))  # bench/layouts.py --set bench/heldout/setN
    for step in ("build", "profile", "query", "accuracy", "layouts", *kept_aside):
        if (results / f"{step}.md").is_file():
            doc = _replace(doc, step, (results / f"{step}.md").read_text(encoding="utf-8"))
    if "viz" in runs and (results / "viz.json").is_file():
        doc = _replace(doc, "viz", viz_markdown(results, **runs["viz"]))
    for step in ("serve", "serve-build", "serve-kit"):
        if step in runs and (results / f"{step}.md").is_file():
            doc = _replace(doc, step, serve_markdown(results / f"{step}.md", runs[step]["command"]))
    doc = _replace(doc, "machine", machine_markdown(machine()) + f"\n- `bench/run_all.py` run: `{command_line()}`, "
                   f"finished {time.strftime('%Y-%m-%d %H:%M')}, load average {loadavg()}")
    doc = _replace(doc, "targets", targets_markdown(results))
    args.doc.write_text(doc, encoding="utf-8")
    print(f"updated {args.doc}" + (f"; failed: {', '.join(failed)}" if failed else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
