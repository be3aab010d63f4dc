"""What the embedded store's write transaction reads and writes.

:class:`WriteView` answers :func:`~chain_graph.store.checks.plan_batch` and
:func:`~chain_graph.store.checks.affected_scopes` inside the ``BEGIN IMMEDIATE`` transaction;
:func:`write_plan` writes a checked plan: records, index tables, counters, revisions.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import operator
import sqlite3
from collections.abc import Iterable

from chain_graph.models import NODE_KINDS, Kind, Record, dump_json
from chain_graph.store.base import Change, Key, normalize_key
from chain_graph.store.checks import BatchPlan
from chain_graph.store.embedded_bulk import BULK_KINDS, bulk_applies, load_cache, write_bulk
from chain_graph.store.embedded_records import bump, key_text, list_query, lookup, row_reader
from chain_graph.store.sqlite_index import INDEX_ONLY, INDEX_TABLES, index_delete, index_rows

__all__ = ["WriteView", "write_plan"]


def write_plan(db: sqlite3.Connection, plan: BatchPlan, scopes: set[str]) -> None:
    """Write a checked plan inside the caller's write transaction and bump ``scopes``."""
    seq = int(db.execute("SELECT value FROM revisions WHERE name = 'any'").fetchone()[0]) + 1
    by_kind: dict[Kind, builtins.list[Record]] = {}
    for record in plan.upserts:
        by_kind.setdefault(record.KIND, []).append(record)
    bulk = bulk_applies(db, by_kind)
    with load_cache(db) if bulk else contextlib.nullcontext():
        for kind in sorted(set(by_kind) - INDEX_ONLY, key=lambda k: k.value):  # B-tree order: fewer page splits
            rows = [(key_text(r.key), r) for r in by_kind[kind]]
            rows.sort(key=operator.itemgetter(0))  # texts compared (keys are unique), not (kind, text) tuples
            db.executemany(
                "INSERT INTO records(kind, key, data, seq) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(kind, key) DO UPDATE SET data=excluded.data, seq=excluded.seq",
                ((kind.value, key, dump_json(r), seq) for key, r in rows),  # the JSON made as it is written
            )
            del rows
        if bulk:
            write_bulk(db, by_kind)
    for kind, records in by_kind.items():
        if kind in INDEX_TABLES and not (bulk and kind in BULK_KINDS):
            statement, index = index_rows(kind, records)
            db.executemany(statement, index)
    created = {k: 0 for k in Kind}
    for kind, changes in plan.result.counts.items():  # each record of plan.created counted once
        created[kind] += changes.get(Change.CREATED, 0)
    if plan.deletes:
        db.executemany(
            "DELETE FROM records WHERE kind=? AND key=?",
            [(kind.value, key_text(key)) for kind, key in plan.deletes if kind not in INDEX_ONLY],
        )
        for kind, key in plan.deletes:
            created[kind] -= 1
            if kind in INDEX_TABLES:
                db.execute(index_delete(kind), [getattr(p, "value", p) for p in key])
    db.executemany(
        "INSERT INTO kind_counts(kind, n) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET n = n + excluded.n",
        [(kind.value, n) for kind, n in created.items() if n],
    )
    db.execute("UPDATE meta SET value=? WHERE name='seq'", (str(seq),))
    bump(db, scopes)


