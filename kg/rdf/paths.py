"""Where the ontology files live, in a source checkout and in an installed package."""

from __future__ import annotations

from pathlib import Path

from kg.errors import GraphError

_PACKAGE = Path(__file__).resolve().parents[1]
_CANDIDATES = (_PACKAGE / "ontologies", _PACKAGE.parent / "ontologies")


def ontology_file(name: str) -> Path:
    """The path of ``ontologies/NAME`` (``kg.ttl``, ``shapes.ttl``, ``topics.ttl``).

    Raises:
        GraphError: when no ontology directory holds the file.
    """
    for folder in _CANDIDATES:
        path = folder / name
        if path.is_file():
            return path
    looked = ", ".join(str(folder) for folder in _CANDIDATES)
    raise GraphError(
        f"ontology file {name!r} not found (looked in {looked})",
        hint="reinstall the package or run from a checkout that has ontologies/",
    )
