"""The analysis as the API serves it: cached per store revision, JSON rendered once.

Every function takes the store, the :class:`~chain_graph.cache.RevisionCache` and the analysis
config, and reads the revision first: the same request against unchanged data is answered
from the cache (the gap report as ready-made JSON bytes), any write recomputes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import networkx as nx

from chain_graph.analysis import (
    AnalysisConfig,
    Candidate,
    ChainGaps,
    Kpis,
    WhatIf,
    chain_gaps,
    chain_snapshot,
    kpis,
    rank_candidates,
    what_if,
)
from chain_graph.cache import RevisionCache
from chain_graph.models import ChainSnapshot, Kind, PlanEvent, Ranking, TargetPlan
from chain_graph.store import Store
from chain_graph.store.base import Page

__all__ = [
    "candidates",
    "dumps",
    "gaps",
    "gaps_json",
    "kpi_report",
    "plans",
    "record_snapshot",
    "snapshots",
    "subgraph",
    "what_if_landed",
]


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON with the Chinese as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def subgraph(store: Store, cache: RevisionCache, chain_id: str, revision: int | None = None) -> nx.MultiDiGraph:
    """The chain subgraph (read only: it is shared between requests)."""
    revision = store.revision() if revision is None else revision
    return cache.get_or_compute(("subgraph", chain_id), revision, lambda: store.chain_subgraph(chain_id))


def plans(store: Store, cache: RevisionCache, revision: int | None = None) -> list[TargetPlan]:
    revision = store.revision() if revision is None else revision
    return cache.get_or_compute(("plans",), revision, lambda: list(store.list(Kind.TARGET_PLAN).items))  # type: ignore[arg-type]


def gaps(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, county: str | None = None
) -> ChainGaps:
    revision = store.revision()

    def compute() -> ChainGaps:
        G = subgraph(store, cache, chain_id, revision)
        return chain_gaps(G, config=config, plans=plans(store, cache, revision), county=county)

    return cache.get_or_compute(("gaps", chain_id, county), revision, compute)


def gaps_json(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, county: str | None = None
) -> bytes:
    """The gap report as JSON bytes, rendered once per revision (the hot path of the page)."""
    revision = store.revision()
    return cache.get_or_compute(
        ("gaps.json", chain_id, county),
        revision,
        lambda: dumps(gaps(store, cache, config, chain_id, county).to_dict()),
    )


def candidates(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    *,
    segment_id: str | None = None,
    lists: tuple[str, ...] | None = None,
    country: str | None = None,
    min_score: float | None = None,
) -> list[Candidate]:
    """Every candidate that passes the filters, best first (the caller pages through them)."""
    revision = store.revision()

    def compute() -> list[Candidate]:
        G = subgraph(store, cache, chain_id, revision)
        return rank_candidates(
            G,
            config=config,
            plans=plans(store, cache, revision),
            segment_id=segment_id,
            lists=list(lists) if lists else None,
            country=country,
            min_score=min_score,
        )

    key = ("candidates", chain_id, segment_id, lists, country, min_score)
    return cache.get_or_compute(key, revision, compute)


def what_if_landed(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, company_id: str
) -> WhatIf:
    revision = store.revision()

    def compute() -> WhatIf:
        G = subgraph(store, cache, chain_id, revision)
        return what_if(G, company_id, config=config, plans=plans(store, cache, revision))

    return cache.get_or_compute(("whatif", chain_id, company_id), revision, compute)


def record_snapshot(store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str) -> ChainSnapshot:
    """Keep today's completeness of the chain (a second call on the same day replaces it)."""
    snapshot = chain_snapshot(gaps(store, cache, config, chain_id), dt.date.today())
    store.upsert(snapshot)
    return snapshot


def snapshots(store: Store, chain_id: str, *, offset: int = 0, limit: int | None = None) -> Page:
    """The chain's recorded completeness, oldest first (NotFound for an unknown chain)."""
    store.get(Kind.CHAIN, chain_id)
    return store.list(Kind.CHAIN_SNAPSHOT, where={"chain_id": chain_id}, offset=offset, limit=limit)


def kpi_report(store: Store, cache: RevisionCache, year: int, month: str | None = None) -> Kpis:
    revision = store.revision()

    def compute() -> Kpis:
        members: dict[str, set[str]] = defaultdict(set)
        for ranking in store.list(Kind.RANKING).items:
            assert isinstance(ranking, Ranking)
            members[ranking.list_id.value].add(ranking.company_id)
        events: list[PlanEvent] = store.list(Kind.PLAN_EVENT).items  # type: ignore[assignment]
        return kpis(plans(store, cache, revision), year=year, members=members, events=events, month=month)

    return cache.get_or_compute(("kpis", year, month), revision, compute)
