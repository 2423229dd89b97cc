"""Latency of every kit query (kg/queries/*.rq): embedded Oxigraph against rdflib in memory.

Each query's parameters are bound to the busiest entity of their type in the graph
(the topic, person, meeting or organisation with the most interventions or people),
as RDF terms: ``substitutions`` for pyoxigraph (what ``kg.query`` does) and
``initBindings`` for rdflib, with the same SPARQL text and ``kg.query.PREFIXES``.
A measurement is one execution with every solution materialised.

- Oxigraph runs on the largest graph (``--out``), and on the rdflib graph.
- rdflib loads the same quads into an ``rdflib.Dataset(default_union=True)``; on a
  graph of more than ``--rdflib-max-quads`` quads it uses a smaller build instead
  (``--rdflib-out``) and says so.  A query is prepared once (``prepareQuery``, not
  timed); a run longer than ``--timeout`` seconds is stopped and reported as ``>``.
- The ratio is rdflib p50 / Oxigraph p50 on the *same* graph, in the same run.

Writes ``bench/results/query.json`` and ``bench/results/query.md``.

    .venv/bin/python bench/query_latency.py                        # largest build under /tmp/kg-bench
    .venv/bin/python bench/query_latency.py --out output --rdflib-out output
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from common import (
    DEFAULT_WORK,
    RESULTS,
    command_line,
    loadavg,
    machine,
    md_table,
    save_json,
)

from kg.query import PREFIXES, list_queries
from kg.rdf.store import open_store

TARGET_P50_MS = 50.0
TARGET_RATIO = 20.0
_PREFIX_TEXT = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
# The busiest entity of each parameter type: what an analyst typically asks about.
PICKS = {
    "topic": "SELECT ?x WHERE { ?i kg:topic ?x } GROUP BY ?x ORDER BY DESC(COUNT(?i)) ?x LIMIT 1",
    "person": "SELECT ?x WHERE { ?i kg:speaker ?x . ?x a schema:Person } GROUP BY ?x ORDER BY DESC(COUNT(?i)) ?x LIMIT 1",
    "meeting": "SELECT ?x WHERE { ?i kg:meeting ?x } GROUP BY ?x ORDER BY DESC(COUNT(?i)) ?x LIMIT 1",
    "organisation": "SELECT ?x WHERE { ?p kg:affiliatedWith ?x } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def largest_build(work: Path, max_quads: int | None = None) -> Path | None:
    """The build under ``work`` with the most quads (at most ``max_quads``)."""
    best, best_n = None, -1
    for out in sorted(work.glob("out-*")):
        try:
            n = len(open_store(out))
        except Exception:  # noqa: BLE001 - a half-written or foreign folder is simply not a candidate
            continue
        if n > best_n and (max_quads is None or n <= max_quads):
            best, best_n = out, n
    return best


def picks(store: ox.Store) -> dict[str, ox.NamedNode | ox.Literal]:
    """The busiest entity of each parameter type in ``store``."""
    found = {}
    for kind, sparql in PICKS.items():
        rows = list(store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))
        if rows:
            found[kind] = rows[0]["x"]
    # Paged queries are timed on their first page, the one a query without `page` answers.
    found["page"] = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return found


def _bindings(named, chosen: dict[str, ox.NamedNode]) -> dict[str, ox.NamedNode] | None:
    if not all(p.type in chosen for p in named.params):
        return None
    return {p.name: chosen[p.type] for p in named.params}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def _sample(once, repeats: int, budget: float) -> list[float]:
    """Timed runs of ``once`` (ms): the first, then more while under ``repeats`` and ``budget`` s.

    With more than three runs the first (cold) one is dropped.
    """
    samples = [once()]
    while len(samples) < repeats and (sum(samples) + samples[-1]) / 1000 < budget:
        samples.append(once())
    return samples[1:] if len(samples) > 3 else samples


def _term(kind: str, value: str) -> ox.NamedNode | ox.Literal:
    return ox.NamedNode(value) if kind == "iri" else ox.Literal(value, datatype=ox.NamedNode(kind))


def _oxigraph_child(out: str, sparql: str, bindings: dict[str, tuple[str, str]], repeats: int, budget: float,
                    queue) -> None:
    store = open_store(Path(out))
    subs = {ox.Variable(k): _term(*v) for k, v in bindings.items()} or None
    rows = []

    def once() -> float:
        t0 = time.perf_counter()
        rows.append(sum(1 for _ in store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                               substitutions=subs)))
        return (time.perf_counter() - t0) * 1000

    samples = _sample(once, repeats, budget)
    p50, p95 = _percentiles(samples)
    queue.put({"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "runs": len(samples), "rows": rows[0]})


def time_oxigraph(out: Path, sparql: str, bindings: dict, repeats: int, timeout: float, budget: float) -> dict:
    """p50/p95 ms and row count of the query on the store in ``out``, run in a child process.

    Oxigraph evaluates in native code that a signal cannot interrupt, so a query still
    running after ``timeout`` + ``budget`` s is stopped by killing the child.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    terms = {k: ("iri" if isinstance(v, ox.NamedNode) else v.datatype.value, v.value) for k, v in bindings.items()}
    child = ctx.Process(target=_oxigraph_child, args=(str(out), sparql, terms, repeats, budget, queue))
    child.start()
    try:
        return queue.get(timeout=timeout + budget)
    except Exception:  # noqa: BLE001 - queue.Empty: the child is still computing (or died)
        return {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": None, "timeout_s": timeout + budget}
    finally:
        if child.is_alive():
            child.kill()
        child.join()


def load_rdflib(store: ox.Store):
    """The store's quads in an rdflib ``Dataset`` with the union default graph; and the load seconds."""
    from rdflib import Dataset

    t0 = time.perf_counter()
    data = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    return dataset, time.perf_counter() - t0


def _rdflib_term(term):
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, lang=term.language, datatype=None if term.language else term.datatype.value)


