"""Chains, segments, counties, companies and the graph: what the page reads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chain_graph.models import Company
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth


@pytest.fixture
def viewer(keys: dict[str, str]) -> dict[str, str]:
    return auth(keys["viewer"])


def test_chains_list_counts_segments_and_firms(client: TestClient, viewer: dict[str, str]) -> None:
    response = client.get("/chains", headers=viewer)
    assert response.status_code == 200
    assert "纺织鞋服" in response.text  # real characters, not \u escapes
    body = response.json()
    assert body["count"] == 2
    tex = next(c for c in body["data"] if c["chain_id"] == "tex")
    assert (tex["segments"], tex["companies"], tex["local_firms"]) == (4, 2, 1)


def test_chains_list_pages_with_the_total(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/chains?offset=1&limit=1", headers=viewer).json()
    assert body["count"] == 2 and [c["chain_id"] for c in body["data"]] == ["tex"]
    assert client.get("/chains?offset=5", headers=viewer).json() == {"data": [], "count": 2}


def test_chain_detail_lists_segments_in_stage_order_with_status(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/chains/tex", headers=viewer).json()
    assert [s["segment_id"] for s in body["segments"]] == ["tex.fiber", "tex.dye", "tex.weave", "tex.shoe"]
    shoe = body["segments"][-1]
    assert shoe["stage"] == "downstream" and shoe["status"] == "strong" and shoe["local_count"] == 1
    assert body["segments"][1]["parent_id"] == "tex.weave"
    assert 0 < body["completeness"] < 1


def test_segment_detail_lists_local_and_external_firms(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/segments/tex.fiber", headers=viewer).json()
    assert body["chain_name"] == "纺织鞋服" and body["status"] == "missing"
    assert (body["local_count"], body["external_count"]) == (0, 1)
    assert body["firms"][0]["company_id"] == "x-fiber" and body["firms"][0]["local"] is False
    assert body["fed_by"] == ["pc.pta"] and body["feeds"] == ["tex.weave"]
    shoe = client.get("/segments/tex.shoe", headers=viewer).json()
    assert shoe["firms"][0] | {"local": True, "county": "350582", "county_name": "晋江市"} == shoe["firms"][0]
    assert_error(client.get("/segments/nope", headers=viewer), 404, "not_found")


def test_counties_of_the_home_region(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/regions/counties", headers=viewer).json()
    assert body == {
        "data": [
            {"region_id": "350505", "name": "泉港区", "level": "district"},
            {"region_id": "350582", "name": "晋江市", "level": "county"},
        ],
        "count": 2,
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("安踏体育用品有限公司", "anta"),  # full name
        ("联合石化", "frep"),  # short name
        ("ANTA", "anta"),  # alias
        ("anta", "anta"),  # any case
        ("91310115MA1K3BTP2B", "x-fiber"),  # USCC
        ("示例化纖", "x-fiber"),  # traditional input, simplified data
        ("聯合石油", "frep"),
    ],
)
def test_company_search(client: TestClient, viewer: dict[str, str], q: str, expected: str) -> None:
    body = client.get("/companies", params={"q": q}, headers=viewer).json()
    assert body["count"] >= 1
    assert body["data"][0]["company_id"] == expected


def test_company_search_finds_traditional_data_from_simplified_input(
    client: TestClient, world: EmbeddedStore, viewer: dict[str, str]
) -> None:
    world.upsert(Company(company_id="tsmc", name="台灣積體電路製造股份有限公司", aliases="台積電|TSMC", country="TW"))
    body = client.get("/companies", params={"q": "台积电"}, headers=viewer).json()
    assert [c["company_id"] for c in body["data"]] == ["tsmc"]


def test_company_search_ranks_exact_matches_first_and_pages(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/companies", params={"q": "有限公司", "limit": 1}, headers=viewer).json()
    assert body["count"] == 3 and len(body["data"]) == 1
    everyone = client.get("/companies", headers=viewer).json()
    assert everyone["count"] == 3 and [c["company_id"] for c in everyone["data"]] == ["anta", "frep", "x-fiber"]
    assert client.get("/companies", params={"q": "没有这家"}, headers=viewer).json() == {"data": [], "count": 0}


def test_company_detail_has_locality_segments_ties_and_rankings(client: TestClient, viewer: dict[str, str]) -> None:
    body = client.get("/companies/x-fiber", headers=viewer).json()
    assert body["local"] is False and body["region_name"] == "浙江省"
    assert body["segments"] == [
        {
            "segment_id": "tex.fiber",
            "segment_name": "化纤",
            "chain_id": "tex",
            "stage": "upstream",
            "role": "core",
            "share": 0.7,
            "source": None,
            "as_of": None,
        }
    ]
    ties = {(t["company_id"], t["direction"]) for t in body["ties"]}
    assert ties == {("anta", "supplies_to"), ("frep", "buys_from")}
    assert all(t["local"] for t in body["ties"])
    assert [(r["list_id"], r["year"]) for r in body["rankings"]] == [
        ("china-500", 2024),
        ("china-private-500", 2024),
        ("china-private-500", 2023),
    ]
    anta = client.get("/companies/anta", headers=viewer).json()
    assert (anta["local"], anta["county"], anta["county_name"]) == (True, "350582", "晋江市")
    assert_error(client.get("/companies/nope", headers=viewer), 404, "not_found")


def test_graph_for_vis_network(client: TestClient, viewer: dict[str, str]) -> None:
    response = client.get("/chains/tex/graph", headers=viewer)
    body = response.json()
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["segment:tex.fiber"]["status"] == "missing" and nodes["segment:tex.fiber"]["group"] == "missing"
    assert nodes["segment:pc.pta"]["group"] == "other_chain"
    anta = nodes["company:anta"]
    assert anta["group"] == "local" and anta["label"] == "安踏"
    assert "来源 source: test" in anta["title"] and "2024-09-12" in anta["title"]
    edges = {(e["from"], e["to"], e["type"]) for e in body["edges"]}
    assert ("segment:pc.pta", "segment:tex.fiber", "FEEDS") in edges
    assert ("company:x-fiber", "company:anta", "SUPPLIES") in edges
    assert ("segment:tex.dye", "segment:tex.weave", "SUB_OF") in edges
    assert ("segment:tex.dye", "chain:tex", "PART_OF") not in edges  # sub-segments hang under their parent
    assert all(e["from"] in nodes and e["to"] in nodes for e in body["edges"])
    bare = client.get("/chains/tex/graph?companies=false", headers=viewer).json()
    assert not any(n["kind"] == "company" for n in bare["nodes"])
    assert_error(client.get("/chains/nope/graph", headers=viewer), 404, "not_found", "chain_id")


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["store"] == "embedded"


def test_me_names_the_calling_key(client: TestClient, keys: dict[str, str]) -> None:
    body = client.get("/me", headers=auth(keys["viewer"])).json()
    assert (
        body["role"] == "viewer"
        and body["name"] == "viewer 测试"
        and keys["viewer"].startswith(f"cgk_{body['key_id']}_")
    )


def test_docs_work_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    js = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    schema = client.get("/openapi.json").json()
    assert "招商一张图" in schema["info"]["title"] and "/chains/{chain_id}/gaps" in schema["paths"]


def test_the_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_labels_are_served_open_with_real_characters(client: TestClient) -> None:
    from chain_graph.labels import as_json

    response = client.get("/labels", headers={"X-API-Key": ""})
    assert response.status_code == 200
    assert response.json() == as_json()
    assert "已接洽".encode() in response.content  # real characters, not \\u escapes
