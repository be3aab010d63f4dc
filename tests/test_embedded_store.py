"""What only the embedded store promises: durability, crash safety, several processes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chain_graph.errors import StoreUnavailable
from chain_graph.models import Chain, Company, Kind
from chain_graph.store.base import Batch
from chain_graph.store.embedded import DB_FILENAME, EmbeddedStore
from tests.factories import small_world


def _child(code: str, data_dir: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(code).format(data_dir=str(data_dir))
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def test_committed_write_survives_sigkill(tmp_path: Path) -> None:
    writer = _child(
        """
        import time
        from chain_graph.models import Chain
        from chain_graph.store.embedded import EmbeddedStore
        store = EmbeddedStore({data_dir!r})
        store.upsert(Chain(chain_id="tex", name="纺织鞋服"))
        print("committed", flush=True)
        time.sleep(60)
        """,
        tmp_path,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "committed"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    with EmbeddedStore(tmp_path) as store:
        assert store.get(Kind.CHAIN, "tex").name == "纺织鞋服"


def test_writer_killed_mid_batch_leaves_nothing(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.upsert(Chain(chain_id="keep", name="保留"))
    writer = _child(
        """
        import time
        from chain_graph.store import embedded
        from chain_graph.store.base import Batch
        from tests.factories import small_world
        real_write = embedded.EmbeddedStore._write
        def slow_write(self, plan, scopes):
            real_write(self, plan, scopes)  # rows are in the open transaction ...
            print("writing", flush=True)
            time.sleep(60)                  # ... and the process dies before COMMIT
        embedded.EmbeddedStore._write = slow_write
        store = embedded.EmbeddedStore({data_dir!r})
        store.apply(Batch(upserts=small_world()))
        """,
        tmp_path,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    with EmbeddedStore(tmp_path) as store:
        stats = store.stats()
        assert stats["chain"] == 1 and sum(stats.values()) == 1
        assert store.get(Kind.CHAIN, "keep").name == "保留"


def test_failed_write_leaves_disk_unchanged(embedded_store: EmbeddedStore) -> None:
    """A real SQL failure half-way through the write (after the records are in the transaction):
    the whole batch is rolled back and the store says why."""
    embedded_store.upsert(Chain(chain_id="keep", name="保留"))
    embedded_store._db.execute(
        "CREATE TRIGGER fail_bump BEFORE UPDATE ON revisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(StoreUnavailable, match="disk I/O error"):
        embedded_store.apply(Batch(upserts=small_world()))
    embedded_store._db.execute("DROP TRIGGER fail_bump")
    assert embedded_store.stats()["chain"] == 1
    assert embedded_store.find(Kind.COMPANY, "anta") is None
    reopened = EmbeddedStore(embedded_store.path.parent)
    assert reopened.stats()["chain"] == 1 and reopened.count(Kind.COMPANY) == 0
    reopened.close()


def test_failed_commit_leaves_disk_unchanged(embedded_store: EmbeddedStore) -> None:
    """COMMIT itself fails (a deferred constraint checked only at commit): nothing is kept."""
    db = embedded_store._db
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("CREATE TABLE nowhere (id TEXT PRIMARY KEY)")
    db.execute("CREATE TABLE dangling (ref TEXT REFERENCES nowhere(id) DEFERRABLE INITIALLY DEFERRED)")
    db.execute("CREATE TRIGGER at_commit AFTER INSERT ON records BEGIN INSERT INTO dangling VALUES ('x'); END")
    with pytest.raises(StoreUnavailable, match="FOREIGN KEY"):
        embedded_store.apply(Batch(upserts=small_world()))
    assert not db.in_transaction
    db.execute("DROP TRIGGER at_commit")
    assert embedded_store.stats()["company"] == 0
    assert embedded_store.revisions()["any"] == 0
    embedded_store.apply(Batch(upserts=small_world()))  # and the store still writes
    assert embedded_store.count(Kind.COMPANY) > 0


def test_reopen_restores_everything(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(upserts=small_world()))
        before = {kind: store.list(kind).items for kind in Kind}
        graph_before = store.chain_subgraph("tex")
    with EmbeddedStore(tmp_path) as store:
        assert {kind: store.list(kind).items for kind in Kind} == before
        graph_after = store.chain_subgraph("tex")
    assert sorted(graph_after.edges(keys=True)) == sorted(graph_before.edges(keys=True))


def test_deletes_survive_reopen(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(upserts=small_world()))
        store.delete(Kind.COMPANY, "x-fiber")
    with EmbeddedStore(tmp_path) as store:
        assert store.find(Kind.COMPANY, "x-fiber") is None
        assert store.list(Kind.SUPPLY).total == 0


def test_second_process_sees_writes_at_once(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path)
    second = EmbeddedStore(tmp_path)
    try:
        first.apply(Batch(upserts=small_world()))
        assert second.get(Kind.COMPANY, "anta").short_name == "安踏"
        second.upsert(Company(company_id="anta", name="安踏体育用品有限公司", region="350582"))
        assert first.get(Kind.COMPANY, "anta").short_name is None
        second.delete(Kind.COMPANY, "x-fiber")
        assert first.find(Kind.COMPANY, "x-fiber") is None
        assert first.list(Kind.SUPPLY).total == 0
    finally:
        first.close()
        second.close()


def test_database_is_wal_and_fully_synchronous(embedded_store: EmbeddedStore) -> None:
    mode = embedded_store._db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = embedded_store._db.execute("PRAGMA synchronous").fetchone()[0]
    assert (mode, sync) == ("wal", 2)
    assert embedded_store.path.name == DB_FILENAME


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_FILENAME)
    db.execute("UPDATE meta SET value='99' WHERE name='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreUnavailable, match="schema version 99"):
        EmbeddedStore(tmp_path)


def test_unwritable_directory_is_store_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot open"):
        EmbeddedStore(blocker / "db")


def _write_schema_1(path: Path, records: list) -> None:
    """A store as schema version 1 wrote it: records (JSON) with sequence numbers, tombstones, meta."""
    import json

    db = sqlite3.connect(path / DB_FILENAME)
    db.executescript(
        """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;
        CREATE INDEX records_seq ON records (seq);
        CREATE TABLE tombstones (kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, key));
        INSERT INTO meta VALUES ('schema_version', '1'), ('seq', '3');
        """
    )
    db.executemany(
        "INSERT INTO records VALUES (?, ?, ?, 3)",
        [
            (
                r.KIND.value,
                json.dumps(list(r.key), ensure_ascii=False, separators=(",", ":"), default=str),
                r.model_dump_json(),
            )
            for r in records
        ],
    )
    db.commit()
    db.close()


def test_store_of_schema_1_opens_upgraded(tmp_path: Path) -> None:
    from chain_graph.facts import LocalScope
    from chain_graph.models import Region
    from chain_graph.store.sqlite_schema import SCHEMA_VERSION

    world = small_world()
    _write_schema_1(tmp_path, world)
    with EmbeddedStore(tmp_path) as store:
        version = store._db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION == 2
        assert store.count(Kind.COMPANY) == sum(r.KIND is Kind.COMPANY for r in world)  # counters filled
        assert store.revisions()["any"] == 3
        assert {m.company_id for m in store.list(Kind.COMPANY_SEGMENT, where={"segment_id": "tex.fiber"})} == {
            m.company_id for m in world if m.KIND is Kind.COMPANY_SEGMENT and m.segment_id == "tex.fiber"
        }
        regions = [r for r in world if isinstance(r, Region)]
        facts = store.chain_facts("tex", LocalScope.of("350500", regions), firm_limit=10)
        assert sum(p.firms for p in facts.presence) > 0  # the index tables were filled from the records
        assert not store._db.execute("SELECT 1 FROM sqlite_master WHERE name='tombstones'").fetchone()
    with EmbeddedStore(tmp_path) as store:  # a second open leaves it as it is
        assert store.count(Kind.COMPANY) == sum(r.KIND is Kind.COMPANY for r in world)