def time_rdflib(dataset, sparql: str, bindings: dict, repeats: int, timeout: float, budget: float,
                prepared: bool = False) -> dict:
    """Like ``time_oxigraph``; stops a run after ``timeout`` s and repeats only within ``budget`` s.

    A run goes from the query text to the last row, as Oxigraph's does (``store.query``
    parses its text every time); with ``prepared`` the query is parsed once, untimed, and
    only its evaluation is timed.
    """
    from rdflib import Variable
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(sparql, initNs=PREFIXES) if prepared else sparql
    init = {Variable(k): _rdflib_term(v) for k, v in bindings.items()}

    rows: list[int] = []

    def once() -> float:
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            rows.append(sum(1 for _ in dataset.query(query, initNs=PREFIXES, initBindings=init)))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return (time.perf_counter() - t0) * 1000

    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        samples = _sample(once, repeats, budget)
    except _Timeout:
        if not rows:
            return {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": None, "timeout_s": timeout}
        raise
    except Exception as err:  # noqa: BLE001 - an rdflib failure on valid SPARQL is a result to report
        return {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": None, "error": f"{type(err).__name__}: {err}"}
    finally:
        signal.signal(signal.SIGALRM, previous)
    rows = rows[:1]
    p50, p95 = _percentiles(samples)
    return {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "runs": len(samples), "rows": rows[0]}


def measure(out: Path, rdflib_out: Path, repeats: int, rdflib_repeats: int, timeout: float, budget: float) -> dict:
    """Time every kit query on both engines; return the rows and the graphs' sizes."""
    same = rdflib_out.resolve() == out.resolve()
    big = open_store(out)
    small = big if same else open_store(rdflib_out)
    big_picks, small_picks = picks(big), picks(small)
    load = loadavg()
    big_size, small_size = f"{len(big):,} quads", f"{len(small):,} quads"
    rows = []
    kit = list_queries()
    # Oxigraph first, in forked children, before rdflib fills this process's memory.
    for named in kit:
        big_bind, small_bind = _bindings(named, big_picks), _bindings(named, small_picks)
        row = {"query": named.name, "params": {k: v.value for k, v in (big_bind or {}).items()}, "load_before": loadavg()}
        row["oxigraph"] = time_oxigraph(out, named.sparql, big_bind, repeats, timeout, budget) if big_bind is not None else None
        if same:
            row["oxigraph_same"] = row["oxigraph"]
        else:
            row["oxigraph_same"] = (time_oxigraph(rdflib_out, named.sparql, small_bind, repeats, timeout, budget)
                                    if small_bind is not None else None)
        rows.append(row)
        print(f"{named.name:<26} oxigraph p50 {_ms(row['oxigraph'])} ({big_size}), "
              f"{_ms(row['oxigraph_same'])} ({small_size})", flush=True)
    dataset, rdflib_load_s = load_rdflib(small)
    for named, row in zip(kit, rows):
        small_bind = _bindings(named, small_picks)
        row["rdflib"] = (time_rdflib(dataset, named.sparql, small_bind, rdflib_repeats, timeout, budget)
                         if small_bind is not None else None)
        row["rdflib_prepared"] = (time_rdflib(dataset, named.sparql, small_bind, rdflib_repeats, timeout, budget,
                                              prepared=True) if small_bind is not None else None)
        print(f"{named.name:<26} rdflib p50 {_ms(row['rdflib'])}, evaluation only {_ms(row['rdflib_prepared'])}",
              flush=True)
    return {
        "out": str(out), "quads": len(big), "reports": _reports(big),
        "rdflib_out": str(rdflib_out), "rdflib_quads": len(small), "rdflib_reports": _reports(small),
        "rdflib_load_s": round(rdflib_load_s, 1), "load": load, "rows": rows,
        "picks": {k: v.value for k, v in big_picks.items()},
        "rdflib_picks": {k: v.value for k, v in small_picks.items()},
    }


def _ms(result: dict | None) -> str:
    if result is None:
        return "n/a"
    if result.get("error"):
        return "error"
    return f"{result['p50_ms']} ms" if result["p50_ms"] is not None else f"> {result['timeout_s']:.0f} s"


def _reports(store: ox.Store) -> int:
    rows = list(store.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Report }", prefixes=PREFIXES,
                            use_default_graph_as_union=True))
    return int(rows[0]["n"].value)


