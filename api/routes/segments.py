"""One segment with its firms, local and external."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import CacheDep, ConfigDep, RevisionsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import SegmentDetail
from chain_graph.services import chains

router = APIRouter(prefix="/segments", tags=["segments"])


@router.get(
    "/{segment_id}",
    response_model=SegmentDetail,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="One segment with its firms / 环节详情",
)
def get_segment(
    segment_id: Annotated[str, Path(description="segment id", examples=["tx.spandex"])],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """The segment, its status and reasons, every firm in it (local first) and its FEEDS neighbours."""
    return chains.segment_detail(store, cache, config, segment_id, revs)
