"""The candidate score: explainable parts, each in 0..1, weighted into 0..100.

With ``W`` = the sum of the positive-part weights (``CandidateWeights.positive_total``):

- ``contribution(part) = 100 × weight × value / W`` for ``list_tier``, ``list_rank``,
  ``revenue``, ``supply_ties``, ``segment_share``, ``overseas_chinese``, ``relation_path``;
- ``contribution(plan_exists) = -100 × weight × value / W`` (a penalty);
- ``score = clamp(Σ contributions, 0, 100)``, so the parts add up to the score.

Part values:

- ``list_tier`` / ``list_rank``: the company's best list entry (latest year per list), best by
  ``tier_factor × rank_factor``; ``list_tier = tier_factors[tier]``, ``list_rank = 1 - (rank-1)/size``;
  0 and 0 when on no list;
- ``revenue``: ``min(1, log10(1 + r) / log10(1 + revenue_reference_cny_100m))``, 0 when unknown
  (a fixed reference keeps a score stable whatever the filters);
- ``supply_ties``: ``min(1, n / ties_saturation)``, n = distinct local firms it supplies or buys from;
- ``segment_share``: the IN_SEGMENT share, ``unknown_share`` (0.5) when the edge has none;
- ``overseas_chinese``: 1 when flagged 侨资 / 在外泉商, else 0;
- ``relation_path``: ``(H + 1 - h) / H`` for the shortest path (h hops, at most H =
  ``path_max_hops``) from the company to a local firm that is more than one direct supply tie (those
  count in ``supply_ties``): through a shareholding, a membership of a 商会 / 同乡会, or other firms
  (:mod:`chain_graph.paths`); 0 when there is none;
- ``plan_exists``: 1 when an active (not dropped) plan already targets the company, else 0 —
  so by default a targeted firm stays in the list, flagged with its plan, about 10 points lower.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.config import AnalysisConfig
from chain_graph.facts import RankFact, TieFact
from chain_graph.models import PLAN_ORDER, RANKING_LISTS, PlanStatus, RankingListId, TargetPlan
from chain_graph.paths import Path

__all__ = ["PART_NAMES", "ListEntry", "PlanInfo", "ScorePart", "Tie", "latest_lists", "score_parts", "supply_ties"]

PART_NAMES = (
    "list_tier",
    "list_rank",
    "revenue",
    "supply_ties",
    "segment_share",
    "overseas_chinese",
    "relation_path",
    "plan_exists",
)


class ScorePart(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float
    weight: float
    contribution: float
    explanation: str


class ListEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    list_id: str
    name: str
    year: int
    rank: int
    tier: int
    size: int


class Tie(BaseModel):
    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    direction: str  # "supplies_to": the candidate supplies the local firm; "buys_from": it buys from it
    product: str | None
    amount_cny_100m: float | None


class PlanInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan_id: str
    status: PlanStatus
    active: bool
    unit: str
    chain_id: str
    segment_ids: list[str]


def latest_lists(ranks: Iterable[RankFact]) -> list[ListEntry]:
    """The company's place on each list it is ranked on, latest year per list.

    Parameters
    ----------
    ranks : iterable of RankFact
        The company's ranking-list entries, any years (``Store`` answers them per company).

    Returns
    -------
    list of ListEntry
        One entry per list, its latest year, with the list's name, tier and size; best tier
        first, then best rank, then list id.

    Raises
    ------
    ValueError
        A rank names a list that is not one of ``RankingListId``.

    Examples
    --------
    >>> from chain_graph.facts import RankFact
    >>> ranks = [RankFact("a", "china-500", 2023, 120), RankFact("a", "china-500", 2024, 98),
    ...          RankFact("a", "fortune-global-500", 2024, 400)]
    >>> [(e.name, e.year, e.rank, e.tier) for e in latest_lists(ranks)]
    [('世界500强', 2024, 400, 1), ('中国企业500强', 2024, 98, 2)]
    """
    best: dict[str, ListEntry] = {}
    for r in ranks:
        meta = RANKING_LISTS[RankingListId(r.list_id)]
        entry = ListEntry(list_id=r.list_id, name=meta.name, year=r.year, rank=r.rank, tier=meta.tier, size=meta.size)
        if entry.list_id not in best or entry.year > best[entry.list_id].year:
            best[entry.list_id] = entry
    return sorted(best.values(), key=lambda e: (e.tier, e.rank, e.list_id))


def supply_ties(facts: Iterable[TieFact]) -> list[Tie]:
    """SUPPLIES ties between the company and local firms, either direction (the store keeps only
    those whose partner is local or landed).

    Parameters
    ----------
    facts : iterable of TieFact
        The company's supply ties as the store answered them.

    Returns
    -------
    list of Tie
        One per fact, ordered by partner id, then direction.

    Raises
    ------
    Nothing: every fact becomes a tie.

    Examples
    --------
    >>> from chain_graph.facts import TieFact
    >>> ties = supply_ties([TieFact("cand", "shoe", "乙鞋业（示例）", "supplies_to", "鞋底", 1.5),
    ...                     TieFact("cand", "fiber", "甲化纤（示例）", "buys_from", None, None)])
    >>> [(t.company_id, t.name, t.direction) for t in ties]
    [('fiber', '甲化纤（示例）', 'buys_from'), ('shoe', '乙鞋业（示例）', 'supplies_to')]
    """
    return sorted(
        (
            Tie(
                company_id=t.partner_id,
                name=t.partner_name,
                direction=t.direction,
                product=t.product,
                amount_cny_100m=t.amount,
            )
            for t in facts
        ),
        key=lambda t: (t.company_id, t.direction),
    )


def relevant_plan(plans: Sequence[TargetPlan], segment_id: str) -> PlanInfo | None:
    """The plan that says most about the company: active first, this segment first, most advanced."""

    def key(p: TargetPlan) -> tuple[Any, ...]:
        order = PLAN_ORDER.index(p.status) if p.status in PLAN_ORDER else -1
        return (p.status is PlanStatus.DROPPED, segment_id not in p.segment_ids, -order, p.plan_id)

    if not plans:
        return None
    p = min(plans, key=key)
    return PlanInfo(
        plan_id=p.plan_id,
        status=p.status,
        active=p.status is not PlanStatus.DROPPED,
        unit=p.unit,
        chain_id=p.chain_id,
        segment_ids=list(p.segment_ids),
    )


def _values(
    config: AnalysisConfig,
    company: dict[str, Any],
    share: float | None,
    lists: list[ListEntry],
    ties: list[Tie],
    plan: PlanInfo | None,
    path: Path | None = None,
) -> dict[str, tuple[float, str]]:
    tier, rank, best = _best_list(lists, config)
    revenue = company.get("revenue_cny_100m")
    ref = config.revenue_reference_cny_100m
    n = len({t.company_id for t in ties})
    tied = "、".join(dict.fromkeys(t.name for t in ties))
    oc = bool(company.get("overseas_chinese"))
    return {
        "list_tier": (tier, f"{best.name}（第 {best.tier} 档）/ tier {best.tier}" if best else "未上榜 / on no list"),
        "list_rank": (
            rank,
            f"{best.year} 年第 {best.rank} 名（共 {best.size}）/ rank {best.rank} of {best.size}"
            if best
            else "未上榜 / on no list",
        ),
        "revenue": (
            min(1.0, math.log10(1 + revenue) / math.log10(1 + ref)) if revenue is not None else 0.0,
            f"营收 {revenue:g} 亿元，对数比例，参照 {ref:g} 亿元 / revenue log-scaled against {ref:g}"
            if revenue is not None
            else "营收未知 / revenue unknown",
        ),
        "supply_ties": (
            min(1.0, n / config.ties_saturation),
            f"与 {n} 家本地企业有供货关系：{tied} / ties with {n} local firm(s)"
            if n
            else "与本地企业无供货关系 / no tie with a local firm",
        ),
        "segment_share": (
            share if share is not None else config.unknown_share,
            f"该环节占其业务 {share:.0%} / share of business in the segment"
            if share is not None
            else f"份额未知，按 {config.unknown_share:.0%} 计 / share unknown, assumed",
        ),
        "overseas_chinese": (
            1.0 if oc else 0.0,
            "侨资或在外泉商 / overseas-Chinese or Quanzhou tie" if oc else "无侨资或泉商关系 / no overseas-Chinese tie",
        ),
        "relation_path": _path_value(path, config.path_max_hops),
        "plan_exists": _plan_value(plan),
    }


def _path_value(path: Path | None, max_hops: int) -> tuple[float, str]:
    if path is None or path.hops > max_hops:
        return 0.0, f"{max_hops} 跳内无股权、商会或企业关系通往本地企业 / no relationship path to a local firm"
    value = (max_hops + 1 - path.hops) / max_hops
    return value, f"{path.hops} 跳连到本地企业 {path.to.name}：{path.text} / {path.hops}-hop path to a local firm"


def _best_list(lists: list[ListEntry], config: AnalysisConfig) -> tuple[float, float, ListEntry | None]:
    scored = [(config.tier_factors.get(e.tier, 0.0), 1 - (e.rank - 1) / e.size, e) for e in lists]
    if not scored:
        return 0.0, 0.0, None
    return max(scored, key=lambda s: (s[0] * s[1], -s[2].tier, s[2].list_id))


def _plan_value(plan: PlanInfo | None) -> tuple[float, str]:
    if plan is None:
        return 0.0, "尚无专案 / no plan yet"
    if not plan.active:
        return 0.0, f"专案 {plan.plan_id} 已放弃，不扣分 / plan dropped, no penalty"
    return 1.0, f"已有专案 {plan.plan_id}（{plan.status}，{plan.unit}）/ already targeted by an active plan"


def score_parts(
    config: AnalysisConfig,
    company: dict[str, Any],
    share: float | None,
    lists: list[ListEntry],
    ties: list[Tie],
    plan: PlanInfo | None,
    path: Path | None = None,
) -> tuple[float, dict[str, ScorePart]]:
    """The score (0..100) and its parts, whose contributions add up to it (before clamping).

    Each part's value, weight and contribution follow the module docstring; the explanation
    of each says why, in Chinese and English.

    Parameters
    ----------
    config : AnalysisConfig
        The weights (``config.weights``) and references of the parts.
    company : dict
        The candidate company's fields; ``revenue_cny_100m`` and ``overseas_chinese`` are read.
    share : float or None
        The company's IN_SEGMENT share of business in the segment (None: unknown).
    lists : list of ListEntry
        Its ranking-list places (:func:`latest_lists`).
    ties : list of Tie
        Its supply ties with local firms (:func:`supply_ties`).
    plan : PlanInfo or None
        The plan that already targets it, if any (an active one costs ``plan_exists``).
    path : Path, optional
        The shortest relationship path to a local firm (:mod:`chain_graph.paths`).

    Returns
    -------
    tuple of (float, dict of str to ScorePart)
        The score, clamped to 0..100, and each part (``PART_NAMES``) by name.

    Raises
    ------
    Nothing: an ``AnalysisConfig`` always has a positive weight total.

    Examples
    --------
    A firm on no list, with no tie, of unknown share, revenue at the reference, 侨资: with the
    default weights (W = 12), ``100 × (2 × 1.0 + 1 × 0.5 + 1 × 1.0) / 12``:

    >>> config = AnalysisConfig()
    >>> score, parts = score_parts(config, {"revenue_cny_100m": 1000.0, "overseas_chinese": True},
    ...                            share=None, lists=[], ties=[], plan=None)
    >>> round(score, 6), parts["revenue"].value, parts["segment_share"].value, parts["list_tier"].contribution
    (29.166667, 1.0, 0.5, 0.0)
    >>> round(sum(p.contribution for p in parts.values()), 6) == round(score, 6)
    True
    >>> parts["revenue"].explanation
    '营收 1000 亿元，对数比例，参照 1000 亿元 / revenue log-scaled against 1000'
    """
    weights = config.weights.model_dump()
    total = config.weights.positive_total
    parts = {}
    for name, (value, text) in _values(config, company, share, lists, ties, plan, path).items():
        contribution = 100.0 * weights[name] * value / total
        if name == "plan_exists":
            contribution = -contribution if contribution else 0.0  # a penalty; never -0.0
        parts[name] = ScorePart(value=value, weight=weights[name], contribution=contribution, explanation=text)
    score = min(100.0, max(0.0, sum(p.contribution for p in parts.values())))
    return score, parts
