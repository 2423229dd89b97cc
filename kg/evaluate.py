"""Score a built graph against gold annotations: ``evaluate(out_dir, gold_dir) -> EvalReport``.

The graph is read from the store with the SPARQL of ``kg/queries/eval/*.rq`` (terms of
the graph contract only), so any build that honours the contract can be scored.  Gold
files follow ``shared/eval/README.md``: one ``<report>.json`` per report, matched to
the graph's reports by ``kg:fileName``, and ``topics.json`` with the topic inventory.

Seven things are scored per report, then micro-averaged over reports:

``participants``
    gold participant names against the people who ``kg:attended`` the meeting (by
    ``schema:name`` or any ``skos:altLabel``/``schema:alternateName``, since gold
    spells an entry as its list does, typos included);
``speakers``
    gold speakers against the people speaking in the report's interventions (or
    ``kg:spokeAt`` its meeting).  A named gold speaker matches a resolved person of a
    matching name; a gold speaker whose name is ``null`` matches an *unresolved* person
    (``kg:unresolved true`` or an IRI under ``person/unresolved/``) attributed with one of
    its mentions.  A system that attributes such a mention to a resolved person has
    guessed: each such guess counts as a false positive, even when that person is
    otherwise a correct speaker;
``topics``
    gold topic ids against the concepts ``kg:discussedAt`` the meeting, a concept
    matching a gold topic when one of its ``skos:prefLabel``/``skos:altLabel`` equals
    one of the topic's aliases (or its label);
``speaker_topics``
    gold ``[speaker, topic]`` pairs against (resolved speaker, concept) pairs of the
    report's interventions;
``meeting``
    the gold meeting's ``date``, ``number`` and ``start_time_utc`` against the described
    meeting's ``schema:startDate`` and ``kg:meetingNumber`` (a field gold leaves null is not
    scored, and a start time only when the graph states one in UTC);
``agenda``
    gold agenda titles against the report's top-level ``kg:AgendaItem`` names (equal up to
    case and punctuation, or nearly: a fuzzy ratio of 90);
``action_items``
    gold action texts against the report's ``kg:ActionItem`` texts (a fuzzy ratio of 85),
    only for gold files that list action items.

The last two read kg's own terms, not the graph contract's.

Names compare case-, accent- and punctuation-insensitively, in either order
("Novakova, Tereza" = "Tereza Novakova"), and a name of two words or more
contained in the other with the same family name matches ("Lito Barreda" ~
"Jose Lito Barreda").  Items are paired one-to-one (a maximum matching), so one
system person cannot satisfy two gold entries.  With nothing predicted, precision
is 1; with nothing to find, recall is 1.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rich.table import Table

from rapidfuzz import fuzz

from kg.errors import KGError
from kg.rdf import uris

__all__ = ["CATEGORIES", "EvalReport", "ReportEval", "Score", "evaluate", "evaluate_store", "names_match"]

CATEGORIES = ("participants", "speakers", "topics", "speaker_topics", "meeting", "agenda", "action_items")
AGENDA_MATCH = 90.0
"""Fuzzy ratio (0-100) above which an agenda title matches a gold title."""
ACTION_MATCH = 85.0
"""Fuzzy ratio (0-100) above which an action item's text matches a gold action."""
QUERY_DIR = Path(__file__).resolve().parent / "queries" / "eval"
UNRESOLVED_PREFIX = uris.person(uris.UNRESOLVED + "/")


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class ReportEval:
    """The scores of one gold report; ``found`` is false when the graph lacks the report.

    ``missed`` and ``extra`` list, per category, the gold items the graph lacks and
    the graph's items gold does not have; ``guessed`` lists speaker mentions gold
    leaves unresolved that the graph attributed to a person.
    """

    file: str
    found: bool
    scores: dict[str, Score]
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    guessed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "found": self.found,
            "scores": {c: self.scores[c].to_dict() for c in CATEGORIES},
            "missed": {c: list(self.missed.get(c, ())) for c in CATEGORIES},
            "extra": {c: list(self.extra.get(c, ())) for c in CATEGORIES},
            "guessed": list(self.guessed),
        }


