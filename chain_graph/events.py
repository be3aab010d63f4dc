"""Promotion events (招商推介 / 签约 / 集中开工): the events, the hand-made part of their target
lists, and invitations with their status rules.

An event's writes are guarded by the version the writer read, as plans' are: a stale write is
refused with :class:`Conflict` and nothing is written. Invitations move by one explicit table,
:data:`INVITATION_MOVES`::

    invited → confirmed → attended → signed_at_event
    invited, confirmed → declined;   declined → invited (invited again)

Any other move is refused with :class:`IllegalTransition` naming ``status``. Reaching a status
stamps its day (``confirmed_on``, ``attended_on``, ``signed_on``, ``declined_on``). A signing is
written with the plan it makes or moves, in one batch (:mod:`chain_graph.services.events`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from chain_graph.errors import Conflict, InvalidInput, NotFound
from chain_graph.focus import parse_focus
from chain_graph.models import (
    EventKind,
    EventTarget,
    Invitation,
    InvitationStatus,
    Kind,
    PromotionEvent,
    parse_record,
)
from chain_graph.plans import IllegalTransition
from chain_graph.store.base import Batch, Store

__all__ = [
    "EDITABLE_FIELDS",
    "INVITATION_MOVES",
    "clear_target",
    "create_event",
    "get_event",
    "get_invitation",
    "invitations_of",
    "invite",
    "list_events",
    "move_invitation",
    "moved_invitation",
    "set_target",
    "target_overrides",
    "update_event",
]

EDITABLE_FIELDS = frozenset({"name", "event_kind", "held_on", "host_unit", "focus", "chain_ids", "description"})
S = InvitationStatus
INVITATION_MOVES: dict[InvitationStatus, tuple[InvitationStatus, ...]] = {
    S.INVITED: (S.CONFIRMED, S.DECLINED),
    S.CONFIRMED: (S.ATTENDED, S.DECLINED),
    S.ATTENDED: (S.SIGNED_AT_EVENT,),
    S.SIGNED_AT_EVENT: (),
    S.DECLINED: (S.INVITED,),
}
_STAMPS = {S.INVITED: "invited_on", S.CONFIRMED: "confirmed_on", S.ATTENDED: "attended_on",
           S.SIGNED_AT_EVENT: "signed_on", S.DECLINED: "declined_on"}  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# -- events --------------------------------------------------------------------------------------


def get_event(store: Store, event_id: str) -> PromotionEvent:
    """The event, or NotFound naming ``event_id``."""
    found = store.find(Kind.PROMOTION_EVENT, event_id)
    if found is None:
        raise NotFound(f"no promotion event with id {event_id!r}", field="event_id")
    return found  # type: ignore[return-value]


def list_events(store: Store, *, year: int | None = None, event_kind: str | None = None) -> list[PromotionEvent]:
    """Events (of one year, of one kind), by day, then id."""
    if event_kind is not None and event_kind not in {k.value for k in EventKind}:
        known = ", ".join(k.value for k in EventKind)
        raise InvalidInput(f"event_kind: {event_kind!r} is not an event kind ({known})", field="event_kind")
    where = {"event_kind": event_kind} if event_kind else None
    found: list[PromotionEvent] = store.list(Kind.PROMOTION_EVENT, where=where).items  # type: ignore[assignment]
    if year is not None:
        found = [e for e in found if e.held_on.year == year]
    return sorted(found, key=lambda e: (e.held_on, e.event_id))


def _checked(store: Store, data: Mapping[str, Any]) -> PromotionEvent:
    """A valid event whose focus items are focus items, its regions and chains stored ones."""
    event: PromotionEvent = parse_record(Kind.PROMOTION_EVENT, dict(data))  # type: ignore[assignment]
    focus = parse_focus(event.focus)
    event = event.model_copy(update={"focus": focus.items})
    regions = [i.partition(":")[2] for i in focus.items if i.startswith("region:")]
    missing = [r for r in regions if store.find(Kind.REGION, r) is None]
    if missing:
        raise InvalidInput(f"focus: region {missing[0]!r} is not in the region tree", field="focus")
    chains = store.lookup_many(Kind.CHAIN, [(c,) for c in event.chain_ids])
    unknown = [c for c in event.chain_ids if (c,) not in chains]
    if unknown:
        raise InvalidInput(f"chain_ids: no chain {unknown[0]!r}", field="chain_ids")
    return event


def create_event(store: Store, **fields: Any) -> PromotionEvent:
    """Create an event (a new ``event-…`` id unless given); Conflict if the id is taken."""
    import uuid

    fields.setdefault("event_id", f"event-{uuid.uuid4().hex[:10]}")
    event = _checked(store, {**fields, "version": 1})
    if store.find(Kind.PROMOTION_EVENT, event.event_id) is not None:
        raise Conflict(f"an event with id {event.event_id!r} exists already", field="event_id")
    store.apply(Batch(upserts=[event]))
    return event


def update_event(store: Store, event_id: str, *, version: int, changes: Mapping[str, Any]) -> PromotionEvent:
    """Change editable fields of an event read at ``version``; Conflict if it moved on since."""
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"{unknown[0]}: not editable", field=unknown[0])
    event = get_event(store, event_id)
    if version != event.version:
        raise Conflict(f"event {event_id!r} is at version {event.version}, not {version}: reload it", field="version")
    updated = _checked(store, {**event.model_dump(), **changes, "version": event.version + 1})
    if updated.model_copy(update={"version": event.version}) == event:
        return event
    store.apply(Batch(upserts=[updated], expect_versions={(Kind.PROMOTION_EVENT, (event_id,)): version}))
    return updated


# -- the target list's hand-made part --------------------------------------------------------------


def target_overrides(store: Store, event_id: str) -> list[EventTarget]:
    return store.list(Kind.EVENT_TARGET, where={"event_id": event_id}).items  # type: ignore[return-value]


def set_target(
    store: Store, event_id: str, company_id: str, *, action: str, actor: str, note: str | None = None
) -> EventTarget:
    """Add a firm to an event's target list by hand, or take one off (``action``: added | removed)."""
    get_event(store, event_id)
    if store.find(Kind.COMPANY, company_id) is None:
        raise NotFound(f"no company with id {company_id!r}", field="company_id")
    if action not in ("added", "removed"):
        raise InvalidInput(f"action: {action!r} is neither added nor removed", field="action")
    record = EventTarget(event_id=event_id, company_id=company_id, action=action, note=note, actor=actor, at=_now())
    store.apply(Batch(upserts=[record]))
    return record


