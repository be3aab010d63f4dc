"""A write that fails half-way keeps nothing: every table of the file is compared row by row.

Two real failures: a full disk (SQLite refuses a page: ``PRAGMA max_page_count`` on the writing
connection, SQLITE_FULL) and an error raised by SQL itself at the write's last statement (a
trigger on the revision bump, after the records and index rows are in the transaction).
``stats()`` and ``find()`` alone would not see rows left in ``records`` or an index table."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from chain_graph.errors import StoreUnavailable
from chain_graph.models import Chain, Company, CompanySegment, Kind, Segment
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore

GROUP = "full disk"


def _big_batch(n: int) -> Batch:
    """A chain with one segment and ``n`` member firms with long names: many pages of rows."""
    firms = [Company(company_id=f"f{i}", name=f"晋江第{i}纺织有限公司" + "织" * 150) for i in range(n)]
    members = [CompanySegment(company_id=f"f{i}", segment_id="big.s", role="core") for i in range(n)]
    chain = Chain(chain_id="big", name="大链")
    segment = Segment(segment_id="big.s", chain_id="big", name="大环节", stage="upstream")
    return Batch(upserts=[chain, segment, *firms, *members])


def _tables(db: sqlite3.Connection) -> dict[str, list[Any]]:
    """Every row of every table of the store's file, in a stable order."""
    names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


def test_a_failing_last_statement_keeps_nothing(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.upsert(Chain(chain_id="keep", name="保留"))
        db = store._db
        before = _tables(db)
        db.execute("CREATE TRIGGER fail_bump BEFORE UPDATE ON revisions BEGIN SELECT RAISE(ABORT, 'no room'); END")
        with pytest.raises(StoreUnavailable, match="no room"):
            store.apply(_big_batch(50))
        db.execute("DROP TRIGGER fail_bump")
        assert not db.in_transaction
        assert _tables(db) == before, "a table kept part of the failed batch"


def test_a_full_disk_keeps_nothing_of_the_batch(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    try:
        store.upsert(Chain(chain_id="keep", name="保留"))
        before = store.revisions()
        db = store._db
        rows = _tables(db)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 4}")  # the disk fills a few pages on
        with pytest.raises(StoreUnavailable, match="full"):
            store.apply(_big_batch(500))
        assert not db.in_transaction, "the failed write is rolled back, not left open"
        assert store.count(Kind.COMPANY) == 0 and store.find(Kind.CHAIN, "big") is None
        assert store.get(Kind.CHAIN, "keep").name == "保留"
        assert store.revisions() == before, "no revision moved for a write that did not happen"
        assert _tables(db) == rows, "a table kept part of the failed batch"
        db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same store writes
        store.apply(_big_batch(500))
        assert store.count(Kind.COMPANY) == 500
    finally:
        store.close()
    with EmbeddedStore(tmp_path) as reopened:  # and the file on disk holds exactly that
        assert reopened.count(Kind.COMPANY) == 500 and reopened.get(Kind.CHAIN, "keep").name == "保留"
