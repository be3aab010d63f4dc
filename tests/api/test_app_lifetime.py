"""An app is freed once nothing uses it: the test suite creates hundreds, and each one kept
alive (~22,000 objects: its routes, dependants, models) made every full garbage collection of the
process slower, until a request under load ran past a 10 s timeout."""

from __future__ import annotations

import gc
import weakref

from fastapi.testclient import TestClient

from api.main import create_app
from chain_graph.config import Settings
from chain_graph.store import EmbeddedStore


def test_an_app_that_served_its_pages_is_freed_after_use(settings: Settings, world: EmbeddedStore) -> None:
    app = create_app(settings, store=world)
    with TestClient(app) as client:
        for path in ("/", "/docs", "/openapi.json", "/healthz"):
            assert client.get(path).status_code == 200, path
    freed = weakref.ref(app)
    del app, client
    gc.collect()
    assert freed() is None, [type(r).__name__ for r in gc.get_referrers(freed())]
