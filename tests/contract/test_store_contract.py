"""The store contract: the same operations give the same results on every backend.

Every test here runs once per store (ids ``[embedded]`` and ``[neo4j]``), each starting
from an empty database.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from chain_graph.errors import Conflict, IntegrityError, InvalidInput, NotFound
from chain_graph.models import Chain, Company, CompanySegment, Kind, Ranking, Segment, Supply
from chain_graph.store.base import Batch, Change
from tests.factories import NOW, plan, plan_event, small_world


def _load(store) -> None:  # type: ignore[no-untyped-def]
    result = store.apply(Batch(upserts=small_world()))
    assert result.total(Change.CREATED) == len(small_world())


def test_empty_store_counts_nothing(store) -> None:  # type: ignore[no-untyped-def]
    assert all(n == 0 for n in store.stats().values())
    assert store.list(Kind.COMPANY).total == 0


def test_upsert_then_get_round_trips_every_field(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    for record in small_world():
        assert store.get(record.KIND, record.key) == record


def test_upsert_reports_created_updated_unchanged(store) -> None:  # type: ignore[no-untyped-def]
    chain = Chain(chain_id="food", name="食品饮料")
    assert store.upsert(chain) is Change.CREATED
    assert store.upsert(chain) is Change.UNCHANGED
    assert store.upsert(chain.model_copy(update={"description": "休闲食品"})) is Change.UPDATED
    assert store.get(Kind.CHAIN, "food").description == "休闲食品"


def test_update_replaces_the_whole_record(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.upsert(Company(company_id="anta", name="安踏体育用品有限公司", region="350582"))
    anta = store.get(Kind.COMPANY, "anta")
    assert anta.short_name is None and anta.aliases == () and anta.revenue_cny_100m is None


def test_chinese_text_round_trips(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    tex = store.get(Kind.CHAIN, "tex")
    assert tex.name == "纺织鞋服" and tex.description == "“一滴油到一件衣”"
    assert store.get(Kind.COMPANY, "x-fiber").name == "浙江示例化纤有限公司（示例）"


def test_get_unknown_raises_not_found(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound, match="nope"):
        store.get(Kind.COMPANY, "nope")
    assert store.find(Kind.SUPPLY, ("a", "b")) is None


def test_bad_key_is_invalid_input(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        store.get(Kind.SUPPLY, "only-one-part")
    with pytest.raises(InvalidInput):
        store.list(Kind.COMPANY, where={"no_such_field": 1})


def test_list_filters_orders_and_pages(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    segs = store.list(Kind.SEGMENT, where={"chain_id": "tex"})
    assert [s.segment_id for s in segs] == ["tex.dye", "tex.fiber", "tex.shoe", "tex.weave"]
    page = store.list(Kind.SEGMENT, where={"chain_id": "tex"}, offset=1, limit=2)
    assert page.total == 4 and [s.segment_id for s in page] == ["tex.fiber", "tex.shoe"]
    ranks = store.list(Kind.RANKING, where={"company_id": "x-fiber", "list_id": "china-private-500"})
    assert [r.year for r in ranks] == [2023, 2024]
    members = store.list(Kind.COMPANY_SEGMENT, where={"role": "leading"})
    assert {m.company_id for m in members} == {"anta", "frep"}


def test_lookup_many(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    found = store.lookup_many(Kind.COMPANY, [("anta",), ("nope",), ("frep",)])
    assert set(found) == {("anta",), ("frep",)}
    ties = store.lookup_many(Kind.SUPPLY, [("x-fiber", "anta")])
    assert ties[("x-fiber", "anta")].product == "涤纶长丝"


def test_reference_to_nothing_is_refused_and_nothing_written(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    before = store.stats()
    batch = Batch(upserts=[Chain(chain_id="new", name="新链"), Supply(supplier_id="anta", customer_id="ghost")])
    with pytest.raises(IntegrityError) as err:
        store.apply(batch)
    assert err.value.field == "customer_id"
    assert store.stats() == before
    assert store.find(Kind.CHAIN, "new") is None


def test_segment_needs_its_chain(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError):
        store.upsert(Segment(segment_id="s", chain_id="missing", name="环节", stage="upstream"))


def test_batch_is_idempotent(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    again = store.apply(Batch(upserts=small_world()))
    assert again.total(Change.UNCHANGED) == len(small_world())
    assert again.total(Change.CREATED) == again.total(Change.UPDATED) == 0


def test_dry_run_counts_but_writes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    result = store.apply(Batch(upserts=small_world()), dry_run=True)
    assert result.dry_run and result.total(Change.CREATED) == len(small_world())
    assert all(n == 0 for n in store.stats().values())


def test_delete_company_takes_its_relationships(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.delete(Kind.COMPANY, "x-fiber")
    assert store.find(Kind.COMPANY, "x-fiber") is None
    assert store.list(Kind.SUPPLY).total == 0
    assert store.list(Kind.RANKING).total == 0
    assert store.find(Kind.COMPANY_SEGMENT, ("x-fiber", "tex.fiber")) is None
    assert store.get(Kind.COMPANY, "anta").name == "安踏体育用品有限公司"


def test_delete_relationship_only(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.delete(Kind.SUPPLY, ("x-fiber", "anta"))
    assert store.find(Kind.SUPPLY, ("x-fiber", "anta")) is None
    assert store.find(Kind.SUPPLY, ("frep", "x-fiber")) is not None


def test_delete_unknown_is_not_found(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        store.delete(Kind.CHAIN, "ghost")


def test_delete_chain_with_segments_conflicts(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    with pytest.raises(Conflict):
        store.delete(Kind.CHAIN, "tex")
    assert store.find(Kind.CHAIN, "tex") is not None


def test_delete_chain_with_its_segments_in_one_batch(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    segs = [(Kind.SEGMENT, (s.segment_id,)) for s in store.list(Kind.SEGMENT, where={"chain_id": "pc"})]
    store.apply(Batch(deletes=[*segs, (Kind.CHAIN, ("pc",))]))
    assert store.find(Kind.CHAIN, "pc") is None
    assert store.find(Kind.SEGMENT_LINK, ("pc.pta", "tex.fiber")) is None
    assert store.find(Kind.COMPANY_SEGMENT, ("frep", "pc.pta")) is None


def test_search_companies_by_name_short_name_alias_uscc(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    assert [c.company_id for c in store.search_companies("安踏")] == ["anta"]
    assert [c.company_id for c in store.search_companies("ANTA")] == ["anta"]
    assert [c.company_id for c in store.search_companies("联合石化")] == ["frep"]
    assert [c.company_id for c in store.search_companies("91310115MA1K3BTP2B")] == ["x-fiber"]
    assert store.search_companies("   ") == []


def _canonical(graph: nx.MultiDiGraph) -> tuple[list, list]:
    nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


def test_chain_subgraph(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    graph = store.chain_subgraph("tex")
    assert graph.graph["chain_id"] == "tex"
    # the chain's segments and the FEEDS neighbour in another chain
    segments = {n for n, d in graph.nodes(data=True) if d["kind"] == "segment"}
    assert segments == {
        "segment:tex.fiber",
        "segment:tex.weave",
        "segment:tex.dye",
        "segment:tex.shoe",
        "segment:pc.pta",
    }
    assert graph.nodes["segment:pc.pta"]["chain_id"] == "pc"
    assert graph.has_edge("segment:pc.pta", "segment:tex.fiber", key="FEEDS")
    assert graph.edges["segment:pc.pta", "segment:tex.fiber", "FEEDS"]["weight"] == 0.8
    assert graph.has_edge("segment:tex.dye", "segment:tex.weave", key="SUB_OF")
    assert graph.has_edge("segment:tex.fiber", "chain:tex", key="PART_OF")
    # companies, their roles, ties, ranks and regions up to the country
    member = graph.edges["company:anta", "segment:tex.shoe", "IN_SEGMENT"]
    assert member["role"] == "leading" and member["share"] == 0.9
    assert graph.edges["company:x-fiber", "company:anta", "SUPPLIES"]["product"] == "涤纶长丝"
    assert graph.has_edge("company:x-fiber", "list:china-private-500", key="RANKED:2023")
    assert graph.edges["company:x-fiber", "list:china-500", "RANKED:2024"]["rank"] == 120
    assert graph.nodes["list:china-500"]["tier"] == 2
    assert graph.has_edge("company:anta", "region:350582", key="LOCATED_IN")
    assert nx.has_path(graph, "region:350582", "region:CN")
    assert graph.nodes["company:anta"]["name"] == "安踏体育用品有限公司"
    assert graph.nodes["company:anta"]["aliases"] == ["ANTA", "安踏体育"]


def test_chain_subgraph_unknown_chain(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        store.chain_subgraph("ghost")


def test_ranking_key_holds_the_year(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    assert store.get(Kind.RANKING, ("china-private-500", "2024", "x-fiber")).rank == 80
    store.upsert(Ranking(list_id="china-private-500", year=2024, rank=70, company_id="x-fiber"))
    assert store.get(Kind.RANKING, ("china-private-500", 2024, "x-fiber")).rank == 70
    assert store.get(Kind.RANKING, ("china-private-500", 2023, "x-fiber")).rank == 88


def test_membership_role_update(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.upsert(CompanySegment(company_id="x-fiber", segment_id="tex.fiber", role="leading"))
    graph = store.chain_subgraph("tex")
    assert graph.edges["company:x-fiber", "segment:tex.fiber", "IN_SEGMENT"]["role"] == "leading"
    assert graph.number_of_edges("company:x-fiber", "segment:tex.fiber") == 1


def test_clear_empties_everything(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.clear()
    assert all(n == 0 for n in store.stats().values())
    _load(store)  # and it can be filled again
    assert store.stats()["company"] == 3


def test_supply_reverse_direction_is_a_different_tie(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.upsert(Supply(supplier_id="anta", customer_id="x-fiber", product="回收料"))
    assert store.get(Kind.SUPPLY, ("anta", "x-fiber")).product == "回收料"
    assert store.get(Kind.SUPPLY, ("x-fiber", "anta")).product == "涤纶长丝"


# -- plans, events, snapshots, keys ------------------------------------------------------------


def test_plan_round_trips_with_its_lists_dates_and_times(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    target = plan(segment_ids=("tex.fiber", "tex.weave"), due_date="2026-12-31", status="visited")
    store.apply(Batch(upserts=[target, plan_event()]))
    got = store.get(Kind.TARGET_PLAN, "p1")
    assert got == target
    assert got.created_at.utcoffset() is not None
    assert store.get(Kind.PLAN_EVENT, ("p1", 1)) == plan_event()
    assert store.list(Kind.TARGET_PLAN, where={"chain_id": "tex", "status": "visited"}).total == 1


def test_plan_must_name_existing_company_and_segments(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    with pytest.raises(IntegrityError) as err:
        store.upsert(plan(segment_ids=("tex.fiber", "tex.ghost")))
    assert err.value.field == "segment_ids"
    with pytest.raises(IntegrityError) as err:
        store.upsert(plan(company_id="ghost"))
    assert err.value.field == "company_id"


def test_stale_version_is_a_conflict_and_writes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.upsert(plan())
    bumped = plan(version=2, status="contacted")
    store.apply(Batch(upserts=[bumped], expect_versions={(Kind.TARGET_PLAN, ("p1",)): 1}))
    stale = plan(version=2, status="visited")
    with pytest.raises(Conflict) as err:
        store.apply(Batch(upserts=[stale, plan_event(seq=2)], expect_versions={(Kind.TARGET_PLAN, ("p1",)): 1}))
    assert err.value.field == "version"
    assert store.get(Kind.TARGET_PLAN, "p1").status == "contacted"
    assert store.find(Kind.PLAN_EVENT, ("p1", 2)) is None


def test_company_with_a_plan_cannot_be_deleted(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.upsert(plan())
    with pytest.raises(Conflict, match="target_plan"):
        store.delete(Kind.COMPANY, "x-fiber")
    with pytest.raises(Conflict):
        store.delete(Kind.SEGMENT, "tex.fiber")
    store.apply(Batch(deletes=[(Kind.TARGET_PLAN, ("p1",)), (Kind.COMPANY, ("x-fiber",))]))
    assert store.find(Kind.COMPANY, "x-fiber") is None


def test_plan_events_listed_in_order(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    store.apply(Batch(upserts=[plan(), *(plan_event(seq=i, note=f"第{i}次") for i in (3, 1, 2))]))
    events = store.list(Kind.PLAN_EVENT, where={"plan_id": "p1"})
    assert [e.seq for e in events] == [1, 2, 3]
    assert events.items[1].note == "第2次"


def test_snapshots_keyed_by_chain_and_day(store) -> None:  # type: ignore[no-untyped-def]
    from chain_graph.models import ChainSnapshot

    _load(store)
    day1 = ChainSnapshot(chain_id="tex", on="2026-11-01", completeness=0.5, segments=4, missing=1, weak=1, strong=2)
    day2 = day1.model_copy(update={"on": dt.date(2026, 11, 2), "completeness": 0.75})
    store.apply(Batch(upserts=[day1, day2]))
    assert store.get(Kind.CHAIN_SNAPSHOT, ("tex", "2026-11-02")).completeness == 0.75
    assert [s.on for s in store.list(Kind.CHAIN_SNAPSHOT, where={"chain_id": "tex"})] == [day1.on, day2.on]


def test_api_keys_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    from chain_graph.models import ApiKey

    key = ApiKey(key_id="k1", name="规划科", role="planner", hash="scrypt$" + "a" * 40, created_at=NOW)
    store.upsert(key)
    assert store.get(Kind.API_KEY, "k1") == key
    revoked = key.model_copy(update={"revoked_at": dt.datetime(2026, 11, 21, tzinfo=dt.UTC)})
    assert store.upsert(revoked) is Change.UPDATED
    assert store.get(Kind.API_KEY, "k1").revoked_at == revoked.revoked_at


def test_revision_changes_with_every_write(store) -> None:  # type: ignore[no-untyped-def]
    first = store.revision()
    store.upsert(Chain(chain_id="food", name="食品饮料"))
    second = store.revision()
    assert second != first
    store.upsert(Chain(chain_id="food", name="食品饮料"))  # unchanged: no write
    assert store.revision() == second
    store.delete(Kind.CHAIN, "food")
    assert store.revision() not in (first, second)
