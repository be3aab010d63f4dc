"""What the FEEDS and SUPPLIES edges say about a chain: extensions, supply dependency, fragile links.

- **extension** (延链): a segment — of this chain or another — with no local firm that a
  ``strong`` segment of this chain FEEDS (direction ``downstream``) or is fed by (``upstream``);
  one row per (missing segment, strong segment) pair.
- **supply dependency**: for every local leading firm in a segment of this chain, its suppliers
  that are not local, grouped by that segment (the segment the leading firm serves).
- **fragile link**: a segment of this chain held by 1..``fragile_max_holders`` local firms on
  which at least ``fragile_min_dependents`` other segments of this chain with local presence
  depend downstream, transitively along FEEDS (the path may pass through any segment in G).
"""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.presence import ident, in_edges_of, out_edges_of
from chain_graph.analysis.status import ChainContext, SegmentStatus
from chain_graph.models import Stage
from chain_graph.store.base import EdgeType, node_id

__all__ = [
    "Dependent",
    "Extension",
    "FragileLink",
    "Holder",
    "SupplyGroup",
    "SupplyTie",
    "extensions",
    "fragile_links",
    "supply_dependency",
]


class Extension(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    chain_id: str
    stage: Stage
    cross_chain: bool
    direction: str  # "downstream": the strong segment FEEDS it; "upstream": it FEEDS the strong segment
    strong_segment_id: str
    strong_segment_name: str
    weight: float


class SupplyTie(BaseModel):
    model_config = ConfigDict(frozen=True)

    supplier_id: str
    supplier_name: str
    supplier_segment_ids: list[str]
    customer_id: str
    customer_name: str
    product: str | None
    amount_cny_100m: float | None
    source: str | None
    as_of: str | None


class SupplyGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    segment_name: str
    status: SegmentStatus
    suppliers: list[SupplyTie]


class Holder(BaseModel):
    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    role: str


class Dependent(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    status: SegmentStatus


class FragileLink(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    stage: Stage
    status: SegmentStatus
    holders: list[Holder]
    dependent_count: int
    dependents: list[Dependent]


def extensions(ctx: ChainContext) -> list[Extension]:
    """Missing segments next to a strong segment of the chain, heaviest FEEDS link first."""
    G, rows = ctx.G, []
    for seg_id in ctx.segment_ids:
        if ctx.states[seg_id].status is not SegmentStatus.STRONG:
            continue
        seg = node_id("segment", seg_id)
        near = [(t, d, "downstream") for t, d in out_edges_of(G, seg, EdgeType.FEEDS)]
        near += [(s, d, "upstream") for s, d in in_edges_of(G, seg, EdgeType.FEEDS)]
        for other, data, direction in near:
            state = ctx.states[ident(other)]
            if state.status is SegmentStatus.MISSING:
                rows.append(
                    Extension(
                        segment_id=state.segment_id,
                        name=state.name,
                        chain_id=state.chain_id,
                        stage=state.stage,
                        cross_chain=state.chain_id != ctx.chain_id,
                        direction=direction,
                        strong_segment_id=seg_id,
                        strong_segment_name=ctx.states[seg_id].name,
                        weight=float(data.get("weight") or 1.0),
                    )
                )
    return sorted(rows, key=lambda r: (-r.weight, r.segment_id, r.strong_segment_id))


def supply_dependency(ctx: ChainContext) -> list[SupplyGroup]:
    """Non-local suppliers of local leading firms, grouped by the leading firm's segment."""
    groups = []
    for seg_id in ctx.segment_ids:
        state = ctx.states[seg_id]
        ties = [
            _tie(ctx.G, supplier, data)
            for firm in state.local_firms
            if firm.leading and node_id("company", firm.company_id) in ctx.G
            for supplier, data in in_edges_of(ctx.G, node_id("company", firm.company_id), EdgeType.SUPPLIES)
            if not ctx.is_local(ident(supplier))
        ]
        if ties:
            ties.sort(key=lambda t: (t.amount_cny_100m is None, -(t.amount_cny_100m or 0), t.supplier_id))
            groups.append(SupplyGroup(segment_id=seg_id, segment_name=state.name, status=state.status, suppliers=ties))
    return groups


def _tie(G: nx.MultiDiGraph, supplier: str, data: dict) -> SupplyTie:
    customer = node_id("company", data["customer_id"])
    return SupplyTie(
        supplier_id=data["supplier_id"],
        supplier_name=G.nodes[supplier]["name"],
        supplier_segment_ids=sorted(ident(s) for s, _ in out_edges_of(G, supplier, EdgeType.IN_SEGMENT)),
        customer_id=data["customer_id"],
        customer_name=G.nodes[customer]["name"],
        product=data.get("product"),
        amount_cny_100m=data.get("amount_cny_100m"),
        source=data.get("source"),
        as_of=data.get("as_of"),
    )


def fragile_links(ctx: ChainContext) -> list[FragileLink]:
    """Thinly held segments that many local segments depend on, most dependents first."""
    feeds = nx.DiGraph((u, v) for u, v, k in ctx.G.edges(keys=True) if k == EdgeType.FEEDS)
    cfg, rows = ctx.config, []
    for seg_id in ctx.segment_ids:
        state = ctx.states[seg_id]
        if not 1 <= state.local_count <= cfg.fragile_max_holders:
            continue
        seg = node_id("segment", seg_id)
        below = {ident(n) for n in nx.descendants(feeds, seg)} if seg in feeds else set()
        deps = [
            ctx.states[s]
            for s in ctx.segment_ids
            if s in below and s != seg_id and ctx.states[s].status is not SegmentStatus.MISSING
        ]
        if len(deps) >= cfg.fragile_min_dependents:
            rows.append(
                FragileLink(
                    segment_id=seg_id,
                    name=state.name,
                    stage=state.stage,
                    status=state.status,
                    holders=[Holder(company_id=f.company_id, name=f.name, role=f.role) for f in state.local_firms],
                    dependent_count=len(deps),
                    dependents=[Dependent(segment_id=d.segment_id, name=d.name, status=d.status) for d in deps],
                )
            )
    return sorted(rows, key=lambda r: -r.dependent_count)  # stable: stage order within equal counts
