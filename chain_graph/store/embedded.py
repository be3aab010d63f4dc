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
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from chain_graph.errors import NotFound, StoreUnavailable
from chain_graph.facts import (
    CandidateFacts,
    ChainFacts,
    ChainSummary,
    CompanyFacts,
    LeadFacts,
    LocalScope,
    OverseasTie,
    ReportInputs,
)
from chain_graph.models import MODELS, Company, CompanySegment, Kind, Record
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
    report_inputs_of,
)
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch
from chain_graph.store.embedded_records import (
    bump,
    count_kind,
    list_query,
    lookup,
    order_by,
    read_chain,
    row_reader,
    search_ids,
    shown_key,
)
from chain_graph.store.embedded_write import WriteView, write_plan
from chain_graph.store.sqlite_index import INDEX_TABLES
from chain_graph.store.sqlite_schema import SCHEMA_VERSION, create_latest, has_company_index, migrate
from chain_graph.store.subgraph import SubgraphParts, assemble

__all__ = ["DB_FILENAME", "SCHEMA_VERSION", "EmbeddedStore"]

DB_FILENAME = "chain-graph.sqlite3"


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
    reads_cold_after_import = False

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.path = Path(data_dir) / DB_FILENAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connect(self.path)
            self._open_schema()
            self._search_index = has_company_index(self._db)
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
            raise NotFound(f"no {Kind(kind)} with key {shown_key(kind, key)}", field=MODELS[Kind(kind)].KEY[-1])
        return record

    def find(self, kind: Kind, key: str | Sequence[Any]) -> Record | None:
        kind = Kind(kind)
        normalized = normalize_key(kind, key)
        return self.lookup_many(kind, [normalized]).get(normalized)

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        kind = Kind(kind)
        with self._read() as db:
            return lookup(db, kind, list(keys))

    def list(
        self,
        kind: Kind,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page:
        kind = Kind(kind)
        source, conditions, params = list_query(kind, where)
        order = order_by(kind)
        columns, read = row_reader(kind)
        page = f"SELECT {columns} FROM {source} WHERE {conditions} ORDER BY {order} LIMIT ? OFFSET ?"
        with self._read() as db:
            rows = db.execute(page, (*params, -1 if limit is None else limit, offset)).fetchall()
            if where:
                total = db.execute(f"SELECT count(*) FROM {source} WHERE {conditions}", params).fetchone()[0]
            else:
                total = count_kind(db, kind)
        items = [read(row) for row in rows]
        return Page(items=items, total=total, offset=offset, limit=limit)

    def count(self, kind: Kind) -> int:
        with self._read() as db:
            return count_kind(db, Kind(kind))

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
        with self._read() as db:  # matched and ordered in SQLite; only the records shown are read
            ids = search_ids(db, needle, limit, indexed=self._search_index)
            found = lookup(db, Kind.COMPANY, [(company,) for company in ids])
        return [found[(company,)] for company in ids]

    # -- facts -------------------------------------------------------------------------------

    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        with self._read() as db:
            return facts_sql.chain_facts(db, read_chain(db, chain_id), scope, firm_limit, county)

    def report_inputs(self, chain_id: str, home_region: str, *, firm_limit: int) -> ReportInputs:
        return report_inputs_of(self, chain_id, home_region, firm_limit=firm_limit)  # local reads: nothing to save

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
            return facts_sql.chain_map_parts(db, read_chain(db, chain_id))

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
                view = WriteView(db)
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

    def refresh_statistics(self) -> None:
        """Nothing to do: SQLite plans each statement when a connection prepares it, without
        statistics of its own (no ANALYZE is run), so an import leaves no stale plan behind."""

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
                bump(
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
        write_plan(self._db, plan, scopes)
