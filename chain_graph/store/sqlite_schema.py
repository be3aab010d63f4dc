"""The embedded store's SQLite schema and its numbered migrations (the index rows: :mod:`.sqlite_index`).

``records`` holds every record whole (its JSON), keyed by ``(kind, key)``: ``get``, ``find``
and ``list`` read it — except supply ties and memberships, whose index rows are their only home
(schema 6). Beside it the store keeps small typed **index tables** for the graph
kinds — the columns the fact queries join and count on, indexed both ways — written in the
same transaction as the records, so they never disagree. Plans, events and snapshots are
filtered through partial expression indexes on ``records``.

A store written by an older schema is upgraded at open by the numbered migrations in
:data:`MIGRATIONS`, each in its own transaction; a newer schema is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from chain_graph.store.search import SEPARATOR, company_text

__all__ = [
    "MIGRATIONS",
    "PRESENCE_RECOUNT",
    "SCHEMA_VERSION",
    "create_latest",
    "create_triggers",
    "drop_triggers",
    "has_company_index",
    "migrate",
]

SCHEMA_VERSION = 6

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


# Version 3: what the gap report counts is kept, not recounted.
# - g_member carries its company's region, local site and revenue (written with the membership, kept
#   by the g_company triggers) and its role's rank (a plain column: an index on a generated one is
#   not covering); the firm lists walk g_member_rank in list order.
# - g_presence holds per (segment, region, local site) the number of members, of leading members and
#   the known revenue (in millionths of 亿元: integers add and subtract exactly), kept by triggers on
#   g_member inside the writing transaction.
# - g_supply is keyed customer first (the report reads the suppliers of given customers) and carries
#   the supplier's name, region and local site.
_V3_TABLES = """
ALTER TABLE g_member ADD COLUMN region TEXT;
ALTER TABLE g_member ADD COLUMN local_site INTEGER;
ALTER TABLE g_member ADD COLUMN revenue REAL;
ALTER TABLE g_member ADD COLUMN rank INTEGER;
UPDATE g_member SET rank = CASE role WHEN 'leading' THEN 0 WHEN 'core' THEN 1 ELSE 2 END,
    (region, local_site, revenue) =
    (SELECT c.region, c.local_site, c.revenue FROM g_company c WHERE c.company_id = g_member.company_id);
CREATE INDEX IF NOT EXISTS g_member_rank ON g_member (segment_id, rank, company_id, region, local_site, revenue);
CREATE TABLE IF NOT EXISTS g_presence (
    segment_id TEXT NOT NULL, region TEXT NOT NULL, local_site INTEGER NOT NULL,
    n INTEGER NOT NULL, leading INTEGER NOT NULL, rev_micro INTEGER NOT NULL, rev_n INTEGER NOT NULL,
    PRIMARY KEY (segment_id, region, local_site)) WITHOUT ROWID;
INSERT INTO g_presence SELECT segment_id, coalesce(region, ''), coalesce(local_site, 0), count(*),
    sum(rank = 0), coalesce(sum(CAST(round(revenue * 1000000) AS INTEGER)), 0), count(revenue)
    FROM g_member GROUP BY segment_id, coalesce(region, ''), coalesce(local_site, 0);
CREATE TABLE g_supply_v3 (
    customer_id TEXT NOT NULL, supplier_id TEXT NOT NULL, product TEXT, amount REAL, source TEXT, as_of TEXT,
    sup_name TEXT, sup_region TEXT, sup_local_site INTEGER,
    PRIMARY KEY (customer_id, supplier_id)) WITHOUT ROWID;
INSERT INTO g_supply_v3 SELECT s.customer_id, s.supplier_id, s.product, s.amount, s.source, s.as_of,
    c.name, c.region, c.local_site FROM g_supply s LEFT JOIN g_company c ON c.company_id = s.supplier_id
    ORDER BY s.customer_id, s.supplier_id;
