"""Parks, plots and appraisals on both stores: round trips, references, dependents, the services."""

from __future__ import annotations

import pytest

from chain_graph import plans
from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig
from chain_graph.cache import RevisionCache
from chain_graph.errors import Conflict, IntegrityError
from chain_graph.models import Kind, Park, PlanStatus, Region, Segment
from chain_graph.services.appraisal import appraisal_of, appraise_plan
from chain_graph.services.parks import list_parks, park_matches, park_view
from chain_graph.store.base import Batch
from tests.factories import appraisal, park, park_plot, plan, small_world

INPUTS = {"technology_route": 4, "product_competitiveness": 4, "market_prospects": 4, "land_mu": 60,
          "annual_tax_cny_10k": 2000, "annual_output_cny_100m": 10, "energy_tce": 5000, "jobs": 300}  # fmt: skip


def _world(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=[*small_world(), park(), park_plot(), park_plot("plot-2", condition="available",
                                                                               area_mu=12.5)]))  # fmt: skip


def test_parks_plots_and_appraisals_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    _world(store)
    store.apply(Batch(upserts=[plan(park_id="park-jj"), appraisal()]))
    assert store.get(Kind.PARK, "park-jj") == park()
    assert store.get(Kind.PARK_PLOT, "plot-1") == park_plot()
    assert store.get(Kind.APPRAISAL, "p1") == appraisal()
    assert store.get(Kind.TARGET_PLAN, "p1").park_id == "park-jj"  # type: ignore[attr-defined]
    assert [p.key for p in store.list(Kind.PARK_PLOT, where={"park_id": "park-jj"})] == [("plot-1",), ("plot-2",)]
    assert [p.key for p in store.list(Kind.PARK, where={"region": "350505"})] == []
    assert [p.key for p in store.list(Kind.TARGET_PLAN, where={"park_id": "park-jj"})] == [("p1",)]
    assert (store.count(Kind.PARK), store.count(Kind.PARK_PLOT), store.count(Kind.APPRAISAL)) == (1, 2, 1)


def test_references_are_checked_and_nothing_is_half_written(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=small_world()))
    for bad, field in (
        (park(segment_ids=("tex.fiber", "tex.nope")), "segment_ids"),
        (park(chain_ids=("nope",)), "chain_ids"),
        (park(region="999999"), "region"),
    ):
        with pytest.raises(IntegrityError) as err:
            store.apply(Batch(upserts=[bad, park_plot()]))
        assert err.value.field == field
    with pytest.raises(IntegrityError):
        store.apply(Batch(upserts=[park_plot()]))  # its park is nowhere
    with pytest.raises(IntegrityError):
        store.apply(Batch(upserts=[appraisal("no-plan")]))
    assert (store.count(Kind.PARK), store.count(Kind.PARK_PLOT), store.count(Kind.APPRAISAL)) == (0, 0, 0)


def test_what_a_park_holds_cannot_be_pulled_from_under_it(store) -> None:  # type: ignore[no-untyped-def]
    _world(store)
    with pytest.raises(Conflict, match=r"park 'park-jj' still belongs to segment 'tex\.fiber'"):
        store.delete(Kind.SEGMENT, "tex.fiber")
    nanan = Region(region_id="350583", name="南安市", parent_id="350500", level="county")
    store.apply(Batch(upserts=[nanan, park("park-na", region="350583")]))
    with pytest.raises(Conflict, match="park 'park-na' still belongs to region '350583'"):
        store.delete(Kind.REGION, "350583")
    store.apply(Batch(upserts=[plan(park_id="park-jj")]))
    with pytest.raises(Conflict, match="park_plot 'plot-1' still belongs to park 'park-jj'"):
        store.delete(Kind.PARK, "park-jj")
    store.apply(Batch(upserts=[Segment(segment_id="tex.new", chain_id="tex", name="新环节", stage="upstream")]))
    store.apply(Batch(upserts=[park(segment_ids=("tex.new",)), plan(park_id=None)]))  # moved away
    assert [p["park_id"] for p in list_parks(store, region="350583")] == ["park-na"]
    store.apply(Batch(deletes=[(Kind.PARK_PLOT, ("plot-1",)), (Kind.PARK_PLOT, ("plot-2",))]))
    store.delete(Kind.PARK, "park-jj")
    assert store.find(Kind.PARK, "park-jj") is None and store.find(Kind.SEGMENT, "tex.new") is not None


def test_services_on_each_store(store) -> None:  # type: ignore[no-untyped-def]
    _world(store)
    store.apply(Batch(upserts=[plan(status="negotiating", park_id="park-jj", expected_investment_cny_100m=3)]))
    [listed] = list_parks(store)
    assert isinstance(store.get(Kind.PARK, "park-jj"), Park)
    assert (listed["region_name"], listed["land"]["idle_mu"], listed["land"]["available_mu"]) == ("晋江市", 30, 12.5)
    with pytest.raises(plans.AppraisalRequired):
        plans.move_plan(store, "p1", version=1, to_status="signed_contract", actor="a")
    done = appraise_plan(store, RevisionCache(), AnalysisConfig(), AppraisalConfig(), "p1", version=1, inputs=INPUTS,
                         actor="张三")  # fmt: skip
    assert done["verdict"] == "recommend" and appraisal_of(store, "p1")["criteria"][0]["value"] == 100  # 化纤 missing
    plans.move_plan(store, "p1", version=2, to_status="signed_contract", actor="a")
    assert [e.action for e in plans.plan_history(store, "p1")] == ["appraise", "move"]
    view = park_view(store, "park-jj")
    assert [p["plan_id"] for p in view["plans"]["signed"]["plans"]] == ["p1"] and not view["plans"]["started"]["plans"]
    [match] = park_matches(store, "p1")["matches"]
    assert (match["park_id"], match["fits"], match["score"]) == ("park-jj", True, 80)  # 100 亩 ≥ 60 亩
    assert plans.get_plan(store, "p1").status is PlanStatus.SIGNED_CONTRACT
