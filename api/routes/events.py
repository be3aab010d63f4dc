"""Promotion events (招商推介 / 签约 / 集中开工): the events, their target lists, invitations, report.

Writes to an event or an invitation carry the version the writer read (``If-Match: "<version>"``
or ``version`` in the body): a stale one is 409, none 428, as for plans. An invitation moves by
one table (``invited → confirmed → attended``, ``declined`` from the first two, ``declined →
invited``); a signing at the event goes through ``…/sign``, which makes or moves the company's
one-to-one plan in the same write. An illegal move is 422 ``illegal_transition`` naming ``status``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CacheDep, ConfigDep, PageDep, PlannerKey, RevisionsDep, StoreDep, ViewerKey, actor_of
from api.errors import error_responses
from api.routes.excel import WORKBOOK, _workbook
from api.routes.plans import IfMatch, version_of
from chain_graph import events
from chain_graph.analysis.events import EventReport, EventResults, TargetList
from chain_graph.export.excel import targets_workbook
from chain_graph.models import EventKind, InvitationStatus, PromotionEvent
from chain_graph.services import events as service
from chain_graph.services.plans import public_plan

router = APIRouter(prefix="/events", tags=["events"])
_WORKBOOK: dict[int | str, dict[str, Any]] = {code: dict(body) for code, body in WORKBOOK.items()}
EventId = Annotated[str, Path(description="event id", examples=["event-gba-2026"])]
CompanyId = Annotated[str, Path(description="company id", examples=["x-tx.spandex-2"])]


FOCUS_HELP = (
    "gba, yrd, asean, overseas-chinese, region:<id>, list:<list id>, direction:<id>, "
    "or 粤港澳大湾区, 长三角, 东南亚, 侨港澳台, 500强, 文旅, 商贸"
)


class EventCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "粤港澳大湾区专场招商推介会",
                    "event_kind": "promotion",
                    "held_on": "2026-05-08",
                    "host_unit": "泉州市商务局",
                    "focus": ["粤港澳大湾区"],
                }
            ]
        },
    )

    event_id: str | None = None
    name: str
    event_kind: EventKind
    held_on: dt.date
    host_unit: str
    focus: list[str] = Field(default_factory=list, description=FOCUS_HELP)
    chain_ids: list[str] = Field(default_factory=list, description="the chains whose gaps are searched (default: all)")
    description: str | None = None


class EventUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 1, "held_on": "2026-06-01"}]})

    version: int | None = Field(None, ge=1)
    name: str | None = None
    event_kind: EventKind | None = None
    held_on: dt.date | None = None
    host_unit: str | None = None
    focus: list[str] | None = None
    chain_ids: list[str] | None = None
    description: str | None = None


class EventPublic(PromotionEvent):
    focus_labels: dict[str, str] = Field(default_factory=dict)


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int


class TargetChange(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"action": "added", "note": "市领导点名"}]}
    )

    action: str = Field(pattern="^(added|removed)$", description="added: on the list by hand; removed: kept off")
    note: str | None = None


class InvitationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"company_id": "huawei"}]})

    company_id: str
    note: str | None = None
    on: dt.date | None = Field(None, description="the day of the invitation (default today)")


class InvitationMove(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"to_status": "confirmed", "version": 1}]}
    )

    to_status: InvitationStatus
    version: int | None = Field(None, ge=1)
    note: str | None = None
    on: dt.date | None = None


class Signing(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"version": 3, "amount_cny_100m": 20, "unit": "晋江市"}]}
    )

    version: int | None = Field(None, ge=1)
    amount_cny_100m: float | None = Field(None, ge=0, description="the amount signed, 亿元")
    unit: str | None = Field(None, description="responsible unit of a new plan (default: the event's host unit)")
    chain_id: str | None = Field(None, description="for a firm that fills no gap of the event: the plan's chain")
    segment_id: str | None = Field(None, description="… and its segment")
    note: str | None = None
    on: dt.date | None = Field(None, description="the day of signing (default: the event's day)")


def _public(response: Response | None, event: PromotionEvent) -> dict[str, Any]:
    if response is not None:
        response.headers["ETag"] = f'"{event.version}"'
    return service.public_event(event)


def _invitation(response: Response, record: Any) -> dict[str, Any]:
    response.headers["ETag"] = f'"{record.version}"'
    return record.model_dump(mode="json")  # type: ignore[no-any-return]


@router.post("", response_model=EventPublic, status_code=201, summary="Create an event / 新建招商活动",
             responses=error_responses(401, 403, 409, 422, 503))  # fmt: skip
def create_event(body: EventCreate, response: Response, key: PlannerKey, store: StoreDep) -> dict[str, Any]:
    fields = {k: v for k, v in body.model_dump().items() if v is not None}
    event = events.create_event(store, **fields)
    response.headers["Location"] = f"/events/{event.event_id}"
    return _public(response, event)


@router.get("", response_model=EventsPublic, summary="List events / 招商活动列表",
            responses=error_responses(401, 403, 422, 503))  # fmt: skip
def list_events(
    key: ViewerKey,
    store: StoreDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    event_kind: EventKind | None = None,
) -> dict[str, Any]:
    found = events.list_events(store, year=year, event_kind=event_kind.value if event_kind else None)
    return {"data": [_public(None, e) for e in page.slice(found)], "count": len(found)}


@router.get("/results", response_model=EventResults, summary="Results of the events held in a period / 活动成效",
            responses=error_responses(401, 403, 422, 503))  # fmt: skip
def event_results(key: ViewerKey, store: StoreDep, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Invited / attended / signed counts, signed amount and start rate of the events held from
    ``start`` to ``end`` (inclusive), each and in total."""
    return service.event_results(store, start, end).to_dict()


