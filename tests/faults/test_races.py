"""Races, through the public interfaces only: two imports at once into one data directory,
and 20 writers moving one plan at once from separate store handles (as API workers do) —
exactly one wins per version, and no update is lost."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

from chain_graph.bundle import import_bundle
from chain_graph.errors import ChainGraphError, Conflict
from chain_graph.generate import generate_bundle
from chain_graph.models import Kind
from chain_graph.plans import get_plan, move_plan, plan_history
from chain_graph.store import Batch, EmbeddedStore
from tests.api.conftest import make_plan
from tests.factories import small_world

GROUP = "races"


def _together(jobs: list) -> list:  # type: ignore[type-arg]
    """Run the callables at the same moment, one thread each; their results or exceptions."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)  # type: ignore[type-arg]

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = jobs[i]()
        except Exception as e:
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def test_two_concurrent_imports_each_land_whole(tmp_path: Path) -> None:
    data = tmp_path / "db"
    bundles = [tmp_path / "a", tmp_path / "b"]
    counts = [generate_bundle(b, companies=400, seed=i, ties_per_company=3) for i, b in enumerate(bundles)]
    stores = [EmbeddedStore(data), EmbeddedStore(data)]
    try:
        outcomes = _together([lambda s=s, b=b: import_bundle(s, b) for s, b in zip(stores, bundles, strict=True)])
    finally:
        for s in stores:
            s.close()

    applied = [b for b, o in zip(bundles, outcomes, strict=True) if not isinstance(o, Exception) and o.applied]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(e, ChainGraphError) for e in refused), refused  # a clear refusal, never a crash
    assert applied, outcomes
    expected = set().union(*(_supply_keys(b) for b in applied))  # every applied bundle, whole; nothing else
    with EmbeddedStore(data) as store:
        assert store.count(Kind.COMPANY) == counts[0]["companies"]
        assert {r.key for r in store.list(Kind.SUPPLY).items} == expected


def _supply_keys(bundle: Path) -> set[tuple[str, str]]:
    with (bundle / "supplies.csv").open(encoding="utf-8") as f:
        return {(row["supplier_id"], row["customer_id"]) for row in csv.DictReader(f)}


def test_twenty_concurrent_moves_of_one_plan_one_wins(tmp_path: Path) -> None:
    data = tmp_path / "db"
    with EmbeddedStore(data) as store:
        store.apply(Batch(upserts=small_world()))
        make_plan(store)
    stores = [EmbeddedStore(data) for _ in range(20)]
    try:
        outcomes = _together(
            [
                lambda s=s, i=i: move_plan(s, "p1", version=1, to_status="contacted", actor=f"w{i}")
                for i, s in enumerate(stores)
            ]
        )
    finally:
        for s in stores:
            s.close()

    wins = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(wins) == 1, outcomes
    assert all(isinstance(o, Conflict) for o in outcomes if isinstance(o, Exception)), outcomes
    with EmbeddedStore(data) as store:
        plan = get_plan(store, "p1")
        assert (plan.version, plan.status.value) == (2, "contacted")
        assert [e.action for e in plan_history(store, "p1")] == ["create", "move"]  # no lost, no doubled update
