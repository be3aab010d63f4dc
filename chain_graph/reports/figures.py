"""Figures of a period that the KPI object does not hold, pure over plans, events and snapshots.

The definitions are those of :mod:`chain_graph.analysis.kpis`, read over a period instead of
a month or a year: a signing counts when the plan is signed now (``signed_framework`` or
later, not dropped) and its ``signed_on`` falls in the period; a start when ``started_on``
does; a plan *moved* when a ``move`` event to a later status (without events: a signing,
contract, start or production date) falls in the period, counted once per plan.

>>> import datetime as dt
>>> from chain_graph.models import TargetPlan
>>> p = TargetPlan(plan_id="p1", company_id="c", chain_id="tex", segment_ids=["s"], gap_type="missing",
...                unit="晋江市", status="started", expected_investment_cny_100m=50,
...                signed_on=dt.date(2026, 2, 1), started_on=dt.date(2026, 3, 9),
...                created_at=dt.datetime(2026, 1, 1), updated_at=dt.datetime(2026, 3, 9))
>>> q1 = Period.of("quarterly", 2026, quarter=1)
>>> [(r.unit, r.signings, r.starts, r.moved) for r in unit_ranking_between([p], q1)]
[('晋江市', 1, 1, 1)]
>>> monthly_signed([p], 2026, 3)
[0.0, 50.0, 0.0]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chain_graph.analysis import UnitRank
from chain_graph.analysis.investment import is_signed
from chain_graph.models import PLAN_ORDER, ChainSnapshot, PlanEvent, PlanStatus, TargetPlan
from chain_graph.reports.period import Period

__all__ = [
    "CompletenessChange",
    "completeness_changes",
    "monthly_signed",
    "overdue_at",
    "period_signed",
    "unit_ranking_between",
]

OPEN_END = frozenset({PlanStatus.IN_PRODUCTION, PlanStatus.DROPPED})  # as chain_graph.plans.OPEN_END


def _forward(event: PlanEvent) -> bool:
    if event.action != "move" or event.from_status not in PLAN_ORDER or event.to_status not in PLAN_ORDER:
        return False
    return PLAN_ORDER.index(event.to_status) > PLAN_ORDER.index(event.from_status)


def unit_ranking_between(
    plans: Iterable[TargetPlan], period: Period, *, events: Iterable[PlanEvent] = ()
) -> list[UnitRank]:
    """The responsible units ranked by what they achieved in ``period`` (the order of 逐月亮晒:
    signed investment, starts, signings, moves — all descending — then the unit's name)."""
    plans, events = list(plans), list(events)
    if events:
        moved = {e.plan_id for e in events if _forward(e) and period.contains(e.at.date())}
    else:
        moved = {
            p.plan_id
            for p in plans
            if any(period.contains(d) for d in (p.signed_on, p.contract_on, p.started_on, p.produced_on))
        }
    rows: dict[str, list[float]] = {}  # unit -> [signed, starts, signings, moved]
    for p in plans:
        row = rows.setdefault(p.unit, [0.0, 0, 0, 0])
        if is_signed(p) and period.contains(p.signed_on):
            row[0] += p.expected_investment_cny_100m or 0.0
            row[2] += 1
        row[1] += period.contains(p.started_on)
        row[3] += p.plan_id in moved
    order = sorted(rows.items(), key=lambda kv: (-kv[1][0], -kv[1][1], -kv[1][2], -kv[1][3], kv[0]))
    return [
        UnitRank(rank=i, unit=unit, signed_investment_cny_100m=r[0], starts=int(r[1]), signings=int(r[2]),
                 moved=int(r[3]))
        for i, (unit, r) in enumerate(order, start=1)
    ]  # fmt: skip


def period_signed(plans: Iterable[TargetPlan], period: Period) -> tuple[float, int]:
    """Signed investment (亿元) and signings in the period."""
    hits = [p for p in plans if is_signed(p) and period.contains(p.signed_on)]
    return float(sum(p.expected_investment_cny_100m or 0.0 for p in hits)), len(hits)


def monthly_signed(plans: Iterable[TargetPlan], year: int, through: int) -> list[float]:
    """Signed investment of each month of ``year`` from January to month ``through``."""
    sums = [0.0] * through
    for p in plans:
        if is_signed(p) and p.signed_on and p.signed_on.year == year and p.signed_on.month <= through:
            sums[p.signed_on.month - 1] += p.expected_investment_cny_100m or 0.0
    return sums


def overdue_at(plans: Iterable[TargetPlan], day: dt.date) -> list[TargetPlan]:
    """Open plans whose next action was due before ``day``, most overdue first (their status now)."""
    late = [p for p in plans if p.due_date and p.due_date < day and p.status not in OPEN_END]
    return sorted(late, key=lambda p: (p.due_date or day, p.plan_id))


def overdue_by_unit(plans: Iterable[TargetPlan], day: dt.date) -> Counter[str]:
    return Counter(p.unit for p in overdue_at(plans, day))


@dataclass(frozen=True)
class CompletenessChange:
    """A chain's completeness before the period and at its end, from its recorded snapshots."""

    chain_id: str
    name: str
    before: ChainSnapshot | None  # the last snapshot before the period
    after: ChainSnapshot | None  # the last snapshot up to the period's end

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.completeness - self.before.completeness


def completeness_changes(
    snapshots: Iterable[ChainSnapshot], names: Mapping[str, str], period: Period
) -> list[CompletenessChange]:
    """Per chain in ``names`` (in its order), its completeness before and at the end of ``period``;
    a chain without a snapshot up to the period's end is left out."""
    by_chain: dict[str, list[ChainSnapshot]] = {}
    for s in snapshots:
        by_chain.setdefault(s.chain_id, []).append(s)
    rows = []
    for chain_id, name in names.items():
        found = sorted(by_chain.get(chain_id, []), key=lambda s: s.on)
        before = [s for s in found if s.on < period.start]
        upto = [s for s in found if s.on <= period.end]
        if upto:
            rows.append(CompletenessChange(chain_id, name, before[-1] if before else None, upto[-1]))
    return rows
