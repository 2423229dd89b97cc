"""Synthetic corpus: realistic fictional meeting reports in every layout, with ground truth.

``synthesize(n, out_dir)`` writes ``n`` reports (summary reports, Markdown
summaries, action-item reports with a tab-separated roster, caption
transcripts and mailing-list minutes) about a stable population of fictional
people over several years, and one gold file per report in the format of the
shared evaluation set (``DIR/gold/<stem>.json`` plus ``DIR/gold/topics.json``).

The generator works in three passes so that the gold stays honest:

1. *plan* every meeting in date order: series, attendees, participant list,
   speakers and the form each speaker is written in (first name, nickname,
   full name, "Ms. Last", a role, a caption label);
2. *resolve* every short mention the way a careful reader could: the report's
   own participant list and full names first, then the corpus (full names and
   declared nicknames).  A mention that would resolve to the wrong person, or
   only thanks to a later report, is rewritten as a full name; one that fits
   several people stays in the gold as ``name: null, ambiguous: true``;
3. *render* each report from its plan and stream text and gold to disk.

Everything the generator knows (names, organisations, topics and their
popularity over time, series, wording) lives in ``kg/synth_data/*.json``.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from kg.errors import SynthError

DATA_DIR = Path(__file__).with_name("synth_data")
LAYOUTS: tuple[str, ...] = ("summary", "markdown", "actions", "transcript", "mail")
MANIFEST = "synth.json"

_SHORT_FORMS = {"first": "full", "first_ascii": "full", "nick": "full", "hon": "full", "label_first": "label_full"}
_FULL_FORMS = ("full", "full_nick", "label_full")
_OK, _AMBIGUOUS, _UNKNOWN, _BAD = "ok", "ambiguous", "unknown", "bad"
_INF = 1 << 60


@dataclass(frozen=True)
class SynthSummary:
    """What ``synthesize`` wrote.

    ``layouts`` counts reports per layout; ``people`` is the size of the
    fictional population and ``people_seen`` how many of them appear in some
    report; ``topics`` counts topics met in the corpus; ``speakers``,
    ``ambiguous`` and ``unresolved`` count gold speaker entries (all, those
    with several candidates, those with none).
    """

    out_dir: str
    seed: int
    reports: int
    layouts: dict[str, int]
    people: int
    people_seen: int
    series: int
    topics: int
    words: int
    participants: int
    speakers: int
    ambiguous: int
    unresolved: int
    action_items: int


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Phrase:
    """A piece of wording with the topics it names (markup removed)."""

    text: str
    topics: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Topic:
    id: str
    label: str
    parent: str | None
    peak: float
    width: float
    level: float
    base: float
    agenda: tuple[_Phrase, ...]
    np: tuple[_Phrase, ...]
    clauses: tuple[_Phrase, ...]
    tasks: tuple[_Phrase, ...]


@dataclass(frozen=True)
class _Data:
    names: dict[str, Any]
    orgs: dict[str, Any]
    series: dict[str, Any]
    tpl: dict[str, Any]
    topics: tuple[_Topic, ...]
    reference_year: int
    generic: tuple[_Phrase, ...]
    fold_table: dict[int, str]


_MARK = re.compile(r"\[([^\]|]+)(?:\|([a-z0-9_]+))?\]")


def _read_json(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SynthError(f"cannot read generator data: {err}", path=str(path), hint="restore the file from the repository") from err


def _parse_phrase(raw: str, topic: str | None, aliases: dict[str, set[str]], where: str) -> _Phrase:
    """Strip ``[alias]`` marks from a phrase, checking each alias against its topic."""
    topics: list[str] = []
    used: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        alias, tid = match.group(1), match.group(2) or topic
        if tid is None or alias.casefold() not in aliases.get(tid, set()):
            raise SynthError(f"{alias!r} is not an alias of topic {tid!r}", path=where, hint="add it to the topic's aliases or fix the mark")
        if tid not in topics:
            topics.append(tid)
        used.append((tid, alias))
        return alias

    return _Phrase(_MARK.sub(replace, raw), tuple(topics), tuple(used))


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Load and check the generator's data files once."""
    names = _read_json("names.json")
    orgs = _read_json("organisations.json")
    series = _read_json("series.json")
    tpl = _read_json("templates.json")
    raw_topics = _read_json("topics.json")
    where = str(DATA_DIR / "topics.json")
    aliases = {t["id"]: {a.casefold() for a in t["aliases"]} for t in raw_topics["topics"]}
    topics = []
    for t in raw_topics["topics"]:
        def phrases(key: str, t: dict[str, Any] = t) -> tuple[_Phrase, ...]:
            return tuple(_parse_phrase(p, t["id"], aliases, where) for p in t.get(key, ()))

        c = t["curve"]
        topics.append(_Topic(t["id"], t["label"], t["parent"], c["peak"], c["width"], c["level"], c["base"],
                             phrases("agenda"), phrases("np"), phrases("clauses"), phrases("tasks")))
    generic = tuple(_parse_phrase(p, None, aliases, str(DATA_DIR / "templates.json")) for p in tpl["generic_clauses"])
    fold_table = {ord(k): v for k, v in names["ascii_fold"].items()}
    data = _Data(names, orgs, series, tpl, tuple(topics), raw_topics["reference_year"], generic, fold_table)
    _check_names(data)
    return data


def _check_names(data: _Data) -> None:
    """Names reserved for people who are only reported must never be a population name."""
    firsts = {_fold_with(n, data.fold_table).casefold() for r in data.names["regions"].values() for n in r["first_f"] + r["first_m"]}
    nicks = {_fold_with(n, data.fold_table).casefold() for n in data.names["nicknames"].values()}
    clash = sorted(n for n in data.names["external_first"] if _fold_with(n, data.fold_table).casefold() in firsts | nicks)
    if clash:
        raise SynthError(f"external first names also used by the population: {', '.join(clash)}", path=str(DATA_DIR / "names.json"))


# --------------------------------------------------------------------------- text helpers


def _fold_with(text: str, table: dict[int, str]) -> str:
    """Drop diacritics ("Søren Ekdahl" -> "Soren Ekdahl")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """``_fold_with`` the data's table of letters that have no decomposition (ø, ł, ð, ...)."""
    return _fold_with(text, _data().fold_table)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out) if n == 0 else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ampm(hhmm: str) -> str:
    hour = int(hhmm[:2])
    return f"{(hour - 1) % 12 + 1} {'a.m.' if hour < 12 else 'p.m.'}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(paragraph: str, width: int) -> str:
    """Break a paragraph into lines as PDF text extraction does (each line keeps a trailing space)."""
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line + " ")
    return "\n".join(lines)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")


# --------------------------------------------------------------------------- population


class _Person:
    """One fictional person with a timeline of organisations and roles."""

    __slots__ = ("pid", "first", "middle", "last", "gender", "nick", "full", "fkey", "lkey", "nkey",
                 "secretariat", "changes", "states", "interests", "activity", "talk")

    def __init__(self, pid: int, first: str, middle: str | None, last: str, gender: str, nick: str | None):
        self.pid, self.first, self.middle, self.last, self.gender, self.nick = pid, first, middle, last, gender, nick
        self.full = " ".join(x for x in (first, middle, last) if x)
        self.fkey = _fold(first).casefold()
        self.lkey = _fold(last).casefold()
        self.nkey = _fold(nick).casefold() if nick else None
        self.secretariat = False
        self.changes: list[int] = [-_INF]
        self.states: list[tuple[tuple[str, str | None] | None, str | None, str | None]] = []
        self.interests: tuple[str, ...] = ()
        self.activity = 1.0
        self.talk = 0.5

    def state(self, day: int) -> tuple[tuple[str, str | None] | None, str | None, str | None]:
        """``(organisation (name, acronym) or None, status, job)`` on a day."""
        return self.states[bisect_right(self.changes, day) - 1]


def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights)[0]


def _make_people(count: int, data: _Data, rng: random.Random, start: int, span: int) -> list[_Person]:
    """A stable population whose first names repeat (so some first-name mentions are ambiguous)."""
    regions = data.names["regions"]
    region_keys = list(regions)
    region_weights = [regions[r]["weight"] for r in region_keys]
    nicknames = data.names["nicknames"]
    people: list[_Person] = []
    taken: set[tuple[str, str]] = set()
    by_gender: dict[str, dict[str, None]] = {"f": {}, "m": {}}
    for pid in range(count):
        region = regions[_weighted(rng, region_keys, region_weights)]
        gender = "f" if rng.random() < 0.5 else "m"
        firsts = region["first_" + gender]
        if by_gender[gender] and rng.random() < 0.08:
            first = rng.choice(list(by_gender[gender]))  # a first name already in use: deliberate homonyms
        else:
            first = _weighted(rng, firsts, [1.0 / (i + 1) ** 0.7 for i in range(len(firsts))])
        by_gender[gender][first] = None
        lasts = region["last"] if rng.random() >= data.names["mix"] else regions[rng.choice(region_keys)]["last"]
        last = rng.choice(lasts)
        for _ in range(40):
            if (_fold(first).casefold(), _fold(last).casefold()) not in taken:
                break
            last = rng.choice(regions[rng.choice(region_keys)]["last"])
        middle = None
        if (_fold(first).casefold(), _fold(last).casefold()) in taken or rng.random() < 0.06:
            middle = rng.choice(data.names["middle_initials"])
        elif rng.random() < 0.1:
            middle = rng.choice([f for f in firsts if f != first])
        taken.add((_fold(first).casefold(), _fold(last).casefold()))
        nick = nicknames.get(first) if rng.random() < 0.7 else None
        people.append(_Person(pid, first, middle, last, gender, nick))
    _give_timelines(people, data, rng, start, span)
    return people


