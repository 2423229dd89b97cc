"""Load test for `kg serve`: concurrent clients run the query kit on loopback for a bounded time.

Starts the server in a subprocess (so client and server do not share a GIL), runs
``--clients`` concurrent keep-alive clients that cycle through the kit's queries (with their
example parameters bound, as the query page shows them) until ``--duration`` seconds or
``--max-requests`` requests, then prints throughput and latency percentiles and writes them
to ``bench/results/serve.md``.  Exits 1 if any request failed.

``--route sparql`` (the default) posts each query's text to ``/sparql`` with its parameters
bound by a ``VALUES`` block, as a SPARQL client (or the query page) sends them;
``--route kit`` asks ``/kit/NAME?param=IRI``, where the server binds them by substitution.

    .venv/bin/python bench/load_serve.py                    # synthetic store, 50 clients, 20 s
    .venv/bin/python bench/load_serve.py --out output       # a store built by `kg build`
    .venv/bin/python bench/load_serve.py --out output --route kit
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psutil  # noqa: E402

from kg.query import list_queries  # noqa: E402
from kg.serve import bind_values, kit_examples  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "serve.md"
PREFIXES = (
    "PREFIX kg: <https://w3id.org/igfkg/ontology#>\nPREFIX schema: <https://schema.org/>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
# Used only while the kit (kg/queries/*.rq) is empty: questions of the same kind over the contract.
CONTRACT_QUERIES = {
    "people": "SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
    "graph-sizes": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    "attendance": "SELECT ?p (COUNT(DISTINCT ?m) AS ?meetings) WHERE { ?p kg:attended ?m } GROUP BY ?p "
                  "ORDER BY DESC(?meetings) LIMIT 50",
    "topic-timeline": "SELECT ?label ?date WHERE { ?t skos:prefLabel ?label ; kg:discussedAt ?m . "
                      "?m schema:startDate ?date } ORDER BY ?date LIMIT 200",
    "who-said-what": "SELECT ?name ?text ?g WHERE { GRAPH ?g { ?i a kg:Intervention ; kg:speaker ?p ; "
                     "kg:text ?text } ?p schema:name ?name } LIMIT 100",
    "person-topics": "SELECT ?p ?t (COUNT(?i) AS ?n) WHERE { ?i kg:speaker ?p ; kg:topic ?t } GROUP BY ?p ?t "
                     "ORDER BY DESC(?n) LIMIT 100",
}


# The busiest entity of each parameter type: what an analyst would typically ask about.
PICKS = {
    "topic": "SELECT ?x WHERE { ?i kg:topic ?x } GROUP BY ?x ORDER BY DESC(COUNT(?i)) LIMIT 1",
    "person": "SELECT ?x WHERE { ?i kg:speaker ?x } GROUP BY ?x ORDER BY DESC(COUNT(?i)) LIMIT 1",
    "meeting": "SELECT ?x WHERE { ?i kg:meeting ?x } GROUP BY ?x ORDER BY DESC(COUNT(?i)) LIMIT 1",
    "organisation": "SELECT ?x WHERE { ?p kg:affiliatedWith ?x } GROUP BY ?x ORDER BY DESC(COUNT(?p)) LIMIT 1",
}


def _kit_requests(store) -> tuple[str, dict[str, tuple[str, dict]]]:
    """``/kit/NAME`` requests for the kit, parameters bound to the busiest entities (IRIs)."""
    picked = _picked(store)
    requests = {}
    for named in list_queries():
        # A paged query answers its first page, as without a page parameter.
        params = [p for p in named.params if p.type != "page"]
        if all(p.type in picked for p in params):
            requests[named.name] = (f"kit/{named.name}", {p.name: picked[p.type] for p in params})
    return "the query kit through /kit/NAME, parameters bound to the busiest entity of their type", requests


def _picked(store) -> dict[str, str]:
    picked = {}
    for kind, sparql in PICKS.items():
        rows = list(store.query(PREFIXES + sparql, use_default_graph_as_union=True))
        if rows:
            picked[kind] = str(rows[0]["x"].value)
    return picked


def _queries(store) -> tuple[str, dict[str, str]]:
    """The kit with parameters bound to the busiest entities (the query page's examples otherwise)."""
    kit = {k.name: k.text for k in kit_examples(store)}
    if not kit:
        return "contract queries (the kit is empty)", {n: PREFIXES + q for n, q in CONTRACT_QUERIES.items()}
    picked = _picked(store)
    for named in list_queries():
        if named.params and all(p.type in picked or p.type == "page" for p in named.params):
            kit[named.name] = bind_values(named.sparql, [(p.name, "1" if p.type == "page" else f"<{picked[p.type]}>", "")
                                                         for p in named.params])
    return "the query kit (kg/queries/*.rq), parameters bound to the busiest entity of their type", kit


def _synthetic_out(nodes: int, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures_graph import synthetic_spec, write_store

    return write_store(folder / "out", synthetic_spec(nodes))


def _start_server(out: Path, workers: int | None, timeout: float) -> tuple[subprocess.Popen, str]:
    code = (
        "import sys; from pathlib import Path; from kg.serve import serve\n"
        "try:\n"
        "    serve(Path(sys.argv[1]), port=0, timeout=float(sys.argv[2]),\n"
        "          workers=int(sys.argv[3]) or None, ready=lambda url: print(url, flush=True))\n"
        "except KeyboardInterrupt:\n"
        "    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", code, str(out), str(timeout), str(workers or 0)],
                            stdout=subprocess.PIPE, text=True, env=env)
    url = proc.stdout.readline().strip()
    if not url:
        proc.wait(10)
        raise SystemExit(f"the server did not start (exit code {proc.returncode})")
    return proc, url


async def _load(url: str, queries: dict, clients: int, duration: float, max_requests: int, route: str):
    names = list(queries)
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    issued = 0
    stop_at = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        nonlocal issued
        i = n
        while time.monotonic() < stop_at and issued < max_requests:
            issued += 1
            name = names[i % len(names)]
            i += 1
            started = time.perf_counter()
            try:
                headers = {"Accept": "application/sparql-results+json"}
                if route == "kit":
                    path, params = queries[name]
                    r = await http.get(path, params=params, headers=headers)
                else:
                    r = await http.post("sparql", data={"query": queries[name]}, headers=headers)
                ok = r.status_code == 200 and r.content
                if not ok:
                    failures.append(f"{name}: HTTP {r.status_code} {r.text[:120]}")
            except httpx.HTTPError as err:
                failures.append(f"{name}: {type(err).__name__}: {err}")
                continue
            if ok:
                latencies[name].append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, failures, elapsed, issued


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and its living descendants (the query workers)."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="output folder with a built store (default: a synthetic one)")
    parser.add_argument("--nodes", type=int, default=2000, help="size of the synthetic store, in graph nodes")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=0, help="server query processes (0: the default)")
    parser.add_argument("--timeout", type=float, default=10.0, help="server per-query timeout")
    parser.add_argument("--results", type=Path, default=RESULTS, help="markdown file to write the figures to")
    parser.add_argument("--route", choices=("sparql", "kit"), default="sparql",
                        help="sparql: POST the text to /sparql with VALUES-bound parameters; kit: GET /kit/NAME")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-load-") as scratch:
        out = args.out or _synthetic_out(args.nodes, Path(scratch))
        return _run(args, out)


