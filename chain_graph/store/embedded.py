"""The embedded store: the whole graph in networkx, every write made durable in SQLite.

Nothing else needs to be installed. The graph lives in memory as a ``MultiDiGraph`` whose
nodes and edges carry their records; ``chain-graph.sqlite3`` in the data directory holds
the same records, one row each, in WAL mode with ``synchronous=FULL``, so a write that
returned has reached the disk and survives a crash of the process.

A batch is checked in full against the graph before anything is written, then written in
one SQLite transaction, and only after the commit applied to the graph: a refused or
failed batch leaves both exactly as they were. Every row carries a sequence number, so a
second process on the same directory picks up the others' writes at its next call.
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

import networkx as nx

from chain_graph.errors import InvalidInput, NotFound, StoreUnavailable
from chain_graph.models import MODELS, NODE_KINDS, RANKING_LISTS, Kind, Record
from chain_graph.store.base import (
    NODE_REFERENCES,
    RELATION_ENDS,
    ApplyResult,
    Batch,
    Change,
    Key,
    Page,
    key_id,
    node_id,
    normalize_key,
    reference_targets,
)
from chain_graph.store.checks import BatchPlan, plan_batch
from chain_graph.store.search import company_text, rank_company_hits
from chain_graph.store.subgraph import SubgraphParts, assemble, edge_key

__all__ = ["DB_FILENAME", "EmbeddedStore"]

DB_FILENAME = "chain-graph.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_seq ON records (seq);
CREATE TABLE IF NOT EXISTS tombstones (
    kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, key));
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones (seq);
"""

_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


def _key_text(key: Key) -> str:
    return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"), default=str)


