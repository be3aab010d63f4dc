"""Segment statuses (missing / weak / strong) and chain completeness, over the chain subgraph.

:func:`chain_context` reads a chain subgraph once — its segments in stage order, the locality
of every company, the landed plans — and computes every segment's local presence; the gap
report, the candidate ranking and the what-if all start from it.

Status of a segment (DESIGN.md §3), from its local firms (``AnalysisConfig``):

- ``missing``: no local firm;
- ``weak``: no local leading firm and fewer than ``weak_min_firms`` local firms, or — when
  ``weak_min_revenue_cny_100m`` is set and some local firm's revenue is known — the known local
  revenue is below it;
- ``strong``: otherwise.

Sub-segments (``SUB_OF``) are judged on their own firms; a parent does not inherit them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

import networkx as nx
from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.config import AnalysisConfig
from chain_graph.analysis.presence import (
    Landing,
    Locality,
    company_name,
    in_edges_of,
    landings_from_plans,
    locality_index,
    merge_landings,
    role_in,
)
from chain_graph.errors import InvalidInput
from chain_graph.models import Role, Stage, TargetPlan
from chain_graph.store.base import EdgeType, node_id

__all__ = [
    "ChainContext",
    "LocalFirm",
    "SegmentState",
    "SegmentStatus",
    "chain_context",
    "chain_id_of",
    "classify",
    "completeness",
    "segment_weights",
]

STAGE_RANK = {Stage.UPSTREAM: 0, Stage.MIDSTREAM: 1, Stage.DOWNSTREAM: 2}
ROLE_RANK = {Role.LEADING: 0, Role.CORE: 1, Role.SUPPORTING: 2}


class SegmentStatus(StrEnum):
    MISSING = "missing"
    WEAK = "weak"
    STRONG = "strong"


class LocalFirm(BaseModel):
    """A firm counted as local presence in a segment; ``basis`` says why it counts."""

    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    role: Role
    county: str | None
    leading: bool
    revenue_cny_100m: float | None = None
    basis: str  # "region" | "local_site" | "plan" | "what_if"
    plan_id: str | None = None


class SegmentState(BaseModel):
    """One segment's local presence and status, with the reasons in Chinese and English."""

    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    chain_id: str
    stage: Stage
    status: SegmentStatus
    local_count: int
    leading_count: int
    local_revenue: float | None
    local_firms: list[LocalFirm]
    reasons: list[str]
    weight: float = 1.0


def segment_order(G: nx.MultiDiGraph, segment: str) -> tuple[int, str]:
    """Sort key of a segment node: stage (upstream → downstream), then id."""
    data = G.nodes[segment]
    return STAGE_RANK[Stage(data["stage"])], data["segment_id"]


def chain_id_of(G: nx.MultiDiGraph) -> str:
    """The chain a subgraph was cut for (``G.graph["chain_id"]``), or InvalidInput."""
    chain_id = G.graph.get("chain_id")
    if not chain_id or node_id("chain", chain_id) not in G:
        raise InvalidInput(
            f"G is not a chain subgraph: graph attribute chain_id={chain_id!r} names no chain node", field="G"
        )
    return str(chain_id)


def local_firms(
    G: nx.MultiDiGraph,
    segment_id: str,
    index: Mapping[str, Locality],
    landings: Mapping[str, list[Landing]],
) -> list[LocalFirm]:
    """Local members of the segment plus its landings, leading firms first."""
    firms: dict[str, LocalFirm] = {}
    for company, data in in_edges_of(G, node_id("segment", segment_id), EdgeType.IN_SEGMENT):
        loc = index[G.nodes[company]["company_id"]]
        if loc.local:
            firms[data["company_id"]] = _firm(G, data["company_id"], Role(data["role"]), loc, loc.basis or "region")
    for landing in landings.get(segment_id, ()):
        if landing.company_id not in firms:
            loc = index.get(landing.company_id, Locality(False))
            role = role_in(G, landing.company_id, segment_id)
            firms[landing.company_id] = _firm(G, landing.company_id, role, loc, landing.basis, landing.plan_id)
    return sorted(firms.values(), key=lambda f: (ROLE_RANK[f.role], f.company_id))


def _firm(
    G: nx.MultiDiGraph, company_id: str, role: Role, loc: Locality, basis: str, plan_id: str | None = None
) -> LocalFirm:
    node = node_id("company", company_id)
    revenue = G.nodes[node].get("revenue_cny_100m") if node in G else None
    return LocalFirm(
        company_id=company_id,
        name=company_name(G, company_id),
        role=role,
        county=loc.county,
        leading=role is Role.LEADING,
        revenue_cny_100m=revenue,
        basis=basis,
        plan_id=plan_id,
    )


def local_revenue(firms: Iterable[LocalFirm]) -> float | None:
    """Sum of the known revenues (亿元) of the firms; None when no revenue is known."""
    known = [f.revenue_cny_100m for f in firms if f.revenue_cny_100m is not None]
    return float(sum(known)) if known else None