def clear_target(store: Store, event_id: str, company_id: str) -> None:
    """Undo a hand change: the firm is in or out as the computation says. NotFound when there is none."""
    if store.find(Kind.EVENT_TARGET, (event_id, company_id)) is None:
        raise NotFound(f"event {event_id!r} has no hand change for company {company_id!r}", field="company_id")
    store.apply(Batch(deletes=[(Kind.EVENT_TARGET, (event_id, company_id))]))


# -- invitations ---------------------------------------------------------------------------------


def invitations_of(store: Store, event_id: str) -> list[Invitation]:
    return store.list(Kind.INVITATION, where={"event_id": event_id}).items  # type: ignore[return-value]


def get_invitation(store: Store, event_id: str, company_id: str) -> Invitation:
    found = store.find(Kind.INVITATION, (event_id, company_id))
    if found is None:
        get_event(store, event_id)
        raise NotFound(f"company {company_id!r} is not invited to event {event_id!r}", field="company_id")
    return found  # type: ignore[return-value]


def invite(
    store: Store, event_id: str, company_id: str, *, actor: str, note: str | None = None, on: dt.date | None = None
) -> Invitation:
    """Invite a firm (status ``invited``); Conflict naming ``company_id`` if it is invited already."""
    get_event(store, event_id)
    if store.find(Kind.COMPANY, company_id) is None:
        raise NotFound(f"no company with id {company_id!r}", field="company_id")
    if store.find(Kind.INVITATION, (event_id, company_id)) is not None:
        raise Conflict(f"company {company_id!r} is invited to event {event_id!r} already", field="company_id")
    now = _now()
    record = Invitation(event_id=event_id, company_id=company_id, invited_on=on or now.date(), note=note,
                        actor=actor, created_at=now, updated_at=now)  # fmt: skip
    store.apply(Batch(upserts=[record]))
    return record


def moved_invitation(
    invitation: Invitation,
    to_status: InvitationStatus | str,
    *,
    version: int,
    actor: str,
    note: str | None = None,
    on: dt.date | None = None,
    **fields: Any,
) -> Invitation:
    """The invitation moved to ``to_status`` (not written): IllegalTransition for a move the table
    forbids, Conflict for a stale ``version``."""
    try:
        target = InvitationStatus(to_status)
    except ValueError as e:
        known = ", ".join(s.value for s in InvitationStatus)
        raise InvalidInput(f"status: {to_status!r} is not an invitation status ({known})", field="status") from e
    if version != invitation.version:
        raise Conflict(
            f"the invitation of {invitation.company_id!r} is at version {invitation.version}, not {version}: reload it",
            field="version",
        )
    allowed = INVITATION_MOVES[invitation.status]
    if target not in allowed:
        also = f"; from {invitation.status.value} it may go to {', '.join(s.value for s in allowed)}" if allowed else ""
        raise IllegalTransition(
            f"status: an invitation cannot move from {invitation.status.value} to {target.value}{also}", field="status"
        )
    now = _now()
    update = {"status": target, "version": invitation.version + 1, "updated_at": now, "actor": actor,
              _STAMPS[target]: on or now.date(), **fields}  # fmt: skip
    if note is not None:
        update["note"] = note
    return parse_record(Kind.INVITATION, {**invitation.model_dump(), **update})  # type: ignore[return-value]


def move_invitation(
    store: Store,
    event_id: str,
    company_id: str,
    *,
    to_status: InvitationStatus | str,
    version: int,
    actor: str,
    note: str | None = None,
    on: dt.date | None = None,
) -> Invitation:
    """Move an invitation (not to ``signed_at_event``: a signing makes a plan, see
    :func:`chain_graph.services.events.sign_at_event`)."""
    if str(getattr(to_status, "value", to_status)) == S.SIGNED_AT_EVENT.value:
        raise InvalidInput(
            "status: a signing at the event is recorded with its plan: use sign_at_event (POST …/sign)", field="status"
        )
    invitation = get_invitation(store, event_id, company_id)
    moved = moved_invitation(invitation, to_status, version=version, actor=actor, note=note, on=on)
    key = (Kind.INVITATION, (event_id, company_id))
    store.apply(Batch(upserts=[moved], expect_versions={key: invitation.version}))
    return moved
