"""Big Neo4j batches in per-chunk commits that readers cannot see, made visible at once.

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
3. **made visible** in one final transaction that bumps the revision (its lock orders the import
   after every write committed since the plan, and the value says whether there was one — if
   so, the batch is planned again and must come out the same, else :class:`Conflict`), gives
   the staged nodes their labels (a uniqueness constraint refuses a key another writer created
   meanwhile) and writes what changes existing data: updates, deletes, and new relationships
   between two existing nodes.

An import that fails is marked failed and its staged rows swept at once; one whose process
died is swept by the next store that opens, or import that starts, once its heartbeat is older
than the store's ``stale_import_seconds``. See docs/NEO4J-IMPORT.md for the design and figures.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from typing import Any

from neo4j import Driver, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors

from chain_graph.errors import Conflict
from chain_graph.models import NODE_KINDS, Kind, Record
from chain_graph.store import cypher as q
from chain_graph.store.base import NODE_REFERENCES, RELATION_ENDS, ApplyResult, Batch, key_id, reference_targets
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch
from chain_graph.store.neo4j import _chunks, _props, _TxView, _write

__all__ = ["CHUNK_ROWS", "apply_staged", "sweep_stale"]

CHUNK_ROWS = 5000

log = logging.getLogger(__name__)

# (query, parameters besides the rows, rows) — one step of staging, committed in chunks
_Work = list[tuple[str, dict[str, Any], list[dict[str, Any]]]]


def apply_staged(driver: Driver, database: str, batch: Batch, *, stale_seconds: float) -> ApplyResult:
    """Write a big batch all-or-nothing to readers, in chunks that fit a default server."""
    with driver.session(database=database) as session:
        sweep_stale(session, stale_seconds)
        revision, plan = session.execute_read(_plan_at_revision, batch)
        if not (plan.upserts or plan.deletes):  # nothing changed, nothing written, revision kept
            return plan.result
        work, expected, final = _split(plan)
        if not work:  # no new node to hide: the changes fit the final transaction alone
            session.execute_write(_make_visible, batch, plan, final, revision, None, {})
            return plan.result
        import_id = uuid.uuid4().hex
        session.execute_write(_run, q.IMPORT_BEGIN, {"id": import_id, "rows": len(plan.upserts)})
        try:
            seq = 0
            for query, params, rows in work:
                for chunk in _chunks(rows, CHUNK_ROWS):
                    seq += 1
                    _commit_chunk(session, import_id, seq, query, {**params, "rows": list(chunk)})
            for kind in expected:
                while session.execute_write(_unkey_chunk, import_id, kind.value):
                    pass
            session.execute_write(_make_visible, batch, plan, final, revision, import_id, expected)
        except BaseException:
            _abandon(session, import_id)
            raise
    return plan.result


def sweep_stale(session: Session, stale_seconds: float) -> int:
    """Delete the staged rows of failed imports and of imports whose heartbeat went stale."""
    stale = {"stale": float(stale_seconds)}
    swept = 0
    for row in session.execute_read(_run, q.IMPORT_STALE, stale):
        try:
            if session.execute_write(_run, q.IMPORT_CLAIM, {"id": row["id"], **stale}):
                _sweep(session, row["id"])
                swept += 1
        except (neo4j_errors.CypherSyntaxError, neo4j_errors.CypherTypeError):
            raise
        except neo4j_errors.Neo4jError as e:  # e.g. its importer committed or another sweep won
            log.warning("staged import %s not swept now (%s); a later open will", row["id"], e.code)
    return swept


def _run(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> list[Any]:
    return list(tx.run(query, params))


def _plan_at_revision(tx: ManagedTransaction, batch: Batch) -> tuple[int, BatchPlan]:
    """The revision first: any write committed after it moves it, and the final check sees that."""
    rows = _run(tx, q.REVISION_READ, {})
    return (int(rows[0]["revision"]) if rows else 0), plan_batch(_TxView(tx), batch)


def _split(plan: BatchPlan) -> tuple[_Work, dict[Kind, int], BatchPlan]:
    """What is staged (touches a new node), how many nodes of each kind, and the final rest."""
    created = plan.created
    nodes: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
    refs: dict[tuple[Kind, str, bool], list[dict[str, Any]]] = defaultdict(list)
    rels: dict[tuple[Kind, bool, bool], list[dict[str, Any]]] = defaultdict(list)
    final: list[Record] = []
    final_created: set[tuple[Kind, tuple[Any, ...]]] = set()
    for record in plan.upserts:
        kind, new = record.KIND, (record.KIND, record.key) in created
        if new and kind in NODE_KINDS:
            nodes[kind].append({**_props(record), "_key": key_id(record.key)})
            for field, target, _ in NODE_REFERENCES[kind]:
                for ref in reference_targets(record, field):
                    refs[(kind, field, (target, (ref,)) in created)].append({"id": key_id(record.key), "ref": ref})
        elif new:
            _, (a_field, a_kind), (b_field, b_kind) = RELATION_ENDS[kind]
            a_new = (a_kind, (getattr(record, a_field),)) in created
            b_new = b_kind is not None and (b_kind, (getattr(record, b_field),)) in created
            if a_new or b_new:
                rels[(kind, a_new, b_new)].append(_props(record))
            else:
                final.append(record)
                final_created.add((kind, record.key))
        else:
            final.append(record)
    work: _Work = [(q.STAGED_NODES, {"kind": k.value}, nodes[k]) for k in NODE_KINDS if nodes.get(k)]
    work += [(q.STAGED_REFERENCE_LINK[key], {}, rows) for key, rows in refs.items()]
    work += [(q.STAGED_REL_CREATE[key], {}, rows) for key, rows in rels.items()]
    rest = BatchPlan(upserts=final, deletes=plan.deletes, result=plan.result, created=final_created)
    return work, {k: len(v) for k, v in nodes.items()}, rest


def _commit_chunk(session: Session, import_id: str, seq: int, query: str, params: dict[str, Any]) -> None:
    session.execute_write(_stage_chunk, import_id, seq, query, params)


def _stage_chunk(tx: ManagedTransaction, import_id: str, seq: int, query: str, params: dict[str, Any]) -> None:
    chunks = _hold(tx, import_id)
    if chunks >= seq:  # a retry of a chunk whose commit landed although the driver saw an error
        return
    tx.run(query, {**params, "import": import_id}).consume()
    tx.run(q.IMPORT_CHUNK_DONE, {"id": import_id, "seq": seq}).consume()


def _unkey_chunk(tx: ManagedTransaction, import_id: str, kind: str) -> int:
    _hold(tx, import_id)
    return int(_run(tx, q.STAGED_UNKEY, {"import": import_id, "kind": kind, "limit": CHUNK_ROWS})[0]["n"])


def _hold(tx: ManagedTransaction, import_id: str) -> int:
    """Lock the import, refresh its heartbeat; refuse if a sweep took it. Chunks committed."""
    rows = _run(tx, q.IMPORT_HEARTBEAT, {"id": import_id})
    if not rows or rows[0]["state"] != "staging":
        raise Conflict(
            f"import {import_id} was abandoned while it ran (cleared, or its heartbeat went stale and "
            "another process swept it); nothing was imported — run it again"
        )
    return int(rows[0]["chunks"])


def _make_visible(
    tx: ManagedTransaction,
    batch: Batch,
    plan: BatchPlan,
    final: BatchPlan,
    revision: int,
    import_id: str | None,
    expected: dict[Kind, int],
) -> None:
    """The one transaction in which the whole batch becomes visible, with the revision bump."""
    if import_id is not None:
        _hold(tx, import_id)
    now = int(_run(tx, q.REVISION_BUMP_READ, {})[0]["revision"])
    if now != revision + 1:  # someone wrote since the plan: it must still hold
        _check_same(plan, plan_batch(_TxView(tx), batch))
    scopes = affected_scopes(_TxView(tx), plan)  # read before anything is visible, as for small batches
    tx.run(q.REVISIONS_BUMP, {"names": sorted(scopes - {"any"})}).consume()  # "any" was bumped above
    for kind, count in expected.items():
        flipped = int(_run(tx, q.STAGED_FLIP[kind], {"import": import_id})[0]["n"])
        if flipped != count:
            raise Conflict(f"import {import_id} staged {count} {kind} rows but {flipped} are left; run it again")
    if final.upserts or final.deletes:
        _write(tx, final)
    if import_id is not None:
        tx.run(q.IMPORT_DONE, {"id": import_id}).consume()


def _check_same(planned: BatchPlan, now: BatchPlan) -> None:
    def shape(plan: BatchPlan) -> tuple[Any, ...]:
        upserts = {(r.KIND, r.key) for r in plan.upserts}
        return plan.created, upserts, set(plan.deletes), plan.result.counts

    if shape(planned) != shape(now):
        raise Conflict(
            "the data changed while the batch was being staged (another write created, changed or "
            "deleted some of its records); nothing was imported — run it again"
        )


def _abandon(session: Session, import_id: str) -> None:
    """Mark a failed import and sweep it now; if even that fails, a later open sweeps it."""
    try:
        session.execute_write(_run, q.IMPORT_FAILED, {"id": import_id})
        _sweep(session, import_id)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
        log.warning("failed import %s not swept now (%s); the next store to open sweeps it", import_id, e)


def _sweep(session: Session, import_id: str) -> None:
    for query in q.STAGED_SWEEP:  # IN TRANSACTIONS: auto-commit
        session.run(query, {"import": import_id}).consume()
    session.execute_write(_run, q.IMPORT_DONE, {"id": import_id})
