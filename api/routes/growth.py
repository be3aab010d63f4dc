"""Local firms' growth: expansion projects (``/expansions``) and the listing pipeline (``/listings``).

Same rules as plans: writes need a planner key and carry the version they were based on
(``If-Match: "<version>"`` or ``version`` in the body; none → 428, stale → 409); a move the
status or stage table does not allow → 422 ``illegal_transition``; the record's fields are
validated by the domain, and a refusal names the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CacheDep, ConfigDep, PageDep, PlannerKey, RevisionsDep, StoreDep, ViewerKey
from api.errors import ApiError, error_responses
from api.routes.plans import IfMatch, version_of
from chain_graph import growth
from chain_graph.models import (
    ExpansionProject,
    ExpansionStatus,
    KeyProjectList,
    ListingEntry,
    ListingStage,
    ListingTier,
)
from chain_graph.services.growth import (
    chain_growth,
    company_names,
    public_expansion,
    public_growing,
    public_listing,
)

router = APIRouter(tags=["growth"])
ExpansionId = Annotated[str, Path(description="expansion project id", examples=["exp-anta-2025"])]
CompanyId = Annotated[str, Path(description="company id of the pipeline firm", examples=["tietuo"])]
ChainQuery = Annotated[str | None, Query(max_length=64)]
_WRITES = error_responses(400, 401, 403, 404, 409, 422, 428, 503)


class ExpansionPublic(ExpansionProject):
    company_name: str | None = None
    status_label: str
    kind_label: str
    key_list_label: str | None = None
    allowed_moves: list[ExpansionStatus] = Field(default_factory=list)


class ExpansionsPublic(BaseModel):
    data: list[ExpansionPublic]
    count: int


class ListingPublic(ListingEntry):
    company_name: str | None = None
    tier_label: str
    stage_label: str
    allowed_moves: list[ListingStage] = Field(default_factory=list)


class ListingsPublic(BaseModel):
    data: list[ListingPublic]
    count: int


class GrowingFirmPublic(BaseModel):
    company_id: str
    name: str
    segments: list[dict[str, str]]
    investment_cny_100m: float
    expansions: list[ExpansionPublic]
    listing: ListingPublic | None = None


class GrowingFirmsPublic(BaseModel):
    data: list[GrowingFirmPublic]
    count: int


class ExpansionMove(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"to_status": "approved", "version": 1}]})

    to_status: str
    on: dt.date | None = Field(None, description="the day the status was reached (default today)")
    version: int | None = Field(None, ge=1, description="or send If-Match")


class ListingMove(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"to_stage": "tutoring", "version": 1}]})

    to_stage: str
    on: dt.date | None = Field(None, description="the day the stage was reached (default today)")
    version: int | None = Field(None, ge=1, description="or send If-Match")


_EXPANSION_EXAMPLE = {
    "company_id": "anta", "chain_id": "textile-apparel-footwear", "name": "智能工厂扩产项目",
    "expansion_kind": "capacity", "investment_cny_100m": 12.5, "key_list": "provincial", "key_list_year": 2025,
}  # fmt: skip
_LISTING_EXAMPLE = {"company_id": "tietuo", "tier": "listing_reserve", "chain_id": "machinery-equipment"}
Fields = dict[str, Any]


def _body_version(changes: Fields) -> int | None:
    value = changes.pop("version", None)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ApiError(422, f"version: expected a whole number ≥ 1, got {value!r}", field="version")
    return value


def _etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


def _expansion(response: Response, store: Any, project: ExpansionProject) -> dict[str, Any]:
    _etag(response, project.version)
    return public_expansion(project, company_names(store, [project.company_id]))


def _listing(response: Response, store: Any, entry: ListingEntry) -> dict[str, Any]:
    _etag(response, entry.version)
    return public_listing(entry, company_names(store, [entry.company_id]))


# -- expansions ----------------------------------------------------------------------------------


@router.get("/expansions", response_model=ExpansionsPublic, responses=error_responses(401, 403, 422, 503),
            summary="Expansion projects / 增资扩产项目")  # fmt: skip
def list_expansions(
    key: ViewerKey,
    store: StoreDep,
    page: PageDep,
    chain_id: ChainQuery = None,
    company_id: Annotated[str | None, Query(max_length=64)] = None,
    status: ExpansionStatus | None = None,
    key_list: KeyProjectList | None = None,
) -> dict[str, Any]:
    found = growth.list_expansions(
        store, chain_id=chain_id, company_id=company_id, status=status.value if status else None,
        key_list=key_list.value if key_list else None, offset=page.offset, limit=page.limit,
    )  # fmt: skip
    names = company_names(store, [p.company_id for p in found.items])  # type: ignore[attr-defined]
    return {"data": [public_expansion(p, names) for p in found.items], "count": found.total}  # type: ignore[arg-type]


@router.post("/expansions", response_model=ExpansionPublic, status_code=201, responses=_WRITES,
             summary="Record an expansion project / 新增扩产项目")  # fmt: skip
def create_expansion(
    response: Response, key: PlannerKey, store: StoreDep, body: Annotated[Fields, Body(examples=[_EXPANSION_EXAMPLE])]
) -> dict[str, Any]:
    """The project's fields (``docs/API-CONTRACT.md``); ``status`` defaults to ``planned``."""
    project = growth.create_expansion(store, **body)
    response.headers["Location"] = f"/expansions/{project.expansion_id}"
    return _expansion(response, store, project)


