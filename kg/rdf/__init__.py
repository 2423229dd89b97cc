"""The RDF stage: graphs from annotations, the on-disk store, and export.

``build_graph`` (``kg.rdf.graph``) turns annotations and the resolution into one
named graph per report plus the corpus graph; ``write_store`` / ``open_store``
(``kg.rdf.store``) keep them in an embedded Oxigraph store; ``export``
(``kg.rdf.export``) writes RDF files.  The ``kg:`` vocabulary is ``kg.rdf.vocab.KG``,
generated from ``ontologies/kg.ttl``.
"""

from kg.rdf.graph import CorpusGraphs, NamedGraph, build_graph
from kg.rdf.store import StoreStats, open_store, to_rdflib, write_store

__all__ = ["CorpusGraphs", "NamedGraph", "StoreStats", "build_graph", "open_store", "to_rdflib", "write_store"]
