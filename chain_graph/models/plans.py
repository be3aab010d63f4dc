"""Targeting plans (一对一招商专案), their history and chains' snapshots."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from chain_graph.models.fields import Amount, Id, IdList, Name, OptDate, OptId, OptName, OptText
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record


class PlanStatus(StrEnum):
    """Where a targeting plan stands, in order (moves may skip steps forward: chain_graph.plans), or ``dropped``."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    VISITED = "visited"
    NEGOTIATING = "negotiating"
    SIGNED_FRAMEWORK = "signed_framework"
    SIGNED_CONTRACT = "signed_contract"
    STARTED = "started"
    IN_PRODUCTION = "in_production"
    DROPPED = "dropped"


PLAN_ORDER: tuple[PlanStatus, ...] = tuple(s for s in PlanStatus if s is not PlanStatus.DROPPED)


class GapType(StrEnum):
    """What a plan answers: a missing (补链), weak (强链) or extension (延链) segment."""

    MISSING = "missing"
    WEAK = "weak"
    EXTENSION = "extension"


class ProjectKind(StrEnum):
    NEW_PLANT = "new_plant"
    REGIONAL_HQ = "regional_hq"
    RND_CENTRE = "rnd_centre"
    JOINT_VENTURE = "joint_venture"
    EXPANSION = "expansion"  # 增资扩产 by a firm already local


class TargetPlan(Record):
    """一对一招商专案: one company approached for one chain, tracked to construction start."""

    KIND: ClassVar[Kind] = Kind.TARGET_PLAN
    KEY: ClassVar[tuple[str, ...]] = ("plan_id",)

    plan_id: Id
    company_id: Id
    chain_id: Id
    segment_ids: Annotated[IdList, Field(min_length=1, max_length=20)]
    gap_type: GapType
    project_kind: ProjectKind = ProjectKind.NEW_PLANT
    rationale: OptText = None
    linked_company_ids: Annotated[IdList, Field(max_length=50)] = ()
    referrer_id: OptId = None  # 以商招商: the local leading firm that refers the target (a lead adopted)
    expected_investment_cny_100m: Amount = None
    unit: Name
    lead: OptName = None
    next_action: OptText = None
    due_date: OptDate = None
    status: PlanStatus = PlanStatus.IDENTIFIED
    signed_on: OptDate = None
    contract_on: OptDate = None
    started_on: OptDate = None
    produced_on: OptDate = None
    park_id: OptId = None  # the park (园区) the project is to be sited in
    version: Annotated[int, Field(ge=1)] = 1
    created_at: dt.datetime
    updated_at: dt.datetime


class PlanEvent(Record):
    """One change of a plan, kept for ever: who, when, from, to, note, what changed."""

    KIND: ClassVar[Kind] = Kind.PLAN_EVENT
    KEY: ClassVar[tuple[str, ...]] = ("plan_id", "seq")

    plan_id: Id
    seq: Annotated[int, Field(ge=1)]
    at: dt.datetime
    actor: Name
    action: Annotated[str, StringConstraints(pattern=r"^(create|edit|move|drop|reopen|appraise)$")]
    from_status: PlanStatus | None = None
    to_status: PlanStatus | None = None
    note: OptText = None
    changes: Annotated[str, StringConstraints(max_length=20000)] = "{}"  # JSON: field -> [old, new]


class ChainSnapshot(Record):
    """A chain's completeness on a day, so progress shows over time."""

    KIND: ClassVar[Kind] = Kind.CHAIN_SNAPSHOT
    KEY: ClassVar[tuple[str, ...]] = ("chain_id", "on")

    chain_id: Id
    on: dt.date
    completeness: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    segments: Annotated[int, Field(ge=0)]
    missing: Annotated[int, Field(ge=0)]
    weak: Annotated[int, Field(ge=0)]
    strong: Annotated[int, Field(ge=0)]
