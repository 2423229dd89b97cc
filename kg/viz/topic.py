"""Topic evolution: when a topic came up, who raised and carried it, and what it travelled with.

``render_topic`` writes ``OUT/topics/<key>.html`` (interactive, offline charts),
``<key>.csv`` (one row per meeting of the timeline) and ``<key>.json`` (everything
the page shows).  All of it comes from the parameterised ``topic-*.rq`` queries.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from kg.errors import VizError
from kg.viz.project import day, is_unresolved, open_view_store, page_slug, select
from kg.viz.templating import environment, write_assets

# People and co-occurring topics drawn in the topic page's heat maps (the JSON keeps all).
TOP_PEOPLE = 15
TOP_COTOPICS = 12
# Sentences shown per meeting before "show all" (the page keeps all of them).
SENTENCES_SHOWN = 4


@dataclass(frozen=True)
class TopicSummary:
    """One topic of the scheme and how much the corpus discussed it."""

    key: str
    label: str
    iri: str
    first: str | None
    """Date (``YYYY-MM-DD``) of the first meeting where it was discussed."""
    last: str | None
    """Date of the latest such meeting."""
    meetings: int
    interventions: int


def _catalogue(store: ox.Store) -> dict[str, dict]:
    topics: dict[str, dict] = {}
    for row in select(store, "topic-catalogue"):
        t = topics.setdefault(row["topic"], {"label": None, "aliases": set()})
        if row["label"] and (t["label"] is None or row["label"] < t["label"]):
            t["label"] = row["label"]
        if row["alt"]:
            t["aliases"].add(row["alt"])
    for iri, t in topics.items():
        t["label"] = t["label"] or _key(iri)
        t["aliases"] = sorted(t["aliases"] - {t["label"]})
    return topics


def _key(iri: str) -> str:
    return page_slug(iri)


def list_topics(out: Path) -> list[TopicSummary]:
    """Every topic of the scheme with its first/last date, meetings and interventions.

    Sorted by meetings, then interventions (most discussed first), then label.
    """
    store = open_view_store(out)
    catalogue = _catalogue(store)
    summaries = []
    for row in select(store, "topic-summary"):
        iri = row["topic"]
        summaries.append(TopicSummary(
            key=_key(iri), label=catalogue.get(iri, {}).get("label") or _key(iri), iri=iri,
            first=row["first"] or None, last=row["last"] or None,
            meetings=int(row["meetings"] or 0), interventions=int(row["interventions"] or 0)))
    return sorted(summaries, key=lambda s: (-s.meetings, -s.interventions, s.label.casefold()))


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def find_topic(store: ox.Store, topic: str) -> tuple[str, dict]:
    """The topic named by a key, IRI, label or alias (case- and punctuation-insensitive).

    Raises:
        VizError: no topic matches (the message lists close matches), or several do.
    """
    catalogue = _catalogue(store)
    if topic in catalogue:
        return topic, catalogue[topic]
    names: dict[str, set[str]] = defaultdict(set)
    for iri, t in catalogue.items():
        for name in (_key(iri), t["label"], *t["aliases"]):
            names[_norm(name)].add(iri)
    hits = names.get(_norm(topic), set())
    if len(hits) == 1:
        iri = next(iter(hits))
        return iri, catalogue[iri]
    if len(hits) > 1:
        options = ", ".join(f"{catalogue[i]['label']} ({_key(i)})" for i in sorted(hits))
        raise VizError(f"topic {topic!r} is ambiguous: it names {options}",
                       hint="pass the topic's key instead")
    choices = {f"{t['label']} ({_key(iri)})": [t["label"], _key(iri), *t["aliases"]]
               for iri, t in catalogue.items()}
    flat = [(display, name) for display, ns in choices.items() for name in ns]
    scored = process.extract(topic, [n for _, n in flat], scorer=fuzz.WRatio, limit=20, score_cutoff=55)
    close = list(dict.fromkeys(flat[i][0] for _, _, i in scored))[:5]
    hint = f"did you mean: {'; '.join(close)}?" if close else "run `kg topics` to list the topics"
    raise VizError(f"unknown topic {topic!r}", hint=hint)


# --------------------------------------------------------------------------- the report


def topic_report(store: ox.Store, iri: str, info: dict, *, to_out: str = "../") -> dict:
    """Everything the topic page shows, as JSON-ready data.

    ``to_out`` is the relative path from the page to ``OUT/`` (for links to views).
    """
    meetings: dict[str, dict] = {}
    for row in select(store, "topic-meetings", topic=iri):
        m = meetings.setdefault(row["meeting"], {
            "iri": row["meeting"], "label": row["title"], "date": day(row["date"]),
            "series": row["seriesName"] or (row["series"] or "").rsplit("/", 1)[-1] or None,
            "number": row["number"], "reports": set(),
            "url": f"{to_out}viz/meeting/{page_slug(row['meeting'])}.html"})
        m["label"] = m["label"] or row["title"]
        if row["fileName"]:
            m["reports"].add(row["fileName"])
    timeline = sorted(meetings.values(), key=lambda m: (m["date"] or "9999", m["label"] or "", m["iri"]))
    index = {m["iri"]: i for i, m in enumerate(timeline)}
    for i, m in enumerate(timeline):
        m.update(index=i, reports=sorted(m["reports"]),
                 label=m["label"] or " ".join(p for p in (m["series"], m["number"] and f"#{m['number']}") if p)
                 or m["iri"].rsplit("/", 1)[-1],
                 interventions=0, speakers=0, speaker_names=[])

    rows = select(store, "topic-interventions", topic=iri)
    rows = [r for r in rows if r["meeting"] in index]
    rows.sort(key=lambda r: (index[r["meeting"]], r["fileName"] or "",
                             r["start"] if isinstance(r["start"], int) else 0, r["i"]))
    sentences, people = [], {}
    for r in rows:
        m = timeline[index[r["meeting"]]]
        name = r["speakerName"] or r["attribution"] or r["speaker"].rsplit("/", 1)[-1]
        p = people.setdefault(r["speaker"], {
            "iri": r["speaker"], "name": name, "interventions": 0, "per_meeting": defaultdict(int),
            "unresolved": is_unresolved(r["speaker"]),
            # Only people have their own view; organisations and groups speaking do not.
            "url": f"{to_out}viz/person/{page_slug(r['speaker'])}.html" if r["isPerson"] == "true" else None})
        p["interventions"] += 1
        p["per_meeting"][m["index"]] += 1
        m["interventions"] += 1
        if name not in m["speaker_names"]:
            m["speaker_names"].append(name)
        sentences.append({"meeting": m["index"], "date": m["date"], "speaker": name,
                          "speaker_url": p["url"], "written": r["attribution"], "text": r["text"],
                          "file": r["fileName"], "start": r["start"], "end": r["end"],
                          "intervention": r["i"]})
    for m in timeline:
        m["speakers"] = len(m["speaker_names"])
    ranked = sorted(people.values(), key=lambda p: (-p["interventions"], p["name"].casefold()))
    for p in ranked:
        idx = sorted(p["per_meeting"])
        p.update(meetings=len(idx), first=timeline[idx[0]]["date"], last=timeline[idx[-1]]["date"],
                 per_meeting={str(k): v for k, v in sorted(p["per_meeting"].items())})

    orgs: dict[str, dict] = {}
    for r in select(store, "topic-organisations", topic=iri):
        o = orgs.setdefault(r["org"], {"iri": r["org"], "name": r["orgName"] or r["org"].rsplit("/", 1)[-1],
                                       "people": [], "interventions": 0})
        if r["person"] in people:
            o["people"].append(people[r["person"]]["name"])
        o["interventions"] += int(r["n"] or 0)
    organisations = sorted(orgs.values(), key=lambda o: (-o["interventions"], o["name"].casefold()))
    for o in organisations:
        o["people"] = sorted(set(o["people"]), key=str.casefold)

    co: dict[str, dict] = {}
    for r in select(store, "topic-cooccurrence", topic=iri):
        if r["meeting"] not in index:
            continue
        c = co.setdefault(r["other"], {"iri": r["other"], "key": _key(r["other"]),
                                       "label": r["otherLabel"] or _key(r["other"]),
                                       "meetings": 0, "interventions": 0, "per_meeting": {},
                                       "url": f"{to_out}topics/{_key(r['other'])}.html"})
        c["meetings"] += 1
        c["interventions"] += int(r["n"] or 0)
        c["per_meeting"][str(index[r["meeting"]])] = int(r["n"] or 0)
    cooccurrence = sorted(co.values(), key=lambda c: (-c["meetings"], -c["interventions"], c["label"].casefold()))

    dated = [m for m in timeline if m["date"]]
    first_m, last_m = (dated[0], dated[-1]) if dated else (None, None)
    first_sentence = sentences[0] if sentences else None
    return {
        "topic": {"iri": iri, "key": _key(iri), "label": info["label"], "aliases": info["aliases"],
                  "network_url": f"{to_out}viz/topic-network/{_key(iri)}.html"},
        "summary": {
            "meetings": len(timeline), "interventions": len(sentences), "speakers": len(people),
            "organisations": len(organisations),
            "first": _meeting_ref(first_m), "latest": _meeting_ref(last_m),
            "raised_by": ({"name": first_sentence["speaker"], "url": first_sentence["speaker_url"],
                           "date": first_sentence["date"], "text": first_sentence["text"],
                           "file": first_sentence["file"],
                           "meeting": timeline[first_sentence["meeting"]]["label"]}
                          if first_sentence else None),
        },
        "timeline": timeline,
        "people": ranked,
        "organisations": organisations,
        "cooccurrence": cooccurrence,
        "sentences": sentences,
    }


def _meeting_ref(m: dict | None) -> dict | None:
    if m is None:
        return None
    return {"label": m["label"], "date": m["date"], "url": m["url"], "series": m["series"]}


# --------------------------------------------------------------------------- writing


CSV_FIELDS = ("date", "meeting", "series", "number", "interventions", "speakers", "speaker_names",
              "reports", "meeting_iri")


def _cell(value: object) -> str:
    # Spreadsheet formula injection: a name from a document must not start a formula.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_topic(out: Path, report: dict) -> Path:
    """Write the HTML, CSV and JSON of one topic report under ``OUT/topics/``."""
    folder = Path(out) / "topics"
    folder.mkdir(parents=True, exist_ok=True)
    key = report["topic"]["key"]
    with (folder / f"{key}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_FIELDS)
        for m in report["timeline"]:
            writer.writerow([_cell(v) for v in (
                m["date"], m["label"], m["series"], m["number"], m["interventions"], m["speakers"],
                "; ".join(m["speaker_names"]), "; ".join(m["reports"]), m["iri"])])
    (folder / f"{key}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    by_meeting: dict[int, list[dict]] = defaultdict(list)
    for s in report["sentences"]:
        by_meeting[s["meeting"]].append(s)
    html = environment().get_template("topic.html").render(
        title=f"Topic: {report['topic']['label']}", subtitle=_subtitle(report), r=report,
        by_meeting=by_meeting, shown=SENTENCES_SHOWN, assets="../viz/assets/",
        chart={"timeline": report["timeline"], "people": report["people"][:TOP_PEOPLE],
               "cooccurrence": report["cooccurrence"][:TOP_COTOPICS]},
        index_url="../index.html", csv_name=f"{key}.csv", json_name=f"{key}.json")
    path = folder / f"{key}.html"
    path.write_text(html, encoding="utf-8")
    return path


def _subtitle(report: dict) -> str:
    s = report["summary"]
    parts = [f"{s['meetings']} meeting{'s' if s['meetings'] != 1 else ''}",
             f"{s['interventions']} intervention{'s' if s['interventions'] != 1 else ''}",
             f"{s['speakers']} speaker{'s' if s['speakers'] != 1 else ''}"]
    if s["first"] and s["latest"]:
        parts.append(f"{s['first']['date']} to {s['latest']['date']}")
    return " · ".join(parts)


def render_topic(out: Path, topic: str) -> Path:
    """Write the evolution page of one topic (key, label or alias); return the HTML path.

    Raises:
        VizError: no store under ``out``, or the topic is unknown (close matches listed).
    """
    store = open_view_store(out)
    iri, info = find_topic(store, topic)
    write_assets(out)
    return write_topic(out, topic_report(store, iri, info))


def render_topic_pages(out: Path, store: ox.Store) -> list[Path]:
    """Write the evolution page of every topic discussed at least once; return the paths."""
    catalogue = _catalogue(store)
    written = []
    for row in select(store, "topic-summary"):
        if row["topic"] in catalogue and int(row["meetings"] or 0) > 0:
            report = topic_report(store, row["topic"], catalogue[row["topic"]])
            written.append(write_topic(out, report))
    return sorted(written)
