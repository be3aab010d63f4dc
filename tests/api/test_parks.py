"""Appraisal, park matches and parks over HTTP: roles, versions, the gate, the one error shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chain_graph.store import Batch, EmbeddedStore
from tests.api.conftest import assert_error, auth, make_plan
from tests.factories import park, park_plot

INPUTS = {"technology_route": 4, "product_competitiveness": 5, "market_prospects": 4, "land_mu": 50,
          "floor_space_m2": 3000, "annual_tax_cny_10k": 2000, "annual_output_cny_100m": 10, "energy_tce": 5000,
          "jobs": 400}  # fmt: skip


@pytest.fixture
def p1(world: EmbeddedStore) -> None:
    elsewhere = park(
        "park-qg", name="泉港示例园（示例）", region="350505", chain_ids=(), segment_ids=(), available_land_mu=20
    )
    world.apply(Batch(upserts=[park(), elsewhere, park_plot()]))
    make_plan(world, expected_investment_cny_100m=3)


@pytest.mark.usefixtures("p1")
def test_appraise_then_read_it_and_find_it_in_the_history(client: TestClient, keys: dict[str, str]) -> None:
    planner, viewer = auth(keys["planner"]), auth(keys["viewer"])
    assert_error(client.get("/plans/p1/appraisal", headers=viewer), 404, "not_found", "plan_id")
    put = client.put("/plans/p1/appraisal", json={**INPUTS, "note": "初审"}, headers={**planner, "If-Match": '"1"'})
    assert put.status_code == 200, put.text
    body = put.json()
    assert (body["verdict"], body["verdict_label"], body["plan_version"]) == ("recommend", "推荐", 2)
    fit = body["criteria"][0]
    assert (fit["criterion"], fit["label"], fit["value"]) == ("industry_fit", "产业方向契合度", 100)
    assert client.get("/plans/p1/appraisal", headers=viewer).json()["score"] == body["score"]
    events = client.get("/plans/p1/events", headers=viewer).json()["data"]
    assert events[-1]["action"] == "appraise" and events[-1]["changes"]["appraisal"][1]["verdict"] == "recommend"
    assert client.get("/plans/p1", headers=viewer).json()["version"] == 2


@pytest.mark.usefixtures("p1")
def test_appraisal_refusals(client: TestClient, keys: dict[str, str]) -> None:
    planner = auth(keys["planner"])
    assert_error(client.put("/plans/p1/appraisal", json=INPUTS, headers=auth(keys["viewer"])), 403)
    assert_error(client.put("/plans/p1/appraisal", json=INPUTS, headers=planner), 428, field="If-Match")
    assert_error(client.put("/plans/p1/appraisal", json={**INPUTS, "version": 5}, headers=planner), 409)
    bad = client.put("/plans/p1/appraisal", json={**INPUTS, "market_prospects": 8, "version": 1}, headers=planner)
    assert_error(bad, 422, "invalid_input", "market_prospects")
    assert_error(client.put("/plans/p1/appraisal", json={"colour": 1, "version": 1}, headers=planner), 422)
    assert_error(client.put("/plans/nope/appraisal", json={"version": 1}, headers=planner), 404)


@pytest.mark.usefixtures("p1")
def test_the_gate_over_http(client: TestClient, keys: dict[str, str]) -> None:
    planner = auth(keys["planner"])
    move = {"to_status": "signed_contract", "version": 1}
    refused = assert_error(client.post("/plans/p1/moves", json=move, headers=planner), 422, "appraisal_required",
                           "status")  # fmt: skip
    assert "needs an appraisal" in refused["message"]
    client.put("/plans/p1/appraisal", json={**INPUTS, "version": 1}, headers=planner)
    moved = client.post("/plans/p1/moves", json={**move, "version": 2}, headers=planner)
    assert moved.status_code == 200 and moved.json()["status"] == "signed_contract"


@pytest.mark.usefixtures("p1")
def test_park_matches_and_park_views(client: TestClient, keys: dict[str, str]) -> None:
    planner, viewer = auth(keys["planner"]), auth(keys["viewer"])
    client.put("/plans/p1/appraisal", json={**INPUTS, "version": 1}, headers=planner)
    found = client.get("/plans/p1/park-matches", headers=viewer).json()
    assert (found["land_mu"], found["floor_space_m2"]) == (50, 3000)
    [match] = found["matches"]  # 泉港 is not positioned for 化纤 nor its chain
    assert (match["park_id"], match["fits"], match["score"], match["region_name"]) == ("park-jj", True, 100, "晋江市")
    assert match["reasons"][0] == "园区定位含本项目环节：tex.fiber"
    too_big = client.get("/plans/p1/park-matches", params={"land_mu": 500}, headers=viewer).json()["matches"][0]
    assert not too_big["fits"] and "不足需求 500 亩" in too_big["reasons"][1]
    assert_error(client.get("/plans/p1/park-matches", params={"land_mu": -1}, headers=viewer), 422, field="land_mu")
    listed = client.get("/parks", headers=viewer).json()
    assert listed["count"] == 2 and listed["data"][0]["land"]["clearance_mu"] == 30
    assert [p["park_id"] for p in client.get("/parks", params={"region": "350505"}, headers=viewer).json()["data"]] == [
        "park-qg"
    ]
    client.patch("/plans/p1", json={"park_id": "park-jj", "version": 2}, headers=planner)
    view = client.get("/parks/park-jj", headers=viewer).json()
    assert [p["plan_id"] for p in view["plans"]["planned"]["plans"]] == ["p1"] and view["illustrative"]
    assert_error(client.get("/parks/nope", headers=viewer), 404, "not_found", "park_id")
    assert_error(
        client.patch("/plans/p1", json={"park_id": "nope", "version": 3}, headers=planner), 422, None, "park_id"
    )
    assert_error(client.get("/parks"), 401)
