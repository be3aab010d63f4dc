"""Relationship paths that bring a target in: the shortest explainable ways from a firm to the city.

Three kinds of ties are walked, in either direction, each a stored record with its provenance:
``supplies`` (a supply tie), ``holds_shares`` (a shareholding, with its share), ``member_of`` (a
firm's membership of a 商会 / 同乡会 / association, with role and since). A path starts at the
target, passes through firms that are not local and through organisations, and ends at the first
local firm it reaches; it has at most ``max_hops`` hops (default 3).

The stores answer only bounded questions per hop — the ties of a frontier of nodes whose far
end is a local firm, then, for walks still short of paths, every tie of their frontier
(:class:`Neighbours`), through their indexes (SQL in the embedded store, Cypher in Neo4j), in
one read transaction — and :func:`shortest_paths` walks breadth first over the answers. Both
stores therefore give the same answer: for each local firm reached, the shortest path to it that
comes first in the order of its node ids (then its tie kinds), the paths ordered by hops and then
by the local firm's id, at most ``limit`` of them. A frontier holds at most ``frontier_cap`` nodes
(the first in path order); an answer cut by that cap says ``truncated``.

This module sits beside :mod:`chain_graph.facts`: it imports no store.

Example
-------
>>> a = PathNode("company:t", "company", "t", "目标", False)
>>> b = PathNode("company:l", "company", "l", "本地", True)
>>> tie = PathEdge("supplies", "company:l", "company:t", "面料", 1.5, None, "public: S1", "2024-01-01")
>>> answer = shortest_paths([a], lambda refs, local_only: ([tie], {b.ref: b}))["company:t"]
>>> [(p.to.name, p.hops, p.steps[0].text) for p in answer.paths]
[('本地', 1, '本地 供货给 目标（面料，1.5 亿元）')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_MAX_HOPS",
    "MAX_HOPS",
    "Neighbours",
    "Path",
    "PathEdge",
    "PathNode",
    "Paths",
    "Step",
    "company_ref",
    "node_of",
    "organisation_ref",
    "paths_of_companies",
    "shortest_paths",
    "split_refs",
]

DEFAULT_MAX_HOPS = 3
MAX_HOPS = 4  # the most a caller may ask for: a path is an argument a planner can tell in one breath
DEFAULT_LIMIT = 20
FRONTIER_CAP = 2000
RELATIONS = ("supplies", "holds_shares", "member_of")


def company_ref(company_id: str) -> str:
    return f"company:{company_id}"


def organisation_ref(organisation_id: str) -> str:
    return f"organisation:{organisation_id}"


@dataclass(frozen=True, slots=True)
class PathNode:
    """A company or an organisation as a path shows it (``local``: a local firm, where a path ends)."""

    ref: str  # "company:<id>" | "organisation:<id>"
    kind: str  # "company" | "organisation"
    id: str
    name: str
    local: bool
    county: str | None = None
    overseas_chinese: bool = False  # an organisation of overseas Chinese (泉籍海外社团)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "local": self.local, "county": self.county,
                "overseas_chinese": self.overseas_chinese}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PathEdge:
    """One stored tie, in its own direction: ``start`` supplies / holds shares in / is a member of ``end``."""

    relation: str  # one of RELATIONS
    start: str  # node ref
    end: str  # node ref
    detail: str | None  # product (supplies) or role (member_of)
    amount: float | None  # 亿元 (supplies) or per cent (holds_shares)
    since: str | None  # member_of: since (ISO date)
    source: str | None
    as_of: str | None

    def other(self, ref: str) -> str:
        return self.end if ref == self.start else self.start


# The ties of a frontier: every stored tie that starts or ends at one of the refs, and the nodes at
# their far ends (with locality). One bounded, indexed query per kind of tie. With ``local_only``
# the store answers only the ties whose far end is a local firm (filtered in its query, so the
# rows that a walk would only pass through are never read).
Neighbours = Callable[[list[str], bool], tuple[list[PathEdge], dict[str, PathNode]]]


@dataclass(frozen=True)
class Step:
    """One hop of a path: the tie as stored (its own direction), walked from ``walk_from`` to ``walk_to``."""

    edge: PathEdge
    start: PathNode
    end: PathNode
    walk_from: str  # node ref

    @property
    def text(self) -> str:
        """The tie as one sentence, in its own direction."""
        e, a, b = self.edge, self.start.name, self.end.name
        if e.relation == "supplies":
            extra = "，".join(x for x in (e.detail, f"{e.amount:g} 亿元" if e.amount is not None else None) if x)
            return f"{a} 供货给 {b}" + (f"（{extra}）" if extra else "")
        if e.relation == "holds_shares":
            return f"{a} 持有 {b} " + (f"{e.amount:g}% 股份" if e.amount is not None else "股份")
        extra = "，".join(x for x in (e.detail, f"{e.since} 起" if e.since else None) if x)
        return f"{a} 是 {b} 的成员" + (f"（{extra}）" if extra else "")

    def to_dict(self) -> dict[str, Any]:
        e = self.edge
        return {
            "relation": e.relation,
            "start": self.start.to_dict(),
            "end": self.end.to_dict(),
            "walked": "forward" if self.walk_from == e.start else "backward",
            "detail": e.detail,
            "amount": e.amount,
            "since": e.since,
            "source": e.source,
            "as_of": e.as_of,
            "text": self.text,
        }


@dataclass(frozen=True)
class Path:
    """A shortest path from the target to one local firm (``to``)."""

    to: PathNode
    steps: tuple[Step, ...]

    @property
    def hops(self) -> int:
        return len(self.steps)

    @property
    def direct_supply(self) -> bool:
        """A single supply tie with a local firm (the candidate score counts those as ``supply_ties``)."""
        return self.hops == 1 and self.steps[0].edge.relation == "supplies"

    @property
    def text(self) -> str:
        return "；".join(s.text for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "to": self.to.to_dict(),
            "hops": self.hops,
            "text": self.text,
            "steps": [s.to_dict() for s in self.steps],
        }


@dataclass
class Paths:
    """The answer for one target: its paths to local firms, shortest first."""

    company: PathNode
    max_hops: int
    paths: list[Path] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company.to_dict(),
            "max_hops": self.max_hops,
            "truncated": self.truncated,
            "paths": [p.to_dict() for p in self.paths],
        }


@dataclass
class _Walk:
    """One source's breadth-first walk."""

    answer: Paths
    seen: dict[str, tuple[str, ...]]  # node ref -> the node refs of its path from the source
    steps: dict[str, tuple[Step, ...]]
    frontier: list[str]
    done: bool = False


