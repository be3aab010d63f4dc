"""What the CLI shows, as plain JSON-ready data: chains, one chain's segments, store counts.

These functions read a :class:`~chain_graph.store.base.Store` and return dicts and lists
that the CLI prints (as tables or as JSON); they hold no printing and no argparse, so the API
can serve the same views. Locality comes from :mod:`chain_graph.locality`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, TypeVar, cast

import networkx as nx

from chain_graph import labels
from chain_graph.graph_vocab import EdgeType, node_id
from chain_graph.locality import county_of, is_local
from chain_graph.models import Kind, Record, Region, Role, Segment, Stage
from chain_graph.provenance import is_illustrative
from chain_graph.store.base import Store

__all__ = ["chain_detail", "chain_summaries", "store_counts"]

R = TypeVar("R", bound=Record)


def _all(store: Store, model: type[R], **where: Any) -> list[R]:
    """Every record of a model's kind (that matches ``where``), typed as that model."""
    return cast(list[R], store.list(model.KIND, where=where or None).items)


def _regions(store: Store) -> dict[str, Region]:
    return {r.region_id: r for r in _all(store, Region)}


def chain_summaries(store: Store, *, home_region: str) -> list[dict[str, Any]]:
    """Every chain with its number of segments, companies and local firms (counted in the store)."""
    from chain_graph.cache import RevisionCache
    from chain_graph.services import chains

    return chains.chain_summaries(store, RevisionCache(), home_region)


def store_counts(store: Store, *, home_region: str) -> dict[str, int]:
    """Records of each kind in the store, and how many companies are local."""
    from chain_graph.cache import RevisionCache
    from chain_graph.services import chains

    counts = dict(store.stats())
    counts["local_company"] = store.count_local(chains.local_scope(store, RevisionCache(), home_region))
    return counts


def chain_detail(store: Store, chain_id: str, *, home_region: str, limit: int | None = None) -> dict[str, Any]:
    """One chain's segments by stage, each with its local firms (leading firms first).

    ``limit`` caps the firms listed per segment (``local_count`` always tells the total).
    Raises :class:`~chain_graph.errors.NotFound` for an unknown chain.
    """
    graph = store.chain_subgraph(chain_id)
    chain = graph.nodes[node_id(Kind.CHAIN, chain_id)]
    regions = {d["region_id"]: d for _, d in graph.nodes(data=True) if d.get("kind") == Kind.REGION}
    segments = _all(store, Segment, chain_id=chain_id)
    stages = []
    for stage in Stage:
        in_stage = [s.to_row() for s in segments if s.stage is stage]
        rows = [_segment_view(graph, seg, depth, regions, home_region, limit) for seg, depth in _tree_order(in_stage)]
        stages.append({"stage": stage.value, "label": labels.zh("stage", stage), "segments": rows})
    return {
        "chain_id": chain_id,
        "name": chain["name"],
        "description": chain.get("description"),
        "home_region": home_region,
        "segments": len(segments),
        "stages": stages,
    }


def _tree_order(segments: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Segments in id order, each followed by its sub-segments, with their nesting depth."""
    ids = {s["segment_id"] for s in segments}
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for seg in sorted(segments, key=lambda s: s["segment_id"]):
        children[seg["parent_id"] if seg["parent_id"] in ids else None].append(seg)
    ordered: list[tuple[dict[str, Any], int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for seg in children.get(parent, []):
            ordered.append((seg, depth))
            visit(seg["segment_id"], depth + 1)

    visit(None, 0)
    return ordered


def _segment_view(
    graph: nx.MultiDiGraph,
    seg: dict[str, Any],
    depth: int,
    regions: Mapping[str, Any],
    home_region: str,
    limit: int | None,
) -> dict[str, Any]:
    nid = node_id(Kind.SEGMENT, seg["segment_id"])
    members = [
        (graph.nodes[company], edge)
        for company, _, edge in graph.in_edges(nid, data=True)
        if edge.get("type") == EdgeType.IN_SEGMENT
    ]
    local = [(c, e) for c, e in members if is_local(c, regions, home_region)]
    local.sort(key=lambda ce: (ce[1]["role"] != Role.LEADING, -(ce[0].get("revenue_cny_100m") or 0), ce[0]["name"]))
    shown = local if limit is None else local[:limit]
    return {
        "segment_id": seg["segment_id"],
        "name": seg["name"],
        "parent_id": seg["parent_id"],
        "depth": depth,
        "companies": len(members),
        "local_count": len(local),
        "local_leading": sum(1 for _, e in local if e["role"] == Role.LEADING),
        "local_firms": [_firm(c, e, regions, home_region) for c, e in shown],
    }


def _firm(company: dict[str, Any], edge: dict[str, Any], regions: Mapping[str, Any], home: str) -> dict[str, Any]:
    county = county_of(company, regions, home)
    return {
        "company_id": company["company_id"],
        "name": company["name"],
        "short_name": company.get("short_name"),
        "illustrative": is_illustrative(company["name"], source=company.get("source")),
        "role": edge["role"],
        "leading": edge["role"] == Role.LEADING,
        "county": county,
        "county_name": regions[county]["name"] if county is not None and county in regions else None,
        "local_site": bool(company.get("local_site")),
        "revenue_cny_100m": company.get("revenue_cny_100m"),
    }
