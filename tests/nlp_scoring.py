"""Score the NLP stage against the gold annotations (and a reading of the two un-annotated reports).

Run ``.venv/bin/python tests/nlp_scoring.py [--model none|auto]`` to print
per-report precision, recall and F1 for speakers, meeting topics and
speaker-topic pairs; ``tests/test_nlp_corpus.py`` asserts the thresholds.

First names are mapped to the report's own participant list here, and
nicknames through the aliases the corpus states ("Jane Doe (Janey)"): a
stand-in for identity resolution (``kg/resolve.py``), for measuring this
stage alone.  Names compare as the gold README says: case-, accent- and
punctuation-insensitively, in either order, a name containing the other
with the same family name matching too.  Topics count the way
``kg/evaluate.py`` counts them: a concept fits every gold topic it shares a
label with, and predicted and gold items are paired one-to-one (a second
concept for the same gold topic is a false positive).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import Annotations  # noqa: E402

# Our reading of the two reports without gold annotations (001, 003): who
# speaks (as the report writes them; resolved against the participant list
# where there is one), which topics the meeting discussed (gold topic ids),
# and which speaker spoke on which topic.
READING = {
    "001_d73c04b723dad814": {
        "speakers": ["Chris Buckridge", "Justin", "Anriette", "Giacomo", "Ana", "Desiree", "Timea", "Concettina Cassa", "Adam", "Isra", "Juan", "Xiao Zhang"],
        "topics": [
            "pact_future", "gdc", "wsis20", "igf_strategic_vision", "iww", "main_sessions", "leadership_panel",
            "multistakeholder_model", "wsis_process", "netmundial", "summit_future", "youth", "tech_envoy",
            "human_rights", "sustainable_development", "cstd",
        ],
        "person_topics": [
            ("Chris Buckridge", "pact_future"), ("Chris Buckridge", "gdc"), ("Chris Buckridge", "leadership_panel"),
            ("Chris Buckridge", "igf_strategic_vision"), ("Chris Buckridge", "main_sessions"), ("Chris Buckridge", "sustainable_development"),
            ("Justin", "multistakeholder_model"), ("Justin", "wsis20"), ("Justin", "gdc"), ("Justin", "pact_future"),
            ("Anriette", "wsis_process"), ("Anriette", "gdc"), ("Anriette", "multistakeholder_model"), ("Anriette", "netmundial"),
            ("Anriette", "human_rights"), ("Anriette", "sustainable_development"), ("Anriette", "wsis20"),
            ("Giacomo", "gdc"), ("Giacomo", "wsis_process"), ("Ana", "summit_future"), ("Ana", "gdc"),
            ("Desiree", "youth"), ("Desiree", "tech_envoy"), ("Timea", "wsis_process"), ("Timea", "wsis20"),
            ("Concettina Cassa", "wsis20"), ("Adam", "netmundial"), ("Adam", "wsis20"), ("Isra", "wsis20"), ("Juan", "wsis20"),
            ("Xiao Zhang", "cstd"), ("Xiao Zhang", "wsis20"),
        ],
    },
    "003_72a4a3cd222db3a5": {
        "speakers": [
            "Titti Cassa", "Chris Buckridge", "Theresa Swinehart", "Bruna Los Santos", "Jimson Olufuye", "Valeria Betancourt",
            "Tereza Horejsova", "Christine Arida", "Anriette Esterhuysen", "Markus Kummer",
        ],
        "topics": [
            "wsis20", "wsis_process", "imsb", "leadership_panel", "nonpaper_webinars", "gdc", "ai_governance",
            "ai_for_good_summit", "enhanced_cooperation", "multistakeholder_model", "nri", "dynamic_coalitions",
            "elements_paper", "intersessional_work", "tech_envoy",
        ],
        "person_topics": [
            ("Chris Buckridge", "wsis20"), ("Chris Buckridge", "leadership_panel"),
            ("Theresa Swinehart", "wsis20"), ("Theresa Swinehart", "wsis_process"), ("Theresa Swinehart", "ai_for_good_summit"), ("Theresa Swinehart", "imsb"),
            ("Bruna Los Santos", "wsis20"), ("Bruna Los Santos", "nonpaper_webinars"),
            ("Jimson Olufuye", "wsis20"), ("Jimson Olufuye", "wsis_process"), ("Jimson Olufuye", "ai_for_good_summit"),
            ("Jimson Olufuye", "enhanced_cooperation"), ("Jimson Olufuye", "imsb"),
            ("Titti Cassa", "wsis20"), ("Titti Cassa", "nonpaper_webinars"), ("Titti Cassa", "tech_envoy"), ("Titti Cassa", "nri"), ("Titti Cassa", "gdc"),
            ("Valeria Betancourt", "wsis20"), ("Valeria Betancourt", "multistakeholder_model"), ("Valeria Betancourt", "nri"), ("Valeria Betancourt", "imsb"),
            ("Tereza Horejsova", "imsb"), ("Christine Arida", "imsb"), ("Christine Arida", "nri"),
            ("Anriette Esterhuysen", "nonpaper_webinars"), ("Anriette Esterhuysen", "dynamic_coalitions"), ("Anriette Esterhuysen", "elements_paper"),
            ("Markus Kummer", "elements_paper"), ("Markus Kummer", "dynamic_coalitions"), ("Markus Kummer", "intersessional_work"), ("Markus Kummer", "leadership_panel"),
        ],
    },
}


# --------------------------------------------------------------------------- names


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).casefold().split())


def same_person(a: str, b: str) -> bool:
    """The gold README's rule: equal in either order, or one contains the other with the same family name."""
    wa, wb = fold(a).split(), fold(b).split()
    if not wa or not wb:
        return False
    if sorted(wa) == sorted(wb):
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) >= 2 and set(short) <= set(long_) and (short[-1] == long_[-1] or short[0] == long_[-1])


