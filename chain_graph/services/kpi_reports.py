"""The KPIs as the API, the CLI and the printed reports serve them, cached by what they read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from chain_graph.analysis import KpiConfig, Kpis, kpis
from chain_graph.cache import RevisionCache
from chain_graph.models import Kind, PlanEvent, Ranking
from chain_graph.services.gap_reports import Revisions, _fingerprint, plans, revisions
from chain_graph.store import Store

__all__ = ["kpi_report"]


def kpi_report(
    store: Store,
    cache: RevisionCache,
    year: int,
    month: str | None = None,
    revs: Revisions | None = None,
    *,
    config: KpiConfig | None = None,
) -> Kpis:
    """The KPIs of ``year`` (unit ranking of ``month``) against ``config``'s targets (default: KpiConfig())."""
    revs = revisions(store) if revs is None else revs
    config = config or KpiConfig()
    every_plan = plans(store, cache, revs)

    def compute() -> Kpis:
        members: dict[str, set[str]] = defaultdict(set)
        for ranking in store.list(Kind.RANKING).items:
            assert isinstance(ranking, Ranking)
            members[ranking.list_id.value].add(ranking.company_id)
        events: list[PlanEvent] = store.list(Kind.PLAN_EVENT).items  # type: ignore[assignment]
        expansions, listings = store.list(Kind.EXPANSION).items, store.list(Kind.LISTING).items
        report = kpis(
            every_plan,
            year=year,
            config=config,
            members=members,
            events=events,
            month=month,
            expansions=expansions,  # type: ignore[arg-type]
            listings=listings,  # type: ignore[arg-type]
        )
        from chain_graph.services.events import event_results  # it builds on this module

        held = event_results(store, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return report.model_copy(update={"events": held})

    key = ("kpis", year, month, _fingerprint(config.model_dump(mode="json")))
    revisions_read = (revs["plans"], revs["events"], revs["data"], revs["growth"], revs["promotions"])
    return cache.get_or_compute(key, revisions_read, compute)
