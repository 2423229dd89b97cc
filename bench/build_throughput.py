"""Build throughput and peak memory of ``kg build`` on synthetic corpora, and where the time goes.

Every build runs as its own process, ``python -m kg build CORPUS --out OUT --model M
--workers W``, under ``/usr/bin/time -v`` (wall, CPU, largest single RSS) while a
sampler sums the RSS and PSS of the build and its worker children every 0.2 s.
Each variant starts from an empty output folder (no cache).  Then:

- the *unchanged rebuild*: the default command (``--model none``, one process) again on
  the finished 1,000-report build (or the largest size run below it), which must find
  nothing to do;
- the *profiles*: the 1,000-report build in-process under cProfile, one process, for
  each of ``--profile-models`` (the default rule-based pipeline and the statistical
  model), with the wall time of each stage from the build's progress callback, the top
  25 functions by cumulative time tagged with their stage, and the top functions by
  own time in each stage;
- the *phases*: an in-process build of the largest size in a fresh interpreter, with
  the wall time and the build process's memory in each phase.

Writes ``bench/results/build.json``, ``bench/results/build.md`` (the Markdown section
of BENCHMARKS.md), the profiles to ``bench/results/profile-build-<n>-<model>.txt`` and the
raw profiles to ``WORK/profile-build-<n>-<model>.pstats``.

    .venv/bin/python bench/build_throughput.py                       # 100 and 1,000 in all variants,
                                                                     # 10,000 rule-based with 2 workers
    .venv/bin/python bench/build_throughput.py --quick               # 100 reports only, small profile
    .venv/bin/python bench/build_throughput.py --sizes 100 1000 10000 --large-variants none:2 auto:2
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DEFAULT_WORK,
    RESULTS,
    build_seconds,
    command_line,
    corpus,
    kg_build,
    loadavg,
    machine,
    md_table,
    save_json,
)

VARIANTS = [("none", 1), ("none", 2), ("auto", 1), ("auto", 2)]
DEFAULT_MODEL = ("none", 1)  # what `kg build` does without --model and --workers
TARGET_SECONDS_1000 = 60.0
TARGET_PEAK_MB = 1536.0
TARGET_REBUILD_S = 3.0

# Which stage a profiled function belongs to, by the path of its source file.
STAGES = [
    ("ingest", ("kg/ingest.py", "pypdf", "docx", "bs4")),
    ("parse", ("kg/parse/",)),
    ("nlp", ("kg/nlp/",)),
    ("nlp: spaCy/thinc", ("spacy", "thinc", "cymem", "preshed", "srsly", "numpy")),
    ("resolve", ("kg/resolve.py", "rapidfuzz")),
    ("graph", ("kg/rdf/graph.py", "kg/rdf/uris.py", "kg/rdf/vocab.py", "rdflib")),
    ("store", ("kg/rdf/store.py", "pyoxigraph")),
    ("build", ("kg/build.py", "pickle", "hashlib")),
    ("imports", ("<frozen importlib",)),
]
# Entry functions whose cumulative time is the time of a stage inside "annotate".
ENTRIES = {
    "ingest": ("kg/ingest.py", "load_source"),
    "parse": ("kg/parse/", "parse_report"),
    "nlp": ("kg/nlp/annotate.py", "annotate"),
    "resolve": ("kg/resolve.py", "resolve"),
    "graph": ("kg/rdf/graph.py", "build_graph"),
    "store": ("kg/rdf/store.py", "write_store"),
    "cache write": ("kg/build.py", "put"),
    "pipeline load": ("kg/build.py", "_init_worker"),
}


def _stage(func: tuple[str, int, str]) -> str:
    """The stage of a profiled function; built-ins (file ``~``) by the type or module in their name."""
    filename, _, name = func
    where = (name if filename == "~" else filename).replace("\\", "/")
    for stage, markers in STAGES:
        if any(m in where for m in markers):
            return stage
    return "builtins" if filename == "~" else "other"


def _short(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        path = path.split("/site-packages/", 1)[1]
    elif "/kg/" in path:
        path = "kg/" + path.rsplit("/kg/", 1)[1]
    elif "/lib/python" in path:
        path = "stdlib/" + path.split("/lib/python", 1)[1].split("/", 1)[1]
    return f"{path}:{line}({name})"


def run_variants(sizes: list[int], large: list[tuple[str, int]], full_up_to: int, work: Path, seed: int,
                 skipped: list[str], timeout: float | None = None) -> list[dict]:
    """Build every size in every variant (only ``large`` ones above ``full_up_to``).

    A build still running after ``timeout`` seconds is stopped and listed in ``skipped``.
    """
    rows = []
    for n in sizes:
        corp = corpus(n, work, seed)
        variants = VARIANTS if n <= full_up_to else large
        for model, workers in VARIANTS:
            if (model, workers) not in variants:
                skipped.append(f"{n:,} reports, --model {model} --workers {workers}")
        for model, workers in variants:
            out = work / f"out-{n}-{model}-w{workers}"
            m = kg_build(corp.path, out, model, workers, timeout=timeout)
            if m.returncode == -9:
                skipped.append(f"{n:,} reports, --model {model} --workers {workers}: stopped after {timeout:.0f} s "
                               f"(load {m.load_before} before)")
                print(f"{n:>6} {model:<4} w{workers}: stopped after {timeout:.0f} s", flush=True)
                continue
            if m.returncode != 0:
                raise SystemExit(f"build failed ({m.returncode}): {m.command}\n{m.stderr[-2000:]}")
            row = {"reports": n, "words": corp.words, "model": model, "workers": workers,
                   "build_s": build_seconds(m.stdout), **m.as_dict()}
            row["reports_per_s"] = round(n / m.wall_s, 1)
            row["words_per_s"] = round(corp.words / m.wall_s)
            rows.append(row)
            print(f"{n:>6} {model:<4} w{workers}: {m.wall_s:7.1f} s wall, {row['reports_per_s']:6.1f} reports/s, "
                  f"tree PSS {m.tree_pss_mb:7.0f} MB, load {m.load_before}", flush=True)
    return rows


def run_rebuild(rows: list[dict], work: Path, seed: int) -> dict | None:
    """The unchanged rebuild of the largest default-variant build of at most 1,000 reports."""
    candidates = [r for r in rows if (r["model"], r["workers"]) == DEFAULT_MODEL and r["reports"] <= 1000]
    if not candidates:
        return None
    fresh = max(candidates, key=lambda r: r["reports"])
    n = fresh["reports"]
    corp = corpus(n, work, seed)
    model, workers = DEFAULT_MODEL
    m = kg_build(corp.path, work / f"out-{n}-{model}-w{workers}", model, workers, fresh=False)
    if m.returncode != 0 or "unchanged" not in m.stdout:
        raise SystemExit(f"the rebuild did not find the build unchanged: {m.command}\n{m.stdout[-2000:]}{m.stderr[-2000:]}")
    return {"reports": n, "model": model, "workers": workers, "fresh_wall_s": fresh["wall_s"],
            "build_s": build_seconds(m.stdout), **m.as_dict()}


def run_profile(n: int, model: str, work: Path, seed: int) -> dict:
    """Profile the one-process build of ``n`` reports with ``model`` in-process; return stage times and top functions."""
    from kg.build import build

    corp = corpus(n, work, seed)
    out = work / f"profile-{n}-{model}"
    if out.exists():
        shutil.rmtree(out)
    marks: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        span = marks.setdefault(stage, [now, now])
        span[1] = now

    load = loadavg()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    summary = build([corp.path], out, model=model, workers=1, progress=progress)
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)

    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(60)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"profile-build-{n}-{model}.txt").write_text(text.getvalue(), encoding="utf-8")
    profiler.dump_stats(work / f"profile-build-{n}-{model}.pstats")  # for snakeviz or pstats; too big to keep in git

    raw = stats.stats  # {(file, line, name): (cc, nc, tottime, cumtime, callers)}
    entries = {}
    for stage, (suffix, name) in ENTRIES.items():
        found = [v for k, v in raw.items() if k[2] == name and (k[0].replace("\\", "/").endswith(suffix)
                                                               or suffix.endswith("/") and suffix in k[0].replace("\\", "/"))]
        entries[stage] = round(sum(v[3] for v in found), 2)
    own: dict[str, float] = {}
    for func, value in raw.items():
        stage = _stage(func)
        own[stage] = own.get(stage, 0.0) + value[2]
    top = sorted(raw.items(), key=lambda kv: kv[1][3], reverse=True)[:25]
    by_stage: dict[str, list[tuple[str, float, int]]] = {}
    for func, value in sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True):
        stage = _stage(func)
        if len(by_stage.setdefault(stage, [])) < 5:
            by_stage[stage].append((_short(func), round(value[2], 2), value[1]))
    return {
        "reports": n,
        "words": corp.words,
        "model_option": model,
        "model": summary.model,
        "profiled_wall_s": round(wall, 1),
        "load": load,
        "progress_s": {stage: round(b - a, 2) for stage, (a, b) in marks.items()},
        "entry_cumulative_s": entries,
        "own_time_by_stage_s": {k: round(v, 1) for k, v in sorted(own.items(), key=lambda kv: -kv[1])},
        "top_cumulative": [(_short(f), _stage(f), v[1], round(v[2], 2), round(v[3], 2)) for f, v in top],
        "top_own_by_stage": by_stage,
    }


def _rss_mb() -> tuple[float, float]:
    """This process's current and peak resident set, in MB."""
    import resource

    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phases_fresh(n: int, model: str, workers: int, work: Path, seed: int) -> dict:
    """``run_phases`` in a fresh interpreter, so that its memory figures start from nothing of this one."""
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--phases-child", str(n), model, str(workers),
                          "--work", str(work), "--seed", str(seed)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_phases(n: int, model: str, workers: int, work: Path, seed: int) -> dict:
    """Build ``n`` reports in-process; the wall time and this process's memory in each phase.

    Annotation workers are separate processes and not counted; resolve, graph and store
    run in this one.  A phase lasts from the build's first progress call for it to the
    first call for the next one (the last ends when ``build`` returns).
    """
    import gc

    from kg.build import build

    corp = corpus(n, work, seed)
    out = work / f"phases-{n}-{model}-w{workers}"
    if out.exists():
        shutil.rmtree(out)
    gc.collect()
    events: list[tuple[str, float, float, float]] = [("start", time.perf_counter(), *_rss_mb())]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != events[-1][0]:
            events.append((stage, time.perf_counter(), *_rss_mb()))

    load = loadavg()
    build([corp.path], out, model=model, workers=workers, progress=progress)
    events.append(("end", time.perf_counter(), *_rss_mb()))
    phases = []
    for (stage, t0, rss0, _), (_, t1, rss1, peak1) in zip(events[1:-1], events[2:]):
        phases.append({"phase": stage, "seconds": round(t1 - t0, 1), "rss_start_mb": round(rss0),
                       "rss_end_mb": round(rss1), "peak_so_far_mb": round(peak1)})
    return {"reports": n, "model": model, "workers": workers, "words": corp.words, "load": load,
            "wall_s": round(events[-1][1] - events[0][1], 1), "start_rss_mb": round(events[0][2]), "phases": phases}


