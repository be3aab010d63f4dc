"""Records as Neo4j properties, read by key, and a planned batch written inside its write transaction.

Every query is a constant of :mod:`chain_graph.store.cypher`. A batch is written in ``UNWIND``
chunks of :data:`BATCH_ROWS` rows; what it touches is read inside the same transaction
(:class:`TxView`, the state view of :func:`~chain_graph.store.checks.plan_batch`), and every write
moves the revisions it touched, and recounts the presence counters of the segments it touched
(:mod:`chain_graph.store.neo4j_presence`), in that transaction.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, LiteralString, TypeVar

from neo4j import ManagedTransaction

from chain_graph.errors import NotFound
from chain_graph.models import MODELS, NODE_KINDS, Chain, Kind, Record
from chain_graph.store import cypher
from chain_graph.store import neo4j_presence as presence
from chain_graph.store import neo4j_publish as gate
from chain_graph.store.base import (
    NODE_REFERENCES,
    RELATION_ENDS,
    ApplyResult,
    Batch,
    Key,
    ident_of,
    normalize_key,
    reference_targets,
)
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch

__all__ = [
    "BATCH_ROWS",
    "TxView",
    "bump_revisions",
    "chain_in",
    "chunks",
    "lookup",
    "plan_and_write",
    "properties_of",
    "property_row",
    "property_value",
    "record_of",
    "write_plan",
]

BATCH_ROWS = 5000
_EDGE_KIND = {edge.value: kind for kind, (edge, _, _) in RELATION_ENDS.items()}
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = BATCH_ROWS) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_AS_IS = frozenset({str, int, float, bool, date, datetime})


def properties_of(record: Record) -> dict[str, Any]:
    """A record as Neo4j properties: native dates and times, enums as text, no nulls."""
    row: dict[str, Any] = {}
    for name, value in record.model_dump().items():
        # most values are as is: one look-up (a big import turns 10^6 records)
        if type(value) in _AS_IS or (value := property_value(value)) is not None:
            row[name] = value
    if record.KIND in cypher.UID_KINDS:
        row["uid"] = ident_of(record.key)
    return row


def property_row(values: Iterable[Any]) -> list[Any]:
    """Field values as Neo4j properties, in order (None where nothing is stored)."""
    return [v if type(v) in _AS_IS or v is None else property_value(v) for v in values]


def property_value(value: Any) -> Any:
    """One field's value as a Neo4j property (None for none: nulls and empty lists are not stored)."""
    if type(value) in _AS_IS or value is None:
        return value
    if value == () or value == []:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [v.value if isinstance(v, Enum) else v for v in value]
    return value


def record_of(kind: Kind, props: Mapping[str, Any]) -> Record:
    data = {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in props.items() if k != "uid"}
    return MODELS[kind].model_validate(data)


def chain_in(tx: ManagedTransaction, chain_id: str) -> Chain:
    rows = list(tx.run(cypher.NODE_GET_MANY[Kind.CHAIN], {"ids": [chain_id]}))
    if not rows:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
    return record_of(Kind.CHAIN, rows[0]["p"])  # type: ignore[return-value]


def lookup(
    read: Callable[[LiteralString, Mapping[str, Any]], list[Any]], kind: Kind, keys: builtins.list[Key]
) -> dict[Key, Record]:
    found: dict[Key, Record] = {}
    for chunk in chunks(keys):
        if kind in NODE_KINDS:
            rows = read(cypher.NODE_GET_MANY[kind], {"ids": [ident_of(k) for k in chunk]})
        else:
            rows = read(cypher.REL_GET_MANY[kind], {"keys": [list(k) for k in chunk]})
        for row in rows:
            record = record_of(kind, row["p"])
            found[record.key] = record
    return found


