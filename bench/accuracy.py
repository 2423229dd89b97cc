"""Extraction accuracy on synthetic ground truth as the corpus grows, with and without the model.

For each size and model: the synthetic corpus of that size (``kg synth N DIR --seed S``,
gold under ``DIR/gold``), ``kg build DIR --out OUT --model M`` (a build left by
``bench/build_throughput.py`` in the same work folder is reused: ``kg build`` finds it
unchanged), then ``kg evaluate --gold DIR/gold --out OUT --format json``.  The micro
precision, recall and F1 of each category are compared with the smallest size of the
same model, measured in the same run: the target is no drop as the corpus grows.

Writes ``bench/results/accuracy.json`` and ``bench/results/accuracy.md``.

    .venv/bin/python bench/accuracy.py                  # 10, 100 and 1,000 reports, --model none and auto
    .venv/bin/python bench/accuracy.py --sizes 10 100   # or --quick
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DEFAULT_WORK,
    PYTHON,
    RESULTS,
    command_line,
    corpus,
    kg_build,
    loadavg,
    machine,
    md_table,
    run_measured,
    save_json,
)

CATEGORIES = ("participants", "speakers", "topics", "speaker_topics")


def evaluate(n: int, model: str, work: Path, seed: int, workers: int) -> dict:
    """Build (or reuse) the ``n``-report graph with ``model`` and score it against the gold."""
    corp = corpus(n, work, seed)
    out = work / f"out-{n}-{model}-w{workers}"
    built = kg_build(corp.path, out, model, workers, fresh=False)
    if built.returncode != 0:
        raise SystemExit(f"build failed: {built.command}\n{built.stderr[-2000:]}")
    scored = run_measured([PYTHON, "-m", "kg", "evaluate", "--gold", str(corp.gold), "--out", str(out), "--format", "json"])
    if scored.returncode != 0:
        raise SystemExit(f"evaluate failed: {scored.command}\n{scored.stderr[-2000:]}")
    report = json.loads(scored.stdout)
    return {"reports": n, "model": model, "out": str(out), "reused_build": "unchanged" in built.stdout,
            "build_wall_s": built.wall_s, "evaluate_wall_s": scored.wall_s, "load": scored.load_before,
            "micro": report["micro"], "found": sum(1 for r in report["reports"] if r.get("found")),
            "gold_reports": len(report["reports"])}


def markdown(data: dict) -> str:
    """The accuracy section of BENCHMARKS.md."""
    rows = data["rows"]
    base = {}
    for r in rows:
        base.setdefault(r["model"], r)  # rows are in increasing size: the first of a model is its baseline
    table = []
    for r in rows:
        b = base[r["model"]]
        gold = " / ".join(f"{r['micro'][c]['tp'] + r['micro'][c]['fn']:,}" for c in CATEGORIES)
        cells = [f"{r['reports']:,}", r["model"], f"{r['found']}/{r['gold_reports']}", gold]
        for cat in CATEGORIES:
            s = r["micro"][cat]
            delta = s["f1"] - b["micro"][cat]["f1"]
            mark = "" if r is b else f" ({delta:+.3f})"
            cells.append(f"{s['precision']:.3f} / {s['recall']:.3f} / **{s['f1']:.3f}**{mark}")
        cells.append(r["load"])
        table.append(cells)
    drops = []
    for r in rows:
        b = base[r["model"]]
        if r is b:
            continue
        for cat in CATEGORIES:
            delta = r["micro"][cat]["f1"] - b["micro"][cat]["f1"]
            if delta < -0.005:
                drops.append(f"{cat} with `--model {r['model']}` at {r['reports']:,} ({delta:+.3f})")
    verdict = ("No F1 drops by more than 0.005 as the corpus grows." if not drops
               else "F1 drops by more than 0.005: " + "; ".join(drops) + ".")
    return "\n".join([
        f"Command: `{data['command']}` ({data['date']}).",
        "",
        f"Synthetic corpora (`kg synth N DIR --seed {data['seed']}`), built with `kg build DIR --out OUT --model M`, "
        "scored with `kg evaluate --gold DIR/gold --out OUT --format json`. Cells are micro precision / recall / "
        "**F1** over all reports; in brackets the F1 change against the smallest corpus with the same model "
        "(the baseline, same run). *found* is the number of gold reports the graph holds; *gold items* how many "
        "gold entries each score is over (a small corpus gives a noisy baseline).",
        "",
        md_table(["reports", "model", "found", "gold items (" + " / ".join(CATEGORIES) + ")",
                  *[f"{c} P / R / F1" for c in CATEGORIES], "load"], table,
                 align="rlrr" + "l" * (len(CATEGORIES) + 1)),
        "",
        verdict,
    ])


def main(argv: list[str] | None = None) -> dict:
    """Run the accuracy benchmark and write its results; return them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (default 10 100 1000; --quick: 10 100)")
    parser.add_argument("--models", nargs="+", default=["none", "auto"])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="build processes (a build with the same "
                        "corpus, model and workers left in --work is reused)")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes or ([10, 100] if args.quick else [10, 100, 1000]))
    args.work.mkdir(parents=True, exist_ok=True)
    data = {"command": command_line(), "date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(),
            "seed": args.seed, "load": loadavg(), "rows": []}
    for model in args.models:
        for n in sizes:
            row = evaluate(n, model, args.work, args.seed, args.workers)
            data["rows"].append(row)
            print(f"{n:>6} {model:<4}: " + ", ".join(f"{c} F1 {row['micro'][c]['f1']:.3f}" for c in CATEGORIES), flush=True)
    save_json("accuracy", data)
    (RESULTS / "accuracy.md").write_text(markdown(data) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    main()
