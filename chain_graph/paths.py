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

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_MAX_HOPS",
    "MAX_HOPS",
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
# their ends (with locality). One bounded, indexed query per kind of tie. The walk goes on by the
# ties whose far end is not a local firm only (:func:`_walk_on`), so a store may leave the others
# out (Neo4j does); :func:`nearest_of`, the in-memory rule, reads the local firms from them.
Neighbours = Callable[[list[str]], tuple[list[PathEdge], dict[str, PathNode]]]


@dataclass(frozen=True, slots=True)
class Reach:
    """One walk's question at one hop: which local firms are next to its frontier?

    ``frontier`` is in path order; ``reached`` are the local firms the walk has already reached
    (never reached twice); ``first`` is how many firms it needs, the smallest ids first (``None``:
    every one).
    """

    walk: int
    frontier: tuple[str, ...]
    reached: tuple[str, ...]
    first: int | None


@dataclass(frozen=True, slots=True)
class Reached:
    """A local firm next to a walk's frontier (``edge.other(via)``), by the tie the walk claims it by."""

    walk: int
    via: str  # a frontier node's ref
    edge: PathEdge


# The store's answer to a hop's :class:`Reach` questions, one row per walk and local firm: each local
# firm next to the walk's frontier and not yet reached, by the tie that comes first in the walk's
# order — from the frontier node first in path order, then by tie kind, then by the tie's start —
# the ``first`` firms with the smallest ids; and the firms as nodes. The counting is the store's
# (a window over an indexed join), so a hop reads as many rows as paths it can keep, not every
# tie of the frontier. :func:`nearest_of` is the same rule over ties held in memory.
NearestLocal = Callable[[list[Reach]], tuple[list[Reached], dict[str, PathNode]]]


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
    nearest: NearestLocal,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    frontier_cap: int = FRONTIER_CAP,
    beyond_direct_supply: bool = False,
) -> dict[str, Paths]:
    """Each source's shortest paths to local firms, walked together: at most two reads per hop.

    A source stops once it has ``limit`` paths that count (with ``beyond_direct_supply``, the
    candidate score's rule, a single supply tie with a local firm does not count); a local source
    has no paths.
    """
    walks = {s.ref: _Walk(Paths(s, max_hops), {s.ref: (s.ref,)}, {s.ref: ()}, [s.ref], s.local) for s in sources}
    nodes: dict[str, PathNode] = {s.ref: s for s in sources}
    for hop in range(max_hops):
        active = [w for w in walks.values() if not w.done and w.frontier]
        if not active:
            break
        # Each hop in two reads: first the local firms next to the frontiers (where paths end), only
        # as many as each walk still needs; then, only for the walks still short of their paths and
        # only before the last hop, every tie (to walk on). A far node is claimed by the first
        # frontier node in path order either way, so the paths are those of one read of every tie.
        # Every path of two hops or more counts; at the first hop, without beyond_direct_supply too.
        every = hop == 0 and beyond_direct_supply
        _reach_local(active, nearest, nodes, limit=None if every else limit, beyond=beyond_direct_supply)
        for walk in active:
            walk.done = _counted(walk, beyond_direct_supply) >= limit
        onward = [w for w in active if not w.done] if hop < max_hops - 1 else []
        if not onward:
            for walk in active:
                walk.frontier = []
            continue
        incident = _incident(neighbours, onward, nodes)
        for walk in onward:
            _walk_on(walk, incident, nodes, frontier_cap)
    for walk in walks.values():
        walk.answer.paths = _first(
            sorted(walk.answer.paths, key=lambda p: (p.hops, p.to.id)), limit, beyond_direct_supply
        )
    return {ref: w.answer for ref, w in walks.items()}


def paths_of_companies(
    company_ids: Sequence[str],
    nodes: Callable[[list[str]], dict[str, PathNode]],
    neighbours: Neighbours,
    nearest: NearestLocal,
    *,
    max_hops: int,
    limit: int,
    beyond_direct_supply: bool,
) -> dict[str, Paths]:
    """Each existing company's shortest paths to local firms, by company id: what every store's
    ``relation_paths`` answers, given its look-up of nodes by ref, its ``neighbours`` and ``nearest``."""
    sources = nodes([company_ref(c) for c in company_ids])
    answers = shortest_paths(
        [sources[k] for k in sorted(sources)],
        neighbours,
        nearest,
        max_hops=max_hops,
        limit=limit,
        beyond_direct_supply=beyond_direct_supply,
    )
    return {a.company.id: a for a in answers.values()}


