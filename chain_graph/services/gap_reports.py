"""Gap reports as the API and the CLI serve them: store facts in, pure analysis, cached by what it read.

A request reads the store's named revisions once (:func:`revisions`) and hands them down.
Every cache entry is keyed by the revisions of what it read:

- a chain's **facts** (``store.chain_facts``) by the epoch and the chain's own revision;
- the **plans** by the plans' revision (these two and the scope: :mod:`chain_graph.services.reads`,
  which reads all three together when none is cached);
- a chain's **context** and gap report by its facts' key and the *landed* plans (started, in
  production: they count as presence) — so moving a plan from 'visited' to 'negotiating'
  recomputes the plan list and the candidates (their score reads every plan), not the facts
  nor the gap report;
- **candidates** by the context's key, the plans' revision and the filters.

The cache computes each key once at a time (the other requests wait for it). A service
gathers its inputs from the cache one after the other and computes from them alone: no
computation calls back into the cache, so what a request computes is a flat list of entries.
Everything rendered from a gap report (its JSON, maps, workbooks) is keyed by
:attr:`GapReport.key`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from chain_graph.analysis import (
    AnalysisConfig,
    Candidate,
    ChainContext,
    ChainGaps,
    WhatIf,
    chain_context,
    chain_gaps,
    chain_snapshot,
    gap_segments,
    landings_from_plans,
    rank_candidates,
    what_if,
)
from chain_graph.analysis.candidates import check_filters
from chain_graph.analysis.presence import Landings
from chain_graph.cache import RevisionCache
from chain_graph.collector import paused_collection
from chain_graph.facts import ChainFacts
from chain_graph.models import ChainSnapshot, Kind
from chain_graph.services.reads import Revisions, facts, given, plans, read_cold, revisions, scope
from chain_graph.store import Store
from chain_graph.store.base import Page

__all__ = [
    "GapReport",
    "Revisions",
    "candidates",
    "context",
    "dumps",
    "facts",
    "gaps",
    "gaps_json",
    "plans",
    "record_snapshot",
    "report",
    "revisions",
    "scope",
    "snapshots",
    "warm",
    "what_if_landed",
]


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON with the Chinese as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _fingerprint(value: Any) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _context_key(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions, county: str | None
) -> tuple[tuple[Hashable, ...], ChainFacts, list[Any]]:
    if county is None:
        read_cold(store, cache, config, chain_id, revs)  # a cold cache: the three inputs in one read
    chain_facts = facts(store, cache, config, chain_id, revs, county)
    # every landed plan city-wide: its company counts as local for the ties of this chain's firms too
    landed = landings_from_plans(plans(store, cache, revs), config.landed_statuses)
    config_print = _fingerprint(config.model_dump(mode="json"))
    key = ("ctx", chain_id, county, config.home_region, config.firm_list_limit, config_print)
    return (*key, revs.chain(chain_id), _fingerprint([vars(x) for x in landed])), chain_facts, landed


@dataclass(frozen=True)
class GapReport:
    """A chain's gap report as cached, with its key: what everything rendered from it is keyed by."""

    key: tuple[Hashable, ...]
    context: ChainContext
    gaps: ChainGaps