class TxView:
    """The StateView of plan_batch, read inside the write transaction."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self._empty: dict[Kind, bool] = {}

    def _read(self, query: LiteralString, params: Mapping[str, Any]) -> builtins.list[Any]:
        return list(self._tx.run(query, dict(params)))

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        if kind not in self._empty:  # a fresh database answers every look-up at once
            self._empty[kind] = self._read(cypher.COUNT_ALL[kind], {})[0]["n"] == 0
        if self._empty[kind]:
            return {}
        return lookup(self._read, kind, list(keys))

    def _values(self, query: LiteralString, ids: Iterable[str]) -> set[str]:
        values = sorted(set(ids))
        return {r["v"] for r in self._read(query, {"ids": values}) if r["v"] is not None} if values else set()

    def segment_chains(self, segment_ids: Iterable[str]) -> set[str]:
        return self._values(cypher.SCOPE_SEGMENT_CHAINS, segment_ids)

    def company_segments(self, company_ids: Iterable[str]) -> set[str]:
        return self._values(cypher.SCOPE_COMPANY_SEGMENTS, company_ids)

    def supply_partners(self, company_ids: Iterable[str]) -> set[str]:
        return self._values(cypher.SCOPE_SUPPLY_PARTNERS, company_ids)

    def feeds_neighbours(self, segment_ids: Iterable[str]) -> set[str]:
        return self._values(cypher.FACT_NEIGHBOURS, segment_ids)

    def relations_of(self, kind: Kind, ident: str) -> builtins.list[Record]:
        if kind not in cypher.RELATIONS_OF:
            return []
        rows = self._read(cypher.RELATIONS_OF[kind], {"id": ident})
        return [record_of(_EDGE_KIND[r["type"]], r["p"]) for r in rows]

    def dependents(self, kind: Kind, ident: str) -> builtins.list[tuple[Kind, Key]]:
        return [
            (dep_kind, normalize_key(dep_kind, row["key"]))
            for dep_kind, query in cypher.DEPENDENTS[kind]
            for row in self._read(query, {"id": ident})
        ]


def plan_and_write(tx: ManagedTransaction, batch: Batch) -> ApplyResult:
    plan = plan_batch(TxView(tx), batch)
    if plan.upserts or plan.deletes:  # nothing changed, nothing written, revision kept
        scopes = affected_scopes(TxView(tx), plan)
        segments = presence.touched_segments(tx, plan)  # read before the write moves them
        write_plan(tx, plan)
        presence.recount(tx, segments)
        bump_revisions(tx, scopes)
    return plan.result


def bump_revisions(tx: ManagedTransaction, scopes: set[str]) -> None:
    """Move the revisions a write touched (``any`` on the schema node, the others by name).

    Under the revision's lock, a write that meets an import being published is refused with
    :class:`~chain_graph.store.neo4j_publish.GateHeld` (rolled back, and run again after it).
    """
    gate.check_gate(tx.run(cypher.REVISION_BUMP_READ).single(strict=True))
    tx.run(cypher.REVISIONS_BUMP, {"names": sorted(scopes - {"any"})}).consume()


def write_plan(tx: ManagedTransaction, plan: BatchPlan) -> None:
    new: dict[Kind, list[Record]] = defaultdict(list)
    changed: dict[Kind, list[Record]] = defaultdict(list)
    for record in plan.upserts:
        (new if (record.KIND, record.key) in plan.created else changed)[record.KIND].append(record)

    def run(query: LiteralString, **params: Any) -> None:
        tx.run(query, params).consume()

    for kind in NODE_KINDS:
        for chunk in chunks(new.get(kind, [])):
            run(cypher.NODE_CREATE[kind], rows=[properties_of(r) for r in chunk])
        for chunk in chunks(changed.get(kind, [])):
            run(cypher.NODE_UPSERT[kind], rows=[properties_of(r) for r in chunk])
            if kind in cypher.REFERENCE_CLEAR:
                run(cypher.REFERENCE_CLEAR[kind], ids=[ident_of(r.key) for r in chunk])
    for kind in NODE_KINDS:
        records = new.get(kind, []) + changed.get(kind, [])
        for field, _, _ in NODE_REFERENCES[kind]:
            rows = [{"id": ident_of(r.key), "ref": ref} for r in records for ref in reference_targets(r, field)]
            for row_chunk in chunks(rows):
                run(cypher.REFERENCE_LINK[(kind.value, field)], rows=list(row_chunk))
    for kind in RELATION_ENDS:
        for chunk in chunks(new.get(kind, [])):
            run(cypher.REL_CREATE[kind], rows=[properties_of(r) for r in chunk])
        for chunk in chunks(changed.get(kind, [])):
            run(cypher.REL_UPSERT[kind], rows=[properties_of(r) for r in chunk])
    deletes: dict[Kind, list[Key]] = defaultdict(list)
    for kind, key in plan.deletes:
        deletes[kind].append(key)
    for kind in RELATION_ENDS:
        for key_chunk in chunks(deletes.get(kind, [])):
            run(cypher.REL_DELETE[kind], keys=[list(k) for k in key_chunk])
    for kind in reversed(NODE_KINDS):
        for key_chunk in chunks(deletes.get(kind, [])):
            run(cypher.NODE_DELETE[kind], ids=[ident_of(k) for k in key_chunk])
