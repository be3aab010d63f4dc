"""Project appraisal (综合研判) and the plan gate: scoring, verdicts, the history, the config file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chain_graph import plans
from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig, AppraisalInputs, GateConfig, appraise, load_appraisal_config
from chain_graph.cache import RevisionCache
from chain_graph.errors import Conflict, InvalidInput
from chain_graph.models import Kind, PlanStatus, Verdict
from chain_graph.services.appraisal import appraisal_of, appraisal_summary, appraise_plan
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import plan, small_world

GOOD = {"technology_route": 4, "product_competitiveness": 5, "market_prospects": 4, "land_mu": 50,
        "annual_tax_cny_10k": 2000, "annual_output_cny_100m": 10, "energy_tce": 5000, "jobs": 400}  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with EmbeddedStore(tmp_path) as s:
        s.apply(Batch(upserts=[*small_world(), plan(status="negotiating")]))
        yield s


def _appraise(store, inputs, version=1, config=None):  # type: ignore[no-untyped-def]
    return appraise_plan(store, RevisionCache(), AnalysisConfig(), config or AppraisalConfig(), "p1",
                         version=version, inputs=inputs, actor="张三", note="初审")  # fmt: skip


def test_each_criterion_is_computed_and_scored_against_its_thresholds() -> None:
    result = appraise(AppraisalInputs(**{**GOOD, "annual_tax_cny_10k": 1000}), investment_cny_100m=1.5,
                      fit_status="weak", config=AppraisalConfig())  # fmt: skip
    by = {c.criterion: c for c in result.criteria}
    assert by["investment_per_mu"].value == 300 and by["investment_per_mu"].score == 60  # 1.5 亿 / 50 亩 = 300 万元/亩
    assert by["tax_per_mu"].value == 20 and by["tax_per_mu"].level == "minimum"
    assert by["energy_intensity"].value == pytest.approx(0.05) and by["energy_intensity"].score == 100
    assert by["industry_fit"].value == 70 and "弱链" in by["industry_fit"].reason
    assert result.verdict is Verdict.RECOMMEND and 75 <= result.score < 100


def test_missing_inputs_cap_the_verdict_and_a_veto_rejects() -> None:
    partial = appraise(AppraisalInputs(technology_route=5), investment_cny_100m=10, fit_status="missing",
                       config=AppraisalConfig())  # fmt: skip
    assert partial.verdict is Verdict.CONDITIONAL and partial.score == 100
    assert any("缺少研判要素" in r and "亩均税收" in r for r in partial.reasons)
    hungry = appraise(AppraisalInputs(**{**GOOD, "energy_tce": 60000}), investment_cny_100m=3,
                      fit_status="missing", config=AppraisalConfig())  # fmt: skip
    assert hungry.verdict is Verdict.NOT_RECOMMENDED and hungry.score > 75
    assert hungry.reasons[1].startswith("一票否决：单位产值能耗")


def test_thresholds_and_weights_come_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "appraisal.toml"
    path.write_text('[criteria.investment_per_mu]\ngood = 700\nminimum = 650\nweight = 5\n[gate]\nstatus = "off"\n',
                    encoding="utf-8")  # fmt: skip
    config = load_appraisal_config(path)
    assert config.criteria["investment_per_mu"].weight == 5 and config.criteria["tax_per_mu"].good == 30
    assert config.gate.status == "off"
    result = appraise(AppraisalInputs(**GOOD), investment_cny_100m=3, fit_status="missing", config=config)
    assert next(c for c in result.criteria if c.criterion == "investment_per_mu").level == "below"  # 600 < 650
    path.write_text("[criteria.investment_per_mu]\ngood = 100\nminimum = 200\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"criteria\.investment_per_mu: good must be at least minimum"):
        load_appraisal_config(path)
    path.write_text("[criteria.beauty]\nweight = 1\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="unknown criterion 'beauty'"):
        load_appraisal_config(path)


def test_the_industry_fit_is_computed_from_the_gap_report(store) -> None:  # type: ignore[no-untyped-def]
    result = _appraise(store, GOOD)  # tex.fiber has no local firm in the small world: missing
    fit = next(c for c in result["criteria"] if c["criterion"] == "industry_fit")
    assert fit["value"] == 100 and "缺链" in fit["reason"]
    store.apply(Batch(upserts=[plan("p2", segment_ids=("tex.shoe",), company_id="frep")]))  # 安踏 leads: strong
    other = appraise_plan(store, RevisionCache(), AnalysisConfig(), AppraisalConfig(), "p2", version=1,
                          inputs=GOOD, actor="张三")  # fmt: skip
    assert next(c for c in other["criteria"] if c["criterion"] == "industry_fit")["value"] == 20


def test_the_appraisal_is_kept_and_recorded_in_the_plans_history(store) -> None:  # type: ignore[no-untyped-def]
    result = _appraise(store, GOOD)
    assert result["verdict"] == "recommend" and result["verdict_label"] == "推荐" and result["plan_version"] == 2
    assert appraisal_of(store, "p1")["score"] == result["score"]
    [event] = plans.plan_history(store, "p1")  # the plan was written whole, without a create event
    assert (event.action, event.actor, event.note) == ("appraise", "张三", "初审")
    changes = json.loads(event.changes)
    assert changes["appraisal"][1] == {"verdict": "recommend", "score": result["score"]}
    assert changes["appraisal_inputs"][1]["land_mu"] == 50
    assert appraisal_summary(store)["verdicts"] == {"推荐": 1, "有条件推荐": 0, "不建议": 0}


def test_a_stale_or_bad_appraisal_writes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict):
        _appraise(store, GOOD, version=7)
    with pytest.raises(InvalidInput) as err:
        _appraise(store, {**GOOD, "technology_route": 9})
    assert err.value.field == "technology_route"
    with pytest.raises(InvalidInput, match="colour: not an appraisal input"):
        _appraise(store, {"colour": "red"})
    assert store.find(Kind.APPRAISAL, "p1") is None and len(plans.plan_history(store, "p1")) == 0


def test_the_gate_refuses_a_contract_without_an_appraisal_and_names_why(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(plans.AppraisalRequired, match=r"needs an appraisal .* before it moves to signed_contract") as e:
        plans.move_plan(store, "p1", version=1, to_status="started", actor="a")  # jumping past it is refused too
    assert e.value.field == "status" and e.value.code == "appraisal_required"
    assert plans.get_plan(store, "p1").status is PlanStatus.NEGOTIATING
    plans.move_plan(store, "p1", version=1, to_status="signed_framework", actor="a")  # before the gate: free
    with pytest.raises(plans.AppraisalRequired):
        plans.create_plan(store, actor="a", **{**plan("p9").model_dump(), "status": "signed_contract"})


def test_the_gate_opens_after_an_appraisal_but_not_after_a_rejection(store) -> None:  # type: ignore[no-untyped-def]
    rejected = _appraise(store, {**GOOD, "energy_tce": 90000})
    assert rejected["verdict"] == "not_recommended"
    with pytest.raises(plans.AppraisalRequired, match="不建议"):
        plans.move_plan(store, "p1", version=2, to_status="signed_contract", actor="a")
    lenient = GateConfig(require="appraisal")  # any appraisal will do
    assert plans.move_plan(store, "p1", version=2, to_status="signed_contract", actor="a", gate=lenient).version == 3
    store.apply(Batch(upserts=[plan("p2", status="negotiating")]))
    appraise_plan(store, RevisionCache(), AnalysisConfig(), AppraisalConfig(), "p2", version=1, inputs=GOOD, actor="a")
    moved = plans.move_plan(store, "p2", version=2, to_status="signed_contract", actor="a")
    assert moved.status is PlanStatus.SIGNED_CONTRACT
    assert [e.action for e in plans.plan_history(store, "p2")] == ["appraise", "move"]
