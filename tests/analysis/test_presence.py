"""Locality and county (LocalScope, the one rule the stores' fact queries apply): region path,
local site, zones rolling up, a different home region."""

from __future__ import annotations

from chain_graph.facts import LocalScope
from chain_graph.models import Company, Region
from tests.analysis.graphs import GraphBuilder, records_of, textile


def scope_of(home: str, graph=None) -> LocalScope:  # type: ignore[no-untyped-def]
    return LocalScope.of(home, [r for r in records_of(graph or textile()) if isinstance(r, Region)])


def where(company_id: str, home: str = "350500") -> tuple[bool, str | None, str | None]:
    company = next(r for r in records_of(textile()) if isinstance(r, Company) and r.company_id == company_id)
    return scope_of(home).locality(company.region, company.local_site)


def test_company_in_a_county_is_local_with_that_county() -> None:
    assert where("f1") == (True, "350582", "region")


def test_zone_under_a_county_rolls_up_to_the_county() -> None:
    # w3 sits in 泉州台商投资区 350521.tsz, which lies under 惠安县 350521
    assert where("w3") == (True, "350521", "region")


def test_local_site_firm_outside_is_local_without_county() -> None:
    # 七匹狼 is located in 厦门 350200 but flagged local_site
    assert where("septwolves") == (True, None, "local_site")


def test_outside_firms_and_firms_without_region_are_not_local() -> None:
    assert where("x-chip1") == (False, None, None)  # 浙江
    assert where("x-chip2") == (False, None, None)  # no region at all


def test_firm_located_in_the_home_region_itself_has_no_county() -> None:
    assert scope_of("350500").locality("350500", False) == (True, None, "region")


def test_counties_are_the_regions_directly_under_home() -> None:
    assert dict(scope_of("350500").counties) == {"350521": "惠安县", "350582": "晋江市", "350583": "南安市"}
    assert dict(scope_of("999999").counties) == {}


def test_region_path_survives_a_cycle() -> None:
    b = GraphBuilder("tex").region("a", "A", "b").region("b", "B", "a")
    scope = scope_of("a", b.graph)
    assert scope.is_home("b") and scope.county_of_region("b") == "b"


def test_another_home_region_changes_who_is_local() -> None:
    # running the same data for 厦门: 七匹狼 is local by location there; 晋江 firms are not
    assert where("septwolves", "350200")[0] and not where("f1", "350200")[0]
