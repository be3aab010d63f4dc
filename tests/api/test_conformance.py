"""HTTP conformance (issue 10, item 12): 428 for a missing If-Match, a full ``Allow`` on 405,
every error documented, a strict Content-Security-Policy on the page; and item 11's docs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth, make_plan


def test_a_write_without_a_version_is_428_documented(client: TestClient, world: EmbeddedStore, keys: dict) -> None:
    make_plan(world)
    planner = auth(keys["planner"])

    assert_error(client.patch("/plans/p1", json={"lead": "王"}, headers=planner), 428, "precondition_required")
    moved = client.post("/plans/p1/moves", json={"to_status": "contacted"}, headers=planner)
    assert_error(moved, 428, field="If-Match")
    paths = client.get("/openapi.json").json()["paths"]
    assert "428" in paths["/plans/{plan_id}"]["patch"]["responses"]
    assert "428" in paths["/plans/{plan_id}/moves"]["post"]["responses"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("PUT", "/plans", "GET, POST"), ("DELETE", "/plans/p1", "GET, PATCH"), ("PUT", "/keys", "GET, POST"),
     ("POST", "/chains/tex", "GET"), ("GET", "/keys/k1", "DELETE")],
)  # fmt: skip
def test_405_allows_every_method_of_the_path(
    client: TestClient, keys: dict, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path, headers=auth(keys["admin"]))

    assert_error(response, 405, "method_not_allowed")
    shown = {m.strip() for m in response.headers["Allow"].split(",")} - {"HEAD"}
    assert shown == set(allowed.split(", "))


def test_every_operation_documents_its_errors(client: TestClient) -> None:
    """whatif on a company outside the chain: 404 / 422 are listed, as on every read."""
    spec = client.get("/openapi.json").json()
    whatif = spec["paths"]["/chains/{chain_id}/whatif/{company_id}"]["get"]["responses"]
    assert {"404", "422"} <= set(whatif)


@pytest.mark.parametrize(
    "path", ["/", "/static/main.js", "/static/app.css", "/static/vendor/vis-network/vis-network.min.js"]
)
def test_the_page_has_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";") if part.strip()
    )
    assert policy["script-src"] == "'self'"  # no inline script, no eval: a stored name cannot run
    assert policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_page_has_no_inline_script() -> None:
    from api.main import STATIC_DIR

    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and " on" + "click=" not in page


def test_revocation_is_described_as_immediate_on_both_stores(client: TestClient) -> None:
    text = client.get("/openapi.json").json()["paths"]["/keys/{key_id}"]["delete"]["description"]
    assert "within 5 s" not in text and "at once" in text


def test_api_docs_cite_no_missing_design_document(client: TestClient) -> None:
    assert "DESIGN.md" not in client.get("/openapi.json").text
