"""Promotion events as the API, the CLI and the reports serve them: target lists, signings, results.

- :func:`event_targets`: the event's target list — every chain's candidates (the cached
  :func:`chain_graph.services.gap_reports.candidates`) in the event's focus, merged per company,
  with the planners' hand changes (:func:`chain_graph.analysis.events.build_targets`);
- :func:`sign_at_event`: an attended invitation signed at the event, written in one batch with the
  one-to-one plan it creates (from the target's best gap) or moves to ``signed_framework`` (the
  company's open plan), the event named in the plan's history;
- :func:`event_report` / :func:`event_results`: what one event, or the events between two days,
  achieved — :func:`event_results` is the one function monthly and quarterly reports call.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from chain_graph import events as domain
from chain_graph import plans as plan_rules
from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.events import EventReport, EventResults, TargetList, build_targets
from chain_graph.analysis.events import event_report as _report
from chain_graph.analysis.events import event_results as _results
from chain_graph.cache import RevisionCache
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.focus import RegionTree, parse_focus
from chain_graph.models import (
    PLAN_ORDER,
    Chain,
    Company,
    Invitation,
    InvitationStatus,
    Kind,
    PlanEvent,
    PlanStatus,
    PromotionEvent,
    Region,
    TargetPlan,
)
from chain_graph.services import gap_reports
from chain_graph.services.plans import prefill_from_candidate
from chain_graph.store.base import Batch, Store

__all__ = ["event_report", "event_results", "event_targets", "public_event", "region_tree", "sign_at_event"]


def public_event(event: PromotionEvent) -> dict[str, Any]:
    """The event's fields and the labels of its focus items."""
    focus = parse_focus(event.focus)
    return {**event.model_dump(mode="json"), "focus_labels": focus.labels}


def region_tree(store: Store, cache: RevisionCache, revs: gap_reports.Revisions | None = None) -> RegionTree:
    """Every region's parent (regions move the epoch when they change)."""
    revs = revs or gap_reports.revisions(store)

    def compute() -> RegionTree:
        regions = [r for r in store.list(Kind.REGION).items if isinstance(r, Region)]
        return RegionTree({r.region_id: r.parent_id for r in regions})

    return cache.get_or_compute(("region-tree",), revs["epoch"], compute)


def event_targets(
    store: Store, cache: RevisionCache, config: AnalysisConfig, event_id: str, revs: gap_reports.Revisions | None = None
) -> TargetList:
    """The event's target list, best first (see :mod:`chain_graph.analysis.events`)."""
    revs = gap_reports.revisions(store) if revs is None else revs
    event = domain.get_event(store, event_id)
    tree = region_tree(store, cache, revs)
    focus = parse_focus(event.focus, tree)
    all_chains = [c for c in store.list(Kind.CHAIN).items if isinstance(c, Chain)]
    chains = focus.chains(all_chains, event.chain_ids)
    notes = [f"方向「{focus.labels[f'direction:{d}']}」尚无对应产业链 / no chain of direction {d} yet"
             for d in focus.directions if not parse_focus([f"direction:{d}"]).chains(all_chains)]  # fmt: skip
    candidates = [c for chain_id in chains for c in gap_reports.candidates(store, cache, config, chain_id, revs=revs)]
    overrides = domain.target_overrides(store, event_id)
    by_hand = [(o.company_id,) for o in overrides if o.action == "added"]
    added = {k[0]: c for k, c in store.lookup_many(Kind.COMPANY, by_hand).items() if isinstance(c, Company)}
    names = gap_reports.scope(store, cache, config, revs).region_names
    return build_targets(
        event, focus, tree, candidates, chains=chains, overrides=overrides, added=added,
        invitations=domain.invitations_of(store, event_id), region_names=names, notes=notes,
    )  # fmt: skip


def _open_plan(store: Store, company_id: str) -> TargetPlan | None:
    """The company's most advanced plan that is neither dropped nor in production (None: none)."""
    found = [
        p for p in store.list(Kind.TARGET_PLAN, where={"company_id": company_id}).items if isinstance(p, TargetPlan)
    ]
    open_ = [p for p in found if p.status not in (PlanStatus.DROPPED, PlanStatus.IN_PRODUCTION)]
    return max(open_, key=lambda p: (PLAN_ORDER.index(p.status), p.updated_at)) if open_ else None


def _gap_of(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    event_id: str,
    company_id: str,
    revs: gap_reports.Revisions | None = None,
) -> tuple[str, str] | None:
    targets = event_targets(store, cache, config, event_id, revs)
    hit = next((t for t in targets.data if t.company_id == company_id), None)
    return (hit.gaps[0].chain_id, hit.gaps[0].segment_id) if hit and hit.gaps else None


