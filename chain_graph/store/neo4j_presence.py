"""The Neo4j store's presence counters, kept on write (:mod:`chain_graph.store.cypher.presence`).

A write works out which segments' counts it can move — those of the memberships it writes or
deletes, and every segment of a company it changes or deletes (region, local site and revenue
decide the buckets) — reads them before it writes, and recounts them after, in the same
transaction: the counters change together with the rows. A staged import records its segments
at its commit point and recounts them while its publication holds the gate
(:func:`recount_published`), so readers see its counters together with its rows.

A recount, not a delta: a segment's buckets are counted again from its members, which is
correct by construction whatever the write did (one seek and a walk of the segment's members).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from neo4j import ManagedTransaction

from chain_graph.models import Kind
from chain_graph.store import cypher
from chain_graph.store.checks import BatchPlan

__all__ = ["RECOUNT_SEGMENTS", "recount", "touched_segments"]

RECOUNT_SEGMENTS = 50  # segments recounted per commit while an import's publication holds the gate


class _SegmentsOf(Protocol):
    def company_segments(self, company_ids: Iterable[str]) -> set[str]: ...


def touched_segments(view: _SegmentsOf, plan: BatchPlan) -> set[str]:
    """The segments whose counters ``plan`` can move (read before it is written)."""
    segments: set[str] = set()
    companies: set[str] = set()
    for record in plan.upserts:
        if record.KIND == Kind.COMPANY_SEGMENT:
            segments.add(record.segment_id)  # type: ignore[attr-defined]
        elif record.KIND == Kind.COMPANY and (Kind.COMPANY, record.key) not in plan.created:
            companies.add(record.company_id)  # type: ignore[attr-defined]
    for kind, key in plan.deletes:
        if kind == Kind.COMPANY_SEGMENT:
            segments.add(str(key[1]))
        elif kind == Kind.SEGMENT:
            segments.add(str(key[0]))
        elif kind == Kind.COMPANY:
            companies.add(str(key[0]))
    return segments | (view.company_segments(companies) if companies else set())


def recount(tx: ManagedTransaction, segments: Iterable[str]) -> None:
    """Count the buckets of ``segments`` again from their members (inside the writing transaction)."""
    ids = sorted(set(segments))
    if ids:
        tx.run(cypher.PRESENCE_CLEAR, {"ids": ids}).consume()
        tx.run(cypher.PRESENCE_COUNT, {"ids": ids}).consume()
