"""Shared fixtures: stores (embedded, and Neo4j when a server answers)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from chain_graph.store.embedded import EmbeddedStore

STORE_BACKENDS = ["embedded", "neo4j"]


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "db")
    try:
        yield store
    finally:
        store.close()


def _neo4j_or_fail() -> object:
    """A driver to the test server; under CI=true a missing server fails, never skips."""
    from chain_graph.config import get_settings

    try:
        from chain_graph.store.neo4j import connect
    except ImportError as e:  # pragma: no cover - until the Neo4j store exists
        _missing(f"the Neo4j store cannot be imported: {e}")
    settings = get_settings(neo4j_password=SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test")))
    try:
        return connect(settings)
    except Exception as e:
        _missing(f"no Neo4j answers at {settings.neo4j_uri}: {type(e).__name__}: {e}")
    raise AssertionError("unreachable")


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a test that needs Neo4j fails without it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[object]:
    driver = _neo4j_or_fail()
    yield driver
    driver.close()  # type: ignore[attr-defined]


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """Each store backend, starting from an empty database."""
    if request.param == "embedded":
        emb = EmbeddedStore(tmp_path / "db")
        yield emb
        emb.close()
        return
    from chain_graph.config import get_settings
    from chain_graph.store.neo4j import Neo4jStore

    driver = request.getfixturevalue("neo4j_driver")
    neo = Neo4jStore(driver, database=get_settings().neo4j_database)
    neo.clear()
    yield neo
    neo.clear()
