"""A chain's interactive map as ONE self-contained HTML file, for planners who open it anywhere.

:func:`chain_map_html` draws one chain, upstream → midstream → downstream columns, each segment a
card (status colour) with its local firms (★ and a bold border for leading firms) and, when
given, its candidates (dashed, score in the tooltip). Segments with more than
:data:`SEGMENT_FIRM_LIMIT` firms, or the largest ones when the map would exceed ``max_nodes``,
show one aggregate node that expands on double-click.

It renders what the services hand it (the gap report, the candidates, the chain's map graph);
where things sit is :mod:`~chain_graph.export.map_layout`, how they look
:mod:`~chain_graph.export.styles`, what every offline page shares :mod:`~chain_graph.export.page`,
the city overview :mod:`~chain_graph.export.overview`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from chain_graph.analysis import Candidate, ChainGaps, SegmentState
from chain_graph.export.map_layout import (
    BLOCK_GAP,
    COL_W,
    HEADER_H,
    STAGES,
    Block,
    Firm,
    aggregate,
    block_json,
    heading_nodes,
    neighbour_ids,
    neighbour_nodes,
    order_columns,
    place_blocks,
    sid,
)
from chain_graph.export.page import FONT_STACK, SAMPLE_MARK, chinese_part, provenance, render, vis_records
from chain_graph.export.styles import STATUS_COLORS, chain_options, style_edge, style_node
from chain_graph.graph_vocab import EdgeType, node_id
from chain_graph.labels import zh

__all__ = ["SEGMENT_FIRM_LIMIT", "chain_map_html"]

SEGMENT_FIRM_LIMIT = 40


def chain_map_html(
    G: nx.MultiDiGraph,
    gaps: ChainGaps,
    candidates: Iterable[Candidate] = (),
    *,
    title: str | None = None,
    max_nodes: int = 2000,
    segment_limit: int | None = SEGMENT_FIRM_LIMIT,
    exported_on: dt.date | None = None,
) -> str:
    """The chain map of ``gaps`` (its county view when it has one) as one self-contained HTML page.

    ``G`` is the chain subgraph the gaps were computed from (provenance, names, FEEDS, ties);
    ``candidates`` those of :func:`rank_candidates` to draw dashed in their gap segments. A segment
    with more than ``segment_limit`` firms (None: no limit) starts as one aggregate node, and so do
    the largest segments while the map has more than ``max_nodes`` nodes.
    """
    data = _chain_map_data(G, gaps, list(candidates), max_nodes, segment_limit)
    scope = gaps.county.name if gaps.county else "全市"
    view = gaps.county or gaps
    heading = title or f"{gaps.chain_name}产业链图谱"
    return render(
        "chain_map.html.j2",
        title=heading,
        data=data,
        script="chain_map.js",
        scope=scope,
        completeness=f"{view.completeness * 100:.0f}%",
        city_completeness=f"{gaps.completeness * 100:.0f}%" if gaps.county else None,
        counts=view.counts,
        candidates=data["stats"]["candidates"],
        exported_on=(exported_on or dt.date.today()).isoformat(),
        samples=data["stats"]["samples"],
        status_colors=STATUS_COLORS,
        aggregated=data["stats"]["aggregated"],
    )


def _chain_map_data(
    G: nx.MultiDiGraph, gaps: ChainGaps, candidates: list[Candidate], max_nodes: int, segment_limit: int | None
) -> dict[str, Any]:
    states = (gaps.county or gaps).segments
    county_names = {d["region_id"]: d.get("name") for _, d in G.nodes(data=True) if d.get("kind") == "region"}
    feeds = [
        (G.nodes[u]["segment_id"], G.nodes[v]["segment_id"], u, v) for u, v, k in G.edges(keys=True) if k == "FEEDS"
    ]
    blocks = _blocks(G, states, candidates, county_names)
    order_columns(blocks, [(a, b) for a, b, *_ in feeds])
    aggregate(blocks, max_nodes, segment_limit, extra=len(neighbour_ids(blocks, feeds)))
    nodes, hidden = place_blocks(blocks)
    neighbours = neighbour_nodes(G, blocks, feeds)
    nodes += neighbours + heading_nodes(blocks, neighbours)
    shown = {n["id"] for n in nodes}
    known = shown | {n["id"] for ns in hidden.values() for n in ns}
    feeds_edges = [_feeds_edge(G, u, v, blocks) for _, _, u, v in feeds if sid(u) in known and sid(v) in known]
    candidate_ids = {f"co:{c.company_id}" for c in candidates}
    ties = [style_edge(t) for t in _tie_edges(G, known, candidate_ids)]
    for n in [*nodes, *(n for ns in hidden.values() for n in ns)]:
        style_node(n)
    visible_ties = [t for t in ties if t["from"] in shown and t["to"] in shown]
    records = vis_records(nodes, [style_edge(e) for e in feeds_edges] + visible_ties, chain_options(len(nodes)))
    firm_names = [f.node["fullname"] for b in blocks.values() for f in b.firms]
    return {
        **records,
        "font": FONT_STACK,
        "hidden": hidden,
        "ties": ties,
        "blocks": [block_json(b) for b in sorted(blocks.values(), key=lambda b: (b.col, b.top))],
        "layout": {"colW": COL_W, "headerH": HEADER_H, "gap": BLOCK_GAP},
        "colors": STATUS_COLORS,
        "stats": {
            "nodes": sum(n["kind"] not in ("heading", "subheading") for n in nodes),
            "segments": len(blocks),
            "firms": len(firm_names),
            "candidates": sum(b.candidates for b in blocks.values()),
            "aggregated": sum(b.aggregated for b in blocks.values()),
            "samples": _has_samples(firm_names),
        },
    }


def _blocks(
    G: nx.MultiDiGraph, states: list[SegmentState], candidates: list[Candidate], county_names: Mapping[str, Any]
) -> dict[str, Block]:
    """One block per segment, each company in one block only (local presence first, best role/score)."""
    blocks = {s.segment_id: Block(s, STAGES.index(s.stage.value)) for s in states}
    placed: dict[str, str] = {}
    elsewhere: dict[str, list[str]] = defaultdict(list)
    for state in states:
        for firm in state.local_firms:
            if firm.company_id in placed:
                elsewhere[firm.company_id].append(state.name)
                continue
            placed[firm.company_id] = state.segment_id
            node = _local_node(G, firm, state, county_names)
            blocks[state.segment_id].firms.append(Firm(firm.company_id, state.segment_id, True, node))
    for cand in sorted(candidates, key=lambda c: (-c.score, c.company_id, c.segment_id)):
        block = blocks.get(cand.segment_id)
        if block is None:
            continue
        block.candidates += 1
        if cand.company_id in placed:
            elsewhere[cand.company_id].append(f"{cand.segment_name}（候选，{cand.score:.0f} 分）")
            continue
        placed[cand.company_id] = cand.segment_id
        block.firms.append(Firm(cand.company_id, cand.segment_id, False, _candidate_node(G, cand)))
    for block in blocks.values():
        for shown in block.firms:
            if elsewhere.get(shown.company_id):
                shown.node["tip"]["lines"].append("同时在：" + "、".join(elsewhere[shown.company_id]))
    return blocks


def _local_node(G: nx.MultiDiGraph, firm: Any, state: SegmentState, county_names: Mapping[str, Any]) -> dict[str, Any]:
    company = G.nodes.get(node_id("company", firm.company_id), {})
    edge = G.get_edge_data(node_id("company", firm.company_id), node_id("segment", state.segment_id), "IN_SEGMENT")
    where = county_names.get(firm.county) or ("本地设厂" if firm.basis == "local_site" else "本地")
    lines = [f"{zh('role', firm.role)} · {where} · {state.name}"]
    if firm.revenue_cny_100m is not None:
        lines.append(f"营收 {firm.revenue_cny_100m:g} 亿元")
    if firm.basis == "plan":
        lines.append(f"已开工/投产专案 {firm.plan_id} 落地企业")
    prov = [provenance("企业", company)] + ([provenance("环节归属", edge)] if edge else [])
    label = ("★ " if firm.leading else "") + _short_name(firm.name)
    return {
        "id": f"co:{firm.company_id}",
        "label": label,
        "fullname": firm.name,
        "kind": "local",
        "leading": firm.leading,
        "tip": {"head": firm.name, "lines": lines, "prov": prov},
    }


def _candidate_node(G: nx.MultiDiGraph, cand: Candidate) -> dict[str, Any]:
    company = G.nodes.get(node_id("company", cand.company_id), {})
    edge = G.get_edge_data(node_id("company", cand.company_id), node_id("segment", cand.segment_id), "IN_SEGMENT")
    where = cand.region_name or cand.country or "外地"
    lines = [
        f"候选企业 · {zh('gap_status', cand.status)}「{cand.segment_name}」· {where}",
        f"得分 {cand.score:.1f} / 100",
    ]
    lines += [
        f"  {zh('score_part', k)} {'−' if k == 'plan_exists' else '+'}{p.contribution:.1f}："
        + chinese_part(p.explanation)
        for k, p in cand.parts.items()
        if p.contribution
    ]
    if cand.plan is not None:
        lines.append(f"已有专案：{cand.plan.plan_id}")
    prov = [provenance("企业", company)] + ([provenance("环节归属", edge)] if edge else [])
    return {
        "id": f"co:{cand.company_id}",
        "label": f"{_short_name(cand.name)}{_illustrative_mark(cand)}\n{cand.score:.0f} 分",
        "fullname": cand.name,
        "kind": "candidate",
        "leading": False,
        "score": round(cand.score, 1),
        "tip": {"head": cand.name, "lines": lines, "prov": prov},
    }


def _feeds_edge(G: nx.MultiDiGraph, u: str, v: str, blocks: Mapping[str, Block]) -> dict[str, Any]:
    data = G.get_edge_data(u, v, EdgeType.FEEDS) or {}
    a, b = G.nodes[u], G.nodes[v]
    weight = float(data.get("weight") or 1.0)
    inner = a["segment_id"] in blocks and b["segment_id"] in blocks
    same = inner and blocks[a["segment_id"]].col == blocks[b["segment_id"]].col
    return {
        "id": f"feeds:{a['segment_id']}>{b['segment_id']}",
        "from": sid(u),
        "to": sid(v),
        "kind": "feeds",
        "inner": inner,
        "same": same,
        "weight": weight,
        "tip": {"head": f"供给关系：{a['name']} → {b['name']}", "lines": [f"权重 {weight:g}"],
                "prov": [provenance("关系", data)]},
    }  # fmt: skip


def _tie_edges(G: nx.MultiDiGraph, shown: set[str], candidate_ids: set[str]) -> list[dict[str, Any]]:
    """SUPPLIES ties between firms on the map (drawn when both ends are shown)."""
    ties = []
    for u, v, key, data in G.edges(keys=True, data=True):
        a, b = "co:" + u.split(":", 1)[1], "co:" + v.split(":", 1)[1]
        if key != EdgeType.SUPPLIES or a not in shown or b not in shown:
            continue
        amount = f" · {data['amount_cny_100m']:g} 亿元" if data.get("amount_cny_100m") is not None else ""
        ties.append(
            {
                "id": f"tie:{a}>{b}",
                "from": a,
                "to": b,
                "kind": "tie",
                "candidate": a in candidate_ids or b in candidate_ids,
                "tip": {
                    "head": f"供货：{G.nodes[u].get('name')} → {G.nodes[v].get('name')}",
                    "lines": [f"产品：{data.get('product') or '—'}{amount}"],
                    "prov": [provenance("供货关系", data)],
                },
            }
        )
    return ties


def _short_name(name: str, limit: int = 9) -> str:
    """A label-sized company name: legal form dropped, the （示例） mark of a sample firm kept."""
    sample = SAMPLE_MARK in name
    base = re.sub(r"[（(]示例[）)]", "", name)
    base = re.sub(r"(集团)?(股份)?有限(责任)?公司$", "", base)
    base = re.sub(r"^(福建省?|泉州市?)", "", base) or name
    base = base if len(base) <= limit else base[: limit - 1] + "…"
    return base + ("（示例）" if sample else "")


def _illustrative_mark(cand: Candidate) -> str:
    """（示例） for a candidate whose record is illustrative though its name does not say so."""
    return "（示例）" if cand.illustrative and SAMPLE_MARK not in cand.name else ""


def _has_samples(names: Iterable[str]) -> bool:
    return any(SAMPLE_MARK in n for n in names)