def shortest_paths(
    sources: Sequence[PathNode],
    neighbours: Neighbours,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    frontier_cap: int = FRONTIER_CAP,
    counts: Callable[[Path], bool] = lambda p: True,
) -> dict[str, Paths]:
    """Each source's shortest paths to local firms, walked together: one ``neighbours`` call per hop.

    A source stops once it has ``limit`` paths that ``counts`` (the candidate score counts only paths
    that are more than a direct supply tie); a local source has no paths.
    """
    walks = {s.ref: _Walk(Paths(s, max_hops), {s.ref: (s.ref,)}, {s.ref: ()}, [s.ref], s.local) for s in sources}
    nodes: dict[str, PathNode] = {s.ref: s for s in sources}
    for hop in range(max_hops):
        active = [w for w in walks.values() if not w.done and w.frontier]
        if not active:
            break
        # Each hop in two reads: first the ties to local firms (where paths end), then, only for the
        # walks still short of their paths and only before the last hop, every tie (to walk on).
        # A far node is claimed by the first frontier node in path order either way, so the paths
        # are those of one read of every tie; the walks that end here never read the rest.
        incident = _incident(neighbours, active, nodes, local_only=True)
        for walk in active:
            _reach_local(walk, incident, nodes)
            walk.done = sum(1 for p in walk.answer.paths if counts(p)) >= limit
        onward = [w for w in active if not w.done] if hop < max_hops - 1 else []
        if not onward:
            for walk in active:
                walk.frontier = []
            continue
        incident = _incident(neighbours, onward, nodes, local_only=False)
        for walk in onward:
            _walk_on(walk, incident, nodes, frontier_cap)
    for walk in walks.values():
        walk.answer.paths = _first(sorted(walk.answer.paths, key=lambda p: (p.hops, p.to.id)), limit, counts)
    return {ref: w.answer for ref, w in walks.items()}


