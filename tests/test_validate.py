"""SHACL validation of the store against ontologies/shapes.ttl."""

from __future__ import annotations

import dataclasses

import pytest
from rdf_fixtures import corpus, write_scheme

from kg.errors import StoreError
from kg.query import PREFIXES
from kg.rdf import uris
from kg.rdf.graph import build_graph
from kg.rdf.store import open_store, write_store
from kg.validate import validate

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, "id": uris.BASE}.items())
I1 = f"<{uris.record('intervention', 'lantern-12', 1)}>"
G12 = f"<{uris.graph('lantern-12')}>"


@pytest.fixture()
def out(tmp_path):
    anns, resolution = corpus()
    write_store(tmp_path, build_graph(anns, resolution, write_scheme(tmp_path)))
    return tmp_path


def _update(out, sparql: str) -> None:
    store = open_store(out, read_only=False)
    store.update(PROLOGUE + sparql)
    store.flush()
    del store


def test_validate_hand_made_build_conforms(out, tmp_path):
    result = validate(out, report_dir=tmp_path / "report")
    assert result.conforms, result.text
    assert result.violations == 0 and result.warnings == 0
    assert result.triples > 400
    assert (tmp_path / "report" / "validation.ttl").is_file()
    assert "Conforms: True" in (tmp_path / "report" / "validation.txt").read_text(encoding="utf-8")


BROKEN = {
    "a person with two names": f"INSERT DATA {{ GRAPH {G12} {{ id:person\\/ada-quist schema:name \"A. Quist\" }} }}",
    "an intervention whose span ends before it starts": f"""
        DELETE {{ GRAPH {G12} {{ {I1} kg:charEnd ?e }} }} INSERT {{ GRAPH {G12} {{ {I1} kg:charEnd 3 }} }}
        WHERE {{ GRAPH {G12} {{ {I1} kg:charEnd ?e }} }}""",
    "an intervention without a speaker": f"DELETE WHERE {{ GRAPH {G12} {{ {I1} kg:speaker ?p }} }}",
    "an intervention spoken by a topic": f"""INSERT DATA {{ GRAPH {G12} {{ {I1} kg:speaker id:topic\\/gdc }} }}""",
    "a report without its hash": "DELETE WHERE { GRAPH ?g { ?r kg:sha256 ?h } }",
    "a meeting number typed as an integer": f"""INSERT DATA {{ GRAPH {G12} {{
        id:meeting\\/lantern-wg\\/2024-03-07 kg:meetingNumber 12 }} }}""",
    "a topic outside any scheme": "DELETE WHERE { GRAPH ?g { id:topic\\/gdc skos:inScheme ?s } }",
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_finds_violations(out, case):
    _update(out, BROKEN[case])
    result = validate(out)
    assert not result.conforms
    assert result.violations >= 1, result.text


def test_validate_a_missing_date_is_only_a_warning(tmp_path):
    anns, resolution = corpus()
    report = anns[1].report
    undated = dataclasses.replace(report, meeting=dataclasses.replace(report.meeting, date=None))
    graphs = build_graph([anns[0], dataclasses.replace(anns[1], report=undated)], resolution, write_scheme(tmp_path))
    write_store(tmp_path, graphs)
    result = validate(tmp_path)
    assert result.conforms
    assert result.violations == 0 and result.warnings == 1
    assert "no date" in result.text


def test_validate_without_store_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        validate(tmp_path)