def markdown(data: dict) -> str:
    """The build section of BENCHMARKS.md."""
    rows = data["rows"]
    base = {(r["reports"]): r for r in rows if (r["model"], r["workers"]) == ("none", 1)}
    table = []
    for r in rows:
        b = base.get(r["reports"])
        ratio = f"{b['wall_s'] / r['wall_s']:.2f}×" if b else "n/a"
        smaller = [x for x in rows if (x["model"], x["workers"]) == (r["model"], r["workers"]) and x["reports"] < r["reports"]]
        prev = max(smaller, key=lambda x: x["reports"]) if smaller else None
        scaling = f"{r['reports_per_s'] / prev['reports_per_s']:.2f}× (vs {prev['reports']:,})" if prev else ""
        table.append([f"{r['reports']:,}", f"{r['words']:,}", r["model"], r["workers"], r["wall_s"], r["build_s"],
                      r["cpu_s"], r["reports_per_s"], f"{r['words_per_s']:,}", ratio, scaling, r["max_rss_mb"],
                      r["tree_pss_mb"], r["tree_rss_mb"], r["load_before"]])
    parts = [
        "Commands: " + ", then ".join(f"`{c}`" for c in data.get("commands", [data["command"]])) + f" (last run {data['date']}).",
        "",
        "Each build is a fresh `python -m kg build CORPUS --out OUT --model M --workers W` (empty output folder, "
        "no cache) under `/usr/bin/time -v`. *wall* is the whole command (interpreter start-up and imports "
        "included) and is what the rates use; *build* is the time `kg build` prints itself. *speed vs rule-based ×1* "
        "is the rule-based one-process build of the same size divided by this one (above 1 = faster); *reports/s vs "
        "smaller corpus* is this variant's rate divided by its rate on the next smaller corpus (1 = linear scaling). Memory: "
        "*max RSS* is the largest single process (GNU time); *tree PSS* and *tree RSS* are the peaks of the summed "
        "memory of the build and its worker children, sampled every 0.2 s (PSS splits pages shared after fork; "
        "RSS counts them in every process). *load* is the 1/5/15-minute load average before the run: other "
        "work shares the 2 cores.",
        "",
        md_table(["reports", "words", "model", "workers", "wall s", "build s", "CPU s", "reports/s", "words/s",
                  "speed vs rule-based ×1", "reports/s vs smaller corpus", "max RSS MB", "tree PSS MB",
                  "tree RSS MB", "load before"],
                 table, align="rrlrrrrrrrrrrrl"),
    ]
    if data.get("skipped"):
        parts += ["", "Not run: " + "; ".join(data["skipped"]) + "."]
    rebuild = data.get("rebuild")
    if rebuild:
        parts += ["", f"Unchanged rebuild of {rebuild['reports']:,} reports (the same command again on the finished "
                  f"`--model {rebuild['model']} --workers {rebuild['workers']}` build): **{rebuild['wall_s']:.2f} s** wall, {rebuild['build_s']:.2f} s inside `kg build`; "
                  f"{rebuild['fresh_wall_s'] / rebuild['wall_s']:.0f}× faster than the fresh build "
                  f"({rebuild['fresh_wall_s']:.1f} s); load {rebuild['load_before']}."]
    parts += ["", "Against the targets:", "", _targets(data)]
    return "\n".join(parts)