def sign_at_event(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    event_id: str,
    company_id: str,
    *,
    version: int,
    actor: str,
    amount_cny_100m: float | None = None,
    unit: str | None = None,
    chain_id: str | None = None,
    segment_id: str | None = None,
    note: str | None = None,
    on: dt.date | None = None,
    revs: gap_reports.Revisions | None = None,
) -> tuple[Invitation, TargetPlan]:
    """Record a signing at the event: the invitation (attended, at ``version``) becomes
    ``signed_at_event`` and names the plan it creates or moves — all in one batch.

    The company's open plan, if any, moves to ``signed_framework`` (one already signed or further
    stays where it is); otherwise a plan is created from the target's best gap (or ``chain_id`` +
    ``segment_id``) with the candidate prefill, ``unit`` (default: the event's host unit), the amount
    as its expected investment, signed on the event's day (or ``on``)."""
    event = domain.get_event(store, event_id)
    invitation = domain.get_invitation(store, event_id, company_id)
    # a stale version or an illegal move is refused before any plan is looked at
    domain.moved_invitation(invitation, InvitationStatus.SIGNED_AT_EVENT, version=version, actor=actor)
    day = on or event.held_on
    said = f"签约于招商活动「{event.name}」({event.event_id})" + (f"：{note}" if note else "")
    plan = _open_plan(store, company_id)
    expect: dict[tuple[Kind, tuple[Any, ...]], int] = {(Kind.INVITATION, (event_id, company_id)): invitation.version}
    records: list[Any]
    if plan is not None:
        expect[(Kind.TARGET_PLAN, (plan.plan_id,))] = plan.version
        records, plan = _advance(store, plan, actor=actor, note=said, on=day)
    else:
        plan, event_record = _new_plan(
            store, cache, config, event, company_id, actor=actor, note=said, day=day,
            amount=amount_cny_100m, unit=unit, chain_id=chain_id, segment_id=segment_id, revs=revs,
        )  # fmt: skip
        records = [plan, event_record]
    signed = domain.moved_invitation(
        invitation, InvitationStatus.SIGNED_AT_EVENT, version=version, actor=actor, note=note, on=day,
        signed_amount_cny_100m=amount_cny_100m, plan_id=plan.plan_id,
    )  # fmt: skip
    store.apply(Batch(upserts=[*records, signed], expect_versions=expect))
    return signed, plan


def _advance(store: Store, plan: TargetPlan, *, actor: str, note: str, on: dt.date) -> tuple[list[Any], TargetPlan]:
    """Move an open plan to ``signed_framework``; one signed already gets the event in its history only."""
    if PLAN_ORDER.index(plan.status) < PLAN_ORDER.index(PlanStatus.SIGNED_FRAMEWORK):
        moved, event = plan_rules.move_records(store, plan, to_status=PlanStatus.SIGNED_FRAMEWORK, actor=actor,
                                               note=note, on=on)  # fmt: skip
        return [moved, event], moved
    seq = store.list(Kind.PLAN_EVENT, where={"plan_id": plan.plan_id}).total + 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    record = PlanEvent(plan_id=plan.plan_id, seq=seq, at=now, actor=actor, action="edit", from_status=plan.status,
                       to_status=plan.status, note=note, changes=json.dumps({}))  # fmt: skip
    return [record], plan


def _new_plan(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    event: PromotionEvent,
    company_id: str,
    *,
    actor: str,
    note: str,
    day: dt.date,
    amount: float | None,
    unit: str | None,
    chain_id: str | None,
    segment_id: str | None,
    revs: gap_reports.Revisions | None = None,
) -> tuple[TargetPlan, PlanEvent]:
    if (chain_id is None) != (segment_id is None):
        field = "segment_id" if segment_id is None else "chain_id"
        raise InvalidInput(f"{field}: give chain_id and segment_id together", field=field)
    gap = (
        (chain_id, segment_id)
        if chain_id and segment_id
        else _gap_of(store, cache, config, event.event_id, company_id, revs)
    )
    if gap is None:
        raise InvalidInput(
            f"chain_id: company {company_id!r} fills no gap of this event's chains and has no open plan; "
            "name the chain_id and segment_id its plan is for",
            field="chain_id",
        )
    try:
        fields = prefill_from_candidate(store, cache, config, gap[0], company_id, gap[1], revs)
    except NotFound as e:
        raise InvalidInput(f"segment_id: {e.message}", field="segment_id") from e
    except InvalidInput as e:
        raise InvalidInput(
            f"segment_id: {company_id!r} is not a candidate for segment {gap[1]!r}", field="segment_id"
        ) from e
    fields.update(status=PlanStatus.SIGNED_FRAMEWORK, signed_on=day, unit=unit or event.host_unit,
                  expected_investment_cny_100m=amount)  # fmt: skip
    return plan_rules.creation_records(store, actor=actor, note=note, **fields)


def event_report(store: Store, event_id: str) -> EventReport:
    """One event's invited / attended / signed counts, signed amount and the start rate of its signings."""
    event = domain.get_event(store, event_id)
    invitations = domain.invitations_of(store, event_id)
    ids = {(i.plan_id,) for i in invitations if i.plan_id}
    plans = {k[0]: p for k, p in store.lookup_many(Kind.TARGET_PLAN, ids).items() if isinstance(p, TargetPlan)}
    return _report(event, invitations, plans)


def event_results(store: Store, start: dt.date, end: dt.date) -> EventResults:
    """What the events held from ``start`` to ``end`` (inclusive) achieved, each and in total.

    The figures monthly and quarterly reports cite: events, invited, attended, signed, signed amount
    (亿元) and the start rate of the plans signed there."""
    if end < start:
        raise InvalidInput(f"end: {end} is before start {start}", field="end")
    events = [e for e in domain.list_events(store) if start <= e.held_on <= end]
    invitations = [i for e in events for i in domain.invitations_of(store, e.event_id)]
    ids = {(i.plan_id,) for i in invitations if i.plan_id}
    plans = {k[0]: p for k, p in store.lookup_many(Kind.TARGET_PLAN, ids).items() if isinstance(p, TargetPlan)}
    return _results(events, invitations, plans, start=start, end=end)
