"""kg: a knowledge-graph builder for IGF MAG meeting reports.

Who said what, about which topic, when, and how that evolved: reports are
ingested, parsed, annotated with spaCy, resolved to people across meetings and
stored as RDF named graphs in an embedded Oxigraph store, queried with SPARQL
and explored in the browser.
"""

__version__ = "0.1.0"
