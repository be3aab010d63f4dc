"""Where everything sits on a chain map: upstream → midstream → downstream columns, each segment a
card with its firms in a grid below it, other chains' segments at the sides.

Positions are computed here (physics is off, so a 2,000-node map is interactive at once). Each
stage column is ordered by the barycentre of its FEEDS neighbours; crowded segments, and the
largest ones while the map has too many nodes, fold into one aggregate node.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from chain_graph.analysis import SegmentState
from chain_graph.export.page import chinese_part, html_label, provenance
from chain_graph.graph_vocab import node_id
from chain_graph.labels import zh
from chain_graph.layout import STAGES as LAYOUT_STAGES
from chain_graph.layout import order_columns as layout_order

__all__ = [
    "BLOCK_GAP",
    "COL_W",
    "FIRM_COLS",
    "FIRM_H",
    "FIRM_W",
    "HEADER_H",
    "STAGES",
    "Block",
    "Firm",
    "aggregate",
    "block_json",
    "heading_nodes",
    "neighbour_ids",
    "neighbour_nodes",
    "order_columns",
    "place_blocks",
    "sid",
]

STAGES = LAYOUT_STAGES
FIRM_W, FIRM_H, FIRM_COLS = 150, 42, 4
HEADER_H, BLOCK_GAP = 70, 30
COL_W = FIRM_COLS * FIRM_W + 90


@dataclass
class Firm:
    company_id: str
    segment_id: str
    local: bool
    node: dict[str, Any]


@dataclass
class Block:
    """One segment card: the segment node, then its firms in a grid below it."""

    state: SegmentState
    col: int
    firms: list[Firm] = field(default_factory=list)
    candidates: int = 0
    aggregated: bool = False
    rank: int = 0  # its place in the stage column (order_columns)
    top: float = 0.0  # its y on the map (place_blocks)

    def height(self, expanded: bool) -> float:
        rows = -(-len(self.firms) // FIRM_COLS) if expanded else 1
        return HEADER_H + max(rows, 1) * FIRM_H + BLOCK_GAP


def sid(node: str) -> str:
    """vis id of a segment node of G (``segment:x`` → ``seg:x``)."""
    return "seg:" + node.split(":", 1)[1]


def order_columns(blocks: dict[str, Block], feeds: list[tuple[str, str]]) -> None:
    """Rank each block in its stage column by the map's one layout rule (:mod:`chain_graph.layout`)."""
    stage_of = {s: STAGES[b.col] for s, b in blocks.items()}
    for col in layout_order(stage_of, feeds):
        for i, s in enumerate(col):
            blocks[s].rank = i


def aggregate(blocks: dict[str, Block], max_nodes: int, limit: int | None, *, extra: int) -> None:
    """Aggregate crowded segments, then the largest ones until the map fits in ``max_nodes``."""
    for block in blocks.values():
        block.aggregated = limit is not None and len(block.firms) > limit

    def total() -> int:
        return extra + sum(1 + (1 if b.aggregated else len(b.firms)) for b in blocks.values())

    for block in sorted(blocks.values(), key=lambda b: (-len(b.firms), b.state.segment_id)):
        if total() <= max_nodes or len(block.firms) <= 1:
            break
        block.aggregated = True


