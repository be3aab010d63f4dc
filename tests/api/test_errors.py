"""One error shape for every failure, and no internals in a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_store
from api.main import create_app
from chain_graph.config import Settings
from chain_graph.errors import StoreUnavailable
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth, make_plan


def test_400_for_a_body_that_is_not_json(client: TestClient, keys: dict[str, str]) -> None:
    headers = {**auth(keys["planner"]), "Content-Type": "application/json"}
    error = assert_error(client.post("/plans", content='{"unit": "晋江'.encode(), headers=headers), 400, "bad_request")
    assert error["field"] == "body"


def test_401_without_a_key(client: TestClient) -> None:
    response = client.get("/chains")
    assert_error(response, 401, "unauthorized", "X-API-Key")
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_403_for_a_role_too_low(client: TestClient, keys: dict[str, str]) -> None:
    error = assert_error(client.get("/keys", headers=auth(keys["planner"])), 403, "forbidden")
    assert "admin" in error["message"]


def test_404_for_an_unknown_record(client: TestClient, keys: dict[str, str]) -> None:
    assert_error(client.get("/chains/nope", headers=auth(keys["viewer"])), 404, "not_found")


def test_404_for_an_unknown_route(client: TestClient) -> None:
    error = assert_error(client.get("/no/such/route"), 404, "not_found")
    assert "/no/such/route" in error["message"]


def test_405_for_a_wrong_method(client: TestClient, keys: dict[str, str]) -> None:
    assert_error(client.put("/chains", headers=auth(keys["admin"])), 405, "method_not_allowed")


def test_409_for_a_stale_version(client: TestClient, world: EmbeddedStore, keys: dict[str, str]) -> None:
    make_plan(world)
    headers = {**auth(keys["planner"]), "If-Match": '"7"'}
    assert_error(client.patch("/plans/p1", json={"lead": "李"}, headers=headers), 409, "conflict", "version")


def test_422_names_the_field_of_a_bad_query_parameter(client: TestClient, keys: dict[str, str]) -> None:
    error = assert_error(client.get("/chains?limit=501", headers=auth(keys["viewer"])), 422, "invalid_input", "limit")
    assert error["problems"][0]["field"] == "limit"


def test_422_names_a_nested_body_field(client: TestClient, keys: dict[str, str]) -> None:
    body = {"from_candidate": {"chain_id": "tex", "company_id": "x-fiber"}, "unit": "晋江市"}
    assert_error(
        client.post("/plans", json=body, headers=auth(keys["planner"])),
        422,
        "invalid_input",
        "from_candidate.segment_id",
    )


def test_422_from_the_library_carries_its_problems(client: TestClient, keys: dict[str, str]) -> None:
    body = {"company_id": "x-fiber", "chain_id": "tex", "segment_ids": ["tex.fiber"], "gap_type": "missing"}
    error = assert_error(client.post("/plans", json=body, headers=auth(keys["planner"])), 422, "invalid_input", "unit")
    assert error["problems"] and error["problems"][0]["field"] == "unit"


def test_413_and_415_use_the_error_shape(client: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["admin"])
    big = {"file": ("big.zip", b"PK\x03\x04" + b"0" * (400 * 1024), "application/zip")}
    assert_error(client.post("/imports", files=big, headers=headers), 413, "too_large", "file")
    text = {"file": ("notes.txt", b"hello", "text/plain")}
    assert_error(client.post("/imports", files=text, headers=headers), 415, "unsupported_media_type", "file")


class _DownStore:
    """A store whose every call fails as an unreachable server would."""

    backend = "neo4j"

    def revision(self) -> int | None:
        return None

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise StoreUnavailable("Neo4j at bolt://127.0.0.1:7687 does not answer: ServiceUnavailable")

        return fail


@pytest.fixture
def down_client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, store=_DownStore()))  # type: ignore[arg-type]


def test_503_when_the_store_is_down(down_client: TestClient) -> None:
    assert_error(down_client.get("/readyz"), 503, "store_unavailable")
    assert_error(down_client.get("/chains", headers={"X-API-Key": "cgk_0123456789ab_" + "a" * 43}), 503)
    assert down_client.get("/healthz").status_code == 200  # the process still answers


def test_readyz_is_503_whatever_the_store_raises(settings: Settings) -> None:
    class Broken(_DownStore):
        def count(self, kind: Any) -> int:
            raise RuntimeError("disk on fire at /secret/path")

    client = TestClient(create_app(settings, store=Broken()))  # type: ignore[arg-type]
    error = assert_error(client.get("/readyz"), 503, "store_unavailable")
    assert "/secret/path" not in error["message"]


def test_500_says_nothing_about_the_server(
    app: FastAPI, keys: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    def explode() -> None:
        raise RuntimeError("secret detail /etc/chain-graph/password.txt")

    app.dependency_overrides[get_store] = explode
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/chains", headers=auth(keys["viewer"]))
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and "Traceback" not in response.text and "RuntimeError" not in response.text
    assert error["field"] is None
    assert "secret detail" in caplog.text  # but the log has it


def test_errors_keep_chinese_as_characters(client: TestClient, keys: dict[str, str]) -> None:
    response = client.get("/plans?unit=" + "晋" * 201, headers=auth(keys["viewer"]))
    assert_error(response, 422, field="unit")
    assert "\\u" not in response.text
