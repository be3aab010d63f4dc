"""An event's target list and its results: pure functions over candidates, invitations and plans.

**Target list.** The candidates of every chain's gaps (:func:`~chain_graph.analysis.rank_candidates`,
one list per chain) are kept when their headquarters fall in the event's focus
(:class:`~chain_graph.focus.Focus`), merged per company across chains — the target's
score is its best candidate score, and it names every gap it would fill, best first — and ranked
by score, then company id. A planner's hand wins over the computation: a firm ``removed`` from an
event's list stays out (listed apart), a firm ``added`` stays in, with its gaps if it has any.

**Results.** Of an event's invitations: ``invited`` (every invitation, declined ones included),
``confirmed`` (confirmed or further), ``attended`` (attended or signed there), ``signed`` (signed at
the event), ``declined``; the signed amount (Σ the amounts recorded at signing, 亿元); and the
**start rate** of what was signed there: of the plans those signings made or moved, the share that
reached construction start (``started_on`` set) — None while nothing was signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.candidates import Candidate
from chain_graph.analysis.scoring import ListEntry
from chain_graph.focus import Focus, RegionTree
from chain_graph.models import (
    Company,
    EventTarget,
    Invitation,
    InvitationStatus,
    PromotionEvent,
    TargetPlan,
)
from chain_graph.provenance import is_illustrative

__all__ = [
    "EventReport",
    "EventResults",
    "Target",
    "TargetGap",
    "TargetList",
    "build_targets",
    "event_report",
    "event_results",
]

_CONFIRMED = frozenset({InvitationStatus.CONFIRMED, InvitationStatus.ATTENDED, InvitationStatus.SIGNED_AT_EVENT})
_ATTENDED = frozenset({InvitationStatus.ATTENDED, InvitationStatus.SIGNED_AT_EVENT})


class TargetGap(BaseModel):
    """A gap a target would fill: the chain, the segment, its status, the candidate's score there."""

    model_config = ConfigDict(frozen=True)

    chain_id: str
    segment_id: str
    segment_name: str
    status: str
    score: float


class Target(BaseModel):
    """One firm of an event's target list."""

    model_config = ConfigDict(frozen=True)

    rank: int
    company_id: str
    name: str
    short_name: str | None = None
    illustrative: bool = False
    region: str | None = None
    region_name: str | None = None
    country: str | None = None
    overseas_chinese: bool = False
    score: float | None  # the best candidate score; None for a firm added by hand that fills no gap
    gaps: list[TargetGap]
    lists: list[ListEntry] = []
    focus_match: list[str] = []  # the focus items it matches
    added_by_hand: bool = False
    invitation: str | None = None  # its invitation's status, if invited
    plan_id: str | None = None  # the plan its signing made or moved