def map_name(name: str, participants: list[str], nicknames: dict[str, str]) -> str:
    """A first name or nickname to the one participant it fits, else the name as written."""
    for candidate in (name, nicknames.get(name)):
        if not candidate:
            continue
        for p in participants:
            if same_person(candidate, p):
                return p
        words = fold(candidate).split()
        if len(words) == 1:
            fits = [p for p in participants if fold(p).split()[:1] == words]
            if len(fits) == 1:
                return fits[0]
    return nicknames.get(name, name)


# --------------------------------------------------------------------------- topics


def topic_map(gold_topics: list[dict], scheme) -> dict[str, frozenset[str]]:
    """Scheme key -> the gold topic ids it fits: those sharing a label with it."""
    out = {}
    for concept in scheme.concepts:
        labels = {fold(x) for x in concept.labels}
        out[concept.key] = frozenset(t["id"] for t in gold_topics if labels & {fold(x) for x in [t["label"], *t["aliases"]]})
    return out


def matched(predicted: set, expected: set, fits) -> int:
    """Size of a maximum one-to-one matching of predicted to expected items (as kg/evaluate.py scores)."""
    owner: dict = {}

    def augment(p, seen: set) -> bool:
        for e in expected:
            if e in seen or not fits(p, e):
                continue
            seen.add(e)
            if e not in owner or augment(owner[e], seen):
                owner[e] = p
                return True
        return False

    return sum(augment(p, set()) for p in sorted(predicted, key=str))


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, expected: set, fits=lambda p, e: p == e) -> None:
        tp = matched(predicted, expected, fits)
        self.tp += tp
        self.fp += len(predicted) - tp
        self.fn += len(expected) - tp

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def _align(predicted: Iterable[str], expected: Iterable[str]) -> tuple[set[str], set[str]]:
    """Rename predicted names to the expected name they match, so sets compare."""
    expected = set(expected)
    out = set()
    for name in predicted:
        out.add(next((e for e in expected if same_person(name, e) or fold(name) == fold(e)), name))
    return out, expected


def speakers_of(ann: Annotations, participants: list[str], nicknames: dict[str, str]) -> dict[str, set[str]]:
    """Person speaker (mapped) -> topic keys they spoke on."""
    out: dict[str, set[str]] = {}
    for i in ann.interventions:
        m = i.speaker
        name = m.name if m.kind == "person" else m.antecedent if m.kind in ("role", "pronoun") else None
        if not name:
            continue
        out.setdefault(map_name(name, participants, nicknames), set()).update(i.topics)
    return out


