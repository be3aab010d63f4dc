"""The analysis on the real Quanzhou seed bundle (seed_data/), through the embedded store.

Expected statuses are read from seed_data/README.md, which scripts/build_seed_data.py writes by
its own count of the rows (weak = no local leading firm and fewer than 3 local firms): the
analysis and the generator must agree, and a chain added to the seed is checked at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chain_graph.models import Chain, Company, Region
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.analysis.graphs import chain_gaps, rank_candidates, what_if
from tests.analysis.plans import plan
from tests.analysis.seed import seed_records
from tests.factories import SEED_CHAINS

SEED_README = Path(__file__).resolve().parents[2] / "seed_data" / "README.md"
CHAIN_LINE = re.compile(r"^- (?P<chain>[\w-]+): (?P<total>\d+) segments \(.*\); strong (?P<strong>\d+)$")
STATUS_LINE = re.compile(r"^ {4}(?P<status>missing|weak):\s+(?P<ids>.*)$")


def readme_statuses(text: str) -> dict[str, dict[str, Any]]:
    """Per chain, what the seed README's counts block says: its segment count and the
    segments it lists as missing and as weak (scripts/build_seed_data.py writes them by its own rule).

    >>> readme_statuses("- tea: 3 segments (up 1, mid 1, down 1); strong 1\\n    missing: t.a\\n    weak:    t.b")
    {'tea': {'total': 3, 'strong': 1, 'missing': {'t.a'}, 'weak': {'t.b'}}}
    """
    chains: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for line in text.splitlines():
        if found := CHAIN_LINE.match(line):
            current = {"total": int(found["total"]), "strong": int(found["strong"]), "missing": set(), "weak": set()}
            chains[found["chain"]] = current
        elif (found := STATUS_LINE.match(line)) and current is not None:
            current[found["status"]] = {s.strip() for s in found["ids"].split(",") if s.strip()}
    return chains


README = readme_statuses(SEED_README.read_text(encoding="utf-8"))


def test_the_readme_lists_every_seed_chain() -> None:
    """The parse above found every chain of chains.csv, each with consistent counts."""
    assert len(README) == SEED_CHAINS
    chains = {r.chain_id for r in seed_records() if isinstance(r, Chain)}
    assert set(README) == chains
    for chain, listed in README.items():
        assert listed["missing"] and listed["weak"], chain
        assert len(listed["missing"]) + len(listed["weak"]) + listed["strong"] == listed["total"], chain


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
    assert missing == README[chain]["missing"]
    assert weak == README[chain]["weak"]
    assert len(gaps.segments) == README[chain]["total"]
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