class EmbeddedStore:
    """networkx in memory, SQLite (WAL) on disk. Open with a directory; close when done."""

    backend = "embedded"

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.path = Path(data_dir) / DB_FILENAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute("PRAGMA cache_size=-131072")  # 128 MiB of pages: big imports touch many
            self._db.executescript(_SCHEMA)
            self._check_schema()
        except (OSError, sqlite3.Error) as e:
            raise StoreUnavailable(f"cannot open the embedded store at {self.path}: {e}") from e
        self._lock = threading.RLock()
        self._graph = nx.MultiDiGraph()
        self._graph.add_nodes_from((node_id("list", lst), {"kind": "list"}) for lst in RANKING_LISTS)
        self._by_kind: dict[Kind, dict[Key, Record]] = {kind: {} for kind in Kind}
        self._seq = 0
        self._data_version = -1
        with self._lock:
            self._refresh(force=True)

    # -- reading -----------------------------------------------------------------------------

    def get(self, kind: Kind, key: str | Sequence[Any]) -> Record:
        record = self.find(kind, key)
        if record is None:
            raise NotFound(f"no {Kind(kind)} with key {_shown(kind, key)}", field=MODELS[Kind(kind)].KEY[-1])
        return record

    def find(self, kind: Kind, key: str | Sequence[Any]) -> Record | None:
        kind = Kind(kind)
        with self._lock:
            self._refresh()
            return self._by_kind[kind].get(normalize_key(kind, key))

    def list(
        self,
        kind: Kind,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page:
        kind = Kind(kind)
        conditions = _conditions(kind, where)
        with self._lock:
            self._refresh()
            matches = [r for r in self._candidates(kind, conditions) if _matches(r, conditions)]
        matches.sort(key=lambda r: r.key)
        end = None if limit is None else offset + limit
        return Page(items=matches[offset:end], total=len(matches), offset=offset, limit=limit)

    def count(self, kind: Kind) -> int:
        with self._lock:
            self._refresh()
            return len(self._by_kind[Kind(kind)])

    def stats(self) -> dict[str, int]:
        with self._lock:
            self._refresh()
            return {kind.value: len(records) for kind, records in self._by_kind.items()}

    def revision(self) -> int | None:
        """The sequence number of the last write seen (ours or another process's)."""
        with self._lock:
            self._refresh()
            return self._seq

    def search_companies(self, text: str, *, limit: int = 20) -> builtins.list[Record]:
        needle = text.strip().casefold()
        if not needle:
            return []
        with self._lock:
            self._refresh()
            companies = list(self._by_kind[Kind.COMPANY].values())
        return rank_company_hits([c for c in companies if needle in company_text(c)], needle, limit)

    def chain_subgraph(self, chain_id: str) -> nx.MultiDiGraph:
        with self._lock:
            self._refresh()
            chain = self._by_kind[Kind.CHAIN].get((chain_id,))
            if chain is None:
                raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
            return assemble(self._gather(chain_id))

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
            try:
                if not dry_run:
                    self._db.execute("BEGIN IMMEDIATE")
                self._refresh(force=not dry_run)
                plan = plan_batch(_LockedView(self), batch)
                if dry_run:
                    plan.result.dry_run = True
                    return plan.result
                if plan.upserts or plan.deletes:  # nothing changed, nothing written
                    self._write(plan)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._apply_to_memory(plan.upserts, plan.deletes)
            self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
            return plan.result

    def clear(self) -> None:
        with self._lock:
            deletes = [(kind, key) for kind in Kind for key in self._by_kind[kind]]
            plan = BatchPlan(upserts=[], deletes=deletes, result=ApplyResult())
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._write(plan)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._apply_to_memory([], deletes)

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):  # closing twice is harmless
            self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the StateView that checks.plan_batch reads (call with the lock held) ---------------

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        with self._lock:
            self._refresh()
            return self._lookup_many(kind, keys)

    def _lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        records = self._by_kind[kind]
        return {key: records[key] for key in keys if key in records}

    def relations_of(self, kind: Kind, ident: str) -> builtins.list[Record]:
        """Relationship records that start or end at a node."""
        nid = node_id(kind, ident)
        if nid not in self._graph:
            return []
        out = self._graph.out_edges(nid, data="record")
        into = self._graph.in_edges(nid, data="record")
        return [rec for *_, rec in (*out, *into) if rec is not None]

    def dependents(self, kind: Kind, ident: str) -> builtins.list[tuple[Kind, Key]]:
        """Nodes whose reference field names this node (segments of a chain, …)."""
        nid = node_id(kind, ident)
        if nid not in self._graph:
            return []
        nodes = self._graph.nodes
        return [
            (Kind(nodes[source]["kind"]), nodes[source]["record"].key)
            for source, _, ref in self._graph.in_edges(nid, data="ref")
            if ref
        ]

    # -- internals ---------------------------------------------------------------------------

    def _check_schema(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta(name, value) VALUES ('schema_version', ?), ('seq', '0')",
                (str(SCHEMA_VERSION),),
            )
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreUnavailable(
                f"the store at {self.path} has schema version {row[0]}, newer than this "
                f"chain-graph understands ({SCHEMA_VERSION}); upgrade chain-graph"
            )

    def _write(self, plan: BatchPlan) -> None:
        seq = int(self._db.execute("SELECT value FROM meta WHERE name='seq'").fetchone()[0]) + 1
        rows = sorted((r.KIND.value, _key_text(r.key), r) for r in plan.upserts)  # B-tree order: fewer page splits
        self._db.executemany(
            "INSERT INTO records(kind, key, data, seq) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, key) DO UPDATE SET data=excluded.data, seq=excluded.seq",
            ((kind, key, r.model_dump_json(), seq) for kind, key, r in rows),
        )
        if plan.deletes:
            keys = [(kind.value, _key_text(key)) for kind, key in plan.deletes]
            self._db.executemany("DELETE FROM records WHERE kind=? AND key=?", keys)
            self._db.executemany(
                "INSERT INTO tombstones(kind, key, seq) VALUES (?, ?, ?) "
                "ON CONFLICT(kind, key) DO UPDATE SET seq=excluded.seq",
                ((kind, key, seq) for kind, key in keys),
            )
        if plan.upserts:
            self._db.execute(
                "DELETE FROM tombstones WHERE seq < ? AND (kind, key) IN (SELECT kind, key FROM records WHERE seq = ?)",
                (seq, seq),
            )
        self._db.execute("UPDATE meta SET value=? WHERE name='seq'", (str(seq),))
        self._seq = seq

    def _refresh(self, force: bool = False) -> None:
        """Load rows written since we last looked (by us or another process)."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version and not force:
            return
        since = self._seq
        rows = self._db.execute("SELECT kind, data, seq FROM records WHERE seq > ?", (since,)).fetchall()
        gone = self._db.execute("SELECT kind, key, seq FROM tombstones WHERE seq > ?", (since,)).fetchall()
        upserts = [MODELS[Kind(kind)].from_stored(json.loads(data)) for kind, data, _ in rows]
        deletes = [(Kind(kind), _parse_key(Kind(kind), key)) for kind, key, _ in gone]
        deletes = [(k, key) for k, key in deletes if key in self._by_kind[k]]
        self._apply_to_memory(upserts, deletes)
        seqs = [s for *_, s in rows] + [s for *_, s in gone]
        self._seq = max([since, *seqs])
        self._data_version = version

    def _apply_to_memory(self, upserts: builtins.list[Record], deletes: builtins.list[tuple[Kind, Key]]) -> None:
        ordered = sorted(upserts, key=lambda r: _KIND_ORDER[r.KIND])
        for record in ordered:
            self._put(record)
        for kind, key in sorted(deletes, key=lambda d: -_KIND_ORDER[d[0]]):
            self._remove(kind, key)

    def _put(self, record: Record) -> None:
        kind = record.KIND
        old = self._by_kind[kind].get(record.key)
        self._by_kind[kind][record.key] = record
        graph = self._graph
        if kind in NODE_KINDS:
            nid = node_id(kind, key_id(record.key))
            if old is not None:
                graph.remove_edges_from(
                    [(nid, v, k) for _, v, k, d in graph.out_edges(nid, keys=True, data=True) if "ref" in d]
                )
            graph.add_node(nid, kind=kind.value, record=record)
            for field, target_kind, edge_type in NODE_REFERENCES[kind]:
                for target in reference_targets(record, field):
                    graph.add_edge(nid, node_id(target_kind, target), key=edge_type.value, ref=True)
            return
        _, (start_field, start_kind), (end_field, end_kind) = RELATION_ENDS[kind]
        start = node_id(start_kind, getattr(record, start_field))
        end = node_id(end_kind or "list", str(getattr(record, end_field)))
        graph.add_edge(start, end, key=edge_key(record), record=record)

    def _remove(self, kind: Kind, key: Key) -> None:
        record = self._by_kind[kind].pop(key, None)
        if record is None:
            return
        if kind in NODE_KINDS:
            nid = node_id(kind, key_id(key))
            for rel in self.relations_of(kind, key_id(key)):
                self._by_kind[rel.KIND].pop(rel.key, None)
            refs_in = [(u, v, k) for u, v, k, d in self._graph.in_edges(nid, keys=True, data=True) if "ref" in d]
            self._graph.remove_node(nid)
            for u, v, k in refs_in:  # a dangling reference keeps pointing at the name
                self._graph.add_edge(u, v, key=k, ref=True)
            return
        _, (start_field, start_kind), (end_field, end_kind) = RELATION_ENDS[kind]
        start = node_id(start_kind, getattr(record, start_field))
        end = node_id(end_kind or "list", str(getattr(record, end_field)))
        self._graph.remove_edge(start, end, key=edge_key(record))

    def _candidates(self, kind: Kind, conditions: dict[str, Any]) -> Iterator[Record]:
        """Records that may match: by graph adjacency where a condition names an end."""
        if kind in RELATION_ENDS:
            _, (start_field, start_kind), (end_field, end_kind) = RELATION_ENDS[kind]
            for field, end, outgoing in ((start_field, start_kind, True), (end_field, end_kind, False)):
                if field in conditions:
                    nid = node_id(end or "list", str(conditions[field]))
                    if nid not in self._graph:
                        return iter(())
                    edges = self._graph.out_edges(nid, data=True) if outgoing else self._graph.in_edges(nid, data=True)
                    return (d["record"] for *_, d in edges if d.get("record") is not None and d["record"].KIND is kind)
        if kind is Kind.SEGMENT and "chain_id" in conditions:
            deps = self.dependents(Kind.CHAIN, str(conditions["chain_id"]))
            return (self._by_kind[Kind.SEGMENT][key] for k, key in deps if k is Kind.SEGMENT)
        return iter(list(self._by_kind[kind].values()))

    def _gather(self, chain_id: str) -> SubgraphParts:
        by = self._by_kind
        seg_ids = {key[0] for k, key in self.dependents(Kind.CHAIN, chain_id) if k is Kind.SEGMENT}
        links = {}
        for seg in list(seg_ids):
            for rel in self.relations_of(Kind.SEGMENT, seg):
                if rel.KIND is Kind.SEGMENT_LINK:
                    links[rel.key] = rel
        all_segs = seg_ids | {s for key in links for s in key}
        for seg in all_segs - seg_ids:
            for rel in self.relations_of(Kind.SEGMENT, seg):
                if rel.KIND is Kind.SEGMENT_LINK and set(rel.key) <= all_segs:
                    links[rel.key] = rel
        members = [
            r
            for seg in sorted(all_segs)
            for r in self.relations_of(Kind.SEGMENT, seg)
            if r.KIND is Kind.COMPANY_SEGMENT
        ]
        core = {m.company_id for m in members}  # type: ignore[attr-defined]
        supplies = {r.key: r for c in sorted(core) for r in self.relations_of(Kind.COMPANY, c) if r.KIND is Kind.SUPPLY}
        companies = core | {c for key in supplies for c in key}
        rankings = [r for c in sorted(companies) for r in self.relations_of(Kind.COMPANY, c) if r.KIND is Kind.RANKING]
        company_records = [by[Kind.COMPANY][(c,)] for c in companies]
        regions: dict[str, Record] = {}
        for company in company_records:
            region_id = company.region  # type: ignore[attr-defined]
            while region_id and region_id not in regions and (region_id,) in by[Kind.REGION]:
                region = by[Kind.REGION][(region_id,)]
                regions[region_id] = region
                region_id = region.parent_id  # type: ignore[attr-defined]
        segments = [by[Kind.SEGMENT][(s,)] for s in all_segs]
        chains = {s.chain_id for s in segments}  # type: ignore[attr-defined]
        return SubgraphParts(
            chain_id=chain_id,
            chains=[by[Kind.CHAIN][(c,)] for c in chains],  # type: ignore[misc]
            segments=segments,  # type: ignore[arg-type]
            links=list(links.values()),  # type: ignore[arg-type]
            memberships=members,  # type: ignore[arg-type]
            companies=company_records,  # type: ignore[arg-type]
            supplies=list(supplies.values()),  # type: ignore[arg-type]
            rankings=rankings,  # type: ignore[arg-type]
            regions=list(regions.values()),  # type: ignore[arg-type]
        )


class _LockedView:
    """The StateView of an embedded store whose lock is already held."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.lookup_many = store._lookup_many
        self.relations_of = store.relations_of
        self.dependents = store.dependents


def _parse_key(kind: Kind, text: str) -> Key:
    return normalize_key(kind, json.loads(text))


def _shown(kind: Kind, key: str | Sequence[Any]) -> str:
    parts = (key,) if isinstance(key, (str, int)) else tuple(key)
    return "/".join(str(p) for p in parts) if len(parts) > 1 else repr(parts[0])


def _conditions(kind: Kind, where: Mapping[str, Any] | None) -> dict[str, Any]:
    fields = MODELS[kind].model_fields
    conditions = dict(where or {})
    for name in conditions:
        if name not in fields:
            raise InvalidInput(f"{kind} has no field {name!r} to filter on", field=name)
    return conditions


def _matches(record: Record, conditions: dict[str, Any]) -> bool:
    for name, wanted in conditions.items():
        value = getattr(record, name)
        if hasattr(value, "value"):
            value = value.value
        if hasattr(wanted, "value"):
            wanted = wanted.value
        if value != wanted and str(value) != str(wanted):
            return False
    return True
