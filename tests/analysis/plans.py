"""Targeting plans for the analysis tests, with every field a test does not care about defaulted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chain_graph.models import PlanEvent, TargetPlan

_T0 = dt.datetime(2022, 1, 1, 9, 0)


def plan(plan_id: str, company_id: str, **fields: Any) -> TargetPlan:
    data: dict[str, Any] = {
        "chain_id": "tex",
        "segment_ids": ["tex.chip"],
        "gap_type": "missing",
        "unit": "晋江市",
        "created_at": _T0,
        "updated_at": _T0,
    }
    data.update(fields)
    return TargetPlan(plan_id=plan_id, company_id=company_id, **data)


def event(
    plan_id: str, seq: int, at: str, action: str = "move", frm: str | None = None, to: str | None = None
) -> PlanEvent:
    return PlanEvent(
        plan_id=plan_id,
        seq=seq,
        at=dt.datetime.fromisoformat(at),
        actor="测试员",
        action=action,
        from_status=frm,
        to_status=to,
    )