DROP TABLE g_supply;
ALTER TABLE g_supply_v3 RENAME TO g_supply;
CREATE INDEX IF NOT EXISTS g_supply_supplier ON g_supply (supplier_id);
CREATE INDEX IF NOT EXISTS g_company_site ON g_company (region) WHERE local_site = 1;
ALTER TABLE g_company ADD COLUMN search TEXT;
"""


def _company_copy(row: str) -> str:
    """Copy a g_company row's locality (``NEW``; ``None``: cleared) into its memberships and supplies."""
    if row == "None":
        return """    UPDATE g_member SET region = NULL, local_site = NULL, revenue = NULL
        WHERE company_id = OLD.company_id;
    UPDATE g_supply SET sup_name = NULL, sup_region = NULL, sup_local_site = NULL
        WHERE supplier_id = OLD.company_id;
"""
    return f"""    UPDATE g_member SET region = {row}.region, local_site = {row}.local_site, revenue = {row}.revenue
        WHERE company_id = {row}.company_id;
    UPDATE g_supply SET sup_name = {row}.name, sup_region = {row}.region, sup_local_site = {row}.local_site
        WHERE supplier_id = {row}.company_id;
"""


def _presence_step(row: str, sign: int) -> str:
    """Count one g_member row (``NEW`` or ``OLD``) into its g_presence bucket with ``sign``."""
    return f"""    INSERT INTO g_presence (segment_id, region, local_site, n, leading, rev_micro, rev_n) VALUES (
        {row}.segment_id, coalesce({row}.region, ''), coalesce({row}.local_site, 0), {sign},
        {sign} * ({row}.role = 'leading'), {sign} * coalesce(CAST(round({row}.revenue * 1000000) AS INTEGER), 0),
        {sign} * ({row}.revenue IS NOT NULL))
    ON CONFLICT (segment_id, region, local_site) DO UPDATE SET n = n + excluded.n,
        leading = leading + excluded.leading, rev_micro = rev_micro + excluded.rev_micro,
        rev_n = rev_n + excluded.rev_n;
"""


_V3_TRIGGERS = [
    ("g_company_in", "INSERT ON g_company", _company_copy("NEW")),
    ("g_company_up", "UPDATE ON g_company", _company_copy("NEW")),
    ("g_company_out", "DELETE ON g_company", _company_copy("None")),
    ("g_member_in", "INSERT ON g_member", _presence_step("NEW", 1)),
    ("g_member_out", "DELETE ON g_member", _presence_step("OLD", -1)),
    ("g_member_up", "UPDATE OF role, region, local_site, revenue ON g_member",
     _presence_step("OLD", -1) + _presence_step("NEW", 1)),
]  # fmt: skip


def create_triggers(db: sqlite3.Connection) -> None:
    """The triggers that keep carried columns and presence counters (schema 3)."""
    for name, event, body in _V3_TRIGGERS:
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} BEGIN\n{body}END")


def drop_triggers(db: sqlite3.Connection) -> None:
    """Drop the schema-3 triggers, inside the caller's transaction (a bulk load into empty
    tables computes what they would keep in one pass and recreates them before it commits)."""
    for name, _, _ in _V3_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")


# The presence counters recounted from g_member: what the triggers keep, row by row.
PRESENCE_RECOUNT = """INSERT INTO g_presence SELECT segment_id, coalesce(region, ''), coalesce(local_site, 0),
    count(*), sum(rank = 0), coalesce(sum(CAST(round(revenue * 1000000) AS INTEGER)), 0), count(revenue)
    FROM g_member GROUP BY segment_id, coalesce(region, ''), coalesce(local_site, 0)"""


