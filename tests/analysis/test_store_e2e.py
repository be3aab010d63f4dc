"""End to end through the embedded store: the store's subgraph and a hand-built one agree.

small_world (tests/factories.py), chain tex: segments tex.fiber (up), tex.dye, tex.weave (mid),
tex.shoe (down); pc.pta of chain pc feeds tex.fiber. Local: 安踏 (晋江, leading in tex.shoe),
联合石化 (泉港, leading in pc.pta). Outside: x-fiber (浙江, core in tex.fiber, share .7).
FEEDS within tex: fiber→weave 1, weave→shoe .6 → weights fiber 2, weave 2.6, dye 1, shoe 1.6;
only shoe is present → completeness 1.6 / 7.2.
"""

from __future__ import annotations

import pytest

from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.analysis.graphs import chain_gaps, from_records, rank_candidates, what_if
from tests.factories import small_world


@pytest.fixture
def graph(embedded_store: EmbeddedStore):  # type: ignore[no-untyped-def]
    embedded_store.apply(Batch(upserts=small_world()))
    return embedded_store, "tex"


def test_hand_built_graph_analyses_as_the_store_does(graph) -> None:  # type: ignore[no-untyped-def]
    built = from_records("tex", small_world())
    store, _ = graph
    map_graph = store.chain_subgraph("tex")  # the chain's map: a part of the hand-built graph
    assert set(map_graph.nodes) <= set(built.nodes) and set(map_graph.edges(keys=True)) <= set(built.edges(keys=True))
    assert chain_gaps(built).to_dict() == chain_gaps(graph).to_dict()
    assert [c.to_dict() for c in rank_candidates(built)] == [c.to_dict() for c in rank_candidates(graph)]


def test_gaps_through_the_store(graph) -> None:  # type: ignore[no-untyped-def]
    gaps = chain_gaps(graph)
    assert [(s.segment_id, s.status.value) for s in gaps.segments] == [
        ("tex.fiber", "missing"),
        ("tex.dye", "missing"),
        ("tex.weave", "missing"),
        ("tex.shoe", "strong"),
    ]
    assert gaps.completeness == pytest.approx(1.6 / 7.2)
    assert [(e.segment_id, e.direction, e.weight) for e in gaps.extensions] == [("tex.weave", "upstream", 0.6)]
    [group] = gaps.supply_dependency
    assert (group.segment_id, group.suppliers[0].supplier_id, group.suppliers[0].amount_cny_100m) == (
        "tex.shoe", "x-fiber", 2.5,
    )  # fmt: skip
    assert [(c.county_id, c.counts.strong) for c in gaps.by_county] == [("350505", 0), ("350582", 1)]


def test_candidates_and_what_if_through_the_store(graph) -> None:  # type: ignore[no-untyped-def]
    [cand] = rank_candidates(graph)
    # china-private-500 2024 #80 (0.7 × 0.842) beats china-500 2024 #120 (0.7 × 0.762): tier 0.7 → 14,
    # rank 0.842 → 8.42; revenue unknown 0; supplies 安踏 and buys from 联合石化: 2/3 → 20;
    # share .7 → 7; overseas-Chinese → 10 (points at W = 10); relation_path 0: no path beyond its two
    # direct ties, but its weight 2 makes W = 12
    assert (cand.company_id, cand.segment_id) == ("x-fiber", "tex.fiber")
    assert cand.score == pytest.approx((14 + 8.42 + 20 + 7 + 10) * 10 / 12)
    assert [(t.company_id, t.direction) for t in cand.ties] == [("anta", "supplies_to"), ("frep", "buys_from")]
    w = what_if(graph, "x-fiber")
    assert [(s.before.value, s.after.value) for s in w.closes] == [("missing", "weak")]
    assert w.completeness_after == pytest.approx((2.0 + 1.6) / 7.2)
