"""what_if on the hand-built textile chain (weights and completeness as in test_gaps.py)."""

from __future__ import annotations

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.errors import InvalidInput, NotFound
from tests.analysis.graphs import textile, what_if
from tests.analysis.plans import plan

TOTAL = 14.2


def test_landing_a_missing_segment_raises_completeness() -> None:
    w = what_if(textile(), "x-chip1")
    # chip: missing → weak (x-chip1 is core there; 1 firm < 3)
    assert [(s.segment_id, s.before.value, s.after.value, s.local_count_after, s.closes) for s in w.segments] == [
        ("tex.chip", "missing", "weak", 1, True)
    ]
    assert [c.segment_id for c in w.closes] == ["tex.chip"]
    assert w.completeness_before == pytest.approx(10.9 / TOTAL)
    assert w.completeness_after == pytest.approx((10.9 + 1.9) / TOTAL)
    assert w.completeness_delta == pytest.approx(1.9 / TOTAL)
    assert (w.counts_before.missing, w.counts_after.missing, w.counts_after.weak) == (2, 1, 2)
    assert not w.already_local


def test_a_leading_firm_makes_the_segment_strong() -> None:
    w = what_if(textile(), "x-design")
    assert [(s.before.value, s.after.value) for s in w.closes] == [("missing", "strong")]
    assert w.completeness_delta == pytest.approx(1.4 / TOTAL)


def test_no_change_when_the_segment_stays_weak() -> None:
    w = what_if(textile(), "x-dye")  # dye: d1 + x-dye = 2 firms, no leader, still < 3
    assert [(s.before.value, s.after.value, s.changed, s.local_count_after) for s in w.segments] == [
        ("weak", "weak", False, 2)
    ]
    assert w.closes == [] and w.completeness_delta == 0.0
    # with weak_min_firms 2 it closes weak → strong, and completeness still does not move
    w2 = what_if(textile(), "x-dye", config=AnalysisConfig(weak_min_firms=2))
    assert [(c.before.value, c.after.value) for c in w2.closes] == [("weak", "strong")]
    assert w2.completeness_delta == 0.0


def test_plans_are_counted_before_the_what_if() -> None:
    w = what_if(textile(), "x-chip2", plans=[plan("p", "x-chip1", status="started")])
    # chip already holds landed x-chip1; x-chip2 makes it 2 firms: weak → weak
    assert [(s.before.value, s.after.value, s.local_count_before) for s in w.segments] == [("weak", "weak", 1)]


def test_already_local_company() -> None:
    w = what_if(textile(), "f1")
    assert w.already_local and w.closes == [] and w.completeness_delta == 0.0


def test_unknown_company_and_company_outside_the_chain() -> None:
    with pytest.raises(NotFound) as nf:
        what_if(textile(), "ghost")
    assert nf.value.field == "company_id"
    for company in ("x-pta", "x-zipper"):  # only in pc.pta / in no segment
        with pytest.raises(InvalidInput) as bad:
            what_if(textile(), company)
        assert bad.value.field == "company_id"


def test_to_dict() -> None:
    data = what_if(textile(), "x-chip1").to_dict()
    assert data["closes"][0]["name"] == "聚酯切片" and data["closes"][0]["after"] == "weak"


def test_config_build_names_the_bad_field() -> None:
    assert AnalysisConfig.build({"weak_min_firms": 5}).weak_min_firms == 5
    with pytest.raises(InvalidInput) as bad:
        AnalysisConfig.build({"fragile_max_holders": 0})
    assert bad.value.field == "fragile_max_holders"
    with pytest.raises(InvalidInput, match="positive weight"):
        AnalysisConfig.build(
            {
                "weights": dict.fromkeys(
                    (
                        "list_tier",
                        "list_rank",
                        "revenue",
                        "supply_ties",
                        "segment_share",
                        "overseas_chinese",
                        "relation_path",
                    ),
                    0,
                )
            }
        )
