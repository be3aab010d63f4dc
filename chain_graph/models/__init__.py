"""Domain records of the chain graph, validated with pydantic v2.

Every record is immutable and knows its :class:`Kind` and its key. Nodes (regions, chains,
segments, companies) are keyed by one id; relationships (FEEDS links, segment memberships,
supply ties, ranking entries) by the ids they join. The same records travel through import,
both stores, the analysis and the API, so a rule checked here holds everywhere.

The package is split by concern; import every name from here:

- :mod:`~chain_graph.models.kinds`: the kinds of record;
- :mod:`~chain_graph.models.fields`: field types (ids, names, text, dates, amounts, codes);
- :mod:`~chain_graph.models.record`: the record base and its stored-row fast path;
- :mod:`~chain_graph.models.graph`: regions, chains, segments, companies and their ties;
- :mod:`~chain_graph.models.plans`, :mod:`~chain_graph.models.api_keys`,
  :mod:`~chain_graph.models.growth`, :mod:`~chain_graph.models.events`,
  :mod:`~chain_graph.models.parks`: the working records;
- :mod:`~chain_graph.models.parse`: every kind's model and validation naming each faulty field.

Examples
--------
>>> Segment(segment_id="tex.fiber", chain_id="tex", name="化纤", stage="upstream").key
('tex.fiber',)
>>> Company(company_id="c1", name="示例", uscc="91350582MA2XXXXXX0")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Company
...
"""

from __future__ import annotations

from chain_graph.models.api_keys import ApiKey, KeyRole
from chain_graph.models.events import EventKind, EventTarget, Focus, Invitation, InvitationStatus, PromotionEvent
from chain_graph.models.fields import (
    Aliases,
    Amount,
    AsOf,
    Country,
    Id,
    IdList,
    Mu,
    Name,
    OptDate,
    OptId,
    OptName,
    OptSource,
    OptText,
    Rating,
    Share,
    Uscc,
    normalize_uscc,
)
from chain_graph.models.graph import (
    RANKING_LISTS,
    Chain,
    ChainDirection,
    Company,
    CompanySegment,
    Membership,
    Organisation,
    OrganisationKind,
    Ranking,
    RankingList,
    RankingListId,
    Region,
    RegionLevel,
    Role,
    Segment,
    SegmentLink,
    Shareholding,
    Stage,
    Supply,
)
from chain_graph.models.growth import (
    EXPANSION_ORDER,
    LISTING_ORDER,
    RESERVE_TAX_FLOOR_CNY_10K,
    ExpansionKind,
    ExpansionProject,
    ExpansionStatus,
    KeyProjectList,
    ListingEntry,
    ListingStage,
    ListingTier,
)
from chain_graph.models.kinds import GRAPH_KINDS, ID_PATTERN, NODE_KINDS, Kind
from chain_graph.models.parks import Appraisal, Park, ParkPlot, PlotCondition, Verdict
from chain_graph.models.parse import MODELS, parse_record, problems_of
from chain_graph.models.plans import PLAN_ORDER, ChainSnapshot, GapType, PlanEvent, PlanStatus, ProjectKind, TargetPlan
from chain_graph.models.record import Record, _core_type, construct_unchecked, dump_json

__all__ = [
    "ID_PATTERN",
    "MODELS",
    "NODE_KINDS",
    "GRAPH_KINDS",
    "PlanStatus",
    "PLAN_ORDER",
    "GapType",
    "ProjectKind",
    "KeyRole",
    "TargetPlan",
    "PlanEvent",
    "ChainSnapshot",
    "ApiKey",
    "Appraisal",
    "Park",
    "ParkPlot",
    "PlotCondition",
    "Verdict",
    "RANKING_LISTS",
    "Chain",
    "Company",
    "CompanySegment",
    "Kind",
    "Ranking",
    "RankingList",
    "RankingListId",
    "Record",
    "Region",
    "RegionLevel",
    "Role",
    "Segment",
    "SegmentLink",
    "Stage",
    "Supply",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Shareholding",
    "normalize_uscc",
    "parse_record",
    "EventKind",
    "InvitationStatus",
    "PromotionEvent",
    "EventTarget",
    "Invitation",
    "problems_of",
    "ChainDirection",
    "ExpansionKind",
    "ExpansionStatus",
    "EXPANSION_ORDER",
    "KeyProjectList",
    "ListingTier",
    "ListingStage",
    "LISTING_ORDER",
    "ExpansionProject",
    "ListingEntry",
    "RESERVE_TAX_FLOOR_CNY_10K",
    "construct_unchecked",
    "dump_json",
    # field types, for records defined elsewhere (api models, facts)
    "Aliases",
    "Amount",
    "AsOf",
    "Country",
    "Focus",
    "Id",
    "IdList",
    "Mu",
    "Name",
    "OptDate",
    "OptId",
    "OptName",
    "OptSource",
    "OptText",
    "Rating",
    "Share",
    "Uscc",
]
_ = _core_type  # kept importable from here for the embedded store's reader (chain_graph.store.embedded)
