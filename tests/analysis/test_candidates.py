"""rank_candidates on the hand-built textile chain: every score part worked out by hand.

Weights here: list_tier 2, list_rank 1, revenue 2, supply_ties 3, segment_share 1,
overseas_chinese 1 → W = 10 (the defaults, with relation_path 0: the relationship part is worked
out in tests/analysis/test_relation_part.py); plan_exists is a penalty of weight 1. A part contributes
100 × weight × value / W points, so 10 points per unit of weight at value 1.
Gap segments: tex.chip (missing), tex.dye (weak), tex.design (missing).
"""

from __future__ import annotations

import math

import pytest

from chain_graph.analysis import AnalysisConfig, CandidateWeights
from chain_graph.errors import InvalidInput, NotFound
from tests.analysis import graphs
from tests.analysis.graphs import textile
from tests.analysis.plans import plan

LOG = math.log10
SIX_PARTS = AnalysisConfig(weights=CandidateWeights(relation_path=0))


def rank_candidates(G, **options):  # type: ignore[no-untyped-def]
    options.setdefault("config", SIX_PARTS)
    return graphs.rank_candidates(G, **options)


def by_id(cands):  # type: ignore[no-untyped-def]
    return {c.company_id: c for c in cands}


def test_ranking_order_and_scores() -> None:
    cands = rank_candidates(textile())
    assert [(c.company_id, c.segment_id, c.status.value) for c in cands] == [
        ("x-chip1", "tex.chip", "missing"),
        ("x-design", "tex.design", "missing"),
        ("x-dye", "tex.dye", "weak"),
        ("x-chip2", "tex.chip", "missing"),
    ]
    assert all(0 <= c.score <= 100 for c in cands)


def test_x_chip1_parts_by_hand() -> None:
    c = by_id(rank_candidates(textile()))["x-chip1"]
    p = c.parts
    # lists (latest year per list): 世界500强 2023 #101 (tier 1: 1.0 × (1 - 100/500) = 0.8)
    # beats 中国企业500强 2024 #50 (tier 2: 0.7 × (1 - 49/500) = 0.6314)
    assert (p["list_tier"].value, p["list_tier"].contribution) == (1.0, pytest.approx(20.0))
    assert (p["list_rank"].value, p["list_rank"].contribution) == (pytest.approx(0.8), pytest.approx(8.0))
    revenue = LOG(501) / LOG(1001)  # 500 亿元 against the 1000 亿元 reference
    assert p["revenue"].value == pytest.approx(revenue)
    assert p["revenue"].contribution == pytest.approx(20 * revenue)
    # supplies f1 and w1, both local: min(1, 2/3)
    assert (p["supply_ties"].value, p["supply_ties"].contribution) == (pytest.approx(2 / 3), pytest.approx(20.0))
    assert "晋江化纤有限公司、晋江织造一厂" in p["supply_ties"].explanation
    assert (p["segment_share"].value, p["segment_share"].contribution) == (0.6, pytest.approx(6.0))
    assert (p["overseas_chinese"].value, p["overseas_chinese"].contribution) == (1.0, pytest.approx(10.0))
    assert (p["plan_exists"].value, p["plan_exists"].contribution) == (0.0, 0.0)
    assert c.score == pytest.approx(20 + 8 + 20 * revenue + 20 + 6 + 10)  # ≈ 82.0
    assert c.score == pytest.approx(sum(part.contribution for part in p.values()))
    assert [(e.list_id, e.year, e.rank) for e in c.lists] == [
        ("fortune-global-500", 2023, 101),
        ("china-500", 2024, 50),
    ]
    assert [(t.company_id, t.direction, t.product) for t in c.ties] == [
        ("f1", "supplies_to", "聚酯切片"),
        ("w1", "supplies_to", "聚酯切片"),
    ]
    assert (c.country, c.region, c.region_name, c.segment_name, c.plan) == ("CN", "330000", "浙江省", "聚酯切片", None)


def test_unknowns_score_zero_or_the_assumed_share() -> None:
    c = by_id(rank_candidates(textile()))["x-chip2"]  # no list, revenue, tie, share or flag
    assert {k: v.value for k, v in c.parts.items()} == {
        "list_tier": 0.0, "list_rank": 0.0, "revenue": 0.0, "supply_ties": 0.0,
        "segment_share": 0.5, "overseas_chinese": 0.0, "relation_path": 0.0, "plan_exists": 0.0,
    }  # fmt: skip
    assert c.score == pytest.approx(5.0)  # 0.5 × 10
    assert "份额未知" in c.parts["segment_share"].explanation
    assert "营收未知" in c.parts["revenue"].explanation