def _migrate_2_to_3(db: sqlite3.Connection) -> None:
    """Memberships carry their company's locality; presence counters; supplies keyed by customer."""
    _script(db, _V3_TABLES)
    create_triggers(db)
    # what a company is found by (store.search: company_text), folded in Python as the search folds
    from chain_graph.models import Company

    rows = db.execute("SELECT data FROM records WHERE kind = 'company'")
    db.executemany(
        "UPDATE g_company SET search = ? WHERE company_id = ?",
        ((company_text(c), c.company_id) for c in (Company.from_stored(json.loads(d)) for (d,) in rows)),
    )


# Version 4: organisations, memberships and shareholdings, for the relationship paths (chain_graph.paths).
_V4 = """
CREATE TABLE IF NOT EXISTS g_org (
    organisation_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, overseas_chinese INTEGER NOT NULL
    ) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS g_affil (
    company_id TEXT NOT NULL, organisation_id TEXT NOT NULL, role TEXT, since TEXT, source TEXT, as_of TEXT,
    PRIMARY KEY (company_id, organisation_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_affil_org ON g_affil (organisation_id);
CREATE TABLE IF NOT EXISTS g_share (
    holder_id TEXT NOT NULL, company_id TEXT NOT NULL, share_pct REAL, source TEXT, as_of TEXT,
    PRIMARY KEY (holder_id, company_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS g_share_company ON g_share (company_id);
CREATE INDEX IF NOT EXISTS g_member_role ON g_member (role, company_id);
"""
_V4_FILL = """
INSERT OR REPLACE INTO g_org SELECT json_extract(data, '$.organisation_id'), json_extract(data, '$.name'),
    json_extract(data, '$.kind'), coalesce(json_extract(data, '$.overseas_chinese'), 0)
    FROM records WHERE kind = 'organisation';
INSERT OR REPLACE INTO g_affil SELECT json_extract(data, '$.company_id'), json_extract(data, '$.organisation_id'),
    json_extract(data, '$.role'), json_extract(data, '$.since'), json_extract(data, '$.source'),
    json_extract(data, '$.as_of') FROM records WHERE kind = 'membership';
INSERT OR REPLACE INTO g_share SELECT json_extract(data, '$.holder_id'), json_extract(data, '$.company_id'),
    json_extract(data, '$.share_pct'), json_extract(data, '$.source'), json_extract(data, '$.as_of')
    FROM records WHERE kind = 'shareholding';
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


def _migrate_3_to_4(db: sqlite3.Connection) -> None:
    """Index tables of organisations, memberships and shareholdings (filled from any such records)."""
    _script(db, _V4)
    _script(db, _V4_FILL)


# Version 5: company search through an FTS5 trigram index (substrings of three characters or more).
# FTS5 needs a rowid; g_company has none, so g_company_text numbers the companies and is the index's
# external content, kept from g_company by triggers, and the index kept from it (the documented
# external-content pattern). case_sensitive 1: the text is case-folded already (store.search), so a
# match is exactly ``instr(search, needle) > 0``. Where this SQLite lacks FTS5 or the trigram
# tokenizer, the migration leaves the index out and search scans g_company as before. FTS5 (like
# SQLite's text functions) reads text up to its first NUL, so the parts of a company's text are now
# joined by U+001F (store.search.SEPARATOR), not NUL: the migration rewrites the stored texts.
_V5 = """
CREATE TABLE IF NOT EXISTS g_company_text (
    id INTEGER PRIMARY KEY, company_id TEXT NOT NULL UNIQUE, search TEXT NOT NULL DEFAULT '');
