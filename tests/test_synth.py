"""The synthetic corpus: deterministic, every layout, gold in the README's format, and honest gold.

The honesty tests recompute the gold from the written files alone (texts, gold
participant lists, and the manifest's people to tell which person a written full
name denotes) and require the generator's gold to agree with that reading.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from kg.errors import SynthError
from kg.synth import DATA_DIR, LAYOUTS, MANIFEST, synthesize

ROOT = Path(__file__).resolve().parents[1]
NAMES = json.loads((DATA_DIR / "names.json").read_text(encoding="utf-8"))
FOLD = {ord(k): v for k, v in NAMES["ascii_fold"].items()}
ROLE_MENTIONS = {"the co-chair", "the mag chair", "the host country co-chair", "the committee chair", "chair", "the chair"}
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _key(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name or a text."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain).casefold().strip()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "corpus"
    return out, synthesize(300, out, seed=5)


def _golds(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "gold").glob("*.json")) if p.name != "topics.json"]


def _manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text(encoding="utf-8"))


def _texts(out: Path, layout: str) -> list[str]:
    return [(out / f["file"]).read_text(encoding="utf-8") for f in _manifest(out)["files"] if f["layout"] == layout]


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- determinism, layouts, counts


def test_synth_same_seed_gives_the_same_bytes(tmp_path):
    synthesize(40, tmp_path / "a", seed=3)
    code = "import sys; from pathlib import Path; from kg.synth import synthesize; synthesize(40, Path(sys.argv[1]), seed=3)"
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "b")], check=True, cwd=ROOT, env={"PYTHONHASHSEED": "977", "PATH": ""})
    synthesize(40, tmp_path / "c", seed=4)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert _digests(tmp_path / "a") != _digests(tmp_path / "c")


def test_synth_writes_every_layout(corpus):
    out, summary = corpus
    written = Counter(f["layout"] for f in _manifest(out)["files"])
    assert set(summary.layouts) == set(LAYOUTS)
    assert all(summary.layouts[x] > 0 for x in LAYOUTS)
    assert dict(written) == summary.layouts


def test_synth_summary_counts_match_what_was_written(corpus):
    out, summary = corpus
    golds = _golds(out)
    files = _manifest(out)["files"]
    words = sum(len((out / f["file"]).read_text(encoding="utf-8").split()) for f in files)
    topics = json.loads((out / "gold" / "topics.json").read_text(encoding="utf-8"))["topics"]
    speakers = [s for g in golds for s in g["speakers"]]
    assert summary.reports == len(files) == len(golds) == 300
    assert summary.words == words
    assert summary.people == 300 // 5 + 40
    assert summary.people_seen == len(_manifest(out)["people"])
    assert summary.series == len({f["series"] for f in files})
    assert summary.topics == len(topics) == len({t for g in golds for t in g["topics"]})
    assert summary.participants == sum(len(g["participants"]) for g in golds)
    assert summary.speakers == len(speakers)
    assert summary.ambiguous == sum(1 for s in speakers if s["ambiguous"])
    assert summary.unresolved == sum(1 for s in speakers if s["name"] is None and not s["ambiguous"])
    assert summary.action_items == sum(len(g["action_items"]) for g in golds)


def _summary_ok(t: str) -> bool:
    return ("Summary Report" in t and re.search(r"The \d+(st|nd|rd|th) (virtual|online) meeting of", t) is not None
            and re.search(r"^Agenda\s*$", t, re.M) is not None)


def _markdown_ok(t: str) -> bool:
    return re.search(r"^#{1,4} ", t, re.M) is not None and "**" in t and re.search(r"^\d+\. ", t, re.M) is not None


def _actions_ok(t: str) -> bool:
    return (re.search(r"^(IGF|.+ IGF) \d{4} (MAG|Organising Committee) Meeting [IVX]+$", t, re.M) is not None
            and "Annex 1: Meeting Agenda" in t and re.search(r"^[^\t\n]+\t\n[^\t\n]+\t[^\t\n]+$", t, re.M) is not None)


def _transcript_ok(t: str) -> bool:
    labels = re.findall(r"^>> ([^:\n]+): ", t, re.M)
    return "CHAIR" in labels and any(x != "CHAIR" and x == x.upper() for x in labels)


def _mail_ok(t: str) -> bool:
    return (t.startswith("From: ") and re.search(r"^Subject: \[[^\]]+\] ", t, re.M) is not None
            and re.search(r"^> ", t, re.M) is not None and "\n-- \n" in t)


@pytest.mark.parametrize(
    ("layout", "check", "every"),
    [
        ("summary", _summary_ok, True),
        ("summary", lambda t: re.search(r"^\d+\.\s+[^\n,]+, [^\n]+$", t, re.M) is not None, False),  # "Name, role, org"
        ("summary", lambda t: re.search(r"^[A-ZÀ-Þ][\w'-]+ (also )?(noted|shared|stressed|highlighted) that ", t, re.M) is not None, False),
        ("summary", lambda t: re.search(r"\b(She|He) (also )?\w+ that ", t) is not None, False),
        ("summary", lambda t: re.search(r"^The co-chair (opened|welcomed)", t, re.M) is not None, False),
        ("summary", lambda t: re.search(r"\b\w+ and \w+ (gave an update on|\w+ that) ", t) is not None, False),
        ("summary", lambda t: re.search(r"^(It was (also )?(noted|stressed)|The (IGF )?Secretariat \w+) ", t, re.M) is not None, False),
        ("markdown", _markdown_ok, True),
        ("markdown", lambda t: re.search(r"\[[^\]]+\]\(#\)", t) is not None, False),
        ("actions", _actions_ok, True),
        ("actions", lambda t: re.search(r"^- ➔ \*\*.+\*\*$", t, re.M) is not None, False),
        ("actions", lambda t: re.search(r"^[^\t\n]+\t[^\t\n]+\n\n\n\n[^\t\n]+\t[^\t\n]+$", t, re.M) is not None, False),  # page break
        ("transcript", _transcript_ok, True),
        ("mail", _mail_ok, True),
    ],
)
def test_synth_texts_look_like_their_layout(corpus, layout, check, every):
    texts = _texts(corpus[0], layout)
    assert texts
    assert all(map(check, texts)) if every else any(map(check, texts))


@pytest.mark.parametrize("layouts", [("transcript",), ("mail", "actions"), ("markdown",)])
def test_synth_writes_only_the_layouts_asked_for(tmp_path, layouts):
    summary = synthesize(12, tmp_path / "x", seed=1, layouts=layouts)
    assert {x for x, n in summary.layouts.items() if n} == set(layouts)
    assert {f["layout"] for f in _manifest(tmp_path / "x")["files"]} == set(layouts)


# --------------------------------------------------------------------------- the gold format


def _schema_errors(gold: dict, topic_ids: set[str]) -> list[str]:
    """Where a gold report departs from shared/eval/README.md."""
    errors = []
    keys = {"file", "meeting", "agenda", "participants", "speakers", "topics", "person_topics", "action_items"}
    if set(gold) != keys:
        return [f"keys {sorted(set(gold) ^ keys)}"]
    m = gold["meeting"]
    if set(m) != {"series", "number", "date", "start_time_utc"}:
        errors.append(f"meeting keys {sorted(m)}")
    else:
        if not (isinstance(m["series"], str) and m["series"]) or not (isinstance(m["number"], str) and m["number"]):
            errors.append("meeting series/number must be non-empty strings")
        try:
            date.fromisoformat(m["date"])
        except (TypeError, ValueError):
            errors.append(f"meeting date {m['date']!r}")
        if m["start_time_utc"] is not None and not CLOCK.match(m["start_time_utc"]):
            errors.append(f"start time {m['start_time_utc']!r}")
    if not all(isinstance(a, str) and a for a in gold["agenda"]):
        errors.append("agenda items must be non-empty strings")
    for p in gold["participants"]:
        if set(p) != {"name", "group", "roles", "organisations"} or not (isinstance(p["name"], str) and p["name"]):
            errors.append(f"participant {p}")
        elif not all(isinstance(x, str) for x in [*p["roles"], *p["organisations"]]) or not isinstance(p["group"], (str, type(None))):
            errors.append(f"participant fields {p}")
    names = set()
    for s in gold["speakers"]:
        if set(s) != {"name", "mentions", "ambiguous"} or not isinstance(s["ambiguous"], bool):
            errors.append(f"speaker {s}")
            continue
        if not s["mentions"] or not all(isinstance(x, str) and x for x in s["mentions"]):
            errors.append(f"speaker mentions {s}")
        if s["ambiguous"] and s["name"] is not None:
            errors.append(f"an ambiguous speaker must have no name: {s}")
        if s["name"] is not None:
            names.add(s["name"])
    if len(set(gold["topics"])) != len(gold["topics"]) or not set(gold["topics"]) <= topic_ids:
        errors.append(f"topics {sorted(set(gold['topics']) - topic_ids)}")
    for pair in gold["person_topics"]:
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in names and pair[1] in gold["topics"]):
            errors.append(f"person topic {pair}")
    for a in gold["action_items"]:
        if set(a) != {"text", "owner", "due"} or not (isinstance(a["text"], str) and a["text"]):
            errors.append(f"action {a}")
        elif a["due"] is not None:
            try:
                date.fromisoformat(a["due"])
            except (TypeError, ValueError):
                errors.append(f"action due {a['due']!r}")
    return errors


def _topic_inventory(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"topics"}
    ids = set()
    for t in data["topics"]:
        assert set(t) == {"id", "label", "aliases", "parent"}, t
        assert isinstance(t["label"], str) and all(isinstance(a, str) and a for a in t["aliases"])
        ids.add(t["id"])
    return ids


@pytest.mark.parametrize("source", ["shared", "synthetic"])
def test_synth_gold_follows_the_readme_format(corpus, gold_dir, source):
    folder = gold_dir if source == "shared" else corpus[0] / "gold"
    topic_ids = _topic_inventory(folder / "topics.json")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json")) if p.name != "topics.json"]
    assert golds
    problems = {g.get("file"): e for g in golds if (e := _schema_errors(g, topic_ids))}
    assert problems == {}
    if source == "synthetic":
        assert {g["file"] for g in golds} == {p.name for p in corpus[0].iterdir() if p.suffix in (".txt", ".md")}


# --------------------------------------------------------------------------- honest gold


def _reader(out: Path) -> tuple[list[tuple], Counter]:
    """Recompute each gold speaker mention the way a careful reader of the written corpus would.

    A report "states" a person when it writes their full name (list entry,
    "moderated by", a label, a signature ...); "Full Name (Nick)" declares a
    nickname.  A short mention resolves to the one stated person of the report
    it fits; failing that, to the one person the whole corpus states with that
    first name (or declared nickname), provided the evidence is in this report
    or an earlier one.  Several fits make it ambiguous; none, unknown.
    """
    people = _manifest(out)["people"]
    variants: dict[str, tuple[int, bool]] = {}
    for i, p in enumerate(people):
        given = " ".join(x for x in (p["first"], p["middle"]) if x)
        for form in {f"{p['first']} {p['last']}", f"{given} {p['last']}", f"{p['last']}, {given}",
                     f"{p['last']}, {p['first']}", f"{p['last']} {given}", f"{p['last']} {p['first']}"}:
            variants[_key(form)] = (i, False)
            if p["nickname"]:
                variants[f"{_key(form)} ({_key(p['nickname'])})"] = (i, True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)) + r")(?!\w)")
    fkey = [_key(p["first"]) for p in people]
    lkey = [_key(p["last"]) for p in people]
    nkey = [_key(p["nickname"]) if p["nickname"] else None for p in people]
    golds = _golds(out)
    stated: list[set[int]] = []
    first_stated: dict[int, int] = {}
    declared: dict[int, int] = {}
    for i, gold in enumerate(golds):
        found = set()
        for match in pattern.finditer(_key((out / gold["file"]).read_text(encoding="utf-8"))):
            who, declares = variants[match.group(1)]
            found.add(who)
            if declares:
                declared.setdefault(who, i)
        for entry in gold["participants"]:  # a slip in a list entry ("Olsn") still names the person
            k = _key(entry["name"])
            if k in variants:
                found.add(variants[k][0])
                continue
            best = sorted((min(OSA.distance(k, _key(f"{people[j]['first']} {people[j]['last']}")), OSA.distance(k, _key(people[j]["name"]))), j)
                          for j in range(len(people)) if fkey[j] == k.split(" ")[0])
            assert best and best[0][0] <= 2 and (len(best) == 1 or best[1][0] > best[0][0]), entry
            found.add(best[0][1])
        stated.append(found)
        for who in found:
            first_stated.setdefault(who, i)
    by_first, by_last, by_nick = defaultdict(set), defaultdict(set), defaultdict(set)
    for who in first_stated:
        by_first[fkey[who]].add(who)
        by_last[lkey[who]].add(who)
    for who in declared:
        by_nick[nkey[who]].add(who)
    disagreements, tally = [], Counter()
    for i, gold in enumerate(golds):
        for speaker in gold["speakers"]:
            for mention in speaker["mentions"]:
                k = _key(mention)
                if k in ROLE_MENTIONS:
                    expected = ("ok", speaker["name"] and speaker["name"])
                elif k in variants:
                    expected = ("ok", people[variants[k][0]]["name"])
                else:
                    by_surname = k.startswith(("ms. ", "mr. "))
                    k = k[4:] if by_surname else k

                    def fits(who: int) -> bool:
                        return lkey[who] == k if by_surname else fkey[who] == k or (nkey[who] == k and who in declared)

                    def evidence(who: int) -> bool:
                        seen = first_stated if by_surname or fkey[who] == k else declared
                        return seen.get(who, 1 << 30) <= i

                    local = [who for who in stated[i] if fits(who)]
                    pool = local or sorted(by_last[k] if by_surname else by_first[k] | by_nick[k])
                    if len(pool) > 1:
                        expected = ("ambiguous", None)
                    elif pool:
                        expected = ("ok", people[pool[0]]["name"]) if evidence(pool[0]) else ("wrong", None)
                    else:
                        expected = ("unknown", None)
                got = ("ok", speaker["name"]) if speaker["name"] else ("ambiguous" if speaker["ambiguous"] else "unknown", None)
                tally[expected[0]] += 1
                if got[0] != expected[0] or (expected[1] and got[1] != expected[1]):
                    disagreements.append((gold["file"], mention, got, expected))
    return disagreements, tally


def test_synth_gold_speakers_follow_from_the_written_reports(corpus):
    disagreements, tally = _reader(corpus[0])
    assert disagreements == []
    assert tally["ok"] > 1000 and tally["ambiguous"] > 20 and tally["unknown"] > 0 and tally["wrong"] == 0


def test_synth_first_name_ambiguity_is_present_and_marked(corpus):
    marked = 0
    for gold in _golds(corpus[0]):
        listed = Counter(_key(p["name"]).split(" ")[0] for p in gold["participants"])
        for s in gold["speakers"]:
            short = [m for m in s["mentions"] if " " not in m.strip()]
            if any(listed[_key(m)] > 1 for m in short):
                assert s["name"] is None and s["ambiguous"], (gold["file"], s)
                marked += 1
    assert marked >= 10


def test_synth_gold_topics_are_the_topics_named_in_the_text(corpus):
    out = corpus[0]
    inventory = json.loads((DATA_DIR / "topics.json").read_text(encoding="utf-8"))["topics"]
    alias_of = defaultdict(set)
    for t in inventory:
        for a in t["aliases"]:
            alias_of[a.casefold()].add(t["id"])
    pattern = re.compile(r"(?<![\w+-])(" + "|".join(re.escape(a) for a in sorted(alias_of, key=len, reverse=True)) + r")(?![\w+])", re.I)
    used = {t["id"]: set(t["aliases"]) for t in json.loads((out / "gold" / "topics.json").read_text(encoding="utf-8"))["topics"]}
    for gold in _golds(out):
        text = (out / gold["file"]).read_text(encoding="utf-8")
        if text.startswith("From: "):
            text = text.split("\n-- \n")[0]  # quoted history and footer discuss other meetings
        found = defaultdict(set)
        for m in pattern.finditer(re.sub(r"\s+", " ", text)):
            for tid in alias_of[m.group(1).casefold()]:
                found[tid].add(m.group(1))
        assert set(found) == set(gold["topics"]), gold["file"]
        assert all(any(a.casefold() in {u.casefold() for u in used[t]} for a in found[t]) for t in found)


_MARK = re.compile(r"\[([^\]|]+)(?:\|([a-z0-9_]+))?\]")


def _unmarked_topic_names(value, labels: list[tuple[str, re.Pattern]], where: str = "") -> list[tuple[str, str, str]]:
    """``(where, label, concept)`` for each scheme label a piece of wording names outside its ``[marks]``."""
    if isinstance(value, dict):
        return [h for k, v in value.items() if k != "_about" for h in _unmarked_topic_names(v, labels, f"{where}.{k}")]
    if isinstance(value, list):
        return [h for i, v in enumerate(value) for h in _unmarked_topic_names(v, labels, f"{where}[{i}]")]
    if not isinstance(value, str):
        return []
    rest = _MARK.sub(" ", value)
    return [(where, label, key) for label, key, pattern in labels if pattern.search(rest)]


def test_synth_wording_marks_every_topic_the_scheme_names():
    """Wording that names a topic of the product's scheme without a mark would leave that topic out
    of the gold although the text says it ("... had to cover persons with disabilities")."""
    from kg.nlp.topics import is_case_sensitive, load_scheme

    labels = []
    for concept in load_scheme().concepts:
        for label in concept.labels:
            flags = 0 if is_case_sensitive(label) else re.I
            labels.append((label, concept.key, re.compile(r"(?<![\w+-])" + re.escape(label) + r"(?![\w+])", flags)))
    topics = json.loads((DATA_DIR / "topics.json").read_text(encoding="utf-8"))["topics"]
    wording = {t["id"]: {k: t[k] for k in ("agenda", "np", "clauses", "tasks")} for t in topics}
    templates = json.loads((DATA_DIR / "templates.json").read_text(encoding="utf-8"))
    # The caption disclaimer is boilerplate before the first turn: no one discusses it.
    templates["transcript"].pop("disclaimer")
    assert _unmarked_topic_names(wording, labels, "topics") + _unmarked_topic_names(templates, labels, "templates") == []


def test_synth_person_topics_belong_to_resolved_speakers(corpus):
    pairs = 0
    for gold in _golds(corpus[0]):
        named = {s["name"] for s in gold["speakers"] if s["name"]}
        assert {p for p, _ in gold["person_topics"]} <= named
        pairs += len(gold["person_topics"])
    assert pairs > 300


# --------------------------------------------------------------------------- population and time


def _people_by_name(people: list[dict]) -> dict[str, dict]:
    """Each person under the keys of "First Last" and of their full name."""
    index = {}
    for p in people:
        index[_key(f"{p['first']} {p['last']}")] = index[_key(p["name"])] = p
    return index


@pytest.mark.parametrize(
    "variant",
    ["nickname declared", "middle name dropped", "diacritics dropped", "one-letter slip", "Last, First entry"],
)
def test_synth_writes_name_variants(corpus, variant):
    out = corpus[0]
    people = _manifest(out)["people"]
    index = _people_by_name(people)
    golds = _golds(out)
    entries = [p["name"] for g in golds for p in g["participants"]]
    texts = "\n".join((out / g["file"]).read_text(encoding="utf-8") for g in golds)
    if variant == "nickname declared":
        hits = [p for p in people if p["nickname"] and f"{p['name']} ({p['nickname']})" in texts]
    elif variant == "middle name dropped":
        hits = [e for e in entries if (p := index.get(_key(e))) and p["middle"] and e == f"{p['first']} {p['last']}"]
    elif variant == "diacritics dropped":
        hits = [e for e in entries if e.isascii() and (p := index.get(_key(e))) and not p["name"].isascii()]
    elif variant == "one-letter slip":
        hits = [e for e in entries if _key(e) not in index]
    else:
        written = re.findall(r"^\d+\.\s+([^,\n]+), ([^,\n(]+?)(?:,| \(|$)", texts, re.M)
        hits = [(last, first) for last, first in written if _key(f"{first} {last}") in index]
    assert hits


def test_synth_people_change_organisation_over_time(corpus):
    out = corpus[0]
    orgs = json.loads((DATA_DIR / "organisations.json").read_text(encoding="utf-8"))["organisations"]
    canonical = {o["acronym"]: o["name"] for o in orgs if o["acronym"]} | {o["name"]: o["name"] for o in orgs}
    written = defaultdict(set)
    for gold in _golds(out):
        for entry in gold["participants"]:
            for org in entry["organisations"]:
                if org in canonical:
                    written[_key(entry["name"])].add(canonical[org])
    movers = [p for p in _manifest(out)["people"] if len({t["organisation"] for t in p["timeline"]} - {None}) > 1]
    assert movers
    assert any(len(written[_key(f"{p['first']} {p['last']}")]) > 1 for p in movers)


def test_synth_meetings_advance_in_time_within_each_series(corpus):
    out = corpus[0]
    by_series = defaultdict(list)
    for gold in _golds(out):
        by_series[gold["meeting"]["series"]].append(gold["meeting"]["date"])
    for series, dates in by_series.items():
        assert dates == sorted(dates) and len(set(dates)) == len(dates), series
    years = {d[:4] for dates in by_series.values() for d in dates}
    assert len(years) >= 4


def test_synth_topics_rise_and_fade(corpus):
    years = defaultdict(list)
    for gold in _golds(corpus[0]):
        for t in gold["topics"]:
            years[t].append(date.fromisoformat(gold["meeting"]["date"]).year)

    def mean(t: str) -> float:
        return sum(years[t]) / len(years[t])

    assert mean("igf_plus") < mean("our_common_agenda") < mean("gdc") < mean("wsis20")


# --------------------------------------------------------------------------- arguments and folders


@pytest.mark.parametrize(
    ("kwargs", "prepare", "message"),
    [
        ({"n": -1}, None, "cannot write -1 reports"),
        ({"n": 3, "layouts": ["poster"]}, None, "unknown layouts: poster"),
        ({"n": 3, "layouts": []}, None, "unknown layouts"),
        ({"n": 3}, "foreign", "not empty and was not written by kg synth"),
        ({"n": 3}, "file", "is not a folder"),
    ],
)
def test_synth_refuses_bad_requests(tmp_path, kwargs, prepare, message):
    target = tmp_path / "out"
    if prepare == "foreign":
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    elif prepare == "file":
        target.write_text("a file", encoding="utf-8")
    with pytest.raises(SynthError, match=re.escape(message)):
        synthesize(out_dir=target, **kwargs)
    if prepare == "foreign":
        assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_synth_replaces_its_own_earlier_output(tmp_path):
    synthesize(30, tmp_path, seed=2)
    summary = synthesize(10, tmp_path, seed=2)
    reports = [p for p in tmp_path.iterdir() if p.suffix in (".txt", ".md")]
    gold = [p for p in (tmp_path / "gold").iterdir() if p.name != "topics.json"]
    assert len(reports) == len(gold) == summary.reports == 10


# --------------------------------------------------------------------------- fictional people, no copied text


def _sample_name_tokens(corpus_dir: Path, gold_dir: Path) -> set[str]:
    names = []
    for path in gold_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        names += [p["name"] for p in data.get("participants", ())] + [s["name"] for s in data.get("speakers", ()) if s["name"]]
    for path in corpus_dir.glob("*.txt"):  # numbered list entries of the reports without gold
        names += re.findall(r"^\s*\d+\.\s+([^,–(\n]+)", path.read_text(encoding="utf-8"), re.M)
    return {_key(t) for n in names for t in re.split(r"[\s,]+", n) if len(t) > 2}


def test_synth_uses_no_names_from_the_sample_reports(corpus_dir, gold_dir):
    sample = _sample_name_tokens(corpus_dir, gold_dir)
    ours = set(NAMES["nicknames"]) | set(NAMES["nicknames"].values()) | set(NAMES["external_first"])
    for region in NAMES["regions"].values():
        ours |= {t for n in region["first_f"] + region["first_m"] + region["last"] for t in n.split()}
    assert {_key(n) for n in ours if len(n) > 2} & sample == set()


def test_synth_copies_no_line_of_the_sample_reports(corpus_dir):
    lines = {ln.strip() for p in corpus_dir.glob("*.txt") for ln in p.read_text(encoding="utf-8").splitlines() if len(ln.strip()) >= 50}
    ours = [ROOT / "kg" / "synth.py", Path(__file__), *sorted(DATA_DIR.glob("*.json"))]
    for path in ours:
        text = path.read_text(encoding="utf-8")
        assert [ln for ln in lines if ln in text] == [], path.name


# --------------------------------------------------------------------------- what the parser recovers


def test_synth_parse_recovers_meetings_and_participants(corpus):
    from kg.ingest import load_source
    from kg.parse import parse_report

    out = corpus[0]
    files = _manifest(out)["files"]
    sample = [f for layout in LAYOUTS for f in [f for f in files if f["layout"] == layout][:10]]
    agree, tp, n_gold, n_sys = Counter(), 0, 0, 0
    for f in sample:
        gold = json.loads((out / "gold" / (f["file"].rsplit(".", 1)[0] + ".json")).read_text(encoding="utf-8"))
        report = parse_report(load_source(out / f["file"]))
        agree["date"] += report.meeting.date == gold["meeting"]["date"]
        agree["number"] += report.meeting.number == gold["meeting"]["number"]
        want = Counter(" ".join(sorted(_key(p["name"]).split())) for p in gold["participants"])
        got = Counter(" ".join(sorted(_key(p.name).split())) for p in report.participants)
        tp += sum((want & got).values())
        n_gold += sum(want.values())
        n_sys += sum(got.values())
    assert len(sample) == 50
    assert agree["date"] >= 45 and agree["number"] >= 45
    assert tp / n_gold >= 0.9 and tp / n_sys >= 0.9
