"""The path walk reads ties to local firms first and walks on only where it must: same paths as one read of every tie.

:func:`chain_graph.paths.shortest_paths` reads each hop in two steps (ties whose far end is a
local firm; then, for walks still short of paths, every tie). The reference below is the plain
breadth-first walk that reads every tie of the frontier once per hop; on random graphs of
companies and organisations both must give the same paths, and the two-step walk must read
fewer ties where paths end early.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from chain_graph.paths import Path, PathEdge, PathNode, Paths, Step, node_of, shortest_paths


def _graph(n_companies: int, n_orgs: int, local: set[int], ties: list[tuple[str, int, int]]) -> tuple[
    dict[str, PathNode], dict[str, list[PathEdge]]
]:  # fmt: skip
    nodes = {f"company:c{i}": node_of("company", f"c{i}", f"企业{i}", i in local) for i in range(n_companies)}
    nodes |= {f"organisation:o{i}": node_of("organisation", f"o{i}", f"商会{i}", False) for i in range(n_orgs)}
    incident: dict[str, list[PathEdge]] = {}
    for relation, a, b in ties:
        start = f"company:c{a}"
        end = f"organisation:o{b % max(n_orgs, 1)}" if relation == "member_of" else f"company:c{b}"
        if start == end or end not in nodes:
            continue
        edge = PathEdge(relation, start, end, None, None, None, "test", None)
        incident.setdefault(start, []).append(edge)
        incident.setdefault(end, []).append(edge)
    return nodes, incident


def _reference(sources: list[PathNode], nodes: dict[str, PathNode], incident: dict[str, list[PathEdge]], *,
               max_hops: int, limit: int, cap: int, counts: Callable[[Path], bool]) -> dict[str, Paths]:  # fmt: skip
    """The plain walk: every tie of the frontier each hop, far nodes claimed in path order."""
    out = {}
    for source in sources:
        answer = Paths(source, max_hops)
        seen: dict[str, tuple[str, ...]] = {source.ref: (source.ref,)}
        steps: dict[str, tuple[Step, ...]] = {source.ref: ()}
        frontier = [] if source.local else [source.ref]
        for _ in range(max_hops):
            following = []
            for ref in sorted(frontier, key=lambda r: seen[r]):
                for edge in sorted(incident.get(ref, ()), key=lambda e: (e.other(ref), e.relation, e.start)):
                    far = edge.other(ref)
                    if far in seen:
                        continue
                    seen[far] = (*seen[ref], far)
                    steps[far] = (*steps[ref], Step(edge, nodes[edge.start], nodes[edge.end], ref))
                    if nodes[far].local:
                        answer.paths.append(Path(nodes[far], steps[far]))
                    else:
                        following.append(far)
            frontier = following[:cap]
            if sum(1 for p in answer.paths if counts(p)) >= limit or not frontier:
                break
        kept, n = [], 0
        for path in sorted(answer.paths, key=lambda p: (p.hops, p.to.id)):
            if counts(path):
                if n == limit:
                    break
                n += 1
            kept.append(path)
        answer.paths = kept
        out[source.ref] = answer
    return out


def _expand(nodes: dict[str, PathNode], incident: dict[str, list[PathEdge]], reads: list[int]) -> Callable[
    [list[str], bool], tuple[list[PathEdge], dict[str, PathNode]]
]:  # fmt: skip
    def expand(refs: list[str], local_only: bool) -> tuple[list[PathEdge], dict[str, PathNode]]:
        asked = set(refs)
        edges = [e for e in dict.fromkeys(e for r in refs for e in incident.get(r, ()))
                 if not local_only or any(nodes[x].local for x in (e.start, e.end) if x not in asked)]  # fmt: skip
        reads.append(len(edges))
        return edges, {x: nodes[x] for e in edges for x in (e.start, e.end)}

    return expand


def _shape(answers: dict[str, Paths]) -> dict[str, list[tuple[str, ...]]]:
    return {ref: [tuple(s.edge.other(s.walk_from) for s in p.steps) for p in a.paths] for ref, a in answers.items()}


TIES = st.lists(st.tuples(st.sampled_from(["supplies", "holds_shares", "member_of"]), st.integers(0, 29),
                          st.integers(0, 29)), max_size=90)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(local=st.sets(st.integers(0, 29), max_size=12), ties=TIES, max_hops=st.integers(1, 4),
       limit=st.integers(1, 4), beyond=st.booleans(), cap=st.sampled_from([2, 2000]))  # fmt: skip
def test_two_step_walk_finds_the_paths_of_the_plain_walk(
    local: set[int], ties: list[tuple[str, int, int]], max_hops: int, limit: int, beyond: bool, cap: int
) -> None:
    nodes, incident = _graph(30, 5, local, ties)
    sources = [nodes[f"company:c{i}"] for i in range(0, 30, 3)]
    counts: Callable[[Path], bool] = (lambda p: not p.direct_supply) if beyond else (lambda p: True)
    got = shortest_paths(sources, _expand(nodes, incident, []), max_hops=max_hops, limit=limit,
                         frontier_cap=cap, counts=counts)  # fmt: skip
    want = _reference(sources, nodes, incident, max_hops=max_hops, limit=limit, cap=cap, counts=counts)
    assert _shape(got) == _shape(want)
    assert [p.text for a in got.values() for p in a.paths] == [p.text for a in want.values() for p in a.paths]


def test_walks_that_end_at_a_local_firm_never_read_the_ties_they_would_only_pass_through() -> None:
    # c0 — c1 (local) and c0 — c2 — c3 … c9: the path ends at c1 in one hop; the chain beyond c2 is never read
    ties = [("supplies", 0, 1), ("supplies", 0, 2)] + [("supplies", i, i + 1) for i in range(2, 9)]
    nodes, incident = _graph(10, 0, {1}, ties)
    reads: list[int] = []
    got = shortest_paths([nodes["company:c0"]], _expand(nodes, incident, reads), max_hops=4, limit=1)
    assert _shape(got) == {"company:c0": [("company:c1",)]}
    assert reads == [1]  # one read, of the one tie to a local firm


def test_the_last_hop_reads_only_ties_to_local_firms() -> None:
    # c0 — c2 — c3 — c1 (local), each of c2, c3 with ten more non-local neighbours
    ties = [("supplies", 0, 2), ("supplies", 2, 3), ("supplies", 3, 1)]
    ties += [("supplies", 2, k) for k in range(10, 20)] + [("supplies", 3, k) for k in range(20, 29)]
    nodes, incident = _graph(30, 0, {1}, ties)
    reads: list[int] = []
    got = shortest_paths([nodes["company:c0"]], _expand(nodes, incident, reads), max_hops=3, limit=1)
    assert _shape(got) == {"company:c0": [("company:c2", "company:c3", "company:c1")]}
    # hop 1: 0 local ties, then c0's one tie; hop 2: 0 local, then c2's 12 ties; hop 3: c3 … c1 only
    assert reads == [0, 1, 0, 12, 1]
