"""The chain map's column layout: the one rule for the live page and the HTML export.

A chain is drawn in three columns, upstream → midstream → downstream; within a column the
segments are ordered so that fewer FEEDS arrows cross (the barycentre of their neighbours in the
other columns, a few sweeps); segments of other chains stand left of the map when they feed
this chain and right of it when it feeds them. :func:`order_columns` and :func:`neighbour_side`
are that rule. The HTML export (:mod:`chain_graph.export.html`) places its segment cards with
them; the live page receives ready positions from ``GET /chains/{id}/graph``
(:func:`map_positions`, in the page's grid :data:`MAP_GRID`), so it holds no layout rule of its own.

Examples
--------
>>> stage = {"fibre": "upstream", "yarn": "upstream", "knit": "midstream", "shoe": "downstream"}
>>> order_columns(stage, [("yarn", "knit"), ("knit", "shoe")])
[['fibre', 'yarn'], ['knit'], ['shoe']]
>>> neighbour_side("px", [("px", "fibre")], {"fibre"})
'left'
>>> map_positions(stage, [("yarn", "knit"), ("px", "fibre")], {"px"})["px"]
{'x': -240, 'y': 0, 'col': -1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

__all__ = ["MAP_GRID", "STAGES", "map_grid", "map_positions", "neighbour_side", "order_columns"]

STAGES: tuple[str, str, str] = ("upstream", "midstream", "downstream")
SWEEPS = 4

# The live page's grid (px): column pitch, row pitch, segment card width.
MAP_GRID: Mapping[str, int] = {"col_w": 240, "row_h": 76, "node_w": 176}


def order_columns(stage_of: Mapping[str, str], feeds: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The segments of each stage column, top to bottom, ordered to cross fewer FEEDS arrows.

    Parameters
    ----------
    stage_of : mapping
        Segment id → its stage (``upstream``, ``midstream``, ``downstream``), in the order the
        segments start in (a segment of another stage is left out).
    feeds : iterable of (str, str)
        FEEDS links ``(from, to)``; only links between two different columns count.

    Returns
    -------
    list of three lists of segment ids, one per stage of :data:`STAGES`.
    """
    cols = [[s for s, st in stage_of.items() if st == stage] for stage in STAGES]
    across = [(a, b) for a, b in feeds if a in stage_of and b in stage_of and stage_of[a] != stage_of[b]]
    pos: dict[str, float] = {}

    def place(col: list[str]) -> None:
        pos.update({s: i - (len(col) - 1) / 2 for i, s in enumerate(col)})

    for col in cols:
        place(col)
    for sweep in range(SWEEPS):
        incoming = sweep % 2 == 0
        for c in (1, 2) if incoming else (1, 0):
            key = {}
            for s in cols[c]:
                ys = [pos[a if incoming else b] for a, b in across if (b if incoming else a) == s]
                key[s] = sum(ys) / len(ys) if ys else pos[s]
            cols[c].sort(key=lambda s: key[s])
            place(cols[c])
    return cols


def neighbour_side(segment_id: str, feeds: Iterable[tuple[str, str]], own: Iterable[str]) -> Literal["left", "right"]:
    """Where a segment of another chain stands: ``left`` when it feeds this chain, else ``right``."""
    members = set(own)
    return "left" if any(a == segment_id and b in members for a, b in feeds) else "right"


def map_grid() -> dict[str, int]:
    """The page's grid as JSON (served with the graph, so the page draws its column bands)."""
    return dict(MAP_GRID)


def map_positions(
    stage_of: Mapping[str, str], feeds: Sequence[tuple[str, str]], neighbours: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Positions ``{x, y, col}`` (px, :data:`MAP_GRID`) of the chain's segments and its neighbours.

    Columns 0–2 are the stages, centred on y = 0; a neighbour feeding the chain is in column -1,
    one fed by it in column 3, level with the mean of the segments it is tied to.
    """
    col_w, row_h = MAP_GRID["col_w"], MAP_GRID["row_h"]
    out: dict[str, dict[str, int]] = {}
    for c, column in enumerate(order_columns(stage_of, feeds)):
        for row, s in enumerate(column):
            out[s] = {"x": c * col_w, "y": round((row - (len(column) - 1) / 2) * row_h), "col": c}
    sides: dict[int, list[tuple[float, str]]] = {-1: [], 3: []}
    for n in neighbours:
        side = neighbour_side(n, feeds, stage_of)
        ys = [out[b]["y"] for a, b in feeds if a == n and b in out] if side == "left" else []
        ys = ys or [out[a]["y"] for a, b in feeds if b == n and a in out]
        sides[-1 if side == "left" else 3].append((sum(ys) / max(1, len(ys)), n))
    for col, items in sides.items():
        items.sort()
        for row, (_, n) in enumerate(items):
            out[n] = {"x": col * col_w, "y": round((row - (len(items) - 1) / 2) * row_h), "col": col}
    return out
