"""The embedded store opens a store written by an older schema (3, the one before organisations, and the
previous one), as it does older ones (1 and 2 in test_embedded_store.py): upgraded at open to the current
schema, answering as a store written now."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chain_graph.facts import LocalScope
from chain_graph.models import Kind, Region
from chain_graph.store import sqlite_schema
from chain_graph.store.base import Batch
from chain_graph.store.embedded import DB_FILENAME, EmbeddedStore
from tests.factories import relations_world, small_world
from tests.test_embedded_store import _write_schema_1


def _tables(path: Path) -> set[str]:
    db = sqlite3.connect(path / DB_FILENAME)
    try:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()


@pytest.mark.parametrize("old_version", sorted({3, sqlite_schema.SCHEMA_VERSION - 1}))
def test_store_of_an_older_schema_opens_upgraded_and_takes_organisations(tmp_path: Path, old_version: int) -> None:
    world = small_world()
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    _write_schema_1(old, world)
    db = sqlite3.connect(old / DB_FILENAME, isolation_level=None)
    sqlite_schema.migrate_to(db, 1, old_version)  # what that schema left on disk
    assert db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()[0] == str(old_version)
    db.close()
    assert "g_presence" in _tables(old)
    if old_version == 3:
        assert not {"g_org", "g_affil", "g_share"} & _tables(old)

    scope = LocalScope.of("350500", [r for r in world if isinstance(r, Region)])
    have = {(r.KIND, r.key) for r in world}
    extra = [r for r in relations_world() if (r.KIND, r.key) not in have]
    assert {Kind.ORGANISATION, Kind.MEMBERSHIP, Kind.SHAREHOLDING} <= {r.KIND for r in extra}
    with EmbeddedStore(old) as upgraded, EmbeddedStore(new) as written:
        version = upgraded._db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()[0]
        assert version == str(sqlite_schema.SCHEMA_VERSION)
        assert {"g_org", "g_affil", "g_share"} <= _tables(old)
        written.apply(Batch(world))
        for store in (upgraded, written):  # what schema 4 is for: organisations, memberships, shareholdings
            store.apply(Batch(extra))
        for kind in Kind:
            assert upgraded.count(kind) == written.count(kind), kind
        companies = sorted({r.company_id for r in extra if r.KIND is Kind.MEMBERSHIP})
        assert upgraded.relation_paths(companies, scope) == written.relation_paths(companies, scope)
        assert upgraded.overseas_ties() == written.overseas_ties()
        a, b = upgraded.chain_facts("tex", scope, firm_limit=10), written.chain_facts("tex", scope, firm_limit=10)
        assert (a.presence, a.firms) == (b.presence, b.firms) and a.presence


def _schema_5_store(path: Path, records: list) -> dict[tuple[str, str], str]:
    """A store as schema 5 left it on disk; returns its records' JSON by (kind, key)."""
    path.mkdir()
    _write_schema_1(path, records)
    db = sqlite3.connect(path / DB_FILENAME, isolation_level=None)
    sqlite_schema.migrate_to(db, 1, 5)
    stored = {(kind, key): data for kind, key, data in db.execute("SELECT kind, key, data FROM records")}
    db.close()
    return stored


def _ties_with_provenance() -> list:
    from chain_graph.models import CompanySegment, Supply

    return [
        CompanySegment(company_id="anta", segment_id="tex.weave", role="core", share=0.1 + 0.2, source="年报",
                       as_of="2024-09-12"),
        Supply(supplier_id="anta", customer_id="frep", product="鞋材", amount_cny_100m=1 / 3, source="调研",
               as_of="2025-01-31"),
    ]  # fmt: skip