class TargetList(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    chains: list[str]
    focus: list[str]
    data: list[Target]
    count: int
    removed: list[str]  # firms taken off by hand (kept off across recomputation)
    notes: list[str] = []

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _overseas(c: Candidate) -> bool:
    part = c.parts.get("overseas_chinese")
    return bool(part and part.value > 0)


def _matches(c: Candidate, focus: Focus, tree: RegionTree) -> list[str] | None:
    places = focus.place_match(tree, c.region, c.country, overseas_chinese=_overseas(c))
    lists = focus.list_match(e.list_id for e in c.lists)
    return None if places is None or lists is None else places + lists


def build_targets(
    event: PromotionEvent,
    focus: Focus,
    tree: RegionTree,
    candidates: Iterable[Candidate],
    *,
    chains: Sequence[str],
    overrides: Iterable[EventTarget] = (),
    added: Mapping[str, Company] = {},
    invitations: Iterable[Invitation] = (),
    region_names: Mapping[str, str] = {},
    notes: Sequence[str] = (),
) -> TargetList:
    """The event's target list (see the module docstring); ``added`` holds the firms added by hand.

    Parameters
    ----------
    event : PromotionEvent
        The event.
    focus : Focus
        The event's focus (:func:`~chain_graph.focus.parse_focus`): the candidates' places and
        lists it keeps.
    tree : RegionTree
        Each region's parent, to place a firm's headquarters.
    candidates : iterable of Candidate
        The candidates of the chains' gaps (:func:`~chain_graph.analysis.rank_candidates`), a
        company possibly in several.
    chains : sequence of str
        The chains searched (reported as given).
    overrides : iterable of EventTarget, optional
        A planner's hand: firms ``added`` to the list or ``removed`` from it.
    added : mapping of str to Company, optional
        The companies added by hand that are no candidate (one missing here is left out).
    invitations : iterable of Invitation, optional
        The event's invitations: each target shows its status and plan.
    region_names : mapping of str to str, optional
        Region id → name, for the firms added by hand.
    notes : sequence of str, optional
        Notes passed through to the list.

    Returns
    -------
    TargetList
        The targets ranked 1..n (by best score, descending, then company id; firms added by
        hand without a gap last), with the firms removed by hand.

    Raises
    ------
    Nothing: a firm outside the focus or removed is left out, not refused.

    Examples
    --------
    >>> import datetime as dt
    >>> from chain_graph.focus import parse_focus
    >>> event = PromotionEvent(event_id="e1", name="湾区专场（示例）", event_kind="promotion",
    ...                        held_on=dt.date(2026, 5, 8), host_unit="市商务局")
    >>> tree = RegionTree({"440300": "440000", "440000": None, "310000": None})
    >>> def cand(cid, region, segment, score):
    ...     return Candidate(company_id=cid, name=f"{cid}公司（示例）", short_name=None, country="CN", region=region,
    ...                      region_name=None, segment_id=segment, segment_name=segment, chain_id="tex",
    ...                      status="missing", score=score, parts={}, lists=[], ties=[], plan=None)
    >>> cands = [cand("a", "440300", "tex.fiber", 60), cand("a", "440300", "tex.dye", 40),
    ...          cand("b", "310000", "tex.fiber", 80), cand("c", "440000", "tex.fiber", 50)]
    >>> at = dt.datetime(2026, 4, 1)
    >>> hand = [EventTarget(event_id="e1", company_id="c", action="removed", actor="a", at=at),
    ...         EventTarget(event_id="e1", company_id="d", action="added", actor="a", at=at)]
    >>> targets = build_targets(event, parse_focus(["粤港澳大湾区"]), tree, cands, chains=["tex"], overrides=hand,
    ...                         added={"d": Company(company_id="d", name="丁公司（示例）", region="440000")})
    >>> [(t.rank, t.company_id, t.score, [g.segment_id for g in t.gaps], t.added_by_hand) for t in targets.data]
    [(1, 'a', 60.0, ['tex.fiber', 'tex.dye'], False), (2, 'd', None, [], True)]
    >>> targets.removed, targets.data[1].focus_match
    (['c'], ['gba'])
    """
    removed = {o.company_id for o in overrides if o.action == "removed"}
    by_hand = [o.company_id for o in overrides if o.action == "added"]
    merged: dict[str, list[Candidate]] = {}
    matched: dict[str, list[str]] = {}
    for c in candidates:
        hit = _matches(c, focus, tree)
        if (hit is not None or c.company_id in by_hand) and c.company_id not in removed:
            merged.setdefault(c.company_id, []).append(c)
            matched[c.company_id] = hit or []
    invited = {i.company_id: i for i in invitations}
    rows = [_target(cs, matched[cid], cid in by_hand, invited.get(cid)) for cid, cs in merged.items()]
    for cid in by_hand:
        if cid not in merged and cid not in removed and cid in added:
            rows.append(_hand_target(added[cid], focus, tree, region_names, invited.get(cid)))
    rows.sort(key=lambda t: (t.score is None, -(t.score or 0.0), t.company_id))
    ranked = [t.model_copy(update={"rank": i}) for i, t in enumerate(rows, start=1)]
    return TargetList(
        event_id=event.event_id,
        chains=list(chains),
        focus=list(focus.items),
        data=ranked,
        count=len(ranked),
        removed=sorted(removed),
        notes=list(notes),
    )


def _target(cands: list[Candidate], matched: list[str], by_hand: bool, invitation: Invitation | None) -> Target:
    cands = sorted(cands, key=lambda c: (-c.score, c.chain_id, c.segment_id))
    best = cands[0]
    seen: set[tuple[str, str]] = set()
    gaps = []
    for c in cands:
        if (c.chain_id, c.segment_id) not in seen:
            seen.add((c.chain_id, c.segment_id))
            gaps.append(TargetGap(chain_id=c.chain_id, segment_id=c.segment_id, segment_name=c.segment_name,
                                  status=c.status.value, score=c.score))  # fmt: skip
    return Target(
        rank=0,
        company_id=best.company_id,
        name=best.name,
        short_name=best.short_name,
        illustrative=best.illustrative,
        region=best.region,
        region_name=best.region_name,
        country=best.country,
        overseas_chinese=_overseas(best),
        score=best.score,
        gaps=gaps,
        lists=best.lists,
        focus_match=matched,
        added_by_hand=by_hand,
        invitation=invitation.status.value if invitation else None,
        plan_id=invitation.plan_id if invitation else None,
    )


def _hand_target(
    company: Company, focus: Focus, tree: RegionTree, names: Mapping[str, str], invitation: Invitation | None
) -> Target:
    places = focus.place_match(tree, company.region, company.country, overseas_chinese=company.overseas_chinese)
    return Target(
        rank=0,
        company_id=company.company_id,
        name=company.name,
        short_name=company.short_name,
        illustrative=is_illustrative(company.name, source=company.source),
        region=company.region,
        region_name=names.get(company.region) if company.region else None,
        country=company.country,
        overseas_chinese=company.overseas_chinese,
        score=None,
        gaps=[],
        focus_match=places or [],
        added_by_hand=True,
        invitation=invitation.status.value if invitation else None,
        plan_id=invitation.plan_id if invitation else None,
    )


# -- results -------------------------------------------------------------------------------------


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