@dataclass(frozen=True)
class EvalReport:
    """Per-report and micro-averaged precision, recall and F1."""

    reports: tuple[ReportEval, ...]

    @property
    def micro(self) -> dict[str, Score]:
        """Scores summed over reports per category."""
        return {c: sum((r.scores[c] for r in self.reports), Score()) for c in CATEGORIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": [r.to_dict() for r in self.reports],
            "micro": {c: s.to_dict() for c, s in self.micro.items()},
        }

    def to_json(self) -> str:
        """The report as indented JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_table(self) -> Table:
        """A rich table: one row per report and category, then the micro-averages."""
        table = Table(title="Evaluation against gold annotations", show_lines=False)
        table.add_column("report", no_wrap=True)
        table.add_column("category", no_wrap=True)
        for name in ("P", "R", "F1"):
            table.add_column(name, justify="right")
        for name in ("TP", "FP", "FN"):
            table.add_column(name, justify="right", style="dim")

        def rows(label: str, scores: dict[str, Score], note: str = "") -> None:
            for i, category in enumerate(CATEGORIES):
                s = scores[category]
                table.add_row(
                    (label + note) if i == 0 else "",
                    category.replace("_", "-"),
                    f"{s.precision:.2f}",
                    f"{s.recall:.2f}",
                    f"{s.f1:.2f}",
                    str(s.tp),
                    str(s.fp),
                    str(s.fn),
                )
            table.add_section()

        for r in self.reports:
            rows(r.file, r.scores, "" if r.found else " (not in the graph)")
        rows("micro-average", self.micro)
        return table


# --------------------------------------------------------------------------- matching rules


_SPECIAL_LETTERS = str.maketrans({"ð": "d", "þ": "th", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ß": "ss", "đ": "d", "ı": "i"})


def _fold_words(text: str) -> tuple[str, ...]:
    """Words folded for comparison: no case, accents, apostrophes or other punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(_SPECIAL_LETTERS)
    text = "".join(c if c.isalnum() else " " for c in text.replace("'", "").replace("’", ""))
    return tuple(text.split())


@cache
def _name_words(name: str) -> tuple[str, ...]:
    """A name's words in natural order: "Novakova, Tereza" -> ("tereza", "novakova")."""
    if name.count(",") == 1:
        family, given = name.split(",")
        name = f"{given} {family}"
    return _fold_words(name)


def names_match(a: str, b: str) -> bool:
    """The README's rule: equal up to case, accents, punctuation and order, or containment with one family name."""
    x, y = _name_words(a), _name_words(b)
    if not x or not y:
        return False
    if x == y or sorted(x) == sorted(y):
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 2 and len(short) < len(long) and short[-1] == long[-1] and not (Counter(short) - Counter(long))


def _label_key(text: str) -> str:
    return " ".join(_fold_words(text))


