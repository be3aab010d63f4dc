"""Locality and county read off the subgraph: region path, local site, zones rolling up."""

from __future__ import annotations

from chain_graph.analysis.presence import Locality, counties, locality, locality_index, region_path
from tests.analysis.graphs import GraphBuilder, textile


def test_company_in_a_county_is_local_with_that_county() -> None:
    assert locality(textile(), "company:f1", "350500") == Locality(True, "350582", "region")


def test_zone_under_a_county_rolls_up_to_the_county() -> None:
    # w3 sits in 泉州台商投资区 350521.tsz, which lies under 惠安县 350521
    assert locality(textile(), "company:w3", "350500") == Locality(True, "350521", "region")


def test_local_site_firm_outside_is_local_without_county() -> None:
    # 七匹狼 is located in 厦门 350200 but flagged local_site
    assert locality(textile(), "company:septwolves", "350500") == Locality(True, None, "local_site")


def test_outside_firms_and_firms_without_region_are_not_local() -> None:
    index = locality_index(textile(), "350500")
    assert index["x-chip1"] == Locality(False)  # 浙江
    assert index["x-chip2"] == Locality(False)  # no region at all


def test_firm_located_in_the_home_region_itself_has_no_county() -> None:
    b = GraphBuilder("tex").quanzhou().company("city", "市属企业", region="350500")
    assert locality(b.graph, "company:city", "350500") == Locality(True, None, "region")


def test_counties_are_the_regions_directly_under_home() -> None:
    assert counties(textile(), "350500") == {"350521": "惠安县", "350582": "晋江市", "350583": "南安市"}
    assert counties(textile(), "999999") == {}


def test_region_path_survives_a_cycle() -> None:
    b = GraphBuilder("tex").region("a", "A", "b").region("b", "B", "a")
    assert region_path(b.graph, "region:a") == ["region:a", "region:b"]


def test_another_home_region_changes_who_is_local() -> None:
    # running the same graph for 厦门: 七匹狼 is local by site; 晋江 firms are not
    index = locality_index(textile(), "350200")
    assert index["septwolves"].local and not index["f1"].local
