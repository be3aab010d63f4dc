"""A bundle's nodes and memberships are staged while its supply ties are still read
(docs/NEO4J-IMPORT.md, "Staging while the bundle is read"): the import's result is the same, a
refused row sweeps what was staged early, and an early staging that the data changed under is
swept and staged anew."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from chain_graph.bundle import importer
from chain_graph.bundle.importer import import_bundle
from chain_graph.bundle.report import ImportReport
from chain_graph.config import get_settings
from chain_graph.generate import generate_bundle
from chain_graph.models import Company, Kind
from chain_graph.store import cypher, neo4j_early, neo4j_split, neo4j_staged
from chain_graph.store import neo4j as neo
from chain_graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small city, staged (STAGE_ROWS lowered) in chunks of 500 rows."""
    monkeypatch.setattr(neo, "STAGE_ROWS", 200)
    monkeypatch.setattr(neo4j_staged, "CHUNK_ROWS", 500)
    generate_bundle(tmp_path / "bundle", companies=300, seed=3, ties_per_company=4)
    return tmp_path / "bundle"


def _first_company(bundle: Path) -> str:
    return (bundle / "companies.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]


def _left_behind(driver: Any) -> tuple[int, int]:
    """Staged nodes and import nodes in the database, visible or not."""
    staged = driver.execute_query(cypher.STAGED_COUNT).records[0]["n"]
    imports = driver.execute_query("MATCH (i:ChainGraphImport) RETURN count(i) AS n").records[0]["n"]
    return staged, imports


def _held_before_supplies(monkeypatch: pytest.MonkeyPatch, driver: Any) -> list[tuple[int, int]]:
    """Before the supply ties are read, wait for the early staging to end; what was staged then."""
    ended = threading.Event()
    seen: list[tuple[int, int]] = []
    stage_part = neo4j_early.stage_part

    def stage_then_tell(*args: Any) -> Any:
        try:
            return stage_part(*args)
        finally:
            ended.set()

    load = importer._Import._load

    def load_after_staging(self: Any, table: Any) -> None:
        if table.spec.kind is Kind.SUPPLY:
            assert ended.wait(60), "nothing was staged before the supply ties were read"
            seen.append(_left_behind(driver))
        load(self, table)

    monkeypatch.setattr(neo4j_early, "stage_part", stage_then_tell)
    monkeypatch.setattr(importer._Import, "_load", load_after_staging)
    return seen


def _contents(store: Neo4jStore) -> dict[str, Any]:
    return {
        "stats": store.stats(),
        "companies": [c.model_dump() for c in store.list(Kind.COMPANY).items],
        "members": [m.model_dump() for m in store.list(Kind.COMPANY_SEGMENT).items],
        "supplies": [s.model_dump() for s in store.list(Kind.SUPPLY).items],
    }


def _counts(report: ImportReport) -> list[tuple[str, int, int, int, int]]:
    return [(f.file, f.rows_read, f.created, f.updated, f.unchanged) for f in report.files]


def test_nodes_and_memberships_are_staged_while_the_supply_ties_are_read(
    neo4j_store: Neo4jStore, neo4j_driver: Any, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _held_before_supplies(monkeypatch, neo4j_driver)
    monkeypatch.setattr(importer, "FEED_ROWS", 500)  # the ties are handed over in three parts
    between, ties = neo4j_split.between_staged, []

    def counted(staged: Any, records: Any) -> Any:
        steps = between(staged, records)
        ties.append(sum(len(step.items) for step in steps))
        return steps

    monkeypatch.setattr(neo4j_split, "between_staged", counted)
    report = import_bundle(neo4j_store, bundle)
    assert report.applied, report.rejections[:3]
    staged, imports = seen[0]
    assert staged > 300 and imports == 1, "the companies (and the rest's nodes) were staged, unseen"
    supplies = next(f for f in report.files if f.file == "supplies.csv").rows_read
    assert ties == [500, 500, supplies - 1000], "every tie was staged early, between two new companies"
    early = _contents(neo4j_store), _counts(report)
    assert _left_behind(neo4j_driver) == (0, 0)

    monkeypatch.undo()  # the same import, nothing staged early
    monkeypatch.setattr(neo, "STAGE_ROWS", 200)
    monkeypatch.setattr(Neo4jStore, "stage_early", lambda self, part: None)
    neo4j_store.clear()
    report = import_bundle(neo4j_store, bundle)
    assert report.applied
    assert (_contents(neo4j_store), _counts(report)) == early


def test_a_refused_supply_row_sweeps_what_was_staged_early(
    neo4j_store: Neo4jStore, neo4j_driver: Any, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _held_before_supplies(monkeypatch, neo4j_driver)
    with (bundle / "supplies.csv").open("a", encoding="utf-8") as f:
        f.write(f"{_first_company(bundle)},nobody,纸,0.1,test,2024-06-30\n")
    report = import_bundle(neo4j_store, bundle)

    assert not report.applied and seen[0][0] > 300
    assert [(p.file, p.field, p.value, p.reason) for p in report.rejections] == [
        ("supplies.csv", "customer_id", "nobody", "names no company in the bundle or the store")
    ]
    assert _left_behind(neo4j_driver) == (0, 0)
    assert neo4j_store.stats()["company"] == 0


def test_an_early_staging_the_data_changed_under_is_swept_and_staged_anew(
    neo4j_store: Neo4jStore,
    neo4j_driver: Any,
    bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another writer creates one of the staged companies meanwhile: the import updates it."""
    stage_part = neo4j_early.stage_part
    first = _first_company(bundle)

    def stage_then_another_writes(*args: Any) -> Any:
        staged = stage_part(*args)
        other = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)
        other.upsert(Company(company_id=first, name="别人先建的企业"))
        return staged

    monkeypatch.setattr(neo4j_early, "stage_part", stage_then_another_writes)
    with caplog.at_level(logging.INFO, logger="chain_graph.store.neo4j_staged"):
        report = import_bundle(neo4j_store, bundle)

    assert report.applied, report.rejections[:3]
    assert "staging anew" in caplog.text
    companies = next(f for f in report.files if f.file == "companies.csv")
    assert (companies.created, companies.updated) == (299, 1)
    assert neo4j_store.get(Kind.COMPANY, first).name != "别人先建的企业"  # type: ignore[attr-defined]
    assert neo4j_store.stats()["company"] == 300
    assert _left_behind(neo4j_driver) == (0, 0)
