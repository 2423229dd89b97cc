"""Kill ``kg build`` with SIGKILL at several points, rebuild, and check the result equals a clean build.

The long version of the kill test (``tests/test_e2e_corpus.py`` kills once, on the
sample corpus): not run in CI.  On a synthetic corpus of ``--n`` reports it

1. builds once into a clean output folder: the *reference*;
2. for each kill point, in a fresh output folder, starts ``python -m kg build`` as
   a subprocess in its own session, waits for the point (polling the output
   folder), sends SIGKILL to the whole process group, checks that whatever store
   the folder holds still opens, then rebuilds with the same command;
3. compares the sorted N-Quads of ``kg export --format nquads`` of the rebuild
   with the reference's, checks that the rebuild removed the store version the
   killed run abandoned, and that one more build finds nothing to do.

Kill points: during annotation (a share of the per-report cache files written),
during the store write (a new ``OUT/stores/<id>`` has appeared; 0, 0.5, 2, 6 and 10 s
into it: bulk load, statistics, compaction), after the swap
(``OUT/store`` points at the new version, the manifest is not yet saved), twice
in a row, and while adding the last 10 % of the reports to a store holding the
rest.  Prints a table and writes ``bench/results/kill_rebuild.{md,json}``.
Exits 1 when a rebuild differs from the reference (the output folders are then kept
under ``WORK/kill-rebuild`` for inspection; ``--keep`` keeps them in any case).

    .venv/bin/python bench/kill_rebuild.py                       # 1,000 reports, rule-based
    .venv/bin/python bench/kill_rebuild.py --n 200 --model auto --workers 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DEFAULT_WORK,
    PYTHON,
    RESULTS,
    command_line,
    corpus,
    loadavg,
    machine,
    md_table,
    save_json,
)

POLL_S = 0.02
BUILD_TIMEOUT_S = 3600.0


@dataclass
class Point:
    """A moment to kill the build at: ``wait(out)`` is true once it has come."""

    name: str
    description: str
    wait: Callable[[Path], bool]
    after_s: float = 0.0
    """Extra delay once the moment has come (to land inside a long step)."""


@dataclass
class Outcome:
    """What one kill point gave."""

    point: str
    killed_after_s: float | None
    state_at_kill: str
    store_after_kill: str
    rebuild_s: float
    rebuild_exit: int
    quads: int
    equal: bool
    killed_versions_left: int
    then_unchanged: bool
    differences: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- watching the output folder


def _annotated(out: Path) -> int:
    folder = out / "cache" / "annotations"
    return sum(1 for _ in folder.glob("*.pickle")) if folder.is_dir() else 0


def _versions(out: Path) -> list[Path]:
    folder = out / "stores"
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _current(out: Path) -> str | None:
    link = out / "store"
    return os.readlink(link) if link.is_symlink() else None


def annotated_share(n: int, share: float):
    return lambda out: _annotated(out) >= max(1, int(n * share))


def store_version_appeared(before: set[str]):
    return lambda out: any(p.name not in before for p in _versions(out))


def store_swapped(before: str | None):
    return lambda out: _current(out) is not None and _current(out) != before


def _abandoned(out: Path) -> set[str]:
    """Store version directories that the current store does not point at."""
    current = _current(out)
    return {p.name for p in _versions(out) if current is None or p.name != Path(current).name}


def _state(out: Path, n: int) -> str:
    versions = len(_versions(out))
    current = _current(out)
    return f"{_annotated(out)}/{n} annotated, {versions} version dir(s), store {'set' if current else 'absent'}"


# --------------------------------------------------------------------------- running kg


def _build_command(inputs: list[Path], out: Path, model: str, workers: int) -> list[str]:
    return [PYTHON, "-m", "kg", "build", *map(str, inputs), "--out", str(out), "--model", model, "--workers", str(workers)]


def run_build(inputs: list[Path], out: Path, model: str, workers: int) -> tuple[float, int, str]:
    """Run a build to the end: (wall seconds, exit code, stdout)."""
    started = time.perf_counter()
    proc = subprocess.run(
        _build_command(inputs, out, model, workers), capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    return time.perf_counter() - started, proc.returncode, proc.stdout + proc.stderr


def kill_build_at(
    inputs: list[Path], out: Path, model: str, workers: int, point: Point, n: int
) -> tuple[float | None, str, set[str]]:
    """Start a build, SIGKILL its process group at ``point``: (seconds until the kill, state then, versions it abandoned)."""
    kept = _abandoned(out)
    started = time.perf_counter()
    proc = subprocess.Popen(
        _build_command(inputs, out, model, workers), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        while not point.wait(out):
            if proc.poll() is not None:
                return None, f"missed: the build ended (exit {proc.returncode}) before the point", set()
            if time.perf_counter() - started > BUILD_TIMEOUT_S:
                raise TimeoutError(f"{point.name}: the point never came")
            time.sleep(POLL_S)
        if point.after_s:
            time.sleep(point.after_s)
        if proc.poll() is not None:
            return None, f"missed: the build ended (exit {proc.returncode}) during the extra delay", set()
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return time.perf_counter() - started, _state(out, n), _abandoned(out) - kept
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def store_opens(out: Path) -> str:
    """Whether the folder's store, if any, still answers a query (in a fresh process, as a user would)."""
    if _current(out) is None:
        return "no store (none before)"
    proc = subprocess.run(
        [PYTHON, "-m", "kg", "query", "--out", str(out), "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Report }"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        return f"BROKEN: {proc.stderr.strip()[:200]}"
    return f"queryable, {proc.stdout.splitlines()[-1].strip()} reports"


def export_lines(out: Path, dest: Path) -> list[bytes]:
    """The sorted N-Quads lines of ``kg export --format nquads``."""
    subprocess.run(
        [PYTHON, "-m", "kg", "export", "--format", "nquads", "--out", str(out), "-o", str(dest)],
        check=True, capture_output=True, timeout=BUILD_TIMEOUT_S,
    )  # fmt: skip
    lines = sorted(line for line in dest.read_bytes().splitlines() if line.strip())
    dest.unlink()
    return lines


def differences(reference: list[bytes], got: list[bytes], limit: int = 5) -> list[str]:
    ref, new = set(reference), set(got)
    only_ref = sorted(ref - new)[:limit]
    only_new = sorted(new - ref)[:limit]
    return [f"- {q.decode(errors='replace')}" for q in only_ref] + [f"+ {q.decode(errors='replace')}" for q in only_new]


# --------------------------------------------------------------------------- the run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="reports in the synthetic corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default="none", help="spaCy model for every build (none = rule-based)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for the corpus and the outputs")
    parser.add_argument("--keep", action="store_true", help="keep the output folders (about 1.6 GB for 1,000 reports) when all is equal")
    args = parser.parse_args()

    work = args.work / "kill-rebuild"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    info = machine()
    print(f"corpus: {args.n} synthetic reports (seed {args.seed}); model {args.model}; workers {args.workers}; load {loadavg()}")
    data = corpus(args.n, args.work, seed=args.seed)
    inputs = [data.path]
    files = sorted(p for p in data.path.iterdir() if p.is_file() and p.name != "synth.json")

    reference_out = work / "reference"
    ref_s, ref_exit, ref_log = run_build(inputs, reference_out, args.model, args.workers)
    if ref_exit != 0:
        print(ref_log)
        raise SystemExit(f"the reference build failed (exit {ref_exit})")
    reference = export_lines(reference_out, work / "reference.nq")
    print(f"reference build: {ref_s:.1f} s, {len(reference):,} quads")

    n = len(files)
    points = [
        Point("annotate 10%", "10 % of the reports annotated (cache files written)", annotated_share(n, 0.10)),
        Point("annotate 50%", "half of the reports annotated", annotated_share(n, 0.50)),
        Point("annotate 100%", "every report annotated: resolving or building the graph", annotated_share(n, 1.0)),
        Point("store write start", "a new store version directory appeared", store_version_appeared(set())),
        Point("store write +0.5 s", "0.5 s into writing the new store version", store_version_appeared(set()), after_s=0.5),
        Point("store write +2 s", "2 s into writing the new store version", store_version_appeared(set()), after_s=2.0),
        # On 1,000 reports the bulk load takes about 4 s; the statistics (kg/rdf/stats.py) follow.
        Point("store write +6 s", "6 s into writing: computing the statistics", store_version_appeared(set()), after_s=6.0),
        Point("store write +10 s", "10 s into writing: statistics or compaction", store_version_appeared(set()), after_s=10.0),
        Point("after swap", "OUT/store points at the new version; manifest not yet saved", store_swapped(None)),
    ]
    outcomes: list[Outcome] = []

    def finish(point: str, out: Path, killed: float | None, state: str, abandoned: set[str]) -> None:
        after_kill = store_opens(out)
        rebuild_s, rebuild_exit, log = run_build(inputs, out, args.model, args.workers)
        got = export_lines(out, work / "got.nq") if rebuild_exit == 0 else []
        _, again_exit, again_log = run_build(inputs, out, args.model, args.workers)
        outcome = Outcome(
            point=point,
            killed_after_s=killed,
            state_at_kill=state,
            store_after_kill=after_kill,
            rebuild_s=rebuild_s,
            rebuild_exit=rebuild_exit,
            quads=len(got),
            equal=got == reference,
            killed_versions_left=len(abandoned & {p.name for p in _versions(out)}),
            then_unchanged=again_exit == 0 and "unchanged" in again_log,
            differences=[] if got == reference else differences(reference, got) or [log[-500:]],
        )
        outcomes.append(outcome)
        print(f"{point:<28} killed at {killed if killed is None else round(killed, 1)} s ({state}); {after_kill}; "
              f"rebuild {rebuild_s:.1f} s exit {rebuild_exit}; equal: {'yes' if outcome.equal else 'NO'}")  # fmt: skip
        for line in outcome.differences:
            print("    " + line[:300])

    for point in points:
        out = work / point.name.replace(" ", "-").replace("%", "pc").replace("+", "plus")
        killed, state, abandoned = kill_build_at(inputs, out, args.model, args.workers, point, n)
        finish(point.name, out, killed, state, abandoned)

    # Killed twice: half-way through annotation, then again in the store write of the next attempt.
    out = work / "twice"
    _, state1, abandoned1 = kill_build_at(inputs, out, args.model, args.workers, Point("a", "", annotated_share(n, 0.5)), n)
    second, state2, abandoned2 = kill_build_at(inputs, out, args.model, args.workers, Point("b", "", store_version_appeared(set())), n)
    finish("twice (annotate, store)", out, second, f"1st: {state1}; 2nd: {state2}", abandoned1 | abandoned2)

    # Incremental: the store holds 90 % of the reports; the build adding the rest is killed in its store write.
    out = work / "incremental"
    base = files[: n * 9 // 10]
    _, base_exit, base_log = run_build(base, out, args.model, args.workers)
    if base_exit != 0:
        print(base_log)
        raise SystemExit(f"the 90 % build failed (exit {base_exit})")
    before = {p.name for p in _versions(out)}
    killed, state, abandoned = kill_build_at(inputs, out, args.model, args.workers, Point("c", "", store_version_appeared(before)), n)
    finish("incremental +10% store write", out, killed, state, abandoned)

    rows = [
        [o.point, "missed" if o.killed_after_s is None else round(o.killed_after_s, 1), o.state_at_kill, o.store_after_kill,
         round(o.rebuild_s, 1), o.quads, "yes" if o.equal else "NO", o.killed_versions_left, "yes" if o.then_unchanged else "no"]
        for o in outcomes
    ]  # fmt: skip
    headers = ["kill point", "killed at s", "state at kill", "store after kill", "rebuild s", "quads", "equal",
               "killed versions left", "then unchanged"]  # fmt: skip
    table = md_table(headers, rows, align="lrlllrlrl")
    text = (
        f"Command: `{command_line()}` ({time.strftime('%Y-%m-%d %H:%M')}).\n\n"
        f"Corpus: {n} synthetic reports (seed {args.seed}, {data.words:,} words); model `{args.model}`, "
        f"{args.workers} worker(s). Reference: a clean build, {ref_s:.1f} s wall, {len(reference):,} quads. "
        "Each row starts a fresh build (from an empty folder unless said otherwise), SIGKILLs its process group at the "
        "point, checks the store left behind in a new process, rebuilds with the same command (wall time, interpreter "
        "start-up included), compares the sorted N-Quads export with the reference's, counts the store version "
        "directories the killed build abandoned that are still there after the rebuild, and runs the build once more, which must report `unchanged`. "
        f"Load average at the end: {loadavg()} (2 cores shared with other work).\n\n"
        + table + "\n"
    )
    print()
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "kill_rebuild.md").write_text(text, encoding="utf-8")
    save_json("kill_rebuild", {"machine": info, "n": n, "model": args.model, "workers": args.workers,
                               "reference_s": ref_s, "reference_quads": len(reference),
                               "outcomes": [asdict(o) for o in outcomes]})  # fmt: skip
    ok = all(o.equal and o.rebuild_exit == 0 for o in outcomes)
    if ok and not args.keep:
        shutil.rmtree(work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
