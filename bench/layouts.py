"""Accuracy on layouts beyond the sample: the twelve invented reports of ``tests/layouts/``.

HTML, DOCX and PDF reports, transcripts without ``>>``, mailing-list minutes, UN-style
summaries and rosters in many shapes (``tests/layouts/README.md``), built together with
``python -m kg build tests/layouts/reports --out OUT`` and scored with ``kg evaluate``
against their gold (the shared ``topics.json`` copied beside it).  With ``--compare REV``
the same reports are also built by the code of git revision ``REV`` (a temporary worktree,
its ``kg`` run from there) and both builds are scored by the current evaluator, in the same
run: the baseline the table's changes are against.

Writes ``bench/results/layouts.json`` and ``bench/results/layouts.md``.

    .venv/bin/python bench/layouts.py                      # the current code
    .venv/bin/python bench/layouts.py --compare 2f1b886    # and a baseline revision
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_WORK, PYTHON, RESULTS, ROOT, command_line, loadavg, md_table, run_measured, save_json

LAYOUTS = ROOT / "tests" / "layouts"
TOPICS = ROOT.parent / "shared" / "eval" / "gold" / "topics.json"
CATEGORIES = ("participants", "speakers", "topics", "speaker_topics", "meeting", "agenda", "action_items")


def gold_dir(work: Path, layouts: Path) -> Path:
    """The layouts' gold files with the shared topic inventory beside them."""
    gold = work / "layouts-gold"
    shutil.rmtree(gold, ignore_errors=True)
    shutil.copytree(layouts / "gold", gold, ignore=shutil.ignore_patterns("topics.json"))
    shutil.copy(TOPICS, gold / "topics.json")
    return gold


def build_and_score(code: Path, reports: Path, out: Path, gold: Path) -> dict:
    """Build ``reports`` with the ``kg`` of the tree at ``code``; score with the current evaluator."""
    shutil.rmtree(out, ignore_errors=True)
    built = run_measured([PYTHON, "-m", "kg", "build", str(reports), "--out", str(out)], cwd=code)
    if built.returncode != 0:
        raise SystemExit(f"build failed: {built.command}\n{built.stderr[-2000:]}")
    scored = run_measured([PYTHON, "-m", "kg", "evaluate", "--gold", str(gold), "--out", str(out), "--format", "json"])
    if scored.returncode != 0:
        raise SystemExit(f"evaluate failed: {scored.command}\n{scored.stderr[-2000:]}")
    report = json.loads(scored.stdout)
    return {"micro": report["micro"], "reports": {r["file"]: r["scores"] for r in report["reports"]},
            "build_wall_s": built.wall_s}


def _what(data: dict, count: int) -> str:
    """Which reports were scored: the tests' probe reports, or a set kept aside."""
    folder = Path(data.get("set") or LAYOUTS)
    if folder.resolve() == LAYOUTS.resolve():
        return f"The {count} reports written for the tests in layouts the sample does not have (`tests/layouts/README.md`)"
    return f"The {count} reports of `{folder.name}` (`bench/heldout/README.md`)"


def markdown(data: dict) -> str:
    """The layouts section of BENCHMARKS.md."""
    now, base = data["current"], data.get("baseline")
    rows = []
    for cat in CATEGORIES:
        s = now["micro"][cat]
        gold_items = s["tp"] + s["fn"]
        cells = [cat.replace("_", "-"), f"{gold_items}", f"{s['precision']:.3f} / {s['recall']:.3f} / **{s['f1']:.3f}**"]
        if base:
            b = base["micro"][cat]
            cells += [f"{b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}", f"{s['f1'] - b['f1']:+.3f}"]
        rows.append(cells)
    headers = ["category", "gold items", "P / R / **F1**"]
    if base:
        headers += [f"baseline `{data['compare']}` P / R / F1", "F1 change"]
    per_report = []
    for file in sorted(now["reports"]):
        scores = now["reports"][file]
        per_report.append([f"`{file}`", *(f"{scores[c]['f1']:.2f}" if scores[c]["tp"] + scores[c]["fn"] + scores[c]["fp"]
                                          else "–" for c in CATEGORIES)])
    return "\n".join([
        f"Command: `{data['command']}` ({data['date']}); load average {data['load']} at the start.",
        "",
        f"{_what(data, len(now['reports']))}, "
        "built together and scored with `kg evaluate` (micro-averaged over the reports). "
        + ("The baseline is the same reports built by the code of the named revision, in the same run, scored by "
           "the same evaluator." if base else ""),
        "",
        md_table(headers, rows, align="lr" + "l" * (len(headers) - 2)),
        "",
        "F1 per report (– where gold has nothing of that kind):",
        "",
        md_table(["report", *(c.replace("_", "-") for c in CATEGORIES)], per_report, align="l" + "r" * len(CATEGORIES)),
    ])


def main(argv: list[str] | None = None) -> dict:
    """Run the layouts benchmark and write its results; return them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--compare", metavar="REV", help="also build with the code of this git revision")
    parser.add_argument("--set", type=Path, default=LAYOUTS, help="a folder with reports/ and gold/ "
                        "(default tests/layouts; another set, such as reports kept aside, the same way)")
    args = parser.parse_args(argv)
    if not TOPICS.is_file():
        raise SystemExit(f"the shared topic inventory is missing: {TOPICS}")
    args.work.mkdir(parents=True, exist_ok=True)
    gold = gold_dir(args.work, args.set)
    reports = args.set.resolve() / "reports"
    data = {"command": command_line(), "date": time.strftime("%Y-%m-%d %H:%M"), "load": loadavg(),
            "compare": args.compare, "set": str(args.set),
            "current": build_and_score(ROOT, reports, args.work / "layouts-current", gold)}
    if args.compare:
        tree = Path(tempfile.mkdtemp(prefix="kg-baseline-")) / "main"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.compare], check=True,
                       capture_output=True)
        try:
            (tree.parent / "shared").symlink_to(ROOT.parent / "shared")
            data["baseline"] = build_and_score(tree, reports, args.work / "layouts-baseline", gold)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False,
                           capture_output=True)
            shutil.rmtree(tree.parent, ignore_errors=True)
    for cat in CATEGORIES:
        s = data["current"]["micro"][cat]
        print(f"{cat:<16} F1 {s['f1']:.3f}" + (f"  (baseline {data['baseline']['micro'][cat]['f1']:.3f})"
                                                 if "baseline" in data else ""), flush=True)
    name = "layouts" if args.set.resolve() == LAYOUTS else f"layouts-{args.set.resolve().name}"
    save_json(name, data)
    (RESULTS / f"{name}.md").write_text(markdown(data) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    main()
