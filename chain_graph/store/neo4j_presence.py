"""The Neo4j store's presence counters, kept on write (:mod:`chain_graph.store.cypher.presence`).

A write works out which segments' counts it can move — those of the memberships it writes or
deletes, every segment of a company it deletes, and of a company whose region, local site or
revenue it changes (they decide the buckets; a new name moves nothing) — before it writes, and
recounts them after, in the same transaction: the counters change together with the rows. A
staged import records its segments at its commit point and recounts them while its publication
holds the gate (:func:`chain_graph.store.neo4j_publish.publish`), so readers see its counters
together with its rows.

A recount, not a delta: a segment's buckets are counted again from its members, which is
correct by construction whatever the write did (one seek and a walk of the segment's members).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from chain_graph.models import Company, CompanySegment, Kind
from chain_graph.store import cypher
from chain_graph.store.checks import BatchPlan

__all__ = ["RECOUNT_SEGMENTS", "recount", "touched_segments"]

RECOUNT_SEGMENTS = 50  # segments recounted per commit while an import's publication holds the gate


def touched_segments(tx: ManagedTransaction, plan: BatchPlan) -> set[str]:
    """The segments whose counters ``plan`` can move (read before it is written): those of the
    memberships it writes or deletes, of the segments it deletes, of the companies it deletes, and
    of the companies whose region, local site or revenue it changes."""
    segments: set[str] = set()
    moved: list[dict[str, Any]] = []
    deleted: list[str] = []
    for record in plan.upserts:
        if isinstance(record, CompanySegment):
            segments.add(record.segment_id)
        elif isinstance(record, Company) and (Kind.COMPANY, record.key) not in plan.created:
            revenue = -1.0 if record.revenue_cny_100m is None else record.revenue_cny_100m
            moved.append({"id": record.company_id, "region": record.region or "", "site": record.local_site,
                          "revenue": revenue})  # fmt: skip
    for kind, key in plan.deletes:
        if kind == Kind.COMPANY_SEGMENT:
            segments.add(str(key[1]))
        elif kind == Kind.SEGMENT:
            segments.add(str(key[0]))
        elif kind == Kind.COMPANY:
            deleted.append(str(key[0]))
    if moved:
        segments |= {r["v"] for r in tx.run(cypher.PRESENCE_MOVED, {"rows": moved})}
    if deleted:
        segments |= {r["v"] for r in tx.run(cypher.SCOPE_COMPANY_SEGMENTS, {"ids": sorted(deleted)})}
    return segments


def recount(tx: ManagedTransaction, segments: Iterable[str]) -> None:
    """Count the buckets of ``segments`` again from their members (inside the writing transaction)."""
    ids = sorted(set(segments))
    if ids:
        tx.run(cypher.PRESENCE_CLEAR, {"ids": ids}).consume()
        tx.run(cypher.PRESENCE_COUNT, {"ids": ids}).consume()
