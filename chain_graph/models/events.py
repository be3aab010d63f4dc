"""Promotion events (招商推介 / 签约 / 集中开工): chain_graph.events."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from chain_graph.errors import InvalidInput
from chain_graph.models.fields import Amount, Id, IdList, Name, OptDate, OptId, OptText, _plain, _split_aliases
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record, _Provenance


class EventKind(StrEnum):
    """What a promotion event is: 推介 (a pitch), 签约 (a signing ceremony), 集中开工 (a joint groundbreaking)."""

    PROMOTION = "promotion"
    SIGNING = "signing"
    GROUNDBREAKING = "groundbreaking"


class InvitationStatus(StrEnum):
    """Where an invitation stands (the moves allowed: chain_graph.events.INVITATION_MOVES)."""

    INVITED = "invited"
    CONFIRMED = "confirmed"
    ATTENDED = "attended"
    SIGNED_AT_EVENT = "signed_at_event"
    DECLINED = "declined"


def _focus_items(value: tuple[str, ...]) -> tuple[str, ...]:
    """Focus items as ids: Chinese words mapped (粤港澳大湾区 → gba), unknown items refused."""
    from chain_graph.focus import parse_focus  # it builds on these records

    try:
        return parse_focus(value).items
    except InvalidInput as e:
        raise ValueError(e.message.removeprefix("focus: ")) from e


# Items: a region group (gba, yrd, asean), region:<id>, overseas-chinese, list:<list id>, direction:<id>,
# or their Chinese words (chain_graph.focus).
Focus = Annotated[
    tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), _plain], ...],
    BeforeValidator(_split_aliases),
    AfterValidator(_focus_items),
    Field(max_length=20),
]


class PromotionEvent(Record, _Provenance):
    """A promotion event: its kind, day, host unit, focus and chains; targets and invitations hang on it."""

    KIND: ClassVar[Kind] = Kind.PROMOTION_EVENT
    KEY: ClassVar[tuple[str, ...]] = ("event_id",)

    event_id: Id
    name: Name
    event_kind: EventKind
    held_on: Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), le=dt.date(2100, 12, 31))]
    host_unit: Name
    focus: Focus = ()
    chain_ids: Annotated[IdList, Field(max_length=50)] = ()
    description: OptText = None
    version: Annotated[int, Field(ge=1)] = 1


class EventTarget(Record):
    """A planner's hand on an event's target list: a firm ``added`` or ``removed``, kept across recomputation."""

    KIND: ClassVar[Kind] = Kind.EVENT_TARGET
    KEY: ClassVar[tuple[str, ...]] = ("event_id", "company_id")

    event_id: Id
    company_id: Id
    action: Annotated[str, StringConstraints(pattern=r"^(added|removed)$")]
    note: OptText = None
    actor: Name
    at: dt.datetime


class Invitation(Record):
    """A firm invited to an event, tracked to attendance and signing; ``plan_id``: the plan its signing made."""

    KIND: ClassVar[Kind] = Kind.INVITATION
    KEY: ClassVar[tuple[str, ...]] = ("event_id", "company_id")

    event_id: Id
    company_id: Id
    status: InvitationStatus = InvitationStatus.INVITED
    invited_on: OptDate = None
    confirmed_on: OptDate = None
    attended_on: OptDate = None
    signed_on: OptDate = None
    declined_on: OptDate = None
    signed_amount_cny_100m: Amount = None
    plan_id: OptId = None
    note: OptText = None
    actor: Name
    version: Annotated[int, Field(ge=1)] = 1
    created_at: dt.datetime
    updated_at: dt.datetime
