"""One locality rule: ``locality.locate`` decides; ``is_local``/``county_of`` (a company and the
region records) and ``LocalScope.locality`` (the map handed to the stores) answer through it, so
they cannot disagree on any company."""

from __future__ import annotations

import itertools

import pytest

from chain_graph import locality
from chain_graph.facts import LocalScope
from chain_graph.models import Company, Region

REGIONS = [
    Region(region_id="CN", name="中国"),
    Region(region_id="350000", name="福建省", parent_id="CN"),
    Region(region_id="350500", name="泉州市", parent_id="350000"),
    Region(region_id="350582", name="晋江市", parent_id="350500"),
    Region(region_id="350582.x", name="陈埭镇", parent_id="350582"),
    Region(region_id="350200", name="厦门市", parent_id="350000"),
    Region(region_id="loop-a", name="环甲", parent_id="loop-b"),  # hand-edited data with a cycle
    Region(region_id="loop-b", name="环乙", parent_id="loop-a"),
]
BY_ID = {r.region_id: r for r in REGIONS}
PLACES = [None, "350500", "350582", "350582.x", "350200", "CN", "unknown", "loop-a"]
EXPECTED = {  # (region, local_site) -> (local, county, basis): the rule written out by hand
    ("350582.x", False): (True, "350582", "region"),
    ("350582", True): (True, "350582", "region"),  # located: its county, whatever the site says
    ("350500", False): (True, None, "region"),
    ("350200", True): (True, None, "local_site"),
    ("350200", False): (False, None, None),
    (None, True): (True, None, "local_site"),
    ("loop-a", False): (False, None, None),
}


@pytest.mark.parametrize(("place", "site"), sorted(EXPECTED.items(), key=str), ids=str)
def test_the_rule(place: tuple[str | None, bool], site: tuple[bool, str | None, str | None]) -> None:
    region, local_site = place
    scope = LocalScope.of("350500", REGIONS)
    assert scope.locality(region, local_site) == site
    company = Company(company_id="c", name="某企业", region=region, local_site=local_site)
    assert (locality.is_local(company, BY_ID, "350500"), locality.county_of(company, BY_ID, "350500")) == site[:2]


@pytest.mark.parametrize("home", ["350500", "350000", "350582", "nowhere"])
def test_both_faces_agree_on_every_company(home: str) -> None:
    scope = LocalScope.of(home, REGIONS)
    for region, local_site in itertools.product(PLACES, (False, True)):
        company = Company(company_id="c", name="某企业", region=region, local_site=local_site)
        local, county, _ = scope.locality(region, local_site)
        assert locality.is_local(company, BY_ID, home) == local, (home, region, local_site)
        assert locality.county_of(company, BY_ID, home) == county, (home, region, local_site)
