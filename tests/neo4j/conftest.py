"""Fixtures for tests that need a real Neo4j (they fail under CI=true when none answers)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chain_graph.config import get_settings
from chain_graph.store.neo4j import Neo4jStore


@pytest.fixture
def neo4j_store(neo4j_driver) -> Iterator[Neo4jStore]:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_driver, database=get_settings().neo4j_database)
    store.clear()
    yield store
    store.clear()