def nearest_of(neighbours: Neighbours) -> NearestLocal:
    """The :class:`NearestLocal` answer worked out from every tie of the frontiers: the rule the
    stores' queries follow, for ties held in memory (the reference store, examples)."""

    def nearest(asks: list[Reach]) -> tuple[list[Reached], dict[str, PathNode]]:
        edges, found = neighbours(sorted({ref for a in asks for ref in a.frontier}))
        incident = _by_ref(edges)
        out: list[Reached] = []
        for ask in asks:
            best: dict[str, tuple[tuple[int, str, str], Reached]] = {}
            for pos, ref in enumerate(ask.frontier):
                for edge in incident.get(ref, ()):
                    far = edge.other(ref)
                    key = (pos, edge.relation, edge.start)
                    if found[far].local and far not in ask.reached and (far not in best or key < best[far][0]):
                        best[far] = (key, Reached(ask.walk, ref, edge))
            out += [best[far][1] for far in sorted(best)[: ask.first]]
        return out, {r.edge.other(r.via): found[r.edge.other(r.via)] for r in out}

    return nearest


def _by_ref(edges: Iterable[PathEdge]) -> dict[str, list[PathEdge]]:
    incident: dict[str, list[PathEdge]] = {}
    for edge in edges:
        for ref in {edge.start, edge.end}:
            incident.setdefault(ref, []).append(edge)
    return incident


def _incident(neighbours: Neighbours, walks: list[_Walk], nodes: dict[str, PathNode]) -> dict[str, list[PathEdge]]:
    """One read of every tie of the walks' frontiers, by the refs they touch."""
    edges, found = neighbours(sorted({ref for w in walks for ref in w.frontier}))
    nodes.update(found)
    return _by_ref(edges)


def _in_path_order(walk: _Walk) -> list[str]:
    return sorted(walk.frontier, key=lambda r: walk.seen[r])


def _ties_in_order(walk: _Walk, incident: dict[str, list[PathEdge]]) -> Iterator[tuple[str, PathEdge, str]]:
    """From each frontier node in path order, each tie in the order of its far end, not yet seen
    (checked as each is handed out, so a node claimed earlier in the same pass is skipped)."""
    for ref in _in_path_order(walk):
        for edge in sorted(incident.get(ref, ()), key=lambda e: (e.other(ref), e.relation, e.start)):
            far = edge.other(ref)
            if far not in walk.seen:
                yield ref, edge, far


def _claim(walk: _Walk, ref: str, edge: PathEdge, far: str, nodes: dict[str, PathNode]) -> None:
    walk.seen[far] = (*walk.seen[ref], far)
    walk.steps[far] = (*walk.steps[ref], Step(edge, nodes[edge.start], nodes[edge.end], ref))


def _reach_local(
    walks: list[_Walk], nearest: NearestLocal, nodes: dict[str, PathNode], *, limit: int | None, beyond: bool
) -> None:
    """One hop's paths: the local firms next to the frontiers, as many as each walk still needs
    (``limit`` minus the paths it has that count; ``None``: every one), from one read."""
    asks = [
        Reach(i, tuple(_in_path_order(w)), tuple(sorted(p.to.ref for p in w.answer.paths)),
              None if limit is None else limit - _counted(w, beyond))
        for i, w in enumerate(walks)
    ]  # fmt: skip
    reached, found = nearest(asks)
    nodes.update(found)
    for r in reached:
        walk, far = walks[r.walk], r.edge.other(r.via)
        _claim(walk, r.via, r.edge, far, nodes)
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


def _counts(path: Path, beyond: bool) -> bool:
    return not (beyond and path.direct_supply)


def _counted(walk: _Walk, beyond: bool) -> int:
    return sum(1 for p in walk.answer.paths if _counts(p, beyond))


def _first(paths: list[Path], limit: int, beyond: bool) -> list[Path]:
    """The paths up to the ``limit``-th one that counts."""
    kept: list[Path] = []
    n = 0
    for path in paths:
        if _counts(path, beyond):
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