def _cell(result: dict | None, key: str):
    if result is None:
        return "n/a"
    if result.get("error"):
        return f"fails ({result['error'].split(':')[0]})" if key == "p50_ms" else ""
    if result["p50_ms"] is None:
        return f"> {result['timeout_s'] * 1000:,.0f}" if key == "p50_ms" else ""
    return result[key]


def ratio(rdflib_result: dict | None, oxigraph_result: dict | None) -> tuple[float, str] | None:
    """rdflib p50 / Oxigraph p50 and a bound: ``""`` exact, ``">"`` or ``"<"`` when one side timed out."""
    if not rdflib_result or not oxigraph_result or rdflib_result.get("error"):
        return None
    rd, ox_ms = rdflib_result["p50_ms"], oxigraph_result["p50_ms"]
    if rd is None and ox_ms is None:
        return None
    if rd is None:
        return rdflib_result["timeout_s"] * 1000 / max(ox_ms, 0.01), ">"
    if ox_ms is None:
        return rd / (oxigraph_result["timeout_s"] * 1000), "<"
    return rd / max(ox_ms, 0.01), ""


def _ratio_text(rdflib_result: dict | None, oxigraph_result: dict | None) -> str:
    found = ratio(rdflib_result, oxigraph_result)
    if found is None:
        return "n/a"
    value, bound = found
    return f"{bound} {value:,.1f}×".strip() if value < 10 else f"{bound} {value:,.0f}×".strip()


