"""The analysis on the real Quanzhou seed bundle (seed_data/), through the embedded store.

Expected statuses are those seed_data/README.md lists (same rule: weak = no local leading firm
and fewer than 3 local firms), so the analysis and the generator agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_graph.models import Company, Region
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.analysis.graphs import chain_gaps, rank_candidates, what_if
from tests.analysis.plans import plan
from tests.analysis.seed import seed_records

README = {  # chain: (missing, weak), from seed_data/README.md
    "textile-apparel-footwear": (
        "tx.spandex tx.hi-perf-fiber tx.smart-wear",
        "tx.pet-chip tx.dyes tx.functional-finishing tx.ecommerce tx.design",
    ),
    "petrochemical": (
        "pc.crude pc.catalyst pc.pta pc.caprolactam pc.new-materials",
        "pc.terminal pc.industrial-gas pc.aromatics pc.meg pc.engineering-plastics pc.eva pc.chem-logistics",
    ),
    "semiconductor-optoelectronics": (
        "sc.eda-ip sc.silicon-wafer sc.special-gas sc.photoresist-targets sc.equipment sc.foundry sc.auto-electronics",
        "sc.ic-design sc.wet-chemicals sc.power-devices sc.packaging-test sc.optical-comm-chip sc.optical-module",
    ),
    "machinery-equipment": (
        "me.hydraulics me.engines me.cnc me.system-integration me.logistics-equipment",
        "me.bearings-gears me.motor-control me.food-machinery me.industrial-robot me.aftermarket",
    ),
    "building-materials-home": (
        "bm.glass bm.prefab-building bm.smart-home",
        "bm.raw-stone bm.aluminium bm.smart-toilet bm.doors-windows bm.custom-furniture",
    ),
    "food-beverage": (
        "fb.additives fb.pulp fb.dairy fb.prepared-food",
        "fb.sugar-dairy fb.fruit-veg fb.seasoning fb.cold-chain fb.health-food",
    ),
    "crafts-ceramics": (
        "cc.incense-materials cc.hotel-ware cc.ceramic-tourism",
        "cc.glaze cc.kiln cc.bamboo-wood cc.gift-packaging cc.cultural-design cc.incense-culture",
    ),
    "tea": (
        "tea.fertilizer tea.deep-processing tea.testing tea.rtd-tea",
        "tea.seedlings tea.tea-machinery tea.tea-packaging tea.new-style-tea",
    ),
}


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[EmbeddedStore, str]]]:
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("seed")) / "db")
    try:
        store.apply(Batch(upserts=seed_records()))
        yield {chain: (store, chain) for chain in README}
    finally:
        store.close()


def local_by_records() -> set[str]:
    """Local company ids computed from the CSV records alone (not from the graph)."""
    records = seed_records()
    parents = {r.region_id: r.parent_id for r in records if isinstance(r, Region)}

    def under_home(region: str | None) -> bool:
        while region:
            if region == "350500":
                return True
            region = parents.get(region)
        return False

    return {r.company_id for r in records if isinstance(r, Company) and (r.local_site or under_home(r.region))}


@pytest.mark.parametrize("chain", sorted(README))
def test_statuses_match_the_seed_readme(graphs, chain: str) -> None:  # type: ignore[no-untyped-def]
    gaps = chain_gaps(graphs[chain])
    missing = {s.segment_id for s in gaps.segments if s.status == "missing"}
    weak = {s.segment_id for s in gaps.segments if s.status == "weak"}
    assert missing == set(README[chain][0].split()) and len(missing) >= 1
    assert weak == set(README[chain][1].split()) and len(weak) >= 1
    assert 0 < gaps.completeness < 1
    json.dumps(gaps.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("chain", sorted(README))
def test_top_candidates_are_outside_firms_in_gap_segments(graphs, chain: str) -> None:  # type: ignore[no-untyped-def]
    local = local_by_records()
    top = rank_candidates(graphs[chain], limit=5)
    assert len(top) == 5
    assert not {c.company_id for c in top} & local
    assert all(c.status in ("missing", "weak") and c.chain_id == chain for c in top)
    assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)


def test_a_started_plan_shows_up_as_progress(graphs) -> None:  # type: ignore[no-untyped-def]
    G = graphs["textile-apparel-footwear"]
    before = chain_gaps(G)
    top = rank_candidates(G, segment_id="tx.spandex", limit=1)[0]
    after = chain_gaps(
        G,
        plans=[plan("p1", top.company_id, chain_id=G[1], segment_ids=["tx.spandex"], status="started")],
    )
    assert {s.segment_id: s.status for s in after.segments}["tx.spandex"] != "missing"
    assert after.completeness > before.completeness
    assert what_if(G, top.company_id).completeness_after == pytest.approx(after.completeness)
