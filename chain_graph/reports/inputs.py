"""What a report is built from: the KPI object of its period and the few records it lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chain_graph.analysis import Kpis
from chain_graph.models import ChainSnapshot, PlanEvent, TargetPlan
from chain_graph.reports.period import Period

__all__ = ["ReportInputs"]


@dataclass(frozen=True)
class ReportInputs:
    """Everything a monthly or quarterly report reads, gathered by :mod:`chain_graph.services.reports`.

    ``kpis`` is the object ``chain-graph kpis --json`` prints for the period's year (and, for a
    monthly report, its month); ``event_results`` is ``EventResults.to_dict()`` of the events
    held in the period, or None where no promotion-event records exist in this build.
    """

    period: Period
    kpis: Kpis
    plans: list[TargetPlan]
    events: list[PlanEvent]
    today: dt.date
    snapshots: list[ChainSnapshot] = field(default_factory=list)
    chain_names: dict[str, str] = field(default_factory=dict)
    company_names: dict[str, str] = field(default_factory=dict)
    event_results: dict[str, Any] | None = None

    @property
    def as_of(self) -> dt.date:
        """The day overdue plans are counted at: the day after the period, or today if sooner."""
        return min(self.today, self.period.end + dt.timedelta(days=1))
