"""Every kind of record the store holds, and the kinds a bundle holds."""

from __future__ import annotations

from enum import StrEnum

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"


class Kind(StrEnum):
    """Every kind of record the store holds (nodes first, then relationships)."""

    REGION = "region"
    CHAIN = "chain"
    SEGMENT = "segment"
    COMPANY = "company"
    TARGET_PLAN = "target_plan"
    PLAN_EVENT = "plan_event"
    CHAIN_SNAPSHOT = "chain_snapshot"
    API_KEY = "api_key"
    EXPANSION = "expansion"
    LISTING = "listing"
    PARK = "park"
    PARK_PLOT = "park_plot"
    APPRAISAL = "appraisal"
    PROMOTION_EVENT = "promotion_event"
    EVENT_TARGET = "event_target"
    INVITATION = "invitation"
    SEGMENT_LINK = "segment_link"
    COMPANY_SEGMENT = "company_segment"
    SUPPLY = "supply"
    RANKING = "ranking"
    # relationships that bring a target in (issue 12): organisations, memberships, shareholdings
    ORGANISATION = "organisation"
    MEMBERSHIP = "membership"
    SHAREHOLDING = "shareholding"


NODE_KINDS = (
    Kind.REGION,
    Kind.CHAIN,
    Kind.SEGMENT,
    Kind.COMPANY,
    Kind.TARGET_PLAN,
    Kind.PLAN_EVENT,
    Kind.CHAIN_SNAPSHOT,
    Kind.API_KEY,
    Kind.EXPANSION,
    Kind.LISTING,
    Kind.PARK,
    Kind.PARK_PLOT,
    Kind.APPRAISAL,
    Kind.PROMOTION_EVENT,
    Kind.EVENT_TARGET,
    Kind.INVITATION,
    Kind.ORGANISATION,
)
# The kinds a bundle holds: the graph of chains, firms and lists (not plans, events, keys).
GRAPH_KINDS = (
    Kind.REGION,
    Kind.CHAIN,
    Kind.SEGMENT,
    Kind.COMPANY,
    Kind.SEGMENT_LINK,
    Kind.COMPANY_SEGMENT,
    Kind.SUPPLY,
    Kind.RANKING,
    Kind.ORGANISATION,
    Kind.MEMBERSHIP,
    Kind.SHAREHOLDING,
)
