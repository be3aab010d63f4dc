"""Relationships that bring a target in: a company's paths to the city; 链主 leads and adopting one.

``GET /companies/{id}/paths`` — the shortest explainable paths from a company to local firms,
each hop with its source; ``GET /leads`` — outside suppliers and customers of local leading firms,
ranked; ``POST /leads/adopt`` — a lead turned into a one-to-one plan in one step, the leading
firm named as its referrer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CacheDep, ConfigDep, PageDep, PlannerKey, RevisionsDep, StoreDep, ViewerKey, actor_of
from api.errors import error_responses
from api.models import PlanPublic
from chain_graph.analysis.leads import Lead
from chain_graph.models import ProjectKind
from chain_graph.paths import MAX_HOPS
from chain_graph.services import relations
from chain_graph.services.plans import public_plan

router = APIRouter(tags=["relations"])

_ID = r"^[A-Za-z0-9_.:\-]{1,64}$"


class PathNodePublic(BaseModel):
    kind: str = Field(description="company or organisation")
    id: str
    name: str
    local: bool
    county: str | None = None
    overseas_chinese: bool = False


class PathStepPublic(BaseModel):
    relation: str = Field(description="supplies, holds_shares or member_of")
    start: PathNodePublic
    end: PathNodePublic
    walked: str = Field(description="forward: walked from start to end; backward: from end to start")
    detail: str | None = Field(None, description="product (supplies) or role (member_of)")
    amount: float | None = Field(None, description="亿元 (supplies) or per cent of shares (holds_shares)")
    since: str | None = None
    source: str | None = None
    as_of: str | None = None
    text: str = Field(description="the tie as one sentence")


class PathPublic(BaseModel):
    to: PathNodePublic
    hops: int
    text: str
    steps: list[PathStepPublic]


class PathsPublic(BaseModel):
    company: PathNodePublic
    max_hops: int
    truncated: bool
    paths: list[PathPublic]


class LeadsPublic(BaseModel):
    data: list[Lead]
    count: int


class LeadAdopt(BaseModel):
    """A lead to turn into a plan: the leading firm (referrer), the lead's company, the responsible unit."""

    model_config = ConfigDict(extra="forbid")

    leader_id: Annotated[str, Field(pattern=_ID, examples=["anta"])]
    company_id: Annotated[str, Field(pattern=_ID)]
    unit: Annotated[str, Field(min_length=1, max_length=200, examples=["晋江市"])]
    segment_id: Annotated[str | None, Field(pattern=_ID)] = None
    project_kind: ProjectKind | None = None
    expected_investment_cny_100m: Annotated[float | None, Field(ge=0, le=1e9)] = None
    due_date: dt.date | None = None
    note: Annotated[str | None, Field(max_length=2000)] = None


@router.get(
    "/companies/{company_id}/paths",
    response_model=PathsPublic,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="Paths to the city / 关系路径",
)
def company_paths(
    company_id: Annotated[str, Path(description="company id", examples=["x-bm.smart-home-3"])],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    max_hops: Annotated[int | None, Query(ge=1, le=MAX_HOPS, description="at most this many hops (default 3)")] = None,
    limit: Annotated[int, Query(ge=1, le=relations.MAX_PATHS, description="paths returned")] = 20,
) -> dict[str, Any]:
    """The company's shortest paths to local firms through supply ties, shareholdings and memberships
    of 商会 / 同乡会, one per local firm reached, shortest first; each hop with its source."""
    found = relations.company_paths(store, cache, config, company_id, max_hops=max_hops, limit=limit, revs=revs)
    return found.to_dict()


@router.get(
    "/leads",
    response_model=LeadsPublic,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="链主 leads / 以商招商线索",
)
def list_leads(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    page: PageDep,
    leader: Annotated[str | None, Query(pattern=_ID, description="a local leading firm's id")] = None,
) -> dict[str, Any]:
    """Outside suppliers and customers of local leading firms, ranked by tie amount, list places and
    how many local firms they serve (each part explained in ``parts``)."""
    found = relations.leads(store, cache, config, leader_id=leader, revs=revs)
    return {"data": page.slice(found), "count": len(found)}


@router.post(
    "/leads/adopt",
    response_model=PlanPublic,
    status_code=201,
    responses=error_responses(400, 401, 403, 404, 409, 422, 503),
    summary="Adopt a lead as a plan / 线索转专案",
)
def adopt_lead(
    body: LeadAdopt,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """Create a one-to-one plan for the lead's company, the leading firm named as its referrer
    (``referrer_id``, also in the plan's first history entry)."""
    fields = body.model_dump(exclude={"leader_id", "company_id", "unit", "segment_id", "note"})
    plan = relations.adopt_lead(store, cache, config, leader_id=body.leader_id, company_id=body.company_id,
                                unit=body.unit, actor=actor_of(key), segment_id=body.segment_id, note=body.note,
                                revs=revs, **fields)  # fmt: skip
    response.headers["Location"] = f"/plans/{plan.plan_id}"
    response.headers["ETag"] = f'"{plan.version}"'
    return public_plan(plan)