class WriteView:
    """What plan_batch and affected_scopes read, inside the write transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        return lookup(self._db, kind, list(keys))

    def relations_of(self, kind: Kind, ident: str) -> builtins.list[Record]:
        """Relationship records that start or end at a node."""
        out: builtins.list[Record] = []
        for rel_kind, column in _RELATION_COLUMNS.get(kind, ()):
            source, conditions, params = list_query(rel_kind, {_FIELD_OF[(rel_kind, column)]: ident})
            columns, read = row_reader(rel_kind)
            out += map(read, self._db.execute(f"SELECT {columns} FROM {source} WHERE {conditions}", params))
        return out

    def dependents(self, kind: Kind, ident: str) -> builtins.list[tuple[Kind, Key]]:
        """Nodes whose reference field names this node (segments of a chain, …)."""
        out: builtins.list[tuple[Kind, Key]] = []
        for dep_kind, sql in _DEPENDENTS.get(kind, ()):
            out += [(dep_kind, normalize_key(dep_kind, json.loads(k))) for (k,) in self._db.execute(sql, (ident,))]
        return out

    # -- what affected_scopes asks -----------------------------------------------------------

    def _ids(self, sql: str, ids: Iterable[str]) -> set[str]:
        values = sorted(set(ids))
        if not values:
            return set()
        return {r[0] for r in self._db.execute(sql, (json.dumps(values, ensure_ascii=False),)) if r[0]}

    def segment_chains(self, segment_ids: Iterable[str]) -> set[str]:
        return self._ids(
            "SELECT chain_id FROM g_segment WHERE segment_id IN (SELECT value FROM json_each(?))", segment_ids
        )

    def company_segments(self, company_ids: Iterable[str]) -> set[str]:
        return self._ids(
            "SELECT segment_id FROM g_member WHERE company_id IN (SELECT value FROM json_each(?))", company_ids
        )

    def supply_partners(self, company_ids: Iterable[str]) -> set[str]:
        return self._ids(
            "SELECT customer_id FROM g_supply WHERE supplier_id IN (SELECT value FROM json_each(?1)) "
            "UNION SELECT supplier_id FROM g_supply WHERE customer_id IN (SELECT value FROM json_each(?1))",
            company_ids,
        )

    def feeds_neighbours(self, segment_ids: Iterable[str]) -> set[str]:
        return self._ids(
            "SELECT to_id FROM g_link WHERE from_id IN (SELECT value FROM json_each(?1)) "
            "UNION SELECT from_id FROM g_link WHERE to_id IN (SELECT value FROM json_each(?1))",
            segment_ids,
        )


# node kind -> (relationship kind, index-table column naming the node)
_RELATION_COLUMNS: dict[Kind, tuple[tuple[Kind, str], ...]] = {
    Kind.SEGMENT: (
        (Kind.SEGMENT_LINK, "from_id"),
        (Kind.SEGMENT_LINK, "to_id"),
        (Kind.COMPANY_SEGMENT, "segment_id"),
    ),
    Kind.COMPANY: (
        (Kind.COMPANY_SEGMENT, "company_id"),
        (Kind.SUPPLY, "supplier_id"),
        (Kind.SUPPLY, "customer_id"),
        (Kind.RANKING, "company_id"),
        (Kind.MEMBERSHIP, "company_id"),
        (Kind.SHAREHOLDING, "holder_id"),
        (Kind.SHAREHOLDING, "company_id"),
    ),
    Kind.ORGANISATION: ((Kind.MEMBERSHIP, "organisation_id"),),
}
_FIELD_OF = {
    (Kind.SEGMENT_LINK, "from_id"): "from_segment_id",
    (Kind.SEGMENT_LINK, "to_id"): "to_segment_id",
    (Kind.COMPANY_SEGMENT, "segment_id"): "segment_id",
    (Kind.COMPANY_SEGMENT, "company_id"): "company_id",
    (Kind.SUPPLY, "supplier_id"): "supplier_id",
    (Kind.SUPPLY, "customer_id"): "customer_id",
    (Kind.RANKING, "company_id"): "company_id",
    (Kind.MEMBERSHIP, "company_id"): "company_id",
    (Kind.MEMBERSHIP, "organisation_id"): "organisation_id",
    (Kind.SHAREHOLDING, "holder_id"): "holder_id",
    (Kind.SHAREHOLDING, "company_id"): "company_id",
}


def _GROWTH_OF(field: str) -> tuple[tuple[Kind, str], ...]:
    """Expansion projects and listing entries that name a company or chain (few per city: the kind's
    rows are read through the primary key's kind prefix)."""
    return tuple(
        (kind, f"SELECT key FROM records WHERE kind = '{kind.value}' AND json_extract(data, '$.{field}') = ?")
        for kind in (Kind.EXPANSION, Kind.LISTING)
    )


_PARK = Kind.PARK
_PARKS_NAMING = (
    "SELECT DISTINCT r.key FROM records r, json_each(r.data, '$.{field}') j WHERE r.kind = 'park' AND j.value = ?"
)
# Promotion events name chains; target overrides and invitations name their event, company and plan.
_EVENT_DEPENDENTS: dict[Kind, tuple[tuple[Kind, str], ...]] = {
    Kind.CHAIN: (
        (
            Kind.PROMOTION_EVENT,
            "SELECT DISTINCT r.key FROM records r, json_each(r.data, '$.chain_ids') j "
            "WHERE r.kind = 'promotion_event' AND j.value = ?",
        ),
    ),
    Kind.PROMOTION_EVENT: tuple(
        (kind, f"SELECT key FROM records WHERE kind = '{kind.value}' AND json_extract(data, '$.event_id') = ?")
        for kind in (Kind.EVENT_TARGET, Kind.INVITATION)
    ),
    Kind.COMPANY: tuple(
        (kind, f"SELECT key FROM records WHERE kind = '{kind.value}' AND json_extract(data, '$.company_id') = ?")
        for kind in (Kind.EVENT_TARGET, Kind.INVITATION)
    ),
    Kind.TARGET_PLAN: (
        (Kind.INVITATION, "SELECT key FROM records WHERE kind = 'invitation' AND json_extract(data, '$.plan_id') = ?"),
    ),
}
_DEPENDENTS: dict[Kind, tuple[tuple[Kind, str], ...]] = {
    Kind.REGION: (
        (Kind.REGION, "SELECT json_array(region_id) FROM g_region WHERE parent_id = ?"),
        (Kind.COMPANY, "SELECT json_array(company_id) FROM g_company WHERE region = ?"),
        (Kind.PARK, "SELECT key FROM records WHERE kind = 'park' AND json_extract(data, '$.region') = ?"),
    ),
    Kind.CHAIN: (
        (Kind.SEGMENT, "SELECT json_array(segment_id) FROM g_segment WHERE chain_id = ?"),
        (
            Kind.CHAIN_SNAPSHOT,
            "SELECT key FROM records WHERE kind = 'chain_snapshot' AND json_extract(data, '$.chain_id') = ?",
        ),
        *_GROWTH_OF("chain_id"),
        (_PARK, _PARKS_NAMING.format(field="chain_ids")),
    ),
    Kind.SEGMENT: (
        (Kind.SEGMENT, "SELECT json_array(segment_id) FROM g_segment WHERE parent_id = ?"),
        (
            Kind.TARGET_PLAN,
            "SELECT DISTINCT r.key FROM records r, json_each(r.data, '$.segment_ids') j "
            "WHERE r.kind = 'target_plan' AND j.value = ?",
        ),
        (_PARK, _PARKS_NAMING.format(field="segment_ids")),
    ),
    Kind.COMPANY: (
        (
            Kind.TARGET_PLAN,
            "SELECT key FROM records WHERE kind = 'target_plan' AND json_extract(data, '$.company_id') = ?",
        ),
        *_GROWTH_OF("company_id"),
        (
            Kind.TARGET_PLAN,
            "SELECT key FROM records WHERE kind = 'target_plan' AND json_extract(data, '$.referrer_id') = ?",
        ),
    ),
    Kind.TARGET_PLAN: (
        (Kind.PLAN_EVENT, "SELECT key FROM records WHERE kind = 'plan_event' AND json_extract(data, '$.plan_id') = ?"),
        (Kind.APPRAISAL, "SELECT key FROM records WHERE kind = 'appraisal' AND json_extract(data, '$.plan_id') = ?"),
        *_EVENT_DEPENDENTS[Kind.TARGET_PLAN],
    ),
    Kind.PARK: (
        (Kind.PARK_PLOT, "SELECT key FROM records WHERE kind = 'park_plot' AND json_extract(data, '$.park_id') = ?"),
        (
            Kind.TARGET_PLAN,
            "SELECT key FROM records WHERE kind = 'target_plan' AND json_extract(data, '$.park_id') = ?",
        ),
    ),
    Kind.PROMOTION_EVENT: _EVENT_DEPENDENTS[Kind.PROMOTION_EVENT],
}
for _kind in (Kind.CHAIN, Kind.COMPANY):
    _DEPENDENTS[_kind] += _EVENT_DEPENDENTS[_kind]
assert set(_DEPENDENTS) <= set(NODE_KINDS)
