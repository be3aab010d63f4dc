"""Settings of the chain-gap analysis: thresholds and candidate weights.

Every number the analysis uses to judge a segment or score a company lives here, with its
default and its meaning, so a planner can see and change it; nothing is hidden in the code.

Example
-------
>>> config = AnalysisConfig()
>>> config.home_region, config.weak_min_firms, config.weights.supply_ties
('350500', 3, 3.0)
>>> AnalysisConfig.build({"weak_min_firms": 0})
Traceback (most recent call last):
...
chain_graph.errors.InvalidInput: invalid analysis config: weak_min_firms: Input should be greater than or equal to 1
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chain_graph.errors import InvalidInput
from chain_graph.models import PlanStatus, problems_of

__all__ = ["DEFAULT_CONFIG", "AnalysisConfig", "CandidateWeights", "LeadWeights"]


class CandidateWeights(BaseModel):
    """Weights of the candidate score parts; each part's value lies in 0..1.

    The score is ``100 × Σ weight × value / W`` over the positive parts, where ``W`` is the
    sum of their weights; ``plan_exists`` is a penalty (subtracted the same way, floor 0).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    list_tier: float = Field(2.0, ge=0, description="tier of the best ranking list (世界500强 first)")
    list_rank: float = Field(1.0, ge=0, description="place on that list, 1 - (rank-1)/size")
    revenue: float = Field(2.0, ge=0, description="scale: log-scaled revenue against a fixed reference")
    supply_ties: float = Field(3.0, ge=0, description="existing SUPPLIES ties with local firms (the best argument)")
    segment_share: float = Field(1.0, ge=0, description="share of its business in the segment")
    overseas_chinese: float = Field(1.0, ge=0, description="侨资 / 在外泉商 tie")
    relation_path: float = Field(
        2.0, ge=0, description="a short path to a local firm through shareholdings, memberships or other firms"
    )
    plan_exists: float = Field(1.0, ge=0, description="penalty when an active plan already targets the company")

    @property
    def positive_total(self) -> float:
        """W: the sum of the weights of the parts that add to the score."""
        return sum(v for k, v in self.model_dump().items() if k != "plan_exists")


class LeadWeights(BaseModel):
    """Weights and references of the 链主 lead score (:mod:`chain_graph.analysis.leads`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: float = Field(2.0, ge=0, description="the tie's amount (亿元), log-scaled")
    lists: float = Field(1.0, ge=0, description="the partner's best ranking-list place")
    local_firms: float = Field(1.0, ge=0, description="how many local firms the partner has supply ties with")
    amount_reference_cny_100m: float = Field(10.0, gt=0, description="an amount worth the full part")
    local_firms_saturation: int = Field(5, ge=1, description="this many local partners are worth the full part")


class AnalysisConfig(BaseModel):
    """Thresholds of the gap statuses and the candidate score; every field can be overridden."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    home_region: str = Field("350500", min_length=1, description="region id of the home city (泉州市)")
    weak_min_firms: int = Field(
        3, ge=1, description="a segment without a local leading firm is weak below this many local firms"
    )
    weak_min_revenue_cny_100m: float | None = Field(
        None, ge=0, description="a segment is also weak when its known local revenue (亿元) is below this; None = off"
    )
    fragile_max_holders: int = Field(2, ge=1, description="a fragile link is held by at most this many local firms")
    fragile_min_dependents: int = Field(
        3, ge=1, description="... and at least this many local segments depend on it downstream (FEEDS*)"
    )
    landed_statuses: tuple[PlanStatus, ...] = Field(
        (PlanStatus.STARTED, PlanStatus.IN_PRODUCTION),
        description="plan statuses whose company counts as local presence in the plan's segments",
    )
    firm_list_limit: int = Field(
        50, ge=1, le=10_000, description="local firms listed per segment (leading first); counts are always exact"
    )
    weights: CandidateWeights = Field(default_factory=CandidateWeights)
    tier_factors: dict[int, float] = Field(
        default_factory=lambda: {1: 1.0, 2: 0.7, 3: 0.4},
        description="value of a ranking-list tier (RankingList.tier); tiers not named count 0",
    )
    revenue_reference_cny_100m: float = Field(
        1000.0, gt=0, description="revenue (亿元) that scores 1.0: value = min(1, log10(1+r) / log10(1+ref))"
    )
    ties_saturation: int = Field(3, ge=1, description="this many tied local firms score 1.0: min(1, n / this)")
    unknown_share: float = Field(0.5, ge=0, le=1, description="segment share assumed when IN_SEGMENT has none")
    path_max_hops: int = Field(
        3, ge=1, le=4, description="longest relationship path (hops) to a local firm that the score counts"
    )
    lead_weights: LeadWeights = Field(default_factory=lambda: LeadWeights())

    @model_validator(mode="after")
    def _scores_possible(self) -> AnalysisConfig:
        if self.weights.positive_total <= 0:
            raise ValueError("weights: at least one score part needs a positive weight")
        if any(not 0 <= f <= 1 for f in self.tier_factors.values()):
            raise ValueError("tier_factors: each factor must lie in 0..1")
        return self

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None) -> AnalysisConfig:
        """The default config with ``overrides``, or InvalidInput naming each bad field."""
        try:
            return cls.model_validate(dict(overrides or {}))
        except ValidationError as e:
            problems = problems_of(e)
            summary = "; ".join(f"{p.field}: {p.reason}" if p.field else p.reason for p in problems)
            first = problems[0].field if problems else None
            raise InvalidInput(f"invalid analysis config: {summary}", field=first, problems=problems) from e


DEFAULT_CONFIG = AnalysisConfig()
