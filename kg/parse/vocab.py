"""Load the parser's vocabularies and patterns from ``kg/parse/patterns/*.json``."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import ParseError

PATTERNS_DIR = Path(__file__).with_name("patterns")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON data file ``patterns/<name>.json``.

    Raises:
        ParseError: the file is missing or not valid JSON (a broken install).
    """
    path = PATTERNS_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ParseError(
            f"pattern file {name}.json is missing", path=str(path), hint="reinstall kg; the package data is incomplete"
        ) from err
    except json.JSONDecodeError as err:
        raise ParseError(
            f"pattern file {name}.json is not valid JSON: {err}", path=str(path), hint="fix the JSON syntax"
        ) from err
    if not isinstance(data, dict):
        raise ParseError(f"pattern file {name}.json must hold a JSON object", path=str(path))
    return data


@lru_cache(maxsize=None)
def regex(name: str, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The compiled regular expression ``load(name)[key]``.

    Raises:
        ParseError: the key is missing or the pattern does not compile.
    """
    data = load(name)
    if key not in data:
        raise ParseError(f"pattern {key!r} is missing from {name}.json", path=str(PATTERNS_DIR / f"{name}.json"))
    try:
        return re.compile(data[key], flags)
    except re.error as err:
        raise ParseError(
            f"pattern {key!r} in {name}.json does not compile: {err}", path=str(PATTERNS_DIR / f"{name}.json")
        ) from err


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """The lower-cased list ``load(name)[key]`` as a set."""
    return frozenset(str(w).lower() for w in load(name).get(key, ()))


@lru_cache(maxsize=None)
def phrase_regex(name: str, key: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive alternation of the phrases in ``load(name)[key]``."""
    phrases = sorted((str(p) for p in load(name).get(key, ())), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