def _targets(data: dict) -> str:
    rows = data["rows"]
    table = []
    for r in rows:
        if r["reports"] == 1000:
            default = " (the default)" if (r["model"], r["workers"]) == DEFAULT_MODEL else ""
            table.append([f"1,000 reports, `--model {r['model']} --workers {r['workers']}`{default}", "< 60 s",
                          f"{r['wall_s']:.1f} s", "met" if r["wall_s"] < TARGET_SECONDS_1000 else "missed"])
    for size in sorted({r["reports"] for r in rows}):
        peak = max((r for r in rows if r["reports"] == size), key=lambda r: r["tree_pss_mb"])
        table.append([f"peak memory, {size:,} reports (largest tree PSS: `--model {peak['model']} --workers "
                      f"{peak['workers']}`)", "< 1.5 GB", f"{peak['tree_pss_mb']:,.0f} MB",
                      "met" if peak["tree_pss_mb"] < TARGET_PEAK_MB else "missed"])
    rebuild = data.get("rebuild")
    if rebuild:
        table.append([f"unchanged rebuild of {rebuild['reports']:,} reports", "< 3 s", f"{rebuild['wall_s']:.2f} s",
                      "met" if rebuild["wall_s"] < TARGET_REBUILD_S else "missed"])
    return md_table(["what", "target", "measured", ""], table, align="llrl")


