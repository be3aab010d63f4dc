"""Relationships that bring a target in: organisations, memberships, shareholdings, the shortest
paths to the city, 链主 lead facts and overseas-Chinese ties — the same on every store.

Each answer is compared with the exact expected value, so the stores are held equal to it and
to each other.
"""

from __future__ import annotations

import pytest

from chain_graph.errors import Conflict, IntegrityError
from chain_graph.facts import LocalScope
from chain_graph.models import Kind, Membership, Organisation, Region, Shareholding
from chain_graph.store.base import Batch, Change
from tests.factories import relations_world


def _loaded(store):  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=relations_world()))
    regions = [r for r in store.list(Kind.REGION).items if isinstance(r, Region)]
    return LocalScope.of("350500", regions)


def _shape(answer):  # type: ignore[no-untyped-def]
    return [(p.to.id, p.hops, [(s.edge.relation, s.start.id, s.end.id, s.walk_from) for s in p.steps])
            for p in answer.paths]  # fmt: skip


def test_paths_are_the_shortest_to_each_local_firm_in_id_order(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    answer = store.relation_paths(["x-dye"], scope)["x-dye"]
    assert _shape(answer) == [
        # 安踏 in 2 hops: through 示例贸易 (x-agent sorts before x-fiber, the other 2-hop way)
        ("anta", 2, [("supplies", "x-dye", "x-agent", "company:x-dye"),
                     ("supplies", "x-agent", "anta", "company:x-agent")]),
        ("frep", 2, [("supplies", "x-dye", "x-fiber", "company:x-dye"),
                     ("supplies", "frep", "x-fiber", "company:x-fiber")]),
        # the parent's membership of the 同乡会 whose other member is local: 3 hops
        ("qz-shoe", 3, [("holds_shares", "x-group", "x-dye", "company:x-dye"),
                        ("member_of", "x-group", "ph-qz", "company:x-group"),
                        ("member_of", "qz-shoe", "ph-qz", "organisation:ph-qz")]),
    ]  # fmt: skip
    assert answer.truncated is False and answer.company.name == "浙江示例染整有限公司（示例）"


def test_every_hop_carries_its_provenance_and_details(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    steps = store.relation_paths(["x-dye"], scope)["x-dye"].paths[2].steps
    share, member, _ = steps
    assert (share.edge.amount, share.edge.source, share.edge.as_of) == (60.0, "illustrative: test", "2024-12-31")
    assert (member.edge.detail, member.edge.since, member.edge.as_of) == ("副会长单位", "2019-05-01", "2025-01-01")
    assert member.end.overseas_chinese is True
    assert share.text == "香港示例集团（示例） 持有 浙江示例染整有限公司（示例） 60% 股份"


def test_paths_are_bounded_by_hops_and_limit(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    assert [p.to.id for p in store.relation_paths(["x-dye"], scope, max_hops=2)["x-dye"].paths] == ["anta", "frep"]
    assert [p.to.id for p in store.relation_paths(["x-dye"], scope, limit=1)["x-dye"].paths] == ["anta"]
    # beyond a direct supply tie: 示例贸易's own tie with 安踏 does not count towards the limit
    found = store.relation_paths(["x-agent"], scope, limit=1, beyond_direct_supply=True)["x-agent"].paths
    assert [(p.to.id, p.hops) for p in found] == [("anta", 1), ("frep", 3)]


def test_a_local_firm_has_no_path_and_an_unknown_one_no_answer(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    answers = store.relation_paths(["anta", "nope"], scope)
    assert list(answers) == ["anta"] and answers["anta"].company.local and answers["anta"].paths == []


def test_lead_facts_of_local_leading_firms(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    facts = store.lead_facts(scope)
    ties = sorted((t.leader_id, t.partner_id, t.direction, t.product, t.amount, t.as_of) for t in facts.ties)
    assert ties == [
        ("anta", "x-agent", "supplier", "色纱", 0.3, "2025-06-30"),
        ("anta", "x-fiber", "supplier", "涤纶长丝", 2.5, None),
        ("frep", "x-fiber", "customer", "PTA", None, None),
    ]
    assert facts.local_firms == {"x-agent": 1, "x-fiber": 2}
    assert sorted((r.list_id, r.year, r.rank) for r in facts.rankings["x-fiber"])[0] == ("china-500", 2024, 120)
    assert facts.segments["anta"] == [("tex.shoe", "tex", "leading")]
    only = store.lead_facts(scope, leader_id="frep")
    assert [(t.leader_id, t.partner_id) for t in only.ties] == [("frep", "x-fiber")]
    assert store.lead_facts(scope, leader_id="x-fiber").ties == []  # not a local leading firm


def test_overseas_ties_are_memberships_of_overseas_organisations(store) -> None:  # type: ignore[no-untyped-def]
    _loaded(store)
    assert [(t.company_id, t.organisation_id, t.role) for t in store.overseas_ties()] == [
        ("qz-shoe", "ph-qz", "会员"),
        ("x-group", "ph-qz", "副会长单位"),
    ]
    assert [t.company_id for t in store.overseas_ties(["x-group", "anta"])] == ["x-group"]


def test_new_kinds_round_trip_and_are_listed(store) -> None:  # type: ignore[no-untyped-def]
    _loaded(store)
    for record in relations_world():
        if record.KIND in (Kind.ORGANISATION, Kind.MEMBERSHIP, Kind.SHAREHOLDING):
            assert store.get(record.KIND, record.key) == record
    assert [m.key for m in store.list(Kind.MEMBERSHIP, where={"organisation_id": "ph-qz"}).items] == [
        ("qz-shoe", "ph-qz"),
        ("x-group", "ph-qz"),
    ]
    assert store.list(Kind.SHAREHOLDING, where={"company_id": "x-dye"}).total == 1
    assert store.stats()["organisation"] == 2


def test_a_membership_of_an_unknown_organisation_is_refused_whole(store) -> None:  # type: ignore[no-untyped-def]
    _loaded(store)
    batch = Batch(upserts=[
        Shareholding(holder_id="anta", company_id="x-dye", share_pct=5),
        Membership(company_id="anta", organisation_id="nowhere"),
    ])  # fmt: skip
    with pytest.raises(IntegrityError, match="organisation_id 'nowhere' names no organisation"):
        store.apply(batch)
    assert store.find(Kind.SHAREHOLDING, ("anta", "x-dye")) is None


def test_deleting_an_organisation_takes_its_memberships(store) -> None:  # type: ignore[no-untyped-def]
    scope = _loaded(store)
    store.delete(Kind.ORGANISATION, "ph-qz")
    assert store.list(Kind.MEMBERSHIP).total == 1
    assert [p.to.id for p in store.relation_paths(["x-dye"], scope)["x-dye"].paths] == ["anta", "frep"]


def test_a_company_that_refers_a_plan_cannot_be_deleted(store) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import plan

    _loaded(store)
    assert store.upsert(plan("p9", company_id="x-agent", referrer_id="anta")) is Change.CREATED
    with pytest.raises(Conflict, match="p9"):
        store.delete(Kind.COMPANY, "anta")


def test_relation_writes_move_the_relations_revision(store) -> None:  # type: ignore[no-untyped-def]
    _loaded(store)
    before = store.revisions()
    store.upsert(Organisation(organisation_id="id-qz", name="示例印尼泉州同乡会（示例）", kind="hometown_association"))
    after = store.revisions()
    assert after["relations"] == before["relations"] + 1
    assert all(after.get(k) == v for k, v in before.items() if k.startswith("chain:"))


SEEDED_TARGET = (
    "x-bm.smart-home-3"  # 智能家居 (missing in 建材家居): its parent is a member of 菲律宾泉州同乡会（示例）
)


def test_seeded_target_paths_are_the_reference_answer_on_every_store(store) -> None:  # type: ignore[no-untyped-def]
    from tests.analysis.seed import seed_records
    from tests.contract.reference import ReferenceFacts

    records = seed_records()
    store.apply(Batch(upserts=records))
    scope = LocalScope.of("350500", [r for r in records if isinstance(r, Region)])
    got = store.relation_paths([SEEDED_TARGET], scope)[SEEDED_TARGET]
    want = ReferenceFacts(records).relation_paths([SEEDED_TARGET], scope)[SEEDED_TARGET]
    assert got.to_dict() == want.to_dict()
    kinds = {tuple(s.edge.relation for s in p.steps) for p in got.paths}
    assert ("holds_shares", "member_of", "member_of") in kinds  # through the 同乡会
    assert all(s.edge.source for p in got.paths for s in p.steps)  # every hop says where it comes from
