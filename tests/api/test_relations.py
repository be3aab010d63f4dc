"""``GET /companies/{id}/paths``, ``GET /leads``, ``POST /leads/adopt``: roles, answers, the error shape."""

from __future__ import annotations

from fastapi.testclient import TestClient

from chain_graph.models import Kind
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.api.conftest import assert_error, auth
from tests.factories import relations_world


def _load(world: EmbeddedStore) -> None:
    world.apply(Batch(upserts=relations_world()))


def test_paths_of_a_company(client: TestClient, keys: dict[str, str], world: EmbeddedStore) -> None:
    _load(world)
    r = client.get("/companies/x-dye/paths", headers=auth(keys["viewer"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(p["to"]["id"], p["hops"]) for p in body["paths"]] == [("anta", 2), ("frep", 2), ("qz-shoe", 3)]
    share = body["paths"][2]["steps"][0]
    assert (share["relation"], share["amount"], share["source"], share["walked"]) == (
        "holds_shares", 60.0, "illustrative: test", "backward",
    )  # fmt: skip
    assert client.get("/companies/x-dye/paths?max_hops=2", headers=auth(keys["viewer"])).json()["max_hops"] == 2


def test_paths_errors(client: TestClient, keys: dict[str, str], world: EmbeddedStore) -> None:
    _load(world)
    assert_error(client.get("/companies/nope/paths", headers=auth(keys["viewer"])), 404, field="company_id")
    assert_error(client.get("/companies/x-dye/paths?max_hops=9", headers=auth(keys["viewer"])), 422)
    assert_error(client.get("/companies/x-dye/paths"), 401)


def test_leads_ranked_and_filtered(client: TestClient, keys: dict[str, str], world: EmbeddedStore) -> None:
    _load(world)
    body = client.get("/leads", headers=auth(keys["viewer"])).json()
    assert body["count"] == 3 and body["data"][0]["company_id"] == "x-fiber"
    assert set(body["data"][0]["parts"]) == {"amount", "lists", "local_firms"}
    assert client.get("/leads?leader=frep&limit=1", headers=auth(keys["viewer"])).json()["count"] == 1
    assert_error(client.get("/leads?leader=x-fiber", headers=auth(keys["viewer"])), 422, field="leader")
    assert_error(client.get("/leads?leader=nope", headers=auth(keys["viewer"])), 404)


def test_adopt_a_lead(client: TestClient, keys: dict[str, str], world: EmbeddedStore) -> None:
    _load(world)
    body = {"leader_id": "anta", "company_id": "x-fiber", "unit": "晋江市"}
    assert_error(client.post("/leads/adopt", json=body, headers=auth(keys["viewer"])), 403)
    r = client.post("/leads/adopt", json=body, headers=auth(keys["planner"]))
    assert r.status_code == 201, r.text
    plan = r.json()
    assert (plan["referrer_id"], plan["segment_ids"], plan["version"]) == ("anta", ["tex.fiber"], 1)
    assert r.headers["Location"] == f"/plans/{plan['plan_id']}"
    history = client.get(f"/plans/{plan['plan_id']}/events", headers=auth(keys["viewer"]))
    assert history.status_code == 200 and history.json()["data"][0]["changes"]["referrer_id"] == [None, "anta"]
    bad = {**body, "company_id": "x-dye"}
    assert_error(client.post("/leads/adopt", json=bad, headers=auth(keys["planner"])), 422, field="company_id")
    assert world.list(Kind.TARGET_PLAN).total == 1