def context(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> ChainContext:
    """The chain's facts read with its landed plans: every segment's state."""
    return _keyed_context(store, cache, config, chain_id, given(store, revs))[1]


def _keyed_context(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    revs: Revisions,
    county: str | None = None,
) -> tuple[tuple[Hashable, ...], ChainContext]:
    """The context and its key, the key computed once per request (the report entries reuse it);
    with ``county``, read with that county's firm lists (its view lists them)."""
    key, chain_facts, landed = _context_key(store, cache, config, chain_id, revs, county)
    local = scope(store, cache, config, revs)

    def compute() -> ChainContext:
        segment_ids = [s.segment_id for s in chain_facts.segments]
        companies = store.company_facts({x.company_id for x in landed}, segment_ids, local) if landed else {}
        return chain_context(chain_facts, local, config, Landings(tuple(landed), companies))

    return key, cache.get_or_compute(key, "ctx", compute)


def _county_context(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, county: str | None, revs: Revisions
) -> tuple[tuple[Hashable, ...], ChainContext]:
    """The context a report for ``county`` reads; an unknown county is refused (InvalidInput)
    before anything is read or cached for it."""
    if county is not None and county not in scope(store, cache, config, revs).counties:
        _, ctx = _keyed_context(store, cache, config, chain_id, revs)
        chain_gaps(ctx, county=county)  # raises InvalidInput naming the known counties
    return _keyed_context(store, cache, config, chain_id, revs, county)


def report(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    county: str | None = None,
    revs: Revisions | None = None,
) -> GapReport:
    """The chain's gap report (for ``county`` when given) with its key; each input is read from
    the cache one after the other, and the report is computed from them alone, with the cyclic
    collector paused (:mod:`chain_graph.collector`: a fifth of a cold report's CPU at city scale)."""
    with paused_collection():
        key, ctx = _county_context(store, cache, config, chain_id, county, given(store, revs))
        found = cache.get_or_compute(("gaps", county, key), "gaps", lambda: chain_gaps(ctx, county=county))
    return GapReport(key, ctx, found)


def gaps(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    county: str | None = None,
    revs: Revisions | None = None,
) -> ChainGaps:
    return report(store, cache, config, chain_id, county, revs).gaps


def gaps_json(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    county: str | None = None,
    revs: Revisions | None = None,
) -> bytes:
    """The gap report as JSON bytes, rendered once per key (the hot path of the page)."""
    found = report(store, cache, config, chain_id, county, revs)
    return cache.get_or_compute(("gaps.json", county, found.key), "json", lambda: dumps(found.gaps.to_dict()))


@paused_collection()  # thousands of path records and candidates, as a report (chain_graph.collector)
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
    revs: Revisions | None = None,
) -> list[Candidate]:
    """Every candidate that passes the filters, best first (the caller pages through them)."""
    revs = given(store, revs)
    check_filters(lists, min_score, None)
    key, ctx = _keyed_context(store, cache, config, chain_id, revs)
    segments = tuple(gap_segments(ctx, segment_id))
    landed = tuple(sorted(ctx.landed_ids))

    def rows() -> Any:
        return store.candidate_facts(list(segments), ctx.scope, also_local=landed)

    found = cache.get_or_compute(("candidate_facts", segments, landed), (key, "facts"), rows)
    ids = sorted({r.company.company_id for r in found.rows})
    paths = cache.get_or_compute(
        ("candidate_paths", segments, config.path_max_hops, ctx.scope.fingerprint()),
        (key, revs["epoch"], revs["relations"]),
        lambda: store.relation_paths(ids, ctx.scope, max_hops=config.path_max_hops, limit=1, beyond_direct_supply=True),
    )

    every_plan = plans(store, cache, revs)

    def compute() -> list[Candidate]:
        return rank_candidates(
            ctx,
            found,
            plans=every_plan,
            paths=paths,
            lists=list(lists) if lists else None,
            country=country,
            min_score=min_score,
        )

    filters = ("candidates", segment_id, lists, country, min_score)
    return cache.get_or_compute(filters, (key, revs["plans"], revs["relations"]), compute)


def warm(store: Store, cache: RevisionCache, config: AnalysisConfig) -> list[str]:
    """Compute every chain's city-wide gap report into ``cache`` and read one firm's facts as a
    landing reads them; returns the chains. Run right after an import, so that the first reports
    planners ask for do not pay for the database's first reads: on Neo4j, the first run of each
    statement after an import (planned then — FACT_CHAIN alone takes seconds to plan — and executed by
    a server that has only written) costs seconds, later runs tens of milliseconds (benchmarks/RESULTS.md,
    Fifth round). On the embedded store it only fills ``cache``: the CLI's throwaway cache gains nothing."""
    store.refresh_statistics()  # the plans made below are kept, not discarded when samples land
    revs = revisions(store)
    chains = [str(c.key[0]) for c in store.list(Kind.CHAIN).items]
    for chain_id in chains:
        found = report(store, cache, config, chain_id, revs=revs)
        facts = found.context.facts
        store.company_facts([f.company_id for f in facts.firms[:1]], [s.segment_id for s in facts.segments],
                            found.context.scope)  # fmt: skip
    return chains


def what_if_landed(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    company_id: str,
    revs: Revisions | None = None,
) -> WhatIf:
    revs = given(store, revs)
    key, ctx = _keyed_context(store, cache, config, chain_id, revs)

    def compute() -> WhatIf:
        segment_ids = [s.segment_id for s in ctx.facts.segments]
        company = store.company_facts([company_id], segment_ids, ctx.scope).get(company_id)
        return what_if(ctx, company_id, company)

    return cache.get_or_compute(("whatif", company_id), key, compute)


def record_snapshot(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> ChainSnapshot:
    """Keep today's completeness of the chain (a second call on the same day replaces it); ``revs``
    are those read before the write."""
    snapshot = chain_snapshot(gaps(store, cache, config, chain_id, revs=revs), dt.date.today())
    store.upsert(snapshot)
    return snapshot


def snapshots(store: Store, chain_id: str, *, offset: int = 0, limit: int | None = None) -> Page:
    """The chain's recorded completeness, oldest first (NotFound for an unknown chain)."""
    store.get(Kind.CHAIN, chain_id)
    return store.list(Kind.CHAIN_SNAPSHOT, where={"chain_id": chain_id}, offset=offset, limit=limit)