@router.get("/{event_id}", response_model=EventPublic, summary="One event / 招商活动详情",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def get_event(event_id: EventId, response: Response, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    return _public(response, events.get_event(store, event_id))


@router.patch("/{event_id}", response_model=EventPublic, summary="Edit an event / 修改招商活动",
              responses=error_responses(401, 403, 404, 409, 422, 428, 503))  # fmt: skip
def update_event(
    event_id: EventId, body: EventUpdate, response: Response, key: PlannerKey, store: StoreDep, if_match: IfMatch = None
) -> dict[str, Any]:
    version = version_of(if_match, body.version)
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    return _public(response, events.update_event(store, event_id, version=version, changes=changes))


@router.get("/{event_id}/targets", response_model=TargetList, summary="The event's target list / 目标企业清单",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def targets(
    event_id: EventId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    page: PageDep,
) -> dict[str, Any]:
    """Candidates of every chain's gaps headquartered in the event's focus, one row per firm (best
    score first), each naming the gaps it would fill; hand changes kept. ``count`` is the total."""
    found = service.event_targets(store, cache, config, event_id, revs)
    return {**found.to_dict(), "data": [t.model_dump(mode="json") for t in page.slice(found.data)]}


@router.get("/{event_id}/targets.xlsx", response_class=Response, summary="Target list as Excel / 目标企业清单表",
            responses={**_WORKBOOK, **error_responses(401, 403, 404, 422, 503)})  # fmt: skip
def targets_xlsx(
    event_id: EventId, key: ViewerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep
) -> Response:
    """The whole target list, set up to print (A4 landscape, header row on every page)."""
    event = events.get_event(store, event_id)
    data = targets_workbook(service.event_targets(store, cache, config, event_id, revs), event)
    return _workbook(data, f"{event.name}-目标企业.xlsx", f"{event_id}-targets.xlsx")


@router.put("/{event_id}/targets/{company_id}", summary="Add or remove a target by hand / 手工增删目标企业",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def set_target(
    event_id: EventId, company_id: CompanyId, body: TargetChange, key: PlannerKey, store: StoreDep
) -> dict[str, Any]:
    record = events.set_target(store, event_id, company_id, action=body.action, actor=actor_of(key), note=body.note)
    return record.model_dump(mode="json")


@router.delete("/{event_id}/targets/{company_id}", status_code=204, summary="Undo a hand change / 撤销手工增删",
               responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def clear_target(event_id: EventId, company_id: CompanyId, key: PlannerKey, store: StoreDep) -> Response:
    events.clear_target(store, event_id, company_id)
    return Response(status_code=204)


@router.get("/{event_id}/invitations", summary="Invitations / 邀请名单",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def invitations(event_id: EventId, key: ViewerKey, store: StoreDep, page: PageDep) -> dict[str, Any]:
    events.get_event(store, event_id)
    found = events.invitations_of(store, event_id)
    return {"data": [i.model_dump(mode="json") for i in page.slice(found)], "count": len(found)}


@router.post("/{event_id}/invitations", status_code=201, summary="Invite a firm / 邀请企业",
             responses=error_responses(401, 403, 404, 409, 422, 503))  # fmt: skip
def invite(
    event_id: EventId, body: InvitationCreate, response: Response, key: PlannerKey, store: StoreDep
) -> dict[str, Any]:
    record = events.invite(store, event_id, body.company_id, actor=actor_of(key), note=body.note, on=body.on)
    response.headers["Location"] = f"/events/{event_id}/invitations/{body.company_id}"
    return _invitation(response, record)


@router.get("/{event_id}/invitations/{company_id}", summary="One invitation / 邀请详情",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def get_invitation(
    event_id: EventId, company_id: CompanyId, response: Response, key: ViewerKey, store: StoreDep
) -> dict[str, Any]:
    return _invitation(response, events.get_invitation(store, event_id, company_id))


@router.post("/{event_id}/invitations/{company_id}/moves", summary="Move an invitation / 更新邀请状态",
             responses=error_responses(401, 403, 404, 409, 422, 428, 503))  # fmt: skip
def move_invitation(
    event_id: EventId,
    company_id: CompanyId,
    body: InvitationMove,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    version = version_of(if_match, body.version)
    record = events.move_invitation(store, event_id, company_id, to_status=body.to_status, version=version,
                                    actor=actor_of(key), note=body.note, on=body.on)  # fmt: skip
    return _invitation(response, record)


@router.post("/{event_id}/invitations/{company_id}/sign", summary="Signed at the event / 现场签约",
             responses=error_responses(401, 403, 404, 409, 422, 428, 503))  # fmt: skip
def sign(
    event_id: EventId,
    company_id: CompanyId,
    body: Signing,
    response: Response,
    key: PlannerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """The attended invitation becomes ``signed_at_event``; the company's open plan moves to
    ``signed_framework``, or a plan is created from its best gap — one write, the event in the plan's history."""
    version = version_of(if_match, body.version)
    record, plan = service.sign_at_event(
        store, cache, config, event_id, company_id, version=version, actor=actor_of(key),
        amount_cny_100m=body.amount_cny_100m, unit=body.unit, chain_id=body.chain_id, segment_id=body.segment_id,
        note=body.note, on=body.on, revs=revs,
    )  # fmt: skip
    return {"invitation": _invitation(response, record), "plan": public_plan(plan)}


@router.get("/{event_id}/report", response_model=EventReport, summary="Event report / 活动成效",
            responses=error_responses(401, 403, 404, 422, 503))  # fmt: skip
def report(event_id: EventId, key: ViewerKey, store: StoreDep) -> dict[str, Any]:
    """Invited / confirmed / attended / signed / declined, signed amount, and the start rate of the
    plans signed there."""
    return service.event_report(store, event_id).to_dict()
