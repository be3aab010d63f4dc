"""Gaps, candidates, what-if, snapshots and KPIs over HTTP, and their per-revision cache."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chain_graph.appraisal import GATE_OFF
from chain_graph.models import CompanySegment
from chain_graph.plans import move_plan
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth, make_plan


@pytest.fixture
def viewer(keys: dict[str, str]) -> dict[str, str]:
    return auth(keys["viewer"])


def test_gaps_report(client: TestClient, viewer: dict[str, str]) -> None:
    response = client.get("/chains/tex/gaps", headers=viewer)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert "纺织鞋服" in response.text and "无本地企业" in response.text
    body = response.json()
    assert {"chain_id", "segments", "extensions", "supply_dependency", "fragile", "completeness", "by_county"} <= set(
        body
    )
    statuses = {s["segment_id"]: s["status"] for s in body["segments"]}
    assert statuses == {"tex.fiber": "missing", "tex.dye": "missing", "tex.weave": "missing", "tex.shoe": "strong"}
    assert [c["county_id"] for c in body["by_county"]] == ["350505", "350582"]
    assert body["county"] is None


def test_gaps_for_one_county(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/chains/tex/gaps?county=350505", headers=viewer).json()
    assert body["county"]["county_id"] == "350505"
    assert all(s["status"] == "missing" for s in body["county"]["segments"])  # 泉港 has no textile firm
    assert_error(client.get("/chains/tex/gaps?county=330000", headers=viewer), 422, field="county")
    assert_error(client.get("/chains/nope/gaps", headers=viewer), 404, "not_found", "chain_id")


def test_gaps_are_cached_per_revision_and_recomputed_after_a_write(
    client: TestClient, app: FastAPI, world: EmbeddedStore, viewer: dict[str, str]
) -> None:
    first = client.get("/chains/tex/gaps", headers=viewer).content
    hits = app.state.cache.hits
    assert client.get("/chains/tex/gaps", headers=viewer).content == first
    assert app.state.cache.hits > hits
    world.upsert(CompanySegment(company_id="frep", segment_id="tex.fiber", role="leading"))  # a local firm arrives
    after = client.get("/chains/tex/gaps", headers=viewer).json()
    assert {s["segment_id"]: s["status"] for s in after["segments"]}["tex.fiber"] == "strong"


def test_candidates_with_score_parts_and_filters(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/chains/tex/candidates", headers=viewer).json()
    assert body["count"] == 1
    cand = body["data"][0]
    assert (cand["company_id"], cand["segment_id"], cand["status"]) == ("x-fiber", "tex.fiber", "missing")
    assert set(cand["parts"]) >= {"list_tier", "supply_ties", "plan_exists"}
    assert abs(sum(p["contribution"] for p in cand["parts"].values()) - cand["score"]) < 0.05

    def count(query: str) -> int:
        return client.get(f"/chains/tex/candidates?{query}", headers=viewer).json()["count"]

    assert count("list=china-500") == 1 and count("list=fortune-global-500") == 0
    assert count("list=fortune-global-500&list=china-private-500") == 1
    assert count("country=cn") == 1 and count("country=US") == 0
    assert count("min_score=99") == 0 and count("segment_id=tex.fiber") == 1
    assert client.get("/chains/tex/candidates?limit=1&offset=1", headers=viewer).json() == {"data": [], "count": 1}
    assert_error(client.get("/chains/tex/candidates?list=top-10", headers=viewer), 422, field="list")
    assert_error(client.get("/chains/tex/candidates?min_score=101", headers=viewer), 422, field="min_score")
    assert_error(client.get("/chains/tex/candidates?segment_id=nope", headers=viewer), 404, field="segment_id")


def test_candidates_note_an_existing_plan(client: TestClient, world: EmbeddedStore, viewer: dict[str, str]) -> None:
    make_plan(world)
    cand = client.get("/chains/tex/candidates", headers=viewer).json()["data"][0]
    assert cand["plan"]["plan_id"] == "p1" and cand["parts"]["plan_exists"]["value"] == 1


def test_what_if(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/chains/tex/whatif/x-fiber", headers=viewer).json()
    assert body["segments"][0] | {"segment_id": "tex.fiber", "before": "missing", "closes": True} == body["segments"][0]
    assert body["completeness_after"] > body["completeness_before"]
    assert_error(client.get("/chains/tex/whatif/nope", headers=viewer), 404, field="company_id")
    assert_error(client.get("/chains/tex/whatif/frep", headers=viewer), 422, field="company_id")  # no tex segment


def test_snapshots_record_today_and_list(client: TestClient, keys: dict[str, str], viewer: dict[str, str]) -> None:
    made = client.post("/chains/tex/snapshots", headers=auth(keys["planner"]))
    assert made.status_code == 201
    snap = made.json()
    assert snap["on"] == dt.date.today().isoformat() and snap["segments"] == 4 and snap["missing"] == 3
    again = client.post("/chains/tex/snapshots", headers=auth(keys["planner"]))
    assert again.status_code == 201
    listed = client.get("/chains/tex/snapshots", headers=viewer).json()
    assert listed["count"] == 1 and listed["data"][0]["completeness"] == snap["completeness"]
    assert_error(client.post("/chains/nope/snapshots", headers=auth(keys["planner"])), 404)
    assert_error(client.get("/chains/nope/snapshots", headers=viewer), 404)


def test_kpis(client: TestClient, world: EmbeddedStore, viewer: dict[str, str]) -> None:
    plan = make_plan(world, expected_investment_cny_100m=50)
    move_plan(
        world, plan.plan_id, version=1, to_status="signed_contract", actor="t", on=dt.date(2023, 5, 1), gate=GATE_OFF
    )
    body = client.get("/kpis?year=2023", headers=viewer).json()
    assert body["signed_investment"]["amount_cny_100m"] == 50 and body["signed_investment"]["target_cny_100m"] == 10000
    rate = next(r for r in body["start_rates"] if r["year"] == 2023)
    assert (rate["contracted"], rate["started"], rate["goal"]) == (1, 0, 0.4)
    assert body["unit_ranking"][0]["unit"] == "晋江市"
    coverage = {c["list_id"]: c for c in body["list_coverage"]}
    assert coverage["china-500"]["targeted"] == 1 and coverage["china-500"]["signed"] == 1
    assert client.get("/kpis?year=2023&month=2023-05", headers=viewer).json()["month"] == "2023-05"
    assert_error(client.get("/kpis?month=2023-13", headers=viewer), 422, field="month")
    assert_error(client.get("/kpis?year=1800", headers=viewer), 422, field="year")
