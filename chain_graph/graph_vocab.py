"""The graph vocabulary: the relationship types, how a node is named, which record fields are edges.

Pure words below both ``analysis/`` and ``store/`` (floor 1 of docs/ARCHITECTURE.md), so the
analysis, the documents (``export/``, ``reports/``) and the services can speak of a graph without
importing a store; ``chain_graph.store.base`` re-exports all of it for the stores.

A chain subgraph (a chain's map, drawn and exported) is a ``networkx.MultiDiGraph`` whose layout
both stores share exactly:

- nodes ``"chain:<id>"``, ``"segment:<id>"``, ``"company:<id>"``, ``"region:<id>"``,
  ``"list:<id>"`` (see :func:`node_id`), each with ``kind`` and the record's fields
  (``Record.to_row()``);
- edges keyed by their type (:class:`EdgeType`): ``PART_OF`` (segment→chain), ``SUB_OF``
  (segment→parent), ``FEEDS`` (segment→segment, ``weight``...), ``IN_SEGMENT``
  (company→segment, ``role``, ``share``...), ``SUPPLIES`` (company→company), ``RANKED``
  (company→list, ``year``, ``rank``...), ``LOCATED_IN`` (company→region), ``WITHIN`` (region→parent
  region). Edge keys are the type, except ``RANKED:<year>`` (one company may rank on a list in
  several years). Relationship edges carry ``type`` and the record's fields.

Examples
--------
>>> node_id("segment", "tex.fiber")
'segment:tex.fiber'
>>> RELATION_ENDS[Kind.SUPPLY][0] is EdgeType.SUPPLIES
True
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from enum import StrEnum

from chain_graph.models import Kind, Record

__all__ = ["NODE_REFERENCES", "RELATION_ENDS", "EdgeType", "node_id", "reference_targets", "targets_of"]


class EdgeType(StrEnum):
    """Relationship types; the only ones any store writes."""

    PART_OF = "PART_OF"
    SUB_OF = "SUB_OF"
    FEEDS = "FEEDS"
    IN_SEGMENT = "IN_SEGMENT"
    SUPPLIES = "SUPPLIES"
    RANKED = "RANKED"
    LOCATED_IN = "LOCATED_IN"
    WITHIN = "WITHIN"
    TARGETS = "TARGETS"
    FILLS = "FILLS"
    ABOUT = "ABOUT"
    SNAPSHOT_OF = "SNAPSHOT_OF"
    EXPANDS = "EXPANDS"  # (ExpansionProject)->(Company)
    LISTS = "LISTS"  # (ListingEntry)->(Company)
    GROWS_IN = "GROWS_IN"  # (ExpansionProject|ListingEntry)->(Chain)
    LIES_IN = "LIES_IN"  # park → its county
    POSITIONED_IN = "POSITIONED_IN"  # park → the chains and segments it is positioned for
    IN_PARK = "IN_PARK"  # plot → park
    SITED_IN = "SITED_IN"  # plan → the park its project is to be sited in
    APPRAISES = "APPRAISES"  # appraisal → plan
    FOCUSES_ON = "FOCUSES_ON"  # a promotion event -> the chains it is about
    AT_EVENT = "AT_EVENT"  # a target override or invitation -> its event
    CONCERNS = "CONCERNS"  # a target override or invitation -> the company
    SIGNED_AS = "SIGNED_AS"  # an invitation signed at the event -> the plan it made or moved
    MEMBER_OF = "MEMBER_OF"
    HOLDS_SHARES = "HOLDS_SHARES"
    REFERRED_BY = "REFERRED_BY"


# For each relationship kind: (its edge type, (field, node kind) of its start, of its end).
RELATION_ENDS: dict[Kind, tuple[EdgeType, tuple[str, Kind], tuple[str, Kind | None]]] = {
    Kind.SEGMENT_LINK: (EdgeType.FEEDS, ("from_segment_id", Kind.SEGMENT), ("to_segment_id", Kind.SEGMENT)),
    Kind.COMPANY_SEGMENT: (EdgeType.IN_SEGMENT, ("company_id", Kind.COMPANY), ("segment_id", Kind.SEGMENT)),
    Kind.SUPPLY: (EdgeType.SUPPLIES, ("supplier_id", Kind.COMPANY), ("customer_id", Kind.COMPANY)),
    Kind.RANKING: (EdgeType.RANKED, ("company_id", Kind.COMPANY), ("list_id", None)),
    Kind.MEMBERSHIP: (EdgeType.MEMBER_OF, ("company_id", Kind.COMPANY), ("organisation_id", Kind.ORGANISATION)),
    Kind.SHAREHOLDING: (EdgeType.HOLDS_SHARES, ("holder_id", Kind.COMPANY), ("company_id", Kind.COMPANY)),
}

# Node fields that point at another node, and the kind they must name.
NODE_REFERENCES: dict[Kind, tuple[tuple[str, Kind, EdgeType], ...]] = {
    Kind.REGION: (("parent_id", Kind.REGION, EdgeType.WITHIN),),
    Kind.CHAIN: (),
    Kind.SEGMENT: (("chain_id", Kind.CHAIN, EdgeType.PART_OF), ("parent_id", Kind.SEGMENT, EdgeType.SUB_OF)),
    Kind.COMPANY: (("region", Kind.REGION, EdgeType.LOCATED_IN),),
    Kind.TARGET_PLAN: (
        ("company_id", Kind.COMPANY, EdgeType.TARGETS),
        ("segment_ids", Kind.SEGMENT, EdgeType.FILLS),
        ("park_id", Kind.PARK, EdgeType.SITED_IN),
        ("referrer_id", Kind.COMPANY, EdgeType.REFERRED_BY),
    ),
    Kind.PLAN_EVENT: (("plan_id", Kind.TARGET_PLAN, EdgeType.ABOUT),),
    Kind.CHAIN_SNAPSHOT: (("chain_id", Kind.CHAIN, EdgeType.SNAPSHOT_OF),),
    Kind.API_KEY: (),
    Kind.EXPANSION: (
        ("company_id", Kind.COMPANY, EdgeType.EXPANDS),
        ("chain_id", Kind.CHAIN, EdgeType.GROWS_IN),
    ),
    Kind.LISTING: (
        ("company_id", Kind.COMPANY, EdgeType.LISTS),
        ("chain_id", Kind.CHAIN, EdgeType.GROWS_IN),
    ),
    Kind.PARK: (
        ("region", Kind.REGION, EdgeType.LIES_IN),
        ("chain_ids", Kind.CHAIN, EdgeType.POSITIONED_IN),
        ("segment_ids", Kind.SEGMENT, EdgeType.POSITIONED_IN),
    ),
    Kind.PARK_PLOT: (("park_id", Kind.PARK, EdgeType.IN_PARK),),
    Kind.APPRAISAL: (("plan_id", Kind.TARGET_PLAN, EdgeType.APPRAISES),),
    Kind.PROMOTION_EVENT: (("chain_ids", Kind.CHAIN, EdgeType.FOCUSES_ON),),
    Kind.EVENT_TARGET: (
        ("event_id", Kind.PROMOTION_EVENT, EdgeType.AT_EVENT),
        ("company_id", Kind.COMPANY, EdgeType.CONCERNS),
    ),
    Kind.INVITATION: (
        ("event_id", Kind.PROMOTION_EVENT, EdgeType.AT_EVENT),
        ("company_id", Kind.COMPANY, EdgeType.CONCERNS),
        ("plan_id", Kind.TARGET_PLAN, EdgeType.SIGNED_AS),
    ),
    Kind.ORGANISATION: (),
}


def reference_targets(record: Record, field: str) -> tuple[str, ...]:
    """The ids a reference field names: none, one, or several (``segment_ids``)."""
    value = getattr(record, field)
    if value is None:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value)
    return (str(value),)


def targets_of(records: Iterable[Record], field: str) -> set[str]:
    """Every id ``field`` names in ``records``: :func:`reference_targets` of each, at once."""
    get = operator.attrgetter(field)
    try:
        values = set(map(get, records))
    except TypeError:  # a list: not hashable
        values = {tuple(v) if isinstance(v, list) else v for v in map(get, records)}
    out: set[str] = set()
    for value in values:
        if value is None:
            continue
        if isinstance(value, tuple):
            out.update(str(v) for v in value)
        else:
            out.add(str(value))
    return out


def node_id(kind: Kind | str, ident: str) -> str:
    """Name of a node in a subgraph: ``node_id("segment", "tex.fiber") == "segment:tex.fiber"``."""
    prefix = "list" if kind == "list" else Kind(kind).value
    return f"{prefix}:{ident}"