def phases_markdown(phases: dict) -> str:
    """Wall time and memory of the build process in each phase."""
    rows = [[p["phase"], p["seconds"], p["rss_start_mb"], p["rss_end_mb"], p["peak_so_far_mb"]] for p in phases["phases"]]
    return "\n".join([
        f"Phases of an in-process build of {phases['reports']:,} reports (`--model {phases['model']}`, "
        f"{phases['workers']} annotation process(es)): {phases['wall_s']:.0f} s, load {phases['load']}. Memory is the "
        f"build process's own (annotation workers excluded), {phases['start_rss_mb']} MB before the build; "
        "*peak so far* is the process's high-water mark at the end of the phase.",
        "",
        md_table(["phase", "s", "RSS at start MB", "RSS at end MB", "peak so far MB"], rows, align="lrrrr"),
    ])


def profile_markdown(profile: dict) -> str:
    """The generated part of "where the time goes"."""
    total = profile["profiled_wall_s"]
    stage_rows = [[stage, seconds, f"{100 * seconds / total:.0f}%"] for stage, seconds in profile["entry_cumulative_s"].items()]
    own_rows = [[stage, seconds, f"{100 * seconds / total:.0f}%"] for stage, seconds in profile["own_time_by_stage_s"].items()]
    top_rows = [[f"`{name}`", stage, calls, own, cum] for name, stage, calls, own, cum in profile["top_cumulative"]]
    by_stage = []
    for stage, funcs in profile["top_own_by_stage"].items():
        for name, own, calls in funcs:
            by_stage.append([stage, f"`{name}`", calls, own])
    progress = ", ".join(f"{k} {v:.1f} s" for k, v in profile["progress_s"].items())
    return "\n".join([
        f"Profile of the build with `--model {profile['model_option']}` ({profile['model']}, one process) of "
        f"{profile['reports']:,} synthetic reports ({profile['words']:,} words) in-process under cProfile: "
        f"{total:.1f} s (profiler overhead included), load {profile['load']}. Full listing: "
        f"`bench/results/profile-build-{profile['reports']}-{profile['model_option']}.txt` "
        f"(raw: `profile-build-{profile['reports']}-{profile['model_option']}.pstats` "
        "in the work folder).",
        "",
        f"Wall time per phase from the build's progress callback: {progress}.",
        "",
        "Cumulative time of each stage's entry function (ingest, parse and nlp run inside the annotate phase, "
        "once per report):",
        "",
        md_table(["stage (entry function)", "cumulative s", "share"], stage_rows, align="lrr"),
        "",
        "Own time (excluding callees) summed by the stage of the function's source file:",
        "",
        md_table(["stage", "own s", "share"], own_rows, align="lrr"),
        "",
        "Top 25 functions by cumulative time:",
        "",
        md_table(["function", "stage", "calls", "own s", "cumulative s"], top_rows, align="llrrr"),
        "",
        "Top functions by own time in each stage:",
        "",
        md_table(["stage", "function", "calls", "own s"], by_stage, align="llrr"),
    ])


