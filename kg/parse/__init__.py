"""Parse stage: ``parse_report(doc: SourceDoc) -> Report``.

``report`` recognises the layout and assembles the ``Report``; one module per
concern reads its part: ``header`` (meeting metadata, next meeting),
``agenda`` (agenda items; mapping sections to items), ``sections``
(sections and paragraphs), ``sentences``, ``actions``, ``roster``
(participant lists), ``transcript`` (caption turns), ``mail`` (mailing-list
messages), ``dates``, ``links`` and ``blocks`` (the tiling of the text), on
top of ``text`` (lines and markup-free views with offsets), ``headings``,
``names`` and ``vocab``.  Vocabularies and patterns are JSON data files under
``kg/parse/patterns/``.
"""

from kg.parse.report import parse_report

__all__ = ["parse_report"]
