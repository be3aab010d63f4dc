"""A staged import past its commit point is published in chunks behind a gate, and rolled forward.

Readers and writers wait while an import is being published; one killed mid-publication leaves
nothing of it visible, and the next store that opens (or the next reader that waits) finishes it
(docs/NEO4J-IMPORT.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from chain_graph.config import get_settings
from chain_graph.errors import StoreUnavailable
from chain_graph.models import Chain, Company, Kind, Region, Segment
from chain_graph.store import cypher
from chain_graph.store import neo4j_publish as gate
from chain_graph.store.base import Batch
from chain_graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

COMPANIES = 3000  # and as many ties; staged in chunks of 500, published 400 nodes per chunk
KILLED_AFTER = 3  # flip chunks committed when the child is killed: the region's, two of companies

CHILD = textwrap.dedent(
    f"""
    import functools, os, sys, time
    from pydantic import SecretStr
    from chain_graph.config import get_settings
    from chain_graph.store import neo4j as neo, neo4j_publish, neo4j_staged
    from chain_graph.store.base import Batch
    from chain_graph.models import Company, Region, Supply
    neo.STAGE_ROWS, neo4j_staged.CHUNK_ROWS, neo4j_publish.FLIP_ROWS = 1000, 500, 400
    def after_chunk(n):
        print("flipped", n, flush=True)
        if n == {KILLED_AFTER}:
            time.sleep(120)             # the parent kills us here
    neo4j_publish.publish = functools.partial(neo4j_publish.publish, after_chunk=after_chunk)
    settings = get_settings(neo4j_password=SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test")))
    store = neo.open_neo4j_store(settings)
    n = {COMPANIES}
    companies = [Company(company_id=f"p{{i}}", name=f"新企业{{i}}", region="350582") for i in range(n)]
    ties = [Supply(supplier_id=f"p{{i}}", customer_id=f"p{{(i + 1) % n}}") for i in range(n)]
    # an existing company moves to a region the import creates: written at the commit point
    moved = Company(company_id="old", name="泉州老厂", region="350599")
    new_region = Region(region_id="350599", name="新区（示例）", level="county", parent_id="350500")
    store.apply(Batch(upserts=companies + ties + [moved, new_region]))
    """
)


def _old_world() -> list[Any]:
    return [
        Region(region_id="350500", name="泉州市", level="city"),
        Region(region_id="350582", name="晋江市", level="county", parent_id="350500"),
        Chain(chain_id="tx", name="纺织鞋服"),
        Segment(chain_id="tx", segment_id="tx.fiber", name="化纤", stage="upstream"),
        Company(company_id="old", name="泉州老厂", region="350582"),
    ]


def _raw(driver: Any, query: str) -> int:
    return int(driver.execute_query(query).records[0]["n"])


def _kill_mid_publication() -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline().strip() for _ in range(KILLED_AFTER)]
        assert lines == [f"flipped {n}" for n in range(1, KILLED_AFTER + 1)]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()


def _sees_everything(store: Neo4jStore) -> None:
    stats = store.stats()
    assert (stats["company"], stats["supply"], stats["region"]) == (COMPANIES + 1, COMPANIES, 3)
    assert store.get(Kind.COMPANY, "p2999").name == "新企业2999"  # type: ignore[attr-defined]
    assert len(store.search_companies("新企业", limit=5000)) == COMPANIES
    assert store.get(Kind.COMPANY, "old").region == "350599"  # type: ignore[attr-defined]
    counties = store.list(Kind.COMPANY, where={"region": "350599"})
    assert [c.key for c in counties] == [("old",)]


@pytest.mark.parametrize("finisher", ["the next open", "a waiting reader"])
def test_an_import_killed_mid_publication_stays_invisible_until_it_is_rolled_forward(
    neo4j_store: Neo4jStore, neo4j_driver: Any, finisher: str
) -> None:
    database = get_settings().neo4j_database
    neo4j_store.apply(Batch(upserts=_old_world()))
    waiting_reader = Neo4jStore(neo4j_driver, database=database, stale_import_seconds=0)  # opened before

    _kill_mid_publication()

    # the new region and two chunks of 400 companies carry their real label, the rest is staged ...
    assert _raw(neo4j_driver, "MATCH (n:Company) RETURN count(n) AS n") == 1 + 2 * 400
    assert _raw(neo4j_driver, "MATCH (n:Staged) RETURN count(n) AS n") == COMPANIES - 2 * 400
    # ... yet no reader sees any of it, nor any writer writes: they wait for the publication
    impatient = Neo4jStore(neo4j_driver, database=database, publish_wait_seconds=1)  # heartbeat fresh
    for read in (
        lambda: impatient.stats(),
        lambda: impatient.find(Kind.COMPANY, "p0"),
        lambda: impatient.revisions(),
        lambda: impatient.search_companies("新企业"),
        lambda: impatient.upsert(Company(company_id="p1", name="别人想建的企业")),
    ):
        with pytest.raises(StoreUnavailable, match="being made visible"):
            read()

    if finisher == "the next open":
        Neo4jStore(neo4j_driver, database=database, stale_import_seconds=0)
        reader = neo4j_store
    else:
        reader = waiting_reader  # its heartbeat bound is 0: it finishes the publication itself
    _sees_everything(reader)
    assert _raw(neo4j_driver, "MATCH (n:Staged) RETURN count(n) AS n") == 0
    assert _raw(neo4j_driver, "MATCH (i:ChainGraphImport) RETURN count(i) AS n") == 0
    assert neo4j_store.upsert(Company(company_id="p1", name="改名")).value == "updated"  # writes go on


def test_a_read_that_overlaps_a_commit_point_runs_again(neo4j_store: Neo4jStore, neo4j_driver: Any) -> None:
    """Neo4j reads are read-committed: a read that saw the gate open at its start but a
    publication begin before its end may have seen part of it, so it runs again."""
    neo4j_store.upsert(Company(company_id="old", name="泉州老厂"))
    runs: list[int] = []

    def work(tx: Any) -> int:
        runs.append(len(runs))
        if len(runs) == 1:  # another process reaches a commit point meanwhile (its import is gone)
            neo4j_driver.execute_query("MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.publishing = 'gone'")
        return int(tx.run("MATCH (n:Company) RETURN count(n) AS n").single()["n"])

    database = get_settings().neo4j_database
    before = neo4j_driver.execute_query(cypher.GATE_READ).records[0]["published"]
    wait_calls: list[int] = []

    def wait() -> None:
        wait_calls.append(1)
        gate.wait_for_gate(neo4j_driver, database, stale_seconds=300, timeout=5)

    assert gate.read(neo4j_driver, database, work, wait) == 1
    assert runs == [0, 1]  # the first run was thrown away
    assert wait_calls == [1]  # and the second waited for the gate, which named no live import
    published = neo4j_driver.execute_query(cypher.GATE_READ).records[0]
    assert (published["publishing"], published["published"]) == (None, before + 1)
