"""Illustrative targeting plans for ``chain-graph demo``, so the board and the KPI tab show something.

Every plan targets a fictitious （示例） firm of a missing segment (never a real firm: a sample plan
must not read as a real negotiation), says 示例 in its rationale, and is made through
:func:`chain_graph.plans.create_plan` and :func:`~chain_graph.plans.move_plan`, so each one has its
history. Dates are placed around ``today``: some plans overdue, some signed and started this year,
one in production since last year, one dropped. Sample parks come with them, and appraisals
(:mod:`chain_graph.cli.demo_parks`): each plan that reaches a formal contract is appraised before
it moves, as the plan gate asks. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig
from chain_graph.cache import RevisionCache
from chain_graph.cli.demo_parks import DEMO_APPRAISALS, DEMO_SITES, add_demo_parks
from chain_graph.errors import InvalidInput
from chain_graph.models import Company, CompanySegment, GapType, Kind, PlanStatus, TargetPlan
from chain_graph.plans import create_plan, get_plan, move_plan
from chain_graph.provenance import is_illustrative
from chain_graph.store.base import Store

__all__ = ["DEMO_ACTOR", "DEMO_PLANS", "DemoPlan", "add_demo_plans"]

DEMO_ACTOR = "示例数据"
NOTE = "示例（演示数据）"


@dataclass(frozen=True)
class DemoPlan:
    """One sample plan: its segment (missing in the seed), unit, amount, due date and its moves.

    ``moves`` are (status, days before today) in order; ``due_in`` is days from today (< 0: overdue).
    """

    plan_id: str
    chain_id: str
    segment_id: str
    unit: str
    investment: float
    due_in: int
    moves: tuple[tuple[PlanStatus, int], ...] = ()


_P = PlanStatus
DEMO_PLANS: tuple[DemoPlan, ...] = (
    DemoPlan("demo-01", "semiconductor-optoelectronics", "sc.foundry", "晋江市", 120, 90),
    DemoPlan("demo-02", "textile-apparel-footwear", "tx.spandex", "石狮市", 15, -12, ((_P.CONTACTED, 40),)),
    DemoPlan("demo-03", "petrochemical", "pc.pta", "泉港区", 80, -30, ((_P.CONTACTED, 120), (_P.VISITED, 60))),
    DemoPlan("demo-04", "machinery-equipment", "me.hydraulics", "南安市", 12, 45, ((_P.NEGOTIATING, 20),)),
    DemoPlan(
        "demo-05",
        "building-materials-home",
        "bm.smart-home",
        "南安市",
        20,
        120,
        ((_P.VISITED, 90), (_P.SIGNED_FRAMEWORK, 30)),
    ),
    DemoPlan(
        "demo-06",
        "food-beverage",
        "fb.dairy",
        "惠安县",
        18,
        -5,
        ((_P.NEGOTIATING, 150), (_P.SIGNED_FRAMEWORK, 100), (_P.SIGNED_CONTRACT, 60)),
    ),
    DemoPlan(
        "demo-07",
        "petrochemical",
        "pc.catalyst",
        "泉港区",
        25,
        200,
        ((_P.SIGNED_FRAMEWORK, 140), (_P.SIGNED_CONTRACT, 90), (_P.STARTED, 20)),
    ),
    DemoPlan(
        "demo-08",
        "tea",
        "tea.rtd-tea",
        "安溪县",
        6,
        0,
        ((_P.SIGNED_CONTRACT, 500), (_P.STARTED, 420), (_P.IN_PRODUCTION, 380)),
    ),
    DemoPlan(
        "demo-09",
        "crafts-ceramics",
        "cc.hotel-ware",
        "德化县",
        4,
        -60,
        ((_P.VISITED, 100), (_P.NEGOTIATING, 70), (_P.DROPPED, 25)),
    ),
    DemoPlan(
        "demo-10",
        "semiconductor-optoelectronics",
        "sc.equipment",
        "晋江市",
        30,
        60,
        ((_P.SIGNED_CONTRACT, 45), (_P.STARTED, 10)),
    ),
    DemoPlan("demo-11", "food-beverage", "fb.prepared-food", "晋江市", 8, -20, ((_P.SIGNED_CONTRACT, 400),)),
    DemoPlan("demo-12", "machinery-equipment", "me.cnc", "丰泽区", 10, 30, ((_P.CONTACTED, 8),)),
)


def add_demo_plans(store: Store, *, today: dt.date) -> list[TargetPlan]:
    """Create the sample parks and the sample plans that are not in ``store`` yet; return every demo
    plan as it stands."""
    add_demo_parks(store)
    plans = []
    for spec in DEMO_PLANS:
        if store.find(Kind.TARGET_PLAN, spec.plan_id) is None:
            _create(store, spec, today)
        plans.append(get_plan(store, spec.plan_id))
    return plans


def _create(store: Store, spec: DemoPlan, today: dt.date) -> None:
    company_id, name = _target(store, spec.segment_id)
    plan = create_plan(
        store,
        actor=DEMO_ACTOR,
        note=NOTE,
        plan_id=spec.plan_id,
        company_id=company_id,
        chain_id=spec.chain_id,
        segment_ids=[spec.segment_id],
        gap_type=GapType.MISSING,
        rationale=f"示例专案（演示数据，非真实招商项目）：{name} 可补缺链环节 {spec.segment_id}",
        expected_investment_cny_100m=spec.investment,
        unit=spec.unit,
        lead="示例联络人",
        next_action="示例：按看板跟进下一步",
        due_date=today + dt.timedelta(days=spec.due_in),
        park_id=DEMO_SITES.get(spec.plan_id),
    )
    if spec.plan_id in DEMO_APPRAISALS:
        from chain_graph.services.appraisal import appraise_plan

        config = AnalysisConfig()
        appraised = appraise_plan(store, RevisionCache(size=8), config, AppraisalConfig(), plan.plan_id,
                                  version=plan.version, inputs=DEMO_APPRAISALS[spec.plan_id], actor=DEMO_ACTOR,
                                  note=NOTE)  # fmt: skip
        plan = get_plan(store, plan.plan_id)
        assert plan.version == appraised["plan_version"]
    for status, days_ago in spec.moves:
        on = today - dt.timedelta(days=days_ago)
        plan = move_plan(
            store, plan.plan_id, version=plan.version, to_status=status, actor=DEMO_ACTOR, note=NOTE, on=on
        )


def _target(store: Store, segment_id: str) -> tuple[str, str]:
    """The first fictitious （示例） firm of the segment: a sample plan never names a real firm."""
    edges = cast(list[CompanySegment], store.list(Kind.COMPANY_SEGMENT, where={"segment_id": segment_id}).items)
    for company_id in sorted(e.company_id for e in edges):
        company = cast(Company, store.get(Kind.COMPANY, company_id))
        if is_illustrative(company.name):
            return company_id, company.name
    raise InvalidInput(f"segment {segment_id!r} has no illustrative （示例） firm to target", field="segment_id")
