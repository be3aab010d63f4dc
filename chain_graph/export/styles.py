"""The look of the offline maps: vis-network colours, fonts and shapes by kind of node and edge.

The status palette is the live page's (``api/static``): background, border, text.
"""

from __future__ import annotations

from typing import Any

from chain_graph.export.map_layout import FIRM_COLS, FIRM_W
from chain_graph.export.page import FONT_STACK

__all__ = ["INK", "STATUS_COLORS", "box", "chain_options", "font", "style_edge", "style_node"]

STATUS_COLORS = {
    "missing": ("#d9534f", "#b52b27", "#ffffff"),
    "weak": ("#f0ad4e", "#c77c0e", "#3a2600"),
    "strong": ("#5cb85c", "#3d8b3d", "#ffffff"),
}
_OTHER = ("#eef1f5", "#b8c2cf", "#7a8696")
INK = "#1f3b66"


def font(size: int, color: str, **extra: Any) -> dict[str, Any]:
    return {"face": FONT_STACK, "size": size, "color": color, **extra}


def box(bg: str, border: str) -> dict[str, Any]:
    return {"background": bg, "border": border, "highlight": {"background": bg, "border": INK},
            "hover": {"background": bg, "border": INK}}  # fmt: skip


def style_node(n: dict[str, Any]) -> None:
    """vis-network look of a node, by its ``kind``."""
    kind, card = n["kind"], FIRM_COLS * FIRM_W - 8
    n.setdefault("shape", "box")
    if kind == "segment":
        bg, border, text = STATUS_COLORS[n["status"]]
        bold = font(20, text)
        n.update(
            color=box(bg, border),
            font=font(14, text, multi="html", bold=bold),
            margin=9,
            borderWidth=1,
            widthConstraint={"minimum": card, "maximum": card},
            shapeProperties={"borderRadius": 6},
        )
    elif kind == "local":
        n.update(
            color=box("#ffffff", INK if n["leading"] else "#8795a8"),
            font=font(12, "#1f2d3d"),
            margin=6,
            borderWidth=3 if n["leading"] else 1,
            widthConstraint={"minimum": FIRM_W - 14, "maximum": FIRM_W - 14},
            shapeProperties={"borderRadius": 4},
        )
    elif kind == "candidate":
        n.update(
            color=box("#eef4fb", "#3f6fa8"),
            font=font(12, "#1d3f6e"),
            margin=5,
            borderWidth=1.5,
            widthConstraint={"minimum": FIRM_W - 14, "maximum": FIRM_W - 14},
            shapeProperties={"borderRadius": 4, "borderDashes": [5, 3]},
        )
    elif kind == "aggregate":
        n.update(
            color=box("#ffffff", STATUS_COLORS[n["status"]][1]),
            font=font(15, "#1f2d3d"),
            margin=8,
            borderWidth=2,
            widthConstraint={"minimum": card - 40, "maximum": card - 40},
            shapeProperties={"borderRadius": 6, "borderDashes": [6, 4]},
        )
    elif kind == "neighbour":
        n.update(
            color=box(_OTHER[0], _OTHER[1]),
            font=font(12, _OTHER[2]),
            margin=7,
            borderWidth=1,
            widthConstraint={"minimum": 170, "maximum": 170},
            shapeProperties={"borderRadius": 6, "borderDashes": [4, 3]},
        )
    else:  # headings
        big = kind == "heading"
        n.update(
            shape="text",
            chosen=False,
            font=font(26 if big else 16, INK if big else "#7a8696", multi="html", bold=font(26, INK)),
        )


def style_edge(e: dict[str, Any]) -> dict[str, Any]:
    if e["kind"] == "feeds":
        inner, same = e["inner"], e["same"]
        e.update(
            arrows={"to": {"enabled": True, "scaleFactor": 0.6}},
            width=1 + 2.5 * min(1.0, e["weight"]),
            dashes=False if inner else [5, 4],
            color={"color": "#5f7391" if inner else "#aab6c6", "highlight": INK, "hover": INK, "opacity": 0.85},
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.35} if same
            else {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45},
        )  # fmt: skip
    else:
        e.update(
            arrows={"to": {"enabled": True, "scaleFactor": 0.4}},
            width=1,
            dashes=[4, 3] if e["candidate"] else False,
            color={"color": "#8fa0b8", "highlight": "#3f6fa8", "hover": "#3f6fa8", "opacity": 0.4},
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.18},
        )
    return e


def chain_options(n_nodes: int) -> dict[str, Any]:
    big = n_nodes > 600
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"dragNodes": False, "hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"fixed": True, "font": {"face": FONT_STACK}, "labelHighlightBold": False},
        "edges": {"selectionWidth": 1.5, "hoverWidth": 0.5},
    }  # fmt: skip
