"""Reading lists and counts of a kind, searching companies, clearing the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from chain_graph.models import MODELS, Kind
from chain_graph.store.cypher.names import identifier

# MATCH patterns per kind for list()/count(); list_queries adds the WHERE clause, from model field
# names checked against the model (never from free text), values as parameters.

LIST_MATCH: dict[Kind, LiteralString] = {
    Kind.REGION: "MATCH (n:Region)",
    Kind.CHAIN: "MATCH (n:Chain)",
    Kind.SEGMENT: "MATCH (n:Segment)",
    Kind.COMPANY: "MATCH (n:Company)",
    Kind.TARGET_PLAN: "MATCH (n:TargetPlan)",
    Kind.PLAN_EVENT: "MATCH (n:PlanEvent)",
    Kind.CHAIN_SNAPSHOT: "MATCH (n:ChainSnapshot)",
    Kind.API_KEY: "MATCH (n:ApiKey)",
    Kind.EXPANSION: "MATCH (n:ExpansionProject)",
    Kind.LISTING: "MATCH (n:ListingEntry)",
    Kind.PARK: "MATCH (n:Park)",
    Kind.PARK_PLOT: "MATCH (n:ParkPlot)",
    Kind.APPRAISAL: "MATCH (n:Appraisal)",
    Kind.PROMOTION_EVENT: "MATCH (n:PromotionEvent)",
    Kind.EVENT_TARGET: "MATCH (n:EventTarget)",
    Kind.INVITATION: "MATCH (n:Invitation)",
    Kind.SEGMENT_LINK: "MATCH (:Segment)-[n:FEEDS]->(:Segment)",
    Kind.COMPANY_SEGMENT: "MATCH (:Company)-[n:IN_SEGMENT]->(:Segment)",
    Kind.SUPPLY: "MATCH (:Company)-[n:SUPPLIES]->(:Company)",
    Kind.RANKING: "MATCH (:Company)-[n:RANKED]->(:RankingList)",
    Kind.ORGANISATION: "MATCH (n:Organisation)",
    Kind.MEMBERSHIP: "MATCH (:Company)-[n:MEMBER_OF]->(:Organisation)",
    Kind.SHAREHOLDING: "MATCH (:Company)-[n:HOLDS_SHARES]->(:Company)",
}

COUNT_ALL: dict[Kind, LiteralString] = {
    Kind.REGION: "MATCH (n:Region) RETURN count(n) AS n",
    Kind.CHAIN: "MATCH (n:Chain) RETURN count(n) AS n",
    Kind.SEGMENT: "MATCH (n:Segment) RETURN count(n) AS n",
    Kind.COMPANY: "MATCH (n:Company) RETURN count(n) AS n",
    Kind.TARGET_PLAN: "MATCH (n:TargetPlan) RETURN count(n) AS n",
    Kind.PLAN_EVENT: "MATCH (n:PlanEvent) RETURN count(n) AS n",
    Kind.CHAIN_SNAPSHOT: "MATCH (n:ChainSnapshot) RETURN count(n) AS n",
    Kind.API_KEY: "MATCH (n:ApiKey) RETURN count(n) AS n",
    Kind.EXPANSION: "MATCH (n:ExpansionProject) RETURN count(n) AS n",
    Kind.LISTING: "MATCH (n:ListingEntry) RETURN count(n) AS n",
    Kind.PARK: "MATCH (n:Park) RETURN count(n) AS n",
    Kind.PARK_PLOT: "MATCH (n:ParkPlot) RETURN count(n) AS n",
    Kind.APPRAISAL: "MATCH (n:Appraisal) RETURN count(n) AS n",
    Kind.PROMOTION_EVENT: "MATCH (n:PromotionEvent) RETURN count(n) AS n",
    Kind.EVENT_TARGET: "MATCH (n:EventTarget) RETURN count(n) AS n",
    Kind.INVITATION: "MATCH (n:Invitation) RETURN count(n) AS n",
    # both ends labelled: a relationship with a staged end is not counted
    Kind.SEGMENT_LINK: "MATCH (:Segment)-[r:FEEDS]->(:Segment) RETURN count(r) AS n",
    Kind.COMPANY_SEGMENT: "MATCH (:Company)-[r:IN_SEGMENT]->(:Segment) RETURN count(r) AS n",
    Kind.SUPPLY: "MATCH (:Company)-[r:SUPPLIES]->(:Company) RETURN count(r) AS n",
    Kind.RANKING: "MATCH (:Company)-[r:RANKED]->(:RankingList) RETURN count(r) AS n",
    Kind.ORGANISATION: "MATCH (n:Organisation) RETURN count(n) AS n",
    Kind.MEMBERSHIP: "MATCH (:Company)-[r:MEMBER_OF]->(:Organisation) RETURN count(r) AS n",
    Kind.SHAREHOLDING: "MATCH (:Company)-[r:HOLDS_SHARES]->(:Company) RETURN count(r) AS n",
}

SEARCH_COMPANIES: LiteralString = (
    "MATCH (n:Company) WHERE toLower(n.company_id) CONTAINS $q OR toLower(n.name) CONTAINS $q "
    "OR toLower(coalesce(n.short_name, '')) CONTAINS $q OR toLower(coalesce(n.uscc, '')) CONTAINS $q "
    "OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $q) "
    "RETURN properties(n) AS p LIMIT $cap"
)

# Relationships first, in batches, then the nodes: DETACH DELETE of a node with tens of thousands
# of relationships (a region, a segment, a ranking list) runs out of a 512 MB heap's pool.
CLEAR_RELATIONSHIPS: LiteralString = (
    "MATCH (n) WHERE n:Region OR n:Chain OR n:Segment OR n:Company OR n:TargetPlan OR n:PlanEvent "
    "OR n:ChainSnapshot OR n:ApiKey OR n:ExpansionProject OR n:ListingEntry OR n:Park OR n:ParkPlot OR n:Appraisal "
    "OR n:PromotionEvent OR n:EventTarget OR n:Invitation OR n:Organisation "
    "OR n:Staged OR n:ChainGraphImport "
    "CALL (n) { MATCH (n)-[r]->() DELETE r } IN TRANSACTIONS OF 1000 ROWS"
)  # per node: matched outside the batch, an Eager holds every relationship at once (OOM at ~3M ties)
CLEAR_BATCH: LiteralString = (
    "MATCH (n) WHERE n:Region OR n:Chain OR n:Segment OR n:Company OR n:TargetPlan OR n:PlanEvent "
    "OR n:ChainSnapshot OR n:ApiKey OR n:ExpansionProject OR n:ListingEntry OR n:Park OR n:ParkPlot OR n:Appraisal "
    "OR n:PromotionEvent OR n:EventTarget OR n:Invitation OR n:Organisation "
    "OR n:Staged OR n:ChainGraphImport OR n:Presence "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)


def filter_parameter(field: str) -> str:
    """The name of the parameter that carries a list filter's value for ``field``."""
    return f"w_{field}"


