"""Promotion events on the seed data: target lists in focus, deduplicated, each naming its gap;
hand changes kept across recomputation; invitations by the table; signing makes or moves a plan;
the report and the results of a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_graph import events, plans
from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import GATE_OFF
from chain_graph.cache import RevisionCache
from chain_graph.errors import Conflict, InvalidInput, NotFound
from chain_graph.focus import ASEAN, RegionTree
from chain_graph.models import Company, Kind, PlanStatus, Region
from chain_graph.plans import IllegalTransition
from chain_graph.services import events as service
from chain_graph.store import EmbeddedStore
from tests.analysis.seed import load_seed

DAY = dt.date(2026, 5, 8)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("events") / "db")
    load_seed(store)
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "db")
    load_seed(store)
    yield store
    store.close()


def _event(store: EmbeddedStore, focus: list[str] | str, **fields: object) -> str:
    data = {"name": "专场", "event_kind": "promotion", "held_on": DAY, "host_unit": "泉州市商务局", "focus": focus}
    return events.create_event(store, **{**data, **fields}).event_id


def _targets(store: EmbeddedStore, event_id: str) -> service.TargetList:  # type: ignore[name-defined]
    return service.event_targets(store, RevisionCache(), AnalysisConfig(), event_id)


def _tree(store: EmbeddedStore) -> RegionTree:
    return RegionTree({r.region_id: r.parent_id for r in store.list(Kind.REGION).items if isinstance(r, Region)})


def _company(store: EmbeddedStore, company_id: str) -> Company:
    return store.get(Kind.COMPANY, company_id)  # type: ignore[return-value]


def test_a_gba_event_targets_only_firms_headquartered_in_guangdong_hong_kong_or_macao(seeded: EmbeddedStore) -> None:
    found = _targets(seeded, _event(seeded, ["粤港澳大湾区"]))
    tree = _tree(seeded)
    assert found.count >= 5, "the seed has Guangdong candidates for the chains' gaps"
    for target in found.data:
        lineage = tree.lineage(_company(seeded, target.company_id).region)
        assert {"440000", "810000", "820000"} & set(lineage), (target.name, lineage)
        assert target.focus_match == ["gba"]


def test_an_asean_event_targets_only_firms_of_asean_countries(seeded: EmbeddedStore) -> None:
    found = _targets(seeded, _event(seeded, ["东南亚"]))
    assert found.count >= 1
    for target in found.data:
        company = _company(seeded, target.company_id)
        assert company.country in ASEAN and set(_tree(seeded).lineage(company.region)) & set(ASEAN), company


def test_an_overseas_chinese_event_targets_only_firms_with_the_tie_or_based_in_hk_macao_taiwan(
    seeded: EmbeddedStore,
) -> None:
    found = _targets(seeded, _event(seeded, ["侨港澳台"]))
    assert found.count >= 1
    for target in found.data:
        company = _company(seeded, target.company_id)
        based = set(_tree(seeded).lineage(company.region)) & {"810000", "820000", "710000"}
        assert company.overseas_chinese or based, company


def test_targets_are_one_row_per_firm_each_naming_the_gaps_it_fills(seeded: EmbeddedStore) -> None:
    found = _targets(seeded, _event(seeded, ["长三角", "粤港澳大湾区"]))
    ids = [t.company_id for t in found.data]
    assert len(ids) == len(set(ids))
    assert all(t.gaps and all(g.status in ("missing", "weak") for g in t.gaps) for t in found.data)
    assert any(len(t.gaps) > 1 for t in found.data), "some firm fills gaps of two segments: merged into one row"
    scores = [t.score for t in found.data]
    assert scores == sorted(scores, reverse=True)
    assert [t.rank for t in found.data] == list(range(1, len(ids) + 1))
    for t in found.data:
        assert t.score == max(g.score for g in t.gaps)


def test_list_and_place_items_narrow_each_other(seeded: EmbeddedStore) -> None:
    both = _targets(seeded, _event(seeded, ["粤港澳大湾区", "500强"]))
    gba = {t.company_id for t in _targets(seeded, _event(seeded, ["gba"])).data}
    assert both.count >= 1 and {t.company_id for t in both.data} < gba
    assert all(any(m.startswith("list:") for m in t.focus_match) for t in both.data)


def test_a_direction_searches_only_the_chains_of_that_direction(seeded: EmbeddedStore) -> None:
    tourism = sorted(
        c.chain_id for c in seeded.list(Kind.CHAIN).items if getattr(c, "direction", None) == "culture-tourism"
    )
    found = _targets(seeded, _event(seeded, ["文旅"]))
    assert tourism and found.chains == tourism and not found.notes
    assert found.count >= 1 and all(g.chain_id in tourism for t in found.data for g in t.gaps)


def test_a_direction_without_chains_says_so() -> None:
    from chain_graph.focus import parse_focus
    from chain_graph.models import Chain

    plain = [Chain(chain_id="tea", name="茶产业", direction="manufacturing"), Chain(chain_id="x", name="商贸物流")]
    assert parse_focus(["文旅"]).chains(plain) == [] and parse_focus(["商贸"]).chains(plain) == ["x"]


def test_bad_focus_and_unknown_chains_are_refused_naming_the_field(seeded: EmbeddedStore) -> None:
    with pytest.raises(InvalidInput) as e:
        _event(seeded, ["亚洲"])
    assert e.value.field == "focus"
    with pytest.raises(InvalidInput) as e:
        _event(seeded, ["region:999999"])
    assert e.value.field == "focus"
    with pytest.raises(InvalidInput) as e:
        _event(seeded, ["gba"], chain_ids=["no-such-chain"])
    assert e.value.field == "chain_ids"
    with pytest.raises(InvalidInput) as e:
        _event(seeded, ["gba"], event_kind="party")
    assert e.value.field == "event_kind"


def test_hand_changes_stay_across_recomputation(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"])
    first = _targets(store, event_id)
    dropped, outsider = first.data[0].company_id, "anta"  # anta: local, never a candidate
    events.set_target(store, event_id, dropped, action="removed", actor="规划科")
    events.set_target(store, event_id, outsider, action="added", actor="规划科")
    store.apply(plans_batch(store))  # any write: the list is computed again
    again = _targets(store, event_id)
    ids = [t.company_id for t in again.data]
    assert dropped not in ids and again.removed == [dropped]
    added = next(t for t in again.data if t.company_id == outsider)
    assert added.added_by_hand and added.gaps == [] and added.score is None and ids[-1] == outsider
    events.clear_target(store, event_id, dropped)
    assert dropped in [t.company_id for t in _targets(store, event_id).data]


def plans_batch(store: EmbeddedStore):  # type: ignore[no-untyped-def]
    from chain_graph.store import Batch

    company = _company(store, "anta")
    return Batch(upserts=[company.model_copy(update={"employees": 1 + (company.employees or 0)})])


def test_invitations_follow_the_table_and_refuse_illegal_or_stale_moves(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"])
    firm = _targets(store, event_id).data[0].company_id
    inv = events.invite(store, event_id, firm, actor="a")
    with pytest.raises(Conflict) as conflict:
        events.invite(store, event_id, firm, actor="a")
    assert conflict.value.field == "company_id"
    with pytest.raises(IllegalTransition) as illegal:
        events.move_invitation(store, event_id, firm, to_status="attended", version=inv.version, actor="a")
    assert illegal.value.field == "status" and "confirmed" in illegal.value.message
    inv = events.move_invitation(store, event_id, firm, to_status="confirmed", version=1, actor="a")
    with pytest.raises(Conflict) as stale:
        events.move_invitation(store, event_id, firm, to_status="attended", version=1, actor="a")
    assert stale.value.field == "version"
    inv = events.move_invitation(store, event_id, firm, to_status="declined", version=inv.version, actor="a")
    assert inv.status.value == "declined" and inv.declined_on is not None and inv.confirmed_on is not None
    with pytest.raises(IllegalTransition):
        events.move_invitation(store, event_id, firm, to_status="confirmed", version=inv.version, actor="a")
    with pytest.raises(InvalidInput) as e:
        events.move_invitation(store, event_id, firm, to_status="signed_at_event", version=inv.version, actor="a")
    assert e.value.field == "status"
    with pytest.raises(NotFound):
        events.invite(store, event_id, "no-such-firm", actor="a")


def _attend(store: EmbeddedStore, event_id: str, firm: str) -> int:
    inv = events.invite(store, event_id, firm, actor="a")
    inv = events.move_invitation(store, event_id, firm, to_status="confirmed", version=inv.version, actor="a")
    return events.move_invitation(store, event_id, firm, to_status="attended", version=inv.version, actor="a").version


def test_signing_creates_a_plan_from_the_best_gap_and_names_the_event(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"], name="粤港澳大湾区专场")
    target = _targets(store, event_id).data[0]
    version = _attend(store, event_id, target.company_id)
    cache, config = RevisionCache(), AnalysisConfig()
    signed, plan = service.sign_at_event(store, cache, config, event_id, target.company_id, version=version,
                                         actor="a", amount_cny_100m=12.5, unit="晋江市")  # fmt: skip
    assert signed.status.value == "signed_at_event" and signed.plan_id == plan.plan_id
    assert plan.status is PlanStatus.SIGNED_FRAMEWORK and plan.signed_on == DAY
    assert (plan.chain_id, list(plan.segment_ids)) == (target.gaps[0].chain_id, [target.gaps[0].segment_id])
    assert plan.expected_investment_cny_100m == 12.5 and plan.unit == "晋江市"
    history = plans.plan_history(store, plan.plan_id)
    assert "粤港澳大湾区专场" in (history[0].note or "") and event_id in (history[0].note or "")
    report = service.event_report(store, event_id)
    assert (report.invited, report.attended, report.signed, report.signed_amount_cny_100m) == (1, 1, 1, 12.5)
    assert report.start_rate == 0.0 and report.signed_plans == [plan.plan_id]
    # the start rate, not the appraisal gate, is under test here (tests/test_appraisal.py has the gate)
    plans.move_plan(store, plan.plan_id, version=plan.version, to_status="started", actor="a", gate=GATE_OFF)
    assert service.event_report(store, event_id).start_rate == 1.0
    results = service.event_results(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (results.events, results.signed, results.started, results.start_rate) == (1, 1, 1, 1.0)
    assert service.event_results(store, dt.date(2027, 1, 1), dt.date(2027, 12, 31)).events == 0


def test_signing_moves_the_companys_open_plan_in_the_same_write(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"])
    target = _targets(store, event_id).data[0]
    gap = target.gaps[0]
    fields = {"company_id": target.company_id, "chain_id": gap.chain_id, "segment_ids": [gap.segment_id]}
    open_plan = plans.create_plan(store, actor="a", gap_type="weak", unit="石狮市", status="visited", **fields)
    version = _attend(store, event_id, target.company_id)
    count = store.count(Kind.TARGET_PLAN)
    _, plan = service.sign_at_event(store, RevisionCache(), AnalysisConfig(), event_id, target.company_id,
                                    version=version, actor="a")  # fmt: skip
    assert plan.plan_id == open_plan.plan_id and plan.status is PlanStatus.SIGNED_FRAMEWORK
    assert store.count(Kind.TARGET_PLAN) == count
    assert plans.plan_history(store, plan.plan_id)[-1].to_status is PlanStatus.SIGNED_FRAMEWORK


def test_a_refused_signing_writes_nothing(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"])
    events.set_target(store, event_id, "anta", action="added", actor="a")  # fills no gap, has no plan
    version = _attend(store, event_id, "anta")
    count = store.count(Kind.TARGET_PLAN)
    with pytest.raises(InvalidInput) as e:
        service.sign_at_event(store, RevisionCache(), AnalysisConfig(), event_id, "anta", version=version, actor="a")
    assert e.value.field == "chain_id"
    assert store.count(Kind.TARGET_PLAN) == count
    assert events.get_invitation(store, event_id, "anta").status.value == "attended"
    with pytest.raises(Conflict):
        service.sign_at_event(store, RevisionCache(), AnalysisConfig(), event_id, "anta", version=version + 5,
                              actor="a")  # fmt: skip


def test_an_event_update_is_versioned(store: EmbeddedStore) -> None:
    event_id = _event(store, ["gba"])
    updated = events.update_event(store, event_id, version=1, changes={"focus": ["asean"], "name": "东南亚专场"})
    assert updated.version == 2 and updated.focus == ("asean",)
    with pytest.raises(Conflict):
        events.update_event(store, event_id, version=1, changes={"name": "x"})
    with pytest.raises(InvalidInput) as e:
        events.update_event(store, event_id, version=2, changes={"version": 9})
    assert e.value.field == "version"
