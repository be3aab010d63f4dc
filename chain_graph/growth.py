"""Local firms' growth: expansion projects (增资扩产 / 技改) and the listing pipeline (上市后备).

Both are records of firms already in the city, created, edited and moved through an explicit
table of allowed moves; every write is guarded by the version the writer read (a stale write
is :class:`Conflict`, nothing written) and an illegal move is :class:`IllegalTransition`.

Expansion projects (:data:`EXPANSION_MOVES`): one step forward at a time — a project is
approved (立项备案) before it is built and built before it produces — or ``cancelled`` from any
open status; a cancelled project may be taken up again as ``planned``. ``in_production`` is the
end. Reaching ``approved``, ``under_construction`` or ``in_production`` stamps ``approved_on``,
``started_on`` or ``produced_on`` (the KPIs read them).

Listing pipeline (:data:`LISTING_MOVES`): 培育 ``cultivating`` → 辅导备案 ``tutoring`` → 申报
``filed`` → 上市/挂牌 ``listed``, one step at a time; ``withdrawn`` from any stage before
``listed``; a withdrawn firm re-enters at ``cultivating``. Reaching a stage stamps
``tutoring_on``, ``filed_on`` or ``listed_on``.

>>> [s.value for s in EXPANSION_MOVES[ExpansionStatus.APPROVED]]
['under_construction', 'cancelled']
>>> [s.value for s in LISTING_MOVES[ListingStage.LISTED]]
[]
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from chain_graph.errors import Conflict, InvalidInput, NotFound
from chain_graph.models import (
    ExpansionProject,
    ExpansionStatus,
    Kind,
    ListingEntry,
    ListingStage,
    Record,
    parse_record,
)
from chain_graph.plans import IllegalTransition
from chain_graph.store.base import Batch, Page, Store

__all__ = [
    "EXPANSION_EDITABLE",
    "EXPANSION_MOVES",
    "LISTING_EDITABLE",
    "LISTING_MOVES",
    "create_expansion",
    "create_listing",
    "edit_expansion",
    "edit_listing",
    "get_expansion",
    "get_listing",
    "list_expansions",
    "list_listings",
    "move_expansion",
    "move_listing",
]

_E = ExpansionStatus
_L = ListingStage
EXPANSION_MOVES: dict[ExpansionStatus, tuple[ExpansionStatus, ...]] = {
    _E.PLANNED: (_E.APPROVED, _E.CANCELLED),
    _E.APPROVED: (_E.UNDER_CONSTRUCTION, _E.CANCELLED),
    _E.UNDER_CONSTRUCTION: (_E.IN_PRODUCTION, _E.CANCELLED),
    _E.IN_PRODUCTION: (),
    _E.CANCELLED: (_E.PLANNED,),
}
LISTING_MOVES: dict[ListingStage, tuple[ListingStage, ...]] = {
    _L.CULTIVATING: (_L.TUTORING, _L.WITHDRAWN),
    _L.TUTORING: (_L.FILED, _L.WITHDRAWN),
    _L.FILED: (_L.LISTED, _L.WITHDRAWN),
    _L.LISTED: (),
    _L.WITHDRAWN: (_L.CULTIVATING,),
}
# the date a status or stage stamps when it is reached (kept if already set)
_STAMPS: dict[StrEnum, str] = {
    _E.APPROVED: "approved_on",
    _E.UNDER_CONSTRUCTION: "started_on",
    _E.IN_PRODUCTION: "produced_on",
    _L.TUTORING: "tutoring_on",
    _L.FILED: "filed_on",
    _L.LISTED: "listed_on",
}
_NOT_EDITABLE = {"version", "status", "stage"}
EXPANSION_EDITABLE = frozenset(ExpansionProject.model_fields) - _NOT_EDITABLE - {"expansion_id", "company_id"}
LISTING_EDITABLE = frozenset(ListingEntry.model_fields) - _NOT_EDITABLE - {"company_id"}

R = TypeVar("R", bound=Record)


def get_expansion(store: Store, expansion_id: str) -> ExpansionProject:
    return store.get(Kind.EXPANSION, expansion_id)  # type: ignore[return-value]


def get_listing(store: Store, company_id: str) -> ListingEntry:
    return store.get(Kind.LISTING, company_id)  # type: ignore[return-value]


def create_expansion(store: Store, **fields: Any) -> ExpansionProject:
    """A new project of a local firm (status ``planned`` unless given); its id is made if not given."""
    fields.setdefault("expansion_id", f"exp-{uuid.uuid4().hex[:12]}")
    record: ExpansionProject = _parsed(Kind.EXPANSION, {**fields, "version": 1})  # type: ignore[assignment]
    if store.find(Kind.EXPANSION, record.expansion_id) is not None:
        raise Conflict(f"an expansion project with id {record.expansion_id!r} exists already", field="expansion_id")
    return _create(store, record)


def create_listing(store: Store, **fields: Any) -> ListingEntry:
    """Put a firm in the listing pipeline (stage ``cultivating`` unless given); one entry per firm."""
    record: ListingEntry = _parsed(Kind.LISTING, {**fields, "version": 1})  # type: ignore[assignment]
    if store.find(Kind.LISTING, record.company_id) is not None:
        raise Conflict(f"company {record.company_id!r} is in the listing pipeline already", field="company_id")
    return _create(store, record)


def edit_expansion(store: Store, expansion_id: str, *, version: int, changes: Mapping[str, Any]) -> ExpansionProject:
    """Change editable fields (not the status: see :func:`move_expansion`)."""
    return _edit(store, get_expansion(store, expansion_id), version, changes, EXPANSION_EDITABLE, "status")


def edit_listing(store: Store, company_id: str, *, version: int, changes: Mapping[str, Any]) -> ListingEntry:
    """Change editable fields (not the stage: see :func:`move_listing`)."""
    return _edit(store, get_listing(store, company_id), version, changes, LISTING_EDITABLE, "stage")


def move_expansion(
    store: Store, expansion_id: str, *, version: int, to_status: str, on: dt.date | None = None
) -> ExpansionProject:
    """Move a project one step along :data:`EXPANSION_MOVES`; any other move is refused."""
    target = _member(ExpansionStatus, to_status, "status", "an expansion status")
    record = get_expansion(store, expansion_id)
    return _move(store, record, version, "status", target, EXPANSION_MOVES, on)


def move_listing(
    store: Store, company_id: str, *, version: int, to_stage: str, on: dt.date | None = None
) -> ListingEntry:
    """Move a pipeline firm one stage along :data:`LISTING_MOVES`; any other move is refused."""
    target = _member(ListingStage, to_stage, "stage", "a listing stage")
    record = get_listing(store, company_id)
    return _move(store, record, version, "stage", target, LISTING_MOVES, on)


def list_expansions(
    store: Store,
    *,
    chain_id: str | None = None,
    company_id: str | None = None,
    status: str | None = None,
    key_list: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Page:
    if status is not None:
        _member(ExpansionStatus, status, "status", "an expansion status")
    where = {"chain_id": chain_id, "company_id": company_id, "status": status, "key_list": key_list}
    return store.list(
        Kind.EXPANSION, where={k: v for k, v in where.items() if v is not None}, offset=offset, limit=limit
    )


def list_listings(
    store: Store,
    *,
    chain_id: str | None = None,
    stage: str | None = None,
    tier: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Page:
    if stage is not None:
        _member(ListingStage, stage, "stage", "a listing stage")
    where = {"chain_id": chain_id, "stage": stage, "tier": tier}
    given = {k: v for k, v in where.items() if v is not None}
    return store.list(Kind.LISTING, where=given, offset=offset, limit=limit)


# -- internals -----------------------------------------------------------------------------------

E = TypeVar("E", bound=StrEnum)


def _member(enum: type[E], value: str, field: str, what: str) -> E:
    try:
        return enum(value)
    except ValueError as e:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(f"{field}: {value!r} is not {what} ({allowed})", field=field) from e


def _parsed(kind: Kind, data: Mapping[str, Any]) -> Record:
    return parse_record(kind, dict(data))


def _create(store: Store, record: R) -> R:
    """Write a new record once its company (and chain) exist; locality is the planner's call."""
    store.get(Kind.COMPANY, record.company_id)  # type: ignore[attr-defined]
    if getattr(record, "chain_id", None):
        store.get(Kind.CHAIN, record.chain_id)  # type: ignore[attr-defined]
    store.apply(Batch(upserts=[record]))
    return record


