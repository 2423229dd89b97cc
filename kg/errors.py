"""Errors raised by library code.

Every error says what failed, where, and what to do next.  Only ``kg.cli``
turns them into messages and exit codes.  Data-quality findings (an
unresolved speaker, a report with no participant list) are results, not
exceptions.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: ``str(err)`` is a complete message for a user."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        self.message = message
        self.path = path
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class IngestError(KGError):
    """A file could not be read as a report (empty, binary, encrypted, ...)."""


class ParseError(KGError):
    """A report's text could not be parsed."""


class NLPError(KGError):
    """The NLP pipeline could not be set up or run."""


class BuildError(KGError):
    """Nothing could be built: every input failed. ``failures`` names each file and why."""

    def __init__(self, message: str, failures: tuple[tuple[str, str], ...] = (), **kwargs):
        self.failures = failures
        super().__init__(message, **kwargs)

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [f"  {path}: {reason}" for path, reason in self.failures]
        return "\n".join(lines)


class ResolveError(KGError):
    """Identity resolution could not run (e.g. a malformed alias file)."""


class GraphError(KGError):
    """The graph could not be built or validated."""


class StoreError(KGError):
    """The store is missing, locked, or could not be written."""


class QueryError(KGError):
    """A SPARQL query is unknown, malformed, or missing a parameter."""


class VizError(KGError):
    """A view could not be rendered."""


class ServeError(KGError):
    """The SPARQL service could not start or a push failed."""


class SynthError(KGError):
    """A synthetic corpus could not be written (bad arguments, a foreign output folder, bad data files)."""
