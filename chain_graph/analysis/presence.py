"""Who is local, and where: graph helpers over the chain subgraph (store/base.py layout).

A company node is **local** when its ``LOCATED_IN`` region is the home region or lies below
it along ``WITHIN`` edges, or when its ``local_site`` flag is set. Its **county** is the region
right below the home region on that ``WITHIN`` path (zones under a county roll up to the
county; a zone directly under the city is its own "county"); a local-site firm located
outside the home region has no county (None).

Landed plans (status ``started`` / ``in_production``) add their company as local presence in
each of the plan's segments — see :func:`landings_from_plans`.

Example
-------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edges_from([("region:350582", "region:350500", "WITHIN"), ("region:350500", "region:350000", "WITHIN")])
>>> G.add_node("company:anta", kind="company", company_id="anta", local_site=False)
>>> _ = G.add_edge("company:anta", "region:350582", key="LOCATED_IN")
>>> locality(G, "company:anta", "350500")
Locality(local=True, county='350582', basis='region')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chain_graph.models import PlanStatus, Role, TargetPlan
from chain_graph.store.base import EdgeType, node_id

__all__ = [
    "Landing",
    "Locality",
    "company_name",
    "counties",
    "ident",
    "in_edges_of",
    "landings_from_plans",
    "locality",
    "locality_index",
    "memberships",
    "merge_landings",
    "out_edges_of",
    "region_path",
    "role_in",
]

_MAX_DEPTH = 32  # guards against a WITHIN cycle in hand-edited data


@dataclass(frozen=True)
class Locality:
    """Whether a company is local, its county, and why it is local (``region`` / ``local_site``)."""

    local: bool
    county: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class Landing:
    """A company counted as local presence in a segment without being located there."""

    company_id: str
    plan_id: str | None
    basis: str = "plan"  # "plan" or "what_if"


def ident(node: str) -> str:
    """The record id of a node: ``ident("segment:tx.knit") == "tx.knit"``."""
    return node.split(":", 1)[1]


def out_edges_of(G: nx.MultiDiGraph, node: str, key: str) -> Iterable[tuple[str, dict[str, Any]]]:
    """(target, data) of the node's outgoing edges of one type (``RANKED`` matches ``RANKED:<year>``)."""
    for _, target, k, data in G.out_edges(node, keys=True, data=True):
        if k == key or str(k).startswith(key + ":"):
            yield target, data


def in_edges_of(G: nx.MultiDiGraph, node: str, key: str) -> Iterable[tuple[str, dict[str, Any]]]:
    """(source, data) of the node's incoming edges of one type."""
    for source, _, k, data in G.in_edges(node, keys=True, data=True):
        if k == key:
            yield source, data


def region_path(G: nx.MultiDiGraph, region: str | None) -> list[str]:
    """Region node ids from ``region`` up its ``WITHIN`` edges to the top."""
    path: list[str] = []
    while region is not None and region not in path and len(path) < _MAX_DEPTH:
        path.append(region)
        region = next((parent for parent, _ in out_edges_of(G, region, EdgeType.WITHIN)), None)
    return path


def locality(G: nx.MultiDiGraph, company: str, home_region: str) -> Locality:
    """Is the company node local to ``home_region``, in which county, and why."""
    home = node_id("region", home_region)
    located = next((r for r, _ in out_edges_of(G, company, EdgeType.LOCATED_IN)), None)
    path = region_path(G, located)
    if home in path:
        below = path[path.index(home) - 1] if path.index(home) > 0 else None
        return Locality(True, ident(below) if below else None, "region")
    if G.nodes[company].get("local_site"):
        return Locality(True, None, "local_site")
    return Locality(False)


def locality_index(G: nx.MultiDiGraph, home_region: str) -> dict[str, Locality]:
    """Locality of every company node in G, keyed by company id."""
    return {
        data["company_id"]: locality(G, n, home_region)
        for n, data in G.nodes(data=True)
        if data.get("kind") == "company"
    }


def counties(G: nx.MultiDiGraph, home_region: str) -> dict[str, str]:
    """Counties in G: ``{region_id: name}`` of the regions directly under the home region."""
    home = node_id("region", home_region)
    if home not in G:
        return {}
    found = {ident(r): G.nodes[r].get("name", ident(r)) for r, _ in in_edges_of(G, home, EdgeType.WITHIN)}
    return dict(sorted(found.items()))


def memberships(G: nx.MultiDiGraph, company: str) -> dict[str, dict[str, Any]]:
    """The company's ``IN_SEGMENT`` edges: ``{segment_id: edge data}``."""
    return {ident(s): data for s, data in out_edges_of(G, company, EdgeType.IN_SEGMENT)}


def landings_from_plans(plans: Iterable[TargetPlan], statuses: Iterable[PlanStatus]) -> dict[str, list[Landing]]:
    """``{segment_id: [Landing]}`` for each plan whose status is one of ``statuses``."""
    landed = set(statuses)
    out: dict[str, list[Landing]] = {}
    for plan in sorted(plans, key=lambda p: p.plan_id):
        if plan.status in landed:
            for segment_id in plan.segment_ids:
                out.setdefault(segment_id, []).append(Landing(plan.company_id, plan.plan_id))
    return out


def role_in(G: nx.MultiDiGraph, company_id: str, segment_id: str) -> Role:
    """The company's role in the segment from its IN_SEGMENT edge, ``core`` when it has none."""
    node = node_id("company", company_id)
    data = memberships(G, node).get(segment_id) if node in G else None
    return Role(data["role"]) if data else Role.CORE


def company_name(G: nx.MultiDiGraph, company_id: str) -> str:
    node = node_id("company", company_id)
    return str(G.nodes[node].get("name", company_id)) if node in G else company_id


def merge_landings(*parts: Mapping[str, list[Landing]]) -> dict[str, list[Landing]]:
    """Landings of several sources, in order, per segment."""
    out: dict[str, list[Landing]] = {}
    for part in parts:
        for segment_id, items in part.items():
            out.setdefault(segment_id, []).extend(items)
    return out
