"""Targeting plans: creation, edits, status rules, history, optimistic locking, overdue."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chain_graph import plans
from chain_graph.appraisal import GATE_OFF  # these tests are about the moves, not the appraisal gate
from chain_graph.errors import Conflict, IntegrityError, InvalidInput, NotFound
from chain_graph.models import Kind, PlanStatus
from chain_graph.store.base import Batch
from tests.factories import small_world

FIELDS = {
    "company_id": "x-fiber",
    "chain_id": "tex",
    "segment_ids": ["tex.fiber"],
    "gap_type": "missing",
    "unit": "晋江市",
    "rationale": "补链：化纤本地空白",
    "expected_investment_cny_100m": 20,
}


@pytest.fixture
def store(embedded_store):  # type: ignore[no-untyped-def]
    embedded_store.apply(Batch(upserts=small_world()))
    return embedded_store


def test_create_writes_plan_and_first_event(store) -> None:  # type: ignore[no-untyped-def]
    plan = plans.create_plan(store, actor="张三", plan_id="p1", **FIELDS)
    assert plan.status is PlanStatus.IDENTIFIED and plan.version == 1
    assert store.get(Kind.TARGET_PLAN, "p1") == plan
    [event] = plans.plan_history(store, "p1")
    assert (event.seq, event.action, event.actor, event.to_status) == (1, "create", "张三", PlanStatus.IDENTIFIED)


def test_create_generates_an_id(store) -> None:  # type: ignore[no-untyped-def]
    plan = plans.create_plan(store, actor="张三", **FIELDS)
    assert plan.plan_id.startswith("plan-")


def test_create_refuses_segment_of_another_chain_and_unknown_ids(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as err:
        plans.create_plan(store, actor="a", **{**FIELDS, "segment_ids": ["pc.pta"]})
    assert err.value.field == "segment_ids"
    with pytest.raises(NotFound):
        plans.create_plan(store, actor="a", **{**FIELDS, "chain_id": "ghost"})
    with pytest.raises(IntegrityError):
        plans.create_plan(store, actor="a", **{**FIELDS, "company_id": "ghost"})
    with pytest.raises(InvalidInput) as err:
        plans.create_plan(store, actor="a", **{**FIELDS, "gap_type": "nice-to-have"})
    assert err.value.field == "gap_type"
    assert store.list(Kind.TARGET_PLAN).total == 0 and store.list(Kind.PLAN_EVENT).total == 0


def test_duplicate_plan_id_conflicts(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    with pytest.raises(Conflict):
        plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)


def test_forward_moves_may_skip_and_stamp_dates(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    moved = plans.move_plan(store, "p1", version=1, to_status="negotiating", actor="李四", note="第二次拜访后")
    assert moved.status is PlanStatus.NEGOTIATING and moved.version == 2 and moved.signed_on is None
    day = dt.date(2026, 3, 15)
    started = plans.move_plan(store, "p1", version=2, to_status="started", actor="李四", on=day, gate=GATE_OFF)
    # jumping to started implies the framework and the contract were signed
    assert (started.signed_on, started.contract_on, started.started_on, started.produced_on) == (day, day, day, None)
    history = plans.plan_history(store, "p1")
    assert [(e.seq, e.action, e.from_status, e.to_status) for e in history] == [
        (1, "create", None, PlanStatus.IDENTIFIED),
        (2, "move", PlanStatus.IDENTIFIED, PlanStatus.NEGOTIATING),
        (3, "move", PlanStatus.NEGOTIATING, PlanStatus.STARTED),
    ]
    assert history[1].note == "第二次拜访后"
    assert json.loads(history[2].changes)["status"] == ["negotiating", "started"]


@pytest.mark.parametrize(
    ("start", "target"), [("visited", "contacted"), ("visited", "visited"), ("signed_contract", "identified")]
)
def test_backward_and_same_moves_are_refused(store, start: str, target: str) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", status=start, gate=GATE_OFF, **FIELDS)
    with pytest.raises(plans.IllegalTransition) as err:
        plans.move_plan(store, "p1", version=1, to_status=target, actor="a")
    assert err.value.field == "status"
    assert plans.get_plan(store, "p1").status == start
    assert len(plans.plan_history(store, "p1")) == 1


def test_drop_and_reopen(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", status="visited", **FIELDS)
    dropped = plans.move_plan(store, "p1", version=1, to_status="dropped", actor="a", note="企业暂缓投资")
    assert dropped.status is PlanStatus.DROPPED
    with pytest.raises(plans.IllegalTransition):
        plans.move_plan(store, "p1", version=2, to_status="dropped", actor="a")
    reopened = plans.move_plan(store, "p1", version=2, to_status="contacted", actor="a")
    assert reopened.status is PlanStatus.CONTACTED
    assert [e.action for e in plans.plan_history(store, "p1")] == ["create", "drop", "reopen"]


def test_in_production_is_final(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", status="in_production", gate=GATE_OFF, **FIELDS)
    with pytest.raises(plans.IllegalTransition, match="cannot be dropped"):
        plans.move_plan(store, "p1", version=1, to_status="dropped", actor="a")


def test_unknown_status_is_invalid(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    with pytest.raises(InvalidInput) as err:
        plans.move_plan(store, "p1", version=1, to_status="celebrating", actor="a")
    assert err.value.field == "status"


def test_stale_version_is_refused_for_moves_and_edits(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    plans.edit_plan(store, "p1", version=1, changes={"lead": "王五"}, actor="a")
    with pytest.raises(Conflict) as err:
        plans.edit_plan(store, "p1", version=1, changes={"lead": "赵六"}, actor="b")
    assert err.value.field == "version"
    with pytest.raises(Conflict):
        plans.move_plan(store, "p1", version=1, to_status="contacted", actor="b")
    plan = plans.get_plan(store, "p1")
    assert (plan.lead, plan.status, plan.version) == ("王五", PlanStatus.IDENTIFIED, 2)


def test_edit_records_what_changed(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    edited = plans.edit_plan(
        store,
        "p1",
        version=1,
        actor="王五",
        changes={"next_action": "约见董事长", "due_date": "2026-12-01", "segment_ids": ["tex.fiber", "tex.weave"]},
    )
    assert edited.due_date == dt.date(2026, 12, 1) and edited.segment_ids == ("tex.fiber", "tex.weave")
    last = plans.plan_history(store, "p1")[-1]
    assert last.action == "edit" and last.actor == "王五"
    assert json.loads(last.changes)["next_action"] == [None, "约见董事长"]
    same = plans.edit_plan(store, "p1", version=2, actor="王五", changes={"next_action": "约见董事长"})
    assert same.version == 2 and len(plans.plan_history(store, "p1")) == 2  # no change, no event


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "started"}, "status"),
        ({"plan_id": "x"}, "plan_id"),
        ({"expected_investment_cny_100m": -5}, "expected_investment_cny_100m"),
        ({"segment_ids": ["pc.pta"]}, "segment_ids"),
    ],
)
def test_edit_refuses_bad_changes(store, changes: dict, field: str) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    with pytest.raises(InvalidInput) as err:
        plans.edit_plan(store, "p1", version=1, changes=changes, actor="a")
    assert err.value.field == field
    assert plans.get_plan(store, "p1").version == 1


def test_overdue_lists_open_plans_past_due(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="late", due_date="2026-11-01", **FIELDS)
    plans.create_plan(store, actor="a", plan_id="later", due_date="2026-11-20", **FIELDS)
    plans.create_plan(store, actor="a", plan_id="future", due_date="2026-12-20", **FIELDS)
    plans.create_plan(
        store, actor="a", plan_id="done", due_date="2026-10-01", status="in_production", gate=GATE_OFF, **FIELDS
    )
    plans.create_plan(store, actor="a", plan_id="gone", due_date="2026-10-01", status="dropped", **FIELDS)
    late = plans.overdue_plans(store, today=dt.date(2026, 11, 25))
    assert [p.plan_id for p in late] == ["late", "later"]


def test_list_plans_filters(store) -> None:  # type: ignore[no-untyped-def]
    plans.create_plan(store, actor="a", plan_id="p1", **FIELDS)
    plans.create_plan(store, actor="a", plan_id="p2", status="visited", **{**FIELDS, "unit": "石狮市"})
    assert [p.plan_id for p in plans.list_plans(store, unit="石狮市")] == ["p2"]
    assert plans.list_plans(store, status="identified").total == 1
    with pytest.raises(InvalidInput):
        plans.list_plans(store, status="nope")
