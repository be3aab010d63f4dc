"""A request reads the store's named revisions once, whatever it renders (issue 11).

Every GET route of the API is asked twice (cold, then cached): a route behind a key reads the
revisions exactly once (the key check and every service share :data:`api.deps.RevisionsDep`),
an open route (health, labels, the page) never. The routes come from the app itself (its
OpenAPI paths and its own routes), so a new GET route fails :func:`test_every_get_route_has_an_example`
until it is given an example below, and is then counted like the others.

Writes (POST/PUT/PATCH/DELETE) may read more: the key check reads the revisions once (the
dependency), and a write that recomputes after it writes (a plan from a candidate, an appraisal,
a signing, an adopted lead) reads them again through its service, since the write moved them.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.main import create_app
from chain_graph.config import StoreKind, get_settings
from chain_graph.store import Batch, EmbeddedStore
from tests.api.conftest import auth, make_plan
from tests.factories import park, park_plot

# Example requests of every GET route (templated path → concrete paths), over small_world plus the
# plan, park, appraisal, event, invitation, expansion and listing the ``full_world`` fixture adds.
EXAMPLES: dict[str, list[str]] = {
    "/": ["/"],
    "/docs": ["/docs"],
    "/openapi.json": ["/openapi.json"],
    "/healthz": ["/healthz"],
    "/readyz": ["/readyz"],
    "/labels": ["/labels"],
    "/me": ["/me"],
    "/keys": ["/keys"],
    "/chains": ["/chains"],
    "/chains/{chain_id}": ["/chains/tex"],
    "/chains/{chain_id}/graph": ["/chains/tex/graph", "/chains/tex/graph?companies=false"],
    "/chains/{chain_id}/gaps": ["/chains/tex/gaps", "/chains/tex/gaps?county=350582"],
    "/chains/{chain_id}/candidates": ["/chains/tex/candidates", "/chains/tex/candidates?segment_id=tex.fiber"],
    "/chains/{chain_id}/whatif/{company_id}": ["/chains/tex/whatif/x-fiber"],
    "/chains/{chain_id}/snapshots": ["/chains/tex/snapshots"],
    "/segments/{segment_id}": ["/segments/tex.fiber"],
    "/regions/counties": ["/regions/counties"],
    "/companies": ["/companies", "/companies?q=安踏"],
    "/companies/{company_id}": ["/companies/anta", "/companies/x-fiber"],
    "/companies/{company_id}/paths": ["/companies/x-fiber/paths"],
    "/plans": ["/plans", "/plans?overdue=true"],
    "/plans/{plan_id}": ["/plans/p1"],
    "/plans/{plan_id}/events": ["/plans/p1/events"],
    "/plans/{plan_id}/appraisal": ["/plans/p1/appraisal"],
    "/plans/{plan_id}/park-matches": ["/plans/p1/park-matches"],
    "/parks": ["/parks"],
    "/parks/{park_id}": ["/parks/park-jj"],
    "/leads": ["/leads", "/leads?leader=anta"],
    "/kpis": ["/kpis?year=2024", "/kpis?year=2026&month=2026-05"],
    "/chains/{chain_id}/gaps.xlsx": ["/chains/tex/gaps.xlsx", "/chains/tex/gaps.xlsx?county=350582"],
    "/chains/{chain_id}/candidates.xlsx": ["/chains/tex/candidates.xlsx"],
    "/plans.xlsx": ["/plans.xlsx"],
    "/kpis.xlsx": ["/kpis.xlsx?year=2024"],
    "/template.xlsx": ["/template.xlsx"],
    "/chains/{chain_id}/export.html": [
        "/chains/tex/export.html?candidates=true",
        "/chains/tex/export.html?county=350582",
    ],
    "/export/overview.html": ["/export/overview.html"],
    "/chains/{chain_id}/export.graphml": ["/chains/tex/export.graphml"],
    "/reports/monthly": ["/reports/monthly?year=2026&month=5&format=docx"],
    "/reports/quarterly": ["/reports/quarterly?year=2026&quarter=2&format=docx"],
    "/expansions": ["/expansions"],
    "/expansions/{expansion_id}": ["/expansions/e1"],
    "/chains/{chain_id}/growth": ["/chains/tex/growth"],
    "/listings": ["/listings"],
    "/listings/{company_id}": ["/listings/anta"],
    "/events": ["/events"],
    "/events/results": ["/events/results?start=2026-01-01&end=2026-12-31"],
    "/events/{event_id}": ["/events/ev-1"],
    "/events/{event_id}/targets": ["/events/ev-1/targets"],
    "/events/{event_id}/targets.xlsx": ["/events/ev-1/targets.xlsx"],
    "/events/{event_id}/invitations": ["/events/ev-1/invitations"],
    "/events/{event_id}/invitations/{company_id}": ["/events/ev-1/invitations/x-fiber"],
    "/events/{event_id}/report": ["/events/ev-1/report"],
}


def get_routes(app: FastAPI) -> dict[str, bool]:
    """Every GET route of ``app`` → whether it needs a key. The routers' routes come from the
    OpenAPI paths (FastAPI keeps included routers behind one entry of ``app.routes``), the page,
    the docs and the schema from ``app.routes`` itself."""
    found = {path: bool(ops["get"].get("security")) for path, ops in app.openapi()["paths"].items() if "get" in ops}
    for route in app.routes:
        if "GET" in (getattr(route, "methods", None) or ()):
            path = route.path  # type: ignore[attr-defined]
            keyed = isinstance(route, APIRoute) and found.get(path, False)
            found.setdefault(path, keyed)
    return found


def _app_routes() -> dict[str, bool]:
    # the routes do not depend on the store; this app is never started
    return get_routes(create_app(get_settings(store=StoreKind.EMBEDDED, home_region="350500")))


ROUTES = _app_routes()
# an open route reads no revision, but /readyz: its one cheap store call is the revisions read
OPEN_READS = {"/readyz": 1}
CASES = [(path, keyed) for template, keyed in sorted(ROUTES.items()) for path in EXAMPLES.get(template, [])]


def test_every_get_route_has_an_example() -> None:
    missing = sorted(set(ROUTES) - set(EXAMPLES))
    assert not missing, f"give these GET routes an example in EXAMPLES: {missing}"
    stale = sorted(set(EXAMPLES) - set(ROUTES))
    assert not stale, f"no such GET routes any more: {stale}"
    assert sum(ROUTES.values()) > 40, "the keyed routes were not found"


@pytest.fixture
def full_world(world: EmbeddedStore, client: TestClient, keys: dict[str, str]) -> EmbeddedStore:
    """small_world with a park and its plot, plan p1 (appraised), event ev-1 inviting x-fiber,
    expansion e1 and anta in the listing pipeline — written through the API as a planner would."""
    world.apply(Batch(upserts=[park(), park_plot()]))
    make_plan(world, expected_investment_cny_100m=3)
    planner = auth(keys["planner"])
    writes: list[tuple[str, str, dict[str, Any], dict[str, str]]] = [
        ("PUT", "/plans/p1/appraisal", {"version": 1, "technology_route": 4, "product_competitiveness": 4,
                                         "market_prospects": 4, "land_mu": 50}, {}),
        ("POST", "/events", {"event_id": "ev-1", "name": "专场招商推介会（示例）", "event_kind": "promotion",
                             "held_on": "2026-05-08", "host_unit": "泉州市商务局", "focus": ["长三角"]}, {}),
        ("POST", "/events/ev-1/invitations", {"company_id": "x-fiber", "on": "2026-04-20"}, {}),
        ("POST", "/expansions", {"expansion_id": "e1", "company_id": "anta", "chain_id": "tex",
                                 "name": "智能鞋厂扩产（示例）", "investment_cny_100m": 12.5}, {}),
        ("POST", "/listings", {"company_id": "anta", "chain_id": "tex", "tier": "reserve",
                               "tax_paid_cny_10k": 900}, {}),
    ]  # fmt: skip
    for method, path, body, headers in writes:
        response = client.request(method, path, json=body, headers={**planner, **headers})
        assert response.status_code in (200, 201), f"{method} {path}: {response.text}"
    return world


@pytest.fixture
def counted(full_world: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the store's revisions were read (one entry per read)."""
    reads: list[int] = []
    read = full_world.revisions

    def counting() -> Any:
        reads.append(1)
        return read()

    monkeypatch.setattr(full_world, "revisions", counting)
    return reads


