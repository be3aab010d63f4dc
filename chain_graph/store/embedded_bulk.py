"""A bulk load into the embedded store's empty graph tables: the same rows, fewer steps per row.

When a write brings companies, memberships or supply ties into a store that holds none yet (the
first import of a city), the per-row work the triggers and carried-column look-ups do is done
in one pass instead, inside the same write transaction:

- the carried columns (a membership's company region, local site and revenue; a supply's
  supplier name, region and local site) come from the batch's own companies — in an empty store
  every company a row names is in the batch (the plan's reference check saw to that);
- the index rows are inserted in primary-key order, without triggers;
- the presence counters are counted once (:data:`~chain_graph.store.sqlite_schema.PRESENCE_RECOUNT`)
  and the triggers recreated before the transaction commits.

A reader never sees the store without its triggers (the transaction is all-or-nothing), and the
tables end exactly as the row-by-row path leaves them (tests/test_embedded_store.py compares both).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from chain_graph.models import Kind, Record
from chain_graph.store.sqlite_index import INDEX_TABLES
from chain_graph.store.sqlite_schema import PRESENCE_RECOUNT, create_triggers, drop_triggers

__all__ = ["BULK_KINDS", "bulk_applies", "write_bulk"]

# The kinds whose index tables the triggers keep; a bulk load needs all three tables empty.
BULK_KINDS = (Kind.COMPANY, Kind.COMPANY_SEGMENT, Kind.SUPPLY)
_LOAD_CACHE_KIB = 262_144  # page cache of the writing connection during a bulk load (256 MiB)


def bulk_applies(db: sqlite3.Connection, by_kind: dict[Kind, list[Record]]) -> bool:
    """Does this write bring graph rows into empty graph tables?"""
    if not any(by_kind.get(kind) for kind in BULK_KINDS):
        return False
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM g_company) OR EXISTS (SELECT 1 FROM g_member) OR EXISTS (SELECT 1 FROM g_supply)"
    ).fetchone()
    return not row[0]


def write_bulk(db: sqlite3.Connection, by_kind: dict[Kind, list[Record]]) -> None:
    """Insert the index rows of ``BULK_KINDS`` into their empty tables (see the module's doc)."""
    companies = {c.company_id: c for c in by_kind.get(Kind.COMPANY, ())}  # type: ignore[attr-defined]
    (cache_kib,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size=-{_LOAD_CACHE_KIB}")
    try:
        drop_triggers(db)
        db.execute("DELETE FROM g_presence")  # zero counts a delete left behind: no member is left
        _insert(db, Kind.COMPANY, by_kind.get(Kind.COMPANY, ()), (), lambda row: ())
        _insert(
            db,
            Kind.COMPANY_SEGMENT,
            by_kind.get(Kind.COMPANY_SEGMENT, ()),
            ("region", "local_site", "revenue"),
            lambda row: _locality(companies.get(row[1])),
        )
        _insert(
            db,
            Kind.SUPPLY,
            by_kind.get(Kind.SUPPLY, ()),
            ("sup_name", "sup_region", "sup_local_site"),
            lambda row: _supplier(companies.get(row[0])),
        )
        db.execute(PRESENCE_RECOUNT)
        create_triggers(db)
    finally:
        db.execute(f"PRAGMA cache_size={int(cache_kib)}")


def _insert(
    db: sqlite3.Connection,
    kind: Kind,
    records: Iterable[Record],
    carried: tuple[str, ...],
    carry: Callable[[tuple[Any, ...]], tuple[Any, ...]],
) -> None:
    """Plain INSERTs of a kind's index rows, in the table's primary-key order."""
    table, columns, _, row_of = INDEX_TABLES[kind]
    rows = [(*row, *carry(row)) for row in map(row_of, records)]
    if not rows:
        return
    order = [columns.index(c) for c in _PRIMARY_KEY[table]]
    rows.sort(key=lambda r: tuple(r[i] for i in order))
    names = (*columns, *carried)
    db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)


# Each table's primary key, in its stored order (sqlite_schema: g_supply is keyed customer first).
_PRIMARY_KEY = {
    "g_company": ("company_id",),
    "g_member": ("segment_id", "company_id"),
    "g_supply": ("customer_id", "supplier_id"),
}


def _locality(company: Any) -> tuple[Any, ...]:
    if company is None:
        return (None, None, None)
    return (company.region, int(company.local_site), company.revenue_cny_100m)


def _supplier(company: Any) -> tuple[Any, ...]:
    if company is None:
        return (None, None, None)
    return (company.name, company.region, int(company.local_site))
