"""The Quanzhou seed bundle imports cleanly and holds what issue 2 asks of it."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from chain_graph.bundle import import_bundle
from chain_graph.locality import is_local
from chain_graph.models import RANKING_LISTS, Kind, RankingListId
from chain_graph.provenance import is_illustrative
from chain_graph.store.embedded import EmbeddedStore

SEED = Path(__file__).resolve().parents[1] / "seed_data"
COUNTIES = {"350502", "350503", "350504", "350505", "350521", "350524", "350525", "350526", "350527",
            "350581", "350582", "350583"}  # fmt: skip


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path_factory.mktemp("seed"))
    report = import_bundle(store, SEED)
    assert report.applied and report.rejection_count == 0 and not report.review
    yield store
    store.close()


def test_home_region_and_its_counties(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.get(Kind.REGION, "350500").name == "泉州市"
    children = {r.region_id for r in seed.list(Kind.REGION, where={"parent_id": "350500"})}
    assert children >= COUNTIES


def test_chains_and_segments(seed) -> None:  # type: ignore[no-untyped-def]
    chains = seed.list(Kind.CHAIN).items
    assert len(chains) >= 6
    assert {"纺织鞋服", "石油化工", "机械装备", "建材家居", "食品饮料"} <= {c.name for c in chains}
    for chain in chains:
        stages = Counter(s.stage.value for s in seed.list(Kind.SEGMENT, where={"chain_id": chain.chain_id}))
        assert sum(stages.values()) >= 15, chain.chain_id
        assert all(stages[s] >= 3 for s in ("upstream", "midstream", "downstream")), (chain.chain_id, stages)


def test_feeds_inside_and_across_chains(seed) -> None:  # type: ignore[no-untyped-def]
    chain_of = {s.segment_id: s.chain_id for s in seed.list(Kind.SEGMENT)}
    links = seed.list(Kind.SEGMENT_LINK).items
    across = [link for link in links if chain_of[link.from_segment_id] != chain_of[link.to_segment_id]]
    assert across and len(links) > len(across)
    pairs = {(chain_of[link.from_segment_id], chain_of[link.to_segment_id]) for link in across}
    assert ("petrochemical", "textile-apparel-footwear") in pairs  # 石化 → 化纤 → 纺织


def test_companies_local_and_leading(seed) -> None:  # type: ignore[no-untyped-def]
    regions = {r.region_id: r for r in seed.list(Kind.REGION)}
    companies = seed.list(Kind.COMPANY).items
    local = {c.company_id for c in companies if is_local(c, regions, "350500")}
    leading = {m.company_id for m in seed.list(Kind.COMPANY_SEGMENT, where={"role": "leading"})} & local
    assert len(companies) >= 400 and len(local) >= 120 and len(leading) >= 30


def test_supply_ties_and_rankings(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.count(Kind.SUPPLY) >= 600
    per_list = Counter(r.list_id for r in seed.list(Kind.RANKING))
    assert sum(per_list.values()) == len(_csv("rankings.csv")) >= 200
    assert set(per_list) == set(RankingListId)


def _csv(name: str) -> list[dict[str, str]]:
    with open(SEED / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_ranking_is_a_sourced_entry_of_a_real_firm() -> None:
    """Issue 13: each row a real entry of a real list with a public source; no invented firm holds a rank."""
    rows = _csv("rankings.csv")
    companies = {c["company_id"]: c for c in _csv("companies.csv")}
    assert len(rows) >= 200
    assert {r["list_id"] for r in rows} == {str(x) for x in RankingListId}
    for number, row in enumerate(rows, start=2):
        where = (number, row["company_name"])
        assert re.match(r"^public: [SWD]\d+ (https?://|github\.com/)\S+", row["source"]), where
        assert not is_illustrative(row["company_name"]), where
        company = companies[row["company_id"]]
        assert not is_illustrative(company["name"]) and not row["company_id"].startswith("x-"), where
        assert company["source"].startswith("public: "), where  # the firm itself cites where it is listed
        assert row["year"].isdigit() and 2000 <= int(row["year"]) <= 2026, where
        assert 1 <= int(row["rank"]) <= RANKING_LISTS[RankingListId(row["list_id"])].size, where
    ranks = Counter((r["list_id"], r["year"], r["rank"]) for r in rows)
    assert max(ranks.values()) == 1  # one firm per place on a list


def test_real_foundries_carry_their_list_entries() -> None:
    """台积电 (TSMC) is a real foundry and a Fortune Global 500 member: the seed says so."""
    tsmc = {(r["year"], r["rank"]) for r in _csv("rankings.csv") if r["company_id"] == "tsmc"}
    assert ("2024", "186") in tsmc and ("2023", "168") in tsmc


def test_every_row_has_provenance_and_illustrative_rows_say_so() -> None:
    for path in sorted(SEED.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                assert row["source"].strip() and row["as_of"].strip(), (path.name, number)
    with open(SEED / "companies.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["name"].endswith("（示例）"):  # a fictitious firm is never passed off as sourced fact
                assert row["source"].startswith("illustrative"), row["company_id"]


def _readme_count(label: str) -> tuple[int, int]:
    """``expansions: 18 (sourced 8)`` in the seed README's counts → (18, 8)."""
    text = (SEED / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"{label}: (\d+) \(sourced (\d+)\)", text)
    assert found, f"the seed README gives no count of {label}"
    return int(found[1]), int(found[2])