def score_report(ann: Annotations, expected: dict, participants: list[str], nicknames: dict[str, str], tmap: dict[str, str]) -> dict[str, Score]:
    spoken = speakers_of(ann, participants, nicknames)
    exp_speakers = list(expected["speakers"])
    pred_speakers, exp_set = _align(spoken, exp_speakers)
    rename = {name: next(iter(_align([name], exp_speakers)[0])) for name in spoken}
    scores = {"speakers": Score(), "topics": Score(), "pairs": Score()}
    scores["speakers"].add(pred_speakers, exp_set)
    scores["topics"].add(set(ann.meeting_topics), set(expected["topics"]), lambda k, t: t in tmap.get(k, ()))
    pairs = {(rename[n], k) for n, keys in spoken.items() for k in keys}
    exp_pairs = {(next(iter(_align([n], exp_speakers)[0])), t) for n, t in expected["person_topics"]}
    scores["pairs"].add(pairs, exp_pairs, lambda p, e: p[0] == e[0] and e[1] in tmap.get(p[1], ()))
    return scores


def load_expected(gold_dir: Path) -> dict[str, dict]:
    """Gold files by doc id, plus our reading of the reports without gold."""
    expected: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == "topics.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        speakers = [s["name"] or s["mentions"][0] for s in data["speakers"]]
        expected[path.stem] = {"speakers": speakers, "topics": data["topics"], "person_topics": [tuple(x) for x in data["person_topics"]], "source": "gold"}
    for doc_id, data in READING.items():
        expected.setdefault(doc_id, {**data, "source": "reading"})
    return expected


def annotate_corpus(corpus_dir: Path, nlp) -> tuple[list[Annotations], float]:
    from kg.ingest import load_source
    from kg.nlp import annotate
    from kg.parse import parse_report

    reports = [parse_report(load_source(p)) for p in sorted(corpus_dir.glob("*.txt"))]
    started = time.perf_counter()
    out = [annotate(r, nlp) for r in reports]
    return out, time.perf_counter() - started


def evaluate(annotations: list[Annotations], gold_dir: Path) -> dict[str, dict[str, Score]]:
    """Per report id: the scores for speakers, topics and pairs (plus micro totals under 'gold' and 'reading')."""
    from kg.nlp import load_scheme

    gold_topics = json.loads((gold_dir / "topics.json").read_text(encoding="utf-8"))["topics"]
    tmap = topic_map(gold_topics, load_scheme())
    expected = load_expected(gold_dir)
    nicknames = {alias: full for ann in annotations for full, alias, _, _ in ann.aliases if len(alias.split()) == 1 and not alias.isupper()}
    results: dict[str, dict[str, Score]] = {}
    totals = {"gold": {k: Score() for k in ("speakers", "topics", "pairs")}, "reading": {k: Score() for k in ("speakers", "topics", "pairs")}}
    for ann in annotations:
        doc_id = ann.report.source.doc_id
        if doc_id not in expected:
            continue
        participants = [p.name for p in ann.report.participants]
        if ann.report.meeting.chair:
            participants.append(ann.report.meeting.chair)
        participants = list(dict.fromkeys(participants))
        scores = score_report(ann, expected[doc_id], participants, nicknames, tmap)
        results[doc_id] = scores
        total = totals[expected[doc_id]["source"]]
        for k, s in scores.items():
            total[k].tp += s.tp
            total[k].fp += s.fp
            total[k].fn += s.fn
    results.update(totals)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="none", help="none (rule-based), auto, or a spaCy package")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="folder holding corpus/ and eval/gold/")
    args = parser.parse_args()
    from kg.nlp import load_pipeline

    shared = Path(args.shared)
    nlp = load_pipeline(args.model)
    annotations, seconds = annotate_corpus(shared / "corpus", nlp)
    results = evaluate(annotations, shared / "eval" / "gold")
    print(f"model: {annotations[0].model}   annotate: {seconds * 1000 / len(annotations):.0f} ms/report")
    print(f"{'report':<24}{'speakers P/R/F1':>20}{'topics P/R/F1':>20}{'pairs P/R/F1':>20}")
    for doc_id, scores in results.items():
        cells = "".join(f"{s.p:>8.2f}{s.r:>6.2f}{s.f1:>6.2f}" for s in scores.values())
        print(f"{doc_id:<24}{cells}")


if __name__ == "__main__":
    main()
