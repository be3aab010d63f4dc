"""The analysis contract: gap reports, candidate rankings and what-ifs are identical on every store.

Each test loads the same data into the parametrized ``store`` (``[embedded]`` and ``[neo4j]``)
and into a fresh :class:`EmbeddedStore` of its own (the expected values), then compares
``chain_gaps(...).to_dict()``, ``rank_candidates(...)`` and ``what_if(...)`` as plain dicts.
Plans are read back from each store, so the plan round trip is part of the contract too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chain_graph.analysis import chain_gaps, rank_candidates, what_if
from chain_graph.bundle import import_bundle
from chain_graph.models import Kind
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import plan, small_world

SEED = Path(__file__).resolve().parents[2] / "seed_data"
TEXTILE = "textile-apparel-footwear"
PETROCHEM = "petrochemical"


def _analysis(
    store: Any, chain_id: str, *, county: str | None = None, whatifs: tuple[str, ...] = (), segment: str | None = None
) -> dict[str, Any]:
    """Everything the analysis says about one chain, as plain JSON-able data."""
    G = store.chain_subgraph(chain_id)
    plans = list(store.list(Kind.TARGET_PLAN).items)
    result: dict[str, Any] = {
        "gaps": chain_gaps(G, plans=plans).to_dict(),
        "candidates": [c.to_dict() for c in rank_candidates(G, plans=plans)],
        "whatif": {c: what_if(G, c, plans=plans).to_dict() for c in whatifs},
    }
    if county is not None:
        result["county"] = chain_gaps(G, plans=plans, county=county).to_dict()
    if segment is not None:
        result["segment"] = [c.to_dict() for c in rank_candidates(G, plans=plans, segment_id=segment, limit=5)]
    return result


def _diff(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Compare part by part, so that a failure names the part that differs."""
    assert got.keys() == want.keys()
    for part in want:
        assert got[part] == want[part], f"{part} differs from the embedded store's"


# -- small world ---------------------------------------------------------------------------------


def _small(store: Any, with_plan: bool) -> None:
    records = small_world() + ([plan(status="started")] if with_plan else [])
    store.apply(Batch(upserts=records))


@pytest.fixture(scope="module")
def small_expected(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, dict[str, dict[str, Any]]]:
    expected: dict[bool, dict[str, dict[str, Any]]] = {}
    for with_plan in (False, True):
        emb = EmbeddedStore(tmp_path_factory.mktemp("small") / "db")
        try:
            _small(emb, with_plan)
            expected[with_plan] = {
                "tex": _analysis(emb, "tex", county="350582", whatifs=("x-fiber", "anta"), segment="tex.fiber"),
                "pc": _analysis(emb, "pc", whatifs=("frep",)),
            }
        finally:
            emb.close()
    return expected


@pytest.mark.parametrize("with_plan", [False, True], ids=["no-plan", "started-plan"])
def test_small_world_analysis_is_the_same_on_every_store(store, small_expected, with_plan) -> None:  # type: ignore[no-untyped-def]
    _small(store, with_plan)
    want = small_expected[with_plan]
    _diff(_analysis(store, "tex", county="350582", whatifs=("x-fiber", "anta"), segment="tex.fiber"), want["tex"])
    _diff(_analysis(store, "pc", whatifs=("frep",)), want["pc"])


def test_small_world_started_plan_changes_the_result(small_expected) -> None:  # type: ignore[no-untyped-def]
    """Guard against a vacuous comparison: the started plan makes 化纤 local and x-fiber no candidate."""
    before, after = small_expected[False]["tex"], small_expected[True]["tex"]
    status = {s["segment_id"]: s["status"] for s in after["gaps"]["segments"]}
    assert {s["segment_id"]: s["status"] for s in before["gaps"]["segments"]}["tex.fiber"] == "missing"
    assert status["tex.fiber"] != "missing"
    assert after["gaps"]["completeness"] > before["gaps"]["completeness"]
    assert [c["company_id"] for c in before["candidates"]] == ["x-fiber"]
    assert [c["company_id"] for c in after["candidates"]] == []


# -- the seed bundle -------------------------------------------------------------------------------


def _seed_whatifs(expected_candidates: list[dict[str, Any]]) -> tuple[str, ...]:
    """The two best distinct candidates of a chain: companies worth a what-if."""
    return tuple(dict.fromkeys(c["company_id"] for c in expected_candidates))[:2]


@pytest.fixture(scope="module")
def seed_expected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    emb = EmbeddedStore(tmp_path_factory.mktemp("seed") / "db")
    try:
        assert import_bundle(emb, SEED).applied
        expected = {}
        for chain_id, county in ((TEXTILE, "350582"), (PETROCHEM, None)):
            first = _analysis(emb, chain_id)
            whatifs = _seed_whatifs(first["candidates"])
            assert len(whatifs) == 2, f"{chain_id} has fewer than two candidates"
            expected[chain_id] = _analysis(emb, chain_id, county=county, whatifs=whatifs)
        yield expected
    finally:
        emb.close()


def test_seed_bundle_analysis_is_the_same_on_every_store(store, seed_expected) -> None:  # type: ignore[no-untyped-def]
    assert import_bundle(store, SEED).applied
    for chain_id, want in seed_expected.items():
        county = want["county"]["county"]["county_id"] if "county" in want else None
        got = _analysis(store, chain_id, county=county, whatifs=tuple(want["whatif"]))
        _diff(got, want)


def test_seed_bundle_expectations_are_not_trivial(seed_expected) -> None:  # type: ignore[no-untyped-def]
    tex = seed_expected[TEXTILE]
    statuses = {s["status"] for s in tex["gaps"]["segments"]}
    assert len(tex["gaps"]["segments"]) > 5 and len(statuses) > 1
    assert len(tex["candidates"]) > 2 and tex["gaps"]["by_county"]
    assert all(w["segments"] for w in tex["whatif"].values())
