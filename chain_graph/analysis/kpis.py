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

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.event_reports import EventResults
from chain_graph.analysis.growth import GrowthKpis, growth_kpis
from chain_graph.analysis.investment import KpiConfig, SignedInvestment, StartRate, signed_investment, start_rate
from chain_graph.analysis.rankings import ListCoverage, UnitRank, latest_active_month, list_coverage, unit_ranking
from chain_graph.models import ExpansionProject, ListingEntry, PlanEvent, TargetPlan

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
    month = month or latest_active_month(plans, events, year)
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
