"""What promotion events achieved: pure functions over their invitations and the plans signed there.

**Results.** Of an event's invitations: ``invited`` (every invitation, declined ones included),
``confirmed`` (confirmed or further), ``attended`` (attended or signed there), ``signed`` (signed at
the event), ``declined``; the signed amount (Σ the amounts recorded at signing, 亿元); and the
**start rate** of what was signed there: of the plans those signings made or moved, the share that
reached construction start (``started_on`` set) — None while nothing was signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.models import Invitation, InvitationStatus, PromotionEvent, TargetPlan

__all__ = [
    "EventReport",
    "EventResults",
    "event_report",
    "event_results",
]

_CONFIRMED = frozenset({InvitationStatus.CONFIRMED, InvitationStatus.ATTENDED, InvitationStatus.SIGNED_AT_EVENT})
_ATTENDED = frozenset({InvitationStatus.ATTENDED, InvitationStatus.SIGNED_AT_EVENT})


class EventReport(BaseModel):
    """What one event achieved (see the module docstring)."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    name: str
    event_kind: str
    held_on: dt.date
    host_unit: str
    invited: int
    confirmed: int
    attended: int
    signed: int
    declined: int
    signed_amount_cny_100m: float
    signed_unknown_amount: int  # signings without an amount (counted, not summed)
    signed_plans: list[str]
    started: int
    start_rate: float | None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class EventResults(BaseModel):
    """The events held between two days (inclusive), each with its report, and their totals."""

    model_config = ConfigDict(frozen=True)

    start: dt.date
    end: dt.date
    events: int
    invited: int
    attended: int
    signed: int
    signed_amount_cny_100m: float
    started: int
    start_rate: float | None
    reports: list[EventReport]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def event_report(
    event: PromotionEvent, invitations: Iterable[Invitation], plans: Mapping[str, TargetPlan]
) -> EventReport:
    """One event's report from its invitations and the plans (by id) its signings made or moved.

    Parameters
    ----------
    event : PromotionEvent
        The event.
    invitations : iterable of Invitation
        The event's invitations, any status.
    plans : mapping of str to TargetPlan
        Plan id → plan, for the plans its signings made or moved (others may be there too); a
        signing whose plan is missing counts as signed but not in the start rate.

    Returns
    -------
    EventReport
        The invitation counts, the signed amount (亿元) and the signings without one, the plans
        signed there, how many of them started and the start rate (None without any).

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> e = PromotionEvent(event_id="e1", name="粤港澳专场", event_kind="promotion", held_on=dt.date(2026, 5, 8),
    ...                    host_unit="市商务局")
    >>> at = dt.datetime(2026, 5, 8)
    >>> inv = [Invitation(event_id="e1", company_id=c, status=s, actor="a", created_at=at, updated_at=at,
    ...                   signed_amount_cny_100m=a) for c, s, a in
    ...        [("c1", "signed_at_event", 12.5), ("c2", "attended", None), ("c3", "declined", None)]]
    >>> r = event_report(e, inv, {})
    >>> (r.invited, r.attended, r.signed, r.declined, r.signed_amount_cny_100m, r.start_rate)
    (3, 2, 1, 1, 12.5, None)
    """
    rows = list(invitations)
    signed = [i for i in rows if i.status is InvitationStatus.SIGNED_AT_EVENT]
    plan_ids = sorted({i.plan_id for i in signed if i.plan_id})
    known = [plans[p] for p in plan_ids if p in plans]
    started = sum(p.started_on is not None for p in known)
    return EventReport(
        event_id=event.event_id,
        name=event.name,
        event_kind=event.event_kind.value,
        held_on=event.held_on,
        host_unit=event.host_unit,
        invited=len(rows),
        confirmed=sum(i.status in _CONFIRMED for i in rows),
        attended=sum(i.status in _ATTENDED for i in rows),
        signed=len(signed),
        declined=sum(i.status is InvitationStatus.DECLINED for i in rows),
        signed_amount_cny_100m=float(sum(i.signed_amount_cny_100m or 0.0 for i in signed)),
        signed_unknown_amount=sum(i.signed_amount_cny_100m is None for i in signed),
        signed_plans=plan_ids,
        started=started,
        start_rate=started / len(known) if known else None,
    )


def event_results(
    events: Iterable[PromotionEvent],
    invitations: Iterable[Invitation],
    plans: Mapping[str, TargetPlan],
    *,
    start: dt.date,
    end: dt.date,
) -> EventResults:
    """Reports of the events held from ``start`` to ``end`` (inclusive), by day then id, with totals.

    Parameters
    ----------
    events : iterable of PromotionEvent
        Events held on any day; those outside ``start`` .. ``end`` are left out.
    invitations : iterable of Invitation
        Invitations of any event (each goes to its event's report).
    plans : mapping of str to TargetPlan
        Plan id → plan, for the plans the signings made or moved (:func:`event_report`).
    start : datetime.date
        The first day.
    end : datetime.date
        The last day, included.

    Returns
    -------
    EventResults
        Each event's report and the totals; the start rate counts each signed plan once, even
        when signings at two events moved it.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> def event(eid, day):
    ...     return PromotionEvent(event_id=eid, name="专场（示例）", event_kind="promotion", held_on=day,
    ...                           host_unit="市商务局")
    >>> at = dt.datetime(2026, 5, 8)
    >>> def invitation(eid, cid, status, amount=None, plan_id=None):
    ...     return Invitation(event_id=eid, company_id=cid, status=status, actor="a", created_at=at, updated_at=at,
    ...                       signed_amount_cny_100m=amount, plan_id=plan_id)
    >>> plan = TargetPlan(plan_id="p1", company_id="c1", chain_id="tex", segment_ids=["tex.fiber"], gap_type="missing",
    ...                   unit="晋江市", status="started", created_at=at, updated_at=at, started_on=dt.date(2026, 9, 1))
    >>> events = [event("e2", dt.date(2026, 6, 1)), event("e1", dt.date(2026, 5, 8)), event("e0", dt.date(2025, 12, 1))]
    >>> inv = [invitation("e1", "c1", "signed_at_event", 10, "p1"), invitation("e2", "c2", "signed_at_event", 4),
    ...        invitation("e2", "c3", "invited"), invitation("e0", "c4", "attended")]
    >>> res = event_results(events, inv, {"p1": plan}, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    >>> [r.event_id for r in res.reports], res.invited, res.signed, res.signed_amount_cny_100m, res.start_rate
    (['e1', 'e2'], 3, 2, 14.0, 1.0)
    """
    held = sorted((e for e in events if start <= e.held_on <= end), key=lambda e: (e.held_on, e.event_id))
    by_event: dict[str, list[Invitation]] = {}
    for i in invitations:
        by_event.setdefault(i.event_id, []).append(i)
    reports = [event_report(e, by_event.get(e.event_id, []), plans) for e in held]
    signed_plans = {p for r in reports for p in r.signed_plans if p in plans}
    started = sum(plans[p].started_on is not None for p in signed_plans)
    return EventResults(
        start=start,
        end=end,
        events=len(reports),
        invited=sum(r.invited for r in reports),
        attended=sum(r.attended for r in reports),
        signed=sum(r.signed for r in reports),
        signed_amount_cny_100m=float(sum(r.signed_amount_cny_100m for r in reports)),
        started=started,
        start_rate=started / len(signed_plans) if signed_plans else None,
        reports=reports,
    )
