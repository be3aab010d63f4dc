"""chain_gaps on the hand-built textile chain (tests/analysis/graphs.py::textile).

Local firms per segment (home 泉州 350500):
  tex.chip   —                                           → missing
  tex.fiber  f1 (晋江, leading)                          → strong (a leading firm)
  tex.weave  w1 (晋江), w2 (南安), w3 (台商区 → 惠安)    → strong (3 firms ≥ weak_min_firms 3)
  tex.dye    d1 (南安)                                   → weak (no leader, 1 < 3)
  tex.shoe   anta (晋江, leading), 七匹狼 (local site)   → strong
  tex.design —                                           → missing

FEEDS within the chain: chip→fiber .9, fiber→weave 1, weave→dye .5, dye→shoe .6, weave→shoe .7,
shoe→design .4 (pc.pta→fiber .8 crosses chains and does not weigh). Weights = 1 + Σ touching:
  chip 1.9, fiber 2.9, weave 3.2, dye 2.1, shoe 2.7, design 1.4; total 14.2
  present = fiber + weave + dye + shoe = 10.9 → completeness 10.9 / 14.2
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chain_graph.analysis import AnalysisConfig, chain_snapshot
from chain_graph.errors import InvalidInput, NotFound
from tests.analysis.graphs import GraphBuilder, chain_gaps, textile
from tests.analysis.plans import plan

TOTAL = 14.2


def statuses(gaps) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.segment_id: s.status.value for s in gaps.segments}


def test_statuses_in_stage_order() -> None:
    gaps = chain_gaps(textile())
    assert [s.segment_id for s in gaps.segments] == [
        "tex.chip", "tex.fiber",  # upstream, by id
        "tex.dye", "tex.weave",  # midstream
        "tex.design", "tex.shoe",  # downstream
    ]  # fmt: skip
    assert statuses(gaps) == {
        "tex.chip": "missing", "tex.fiber": "strong", "tex.dye": "weak",
        "tex.weave": "strong", "tex.design": "missing", "tex.shoe": "strong",
    }  # fmt: skip
    assert (gaps.counts.missing, gaps.counts.weak, gaps.counts.strong, gaps.counts.segments) == (2, 1, 3, 6)


def test_segment_rows_carry_firms_counts_and_reasons() -> None:
    rows = {s.segment_id: s for s in chain_gaps(textile()).segments}
    shoe = rows["tex.shoe"]
    assert (shoe.local_count, shoe.leading_count, shoe.local_revenue) == (2, 1, 100.0)  # 七匹狼's revenue unknown
    assert [(f.company_id, f.role, f.county, f.leading, f.basis) for f in shoe.local_firms] == [
        ("anta", "leading", "350582", True, "region"),
        ("septwolves", "supporting", None, False, "local_site"),
    ]
    assert "安踏体育用品有限公司" in shoe.reasons[0]
    assert rows["tex.dye"].reasons == [
        "无本地龙头企业，本地企业仅 1 家（少于 3 家）/ no local leading firm, 1 local firm(s) < 3"
    ]
    assert rows["tex.chip"].reasons == ["无本地企业 / no local firm"]
    assert rows["tex.weave"].reasons[0].startswith("本地企业 3 家")
    assert rows["tex.weave"].local_revenue is None  # no weaver's revenue is known


def test_completeness_is_feeds_weighted() -> None:
    gaps = chain_gaps(textile())
    weights = {s.segment_id: s.weight for s in gaps.segments}
    assert weights == pytest.approx(
        {"tex.chip": 1.9, "tex.fiber": 2.9, "tex.weave": 3.2, "tex.dye": 2.1, "tex.shoe": 2.7, "tex.design": 1.4}
    )
    assert gaps.completeness == pytest.approx(10.9 / TOTAL)


def test_extensions_inside_and_across_chains() -> None:
    ext = chain_gaps(textile()).extensions
    # strong fiber is fed by missing chip (.9) and by pc.pta of the petrochemical chain (.8);
    # strong shoe feeds missing design (.4); heaviest first
    assert [(e.segment_id, e.chain_id, e.cross_chain, e.direction, e.strong_segment_id, e.weight) for e in ext] == [
        ("tex.chip", "tex", False, "upstream", "tex.fiber", 0.9),
        ("pc.pta", "pc", True, "upstream", "tex.fiber", 0.8),
        ("tex.design", "tex", False, "downstream", "tex.shoe", 0.4),
    ]


def test_supply_dependency_groups_outside_suppliers_by_the_leading_firms_segment() -> None:
    groups = chain_gaps(textile()).supply_dependency
    assert [g.segment_id for g in groups] == ["tex.fiber", "tex.shoe"]
    fiber, shoe = groups
    assert [(t.supplier_id, t.customer_id, t.product, t.amount_cny_100m) for t in fiber.suppliers] == [
        ("x-chip1", "f1", "聚酯切片", 3.0)
    ]
    # w1 → anta is local and left out; known amounts first
    assert [(t.supplier_id, t.product, t.amount_cny_100m) for t in shoe.suppliers] == [
        ("x-fiber2", "涤纶长丝", 2.5),
        ("x-zipper", "拉链", None),
    ]
    assert shoe.suppliers[0].supplier_segment_ids == ["tex.fiber"]
    assert shoe.suppliers[0].customer_name == "安踏体育用品有限公司"


def test_fragile_link_lists_its_dependents() -> None:
    fragile = chain_gaps(textile()).fragile
    # fiber: 1 holder; downstream fiber→weave→dye→shoe→design: weave, dye, shoe are local (3 ≥ 3).
    # dye (1 holder) has only shoe below it with presence; shoe (2 holders) only missing design.
    assert [f.segment_id for f in fragile] == ["tex.fiber"]
    assert [h.company_id for h in fragile[0].holders] == ["f1"]
    assert [d.segment_id for d in fragile[0].dependents] == ["tex.dye", "tex.weave", "tex.shoe"]
    # asking for 4 dependents leaves no fragile link
    assert chain_gaps(textile(), config=AnalysisConfig(fragile_min_dependents=4)).fragile == []


def test_by_county_summary() -> None:
    summary = {c.county_id: c for c in chain_gaps(textile()).by_county}
    assert list(summary) == ["350521", "350582", "350583"]
    jinjiang = summary["350582"]  # f1 (fiber, leading), w1 (weave), anta (shoe, leading)
    assert (jinjiang.counts.missing, jinjiang.counts.weak, jinjiang.counts.strong) == (3, 1, 2)
    assert jinjiang.completeness == pytest.approx((2.9 + 3.2 + 2.7) / TOTAL)
    nanan = summary["350583"]  # w2 (weave), d1 (dye)
    assert (nanan.counts.missing, nanan.counts.weak, nanan.counts.strong) == (4, 2, 0)
    assert nanan.completeness == pytest.approx((3.2 + 2.1) / TOTAL)
    huian = summary["350521"]  # w3, through the 台商区 zone
    assert (huian.counts.missing, huian.counts.weak, huian.completeness) == (5, 1, pytest.approx(3.2 / TOTAL))


def test_county_view_uses_only_that_countys_firms() -> None:
    gaps = chain_gaps(textile(), county="350582")
    assert gaps.county is not None and gaps.county.name == "晋江市"
    assert {s.segment_id: s.status.value for s in gaps.county.segments} == {
        "tex.chip": "missing", "tex.fiber": "strong", "tex.dye": "missing",
        "tex.weave": "weak", "tex.design": "missing", "tex.shoe": "strong",
    }  # fmt: skip
    assert [f.company_id for s in gaps.county.segments for f in s.local_firms] == ["f1", "w1", "anta"]
    assert statuses(gaps)["tex.weave"] == "strong"  # the city-wide view is unchanged


def test_county_with_no_firm_in_the_chain_is_all_missing_and_a_non_county_is_refused() -> None:
    g = textile()
    g.add_node("region:350581", kind="region", region_id="350581", name="石狮市", parent_id="350500")
    gaps = chain_gaps(g, county="350581")
    assert gaps.county.counts.missing == 6  # type: ignore[union-attr]
    assert "350581" in {c.county_id for c in gaps.by_county}, "every county under the city is summarised"
    for bad in ("350521.tsz", "999999", "abc\x00"):  # a zone below a county, an unknown id, garbage
        with pytest.raises(InvalidInput) as e:
            chain_gaps(textile(), county=bad)
        assert e.value.field == "county" and "350582" in str(e.value), "the error lists the known counties"


def test_started_plan_turns_missing_into_present() -> None:
    plans = [
        plan("p-chip", "x-chip1", segment_ids=["tex.chip"], status="started"),
        plan("p-design", "x-design", segment_ids=["tex.design"], status="negotiating"),  # not landed
    ]
    gaps = chain_gaps(textile(), plans=plans)
    chip = gaps.segments[0]
    # x-chip1 now counts, as core (its IN_SEGMENT role): 1 firm, no leader → weak
    assert (chip.status.value, chip.local_count) == ("weak", 1)
    assert (chip.local_firms[0].basis, chip.local_firms[0].plan_id, chip.local_firms[0].role) == (
        "plan",
        "p-chip",
        "core",
    )
    assert "p-chip" in chip.reasons[-1]
    assert statuses(gaps)["tex.design"] == "missing"
    assert gaps.completeness == pytest.approx((10.9 + 1.9) / TOTAL)
    # chip is no longer an extension, and landed x-chip1 is no longer an outside supplier of f1
    assert [e.segment_id for e in gaps.extensions] == ["pc.pta", "tex.design"]
    assert [g.segment_id for g in gaps.supply_dependency] == ["tex.shoe"]


def test_in_production_plan_keeps_the_role_and_a_company_outside_the_segment_counts_as_core() -> None:
    plans = [
        plan("p1", "x-design", segment_ids=["tex.design"], status="in_production"),
        plan("p2", "newco", segment_ids=["tex.chip"], status="started"),
    ]
    g = textile()
    g.add_node("company:newco", kind="company", company_id="newco", name="newco")  # in no segment
    rows = {s.segment_id: s for s in chain_gaps(g, plans=plans).segments}
    assert rows["tex.design"].status.value == "strong"  # x-design is leading there
    assert [(f.company_id, f.name, f.role) for f in rows["tex.chip"].local_firms] == [("newco", "newco", "core")]


def test_thresholds_are_configurable() -> None:
    # 4 firms needed: weave (3, no leader) turns weak
    assert statuses(chain_gaps(textile(), config=AnalysisConfig(weak_min_firms=4)))["tex.weave"] == "weak"
    # a revenue floor of 200 亿元: shoe's known local revenue is 100 (anta) → weak despite its leader;
    # fiber has 300 → strong; weave has no known revenue → the floor does not apply
    gaps = chain_gaps(textile(), config=AnalysisConfig(weak_min_revenue_cny_100m=200))
    assert {k: statuses(gaps)[k] for k in ("tex.shoe", "tex.fiber", "tex.weave")} == {
        "tex.shoe": "weak", "tex.fiber": "strong", "tex.weave": "strong",
    }  # fmt: skip
    assert "本地营收 100 亿元，低于 200 亿元" in gaps.segments[-1].reasons[0]


def test_to_dict_is_json_ready_with_chinese() -> None:
    data = chain_gaps(textile(), county="350583").to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert "化纤" in text and "南安市" in text
    assert data["chain_id"] == "tex" and data["chain_name"] == "纺织鞋服"
    assert data["segments"][0]["stage"] == "upstream"
    assert set(data) >= {
        "segments",
        "extensions",
        "supply_dependency",
        "fragile",
        "completeness",
        "by_county",
        "county",
    }


def test_snapshot_records_completeness_and_counts() -> None:
    snap = chain_snapshot(chain_gaps(textile()), dt.date(2026, 11, 25))
    assert (snap.chain_id, snap.on, snap.segments, snap.missing, snap.weak, snap.strong) == (
        "tex", dt.date(2026, 11, 25), 6, 2, 1, 3,
    )  # fmt: skip
    assert snap.completeness == pytest.approx(10.9 / TOTAL)


def test_graph_without_a_chain_is_refused() -> None:
    g = GraphBuilder("tex").graph
    g.graph["chain_id"] = "ghost"
    with pytest.raises(NotFound, match="ghost") as e:
        chain_gaps(g)
    assert e.value.field == "chain_id"


def test_empty_chain_has_zero_completeness() -> None:
    gaps = chain_gaps(GraphBuilder("tex").graph)
    assert (gaps.segments, gaps.completeness) == ([], 0.0)
