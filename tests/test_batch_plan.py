"""What :func:`~chain_graph.store.checks.plan_batch` says a batch creates, and what that costs."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterable

from chain_graph.models import Company, Kind, Record, Supply
from chain_graph.store.base import Batch, Key
from chain_graph.store.checks import plan_batch
from tests.factories import small_world


class _Stored:
    """A store's state as plan_batch reads it: these records, nothing that depends on them."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records = {(r.KIND, r.key): r for r in records}

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        return {key: self.records[(kind, key)] for key in keys if (kind, key) in self.records}

    def relations_of(self, kind: Kind, ident: str) -> list[Record]:
        return []

    def dependents(self, kind: Kind, ident: str) -> list[tuple[Kind, Key]]:
        return []


def test_what_a_plan_creates_is_the_set_of_kind_and_key_of_its_new_records() -> None:
    world = small_world()
    companies = [r for r in world if r.KIND is Kind.COMPANY]
    stored = [r for r in world if r.KIND not in (Kind.SUPPLY, Kind.COMPANY)] + companies[1:]
    state = _Stored(stored)
    plan = plan_batch(state, Batch().add(world))
    expected = {(r.KIND, r.key) for r in world if (r.KIND, r.key) not in state.records}
    assert {k for k, _ in expected} == {Kind.SUPPLY, Kind.COMPANY}  # a kind all new, a kind partly new
    assert set(plan.created) == expected and plan.created == expected and expected == plan.created
    assert len(plan.created) == len(expected) and all(pair in plan.created for pair in expected)
    assert all((r.KIND, r.key) not in plan.created for r in stored) and "x" not in plan.created
    again = plan_batch(_Stored(stored), Batch().add(world))
    assert again.created == plan.created
    tie = next(r for r in world if r.KIND is Kind.SUPPLY)
    fewer = plan_batch(_Stored(stored), Batch().add(r for r in world if r is not tie))
    assert fewer.created != plan.created and fewer.created == expected - {(Kind.SUPPLY, tie.key)}


def test_a_plan_of_new_records_holds_no_pair_per_record() -> None:
    """An import into an empty store creates every record: the plan names them without a
    (kind, key) pair and a set slot each (~150 MiB for a city of 100k companies)."""
    ties = [Supply(supplier_id=f"c{i}", customer_id=f"c{i + 1}") for i in range(20_000)]
    for tie in ties:
        assert tie.key  # computed and kept by the record, as the importer's reading does
    batch = Batch().add(ties)
    state = _Stored(Company(company_id=f"c{i}", name=f"企业{i}") for i in range(len(ties) + 1))
    tracemalloc.start()
    try:
        plan = plan_batch(state, batch)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(plan.created) == len(ties)
    assert held / len(ties) < 40, f"{held / len(ties):.0f} bytes held per new record"
