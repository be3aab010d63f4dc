"""GraphML exports read back with networkx: nodes, edges, attributes, Chinese intact."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from chain_graph.export.graphml import chain_graphml, graphml_ready
from chain_graph.services.exports import city_graph, city_graphml
from chain_graph.store import Batch, EmbeddedStore
from tests.factories import small_world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "db")
    store.apply(Batch(upserts=small_world()))
    yield store
    store.close()


def test_chain_subgraph_round_trips(world: EmbeddedStore, tmp_path: Path) -> None:
    G = world.chain_subgraph("tex")
    path = tmp_path / "tex.graphml"
    chain_graphml(G, path)
    text = path.read_text(encoding="utf-8")
    assert "安踏体育用品有限公司" in text and "&#" not in text, "Chinese written as UTF-8, not as entities"
    H = nx.read_graphml(path)
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H.nodes) == set(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted((u, v, str(k)) for u, v, k in G.edges(keys=True))
    anta = H.nodes["company:anta"]
    assert anta["name"] == "安踏体育用品有限公司" and anta["aliases"] == "ANTA|安踏体育"
    assert anta["revenue_cny_100m"] == 100.5 and anta["as_of"] == "2024-09-12" and anta["local_site"] is False
    assert "uscc" not in anta and "employees" not in anta, "None is left out, not written as 'None'"
    feeds = H.edges["segment:tex.weave", "segment:tex.shoe", "FEEDS"]
    assert feeds["weight"] == 0.6 and feeds["type"] == "FEEDS"
    shoe = H.edges["company:anta", "segment:tex.shoe", "IN_SEGMENT"]
    assert shoe["role"] == "leading" and shoe["share"] == 0.9
    assert H.edges["company:x-fiber", "list:china-private-500", "RANKED:2024"]["rank"] == 80
    assert H.nodes["region:350582"]["name"] == "晋江市"
    assert H.graph["chain_id"] == "tex"


def test_buffers_and_odd_values() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", tags=["甲", "乙"], seen={"z", "y"}, extra={"k": "值"}, nothing=None, n=3, x=1.5)
    G.add_node("b")
    G.add_edge("a", "b", key="SUPPLIES", product="涤纶", amount=None)
    buffer = io.BytesIO()
    chain_graphml(G, buffer)
    H = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert H.nodes["a"] == {"tags": "甲|乙", "seen": "y|z", "extra": '{"k": "值"}', "n": 3, "x": 1.5}
    assert H.edges["a", "b", "SUPPLIES"] == {"product": "涤纶"}
    assert graphml_ready(G).nodes["b"] == {}


def test_city_graph_holds_every_chain(world: EmbeddedStore, tmp_path: Path) -> None:
    G = city_graph(world)
    assert {n for n, d in G.nodes(data=True) if d["kind"] == "chain"} == {"chain:pc", "chain:tex"}
    assert G.has_edge("segment:pc.pta", "segment:tex.fiber", "FEEDS")
    path = tmp_path / "city.graphml"
    city_graphml(world, path)
    H = nx.read_graphml(path)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert H.nodes["chain:pc"]["name"] == "石油化工" and H.graph["scope"] == "city"
