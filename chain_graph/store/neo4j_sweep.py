"""Sweeping staged imports that failed or whose process died (docs/NEO4J-IMPORT.md, "Failures,
sweeps and roll-forward"); one past its commit point is rolled forward instead."""

from __future__ import annotations

import logging
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors

from chain_graph.store import cypher
from chain_graph.store import neo4j_publish as gate

__all__ = ["abandon", "sweep_stale"]

log = logging.getLogger("chain_graph.store.neo4j_staged")


def sweep_stale(driver: Driver, database: str, stale_seconds: float) -> int:
    """Sweep failed imports and stale ones still staging; roll forward stale ones publishing."""
    stale = {"stale": float(stale_seconds)}
    swept = 0
    with driver.session(database=database) as session:
        for row in session.execute_read(_run, cypher.IMPORT_STALE, stale):
            if row["state"] == "publishing":  # past its commit point: finish it
                log.warning("import %s was left half published; finishing it", row["id"])
                gate.publish(driver, database, row["id"])
                continue
            try:
                if session.execute_write(_run, cypher.IMPORT_CLAIM, {"id": row["id"], **stale}):
                    _sweep(session, row["id"])
                    swept += 1
            except (neo4j_errors.CypherSyntaxError, neo4j_errors.CypherTypeError):
                raise
            except neo4j_errors.Neo4jError as e:  # e.g. its importer committed or another sweep won
                log.warning("staged import %s not swept now (%s); a later open will", row["id"], e.code)
    return swept


def _run(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Any]:
    return list(tx.run(query, params))


def abandon(session: Session, import_id: str) -> None:
    """Mark a failed import and sweep it now; if even that fails, a later open sweeps it."""
    try:
        session.execute_write(_run, cypher.IMPORT_FAILED, {"id": import_id})
        _sweep(session, import_id)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
        log.warning("failed import %s not swept now (%s); the next store to open sweeps it", import_id, e)


def _sweep(session: Session, import_id: str) -> None:
    for query in cypher.STAGED_SWEEP:  # IN TRANSACTIONS: auto-commit
        session.run(query, {"import": import_id}).consume()
    session.execute_write(_run, cypher.IMPORT_DONE, {"id": import_id})
