"""Where organisations are named: stakeholder groups and acronym definitions that are not organisations."""

from __future__ import annotations

import pytest

from kg.model import Annotations
from kg.nlp import annotate
from nlp_reports import ReportSpec, make_report, models, pipeline


@pytest.fixture(params=models(), scope="module")
def nlp(request):
    return pipeline(request.param)


def orgs(nlp, paragraph: str) -> set[tuple[str, str | None]]:
    ann: Annotations = annotate(make_report(ReportSpec(sections=[("Discussion", [paragraph])])), nlp)
    return {(o.name, o.acronym) for o in ann.org_mentions}


@pytest.mark.parametrize(
    "paragraph, absent, present",
    [
        ("Lena Park spoke for Civil Society and the Lantern Council.", ("Civil Society", None), ("Lantern Council", None)),
        ("Intergovernmental Organisations asked the Lantern Secretariat for dates.", ("Intergovernmental Organisations", None),
         ("Lantern Secretariat", None)),
        ("The Civil Society Network wrote to the Harbour Office.", None, ("Civil Society Network", None)),
    ],
)
def test_nlp_stakeholder_group_is_no_organisation(nlp, paragraph, absent, present):
    found = orgs(nlp, paragraph)
    assert absent not in found and present in found


@pytest.mark.parametrize(
    "paragraph, absent, present",
    [
        ("The community met at ICANN (ICANN Meeting 82) in March.", ("ICANN Meeting 82", "ICANN"), None),
        ("The Lantern Working Group (LWG) met. The LWG (LWG Steering Forum) was planned.", ("LWG Steering Forum", "LWG"),
         ("Lantern Working Group", "LWG")),
    ],
)


def test_nlp_bracketed_name_holding_the_acronym_does_not_define_it(nlp, paragraph, absent, present):
    found = orgs(nlp, paragraph)
    assert absent not in found
    assert present is None or present in found
