"""A chain's subgraph as vis-network nodes and edges, with statuses and provenance tooltips.

Nodes: the chain, its segments (``group`` = status), segments of other chains that FEED it or
that it FEEDS (``group`` = ``other_chain``) and, unless left out, the companies in the chain's
segments (``group`` = ``local`` / ``external``). Edges: ``PART_OF`` (top segments → chain),
``SUB_OF``, ``FEEDS``, ``IN_SEGMENT`` and ``SUPPLIES`` between the companies shown. Every
``title`` (the tooltip) ends with where the fact comes from and how old it is.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from chain_graph.analysis import ChainGaps, SegmentState
from chain_graph.graph_vocab import EdgeType, node_id
from chain_graph.labels import zh
from chain_graph.layout import map_grid, map_positions
from chain_graph.locality import county_of, is_local

__all__ = ["vis_graph"]


def _provenance(data: dict[str, Any]) -> str:
    source = data.get("source") or "未注明 / not given"
    as_of = data.get("as_of") or "未注明 / not given"
    return f"来源 source: {source}\n截至 as of: {as_of}"


def _segment_node(data: dict[str, Any], chain_id: str, states: dict[str, SegmentState]) -> dict[str, Any]:
    state = states.get(data["segment_id"])
    own = data["chain_id"] == chain_id
    status = state.status.value if state is not None and own else None
    lines = [f"{data['name']}（{zh('stage', data['stage'])}）"]
    if status and state is not None:
        count = f"本地企业 {state.local_count} 家 / {state.local_count} local"
        lines.append(f"{zh('gap_status', status)} {status}: {count}")
    if not own:
        lines.append(f"其他产业链 other chain: {data['chain_id']}")
    lines.append(_provenance(data))
    return {
        "id": node_id("segment", data["segment_id"]),
        "kind": "segment",
        "label": data["name"],
        "group": status or ("other_chain" if not own else "segment"),
        "stage": data["stage"],
        "status": status,
        "chain_id": data["chain_id"],
        "title": "\n".join(lines),
        "source": data.get("source"),
        "as_of": data.get("as_of"),
    }


def _company_node(node: str, data: dict[str, Any], local: bool, county: str | None) -> dict[str, Any]:
    where = "本地 local" if local else "外地 external"
    revenue = data.get("revenue_cny_100m")
    lines = [data["name"], where + (f" · {county}" if county else "")]
    if revenue is not None:
        lines.append(f"营收 revenue: {revenue:g} 亿元")
    lines.append(_provenance(data))
    return {
        "id": node,
        "kind": "company",
        "label": data.get("short_name") or data["name"],
        "group": "local" if local else "external",
        "local": local,
        "county": county,
        "title": "\n".join(lines),
        "source": data.get("source"),
        "as_of": data.get("as_of"),
    }


def _edge(u: str, v: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    edge: dict[str, Any] = {"from": u, "to": v, "type": data.get("type", key)}
    if key == EdgeType.FEEDS:
        edge["weight"] = data.get("weight")
        edge["title"] = f"供给 feeds (weight {data.get('weight', 1.0):g})\n{_provenance(data)}"
    elif key == EdgeType.IN_SEGMENT:
        edge["role"] = data["role"]
        edge["label"] = zh("role", data["role"])
        share = f", share {data['share']:g}" if data.get("share") is not None else ""
        edge["title"] = f"{edge['label']} {data['role']}{share}\n{_provenance(data)}"
    elif key == EdgeType.SUPPLIES:
        edge["product"] = data.get("product")
        amount = f" · {data['amount_cny_100m']:g} 亿元" if data.get("amount_cny_100m") is not None else ""
        edge["title"] = f"供货 supplies: {data.get('product') or '—'}{amount}\n{_provenance(data)}"
    if key in (EdgeType.FEEDS, EdgeType.IN_SEGMENT, EdgeType.SUPPLIES):
        edge["source"], edge["as_of"] = data.get("source"), data.get("as_of")
    return edge


def vis_graph(G: nx.MultiDiGraph, gaps: ChainGaps, home_region: str, *, companies: bool = True) -> dict[str, Any]:
    """Nodes and edges of the chain for vis-network (see the module docstring)."""
    chain_id = gaps.chain_id
    chain = G.nodes[node_id("chain", chain_id)]
    nodes: dict[str, dict[str, Any]] = {
        node_id("chain", chain_id): {
            "id": node_id("chain", chain_id),
            "kind": "chain",
            "label": chain["name"],
            "group": "chain",
            "chain_id": chain_id,
            "title": f"{chain['name']}\n{_provenance(chain)}",
            "source": chain.get("source"),
            "as_of": chain.get("as_of"),
        }
    }
    states = {s.segment_id: s for s in gaps.segments}
    for n, data in G.nodes(data=True):
        if data.get("kind") == "segment":
            nodes[n] = _segment_node(data, chain_id, states)
    own = {n for n, d in nodes.items() if d["kind"] == "segment" and d.get("chain_id") == chain_id}
    if companies:
        regions = {d["region_id"]: d for _, d in G.nodes(data=True) if d.get("kind") == "region"}
        for u, v, key in G.edges(keys=True):
            if key == EdgeType.IN_SEGMENT and v in own and u not in nodes:
                data = G.nodes[u]
                local = is_local(data, regions, home_region)
                nodes[u] = _company_node(u, data, local, county_of(data, regions, home_region) if local else None)
    edges = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if u not in nodes or v not in nodes:
            continue
        if key == EdgeType.PART_OF and G.nodes[u].get("parent_id") and node_id("segment", G.nodes[u]["parent_id"]) in G:
            continue  # a sub-segment hangs under its parent, not the chain
        if key in (EdgeType.PART_OF, EdgeType.SUB_OF, EdgeType.FEEDS, EdgeType.IN_SEGMENT, EdgeType.SUPPLIES):
            edges.append(_edge(u, v, key, data))
    _place_segments(G, nodes, chain_id)
    return {"chain_id": chain_id, "nodes": list(nodes.values()), "edges": edges, "layout": map_grid()}


def _place_segments(G: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]], chain_id: str) -> None:
    """Give every segment node its ``x``, ``y`` on the page's map (chain_graph.layout: the one rule)."""
    segments = {n: G.nodes[n] for n, d in nodes.items() if d["kind"] == "segment"}
    stage_of = {d["segment_id"]: d["stage"] for d in segments.values() if d["chain_id"] == chain_id}
    feeds = [
        (segments[u]["segment_id"], segments[v]["segment_id"])
        for u, v, key in G.edges(keys=True)
        if key == EdgeType.FEEDS and u in segments and v in segments
    ]
    others = [d["segment_id"] for d in segments.values() if d["chain_id"] != chain_id]
    for n, position in map_positions(stage_of, feeds, others).items():
        nodes[node_id("segment", n)].update(position)
