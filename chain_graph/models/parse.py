"""Every kind's model, and validation that names each faulty field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from chain_graph.errors import InvalidInput, Problem
from chain_graph.models.api_keys import ApiKey
from chain_graph.models.events import EventTarget, Invitation, PromotionEvent
from chain_graph.models.graph import (
    Chain,
    Company,
    CompanySegment,
    Membership,
    Organisation,
    Ranking,
    Region,
    Segment,
    SegmentLink,
    Shareholding,
    Supply,
)
from chain_graph.models.growth import ExpansionProject, ListingEntry
from chain_graph.models.kinds import Kind
from chain_graph.models.parks import Appraisal, Park, ParkPlot
from chain_graph.models.plans import ChainSnapshot, PlanEvent, TargetPlan
from chain_graph.models.record import Record

MODELS: dict[Kind, type[Record]] = {
    Kind.TARGET_PLAN: TargetPlan,
    Kind.PLAN_EVENT: PlanEvent,
    Kind.CHAIN_SNAPSHOT: ChainSnapshot,
    Kind.API_KEY: ApiKey,
    Kind.EXPANSION: ExpansionProject,
    Kind.LISTING: ListingEntry,
    Kind.PARK: Park,
    Kind.PARK_PLOT: ParkPlot,
    Kind.APPRAISAL: Appraisal,
    Kind.PROMOTION_EVENT: PromotionEvent,
    Kind.EVENT_TARGET: EventTarget,
    Kind.INVITATION: Invitation,
    Kind.REGION: Region,
    Kind.CHAIN: Chain,
    Kind.SEGMENT: Segment,
    Kind.COMPANY: Company,
    Kind.SEGMENT_LINK: SegmentLink,
    Kind.COMPANY_SEGMENT: CompanySegment,
    Kind.SUPPLY: Supply,
    Kind.RANKING: Ranking,
    Kind.ORGANISATION: Organisation,
    Kind.MEMBERSHIP: Membership,
    Kind.SHAREHOLDING: Shareholding,
}


def problems_of(error: ValidationError) -> list[Problem]:
    """Turn a pydantic error into problems that each name a field and a plain reason."""
    problems = []
    for item in error.errors(include_url=False):
        loc = [str(p) for p in item["loc"] if not isinstance(p, int)]
        message = str(item["msg"]).removeprefix("Value error, ")
        field = loc[0] if loc else None
        head, sep, rest = message.partition(": ")
        if field is None and sep and head.isidentifier():
            field, message = head, rest
        problems.append(Problem(reason=message, field=field, value=_short(item.get("input"))))
    return problems


def _short(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return None
    text = str(value) if value is not None else None
    return text if text is None or len(text) <= 80 else text[:77] + "..."


def parse_record(kind: Kind | str, data: dict[str, Any]) -> Record:
    """Validate ``data`` as a record of ``kind`` or raise InvalidInput naming each field.

    >>> parse_record("chain", {"chain_id": "tex", "name": "纺织鞋服"}).name
    '纺织鞋服'
    >>> parse_record("chain", {"chain_id": "tex"})
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: invalid chain: name: Field required
    """
    model = MODELS[Kind(kind)]
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = problems_of(e)
        summary = "; ".join(f"{p.field}: {p.reason}" if p.field else p.reason for p in problems)
        first = problems[0].field if problems else None
        raise InvalidInput(f"invalid {Kind(kind)}: {summary}", field=first, problems=problems) from e
