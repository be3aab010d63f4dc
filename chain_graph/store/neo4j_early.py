"""Staging part of a big Neo4j import while the rest of it is still read (docs/NEO4J-IMPORT.md,
"Staging while the bundle is read").

The server has nothing to do while the client reads and checks a bundle. The bundle importer
hands the records it has read so far (the nodes and memberships of a city, before its supply
ties) to :meth:`Neo4jStore.stage_early <chain_graph.store.neo4j.Neo4jStore.stage_early>`, which
stages them in a thread of its own, unseen by readers as every staged import is, and then the
supply ties between two of its new nodes as they are read (:meth:`EarlyImport.add`). The whole
batch is then applied as before, planned and checked whole; what was staged early is kept only
where the whole batch stages exactly the same rows, else it is swept and everything staged anew.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from queue import SimpleQueue

from neo4j import Driver, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from chain_graph.errors import Conflict
from chain_graph.models import Record
from chain_graph.store import cypher, neo4j_split
from chain_graph.store import neo4j_publish as gate
from chain_graph.store import neo4j_staged as staging
from chain_graph.store.base import ApplyResult, Batch
from chain_graph.store.neo4j_split import Staged
from chain_graph.store.neo4j_sweep import abandon

__all__ = ["EarlyImport", "stage_more", "stage_part"]

log = logging.getLogger(__name__)


class EarlyImport:
    """Part of a batch being staged; :meth:`add` stages relationships read after it too,
    :meth:`apply` writes the whole batch (once), :meth:`abandon` sweeps what was staged if the
    whole is not applied (a no-op after :meth:`apply`)."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        part: Batch,
        *,
        wait: Callable[[], None],
        apply: Callable[[Batch, Staged | None], ApplyResult],
    ) -> None:
        self._driver, self._database, self._apply = driver, database, apply
        self.import_id = uuid.uuid4().hex
        self._more: SimpleQueue[list[Record] | None] = SimpleQueue()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chain-graph-early-staging")
        self._future = self._pool.submit(self._stage, part, wait)
        self._open = True

    def add(self, records: list[Record]) -> None:
        """Stage these relationship records too, those between two new nodes of the part (after it)."""
        if self._open:
            self._more.put(records)

    def apply(self, batch: Batch) -> ApplyResult:
        """Write ``batch`` (which holds the part) as :meth:`Store.apply` does, keeping what was staged early."""
        if not self._open:
            raise Conflict("this early import was applied or abandoned already")
        self._open = False
        self._more.put(None)
        return self._apply(batch, self._staged())

    def abandon(self) -> None:
        """Stop the early staging and sweep what it staged (the whole batch was refused, or failed)."""
        if not self._open:
            return
        self._open = False
        self._more.put(None)
        try:
            with self._driver.session(database=self._database) as session:
                session.execute_write(_mark_failed, self.import_id)  # its next chunk stops there
                self._staged(quiet=True)
                abandon(session, self.import_id)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:  # the next open sweeps it
            self._staged(quiet=True)
            log.warning("early import %s not swept now (%s); the next store to open sweeps it", self.import_id, e)

    def _stage(self, part: Batch, wait: Callable[[], None]) -> Staged | None:
        staged = stage_part(self._driver, self._database, part, wait, self.import_id)
        while (records := self._more.get()) is not None:
            if staged is not None:
                staged = stage_more(self._driver, self._database, staged, records)
        return staged

    def _staged(self, *, quiet: bool = False) -> Staged | None:
        """What the early staging committed, once it has ended; None if it staged nothing, or failed
        (then it swept itself, and the whole batch is staged as if nothing was early)."""
        try:
            return self._future.result()
        except Exception as e:
            (log.info if quiet else log.warning)("staging import %s early failed: %s", self.import_id, e)
            return None
        finally:
            self._pool.shutdown()


def stage_part(driver: Driver, database: str, batch: Batch, wait: Callable[[], None], import_id: str) -> Staged | None:
    """Stage what part of a batch would stage (its new nodes, their references, the relationships
    that touch one) as the import ``import_id``, committed no further; None if it stages nothing.

    :func:`~chain_graph.store.neo4j_staged.apply_staged` of the whole batch keeps it where the
    whole stages the same. A failure sweeps it.
    """
    _, plan = gate.read(driver, database, lambda tx: staging.plan_at_revision(tx, batch), wait)
    nodes, expected = neo4j_split.split_nodes(plan)
    if not nodes:
        return None
    with driver.session(database=database) as session, driver.session(database=database) as second:
        session.execute_write(_begin, import_id, len(plan.upserts))
        try:
            seq, links, _ = staging.stage_nodes_while(
                session, import_id, nodes, 0, lambda: neo4j_split.split_links(plan)
            )
            ids = staging.staged_ids(session, import_id, expected)
            seq = staging.stage_steps([session, second][: staging.WRITERS], import_id, seq, links, ids)
        except BaseException:
            abandon(session, import_id)
            raise
    return neo4j_split.staged_of(import_id, seq, nodes, links, ids)


def stage_more(driver: Driver, database: str, staged: Staged, records: list[Record]) -> Staged:
    """Stage relationship ``records`` read after an early staging into its import, those between
    two of its new nodes (:func:`~chain_graph.store.neo4j_split.between_staged`). A failure sweeps it."""
    steps = neo4j_split.between_staged(staged, records)
    if not steps:
        return staged
    with driver.session(database=database) as session, driver.session(database=database) as second:
        try:
            writers = [session, second][: staging.WRITERS]
            seq = staging.stage_steps(writers, staged.import_id, staged.seq, steps, staged.ids)
        except BaseException:
            abandon(session, staged.import_id)
            raise
    links = dict(staged.links)
    for step in steps:
        links[step.query] = links.get(step.query, []) + step.items
    return dataclasses.replace(staged, seq=seq, links=links)


def _begin(tx: ManagedTransaction, import_id: str, rows: int) -> None:
    tx.run(cypher.IMPORT_BEGIN, {"id": import_id, "rows": rows}).consume()


def _mark_failed(tx: ManagedTransaction, import_id: str) -> None:
    tx.run(cypher.IMPORT_FAILED, {"id": import_id}).consume()