def markdown(data: dict) -> str:
    """The query section of BENCHMARKS.md."""
    same = data["rdflib_out"] == data["out"]
    table = []
    for r in data["rows"]:
        o, s, rd, rp = r["oxigraph"], r["oxigraph_same"], r["rdflib"], r.get("rdflib_prepared")
        row = [r["query"], _cell(o, "rows"), _cell(o, "p50_ms"), _cell(o, "p95_ms"), _cell(o, "runs")]
        if not same:
            row += [_cell(s, "p50_ms")]
        row += [_cell(rd, "p50_ms"), _cell(rd, "runs"), _ratio_text(rd, s), _cell(rp, "p50_ms"), _ratio_text(rp, s),
                "met" if o and o["p50_ms"] is not None and o["p50_ms"] < TARGET_P50_MS else "missed"]
        table.append(row)
    big = f"{data['reports']:,} reports, {data['quads']:,} quads"
    small = f"{data['rdflib_reports']:,} reports, {data['rdflib_quads']:,} quads"
    headers = ["query", "rows", f"Oxigraph p50 ms ({data['reports']:,})", "Oxigraph p95 ms", "Oxigraph runs"]
    if not same:
        headers += [f"Oxigraph p50 ms ({data['rdflib_reports']:,})"]
    headers += [f"rdflib p50 ms ({data['rdflib_reports']:,})", "rdflib runs", "rdflib / Oxigraph (same graph)",
                "rdflib p50 ms, evaluation only", "rdflib evaluation only / Oxigraph", "p50 < 50 ms"]
    met_p50 = sum(1 for r in data["rows"] if r["oxigraph"] and (r["oxigraph"]["p50_ms"] or 1e12) < TARGET_P50_MS)
    ratios = [x for x in (ratio(r["rdflib"], r["oxigraph_same"]) for r in data["rows"]) if x is not None]
    met_ratio = sum(1 for x, _ in ratios if x >= TARGET_RATIO and _ != "<")
    prepared = [x for x in (ratio(r.get("rdflib_prepared"), r["oxigraph_same"]) for r in data["rows"]) if x is not None]
    met_prepared = sum(1 for x, _ in prepared if x >= TARGET_RATIO and _ != "<")
    parts = [
        f"Command: `{data['command']}` ({data['date']}); load average {data['load']} at the start.",
        "",
        f"Oxigraph (embedded, read-only, `use_default_graph_as_union`) on `{data['out']}` ({big}); "
        f"rdflib {data['rdflib_version']} `Dataset(default_union=True)` in memory on "
        + (f"the same graph, loaded in {data['rdflib_load_s']:.0f} s." if same else
           f"`{data['rdflib_out']}` ({small}), loaded in {data['rdflib_load_s']:.0f} s: rdflib on the largest "
           f"graph would need every quad in Python objects (about {data['quads'] / max(data['rdflib_quads'], 1):.0f}× "
           f"this one), so the ratio compares both engines on this smaller graph, where Oxigraph is timed too.")
        + f" Parameters are the busiest entity of their type ({', '.join(f'{k}: `{v}`' for k, v in data['picks'].items())}). "
        f"Oxigraph: {data['repeats']} timed runs after a warm-up (at least 5, fewer when they pass {data['budget']:.0f} s); "
        f"rdflib: up to {data['rdflib_repeats']} runs within {data['budget']:.0f} s per query, each stopped after "
        f"{data['timeout']:.0f} s (`>`, and for Oxigraph after {data['timeout']:.0f} s + the budget, in a child process); "
        "A run goes from the query text to the last row on both engines (each parses the query every "
        "time, as `kg query` does); the *evaluation only* columns time rdflib on a query prepared once, "
        "untimed, which Oxigraph's API does not offer. Times include materialising every row.",
        "",
        md_table(headers, table, align="lr" + "r" * (len(headers) - 2)),
        *[f"\nrdflib fails on `{r['query']}`: {r['rdflib']['error']}." for r in data["rows"]
          if r["rdflib"] and r["rdflib"].get("error")],
        *[f"\nRow counts differ on `{r['query']}`: Oxigraph {r['oxigraph_same']['rows']:,}, rdflib {r['rdflib']['rows']:,}."
          for r in data["rows"] if r["rdflib"] and r["oxigraph_same"] and r["rdflib"].get("rows") is not None
          and r["oxigraph_same"].get("rows") is not None and r["rdflib"]["rows"] != r["oxigraph_same"]["rows"]],
        "",
        f"Targets: p50 under 50 ms on the {data['reports']:,}-report graph: {met_p50} of {len(data['rows'])} queries; "
        f"at least 20× faster than rdflib in memory (p50 on the same graph, query text to rows): {met_ratio} of "
        f"{len(ratios)}; against rdflib's evaluation alone: {met_prepared} of {len(prepared)}.",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> dict:
    """Run the query benchmark and write its results; return them."""
    import rdflib

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="the build to query (default: the largest under --work)")
    parser.add_argument("--rdflib-out", type=Path, help="the build rdflib loads (default: --out, or the largest "
                        "build under --work within --rdflib-max-quads)")
    parser.add_argument("--rdflib-max-quads", type=int, default=1_200_000)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--repeats", type=int, default=30, help="timed Oxigraph runs per query")
    parser.add_argument("--rdflib-repeats", type=int, default=10, help="most timed rdflib runs per query")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run is stopped")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timed runs per query and engine")
    parser.add_argument("--quick", action="store_true", help="5 Oxigraph runs, 3 rdflib runs, 10 s timeout")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.rdflib_repeats, args.timeout, args.budget = 5, 3, 10.0, 10.0
    out = args.out or largest_build(args.work)
    if out is None:
        raise SystemExit(f"no build found under {args.work}: run bench/build_throughput.py or give --out")
    rdflib_out = args.rdflib_out
    if rdflib_out is None:
        rdflib_out = out if len(open_store(out)) <= args.rdflib_max_quads else largest_build(args.work, args.rdflib_max_quads)
        if rdflib_out is None:
            raise SystemExit(f"no build of at most {args.rdflib_max_quads:,} quads for rdflib: give --rdflib-out")
    data = {"command": command_line(), "date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(),
            "repeats": args.repeats, "rdflib_repeats": args.rdflib_repeats, "timeout": args.timeout,
            "budget": args.budget, "rdflib_version": rdflib.__version__}
    data.update(measure(out, rdflib_out, args.repeats, args.rdflib_repeats, args.timeout, args.budget))
    save_json("query", data)
    (RESULTS / "query.md").write_text(markdown(data) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    main()
