"""After an import the first reads are planned on fresh statistics (Neo4jStore.refresh_statistics).

Without it, the statements the warm-up runs are planned on the statistics sampled before the import
and discarded as stale when the new samples land, so the planners' first reports pay the planning
again (benchmarks/RESULTS.md, Sixth round: three stale plans discarded during the first reads after a
100k import, none with it)."""

from __future__ import annotations

from typing import Any

from neo4j import exceptions as neo4j_errors

from chain_graph.models import Chain, Kind
from chain_graph.store import cypher
from chain_graph.store.base import Batch
from chain_graph.store.neo4j import Neo4jStore


class _ForbiddingSession:
    """A real session that records what it runs; with ``forbid``, ``db.prepareForReplanning`` is
    refused as it is to a user who is not an admin."""

    def __init__(self, session: Any, ran: list[str], *, forbid: bool) -> None:
        self._session, self._ran, self._forbid = session, ran, forbid

    def run(self, query: str, *args: Any, **kwargs: Any) -> Any:
        self._ran.append(query)
        if self._forbid and query == cypher.STATISTICS_REFRESH:
            raise neo4j_errors.Forbidden("Executing admin procedure is not allowed for user 'planner'")
        return self._session.run(query, *args, **kwargs)

    def __enter__(self) -> _ForbiddingSession:
        self._session.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._session.__exit__(*exc)


def _refresh_recording(store: Neo4jStore, driver: Any, *, forbid: bool) -> list[str]:
    ran: list[str] = []
    real_session = driver.session

    class Driver:
        def session(self, **kwargs: Any) -> _ForbiddingSession:
            return _ForbiddingSession(real_session(**kwargs), ran, forbid=forbid)

    store._driver = Driver()  # type: ignore[assignment]
    try:
        store.refresh_statistics()
    finally:
        store._driver = driver
    return ran


def test_the_server_resamples_and_replans_when_asked(neo4j_store: Neo4jStore, neo4j_driver) -> None:  # type: ignore[no-untyped-def]
    neo4j_store.apply(Batch(upserts=[Chain(chain_id="c1", name="链一")]))
    assert _refresh_recording(neo4j_store, neo4j_driver, forbid=False) == [cypher.STATISTICS_REFRESH]
    assert neo4j_store.get(Kind.CHAIN, "c1").name == "链一", "nothing stored is touched"  # type: ignore[attr-defined]


def test_a_user_who_may_not_replan_schedules_the_resampling_instead(neo4j_store: Neo4jStore, neo4j_driver) -> None:  # type: ignore[no-untyped-def]
    ran = _refresh_recording(neo4j_store, neo4j_driver, forbid=True)
    assert ran == [cypher.STATISTICS_REFRESH, cypher.STATISTICS_RESAMPLE]
