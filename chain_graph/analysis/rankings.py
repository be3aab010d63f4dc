"""The rankings among the plans' KPIs: responsible units by month (逐月亮晒) and the ranking lists' coverage.

The definitions are those of :mod:`chain_graph.analysis.kpis`: a unit's month counts its plans
moved forward, its signings and their investment, and its starts; a ranking list's coverage counts
its members targeted, in talks and signed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.investment import SIGNED, is_signed
from chain_graph.errors import InvalidInput
from chain_graph.models import PLAN_ORDER, RANKING_LISTS, PlanEvent, PlanStatus, RankingListId, TargetPlan

__all__ = [
    "ListCoverage",
    "UnitRank",
    "list_coverage",
    "unit_ranking",
]

IN_TALKS = frozenset({PlanStatus.VISITED, PlanStatus.NEGOTIATING})
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


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


def latest_active_month(plans: list[TargetPlan], events: list[PlanEvent], year: int) -> str | None:
    """The default month of the unit ranking: the latest of ``year`` with a signing, contract, start,
    production or forward move (None: no activity that year)."""
    days = [d for p in plans for d in (p.signed_on, p.contract_on, p.started_on, p.produced_on) if d]
    days += [e.at.date() for e in events if _moved_forward(e)]
    months = sorted((d.year, d.month) for d in days if d.year == year)
    return f"{months[-1][0]}-{months[-1][1]:02d}" if months else None
