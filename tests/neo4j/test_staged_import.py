"""Big Neo4j imports are staged in per-chunk commits, committed in one small transaction and
then published (tests/neo4j/test_import_publication.py).

Readers never see a staged import; one killed while staging is swept by the next store that
opens; a commit point that fails leaves the old data and no staged rows; and a ~100k-row bundle
imports on a server with default memory settings (docs/NEO4J-IMPORT.md).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, LiteralString

import pytest
from neo4j.exceptions import Neo4jError

from chain_graph.bundle.importer import import_bundle
from chain_graph.config import get_settings
from chain_graph.errors import Conflict
from chain_graph.generate import generate_bundle
from chain_graph.models import Chain, Company, CompanySegment, Kind, Record, Segment, Supply
from chain_graph.store import cypher, neo4j_split, neo4j_staged
from chain_graph.store import neo4j as neo
from chain_graph.store.base import Batch, Change
from chain_graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

NEW = 60  # new companies in the small staged batches (staged because STAGE_ROWS is lowered)


def _old_world() -> list[Record]:
    return [
        Chain(chain_id="tx", name="纺织鞋服"),
        Segment(chain_id="tx", segment_id="tx.fiber", name="化纤", stage="upstream"),
        Company(company_id="old", name="泉州老厂"),
        Company(company_id="old2", name="晋江老厂"),
        CompanySegment(company_id="old", segment_id="tx.fiber", role="leading"),
    ]


def _new_batch() -> Batch:
    """New companies tied to each other and to old ones, an update, and a tie between old ones."""
    companies = [Company(company_id=f"n{i}", name=f"新企业{i}") for i in range(NEW)]
    ties = [Supply(supplier_id=f"n{i}", customer_id=f"n{(i + 1) % NEW}") for i in range(NEW)]
    members = [CompanySegment(company_id=f"n{i}", segment_id="tx.fiber", role="core") for i in range(NEW)]
    mixed = [Supply(supplier_id="old", customer_id="n0"), Supply(supplier_id="n1", customer_id="old2")]
    rest = [Company(company_id="old", name="泉州老厂（更名）"), Supply(supplier_id="old", customer_id="old2")]
    return Batch(upserts=[*companies, *ties, *members, *mixed, *rest])


def _visible(store: Neo4jStore) -> dict[str, Any]:
    """What a reader sees, through every read path of the store interface."""
    return {
        "stats": store.stats(),
        "companies": [c.key for c in store.list(Kind.COMPANY)],
        "members": [m.key for m in store.list(Kind.COMPANY_SEGMENT)],
        "supplies": [s.key for s in store.list(Kind.SUPPLY, where={"supplier_id": "old"})],
        "search": [c.key for c in store.search_companies("企业", limit=100)],
        "n0": store.find(Kind.COMPANY, "n0"),
        "old": store.get(Kind.COMPANY, "old").name,  # type: ignore[attr-defined]
        "tie": store.find(Kind.SUPPLY, ("n1", "old2")),
        # what deleting the segment would take along (relations_of)
        "takes": store.apply(Batch(deletes=[(Kind.SEGMENT, ("tx.fiber",))]), dry_run=True).counts,
    }


def _left_behind(driver: Any) -> tuple[int, int]:
    """Staged nodes and import nodes in the database, visible or not."""
    staged = driver.execute_query(cypher.STAGED_COUNT).records[0]["n"]
    imports = driver.execute_query("MATCH (i:ChainGraphImport) RETURN count(i) AS n").records[0]["n"]
    return staged, imports


@pytest.fixture
def small_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stage batches above 50 rows, in chunks of 40: a small batch then takes several commits."""
    monkeypatch.setattr(neo, "STAGE_ROWS", 50)
    monkeypatch.setattr(neo4j_staged, "CHUNK_ROWS", 40)


def _after_each_chunk(monkeypatch: pytest.MonkeyPatch, hook: Callable[[int], None]) -> None:
    real = neo4j_staged._commit_chunk

    def commit_then_hook(session: Any, import_id: str, seq: int, query: str, params: dict[str, Any]) -> None:
        real(session, import_id, seq, query, params)
        hook(seq)

    monkeypatch.setattr(neo4j_staged, "_commit_chunk", commit_then_hook)


