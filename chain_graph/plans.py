"""One-to-one targeting plans (一对一招商专案): create, edit, move, drop, reopen — with history.

Every change writes the new plan and one :class:`PlanEvent` in the same batch, guarded by
the version the writer read: a stale write is refused as :class:`Conflict` and nothing is
written. Status moves: forward moves may skip steps, backward moves are
refused, any open plan can be dropped and a dropped plan reopened. Reaching a status for
the first time stamps its date (``signed_on``, ``contract_on``, ``started_on``,
``produced_on``), which the KPIs read.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

from chain_graph.appraisal.config import GateConfig
from chain_graph.appraisal.gate import gate_refusal
from chain_graph.errors import Conflict, InvalidInput, NotFound
from chain_graph.models import (
    PLAN_ORDER,
    Appraisal,
    Kind,
    PlanEvent,
    PlanStatus,
    Record,
    TargetPlan,
)
from chain_graph.store.base import Batch, Page, Store

__all__ = [
    "EDITABLE_FIELDS",
    "IllegalTransition",
    "create_plan",
    "creation_records",
    "move_records",
    "get_plan",
    "list_plans",
    "edit_plan",
    "move_plan",
    "plan_history",
    "overdue_plans",
    "allowed_moves",
    "AppraisalRequired",
    "DEFAULT_GATE",
    "record_appraisal",
]

EDITABLE_FIELDS = frozenset(
    {
        "segment_ids",
        "gap_type",
        "project_kind",
        "rationale",
        "linked_company_ids",
        "expected_investment_cny_100m",
        "unit",
        "lead",
        "next_action",
        "due_date",
        "signed_on",
        "contract_on",
        "started_on",
        "produced_on",
        "park_id",
    }
)
OPEN_END = {PlanStatus.IN_PRODUCTION, PlanStatus.DROPPED}
# the date a status stamps when a plan first reaches it (or jumps past it)
STATUS_DATES = (
    (PlanStatus.SIGNED_FRAMEWORK, "signed_on"),
    (PlanStatus.SIGNED_CONTRACT, "contract_on"),
    (PlanStatus.STARTED, "started_on"),
    (PlanStatus.IN_PRODUCTION, "produced_on"),
)


class IllegalTransition(InvalidInput):
    """A status move the plan's rules forbid (backward, from dropped, to the same status)."""

    code = "illegal_transition"


class AppraisalRequired(InvalidInput):
    """A move the plan gate refuses: no appraisal yet, or (as configured) one that says 不建议."""

    code = "appraisal_required"


# The gate as shipped (chain_graph.appraisal.config): signed_contract needs an appraisal that is not 不建议.
DEFAULT_GATE = GateConfig()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def get_plan(store: Store, plan_id: str) -> TargetPlan:
    return store.get(Kind.TARGET_PLAN, plan_id)  # type: ignore[return-value]


def create_plan(
    store: Store, *, actor: str, note: str | None = None, gate: GateConfig = DEFAULT_GATE, **fields: Any
) -> TargetPlan:
    """Create a plan (status ``identified`` unless given) and its first event.

    The company, chain and segments must exist and the segments belong to the chain. A new plan
    has no appraisal, so it cannot start at or past the gate's status.
    """
    plan, event = creation_records(store, actor=actor, note=note, gate=gate, **fields)
    store.apply(Batch(upserts=[plan, event]))
    return plan


def creation_records(
    store: Store, *, actor: str, note: str | None = None, gate: GateConfig = DEFAULT_GATE, **fields: Any
) -> tuple[TargetPlan, PlanEvent]:
    """The new plan and its first event, checked but not written: for a caller that writes them in
    one batch with records of its own (a signing at a promotion event and its invitation)."""
    now = _now()
    fields.setdefault("plan_id", f"plan-{uuid.uuid4().hex[:12]}")
    data = {**fields, "version": 1, "created_at": now, "updated_at": now}
    plan = _validated(data)
    refusal = gate_refusal(gate, PlanStatus.IDENTIFIED, plan.status, None)
    if refusal is not None:
        raise AppraisalRequired(refusal, field="status")
    chain_segments = {s.key[0] for s in store.list(Kind.SEGMENT, where={"chain_id": plan.chain_id})}
    store.get(Kind.CHAIN, plan.chain_id)
    outside = [s for s in plan.segment_ids if s not in chain_segments]
    if outside:
        raise InvalidInput(f"segment_ids: {', '.join(outside)} not in chain {plan.chain_id!r}", field="segment_ids")
    if store.find(Kind.TARGET_PLAN, plan.plan_id) is not None:
        raise Conflict(f"a plan with id {plan.plan_id!r} exists already", field="plan_id")
    plan = _stamp_dates(plan, PlanStatus.IDENTIFIED, plan.status, now.date())
    created: dict[str, Any] = {"status": [None, plan.status.value]}
    if plan.referrer_id:  # 以商招商: the history names the leading firm that referred the target
        created["referrer_id"] = [None, plan.referrer_id]
    event = _event(plan, 1, actor, "create", None, plan.status, note, created, now)
    return plan, event


