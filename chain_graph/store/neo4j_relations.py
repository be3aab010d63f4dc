"""The Neo4j store's relationship queries: paths to the city, 链主 leads, overseas-Chinese ties.

The Cypher is in :mod:`chain_graph.store.cypher`; each function runs inside the managed read
transaction its caller opened. The walk is :func:`chain_graph.paths.shortest_paths`, at most two
bounded queries per hop (the local firms next to each walk's frontier, then the ties of the
frontier, by index), so both stores give the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from chain_graph.facts import LeadFacts, LeadTie, LocalScope, OverseasTie, RankFact
from chain_graph.paths import (
    NearestLocal,
    Neighbours,
    PathEdge,
    PathNode,
    Paths,
    Reach,
    Reached,
    node_of,
    paths_of_companies,
    split_refs,
)
from chain_graph.store import cypher
from chain_graph.store.neo4j_facts import locality_params

__all__ = ["lead_facts", "overseas_ties", "relation_paths"]


def _iso(value: Any) -> str | None:
    value = value.to_native() if hasattr(value, "to_native") else value
    return value.isoformat() if hasattr(value, "isoformat") else value


def _edge(kind: str, p: dict[str, Any]) -> PathEdge:
    source, as_of = p.get("source"), _iso(p.get("as_of"))
    if kind == "SUPPLIES":
        start, end = f"company:{p['supplier_id']}", f"company:{p['customer_id']}"
        return PathEdge("supplies", start, end, p.get("product"), p.get("amount_cny_100m"), None, source, as_of)
    if kind == "HOLDS_SHARES":
        start, end = f"company:{p['holder_id']}", f"company:{p['company_id']}"
        return PathEdge("holds_shares", start, end, None, p.get("share_pct"), None, source, as_of)
    start, end = f"company:{p['company_id']}", f"organisation:{p['organisation_id']}"
    return PathEdge("member_of", start, end, p.get("role"), None, _iso(p.get("since")), source, as_of)


def _nodes(tx: ManagedTransaction, refs: Iterable[str], scope: LocalScope) -> dict[str, PathNode]:
    companies, organisations = split_refs(refs)
    out: dict[str, PathNode] = {}
    for ident, name, region, local_site in _one(tx, cypher.PATH_COMPANIES, {"ids": sorted(set(companies))}):
        local, county, _ = scope.locality(region, bool(local_site))
        out[f"company:{ident}"] = node_of("company", ident, name, local, county)
    if not organisations:  # a round trip saved: most walks start at companies only
        return out
    for ident, name, overseas in _one(tx, cypher.PATH_ORGANISATIONS, {"ids": sorted(set(organisations))}):
        out[f"organisation:{ident}"] = node_of("organisation", ident, name, False, None, bool(overseas))
    return out


def _one(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Any]:
    """The one record's list a query answers (many rows as one record: the driver pays per record)."""
    return list(tx.run(query, params).single(strict=True)[0])


def _node(scope: LocalScope, row: list[Any]) -> PathNode:
    """A path node from PATH_TIES's [organisation?, id, name, region, local_site, overseas]."""
    organisation, ident, name, region, local_site, overseas = row
    if organisation:
        return node_of("organisation", ident, name, False, None, bool(overseas))
    local, county, _ = scope.locality(region, bool(local_site))
    return node_of("company", ident, name, local, county)


def _neighbours(tx: ManagedTransaction, scope: LocalScope) -> Neighbours:
    """The ties the walk goes on by: those whose far end is not a local firm (cypher.PATH_TIES)."""
    loc = locality_params(scope)

    def expand(refs: list[str]) -> tuple[list[PathEdge], dict[str, PathNode]]:
        companies, organisations = split_refs(refs)
        params = {"c": companies, "o": organisations, "athome": loc["athome"]}
        edges: dict[tuple[str, str, str], PathEdge] = {}  # a tie between two frontier nodes comes from each
        nodes: dict[str, PathNode] = {}
        for kind, props, near, far in _one(tx, cypher.PATH_TIES, params):
            edge = _edge(kind, props)
            edges[edge.relation, edge.start, edge.end] = edge
            for node in (_node(scope, near), _node(scope, far)):
                nodes[node.ref] = node
        return list(edges.values()), nodes

    return expand


