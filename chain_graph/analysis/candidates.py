"""Candidates for a chain's gaps (缺链目标企业): non-local firms ranked by an explainable score.

A candidate is a company with an IN_SEGMENT edge to a gap segment that does not count as local
presence there. Gap segments are the chain's ``missing`` and ``weak`` segments, or the one
``segment_id`` asked for (any segment in the subgraph, a neighbour chain's included, whatever
its status). A company in two gap segments is a candidate in each. The score and its parts
are defined in :mod:`chain_graph.analysis.scoring`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.config import DEFAULT_CONFIG, AnalysisConfig
from chain_graph.analysis.presence import in_edges_of, out_edges_of
from chain_graph.analysis.scoring import (
    ListEntry,
    PlanInfo,
    ScorePart,
    Tie,
    latest_lists,
    relevant_plan,
    score_parts,
    supply_ties,
)
from chain_graph.analysis.status import ChainContext, SegmentStatus, chain_context
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.models import RankingListId, TargetPlan
from chain_graph.store.base import EdgeType, node_id

__all__ = ["Candidate", "rank_candidates"]


class Candidate(BaseModel):
    """A company that could fill a gap, with its score and the parts that make it up."""

    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    short_name: str | None
    country: str | None
    region: str | None
    region_name: str | None
    segment_id: str
    segment_name: str
    chain_id: str
    status: SegmentStatus
    score: float
    parts: dict[str, ScorePart]
    lists: list[ListEntry]
    ties: list[Tie]
    plan: PlanInfo | None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def rank_candidates(
    G: nx.MultiDiGraph,
    *,
    config: AnalysisConfig = DEFAULT_CONFIG,
    plans: Iterable[TargetPlan] = (),
    segment_id: str | None = None,
    lists: Sequence[str] | None = None,
    country: str | None = None,
    min_score: float | None = None,
    limit: int | None = None,
) -> list[Candidate]:
    """Candidates for the chain's gaps (or for ``segment_id``), best first.

    Filters: ``lists`` keeps companies ranked on any of these list ids, ``country`` an ISO code,
    ``min_score`` a floor on the score, ``limit`` the number returned. Order: score descending,
    then company id, then segment id.
    """
    wanted_lists = _check_filters(lists, min_score, limit)
    plans = list(plans)
    ctx = chain_context(G, config, plans)
    by_company: dict[str, list[TargetPlan]] = defaultdict(list)
    for plan in plans:
        by_company[plan.company_id].append(plan)
    found = [
        cand
        for seg_id in _gap_segments(ctx, segment_id)
        for cand in _segment_candidates(ctx, seg_id, by_company)
        if _keep(cand, wanted_lists, country, min_score)
    ]
    found.sort(key=lambda c: (-c.score, c.company_id, c.segment_id))
    return found[:limit] if limit is not None else found


def _check_filters(lists: Sequence[str] | None, min_score: float | None, limit: int | None) -> set[str] | None:
    if isinstance(lists, str):
        lists = [lists]
    known = {str(v) for v in RankingListId}
    unknown = sorted(set(lists or ()) - known)
    if unknown:
        raise InvalidInput(
            f"unknown ranking list id(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}", field="lists"
        )
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be 0 or more, got {limit}", field="limit")
    if min_score is not None and not 0 <= min_score <= 100:
        raise InvalidInput(f"min_score must lie in 0..100, got {min_score}", field="min_score")
    return set(lists) if lists is not None else None


def _gap_segments(ctx: ChainContext, segment_id: str | None) -> list[str]:
    if segment_id is not None:
        if segment_id not in ctx.states:
            raise NotFound(f"no segment {segment_id!r} in the subgraph of chain {ctx.chain_id!r}", field="segment_id")
        return [segment_id]
    gaps = (SegmentStatus.MISSING, SegmentStatus.WEAK)
    return [s for s in ctx.segment_ids if ctx.states[s].status in gaps]


def _segment_candidates(
    ctx: ChainContext, segment_id: str, plans_by_company: dict[str, list[TargetPlan]]
) -> Iterable[Candidate]:
    state = ctx.states[segment_id]
    present = {f.company_id for f in state.local_firms}
    for company, edge in in_edges_of(ctx.G, node_id("segment", segment_id), EdgeType.IN_SEGMENT):
        if edge["company_id"] not in present:
            yield _candidate(ctx, company, edge, plans_by_company.get(edge["company_id"], []))


def _candidate(ctx: ChainContext, company: str, edge: dict[str, Any], plans: list[TargetPlan]) -> Candidate:
    G, data, state = ctx.G, ctx.G.nodes[company], ctx.states[edge["segment_id"]]
    lists = latest_lists(G, company)
    ties = supply_ties(G, company, ctx.is_local)
    plan = relevant_plan(plans, state.segment_id)
    score, parts = score_parts(ctx.config, data, edge.get("share"), lists, ties, plan)
    region = next((r for r, _ in out_edges_of(G, company, EdgeType.LOCATED_IN)), None)
    return Candidate(
        company_id=data["company_id"],
        name=data["name"],
        short_name=data.get("short_name"),
        country=data.get("country"),
        region=data.get("region"),
        region_name=G.nodes[region].get("name") if region else None,
        segment_id=state.segment_id,
        segment_name=state.name,
        chain_id=state.chain_id,
        status=state.status,
        score=score,
        parts=parts,
        lists=lists,
        ties=ties,
        plan=plan,
    )


def _keep(cand: Candidate, lists: set[str] | None, country: str | None, min_score: float | None) -> bool:
    if lists is not None and not lists & {e.list_id for e in cand.lists}:
        return False
    if country is not None and (cand.country or "").upper() != country.strip().upper():
        return False
    return min_score is None or cand.score >= min_score
