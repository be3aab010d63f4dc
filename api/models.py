"""Request and response bodies of the HTTP API (docs/API-CONTRACT.md), one family per resource.

Lists are ``XsPublic(data, count)`` where ``count`` is the total number of matches, not the
length of the page. Analysis results (gaps, candidates, what-if, KPIs) are the analysis
package's own models, served as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chain_graph.analysis import Candidate
from chain_graph.models import (
    ApiKey,
    ChainSnapshot,
    GapType,
    KeyRole,
    PlanStatus,
    ProjectKind,
    Role,
    Stage,
    TargetPlan,
)

# -- errors and health ----------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no chain with id 'x'"])
    field: str | None = Field(None, examples=["chain_id"])
    problems: list[dict[str, Any]] | None = None
    report: dict[str, Any] | None = Field(None, description="the import report, when an import was rejected")


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"code", "message", "field"}}``."""

    error: ErrorDetail


class HealthPublic(BaseModel):
    status: str = Field(examples=["ok"])


class ReadyPublic(BaseModel):
    status: str = Field(examples=["ready"])
    store: str = Field(examples=["embedded"])
    revision: int | None = None


class MePublic(BaseModel):
    key_id: str
    name: str | None
    role: KeyRole


# -- chains, segments, regions --------------------------------------------------------------------


class ChainPublic(BaseModel):
    chain_id: str = Field(examples=["textile-apparel-footwear"])
    name: str = Field(examples=["纺织鞋服"])
    description: str | None = None
    segments: int
    local_firms: int
    companies: int
    source: str | None = None
    as_of: dt.date | None = None


class ChainsPublic(BaseModel):
    data: list[ChainPublic]
    count: int


class SegmentBrief(BaseModel):
    segment_id: str
    name: str
    stage: Stage
    parent_id: str | None
    description: str | None = None
    status: str | None = Field(None, description="missing | weak | strong (city-wide)")
    local_count: int | None = None


class ChainDetail(BaseModel):
    chain_id: str
    name: str
    description: str | None = None
    source: str | None = None
    as_of: dt.date | None = None
    home_region: str
    segment_count: int
    local_firms: int
    companies: int
    completeness: float | None = None
    segments: list[SegmentBrief] = Field(description="stage order (upstream → downstream), then id")


class SegmentFirm(BaseModel):
    company_id: str
    name: str
    short_name: str | None = None
    role: Role
    share: float | None = None
    local: bool = Field(description="located in the home region (or with a local site there)")
    landed: bool = Field(False, description="counts as local presence through a started / in-production plan")
    county: str | None = None
    county_name: str | None = None
    region: str | None = None
    country: str | None = None
    revenue_cny_100m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class SegmentDetail(BaseModel):
    segment_id: str
    name: str
    chain_id: str
    chain_name: str
    stage: Stage
    parent_id: str | None = None
    description: str | None = None
    status: str | None = None
    reasons: list[str] = Field(default_factory=list)
    local_count: int = Field(description="local presence as the gap analysis counts it (landed plan firms included)")
    external_count: int
    firms: list[SegmentFirm] = Field(description="local firms first (leading, core, supporting), then external ones")
    feeds: list[str] = Field(default_factory=list, description="segments this one FEEDS")
    fed_by: list[str] = Field(default_factory=list, description="segments that FEED this one")


class CountyPublic(BaseModel):
    region_id: str = Field(examples=["350582"])
    name: str = Field(examples=["晋江市"])
    level: str | None = None


class CountiesPublic(BaseModel):
    data: list[CountyPublic]
    count: int


# -- graph ----------------------------------------------------------------------------------------


class GraphNode(BaseModel):
    """A vis-network node; ``title`` is the tooltip text (with source and as-of)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(examples=["segment:tx.fiber"])
    kind: str = Field(examples=["segment"])
    label: str
    group: str = Field(description="chain | missing | weak | strong | other_chain | local | external")
    title: str
    stage: str | None = None
    status: str | None = None
    chain_id: str | None = None
    local: bool | None = None
    county: str | None = None
    source: str | None = None
    as_of: str | None = None


class GraphEdge(BaseModel):
    model_config = ConfigDict(extra="allow")

    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    type: str = Field(examples=["FEEDS"])
    title: str | None = None
    label: str | None = None
    weight: float | None = None
    role: str | None = None
    product: str | None = None
    source: str | None = None
    as_of: str | None = None


class GraphPublic(BaseModel):
    chain_id: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    layout: dict[str, int] | None = Field(
        default=None,
        description="the map's grid (px: col_w, row_h, node_w); segment nodes carry x, y, col (chain_graph.layout)",
    )


# -- analysis -------------------------------------------------------------------------------------


class CandidatesPublic(BaseModel):
    data: list[Candidate]
    count: int


class SnapshotsPublic(BaseModel):
    data: list[ChainSnapshot]
    count: int


# -- companies ------------------------------------------------------------------------------------


class CompanyPublic(BaseModel):
    company_id: str
    name: str
    short_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    uscc: str | None = None
    region: str | None = None
    local_site: bool = False
    country: str | None = None
    revenue_cny_100m: float | None = None
    employees: int | None = None
    listed_code: str | None = None
    overseas_chinese: bool = False
    source: str | None = None
    as_of: dt.date | None = None
    local: bool
    county: str | None = None
    county_name: str | None = None
    region_name: str | None = None


class CompaniesPublic(BaseModel):
    data: list[CompanyPublic]
    count: int


class CompanySegmentPublic(BaseModel):
    segment_id: str
    segment_name: str | None
    chain_id: str | None
    stage: Stage | None
    role: Role
    share: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class TiePublic(BaseModel):
    company_id: str
    name: str | None
    direction: str = Field(description="supplies_to: this company supplies it; buys_from: this company buys from it")
    local: bool | None = None
    product: str | None = None
    amount_cny_100m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class RankingPublic(BaseModel):
    list_id: str
    list_name: str
    year: int
    rank: int
    revenue_usd_m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class CompanyDetail(CompanyPublic):
    segments: list[CompanySegmentPublic]
    ties: list[TiePublic]
    rankings: list[RankingPublic]
    plans: list[str] = Field(default_factory=list, description="ids of the plans that target the company")


# -- plans ----------------------------------------------------------------------------------------


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


# -- keys -----------------------------------------------------------------------------------------


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "晋江市商务局", "role": "planner"}]}
    )

    name: str | None = Field(None, max_length=200)
    role: KeyRole = KeyRole.VIEWER


class KeyPublic(BaseModel):
    key_id: str
    name: str | None
    role: KeyRole
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    active: bool

    @classmethod
    def of(cls, record: ApiKey) -> KeyPublic:
        data = record.model_dump(exclude={"hash"})
        return cls(**data, active=record.revoked_at is None)


class KeyCreated(KeyPublic):
    key: str = Field(description="the API key itself: shown once, never again")


class KeysPublic(BaseModel):
    data: list[KeyPublic]
    count: int
