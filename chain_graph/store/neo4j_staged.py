"""Big Neo4j batches in per-chunk commits that readers cannot see, published after one small commit.

One transaction holding a whole bundle (1.26M rows for 100k companies and 1M ties) does not fit
the transaction memory pool of a server with default settings (512 MB heap). A batch of more
than :data:`~chain_graph.store.neo4j.STAGE_ROWS` rows is therefore

1. **planned** by :func:`~chain_graph.store.checks.plan_batch` in a read transaction, after
   reading the store revision;
2. **staged**: its new nodes are written as ``(:Staged {_import, _key, …})`` nodes, without
   their real label, and the references and relationships that touch a new node with their real
   type — one commit per chunk, each refreshing the heartbeat of the import's
   ``(:ChainGraphImport)`` node. No read sees them: every read pattern names a real label at
   both ends of a relationship;
3. **committed** in one small transaction, the commit point: it bumps the revision (its lock
   orders the import after every write committed since the plan, and the value says whether there
   was one — if so, the batch is planned again and must come out the same, else
   :class:`Conflict`), checks that no visible node holds a staged key, writes what changes
   existing data (updates, deletes, new relationships between two existing nodes), and marks the
   import ``publishing`` on the publication gate;
4. **published**: :func:`~chain_graph.store.neo4j_publish.publish` gives the staged nodes their
   labels in chunk commits while readers and writers wait at the gate.

An import that fails before its commit point is marked failed and its staged rows swept at once;
one whose process died is swept by the next store that opens, or import that starts, once its
heartbeat is older than the store's ``stale_import_seconds``. An import that dies after its commit
point is rolled forward, never swept: by the next store that opens, import that starts, or reader
or writer that waits for it. See docs/NEO4J-IMPORT.md for the design and figures.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from queue import SimpleQueue
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors

from chain_graph.errors import Conflict, StoreUnavailable
from chain_graph.models import Kind
from chain_graph.store import cypher, neo4j_split
from chain_graph.store import neo4j_presence as presence
from chain_graph.store import neo4j_publish as gate
from chain_graph.store.base import ApplyResult, Batch
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch
from chain_graph.store.neo4j_records import TxView, chunks, write_plan
from chain_graph.store.neo4j_split import Ids, Step
from chain_graph.store.neo4j_sweep import abandon, sweep_stale

__all__ = [
    "CHUNK_ROWS",
    "apply_staged",
    "plan_at_revision",
    "stage_nodes_while",
    "stage_steps",
    "staged_ids",
    "sweep_stale",
]  # sweep_stale: neo4j_sweep's, for the store

# Rows per staging commit. Small enough that a chunk's transaction state (two writers' at once)
# dies young in the server's default 512 MB heap: with 10,000–20,000 rows it was promoted, and
# the 100k city's import spent 11–13 s in GC pauses and ~35 java CPU-s more (docs/NEO4J-IMPORT.md).
CHUNK_ROWS = 5_000
CHUNK_TRIES = 5  # attempts of a chunk that meets deadlocks
_DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
WRITERS = 2  # sessions that write relationship chunks at once (docs/NEO4J-IMPORT.md: deadlocks are rare, retried)

log = logging.getLogger(__name__)


def apply_staged(
    driver: Driver, database: str, batch: Batch, *, stale_seconds: float, wait: Callable[[], None]
) -> ApplyResult:
    """Write a big batch all-or-nothing to readers, in chunks that fit a default server.

    ``wait`` returns once no other import is being published (and finishes one whose process died).
    """
    sweep_stale(driver, database, stale_seconds)
    with driver.session(database=database) as session, driver.session(database=database) as second:
        revision, plan = gate.read(driver, database, lambda tx: plan_at_revision(tx, batch), wait)
        nodes, expected = neo4j_split.split_nodes(plan)
        if not nodes:  # nothing changed, or no new node to hide: the changes fit one transaction alone
            if plan.upserts or plan.deletes:  # else nothing is written, the revision kept
                _, final = neo4j_split.split_links(plan)
                _through_gate(session, wait, _Commit(batch, plan, final, revision, expected))
            return plan.result
        import_id = uuid.uuid4().hex
        session.execute_write(_run, cypher.IMPORT_BEGIN, {"id": import_id, "rows": len(plan.upserts)})
        try:
            seq, links, final = stage_nodes_while(session, import_id, nodes, 0, lambda: neo4j_split.split_links(plan))
            writers = [session, second][:WRITERS]
            stage_steps(writers, import_id, seq, links, staged_ids(session, import_id, expected))
            _through_gate(session, wait, _Commit(batch, plan, final, revision, expected, import_id))
        except BaseException:
            abandon(session, import_id)
            raise
        _publish(session, driver, database, import_id)
    return plan.result


def _run(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Any]:
    return list(tx.run(query, params))


def plan_at_revision(tx: ManagedTransaction, batch: Batch) -> tuple[int, BatchPlan]:
    """The revision first: any write committed after it moves it, and the final check sees that."""
    rows = _run(tx, cypher.REVISION_READ, {})
    return (int(rows[0]["revision"]) if rows else 0), plan_batch(TxView(tx), batch)


def stage_nodes_while(
    session: Session,
    import_id: str,
    nodes: list[Step],
    seq: int,
    split_links: Callable[[], tuple[list[Step], BatchPlan]],
) -> tuple[int, list[Step], BatchPlan]:
    """Stage the new nodes (one writer: their ids are read next) in a thread of their own while
    this thread splits the rest (the server would otherwise wait for the client, then the client
    for the server); the last chunk number and the split.

    Returns or raises only once the staging has ended (the pool waits for it), so that the
    session is free again for the staging's sweep.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        staging = pool.submit(stage_steps, [session], import_id, seq, nodes, {})
        links, final = split_links()
        return staging.result(), links, final


