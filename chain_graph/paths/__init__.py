"""Relationship paths that bring a target in: the shortest explainable ways from a firm to the city.

Three kinds of ties are walked, in either direction, each a stored record with its provenance:
``supplies`` (a supply tie), ``holds_shares`` (a shareholding, with its share), ``member_of`` (a
firm's membership of a 商会 / 同乡会 / association, with role and since). A path starts at the
target, passes through firms that are not local and through organisations, and ends at the first
local firm it reaches; it has at most ``max_hops`` hops (default 3).

The stores answer only bounded questions per hop, through their indexes (SQL in the embedded
store, Cypher in Neo4j), in one read transaction: first, per walk, the local firms next to its
frontier, each once with the tie the walk would claim it by, only as many as the walk still needs
(:class:`NearestLocal`, one row per walk and firm); then, for walks still short of paths, every
tie of their frontier (:class:`Neighbours`). :func:`shortest_paths` walks breadth first over the
answers. Both stores therefore give the same answer: for each local firm reached, the shortest
path to it that comes first in the order of its node ids (then its tie kinds), the paths ordered
by hops and then by the local firm's id, at most ``limit`` of them. A frontier holds at most
``frontier_cap`` nodes (the first in path order); an answer cut by that cap says ``truncated``.

This module sits beside :mod:`chain_graph.facts`: it imports no store.

Example
-------
>>> a = PathNode("company:t", "company", "t", "目标", False)
>>> b = PathNode("company:l", "company", "l", "本地", True)
>>> tie = PathEdge("supplies", "company:l", "company:t", "面料", 1.5, None, "public: S1", "2024-01-01")
>>> ties = lambda refs: ([tie], {a.ref: a, b.ref: b})
>>> answer = shortest_paths([a], ties, nearest_of(ties))["company:t"]
>>> [(p.to.name, p.hops, p.steps[0].text) for p in answer.paths]
[('本地', 1, '本地 供货给 目标（面料，1.5 亿元）')]
"""

from chain_graph.paths.records import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    FRONTIER_CAP,
    MAX_HOPS,
    RELATIONS,
    NearestLocal,
    Neighbours,
    Path,
    PathEdge,
    PathNode,
    Paths,
    Reach,
    Reached,
    Step,
    company_ref,
    node_of,
    organisation_ref,
    split_refs,
)
from chain_graph.paths.walk import nearest_of, paths_of_companies, shortest_paths

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_HOPS",
    "FRONTIER_CAP",
    "MAX_HOPS",
    "RELATIONS",
    "NearestLocal",
    "Neighbours",
    "Path",
    "PathEdge",
    "PathNode",
    "Paths",
    "Reach",
    "Reached",
    "Step",
    "company_ref",
    "nearest_of",
    "node_of",
    "organisation_ref",
    "paths_of_companies",
    "shortest_paths",
    "split_refs",
]