def test_readers_see_only_the_old_data_while_an_import_is_staged(
    neo4j_store: Neo4jStore, neo4j_driver: Any, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.apply(Batch(upserts=_old_world()))
    before = _visible(neo4j_store)
    seen: list[tuple[int, dict[str, Any]]] = []

    def read_from_another_store(seq: int) -> None:
        # a second store opened mid-import (default stale bound) must neither see nor sweep it
        reader = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)
        seen.append((_left_behind(neo4j_driver)[0], _visible(reader)))

    _after_each_chunk(monkeypatch, read_from_another_store)
    result = neo4j_store.apply(_new_batch())

    assert len(seen) >= 5
    assert all(staged > 0 for staged, _ in seen), "the chunks were committed"
    assert all(view == before for _, view in seen)
    after = _visible(neo4j_store)
    assert after["stats"]["company"] == 2 + NEW and after["stats"]["supply"] == NEW + 3
    assert after["stats"]["company_segment"] == 1 + NEW
    assert after["old"] == "泉州老厂（更名）" and after["n0"] is not None and after["tie"] is not None
    assert len(after["search"]) == NEW
    assert result.total("created") == 3 * NEW + 3 and result.total("updated") == 1
    assert _left_behind(neo4j_driver) == (0, 0)


def test_small_batches_keep_one_transaction(
    neo4j_store: Neo4jStore, neo4j_driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunks: list[int] = []
    _after_each_chunk(monkeypatch, chunks.append)
    neo4j_store.apply(Batch(upserts=_old_world()))
    neo4j_store.apply(_new_batch())
    assert chunks == []
    assert neo4j_store.count(Kind.COMPANY) == 2 + NEW


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pydantic import SecretStr
    from chain_graph.config import get_settings
    from chain_graph.store import neo4j as neo, neo4j_staged
    from chain_graph.store.base import Batch
    from chain_graph.models import Company, Supply
    neo.STAGE_ROWS, neo4j_staged.CHUNK_ROWS = 1000, 500
    real = neo4j_staged._commit_chunk
    def commit_then_report(session, import_id, seq, query, params):
        real(session, import_id, seq, query, params)
        print("chunk", seq, flush=True)
        if seq == 4:
            time.sleep(120)             # the parent kills us here, with 4 chunks committed
    neo4j_staged._commit_chunk = commit_then_report
    settings = get_settings(neo4j_password=SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test")))
    store = neo.open_neo4j_store(settings)
    companies = [Company(company_id=f"k{i}", name=f"新企业{i}") for i in range(3000)]
    ties = [Supply(supplier_id=f"k{i}", customer_id=f"k{(i + 1) % 3000}") for i in range(3000)]
    store.apply(Batch(upserts=companies + ties))
    """
)


def test_killed_import_leaves_nothing_visible_and_is_swept_at_the_next_open(
    neo4j_store: Neo4jStore, neo4j_driver: Any
) -> None:
    neo4j_store.apply(Batch(upserts=_old_world()))
    before = _visible(neo4j_store)
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline().strip() for _ in range(4)]
        assert lines == [f"chunk {n}" for n in range(1, 5)]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()

    staged, imports = _left_behind(neo4j_driver)
    assert staged == 2000 and imports == 1, "four chunks of 500 new companies were committed, staged"
    assert _visible(neo4j_store) == before
    assert neo4j_store.find(Kind.COMPANY, "k1") is None and neo4j_store.search_companies("新企业") == []

    database = get_settings().neo4j_database
    Neo4jStore(neo4j_driver, database=database)  # its heartbeat is fresh: not swept yet
    assert _left_behind(neo4j_driver) == (2000, 1)
    Neo4jStore(neo4j_driver, database=database, stale_import_seconds=0)  # now it is stale
    assert _left_behind(neo4j_driver) == (0, 0)
    assert _visible(neo4j_store) == before


@pytest.mark.parametrize("defence", ["revision check", "key check"])
def test_a_refused_commit_point_keeps_the_old_data_and_sweeps(
    neo4j_store: Neo4jStore,
    neo4j_driver: Any,
    small_stages: None,
    monkeypatch: pytest.MonkeyPatch,
    defence: str,
) -> None:
    """Another writer creates a key the import staged: the import is refused, not merged."""
    neo4j_store.apply(Batch(upserts=_old_world()))
    if defence == "key check":  # without the re-plan, the commit point's check of the staged keys refuses
        monkeypatch.setattr(neo4j_staged, "_check_same", lambda planned, now: None)

    def concurrent_writer(seq: int) -> None:
        if seq == 1:
            other = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)
            other.upsert(Company(company_id="n5", name="别人先建的企业"))

    _after_each_chunk(monkeypatch, concurrent_writer)
    with pytest.raises(Conflict):
        neo4j_store.apply(_new_batch())

    assert neo4j_store.get(Kind.COMPANY, "n5").name == "别人先建的企业"  # type: ignore[attr-defined]
    assert neo4j_store.get(Kind.COMPANY, "old").name == "泉州老厂"  # type: ignore[attr-defined]
    stats = neo4j_store.stats()
    assert (stats["company"], stats["supply"], stats["company_segment"]) == (3, 0, 1)
    assert _left_behind(neo4j_driver) == (0, 0)


def test_a_chunk_whose_row_finds_no_end_is_refused(
    neo4j_store: Neo4jStore, neo4j_driver: Any, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visible company a new tie names is deleted while the import stages: the tie's chunk
    refuses (it would otherwise commit without that tie), and the import is swept."""
    neo4j_store.apply(Batch(upserts=_old_world()))

    def concurrent_delete(seq: int) -> None:
        if seq == 1:
            other = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)
            other.apply(Batch(deletes=[(Kind.COMPANY, ("old2",))]))

    _after_each_chunk(monkeypatch, concurrent_delete)
    with pytest.raises(Conflict, match="found no end"):
        neo4j_store.apply(_new_batch())

    assert neo4j_store.get(Kind.COMPANY, "old").name == "泉州老厂"  # type: ignore[attr-defined]
    stats = neo4j_store.stats()
    assert (stats["company"], stats["supply"], stats["company_segment"]) == (1, 0, 1)
    assert _left_behind(neo4j_driver) == (0, 0)


def test_a_chunk_that_meets_a_deadlock_runs_again(
    neo4j_store: Neo4jStore, neo4j_driver: Any, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers can deadlock; the driver's retries stop after 0.5 s, so the importer retries the chunk."""
    neo4j_store.apply(Batch(upserts=_old_world()))
    real, failures = neo4j_staged._stage_chunk, []

    def deadlocked_twice(tx: Any, import_id: str, seq: int, query: LiteralString, params: dict[str, Any]) -> None:
        if seq == 3 and len(failures) < 2:  # the driver retries the first once, gives up on the second
            failures.append(seq)
            raise Neo4jError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected", message="test")
        real(tx, import_id, seq, query, params)

    monkeypatch.setattr(neo4j_staged, "_stage_chunk", deadlocked_twice)
    result = neo4j_store.apply(_new_batch())

    assert failures == [3, 3]
    assert result.total(Change.CREATED) == 3 * NEW + 3
    stats = neo4j_store.stats()
    assert (stats["company"], stats["supply"], stats["company_segment"]) == (2 + NEW, NEW + 3, 1 + NEW)
    assert _left_behind(neo4j_driver) == (0, 0)


def test_nodes_are_staged_while_the_rest_is_split_and_swept_when_that_fails(
    neo4j_store: Neo4jStore, neo4j_driver: Any, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server writes the new nodes while the client splits the relationships; a failure there
    waits for the staging to end, then sweeps what it staged."""
    neo4j_store.apply(Batch(upserts=_old_world()))
    before = _visible(neo4j_store)
    node_chunk = threading.Event()
    _after_each_chunk(monkeypatch, lambda seq: node_chunk.set())
    real = neo4j_split.split_links

    def split_then_fail(plan: Any) -> Any:
        assert node_chunk.wait(60), "no chunk of nodes was committed while the rest was split"
        real(plan)
        raise RuntimeError("the split failed")

    monkeypatch.setattr(neo4j_split, "split_links", split_then_fail)
    with pytest.raises(RuntimeError, match="the split failed"):
        neo4j_store.apply(_new_batch())

    assert _visible(neo4j_store) == before
    assert _left_behind(neo4j_driver) == (0, 0)


_UNITS = {"B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30}
DEFAULT_POOL = 358.4 * 2**20  # dbms.memory.transaction.total.max: 70 % of the default 512 MB heap


def _transaction_pool(driver: Any) -> float:
    rows = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'dbms.memory.transaction.total.max' RETURN value"
    ).records
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", rows[0]["value"]).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit] or float("inf")  # 0 means unlimited


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_100k_row_bundle_imports_on_a_server_with_default_memory(
    neo4j_store: Neo4jStore, neo4j_driver: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction of this bundle fails there with MemoryPoolOutOfMemoryError."""
    pool = _transaction_pool(neo4j_driver)
    if pool > DEFAULT_POOL * 1.01:
        reason = f"Neo4j's transaction memory pool is {pool / 2**20:.0f} MiB, not the default 358 MiB of a 512m heap"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI=true: .ci/run starts Neo4j with default memory)", pytrace=False)
        pytest.skip(reason)
    counts = generate_bundle(tmp_path / "bundle", companies=8000, seed=1)
    assert sum(counts.values()) > 100_000
    chunks: list[int] = []
    _after_each_chunk(monkeypatch, chunks.append)

    report = import_bundle(neo4j_store, tmp_path / "bundle")

    assert report.accepted and report.applied, report.rejections[:3]
    assert len(chunks) >= 10  # of up to CHUNK_ROWS rows
    stats = neo4j_store.stats()
    for table, kind in (("companies", "company"), ("supplies", "supply"), ("company_segments", "company_segment")):
        assert stats[kind] == counts[table], table
    assert stats["ranking"] == counts["rankings"] and stats["segment"] == counts["segments"]
    assert _left_behind(neo4j_driver) == (0, 0)
