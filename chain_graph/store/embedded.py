"""The embedded store: SQLite on disk is the source of truth, read through indexes on demand.

Nothing else needs to be installed, and nothing is loaded wholesale: opening a store costs
what its schema costs, and memory follows what is asked, not the size of the city.
``chain-graph.sqlite3`` in the data directory holds every record whole (``records``) and, for
the graph kinds, small typed index tables that the fact queries join and count on
(:mod:`~chain_graph.store.sqlite_schema`, :mod:`~chain_graph.store.embedded_facts`). WAL mode
with ``synchronous=FULL``: a write that returned has reached the disk and survives a crash.

A batch is checked in full (:func:`~chain_graph.store.checks.plan_batch`) inside one
``BEGIN IMMEDIATE`` transaction, written, and committed, or rolled back whole. Each write bumps
the named revisions of what it touched (the chains it can change, the plans, …), in the same
transaction, so caches in any process keyed by them are fresh after every write. Reads go to
SQLite on a connection per thread, each answer in one read transaction (one snapshot).
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from chain_graph.errors import InvalidInput, NotFound, StoreUnavailable
from chain_graph.facts import (
    CandidateFacts,
    ChainFacts,
    ChainSummary,
    CompanyFacts,
    LeadFacts,
    LocalScope,
    OverseasTie,
)
from chain_graph.models import MODELS, NODE_KINDS, Chain, Company, CompanySegment, Kind, Record
from chain_graph.paths import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, Paths
from chain_graph.store import embedded_facts as facts_sql
from chain_graph.store import embedded_relations as relations_sql
from chain_graph.store.base import (
    ApplyResult,
    Batch,
    Change,
    Key,
    Page,
    normalize_key,
)
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch
from chain_graph.store.search import text_rank
from chain_graph.store.sqlite_schema import (
    INDEX_TABLES,
    SCHEMA_VERSION,
    create_latest,
    index_delete,
    index_rows,
    migrate,
)
from chain_graph.store.subgraph import SubgraphParts, assemble

__all__ = ["DB_FILENAME", "SCHEMA_VERSION", "EmbeddedStore"]

DB_FILENAME = "chain-graph.sqlite3"
_CHUNK = 500

# list() filters answered through an index table: (kind, field) -> (table, column, record key of a row)
_INDEXED_FILTERS: dict[tuple[Kind, str], tuple[str, str, str]] = {
    (Kind.REGION, "parent_id"): ("g_region", "parent_id", "json_array(t.region_id)"),
    (Kind.SEGMENT, "chain_id"): ("g_segment", "chain_id", "json_array(t.segment_id)"),
    (Kind.SEGMENT, "parent_id"): ("g_segment", "parent_id", "json_array(t.segment_id)"),
    (Kind.COMPANY, "region"): ("g_company", "region", "json_array(t.company_id)"),
    (Kind.SEGMENT_LINK, "from_segment_id"): ("g_link", "from_id", "json_array(t.from_id, t.to_id)"),
    (Kind.SEGMENT_LINK, "to_segment_id"): ("g_link", "to_id", "json_array(t.from_id, t.to_id)"),
    (Kind.COMPANY_SEGMENT, "segment_id"): ("g_member", "segment_id", "json_array(t.company_id, t.segment_id)"),
    (Kind.COMPANY_SEGMENT, "company_id"): ("g_member", "company_id", "json_array(t.company_id, t.segment_id)"),
    (Kind.SUPPLY, "supplier_id"): ("g_supply", "supplier_id", "json_array(t.supplier_id, t.customer_id)"),
    (Kind.SUPPLY, "customer_id"): ("g_supply", "customer_id", "json_array(t.supplier_id, t.customer_id)"),
    (Kind.RANKING, "company_id"): ("g_ranking", "company_id", "json_array(t.list_id, t.year, t.company_id)"),
    (Kind.MEMBERSHIP, "company_id"): ("g_affil", "company_id", "json_array(t.company_id, t.organisation_id)"),
    (Kind.MEMBERSHIP, "organisation_id"): ("g_affil", "organisation_id", "json_array(t.company_id, t.organisation_id)"),
    (Kind.SHAREHOLDING, "holder_id"): ("g_share", "holder_id", "json_array(t.holder_id, t.company_id)"),
    (Kind.SHAREHOLDING, "company_id"): ("g_share", "company_id", "json_array(t.holder_id, t.company_id)"),
}
# Kinds whose key has a whole-number part: ordered by their key fields, not the key text.
_NUMERIC_KEYS = {Kind.PLAN_EVENT}


_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-")


def _key_text(key: Key) -> str:
    """The key as compact JSON text (the primary key of ``records``); ids need no escaping, so the
    common case is built by hand — an import writes a million of them."""
    parts = []
    for p in key:
        if isinstance(p, int) and not isinstance(p, bool):
            parts.append(str(p))
            continue
        text = str(p)
        if not _PLAIN.issuperset(text):
            return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"), default=str)
        parts.append(f'"{text}"')
    return "[" + ",".join(parts) + "]"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=30000")
    db.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages per connection
    return db


class EmbeddedStore:
    """SQLite (WAL) on disk, read through indexes. Open with a directory; close when done."""

    backend = "embedded"

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.path = Path(data_dir) / DB_FILENAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connect(self.path)
            self._open_schema()
        except (OSError, sqlite3.Error) as e:
            raise StoreUnavailable(f"cannot open the embedded store at {self.path}: {e}") from e
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._closed = False

    # -- reading -----------------------------------------------------------------------------

    def get(self, kind: Kind, key: str | Sequence[Any]) -> Record:
        record = self.find(kind, key)
        if record is None:
            raise NotFound(f"no {Kind(kind)} with key {_shown(kind, key)}", field=MODELS[Kind(kind)].KEY[-1])
        return record

    def find(self, kind: Kind, key: str | Sequence[Any]) -> Record | None:
        kind = Kind(kind)
        normalized = normalize_key(kind, key)
        return self.lookup_many(kind, [normalized]).get(normalized)

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        kind = Kind(kind)
        with self._read() as db:
            return _lookup(db, kind, list(keys))

    def list(
        self,
        kind: Kind,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page:
        kind = Kind(kind)
        source, conditions, params = _list_query(kind, where)
        order = _order(kind)
        page = f"SELECT r.data FROM {source} WHERE {conditions} ORDER BY {order} LIMIT ? OFFSET ?"
        with self._read() as db:
            rows = db.execute(page, (*params, -1 if limit is None else limit, offset)).fetchall()
            if where:
                total = db.execute(f"SELECT count(*) FROM {source} WHERE {conditions}", params).fetchone()[0]
            else:
                total = _count(db, kind)
        model = MODELS[kind]
        items = [model.from_stored(json.loads(data)) for (data,) in rows]
        return Page(items=items, total=total, offset=offset, limit=limit)

    def count(self, kind: Kind) -> int:
        with self._read() as db:
            return _count(db, Kind(kind))

    def stats(self) -> dict[str, int]:
        with self._read() as db:
            found = dict(db.execute("SELECT kind, n FROM kind_counts").fetchall())
        return {kind.value: int(found.get(kind.value, 0)) for kind in Kind}

    def revision(self) -> int | None:
        """A number that changes with every write (any kind, any process)."""
        return self.revisions()["any"]

    def revisions(self) -> dict[str, int]:
        """Every named revision: ``any``, ``data``, ``epoch``, ``chain:<id>``, ``plans``, …"""
        with self._read() as db:
            found = dict(db.execute("SELECT name, value FROM revisions").fetchall())
        found.setdefault("any", 0)
        found.setdefault("epoch", 1)
        return found

    def search_companies(self, text: str, *, limit: int = 20) -> builtins.list[Record]:
        needle = text.strip().casefold()
        if not needle:
            return []
        # the match on g_company.search (company_text, kept with the row), the order from the same
        # text; only the records shown are read
        with self._read() as db:
            hits = db.execute("SELECT company_id, search FROM g_company WHERE instr(search, ?) > 0", (needle,))
            ranked = sorted((text_rank(text, needle), company) for company, text in hits)[:limit]
            found = _lookup(db, Kind.COMPANY, [(company,) for _, company in ranked])
        return [found[(company,)] for _, company in ranked]

    # -- facts -------------------------------------------------------------------------------

    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        with self._read() as db:
            return facts_sql.chain_facts(db, _chain(db, chain_id), scope, firm_limit, county)

    def company_facts(
        self, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
    ) -> dict[str, CompanyFacts]:
        with self._read() as db:
            return facts_sql.company_facts(db, company_ids, list(segment_ids), scope)

    def candidate_facts(
        self, segment_ids: Sequence[str], scope: LocalScope, *, also_local: Iterable[str] = ()
    ) -> CandidateFacts:
        with self._read() as db:
            return facts_sql.candidate_facts(db, segment_ids, scope, also_local)

    def segment_members(self, segment_id: str) -> builtins.list[tuple[CompanySegment, Company]]:
        with self._read() as db:
            return facts_sql.segment_members(db, segment_id)

    def count_local(self, scope: LocalScope) -> int:
        with self._read() as db:
            return facts_sql.count_local(db, scope)

    def chain_summaries(self, scope: LocalScope) -> builtins.list[ChainSummary]:
        with self._read() as db:
            return facts_sql.chain_summaries(db, scope)

    # -- relationships that bring a target in (chain_graph.paths), 链主 leads ------------------

    def relation_paths(
        self,
        company_ids: Sequence[str],
        scope: LocalScope,
        *,
        max_hops: int = DEFAULT_MAX_HOPS,
        limit: int = DEFAULT_LIMIT,
        beyond_direct_supply: bool = False,
    ) -> dict[str, Paths]:
        with self._read() as db:
            return relations_sql.relation_paths(
                db, company_ids, scope, max_hops=max_hops, limit=limit, beyond_direct_supply=beyond_direct_supply
            )

    def lead_facts(self, scope: LocalScope, *, leader_id: str | None = None) -> LeadFacts:
        with self._read() as db:
            return relations_sql.lead_facts(db, scope, leader_id)

    def overseas_ties(self, company_ids: Iterable[str] | None = None) -> builtins.list[OverseasTie]:
        with self._read() as db:
            return relations_sql.overseas_ties(db, None if company_ids is None else list(company_ids))

    def chain_subgraph(self, chain_id: str) -> Any:
        """The chain's map as a graph (:func:`~chain_graph.store.subgraph.assemble` layout): its
        segments and FEEDS neighbours, the companies of its own segments and the ties among them."""
        return assemble(self.chain_parts(chain_id))

    def chain_parts(self, chain_id: str) -> SubgraphParts:
        with self._read() as db:
            return facts_sql.chain_map_parts(db, _chain(db, chain_id))

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, record: Record) -> Change:
        result = self.apply(Batch(upserts=[record]))
        counts = result.counts[record.KIND]
        return next(change for change in Change if counts.get(change))

    def delete(self, kind: Kind, key: str | Sequence[Any]) -> None:
        kind = Kind(kind)
        normalized = normalize_key(kind, key)
        self.get(kind, normalized)
        self.apply(Batch(deletes=[(kind, normalized)]))

    def apply(self, batch: Batch, *, dry_run: bool = False) -> ApplyResult:
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN" if dry_run else "BEGIN IMMEDIATE")
                view = _WriteView(db)
                plan = plan_batch(view, batch)
                if dry_run:
                    plan.result.dry_run = True
                    db.execute("ROLLBACK")
                    return plan.result
                if plan.upserts or plan.deletes:  # nothing changed, nothing written
                    self._write(plan, affected_scopes(view, plan))
                db.execute("COMMIT")
            except sqlite3.Error as e:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise StoreUnavailable(f"the embedded store could not write: {e}") from e
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            return plan.result

    def clear(self) -> None:
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM records")
                for table, *_ in INDEX_TABLES.values():
                    db.execute(f"DELETE FROM {table}")
                db.execute("DELETE FROM g_presence")  # the triggers left zero counts behind
                db.execute("DELETE FROM kind_counts")
                _bump(
                    db,
                    {
                        "any",
                        "data",
                        "epoch",
                        "plans",
                        "events",
                        "snapshots",
                        "keys",
                        "growth",
                        "promotions",
                        "relations",
                    },
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for db in [self._db, *self._readers]:
                with contextlib.suppress(sqlite3.Error):  # closing twice is harmless
                    db.close()
            self._readers.clear()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _open_schema(self) -> None:
        db = self._db
        has_meta = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        row = db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone() if has_meta else None
        if row is None:
            db.execute("BEGIN IMMEDIATE")
            try:
                again = has_meta and db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone()
                if not again:
                    create_latest(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return
        if int(row[0]) != SCHEMA_VERSION:
            migrate(db, int(row[0]), str(self.path))

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """This thread's read connection, inside one read transaction."""
        db = getattr(self._local, "db", None)
        if db is None:
            with self._lock:
                if self._closed:
                    raise StoreUnavailable(f"the embedded store at {self.path} is closed")
                try:
                    db = _connect(self.path)
                    db.execute("PRAGMA query_only=1")
                except sqlite3.Error as e:
                    raise StoreUnavailable(f"cannot read the embedded store at {self.path}: {e}") from e
                self._readers.append(db)
            self._local.db = db
        if db.in_transaction:  # a nested read shares the outer snapshot
            yield db
            return
        try:
            db.execute("BEGIN")
            try:
                yield db
            finally:
                if db.in_transaction:
                    db.execute("COMMIT")
        except sqlite3.ProgrammingError as e:
            raise StoreUnavailable(f"the embedded store at {self.path} is closed") from e
        except sqlite3.OperationalError as e:
            raise StoreUnavailable(f"the embedded store could not read: {e}") from e

    def _write(self, plan: BatchPlan, scopes: set[str]) -> None:
        db = self._db
        seq = int(db.execute("SELECT value FROM revisions WHERE name = 'any'").fetchone()[0]) + 1
        rows = sorted((r.KIND.value, _key_text(r.key), r) for r in plan.upserts)  # B-tree order: fewer page splits
        db.executemany(
            "INSERT INTO records(kind, key, data, seq) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, key) DO UPDATE SET data=excluded.data, seq=excluded.seq",
            ((kind, key, r.model_dump_json(), seq) for kind, key, r in rows),
        )
        by_kind: dict[Kind, builtins.list[Record]] = {}
        for record in plan.upserts:
            by_kind.setdefault(record.KIND, []).append(record)
        for kind, records in by_kind.items():
            if kind in INDEX_TABLES:
                statement, index = index_rows(kind, records)
                db.executemany(statement, index)
        created = {k: 0 for k in Kind}
        for kind, _ in plan.created:
            created[kind] += 1
        if plan.deletes:
            db.executemany(
                "DELETE FROM records WHERE kind=? AND key=?",
                [(kind.value, _key_text(key)) for kind, key in plan.deletes],
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
        _bump(db, scopes)


def _bump(db: sqlite3.Connection, names: Iterable[str]) -> None:
    db.executemany(
        "INSERT INTO revisions(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
        [(name,) for name in sorted(set(names))],
    )


def _chain(db: sqlite3.Connection, chain_id: str) -> Chain:
    row = db.execute("SELECT data FROM records WHERE kind = 'chain' AND key = ?", (_key_text((chain_id,)),)).fetchone()
    if row is None:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
    return Chain.from_stored(json.loads(row[0]))


def _count(db: sqlite3.Connection, kind: Kind) -> int:
    row = db.execute("SELECT n FROM kind_counts WHERE kind = ?", (kind.value,)).fetchone()
    return int(row[0]) if row else 0


def _lookup(db: sqlite3.Connection, kind: Kind, keys: builtins.list[Key]) -> dict[Key, Record]:
    found: dict[Key, Record] = {}
    if not keys or _count(db, kind) == 0:  # a fresh store answers every look-up at once
        return found
    model = MODELS[kind]
    for start in range(0, len(keys), _CHUNK):
        texts = [_key_text(k) for k in keys[start : start + _CHUNK]]
        for (data,) in db.execute(
            # IN (subquery), not a join from json_each: the planner then seeks each key instead of
            # scanning every record of the kind (220 ms at 100k companies for one look-up)
            "SELECT data FROM records WHERE kind = ? AND key IN (SELECT value FROM json_each(?))",
            (kind.value, json.dumps(texts, ensure_ascii=False)),
        ):
            record = model.from_stored(json.loads(data))
            found[record.key] = record
    return found


def _where_value(kind: Kind, name: str, value: Any) -> Any:
    """A filter value as SQLite holds the field: enums as text, booleans 0/1, dates ISO, numbers."""
    from chain_graph.models import _core_type

    value = getattr(value, "value", value)
    core = _core_type(MODELS[kind].model_fields[name].annotation)
    try:
        if core is bool:
            return int(value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes"))
        if core is int:
            return int(value)
        if core is float:
            return float(value)
    except (TypeError, ValueError) as e:
        raise InvalidInput(f"{name}: {value!r} is not a valid {core.__name__}", field=name) from e
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _list_query(kind: Kind, where: Mapping[str, Any] | None) -> tuple[str, str, tuple[Any, ...]]:
    """FROM, WHERE and parameters of a list; field names checked against the model."""
    fields = MODELS[kind].model_fields
    conditions = dict(where or {})
    for name in conditions:
        if name not in fields:
            raise InvalidInput(f"{kind} has no field {name!r} to filter on", field=name)
    # field names and the kind are checked identifiers from the model, values are parameters
    indexed = next(((n, _INDEXED_FILTERS[(kind, n)]) for n in conditions if (kind, n) in _INDEXED_FILTERS), None)
    clauses: builtins.list[str] = [f"r.kind = '{kind.value}'"]
    params: builtins.list[Any] = []
    source = "records r"
    if indexed is not None:
        name, (table, column, key_expr) = indexed
        # CROSS JOIN fixes the order: from the index table's matches to their records (the planner
        # would otherwise walk every record of the kind and probe the index table)
        source = f"{table} t CROSS JOIN records r ON r.kind = '{kind.value}' AND r.key = {key_expr}"
        clauses.append(f"t.{column} = ?")
        params.append(_where_value(kind, name, conditions.pop(name)))
    for name, value in conditions.items():
        clauses.append(f"json_extract(r.data, '$.{name}') = ?")
        params.append(_where_value(kind, name, value))
    return source, " AND ".join(clauses), tuple(params)


def _order(kind: Kind) -> str:
    if kind in _NUMERIC_KEYS:
        return ", ".join(f"json_extract(r.data, '$.{f}')" for f in MODELS[kind].KEY)
    return "r.key"


class _WriteView:
    """What plan_batch and affected_scopes read, inside the write transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        return _lookup(self._db, kind, list(keys))

    def _records(self, kind: Kind, sql: str, params: Sequence[Any]) -> builtins.list[Record]:
        model = MODELS[kind]
        return [model.from_stored(json.loads(d)) for (d,) in self._db.execute(sql, params)]

    def relations_of(self, kind: Kind, ident: str) -> builtins.list[Record]:
        """Relationship records that start or end at a node."""
        sql = "SELECT r.data FROM {t} t JOIN records r ON r.kind = '{k}' AND r.key = {key} WHERE t.{c} = ?"
        out: builtins.list[Record] = []
        for rel_kind, column in _RELATION_COLUMNS.get(kind, ()):
            table, _, key_expr = _INDEXED_FILTERS[(rel_kind, _FIELD_OF[(rel_kind, column)])]
            out += self._records(rel_kind, sql.format(t=table, k=rel_kind.value, key=key_expr, c=column), (ident,))
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


def _shown(kind: Kind, key: str | Sequence[Any]) -> str:
    parts = (key,) if isinstance(key, (str, int)) else tuple(key)
    return "/".join(str(p) for p in parts) if len(parts) > 1 else repr(parts[0])
