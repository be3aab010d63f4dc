"""KPIs of the targeting plans for a year."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CacheDep, RevisionsDep, SettingsDep, StoreDep, ViewerKey
from api.errors import error_responses
from chain_graph.analysis import Kpis
from chain_graph.services import gap_reports, kpi_reports

router = APIRouter(prefix="/kpis", tags=["kpis"])


@router.get("", response_model=Kpis, responses=error_responses(401, 403, 422, 503), summary="KPIs / 考核指标")
def get_kpis(
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    revs: RevisionsDep,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="default: this year")] = None,
    month: Annotated[
        str | None,
        Query(
            pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
            description="month of the unit ranking (YYYY-MM); default: the year's latest active month",
        ),
    ] = None,
) -> Response:
    """Signed investment against the annual target, start rates per signing year against their
    goals, the monthly ranking of responsible units (逐月亮晒) and ranking-list coverage."""
    year = year or dt.date.today().year
    report = kpi_reports.kpi_report(store, cache, year, month, revs, config=settings.kpi_config())
    return Response(content=gap_reports.dumps(report.to_dict()), media_type="application/json")