def list_queries(kind: Kind, fields: Sequence[str], *, limited: bool) -> tuple[LiteralString, LiteralString]:
    """A page of a kind's records in key order, and their count, where each of ``fields`` equals
    its parameter (:func:`filter_parameter`). ``fields`` are the model's own field names.

    >>> page, count = list_queries(Kind.TARGET_PLAN, ["chain_id"], limited=True)
    >>> print(page)
    MATCH (n:TargetPlan) WHERE n.chain_id = $w_chain_id RETURN properties(n) AS p
    ORDER BY n.plan_id SKIP $offset LIMIT $limit
    >>> print(count)
    MATCH (n:TargetPlan) WHERE n.chain_id = $w_chain_id RETURN count(n) AS n
    """
    model = MODELS[kind]
    unknown = [f for f in fields if f not in model.model_fields]
    if unknown:
        raise ValueError(f"{kind} has no field {unknown[0]!r}")
    match = LIST_MATCH[kind]
    if fields:
        match += " WHERE " + " AND ".join(f"n.{identifier(f)} = $w_{identifier(f)}" for f in fields)
    order = ", ".join(f"n.{identifier(f)}" for f in model.KEY)
    page = f"{match} RETURN properties(n) AS p ORDER BY {order} SKIP $offset"
    if limited:
        page += " LIMIT $limit"
    return page, f"{match} RETURN count(n) AS n"
