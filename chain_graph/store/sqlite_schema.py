"""The embedded store's SQLite schema, its numbered migrations, and the index tables it keeps.

``records`` holds every record whole (its JSON), keyed by ``(kind, key)``: ``get``, ``find``
and ``list`` read it. Beside it the store keeps small typed **index tables** for the graph
kinds — the columns the fact queries join and count on, indexed both ways — written in the
same transaction as the records, so they never disagree. Plans, events and snapshots are
filtered through partial expression indexes on ``records``.

A store written by an older schema is upgraded at open by the numbered migrations in
:data:`MIGRATIONS`, each in its own transaction; a newer schema is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from chain_graph.models import Kind, Record

__all__ = ["INDEX_TABLES", "MIGRATIONS", "SCHEMA_VERSION", "create_latest", "index_rows", "migrate"]

SCHEMA_VERSION = 2

_BASE = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (kind, key)) WITHOUT ROWID;
"""

# Version 2: index tables for the fact queries, counters per kind, named revisions.
_V2 = """
CREATE TABLE IF NOT EXISTS g_region (region_id TEXT PRIMARY KEY, parent_id TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_region_parent ON g_region (parent_id);
CREATE TABLE IF NOT EXISTS g_segment (
    segment_id TEXT PRIMARY KEY, chain_id TEXT NOT NULL, parent_id TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_segment_chain ON g_segment (chain_id);
CREATE INDEX IF NOT EXISTS g_segment_parent ON g_segment (parent_id);
CREATE TABLE IF NOT EXISTS g_link (
    from_id TEXT NOT NULL, to_id TEXT NOT NULL, weight REAL, PRIMARY KEY (from_id, to_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_link_to ON g_link (to_id);
CREATE TABLE IF NOT EXISTS g_company (
    company_id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT, local_site INTEGER NOT NULL,
    revenue REAL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_company_region ON g_company (region);
CREATE TABLE IF NOT EXISTS g_member (
    segment_id TEXT NOT NULL, company_id TEXT NOT NULL, role TEXT NOT NULL, share REAL,
    PRIMARY KEY (segment_id, company_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_member_company ON g_member (company_id, segment_id, role);
CREATE TABLE IF NOT EXISTS g_supply (
    supplier_id TEXT NOT NULL, customer_id TEXT NOT NULL, product TEXT, amount REAL, source TEXT, as_of TEXT,
    PRIMARY KEY (supplier_id, customer_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_supply_customer ON g_supply (customer_id);
CREATE TABLE IF NOT EXISTS g_ranking (
    company_id TEXT NOT NULL, list_id TEXT NOT NULL, year INTEGER NOT NULL, rank INTEGER NOT NULL,
    PRIMARY KEY (company_id, list_id, year)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS r_plan_company ON records (json_extract(data, '$.company_id')) WHERE kind = 'target_plan';
CREATE INDEX IF NOT EXISTS r_plan_chain ON records (json_extract(data, '$.chain_id')) WHERE kind = 'target_plan';
CREATE INDEX IF NOT EXISTS r_event_plan ON records (json_extract(data, '$.plan_id')) WHERE kind = 'plan_event';
CREATE INDEX IF NOT EXISTS r_snapshot_chain ON records (json_extract(data, '$.chain_id'))
    WHERE kind = 'chain_snapshot';
CREATE TABLE IF NOT EXISTS kind_counts (kind TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS revisions (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""

# Filling the index tables from the records (migration 1 -> 2, and a check in tests).
_V2_FILL = """
INSERT OR REPLACE INTO g_region SELECT json_extract(data, '$.region_id'), json_extract(data, '$.parent_id')
    FROM records WHERE kind = 'region';
INSERT OR REPLACE INTO g_segment SELECT json_extract(data, '$.segment_id'), json_extract(data, '$.chain_id'),
    json_extract(data, '$.parent_id') FROM records WHERE kind = 'segment';
INSERT OR REPLACE INTO g_link SELECT json_extract(data, '$.from_segment_id'), json_extract(data, '$.to_segment_id'),
    json_extract(data, '$.weight') FROM records WHERE kind = 'segment_link';
INSERT OR REPLACE INTO g_company SELECT json_extract(data, '$.company_id'), json_extract(data, '$.name'),
    json_extract(data, '$.region'), coalesce(json_extract(data, '$.local_site'), 0),
    json_extract(data, '$.revenue_cny_100m') FROM records WHERE kind = 'company';
INSERT OR REPLACE INTO g_member SELECT json_extract(data, '$.segment_id'), json_extract(data, '$.company_id'),
    json_extract(data, '$.role'), json_extract(data, '$.share') FROM records WHERE kind = 'company_segment';
