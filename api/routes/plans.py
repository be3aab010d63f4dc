"""One-to-one targeting plans (一对一招商专案): create, list, edit, move, history.

Writes carry the version the writer read — ``If-Match: "<version>"`` or ``version`` in the
body — and a stale one is refused with 409, a missing one with 428 Precondition Required.
 ``GET /plans/{id}`` sends the version as ``ETag``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response

from api.deps import (
    AppraisalConfigDep,
    CacheDep,
    ConfigDep,
    PageDep,
    PlannerKey,
    RevisionsDep,
    StoreDep,
    ViewerKey,
    actor_of,
)
from api.errors import ApiError, error_responses
from api.models import PlanCreate, PlanEventsPublic, PlanMove, PlanPublic, PlansPublic, PlanUpdate
from chain_graph import plans
from chain_graph.models import PlanStatus, TargetPlan
from chain_graph.services.plans import find_overdue, prefill_from_candidate, public_event, public_plan

router = APIRouter(prefix="/plans", tags=["plans"])
PlanId = Annotated[str, Path(description="plan id", examples=["plan-3f2a9c1b7e4d"])]
_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')
IfMatch = Annotated[str | None, Header(alias="If-Match", description='the version you edited: "3"')]


def version_of(if_match: str | None, body_version: int | None) -> int:
    """The version a write is based on: ``If-Match: "3"`` or the body's ``version`` (they must agree)."""
    header = None
    if if_match is not None:
        found = _ETAG.match(if_match)
        if found is None:
            raise ApiError(422, f'If-Match: expected a plan version such as "3", got {if_match!r}', field="If-Match")
        header = int(found[1])
    if header is not None and body_version is not None and header != body_version:
        raise ApiError(422, f"version: If-Match says {header}, the body {body_version}", field="version")
    version = header if header is not None else body_version
    if version is None:
        raise ApiError(
            428, 'If-Match: send the version you edited, as If-Match: "<version>" or in the body', field="If-Match"
        )
    return version


def _with_etag(response: Response, plan: TargetPlan) -> dict[str, Any]:
    response.headers["ETag"] = f'"{plan.version}"'
    return public_plan(plan)


@router.post(
    "",
    response_model=PlanPublic,
    status_code=201,
    responses=error_responses(400, 401, 403, 404, 409, 422, 503),
    summary="Create a plan / 新建专案",
)
def create_plan(
    body: PlanCreate,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    appraisal: AppraisalConfigDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """Create a plan from its fields, or from a candidate: ``{"from_candidate": {"chain_id",
    "company_id", "segment_id"}, "unit": "晋江市"}`` fills in the chain, segment, gap type, linked
    local firms and a rationale (the gap, the firm's ties to local firms, its list places, its score)."""
    given = body.model_dump(exclude_unset=True, exclude={"from_candidate", "note"})
    fields = {k: v for k, v in given.items() if v is not None}
    if body.from_candidate is not None:
        fc = body.from_candidate
        fields = {
            **prefill_from_candidate(store, cache, config, fc.chain_id, fc.company_id, fc.segment_id, revs),
            **fields,
        }
    plan = plans.create_plan(store, actor=actor_of(key), note=body.note, gate=appraisal.gate, **fields)
    response.headers["Location"] = f"/plans/{plan.plan_id}"
    return _with_etag(response, plan)


@router.get(
    "", response_model=PlansPublic, responses=error_responses(401, 403, 422, 503), summary="List plans / 专案列表"
)
def list_plans(
    key: ViewerKey,
    store: StoreDep,
    page: PageDep,
    chain_id: Annotated[str | None, Query(max_length=64)] = None,
    status: PlanStatus | None = None,
    unit: Annotated[str | None, Query(max_length=200, description="responsible unit (责任单位)")] = None,
    company_id: Annotated[str | None, Query(max_length=64)] = None,
    overdue: Annotated[
        bool, Query(description="only open plans whose next action is past due, most overdue first")
    ] = False,
) -> dict[str, Any]:
    filters = {"chain_id": chain_id, "status": status, "unit": unit, "company_id": company_id}
    if overdue:
        hits = find_overdue(store, today=dt.date.today(), **filters)
        return {"data": [public_plan(p) for p in page.slice(hits)], "count": len(hits)}
    found = plans.list_plans(
        store,
        chain_id=chain_id,
        status=status.value if status else None,
        unit=unit,
        company_id=company_id,
        offset=page.offset,
        limit=page.limit,
    )
    return {"data": [public_plan(p) for p in found.items], "count": found.total}  # type: ignore[arg-type]


@router.get(
    "/{plan_id}",
    response_model=PlanPublic,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="One plan / 专案详情",
)
def get_plan(plan_id: PlanId, response: Response, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    """The plan; its version is also sent as ``ETag: "<version>"`` for the next write's ``If-Match``."""
    return _with_etag(response, plans.get_plan(store, plan_id))


@router.patch(
    "/{plan_id}",
    response_model=PlanPublic,
    responses=error_responses(400, 401, 403, 404, 409, 422, 428, 503),
    summary="Edit a plan / 修改专案",
)
def edit_plan(
    plan_id: PlanId, body: PlanUpdate, response: Response, key: PlannerKey, store: StoreDep, if_match: IfMatch = None
) -> dict[str, Any]:
    """Change fields (not the status: see moves). The version comes from ``If-Match`` or the body;
    none → 428 naming ``If-Match``; a stale one → 409, and nothing is written."""
    version = version_of(if_match, body.version)
    changes = body.model_dump(exclude_unset=True, exclude={"version", "note"})
    plan = plans.edit_plan(store, plan_id, version=version, changes=changes, actor=actor_of(key), note=body.note)
    return _with_etag(response, plan)


@router.post(
    "/{plan_id}/moves",
    response_model=PlanPublic,
    responses=error_responses(400, 401, 403, 404, 409, 422, 428, 503),
    summary="Move a plan's status / 推进专案",
)
def move_plan(
    plan_id: PlanId,
    body: PlanMove,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    appraisal: AppraisalConfigDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Forward (steps may be skipped), to ``dropped``, or reopen a dropped plan. A backward move is
    422 (``illegal_transition``), a move the appraisal gate refuses 422 (``appraisal_required``),
    a stale version 409, no version 428."""
    version = version_of(if_match, body.version)
    plan = plans.move_plan(
        store,
        plan_id,
        version=version,
        to_status=body.to_status,
        actor=actor_of(key),
        note=body.note,
        on=body.on,
        gate=appraisal.gate,
    )
    return _with_etag(response, plan)


@router.get(
    "/{plan_id}/events",
    response_model=PlanEventsPublic,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="A plan's audit trail / 专案变更记录",
)
def plan_events(plan_id: PlanId, key: ViewerKey, store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Every change: who (the API key's name), when, from, to, note and the fields changed."""
    events = plans.plan_history(store, plan_id)
    return {"data": [public_event(e) for e in page.slice(events)], "count": len(events)}