def _merge(previous: dict, data: dict) -> dict:
    """``data`` over ``previous``: rows of the same size and variant replaced, other parts kept unless re-measured."""
    key = lambda r: (r["reports"], r["model"], r["workers"])
    fresh = {key(r) for r in data["rows"]}
    merged = {**previous, **{k: v for k, v in data.items() if v not in (None, [])}}
    merged["rows"] = sorted([r for r in previous.get("rows", []) if key(r) not in fresh] + data["rows"],
                            key=lambda r: (r["reports"], r["model"] != "none", r["workers"]))
    merged["commands"] = previous.get("commands", [previous.get("command")]) + [data["command"]]
    if data.get("profiles"):
        measured = {p["model_option"] for p in data["profiles"]}
        merged["profiles"] = [p for p in previous.get("profiles", []) if p["model_option"] not in measured] + data["profiles"]
    done = {key(r) for r in merged["rows"]}
    stopped = [s for s in previous.get("skipped", []) + data["skipped"] if "stopped after" in s]
    merged["skipped"] = [f"{n:,} reports, --model {m} --workers {w}" for n in sorted({r["reports"] for r in merged["rows"]})
                         for m, w in VARIANTS if (n, m, w) not in done
                         and not any(s.startswith(f"{n:,} reports, --model {m} --workers {w}:") for s in stopped)] + stopped
    return merged