def _give_timelines(people: list[_Person], data: _Data, rng: random.Random, start: int, span: int) -> None:
    """Organisations, MAG status and jobs, changing over time for some people."""
    orgs = [(o["name"], o["acronym"]) for o in data.orgs["organisations"]]
    sec = (data.orgs["secretariat"]["name"], data.orgs["secretariat"]["acronym"])
    roles, mix, change = data.orgs["roles"], data.orgs["role_mix"], data.orgs["change"]
    statuses, status_weights = list(mix), list(mix.values())
    topics = data.topics
    topic_weights = [t.base + t.level * min(t.width, 3.0) for t in topics]
    n_sec = max(3, len(people) // 40)
    for person in rng.sample(people, n_sec):
        person.secretariat = True
    for p in people:
        p.activity = rng.lognormvariate(0.0, 0.8)
        p.talk = rng.uniform(0.3, 1.0)
        p.interests = tuple(sorted({_weighted(rng, topics, topic_weights).id for _ in range(4)}))
        if p.secretariat:
            p.states = [(sec, None, rng.choice(roles["job"]) if rng.random() < 0.3 else None)]
            continue
        status = _weighted(rng, statuses, status_weights)
        status = None if status == "none" else status
        org = rng.choice(orgs) if (status != "independent" or rng.random() < 0.2) else None
        job = rng.choice(roles["job"]) if org and rng.random() < data.orgs["job_chance"] else None
        events: list[tuple[int, str]] = []
        if status == "mag":  # a MAG term of fixed length, begun before or during the period, ends in "former"
            events.append((start + rng.randrange(span + int(change["mag_term_years"] * 365)), "former"))
        if rng.random() < change["org_change"]:
            events.append((start + 180 + rng.randrange(max(1, span - 360)), "org"))
            if rng.random() < change["second_change"] / change["org_change"]:
                events.append((start + 180 + rng.randrange(max(1, span - 360)), "org"))
        state = (org, status, job)
        p.states = [state]
        for day, kind in sorted(events):
            org, status, job = state
            if kind == "former":
                status = "former"
            else:
                org = rng.choice([o for o in orgs if o != org])
                job = rng.choice(roles["job"]) if rng.random() < data.orgs["job_chance"] else None
            state = (org, status, job)
            p.changes.append(day)
            p.states.append(state)


# --------------------------------------------------------------------------- series and schedule


class _Series:
    __slots__ = ("sid", "kind", "name", "short", "title", "numbering", "roster", "cadence", "slots",
                 "start_number", "members", "cochairs", "yearly", "ext", "wrap", "intro_prefix", "list_style",
                 "attend", "ascii_labels", "dates", "theme")

    def __init__(self, sid: int, kind: str, spec: dict[str, Any], theme: str | None, tag: str | None):
        self.sid, self.kind, self.theme = sid, kind, theme
        self.name = spec["name"].format(theme=theme)
        self.short = spec["short"].format(tag=tag) if spec.get("short") else None
        self.title = spec.get("title", "")
        self.numbering = spec["numbering"]
        self.roster = spec.get("roster")
        self.members: list[tuple[int, int, int]] = []
        self.cochairs: list[tuple[int, tuple[int, ...]]] = []
        self.yearly: dict[int, dict[str, int]] = {}
        self.dates: list[int] = []


def _layout_counts(n: int, layouts: Sequence[str], weights: dict[str, float]) -> dict[str, int]:
    """Split ``n`` over layouts by weight (largest remainder; every layout at least once when possible)."""
    total = sum(weights[x] for x in layouts)
    exact = {x: n * weights[x] / total for x in layouts}
    counts = {x: int(exact[x]) for x in layouts}
    for x in sorted(layouts, key=lambda x: (-(exact[x] - counts[x]), LAYOUTS.index(x)))[: n - sum(counts.values())]:
        counts[x] += 1
    if n >= len(layouts):
        for x in layouts:
            while counts[x] == 0:
                donor = max(layouts, key=lambda y: counts[y])
                counts[donor] -= 1
                counts[x] += 1
    return counts


def _make_series(counts: dict[str, int], data: _Data, rng: random.Random, people: list[_Person],
                 start: int, span: int) -> tuple[list[_Series], list[tuple[int, int, str, int]]]:
    """Series for each layout family, and every meeting as ``(day, series id, layout, index in series)``."""
    cfg = data.series
    kinds = cfg["kinds"]
    cap = cfg["meetings_per_series"]
    pool_people = [p for p in people if not p.secretariat]
    pool_weights = [p.activity for p in pool_people]
    all_series: list[_Series] = []
    meetings: list[tuple[int, int, str, int]] = []
    used: set[str] = set()
    for family, family_layouts in cfg["families"].items():
        count = sum(counts.get(x, 0) for x in family_layouts)
        if not count:
            continue
        candidates: list[tuple[str, str | None, str | None]] = [
            (b["kind"], b["theme"], b["tag"]) for b in cfg["base"] if kinds[b["kind"]]["family"] == family]
        family_kinds = [k for k, spec in kinds.items() if spec["family"] == family]
        themes = {k: list(kinds[k]["themes"]) for k in family_kinds}
        for k in family_kinds:
            rng.shuffle(themes[k])
        while any(themes.values()):
            for k in family_kinds:
                if themes[k]:
                    theme, tag = themes[k].pop()
                    candidates.append((k, theme, tag))
        chosen: list[_Series] = []
        for kind, theme, tag in candidates:
            if len(chosen) >= max(1, math.ceil(count / cap)):
                break
            s = _Series(len(all_series) + len(chosen), kind, kinds[kind], theme, tag)
            if s.name in used:
                continue
            used.add(s.name)
            chosen.append(s)
        per = [count // len(chosen) + (i < count % len(chosen)) for i in range(len(chosen))]
        markdown_total = counts.get("markdown", 0) if family == "summary" else 0
        markdown_share = _largest_remainder(per, markdown_total)
        for s, m, n_md in zip(chosen, per, markdown_share):
            _fill_series(s, m, data, rng, pool_people, pool_weights, start, span)
            # a summary series used Markdown first, then switched to the PDF-style summary
            layouts = ["markdown"] * n_md + ["summary"] * (m - n_md) if family == "summary" else [family_layouts[0]] * m
            for k, (day, layout) in enumerate(zip(s.dates, layouts)):
                meetings.append((day, s.sid, layout, k))
        all_series.extend(chosen)
    return all_series, meetings


def _largest_remainder(sizes: list[int], total: int) -> list[int]:
    whole = sum(sizes)
    if not whole or not total:
        return [0] * len(sizes)
    exact = [total * s / whole for s in sizes]
    out = [int(e) for e in exact]
    for i in sorted(range(len(sizes)), key=lambda i: -(exact[i] - out[i]))[: total - sum(out)]:
        out[i] += 1
    return out


def _fill_series(s: _Series, m: int, data: _Data, rng: random.Random, pool_people: list[_Person],
                 pool_weights: list[float], start: int, span: int) -> None:
    """Dates, time slots, members and chairs of one series."""
    cfg = data.series
    spec = cfg["kinds"][s.kind]
    cadence = rng.choice(cfg["cadence_days"])
    if m * cadence > span * 0.9:
        cadence = max(7, int(span * 0.9) // max(1, m))
    s.cadence = cadence
    offset = rng.randrange(max(1, span - m * cadence))
    jitter = max(1, min(3, cadence // 5))
    day = start + offset
    for _ in range(m):
        s.dates.append(day)
        day += cadence + rng.randint(-jitter, jitter)
    s.slots = rng.choice(cfg["timeslots"])
    s.start_number = rng.randint(1, 60)
    s.ext = ".md" if rng.random() < 0.5 else ".txt"
    s.wrap = rng.random() < data.tpl["wrap"]["chance"]
    s.intro_prefix = "IGF " if rng.random() < 0.4 else ""
    s.list_style = rng.choice(("comma", "comma", "comma", "dash", "paren"))
    s.attend = rng.uniform(0.5, 0.85)
    s.ascii_labels = rng.random() < 0.5
    lo, hi = spec["pool"]
    size = min(len(pool_people), rng.randint(lo, hi))
    chosen: dict[int, None] = {}
    while len(chosen) < size:
        chosen[_weighted(rng, pool_people, pool_weights).pid] = None
    first, last = s.dates[0], s.dates[-1] + 1
    for pid in chosen:
        join = first - 1 if rng.random() < 0.7 else first + rng.randrange(max(1, last - first))
        leave = _INF if rng.random() < 0.7 else join + 1 + rng.randrange(max(1, last - join))
        s.members.append((pid, join, leave))
    term = 700
    day = first
    while day <= last:
        active = [pid for pid, j, lv in s.members if j <= day < lv] or [pid for pid, _, _ in s.members]
        s.cochairs.append((day, tuple(rng.sample(active, min(len(active), rng.choice((1, 2, 2)))))))
        day += term
    for year in range(date.fromordinal(first).year, date.fromordinal(last).year + 1):
        chair = rng.choice([pid for pid, _, _ in s.members])
        host = _weighted(rng, pool_people, pool_weights).pid
        while host == chair:
            host = _weighted(rng, pool_people, pool_weights).pid
        s.yearly[year] = {"chair": chair, "host": host}


# --------------------------------------------------------------------------- plans


class _Speaker:
    """A speaker of one report: forms[0] is the first mention, forms[1] every later one."""

    __slots__ = ("pid", "forms", "outcomes", "role")

    def __init__(self, pid: int, f0: str, f1: str, role: str | None = None):
        self.pid, self.forms, self.outcomes, self.role = pid, [f0, f1], [_OK, _OK], role


class _Plan:
    """Everything decided about one report before it is written."""

    __slots__ = ("idx", "series", "k", "day", "time", "layout", "number", "next_day", "attendees", "listed",
                 "chair", "roles", "speakers", "items", "decl", "author", "quoted", "external", "time_conflict",
                 "stem", "file_name", "groups")

    def __init__(self, idx: int, series: _Series, k: int, day: int, layout: str):
        self.idx, self.series, self.k, self.day, self.layout = idx, series, k, day, layout
        self.listed: list[tuple[int, str, str | None, str, bool, bool]] | None = None
        self.groups: dict[int, str] = {}
        self.roles: dict[str, int] = {}
        self.speakers: list[_Speaker] = []
        self.decl: dict[int, str] = {}
        self.author: int | None = None
        self.quoted: int | None = None
        self.external: str | None = None
        self.chair: int | None = None
        self.time_conflict = False


@dataclass
class _Corpus:
    """Corpus-wide knowledge used to keep the gold honest."""

    data: _Data
    people: list[_Person]
    start_year: int
    seed: int
    first_of: dict[str, set[int]] = field(default_factory=dict)
    last_of: dict[str, set[int]] = field(default_factory=dict)
    nick_of: dict[str, set[int]] = field(default_factory=dict)
    seen_first: dict[tuple[str, int], int] = field(default_factory=dict)
    seen_last: dict[tuple[str, int], int] = field(default_factory=dict)
    declared: dict[int, int] = field(default_factory=dict)
    aliases_used: dict[str, set[str]] = field(default_factory=dict)
    secretariat: list[int] = field(default_factory=list)
    name_keys: set[tuple[str, str]] = field(default_factory=set)

    def appear(self, pid: int, idx: int) -> None:
        """Record that a report states a person's full name (a typo in a list still names the person)."""
        fkey, lkey = self.people[pid].fkey, self.people[pid].lkey
        self.first_of.setdefault(fkey, set()).add(pid)
        self.last_of.setdefault(lkey, set()).add(pid)
        if self.seen_first.get((fkey, pid), _INF) > idx:
            self.seen_first[(fkey, pid)] = idx
        if self.seen_last.get((lkey, pid), _INF) > idx:
            self.seen_last[(lkey, pid)] = idx

    def declare(self, pid: int, idx: int) -> None:
        """Record that a report states a person's nickname ("Margarethe Olsen (Grete)")."""
        nkey = self.people[pid].nkey
        if nkey is None:
            return
        self.nick_of.setdefault(nkey, set()).add(pid)
        if self.declared.get(pid, _INF) > idx:
            self.declared[pid] = idx


def _weights_at(topics: tuple[_Topic, ...], day: int, shift: int) -> list[float]:
    d = date.fromordinal(day)
    year = d.year + (d.timetuple().tm_yday - 1) / 366.0 - shift
    return [t.base + t.level * math.exp(-(((year - t.peak) / t.width) ** 2)) for t in topics]


def _pick_topics(rng: random.Random, topics: tuple[_Topic, ...], weights: list[float], k: int, need: str) -> list[str]:
    """``k`` distinct topics by popularity, each having wording of kind ``need``."""
    idx = [i for i, t in enumerate(topics) if getattr(t, need)]
    w = [weights[i] for i in idx]
    out: list[str] = []
    while len(out) < k and idx:
        j = rng.choices(range(len(idx)), w)[0]
        out.append(topics[idx[j]].id)
        del idx[j], w[j]
    return out


def _plan_all(corpus: _Corpus, series: list[_Series], meetings: list[tuple[int, int, str, int]],
              rng: random.Random) -> list[_Plan]:
    """Plan every report in date order (pass 1), then resolve mentions honestly (pass 2)."""
    width = max(3, len(str(max(0, len(meetings) - 1))))
    plans = []
    for idx, (day, sid, layout, k) in enumerate(sorted(meetings)):
        s = series[sid]
        plan = _Plan(idx, s, k, day, layout)
        digest = hashlib.sha1(f"{corpus.seed}:{idx}".encode()).hexdigest()[:16]
        plan.stem = f"{idx:0{width}d}_{digest}"
        plan.file_name = plan.stem + (s.ext if layout == "markdown" else ".txt")
        _plan_meeting(corpus, plan, rng)
        plans.append(plan)
    _ensure_full_names(corpus, plans)
    for plan in plans:
        _resolve_plan(corpus, plan)
    return plans


def _number(s: _Series, k: int, day: int) -> str:
    if s.numbering == "ordinal":
        return str(s.start_number + k)
    year = date.fromordinal(day).year
    nth = sum(1 for d in s.dates[: k + 1] if date.fromordinal(d).year == year)
    return _roman(nth) if s.numbering == "roman_yearly" else str(nth)


def _plan_meeting(corpus: _Corpus, plan: _Plan, rng: random.Random) -> None:
    """Attendees, participant list, speakers and their written forms for one report."""
    data, people, s, day = corpus.data, corpus.people, plan.series, plan.day
    plan.time = s.slots[plan.k % len(s.slots)]
    plan.number = _number(s, plan.k, day)
    plan.next_day = s.dates[plan.k + 1] if plan.k + 1 < len(s.dates) else day + s.cadence
    active = [pid for pid, j, lv in s.members if j <= day < lv] or [pid for pid, _, _ in s.members]
    attendees = [pid for pid in active if rng.random() < s.attend] or active[:3]
    chairs = next(c for d, c in reversed(s.cochairs) if d <= day) if s.cochairs[0][0] <= day else s.cochairs[0][1]
    layout = plan.layout
    if layout == "actions":
        plan.roles = {"chair": s.yearly[date.fromordinal(day).year]["chair"]}
        if s.roster == "mag":
            plan.roles["host"] = s.yearly[date.fromordinal(day).year]["host"]
        plan.chair = plan.roles["chair"]
    else:
        plan.chair = rng.choice(chairs)
    secretariat = corpus.secretariat
    n_sec = {"summary": rng.randint(0, 2), "markdown": rng.randint(0, 2), "actions": rng.randint(3, 6),
             "transcript": rng.randint(1, 3), "mail": rng.randint(0, 1)}[layout]
    guests = [p.pid for p in rng.sample(people, min(len(people), rng.randint(0, 3))) if not p.secretariat]
    ordered: dict[int, None] = {}
    for pid in [plan.chair, *plan.roles.values(), *attendees, *guests, *rng.sample(secretariat, min(n_sec, len(secretariat)))]:
        ordered[pid] = None
    plan.attendees = list(ordered)
    weights = _weights_at(data.topics, day, corpus.start_year - data.reference_year)
    n_items = {"summary": (3, 6), "markdown": (3, 5), "actions": (3, 6), "transcript": (2, 4), "mail": (2, 4)}[layout]
    plan.items = _pick_topics(rng, data.topics, weights, rng.randint(*n_items), "clauses")
    plan.time_conflict = layout == "markdown" and rng.random() < 0.05
    if layout == "transcript":
        _plan_transcript(corpus, plan, rng)
    elif layout == "actions":
        _plan_actions(corpus, plan, rng)
    else:
        _plan_prose(corpus, plan, rng)
    for sp in plan.speakers:
        if sp.forms[0] in _FULL_FORMS:
            corpus.appear(sp.pid, plan.idx)
        if sp.forms[0] == "full_nick":
            corpus.declare(sp.pid, plan.idx)
    for pid in plan.decl:
        corpus.declare(pid, plan.idx)


def _pick_speakers(rng: random.Random, people: list[_Person], pool: list[int], topics: list[str], k: int) -> list[int]:
    wanted = set(topics)
    weights = [people[pid].talk * (1 + 2 * len(wanted.intersection(people[pid].interests))) for pid in pool]
    out: list[int] = []
    pool, weights = list(pool), list(weights)
    while len(out) < k and pool:
        j = rng.choices(range(len(pool)), weights)[0]
        out.append(pool.pop(j))
        weights.pop(j)
    return out


def _list_entries(corpus: _Corpus, plan: _Plan, rng: random.Random, pids: list[int]) -> list[tuple[int, str, str | None, str, bool, bool]]:
    """How each listed person is written: ``(pid, first, middle, last, last_first, declares_nick)``."""
    var = corpus.data.tpl["variants"]
    entries = []
    for pid in pids:
        p = corpus.people[pid]
        first, middle, last = p.first, p.middle, p.last
        if middle and rng.random() < var["nomiddle"]:
            middle = None
        if rng.random() < var["nodiacritics"]:
            first, last = _fold(first), _fold(last)
            middle = _fold(middle) if middle else None
        slipped = False
        if rng.random() < var["typo"] and len(last) > 4:
            slip = _typo(last, rng)
            if (p.fkey, _fold(slip).casefold()) not in corpus.name_keys:  # a slip must not spell someone else
                last, slipped = slip, True
        declares = (plan.layout != "actions" and not slipped and bool(p.nick) and p.pid not in corpus.declared
                    and rng.random() < 0.2)
        entries.append((pid, first, middle, last, rng.random() < var["lastfirst"], declares))
        corpus.appear(pid, plan.idx)
        if declares:
            plan.decl[pid] = "list"
    return entries


def _typo(word: str, rng: random.Random) -> str:
    """One-letter slip in a name: a dropped, doubled or swapped letter."""
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0 and word[i].isalpha():
        return word[:i] + word[i + 1:]
    if kind == 1 and word[i].isalpha():
        return word[:i] + word[i] + word[i:]
    if word[i].isalpha() and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def _short_form(corpus: _Corpus, p: _Person, idx: int, rng: random.Random, allow_hon: bool) -> tuple[str, str]:
    """Forms ``(first mention, later mentions)`` for a person in running text."""
    m = corpus.data.tpl["mentions"]
    nick_known = p.nick is not None and corpus.declared.get(p.pid, _INF) <= idx
    if nick_known and rng.random() < m["nick_use"]:
        return "nick", "nick"
    r = rng.random()
    if r < m["first"]:
        form = "first_ascii" if _fold(p.first) != p.first and rng.random() < m["ascii"] else "first"
        return form, form
    if r < m["first"] + m["full"]:
        return "full", ("nick" if nick_known else "first")
    if allow_hon and r < m["first"] + m["full"] + m["hon"]:
        return "hon", "hon"
    return "first", "first"


def _plan_prose(corpus: _Corpus, plan: _Plan, rng: random.Random) -> None:
    """Summary, Markdown and mail reports: first-name prose with a participant list."""
    tpl, people = corpus.data.tpl, corpus.people
    layout = plan.layout
    if rng.random() < tpl["has_list"][layout]:
        listed = [pid for pid in plan.attendees]
        if len(listed) > 4 and rng.random() < tpl["variants"]["omit"]:
            listed.remove(rng.choice(listed[1:]))
        if plan.series.list_style != "paren" and rng.random() < 0.5:
            listed.sort(key=lambda pid: (people[pid].fkey, people[pid].lkey))
        plan.listed = _list_entries(corpus, plan, rng, listed)
    chair = people[plan.chair]
    corpus.appear(chair.pid, plan.idx)  # the "moderated by" / "Chair:" line
    if chair.nick and chair.pid not in corpus.declared and layout != "mail" and rng.random() < 0.4:
        plan.decl[chair.pid] = "intro"
        corpus.declare(chair.pid, plan.idx)
    for pid in plan.decl:
        corpus.declare(pid, plan.idx)
    others = [pid for pid in plan.attendees if pid != plan.chair and not people[pid].secretariat]
    k = min(len(others), rng.randint(2, 8) if layout == "mail" else rng.randint(3, 9))
    chosen = [plan.chair] + _pick_speakers(rng, people, others, plan.items, k)
    sec = [pid for pid in plan.attendees if people[pid].secretariat]
    if sec and layout != "mail":
        chosen.append(rng.choice(sec))
    m = tpl["mentions"]
    listed_firsts = Counter(people[pid].fkey for pid in (e[0] for e in plan.listed)) if plan.listed else Counter()
    for pid in chosen:
        p = people[pid]
        if p.nick and pid not in corpus.declared and layout != "mail" and rng.random() < m["nick_declare"]:
            f0, f1 = "full_nick", "nick"
        else:
            f0, f1 = _short_form(corpus, p, plan.idx, rng, allow_hon=layout != "mail")
            if f0 != "full" and listed_firsts[p.fkey] > 1 and rng.random() < m["collision_full"]:
                f0, f1 = "full", "full"  # minute-takers often disambiguate homonyms
        plan.speakers.append(_Speaker(pid, f0, f1))
    if layout == "mail":
        plan.author = rng.choice(plan.attendees)
        author = people[plan.author]
        corpus.appear(author.pid, plan.idx)
        members = [pid for pid, _, _ in plan.series.members]
        plan.quoted = rng.choice(members)
        quoted = people[plan.quoted]
        corpus.appear(quoted.pid, plan.idx)
    elif rng.random() < 0.12:
        plan.external = rng.choice(corpus.data.names["external_first"])


def _plan_actions(corpus: _Corpus, plan: _Plan, rng: random.Random) -> None:
    """Action-item report: role subjects, a few full names, a grouped tab-separated roster."""
    people, s = corpus.people, plan.series
    headings = corpus.data.series["rosters"][s.roster]
    shared = [h for h in headings if "share" in h]
    org_kinds = {o["name"]: o["kind"] for o in corpus.data.orgs["organisations"]}
    groups: dict[int, str] = {}
    for h in headings:
        if "single" in h:
            groups[plan.roles[h["single"]]] = h["heading"]
    for pid in plan.attendees:
        if pid in groups:
            continue
        p = people[pid]
        if p.secretariat:
            sec = next((h for h in headings if h.get("secretariat")), shared[-1])
            groups[pid] = sec["heading"]
            continue
        org, status, _ = p.state(plan.day)
        by_kind = [h for h in shared if org and h.get("org_kind") == org_kinds.get(org[0])]
        if s.roster == "mag" and status == "mag":
            groups[pid] = shared[0]["heading"]
        elif by_kind:
            groups[pid] = by_kind[0]["heading"]
        else:
            stable = random.Random(f"{corpus.seed}:{s.sid}:{pid}")  # a person keeps their group within a series
            groups[pid] = _weighted(stable, shared, [h["share"] for h in shared])["heading"]
    plan.groups = groups
    plan.listed = _list_entries(corpus, plan, rng, plan.attendees)
    for role, pid in plan.roles.items():
        plan.speakers.append(_Speaker(pid, "role", "role", role))
    others = [pid for pid in plan.attendees if pid not in plan.roles.values()]
    for pid in rng.sample(others, min(len(others), rng.randint(0, 2))):
        plan.speakers.append(_Speaker(pid, "full", "full"))


def _plan_transcript(corpus: _Corpus, plan: _Plan, rng: random.Random) -> None:
    """Caption transcript: a CHAIR label plus caps name labels, mostly full names."""
    people = corpus.people
    chair = people[plan.chair]
    corpus.appear(chair.pid, plan.idx)  # the "Chaired by" line
    plan.speakers.append(_Speaker(plan.chair, "role", "role", "chair"))
    others = [pid for pid in plan.attendees if pid != plan.chair]
    for pid in _pick_speakers(rng, people, others, plan.items, min(len(others), rng.randint(3, 8))):
        f0 = "label_full" if rng.random() < 0.9 else "label_first"
        f1 = "label_first" if f0 == "label_full" and rng.random() < 0.2 else f0
        plan.speakers.append(_Speaker(pid, f0, f1))


def _ensure_full_names(corpus: _Corpus, plans: list[_Plan]) -> None:
    """Everyone written by a short form somewhere is written in full at least once."""
    seen = {pid for _, pid in corpus.seen_first}
    for plan in plans:
        for sp in plan.speakers:
            if sp.pid in seen or sp.forms[0] == "role":
                continue
            sp.forms[0] = "label_full" if plan.layout == "transcript" else "full"
            corpus.appear(sp.pid, plan.idx)
            seen.add(sp.pid)


def _mention_key(p: _Person, form: str) -> tuple[str, str]:
    if form == "hon":
        return "last", p.lkey
    if form == "nick":
        return "first", p.nkey or p.fkey
    return "first", p.fkey


def _report_roster(corpus: _Corpus, plan: _Plan) -> dict[int, tuple[str, str]]:
    """Whom the report itself names in full: list entries, chair lines, mail authors (also quoted ones), full mentions."""
    people = corpus.people
    roster: dict[int, tuple[str, str]] = {}
    for pid, *_ in plan.listed or ():
        roster[pid] = (people[pid].fkey, people[pid].lkey)
    for pid in [plan.chair if plan.layout != "actions" else None, plan.author, plan.quoted]:
        if pid is not None:
            roster.setdefault(pid, (people[pid].fkey, people[pid].lkey))
    for sp in plan.speakers:
        if sp.forms[0] in _FULL_FORMS:
            roster.setdefault(sp.pid, (people[sp.pid].fkey, people[sp.pid].lkey))
    return roster


def _resolve_mention(corpus: _Corpus, plan: _Plan, roster: dict[int, tuple[str, str]], truth: int, form: str) -> str:
    """What a careful reader can conclude from a short mention: ok, ambiguous, unknown or bad."""
    people, idx = corpus.people, plan.idx
    kind, key = _mention_key(people[truth], form)

    def nick_fits(pid: int, strict: bool) -> bool:
        """A declared nickname fits; ``strict`` only counts declarations made by this report or an earlier one."""
        return people[pid].nkey == key and corpus.declared.get(pid, _INF) <= (idx if strict else _INF - 1)

    if kind == "last":
        local = [pid for pid, (_, lk) in roster.items() if lk == key]
        strict = local
    else:
        local = [pid for pid, (fk, _) in roster.items() if fk == key or nick_fits(pid, False)]
        strict = [pid for pid, (fk, _) in roster.items() if fk == key or nick_fits(pid, True)]
    if local:
        if len(local) > 1:
            return _AMBIGUOUS
        return _OK if strict == [truth] else _BAD
    if kind == "last":
        known = corpus.last_of.get(key, set())
        evidence = corpus.seen_last.get((key, truth), _INF) <= idx
    else:
        known = corpus.first_of.get(key, set()) | corpus.nick_of.get(key, set())
        evidence = (corpus.seen_first.get((key, truth), _INF) <= idx
                    or (people[truth].nkey == key and corpus.declared.get(truth, _INF) <= idx))
    if len(known) > 1:
        return _AMBIGUOUS
    if known == {truth} and evidence:
        return _OK
    return _BAD


def _resolve_plan(corpus: _Corpus, plan: _Plan) -> None:
    """Settle each speaker's mentions; rewrite as full names those a reader would get wrong."""
    changed = True
    while changed:
        changed = False
        roster = _report_roster(corpus, plan)
        for sp in plan.speakers:
            for j in (0, 1):
                form = sp.forms[j]
                if form not in _SHORT_FORMS:
                    sp.outcomes[j] = _OK
                    continue
                outcome = _resolve_mention(corpus, plan, roster, sp.pid, form)
                if outcome == _BAD:
                    sp.forms[j] = _SHORT_FORMS[form]
                    sp.outcomes[j] = _OK
                    if j == 0:
                        corpus.appear(sp.pid, plan.idx)
                        changed = True
                else:
                    sp.outcomes[j] = outcome
            if sp.forms[0] in _FULL_FORMS and sp.outcomes[1] == _AMBIGUOUS and sp.forms[1] != "label_first":
                sp.forms[1], sp.outcomes[1] = "full", _OK  # "Maria Olsen noted ... Maria also": write her in full


# --------------------------------------------------------------------------- rendering


class _Doc:
    """A report being written: its text, the mentions in order, topics said by whom."""

    def __init__(self, corpus: _Corpus, plan: _Plan, rng: random.Random):
        self.corpus, self.plan, self.rng = corpus, plan, rng
        self.data = corpus.data
        self.tpl = corpus.data.tpl
        self.people = corpus.people
        self.parts: list[str] = []
        self.events: list[tuple[int | None, str, str]] = []
        self.topics: set[str] = set()
        self.person_topics: set[tuple[int, str]] = set()
        self.count: dict[int, int] = {}
        self.speaker = {sp.pid: sp for sp in plan.speakers}
        self.external_pending = plan.external
        self.used: set[str] = set()
        self.topic = {t.id: t for t in corpus.data.topics}
        self.weights = _weights_at(corpus.data.topics, plan.day, corpus.start_year - corpus.data.reference_year)

    # -- wording
    def pick(self, options: Sequence[str]) -> str:
        return options[self.rng.randrange(len(options))]

    def use(self, phrase: _Phrase, speakers: Sequence[int | None] = (), count: bool = True) -> str:
        """Insert a phrase; its topics count for the meeting and for the (resolved) speakers."""
        if count:
            self.topics.update(phrase.topics)
            for tid, alias in phrase.aliases:
                self.corpus.aliases_used.setdefault(tid, set()).add(alias)
            for pid in speakers:
                if pid is not None:
                    self.person_topics.update((pid, t) for t in phrase.topics)
        return phrase.text

    def fresh(self, options: Sequence[_Phrase], fallback: Sequence[_Phrase] = ()) -> _Phrase:
        """A phrase not yet used in this report: from ``options``, else ``fallback``, else any option."""
        unused = [p for p in options if p.text not in self.used] or [p for p in fallback if p.text not in self.used]
        phrase = self.pick(unused or options)
        self.used.add(phrase.text)
        return phrase

    def focus(self, topics: Sequence[str]) -> list[str]:
        """The topic one sentence is about: mostly the agenda item's, sometimes another current one."""
        if topics and self.rng.random() < 0.8:
            return [self.pick(topics)]
        return _pick_topics(self.rng, self.data.topics, self.weights, 1, "clauses")

    def clause_phrase(self, topics: Sequence[str], drift: bool = True) -> _Phrase:
        """A clause about one of ``topics`` (or, with ``drift``, sometimes another topic or none)."""
        if drift and self.rng.random() < 0.12:
            return self.fresh(self.data.generic)
        tid = self.pick(self.focus(topics) if drift else topics)
        return self.fresh(self.topic[tid].clauses, self.data.generic)

    def np_phrase(self, topics: Sequence[str]) -> _Phrase:
        pool = [t for t in topics if self.topic[t].np]
        tid = self.pick(pool) if pool else _pick_topics(self.rng, self.data.topics, self.weights, 1, "np")[0]
        return self.fresh(self.topic[tid].np)

    def task_phrase(self, topics: Sequence[str]) -> _Phrase:
        pool = [t for t in topics if self.topic[t].tasks]
        if not pool:
            pool = _pick_topics(self.rng, self.data.topics, self.weights, 1, "tasks")
        return self.pick(self.topic[self.pick(pool)].tasks)

    def agenda_phrase(self, tid: str) -> _Phrase:
        topic = self.topic[tid]
        if topic.agenda and self.rng.random() < 0.85:
            return self.pick(topic.agenda)
        np = self.pick(topic.np)
        wrapper = self.pick(self.tpl["summary"]["agenda_wrappers"])
        return _Phrase(wrapper.format(np=np.text), np.topics, np.aliases)

    def fill(self, template: str, speakers: Sequence[int | None] = (), **slots: Any) -> str:
        """Format a template; a slot's phrase is produced (and its topics counted) only if the template uses it."""
        values = {}
        for name, value in slots.items():
            if "{" + name + "}" in template:
                value = value() if callable(value) else value
                values[name] = self.use(value, speakers) if isinstance(value, _Phrase) else value
        return template.format(**values)

    # -- mentions
    def mention_role(self, pid: int) -> str:
        """"The co-chair" for the moderator named in the report's introduction."""
        text = self.tpl["summary"]["role_subject"]
        self.events.append((pid, text, _OK))
        return text

    def mention(self, pid: int) -> tuple[str, str, int | None]:
        """The next mention of a speaker: ``(text as rendered, name as written, pid if resolved)``."""
        sp = self.speaker[pid]
        n = self.count.get(pid, 0)
        self.count[pid] = n + 1
        j = 0 if n == 0 else 1
        form, outcome = sp.forms[j], sp.outcomes[j]
        p = self.people[pid]
        if form == "full" or form == "full_nick":
            written = p.full
            rendered = f"{p.full} ({p.nick})" if form == "full_nick" else p.full
        elif form == "first_ascii":
            written = rendered = _fold(p.first)
        elif form == "nick":
            written = rendered = p.nick or p.first
        elif form == "hon":
            written = rendered = f"{self.data.names['honorifics'][p.gender][0]} {p.last}"
        elif form == "label_full":
            name = f"{p.first} {p.last}"
            written = rendered = (_fold(name) if self.plan.series.ascii_labels else name).upper()
        elif form == "label_first":
            written = rendered = p.first.upper()
        elif form == "role":
            written = rendered = self.role_text(sp)
        else:
            written = rendered = p.first
        self.events.append((pid, written, outcome))
        return rendered, written, (pid if outcome == _OK else None)

    def role_text(self, sp: _Speaker) -> str:
        layout = self.plan.layout
        if layout == "transcript":
            return self.tpl["transcript"]["chair_label"]
        if layout == "mail":
            return self.tpl["mail"]["role_subject"]
        if layout == "actions":
            heading = next(h for h in self.data.series["rosters"][self.plan.series.roster] if h.get("single") == sp.role)
            return heading["subject"]
        return self.tpl["summary"]["role_subject"]

    def external(self, name: str) -> str:
        self.events.append((None, name, _UNKNOWN))
        return name

    def pronoun(self, pid: int) -> str:
        return self.tpl["pronouns"][self.people[pid].gender]

    # -- helpers
    def date_long(self, day: int) -> str:
        d = date.fromordinal(day)
        return f"{d.day} {self.tpl['months'][d.month - 1]} {d.year}"

    def date_short(self, day: int) -> str:
        d = date.fromordinal(day)
        return f"{d.day} {self.tpl['months'][d.month - 1]}"

    def link(self) -> str:
        chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        ident = "1" + "".join(chars[self.rng.randrange(62)] for _ in range(32))
        return self.pick(self.tpl["links"]).format(id=ident)

    def describe(self, pid: int) -> tuple[list[str], list[str]]:
        """Roles and organisations written after a name in a participant list."""
        p = self.people[pid]
        org, status, job = p.state(self.plan.day)
        roles_cfg = self.data.orgs["roles"]
        roles: list[str] = []
        if any(pid in c for _, c in self.plan.series.cochairs) and self.plan.layout in ("summary", "markdown"):
            chairs = next((c for d, c in reversed(self.plan.series.cochairs) if d <= self.plan.day), ())
            if pid in chairs:
                roles.append(roles_cfg["cochair"][0])
        if job:
            roles.append(job)
        if status:
            roles.append(self.pick(roles_cfg[status]))
        orgs = []
        if org:
            name, acronym = org
            orgs.append(acronym if acronym and self.rng.random() < 0.4 else name)
        return roles, orgs

    def gold(self, agenda: list[str], participants: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
        """The report's gold record; speakers in order of first mention, topics only via resolved mentions."""
        plan, people = self.plan, self.people
        speakers: list[dict[str, Any]] = []
        index: dict[tuple[str, Any], dict[str, Any]] = {}
        for pid, written, outcome in self.events:
            key: tuple[str, Any] = ("p", pid) if outcome == _OK else ("n", _fold(written).casefold())
            entry = index.get(key)
            if entry is None:
                entry = {"name": people[pid].full if outcome == _OK and pid is not None else None,
                         "mentions": [], "ambiguous": outcome == _AMBIGUOUS}
                index[key] = entry
                speakers.append(entry)
            if written not in entry["mentions"]:
                entry["mentions"].append(written)
        resolved = {pid for pid, _, outcome in self.events if outcome == _OK}
        pairs = sorted({(people[pid].full, t) for pid, t in self.person_topics if pid in resolved})
        return {
            "file": plan.file_name,
            "meeting": {"series": plan.series.name, "number": plan.number,
                        "date": date.fromordinal(plan.day).isoformat(),
                        "start_time_utc": None if plan.time_conflict else plan.time},
            "agenda": agenda,
            "participants": participants,
            "speakers": speakers,
            "topics": sorted(self.topics),
            "person_topics": [list(p) for p in pairs],
            "action_items": actions,
        }


def _sections_for(doc: _Doc) -> list[tuple[str, list[str], list[int]]]:
    """Agenda items of a prose report as ``(kind, topics, speakers)``; every speaker gets one."""
    plan, rng, people = doc.plan, doc.rng, doc.people
    items: list[tuple[str, list[str], list[int]]] = []
    if rng.random() < 0.3:
        items.append(("first", [], []))
    for tid in plan.items:
        items.append(("topic", [tid], []))
    secretariat = [sp.pid for sp in plan.speakers if people[sp.pid].secretariat]
    if secretariat or rng.random() < 0.5:
        items.append(("secretariat", [], list(secretariat)))
    if rng.random() < 0.85:
        items.append(("aob", [], []))
    topical = [i for i, it in enumerate(items) if it[0] == "topic"]
    rest = [sp.pid for sp in plan.speakers if sp.pid not in secretariat]
    rng.shuffle(rest)
    for n, pid in enumerate(rest):
        items[topical[n % len(topical)]][2].append(pid)
    for i in topical:
        if items[i][2] and rng.random() < 0.5:
            items[i][2].append(rng.choice(rest))
    return items


def _prose_paragraphs(doc: _Doc, topics: list[str], speakers: list[int]) -> list[str]:
    """Paragraphs of one discussion section: "X noted that ...", joint subjects, pronouns, passives."""
    rng, tpl = doc.rng, doc.tpl
    st = tpl["sentences"]
    paragraphs: list[str] = []
    queue = list(speakers)
    last: tuple[int, str] | None = None
    while queue:
        pid = queue.pop(0)
        sentences: list[str] = []
        r = rng.random()
        if queue and queue[0] != pid and r < 0.12:
            other = queue.pop(0)
            s1, _, ok1 = doc.mention(pid)
            s2, w2, ok2 = doc.mention(other)
            if rng.random() < 0.5:
                np = doc.use(doc.np_phrase(topics), (ok1, ok2))
                sentences.append(st["joint"][0].format(S=s1, S2=s2, np=np))
            else:
                c = doc.use(doc.clause_phrase(topics), (ok1, ok2))
                sentences.append(st["joint"][1].format(S=s1, S2=s2, vt=doc.pick(tpl["verbs_that"]), c=c))
            for t in topics:
                doc.person_topics.update((p, t) for p in (ok1, ok2) if p is not None)
            last = (other, w2)
        elif queue and queue[0] != pid and r < 0.2:
            other = queue.pop(0)
            s1, _, ok1 = doc.mention(pid)
            np = doc.use(doc.np_phrase(topics), (ok1,))
            s2, w2, ok2 = doc.mention(other)
            c = doc.use(doc.clause_phrase(topics), (ok2,))
            sentences.append(doc.pick(st["question"]).format(S=s1, np=np, S2=s2, vt=doc.pick(tpl["verbs_that"]), c=c))
            for t in topics:
                doc.person_topics.update((p, t) for p in (ok1, ok2) if p is not None)
            last = (other, w2)
        else:
            if last is not None and last[0] != pid and r < 0.28:
                s2, w2, ok2 = doc.mention(pid)
                sentences.append(doc.pick(st["support"]).format(S2=s2, S1p=f"{last[1]}'s"))
                for t in topics:
                    if ok2 is not None:
                        doc.person_topics.add((ok2, t))
                last = (pid, w2)
                paragraphs.append(" ".join(sentences))
                continue
            s, w, ok = doc.mention(pid)
            template = doc.pick(st["single"])
            about = doc.focus(topics)
            text = doc.fill(template, (ok,), S=s, vt=doc.pick(tpl["verbs_that"]), vt2=doc.pick(tpl["verbs_that"]),
                            c=lambda: doc.clause_phrase(about, drift=False), c2=lambda: doc.clause_phrase(about, drift=False),
                            np=lambda: doc.np_phrase(about),
                            vn=lambda: doc.pick(tpl["verbs_np"]).format(np=doc.use(doc.np_phrase(about), (ok,))))
            sentences.append(_cap(text))
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                c = doc.use(doc.clause_phrase(topics), (ok,))
                sentences.append(doc.pick(st["cont"]).format(P=doc.pronoun(pid), vt=doc.pick(tpl["verbs_that"]), c=c))
            if ok is not None:
                doc.person_topics.update((ok, t) for t in topics)
            if doc.external_pending and rng.random() < 0.5:
                s_again, _, _ = doc.mention(pid)
                name = doc.external(doc.external_pending)
                c = doc.use(doc.clause_phrase(topics), (ok,))
                sentences.append(doc.pick(st["reported"]).format(S=s_again, X=name, c=c))
                doc.external_pending = None
            last = (pid, w)
        paragraphs.append(" ".join(sentences))
        if rng.random() < 0.15:
            paragraphs.append(_passive(doc, topics))
    if doc.external_pending and speakers:
        s, _, ok = doc.mention(speakers[0])
        name = doc.external(doc.external_pending)
        c = doc.use(doc.clause_phrase(topics), (ok,))
        paragraphs.append(doc.pick(st["reported"]).format(S=s, X=name, c=c))
        doc.external_pending = None
    return paragraphs


def _passive(doc: _Doc, topics: list[str]) -> str:
    st = doc.tpl["sentences"]
    template = doc.pick(st["org"] if doc.rng.random() < 0.3 else st["passive"])
    return doc.fill(template, O=doc.pick(doc.tpl["org_subjects"]), vt=doc.pick(doc.tpl["verbs_that"]),
                    c=lambda: doc.clause_phrase(topics), np=lambda: doc.np_phrase(topics))


def _item_title(doc: _Doc, kind: str, topics: list[str], conf: dict[str, Any]) -> str:
    if kind == "topic":
        return doc.use(doc.agenda_phrase(topics[0]))
    if kind == "first":
        return doc.pick(conf["first_items"])
    if kind == "secretariat":
        return doc.pick(conf["secretariat_items"])
    return doc.pick(conf["aob"])


def _list_lines(doc: _Doc, style: str, group: str) -> tuple[list[str], list[dict[str, Any]]]:
    """A numbered participant list and its gold entries."""
    lines, gold = [], []
    for n, (pid, first, middle, last, last_first, declares) in enumerate(doc.plan.listed or (), 1):
        given = " ".join(x for x in (first, middle) if x)
        natural = f"{given} {last}"
        written = f"{last}, {given}" if last_first else natural
        if declares:
            written += f" ({doc.people[pid].nick})"
        roles, orgs = doc.describe(pid)
        if style == "paren" and orgs:
            entry = f"{written} ({orgs[0]})"
            roles = []
        elif style == "dash" and (orgs or roles):
            entry = f"{written} – {', '.join(roles + orgs)}"
        else:
            entry = ", ".join([written, *roles, *orgs])
        space = "  " if doc.rng.random() < 0.05 else " "
        lines.append(f"{n}.{space}{entry}")
        gold.append({"name": natural, "group": group, "roles": roles, "organisations": orgs})
    return lines, gold


def _render_summary(doc: _Doc, markdown: bool) -> dict[str, Any]:
    plan, tpl, rng, s = doc.plan, doc.tpl, doc.rng, doc.plan.series
    conf = tpl["summary"]
    md = tpl["markdown"]
    chair = doc.people[plan.chair]
    date_text = doc.date_long(plan.day)
    time_text = f"{_ampm(plan.time)}" if markdown else plan.time
    header = doc.pick(md["headers"] if markdown else conf["headers"])
    doc.parts.append(header.format(series=s.name, date=date_text, time=time_text, number=plan.number))
    chair_text = chair.full + (f" ({chair.nick})" if plan.decl.get(chair.pid) == "intro" else "")
    intro_time = plan.time
    if plan.time_conflict:
        intro_time = f"{(int(plan.time[:2]) + 1) % 24:02d}:00"
    intro = doc.pick(conf["intro"]).format(
        ordinal=plan.number if markdown and rng.random() < 0.5 else _ordinal(int(plan.number)),
        series_intro=s.intro_prefix + s.name, short=s.short or s.name,
        date_intro=date_text if rng.random() < 0.6 else doc.date_short(plan.day),
        time=_ampm(intro_time) if markdown else intro_time, chair=chair_text)
    paragraphs_out: list[str] = [intro]
    role = doc.mention_role(plan.chair) if rng.random() < 0.8 else doc.mention(plan.chair)[0]
    paragraphs_out.append(doc.pick(conf["opening"]).format(R=role, punct=rng.choice((":", "."))))
    items = _sections_for(doc)
    titles = [_item_title(doc, kind, topics, conf) for kind, topics, _ in items]
    agenda_lines: list[str] = []
    numbered = markdown or rng.random() < 0.8
    for n, title in enumerate(titles, 1):
        shown = f"[{title}](#)" if markdown and rng.random() < 0.15 else title
        agenda_lines.append(f"{n}. {shown}" if numbered else shown)
        if markdown and items[n - 1][0] == "topic" and rng.random() < 0.2:
            for letter, sub in zip("abc", rng.sample(md["sub_items"], 2)):
                agenda_lines.append(f"  - {letter}. {sub}")
    body: list[str] = []
    skip = 1 if rng.random() < 0.05 else 0
    for n, ((kind, topics, speakers), title) in enumerate(zip(items, titles), 1):
        number = n + (skip if n == len(items) else 0)
        if markdown:
            heading = f"{number}. **{title}**"
        else:
            heading = f"{number}.{'' if rng.random() < 0.1 else ' '}{title}"
        paras = _prose_paragraphs(doc, topics, speakers) if speakers else []
        if kind == "secretariat" and not speakers:
            paras = [doc.pick(conf["no_secretariat"])]
        if kind == "aob":
            paras.append(doc.pick(conf["closing"]).format(date=doc.date_short(plan.next_day), time=plan.time, short=s.short or s.name))
        if kind == "first" and not paras:
            paras = [doc.pick(conf["adopted"])]
        if kind == "topic" and not paras:
            paras = [_passive(doc, topics)]
        if markdown and paras and rng.random() < 0.2:
            paras[-1] += " " + doc.pick(md["link_sentences"])
        body.append(heading)
        body.extend(paras)
        if rng.random() < 0.1:
            body.append(doc.link())
    participants: list[dict[str, Any]] = []
    heading = doc.pick(conf["list_heading"])
    list_block: list[str] = []
    if plan.listed is not None:
        lines, participants = _list_lines(doc, s.list_style, heading)
        list_block = [doc.pick(md["annex"]) if markdown else heading, "\n".join(lines)]
        if markdown:
            participants = [dict(p, group="List of participants") for p in participants]
    agenda_heading = doc.pick(md["agenda_heading"] if markdown else conf["agenda_heading"])
    discussion_heading = doc.pick(md["discussion_heading"] if markdown else conf["discussion_heading"])
    width = rng.randint(*tpl["wrap"]["width"])
    wrap = (lambda t: _wrap(t, width)) if (s.wrap and not markdown) else (lambda t: t)
    blank = "\n \n" if s.wrap and not markdown else "\n\n"
    text = doc.parts[0] + "\n" + blank.join(wrap(p) for p in paragraphs_out)
    text += "\n\n" + agenda_heading + "\n\n" + "\n".join(agenda_lines) + "\n\n" + discussion_heading + "\n\n"
    text += blank.join(wrap(p) if not p.startswith("http") else p for p in body)
    if list_block:
        text += "\n\n" + list_block[0] + "\n\n" + list_block[1] + "\n"
    else:
        text += "\n"
    doc.parts = [text]
    return doc.gold(titles, participants, [])


def _render_actions(doc: _Doc) -> dict[str, Any]:
    """The action-item layout: numbered sections of bullets, arrows, annexed agenda and roster."""
    plan, tpl, rng, s, people = doc.plan, doc.tpl, doc.rng, doc.plan.series, doc.people
    conf = tpl["actions"]
    year = date.fromordinal(plan.day).year
    title = s.title.format(year=year, number=plan.number, theme=s.theme, name=s.name)
    out = [f"\n\n{title}\n{doc.pick(conf['subtitle'])}\n\n{doc.pick(conf['dateline']).format(date=doc.date_long(plan.day), time=plan.time)}\n"]
    roles = [sp for sp in plan.speakers if sp.forms[0] == "role"]
    persons = [sp for sp in plan.speakers if sp.forms[0] != "role"]
    items: list[tuple[str, list[str]]] = [(doc.pick(conf["first_items"][s.roster]), [])]
    items += [(doc.use(doc.agenda_phrase(tid)), [tid]) for tid in plan.items]
    items.append((doc.pick(tpl["summary"]["aob"][1:]), []))
    bullets_cfg = conf["bullets"]
    actions: list[dict[str, Any]] = []
    person_slots = {i: [] for i in range(1, len(items))}
    for n, sp in enumerate(persons):
        person_slots[1 + n % (len(items) - 1)].append(sp.pid)
    for n, (item, topics) in enumerate(items):
        lines = [f"{n + 1}. {item}", ""]
        bullets: list[str] = []
        if n == 0:
            for sp in roles:
                r, _, ok = doc.mention(sp.pid)
                bullets.append(doc.fill(doc.pick(bullets_cfg["role"]), (ok,), R=r,
                                        np=lambda: doc.np_phrase(plan.items), task=lambda: doc.task_phrase(plan.items)))
        else:
            for pid in person_slots.get(n, []):
                f, _, ok = doc.mention(pid)
                org = people[pid].state(plan.day)[0]
                bullets.append(doc.fill(doc.pick(bullets_cfg["person"]), (ok,), F=f,
                                        org=(org[1] or org[0]) if org else "independent", np=lambda: doc.np_phrase(topics)))
                if ok is not None:
                    doc.person_topics.update((ok, t) for t in topics)
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(("org", "passive", "passive", "role"))
                if kind == "role" and roles:
                    sp = rng.choice(roles)
                    r, _, ok = doc.mention(sp.pid)
                    bullets.append(doc.fill(doc.pick(bullets_cfg["role"]), (ok,), R=r,
                                            np=lambda: doc.np_phrase(topics), task=lambda: doc.task_phrase(topics)))
                    if ok is not None:
                        doc.person_topics.update((ok, t) for t in topics)
                else:
                    template = doc.pick(bullets_cfg["org" if kind == "org" else "passive"])
                    bullets.append(doc.fill(template, O=doc.pick(tpl["org_subjects"]), np=lambda: doc.np_phrase(topics),
                                            c=lambda: doc.clause_phrase(topics), task=lambda: doc.task_phrase(topics)))
        lines.extend(f"- {_cap(b)}" for b in bullets)
        if n and rng.random() < 0.6:
            lines += ["", conf["actions_heading"], ""]
            for _ in range(rng.randint(1, 2)):
                action = _action_item(doc, topics)
                actions.append(action[1])
                lines.append(f"- {conf['arrow']} **{action[0]}**")
        out.append("\n".join(lines) + "\n")
    agenda = [conf["adoption"]] + [t for t, _ in items]
    out.append(conf["annex_agenda"] + "\n\n" + "\n".join(f"{i}. {t}" for i, t in enumerate(agenda, 1)) + "\n")
    roster_lines, participants = _roster(doc, year)
    out.append(conf["annex_roster"] + "\n\n" + "\n".join(roster_lines))
    doc.parts = ["\n".join(out)]
    return doc.gold(agenda, participants, actions)


def _action_item(doc: _Doc, topics: list[str]) -> tuple[str, dict[str, Any]]:
    conf, rng, plan = doc.tpl["actions"], doc.rng, doc.plan
    owner = doc.pick(conf["owners"])
    templates = list(conf["action_templates"]["any"]) + list(conf["action_templates"]["plural" if owner["plural"] else "singular"])
    template = doc.pick(templates)
    due_day = plan.day + rng.randint(5, 40)
    task = doc.use(doc.task_phrase(topics))
    text = template.format(Owner=owner["text"], task=task, due=doc.date_short(due_day))
    return text, {"text": text, "owner": owner["owner"], "due": date.fromordinal(due_day).isoformat() if "{due}" in template else None}


def _roster(doc: _Doc, year: int) -> tuple[list[str], list[dict[str, Any]]]:
    """Tab-separated ``Last<TAB>First`` roster under group headings, with a page break inside."""
    plan = doc.plan
    headings = doc.data.series["rosters"][plan.series.roster]
    entries = {e[0]: e for e in plan.listed or ()}
    lines: list[str] = []
    gold: list[dict[str, Any]] = []
    n_total = len(entries)
    page_break = doc.rng.randrange(max(1, n_total)) if n_total > 8 else -1
    written_count = 0
    for h in headings:
        heading = h["heading"].format(year=year)
        members = [pid for pid, g in plan.groups.items() if g == h["heading"]]
        if not members:
            continue
        members.sort(key=lambda pid: (_fold(entries[pid][3]).casefold(), entries[pid][1]))
        lines.append(f"{heading}\t")
        for pid in members:
            _, first, middle, last, _, _ = entries[pid]
            given = " ".join(x for x in (first, middle) if x)
            if written_count == page_break:
                lines.extend(["", "", ""])
            lines.append(f"{last}\t{given}")
            written_count += 1
            gold.append({"name": f"{given} {last}", "group": heading,
                         "roles": [r.format(year=year) for r in h["roles"]],
                         "organisations": [o.format(year=year) for o in h["organisations"]]})
    return lines, gold


def _render_transcript(doc: _Doc) -> dict[str, Any]:
    """Caption transcript: ``>> NAME:`` turns, a ``>> CHAIR:`` label, items announced by the chair."""
    plan, tpl, rng, s, people = doc.plan, doc.tpl, doc.rng, doc.plan.series, doc.people
    conf = tpl["transcript"]
    d = date.fromordinal(plan.day)
    year = d.year
    title = s.title.format(year=year, number=plan.number, name=s.name)
    chair = people[plan.chair]
    head = doc.pick(conf["headers"]).format(title=title, weekday=tpl["weekdays"][d.weekday()],
                                            date=doc.date_long(plan.day), time=plan.time)
    head += doc.pick(conf["chaired"]).format(chair=chair.full) + "\n\n" + conf["disclaimer"] + "\n"
    hour = int(plan.time[:2])
    daypart = next(k for k, (lo, hi) in conf["dayparts"].items() if lo <= hour < hi)
    turns: list[str] = []

    def chair_turn(text: str, topics: Sequence[str] = ()) -> None:
        label, _, ok = doc.mention(plan.chair)
        if ok is not None:
            doc.person_topics.update((ok, t) for t in topics)
        turns.append(f">> {label}: {text}")

    chair_turn(doc.pick(conf["chair_open"]).format(daypart=daypart))
    speakers = [sp.pid for sp in plan.speakers if sp.pid != plan.chair]
    rng.shuffle(speakers)
    per_item = [speakers[i::len(plan.items)] for i in range(len(plan.items))]
    previous = None
    for tid, group in zip(plan.items, per_item):
        title_phrase = doc.agenda_phrase(tid)
        chair_turn(doc.pick(conf["chair_item"]).format(title=doc.use(title_phrase)), title_phrase.topics)
        for pid in group + (rng.sample(group, min(len(group), rng.randint(1, 2))) if group and rng.random() < 0.6 else []):
            if previous is not None and rng.random() < 0.5:
                nxt = people[pid]
                n_spoken = doc.count.get(pid, 0)
                form = doc.speaker[pid].forms[0 if n_spoken == 0 else 1]
                next_name = f"{nxt.first} {nxt.last}" if form == "label_full" else nxt.first
                chair_turn(doc.pick(conf["chair_floor"]).format(prev=people[previous].first, next=next_name))
            label, _, ok = doc.mention(pid)
            sentences = [doc.pick(conf["speaker_open"]).format(chairfirst=chair.first)]
            for _ in range(rng.randint(2, 4)):
                c = doc.use(doc.clause_phrase([tid]), (ok,))
                sentences.append(_cap(doc.pick(conf["speaker_body"]).format(c=c)))
            if rng.random() < 0.1:
                sentences.append(doc.pick(conf["noise"]))
            sentences.append(doc.pick(conf["speaker_close"]))
            if ok is not None:
                doc.person_topics.add((ok, tid))
            turns.append(f">> {label}: {' '.join(sentences)}")
            previous = pid
    chair_turn(doc.pick(conf["chair_close"]).format(date=doc.date_long(plan.next_day)))
    doc.parts = [head + "\n" + "\n\n".join(turns) + "\n"]
    return doc.gold([], [], [])


def _email(p: _Person, doc: _Doc) -> str:
    org = p.state(doc.plan.day)[0]
    domain = _slug(org[1] or org[0]) if org else "mail"
    local = f"{_slug(p.first)[:1]}.{_slug(p.last).replace('-', '')}"
    return f"{local}@{domain}.example"


def _render_mail(doc: _Doc) -> dict[str, Any]:
    """Mailing-list minutes: headers, minutes with attendees and bullets, signature, quoted history, footer."""
    plan, tpl, rng, s, people = doc.plan, doc.tpl, doc.rng, doc.plan.series, doc.people
    conf = tpl["mail"]
    author = people[plan.author]
    tag = s.short or s.name
    slug = _slug(tag)
    mail_day = plan.day + rng.randint(1, 5)
    md = date.fromordinal(mail_day)
    mail_date = f"{tpl['weekdays'][md.weekday()][:3]}, {md.day} {tpl['months'][md.month - 1][:3]} {md.year} {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +0000"
    subject = doc.pick(conf["subject"]).format(number=plan.number, date=doc.date_long(plan.day))
    listaddr = f"{slug}@{conf['domain']}"
    out = [f"From: {author.full} <{_email(author, doc)}>", f"Date: {mail_date}", f"Subject: [{tag}] {subject}", f"To: {listaddr}", ""]
    out += [doc.pick(conf["greeting"]), "", doc.pick(conf["intro"]).format(date=doc.date_long(plan.day)), ""]
    out.append(doc.pick(conf["minutes_title"]).format(name=s.name, short=tag, number=plan.number))
    out.append(doc.pick(conf["date_line"]).format(date=doc.date_long(plan.day), time=plan.time))
    out.append(doc.pick(conf["chair_line"]).format(chair=people[plan.chair].full))
    participants: list[dict[str, Any]] = []
    if plan.listed is not None:
        label = doc.pick(conf["attendees"])
        entries = []
        for pid, first, middle, last, _, declares in plan.listed:
            given = " ".join(x for x in (first, middle) if x)
            natural = f"{given} {last}"
            written = natural + (f" ({people[pid].nick})" if declares else "")
            _, orgs = doc.describe(pid)
            orgs = [o for o in orgs if len(o) < 8]  # only acronyms fit the inline list
            entries.append(f"{written} ({orgs[0]})" if orgs else written)
            participants.append({"name": natural, "group": label, "roles": [], "organisations": orgs[:1]})
        out.append(f"{label}: {', '.join(entries)}")
    out.append("")
    titles = [doc.use(doc.agenda_phrase(tid)) for tid in plan.items]
    out += [doc.pick(conf["agenda_heading"])] + [f"{i}. {t}" for i, t in enumerate(titles, 1)] + [""]
    out.append(doc.pick(conf["notes_heading"]))
    speakers = [sp.pid for sp in plan.speakers]
    chair_sp = speakers[0]
    others = speakers[1:]
    rng.shuffle(others)
    groups = [others[i::len(titles)] for i in range(len(titles))]
    if rng.random() < 0.5:
        role_text = conf["role_subject"]
        doc.events.append((chair_sp, role_text, _OK))
        out.append(doc.pick(conf["role_open"]).format(R=role_text))
    groups[0].insert(0, chair_sp)
    bullets = conf["bullets"]
    mentioned: list[int] = []
    for n, (title, tid, group) in enumerate(zip(titles, plan.items, groups), 1):
        out.append(f"{n}. {title}")
        for pid in group:
            s_text, _, ok = doc.mention(pid)
            template = doc.pick(bullets["single"])
            phrase = doc.clause_phrase([tid])
            c = doc.use(phrase, (ok,))
            out.append(template.format(S=s_text, vt=doc.pick(tpl["verbs_that"]), c=c, C=_cap(c)))
            if rng.random() < 0.3:
                c = doc.use(doc.clause_phrase([tid]), (ok,))
                out.append(doc.pick(bullets["cont"]).format(P=doc.pronoun(pid), vt=doc.pick(tpl["verbs_that"]), c=c))
            if ok is not None:
                doc.person_topics.add((ok, tid))
            mentioned.append(pid)
        if rng.random() < 0.3:
            out.append(doc.pick(bullets["passive"]).format(c=doc.use(doc.clause_phrase([tid]))))
        out.append("")
    actions: list[dict[str, Any]] = []
    if mentioned and rng.random() < 0.7:
        out.append(doc.pick(conf["action_heading"]))
        for pid in rng.sample(mentioned, min(len(mentioned), rng.randint(1, 3))):
            owner_text, written, ok = doc.mention(pid)
            tid = rng.choice(plan.items)
            task = doc.use(doc.task_phrase([tid]), (ok,))
            due_day = plan.day + rng.randint(5, 30)
            due = f" by {doc.date_short(due_day)}" if rng.random() < 0.6 else ""
            line = conf["action"].format(owner=owner_text, task=task, due=due)
            out.append(line)
            actions.append({"text": line[len("- ACTION: "):], "owner": people[pid].full if ok is not None else written,
                            "due": date.fromordinal(due_day).isoformat() if due else None})
        out.append("")
    org, _, job = author.state(plan.day)
    signature = [doc.pick(conf["sign_off"]), author.first, "", "-- ", author.full]
    if job or org:
        signature.append(", ".join(x for x in (job, org[0] if org else None) if x))
    out += signature + [""]
    quoted = people[plan.quoted]
    qday = plan.day - rng.randint(7, 20)
    qd = date.fromordinal(qday)
    out.append(conf["quote_intro"].format(qdate=f"{tpl['weekdays'][qd.weekday()][:3]}, {qd.day} {tpl['months'][qd.month - 1][:3]} {qd.year}",
                                          qauthor=quoted.full, qemail=_email(quoted, doc)))
    for line in conf["quote_lines"]:
        if "{C}" in line:
            tid = _pick_topics(rng, doc.data.topics, doc.weights, 1, "clauses")[0]
            line = line.format(C=_cap(doc.use(doc.pick(doc.topic[tid].clauses), count=False)))
        out.append(f"> {line}")
    out.append(f"> {quoted.first}")
    out += ["", conf["footer"].format(short=tag, listaddr=listaddr, domain=conf["domain"], slug=slug)]
    doc.parts = ["\n".join(out) + "\n"]
    return doc.gold(titles, participants, actions)


def _render(corpus: _Corpus, plan: _Plan) -> tuple[str, dict[str, Any]]:
    rng = random.Random(f"{corpus.seed}/{plan.idx}")
    doc = _Doc(corpus, plan, rng)
    layout = plan.layout
    if layout in ("summary", "markdown"):
        gold = _render_summary(doc, markdown=layout == "markdown")
    elif layout == "actions":
        gold = _render_actions(doc)
    elif layout == "transcript":
        gold = _render_transcript(doc)
    else:
        gold = _render_mail(doc)
    return doc.parts[0], gold


# --------------------------------------------------------------------------- entry point


def _prepare_out_dir(out_dir: Path) -> None:
    """Create the folder, or clear a previous synthetic corpus; refuse a folder with other files."""
    if out_dir.exists() and not out_dir.is_dir():
        raise SynthError("the output path exists and is not a folder", path=str(out_dir), hint="give a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not (out_dir / MANIFEST).is_file():
            raise SynthError("the output folder is not empty and was not written by kg synth", path=str(out_dir),
                             hint="choose an empty or new folder")
        try:
            previous = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            for entry in previous.get("files", []):
                name = entry["file"]
                (out_dir / name).unlink(missing_ok=True)
                (out_dir / "gold" / (name.rsplit(".", 1)[0] + ".json")).unlink(missing_ok=True)
            (out_dir / "gold" / "topics.json").unlink(missing_ok=True)
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise SynthError(f"cannot clear the previous synthetic corpus: {err}", path=str(out_dir),
                             hint="delete the folder and run again") from err
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)


def synthesize(n: int, out_dir: Path, seed: int = 0, *, start_year: int = 2019,
               layouts: Sequence[str] | None = None) -> SynthSummary:
    """Write ``n`` synthetic reports and their gold files into ``out_dir``.

    Args:
        n: how many reports (0 or more).
        out_dir: the folder to write; created if missing.  A folder written
            by an earlier run is cleared of that run's files; any other
            non-empty folder is refused.
        seed: the same seed (and arguments) gives the same bytes.
        start_year: the first year meetings may fall in (topic popularity
            curves move with it).
        layouts: a subset of ``LAYOUTS``; default all of them.

    Returns:
        A ``SynthSummary`` of what was written.

    Raises:
        SynthError: bad arguments, an unusable output folder, or broken data files.
    """
    if n < 0:
        raise SynthError(f"cannot write {n} reports", hint="give 0 or more")
    chosen = tuple(layouts) if layouts is not None else LAYOUTS
    unknown = sorted(set(chosen) - set(LAYOUTS))
    if unknown or not chosen:
        raise SynthError(f"unknown layouts: {', '.join(unknown) or '(none given)'}", hint=f"choose from {', '.join(LAYOUTS)}")
    chosen = tuple(x for x in LAYOUTS if x in chosen)
    out_dir = Path(out_dir)
    data = _data()
    _prepare_out_dir(out_dir)
    rng = random.Random(seed)
    start = date(start_year, 1, 1).toordinal()
    span = int(data.series["span_years"] * 365)
    people = _make_people(n // 5 + 40, data, rng, start, span)
    counts = _layout_counts(n, chosen, data.tpl["layout_weights"])
    series, meetings = _make_series(counts, data, rng, people, start, span)
    corpus = _Corpus(data, people, start_year, seed, secretariat=[p.pid for p in people if p.secretariat],
                     name_keys={(p.fkey, p.lkey) for p in people})
    plans = _plan_all(corpus, series, meetings, rng)
    written = Counter()
    words = participants = speakers = ambiguous = unresolved = actions = 0
    seen: set[int] = set()
    topics_met: set[str] = set()
    files: list[dict[str, str]] = []
    for plan in plans:
        text, gold = _render(corpus, plan)
        (out_dir / plan.file_name).write_text(text, encoding="utf-8")
        (out_dir / "gold" / f"{plan.stem}.json").write_text(_gold_json(gold), encoding="utf-8")
        files.append({"file": plan.file_name, "layout": plan.layout, "series": plan.series.name})
        written[plan.layout] += 1
        words += len(text.split())
        participants += len(gold["participants"])
        speakers += len(gold["speakers"])
        ambiguous += sum(1 for sp in gold["speakers"] if sp["ambiguous"])
        unresolved += sum(1 for sp in gold["speakers"] if sp["name"] is None and not sp["ambiguous"])
        actions += len(gold["action_items"])
        topics_met.update(gold["topics"])
        seen.update(e[0] for e in plan.listed or ())
        seen.update(sp.pid for sp in plan.speakers)
        seen.update(pid for pid in (plan.chair, plan.author, plan.quoted) if pid is not None)
    _write_topics(out_dir / "gold" / "topics.json", data, corpus, topics_met)
    _write_manifest(out_dir, n, seed, start_year, chosen, files, people, seen, data)
    return SynthSummary(out_dir=str(out_dir), seed=seed, reports=len(plans),
                        layouts={x: written.get(x, 0) for x in chosen}, people=len(people), people_seen=len(seen),
                        series=len({p.series.sid for p in plans}), topics=len(topics_met), words=words,
                        participants=participants, speakers=speakers, ambiguous=ambiguous, unresolved=unresolved,
                        action_items=actions)


def _gold_json(gold: dict[str, Any]) -> str:
    """One key per line and one list element per line: readable, and fast (the C encoder does the values)."""
    lines = []
    for key, value in gold.items():
        if isinstance(value, list) and value:
            inner = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f" {json.dumps(key)}: [\n{inner}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _write_topics(path: Path, data: _Data, corpus: _Corpus, met: set[str]) -> None:
    """The topic inventory in the shared gold format: topics met, with every spelling met."""
    topics = [{"id": t.id, "label": t.label, "aliases": sorted(corpus.aliases_used.get(t.id, ())), "parent": t.parent}
              for t in data.topics if t.id in met]
    path.write_text(json.dumps({"topics": topics}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _write_manifest(out_dir: Path, n: int, seed: int, start_year: int, layouts: Sequence[str], files: list[dict[str, str]],
                    people: list[_Person], seen: set[int], data: _Data) -> None:
    """``synth.json``: the arguments, each file's layout and series, and the people behind the gold."""
    def person(p: _Person) -> dict[str, Any]:
        timeline = []
        for day, (org, status, job) in zip(p.changes, p.states):
            timeline.append({"from": None if day < 0 else date.fromordinal(day).isoformat(),
                             "organisation": org[0] if org else None, "status": status, "job": job})
        return {"name": p.full, "first": p.first, "middle": p.middle, "last": p.last, "nickname": p.nick,
                "secretariat": p.secretariat, "timeline": timeline}

    manifest = {"generator": "kg.synth", "n": n, "seed": seed, "start_year": start_year, "layouts": list(layouts),
                "files": files, "people": [person(p) for p in people if p.pid in seen]}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
