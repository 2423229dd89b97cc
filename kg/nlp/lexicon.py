"""Load the word lists and patterns the NLP rules use (``kg/nlp/patterns/``).

Every list the attribution, role, organisation and name rules consult is data,
so that a user can read and extend it without touching code; this module
turns the files into one frozen :class:`Lexicon`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Mapping

from kg.errors import NLPError

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"


@dataclass(frozen=True)
class VerbEntry:
    """A reporting or acting verb; ``objects`` non-empty means it needs one."""

    lemma: str
    objects: frozenset[str] = frozenset()
    window: int = 0


@dataclass(frozen=True)
class KnownOrganisation:
    """A well-known organisation: ``key`` is its canonical slug."""

    key: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Every word list the rules use, read from the pattern files."""

    verbs: Mapping[str, VerbEntry]
    between: frozenset[str]
    passive: frozenset[str]
    modal: frozenset[str]
    embedding: frozenset[str]
    present_followers: frozenset[str]
    prepositions: frozenset[str]
    np_prepositions: frozenset[str]
    determiners: frozenset[str]
    np_modifiers: frozenset[str]
    sentence_words: frozenset[str]
    name_particles: frozenset[str]
    impersonal_starts: tuple[str, ...]
    item_cues: tuple[str, ...]
    self_introductions: tuple[str, ...]
    self_introductions_checked: tuple[str, ...]
    self_introduction_ends: frozenset[str]
    label_words: frozenset[str]
    honorifics: Mapping[str, str | None]
    honorific_needs_name: frozenset[str]
    role_heads: frozenset[str]
    chair_like: frozenset[str]
    past_words: frozenset[str]
    anonymous_label_words: frozenset[str]
    organisation_heads: frozenset[str]
    capitalised_only: frozenset[str]
    group_heads: frozenset[str]
    standalone_organisations: frozenset[str]
    not_head_before: frozenset[str]
    subject_pronouns: Mapping[str, str]
    first_person: frozenset[str]
    other_pronouns: Mapping[str, str]
    organisations: tuple[KnownOrganisation, ...]
    candidate_stoplist: frozenset[str]
    countries: frozenset[str]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NLPError("pattern file is missing", path=str(path), hint="reinstall kg or restore kg/nlp/patterns/") from None
    except json.JSONDecodeError as err:
        raise NLPError(f"pattern file is not valid JSON: {err.msg} at line {err.lineno}", path=str(path), hint="fix the JSON syntax") from None


def _words(values: Any, path: Path, key: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise NLPError(f"'{key}' must be a list of strings", path=str(path), hint="see the file's 'description'")
    return frozenset(values)


def _lower(values: frozenset[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _verbs(path: Path) -> dict[str, VerbEntry]:
    data = _read_json(path)
    verbs: dict[str, VerbEntry] = {}
    for i, item in enumerate(data.get("verbs", [])):
        try:
            entry = VerbEntry(
                lemma=item["lemma"],
                objects=frozenset(o.lower() for o in item.get("objects", [])),
                window=int(item.get("window", 0)),
            )
            forms = item["forms"]
        except (KeyError, TypeError, ValueError) as err:
            raise NLPError(f"verb entry {i} is malformed ({err})", path=str(path), hint="each entry needs 'lemma' and 'forms'") from None
        for form in forms:
            verbs[form.lower()] = entry
    if not verbs:
        raise NLPError("no reporting verbs defined", path=str(path), hint="add entries under 'verbs'")
    return verbs


def _organisations(path: Path) -> tuple[KnownOrganisation, ...]:
    orgs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise NLPError("pattern file is missing", path=str(path), hint="reinstall kg or restore kg/nlp/patterns/") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            orgs.append(KnownOrganisation(item["id"], item["name"], item.get("acronym"), tuple(item.get("aliases", []))))
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise NLPError(f"line {n} is not an organisation entry ({err})", path=str(path), hint='each line is {"id": ..., "name": ..., "acronym": ..., "aliases": [...]}') from None
    return tuple(orgs)


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = PATTERNS_DIR) -> Lexicon:
    """Read every pattern file under ``directory`` into a :class:`Lexicon`.

    Raises:
        NLPError: a file is missing or malformed (the message names it).
    """
    clause_path = directory / "clause_words.json"
    clause = _read_json(clause_path)
    hon_path = directory / "honorifics.json"
    hon = _read_json(hon_path)
    roles_path = directory / "roles.json"
    roles = _read_json(roles_path)
    agents_path = directory / "agents.json"
    agents = _read_json(agents_path)
    pron_path = directory / "pronouns.json"
    pron = _read_json(pron_path)
    stoplist = frozenset(line.lower() for line in _lines(directory / "candidate_stoplist.txt"))
    countries = frozenset(_lines(directory / "countries.txt"))

    def cw(key: str) -> frozenset[str]:
        return _words(clause.get(key), clause_path, key)

    return Lexicon(
        verbs=_verbs(directory / "reporting_verbs.json"),
        between=_lower(cw("between")),
        passive=_lower(cw("passive")),
        modal=_lower(cw("modal")),
        embedding=_lower(cw("embedding")),
        present_followers=_lower(cw("present_followers")),
        prepositions=_lower(cw("prepositions")),
        np_prepositions=_lower(cw("np_prepositions")),
        determiners=_lower(cw("determiners")),
        np_modifiers=_lower(cw("np_modifiers")),
        sentence_words=cw("sentence_words"),
        name_particles=_lower(cw("name_particles")),
        impersonal_starts=tuple(s.lower() for s in clause.get("impersonal_starts", [])),
        item_cues=tuple(s.lower() for s in clause.get("item_cues", [])),
        self_introductions=tuple(s.lower() for s in clause.get("self_introductions", [])),
        self_introductions_checked=tuple(s.lower() for s in clause.get("self_introductions_checked", [])),
        self_introduction_ends=_lower(_words(clause.get("self_introduction_ends", []), clause_path, "self_introduction_ends")),
        label_words=cw("label_words"),
        honorifics=dict(hon.get("honorifics", {})),
        honorific_needs_name=_words(hon.get("needs_name", []), hon_path, "needs_name"),
        role_heads=_lower(_words(roles.get("heads"), roles_path, "heads")),
        chair_like=_lower(_words(roles.get("chair_like"), roles_path, "chair_like")),
        past_words=_lower(_words(roles.get("past"), roles_path, "past")),
        anonymous_label_words=_lower(_words(roles.get("anonymous", []), roles_path, "anonymous")),
        organisation_heads=_lower(_words(agents.get("organisation_heads"), agents_path, "organisation_heads")),
        capitalised_only=_lower(_words(agents.get("capitalised_only"), agents_path, "capitalised_only")),
        group_heads=_lower(_words(agents.get("group_heads"), agents_path, "group_heads")),
        standalone_organisations=_lower(_words(agents.get("standalone"), agents_path, "standalone")),
        not_head_before=_lower(_words(agents.get("not_head_before"), agents_path, "not_head_before")),
        subject_pronouns=dict(pron.get("subject", {})),
        first_person=frozenset(w.lower() for w in pron.get("first_person", [])),
        other_pronouns=dict(pron.get("other", {})),
        organisations=_organisations(directory / "organisations.jsonl"),
        candidate_stoplist=stoplist,
        countries=countries,
    )


def _lines(path: Path) -> list[str]:
    """The non-blank, non-comment lines of a text pattern file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NLPError("pattern file is missing", path=str(path), hint="reinstall kg or restore kg/nlp/patterns/") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
