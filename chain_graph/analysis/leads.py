"""链主 procurement leads (以商招商): outside suppliers and customers of local leading firms, ranked.

A lead is one tie of a local leading firm (the referrer) with a firm that is not local: the
partner supplies the leader (``supplier``) or buys from it (``customer``). Its score (0..100) has
three explained parts, each in 0..1, weighted by
:class:`~chain_graph.analysis.config.LeadWeights` (``AnalysisConfig.lead_weights``):

- ``amount``: the tie's amount, ``min(1, log10(1 + a) / log10(1 + amount_reference_cny_100m))``,
  0 when unknown — the bigger the purchase, the stronger the leader's word;
- ``lists``: the partner's best ranking-list place, ``tier_factor × (1 - (rank-1)/size)`` (as in
  the candidate score), 0 when on no list;
- ``local_firms``: ``min(1, n / local_firms_saturation)``, n = distinct local firms the partner has
  a supply tie with — a firm that serves many local firms has more reasons to come.

``score = 100 × Σ weight × value / Σ weight``; leads are ordered by score, then leader, then partner.

Example
-------
>>> from chain_graph.facts import LeadFacts, LeadTie
>>> tie = LeadTie("anta", "安踏", "x", "示例化纤", "supplier", "涤纶", 10.0, None, None)
>>> [round(lead.score, 1) for lead in rank_leads(LeadFacts([tie], {}, {"x": 1}, {}), AnalysisConfig())]
[55.0]
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.config import AnalysisConfig, LeadWeights
from chain_graph.analysis.scoring import ListEntry, ScorePart, latest_lists
from chain_graph.errors import InvalidInput
from chain_graph.facts import LeadFacts, LeadTie

__all__ = ["LEAD_PARTS", "Lead", "LeadWeights", "rank_leads"]

LEAD_PARTS = ("amount", "lists", "local_firms")


class Lead(BaseModel):
    """A firm to co-locate, referred by a local leading firm, with its explained score."""

    model_config = ConfigDict(frozen=True)

    leader_id: str
    leader_name: str
    company_id: str
    name: str
    direction: str  # "supplier" | "customer" (of the leader)
    product: str | None
    amount_cny_100m: float | None
    source: str | None
    as_of: str | None
    lists: list[ListEntry]
    local_firms: int
    segments: list[dict[str, str]]  # the partner's segments: segment_id, chain_id, role
    leader_segments: list[dict[str, str]]  # where the leader leads
    score: float
    parts: dict[str, ScorePart]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def rank_leads(facts: LeadFacts, config: AnalysisConfig, *, limit: int | None = None) -> list[Lead]:
    """Every lead of ``facts``, best first (``limit``: the first so many).

    Parameters
    ----------
    facts : LeadFacts
        The ties of local leading firms with firms that are not local, and the partners' list
        entries, local ties and segments (the store's ``lead_facts``).
    config : AnalysisConfig
        ``lead_weights`` and ``tier_factors`` of the score (see the module docstring).
    limit : int, optional
        Return only the first so many; all by default.

    Returns
    -------
    list of Lead
        One lead per tie, each with its score and its explained parts; by score (descending),
        then leader id, partner id and direction.

    Raises
    ------
    InvalidInput
        ``limit`` is negative (field ``limit``).

    Examples
    --------
    >>> from chain_graph.facts import LeadFacts, LeadTie, RankFact
    >>> ties = [LeadTie("lead", "甲鞋业（示例）", "x", "乙化纤（示例）", "supplier", "涤纶", None, None, None),
    ...         LeadTie("lead", "甲鞋业（示例）", "y", "丙物流（示例）", "customer", None, 10.0, None, None)]
    >>> facts = LeadFacts(ties, {"x": [RankFact("x", "fortune-global-500", 2024, 1)]}, {"x": 5, "y": 0},
    ...                   {"lead": [("tex.shoe", "tex", "leading")]})
    >>> leads = rank_leads(facts, AnalysisConfig())
    >>> [(lead.company_id, round(lead.score, 1), lead.leader_segments[0]["segment_id"]) for lead in leads]
    [('x', 50.0, 'tex.shoe'), ('y', 50.0, 'tex.shoe')]
    >>> leads[0].parts["lists"].value, leads[1].parts["amount"].value
    (1.0, 1.0)
    >>> rank_leads(facts, AnalysisConfig(), limit=-1)
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: limit must be 0 or more, got -1
    """
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be 0 or more, got {limit}", field="limit")
    weights = config.lead_weights
    leads = [_lead(t, facts, config, weights) for t in facts.ties]
    leads.sort(key=lambda lead: (-lead.score, lead.leader_id, lead.company_id, lead.direction))
    return leads[:limit] if limit is not None else leads


def _lead(tie: LeadTie, facts: LeadFacts, config: AnalysisConfig, weights: LeadWeights) -> Lead:
    lists = latest_lists(facts.rankings.get(tie.partner_id, ()))
    n = facts.local_firms.get(tie.partner_id, 0)
    values = {
        "amount": _amount(tie.amount, weights.amount_reference_cny_100m),
        "lists": _lists(lists, config),
        "local_firms": (
            min(1.0, n / weights.local_firms_saturation),
            f"与 {n} 家本地企业有供货关系 / supply ties with {n} local firm(s)",
        ),
    }
    total = weights.amount + weights.lists + weights.local_firms
    parts = {
        name: ScorePart(
            value=value,
            weight=getattr(weights, name),
            contribution=100.0 * getattr(weights, name) * value / total if total else 0.0,
            explanation=text,
        )
        for name, (value, text) in values.items()
    }
    return Lead(
        leader_id=tie.leader_id,
        leader_name=tie.leader_name,
        company_id=tie.partner_id,
        name=tie.partner_name,
        direction=tie.direction,
        product=tie.product,
        amount_cny_100m=tie.amount,
        source=tie.source,
        as_of=tie.as_of,
        lists=lists,
        local_firms=n,
        segments=_segments(facts, tie.partner_id, leading_only=False),
        leader_segments=_segments(facts, tie.leader_id, leading_only=True),
        score=sum(p.contribution for p in parts.values()),
        parts=parts,
    )


def _amount(amount: float | None, reference: float) -> tuple[float, str]:
    if amount is None:
        return 0.0, "金额未知 / amount unknown"
    value = min(1.0, math.log10(1 + amount) / math.log10(1 + reference))
    return value, f"供货金额 {amount:g} 亿元，对数比例，参照 {reference:g} 亿元 / amount log-scaled"


def _lists(lists: list[ListEntry], config: AnalysisConfig) -> tuple[float, str]:
    scored = [(config.tier_factors.get(e.tier, 0.0) * (1 - (e.rank - 1) / e.size), e) for e in lists]
    if not scored:
        return 0.0, "未上榜 / on no list"
    value, best = max(scored, key=lambda s: (s[0], -s[1].tier, s[1].list_id))
    return value, f"{best.name} {best.year} 年第 {best.rank} 名 / rank {best.rank} on {best.list_id}"


def _segments(facts: LeadFacts, company_id: str, *, leading_only: bool) -> list[dict[str, str]]:
    return [
        {"segment_id": segment, "chain_id": chain, "role": role}
        for segment, chain, role in facts.segments.get(company_id, ())
        if not leading_only or role == "leading"
    ]
