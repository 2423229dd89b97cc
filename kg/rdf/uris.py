"""Deterministic data IRIs minted from canonical keys.

Every IRI is ``BASE`` + a path built from keys (document ids, slugs, counters), so
building the same reports twice, in any order, gives the same IRIs.  Names keep
their diacritics in ``schema:name``; only the IRI slugs fold them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

BASE = "https://w3id.org/igfkg/id/"
CORPUS_GRAPH = BASE + "graph/corpus"
TOPIC_SCHEME = BASE + "topic-scheme"
UNRESOLVED = "unresolved"

# Letters NFKD does not decompose into a base letter plus combining marks.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l",
     "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "œ": "oe", "Œ": "oe", "ı": "i"}
)
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """A lowercase ``a-z0-9-`` slug with diacritics folded (non-Latin letters are kept).

    ``slugify("Dóra Ísleifsdóttir Þór") == "dora-isleifsdottir-thor"``; an
    input with no letters or digits gives ``"x"`` so that every key mints an IRI.
    """
    folded = text
    # Folding until nothing changes: decomposing can leave a letter the table maps ("Ǽ" -> "æ"
    # -> "ae"), and case folding can change what decomposing gave ("ϲ" -> "σ"), so one pass is
    # not always a slug of itself.  casefold first, so that "ẞ" becomes "ss", not "ß".
    for _ in range(4):
        again = unicodedata.normalize("NFKD", folded.casefold().translate(_FOLD))
        again = "".join(ch for ch in again if not unicodedata.combining(ch)).lower()
        if again == folded:
            break
        folded = again
    slug = _SEPARATORS.sub("-", folded).strip("-")
    return slug or "x"


def _seg(value: str) -> str:
    """Percent-encode one path segment (document ids are file stems and may hold spaces)."""
    return quote(value, safe="-._~", errors="surrogatepass")


def _path(value: str) -> str:
    """Percent-encode a key that may itself hold ``/``-separated segments."""
    return "/".join(_seg(part) for part in value.split("/"))


def report(doc_id: str) -> str:
    return f"{BASE}report/{_seg(doc_id)}"


def graph(doc_id: str) -> str:
    """The named graph holding what report ``doc_id`` says."""
    return f"{BASE}graph/{_seg(doc_id)}"


def series(series_key: str) -> str:
    return f"{BASE}series/{_seg(series_key)}"


def meeting(series_key: str, doc_id: str, date: str | None = None, number: str | None = None) -> str:
    """``meeting/<series>/<YYYY-MM-DD>``, else ``.../n<number>``, else ``.../<doc_id>``."""
    if date:
        tail = date[:10]
    elif number:
        tail = "n" + slugify(number)
    else:
        tail = doc_id
    return f"{BASE}meeting/{_seg(series_key)}/{_seg(tail)}"


@lru_cache(maxsize=1 << 16)
def person(key: str) -> str:
    """A resolved person (``person/<key>``) or a placeholder keyed ``unresolved/<doc>/<slug>``."""
    return f"{BASE}person/{_path(key)}"


def unresolved_key(doc_id: str, name: str) -> str:
    """The key of the placeholder person that keeps ``name`` as written in ``doc_id``."""
    return f"{UNRESOLVED}/{doc_id}/{slugify(name)}"


@lru_cache(maxsize=1 << 14)
def organisation(key: str) -> str:
    return f"{BASE}org/{_path(key)}"


def group(doc_id: str, name: str) -> str:
    """A collective speaker ("MAG members") of one report."""
    return f"{BASE}group/{_seg(doc_id)}/{slugify(name)}"


@lru_cache(maxsize=1 << 12)
def topic(key: str) -> str:
    return f"{BASE}topic/{_seg(key)}"


def role(label: str) -> str:
    return f"{BASE}role/{slugify(label)}"


def record(kind: str, doc_id: str, local: str | int) -> str:
    """A per-report record: ``<kind>/<doc_id>/<local>`` (``intervention``, ``agenda``, ...)."""
    return f"{BASE}{kind}/{_seg(doc_id)}/{_path(str(local))}"
