"""Targeting plans (一对一招商专案): create, update, move, and as served with their events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chain_graph.models import GapType, PlanStatus, ProjectKind, TargetPlan


class FromCandidate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    chain_id: str
    company_id: str
    segment_id: str


class PlanCreate(BaseModel):
    """A new plan: the plan's fields, or ``from_candidate`` (+ ``unit``) to prefill them from the analysis.

    Without ``from_candidate``, ``company_id``, ``chain_id``, ``segment_ids``, ``gap_type`` and
    ``unit`` are required. With it, ``unit`` is; the rest is filled in (and may be overridden).
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "from_candidate": {"chain_id": "tex", "company_id": "x-fiber", "segment_id": "tex.fiber"},
                    "unit": "晋江市",
                },
                {
                    "company_id": "x-fiber",
                    "chain_id": "tex",
                    "segment_ids": ["tex.fiber"],
                    "gap_type": "missing",
                    "unit": "晋江市",
                    "expected_investment_cny_100m": 30,
                },
            ]
        },
    )

    from_candidate: FromCandidate | None = None
    plan_id: str | None = None
    company_id: str | None = None
    chain_id: str | None = None
    segment_ids: list[str] | None = None
    gap_type: GapType | None = None
    project_kind: ProjectKind | None = None
    rationale: str | None = None
    linked_company_ids: list[str] | None = None
    expected_investment_cny_100m: float | None = None
    unit: str | None = None
    lead: str | None = None
    next_action: str | None = None
    due_date: dt.date | None = None
    status: PlanStatus | None = None
    note: str | None = Field(None, description="kept in the plan's first event")


class PlanUpdate(BaseModel):
    """Fields to change; ``version`` here or in ``If-Match``. A field sent as null is cleared."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 1, "lead": "王科长"}]})

    version: int | None = Field(None, ge=1)
    note: str | None = None
    segment_ids: list[str] | None = None
    gap_type: GapType | None = None
    project_kind: ProjectKind | None = None
    rationale: str | None = None
    linked_company_ids: list[str] | None = None
    expected_investment_cny_100m: float | None = None
    unit: str | None = None
    lead: str | None = None
    next_action: str | None = None
    due_date: dt.date | None = None
    signed_on: dt.date | None = None
    contract_on: dt.date | None = None
    started_on: dt.date | None = None
    produced_on: dt.date | None = None
    park_id: str | None = Field(None, description="the park (园区) the project is to be sited in; null clears it")


class PlanMove(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"to_status": "contacted", "note": "首次电话沟通", "version": 1}]},
    )

    to_status: PlanStatus
    note: str | None = None
    on: dt.date | None = Field(None, description="the day the status was reached (default today)")
    version: int | None = Field(None, ge=1, description="or send If-Match")


class PlanPublic(TargetPlan):
    """A plan as stored, with where it may move next and whether its next action is overdue."""

    allowed_moves: list[PlanStatus] = Field(default_factory=list)
    overdue: bool = False


class PlansPublic(BaseModel):
    data: list[PlanPublic]
    count: int


class PlanEventPublic(BaseModel):
    plan_id: str
    seq: int
    at: dt.datetime
    actor: str
    action: str
    from_status: PlanStatus | None = None
    to_status: PlanStatus | None = None
    note: str | None = None
    changes: dict[str, Any] = Field(default_factory=dict, description="field → [old, new]")


class PlanEventsPublic(BaseModel):
    data: list[PlanEventPublic]
    count: int
