"""Plan KPIs, every figure worked out by hand from the plans below.

plan  unit    company status           亿元   signed_on   contract_on started_on  produced_on
p1    晋江市  c1      signed_contract  3000   2023-03-10  2023-06-01  —           —
p2    晋江市  c6      started          2500   2023-03-20  2023-04-01  2023-09-01  —
p3    南安市  c7      in_production    1500   2023-03-05  2022-11-01  2023-01-10  2023-12-01
p4    南安市  c3      dropped           800   2023-03-15  2023-05-01  —           —
p5    石狮市  c2      negotiating       600   —           —           —           —
p6    石狮市  c5      signed_framework  —     2023-03-25  —           —           —
p7    惠安县  c8      started           700   2022-08-01  2022-09-01  2022-12-01  —
p8    惠安县  c9      signed_contract   400   2022-07-01  2022-10-01  —           —
p9    鲤城区  c10     started           200   2022-05-01  2022-06-01  2022-08-01  —
p10   石狮市  c2      identified        —     —           —           —           —
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chain_graph.analysis import KpiConfig, kpis, list_coverage, signed_investment, start_rate, unit_ranking
from chain_graph.errors import InvalidInput
from tests.analysis.plans import event, plan

D = dt.date.fromisoformat


def plans():  # type: ignore[no-untyped-def]
    rows = [
        ("p1", "晋江市", "c1", "signed_contract", 3000, "2023-03-10", "2023-06-01", None, None),
        ("p2", "晋江市", "c6", "started", 2500, "2023-03-20", "2023-04-01", "2023-09-01", None),
        ("p3", "南安市", "c7", "in_production", 1500, "2023-03-05", "2022-11-01", "2023-01-10", "2023-12-01"),
        ("p4", "南安市", "c3", "dropped", 800, "2023-03-15", "2023-05-01", None, None),
        ("p5", "石狮市", "c2", "negotiating", 600, None, None, None, None),
        ("p6", "石狮市", "c5", "signed_framework", None, "2023-03-25", None, None, None),
        ("p7", "惠安县", "c8", "started", 700, "2022-08-01", "2022-09-01", "2022-12-01", None),
        ("p8", "惠安县", "c9", "signed_contract", 400, "2022-07-01", "2022-10-01", None, None),
        ("p9", "鲤城区", "c10", "started", 200, "2022-05-01", "2022-06-01", "2022-08-01", None),
        ("p10", "石狮市", "c2", "identified", None, None, None, None, None),
    ]
    return [
        plan(pid, company, unit=unit, status=status, expected_investment_cny_100m=amount,
             signed_on=signed and D(signed), contract_on=contract and D(contract),
             started_on=started and D(started), produced_on=produced and D(produced))
        for pid, unit, company, status, amount, signed, contract, started, produced in rows
    ]  # fmt: skip


def test_signed_investment_against_the_target() -> None:
    s = signed_investment(plans(), 2023)
    # p1 3000 + p2 2500 + p3 1500 + p6 (no amount); p4 is dropped
    assert (s.amount_cny_100m, s.plans, s.unknown_amount, s.plan_ids) == (7000.0, 4, 1, ["p1", "p2", "p3", "p6"])
    assert (s.target_cny_100m, s.ratio) == (10000.0, pytest.approx(0.7))
    s22 = signed_investment(plans(), 2022)  # p7 700 + p8 400 + p9 200; no target for 2022
    assert (s22.amount_cny_100m, s22.target_cny_100m, s22.ratio) == (1300.0, None, None)
    s22t = signed_investment(plans(), 2022, KpiConfig(annual_target_cny_100m={2022: 2600}))
    assert s22t.ratio == pytest.approx(0.5)


def test_start_rate_per_contract_year_against_its_goal() -> None:
    r23 = start_rate(plans(), 2023)  # contracted p1, p2, p4 (dropped stays); started p2 → 1/3 < 0.40
    assert (r23.contracted, r23.started, r23.goal, r23.met, r23.not_started) == (3, 1, 0.40, False, ["p1", "p4"])
    assert r23.rate == pytest.approx(1 / 3)
    r22 = start_rate(plans(), 2022)  # contracted p3, p7, p8, p9; started p3, p7, p9 → 3/4 ≥ 0.70
    assert (r22.contracted, r22.started, r22.rate, r22.goal, r22.met) == (4, 3, 0.75, 0.70, True)
    r24 = start_rate(plans(), 2024)
    assert (r24.contracted, r24.rate, r24.goal, r24.met) == (0, None, None, None)


def test_unit_ranking_from_dates() -> None:
    ranking = unit_ranking(plans(), "2023-03")
    rows = [(r.rank, r.unit, r.signed_investment_cny_100m, r.signings, r.starts, r.moved) for r in ranking]
    assert rows == [
        (1, "晋江市", 5500.0, 2, 0, 2),  # p1, p2 signed
        (2, "南安市", 1500.0, 1, 0, 2),  # p3 signed; dropped p4's signing date still counts as a move
        (3, "石狮市", 0.0, 1, 0, 1),  # p6 signed without an amount
        (4, "惠安县", 0.0, 0, 0, 0),  # idle units last, by name
        (5, "鲤城区", 0.0, 0, 0, 0),
    ]
    dec = unit_ranking(plans(), "2022-12")  # p7 started: 惠安县 first on starts
    assert [(r.unit, r.starts) for r in dec][:2] == [("惠安县", 1), ("南安市", 0)]


def test_unit_ranking_from_events() -> None:
    events = [
        event("p1", 1, "2023-03-10T10:00", frm="negotiating", to="signed_framework"),
        event("p1", 2, "2023-03-28T10:00", frm="signed_framework", to="signed_contract"),  # same plan: once
        event("p5", 1, "2023-03-12T10:00", frm="visited", to="negotiating"),
        event("p6", 1, "2023-03-25T10:00", action="edit"),
        event("p4", 1, "2023-03-30T10:00", action="drop", frm="signed_framework", to="dropped"),
        event("p3", 1, "2023-02-28T10:00", frm="signed_contract", to="started"),  # another month
        event("p9", 1, "2023-03-02T10:00", frm="started", to="in_production"),
        event("ghost", 1, "2023-03-02T10:00", frm="visited", to="negotiating"),  # not among the plans
    ]
    rows = [(r.unit, r.moved) for r in unit_ranking(plans(), "2023-03", events=events)]
    # 鲤城区 moved once and 惠安县 never: the moves break their tie before the name
    assert rows == [("晋江市", 1), ("南安市", 0), ("石狮市", 1), ("鲤城区", 1), ("惠安县", 0)]


def test_month_must_read_yyyy_mm() -> None:
    with pytest.raises(InvalidInput) as bad:
        unit_ranking(plans(), "2023-13")
    assert bad.value.field == "month"


def test_list_coverage() -> None:
    members = {"china-500": {"c2", "c5"}, "fortune-global-500": {"c1", "c2", "c3", "c4"}}
    rows = [(r.list_id, r.name, r.members, r.targeted, r.in_talks, r.signed) for r in list_coverage(plans(), members)]
    assert rows == [
        # c1 signed (p1); c2 in talks (p5 negotiating beats p10 identified); c3 only dropped; c4 no plan
        ("fortune-global-500", "世界500强", 4, 3, 1, 1),
        # c2 in talks; c5 signed (p6)
        ("china-500", "中国企业500强", 2, 2, 1, 1),
    ]
    only_pc = list_coverage(plans(), members, chain_id="pc")
    assert [(r.targeted, r.signed) for r in only_pc] == [(0, 0), (0, 0)]
    with pytest.raises(InvalidInput) as bad:
        list_coverage(plans(), {"hurun": {"c1"}})
    assert bad.value.field == "members"


def test_kpis_in_one_json_ready_object() -> None:
    result = kpis(plans(), year=2023, members={"fortune-global-500": {"c1"}})
    assert result.month == "2023-12"  # latest month of 2023 with activity: p3 went into production
    assert [r.unit for r in result.unit_ranking][:1] == ["南安市"]
    assert [(r.year, r.met) for r in result.start_rates] == [(2022, True), (2023, False)]
    assert result.signed_investment.amount_cny_100m == 7000.0
    data = result.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["list_coverage"][0]["name"] == "世界500强"
    march = kpis(plans(), year=2023, members={}, month="2023-03")
    assert march.unit_ranking[0].unit == "晋江市" and march.list_coverage == []
    assert kpis([], year=2023, members={}).unit_ranking == []