CREATE VIRTUAL TABLE IF NOT EXISTS g_company_fts USING fts5(
    search, content = 'g_company_text', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
INSERT INTO g_company_text (company_id, search) SELECT company_id, coalesce(search, '') FROM g_company;
INSERT INTO g_company_fts (g_company_fts) VALUES ('rebuild')
"""
_V5_TRIGGERS = [
    ("g_text_in", "INSERT ON g_company",
     "    INSERT INTO g_company_text (company_id, search) VALUES (NEW.company_id, coalesce(NEW.search, ''));\n"),
    ("g_text_up", "UPDATE OF search ON g_company",
     "    UPDATE g_company_text SET search = coalesce(NEW.search, '') WHERE company_id = NEW.company_id;\n"),
    ("g_text_out", "DELETE ON g_company", "    DELETE FROM g_company_text WHERE company_id = OLD.company_id;\n"),
    ("g_fts_in", "INSERT ON g_company_text",
     "    INSERT INTO g_company_fts (rowid, search) VALUES (NEW.id, NEW.search);\n"),
    ("g_fts_out", "DELETE ON g_company_text",
     "    INSERT INTO g_company_fts (g_company_fts, rowid, search) VALUES ('delete', OLD.id, OLD.search);\n"),
    ("g_fts_up", "UPDATE ON g_company_text",
     "    INSERT INTO g_company_fts (g_company_fts, rowid, search) VALUES ('delete', OLD.id, OLD.search);\n"
     "    INSERT INTO g_company_fts (rowid, search) VALUES (NEW.id, NEW.search);\n"),
]  # fmt: skip


def fts_available(db: sqlite3.Connection) -> bool:
    """Does this SQLite have FTS5 with the trigram tokenizer (SQLite 3.34+ built with FTS5)?"""
    try:
        db.execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize = 'trigram')")
    except sqlite3.OperationalError:
        return False
    db.execute("DROP TABLE temp.fts_probe")
    return True


def has_company_index(db: sqlite3.Connection) -> bool:
    """Is the company search index there (migration 5 on a SQLite that has FTS5 trigram)?"""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'g_company_fts'").fetchone()
    return found is not None


def _migrate_4_to_5(db: sqlite3.Connection) -> None:
    """The company search index (FTS5 trigram), where this SQLite has it."""
    drop_triggers(db)  # only the texts change: the carried columns need no copying
    texts = db.execute("SELECT company_id, search FROM g_company WHERE instr(search, char(0)) > 0").fetchall()
    db.executemany(
        "UPDATE g_company SET search = ? WHERE company_id = ?",
        [(text.replace("\u0000", SEPARATOR), company) for company, text in texts],
    )
    create_triggers(db)
    if not fts_available(db):
        return
    _script(db, _V5)
    for name, event, body in _V5_TRIGGERS:
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} BEGIN\n{body}END")


# Version 6: supply ties and memberships are kept once, as their index rows (sqlite_index.INDEX_ONLY):
# their records leave ``records`` and are read back from the rows, which now hold every field
# (g_member gains the provenance columns). The rows are rewritten from the records' JSON in Python
# (the fields' values exactly as the records held them), then the JSON is deleted.
_V6 = """
ALTER TABLE g_member ADD COLUMN source TEXT;
ALTER TABLE g_member ADD COLUMN as_of TEXT
"""


def _migrate_5_to_6(db: sqlite3.Connection) -> None:
    """Supply ties and memberships kept once: their index rows become their records' only home."""
    from chain_graph.store.sqlite_index import move_index_only

    _script(db, _V6)
    move_index_only(db)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _migrate_1_to_2,
    3: _migrate_2_to_3,
    4: _migrate_3_to_4,
    5: _migrate_4_to_5,
    6: _migrate_5_to_6,
}


def create_latest(db: sqlite3.Connection) -> None:
    """A new store: the whole schema at the latest version."""
    _script(db, _BASE + _V2)
    _migrate_2_to_3(db)
    _migrate_3_to_4(db)
    _migrate_4_to_5(db)
    _migrate_5_to_6(db)
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
    migrate_to(db, found, SCHEMA_VERSION)


def migrate_to(db: sqlite3.Connection, found: int, target: int) -> None:
    """Apply the migrations after ``found`` up to ``target``, each in its own transaction."""
    for version in range(found + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            db.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(version),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


# -- index rows written beside each record ------------------------------------------------------
