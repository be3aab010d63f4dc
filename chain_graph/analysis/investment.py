"""Signed investment and the start rate: the plans' KPIs measured against a year's target and goal.

The definitions are those of :mod:`chain_graph.analysis.kpis`: the signed investment of a year
counts the plans signed (``signed_framework`` or later, not dropped) with ``signed_on`` in it; the
start rate of a year is, of the plans formally contracted in it, the share that started.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from chain_graph.models import PLAN_ORDER, PlanStatus, TargetPlan

__all__ = [
    "KpiConfig",
    "SignedInvestment",
    "StartRate",
    "signed_investment",
    "start_rate",
]

SIGNED = frozenset(PLAN_ORDER[PLAN_ORDER.index(PlanStatus.SIGNED_FRAMEWORK) :])


class KpiConfig(BaseModel):
    """Annual targets (亿元 of newly signed investment) and start-rate goals, per year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    annual_target_cny_100m: dict[int, float] = Field(default_factory=lambda: {2023: 10000.0})
    start_rate_goals: dict[int, float] = Field(default_factory=lambda: {2022: 0.70, 2023: 0.40})


class SignedInvestment(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    amount_cny_100m: float
    plans: int
    unknown_amount: int
    target_cny_100m: float | None
    ratio: float | None  # amount ÷ target
    plan_ids: list[str]


class StartRate(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    contracted: int
    started: int
    rate: float | None  # None when nothing was contracted
    goal: float | None
    met: bool | None  # None without a goal or a rate
    not_started: list[str]


def is_signed(plan: TargetPlan) -> bool:
    """At ``signed_framework`` or later, and not dropped."""
    return plan.status in SIGNED


def signed_investment(plans: Iterable[TargetPlan], year: int, config: KpiConfig | None = None) -> SignedInvestment:
    """Signed investment of ``year`` against its target (see the module docstring).

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status; those signed (``signed_framework`` or later, not dropped) with
        ``signed_on`` in ``year`` count.
    year : int
        The calendar year.
    config : KpiConfig, optional
        The annual targets (亿元); the defaults when not given.

    Returns
    -------
    SignedInvestment
        The sum (亿元), the plans counted, those without an amount, the target and the ratio
        (None without a target).

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> def plan(pid, status, amount, **dates):
    ...     return TargetPlan(plan_id=pid, company_id=pid, chain_id="tex", segment_ids=["tex.fiber"],
    ...                       gap_type="missing", unit="晋江市", status=status, expected_investment_cny_100m=amount,
    ...                       created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 6, 1), **dates)
    >>> signed = [plan("a", "signed_framework", 30, signed_on=dt.date(2024, 3, 1)),
    ...           plan("b", "dropped", 500, signed_on=dt.date(2024, 4, 1)),
    ...           plan("c", "started", None, signed_on=dt.date(2024, 5, 1))]
    >>> kpi = signed_investment(signed, 2024, KpiConfig(annual_target_cny_100m={2024: 120}))
    >>> kpi.amount_cny_100m, kpi.plans, kpi.unknown_amount, kpi.ratio
    (30.0, 2, 1, 0.25)
    """
    config = config or KpiConfig()
    hits = sorted(
        (p for p in plans if is_signed(p) and p.signed_on and p.signed_on.year == year), key=lambda p: p.plan_id
    )
    amount = float(sum(p.expected_investment_cny_100m or 0.0 for p in hits))
    target = config.annual_target_cny_100m.get(year)
    return SignedInvestment(
        year=year,
        amount_cny_100m=amount,
        plans=len(hits),
        unknown_amount=sum(p.expected_investment_cny_100m is None for p in hits),
        target_cny_100m=target,
        ratio=amount / target if target else None,
        plan_ids=[p.plan_id for p in hits],
    )


def start_rate(plans: Iterable[TargetPlan], year: int, config: KpiConfig | None = None) -> StartRate:
    """Started ÷ formally contracted in ``year``, against that year's goal.

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status; those with ``contract_on`` in ``year`` are the denominator
        (dropped ones included), those of them with ``started_on`` the numerator.
    year : int
        The calendar year of the contracts.
    config : KpiConfig, optional
        The start-rate goals; the defaults when not given.

    Returns
    -------
    StartRate
        The counts, the rate (None when nothing was contracted), the goal, whether it is met,
        and the plans not started.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> def plan(pid, status, amount, **dates):
    ...     return TargetPlan(plan_id=pid, company_id=pid, chain_id="tex", segment_ids=["tex.fiber"],
    ...                       gap_type="missing", unit="晋江市", status=status, expected_investment_cny_100m=amount,
    ...                       created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 6, 1), **dates)
    >>> contracted = [plan("a", "started", 5, contract_on=dt.date(2024, 2, 1), started_on=dt.date(2024, 6, 1)),
    ...               plan("b", "dropped", 8, contract_on=dt.date(2024, 3, 1))]
    >>> rate = start_rate(contracted, 2024, KpiConfig(start_rate_goals={2024: 0.4}))
    >>> rate.rate, rate.met, rate.not_started
    (0.5, True, ['b'])
    """
    config = config or KpiConfig()
    contracted = sorted((p for p in plans if p.contract_on and p.contract_on.year == year), key=lambda p: p.plan_id)
    started = [p for p in contracted if p.started_on is not None]
    rate = len(started) / len(contracted) if contracted else None
    goal = config.start_rate_goals.get(year)
    return StartRate(
        year=year,
        contracted=len(contracted),
        started=len(started),
        rate=rate,
        goal=goal,
        met=rate >= goal if rate is not None and goal is not None else None,
        not_started=[p.plan_id for p in contracted if p.started_on is None],
    )
