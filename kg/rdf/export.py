"""Export the store as RDF files: Turtle, TriG, N-Quads or JSON-LD.

Turtle holds no named graphs, so it gets the union of every graph (what the
default graph of a query sees); TriG, N-Quads and JSON-LD keep each report's
named graph and the corpus graph.  The networkx projection (GraphML, GEXF) is
not RDF: it lives in ``kg.viz.project.export_network``.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError
from kg.rdf import uris
from kg.rdf.store import open_store

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
NETWORK_FORMATS = ("graphml", "gexf")


def _prefixes() -> dict[str, str]:
    from kg.query import PREFIXES

    return {**PREFIXES, "id": uris.BASE}


def export(out: Path, fmt: str, dest: Path | None = None) -> bytes | None:
    """Serialise the store under ``out`` as ``fmt``; write it to ``dest``, or return the bytes.

    Raises:
        GraphError: for an unknown format (GraphML/GEXF point to the network export).
        StoreError: when ``out`` holds no store.
    """
    if fmt in NETWORK_FORMATS:
        raise GraphError(
            f"{fmt} is a network projection, not RDF",
            hint="use kg.viz.project.export_network (the CLI: kg export --format " + fmt + " -o FILE)",
        )
    if fmt not in FORMATS:
        raise GraphError(f"unknown export format {fmt!r}",
                         hint=f"use one of {', '.join([*FORMATS, *NETWORK_FORMATS])}")
    store = open_store(out)
    rdf_format = FORMATS[fmt]
    prefixes = _prefixes() if fmt in ("turtle", "trig") else None
    if fmt == "turtle":
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    else:
        data = store.dump(format=rdf_format, prefixes=prefixes)
    if dest is None:
        return data
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return None