def stage_steps(sessions: list[Session], import_id: str, seq: int, steps: list[Step], ids: Ids) -> int:
    """Commit ``steps`` chunk by chunk after chunk number ``seq``; the last chunk number.

    Each session writes one chunk at a time, in a thread of its own; this thread builds the rows
    of the next chunk meanwhile. The first error stops the staging (chunks already under way
    end first) and is raised here.
    """
    free: SimpleQueue[Session] = SimpleQueue()
    for session in sessions:
        free.put(session)

    def commit(seq: int, query: LiteralString, params: dict[str, Any]) -> None:
        session = free.get()
        try:
            _commit_chunk(session, import_id, seq, query, params)
        finally:
            free.put(session)

    pending: deque[Future[None]] = deque()
    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        try:
            for step in steps:
                for chunk in chunks(step.items, CHUNK_ROWS):
                    rows = list(chunk) if step.rows is None else step.rows(chunk, ids)
                    while len(pending) >= len(sessions):
                        pending.popleft().result()
                    seq += 1
                    pending.append(pool.submit(commit, seq, step.query, {**step.params, "rows": rows}))
            while pending:
                pending.popleft().result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return seq


def staged_ids(session: Session, import_id: str, expected: dict[Kind, int]) -> Ids:
    """The element ids of the import's staged nodes, by kind and key (all of them, or Conflict)."""
    ids: Ids = {}
    for kind, count in expected.items():
        rows = session.execute_read(_run, cypher.STAGED_IDS, {"import": import_id, "kind": kind.value})
        ids[kind] = dict(rows[0]["ids"])
        if len(ids[kind]) != count:
            raise Conflict(
                f"import {import_id} staged {count} {kind} nodes but {len(ids[kind])} are there "
                "(cleared or swept meanwhile?); nothing was imported — run it again"
            )
    return ids


def _commit_chunk(session: Session, import_id: str, seq: int, query: LiteralString, params: dict[str, Any]) -> None:
    """Commit one chunk; one that meets a deadlock (two writers) runs again, up to CHUNK_TRIES in all.

    The driver's own retries stop after ``NEO4J_MAX_RETRY_TIME`` (0.5 s by default), shorter than
    one chunk takes.
    """
    for attempt in range(1, CHUNK_TRIES + 1):
        try:
            session.execute_write(_stage_chunk, import_id, seq, query, params)
            return
        except neo4j_errors.TransientError as e:
            if e.code != _DEADLOCK or attempt == CHUNK_TRIES:
                raise
            log.info("chunk %d of import %s met a deadlock; running it again", seq, import_id)
            time.sleep(0.1 * attempt)


def _stage_chunk(
    tx: ManagedTransaction, import_id: str, seq: int, query: LiteralString, params: dict[str, Any]
) -> None:
    """Write one chunk; then lock the import, check it is still staging and record the chunk.

    The lock is taken last, so that two writers' chunks hold it only while they commit: a sweep
    that claimed the import first is seen there (:class:`Conflict`, the chunk is rolled back),
    and one that comes later waits for the commit and sweeps the chunk too.
    """
    if _run(tx, cypher.IMPORT_CHUNK_SEEN, {"id": import_id, "seq": seq})[0]["seen"]:
        return  # a retry of a chunk whose commit landed although the driver saw an error
    written = int(tx.run(query, {**params, "import": import_id}).single(strict=True)["n"])
    if written != len(params["rows"]):  # a row found no end: something it names went away meanwhile
        raise Conflict(
            f"{len(params['rows']) - written} rows of import {import_id} found no end (a record they name was "
            "deleted, or the staged rows were swept, meanwhile); nothing was imported — run it again"
        )
    _hold(tx, import_id)
    tx.run(cypher.IMPORT_CHUNK_DONE, {"id": import_id, "seq": seq}).consume()


