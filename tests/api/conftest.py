"""An app over an embedded store holding ``small_world``, and a key of each role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from chain_graph.config import Settings, StoreKind, get_settings
from chain_graph.keys import create_key
from chain_graph.store import Batch, EmbeddedStore
from tests.factories import small_world

ROLES = ("viewer", "planner", "admin")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return get_settings(
        store=StoreKind.EMBEDDED, data_dir=tmp_path / "db", home_region="350500", max_import_bytes=256 * 1024
    )


@pytest.fixture
def world(settings: Settings) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(settings.data_dir)
    store.apply(Batch(upserts=small_world()))
    yield store
    store.close()


@pytest.fixture
def keys(world: EmbeddedStore) -> dict[str, str]:
    """The plaintext key of each role (named after the role)."""
    return {role: create_key(world, role=role, name=f"{role} 测试")[1] for role in ROLES}


@pytest.fixture
def app(settings: Settings, world: EmbeddedStore) -> FastAPI:
    return create_app(settings, store=world)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def auth(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def assert_error(response, status: int, code: str | None = None, field: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The one error shape, with this status (and code and field, when given)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert {"code", "message", "field"} <= set(error), error
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert error["field"] == field, error
    return error


def make_plan(store, **overrides):  # type: ignore[no-untyped-def]
    """A plan on x-fiber for tex.fiber, made through the library."""
    from chain_graph.plans import create_plan

    fields = {
        "plan_id": "p1",
        "company_id": "x-fiber",
        "chain_id": "tex",
        "segment_ids": ["tex.fiber"],
        "gap_type": "missing",
        "unit": "晋江市",
        **overrides,
    }
    return create_plan(store, actor="tests", **fields)


def bundle_zip(tmp_path: Path, tables=None) -> bytes:  # type: ignore[no-untyped-def]
    """A zipped bundle (default: tests.factories.bundle_rows) as bytes."""
    from tests.factories import write_bundle, zip_bundle

    folder = write_bundle(tmp_path / "bundle", tables)
    return zip_bundle(folder, tmp_path / "bundle.zip").read_bytes()
