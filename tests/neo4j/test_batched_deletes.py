"""The batched deletes (clear, the sweep of an interrupted import) stay batched on a big store.

``MATCH (n)-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS`` reads like a batched delete, but the
planner puts an Eager between the match and the batches (the match reads what the batches delete),
and the Eager holds every matched relationship in memory at once: clearing a 3.9M-relationship store
failed with MemoryPoolOutOfMemoryError on a default (512 MB heap) server. Matching each node's
relationships inside the batch keeps the Eager per node. The plans are checked, not the memory: a
store big enough to exhaust the pool does not belong in the test suite."""

from __future__ import annotations

from typing import Any

import pytest

from chain_graph.store import cypher

BATCHED: dict[str, str] = {
    "CLEAR_RELATIONSHIPS": cypher.CLEAR_RELATIONSHIPS,
    "CLEAR_BATCH": cypher.CLEAR_BATCH,
    **{f"STAGED_SWEEP[{i}]": q for i, q in enumerate(cypher.STAGED_SWEEP)},
}


def _operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in _operators(child))]


def _driving_sides(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The left (driving) child of every batched subquery: what is read before the batches run."""
    found = [plan["children"][0]] if plan["operatorType"].startswith("TransactionForeach") else []
    return found + [side for child in plan.get("children", []) for side in _driving_sides(child)]


@pytest.mark.parametrize("name", sorted(BATCHED))
def test_nothing_is_held_eagerly_before_the_batches(neo4j_driver, name: str) -> None:  # type: ignore[no-untyped-def]
    with neo4j_driver.session() as session:
        plan = session.run("EXPLAIN " + BATCHED[name], {"import": "any"}).consume().plan
    sides = _driving_sides(plan)
    assert sides, f"{name} is not a batched (IN TRANSACTIONS) query: {_operators(plan)}"
    for side in sides:
        held = _operators(plan)
        assert "Eager" not in _operators(side), f"{name} reads everything eagerly before its batches: {held}"