def place_blocks(blocks: dict[str, Block]) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Give every node its position; firms of aggregated blocks go to ``hidden``."""
    nodes: list[dict[str, Any]] = []
    hidden: dict[str, list[dict[str, Any]]] = {}
    for c in range(3):
        y = 0.0
        for block in sorted((b for b in blocks.values() if b.col == c), key=lambda b: b.rank):
            block.top = y
            nodes.append(_segment_node(block))
            firm_nodes = [_firm_position(f, block, i) for i, f in enumerate(block.firms)]
            if block.aggregated:
                nodes.append(_aggregate_node(block))
                hidden[block.state.segment_id] = firm_nodes
            else:
                nodes += firm_nodes
            y += block.height(not block.aggregated)
    return nodes, hidden


def _firm_position(firm: Firm, block: Block, i: int) -> dict[str, Any]:
    x = block.col * COL_W + (i % FIRM_COLS - (FIRM_COLS - 1) / 2) * FIRM_W
    y = block.top + HEADER_H + (i // FIRM_COLS) * FIRM_H + FIRM_H / 2
    return {**firm.node, "x": round(x), "y": round(y), "blk": block.state.segment_id}


def _segment_node(block: Block) -> dict[str, Any]:
    s = block.state
    counts = f"{zh('gap_status', s.status)} · 本地 {s.local_count} 家 · 龙头 {s.leading_count}"
    if block.candidates:
        counts += f" · 候选 {block.candidates}"
    lines = [f"{zh('stage', s.stage)} · {zh('gap_status', s.status)}", *map(chinese_part, s.reasons)]
    if s.local_revenue is not None:
        lines.append(f"本地营收 {s.local_revenue:g} 亿元")
    if block.aggregated:
        lines.append("双击展开 / 收起企业")
    return {
        "id": f"seg:{s.segment_id}",
        "label": f"<b>{html_label(s.name)}</b>\n{counts}",
        "kind": "segment",
        "status": s.status.value,
        "x": block.col * COL_W,
        "y": round(block.top + HEADER_H / 2 - 8),
        "blk": s.segment_id,
        "tip": {"head": s.name, "lines": lines, "prov": []},
    }


def _aggregate_node(block: Block) -> dict[str, Any]:
    s = block.state
    text = f"本地 {s.local_count} 家 · 龙头 {s.leading_count}"
    if block.candidates:
        text += f" · 候选 {block.candidates} 家"
    return {
        "id": f"agg:{s.segment_id}",
        "label": f"{text}\n（双击展开）",
        "kind": "aggregate",
        "status": s.status.value,
        "x": block.col * COL_W,
        "y": round(block.top + HEADER_H + FIRM_H / 2),
        "blk": s.segment_id,
        "tip": {"head": f"{s.name}：{len(block.firms)} 家企业", "lines": ["双击展开 / 收起"], "prov": []},
    }


def neighbour_ids(blocks: Mapping[str, Block], feeds: list[Any]) -> set[str]:
    return {x for a, b, *_ in feeds for x in (a, b) if x not in blocks and (a in blocks or b in blocks)}


def neighbour_nodes(G: nx.MultiDiGraph, blocks: Mapping[str, Block], feeds: list[Any]) -> list[dict[str, Any]]:
    """Segments of other chains: left when they feed this chain, right when fed by it."""
    header_y = {s: b.top + HEADER_H / 2 for s, b in blocks.items()}
    sides: dict[int, list[tuple[float, str]]] = {-1: [], 1: []}
    for seg in sorted(neighbour_ids(blocks, feeds)):
        out = [header_y[b] for a, b, *_ in feeds if a == seg and b in blocks]
        inc = [header_y[a] for a, b, *_ in feeds if b == seg and a in blocks]
        ys = out or inc
        sides[-1 if out else 1].append((sum(ys) / len(ys), seg))
    nodes = []
    for side, items in sides.items():
        x = -COL_W / 2 - 170 if side < 0 else 2 * COL_W + COL_W / 2 + 170
        last = -1e9
        for y, seg in sorted(items):
            y = max(y, last + 80)
            last = y
            data = G.nodes[node_id("segment", seg)]
            chain = G.nodes.get(node_id("chain", data["chain_id"]), {}).get("name", data["chain_id"])
            nodes.append(
                {
                    "id": f"seg:{seg}",
                    "label": f"{data['name']}\n〔{chain}〕",
                    "kind": "neighbour",
                    "x": round(x),
                    "y": round(y),
                    "tip": {
                        "head": f"{data['name']}（{chain}）",
                        "lines": ["相邻产业链环节"],
                        "prov": [provenance("环节", data)],
                    },
                }
            )
    return nodes


def heading_nodes(blocks: Mapping[str, Block], neighbours: list[dict[str, Any]]) -> list[dict[str, Any]]:
    count = {c: sum(b.col == c for b in blocks.values()) for c in range(3)}
    nodes = [
        {"id": f"h:{stage}", "label": f"<b>{zh('stage', stage)}（{count[c]} 个环节）</b>", "kind": "heading",
         "x": c * COL_W, "y": -80}
        for c, stage in enumerate(STAGES)
    ]  # fmt: skip
    xs = {n["x"] for n in neighbours}
    for x in sorted(xs):
        text = "相邻产业链 → 本链" if x < 0 else "本链 → 相邻产业链"
        nodes.append({"id": f"h:side{x}", "label": text, "kind": "subheading", "x": x, "y": -80})
    return nodes


def block_json(block: Block) -> dict[str, Any]:
    return {
        "seg": block.state.segment_id,
        "col": block.col,
        "x": block.col * COL_W,
        "top": block.top,
        "status": block.state.status.value,
        "aggregated": block.aggregated,
        "h": block.height(not block.aggregated),
        "hx": block.height(True),
        "w": FIRM_COLS * FIRM_W + 24,
    }