def test_full_revenue_and_low_share() -> None:
    c = by_id(rank_candidates(textile()))["x-dye"]  # revenue 1000 = the reference → 1.0; share 0.2
    assert c.parts["revenue"].value == pytest.approx(1.0)
    assert c.score == pytest.approx(20 + 2)


def test_active_plan_is_flagged_and_penalised() -> None:
    plans = [plan("p-d", "x-design", segment_ids=["tex.design"], status="negotiating", unit="石狮市")]
    c = by_id(rank_candidates(textile(), plans=plans))["x-design"]
    # new-economy-500 2024 #250: tier 3 → 0.4 (8 points); rank 1 - 249/500 = 0.502 (5.02)
    # revenue 9: log10(10)/log10(1001); buys 面料 from local w2: 1/3 (10); share 1.0 (10); plan −10
    revenue = 1 / LOG(1001)
    assert c.parts["list_rank"].value == pytest.approx(0.502)
    assert c.parts["plan_exists"].contribution == pytest.approx(-10.0)
    assert c.score == pytest.approx(8 + 5.02 + 20 * revenue + 10 + 10 - 10)
    assert c.plan is not None and (c.plan.plan_id, c.plan.status.value, c.plan.active) == ("p-d", "negotiating", True)
    assert [(t.company_id, t.direction) for t in c.ties] == [("w2", "buys_from")]
    # weight 0: flagged, not penalised
    free = AnalysisConfig(weights=CandidateWeights(plan_exists=0, relation_path=0))
    c0 = by_id(rank_candidates(textile(), plans=plans, config=free))["x-design"]
    assert c0.score == pytest.approx(c.score + 10) and c0.plan is not None


def test_dropped_plan_is_shown_without_penalty_and_score_is_floored_at_zero() -> None:
    dropped = [plan("p-x", "x-design", segment_ids=["tex.design"], status="dropped")]
    c = by_id(rank_candidates(textile(), plans=dropped))["x-design"]
    assert c.plan is not None and not c.plan.active and c.parts["plan_exists"].value == 0.0
    active = [plan("p-y", "x-chip2", status="contacted")]
    assert by_id(rank_candidates(textile(), plans=active))["x-chip2"].score == 0.0  # 5 − 10, floored


def test_landed_company_is_no_longer_a_candidate_there() -> None:
    landed = [plan("p-c", "x-chip1", status="started")]
    assert "x-chip1" not in by_id(rank_candidates(textile(), plans=landed))


def test_filters() -> None:
    G = textile()
    assert [c.company_id for c in rank_candidates(G, country="jp")] == ["x-chip2"]
    assert [c.company_id for c in rank_candidates(G, lists=["fortune-global-500"])] == ["x-chip1"]
    assert [c.company_id for c in rank_candidates(G, min_score=25)] == ["x-chip1", "x-design"]
    assert [c.company_id for c in rank_candidates(G, limit=2)] == ["x-chip1", "x-design"]
    strong = rank_candidates(G, segment_id="tex.fiber")  # any segment can be asked for
    assert [(c.company_id, c.status.value) for c in strong] == [("x-fiber2", "strong")]
    assert [c.company_id for c in rank_candidates(G, segment_id="pc.pta")] == ["x-pta"]  # the neighbour chain's


def test_bad_filters_are_refused_precisely() -> None:
    with pytest.raises(NotFound) as nf:
        rank_candidates(textile(), segment_id="tex.ghost")
    assert nf.value.field == "segment_id"
    with pytest.raises(InvalidInput) as bad:
        rank_candidates(textile(), lists=["hurun-500"])
    assert bad.value.field == "lists"
    with pytest.raises(InvalidInput):
        rank_candidates(textile(), limit=-1)


def test_weights_change_the_order() -> None:
    revenue_only = AnalysisConfig(
        weights=CandidateWeights(
            list_tier=0,
            list_rank=0,
            revenue=1,
            supply_ties=0,
            segment_share=0,
            overseas_chinese=0,
            plan_exists=0,
            relation_path=0,
        )
    )
    cands = rank_candidates(textile(), config=revenue_only)
    assert [c.company_id for c in cands] == ["x-dye", "x-chip1", "x-design", "x-chip2"]
    assert cands[0].score == pytest.approx(100.0)


def test_candidate_to_dict_is_json_ready() -> None:
    data = rank_candidates(textile(), limit=1)[0].to_dict()
    assert data["parts"]["list_tier"]["explanation"].startswith("世界500强")
    assert data["status"] == "missing"
