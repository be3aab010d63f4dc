"""The graph API carries the map's positions, laid out by the one rule (chain_graph.layout): the
page draws them and has no layout rule of its own."""

from __future__ import annotations

from fastapi.testclient import TestClient

from chain_graph.layout import MAP_GRID, map_positions
from tests.api.conftest import auth


def test_the_graph_api_carries_the_rules_positions(client: TestClient, keys: dict[str, str]) -> None:
    graph = client.get("/chains/tex/graph?companies=false", headers=auth(keys["viewer"])).json()
    segments = [n for n in graph["nodes"] if n["kind"] == "segment"]
    own = {n["id"].split(":", 1)[1]: n["stage"] for n in segments if n["chain_id"] == "tex"}
    feeds = [(e["from"].split(":", 1)[1], e["to"].split(":", 1)[1]) for e in graph["edges"] if e["type"] == "FEEDS"]
    others = [n["id"].split(":", 1)[1] for n in segments if n["chain_id"] != "tex"]
    expected = map_positions(own, feeds, others)
    assert graph["layout"] == dict(MAP_GRID)
    assert {n["id"].split(":", 1)[1]: {"x": n["x"], "y": n["y"], "col": n["col"]} for n in segments} == expected
    assert others and {expected[o]["col"] for o in others} <= {-1, 3}
