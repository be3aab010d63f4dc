"""What only the embedded store promises: durability, crash safety, several processes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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
        def slow_write(self, plan):
            real_write(self, plan)          # rows are in the open transaction ...
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


def test_failed_write_leaves_memory_and_disk_unchanged(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded_store.upsert(Chain(chain_id="keep", name="保留"))

    def broken(self: EmbeddedStore, plan: object) -> None:
        self._db.execute("INSERT INTO records(kind, key, data, seq) VALUES ('chain', 'x', '{}', 99)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(EmbeddedStore, "_write", broken)
    with pytest.raises(sqlite3.OperationalError):
        embedded_store.apply(Batch(upserts=small_world()))
    monkeypatch.undo()
    assert embedded_store.stats()["chain"] == 1
    reopened = EmbeddedStore(embedded_store.path.parent)
    assert reopened.stats()["chain"] == 1
    reopened.close()


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
    from chain_graph.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="schema version 99"):
        EmbeddedStore(tmp_path)


def test_unwritable_directory_is_store_unavailable(tmp_path: Path) -> None:
    from chain_graph.errors import StoreUnavailable

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot open"):
        EmbeddedStore(blocker / "db")
