"""The publication gate of staged Neo4j imports: readers and writers wait while one is published.

A staged import (:mod:`chain_graph.store.neo4j_staged`) commits in one small transaction that
marks it ``publishing`` — the commit point — and then gives its staged nodes their real labels in
chunk commits, far too many for one transaction on a server with default memory. While that
runs, the schema node's ``publishing`` names the import, and:

- every read transaction reads the gate first and last (:func:`read`): it waits while an import
  is published, and runs again if one began or ended meanwhile (Neo4j reads are read-committed,
  so a read that overlapped a flip chunk could have seen part of it); the revisions, one statement
  over bookkeeping nodes no flip chunk touches, read the gate in that statement and wait the same;
- every write reads it under the revision lock (:func:`check_gate` after the revision bump):
  it is refused with :class:`GateHeld` and runs again once the publication is done, so nothing
  can take a key the import is about to publish;
- whoever waits on a publication whose heartbeat went stale (its process died) finishes it
  (:func:`publish`): everything was staged and checked before the commit point, so the
  publication rolls forward and is never swept.

See docs/NEO4J-IMPORT.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, LiteralString, TypeVar

from neo4j import READ_ACCESS, Driver, ManagedTransaction

from chain_graph.errors import StoreUnavailable
from chain_graph.store import cypher
from chain_graph.store import neo4j_presence as presence

__all__ = ["FLIP_ROWS", "GateHeld", "check_gate", "publish", "read", "wait_for_gate"]

FLIP_ROWS = 10_000  # staged nodes given their label per commit
log = logging.getLogger(__name__)
T = TypeVar("T")


class GateHeld(Exception):
    """Raised inside a transaction that met a publication under way (it is rolled back)."""

    def __init__(self, import_id: str) -> None:
        super().__init__(f"import {import_id} is being published")
        self.import_id = import_id


class _GateMoved(Exception):
    """A read overlapped the start or the end of a publication: run it again."""


def check_gate(row: Any) -> None:
    """Refuse a write whose revision bump found a publication under way (``row['publishing']``)."""
    if row["publishing"] is not None:
        raise GateHeld(str(row["publishing"]))


def read(driver: Driver, database: str, work: Callable[[ManagedTransaction], T], wait: Callable[[], None]) -> T:
    """Run ``work`` in one read transaction that no publication overlapped."""
    while True:
        try:
            with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
                return session.execute_read(_gated, work)
        except GateHeld:
            wait()
        except _GateMoved:
            continue


def _gated(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    before = _gate(tx)
    if before[0] is not None:
        raise GateHeld(before[0])
    result = work(tx)
    if _gate(tx) != before:
        raise _GateMoved
    return result


def _gate(tx: ManagedTransaction) -> tuple[str | None, int]:
    row = tx.run(cypher.GATE_READ).single()
    return (None, 0) if row is None else (row["publishing"], int(row["published"]))


def wait_for_gate(driver: Driver, database: str, *, stale_seconds: float, timeout: float) -> None:
    """Return once no import is being published; finish one whose publisher died.

    Raises :class:`StoreUnavailable` when a live publication lasts longer than ``timeout``.
    """
    deadline, delay = time.monotonic() + timeout, 0.05
    while True:
        rows = driver.execute_query(cypher.GATE_STATE, {"stale": float(stale_seconds)}, database_=database).records
        if not rows or rows[0]["publishing"] is None:
            return
        import_id, alive = str(rows[0]["publishing"]), bool(rows[0]["alive"])
        if not alive:  # its process died (or it is gone): finish it here
            log.warning("import %s was left half published; finishing it", import_id)
            publish(driver, database, import_id)
            continue
        if time.monotonic() > deadline:
            raise StoreUnavailable(
                f"an import ({import_id}) is being made visible and took more than {timeout:.0f} s; try again shortly"
            )
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def publish(driver: Driver, database: str, import_id: str, *, after_chunk: Callable[[int], None] | None = None) -> int:
    """Give every staged node of a committed import its label, recount the presence counters of
    its segments, then open the gate. Idempotent.

    Anyone may run it, several at once: each chunk first write-locks the import node, so the
    chunks of one import run one at a time. Returns the number of nodes this call flipped.
    """
    flipped = chunks = 0
    with driver.session(database=database) as session:
        for kind, query in cypher.STAGED_FLIP.items():
            while n := session.execute_write(_flip_chunk, import_id, kind.value, query):
                flipped += n
                chunks += 1
                if after_chunk is not None:
                    after_chunk(chunks)
        pending = session.execute_write(_pending_segments, import_id)
        for start in range(0, len(pending), presence.RECOUNT_SEGMENTS):
            session.execute_write(_recount_chunk, import_id, pending[start : start + presence.RECOUNT_SEGMENTS])
        session.execute_write(_finish, import_id)
    return flipped


def _pending_segments(tx: ManagedTransaction, import_id: str) -> list[str]:
    """The segments whose presence counters the import moves (recorded at its commit point)."""
    if not _hold_publishing(tx, import_id):
        return []
    return [str(s) for s in tx.run(cypher.PRESENCE_PENDING_READ, {"id": import_id}).single(strict=True)["ids"]]


def _recount_chunk(tx: ManagedTransaction, import_id: str, segments: list[str]) -> None:
    """Recount some of them: readers still wait at the gate, so they see all the counters or none."""
    if _hold_publishing(tx, import_id):
        presence.recount(tx, segments)


def _flip_chunk(tx: ManagedTransaction, import_id: str, kind: str, query: LiteralString) -> int:
    if not _hold_publishing(tx, import_id):
        return 0
    return int(tx.run(query, {"import": import_id, "limit": FLIP_ROWS}).single(strict=True)["n"])


def _finish(tx: ManagedTransaction, import_id: str) -> None:
    if not _hold_publishing(tx, import_id):  # another process finished it (or the store was cleared)
        tx.run(cypher.PUBLISH_END, {"id": import_id}).consume()  # a no-op unless the gate still names it
        return
    left = int(tx.run(cypher.STAGED_LEFT, {"import": import_id}).single(strict=True)["n"])
    if left:  # cannot happen while every writer respects the gate; the next waiter tries again
        raise StoreUnavailable(f"import {import_id}: {left} staged nodes are not published yet; try again")
    tx.run(cypher.PUBLISH_END, {"id": import_id}).consume()
    tx.run(cypher.IMPORT_DONE, {"id": import_id}).consume()


def _hold_publishing(tx: ManagedTransaction, import_id: str) -> bool:
    """Lock the import and refresh its heartbeat; False once it is finished (or cleared)."""
    row = tx.run(cypher.IMPORT_HEARTBEAT, {"id": import_id}).single()
    return row is not None and row["state"] == "publishing"
