"""The path walk reads the local firms it needs first, walks on only where it must: the paths of one read of every tie.

:func:`chain_graph.paths.shortest_paths` reads each hop in two steps (per walk, the local firms
next to its frontier that it still needs, one row each — the stores' aggregate; then, for walks
still short of paths, every tie). The reference below is the plain breadth-first walk that reads
every tie of the frontier once per hop. On random graphs of companies and organisations both must
give the same paths: in memory (the walk with :func:`chain_graph.paths.nearest_of`) and on each
store (its SQL / Cypher aggregate), and the two-step walk must read fewer rows where paths end early.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chain_graph.facts import LocalScope
from chain_graph.models import Company, Membership, Organisation, Record, Region, Shareholding, Supply
from chain_graph.paths import (
    Path,
    PathEdge,
    PathNode,
    Paths,
    Reach,
    Reached,
    Step,
    nearest_of,
    node_of,
    shortest_paths,
)
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.conftest import STORE_BACKENDS


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
        for hop in range(max_hops):
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
            answer.truncated |= len(following) > cap and hop < max_hops - 1  # a frontier walked on, cut
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


def _expand(nodes: dict[str, PathNode], incident: dict[str, list[PathEdge]], reads: list[tuple[str, int]]) -> Callable[
    [list[str]], tuple[list[PathEdge], dict[str, PathNode]]
]:  # fmt: skip
    def expand(refs: list[str]) -> tuple[list[PathEdge], dict[str, PathNode]]:
        edges = list(dict.fromkeys(e for r in refs for e in incident.get(r, ())))
        reads.append(("ties", len(edges)))
        return edges, {x: nodes[x] for e in edges for x in (e.start, e.end)}

    return expand


def _walk(nodes: dict[str, PathNode], incident: dict[str, list[PathEdge]], sources: list[PathNode], reads: list[
    tuple[str, int]], **kw: Any) -> dict[str, Paths]:  # fmt: skip
    """The walk with an in-memory store: ``reads`` gets the rows each read answers."""
    nearest = nearest_of(_expand(nodes, incident, []))

    def counted(asks: list[Reach]) -> tuple[list[Reached], dict[str, PathNode]]:
        found = nearest(asks)
        reads.append(("nearest", len(found[0])))
        return found

    return shortest_paths(sources, _expand(nodes, incident, reads), counted, **kw)


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
    got = _walk(nodes, incident, sources, [], max_hops=max_hops, limit=limit, frontier_cap=cap,
                beyond_direct_supply=beyond)  # fmt: skip
    want = _reference(sources, nodes, incident, max_hops=max_hops, limit=limit, cap=cap, counts=counts)
    assert _shape(got) == _shape(want)
    assert [p.text for a in got.values() for p in a.paths] == [p.text for a in want.values() for p in a.paths]
    assert {r: a.truncated for r, a in got.items()} == {r: a.truncated for r, a in want.items()}


def test_walks_that_end_at_a_local_firm_never_read_the_ties_they_would_only_pass_through() -> None:
    # c0 — c1 (local) and c0 — c2 — c3 … c9: the path ends at c1 in one hop; the chain beyond c2 is never read
    ties = [("supplies", 0, 1), ("supplies", 0, 2)] + [("supplies", i, i + 1) for i in range(2, 9)]
    nodes, incident = _graph(10, 0, {1}, ties)
    reads: list[tuple[str, int]] = []
    got = _walk(nodes, incident, [nodes["company:c0"]], reads, max_hops=4, limit=1)
    assert _shape(got) == {"company:c0": [("company:c1",)]}
    assert reads == [("nearest", 1)]  # one read, one row: the local firm c1


def test_the_last_hop_reads_only_the_local_firms_it_needs() -> None:
    # c0 — c2 — c3 — c1 (local), each of c2, c3 with ten more non-local neighbours
    ties = [("supplies", 0, 2), ("supplies", 2, 3), ("supplies", 3, 1)]
    ties += [("supplies", 2, k) for k in range(10, 20)] + [("supplies", 3, k) for k in range(20, 29)]
    nodes, incident = _graph(30, 0, {1}, ties)
    reads: list[tuple[str, int]] = []
    got = _walk(nodes, incident, [nodes["company:c0"]], reads, max_hops=3, limit=1)
    assert _shape(got) == {"company:c0": [("company:c2", "company:c3", "company:c1")]}
    # hop 1: no local firm, then c0's one tie; hop 2: none, then c2's 12 ties; hop 3: c1 only
    assert reads == [("nearest", 0), ("ties", 1), ("nearest", 0), ("ties", 12), ("nearest", 1)]


def test_a_hop_reads_one_row_per_walk_however_many_ties_reach_local_firms() -> None:
    # c0 and c1 each supply five non-local firms (c2 … c11), each of which supplies all six local
    # firms c12 … c17 in both directions: 60 ties to local firms two hops out from each source
    ties = [("supplies", s, m) for s in (0, 1) for m in range(2, 12)]
    ties += [("supplies", m, f) for m in range(2, 12) for f in range(12, 18)]
    ties += [("supplies", f, m) for m in range(2, 12) for f in range(12, 18)]
    nodes, incident = _graph(18, 0, set(range(12, 18)), ties)
    reads: list[tuple[str, int]] = []
    got = _walk(nodes, incident, [nodes["company:c0"], nodes["company:c1"]], reads, max_hops=3, limit=1)
    # the smallest local id (c12, by string order), claimed from the first frontier node (c10 < c2 as
    # strings) by its first tie kind and start (c10 supplies c12 before c12 supplies c10)
    assert {r: [[(s.edge.start, s.edge.end) for s in p.steps] for p in a.paths] for r, a in got.items()} == {
        src: [[(src, "company:c10"), ("company:c10", "company:c12")]] for src in ("company:c0", "company:c1")
    }
    assert reads == [("nearest", 0), ("ties", 20), ("nearest", 2)]


# -- the stores' aggregate: the same random worlds written to each store ---------------------------

HOME = [Region(region_id="350500", name="泉州市", level="city"),
        Region(region_id="350582", name="晋江市", parent_id="350500", level="county"),
        Region(region_id="330000", name="浙江省", level="province")]  # fmt: skip


@pytest.fixture(scope="module", params=STORE_BACKENDS)
def fresh_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    Callable[[], AbstractContextManager[Any]]
]:  # fmt: skip
    """Each store backend, emptied for each example (hypothesis runs many in one test)."""
    if request.param == "embedded":
        root = tmp_path_factory.mktemp("walks")
        n = iter(range(10**6))

        @contextmanager
        def embedded() -> Iterator[Any]:
            store = EmbeddedStore(root / f"db{next(n)}")
            try:
                yield store
            finally:
                store.close()

        yield embedded
        return
    from chain_graph.config import get_settings
    from chain_graph.store.neo4j import Neo4jStore

    neo = Neo4jStore(request.getfixturevalue("neo4j_driver"), database=get_settings().neo4j_database)

    @contextmanager
    def cleared() -> Iterator[Any]:
        neo.clear()
        yield neo

    yield cleared
    neo.clear()


def _records(local: set[int], by_site: set[int], ties: list[tuple[str, int, int]]) -> list[Record]:
    """N companies (local ones in 晋江, or with a local site in 浙江 when in ``by_site``), 4 organisations, the ties."""
    records: list[Record] = [*HOME]
    for i in range(N):
        site = i in local and i in by_site
        region = "350582" if i in local and not site else "330000"
        records.append(Company(company_id=f"c{i}", name=f"示例企业{i}（示例）", region=region, local_site=site))
    records += [Organisation(organisation_id=f"o{i}", name=f"示例商会{i}（示例）", kind="chamber") for i in range(4)]
    for n, (relation, a, b) in enumerate(ties):
        if relation == "member_of":
            records.append(Membership(company_id=f"c{a}", organisation_id=f"o{b % 4}", role=f"会员{n}",
                                      since="2020-01-01", source="illustrative: test"))  # fmt: skip
        elif a != b and relation == "supplies":
            records.append(Supply(supplier_id=f"c{a}", customer_id=f"c{b}", product=f"产品{n}", amount_cny_100m=n,
                                  source="illustrative: test", as_of="2025-01-01"))  # fmt: skip
        elif a != b:
            records.append(Shareholding(holder_id=f"c{a}", company_id=f"c{b}", share_pct=n + 1,
                                        source="illustrative: test"))  # fmt: skip
    return list({(r.KIND, r.key): r for r in records}.values())  # the last tie of a pair wins, as in a store


def _in_memory(records: list[Record], local: set[int]) -> tuple[dict[str, PathNode], dict[str, list[PathEdge]]]:
    nodes = {f"company:c{i}": node_of("company", f"c{i}", f"示例企业{i}（示例）", i in local) for i in range(N)}
    nodes |= {f"organisation:o{i}": node_of("organisation", f"o{i}", f"示例商会{i}（示例）", False) for i in range(4)}
    incident: dict[str, list[PathEdge]] = {}
    for r in records:
        if isinstance(r, Supply):
            edge = PathEdge("supplies", f"company:{r.supplier_id}", f"company:{r.customer_id}", r.product,
                            r.amount_cny_100m, None, r.source, "2025-01-01")  # fmt: skip
        elif isinstance(r, Shareholding):
            edge = PathEdge("holds_shares", f"company:{r.holder_id}", f"company:{r.company_id}", None, r.share_pct,
                            None, r.source, None)  # fmt: skip
        elif isinstance(r, Membership):
            edge = PathEdge("member_of", f"company:{r.company_id}", f"organisation:{r.organisation_id}", r.role, None,
                            "2020-01-01", r.source, None)  # fmt: skip
        else:
            continue
        incident.setdefault(edge.start, []).append(edge)
        incident.setdefault(edge.end, []).append(edge)
    return nodes, incident


def _steps(answers: dict[str, Paths]) -> dict[str, list[tuple[Any, ...]]]:
    """Each path, hop by hop: the tie as stored (kind, ends, details, provenance) and where it was walked from."""
    return {ref.partition(":")[2]: [(p.to.id, p.to.local, *[(s.edge, s.walk_from) for s in p.steps]) for p in a.paths]
            for ref, a in answers.items()}  # fmt: skip


N = 12  # companies c0 … c11 and organisations o0 … o3, densely tied
STORE_TIES = st.lists(st.tuples(st.sampled_from(["supplies", "holds_shares", "member_of"]), st.integers(0, N - 1),
                                st.integers(0, N - 1)), min_size=10, max_size=40)  # fmt: skip


# the tie-breaks: c2 two hops from c0 through c1 (before c3), by c2's shareholding in c1 (tie kind before start)
TIE_BREAKS = [("supplies", 0, 1), ("holds_shares", 2, 1), ("supplies", 1, 2), ("supplies", 0, 3), ("supplies", 3, 2),
              ("supplies", 4, 3)]  # fmt: skip
# a firm reached in one hop is not reached again (c2); through an organisation to a firm local by its site (c5)
REACHED = [("supplies", 0, 2), ("supplies", 0, 1), ("supplies", 1, 2), ("member_of", 1, 0), ("member_of", 5, 0),
           ("holds_shares", 6, 0), ("supplies", 2, 6)]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(local={2, 4}, by_site=set(), ties=TIE_BREAKS)
@example(local={2, 5}, by_site={5}, ties=REACHED)
@given(local=st.sets(st.integers(0, N - 1), min_size=1, max_size=5), by_site=st.sets(st.integers(0, N - 1)),
       ties=STORE_TIES)  # fmt: skip
def test_each_store_finds_the_paths_of_the_plain_walk(
    fresh_store: Callable[[], AbstractContextManager[Any]], local: set[int], by_site: set[int],
    ties: list[tuple[str, int, int]],
) -> None:  # fmt: skip
    # ties both ways, shareholdings and memberships through organisations, local firms by county or by
    # local site; many ways of equal length, where the tie order decides which one the walk keeps
    records = _records(local, by_site, ties)
    nodes, incident = _in_memory(records, local)
    ids = [f"c{i}" for i in range(N)]
    scope = LocalScope.of("350500", HOME)
    with fresh_store() as store:
        store.apply(Batch(upserts=records))
        for max_hops, limit, beyond in [(1, 20, False), (2, 1, True), (3, 1, True), (3, 2, False), (4, 3, True)]:
            got = store.relation_paths(ids, scope, max_hops=max_hops, limit=limit, beyond_direct_supply=beyond)
            counts: Callable[[Path], bool] = (lambda p: not p.direct_supply) if beyond else (lambda p: True)
            want = _reference([nodes[f"company:{i}"] for i in ids], nodes, incident, max_hops=max_hops, limit=limit,
                              cap=2000, counts=counts)  # fmt: skip
            assert _steps({f"company:{k}": v for k, v in got.items()}) == _steps(want), (max_hops, limit, beyond)