def _nearest(tx: ManagedTransaction, scope: LocalScope) -> NearestLocal:
    loc = locality_params(scope)

    def nearest(asks: list[Reach]) -> tuple[list[Reached], dict[str, PathNode]]:
        rows = []
        for ask in asks:
            frontier: dict[str, list[dict[str, Any]]] = {"company": [], "organisation": []}
            for pos, ref in enumerate(ask.frontier):
                kind, _, ident = ref.partition(":")
                frontier[kind].append({"pos": pos, "id": ident})
            reached = [r.partition(":")[2] for r in ask.reached]
            rows.append({"walk": ask.walk, "c": frontier["company"], "o": frontier["organisation"], "x": reached,
                         "k": ask.first})  # fmt: skip
        out: list[Reached] = []
        found: dict[str, PathNode] = {}
        for walk, pos, kind, props, ident, name, region, local_site in _one(
            tx, cypher.PATH_NEAREST_LOCAL, {**loc, "asks": rows}
        ):
            out.append(Reached(walk, asks[walk].frontier[pos], _edge(kind, props)))
            local, county, _ = scope.locality(region, bool(local_site))
            found[f"company:{ident}"] = node_of("company", ident, name, local, county)
        return out, found

    return nearest


def relation_paths(
    tx: ManagedTransaction,
    company_ids: Sequence[str],
    scope: LocalScope,
    *,
    max_hops: int,
    limit: int,
    beyond_direct_supply: bool,
) -> dict[str, Paths]:
    return paths_of_companies(
        company_ids, lambda refs: _nodes(tx, refs, scope), _neighbours(tx, scope), _nearest(tx, scope),
        max_hops=max_hops, limit=limit, beyond_direct_supply=beyond_direct_supply,
    )  # fmt: skip


def lead_facts(tx: ManagedTransaction, scope: LocalScope, leader_id: str | None) -> LeadFacts:
    loc = locality_params(scope)
    query = cypher.LEAD_LEADER if leader_id else cypher.LEAD_LEADERS
    leaders = sorted(r["id"] for r in tx.run(query, {**loc, "leader": leader_id}))
    ties = [
        LeadTie(r["leader_id"], r["leader_name"], r["partner_id"], r["partner_name"], r["direction"], r["product"],
                r["amount"], r["source"], _iso(r["as_of"]))
        for r in tx.run(cypher.LEAD_TIES, {**loc, "ids": leaders})
    ]  # fmt: skip
    partners = sorted({t.partner_id for t in ties})
    rankings: dict[str, list[RankFact]] = defaultdict(list)
    for r in tx.run(cypher.FACT_CANDIDATE_RANKS, {"ids": partners}):
        rankings[r["id"]].append(RankFact(r["id"], r["list_id"], r["year"], r["rank"]))
    local_firms = {r["id"]: int(r["n"]) for r in tx.run(cypher.LEAD_LOCAL_FIRMS, {**loc, "ids": partners})}
    segments: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in tx.run(cypher.LEAD_SEGMENTS, {"ids": sorted({*leaders, *partners})}):
        segments[r["id"]].append((r["segment_id"], r["chain_id"], r["role"]))
    return LeadFacts(ties=ties, rankings=dict(rankings), local_firms=local_firms, segments=dict(segments))


def overseas_ties(tx: ManagedTransaction, company_ids: Sequence[str] | None) -> list[OverseasTie]:
    ids = None if company_ids is None else sorted(set(company_ids))
    return [
        OverseasTie(r["company_id"], r["organisation_id"], r["name"], r["role"], r["source"])
        for r in tx.run(cypher.OVERSEAS_TIES, {"ids": ids})
    ]