def _run(args: argparse.Namespace, out: Path) -> int:
    from kg.rdf.store import open_store

    store = open_store(out)
    quads = len(store)
    source, queries = _kit_requests(store) if args.route == "kit" else _queries(store)
    del store
    load_before = os.getloadavg()[0]
    proc, url = _start_server(out, args.workers, args.timeout)
    client_cpu = _cpu(resource.RUSAGE_SELF)
    try:
        latencies, failures, elapsed, issued = asyncio.run(
            _load(url, queries, args.clients, args.duration, args.max_requests, args.route))
        server_cpu = _tree_cpu(proc.pid)  # the server and its query workers, start-up included
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    client_cpu = _cpu(resource.RUSAGE_SELF) - client_cpu
    load_after = os.getloadavg()[0]

    everything = [x for v in latencies.values() for x in v]
    ok = len(everything)
    lines = [
        "# `kg serve` under load",
        "",
        f"Measured by `bench/load_serve.py` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}, loopback; server and clients share the machine "
        f"(load average {load_before:.1f} before the run, {load_after:.1f} after it).",
        "",
        f"- store: {quads:,} quads ({'`' + str(args.out) + '`' if args.out else f'synthetic, {args.nodes} nodes'})",
        f"- queries: {len(queries)} from {source}, cycled by each client",
        f"- server: default settings (timeout {args.timeout:g} s, workers "
        f"{args.workers or 'default = min(4, max(2, cores))'})",
        f"- load: {args.clients} concurrent keep-alive clients, {args.duration:g} s or {args.max_requests:,} "
        "requests, whichever first",
        "",
        "| requests | failed | seconds | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {issued:,} | {len(failures)} | {elapsed:.1f} | {ok / elapsed:,.0f} | {_pct(everything, 50) * 1e3:.1f} | "
        f"{_pct(everything, 95) * 1e3:.1f} | {_pct(everything, 99) * 1e3:.1f} | "
        f"{(max(everything) if everything else float('nan')) * 1e3:.1f} |",
        "",
        f"CPU time: server (HTTP process and query workers, start-up included) {server_cpu:.1f} s = "
        f"{server_cpu / max(ok, 1) * 1e3:.1f} ms per request; load clients {client_cpu:.1f} s = "
        f"{client_cpu / max(ok, 1) * 1e3:.1f} ms per request. Latency here is mostly queueing: "
        f"{args.clients} clients share the cores with the server.",
        "",
        "| query | requests | p50 (ms) | p95 (ms) | mean (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in queries:
        v = latencies.get(name, [])
        mean = statistics.fmean(v) * 1e3 if v else float("nan")
        lines.append(f"| {name} | {len(v):,} | {_pct(v, 50) * 1e3:.1f} | {_pct(v, 95) * 1e3:.1f} | {mean:.1f} |")
    if failures:
        lines += ["", "Failures (first 10):", ""] + [f"- {f}" for f in failures[:10]]
    text = "\n".join(lines) + "\n"
    print(text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
