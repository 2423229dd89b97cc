"""Fuzzing across stages: report-like documents through parse, annotate, resolve and graph; the name normalisers.

``test_parse_properties.py`` fuzzes the parser alone (blocks tile the text)
and ``test_ingest.py`` the text normalisation; ``test_resolve.py`` checks the
resolver's properties on well-formed names.  Here documents are assembled
from whole report lines (headers, dates, "X noted that ...", ``>> NAME:``
turns, participant entries, tab rows, ``➔`` action bullets, markdown) filled
with names that are plausible, hostile (markup, SPARQL syntax, backslashes)
or random Unicode, and run through every stage up to the N-Quads of the
graph.  Example counts keep the whole file to a few seconds.
"""

from __future__ import annotations

import re
from datetime import date, time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import source_from_text
from kg.model import Annotations, Report
from kg.nlp import annotate, load_pipeline
from kg.nlp.lexicon import load_lexicon
from kg.nlp.roster import fold as roster_fold
from kg.nlp.speakers import clean_label
from kg.parse import parse_report
from kg.parse.names import PARTICLES, is_name_token, read_name, strip_honorific
from kg.parse.text import norm_key, straighten
from kg.parse.text import slugify as parse_slugify
from kg.rdf import uris
from kg.rdf.graph import build_graph
from kg.resolve import name_tokens, resolve

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("none")


# --------------------------------------------------------------------------- report-like documents

GIVEN = ["Oskar", "Zoë", "Ana", "Jean-Luc", "Mary", "Li", "İlkay", "Þóra", "Bob", "Eve", "MARY"]
FAMILY = ["Lindgren", "Ferreira", "de la Cruz", "O'Neil", "St. Clair", "Wen", "Şahin", "Guðmundsdóttir", "Stone", "Ng"]
HOSTILE = ["<img src=x onerror=alert(1)>", '"} ; DROP ALL ; #', "<http://evil>", "\\", "'", '"', "\u202e", "\ufffd", "𝔄𝔫𝔞", "ẞ"]

given_names = st.one_of(st.sampled_from(GIVEN), st.text(min_size=1, max_size=8))
family_names = st.one_of(st.sampled_from(FAMILY), st.sampled_from(HOSTILE), st.text(min_size=1, max_size=10))
full_names = st.builds(lambda g, f: f"{g} {f}", given_names, family_names)
speakers = st.one_of(
    given_names, full_names, st.sampled_from(["The Chair", "The co-chair", "He", "She", "MAG members", "The IGF Secretariat"])
)
verbs = st.sampled_from(["noted", "asked", "stressed", "agreed", "reported", "said", "presented", "welcomed"])
topics = st.sampled_from(["the GDC roadmap", "WSIS+20", "community networks", "the seed vault", "AI governance", "the budget"])
dates = st.sampled_from(["3 March 2031", "31 February 2031", "2031-03-03", "14:00 UTC", "1 p.m.", "March 3rd", "0 May 99999"])
descriptors = st.sampled_from(["Co-Chair, Ministry of Soil", "MAG Member", "Independent Expert", "<b>Org</b>", "Secretariat", ""])

HEADINGS = [
    "Working Group on Orbital Gardening", "Online Meeting 12", "Summary Report", "Agenda", "Discussion",
    "List of participants", "Action items", "Annex 1:", "Points discussed:", "AoB", "",
]  # fmt: skip

