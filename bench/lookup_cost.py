"""What one index lookup costs: the embedded store on disk, the same quads in memory, and rdflib.

The kit's queries are now mostly a page of index lookups (``bench/query_latency.py``), so
their ratio against rdflib is about the ratio of one lookup.  This measures it directly on
a build: ``--lookups`` calls of ``quads_for_pattern(subject, kg:date, None, None)`` on
random subjects that have a date, and the same lookups through SPARQL (a ``VALUES`` join
over 1,000 of them), on

- the store under ``--out`` as kg opens it (on disk, read-only);
- a copy of its quads in pyoxigraph's in-memory store (``--memory``: a 10,000-report
  build takes about a minute and 3 GB to copy);
- an ``rdflib.Dataset(default_union=True)`` with the same quads (``--rdflib``; slow to load
  on a large build).

Writes ``bench/results/lookup_cost.md``.

    .venv/bin/python bench/lookup_cost.py --out /tmp/kg-bench/out-100-none-w2 --memory --rdflib
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from common import RESULTS, command_line, loadavg, md_table

from kg.rdf.store import open_store
from kg.rdf.vocab import NAMESPACE

DATE = ox.NamedNode(NAMESPACE + "date")


def _median_us(run, repeats: int, count: int) -> float:
    run()  # warm-up
    return statistics.median(_timed(run) for _ in range(repeats)) / count * 1e6


def _timed(run) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def oxigraph_costs(store: ox.Store, subjects: list[ox.NamedNode], repeats: int) -> tuple[float, float]:
    """Microseconds per lookup: ``quads_for_pattern``, and per row of a ``VALUES`` join."""
    def calls():
        for s in subjects:
            for _ in store.quads_for_pattern(s, DATE, None, None):
                pass

    values = " ".join(f"<{s.value}>" for s in subjects[:1000])
    sparql = f"SELECT ?d WHERE {{ VALUES ?s {{ {values} }} ?s <{DATE.value}> ?d }}"

    def join():
        for _ in store.query(sparql, use_default_graph_as_union=True):
            pass

    return _median_us(calls, repeats, len(subjects)), _median_us(join, repeats, min(1000, len(subjects)))


def rdflib_costs(store: ox.Store, subjects: list[ox.NamedNode], repeats: int) -> tuple[float, float]:
    from rdflib import Dataset, URIRef

    dataset = Dataset(default_union=True)
    dataset.parse(data=ox.serialize(store, format=ox.RdfFormat.N_QUADS), format="nquads")
    date = URIRef(DATE.value)
    refs = [URIRef(s.value) for s in subjects]

    def calls():
        for s in refs:
            for _ in dataset.triples((s, date, None)):
                pass

    values = " ".join(f"<{s.value}>" for s in subjects[:1000])
    sparql = f"SELECT ?d WHERE {{ VALUES ?s {{ {values} }} ?s <{DATE.value}> ?d }}"

    def join():
        for _ in dataset.query(sparql):
            pass

    return _median_us(calls, repeats, len(refs)), _median_us(join, repeats, min(1000, len(refs)))


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="a build's output folder (holding store/)")
    ap.add_argument("--lookups", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--memory", action="store_true", help="also copy the quads into an in-memory store")
    ap.add_argument("--rdflib", action="store_true", help="also load the quads into rdflib")
    args = ap.parse_args(argv)

    started = time.strftime("%Y-%m-%d %H:%M")
    load = loadavg()
    disk = open_store(args.out)
    dated = [q.subject for q in disk.quads_for_pattern(None, DATE, None, None) if isinstance(q.subject, ox.NamedNode)]
    rng = random.Random(1)
    subjects = [rng.choice(dated) for _ in range(args.lookups)]
    rows = [["Oxigraph on disk (as kg opens it)", *(round(x, 2) for x in oxigraph_costs(disk, subjects, args.repeats))]]
    if args.memory:
        memory = ox.Store()
        memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        rows.append(["Oxigraph in memory (a copy)", *(round(x, 2) for x in oxigraph_costs(memory, subjects, args.repeats))])
    if args.rdflib:
        rows.append(["rdflib Dataset in memory", *(round(x, 2) for x in rdflib_costs(disk, subjects, args.repeats))])
    calls, joins = rows[0][1], rows[0][2]
    for row in rows:
        row[3:] = [f"{row[1] / calls:.1f}×", f"{row[2] / joins:.1f}×"]
    table = md_table(["store", "µs per quads_for_pattern", "µs per row of a VALUES join",
                      "calls against on disk", "join rows against on disk"], rows, "lrrrr")
    text = (f"Command: `{command_line()}` ({started}); load average {load} at the start.\n\n"
            f"{len(disk):,} quads in `{args.out}`; {args.lookups:,} lookups of `kg:date` on random dated subjects, "
            f"median of {args.repeats} runs.\n\n{table}\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lookup_cost.md").write_text(text, encoding="utf-8")
    print(text)
    return {"rows": rows}


if __name__ == "__main__":
    main()