@pytest.mark.parametrize(("path", "keyed"), CASES)
def test_a_request_reads_the_revisions_once(
    path: str, keyed: bool, client: TestClient, keys: dict[str, str], counted: list[int]
) -> None:
    expected = 1 if keyed else OPEN_READS.get(path, 0)
    for attempt in ("cold", "cached"):
        counted.clear()
        response = client.get(path, headers=auth(keys["admin"]))
        assert response.status_code == 200, f"{path}: {response.text[:500]}"
        assert len(counted) == expected, f"{path} ({attempt}) read the revisions {len(counted)} times"


# Every write of the API in an order that succeeds on ``full_world`` (method, path, body, role). A
# write reads the revisions once too: the key check's reading is handed to the services that
# compute before they write (a plan from a candidate, an appraisal's fit, a snapshot, an adopted
# lead, a signing that makes a plan from its best gap); the write itself then moves them.
WRITES: list[tuple[str, str, dict[str, Any], str]] = [
    ("POST", "/plans", {"plan_id": "p2", "company_id": "x-fiber", "chain_id": "tex", "segment_ids": ["tex.fiber"],
                        "gap_type": "missing", "unit": "晋江市"}, "planner"),
    ("POST", "/plans", {"plan_id": "p3", "unit": "晋江市",
                        "from_candidate": {"chain_id": "tex", "company_id": "x-fiber", "segment_id": "tex.fiber"}},
     "planner"),
    ("PATCH", "/plans/p2", {"version": 1, "unit": "石狮市"}, "planner"),
    ("POST", "/plans/p2/moves", {"version": 2, "to_status": "contacted"}, "planner"),
    ("PUT", "/plans/p2/appraisal", {"version": 3, "technology_route": 4, "product_competitiveness": 4,
                                     "market_prospects": 4}, "planner"),
    ("POST", "/chains/tex/snapshots", {}, "planner"),
    ("POST", "/leads/adopt", {"leader_id": "anta", "company_id": "x-fiber", "unit": "晋江市"}, "planner"),
    ("POST", "/events", {"event_id": "ev-2", "name": "推介会（示例）", "event_kind": "promotion",
                         "held_on": "2026-05-08", "host_unit": "泉州市商务局"}, "planner"),
    ("PATCH", "/events/ev-2", {"version": 1, "name": "推介会二（示例）"}, "planner"),
    ("PUT", "/events/ev-1/targets/anta", {"action": "added"}, "planner"),
    ("DELETE", "/events/ev-1/targets/anta", {}, "planner"),
    ("POST", "/events/ev-1/invitations/x-fiber/moves", {"version": 1, "to_status": "confirmed"}, "planner"),
    ("POST", "/events/ev-1/invitations/x-fiber/moves", {"version": 2, "to_status": "attended"}, "planner"),
    # no open plan left for x-fiber: the signing makes one from its best gap in the event's targets
    ("POST", "/plans/p1/moves", {"version": 2, "to_status": "dropped"}, "planner"),
    ("POST", "/plans/p2/moves", {"version": 4, "to_status": "dropped"}, "planner"),
    ("POST", "/plans/p3/moves", {"version": 1, "to_status": "dropped"}, "planner"),
    ("POST", "{adopted}/moves", {"version": 1, "to_status": "dropped"}, "planner"),
    ("POST", "/events/ev-1/invitations/x-fiber/sign", {"version": 3, "amount_cny_100m": 2}, "planner"),
    ("PATCH", "/expansions/e1", {"version": 1, "investment_cny_100m": 13}, "planner"),
    ("POST", "/expansions/e1/moves", {"version": 2, "to_status": "approved", "on": "2026-01-02"}, "planner"),
    ("PATCH", "/listings/anta", {"version": 1, "tax_paid_cny_10k": 950}, "planner"),
    ("POST", "/listings/anta/moves", {"version": 2, "to_stage": "tutoring", "on": "2026-01-02"}, "planner"),
    ("POST", "/keys", {"role": "viewer", "name": "读者（示例）"}, "admin"),
]  # fmt: skip


def test_a_write_reads_the_revisions_once(client: TestClient, keys: dict[str, str], counted: list[int]) -> None:
    made: dict[str, str] = {}  # the adopted lead's plan, by its Location
    for method, template, body, role in WRITES:
        path = template.format(**made)
        counted.clear()
        response = client.request(method, path, json=body or None, headers=auth(keys[role]))
        assert response.status_code in (200, 201, 204), f"{method} {path}: {response.text[:500]}"
        assert len(counted) == 1, f"{method} {path} read the revisions {len(counted)} times"
        if path == "/leads/adopt":
            made["adopted"] = response.headers["Location"]
    signed = client.get("/events/ev-1/invitations/x-fiber", headers=auth(keys["viewer"])).json()
    earlier = {"/plans/p1", "/plans/p2", "/plans/p3", made["adopted"]}
    assert f"/plans/{signed['plan_id']}" not in earlier, "the signing should have made a new plan from its gap"
