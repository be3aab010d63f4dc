"""Printed reports (viewer): 逐月亮晒 and 季度通报 as ``.docx`` or PDF attachments.

Thin over :func:`chain_graph.services.reports.report_file`, the code ``chain-graph report`` runs;
the file name is Chinese in ``filename*`` (RFC 6266 / RFC 5987) with an ASCII ``filename`` for
old clients. A year, month or quarter out of range is a 422 naming the field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CacheDep, RevisionsDep, SettingsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.routes.excel import content_disposition
from chain_graph.export.docx import DOCX_MEDIA_TYPE
from chain_graph.export.pdf import PDF_MEDIA_TYPE
from chain_graph.reports import Period
from chain_graph.services.reports import ReportFormat, report_file

__all__ = ["router"]

router = APIRouter(prefix="/reports", tags=["reports"])
FILE = {200: {"description": "The report (PDF or Word)", "content": {PDF_MEDIA_TYPE: {}, DOCX_MEDIA_TYPE: {}}}}
Year = Annotated[int, Query(ge=1990, le=2100, description="the year", examples=[2026])]
Format = Annotated[ReportFormat, Query(description="pdf or docx")]


def _answer(
    store: StoreDep, cache: CacheDep, settings: SettingsDep, revs: RevisionsDep, period: Period, fmt: ReportFormat
) -> Response:
    found = report_file(store, cache, period, fmt, config=settings.kpi_config(), font=settings.report_font, revs=revs)
    headers = {"Content-Disposition": content_disposition(found.filename, found.fallback), "Cache-Control": "no-store"}
    return Response(content=found.data, media_type=found.media_type, headers=headers)


@router.get(
    "/monthly",
    response_class=Response,
    responses={**FILE, **error_responses(401, 403, 422, 503)},  # type: ignore[dict-item]
    summary="逐月亮晒 monthly ranking of units (PDF / Word)",
)
def monthly(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
    year: Year,
    month: Annotated[int, Query(ge=1, le=12, description="the month, 1-12")],
    format: Format = ReportFormat.PDF,
) -> Response:
    """The month's ranking of responsible units (the KPI unit ranking of that month), the year's signed
    investment against its target, start rates, overdue plans and event results."""
    return _answer(store, cache, settings, revs, Period.of("monthly", year, month=month), format)


@router.get(
    "/quarterly",
    response_class=Response,
    responses={**FILE, **error_responses(401, 403, 422, 503)},  # type: ignore[dict-item]
    summary="季度通报 quarterly briefing (PDF / Word)",
)
def quarterly(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
    year: Year,
    quarter: Annotated[int, Query(ge=1, le=4, description="the quarter, 1-4")],
    format: Format = ReportFormat.PDF,
) -> Response:
    """Signed investment against the target, start rates per signing year, the quarter's unit ranking,
    chain completeness change, overdue plans, event results and list coverage."""
    return _answer(store, cache, settings, revs, Period.of("quarterly", year, quarter=quarter), format)
