"""The city overview as one offline HTML page: every chain as one node (size: local firms; colour:
completeness) and the cross-chain FEEDS ties as weighted arrows
(:func:`chain_graph.services.exports.overview_data` gathers them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chain_graph.export.page import FONT_STACK, html_label, provenance, render, vis_records
from chain_graph.export.styles import INK, box, chain_options, font
from chain_graph.labels import zh
from chain_graph.models import Segment, SegmentLink

__all__ = ["COMPLETENESS_STOPS", "city_overview_html", "completeness_color", "cross_chain_links"]

COMPLETENESS_STOPS = ((0.5, "#d9534f"), (0.75, "#f0ad4e"), (1.0, "#5cb85c"))


def cross_chain_links(segments: Iterable[Segment], links: Iterable[SegmentLink]) -> list[dict[str, Any]]:
    """FEEDS links between segments of different chains, summed per pair of chains."""
    seg = {s.segment_id: s for s in segments}
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    for link in links:
        a, b = seg.get(link.from_segment_id), seg.get(link.to_segment_id)
        if a is None or b is None or a.chain_id == b.chain_id:
            continue
        tie = ties.setdefault((a.chain_id, b.chain_id), {"from": a.chain_id, "to": b.chain_id, "count": 0,
                                                         "weight": 0.0, "pairs": []})  # fmt: skip
        tie["count"] += 1
        tie["weight"] += link.weight
        tie["pairs"].append(f"{a.name} → {b.name}")
    return [ties[k] for k in sorted(ties)]


def completeness_color(value: float) -> str:
    """The status palette spread over the range chains actually have: 50 % or less red, 75 % orange, 100 % green.

    >>> completeness_color(0.2), completeness_color(0.75), completeness_color(1.0)
    ('#d9534f', '#f0ad4e', '#5cb85c')
    """
    stops = COMPLETENESS_STOPS
    v = min(1.0, max(stops[0][0], value))
    (a, ca), (b, cb) = (stops[0], stops[1]) if v <= stops[1][0] else (stops[1], stops[2])
    t = (v - a) / (b - a)
    rgb = [round(int(ca[i : i + 2], 16) * (1 - t) + int(cb[i : i + 2], 16) * t) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def city_overview_html(
    chains_summary: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    *,
    title: str = "产业链全景图",
    exported_on: dt.date | None = None,
) -> str:
    """Every chain as one node (size: local firms, colour: completeness) and the FEEDS ties between chains."""
    chains = list(chains_summary)
    names = {c["chain_id"]: c["name"] for c in chains}
    nodes = _overview_nodes(chains, links)
    top = max((float(t["weight"]) for t in links), default=1.0) or 1.0
    edges = [_overview_edge(t, names, top) for t in links if t["from"] in names and t["to"] in names]
    records = vis_records(nodes, edges, {**chain_options(len(nodes)), "edges": {"selectionWidth": 2}})
    return render(
        "city_overview.html.j2",
        title=title,
        data={**records, "font": FONT_STACK, "stats": {"chains": len(chains), "ties": len(edges)}},
        script="overview.js",
        chains=len(chains),
        ties=sum(int(t["count"]) for t in links),
        exported_on=(exported_on or dt.date.today()).isoformat(),
        stops=[c for _, c in COMPLETENESS_STOPS],
    )


def _overview_nodes(chains: list[Mapping[str, Any]], links: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Chains on a circle, the ones that feed others most first (left), so arrows run mostly rightwards."""
    import math

    flow: dict[str, float] = defaultdict(float)
    for t in links:
        flow[t["from"]] += float(t["weight"])
        flow[t["to"]] -= float(t["weight"])
    order = sorted(chains, key=lambda c: (-flow[c["chain_id"]], c["chain_id"]))
    radius = max(320.0, 75.0 * len(order) / math.pi)
    most = max((int(c.get("local_firms") or 0) for c in chains), default=1) or 1
    nodes = []
    for i, c in enumerate(order):
        angle = math.pi + 2 * math.pi * i / max(1, len(order))
        size = 18 + 34 * math.sqrt((c.get("local_firms") or 0) / most)
        pct = f"{float(c['completeness']) * 100:.0f}%"
        counts = " · ".join(f"{zh('gap_status', k)} {c.get(k, '—')}" for k in ("missing", "weak", "strong"))
        nodes.append({
            "id": f"chain:{c['chain_id']}",
            "label": f"<b>{html_label(str(c['name']))}</b>\n完整度 {pct} · 本地 {c.get('local_firms', 0)} 家",
            "shape": "dot",
            "size": round(size, 1),
            "x": round(radius * math.cos(angle)),
            "y": round(radius * math.sin(angle)),
            "kind": "chain",
            "color": box(completeness_color(float(c["completeness"])), "#ffffff"),
            "borderWidth": 3,
            "font": font(15, "#1f2d3d", multi="html", bold=font(17, INK), strokeWidth=4, strokeColor="#ffffff"),
            "tip": {"head": str(c["name"]), "lines": [
                f"完整度 {pct}", f"{c.get('segments', 0)} 个环节：{counts}",
                f"企业 {c.get('companies', '—')} 家，其中本地 {c.get('local_firms', 0)} 家"],
                "prov": [provenance("产业链", c)]},
        })  # fmt: skip
    return nodes


def _overview_edge(t: Mapping[str, Any], names: Mapping[str, str], top: float) -> dict[str, Any]:
    pairs = list(t.get("pairs") or [])
    shown = pairs[:12] + ([f"…另 {len(pairs) - 12} 条"] if len(pairs) > 12 else [])
    return {
        "id": f"tie:{t['from']}>{t['to']}",
        "from": f"chain:{t['from']}",
        "to": f"chain:{t['to']}",
        "kind": "chain-tie",
        "label": str(t["count"]),
        "width": round(1.5 + 8 * float(t["weight"]) / top, 2),
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.8}},
        "color": {"color": "#6f819b", "highlight": INK, "hover": INK, "opacity": 0.8},
        "font": font(12, "#3b4a5e", strokeWidth=3, strokeColor="#ffffff", align="middle"),
        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.18},
        "tip": {"head": f"{names[t['from']]} → {names[t['to']]}：{t['count']} 条供给关系",
                "lines": [f"权重合计 {float(t['weight']):g}", *shown], "prov": []},
    }  # fmt: skip
