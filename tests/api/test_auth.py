"""Who may call what: every endpoint × no key / viewer / planner / admin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chain_graph.keys import create_key, revoke_key
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth, bundle_zip, make_plan

RANK = {None: -1, "viewer": 0, "planner": 1, "admin": 2}

# (method, path, needed role, success status, body kind)
ENDPOINTS: list[tuple[str, str, str, int, str | None]] = [
    ("GET", "/me", "viewer", 200, None),
    ("GET", "/chains", "viewer", 200, None),
    ("GET", "/chains/tex", "viewer", 200, None),
    ("GET", "/chains/tex/graph", "viewer", 200, None),
    ("GET", "/chains/tex/gaps", "viewer", 200, None),
    ("GET", "/chains/tex/candidates", "viewer", 200, None),
    ("GET", "/chains/tex/whatif/x-fiber", "viewer", 200, None),
    ("GET", "/chains/tex/snapshots", "viewer", 200, None),
    ("POST", "/chains/tex/snapshots", "planner", 201, None),
    ("GET", "/segments/tex.fiber", "viewer", 200, None),
    ("GET", "/regions/counties", "viewer", 200, None),
    ("GET", "/companies?q=安踏", "viewer", 200, None),
    ("GET", "/companies/anta", "viewer", 200, None),
    ("POST", "/plans", "planner", 201, "plan"),
    ("GET", "/plans", "viewer", 200, None),
    ("GET", "/plans/p1", "viewer", 200, None),
    ("PATCH", "/plans/p1", "planner", 200, "edit"),
    ("POST", "/plans/p1/moves", "planner", 200, "move"),
    ("GET", "/plans/p1/events", "viewer", 200, None),
    ("GET", "/kpis", "viewer", 200, None),
    ("POST", "/imports?dry_run=true", "admin", 200, "upload"),
    ("GET", "/keys", "admin", 200, None),
    ("POST", "/keys", "admin", 201, "key"),
    ("DELETE", "/keys/{spare}", "admin", 200, None),
]
OPEN = ["/healthz", "/readyz", "/labels", "/", "/openapi.json", "/docs", "/static/vendor/swagger-ui/swagger-ui.css"]


def _call(client: TestClient, method: str, path: str, body: str | None, headers: dict[str, str], tmp_path: Path) -> Any:
    kwargs: dict[str, Any] = {"headers": headers}
    if body == "plan":
        kwargs["json"] = {
            "company_id": "x-fiber",
            "chain_id": "tex",
            "segment_ids": ["tex.fiber"],
            "gap_type": "missing",
            "unit": "石狮市",
        }
    elif body == "edit":
        kwargs["json"] = {"lead": "王科长"}
        headers["If-Match"] = '"1"'
    elif body == "move":
        kwargs["json"] = {"to_status": "contacted", "version": 1}
    elif body == "key":
        kwargs["json"] = {"name": "新密钥", "role": "viewer"}
    elif body == "upload":
        kwargs["files"] = {"file": ("bundle.zip", bundle_zip(tmp_path), "application/zip")}
    return client.request(method, path, **kwargs)


@pytest.mark.parametrize("caller", [None, "viewer", "planner", "admin"])
@pytest.mark.parametrize(
    ("method", "path", "needed", "ok", "body"), ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
def test_auth_matrix(
    client: TestClient,
    world: EmbeddedStore,
    keys: dict[str, str],
    tmp_path: Path,
    caller: str | None,
    method: str,
    path: str,
    needed: str,
    ok: int,
    body: str | None,
) -> None:
    make_plan(world)
    spare, _ = create_key(world, role="viewer", name="spare")
    path = path.replace("{spare}", spare.key_id)
    headers = auth(keys[caller]) if caller else {}
    response = _call(client, method, path, body, headers, tmp_path)
    if caller is None:
        assert_error(response, 401, "unauthorized")
    elif RANK[caller] < RANK[needed]:
        assert_error(response, 403, "forbidden")
    else:
        assert response.status_code == ok, response.text


@pytest.mark.parametrize("path", OPEN)
def test_open_paths_need_no_key(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_bearer_token_works_like_the_header(client: TestClient, keys: dict[str, str]) -> None:
    response = client.get("/me", headers={"Authorization": f"Bearer {keys['planner']}"})
    assert response.status_code == 200
    assert response.json()["role"] == "planner"
    assert response.json()["name"] == "planner 测试"


@pytest.mark.parametrize("bad", ["nonsense", "cgk_000000000000_" + "a" * 43, "Bearer", ""])
def test_unknown_or_malformed_keys_are_401(client: TestClient, keys: dict[str, str], bad: str) -> None:
    error = assert_error(client.get("/chains", headers={"X-API-Key": bad}), 401, "unauthorized")
    assert error["field"] == "X-API-Key"


def test_a_tampered_secret_is_refused(client: TestClient, keys: dict[str, str]) -> None:
    key = keys["admin"]
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    assert_error(client.get("/me", headers=auth(tampered)), 401)


def test_a_revoke_takes_effect_at_once_despite_the_cache(
    client: TestClient, world: EmbeddedStore, keys: dict[str, str]
) -> None:
    record, plaintext = create_key(world, role="viewer", name="临时")
    assert client.get("/me", headers=auth(plaintext)).status_code == 200  # now cached
    assert client.get("/me", headers=auth(plaintext)).status_code == 200
    revoke_key(world, record.key_id)
    assert_error(client.get("/me", headers=auth(plaintext)), 401)


def test_a_revoke_through_the_api_locks_the_key_out(client: TestClient, keys: dict[str, str]) -> None:
    created = client.post("/keys", headers=auth(keys["admin"]), json={"role": "planner", "name": "晋江"}).json()
    assert client.get("/me", headers=auth(created["key"])).json()["role"] == "planner"
    revoked = client.delete(f"/keys/{created['key_id']}", headers=auth(keys["admin"]))
    assert revoked.status_code == 200 and revoked.json()["active"] is False
    assert_error(client.get("/me", headers=auth(created["key"])), 401)
