"""The counties and districts of the home region."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import CacheDep, PageDep, RevisionsDep, SettingsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import CountiesPublic
from chain_graph.services import chains

router = APIRouter(prefix="/regions", tags=["regions"])


@router.get(
    "/counties",
    response_model=CountiesPublic,
    responses=error_responses(401, 403, 422, 503),
    summary="Counties of the home region / 县（市、区）",
)
def list_counties(
    key: ViewerKey, store: StoreDep, cache: CacheDep, settings: SettingsDep, revs: RevisionsDep, page: PageDep
) -> dict[str, Any]:
    """Regions directly under the home region (晋江市, 石狮市, …, functional zones), by id."""
    rows = [r.to_row() for r in chains.counties(store, cache, settings.home_region, revs)]
    return {"data": page.slice(rows), "count": len(rows)}
