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