@router.get("/expansions/{expansion_id}", response_model=ExpansionPublic,
            responses=error_responses(401, 403, 404, 422, 503), summary="One expansion project / 项目详情")  # fmt: skip
def get_expansion(expansion_id: ExpansionId, response: Response, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    return _expansion(response, store, growth.get_expansion(store, expansion_id))


@router.patch("/expansions/{expansion_id}", response_model=ExpansionPublic, responses=_WRITES,
              summary="Edit an expansion project / 修改项目")  # fmt: skip
def edit_expansion(
    expansion_id: ExpansionId,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    body: Annotated[Fields, Body(examples=[{"version": 1, "investment_cny_100m": 15}])],
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Fields to change (not ``status``: see moves); a field sent as null is cleared."""
    changes = dict(body)
    version = version_of(if_match, _body_version(changes))
    return _expansion(response, store, growth.edit_expansion(store, expansion_id, version=version, changes=changes))


@router.post("/expansions/{expansion_id}/moves", response_model=ExpansionPublic, responses=_WRITES,
             summary="Move an expansion project's status / 推进项目")  # fmt: skip
def move_expansion(
    expansion_id: ExpansionId, body: ExpansionMove, response: Response, key: PlannerKey, store: StoreDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:  # fmt: skip
    """One step along planned → approved → under_construction → in_production, or cancelled (and a
    cancelled project back to planned); anything else is 422 ``illegal_transition``."""
    version = version_of(if_match, body.version)
    project = growth.move_expansion(store, expansion_id, version=version, to_status=body.to_status, on=body.on)
    return _expansion(response, store, project)


@router.get("/chains/{chain_id}/growth", response_model=GrowingFirmsPublic,
            responses=error_responses(401, 403, 404, 422, 503),
            summary="Growing strong-chain firms / 强链企业成长")  # fmt: skip
def growing(
    chain_id: Annotated[str, Path(max_length=64)],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """The local firms of the chain's strong segments with an active expansion project or a pipeline entry."""
    firms = [public_growing(f) for f in chain_growth(store, cache, config, chain_id, revs)]
    return {"data": firms, "count": len(firms)}


# -- listings ------------------------------------------------------------------------------------


@router.get("/listings", response_model=ListingsPublic, responses=error_responses(401, 403, 422, 503),
            summary="The listing pipeline / 上市后备企业")  # fmt: skip
def list_listings(
    key: ViewerKey,
    store: StoreDep,
    page: PageDep,
    chain_id: ChainQuery = None,
    stage: ListingStage | None = None,
    tier: ListingTier | None = None,
) -> dict[str, Any]:
    found = growth.list_listings(
        store, chain_id=chain_id, stage=stage.value if stage else None, tier=tier.value if tier else None,
        offset=page.offset, limit=page.limit,
    )  # fmt: skip
    names = company_names(store, [e.company_id for e in found.items])  # type: ignore[attr-defined]
    return {"data": [public_listing(e, names) for e in found.items], "count": found.total}  # type: ignore[arg-type]


@router.post("/listings", response_model=ListingPublic, status_code=201, responses=_WRITES,
             summary="Put a firm in the listing pipeline / 新增后备企业")  # fmt: skip
def create_listing(
    response: Response, key: PlannerKey, store: StoreDep, body: Annotated[Fields, Body(examples=[_LISTING_EXAMPLE])]
) -> dict[str, Any]:
    """One entry per firm; a ``reserve`` (储备企业) firm pays more than 500 万元 of tax a year."""
    entry = growth.create_listing(store, **body)
    response.headers["Location"] = f"/listings/{entry.company_id}"
    return _listing(response, store, entry)


@router.get("/listings/{company_id}", response_model=ListingPublic,
            responses=error_responses(401, 403, 404, 422, 503), summary="One pipeline firm / 后备企业详情")  # fmt: skip
def get_listing(company_id: CompanyId, response: Response, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    return _listing(response, store, growth.get_listing(store, company_id))


@router.patch("/listings/{company_id}", response_model=ListingPublic, responses=_WRITES,
              summary="Edit a pipeline firm / 修改后备企业")  # fmt: skip
def edit_listing(
    company_id: CompanyId,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    body: Annotated[Fields, Body(examples=[{"version": 1, "tax_paid_cny_10k": 860}])],
    if_match: IfMatch = None,
) -> dict[str, Any]:
    changes = dict(body)
    version = version_of(if_match, _body_version(changes))
    return _listing(response, store, growth.edit_listing(store, company_id, version=version, changes=changes))


@router.post("/listings/{company_id}/moves", response_model=ListingPublic, responses=_WRITES,
             summary="Move a pipeline firm's stage / 推进上市进程")  # fmt: skip
def move_listing(
    company_id: CompanyId, body: ListingMove, response: Response, key: PlannerKey, store: StoreDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:  # fmt: skip
    """One stage along cultivating → tutoring → filed → listed, or withdrawn (and back to cultivating)."""
    version = version_of(if_match, body.version)
    entry = growth.move_listing(store, company_id, version=version, to_stage=body.to_stage, on=body.on)
    return _listing(response, store, entry)
