"""Chain-gap analysis: gaps, candidates, what-if, completeness snapshots."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from api.deps import CacheDep, CandidateFiltersDep, ConfigDep, PageDep, PlannerKey, RevisionsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import CandidatesPublic, SnapshotsPublic
from chain_graph.analysis import ChainGaps, WhatIf
from chain_graph.models import ChainSnapshot
from chain_graph.services import gap_reports

router = APIRouter(prefix="/chains", tags=["analysis"])
ChainId = Annotated[str, Path(description="chain id", examples=["textile-apparel-footwear"])]
READ_ERRORS = error_responses(401, 403, 404, 422, 503)


@router.get("/{chain_id}/gaps", response_model=ChainGaps, responses=READ_ERRORS, summary="Gap analysis / 缺链分析")
def gaps(
    chain_id: ChainId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    county: Annotated[
        str | None,
        Query(max_length=64, description="a county id: its own statuses under `county`", examples=["350582"]),
    ] = None,
) -> Response:
    """Per segment: local firms, leading firms, revenue and status (missing / weak / strong), plus
    extensions (延链), supply dependency, fragile links, completeness and a summary per county.
    Cached per store revision: a repeated request is served from memory."""
    body = gap_reports.gaps_json(store, cache, config, chain_id, county or None, revs)
    return Response(content=body, media_type="application/json")


@router.get(
    "/{chain_id}/candidates",
    response_model=CandidatesPublic,
    responses=READ_ERRORS,
    summary="Candidates for the gaps / 缺链目标企业",
)
def candidates(
    chain_id: ChainId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    page: PageDep,
    filters: CandidateFiltersDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """Non-local companies in the gap segments, best first, each with its score and the parts
    that make it up (list tier and rank, revenue, supply ties to local firms, segment share,
    overseas-Chinese tie, existing plan)."""
    found = gap_reports.candidates(store, cache, config, chain_id, revs=revs, **filters.as_kwargs())
    return {"data": page.slice(found), "count": len(found)}


@router.get(
    "/{chain_id}/whatif/{company_id}",
    response_model=WhatIf,
    responses=READ_ERRORS,
    summary="What if the company came / 落地模拟",
)
def whatif(
    chain_id: ChainId,
    company_id: Annotated[str, Path(description="company id")],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
) -> Response:
    """Statuses and completeness of the chain before and after the company became local."""
    result = gap_reports.what_if_landed(store, cache, config, chain_id, company_id, revs)
    return Response(content=gap_reports.dumps(result.to_dict()), media_type="application/json")


@router.get(
    "/{chain_id}/snapshots",
    response_model=SnapshotsPublic,
    responses=READ_ERRORS,
    summary="Completeness over time / 完整度历史",
)
def list_snapshots(chain_id: ChainId, key: ViewerKey, store: StoreDep, page: PageDep) -> dict[str, Any]:
    found = gap_reports.snapshots(store, chain_id, offset=page.offset, limit=page.limit)
    return {"data": found.items, "count": found.total}


@router.post(
    "/{chain_id}/snapshots",
    response_model=ChainSnapshot,
    status_code=201,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="Record today's completeness / 记录完整度",
)
def record_snapshot(
    chain_id: ChainId, key: PlannerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep
) -> Any:
    """Keep today's completeness and status counts (a second call on the same day replaces them)."""
    return gap_reports.record_snapshot(store, cache, config, chain_id, revs)