def test_store_of_schema_5_keeps_ties_and_memberships_once_and_reads_them_the_same(tmp_path: Path) -> None:
    """Schema 6: supply ties and memberships move out of ``records`` into their index rows, and read
    back as the same records, their JSON byte for byte (floats, dates and provenance included)."""
    from chain_graph.models import dump_json
    from chain_graph.store.embedded_records import key_text
    from chain_graph.store.sqlite_index import INDEX_ONLY

    world = small_world() + _ties_with_provenance()
    stored = _schema_5_store(tmp_path / "old", world)
    moved = {k: v for k, v in stored.items() if k[0] in {kind.value for kind in INDEX_ONLY}}
    assert len(moved) == sum(r.KIND in INDEX_ONLY for r in world) > 2
    with EmbeddedStore(tmp_path / "old") as upgraded, EmbeddedStore(tmp_path / "new") as written:
        written.apply(Batch(world))
        kinds = upgraded._db.execute("SELECT DISTINCT kind FROM records").fetchall()
        assert not {kind.value for kind in INDEX_ONLY} & {k for (k,) in kinds}
        for kind in Kind:
            assert upgraded.list(kind).items == written.list(kind).items, kind
            assert upgraded.count(kind) == written.count(kind), kind
        for kind in INDEX_ONLY:  # every way a record is read: a page, a look-up, a filter
            records = upgraded.list(kind).items
            for store in (upgraded, written):
                assert {(kind.value, key_text(r.key)): dump_json(r) for r in store.list(kind).items} == {
                    k: v for k, v in moved.items() if k[0] == kind.value
                }
            assert [upgraded.get(kind, r.key) for r in records] == records
            first = records[0]
            field = first.KEY[0]
            expected = [r for r in records if getattr(r, field) == getattr(first, field)]
            assert upgraded.list(kind, where={field: getattr(first, field)}).items == expected
        assert upgraded.segment_members("tex.weave") == written.segment_members("tex.weave")
        a, b = upgraded.chain_parts("tex"), written.chain_parts("tex")
        assert a == b


def test_failed_migration_to_schema_6_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch) -> None:
    from chain_graph.store import sqlite_index

    world = small_world() + _ties_with_provenance()
    path = tmp_path / "s5"
    stored = _schema_5_store(path, world)

    def half_way(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM records WHERE kind = 'supply'")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite_index, "move_index_only", half_way)
    with pytest.raises(Exception, match="disk I/O error"):
        EmbeddedStore(path)
    db = sqlite3.connect(path / DB_FILENAME)
    assert db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone() == ("5",)
    assert {(kind, key): data for kind, key, data in db.execute("SELECT kind, key, data FROM records")} == stored
    assert "source" not in {row[1] for row in db.execute("PRAGMA table_info(g_member)")}
    db.close()
    monkeypatch.undo()
    with EmbeddedStore(path) as store:  # and it upgrades once the failure is gone
        assert store.count(Kind.SUPPLY) == sum(r.KIND is Kind.SUPPLY for r in world)


def test_ties_and_memberships_written_one_by_one_read_back_whole(tmp_path: Path) -> None:
    """Schema 6's row path (a store that holds companies already): every field of a supply tie and a
    membership, provenance included, is kept in its index row and read back the same by each reader."""
    from chain_graph.models import dump_json

    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(small_world()))
        ties = _ties_with_provenance()
        store.apply(Batch(ties))
        assert not store._db.execute("SELECT 1 FROM records WHERE kind IN ('supply', 'company_segment')").fetchall()
    with EmbeddedStore(tmp_path) as store:
        for tie in ties:
            assert dump_json(store.get(tie.KIND, tie.key)) == dump_json(tie)
            assert tie in store.list(tie.KIND, where={"source": tie.source}).items
        assert ties[0] in [m for m, _ in store.segment_members("tex.weave")]


def test_migration_to_schema_6_keeps_a_record_whose_index_row_went_missing(tmp_path: Path) -> None:
    ties = _ties_with_provenance()
    _schema_5_store(tmp_path / "s5", small_world() + ties)
    db = sqlite3.connect(tmp_path / "s5" / DB_FILENAME)
    db.execute("DELETE FROM g_supply WHERE supplier_id = ? AND customer_id = ?", ties[1].key)
    db.commit()
    db.close()
    with EmbeddedStore(tmp_path / "s5") as store:
        assert store.get(Kind.SUPPLY, ties[1].key) == ties[1]