def _match(gold: Sequence[Any], system: Sequence[Any], fits: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between gold and system items (Kuhn's augmenting paths)."""
    options = [[j for j, s in enumerate(system) if fits(g, s)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _score(gold: Sequence[Any], system: Sequence[Any], fits: Callable[[Any, Any], bool], show_gold, show_system):
    """Counts, the gold items missed and the system items extra, shown as text, and the matched pairs."""
    pairs = _match(gold, system, fits)
    matched_gold = {i for i, _ in pairs}
    matched_system = {j for _, j in pairs}
    missed = tuple(show_gold(g) for i, g in enumerate(gold) if i not in matched_gold)
    extra = tuple(show_system(s) for j, s in enumerate(system) if j not in matched_system)
    return Score(len(pairs), len(extra), len(missed)), missed, extra, pairs


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class _GoldSpeaker:
    name: str | None
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class _Gold:
    file: str
    participants: tuple[str, ...]
    speakers: tuple[_GoldSpeaker, ...]
    topics: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    meeting: tuple[tuple[str, str], ...] = ()
    agenda: tuple[str, ...] | None = None
    actions: tuple[str, ...] | None = None


def _gold_meeting(data: dict) -> tuple[tuple[str, str], ...]:
    meeting = data.get("meeting") or {}
    fields = (("date", meeting.get("date")), ("number", meeting.get("number")), ("start_time", meeting.get("start_time_utc")))
    return tuple((f, str(v).strip()) for f, v in fields if v not in (None, ""))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise KGError(f"cannot read gold file: {err}", path=str(path), hint="gold files are UTF-8 JSON, see shared/eval/README.md") from err


def _load_gold(gold_dir: Path) -> tuple[list[_Gold], dict[str, set[str]]]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise KGError("gold folder not found", path=str(gold_dir), hint="pass the folder holding the gold JSON files with --gold")
    topics_path = gold_dir / "topics.json"
    aliases: dict[str, set[str]] = defaultdict(set)
    if topics_path.is_file():
        data = _read_json(topics_path)
        try:
            for topic in data["topics"]:
                for alias in (topic.get("label") or "", *topic.get("aliases", ())):
                    if _label_key(alias):
                        aliases[_label_key(alias)].add(topic["id"])
        except (KeyError, TypeError, AttributeError) as err:
            raise KGError(f"topics.json is not a topic inventory ({err!r} missing or malformed)", path=str(topics_path),
                          hint='expected {"topics": [{"id": ..., "label": ..., "aliases": [...]}]}') from err
    golds = []
    for path in sorted(gold_dir.glob("*.json")):
        if path == topics_path:
            continue
        data = _read_json(path)
        try:
            golds.append(
                _Gold(
                    file=data["file"],
                    participants=tuple(p["name"] for p in data.get("participants", ()) if p.get("name")),
                    speakers=tuple(
                        _GoldSpeaker(s.get("name"), tuple(s.get("mentions", ()))) for s in data.get("speakers", ())
                    ),
                    topics=tuple(dict.fromkeys(data.get("topics", ()))),
                    pairs=tuple(dict.fromkeys((p[0], p[1]) for p in data.get("person_topics", ()))),
                    meeting=_gold_meeting(data),
                    agenda=tuple(data["agenda"]) if data.get("agenda") is not None else None,
                    actions=(tuple(a["text"] for a in data["action_items"])
                             if data.get("action_items") is not None else None),
                )
            )
        except (KeyError, TypeError, IndexError, AttributeError) as err:
            raise KGError(f"not a gold report ({err!r} missing or malformed)", path=str(path),
                          hint="see shared/eval/README.md for the format") from err
    if not golds:
        raise KGError("no gold report files found", path=str(gold_dir), hint="expected <report>.json files beside topics.json")
    return golds, dict(aliases)


# --------------------------------------------------------------------------- graph


@cache
def _query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise KGError(f"evaluation query missing: {err}", path=str(path), hint="reinstall kg") from err


def _select(store: ox.Store, name: str) -> list[dict[str, str]]:
    """Run one eval query over every graph; rows map variable names to term values."""
    solutions = store.query(_query_text(name), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


@dataclass(frozen=True)
class _SystemPerson:
    iri: str
    name: str
    unresolved: bool
    texts: frozenset[str] = frozenset()
    other_names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Concept:
    iri: str
    label: str
    gold_ids: frozenset[str]


class _Graph:
    """What the store says, read with a few whole-store queries and indexed by report and meeting.

    Simple queries joined here run in milliseconds where one query joining
    interventions, people and labels took seconds per report.
    """

    def __init__(self, store: ox.Store, topic_aliases: dict[str, set[str]]):
        self.reports: dict[str, tuple[str, str | None]] = {}
        for row in sorted(_select(store, "reports"), key=lambda r: (r["file"], r["report"], r.get("meeting", ""))):
            self.reports.setdefault(row["file"], (row["report"], row.get("meeting")))
        names: dict[str, set[str]] = defaultdict(set)
        self.other_names: dict[str, frozenset[str]] = defaultdict(frozenset)
        unresolved: dict[str, bool] = defaultdict(bool)
        for row in _select(store, "people"):
            iri = row["person"]
            if "name" in row:
                names[iri].add(row["name"])
            if "altName" in row:
                self.other_names[iri] |= {row["altName"]}
            unresolved[iri] |= row.get("unresolved") in ("true", "1") or iri.startswith(UNRESOLVED_PREFIX)
        self.people = {iri: (min(names[iri]) if names[iri] else "", flag) for iri, flag in unresolved.items()}
        self.attended = _group(_select(store, "attended"), "meeting", "person")
        self.spoke_at = _group(_select(store, "spoke-at"), "meeting", "person")
        self.texts: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.speakers: dict[str, set[str]] = defaultdict(set)
        for row in _select(store, "interventions"):
            self.speakers[row["report"]].add(row["person"])
            if row.get("text"):
                self.texts[(row["report"], row["person"])].add(row["text"])
        labels: dict[str, set[str]] = defaultdict(set)
        preferred: dict[str, set[str]] = defaultdict(set)
        for row in _select(store, "topic-labels"):
            labels[row["topic"]].add(row["label"])
            if row.get("kind") == "pref":
                preferred[row["topic"]].add(row["label"])
        self.concepts = {
            iri: _Concept(iri, min(preferred[iri] or labels[iri]), _topic_ids(labels[iri], topic_aliases)) for iri in labels
        }
        self.discussed = _group(_select(store, "discussed-at"), "meeting", "topic")
        self.pairs = _group(_select(store, "speaker-topics"), "report", "person", "topic")
        self.meetings = {row["meeting"]: (row.get("start"), row.get("number")) for row in _select(store, "meetings")}
        self.agenda: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for row in _select(store, "agenda"):
            self.agenda[row["report"]].append((int(row.get("position") or 0), row["title"]))
        self.actions: dict[str, list[str]] = defaultdict(list)
        for row in _select(store, "actions"):
            self.actions[row["report"]].append(row["text"])

    def person(self, iri: str, texts: Iterable[str] = ()) -> _SystemPerson | None:
        """A schema:Person of the graph (None for other agents such as organisations)."""
        if iri not in self.people:
            return None
        name, unresolved = self.people[iri]
        return _SystemPerson(iri, name, unresolved, frozenset(texts), self.other_names[iri])

    def concept(self, iri: str) -> _Concept:
        return self.concepts.get(iri) or _Concept(iri, iri, frozenset())


def _group(rows: Iterable[dict[str, str]], key: str, *values: str) -> dict[str, set]:
    grouped: dict[str, set] = defaultdict(set)
    for row in rows:
        if all(v in row for v in values):
            grouped[row[key]].add(row[values[0]] if len(values) == 1 else tuple(row[v] for v in values))
    return grouped


def _topic_ids(labels: Iterable[str], topic_aliases: dict[str, set[str]]) -> frozenset[str]:
    return frozenset().union(*(topic_aliases.get(_label_key(label), set()) for label in labels))


# --------------------------------------------------------------------------- scoring


def evaluate(out_dir: Path, gold_dir: Path) -> EvalReport:
    """Score the store built in ``out_dir`` against the gold files in ``gold_dir``.

    Raises:
        StoreError: ``out_dir`` holds no store.
        KGError: the gold folder is missing or a gold file is malformed.
    """
    from kg.rdf.store import open_store

    store = open_store(Path(out_dir))
    return evaluate_store(store, gold_dir)


def evaluate_store(store: ox.Store, gold_dir: Path) -> EvalReport:
    """Score an open Oxigraph store against the gold files in ``gold_dir``."""
    golds, topic_aliases = _load_gold(Path(gold_dir))
    graph = _Graph(store, topic_aliases)
    return EvalReport(tuple(_evaluate_one(graph, g) for g in golds))


def _show_gold_speaker(g: _GoldSpeaker) -> str:
    return g.name or f"(unresolved) {'/'.join(g.mentions)}"


def _evaluate_one(graph: _Graph, gold: _Gold) -> ReportEval:
    found = graph.reports.get(gold.file)
    if found is None:
        missed = {
            "participants": gold.participants,
            "speakers": tuple(_show_gold_speaker(s) for s in gold.speakers),
            "topics": gold.topics,
            "speaker_topics": tuple(f"{n} / {t}" for n, t in gold.pairs),
            "meeting": tuple(f"{f} {v}" for f, v in gold.meeting),
            "agenda": gold.agenda or (),
            "action_items": gold.actions or (),
        }
        scores = {c: Score(fn=len(missed[c])) for c in CATEGORIES}
        return ReportEval(gold.file, False, scores, missed, {c: () for c in CATEGORIES})

    report, meeting = found
    scores: dict[str, Score] = {}
    missed: dict[str, tuple[str, ...]] = {}
    extra: dict[str, tuple[str, ...]] = {}

    # A report describing no meeting has nobody attending it and nothing discussed at it.
    attendees = [p for p in (graph.person(i) for i in sorted(graph.attended.get(meeting, ()))) if p is not None]
    # Gold spells an entry as its list does ("Mateoz Ferreira"): a person whose other
    # names hold that spelling was identified, even if displayed as "Mateo Ferreira".
    scores["participants"], missed["participants"], extra["participants"], _ = _score(
        gold.participants, attendees,
        lambda g, s: any(names_match(g, n) for n in (s.name, *sorted(s.other_names))), str, lambda s: s.name,
    )

    speaker_iris = graph.speakers.get(report, set()) | graph.spoke_at.get(meeting, set())
    speakers = [
        p for p in (graph.person(i, graph.texts.get((report, i), ())) for i in sorted(speaker_iris)) if p is not None
    ]
    score, missed["speakers"], extra["speakers"], pairs = _score(
        gold.speakers, speakers, _speaker_fits, _show_gold_speaker,
        lambda s: f"(unresolved) {s.name}" if s.unresolved else s.name,
    )
    matched = {j for _, j in pairs}
    guessed = []
    for g in gold.speakers:
        if g.name is not None:
            continue
        wanted = {_label_key(m) for m in g.mentions}
        for j, s in enumerate(speakers):
            if not s.unresolved and wanted & {_label_key(t) for t in s.texts}:
                guessed.append(f"{'/'.join(g.mentions)} -> {s.name}")
                # An unmatched guess is already a false positive; a matched one costs one more.
                if j in matched:
                    score = score + Score(fp=1)
    scores["speakers"] = score

    concepts = [graph.concept(t) for t in sorted(graph.discussed.get(meeting, ()))]
    scores["topics"], missed["topics"], extra["topics"], _ = _score(
        gold.topics, concepts, lambda g, c: g in c.gold_ids, str, lambda c: c.label
    )

    system_pairs = []
    for person_iri, topic_iri in sorted(graph.pairs.get(report, ())):
        person = graph.person(person_iri)
        if person is not None and not person.unresolved:
            system_pairs.append((person, graph.concept(topic_iri)))
    scores["speaker_topics"], missed["speaker_topics"], extra["speaker_topics"], _ = _score(
        gold.pairs, system_pairs,
        lambda g, s: names_match(g[0], s[0].name) and g[1] in s[1].gold_ids,
        lambda g: f"{g[0]} / {g[1]}",
        lambda s: f"{s[0].name} / {s[1].label}",
    )

    start, number = graph.meetings.get(meeting, (None, None)) if meeting else (None, None)
    stated = _system_meeting(start, number)
    wanted = {f for f, _ in gold.meeting}
    scores["meeting"], missed["meeting"], extra["meeting"], _ = _score(
        gold.meeting, [(f, v) for f, v in stated if f in wanted],
        lambda g, s: g[0] == s[0] and g[1].casefold() == s[1].casefold(),
        lambda g: f"{g[0]} {g[1]}", lambda s: f"{s[0]} {s[1]}",
    )

    titles = [title for _, title in sorted(graph.agenda.get(report, ()))]
    if gold.agenda is None:
        scores["agenda"], missed["agenda"], extra["agenda"] = Score(), (), ()
    else:
        scores["agenda"], missed["agenda"], extra["agenda"], _ = _score(
            gold.agenda, titles, lambda g, s: _near(g, s, AGENDA_MATCH), str, str
        )
    if gold.actions is None:
        scores["action_items"], missed["action_items"], extra["action_items"] = Score(), (), ()
    else:
        texts = sorted(graph.actions.get(report, ()))
        scores["action_items"], missed["action_items"], extra["action_items"], _ = _score(
            gold.actions, texts, lambda g, s: _near(g, s, ACTION_MATCH), str, str
        )
    return ReportEval(gold.file, True, scores, missed, extra, tuple(guessed))


def _system_meeting(start: str | None, number: str | None) -> list[tuple[str, str]]:
    """The meeting's (field, value) pairs as gold writes them: a date, a number, a UTC start time."""
    out = []
    if start:
        out.append(("date", start[:10]))
        time = start[11:16] if len(start) >= 16 and start[10] == "T" else ""
        if time and start.endswith(("Z", "+00:00")):
            out.append(("start_time", time))
    if number:
        out.append(("number", number))
    return out


def _near(gold: str, system: str, threshold: float) -> bool:
    """Equal up to case, accents and punctuation, or nearly so (a fuzzy ratio at ``threshold``)."""
    a, b = _label_key(gold), _label_key(system)
    return bool(a) and (a == b or fuzz.ratio(a, b) >= threshold)


def _speaker_fits(gold: _GoldSpeaker, system: _SystemPerson) -> bool:
    if gold.name is not None:
        return not system.unresolved and names_match(gold.name, system.name)
    if not system.unresolved:
        return False
    wanted = {_label_key(m) for m in gold.mentions}
    return bool(wanted & {_label_key(t) for t in (*system.texts, system.name)})
