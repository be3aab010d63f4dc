"""What every gap report reads, cached by the revisions it read: the scope, a chain's facts, the plans.

A request reads the store's named revisions once (:func:`revisions`) and hands them down; each
entry below is keyed by the revisions of what it read (:mod:`chain_graph.services.gap_reports`
builds the reports on them). When none of a city-wide report's three inputs is cached (a cold
cache: a new process, a write to the regions, the chain and the plans at once), they are read
together (:func:`read_cold`, ``store.report_inputs``: one read transaction on Neo4j instead of
three, each costing round trips to a loaded server), then cached as if read one by one.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.facts import ChainFacts, LocalScope
from chain_graph.models import Kind, Region, TargetPlan
from chain_graph.store import Store

__all__ = ["Revisions", "facts", "given", "plans", "read_cold", "revisions", "scope"]


@dataclass(frozen=True)
class Revisions:
    """The store's named revisions as read once for a request."""

    values: Mapping[str, int]

    def __getitem__(self, name: str) -> int:
        return int(self.values.get(name, 0))

    def chain(self, chain_id: str) -> tuple[int, int]:
        """What a chain's facts depend on: the epoch and the chain's own revision."""
        return self["epoch"], self[f"chain:{chain_id}"]


def revisions(store: Store) -> Revisions:
    """Read the store's revisions (one query); pass the answer to every service call of the request."""
    return Revisions(dict(store.revisions()))


def given(store: Store, revs: Revisions | None) -> Revisions:
    """``revs``, or the store's revisions read now."""
    return revisions(store) if revs is None else revs


def _keys(
    config: AnalysisConfig, chain_id: str, revs: Revisions, county: str | None
) -> tuple[tuple[Hashable, Hashable], ...]:
    """The cache entries (key, revision) of the scope, the chain's facts and the plans."""
    return (
        (("scope", config.home_region), revs["epoch"]),
        (("facts", chain_id, config.home_region, config.firm_list_limit, county), revs.chain(chain_id)),
        (("plans",), revs["plans"]),
    )


def scope(store: Store, cache: RevisionCache, config: AnalysisConfig, revs: Revisions | None = None) -> LocalScope:
    """The home region and the regions below it (regions move the epoch when they change)."""
    revs = given(store, revs)

    def compute() -> LocalScope:
        regions = [r for r in store.list(Kind.REGION).items if isinstance(r, Region)]
        return LocalScope.of(config.home_region, regions)

    key, revision = _keys(config, "", revs, None)[0]
    return cache.get_or_compute(key, revision, compute)


def facts(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    revs: Revisions | None = None,
    county: str | None = None,
) -> ChainFacts:
    """The chain's facts (read only: shared between requests); with ``county`` (a county of the
    scope), its firm lists are complete for that county too."""
    revs = given(store, revs)
    local = scope(store, cache, config, revs)
    key, revision = _keys(config, chain_id, revs, county)[1]
    return cache.get_or_compute(
        key, revision, lambda: store.chain_facts(chain_id, local, firm_limit=config.firm_list_limit, county=county)
    )


def plans(store: Store, cache: RevisionCache, revs: Revisions | None = None) -> list[TargetPlan]:
    revs = given(store, revs)
    return cache.get_or_compute(("plans",), revs["plans"], lambda: list(store.list(Kind.TARGET_PLAN).items))  # type: ignore[arg-type]


def read_cold(store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions) -> None:
    """When none of the city-wide report's inputs (scope, facts, plans) is cached, read them
    together (``store.report_inputs``, once whoever else asks meanwhile) and cache each as
    :func:`scope`, :func:`facts` and :func:`plans` would; otherwise do nothing (they read what
    is missing)."""
    wanted = _keys(config, chain_id, revs, None)
    if any(cache.holds(key, revision) for key, revision in wanted):
        return
    found = cache.get_or_compute(
        ("inputs", chain_id, config.home_region, config.firm_list_limit),
        tuple(revision for _, revision in wanted),
        lambda: store.report_inputs(chain_id, config.home_region, firm_limit=config.firm_list_limit),
    )
    for (key, revision), value in zip(wanted, found, strict=True):
        _keep(cache, key, revision, value)


def _keep(cache: RevisionCache, key: Hashable, revision: Hashable, value: object) -> None:
    cache.get_or_compute(key, revision, lambda: value)
