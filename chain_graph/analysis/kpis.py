"""KPIs of the targeting plans: pure functions over TargetPlan records.

Definitions (amounts in 亿元):

- **signed investment** of a year: Σ ``expected_investment_cny_100m`` of the plans whose
  ``signed_on`` falls in that year and whose status is now ``signed_framework`` or later (not
  ``dropped``): the current view, so a signing later dropped stops counting. Plans without an
  amount count in ``plans`` and in ``unknown_amount``, not in the sum.
- **start rate** of a year: of the plans whose formal contract (``contract_on``) falls in that
  year, the share with ``started_on`` set. Dropped plans stay in the denominator: dropping a
  contracted project does not improve the rate.
- **unit ranking** of a month (逐月亮晒), per responsible unit: ``moved`` = plans moved forward
  that month (with events: a ``move`` event to a later status in PLAN_ORDER; without events: a
  signing, contract, start or production date in the month), ``signings`` and ``signed_investment``
  (signed as above, ``signed_on`` in the month), ``starts`` (``started_on`` in the month). Ranked
  by signed investment, then starts, then signings, then moves (all descending), then unit name;
  ranks are 1..n with no ties. Every unit that has a plan is listed, idle ones last.
- **list coverage**, per ranking list: ``members``; ``targeted`` = members with any plan (dropped
  included); ``in_talks`` = members whose most advanced active plan is ``visited`` or ``negotiating``;
  ``signed`` = members with an active plan at ``signed_framework`` or later.

Example
-------
>>> import datetime as dt
>>> p = TargetPlan(plan_id="p1", company_id="c", chain_id="tex", segment_ids=["s"], gap_type="missing",
...                unit="晋江市", status="signed_contract", expected_investment_cny_100m=50,
...                signed_on=dt.date(2023, 3, 1), contract_on=dt.date(2023, 5, 1),
...                created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 5, 1))
>>> signed_investment([p], 2023).ratio
0.005
>>> start_rate([p], 2023).rate
0.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chain_graph.analysis.events import EventResults
from chain_graph.analysis.growth import GrowthKpis, growth_kpis
from chain_graph.errors import InvalidInput
from chain_graph.models import (
    PLAN_ORDER,
    RANKING_LISTS,
    ExpansionProject,
    ListingEntry,
    PlanEvent,
    PlanStatus,
    RankingListId,
    TargetPlan,
)

__all__ = [
    "KpiConfig",
    "Kpis",
    "ListCoverage",
    "SignedInvestment",
    "StartRate",
    "UnitRank",
    "kpis",
    "list_coverage",
    "signed_investment",
    "start_rate",
    "unit_ranking",
]

SIGNED = frozenset(PLAN_ORDER[PLAN_ORDER.index(PlanStatus.SIGNED_FRAMEWORK) :])
IN_TALKS = frozenset({PlanStatus.VISITED, PlanStatus.NEGOTIATING})
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


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


class UnitRank(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    unit: str
    moved: int
    signings: int
    signed_investment_cny_100m: float
    starts: int


class ListCoverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    list_id: str
    name: str
    members: int
    targeted: int
    in_talks: int
    signed: int


class Kpis(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    month: str | None
    signed_investment: SignedInvestment
    start_rates: list[StartRate]
    unit_ranking: list[UnitRank]
    list_coverage: list[ListCoverage]
    growth: GrowthKpis  # local firms' expansion projects and listing pipeline (analysis.growth)
    events: EventResults | None = None  # the promotion events held in the year (chain_graph.analysis.events)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


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


def parse_month(month: str) -> tuple[int, int]:
    """``"2023-04"`` → ``(2023, 4)``, or InvalidInput."""
    found = _MONTH.match(month or "")
    if not found:
        raise InvalidInput(f"month must read YYYY-MM, got {month!r}", field="month")
    return int(found[1]), int(found[2])


def _in(day: dt.date | None, ym: tuple[int, int]) -> bool:
    return day is not None and (day.year, day.month) == ym


def _moved_forward(event: PlanEvent) -> bool:
    if event.action != "move" or event.from_status not in PLAN_ORDER or event.to_status not in PLAN_ORDER:
        return False
    return PLAN_ORDER.index(event.to_status) > PLAN_ORDER.index(event.from_status)


def unit_ranking(plans: Iterable[TargetPlan], month: str, *, events: Iterable[PlanEvent] = ()) -> list[UnitRank]:
    """逐月亮晒: responsible units ranked by what they achieved in ``month`` (YYYY-MM).

    Events of plans not in ``plans`` are ignored, so a caller may rank a subset of plans.

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status; each plan's ``unit`` is ranked.
    month : str
        The month, ``YYYY-MM``.
    events : iterable of PlanEvent, optional
        The plans' events: with them, a plan moved in the month when a ``move`` event of that
        month goes to a later status; without, when one of its dates falls in the month.

    Returns
    -------
    list of UnitRank
        Every unit with a plan, ranks 1..n without ties: most signed investment first, then
        starts, signings, moves, then unit name.

    Raises
    ------
    InvalidInput
        ``month`` does not read ``YYYY-MM`` (field ``month``).

    Examples
    --------
    >>> import datetime as dt
    >>> def plan(pid, unit, status, amount, **dates):
    ...     return TargetPlan(plan_id=pid, company_id=pid, chain_id="tex", segment_ids=["tex.fiber"],
    ...                       gap_type="missing", unit=unit, status=status, expected_investment_cny_100m=amount,
    ...                       created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 6, 1), **dates)
    >>> plans = [plan("a", "晋江市", "signed_framework", 20, signed_on=dt.date(2024, 4, 8)),
    ...          plan("b", "石狮市", "started", 5, contract_on=dt.date(2024, 1, 9), started_on=dt.date(2024, 4, 2)),
    ...          plan("c", "南安市", "visited", None)]
    >>> [(r.rank, r.unit, r.signed_investment_cny_100m, r.starts, r.moved) for r in unit_ranking(plans, "2024-04")]
    [(1, '晋江市', 20.0, 0, 1), (2, '石狮市', 0.0, 1, 1), (3, '南安市', 0.0, 0, 0)]
    >>> unit_ranking(plans, "2024-4")
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: month must read YYYY-MM, got '2024-4'
    """
    ym = parse_month(month)
    plans = list(plans)
    events = list(events)
    if events:
        moved_ids = {e.plan_id for e in events if _moved_forward(e) and (e.at.year, e.at.month) == ym}
    else:
        moved_ids = {
            p.plan_id
            for p in plans
            if any(_in(d, ym) for d in (p.signed_on, p.contract_on, p.started_on, p.produced_on))
        }
    rows: dict[str, dict[str, Any]] = {}
    for p in plans:
        row = rows.setdefault(p.unit, {"unit": p.unit, "moved": 0, "signings": 0, "signed": 0.0, "starts": 0})
        row["moved"] += p.plan_id in moved_ids
        if is_signed(p) and _in(p.signed_on, ym):
            row["signings"] += 1
            row["signed"] += p.expected_investment_cny_100m or 0.0
        row["starts"] += _in(p.started_on, ym)
    order = sorted(rows.values(), key=lambda r: (-r["signed"], -r["starts"], -r["signings"], -r["moved"], r["unit"]))
    return [
        UnitRank(
            rank=i,
            unit=r["unit"],
            moved=r["moved"],
            signings=r["signings"],
            signed_investment_cny_100m=r["signed"],
            starts=r["starts"],
        )
        for i, r in enumerate(order, start=1)
    ]


def list_coverage(
    plans: Iterable[TargetPlan],
    members: Mapping[str, Iterable[str]],
    *,
    chain_id: str | None = None,
) -> list[ListCoverage]:
    """Coverage of each ranking list by the plans (of ``chain_id`` only, when given).

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status.
    members : mapping of str to iterable of str
        Ranking-list id → the ids of its member companies; only the lists named here are
        reported, in the order of ``RANKING_LISTS``.
    chain_id : str, optional
        Count only the plans of this chain.

    Returns
    -------
    list of ListCoverage
        Per list: members, members targeted by any plan (dropped included), members whose most
        advanced active plan is in talks, and members with an active signed plan.

    Raises
    ------
    InvalidInput
        A key of ``members`` is not a ranking-list id (field ``members``).

    Examples
    --------
    >>> import datetime as dt
    >>> def plan(pid, unit, status, amount, **dates):
    ...     return TargetPlan(plan_id=pid, company_id=pid, chain_id="tex", segment_ids=["tex.fiber"],
    ...                       gap_type="missing", unit=unit, status=status, expected_investment_cny_100m=amount,
    ...                       created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 6, 1), **dates)
    >>> plans = [plan("a", "晋江市", "negotiating", None), plan("b", "晋江市", "signed_contract", 10),
    ...          plan("c", "晋江市", "dropped", None)]
    >>> [cov] = list_coverage(plans, {"china-500": ["a", "b", "c", "d"]})
    >>> cov.name, cov.members, cov.targeted, cov.in_talks, cov.signed
    ('中国企业500强', 4, 3, 1, 1)
    >>> list_coverage(plans, {"top-10": ["a"]})
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: unknown ranking list id(s): top-10
    """
    unknown = sorted(set(members) - {str(v) for v in RankingListId})
    if unknown:
        raise InvalidInput(f"unknown ranking list id(s): {', '.join(unknown)}", field="members")
    by_company: dict[str, list[TargetPlan]] = {}
    for p in plans:
        if chain_id is None or p.chain_id == chain_id:
            by_company.setdefault(p.company_id, []).append(p)
    rows = []
    for list_id, meta in RANKING_LISTS.items():
        if list_id not in members:
            continue
        ids = set(members[list_id])
        best = {c: _best_active(by_company.get(c, [])) for c in ids}
        rows.append(
            ListCoverage(
                list_id=str(list_id),
                name=meta.name,
                members=len(ids),
                targeted=sum(c in by_company for c in ids),
                in_talks=sum(b in IN_TALKS for b in best.values()),
                signed=sum(b in SIGNED for b in best.values()),
            )
        )
    return rows


def _best_active(plans: list[TargetPlan]) -> PlanStatus | None:
    active = [p.status for p in plans if p.status is not PlanStatus.DROPPED]
    return max(active, key=PLAN_ORDER.index) if active else None


def _latest_active_month(plans: list[TargetPlan], events: list[PlanEvent], year: int) -> str | None:
    days = [d for p in plans for d in (p.signed_on, p.contract_on, p.started_on, p.produced_on) if d]
    days += [e.at.date() for e in events if _moved_forward(e)]
    months = sorted((d.year, d.month) for d in days if d.year == year)
    return f"{months[-1][0]}-{months[-1][1]:02d}" if months else None


def kpis(
    plans: Iterable[TargetPlan],
    *,
    year: int,
    config: KpiConfig | None = None,
    members: Mapping[str, Iterable[str]],
    events: Iterable[PlanEvent] = (),
    month: str | None = None,
    expansions: Iterable[ExpansionProject] = (),
    listings: Iterable[ListingEntry] = (),
) -> Kpis:
    """Every KPI in one JSON-ready object: the plans' and, under ``growth``, the expansion projects'
    and the listing pipeline's of ``year`` (:func:`~chain_graph.analysis.growth.growth_kpis`).

    Start rates are given for ``year`` and every year with a goal; the unit ranking is for
    ``month``, by default the latest month of ``year`` with any activity (none: empty ranking).

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status.
    year : int
        The calendar year of the signed investment, the growth KPIs and the default month.
    config : KpiConfig, optional
        The annual targets and start-rate goals; the defaults when not given.
    members : mapping of str to iterable of str
        Ranking-list id → member company ids (:func:`list_coverage`).
    events : iterable of PlanEvent, optional
        The plans' events (:func:`unit_ranking`).
    month : str, optional
        The month of the unit ranking, ``YYYY-MM``.
    expansions : iterable of ExpansionProject, optional
        Local firms' expansion projects (:func:`~chain_graph.analysis.growth.growth_kpis`).
    listings : iterable of ListingEntry, optional
        The listing pipeline.

    Returns
    -------
    Kpis
        Signed investment, start rates, unit ranking, list coverage and growth, JSON-ready
        through ``to_dict``; ``events`` is left None (the caller adds the promotion events).

    Raises
    ------
    InvalidInput
        ``month`` does not read ``YYYY-MM``, or ``members`` names an unknown ranking list.

    Examples
    --------
    >>> import datetime as dt
    >>> def plan(pid, unit, status, amount, **dates):
    ...     return TargetPlan(plan_id=pid, company_id=pid, chain_id="tex", segment_ids=["tex.fiber"],
    ...                       gap_type="missing", unit=unit, status=status, expected_investment_cny_100m=amount,
    ...                       created_at=dt.datetime(2023, 1, 1), updated_at=dt.datetime(2023, 6, 1), **dates)
    >>> plans = [plan("a", "晋江市", "signed_contract", 30, signed_on=dt.date(2024, 2, 1),
    ...               contract_on=dt.date(2024, 5, 6)),
    ...          plan("b", "石狮市", "started", 12, signed_on=dt.date(2023, 11, 1), started_on=dt.date(2024, 3, 1))]
    >>> k = kpis(plans, year=2024, members={"china-500": ["a"]},
    ...          config=KpiConfig(annual_target_cny_100m={2024: 60}, start_rate_goals={}))
    >>> k.month, k.signed_investment.ratio, [(r.rank, r.unit) for r in k.unit_ranking]
    ('2024-05', 0.5, [(1, '晋江市'), (2, '石狮市')])
    >>> [(r.year, r.contracted, r.rate) for r in k.start_rates], k.list_coverage[0].signed
    ([(2024, 1, 0.0)], 1)
    """
    config = config or KpiConfig()
    plans, events = list(plans), list(events)
    month = month or _latest_active_month(plans, events, year)
    years = sorted({year, *config.start_rate_goals})
    return Kpis(
        year=year,
        month=month,
        signed_investment=signed_investment(plans, year, config),
        start_rates=[start_rate(plans, y, config) for y in years],
        unit_ranking=unit_ranking(plans, month, events=events) if month else [],
        list_coverage=list_coverage(plans, members),
        growth=growth_kpis(expansions, listings, year=year),
    )