def main(argv: list[str] | None = None) -> dict:
    """Run the build benchmark and write its results; return them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", help="corpus sizes (default 100 1000 10000; --quick: 100)")
    parser.add_argument("--full-up-to", type=int, default=1000,
                        help="sizes up to this run in all four variants; larger ones only --large-variants")
    parser.add_argument("--large-variants", nargs="*", default=["none:2"],
                        help="MODEL:WORKERS variants for the larger sizes (default none:2)")
    parser.add_argument("--profile-size", type=int, help="reports in the profiled build (default 1000; --quick: 100; 0 = none)")
    parser.add_argument("--profile-models", nargs="+", default=["none", "auto"], help="--model of each profiled build")
    parser.add_argument("--phase-size", type=int, help="reports in the in-process build timed and measured phase by "
                        "phase (default: the largest size; 0 = none)")
    parser.add_argument("--phase-variant", default="none:2", help="MODEL:WORKERS of that build (default none:2)")
    parser.add_argument("--quick", action="store_true", help="100 reports only and a 100-report profile")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="stop a build of more than --full-up-to reports after this many seconds (default 900)")
    parser.add_argument("--merge", action="store_true", help="keep the parts of bench/results/build.json this run "
                        "does not measure (e.g. with --sizes and no size, or one size)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpora and builds go here (default {DEFAULT_WORK})")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phases-child", nargs=3, metavar=("N", "MODEL", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phases_child:
        n, model, workers = args.phases_child
        print(json.dumps(run_phases(int(n), model, int(workers), args.work, args.seed)))
        return {}
    sizes = args.sizes if args.sizes is not None else ([100] if args.quick else [100, 1000, 10000])
    profile_size = args.profile_size if args.profile_size is not None else (100 if args.quick else 1000)
    phase_size = args.phase_size if args.phase_size is not None else max(sizes, default=0)
    large = [(v.split(":")[0], int(v.split(":")[1])) for v in args.large_variants]
    args.work.mkdir(parents=True, exist_ok=True)

    skipped: list[str] = []
    data = {"command": command_line(), "date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine()}
    # The long builds come last, so that the rebuild and the profile are measured whatever they do.
    small = sorted(n for n in sizes if n <= args.full_up_to)
    data["rows"] = run_variants(small, large, args.full_up_to, args.work, args.seed, skipped)
    data["rebuild"] = run_rebuild(data["rows"], args.work, args.seed)
    if data["rebuild"]:
        print(f"unchanged rebuild of {data['rebuild']['reports']}: {data['rebuild']['wall_s']} s", flush=True)
    if profile_size:
        data["profiles"] = [run_profile(profile_size, model, args.work, args.seed) for model in args.profile_models]
        for p in data["profiles"]:
            print(f"profile of {profile_size} ({p['model_option']}): {p['profiled_wall_s']} s; stages {p['entry_cumulative_s']}", flush=True)
    big = sorted(n for n in sizes if n > args.full_up_to)
    data["rows"] += run_variants(big, large, args.full_up_to, args.work, args.seed, skipped, args.timeout)
    data["skipped"] = skipped
    if phase_size:
        model, workers = args.phase_variant.split(":")
        data["phases"] = run_phases_fresh(phase_size, model, int(workers), args.work, args.seed)
        print(f"phases of {phase_size}: {data['phases']['phases']}", flush=True)
    if args.merge and (RESULTS / "build.json").is_file():
        data = _merge(json.loads((RESULTS / "build.json").read_text(encoding="utf-8")), data)
    save_json("build", data)
    (RESULTS / "build.md").write_text(markdown(data) + "\n", encoding="utf-8")
    if data.get("profiles") or data.get("phases"):
        # The default pipeline's profile first.
        profiles = sorted(data.get("profiles", []), key=lambda p: p["model_option"] != DEFAULT_MODEL[0])
        parts = [profile_markdown(p) for p in profiles]
        parts += [phases_markdown(data["phases"])] if data.get("phases") else []
        (RESULTS / "profile.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    main()