def _hold(tx: ManagedTransaction, import_id: str) -> None:
    """Lock the import, refresh its heartbeat; refuse if a sweep took it."""
    rows = _run(tx, cypher.IMPORT_HEARTBEAT, {"id": import_id})
    if not rows or rows[0]["state"] != "staging":
        raise Conflict(
            f"import {import_id} was abandoned while it ran (cleared, or its heartbeat went stale and "
            "another process swept it); nothing was imported — run it again"
        )


@dataclass(frozen=True)
class _Commit:
    """What the commit point needs: the batch, its plan and the revision it was planned at, the
    rest to write there, and the import with how many nodes of each kind it staged."""

    batch: Batch
    plan: BatchPlan
    final: BatchPlan
    revision: int
    expected: dict[Kind, int]
    import_id: str | None = None


def _through_gate(session: Session, wait: Callable[[], None], commit: _Commit) -> None:
    """Run the commit point, after any publication of another import under way."""
    while True:
        try:
            session.execute_write(_commit_point, commit)
            return
        except gate.GateHeld:
            wait()


def _commit_point(tx: ManagedTransaction, commit: _Commit) -> None:
    """The one small transaction after which the import is published, whatever happens."""
    batch, plan, final, import_id = commit.batch, commit.plan, commit.final, commit.import_id
    if import_id is not None:
        _hold(tx, import_id)
    bumped = _run(tx, cypher.REVISION_BUMP_READ, {})[0]
    gate.check_gate(bumped)
    if int(bumped["revision"]) != commit.revision + 1:  # someone wrote since the plan: it must still hold
        _check_same(plan, plan_batch(TxView(tx), batch))
    if import_id is not None:
        _check_staged(tx, import_id, commit.expected)
    scopes = affected_scopes(TxView(tx), plan)  # read before anything is visible, as for small batches
    segments = sorted(presence.touched_segments(tx, plan))  # likewise
    tx.run(cypher.REVISIONS_BUMP, {"names": sorted(scopes - {"any"})}).consume()  # "any" was bumped above
    if final.upserts or final.deletes:
        write_plan(tx, final)
    if import_id is None:  # nothing staged: the counters change in this transaction, with the rows
        presence.recount(tx, segments)
    else:  # recounted once the staged rows have their labels, while the publication holds the gate
        tx.run(cypher.PRESENCE_PENDING, {"id": import_id, "ids": segments}).consume()
    if import_id is not None:
        for (kind, field), rows in neo4j_split.links_to_staged(final, plan.created).items():
            for chunk in chunks(rows, CHUNK_ROWS):
                tx.run(
                    cypher.PUBLISH_REFERENCE_LINK[(kind, field)], {"rows": list(chunk), "import": import_id}
                ).consume()
        tx.run(cypher.PUBLISH_BEGIN, {"id": import_id}).consume()


def _check_staged(tx: ManagedTransaction, import_id: str, expected: dict[Kind, int]) -> None:
    """Every staged node is there, and no visible node holds its key: the flips cannot fail."""
    left = int(_run(tx, cypher.STAGED_LEFT, {"import": import_id})[0]["n"])
    if left != sum(expected.values()):
        raise Conflict(f"import {import_id} staged {sum(expected.values())} nodes but {left} are left; run it again")
    for kind in expected:
        taken = int(_run(tx, cypher.STAGED_KEY_TAKEN[kind], {"import": import_id})[0]["n"])
        if taken:
            raise Conflict(
                f"{taken} {kind} keys of this import were created by another writer meanwhile; "
                "nothing was imported — run it again"
            )


def _publish(session: Session, driver: Driver, database: str, import_id: str) -> None:
    """Publish a committed import; on failure, leave it for whoever meets the gate next."""
    try:
        gate.publish(driver, database, import_id)
    except BaseException as e:
        unreachable = (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError)
        with contextlib.suppress(*unreachable):  # a stale heartbeat: the next reader or writer finishes it
            session.execute_write(_run, cypher.IMPORT_RELEASE, {"id": import_id})
        if isinstance(e, unreachable):
            raise StoreUnavailable(
                f"import {import_id} is committed but not yet fully visible ({type(e).__name__}); the next "
                "read, write or open of the store finishes it"
            ) from e
        raise


def _check_same(planned: BatchPlan, now: BatchPlan) -> None:
    def shape(plan: BatchPlan) -> tuple[Any, ...]:
        upserts = {(r.KIND, r.key) for r in plan.upserts}
        return plan.created, upserts, set(plan.deletes), plan.result.counts

    if shape(planned) != shape(now):
        raise Conflict(
            "the data changed while the batch was being staged (another write created, changed or "
            "deleted some of its records); nothing was imported — run it again"
        )