lines = st.one_of(
    st.sampled_from(HEADINGS),
    dates,
    st.builds(lambda s, v, t: f"{s} {v} that {t} matters.", speakers, verbs, topics),
    st.builds(lambda s, t: f">> {s.upper()}: We discussed {t}.", speakers, topics),
    st.builds(lambda s, t: f">>{s}: {t}", speakers, st.text(max_size=30)),
    st.builds(lambda k, n, d: f"{k}. {n}, {d}", st.integers(0, 30), full_names, descriptors),
    st.builds(lambda f, g, o: f"{f}\t{g}\t{o}", family_names, given_names, st.text(max_size=12)),
    st.builds(lambda n, t, d: f"- \u2794 **{n} will circulate {t} by {d}.**", speakers, topics, dates),
    st.builds(lambda d: f"The 12th virtual meeting of the Working Group on Orbital Gardening (WG-Garden) was held on {d}.", dates),
    st.builds(lambda n: f"The call was moderated by {n}.", full_names),
    st.builds(lambda n, a: f"{n} ({a}) joined the call.", full_names, given_names),
    st.builds(lambda p, t: p + t, st.sampled_from(["## ", "# ", "**", "[link](https://example.org/x) ", "1. ", "- "]), st.text(max_size=20)),
    st.text(max_size=40),
)
documents = st.lists(lines, max_size=30).map("\n".join)
file_names = st.sampled_from(["r.txt", "r.md", "r.html"])


def _report(text: str, file_name: str) -> Report | None:
    try:
        return parse_report(source_from_text(text, file_name=file_name))
    except IngestError:
        return None  # empty or whitespace-only text is refused before parsing


def _check_report(r: Report) -> None:
    """Metadata a report yields is well-formed: ISO dates, times, names without stray spaces."""
    m = r.meeting
    for iso in (m.date, r.next_meeting.date if r.next_meeting else None, *(a.due for a in r.actions)):
        if iso is not None:
            assert date.fromisoformat(iso).isoformat() == iso
    if m.start_time is not None:
        assert time.fromisoformat(m.start_time).strftime("%H:%M") == m.start_time
    for p in r.participants:
        assert p.name and p.name == " ".join(p.name.split())
        entry = r.text[p.start : p.end]
        assert all(word in entry for word in p.name_as_written.split()), (p, entry)


def _check_annotations(a: Annotations) -> None:
    """Every span the NLP stage reports is the text it quotes."""
    text = a.report.text
    for i in a.interventions:
        assert text[i.start : i.end] == i.text
        assert text[i.speaker.start : i.speaker.end] == i.speaker.text
    for m in a.mentions:
        assert text[m.start : m.end] == m.text
    for t in a.topic_mentions:
        assert text[t.start : t.end] == t.text
    for o in a.org_mentions:
        assert 0 <= o.start <= o.end <= len(text)
    for _, _, start, end in a.aliases:
        assert 0 <= start <= end <= len(text)


@FUZZ
@given(documents, file_names)
def test_fuzz_parse_report_like_documents_gives_well_formed_metadata(text, file_name):
    report = _report(text, file_name)
    if report is not None:
        _check_report(report)


@FUZZ
@given(st.lists(st.tuples(documents, file_names), min_size=1, max_size=3))
def test_fuzz_annotate_resolve_and_graph_never_raise_and_give_valid_nquads(nlp, docs):
    corpus = []
    for k, (text, file_name) in enumerate(docs):
        report = _report(text, f"r{k}{file_name[1:]}")
        if report is not None:
            annotations = annotate(report, nlp)
            _check_annotations(annotations)
            corpus.append(annotations)
    if not corpus:
        return
    graphs = build_graph(corpus, resolve(corpus))
    for graph in graphs.graphs.values():
        assert len(graph.quads()) == graph.quad_count  # pyoxigraph re-parses every IRI and literal
    backwards = corpus[::-1]
    assert build_graph(backwards, resolve(backwards)).content_hashes == graphs.content_hashes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fuzz_annotate_is_deterministic(nlp, text):
    report = _report(text, "r.txt")
    if report is not None:
        assert annotate(report, nlp) == annotate(report, nlp)


# --------------------------------------------------------------------------- name normalisers

NAME_WORDS = [
    "Dr.", "Ms", "H.E.", "Mr.", "Ambassador", "de", "van", "der", "al", "St.", "S.", "O'Neil", "O\u2019Neil", "Zoë",
    "ÞÓR", "Jean-Luc", "MARY", "mary", "Ana", "(Bibi)", ",", ";", "'s", "José", "Jose\u0301", "İlkay", "ǅ", "ﬁ", "Ⅻ",
    "\u00a0", "\t", "&", "–", "»", "1", "<b>", "\\",
]  # fmt: skip
name_like = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(NAME_WORDS), st.text(min_size=1, max_size=6)), min_size=1, max_size=7).map(" ".join),
)