def classify(firms: list[LocalFirm], config: AnalysisConfig) -> tuple[SegmentStatus, list[str]]:
    """Status of a segment from its local firms, with the reasons (中文 / English).

    >>> classify([], AnalysisConfig())
    (<SegmentStatus.MISSING: 'missing'>, ['无本地企业 / no local firm'])
    """
    n, k = len(firms), config.weak_min_firms
    if n == 0:
        return SegmentStatus.MISSING, ["无本地企业 / no local firm"]
    leaders = [f.name for f in firms if f.leading]
    revenue, floor = local_revenue(firms), config.weak_min_revenue_cny_100m
    weak: list[str] = []
    if not leaders and n < k:
        weak.append(f"无本地龙头企业，本地企业仅 {n} 家（少于 {k} 家）/ no local leading firm, {n} local firm(s) < {k}")
    if floor is not None and revenue is not None and revenue < floor:
        weak.append(f"本地营收 {revenue:g} 亿元，低于 {floor:g} 亿元 / local revenue {revenue:g} < {floor:g}")
    landed = [f"{f.name}（{f.plan_id}）" for f in firms if f.basis == "plan"]
    notes = [f"含已开工/投产专案企业 {'、'.join(landed)} / includes landed plan firm(s)"] if landed else []
    if weak:
        return SegmentStatus.WEAK, weak + notes
    if leaders:
        strong = f"本地龙头企业：{'、'.join(leaders)} / local leading firm(s): {len(leaders)}"
    else:
        strong = f"本地企业 {n} 家（不少于 {k} 家）/ {n} local firms, at least {k}"
    return SegmentStatus.STRONG, [strong, *notes]


def segment_state(
    G: nx.MultiDiGraph,
    segment_id: str,
    config: AnalysisConfig,
    firms: list[LocalFirm],
    weight: float = 1.0,
) -> SegmentState:
    data = G.nodes[node_id("segment", segment_id)]
    status, reasons = classify(firms, config)
    return SegmentState(
        segment_id=segment_id,
        name=data["name"],
        chain_id=data["chain_id"],
        stage=data["stage"],
        status=status,
        local_count=len(firms),
        leading_count=sum(f.leading for f in firms),
        local_revenue=local_revenue(firms),
        local_firms=firms,
        reasons=reasons,
        weight=weight,
    )


def segment_weights(G: nx.MultiDiGraph, segment_ids: Iterable[str]) -> dict[str, float]:
    """Weight of each segment: 1 + the weights of the FEEDS edges that touch it within the set."""
    ids = list(segment_ids)
    weights = dict.fromkeys(ids, 1.0)
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == EdgeType.FEEDS:
            a, b = G.nodes[u].get("segment_id"), G.nodes[v].get("segment_id")
            if a in weights and b in weights:
                w = float(data.get("weight") or 1.0)
                weights[a] += w
                weights[b] += w
    return weights


def completeness(states: Iterable[SegmentState]) -> float:
    """Σ weight of segments with local presence ÷ Σ weight of all segments (0.0 for none).

    >>> from chain_graph.models import Stage
    >>> s = dict(chain_id="c", stage=Stage.UPSTREAM, leading_count=0, local_revenue=None, local_firms=[], reasons=[])
    >>> completeness([SegmentState(segment_id="a", name="A", status="strong", local_count=3, weight=2.5, **s),
    ...               SegmentState(segment_id="b", name="B", status="missing", local_count=0, weight=1.5, **s)])
    0.625
    """
    states = list(states)
    total = sum(s.weight for s in states)
    present = sum(s.weight for s in states if s.status is not SegmentStatus.MISSING)
    return present / total if total else 0.0


@dataclass
class ChainContext:
    """A chain subgraph read once: its segments, localities, landings and segment states."""

    G: nx.MultiDiGraph
    chain_id: str
    config: AnalysisConfig
    segment_ids: list[str]  # this chain's, stage order
    index: dict[str, Locality]
    landings: dict[str, list[Landing]]
    states: dict[str, SegmentState] = field(default_factory=dict)  # every segment in G

    @cached_property
    def landed_ids(self) -> frozenset[str]:
        """Companies landed (by plan or what-if) in some segment."""
        return frozenset(landing.company_id for items in self.landings.values() for landing in items)

    def is_local(self, company_id: str) -> bool:
        """Local by location or local site, or landed in some segment."""
        return self.index.get(company_id, Locality(False)).local or company_id in self.landed_ids

    def chain_states(self, county: str | None = None) -> list[SegmentState]:
        """This chain's segment states, stage order; with ``county``, only that county's firms count."""
        if county is None:
            return [self.states[s] for s in self.segment_ids]
        out = []
        for s in self.segment_ids:
            firms = [f for f in self.states[s].local_firms if f.county == county]
            out.append(segment_state(self.G, s, self.config, firms, self.states[s].weight))
        return out


def chain_context(
    G: nx.MultiDiGraph,
    config: AnalysisConfig,
    plans: Iterable[TargetPlan] = (),
    extra: Mapping[str, list[Landing]] | None = None,
) -> ChainContext:
    """Read the chain subgraph: localities, landings (plans, then ``extra``) and all segment states."""
    chain_id = chain_id_of(G)
    segments = sorted(
        (n for n, d in G.nodes(data=True) if d.get("kind") == "segment"), key=lambda n: segment_order(G, n)
    )
    own = [G.nodes[n]["segment_id"] for n in segments if G.nodes[n]["chain_id"] == chain_id]
    landings = merge_landings(landings_from_plans(plans, config.landed_statuses), extra or {})
    ctx = ChainContext(G, chain_id, config, own, locality_index(G, config.home_region), landings)
    weights = segment_weights(G, own)
    for n in segments:
        seg = G.nodes[n]["segment_id"]
        firms = local_firms(G, seg, ctx.index, landings)
        ctx.states[seg] = segment_state(G, seg, config, firms, weights.get(seg, 1.0))
    return ctx