def edit_plan(
    store: Store, plan_id: str, *, version: int, changes: Mapping[str, Any], actor: str, note: str | None = None
) -> TargetPlan:
    """Change editable fields (not the status: see :func:`move_plan`)."""
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        field = unknown[0]
        why = "use a status move" if field == "status" else "not editable"
        raise InvalidInput(f"{field}: {why}", field=field)
    plan = get_plan(store, plan_id)
    _check_version(plan, version)
    now = _now()
    updated = _validated({**plan.model_dump(), **changes, "version": plan.version + 1, "updated_at": now})
    diff = _diff(plan, updated)
    if "segment_ids" in diff:
        chain_segments = {s.key[0] for s in store.list(Kind.SEGMENT, where={"chain_id": plan.chain_id})}
        outside = [s for s in updated.segment_ids if s not in chain_segments]
        if outside:
            raise InvalidInput(f"segment_ids: {', '.join(outside)} not in chain {plan.chain_id!r}", field="segment_ids")
    return _save(store, plan, updated, actor, "edit", note, diff, now)


def allowed_moves(status: PlanStatus) -> list[PlanStatus]:
    """Where a plan in ``status`` may go next."""
    if status is PlanStatus.DROPPED:  # reopen: talks may restart at any stage
        return list(PLAN_ORDER)
    if status is PlanStatus.IN_PRODUCTION:  # done
        return []
    later = list(PLAN_ORDER[PLAN_ORDER.index(status) + 1 :])
    return [*later, PlanStatus.DROPPED]


def move_plan(
    store: Store,
    plan_id: str,
    *,
    version: int,
    to_status: PlanStatus | str,
    actor: str,
    note: str | None = None,
    on: dt.date | None = None,
    gate: GateConfig = DEFAULT_GATE,
) -> TargetPlan:
    """Move a plan: forward (skips allowed), to ``dropped``, or from ``dropped`` back (reopen).

    The ``gate`` refuses a move to its status (or past it) while the plan has no appraisal, or
    one that says 不建议 (:class:`AppraisalRequired`)."""
    plan = get_plan(store, plan_id)
    _check_version(plan, version)
    moved, event = move_records(store, plan, to_status=to_status, actor=actor, note=note, on=on, gate=gate)
    try:
        store.apply(Batch(upserts=[moved, event], expect_versions={(Kind.TARGET_PLAN, (plan.plan_id,)): plan.version}))
    except NotFound as e:  # deleted under our feet
        raise Conflict(f"plan {plan.plan_id!r} was deleted meanwhile", field="plan_id") from e
    return moved


def move_records(
    store: Store,
    plan: TargetPlan,
    *,
    to_status: PlanStatus | str,
    actor: str,
    note: str | None = None,
    on: dt.date | None = None,
    gate: GateConfig = DEFAULT_GATE,
) -> tuple[TargetPlan, PlanEvent]:
    """The moved plan and its event, checked but not written (the caller writes both, expecting
    ``plan.version``)."""
    try:
        target = PlanStatus(to_status)
    except ValueError as e:
        raise InvalidInput(f"status: {to_status!r} is not a plan status", field="status") from e
    if target not in allowed_moves(plan.status):
        raise IllegalTransition(_why_not(plan.status, target), field="status")
    appraisal = store.find(Kind.APPRAISAL, plan.plan_id)
    verdict = appraisal.verdict if isinstance(appraisal, Appraisal) else None
    refusal = gate_refusal(gate, plan.status, target, verdict)
    if refusal is not None:
        raise AppraisalRequired(refusal, field="status")
    now = _now()
    action = "drop" if target is PlanStatus.DROPPED else "reopen" if plan.status is PlanStatus.DROPPED else "move"
    moved = plan.model_copy(update={"status": target, "version": plan.version + 1, "updated_at": now})
    if target is not PlanStatus.DROPPED:
        moved = _stamp_dates(moved, plan.status, target, on or now.date())
    seq = store.list(Kind.PLAN_EVENT, where={"plan_id": plan.plan_id}).total + 1
    return moved, _event(moved, seq, actor, action, plan.status, target, note, _diff(plan, moved), now)


