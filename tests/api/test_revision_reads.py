"""A request reads the store's named revisions once, whatever it renders (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from chain_graph.store import EmbeddedStore
from tests.api.conftest import auth

READS = [
    "/chains/tex/gaps",
    "/chains/tex/gaps?county=350582",
    "/chains/tex/candidates",
    "/chains/tex/graph",
    "/chains/tex/export.html?candidates=true",
    "/chains/tex/export.html?county=350582",
    "/export/overview.html",
    "/chains/tex/export.graphml",
    "/chains/tex/gaps.xlsx",
    "/chains/tex/candidates.xlsx",
    "/kpis.xlsx?year=2024",
    "/kpis?year=2024",
    "/chains/tex/growth",
]


@pytest.fixture
def counted(world: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the store's revisions were read (one entry per read)."""
    reads: list[int] = []
    read = world.revisions

    def counting() -> Any:
        reads.append(1)
        return read()

    monkeypatch.setattr(world, "revisions", counting)
    return reads


@pytest.mark.parametrize("path", READS)
def test_a_request_reads_the_revisions_once(
    path: str, client: TestClient, keys: dict[str, str], counted: list[int]
) -> None:
    for attempt in ("cold", "cached"):
        counted.clear()
        response = client.get(path, headers=auth(keys["viewer"]))
        assert response.status_code == 200, response.text
        assert len(counted) == 1, f"{path} ({attempt}) read the revisions {len(counted)} times"
