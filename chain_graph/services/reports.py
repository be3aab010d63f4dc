"""Printed reports as the API and the CLI serve them: the inputs read from the store, the document
built (:mod:`chain_graph.reports`), rendered as ``.docx`` or PDF, cached until the next write.

The report reads the KPI object of its period — the same :func:`~chain_graph.services.kpi_reports.kpi_report`
that ``chain-graph kpis`` and ``GET /kpis`` answer, with the same targets — and a few bounded
lists: the plans and their events (as the KPIs read them), the chains' completeness snapshots,
the names of the overdue plans' firms it lists, and the results of the promotion events held in
the period where this build records events (``chain_graph.services.events.event_results``).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from chain_graph.analysis import KpiConfig, Kpis
from chain_graph.cache import RevisionCache
from chain_graph.errors import InvalidInput
from chain_graph.models import Chain, ChainSnapshot, Company, Kind, PlanEvent, TargetPlan
from chain_graph.provenance import display_name
from chain_graph.reports import Document, Period, ReportInputs, ReportKind, build_report
from chain_graph.reports.figures import overdue_at
from chain_graph.reports.sections import OVERDUE_ROWS
from chain_graph.services import gap_reports, kpi_reports
from chain_graph.store import Store

__all__ = ["ReportFile", "ReportFormat", "format_of", "report_document", "report_file", "report_inputs"]

NAMES = {ReportKind.MONTHLY: "逐月亮晒", ReportKind.QUARTERLY: "季度通报"}


class ReportFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True)
class ReportFile:
    """A rendered report: its bytes, media type, Chinese file name and an ASCII one for old clients."""

    data: bytes
    media_type: str
    filename: str
    fallback: str


def format_of(path: Path, given: str | None = None) -> ReportFormat:
    """``given`` if set, else the file's suffix (``.docx`` or ``.pdf``); InvalidInput otherwise."""
    value = given or path.suffix.lower().lstrip(".")
    try:
        return ReportFormat(value)
    except ValueError:
        field = "format" if given else "out"
        raise InvalidInput(f"{field}: a report is written as .docx or .pdf, got {value or path.name!r}",
                           field=field) from None  # fmt: skip


def report_inputs(
    store: Store,
    cache: RevisionCache,
    period: Period,
    *,
    config: KpiConfig,
    today: dt.date,
    revs: gap_reports.Revisions | None = None,
) -> ReportInputs:
    """Everything the period's report reads (see the module docstring)."""
    kpis, plans = _cached_inputs(store, cache, period, config, gap_reports.revisions(store) if revs is None else revs)
    return _read_inputs(store, period, kpis, plans, today)


def _cached_inputs(
    store: Store, cache: RevisionCache, period: Period, config: KpiConfig, revs: gap_reports.Revisions
) -> tuple[Kpis, list[TargetPlan]]:
    """The period's KPI object and the plans, from the services' cache."""
    month = period.months[0] if period.kind is ReportKind.MONTHLY else None
    kpis = kpi_reports.kpi_report(store, cache, period.year, month, revs, config=config)
    return kpis, gap_reports.plans(store, cache, revs)


def _read_inputs(store: Store, period: Period, kpis: Kpis, plans: list[TargetPlan], today: dt.date) -> ReportInputs:
    """The bounded lists the report reads besides the KPIs and plans (store reads only)."""
    events = [e for e in store.list(Kind.PLAN_EVENT).items if isinstance(e, PlanEvent)]
    chains = {c.chain_id: c.name for c in store.list(Kind.CHAIN).items if isinstance(c, Chain)}
    snapshots = [s for s in store.list(Kind.CHAIN_SNAPSHOT).items if isinstance(s, ChainSnapshot)]
    inputs = ReportInputs(period, kpis, plans, events, today, snapshots, chains)
    listed = {(p.company_id,) for p in overdue_at(plans, inputs.as_of)[:OVERDUE_ROWS]}
    names = {k[0]: display_name(c.name, source=c.source)
             for k, c in store.lookup_many(Kind.COMPANY, listed).items() if isinstance(c, Company)}  # fmt: skip
    return ReportInputs(period, kpis, plans, events, today, snapshots, chains, names, _event_results(store, period))


def _event_results(store: Store, period: Period) -> dict[str, Any] | None:
    """The period's promotion-event results, or None where this build has no event records."""
    try:
        events = importlib.import_module("chain_graph.services.events")
    except ImportError:
        return None
    results = getattr(events, "event_results", None)
    return None if results is None else results(store, period.start, period.end).to_dict()


def report_document(
    store: Store, cache: RevisionCache, period: Period, *, config: KpiConfig, today: dt.date | None = None
) -> Document:
    return build_report(report_inputs(store, cache, period, config=config, today=today or dt.date.today()))


def report_file(
    store: Store,
    cache: RevisionCache,
    period: Period,
    fmt: ReportFormat,
    *,
    config: KpiConfig,
    font: Path | None = None,
    today: dt.date | None = None,
    revs: gap_reports.Revisions | None = None,
) -> ReportFile:
    """The period's report rendered as ``fmt``, cached until the next write to the store (or the next day)."""
    from chain_graph.export.docx import DOCX_MEDIA_TYPE, report_docx
    from chain_graph.export.fonts import cjk_font
    from chain_graph.export.pdf import PDF_MEDIA_TYPE, report_pdf

    today = today or dt.date.today()
    face = cjk_font(font)
    name = f"{NAMES[period.kind]}-{period.label}.{fmt.value}"
    fallback = f"{period.kind.value}-{period.slug}.{fmt.value}"

    revs = gap_reports.revisions(store) if revs is None else revs
    kpis, plans = _cached_inputs(store, cache, period, config, revs)

    def render() -> ReportFile:
        doc = build_report(_read_inputs(store, period, kpis, plans, today))
        if fmt is ReportFormat.DOCX:
            return ReportFile(report_docx(doc, face), DOCX_MEDIA_TYPE, name, fallback)
        return ReportFile(report_pdf(doc, face), PDF_MEDIA_TYPE, name, fallback)

    key = ("report", period, fmt, today, str(face), config.model_dump_json())
    return cache.get_or_compute(key, revs["any"], render)