def _check_version(record: Record, version: int) -> None:
    current = record.version  # type: ignore[attr-defined]
    if version != current:
        raise Conflict(
            f"{record.KIND} {'/'.join(map(str, record.key))!r} is at version {current}, not {version}: someone "
            "else changed it; reload it and apply your change again",
            field="version",
        )


def _edit(store: Store, record: R, version: int, changes: Mapping[str, Any], editable: frozenset[str], move: str) -> R:
    unknown = sorted(set(changes) - editable)
    if unknown:
        field = unknown[0]
        why = f"use a {move} move" if field == move else "not editable"
        raise InvalidInput(f"{field}: {why}", field=field)
    _check_version(record, version)
    data = {**record.model_dump(), **changes, "version": record.version + 1}  # type: ignore[attr-defined]
    updated: R = _parsed(record.KIND, data)  # type: ignore[assignment]
    if updated.model_dump(exclude={"version"}) == record.model_dump(exclude={"version"}):
        return record  # nothing changed, nothing written
    if getattr(updated, "chain_id", None) and updated.chain_id != getattr(record, "chain_id", None):  # type: ignore[attr-defined]
        store.get(Kind.CHAIN, updated.chain_id)  # type: ignore[attr-defined]
    return _save(store, record, updated)


def _move(
    store: Store,
    record: R,
    version: int,
    field: str,
    target: StrEnum,
    moves: Mapping[Any, tuple[Any, ...]],
    on: dt.date | None,
) -> R:
    _check_version(record, version)
    current = getattr(record, field)
    if target not in moves[current]:
        raise IllegalTransition(_why_not(field, current, target, moves), field=field)
    update: dict[str, Any] = {field: target, "version": record.version + 1}  # type: ignore[attr-defined]
    stamp = _STAMPS.get(target)
    if stamp is not None and getattr(record, stamp) is None:
        update[stamp] = on or dt.date.today()
    return _save(store, record, record.model_copy(update=update))


def _why_not(field: str, current: StrEnum, target: StrEnum, moves: Mapping[Any, tuple[Any, ...]]) -> str:
    allowed = moves[current]
    if target is current:
        return f"{field}: it is already {current.value}"
    if not allowed:
        return f"{field}: {current.value} is the end; no move is allowed from it"
    return (
        f"{field}: cannot move from {current.value} to {target.value}; "
        f"from {current.value} only to {' or '.join(a.value for a in allowed)}"
    )


def _save(store: Store, old: R, new: R) -> R:
    try:
        store.apply(Batch(upserts=[new], expect_versions={(old.KIND, old.key): old.version}))  # type: ignore[attr-defined]
    except NotFound as e:
        raise Conflict(f"{old.KIND} {'/'.join(map(str, old.key))!r} was deleted meanwhile") from e
    return new
