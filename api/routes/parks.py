"""Parks and land (园区与用地) and project appraisal (综合研判).

``PUT /plans/{id}/appraisal`` scores a plan and records the appraisal in its history; it carries
the plan's version like any plan write (``If-Match`` or ``version``). ``GET /plans/{id}/park-matches``
ranks the parks that fit the plan's segment and land need. ``GET /parks`` and ``GET /parks/{id}``
show parks with their land and their planned, signed and started projects.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AppraisalConfigDep, CacheDep, ConfigDep, PlannerKey, RevisionsDep, StoreDep, ViewerKey, actor_of
from api.errors import error_responses
from api.routes.plans import IfMatch, PlanId, version_of
from chain_graph.errors import NotFound
from chain_graph.services import appraisal as appraisals
from chain_graph.services import parks

router = APIRouter(tags=["parks"])
ParkId = Annotated[str, Path(description="park id", examples=["demo-park-jj-ic"])]


class AppraisalInput(BaseModel):
    """The planner's inputs; industry fit is computed from the plan's segments' gap status."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"version": 3, "technology_route": 4, "product_competitiveness": 4, "market_prospects": 5,
                 "land_mu": 120, "floor_space_m2": 20000, "annual_tax_cny_10k": 3000,
                 "annual_output_cny_100m": 15, "energy_tce": 8000, "jobs": 500, "note": "初审"}
            ]
        },
    )  # fmt: skip

    version: int | None = Field(None, ge=1, description="the plan's version, or send If-Match")
    technology_route: int | None = Field(None, description="技术路线 1–5")
    product_competitiveness: int | None = Field(None, description="产品竞争力 1–5")
    market_prospects: int | None = Field(None, description="市场前景 1–5")
    land_mu: float | None = Field(None, description="用地需求（亩）")
    floor_space_m2: float | None = Field(None, description="厂房需求（㎡）")
    annual_tax_cny_10k: float | None = Field(None, description="预计年税收（万元）")
    annual_output_cny_100m: float | None = Field(None, description="预计年产值（亿元）")
    energy_tce: float | None = Field(None, description="年综合能耗（吨标准煤）")
    jobs: int | None = Field(None, description="带动就业（人）")
    note: str | None = None


@router.get(
    "/plans/{plan_id}/appraisal",
    responses=error_responses(401, 403, 404, 422, 503),
    summary="A plan's appraisal / 项目综合研判",
)
def get_appraisal(plan_id: PlanId, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    """The plan's current appraisal: inputs, each criterion's score and reason, the verdict
    (``verdict``, ``verdict_label`` 推荐 / 有条件推荐 / 不建议) and its reasons. 404 if it has none."""
    found = appraisals.appraisal_of(store, plan_id)
    if found is None:
        raise NotFound(f"plan {plan_id!r} has no appraisal yet", field="plan_id")
    return found


@router.put(
    "/plans/{plan_id}/appraisal",
    responses=error_responses(400, 401, 403, 404, 409, 422, 428, 503),
    summary="Appraise a plan / 综合研判",
)
def put_appraisal(
    plan_id: PlanId,
    body: AppraisalInput,
    key: PlannerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    appraisal_config: AppraisalConfigDep,
    revs: RevisionsDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Score the plan against the configured thresholds and weights, keep the appraisal and add it to
    the plan's history; the answer holds ``plan_version``, the plan's new version."""
    version = version_of(if_match, body.version)
    inputs = body.model_dump(exclude={"version", "note"}, exclude_none=True)
    return appraisals.appraise_plan(
        store, cache, config, appraisal_config, plan_id,
        version=version, inputs=inputs, actor=actor_of(key), note=body.note, revs=revs,
    )  # fmt: skip


@router.get(
    "/plans/{plan_id}/park-matches",
    responses=error_responses(401, 403, 404, 422, 503),
    summary="Parks that fit a plan / 项目选址匹配",
)
def park_matches(
    plan_id: PlanId,
    key: ViewerKey,
    store: StoreDep,
    land_mu: Annotated[
        float | None, Query(ge=0, le=1e7, description="land need (亩); default: the appraisal's")
    ] = None,
    floor_space_m2: Annotated[float | None, Query(ge=0, le=1e9, description="floor space need (㎡)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Parks positioned for the plan's chain, those that fit its segment and need first, each with reasons."""
    return parks.park_matches(store, plan_id, land_mu=land_mu, floor_space_m2=floor_space_m2, limit=limit)


@router.get("/parks", responses=error_responses(401, 403, 422, 503), summary="Parks / 园区列表")
def list_parks(
    key: ViewerKey,
    store: StoreDep,
    region: Annotated[str | None, Query(max_length=64, description="county or district id")] = None,
) -> dict[str, Any]:
    """Every park with its county, positioning, land on offer and land flagged for clearance."""
    found = parks.list_parks(store, region=region)
    return {"data": found, "count": len(found)}


@router.get("/parks/{park_id}", responses=error_responses(401, 403, 404, 422, 503), summary="One park / 园区详情")
def get_park(park_id: ParkId, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    """The park, its plots (low-efficiency and idle ones flagged for clearance) and its planned,
    signed and started projects."""
    return parks.park_view(store, park_id)
