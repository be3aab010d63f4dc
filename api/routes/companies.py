"""Companies: search (simplified or traditional Chinese) and one company with its ties."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import CacheDep, PageDep, RevisionsDep, SettingsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import CompaniesPublic, CompanyDetail
from chain_graph.models import Company, Kind
from chain_graph.services import companies

router = APIRouter(prefix="/companies", tags=["companies"])


@router.get(
    "",
    response_model=CompaniesPublic,
    responses=error_responses(401, 403, 422, 503),
    summary="Search companies / 企业检索",
)
def search_companies(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="full name, short name, alias, USCC or id; 简体或繁体 (台積電 = 台积电)",
            examples=["安踏"],
        ),
    ] = None,
) -> dict[str, Any]:
    """Companies whose names, aliases, USCC or id contain ``q`` (exact matches first, then
    prefixes); without ``q``, every company by id. ``count`` is the number of matches."""
    home = settings.home_region
    if q and q.strip():
        hits = companies.search(store, q)
        rows, count = page.slice(hits), len(hits)
    else:
        found = store.list(Kind.COMPANY, offset=page.offset, limit=page.limit)
        rows, count = found.items, found.total
    data = [companies.public_company(c, store, cache, home, revs) for c in rows if isinstance(c, Company)]
    return {"data": data, "count": count}


@router.get(
    "/{company_id}",
    response_model=CompanyDetail,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="One company / 企业详情",
)
def get_company(
    company_id: Annotated[str, Path(description="company id", examples=["anta"])],
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
) -> dict[str, Any]:
    """The company, whether it is local (and its county), its segments, supply ties both ways,
    ranking-list entries and the plans that target it."""
    return companies.company_detail(store, cache, settings.home_region, company_id, revs)