INSERT OR REPLACE INTO g_supply SELECT json_extract(data, '$.supplier_id'), json_extract(data, '$.customer_id'),
    json_extract(data, '$.product'), json_extract(data, '$.amount_cny_100m'), json_extract(data, '$.source'),
    json_extract(data, '$.as_of') FROM records WHERE kind = 'supply';
INSERT OR REPLACE INTO g_ranking SELECT json_extract(data, '$.company_id'), json_extract(data, '$.list_id'),
    json_extract(data, '$.year'), json_extract(data, '$.rank') FROM records WHERE kind = 'ranking';
INSERT OR REPLACE INTO kind_counts SELECT kind, count(*) FROM records GROUP BY kind;
INSERT OR REPLACE INTO revisions (name, value)
    SELECT 'any', CAST(value AS INTEGER) FROM meta WHERE name = 'seq';
INSERT OR IGNORE INTO revisions (name, value) VALUES ('epoch', 1);
"""


def _script(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of a script inside the caller's transaction (``executescript`` would
    commit it first)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    """Index tables, counters and revisions from the records; tombstones are no longer needed
    (every read goes to SQLite, so other processes' writes are seen without replaying them)."""
    _script(db, _V2)
    _script(db, _V2_FILL)
    db.execute("DROP TABLE IF EXISTS tombstones")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {2: _migrate_1_to_2}


def create_latest(db: sqlite3.Connection) -> None:
    """A new store: the whole schema at the latest version."""
    _script(db, _BASE + _V2)
    db.execute("INSERT INTO meta (name, value) VALUES ('schema_version', ?), ('seq', '0')", (str(SCHEMA_VERSION),))
    db.execute("INSERT INTO revisions (name, value) VALUES ('any', 0), ('epoch', 1)")


def migrate(db: sqlite3.Connection, found: int, where: str) -> None:
    """Upgrade a store at schema ``found`` to :data:`SCHEMA_VERSION`, one migration per transaction."""
    from chain_graph.errors import StoreUnavailable

    if found > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"the store at {where} has schema version {found}, newer than this chain-graph "
            f"understands ({SCHEMA_VERSION}); upgrade chain-graph"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            db.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(version),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


# -- index rows written beside each record ------------------------------------------------------


def _g(record: Record, name: str) -> Any:
    value = getattr(record, name)
    return getattr(value, "value", value)


# kind -> (table, its columns, key columns, the row of a record)
INDEX_TABLES: dict[Kind, tuple[str, tuple[str, ...], tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {
    Kind.REGION: ("g_region", ("region_id", "parent_id"), ("region_id",), lambda r: (r.region_id, r.parent_id)),
    Kind.SEGMENT: (
        "g_segment",
        ("segment_id", "chain_id", "parent_id"),
        ("segment_id",),
        lambda r: (r.segment_id, r.chain_id, r.parent_id),
    ),
    Kind.SEGMENT_LINK: (
        "g_link",
        ("from_id", "to_id", "weight"),
        ("from_id", "to_id"),
        lambda r: (r.from_segment_id, r.to_segment_id, r.weight),
    ),
    Kind.COMPANY: (
        "g_company",
        ("company_id", "name", "region", "local_site", "revenue"),
        ("company_id",),
        lambda r: (r.company_id, r.name, r.region, int(r.local_site), r.revenue_cny_100m),
    ),
    Kind.COMPANY_SEGMENT: (
        "g_member",
        ("segment_id", "company_id", "role", "share"),
        ("company_id", "segment_id"),
        lambda r: (r.segment_id, r.company_id, _g(r, "role"), r.share),
    ),
    Kind.SUPPLY: (
        "g_supply",
        ("supplier_id", "customer_id", "product", "amount", "source", "as_of"),
        ("supplier_id", "customer_id"),
        lambda r: (
            r.supplier_id,
            r.customer_id,
            r.product,
            r.amount_cny_100m,
            r.source,
            r.as_of.isoformat() if r.as_of else None,
        ),
    ),
    Kind.RANKING: (
        "g_ranking",
        ("company_id", "list_id", "year", "rank"),
        ("list_id", "year", "company_id"),
        lambda r: (r.company_id, _g(r, "list_id"), r.year, r.rank),
    ),
}


def index_rows(kind: Kind, records: list[Record]) -> tuple[str, list[tuple[Any, ...]]]:
    """The ``INSERT OR REPLACE`` statement of a kind's index table and its rows."""
    table, columns, _, row = INDEX_TABLES[kind]
    marks = ", ".join("?" for _ in columns)
    return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", [row(r) for r in records]


def index_delete(kind: Kind) -> str:
    """The ``DELETE`` of one row of a kind's index table, by the record's key parts in KEY order."""
    table, _, key_columns, _ = INDEX_TABLES[kind]
    return f"DELETE FROM {table} WHERE " + " AND ".join(f"{c} = ?" for c in key_columns)
