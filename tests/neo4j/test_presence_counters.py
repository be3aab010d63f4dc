"""The Neo4j store's presence counters equal a recount after writes of every kind (cypher.presence).

The gap report reads per (segment, region, local site) counters kept on write instead of counting
a chain's members; these tests change what they count in every way a write can — a company's
region, local site and revenue, a membership added, its role changed, deleted, a company deleted,
a small batch, a staged import, a staged import that fails and is swept — and compare the kept
counters with the same counts made from the rows, and with the embedded store's presence facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chain_graph.config import get_settings
from chain_graph.facts import LocalScope
from chain_graph.models import Chain, Company, CompanySegment, Kind, Record, Region, Segment
from chain_graph.store import cypher, neo4j_staged
from chain_graph.store import neo4j as neo
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from chain_graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

REGIONS = [
    Region(region_id="350500", name="泉州市"),
    Region(region_id="350582", name="晋江市", parent_id="350500"),
    Region(region_id="350583", name="南安市", parent_id="350500"),
    Region(region_id="440300", name="深圳市"),
]
SCOPE = LocalScope.of("350500", REGIONS)


def _world() -> list[Record]:
    return [
        *REGIONS,
        Chain(chain_id="tx", name="纺织鞋服"),
        Segment(chain_id="tx", segment_id="tx.fiber", name="化纤", stage="upstream"),
        Segment(chain_id="tx", segment_id="tx.shoe", name="制鞋", stage="midstream"),
        Company(company_id="a", name="晋江甲厂", region="350582", revenue_cny_100m=12.5),
        Company(company_id="b", name="南安乙厂", region="350583"),
        Company(company_id="c", name="深圳丙厂", region="440300", revenue_cny_100m=3.25),
        Company(company_id="d", name="深圳丁厂（本地设厂）", region="440300", local_site=True),
        CompanySegment(company_id="a", segment_id="tx.fiber", role="leading"),
        CompanySegment(company_id="b", segment_id="tx.fiber", role="core"),
        CompanySegment(company_id="c", segment_id="tx.fiber", role="supporting"),
        CompanySegment(company_id="a", segment_id="tx.shoe", role="core"),
        CompanySegment(company_id="d", segment_id="tx.shoe", role="leading"),
    ]


def _rows(driver: Any, query: str) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in driver.execute_query(query).records]


def _kept(driver: Any) -> list[tuple[Any, ...]]:
    return _rows(driver, cypher.PRESENCE_KEPT)


def _assert_kept(store: Neo4jStore, driver: Any, tmp_path: Path, records: list[Record]) -> list[tuple[Any, ...]]:
    """The kept counters equal a recount, and the presence facts equal the embedded store's."""
    kept = _kept(driver)
    assert kept == _rows(driver, cypher.PRESENCE_RECOUNT)
    with EmbeddedStore(tmp_path / f"db{len(list(tmp_path.iterdir()))}") as written:
        written.apply(Batch(records))
        assert store.chain_facts("tx", SCOPE, firm_limit=10).presence == (
            written.chain_facts("tx", SCOPE, firm_limit=10).presence
        )
    return kept


def _bucket(kept: list[tuple[Any, ...]], segment: str, region: str, site: bool = False) -> tuple[Any, ...] | None:
    """``(n, leading, rev_micro, rev_n)`` of one bucket, None if it holds no member."""
    return next((row[3:] for row in kept if row[:3] == (segment, region, site)), None)


def test_counters_follow_every_kind_of_write(neo4j_store: Neo4jStore, neo4j_driver: Any, tmp_path: Path) -> None:
    world = _world()
    neo4j_store.apply(Batch(world))
    kept = _assert_kept(neo4j_store, neo4j_driver, tmp_path, world)
    assert _bucket(kept, "tx.fiber", "350582") == (1, 1, 12_500_000, 1)
    assert _bucket(kept, "tx.shoe", "440300", True) == (1, 1, 0, 0)

    def write(*records: Record, deletes: list[tuple[Kind, tuple[str, ...]]] | None = None) -> list[tuple[Any, ...]]:
        neo4j_store.apply(Batch(upserts=list(records), deletes=deletes or []))
        keys = {(r.KIND, r.key) for r in records} | set(deletes or [])
        world[:] = [r for r in world if (r.KIND, r.key) not in keys] + list(records)
        if deletes and (Kind.COMPANY, ("b",)) in deletes:  # a company takes its memberships along
            world[:] = [r for r in world if not (r.KIND == Kind.COMPANY_SEGMENT and r.key[0] == "b")]
        return _assert_kept(neo4j_store, neo4j_driver, tmp_path, world)

    # a company moves from 晋江 to 南安, and its revenue changes
    kept = write(Company(company_id="a", name="晋江甲厂", region="350583", revenue_cny_100m=7.0))
    assert _bucket(kept, "tx.fiber", "350582") is None
    assert _bucket(kept, "tx.fiber", "350583") == (2, 1, 7_000_000, 1)
    assert _bucket(kept, "tx.shoe", "350583") == (1, 0, 7_000_000, 1)
    # an outside firm opens a local site; a revenue becomes known
    kept = write(Company(company_id="c", name="深圳丙厂", region="440300", local_site=True, revenue_cny_100m=3.25),
                 Company(company_id="b", name="南安乙厂", region="350583", revenue_cny_100m=0.5))  # fmt: skip
    assert _bucket(kept, "tx.fiber", "440300", True) == (1, 0, 3_250_000, 1)
    assert _bucket(kept, "tx.fiber", "440300") is None
    assert _bucket(kept, "tx.fiber", "350583") == (2, 1, 7_500_000, 2)
    # a membership added, a role changed, a membership deleted
    kept = write(
        CompanySegment(company_id="b", segment_id="tx.shoe", role="supporting"),
        CompanySegment(company_id="a", segment_id="tx.fiber", role="core"),
        deletes=[(Kind.COMPANY_SEGMENT, ("d", "tx.shoe"))],
    )
    assert _bucket(kept, "tx.shoe", "350583") == (2, 0, 7_500_000, 2)
    assert _bucket(kept, "tx.fiber", "350583") == (2, 0, 7_500_000, 2)
    assert _bucket(kept, "tx.shoe", "440300", True) is None
    # a company deleted, with its memberships
    kept = write(deletes=[(Kind.COMPANY, ("b",))])
    assert _bucket(kept, "tx.fiber", "350583") == (1, 0, 7_000_000, 1)
    assert _bucket(kept, "tx.shoe", "350583") == (1, 0, 7_000_000, 1)


