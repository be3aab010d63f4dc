"""Whole-database upkeep on Neo4j: fresh statistics after an import, and clearing everything."""

from __future__ import annotations

from neo4j import Session
from neo4j import exceptions as neo4j_errors

from chain_graph.store import cypher

__all__ = ["clear", "refresh_statistics"]

_REVISIONS = ["data", "epoch", "plans", "events", "snapshots", "keys", "growth", "promotions", "relations"]


def refresh_statistics(session: Session) -> None:
    """Resample the indexes and empty the plan cache (``db.prepareForReplanning``). Without it, the
    statements first run after an import are planned on the statistics sampled before it, then
    discarded as stale and planned again (seconds each for the chain's facts) whenever a sample
    lands; a user who may not call it (not an admin) schedules the resampling instead."""
    try:
        session.run(cypher.STATISTICS_REFRESH).consume()
    except neo4j_errors.Forbidden:
        session.run(cypher.STATISTICS_RESAMPLE).consume()


def clear(session: Session) -> None:
    """Delete every node and relationship of ours in batches, and move every revision on."""
    session.run(cypher.CLEAR_RELATIONSHIPS).consume()
    session.run(cypher.CLEAR_BATCH).consume()
    session.run(cypher.REVISION_BUMP).consume()
    session.run(cypher.REVISIONS_BUMP, {"names": _REVISIONS}).consume()
    session.run(cypher.GATE_RESET).consume()  # the import it named is gone