def test_culture_tourism_and_commerce_chains_have_gaps_and_candidates(seed) -> None:  # type: ignore[no-untyped-def]
    from chain_graph.analysis import AnalysisConfig
    from chain_graph.cache import RevisionCache
    from chain_graph.services import gap_reports

    directions = {c.chain_id: c.direction.value for c in seed.list(Kind.CHAIN).items}
    text = (SEED / "README.md").read_text(encoding="utf-8")
    listed = dict(
        re.findall(
            r"([a-z-]+) (manufacturing|culture-tourism|commerce-trade)", text.split("directions:")[1].splitlines()[0]
        )
    )
    assert directions == listed and {"culture-tourism", "commerce-trade"} <= set(directions.values())
    for chain_id in ("culture-tourism", "commerce-trade"):
        report = gap_reports.gaps(seed, RevisionCache(), AnalysisConfig(), chain_id)
        gaps = [s for s in report.segments if s.status.value in ("missing", "weak")]
        assert gaps, chain_id
        found = gap_reports.candidates(seed, RevisionCache(), AnalysisConfig(), chain_id)
        assert {c.segment_id for c in found} >= {s.segment_id for s in gaps if s.status.value == "missing"}
    logistics = {c.company_id for c in gap_reports.candidates(seed, RevisionCache(), AnalysisConfig(), "commerce-trade",
                                                           segment_id="cm.logistics-park")}  # fmt: skip
    assert {"jd", "alibaba"} <= logistics  # real firms with sourced head offices, candidates for 物流园区


def test_growth_rows_are_sourced_or_marked(seed) -> None:  # type: ignore[no-untyped-def]
    expansions, listings = _csv("expansions.csv"), _csv("listings.csv")
    assert (len(expansions), sum(r["source"].startswith("public: W") for r in expansions)) == _readme_count(
        "expansions"
    )
    assert (len(listings), sum(r["source"].startswith("public: W") for r in listings)) == _readme_count("listings")
    for row in expansions:
        illustrative = row["source"].startswith("illustrative")
        assert illustrative == row["name"].endswith("（示例）"), row
        assert illustrative or re.search(r"https?://", row["source"]), row
    for row in listings:
        company = seed.get(Kind.COMPANY, row["company_id"])
        assert row["source"].startswith("illustrative") == is_illustrative(company.name, source=company.source), row
    assert seed.count(Kind.EXPANSION) == len(expansions) and seed.count(Kind.LISTING) == len(listings)
