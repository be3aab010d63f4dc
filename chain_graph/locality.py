"""Which companies are local to the home region, and in which county.

A company is **local** when its region is the home region or lies below it (a county or
district of the city), or when it has a local site there (``local_site``). Local firms also
carry their county or district: the region right below the home region on the way up from
the company's own region. The rule itself is :func:`locate`; the stores' fact queries
(through :class:`chain_graph.facts.LocalScope`, which builds its map with :func:`region_counties`),
the CLI, the analysis and the API all ask it, so it lives in one place. (SQL and Cypher apply the
same map, ``region → county``, handed to them as a parameter.)

Companies and regions may be records (:class:`~chain_graph.models.Company`,
:class:`~chain_graph.models.Region`) or the plain dicts that a chain subgraph holds as
node attributes.

Examples
--------
>>> from chain_graph.models import Company, Region
>>> regions = {r.region_id: r for r in (
...     Region(region_id="350000", name="福建省"),
...     Region(region_id="350500", name="泉州市", parent_id="350000"),
...     Region(region_id="350582", name="晋江市", parent_id="350500"),
... )}
>>> anta = Company(company_id="anta", name="安踏", region="350582")
>>> is_local(anta, regions, "350500"), county_of(anta, regions, "350500")
(True, '350582')
>>> other = Company(company_id="x", name="某省企业", region="350000")
>>> is_local(other, regions, "350500"), county_of(other, regions, "350500")
(False, None)
>>> is_local(other.model_copy(update={"local_site": True}), regions, "350500")
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["county_of", "is_local", "locate", "region_counties", "region_path"]

_MAX_DEPTH = 32  # a guard against a parent cycle in hand-edited data


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def region_path(region_id: str | None, regions_by_id: Mapping[str, Any]) -> Iterator[str]:
    """The region's id, then its parent's, and so on up to the top (or an unknown id).

    >>> from chain_graph.models import Region
    >>> regions = {"CN": Region(region_id="CN", name="中国"),
    ...            "350000": Region(region_id="350000", name="福建省", parent_id="CN")}
    >>> list(region_path("350000", regions))
    ['350000', 'CN']
    >>> regions["CN"] = Region(region_id="CN", name="中国", parent_id="350000")  # a bad loop
    >>> list(region_path("350000", regions))
    ['350000', 'CN']
    """
    seen: set[str] = set()
    while region_id and region_id not in seen and len(seen) < _MAX_DEPTH:
        yield region_id
        seen.add(region_id)
        region = regions_by_id.get(region_id)
        region_id = _get(region, "parent_id") if region is not None else None


def _county_on_path(path: list[str], home_region: str) -> tuple[bool, str | None]:
    """Is ``home_region`` on the path up from a region, and the region right below it (its county)."""
    if home_region not in path:
        return False, None
    at = path.index(home_region)
    return True, (path[at - 1] if at > 0 else None)


def region_counties(home_region: str, regions_by_id: Mapping[str, Any]) -> dict[str, str | None]:
    """Every region at or below the home region → its county (None for the home region itself).

    >>> from chain_graph.models import Region
    >>> regions = {r.region_id: r for r in (Region(region_id="350500", name="泉州市"),
    ...            Region(region_id="350582", name="晋江市", parent_id="350500"),
    ...            Region(region_id="350200", name="厦门市"))}
    >>> region_counties("350500", regions)
    {'350500': None, '350582': '350582'}
    """
    out: dict[str, str | None] = {home_region: None}
    for region_id in regions_by_id:
        inside, county = _county_on_path(list(region_path(region_id, regions_by_id)), home_region)
        if inside:
            out[region_id] = county
    return out


def locate(
    region_id: str | None, local_site: bool, region_county: Mapping[str, str | None]
) -> tuple[bool, str | None, str | None]:
    """The locality rule: ``(local, county, basis)`` of a company with this region and local-site
    flag, given the map of :func:`region_counties`. Its location decides first (basis
    ``"region"``, with its county); else a local site makes it local without a county.

    >>> counties = {"350500": None, "350582": "350582"}
    >>> locate("350582", True, counties), locate("350200", True, counties), locate("350200", False, counties)
    ((True, '350582', 'region'), (True, None, 'local_site'), (False, None, None))
    """
    if region_id is not None and region_id in region_county:
        return True, region_county[region_id], "region"
    if local_site:
        return True, None, "local_site"
    return False, None, None


def _locate_company(company: Any, regions_by_id: Mapping[str, Any], home_region: str) -> tuple[bool, str | None]:
    """:func:`locate` for one company, with the map read off its own region's path only."""
    region = _get(company, "region")
    inside, county = _county_on_path(list(region_path(region, regions_by_id)), home_region)
    local, at, _ = locate(region, bool(_get(company, "local_site")), {region: county} if inside else {})
    return local, at


def is_local(company: Any, regions_by_id: Mapping[str, Any], home_region: str) -> bool:
    """True when the company sits in the home region (or below it) or has a local site."""
    return _locate_company(company, regions_by_id, home_region)[0]


def county_of(company: Any, regions_by_id: Mapping[str, Any], home_region: str) -> str | None:
    """Id of the county or district (the region right below home) the company sits in.

    None when the company is not located in the home region, or is located in the home
    region itself without a county (a local site of an outside group included).
    """
    return _locate_company(company, regions_by_id, home_region)[1]
