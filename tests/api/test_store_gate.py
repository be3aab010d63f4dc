"""The store gate (api/store_gate.py): 503 at once while the store is down, recovery by itself
(issue 10 item 1). The outage on a real Neo4j is tests/faults/test_neo4j_outage.py."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

import api.main
from api.main import create_app
from api.store_gate import RETRY_AFTER
from chain_graph.config import Settings
from chain_graph.errors import StoreUnavailable
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth


class _Flaky:
    """The embedded store of the world, whose calls fail while ``down`` (counting every call)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.inner, self.down, self.calls = store, True, 0
        self.backend = store.backend

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.down:
                raise StoreUnavailable("Neo4j at bolt://127.0.0.1:7687 does not answer: ServiceUnavailable")
            return method(*args, **kwargs)

        return call


def test_a_store_that_fails_is_not_asked_again_until_the_cooldown_ends(
    settings: Settings, world: EmbeddedStore, keys: dict[str, str]
) -> None:
    flaky = _Flaky(world)
    client = TestClient(create_app(settings, store=flaky))  # type: ignore[arg-type]
    viewer = auth(keys["viewer"])
    first = client.get("/plans", headers=viewer)
    assert_error(first, 503, "store_unavailable")
    assert first.headers["Retry-After"] == str(RETRY_AFTER)
    asked = flaky.calls
    for _ in range(20):  # inside the cooldown: answered without touching the store
        assert_error(client.get("/plans", headers=viewer), 503, "store_unavailable")
        assert_error(client.get("/readyz"), 503, "store_unavailable")
    assert flaky.calls == asked
    assert client.get("/healthz").status_code == 200
    flaky.down = False
    time.sleep(RETRY_AFTER + 0.1)
    assert client.get("/plans", headers=viewer).status_code == 200  # the trial closes the breaker
    assert client.get("/readyz").json()["status"] == "ready"


def test_the_api_starts_without_its_store_and_opens_it_when_it_answers(
    settings: Settings, world: EmbeddedStore, keys: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[float] = []

    def open_store(s: Settings) -> EmbeddedStore:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise StoreUnavailable("Neo4j at bolt://127.0.0.1:7687 does not answer: ServiceUnavailable")
        return EmbeddedStore(s.data_dir)

    monkeypatch.setattr(api.main, "open_store", open_store)
    with TestClient(create_app(settings)) as client:  # the lifespan tried once, and did not raise
        assert len(attempts) == 1
        began = time.monotonic()
        assert_error(client.get("/readyz"), 503, "store_unavailable")
        assert_error(client.get("/chains", headers=auth(keys["viewer"])), 503, "store_unavailable")
        assert time.monotonic() - began < 0.5 and len(attempts) == 1  # within the cooldown: not retried
        deadline = time.monotonic() + 10
        while (ready := client.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline, ready.text
            time.sleep(0.2)
        assert len(attempts) == 3  # one opening per cooldown
        assert attempts[2] - attempts[1] >= RETRY_AFTER * 0.9
        assert "纺织" in client.get("/chains", headers=auth(keys["viewer"])).text
