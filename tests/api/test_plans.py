"""Targeting plans over HTTP: create (also from a candidate), list, If-Match edits, moves, events."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from chain_graph.store import Batch, EmbeddedStore
from tests.api.conftest import assert_error, auth, make_plan
from tests.factories import appraisal

NEW = {
    "company_id": "x-fiber",
    "chain_id": "tex",
    "segment_ids": ["tex.fiber"],
    "gap_type": "missing",
    "unit": "晋江市",
    "expected_investment_cny_100m": 30,
    "note": "首次录入",
}


@pytest.fixture
def planner(keys: dict[str, str]) -> dict[str, str]:
    return auth(keys["planner"])


def test_create_from_fields(client: TestClient, planner: dict[str, str]) -> None:
    response = client.post("/plans", json=NEW, headers=planner)
    assert response.status_code == 201
    plan = response.json()
    assert plan["status"] == "identified" and plan["version"] == 1 and plan["unit"] == "晋江市"
    assert response.headers["ETag"] == '"1"' and response.headers["Location"] == f"/plans/{plan['plan_id']}"
    assert "contacted" in plan["allowed_moves"] and plan["overdue"] is False
    events = client.get(f"/plans/{plan['plan_id']}/events", headers=planner).json()
    assert events["count"] == 1
    first = events["data"][0]
    assert (first["action"], first["actor"], first["note"]) == ("create", "planner 测试", "首次录入")
    assert first["changes"] == {"status": [None, "identified"]}


def test_create_from_a_candidate_prefills_the_rationale(client: TestClient, planner: dict[str, str]) -> None:
    body = {
        "from_candidate": {"chain_id": "tex", "company_id": "x-fiber", "segment_id": "tex.fiber"},
        "unit": "晋江市",
        "lead": "王科长",
    }
    response = client.post("/plans", json=body, headers=planner)
    assert response.status_code == 201, response.text
    plan = response.json()
    assert (plan["gap_type"], plan["segment_ids"], plan["lead"]) == ("missing", ["tex.fiber"], "王科长")
    assert set(plan["linked_company_ids"]) == {"anta", "frep"}
    for words in ("化纤", "安踏体育用品有限公司", "中国民营企业500强 2024 第80位", "候选得分"):
        assert words in plan["rationale"]


def test_create_from_a_candidate_that_is_not_one(client: TestClient, planner: dict[str, str]) -> None:
    body = {"from_candidate": {"chain_id": "tex", "company_id": "anta", "segment_id": "tex.fiber"}, "unit": "晋江市"}
    assert_error(client.post("/plans", json=body, headers=planner), 422, field="from_candidate.company_id")
    body["from_candidate"]["chain_id"] = "nope"
    assert_error(client.post("/plans", json=body, headers=planner), 404, "not_found")


def test_create_refusals(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    make_plan(world)
    assert_error(client.post("/plans", json={**NEW, "plan_id": "p1"}, headers=planner), 409, "conflict", "plan_id")
    assert_error(
        client.post("/plans", json={**NEW, "segment_ids": ["pc.pta"]}, headers=planner), 422, field="segment_ids"
    )
    assert_error(client.post("/plans", json={**NEW, "company_id": "nope"}, headers=planner), 422, "integrity")
    assert_error(client.post("/plans", json={**NEW, "color": "red"}, headers=planner), 422, field="color")
    assert_error(client.post("/plans", json={**NEW, "gap_type": "huge"}, headers=planner), 422, field="gap_type")


def test_get_sends_the_version_as_etag(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    make_plan(world)
    response = client.get("/plans/p1", headers=planner)
    assert response.headers["ETag"] == '"1"' and response.json()["plan_id"] == "p1"
    assert_error(client.get("/plans/nope", headers=planner), 404, "not_found")


def test_if_match_flow(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    make_plan(world)
    etag = client.get("/plans/p1", headers=planner).headers["ETag"]
    first = client.patch("/plans/p1", json={"lead": "王科长", "note": "换人"}, headers={**planner, "If-Match": etag})
    assert first.status_code == 200 and first.json()["version"] == 2 and first.headers["ETag"] == '"2"'
    # a second writer still holding version 1 is refused, and nothing is written
    stale = client.patch("/plans/p1", json={"lead": "李科长"}, headers={**planner, "If-Match": etag})
    assert_error(stale, 409, "conflict", "version")
    assert client.get("/plans/p1", headers=planner).json()["lead"] == "王科长"
    # the version may come in the body instead; a weak ETag form is accepted too
    assert client.patch("/plans/p1", json={"lead": "李科长", "version": 2}, headers=planner).json()["version"] == 3
    assert (
        client.patch("/plans/p1", json={"due_date": None}, headers={**planner, "If-Match": 'W/"3"'}).status_code == 200
    )
    events = client.get("/plans/p1/events", headers=planner).json()
    assert events["data"][1]["changes"] == {"lead": [None, "王科长"]} and events["data"][1]["note"] == "换人"


def test_edit_refusals(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    make_plan(world)
    response = client.patch("/plans/p1", json={"lead": "王"}, headers=planner)
    assert_error(response, 428, "precondition_required", field="If-Match")  # RFC 6585, not 422
    assert_error(
        client.patch("/plans/p1", json={"lead": "王", "version": 2}, headers={**planner, "If-Match": '"1"'}),
        422,
        field="version",
    )
    assert_error(
        client.patch("/plans/p1", json={"lead": "王"}, headers={**planner, "If-Match": "soon"}), 422, field="If-Match"
    )
    assert_error(
        client.patch("/plans/p1", json={"status": "signed_contract", "version": 1}, headers=planner),
        422,
        field="status",
    )
    assert_error(client.patch("/plans/p1", json={"unit": None, "version": 1}, headers=planner), 422, field="unit")
    assert_error(client.patch("/plans/nope", json={"lead": "王", "version": 1}, headers=planner), 404)


def test_moves(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    make_plan(world)
    world.apply(Batch(upserts=[appraisal("p1")]))  # the gate wants an appraisal before a formal contract
    moved = client.post(
        "/plans/p1/moves",
        json={"to_status": "signed_contract", "version": 1, "on": "2024-03-01", "note": "签约"},
        headers=planner,
    )
    assert moved.status_code == 200, moved.text
    plan = moved.json()
    assert (plan["status"], plan["contract_on"], plan["signed_on"]) == ("signed_contract", "2024-03-01", "2024-03-01")
    back = client.post("/plans/p1/moves", json={"to_status": "contacted", "version": 2}, headers=planner)
    assert_error(back, 422, "illegal_transition", "status")
    assert_error(client.post("/plans/p1/moves", json={"to_status": "started", "version": 1}, headers=planner), 409)
    assert_error(client.post("/plans/p1/moves", json={"to_status": "started"}, headers=planner), 428, field="If-Match")
    assert_error(
        client.post("/plans/p1/moves", json={"to_status": "flying", "version": 2}, headers=planner),
        422,
        field="to_status",
    )
    dropped = client.post("/plans/p1/moves", json={"to_status": "dropped"}, headers={**planner, "If-Match": '"2"'})
    assert dropped.json()["status"] == "dropped"
    reopened = client.post("/plans/p1/moves", json={"to_status": "negotiating", "version": 3}, headers=planner)
    assert reopened.json()["status"] == "negotiating"
    actions = [e["action"] for e in client.get("/plans/p1/events", headers=planner).json()["data"]]
    assert actions == ["create", "move", "drop", "reopen"]


def test_list_filters_overdue_and_pages(client: TestClient, world: EmbeddedStore, planner: dict[str, str]) -> None:
    past = dt.date.today() - dt.timedelta(days=3)
    make_plan(world, plan_id="p1", due_date=past)
    make_plan(world, plan_id="p2", unit="石狮市")
    make_plan(world, plan_id="p3", due_date=past - dt.timedelta(days=10), unit="石狮市")

    def ids(query: str) -> list[str]:
        body = client.get(f"/plans?{query}", headers=planner).json()
        return [p["plan_id"] for p in body["data"]]

    assert ids("") == ["p1", "p2", "p3"]
    assert ids("unit=石狮市") == ["p2", "p3"]
    assert ids("overdue=true") == ["p3", "p1"]  # most overdue first
    assert ids("overdue=true&unit=晋江市") == ["p1"]
    assert ids("status=contacted") == [] and ids("chain_id=tex&company_id=x-fiber") == ["p1", "p2", "p3"]
    page = client.get("/plans?limit=2&offset=1", headers=planner).json()
    assert page["count"] == 3 and [p["plan_id"] for p in page["data"]] == ["p2", "p3"]
    assert client.get("/plans?overdue=true", headers=planner).json()["data"][0]["overdue"] is True
    assert_error(client.get("/plans?status=flying", headers=planner), 422, field="status")
    assert_error(client.get("/plans/nope/events", headers=planner), 404)
