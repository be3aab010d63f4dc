"""Excel downloads (viewer): gap reports, candidates, plans, KPIs, and the import template.

Each route answers an ``.xlsx`` workbook (:mod:`chain_graph.export.excel`) as an attachment
whose file name is Chinese where it can be: ``Content-Disposition`` carries an ASCII
``filename`` for old clients and the UTF-8 ``filename*`` of RFC 6266 / RFC 5987. The
workbooks come from :mod:`chain_graph.services.exports`, which caches those of the analysis
under the gap report's key, like the JSON they mirror.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Response

from api.deps import CacheDep, CandidateFiltersDep, ConfigDep, RevisionsDep, SettingsDep, StoreDep, ViewerKey
from api.errors import error_responses
from chain_graph.export.excel import XLSX_MEDIA_TYPE, template_workbook
from chain_graph.models import PlanStatus
from chain_graph.services import exports

__all__ = ["content_disposition", "router"]

router = APIRouter(tags=["excel"])
ChainId = Annotated[str, Path(description="chain id", examples=["textile-apparel-footwear"])]
WORKBOOK: dict[int | str, dict[str, Any]] = {
    200: {"description": "An Excel workbook (.xlsx)", "content": {XLSX_MEDIA_TYPE: {}}}
}


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment named ``filename`` (UTF-8, RFC 5987), or ``fallback`` (ASCII) for old clients.

    >>> print(content_disposition("缺链 分析.xlsx", "tex-gaps.xlsx"))
    attachment; filename="tex-gaps.xlsx"; filename*=UTF-8''%E7%BC%BA%E9%93%BE%20%E5%88%86%E6%9E%90.xlsx
    """
    ascii_name = "".join(ch for ch in fallback if ch.isascii() and ch.isprintable() and ch not in '"\\;') or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _workbook(data: bytes, filename: str, fallback: str) -> Response:
    return Response(
        content=data,
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": content_disposition(filename, fallback), "Cache-Control": "no-store"},
    )


@router.get(
    "/chains/{chain_id}/gaps.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **error_responses(401, 403, 404, 422, 503)},
    summary="Gap analysis as Excel / 缺链分析表",
)
def gaps_xlsx(
    chain_id: ChainId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    county: Annotated[str | None, Query(max_length=64, description="a county id: adds its own statuses")] = None,
) -> Response:
    """The gap report of ``GET /chains/{chain_id}/gaps`` as a workbook: overview, segments, extensions,
    supply dependency, fragile links and counties, one sheet each."""
    name, data = exports.gaps_xlsx(store, cache, config, chain_id, county or None, revs)
    return _workbook(data, f"{name}-缺链分析.xlsx", f"{chain_id}-gaps.xlsx")


@router.get(
    "/chains/{chain_id}/candidates.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **error_responses(401, 403, 404, 422, 503)},
    summary="Candidates as Excel / 缺链目标企业表",
)
def candidates_xlsx(
    chain_id: ChainId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    filters: CandidateFiltersDep,
    revs: RevisionsDep,
) -> Response:
    """Every candidate of ``GET /chains/{chain_id}/candidates`` (same filters, no paging), best first,
    with the parts of each score."""
    name, data = exports.candidates_xlsx(store, cache, config, chain_id, revs, **filters.as_kwargs())
    return _workbook(data, f"{name}-目标企业.xlsx", f"{chain_id}-candidates.xlsx")


@router.get(
    "/plans.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **error_responses(401, 403, 422, 503)},
    summary="Plans as Excel / 专案台账",
)
def plans_xlsx(
    key: ViewerKey,
    store: StoreDep,
    chain_id: Annotated[str | None, Query(max_length=64)] = None,
    status: PlanStatus | None = None,
    unit: Annotated[str | None, Query(max_length=200, description="responsible unit (责任单位)")] = None,
    company_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """The plans (filtered as ``GET /plans``) with their company names, and their history on a second sheet."""
    status_value = status.value if status else None
    data = exports.plans_xlsx(store, chain_id=chain_id, status=status_value, unit=unit, company_id=company_id)
    today = dt.date.today().isoformat()
    return _workbook(data, f"招商专案台账-{today}.xlsx", f"plans-{today}.xlsx")


@router.get(
    "/kpis.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **error_responses(401, 403, 422, 503)},
    summary="KPIs as Excel / 考核指标表",
)
def kpis_xlsx(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="default: this year")] = None,
    month: Annotated[
        str | None,
        Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="month of the unit ranking (YYYY-MM)"),
    ] = None,
) -> Response:
    """The KPIs of ``GET /kpis`` as a workbook: signed investment, start rates, the monthly unit
    ranking (逐月亮晒) and ranking-list coverage."""
    year, data = exports.kpis_xlsx(store, cache, year, month, config=settings.kpi_config(), revs=revs)
    return _workbook(data, f"考核指标-{year}.xlsx", f"kpis-{year}.xlsx")


@router.get(
    "/template.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **error_responses(401, 403, 503)},
    summary="Import template / 导入模板",
)
def template_xlsx(key: ViewerKey) -> Response:
    """The workbook to fill in for ``POST /imports``: a 说明 sheet describing every column, then one
    sheet per table with its header and one example row."""
    return _workbook(template_workbook(), "招商一张图-导入模板.xlsx", "chain-graph-template.xlsx")