def paths_of_companies(
    company_ids: Sequence[str],
    nodes: Callable[[list[str]], dict[str, PathNode]],
    neighbours: Neighbours,
    *,
    max_hops: int,
    limit: int,
    beyond_direct_supply: bool,
) -> dict[str, Paths]:
    """Each existing company's shortest paths to local firms, by company id: what every store's
    ``relation_paths`` answers, given its look-up of nodes by ref and its ``neighbours``."""
    sources = nodes([company_ref(c) for c in company_ids])
    answers = shortest_paths(
        [sources[k] for k in sorted(sources)],
        neighbours,
        max_hops=max_hops,
        limit=limit,
        counts=(lambda p: not p.direct_supply) if beyond_direct_supply else (lambda p: True),
    )
    return {a.company.id: a for a in answers.values()}


def _incident(
    neighbours: Neighbours, walks: list[_Walk], nodes: dict[str, PathNode], *, local_only: bool
) -> dict[str, list[PathEdge]]:
    """One read of the ties of the walks' frontiers, by the refs they touch."""
    edges, found = neighbours(sorted({ref for w in walks for ref in w.frontier}), local_only)
    nodes.update(found)
    incident: dict[str, list[PathEdge]] = {}
    for edge in edges:
        for ref in {edge.start, edge.end}:
            incident.setdefault(ref, []).append(edge)
    return incident


def _ties_in_order(walk: _Walk, incident: dict[str, list[PathEdge]]) -> Iterator[tuple[str, PathEdge, str]]:
    """From each frontier node in path order, each tie in the order of its far end, not yet seen
    (checked as each is handed out, so a node claimed earlier in the same pass is skipped)."""
    for ref in sorted(walk.frontier, key=lambda r: walk.seen[r]):
        for edge in sorted(incident.get(ref, ()), key=lambda e: (e.other(ref), e.relation, e.start)):
            far = edge.other(ref)
            if far not in walk.seen:
                yield ref, edge, far


def _claim(walk: _Walk, ref: str, edge: PathEdge, far: str, nodes: dict[str, PathNode]) -> None:
    walk.seen[far] = (*walk.seen[ref], far)
    walk.steps[far] = (*walk.steps[ref], Step(edge, nodes[edge.start], nodes[edge.end], ref))


def _reach_local(walk: _Walk, incident: dict[str, list[PathEdge]], nodes: dict[str, PathNode]) -> None:
    """One hop's paths: the local firms next to the frontier."""
    for ref, edge, far in _ties_in_order(walk, incident):
        if far in nodes and nodes[far].local:
            _claim(walk, ref, edge, far, nodes)
            walk.answer.paths.append(Path(nodes[far], walk.steps[far]))


def _walk_on(walk: _Walk, incident: dict[str, list[PathEdge]], nodes: dict[str, PathNode], cap: int) -> None:
    """One hop's next frontier: the nodes next to the frontier that are not local firms."""
    following: list[str] = []
    for ref, edge, far in _ties_in_order(walk, incident):
        if far in nodes and not nodes[far].local:
            _claim(walk, ref, edge, far, nodes)
            following.append(far)
    if len(following) > cap:
        walk.answer.truncated = True
        following = following[:cap]
    walk.frontier = following


def _first(paths: list[Path], limit: int, counts: Callable[[Path], bool]) -> list[Path]:
    """The paths up to the ``limit``-th one that counts."""
    kept: list[Path] = []
    n = 0
    for path in paths:
        if counts(path):
            if n == limit:
                break
            n += 1
        kept.append(path)
    return kept


def node_of(
    kind: str, ident: str, name: str, local: bool, county: str | None = None, overseas: bool = False
) -> PathNode:
    """A path node from a store's row."""
    ref = company_ref(ident) if kind == "company" else organisation_ref(ident)
    return PathNode(ref, kind, ident, name, local, county, overseas)


def split_refs(refs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Company ids and organisation ids among node refs."""
    companies: list[str] = []
    organisations: list[str] = []
    for ref in refs:
        kind, _, ident = ref.partition(":")
        (companies if kind == "company" else organisations).append(ident)
    return companies, organisations