def record_appraisal(
    store: Store, plan_id: str, *, version: int, appraisal: Appraisal, actor: str, note: str | None = None
) -> TargetPlan:
    """Keep ``appraisal`` as the plan's current one and add an ``appraise`` event to its history,
    with the plan's version moved on (so a stale appraisal is a Conflict, like any edit)."""
    plan = get_plan(store, plan_id)
    _check_version(plan, version)
    now = _now()
    updated = plan.model_copy(update={"version": plan.version + 1, "updated_at": now})
    diff = {
        "appraisal": [None, {"verdict": appraisal.verdict.value, "score": appraisal.score}],
        "appraisal_inputs": [None, appraisal.model_dump(mode="json", exclude={"reasons", "criteria", "plan_id"})],
    }
    return _save(store, plan, updated, actor, "appraise", note, diff, now, extra=[appraisal])


def plan_history(store: Store, plan_id: str) -> list[PlanEvent]:
    get_plan(store, plan_id)
    return store.list(Kind.PLAN_EVENT, where={"plan_id": plan_id}).items  # type: ignore[return-value]


def list_plans(
    store: Store,
    *,
    chain_id: str | None = None,
    status: str | None = None,
    unit: str | None = None,
    company_id: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Page:
    where = {
        k: v
        for k, v in {"chain_id": chain_id, "status": status, "unit": unit, "company_id": company_id}.items()
        if v is not None
    }
    if status is not None and status not in PlanStatus.__members__.values():
        raise InvalidInput(f"status: {status!r} is not a plan status", field="status")
    return store.list(Kind.TARGET_PLAN, where=where, offset=offset, limit=limit)


def overdue_plans(store: Store, *, today: dt.date) -> list[TargetPlan]:
    """Open plans whose next action was due before ``today``, most overdue first."""
    plans: list[TargetPlan] = store.list(Kind.TARGET_PLAN).items  # type: ignore[assignment]
    late = [p for p in plans if p.due_date and p.due_date < today and p.status not in OPEN_END]
    return sorted(late, key=lambda p: (p.due_date, p.plan_id))


# -- internals -----------------------------------------------------------------------------------


def _validated(data: Mapping[str, Any]) -> TargetPlan:
    from chain_graph.models import parse_record

    return parse_record(Kind.TARGET_PLAN, dict(data))  # type: ignore[return-value]


def _check_version(plan: TargetPlan, version: int) -> None:
    if version != plan.version:
        raise Conflict(
            f"plan {plan.plan_id!r} is at version {plan.version}, not {version}: someone else changed it; "
            "reload it and apply your change again",
            field="version",
        )


def _why_not(current: PlanStatus, target: PlanStatus) -> str:
    if target is current:
        return f"status: the plan is already {current.value}"
    if current is PlanStatus.IN_PRODUCTION and target is PlanStatus.DROPPED:
        return "status: a plan in production is done and cannot be dropped"
    return f"status: cannot move back from {current.value} to {target.value}; forward moves only (or drop)"


def _stamp_dates(plan: TargetPlan, before: PlanStatus, after: PlanStatus, on: dt.date) -> TargetPlan:
    reached = PLAN_ORDER.index(after) if after in PLAN_ORDER else -1
    update = {
        field: on
        for status, field in STATUS_DATES
        if PLAN_ORDER.index(status) <= reached and getattr(plan, field) is None
    }
    return plan.model_copy(update=update) if update else plan


def _diff(old: TargetPlan, new: TargetPlan) -> dict[str, list[Any]]:
    skip = {"version", "updated_at"}
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {k: [before[k], after[k]] for k in after if k not in skip and before[k] != after[k]}


def _event(
    plan: TargetPlan,
    seq: int,
    actor: str,
    action: str,
    from_status: PlanStatus | None,
    to_status: PlanStatus | None,
    note: str | None,
    diff: Mapping[str, Any],
    at: dt.datetime,
) -> PlanEvent:
    return PlanEvent(
        plan_id=plan.plan_id,
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        changes=json.dumps(diff, ensure_ascii=False, default=str),
    )


def _save(
    store: Store,
    old: TargetPlan,
    new: TargetPlan,
    actor: str,
    action: str,
    note: str | None,
    diff: Mapping[str, Any],
    now: dt.datetime,
    extra: list[Record] | None = None,
) -> TargetPlan:
    if not diff and action == "edit":
        return old
    seq = store.list(Kind.PLAN_EVENT, where={"plan_id": old.plan_id}).total + 1
    event = _event(new, seq, actor, action, old.status, new.status, note, diff, now)
    try:
        store.apply(
            Batch(
                upserts=[new, event, *(extra or [])], expect_versions={(Kind.TARGET_PLAN, (old.plan_id,)): old.version}
            )
        )
    except NotFound as e:  # deleted under our feet
        raise Conflict(f"plan {old.plan_id!r} was deleted meanwhile", field="plan_id") from e
    return new
