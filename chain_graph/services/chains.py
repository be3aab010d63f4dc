"""Chains, segments and counties as the API shows them (counts, statuses, firms)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.presence import locality_index
from chain_graph.cache import RevisionCache
from chain_graph.locality import county_of, is_local
from chain_graph.models import Chain, Company, CompanySegment, Kind, Region, Role, Segment, Stage
from chain_graph.services import analysis
from chain_graph.store import Store
from chain_graph.store.base import EdgeType, node_id

__all__ = ["chain_detail", "chain_summaries", "counties", "regions", "segment_detail"]

STAGE_ORDER = {Stage.UPSTREAM: 0, Stage.MIDSTREAM: 1, Stage.DOWNSTREAM: 2}
ROLE_ORDER = {Role.LEADING: 0, Role.CORE: 1, Role.SUPPORTING: 2}


def regions(store: Store, cache: RevisionCache) -> dict[str, Region]:
    """Every region by id (for locality and names)."""

    def compute() -> dict[str, Region]:
        return {r.region_id: r for r in store.list(Kind.REGION).items if isinstance(r, Region)}

    return cache.get_or_compute(("regions",), store.revision(), compute)


def chain_summaries(store: Store, cache: RevisionCache, home_region: str) -> list[dict[str, Any]]:
    """Every chain with its numbers of segments, companies and local firms, by chain id."""

    def compute() -> list[dict[str, Any]]:
        by_id = regions(store, cache)
        companies: list[Company] = store.list(Kind.COMPANY).items  # type: ignore[assignment]
        local = {c.company_id for c in companies if is_local(c, by_id, home_region)}
        segments: list[Segment] = store.list(Kind.SEGMENT).items  # type: ignore[assignment]
        chain_of = {s.segment_id: s.chain_id for s in segments}
        seg_count: dict[str, int] = defaultdict(int)
        for s in segments:
            seg_count[s.chain_id] += 1
        members: dict[str, set[str]] = defaultdict(set)
        for m in store.list(Kind.COMPANY_SEGMENT).items:
            assert isinstance(m, CompanySegment)
            members[chain_of.get(m.segment_id, "")].add(m.company_id)
        rows = []
        for chain in store.list(Kind.CHAIN).items:
            assert isinstance(chain, Chain)
            firms = members[chain.chain_id]
            rows.append(
                {
                    **chain.to_row(),
                    "segments": seg_count[chain.chain_id],
                    "companies": len(firms),
                    "local_firms": len(firms & local),
                }
            )
        return rows

    return cache.get_or_compute(("chains", home_region), store.revision(), compute)


def chain_detail(store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str) -> dict[str, Any]:
    """One chain with its segments in stage order, each with its city-wide status."""
    chain = store.get(Kind.CHAIN, chain_id)
    summary = next(r for r in chain_summaries(store, cache, config.home_region) if r["chain_id"] == chain_id)
    report = analysis.gaps(store, cache, config, chain_id)
    states = {s.segment_id: s for s in report.segments}
    segments: list[Segment] = store.list(Kind.SEGMENT, where={"chain_id": chain_id}).items  # type: ignore[assignment]
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


def segment_detail(store: Store, cache: RevisionCache, config: AnalysisConfig, segment_id: str) -> dict[str, Any]:
    """A segment with every firm in it (local ones first), its status and its FEEDS neighbours."""
    segment = store.get(Kind.SEGMENT, segment_id)
    assert isinstance(segment, Segment)
    G = analysis.subgraph(store, cache, segment.chain_id)
    state = next(
        (s for s in analysis.gaps(store, cache, config, segment.chain_id).segments if s.segment_id == segment_id), None
    )
    index = locality_index(G, config.home_region)
    names = {ident: G.nodes[n].get("name") for n in G for ident in [n.split(":", 1)[1]] if n.startswith("region:")}
    node = node_id(Kind.SEGMENT, segment_id)
    firms = []
    for company, _, key, edge in G.in_edges(node, keys=True, data=True):
        if key != EdgeType.IN_SEGMENT:
            continue
        data = G.nodes[company]
        loc = index.get(data["company_id"])
        firms.append(
            {
                **{k: data.get(k) for k in ("company_id", "name", "short_name", "region", "country")},
                "revenue_cny_100m": data.get("revenue_cny_100m"),
                "role": edge["role"],
                "share": edge.get("share"),
                "local": bool(loc and loc.local),
                "county": loc.county if loc else None,
                "county_name": names.get(loc.county) if loc and loc.county else None,
                "source": edge.get("source") or data.get("source"),
                "as_of": edge.get("as_of") or data.get("as_of"),
            }
        )
    firms.sort(
        key=lambda f: (not f["local"], ROLE_ORDER[Role(f["role"])], -(f["revenue_cny_100m"] or 0), f["company_id"])
    )
    feeds = sorted(G.nodes[v]["segment_id"] for _, v, k in G.out_edges(node, keys=True) if k == EdgeType.FEEDS)
    fed_by = sorted(G.nodes[u]["segment_id"] for u, _, k in G.in_edges(node, keys=True) if k == EdgeType.FEEDS)
    chain = G.nodes[node_id(Kind.CHAIN, segment.chain_id)]
    local_count = sum(f["local"] for f in firms)
    return {
        **segment.to_row(),
        "chain_name": chain.get("name", segment.chain_id),
        "status": state.status.value if state else None,
        "reasons": list(state.reasons) if state else [],
        "local_count": local_count,
        "external_count": len(firms) - local_count,
        "firms": firms,
        "feeds": feeds,
        "fed_by": fed_by,
    }


def counties(store: Store, cache: RevisionCache, home_region: str) -> list[Region]:
    """Counties, districts and zones directly under the home region, by id."""
    return sorted((r for r in regions(store, cache).values() if r.parent_id == home_region), key=lambda r: r.region_id)


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
