"""Expansion projects and the listing pipeline over HTTP: create, list, get, edit, moves, the growing
strong-chain firms and the growth KPIs; refusals in the one error shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_error, auth

PROJECT = {"company_id": "anta", "chain_id": "tex", "name": "智能鞋厂扩产", "investment_cny_100m": 12.5,
           "key_list": "provincial", "key_list_year": 2025}  # fmt: skip


@pytest.fixture
def planner(keys: dict[str, str]) -> dict[str, str]:
    return auth(keys["planner"])


def test_expansion_through_its_life(client: TestClient, planner: dict[str, str]) -> None:
    created = client.post("/expansions", json={**PROJECT, "expansion_id": "e1"}, headers=planner)
    assert created.status_code == 201, created.text
    assert created.headers["Location"] == "/expansions/e1" and created.headers["ETag"] == '"1"'
    body = created.json()
    assert (body["status"], body["status_label"], body["company_name"]) == ("planned", "谋划中", "安踏")
    assert body["allowed_moves"] == ["approved", "cancelled"]

    skipped = client.post("/expansions/e1/moves", json={"to_status": "in_production", "version": 1}, headers=planner)
    assert_error(skipped, 422, code="illegal_transition", field="status")
    moved = client.post("/expansions/e1/moves", json={"to_status": "approved", "on": "2025-02-01"},
                        headers={**planner, "If-Match": '"1"'})  # fmt: skip
    assert moved.status_code == 200 and moved.json()["approved_on"] == "2025-02-01" and moved.json()["version"] == 2
    stale = client.patch("/expansions/e1", json={"version": 1, "investment_cny_100m": 15}, headers=planner)
    assert_error(stale, 409, field="version")
    assert_error(client.patch("/expansions/e1", json={"investment_cny_100m": 15}, headers=planner), 428)
    edited = client.patch("/expansions/e1", json={"version": 2, "investment_cny_100m": 15}, headers=planner)
    assert edited.json()["investment_cny_100m"] == 15 and edited.json()["version"] == 3

    listed = client.get("/expansions", params={"chain_id": "tex", "status": "approved"}, headers=planner).json()
    assert [p["expansion_id"] for p in listed["data"]] == ["e1"] and listed["count"] == 1
    assert client.get("/expansions", params={"status": "planned"}, headers=planner).json()["count"] == 0


def test_expansion_refusals_name_the_field(client: TestClient, planner: dict[str, str], keys: dict[str, str]) -> None:
    assert_error(client.post("/expansions", json={**PROJECT, "company_id": "nobody"}, headers=planner), 404)
    assert_error(client.post("/expansions", json={**PROJECT, "investment_cny_100m": -1}, headers=planner), 422,
                 field="investment_cny_100m")  # fmt: skip
    assert_error(client.post("/expansions", json={**PROJECT, "status": "done"}, headers=planner), 422, field="status")
    assert_error(client.post("/expansions", json=PROJECT, headers=auth(keys["viewer"])), 403)
    client.post("/expansions", json={**PROJECT, "expansion_id": "e1"}, headers=planner)
    assert_error(client.post("/expansions", json={**PROJECT, "expansion_id": "e1"}, headers=planner), 409)
    assert_error(client.patch("/expansions/e1", json={"version": 1, "status": "approved"}, headers=planner), 422,
                 field="status")  # fmt: skip
    assert_error(client.get("/expansions/nope", headers=planner), 404)


def test_listing_pipeline_and_growth(client: TestClient, planner: dict[str, str]) -> None:
    low = {"company_id": "anta", "chain_id": "tex", "tier": "reserve", "tax_paid_cny_10k": 300}
    assert_error(client.post("/listings", json=low, headers=planner), 422, field="tax_paid_cny_10k")
    created = client.post("/listings", json={**low, "tax_paid_cny_10k": 900}, headers=planner)
    assert created.status_code == 201 and created.json()["stage_label"] == "培育"
    assert_error(client.post("/listings", json={**low, "tax_paid_cny_10k": 900}, headers=planner), 409)
    jump = client.post("/listings/anta/moves", json={"to_stage": "listed", "version": 1}, headers=planner)
    assert_error(jump, 422, code="illegal_transition", field="stage")
    step = client.post("/listings/anta/moves", json={"to_stage": "tutoring", "version": 1}, headers=planner)
    assert step.json()["stage"] == "tutoring" and step.json()["tutoring_on"] is not None
    assert client.get("/listings", params={"stage": "tutoring"}, headers=planner).json()["count"] == 1

    client.post("/expansions", json=PROJECT, headers=planner)
    growing = client.get("/chains/tex/growth", headers=planner).json()
    assert [f["company_id"] for f in growing["data"]] == ["anta"]  # the leading firm of the strong 运动鞋服
    firm = growing["data"][0]
    assert firm["investment_cny_100m"] == 12.5 and firm["listing"]["tier"] == "reserve"
    kpis = client.get("/kpis", params={"year": 2025}, headers=planner).json()["growth"]
    assert kpis["expansions"]["key_lists_in_year"]["provincial"] == {"projects": 1, "investment_cny_100m": 12.5}
    assert kpis["listings"]["by_stage"]["tutoring"] == 1 and kpis["listings"]["tax_paid_cny_10k"] == 900
    assert_error(client.get("/chains/nope/growth", headers=planner), 404)
