"""Fresh after every write, and only what changed is recomputed (on both stores).

The services key every entry by the revisions of what it read (a chain's own revision, the
plans' revision, the landed plans); the cache computes each key once at a time. These tests
count the computations (``RevisionCache.computed``) rather than time anything.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import GATE_OFF
from chain_graph.cache import RevisionCache
from chain_graph.models import Chain, Company, CompanySegment, Kind, Segment
from chain_graph.plans import move_plan
from chain_graph.services import gap_reports, kpi_reports
from chain_graph.store.base import Batch
from tests.factories import plan, small_world

CONFIG = AnalysisConfig()
ISOLATED = [  # a chain that no FEEDS link joins to 纺织 (tex) or 石化 (pc)
    Chain(chain_id="tea", name="茶"),
    Segment(segment_id="tea.leaf", chain_id="tea", name="茶叶种植", stage="upstream"),
    Company(company_id="tea-co", name="安溪示例茶业", region="350582"),
]


def _ask(store: Any, cache: RevisionCache) -> None:
    """What the page asks for the textile chain: the gap report and the candidates."""
    gap_reports.gaps(store, cache, CONFIG, "tex")
    gap_reports.candidates(store, cache, CONFIG, "tex")


def _delta(cache: RevisionCache, before: Counter[str]) -> dict[str, int]:
    return {k: v - before.get(k, 0) for k, v in cache.computed.items() if v - before.get(k, 0)}


def test_a_plan_move_recomputes_only_what_reads_plans(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=[*small_world(), *ISOLATED, plan(status="visited")]))
    cache = RevisionCache()
    _ask(store, cache)
    before = Counter(cache.computed)
    _ask(store, cache)
    assert _delta(cache, before) == {}, "unchanged data: everything from the cache"

    move_plan(store, "p1", to_status="negotiating", actor="测试", version=1)
    before = Counter(cache.computed)
    _ask(store, cache)
    # the plan list and the candidates (their score reads every plan) — not the facts, not the report
    assert _delta(cache, before) == {"plans": 1, "candidates": 1}

    move_plan(store, "p1", to_status="started", actor="测试", version=2, gate=GATE_OFF)  # now it lands
    before = Counter(cache.computed)
    _ask(store, cache)
    delta = _delta(cache, before)
    assert "facts" not in delta and delta["ctx"] == 1 and delta["gaps"] == 1
    tex = {s.segment_id: s for s in gap_reports.gaps(store, cache, CONFIG, "tex").segments}
    assert tex["tex.fiber"].local_count == 1, "the landed firm counts"


def test_a_write_to_an_unrelated_chain_leaves_this_chain_cached(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=[*small_world(), *ISOLATED]))
    cache = RevisionCache()
    _ask(store, cache)
    store.upsert(CompanySegment(company_id="tea-co", segment_id="tea.leaf", role="leading"))
    before = Counter(cache.computed)
    _ask(store, cache)
    assert _delta(cache, before) == {}
    assert gap_reports.gaps(store, cache, CONFIG, "tea").segments[0].status.value == "strong"

    store.upsert(CompanySegment(company_id="tea-co", segment_id="tex.weave", role="core"))  # now it is tex's
    before = Counter(cache.computed)
    _ask(store, cache)
    assert _delta(cache, before).get("facts") == 1
    weave = next(s for s in gap_reports.gaps(store, cache, CONFIG, "tex").segments if s.segment_id == "tex.weave")
    assert weave.local_count == 1, "fresh after the write"


def test_twenty_concurrent_requests_after_a_write_compute_once(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=[*small_world(), *ISOLATED]))
    cache = RevisionCache()
    _ask(store, cache)
    store.upsert(CompanySegment(company_id="tea-co", segment_id="tex.fiber", role="core"))
    before = Counter(cache.computed)
    barrier = threading.Barrier(20)
    answers: list[bytes] = []
    errors: list[BaseException] = []

    def request() -> None:
        try:
            barrier.wait()
            answers.append(gap_reports.gaps_json(store, cache, CONFIG, "tex"))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=request) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(answers) == 20 and len(set(answers)) == 1
    delta = _delta(cache, before)
    assert delta["facts"] == 1 and delta["gaps"] == 1 and delta["gaps.json"] == 1, delta
    assert "示例" in answers[0].decode("utf-8") or "安溪" in answers[0].decode("utf-8")


class NestingCache(RevisionCache):
    """Counts how deep computations nest: a computation that asks the cache again is one level more."""

    def __init__(self) -> None:
        super().__init__()
        self._local = threading.local()
        self.deepest = 0

    def get_or_compute(self, key: Any, revision: Any, compute: Any) -> Any:
        depth = getattr(self._local, "depth", 0) + 1  # asked from inside `depth - 1` computations
        self.deepest = max(self.deepest, depth)

        def tracked() -> Any:
            self._local.depth = depth
            try:
                return compute()
            finally:
                self._local.depth = depth - 1

        return super().get_or_compute(key, revision, tracked)


def test_no_computation_calls_back_into_the_cache(store) -> None:  # type: ignore[no-untyped-def]
    """Each service gathers its inputs from the cache, then computes from them alone (no closure
    three levels deep: gaps_json → gaps → subgraph)."""
    from chain_graph.analysis import KpiConfig
    from chain_graph.services import exports, growth

    store.apply(Batch(upserts=[*small_world(), *ISOLATED, plan(status="started", started_on="2024-05-01")]))
    asks = {
        "gaps_json": lambda c: gap_reports.gaps_json(store, c, CONFIG, "tex", "350582"),
        "candidates": lambda c: gap_reports.candidates(store, c, CONFIG, "tex"),
        "what_if": lambda c: gap_reports.what_if_landed(store, c, CONFIG, "tex", "x-fiber"),
        "kpis": lambda c: kpi_reports.kpi_report(store, c, 2024, config=KpiConfig()),
        "vis": lambda c: exports.vis(store, c, CONFIG, "tex"),
        "chain_html": lambda c: exports.chain_html(store, c, CONFIG, "tex", county="350582"),
        "overview_html": lambda c: exports.overview_html(store, c, CONFIG),
        "graphml": lambda c: exports.graphml(store, c, CONFIG, "tex"),
        "gaps_xlsx": lambda c: exports.gaps_xlsx(store, c, CONFIG, "tex"),
        "candidates_xlsx": lambda c: exports.candidates_xlsx(store, c, CONFIG, "tex"),
        "growth": lambda c: growth.chain_growth(store, c, CONFIG, "tex"),
    }
    for name, ask in asks.items():
        cache = NestingCache()
        ask(cache)
        assert sum(cache.computed.values()) >= 1, name
        assert cache.deepest == 1, f"{name}: a computation asked the cache again ({cache.deepest} levels)"


def test_everything_rendered_from_a_report_is_keyed_by_it(store) -> None:  # type: ignore[no-untyped-def]
    """A plan move that does not land leaves the report, and what is rendered from it, cached."""
    from chain_graph.services import exports

    store.apply(Batch(upserts=[*small_world(), *ISOLATED, plan(status="visited")]))
    cache = RevisionCache()
    views = (
        lambda: exports.vis(store, cache, CONFIG, "tex"),
        lambda: exports.gaps_xlsx(store, cache, CONFIG, "tex"),
        lambda: gap_reports.gaps_json(store, cache, CONFIG, "tex"),
    )
    for view in views:
        view()
    move_plan(store, "p1", to_status="negotiating", actor="测试", version=1)
    before = Counter(cache.computed)
    for view in views:
        view()
    assert _delta(cache, before) == {"plans": 1}, "only the plan list is read again"


def test_warm_leaves_every_chain_s_report_in_the_cache(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=[*small_world(), *ISOLATED]))
    cache = RevisionCache()
    chains = sorted(str(c.key[0]) for c in store.list(Kind.CHAIN).items)
    refreshed: list[bool] = []
    real_refresh = store.refresh_statistics
    store.refresh_statistics = lambda: refreshed.append(True) or real_refresh()
    assert sorted(gap_reports.warm(store, cache, CONFIG)) == chains and "tea" in chains
    assert refreshed == [True], "the statistics are refreshed once, before the first reads are planned"
    before = Counter(cache.computed)
    for chain_id in chains:
        gap_reports.gaps(store, cache, CONFIG, chain_id)
    assert _delta(cache, before) == {}, "every report was computed by the warm-up"
    assert before["gaps"] == len(chains)


class CountingStore:
    """A store whose calls are counted by name (what a service asked of it)."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if not callable(found):
            return found

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return found(*args, **kwargs)

        return counted


def test_a_cold_report_reads_its_inputs_together(store) -> None:  # type: ignore[no-untyped-def]
    """With nothing cached, the scope, the chain's facts and the plans are one read
    (``report_inputs``: one transaction on Neo4j), and the report is the one read one by one."""
    store.apply(Batch(upserts=[*small_world(), *ISOLATED, plan(status="started", started_on="2024-05-01")]))
    counting, cache = CountingStore(store), RevisionCache()
    together = gap_reports.gaps(counting, cache, CONFIG, "tex").to_dict()
    assert counting.calls["report_inputs"] == 1, counting.calls
    assert not counting.calls["chain_facts"] and not counting.calls["list"], counting.calls
    one_by_one = RevisionCache()
    gap_reports.scope(store, one_by_one, CONFIG)  # something cached: the inputs are read one by one
    assert gap_reports.gaps(counting, one_by_one, CONFIG, "tex").to_dict() == together
    assert counting.calls["report_inputs"] == 1 and counting.calls["chain_facts"] == 1, counting.calls
    gap_reports.gaps(counting, cache, CONFIG, "tea")  # another chain: only its facts are missing
    assert counting.calls["report_inputs"] == 1 and counting.calls["chain_facts"] == 2, counting.calls
