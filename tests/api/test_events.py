"""HTTP /events on the seed data: create, target list (JSON and Excel), hand changes, invitations
by the table, a signing that puts a plan on the board, the report, the results, the KPIs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chain_graph.config import Settings
from chain_graph.models import Kind, Region
from chain_graph.store import EmbeddedStore
from tests.analysis.seed import load_seed
from tests.api.conftest import assert_error, auth

GBA = {"name": "粤港澳大湾区专场招商推介会", "event_kind": "promotion", "held_on": "2026-05-08",
       "host_unit": "泉州市商务局", "focus": ["粤港澳大湾区"], "event_id": "ev-gba"}  # fmt: skip


@pytest.fixture
def world(settings: Settings) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(settings.data_dir)
    load_seed(store)
    yield store
    store.close()


@pytest.fixture
def event(client: TestClient, keys: dict[str, str]) -> dict[str, Any]:
    response = client.post("/events", json=GBA, headers=auth(keys["planner"]))
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "/events/ev-gba" and response.headers["ETag"] == '"1"'
    return response.json()  # type: ignore[no-any-return]


def test_create_list_get_and_edit_an_event(client: TestClient, keys: dict[str, str], event: dict[str, Any]) -> None:
    assert event["focus"] == ["gba"] and event["focus_labels"] == {"gba": "粤港澳大湾区"}
    assert_error(client.post("/events", json=GBA, headers=auth(keys["viewer"])), 403)
    assert_error(client.post("/events", json=GBA, headers=auth(keys["planner"])), 409, "conflict", "event_id")
    listed = client.get("/events", params={"year": 2026}, headers=auth(keys["viewer"])).json()
    assert listed["count"] == 1 and listed["data"][0]["name"] == GBA["name"]
    edit = {"held_on": "2026-06-01"}
    assert_error(client.patch("/events/ev-gba", json=edit, headers=auth(keys["planner"])), 428, field="If-Match")
    done = client.patch("/events/ev-gba", json=edit, headers={**auth(keys["planner"]), "If-Match": '"1"'})
    assert done.status_code == 200 and done.json()["version"] == 2 and done.headers["ETag"] == '"2"'
    stale = client.patch("/events/ev-gba", json=edit, headers={**auth(keys["planner"]), "If-Match": '"1"'})
    assert_error(stale, 409, "conflict", "version")
    assert_error(client.get("/events/nope", headers=auth(keys["viewer"])), 404, "not_found", "event_id")


def test_bad_events_are_refused_naming_the_field(client: TestClient, keys: dict[str, str]) -> None:
    bad_focus = client.post("/events", json={**GBA, "focus": ["亚洲"]}, headers=auth(keys["planner"]))
    assert "not a focus" in assert_error(bad_focus, 422, "invalid_input", "focus")["message"]
    bad_chain = client.post("/events", json={**GBA, "chain_ids": ["nope"]}, headers=auth(keys["planner"]))
    assert_error(bad_chain, 422, "invalid_input", "chain_ids")
    assert_error(client.post("/events", json={**GBA, "event_kind": "party"}, headers=auth(keys["planner"])), 422,
                 field="event_kind")  # fmt: skip
    assert client.get("/events", headers=auth(keys["viewer"])).json()["count"] == 0


def test_targets_are_in_focus_and_one_row_per_firm(
    client: TestClient, keys: dict[str, str], world: EmbeddedStore, event: dict[str, Any]
) -> None:
    body = client.get("/events/ev-gba/targets", params={"limit": 500}, headers=auth(keys["viewer"])).json()
    parents = {r.region_id: r.parent_id for r in world.list(Kind.REGION).items if isinstance(r, Region)}
    assert body["count"] == len(body["data"]) >= 5
    for row in body["data"]:
        region, lineage = row["region"], set()
        while region is not None:
            lineage.add(region)
            region = parents.get(region)
        assert lineage & {"440000", "810000", "820000"} and row["gaps"], row
    assert len({r["company_id"] for r in body["data"]}) == body["count"]
    page = client.get("/events/ev-gba/targets", params={"limit": 2, "offset": 1}, headers=auth(keys["viewer"])).json()
    assert [r["company_id"] for r in page["data"]] == [r["company_id"] for r in body["data"][1:3]]
    xlsx = client.get("/events/ev-gba/targets.xlsx", headers=auth(keys["viewer"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK" and "filename*=UTF-8''" in xlsx.headers[
        "Content-Disposition"]  # fmt: skip


def test_hand_changes(client: TestClient, keys: dict[str, str], event: dict[str, Any]) -> None:
    first = client.get("/events/ev-gba/targets", headers=auth(keys["viewer"])).json()["data"][0]["company_id"]
    put = client.put(f"/events/ev-gba/targets/{first}", json={"action": "removed"}, headers=auth(keys["planner"]))
    assert put.status_code == 200 and put.json()["action"] == "removed"
    after = client.get("/events/ev-gba/targets", headers=auth(keys["viewer"])).json()
    assert first not in [r["company_id"] for r in after["data"]] and after["removed"] == [first]
    assert client.delete(f"/events/ev-gba/targets/{first}", headers=auth(keys["planner"])).status_code == 204
    assert_error(client.delete(f"/events/ev-gba/targets/{first}", headers=auth(keys["planner"])), 404)
    bad = client.put("/events/ev-gba/targets/nobody", json={"action": "added"}, headers=auth(keys["planner"]))
    assert_error(bad, 404, "not_found", "company_id")
    assert_error(client.put(f"/events/ev-gba/targets/{first}", json={"action": "maybe"},
                            headers=auth(keys["planner"])), 422, field="action")  # fmt: skip


def test_invite_two_firms_sign_one_and_a_plan_is_on_the_board(
    client: TestClient, keys: dict[str, str], event: dict[str, Any]
) -> None:
    planner = auth(keys["planner"])
    rows = client.get("/events/ev-gba/targets", headers=auth(keys["viewer"])).json()["data"]
    a, b = rows[0]["company_id"], rows[1]["company_id"]
    for firm in (a, b):
        made = client.post("/events/ev-gba/invitations", json={"company_id": firm}, headers=planner)
        assert made.status_code == 201 and made.json()["status"] == "invited" and made.headers["ETag"] == '"1"'
    again = client.post("/events/ev-gba/invitations", json={"company_id": a}, headers=planner)
    assert_error(again, 409, "conflict", "company_id")
    move = f"/events/ev-gba/invitations/{a}/moves"
    illegal = client.post(move, json={"to_status": "attended", "version": 1}, headers=planner)
    assert_error(illegal, 422, "illegal_transition", "status")
    assert_error(client.post(move, json={"to_status": "confirmed"}, headers=planner), 428, field="If-Match")
    assert client.post(move, json={"to_status": "confirmed", "version": 1}, headers=planner).json()["version"] == 2
    assert_error(client.post(move, json={"to_status": "attended", "version": 1}, headers=planner), 409, field="version")
    assert client.post(move, json={"to_status": "attended", "version": 2}, headers=planner).status_code == 200
    via_move = client.post(move, json={"to_status": "signed_at_event", "version": 3}, headers=planner)
    assert_error(via_move, 422, field="status")
    signed = client.post(f"/events/ev-gba/invitations/{a}/sign", json={"version": 3, "amount_cny_100m": 15},
                         headers=planner)  # fmt: skip
    assert signed.status_code == 200, signed.text
    plan = signed.json()["plan"]
    assert signed.json()["invitation"]["status"] == "signed_at_event" and plan["status"] == "signed_framework"
    board = client.get("/plans", params={"company_id": a}, headers=auth(keys["viewer"])).json()
    assert [p["plan_id"] for p in board["data"]] == [plan["plan_id"]]
    history = client.get(f"/plans/{plan['plan_id']}/events", headers=auth(keys["viewer"])).json()["data"]
    assert "粤港澳大湾区专场招商推介会" in history[0]["note"]
    listed = client.get("/events/ev-gba/invitations", headers=auth(keys["viewer"])).json()
    assert {i["company_id"]: i["status"] for i in listed["data"]} == {a: "signed_at_event", b: "invited"}
    report = client.get("/events/ev-gba/report", headers=auth(keys["viewer"])).json()
    assert (report["invited"], report["attended"], report["signed"], report["signed_amount_cny_100m"]) == (2, 1, 1, 15)
    assert report["start_rate"] == 0.0 and report["signed_plans"] == [plan["plan_id"]]
    results = client.get("/events/results", params={"start": "2026-01-01", "end": "2026-12-31"},
                         headers=auth(keys["viewer"])).json()  # fmt: skip
    assert (results["events"], results["invited"], results["signed"]) == (1, 2, 1)
    kpis = client.get("/kpis", params={"year": 2026}, headers=auth(keys["viewer"])).json()
    assert kpis["events"]["signed"] == 1 and kpis["events"]["signed_amount_cny_100m"] == 15
    backwards = client.get("/events/results", params={"start": "2026-12-31", "end": "2026-01-01"},
                           headers=auth(keys["viewer"]))  # fmt: skip
    assert_error(backwards, 422, field="end")