@pytest.fixture
def small_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stage batches above 50 rows, in chunks of 40 (as tests/neo4j/test_staged_import.py does)."""
    monkeypatch.setattr(neo, "STAGE_ROWS", 50)
    monkeypatch.setattr(neo4j_staged, "CHUNK_ROWS", 40)


def _import_batch() -> list[Record]:
    """60 new companies in two segments, and an existing company that moves out of the city."""
    new: list[Record] = []
    for i in range(60):
        region = "350582" if i % 3 else "440300"
        new.append(Company(company_id=f"n{i}", name=f"新企业{i}", region=region, revenue_cny_100m=float(i)))
        new.append(CompanySegment(company_id=f"n{i}", segment_id=("tx.fiber", "tx.shoe")[i % 2],
                                  role="leading" if i % 7 == 0 else "core"))  # fmt: skip
    return [*new, Company(company_id="a", name="晋江甲厂", region="440300", revenue_cny_100m=1.0)]


def test_a_staged_import_publishes_its_counters_with_its_rows(
    neo4j_store: Neo4jStore, neo4j_driver: Any, tmp_path: Path, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _world()
    neo4j_store.apply(Batch(world))
    before = _kept(neo4j_driver)
    seen: list[list[tuple[Any, ...]]] = []
    real = neo4j_staged._commit_chunk

    def commit_then_look(session: Any, import_id: str, seq: int, query: str, params: dict[str, Any]) -> None:
        real(session, import_id, seq, query, params)
        seen.append(_kept(neo4j_driver))

    monkeypatch.setattr(neo4j_staged, "_commit_chunk", commit_then_look)
    batch = _import_batch()
    neo4j_store.apply(Batch(batch))

    assert len(seen) >= 3 and all(view == before for view in seen)  # staged rows move no counter
    world = [r for r in world if (r.KIND, r.key) != (Kind.COMPANY, ("a",))] + batch
    kept = _assert_kept(neo4j_store, neo4j_driver, tmp_path, world)
    assert kept != before
    # even i (tx.fiber) not divisible by 3 (晋江): 20 firms, leading n14, n28, n56, revenues 2+4+8+…+58
    assert _bucket(kept, "tx.fiber", "350582") == (20, 3, 600_000_000, 20)
    # in 深圳: n0, n6 … n54 (leading n0, n42), c, and a (leading) that moved there
    assert _bucket(kept, "tx.fiber", "440300") == (12, 3, 274_250_000, 12)
    assert _rows(neo4j_driver, "MATCH (i:ChainGraphImport) RETURN count(i)") == [(0,)]


def test_a_failed_staged_import_moves_no_counter(
    neo4j_store: Neo4jStore, neo4j_driver: Any, small_stages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.apply(Batch(_world()))
    before = _kept(neo4j_driver)
    real = neo4j_staged._commit_chunk

    def fail_after_two(session: Any, import_id: str, seq: int, query: str, params: dict[str, Any]) -> None:
        real(session, import_id, seq, query, params)
        if seq == 2:
            raise RuntimeError("the importer died")

    monkeypatch.setattr(neo4j_staged, "_commit_chunk", fail_after_two)
    with pytest.raises(RuntimeError, match="the importer died"):
        neo4j_store.apply(Batch(_import_batch()))

    assert _kept(neo4j_driver) == before == _rows(neo4j_driver, cypher.PRESENCE_RECOUNT)
    assert neo4j_store.count(Kind.COMPANY) == 4  # swept: nothing of it is left


def test_migration_3_builds_the_counters_of_an_existing_database_and_a_rerun_builds_them_again(
    neo4j_store: Neo4jStore, neo4j_driver: Any, tmp_path: Path
) -> None:
    world = _world()
    neo4j_store.apply(Batch(world))
    neo4j_driver.execute_query(cypher.PRESENCE_DROP_ALL)  # as a version-2 database has none
    neo4j_driver.execute_query("MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.version = 2")
    assert _kept(neo4j_driver) == []

    store = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)  # migrates to 3

    kept = _assert_kept(store, neo4j_driver, tmp_path, world)
    assert len(kept) == 5
    for statement in cypher.MIGRATIONS[2].statements:  # a start interrupted after migration 3 ran it all
        neo4j_driver.execute_query(statement)
    assert _kept(neo4j_driver) == kept