_LEXICON = load_lexicon()

IDEMPOTENT = [
    ("parse.names.strip_honorific", strip_honorific),
    ("parse.text.norm_key", norm_key),
    ("parse.text.straighten", straighten),
    ("parse.text.slugify", parse_slugify),
    ("nlp.roster.fold", roster_fold),
    ("nlp.speakers.clean_label", lambda s: clean_label(s, _LEXICON)),
    ("resolve.name_tokens", lambda s: " ".join(name_tokens(s))),
    ("resolve.name_tokens-accents", lambda s: " ".join(name_tokens(s, accents=True))),
]


@pytest.mark.parametrize("normalise", [c[1] for c in IDEMPOTENT], ids=[c[0] for c in IDEMPOTENT])
@FUZZ
@given(name=name_like)
def test_fuzz_name_normaliser_is_idempotent(normalise, name):
    once = normalise(name)
    assert normalise(once) == once


@FUZZ
@given(name=name_like)
def test_fuzz_name_tokens_are_single_nonempty_words(name):
    for accents in (False, True):
        for token in name_tokens(name, accents=accents):
            assert token and token == token.casefold() and not any(ch.isspace() for ch in token)


@FUZZ
@given(text=name_like, pos=st.integers(0, 10))
def test_fuzz_read_name_returns_the_span_it_read(text, pos):
    pos = min(pos, len(text))
    found = read_name(text, pos)
    if found is None:
        return
    name, start, end = found
    assert pos <= start <= end <= len(text)
    assert " ".join(text[start:end].split()) == name
    assert all(is_name_token(word) or word.lower() in PARTICLES for word in name.split()), name


# --------------------------------------------------------------------------- slugs and IRIs

_SLUG = re.compile(r"^[^\W_](?:[^\W_]|-(?=[^\W_]))*$")
"""Letters and digits (any script), single hyphens between them, nothing else."""


@FUZZ
@given(text=name_like)
def test_fuzz_slug_is_lowercase_letters_digits_and_hyphens(text):
    slug = uris.slugify(text)
    assert slug and slug == slug.lower()
    assert not slug.startswith("-") and not slug.endswith("-")
    assert all(ch == "-" or ch.isalnum() for ch in slug), slug


@FUZZ
@given(key=name_like, doc_id=name_like)
def test_fuzz_every_iri_minted_from_text_is_valid(key, doc_id):
    slug = uris.slugify(key)
    iris = [
        uris.person(slug), uris.person(uris.unresolved_key(doc_id, key)), uris.organisation(slug), uris.topic(slug),
        uris.report(doc_id), uris.graph(doc_id), uris.series(slug), uris.meeting(slug, doc_id, None, key),
        uris.group(doc_id, key), uris.role(key), uris.record("intervention", doc_id, 3),
    ]  # fmt: skip
    for iri in iris:
        assert ox.NamedNode(iri).value == iri


SLUG_DRIFT = [
    ("separator-then-underscore", "Ana :_ Back"),
    ("spaced-underscore", "Ana _ Back"),
    ("capital-sharp-s", "ẞTRASSE"),
    ("ligature-with-accent", "\u01fc"),  # "Ǽ" decomposes to "æ", which the fold table maps
    ("lunate-sigma", "\u03f2"),  # "ϲ" decomposes to "σ", which lower-cases on
]


@FUZZ
@given(text=st.one_of(st.sampled_from([c[1] for c in SLUG_DRIFT]), name_like))
def test_fuzz_slug_is_idempotent_with_single_hyphens(text):
    slug = uris.slugify(text)
    assert _SLUG.match(slug), slug
    assert uris.slugify(slug) == slug
