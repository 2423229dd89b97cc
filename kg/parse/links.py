"""URLs of a report: the links ingest found, plus bare URLs written in the text."""

from __future__ import annotations

from kg.model import Link, SourceDoc
from kg.parse.text import URL_RE

_TRAILING = ".,;:!?'\""


def find_links(doc: SourceDoc, text: str | None = None) -> tuple[Link, ...]:
    """``doc.links`` and every bare URL in ``text`` (default ``doc.text``) not already among them, in order."""
    text = doc.text if text is None else text
    found = [link for link in doc.links if 0 <= link.start <= link.end <= len(doc.text)]
    taken = [(link.start, link.end) for link in found]
    for m in URL_RE.finditer(text):
        start, end = m.start(), m.end()
        url = m.group()
        # trailing punctuation and an unbalanced closing bracket end the sentence, not the URL
        while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url, end = url[:-1], end - 1
        if len(url) < 8 or any(s < end and start < e for s, e in taken):
            continue
        found.append(Link(url=url if "://" in url else f"http://{url}", start=start, end=end))
        taken.append((start, end))
    found.sort(key=lambda link: (link.start, link.end))
    return tuple(found)
