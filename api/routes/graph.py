"""A chain's subgraph for vis-network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import CacheDep, ConfigDep, RevisionsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import GraphPublic
from chain_graph.services import exports

router = APIRouter(prefix="/chains", tags=["graph"])


@router.get(
    "/{chain_id}/graph",
    response_model=GraphPublic,
    response_model_by_alias=True,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="Chain graph / 产业链图谱",
)
def chain_graph(
    chain_id: Annotated[str, Path(description="chain id", examples=["textile-apparel-footwear"])],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    companies: Annotated[bool, Query(description="include the companies of the chain's segments")] = True,
) -> dict[str, Any]:
    """Nodes ``{id, kind, label, group, stage, status, title, …}`` and edges ``{from, to, type, title, …}``
    of the chain, ready for vis-network; ``title`` (the tooltip) names each fact's source and date."""
    return exports.vis(store, cache, config, chain_id, companies, revs)
