"""Candidates for a chain's gaps (缺链目标企业): non-local firms ranked by an explainable score.

A candidate is a member of a gap segment that does not count as local presence there (not
local by location, not landed there). Gap segments (:func:`gap_segments`) are the chain's
``missing`` and ``weak`` segments, or the one ``segment_id`` asked for (any segment of the
chain's facts, a FEEDS neighbour in another chain included, whatever its status). The store
answers the candidates' rows, list entries and ties with local firms
(:class:`~chain_graph.facts.CandidateFacts`); this module scores and ranks them. A company in
two gap segments is a candidate in each. The score and its parts
are defined in :mod:`chain_graph.analysis.scoring`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

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
from chain_graph.analysis.status import ChainContext, SegmentStatus
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.facts import CandidateFacts, CandidateRow
from chain_graph.models import RankingListId, TargetPlan
from chain_graph.paths import Paths
from chain_graph.provenance import is_illustrative

__all__ = ["Candidate", "check_filters", "gap_segments", "rank_candidates"]


class Candidate(BaseModel):
    """A company that could fill a gap, with its score and the parts that make it up."""

    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    short_name: str | None
    illustrative: bool = False  # an invented record of the sample data (chain_graph.provenance)
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
    ctx: ChainContext,
    facts: CandidateFacts,
    *,
    plans: Iterable[TargetPlan] = (),
    paths: Mapping[str, Paths] | None = None,
    lists: Sequence[str] | None = None,
    country: str | None = None,
    min_score: float | None = None,
    limit: int | None = None,
) -> list[Candidate]:
    """Candidates among ``facts`` (the store's answer for :func:`gap_segments`), best first.

    ``paths``: the candidates' relationship paths to local firms (the store's ``relation_paths``),
    for the ``relation_path`` part. Filters: ``lists`` keeps companies ranked on any of these list
    ids, ``country`` an ISO code,
    ``min_score`` a floor on the score, ``limit`` the number returned. Order: score descending,
    then company id, then segment id.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts, landings and segment states (:func:`~chain_graph.analysis.chain_context`);
        a row of a segment not in it, or of a company landed in that segment, is no candidate.
    facts : CandidateFacts
        The store's rows, list entries and ties for the gap segments (:func:`gap_segments`).
    plans : iterable of TargetPlan, optional
        Plans that may already target the candidates (for the ``plan_exists`` part).
    paths : mapping of str to Paths, optional
        Company id → its relationship paths to local firms (for the ``relation_path`` part).
    lists : sequence of str, optional
        Keep only companies ranked on one of these list ids.
    country : str, optional
        Keep only companies of this ISO country code (any case).
    min_score : float, optional
        Keep only scores at least this, in 0..100.
    limit : int, optional
        Return only the first so many.

    Returns
    -------
    list of Candidate
        One per company and gap segment, with the score, its parts, list entries, supply ties
        and the plan that already targets it, if any.

    Raises
    ------
    InvalidInput
        A filter is wrong (:func:`check_filters`): an unknown list id, a negative ``limit``, a
        ``min_score`` outside 0..100.

    Examples
    --------
    A missing segment with two outside members: ``a`` ranked 50th of 中国企业500强 (tier 2) with
    80% of its business there, ``b`` on no list with its share unknown (W = 12):
    ``100 × (2 × 0.7 + 1 × (1 - 49/500) + 1 × 0.8) / 12 ≈ 25.9`` and ``100 × 1 × 0.5 / 12 ≈ 4.2``.

    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, LocalScope, RankFact
    >>> from chain_graph.models import Chain, Company, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> ctx = chain_context(ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[], presence=[],
    ...     segments=[Segment(segment_id="tea.rtd", chain_id="tea", name="茶饮料", stage="downstream")],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50), scope, DEFAULT_CONFIG)
    >>> rows = [CandidateRow("tea.rtd", Company(company_id="a", name="甲饮品（示例）", country="CN"), 0.8),
    ...         CandidateRow("tea.rtd", Company(company_id="b", name="乙饮品（示例）", country="JP"), None)]
    >>> facts = CandidateFacts(rows, {"a": [RankFact("a", "china-500", 2024, 50)]}, {})
    >>> [(c.company_id, round(c.score, 1), c.status.value) for c in rank_candidates(ctx, facts)]
    [('a', 25.9, 'missing'), ('b', 4.2, 'missing')]
    >>> [c.company_id for c in rank_candidates(ctx, facts, country="jp")]
    ['b']
    >>> rank_candidates(ctx, facts, lists=["top-10"])
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: unknown ranking list id(s): top-10; known: ...
    """
    wanted_lists = check_filters(lists, min_score, limit)
    by_company: dict[str, list[TargetPlan]] = defaultdict(list)
    for plan in plans:
        by_company[plan.company_id].append(plan)
    landed_in = {(landing.company_id, landing.segment_id) for landing in ctx.landings.items}
    found = [
        cand
        for row in facts.rows
        if row.segment_id in ctx.states and (row.company.company_id, row.segment_id) not in landed_in
        for cand in [_candidate(ctx, row, facts, by_company.get(row.company.company_id, []), paths or {})]
        if _keep(cand, wanted_lists, country, min_score)
    ]
    found.sort(key=lambda c: (-c.score, c.company_id, c.segment_id))
    return found[:limit] if limit is not None else found


def check_filters(lists: Sequence[str] | None, min_score: float | None, limit: int | None) -> set[str] | None:
    """The list ids asked for, or InvalidInput naming the filter that is wrong.

    Parameters
    ----------
    lists : sequence of str or None
        Ranking list ids to keep candidates of (a single id may be given as a str); None for any.
    min_score : float or None
        The lowest score to keep, in 0..100.
    limit : int or None
        How many candidates to keep, 0 or more.

    Returns
    -------
    set of str or None
        The list ids, or None when no list filter is asked for.

    Raises
    ------
    InvalidInput
        An unknown list id, a negative limit or a score outside 0..100; ``field`` names the filter.

    Examples
    --------
    >>> check_filters("china-500", 60, 10), check_filters(None, None, None)
    ({'china-500'}, None)
    >>> check_filters(None, 120, None)
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: min_score must lie in 0..100, got 120
    """
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


def gap_segments(ctx: ChainContext, segment_id: str | None = None) -> list[str]:
    """The segments whose candidates are asked for: the one named, or every missing and weak one.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts and segment states.
    segment_id : str, optional
        One segment of the chain or of its FEEDS neighbours.

    Returns
    -------
    list of str
        ``[segment_id]``, or the chain's missing and weak segments in stage order.

    Raises
    ------
    NotFound
        ``segment_id`` is neither in the chain nor next to it.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> seg = lambda sid, stage: Segment(segment_id=sid, chain_id="tea", name=sid, stage=stage)
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[],
    ...     segments=[seg("tea.leaf", "upstream"), seg("tea.pack", "midstream"), seg("tea.rtd", "downstream")],
    ...     presence=[PresenceFact("tea.leaf", None, 5, 1, 0.0, 0), PresenceFact("tea.pack", None, 1, 0, 0.0, 0)],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> ctx = chain_context(facts, scope, DEFAULT_CONFIG)
    >>> gap_segments(ctx), gap_segments(ctx, "tea.leaf")
    (['tea.pack', 'tea.rtd'], ['tea.leaf'])
    >>> gap_segments(ctx, "tex.shoe")
    Traceback (most recent call last):
    ...
    chain_graph.errors.NotFound: no segment 'tex.shoe' in chain 'tea' or its neighbours
    """
    if segment_id is not None:
        if segment_id not in ctx.states:
            raise NotFound(f"no segment {segment_id!r} in chain {ctx.chain_id!r} or its neighbours", field="segment_id")
        return [segment_id]
    gaps = (SegmentStatus.MISSING, SegmentStatus.WEAK)
    return [s for s in ctx.segment_ids if ctx.states[s].status in gaps]


def _candidate(
    ctx: ChainContext, row: CandidateRow, facts: CandidateFacts, plans: list[TargetPlan], paths: Mapping[str, Paths]
) -> Candidate:
    company, state = row.company, ctx.states[row.segment_id]
    lists = latest_lists(facts.rankings.get(company.company_id, ()))
    ties = supply_ties(facts.ties.get(company.company_id, ()))
    plan = relevant_plan(plans, state.segment_id)
    data = {"revenue_cny_100m": company.revenue_cny_100m, "overseas_chinese": company.overseas_chinese}
    found = paths.get(company.company_id)
    path = next((p for p in found.paths if not p.direct_supply), None) if found else None
    score, parts = score_parts(ctx.config, data, row.share, lists, ties, plan, path)
    return Candidate(
        company_id=company.company_id,
        name=company.name,
        short_name=company.short_name,
        illustrative=is_illustrative(company.name, source=company.source),
        country=company.country,
        region=company.region,
        region_name=ctx.scope.region_names.get(company.region) if company.region else None,
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
