"""Chains, segments and counties as the API shows them (counts, statuses, firms)."""

from __future__ import annotations

from typing import Any

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.facts import LocalScope
from chain_graph.locality import county_of, is_local
from chain_graph.models import Company, Kind, Region, Role, Segment, Stage
from chain_graph.services import gap_reports
from chain_graph.services.gap_reports import Revisions
from chain_graph.store import Store

__all__ = ["chain_detail", "chain_summaries", "counties", "local_scope", "regions", "segment_detail"]

STAGE_ORDER = {Stage.UPSTREAM: 0, Stage.MIDSTREAM: 1, Stage.DOWNSTREAM: 2}
ROLE_ORDER = {Role.LEADING: 0, Role.CORE: 1, Role.SUPPORTING: 2}


def local_scope(store: Store, cache: RevisionCache, home_region: str, revs: Revisions | None = None) -> LocalScope:
    """The home region and the regions below it, with their counties."""
    return gap_reports.scope(store, cache, AnalysisConfig(home_region=home_region), revs)


def regions(store: Store, cache: RevisionCache, revs: Revisions | None = None) -> dict[str, Region]:
    """Every region by id (for locality and names)."""
    revs = gap_reports.revisions(store) if revs is None else revs

    def compute() -> dict[str, Region]:
        return {r.region_id: r for r in store.list(Kind.REGION).items if isinstance(r, Region)}

    return cache.get_or_compute(("regions",), revs["epoch"], compute)


def chain_summaries(
    store: Store, cache: RevisionCache, home_region: str, revs: Revisions | None = None
) -> list[dict[str, Any]]:
    """Every chain with its numbers of segments, companies and local firms, by chain id (counted in the store)."""
    revs = gap_reports.revisions(store) if revs is None else revs
    scope = local_scope(store, cache, home_region, revs)

    def compute() -> list[dict[str, Any]]:
        return [summary.to_row() for summary in store.chain_summaries(scope)]

    return cache.get_or_compute(("chains", home_region), (revs["data"], revs["epoch"]), compute)


def chain_detail(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> dict[str, Any]:
    """One chain with its segments in stage order, each with its city-wide status."""
    revs = gap_reports.revisions(store) if revs is None else revs
    chain = store.get(Kind.CHAIN, chain_id)
    summary = next(r for r in chain_summaries(store, cache, config.home_region, revs) if r["chain_id"] == chain_id)
    report = gap_reports.gaps(store, cache, config, chain_id, revs=revs)
    states = {s.segment_id: s for s in report.segments}
    segments = [s for s in gap_reports.facts(store, cache, config, chain_id, revs).own_segments]
    segments.sort(key=lambda s: (STAGE_ORDER[s.stage], s.segment_id))
    rows = []
    for s in segments:
        state = states.get(s.segment_id)
        rows.append(
            {
                "segment_id": s.segment_id,
                "name": s.name,
                "stage": s.stage,
                "parent_id": s.parent_id,
                "description": s.description,
                "status": state.status.value if state else None,
                "local_count": state.local_count if state else None,
            }
        )
    return {
        **chain.to_row(),
        "home_region": config.home_region,
        "segment_count": len(rows),
        "local_firms": summary["local_firms"],
        "companies": summary["companies"],
        "completeness": report.completeness,
        "segments": rows,
    }


def segment_detail(
    store: Store, cache: RevisionCache, config: AnalysisConfig, segment_id: str, revs: Revisions | None = None
) -> dict[str, Any]:
    """A segment with every firm in it (local ones first), its status and its FEEDS neighbours.

    ``local_count`` is the analysis's count (the one ``GET /chains/{id}`` shows): local members
    plus firms landed there through started plans; each firm says whether it is ``local`` by
    location and whether it ``landed`` through a plan.
    """
    revs = gap_reports.revisions(store) if revs is None else revs
    segment = store.get(Kind.SEGMENT, segment_id)
    assert isinstance(segment, Segment)
    ctx = gap_reports.context(store, cache, config, segment.chain_id, revs)
    state = ctx.states.get(segment_id)
    landed = {x.company_id for x in ctx.landings.items if x.segment_id == segment_id}
    scope = ctx.scope
    firms = []
    for member, company in store.segment_members(segment_id):
        local, county, _ = scope.locality(company.region, company.local_site)
        firms.append(
            {
                **{k: getattr(company, k) for k in ("company_id", "name", "short_name", "region", "country")},
                "revenue_cny_100m": company.revenue_cny_100m,
                "role": member.role.value,
                "share": member.share,
                "local": local,
                "landed": company.company_id in landed,
                "county": county,
                "county_name": scope.counties.get(county) if county else None,
                "source": member.source or company.source,
                "as_of": member.as_of or company.as_of,
            }
        )
    firms.sort(
        key=lambda f: (not f["local"], ROLE_ORDER[Role(f["role"])], -(f["revenue_cny_100m"] or 0), f["company_id"])
    )
    links = ctx.facts.links
    feeds = sorted(lk.to_segment_id for lk in links if lk.from_segment_id == segment_id)
    fed_by = sorted(lk.from_segment_id for lk in links if lk.to_segment_id == segment_id)
    local_count = state.local_count if state else sum(f["local"] for f in firms)
    return {
        **segment.to_row(),
        "chain_name": ctx.facts.chain.name,
        "status": state.status.value if state else None,
        "reasons": list(state.reasons) if state else [],
        "local_count": local_count,
        "external_count": sum(not f["local"] and not f["landed"] for f in firms),
        "firms": firms,
        "feeds": feeds,
        "fed_by": fed_by,
    }


def counties(store: Store, cache: RevisionCache, home_region: str, revs: Revisions | None = None) -> list[Region]:
    """Counties, districts and zones directly under the home region, by id."""
    found = regions(store, cache, revs).values()
    return sorted((r for r in found if r.parent_id == home_region), key=lambda r: r.region_id)


def company_locality(company: Company, by_id: dict[str, Region], home_region: str) -> dict[str, Any]:
    """``local``, ``county``, ``county_name`` and ``region_name`` of a company."""
    county = county_of(company, by_id, home_region)
    region = by_id.get(company.region) if company.region else None
    return {
        "local": is_local(company, by_id, home_region),
        "county": county,
        "county_name": by_id[county].name if county and county in by_id else None,
        "region_name": region.name if region else None,
    }
