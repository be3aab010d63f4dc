"""The map's one layout rule (chain_graph.layout): what it orders, and that both the graph API
(the live page) and the HTML export take their order from it."""

from __future__ import annotations

from chain_graph.layout import MAP_GRID, map_positions, neighbour_side, order_columns


def _crossings(cols: list[list[str]], feeds: list[tuple[str, str]]) -> int:
    rank = {s: (c, i) for c, col in enumerate(cols) for i, s in enumerate(col)}
    pairs = [(rank[a], rank[b]) for a, b in feeds if a in rank and b in rank and rank[a][0] + 1 == rank[b][0]]
    return sum(
        p[0][0] == q[0][0] and (p[0][1] - q[0][1]) * (p[1][1] - q[1][1]) < 0
        for i, p in enumerate(pairs)
        for q in pairs[i + 1 :]
    )


def test_columns_are_ordered_to_uncross_the_feeds() -> None:
    stage = {"a": "upstream", "b": "upstream", "x": "midstream", "y": "midstream", "p": "downstream", "q": "downstream"}
    feeds = [("a", "y"), ("b", "x"), ("x", "q"), ("y", "p")]
    start = [["a", "b"], ["x", "y"], ["p", "q"]]
    assert _crossings(start, feeds) == 2
    cols = order_columns(stage, feeds)
    assert sorted(map(sorted, cols)) == sorted(map(sorted, start))
    assert _crossings(cols, feeds) == 0


def test_neighbours_stand_left_when_they_feed_the_chain_and_right_when_fed() -> None:
    stage = {"a": "upstream", "z": "downstream"}
    feeds = [("in", "a"), ("z", "out")]
    assert neighbour_side("in", feeds, stage) == "left" and neighbour_side("out", feeds, stage) == "right"
    at = map_positions(stage, feeds, ["in", "out"])
    assert at["in"]["col"] == -1 and at["out"]["col"] == 3
    assert at["in"]["x"] == -MAP_GRID["col_w"] and at["z"]["x"] == 2 * MAP_GRID["col_w"]
