"""Promotion events on every store (``[embedded]`` and ``[neo4j]``): the records round-trip, the
bundle's ``events`` table imports atomically and is validated, references hold, and the seed
data's target lists and a signing come out the same on both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chain_graph import events
from chain_graph.analysis import AnalysisConfig
from chain_graph.bundle import import_bundle
from chain_graph.cache import RevisionCache
from chain_graph.errors import Conflict, IntegrityError
from chain_graph.models import EventTarget, Invitation, Kind, PromotionEvent
from chain_graph.services import events as service
from chain_graph.store.base import Batch, Change
from tests.analysis.seed import load_seed
from tests.factories import NOW, bundle_rows, small_world, write_bundle

EVENT = PromotionEvent(event_id="ev1", name="长三角方向专场招商推介会", event_kind="promotion",
                       held_on=dt.date(2026, 6, 18), host_unit="泉州市商务局", focus=("yrd", "list:china-500"),
                       chain_ids=("tex",), source="illustrative: 示例活动")  # fmt: skip


def test_events_hand_changes_and_invitations_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=small_world()))
    target = EventTarget(event_id="ev1", company_id="x-fiber", action="removed", note="已在谈", actor="规划科", at=NOW)
    days = {"invited_on": dt.date(2026, 6, 1), "confirmed_on": dt.date(2026, 6, 2)}
    invitation = Invitation(event_id="ev1", company_id="anta", status="confirmed", actor="规划科", version=2,
                            created_at=NOW, updated_at=NOW, **days)  # fmt: skip
    result = store.apply(Batch(upserts=[EVENT, target, invitation]))
    assert result.total(Change.CREATED) == 3
    assert store.get(Kind.PROMOTION_EVENT, "ev1") == EVENT
    assert store.get(Kind.EVENT_TARGET, ("ev1", "x-fiber")) == target
    assert store.get(Kind.INVITATION, ("ev1", "anta")) == invitation
    assert store.list(Kind.INVITATION, where={"event_id": "ev1"}).items == [invitation]
    assert store.list(Kind.PROMOTION_EVENT, where={"event_kind": "promotion"}).total == 1
    assert store.upsert(EVENT) is Change.UNCHANGED
    assert store.revisions()["promotions"] >= 1


def test_references_of_events_hold(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=small_world()))
    with pytest.raises(IntegrityError) as e:
        store.apply(Batch(upserts=[EVENT.model_copy(update={"chain_ids": ("nope",)})]))
    assert e.value.field == "chain_ids"
    store.apply(Batch(upserts=[EVENT]))
    invitation = Invitation(event_id="ev1", company_id="anta", actor="a", created_at=NOW, updated_at=NOW)
    with pytest.raises(IntegrityError):
        store.apply(Batch(upserts=[invitation.model_copy(update={"company_id": "nobody"})]))
    store.apply(Batch(upserts=[invitation]))
    with pytest.raises(Conflict):  # a firm with an invitation is not deleted from under it
        store.delete(Kind.COMPANY, "anta")
    with pytest.raises(Conflict):
        store.delete(Kind.PROMOTION_EVENT, "ev1")
    assert store.count(Kind.INVITATION) == 1


def _bundle(tmp_path: Path, events_rows: list[dict[str, str]]) -> Path:
    return write_bundle(tmp_path / "bundle", {**bundle_rows(), "events": events_rows})


ROW = {"event_id": "ev1", "name": "长三角方向专场招商推介会", "event_kind": "推介", "held_on": "2026/6/18",
       "host_unit": "泉州市商务局", "focus": "长三角|list:china-500", "chain_ids": "tex", "description": "",
       "source": "illustrative: 示例活动", "as_of": ""}  # fmt: skip


def test_the_events_table_imports_and_a_second_import_changes_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = import_bundle(store, _bundle(tmp_path, [ROW]))
    assert report.applied, report.rejections
    stored = store.get(Kind.PROMOTION_EVENT, "ev1")
    assert stored.focus == ("yrd", "list:china-500") and stored.event_kind.value == "promotion"
    assert stored.held_on == dt.date(2026, 6, 18) and stored.chain_ids == ("tex",)
    again = import_bundle(store, _bundle(tmp_path, [ROW]))
    events_file = next(f for f in again.files if f.table == "events")
    assert (events_file.created, events_file.updated, events_file.unchanged) == (0, 0, 1)


def test_a_bad_event_row_refuses_the_whole_bundle(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [ROW, {**ROW, "event_id": "ev2", "focus": "亚洲"}, {**ROW, "event_id": "ev3", "chain_ids": "tex|nope"}]
    report = import_bundle(store, _bundle(tmp_path, rows))
    assert not report.applied and store.count(Kind.CHAIN) == 0 and store.count(Kind.PROMOTION_EVENT) == 0
    problems = {(p.row, p.field) for p in report.rejections}
    assert (3, "focus") in problems and (4, "chain_ids") in problems, problems
    assert any(p.value == "nope" for p in report.rejections if p.field == "chain_ids")


def _gba_targets(store):  # type: ignore[no-untyped-def]
    load_seed(store)
    event = events.create_event(store, event_id="ev-gba", name="粤港澳大湾区专场", event_kind="promotion",
                                held_on=dt.date(2026, 5, 8), host_unit="泉州市商务局", focus=["gba"])  # fmt: skip
    return event, service.event_targets(store, RevisionCache(), AnalysisConfig(), event.event_id)


def test_seed_targets_and_a_signing_agree_on_both_stores(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from chain_graph.store.embedded import EmbeddedStore

    event, found = _gba_targets(store)
    with EmbeddedStore(tmp_path / "reference") as reference:
        _, expected = _gba_targets(reference)
    assert found.count >= 5 and len({t.company_id for t in found.data}) == found.count
    assert found.model_dump() == expected.model_dump()  # row for row, score and gaps included
    cache, config = RevisionCache(), AnalysisConfig()
    firm = found.data[0].company_id
    inv = events.invite(store, event.event_id, firm, actor="a")
    for status in ("confirmed", "attended"):
        inv = events.move_invitation(store, event.event_id, firm, to_status=status, version=inv.version, actor="a")
    signed, plan = service.sign_at_event(store, cache, config, event.event_id, firm, version=inv.version, actor="a",
                                         amount_cny_100m=3.5)  # fmt: skip
    assert store.get(Kind.TARGET_PLAN, plan.plan_id) == plan and signed.plan_id == plan.plan_id
    report = service.event_report(store, event.event_id)
    assert (report.signed, report.signed_amount_cny_100m, report.start_rate) == (1, 3.5, 0.0)
    again = service.event_targets(store, cache, config, event.event_id)
    assert next(t for t in again.data if t.company_id == firm).invitation == "signed_at_event"
