"""Chains: the list with counts, and one chain with its segments (and their statuses)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import CacheDep, ConfigDep, PageDep, RevisionsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import ChainDetail, ChainsPublic
from chain_graph.services import chains

router = APIRouter(prefix="/chains", tags=["chains"])
ChainId = Annotated[str, Path(description="chain id", examples=["textile-apparel-footwear"])]


@router.get(
    "",
    response_model=ChainsPublic,
    responses=error_responses(401, 403, 422, 503),
    summary="Chains with counts / 产业链列表",
)
def list_chains(
    key: ViewerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep, page: PageDep
) -> dict[str, Any]:
    """Every chain with its numbers of segments, companies and local firms."""
    rows = chains.chain_summaries(store, cache, config.home_region, revs)
    return {"data": page.slice(rows), "count": len(rows)}


@router.get(
    "/{chain_id}",
    response_model=ChainDetail,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="One chain with its segments / 产业链详情",
)
def get_chain(
    chain_id: ChainId, key: ViewerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep
) -> dict[str, Any]:
    """The chain and its segments in stage order (上游 → 下游), each with its city-wide status."""
    return chains.chain_detail(store, cache, config, chain_id, revs)
