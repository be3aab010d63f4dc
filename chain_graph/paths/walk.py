"""The walk: each source's shortest paths to local firms, breadth first over what the stores answer per hop.

See :mod:`chain_graph.paths` for the rule both stores follow; the records walked over are
:mod:`chain_graph.paths.records`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from chain_graph.paths.records import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    FRONTIER_CAP,
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
)

__all__ = [
    "nearest_of",
    "paths_of_companies",
    "shortest_paths",
]


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
