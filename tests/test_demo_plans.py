"""``chain-graph demo`` starts with illustrative plans in every status, made through the plans service."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chain_graph.analysis.kpis import signed_investment, start_rate
from chain_graph.bundle import import_bundle
from chain_graph.cli.demo import DEMO_PLANS, add_demo_plans
from chain_graph.cli.demo_parks import DEMO_APPRAISALS
from chain_graph.models import PLAN_ORDER, Appraisal, Kind, Park, PlanStatus, Verdict
from chain_graph.plans import overdue_plans, plan_history
from chain_graph.provenance import is_illustrative
from chain_graph.services.parks import list_parks, park_view
from chain_graph.store.embedded import EmbeddedStore

SEED = Path(__file__).resolve().parents[1] / "seed_data"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path_factory.mktemp("demo"))
    assert import_bundle(store, SEED).applied
    plans = add_demo_plans(store, today=TODAY)
    yield store, plans
    store.close()


def test_every_status_is_shown(demo) -> None:  # type: ignore[no-untyped-def]
    _, plans = demo
    assert {p.status for p in plans} == set(PlanStatus)


def test_plans_have_history_from_the_service(demo) -> None:  # type: ignore[no-untyped-def]
    store, plans = demo
    for plan, spec in zip(plans, DEMO_PLANS, strict=True):
        events = plan_history(store, plan.plan_id)
        appraised = spec.plan_id in DEMO_APPRAISALS
        assert events[0].action == "create" and len(events) == 1 + appraised + len(spec.moves), plan.plan_id
        assert [e.action == "appraise" for e in events[1:2]] == [appraised] * min(1, len(events) - 1)
        assert events[-1].to_status == plan.status and plan.version == len(events)


def test_plans_are_marked_illustrative_and_target_only_sample_firms(demo) -> None:  # type: ignore[no-untyped-def]
    store, plans = demo
    for plan in plans:
        assert "示例" in (plan.rationale or "") and "示例" in (plan.lead or ""), plan.plan_id
        assert is_illustrative(store.get(Kind.COMPANY, plan.company_id).name), plan.company_id


def test_some_overdue_some_started_some_dropped(demo) -> None:  # type: ignore[no-untyped-def]
    store, plans = demo
    overdue = {p.plan_id for p in overdue_plans(store, today=TODAY)}
    assert len(overdue) >= 3
    assert sum(p.started_on is not None for p in plans) >= 3
    assert any(p.status is PlanStatus.DROPPED for p in plans)


def test_kpis_of_this_year_are_not_zero(demo) -> None:  # type: ignore[no-untyped-def]
    _, plans = demo
    signed = signed_investment(plans, TODAY.year)
    rate = start_rate(plans, TODAY.year)
    assert signed.amount_cny_100m > 0 and rate.rate is not None and 0 < rate.rate < 1


def test_running_it_again_adds_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    store, plans = demo
    again = add_demo_plans(store, today=TODAY)
    assert [(p.plan_id, p.version) for p in again] == [(p.plan_id, p.version) for p in plans]
    assert store.count(Kind.TARGET_PLAN) == len(DEMO_PLANS)


def test_appraisals_show_every_verdict_and_every_contract_was_appraised_first(demo) -> None:  # type: ignore[no-untyped-def]
    store, plans = demo
    verdicts = {a.verdict for a in store.list(Kind.APPRAISAL).items if isinstance(a, Appraisal)}
    assert verdicts == set(Verdict)
    gate = PLAN_ORDER.index(PlanStatus.SIGNED_CONTRACT)
    for plan in plans:
        if plan.status in PLAN_ORDER and PLAN_ORDER.index(plan.status) >= gate:
            appraisal = store.get(Kind.APPRAISAL, plan.plan_id)
            assert isinstance(appraisal, Appraisal) and appraisal.verdict is not Verdict.NOT_RECOMMENDED


def test_parks_are_illustrative_and_show_planned_signed_and_started_projects(demo) -> None:  # type: ignore[no-untyped-def]
    store, _ = demo
    parks = list_parks(store)
    assert len(parks) >= 2 and all(p["illustrative"] and "（示例）" in p["name"] for p in parks)
    groups = [park_view(store, p["park_id"])["plans"] for p in parks]
    for key in ("planned", "signed", "started"):
        assert any(g[key]["plans"] for g in groups), key
    assert any(p["land"]["clearance_mu"] > 0 for p in parks)
    assert all(isinstance(store.get(Kind.PARK, p["park_id"]), Park) for p in parks)
