"""A bulk load into the embedded store's empty graph tables: the same rows, fewer steps per row.

When a write brings companies, memberships or supply ties into a store that holds none yet (the
first import of a city), the per-row work the triggers and carried-column look-ups do is done
in one pass instead, inside the same write transaction:

- the carried columns (a membership's company region, local site and revenue; a supply's
  supplier name, region and local site) come from the batch's own companies — in an empty store
  every company a row names is in the batch (the plan's reference check saw to that);
- the index rows are inserted in primary-key order, without triggers and without the tables'
  secondary indexes, which are then built once each (a sort, not a million random B-tree inserts);
- the presence counters are counted once (:data:`~chain_graph.store.sqlite_schema.PRESENCE_RECOUNT`),
  the company search texts copied and their full-text index rebuilt in one pass, and the triggers
  and indexes recreated, from their own stored SQL, before the transaction commits.

A reader never sees the store without its triggers (the transaction is all-or-nothing), and the
tables end exactly as the row-by-row path leaves them (tests/test_embedded_store.py compares both).
"""

from __future__ import annotations

import contextlib
import operator
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from chain_graph.models import Kind, Record
from chain_graph.store.sqlite_index import INDEX_TABLES
from chain_graph.store.sqlite_schema import PRESENCE_RECOUNT

__all__ = ["BULK_KINDS", "bulk_applies", "load_cache", "write_bulk"]

# The kinds whose index tables the triggers keep; a bulk load needs all three tables empty.
BULK_KINDS = (Kind.COMPANY, Kind.COMPANY_SEGMENT, Kind.SUPPLY)
_LOAD_CACHE_KIB = 262_144  # page cache of the writing connection during a bulk load (at most 256 MiB)


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
    companies = by_kind.get(Kind.COMPANY, ())
    kept = _drop_derived(db)
    db.execute("DELETE FROM g_presence")  # zero counts a delete left behind: no member is left
    _insert(db, Kind.COMPANY, companies, (), {}, 0)
    # what each company lends the rows that name it, worked out once a company, not once a row
    locality = {c.company_id: (c.region, int(c.local_site), c.revenue_cny_100m) for c in companies}  # type: ignore[attr-defined]
    _insert(db, Kind.COMPANY_SEGMENT, by_kind.get(Kind.COMPANY_SEGMENT, ()), _LOCALITY, locality, 1)
    del locality
    supplier = {c.company_id: (c.name, c.region, int(c.local_site)) for c in companies}  # type: ignore[attr-defined]
    _insert(db, Kind.SUPPLY, by_kind.get(Kind.SUPPLY, ()), _SUPPLIER, supplier, 0)
    del supplier
    db.execute(PRESENCE_RECOUNT)
    _fill_search(db)
    for sql in kept:  # indexes first, then triggers (sqlite_master lists them so)
        db.execute(sql)


@contextlib.contextmanager
def load_cache(db: sqlite3.Connection) -> Iterator[None]:
    """A large page cache for the writing connection during a bulk load (the pages of a city's records
    and index rows stay in memory until the commit instead of spilling to the WAL as they are written)."""
    (cache_kib,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size=-{_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size={int(cache_kib)}")


# The tables whose secondary indexes and triggers a bulk load drops and recreates; g_company_text
# (the search texts, kept from g_company by triggers) is empty when g_company is.
_DERIVED_ON = ("g_company", "g_member", "g_supply", "g_company_text")
_FTS_TEXT = "g_company_text"


def _drop_derived(db: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes and triggers of the bulk tables; return their SQL to recreate them."""
    marks = ", ".join("?" * len(_DERIVED_ON))
    found = db.execute(
        f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY type, name",
        _DERIVED_ON,
    ).fetchall()
    for kind, name, _ in found:
        db.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in found]


def _fill_search(db: sqlite3.Connection) -> None:
    """The search texts and their full-text index (schema 5), as the dropped triggers would keep them."""
    if not db.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{_FTS_TEXT}'").fetchone():
        return  # a SQLite without FTS5 trigram: no index (sqlite_schema.fts_available)
    db.execute(
        f"INSERT INTO {_FTS_TEXT} (company_id, search) "
        "SELECT company_id, coalesce(search, '') FROM g_company ORDER BY company_id"
    )
    db.execute("INSERT INTO g_company_fts (g_company_fts) VALUES ('rebuild')")


def _insert(
    db: sqlite3.Connection,
    kind: Kind,
    records: Iterable[Record],
    carried: tuple[str, ...],
    carry: dict[str, tuple[Any, ...]],
    named_at: int,
) -> None:
    """Plain INSERTs of a kind's index rows, in the table's primary-key order; the ``carried``
    columns are ``carry``'s values for the company the row's column ``named_at`` names."""
    table, columns, _, row_of = INDEX_TABLES[kind]
    # by the key's first column only (one text per row to compare, not a tuple): the sort is stable,
    # so rows that came in the key's order (a bundle lists a company's ties together) stay in it, and
    # any other order only costs the B-tree a few more page splits. The records are sorted, not their
    # rows: each row is made as it is inserted (a million rows of nine values held at once: ~130 MiB)
    ordered = sorted(records, key=operator.attrgetter(_PRIMARY_KEY[table][0]))
    if not ordered:
        return
    nothing = (None,) * len(carried)
    get = carry.get
    rows = ((*row, *get(row[named_at], nothing)) for row in map(row_of, ordered))
    names = (*columns, *carried)
    db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)


_LOCALITY = ("region", "local_site", "revenue")  # a membership carries its company's
_SUPPLIER = ("sup_name", "sup_region", "sup_local_site")  # a supply tie its supplier's
# Each table's primary key, in its stored order (sqlite_schema: g_supply is keyed customer first).
_PRIMARY_KEY = {
    "g_company": ("company_id",),
    "g_member": ("segment_id", "company_id"),
    "g_supply": ("customer_id", "supplier_id"),
}
