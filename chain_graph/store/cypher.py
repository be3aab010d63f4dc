"""Every Cypher query of the Neo4j store, as named constants.

Values only ever travel as ``$parameters``. Labels and relationship types come from
:class:`Label` and :class:`~chain_graph.store.base.EdgeType`, fixed in code; the per-kind
tables below are written out in full so that a reader sees each query as Neo4j runs it.
Bulk writes are ``UNWIND $rows`` batches.
"""

from __future__ import annotations

from enum import StrEnum

from chain_graph.models import MODELS, Kind
from chain_graph.store.base import NODE_REFERENCES, RELATION_ENDS, EdgeType

__all__ = ["SCHEMA_STATEMENTS", "SCHEMA_VERSION", "UID_KINDS", "Label"]

SCHEMA_VERSION = 1


class Label(StrEnum):
    REGION = "Region"
    CHAIN = "Chain"
    SEGMENT = "Segment"
    COMPANY = "Company"
    RANKING_LIST = "RankingList"
    TARGET_PLAN = "TargetPlan"
    PLAN_EVENT = "PlanEvent"
    CHAIN_SNAPSHOT = "ChainSnapshot"
    API_KEY = "ApiKey"
    EXPANSION = "ExpansionProject"
    LISTING = "ListingEntry"
    PARK = "Park"
    PARK_PLOT = "ParkPlot"
    APPRAISAL = "Appraisal"
    PROMOTION_EVENT = "PromotionEvent"
    EVENT_TARGET = "EventTarget"
    INVITATION = "Invitation"
    ORGANISATION = "Organisation"
    SCHEMA = "ChainGraphSchema"
    # a node written by a staged import, not yet visible (docs/NEO4J-IMPORT.md)
    STAGED = "Staged"
    # one staged import in progress: its id, state and heartbeat
    IMPORT = "ChainGraphImport"


# Nodes with a two-part key (events, snapshots) also carry ``uid`` = the parts joined by "#",
# so that Community edition can hold them unique (node keys need Enterprise).
UID_KINDS = (Kind.PLAN_EVENT, Kind.CHAIN_SNAPSHOT, Kind.EVENT_TARGET, Kind.INVITATION)

# -- schema (idempotent) -----------------------------------------------------------------------

SCHEMA_STATEMENTS = (
    "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.region_id IS UNIQUE",
    "CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.chain_id IS UNIQUE",
    "CREATE CONSTRAINT segment_id IF NOT EXISTS FOR (n:Segment) REQUIRE n.segment_id IS UNIQUE",
    "CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.company_id IS UNIQUE",
    "CREATE CONSTRAINT list_id IF NOT EXISTS FOR (n:RankingList) REQUIRE n.list_id IS UNIQUE",
    "CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:TargetPlan) REQUIRE n.plan_id IS UNIQUE",
    "CREATE CONSTRAINT plan_event_uid IF NOT EXISTS FOR (n:PlanEvent) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT chain_snapshot_uid IF NOT EXISTS FOR (n:ChainSnapshot) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.key_id IS UNIQUE",
    "CREATE CONSTRAINT expansion_id IF NOT EXISTS FOR (n:ExpansionProject) REQUIRE n.expansion_id IS UNIQUE",
    "CREATE CONSTRAINT listing_company IF NOT EXISTS FOR (n:ListingEntry) REQUIRE n.company_id IS UNIQUE",
    "CREATE INDEX expansion_company IF NOT EXISTS FOR (n:ExpansionProject) ON (n.company_id)",
    "CREATE INDEX expansion_chain IF NOT EXISTS FOR (n:ExpansionProject) ON (n.chain_id)",
    "CREATE INDEX listing_chain IF NOT EXISTS FOR (n:ListingEntry) ON (n.chain_id)",
    "CREATE CONSTRAINT park_id IF NOT EXISTS FOR (n:Park) REQUIRE n.park_id IS UNIQUE",
    "CREATE CONSTRAINT park_plot_id IF NOT EXISTS FOR (n:ParkPlot) REQUIRE n.plot_id IS UNIQUE",
    "CREATE CONSTRAINT appraisal_plan IF NOT EXISTS FOR (n:Appraisal) REQUIRE n.plan_id IS UNIQUE",
    "CREATE INDEX park_plot_park IF NOT EXISTS FOR (n:ParkPlot) ON (n.park_id)",
    "CREATE INDEX plan_park IF NOT EXISTS FOR (n:TargetPlan) ON (n.park_id)",
    "CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.organisation_id IS UNIQUE",
    "CREATE INDEX plan_chain IF NOT EXISTS FOR (n:TargetPlan) ON (n.chain_id)",
    "CREATE INDEX plan_company IF NOT EXISTS FOR (n:TargetPlan) ON (n.company_id)",
    "CREATE INDEX plan_event_plan IF NOT EXISTS FOR (n:PlanEvent) ON (n.plan_id)",
    "CREATE CONSTRAINT schema_id IF NOT EXISTS FOR (n:ChainGraphSchema) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain_id)",
    "CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)",
    "CREATE INDEX company_region IF NOT EXISTS FOR (n:Company) ON (n.region)",
    "CREATE CONSTRAINT import_id IF NOT EXISTS FOR (n:ChainGraphImport) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX staged_import_key IF NOT EXISTS FOR (n:Staged) ON (n._import, n._key)",
    "CREATE INDEX staged_import IF NOT EXISTS FOR (n:Staged) ON (n._import)",
    "CREATE CONSTRAINT promotion_event_id IF NOT EXISTS FOR (n:PromotionEvent) REQUIRE n.event_id IS UNIQUE",
    "CREATE CONSTRAINT event_target_uid IF NOT EXISTS FOR (n:EventTarget) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT invitation_uid IF NOT EXISTS FOR (n:Invitation) REQUIRE n.uid IS UNIQUE",
    "CREATE INDEX event_target_event IF NOT EXISTS FOR (n:EventTarget) ON (n.event_id)",
    "CREATE INDEX invitation_event IF NOT EXISTS FOR (n:Invitation) ON (n.event_id)",
    "CREATE INDEX invitation_plan IF NOT EXISTS FOR (n:Invitation) ON (n.plan_id)",
)

# Staged imports look up their nodes by the staged_import_key index: it must be online before one runs.
SCHEMA_AWAIT = "CALL db.awaitIndexes(300)"
# A fresh database knows only the relationship types and property keys written so far, and the
# server warns (01N51, 01N52) about any other one a query names: on an empty store every command
# drew a screen of them (issue 10, item 14). Registering all that this library uses, with the
# schema, keeps the queries of an empty store quiet; a token holds no data. Besides the records'
# fields: the keys of the bookkeeping nodes (schema and revisions, staged imports) that are read.
_BOOKKEEPING_KEYS = {"uid", "revision", "value", "state", "heartbeat", "chunks", "publishing", "published"}
_PROPERTY_KEYS = sorted({name for model in MODELS.values() for name in model.model_fields} | _BOOKKEEPING_KEYS)
SCHEMA_TOKENS = (
    f"UNWIND {[str(t) for t in EdgeType]!r} AS t CALL db.createRelationshipType(t)",
    f"UNWIND {_PROPERTY_KEYS!r} AS p CALL db.createProperty(p)",
)
SCHEMA_VERSION_READ = "MATCH (s:ChainGraphSchema {id: 'schema'}) RETURN s.version AS version"
SCHEMA_VERSION_WRITE = "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.version = $version"
# Every write bumps the revision in the same transaction, so caches keyed by it stay right
# whichever client (or process) wrote.
REVISION_READ = "MATCH (s:ChainGraphSchema {id: 'schema'}) RETURN coalesce(s.revision, 0) AS revision"
REVISION_BUMP = "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.revision = coalesce(s.revision, 0) + 1"
RANKING_LISTS_WRITE = "UNWIND $rows AS row MERGE (l:RankingList {list_id: row.list_id}) SET l += row"

# -- nodes ---------------------------------------------------------------------------------------

NODE_UPSERT = {
    Kind.REGION: "UNWIND $rows AS row MERGE (n:Region {region_id: row.region_id}) SET n = row",
    Kind.CHAIN: "UNWIND $rows AS row MERGE (n:Chain {chain_id: row.chain_id}) SET n = row",
    Kind.SEGMENT: "UNWIND $rows AS row MERGE (n:Segment {segment_id: row.segment_id}) SET n = row",
    Kind.COMPANY: "UNWIND $rows AS row MERGE (n:Company {company_id: row.company_id}) SET n = row",
    Kind.TARGET_PLAN: "UNWIND $rows AS row MERGE (n:TargetPlan {plan_id: row.plan_id}) SET n = row",
    Kind.PLAN_EVENT: "UNWIND $rows AS row MERGE (n:PlanEvent {uid: row.uid}) SET n = row",
    Kind.CHAIN_SNAPSHOT: "UNWIND $rows AS row MERGE (n:ChainSnapshot {uid: row.uid}) SET n = row",
    Kind.API_KEY: "UNWIND $rows AS row MERGE (n:ApiKey {key_id: row.key_id}) SET n = row",
    Kind.EXPANSION: "UNWIND $rows AS row MERGE (n:ExpansionProject {expansion_id: row.expansion_id}) SET n = row",
    Kind.LISTING: "UNWIND $rows AS row MERGE (n:ListingEntry {company_id: row.company_id}) SET n = row",
    Kind.PARK: "UNWIND $rows AS row MERGE (n:Park {park_id: row.park_id}) SET n = row",
    Kind.PARK_PLOT: "UNWIND $rows AS row MERGE (n:ParkPlot {plot_id: row.plot_id}) SET n = row",
    Kind.APPRAISAL: "UNWIND $rows AS row MERGE (n:Appraisal {plan_id: row.plan_id}) SET n = row",
    Kind.PROMOTION_EVENT: "UNWIND $rows AS row MERGE (n:PromotionEvent {event_id: row.event_id}) SET n = row",
    Kind.EVENT_TARGET: "UNWIND $rows AS row MERGE (n:EventTarget {uid: row.uid}) SET n = row",
    Kind.INVITATION: "UNWIND $rows AS row MERGE (n:Invitation {uid: row.uid}) SET n = row",
    Kind.ORGANISATION: (
        "UNWIND $rows AS row MERGE (n:Organisation {organisation_id: row.organisation_id}) SET n = row"
    ),
}

# A node the batch plan knows to be new is created without a look-up first.
NODE_CREATE = {
    Kind.REGION: "UNWIND $rows AS row CREATE (n:Region) SET n = row",
    Kind.CHAIN: "UNWIND $rows AS row CREATE (n:Chain) SET n = row",
    Kind.SEGMENT: "UNWIND $rows AS row CREATE (n:Segment) SET n = row",
    Kind.COMPANY: "UNWIND $rows AS row CREATE (n:Company) SET n = row",
    Kind.TARGET_PLAN: "UNWIND $rows AS row CREATE (n:TargetPlan) SET n = row",
    Kind.PLAN_EVENT: "UNWIND $rows AS row CREATE (n:PlanEvent) SET n = row",
    Kind.CHAIN_SNAPSHOT: "UNWIND $rows AS row CREATE (n:ChainSnapshot) SET n = row",
    Kind.API_KEY: "UNWIND $rows AS row CREATE (n:ApiKey) SET n = row",
    Kind.EXPANSION: "UNWIND $rows AS row CREATE (n:ExpansionProject) SET n = row",
    Kind.LISTING: "UNWIND $rows AS row CREATE (n:ListingEntry) SET n = row",
    Kind.PARK: "UNWIND $rows AS row CREATE (n:Park) SET n = row",
    Kind.PARK_PLOT: "UNWIND $rows AS row CREATE (n:ParkPlot) SET n = row",
    Kind.APPRAISAL: "UNWIND $rows AS row CREATE (n:Appraisal) SET n = row",
    Kind.PROMOTION_EVENT: "UNWIND $rows AS row CREATE (n:PromotionEvent) SET n = row",
    Kind.EVENT_TARGET: "UNWIND $rows AS row CREATE (n:EventTarget) SET n = row",
    Kind.INVITATION: "UNWIND $rows AS row CREATE (n:Invitation) SET n = row",
    Kind.ORGANISATION: "UNWIND $rows AS row CREATE (n:Organisation) SET n = row",
}

NODE_GET_MANY = {
    Kind.REGION: "UNWIND $ids AS id MATCH (n:Region {region_id: id}) RETURN properties(n) AS p",
    Kind.CHAIN: "UNWIND $ids AS id MATCH (n:Chain {chain_id: id}) RETURN properties(n) AS p",
    Kind.SEGMENT: "UNWIND $ids AS id MATCH (n:Segment {segment_id: id}) RETURN properties(n) AS p",
    Kind.COMPANY: "UNWIND $ids AS id MATCH (n:Company {company_id: id}) RETURN properties(n) AS p",
    Kind.TARGET_PLAN: "UNWIND $ids AS id MATCH (n:TargetPlan {plan_id: id}) RETURN properties(n) AS p",
    Kind.PLAN_EVENT: "UNWIND $ids AS id MATCH (n:PlanEvent {uid: id}) RETURN properties(n) AS p",
    Kind.CHAIN_SNAPSHOT: "UNWIND $ids AS id MATCH (n:ChainSnapshot {uid: id}) RETURN properties(n) AS p",
    Kind.API_KEY: "UNWIND $ids AS id MATCH (n:ApiKey {key_id: id}) RETURN properties(n) AS p",
    Kind.EXPANSION: "UNWIND $ids AS id MATCH (n:ExpansionProject {expansion_id: id}) RETURN properties(n) AS p",
    Kind.LISTING: "UNWIND $ids AS id MATCH (n:ListingEntry {company_id: id}) RETURN properties(n) AS p",
    Kind.PARK: "UNWIND $ids AS id MATCH (n:Park {park_id: id}) RETURN properties(n) AS p",
    Kind.PARK_PLOT: "UNWIND $ids AS id MATCH (n:ParkPlot {plot_id: id}) RETURN properties(n) AS p",
    Kind.APPRAISAL: "UNWIND $ids AS id MATCH (n:Appraisal {plan_id: id}) RETURN properties(n) AS p",
    Kind.PROMOTION_EVENT: "UNWIND $ids AS id MATCH (n:PromotionEvent {event_id: id}) RETURN properties(n) AS p",
    Kind.EVENT_TARGET: "UNWIND $ids AS id MATCH (n:EventTarget {uid: id}) RETURN properties(n) AS p",
    Kind.INVITATION: "UNWIND $ids AS id MATCH (n:Invitation {uid: id}) RETURN properties(n) AS p",
    Kind.ORGANISATION: "UNWIND $ids AS id MATCH (n:Organisation {organisation_id: id}) RETURN properties(n) AS p",
}

NODE_DELETE = {
    Kind.REGION: "UNWIND $ids AS id MATCH (n:Region {region_id: id}) DETACH DELETE n",
    Kind.CHAIN: "UNWIND $ids AS id MATCH (n:Chain {chain_id: id}) DETACH DELETE n",
    Kind.SEGMENT: "UNWIND $ids AS id MATCH (n:Segment {segment_id: id}) DETACH DELETE n",
    Kind.COMPANY: "UNWIND $ids AS id MATCH (n:Company {company_id: id}) DETACH DELETE n",
    Kind.TARGET_PLAN: "UNWIND $ids AS id MATCH (n:TargetPlan {plan_id: id}) DETACH DELETE n",
    Kind.PLAN_EVENT: "UNWIND $ids AS id MATCH (n:PlanEvent {uid: id}) DETACH DELETE n",
    Kind.CHAIN_SNAPSHOT: "UNWIND $ids AS id MATCH (n:ChainSnapshot {uid: id}) DETACH DELETE n",
    Kind.API_KEY: "UNWIND $ids AS id MATCH (n:ApiKey {key_id: id}) DETACH DELETE n",
    Kind.EXPANSION: "UNWIND $ids AS id MATCH (n:ExpansionProject {expansion_id: id}) DETACH DELETE n",
    Kind.LISTING: "UNWIND $ids AS id MATCH (n:ListingEntry {company_id: id}) DETACH DELETE n",
    Kind.PARK: "UNWIND $ids AS id MATCH (n:Park {park_id: id}) DETACH DELETE n",
    Kind.PARK_PLOT: "UNWIND $ids AS id MATCH (n:ParkPlot {plot_id: id}) DETACH DELETE n",
    Kind.APPRAISAL: "UNWIND $ids AS id MATCH (n:Appraisal {plan_id: id}) DETACH DELETE n",
    Kind.PROMOTION_EVENT: "UNWIND $ids AS id MATCH (n:PromotionEvent {event_id: id}) DETACH DELETE n",
    Kind.EVENT_TARGET: "UNWIND $ids AS id MATCH (n:EventTarget {uid: id}) DETACH DELETE n",
    Kind.INVITATION: "UNWIND $ids AS id MATCH (n:Invitation {uid: id}) DETACH DELETE n",
    Kind.ORGANISATION: "UNWIND $ids AS id MATCH (n:Organisation {organisation_id: id}) DETACH DELETE n",
}

# References held as node fields are mirrored as relationships: drop the old, add the new.
REFERENCE_CLEAR = {
    Kind.REGION: "UNWIND $ids AS id MATCH (:Region {region_id: id})-[r:WITHIN]->() DELETE r",
    Kind.SEGMENT: "UNWIND $ids AS id MATCH (:Segment {segment_id: id})-[r:PART_OF|SUB_OF]->() DELETE r",
    Kind.COMPANY: "UNWIND $ids AS id MATCH (:Company {company_id: id})-[r:LOCATED_IN]->() DELETE r",
    Kind.TARGET_PLAN: (
        "UNWIND $ids AS id MATCH (:TargetPlan {plan_id: id})-[r:TARGETS|FILLS|SITED_IN|REFERRED_BY]->() DELETE r"
    ),
    Kind.PLAN_EVENT: "UNWIND $ids AS id MATCH (:PlanEvent {uid: id})-[r:ABOUT]->() DELETE r",
    Kind.CHAIN_SNAPSHOT: "UNWIND $ids AS id MATCH (:ChainSnapshot {uid: id})-[r:SNAPSHOT_OF]->() DELETE r",
    Kind.EXPANSION: "UNWIND $ids AS id MATCH (:ExpansionProject {expansion_id: id})-[r:EXPANDS|GROWS_IN]->() DELETE r",
    Kind.LISTING: "UNWIND $ids AS id MATCH (:ListingEntry {company_id: id})-[r:LISTS|GROWS_IN]->() DELETE r",
    Kind.PARK: "UNWIND $ids AS id MATCH (:Park {park_id: id})-[r:LIES_IN|POSITIONED_IN]->() DELETE r",
    Kind.PARK_PLOT: "UNWIND $ids AS id MATCH (:ParkPlot {plot_id: id})-[r:IN_PARK]->() DELETE r",
    Kind.APPRAISAL: "UNWIND $ids AS id MATCH (:Appraisal {plan_id: id})-[r:APPRAISES]->() DELETE r",
    Kind.PROMOTION_EVENT: "UNWIND $ids AS id MATCH (:PromotionEvent {event_id: id})-[r:FOCUSES_ON]->() DELETE r",
    Kind.EVENT_TARGET: "UNWIND $ids AS id MATCH (:EventTarget {uid: id})-[r:AT_EVENT|CONCERNS]->() DELETE r",
    Kind.INVITATION: "UNWIND $ids AS id MATCH (:Invitation {uid: id})-[r:AT_EVENT|CONCERNS|SIGNED_AS]->() DELETE r",
}

REFERENCE_LINK = {
    ("region", "parent_id"): (
        "UNWIND $rows AS row MATCH (a:Region {region_id: row.id}), (b:Region {region_id: row.ref}) "
        "MERGE (a)-[:WITHIN]->(b)"
    ),
    ("segment", "chain_id"): (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:PART_OF]->(b)"
    ),
    ("segment", "parent_id"): (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.id}), (b:Segment {segment_id: row.ref}) "
        "MERGE (a)-[:SUB_OF]->(b)"
    ),
    ("company", "region"): (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.id}), (b:Region {region_id: row.ref}) "
        "MERGE (a)-[:LOCATED_IN]->(b)"
    ),
    ("target_plan", "company_id"): (
        "UNWIND $rows AS row MATCH (a:TargetPlan {plan_id: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:TARGETS]->(b)"
    ),
    ("target_plan", "segment_ids"): (
        "UNWIND $rows AS row MATCH (a:TargetPlan {plan_id: row.id}), (b:Segment {segment_id: row.ref}) "
        "MERGE (a)-[:FILLS]->(b)"
    ),
    ("target_plan", "referrer_id"): (
        "UNWIND $rows AS row MATCH (a:TargetPlan {plan_id: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:REFERRED_BY]->(b)"
    ),
    ("plan_event", "plan_id"): (
        "UNWIND $rows AS row MATCH (a:PlanEvent {uid: row.id}), (b:TargetPlan {plan_id: row.ref}) "
        "MERGE (a)-[:ABOUT]->(b)"
    ),
    ("chain_snapshot", "chain_id"): (
        "UNWIND $rows AS row MATCH (a:ChainSnapshot {uid: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:SNAPSHOT_OF]->(b)"
    ),
    ("expansion", "company_id"): (
        "UNWIND $rows AS row MATCH (a:ExpansionProject {expansion_id: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:EXPANDS]->(b)"
    ),
    ("expansion", "chain_id"): (
        "UNWIND $rows AS row MATCH (a:ExpansionProject {expansion_id: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:GROWS_IN]->(b)"
    ),
    ("listing", "company_id"): (
        "UNWIND $rows AS row MATCH (a:ListingEntry {company_id: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:LISTS]->(b)"
    ),
    ("listing", "chain_id"): (
        "UNWIND $rows AS row MATCH (a:ListingEntry {company_id: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:GROWS_IN]->(b)"
    ),
    ("target_plan", "park_id"): (
        "UNWIND $rows AS row MATCH (a:TargetPlan {plan_id: row.id}), (b:Park {park_id: row.ref}) "
        "MERGE (a)-[:SITED_IN]->(b)"
    ),
    ("park", "region"): (
        "UNWIND $rows AS row MATCH (a:Park {park_id: row.id}), (b:Region {region_id: row.ref}) "
        "MERGE (a)-[:LIES_IN]->(b)"
    ),
    ("park", "chain_ids"): (
        "UNWIND $rows AS row MATCH (a:Park {park_id: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:POSITIONED_IN]->(b)"
    ),
    ("park", "segment_ids"): (
        "UNWIND $rows AS row MATCH (a:Park {park_id: row.id}), (b:Segment {segment_id: row.ref}) "
        "MERGE (a)-[:POSITIONED_IN]->(b)"
    ),
    ("park_plot", "park_id"): (
        "UNWIND $rows AS row MATCH (a:ParkPlot {plot_id: row.id}), (b:Park {park_id: row.ref}) "
        "MERGE (a)-[:IN_PARK]->(b)"
    ),
    ("appraisal", "plan_id"): (
        "UNWIND $rows AS row MATCH (a:Appraisal {plan_id: row.id}), (b:TargetPlan {plan_id: row.ref}) "
        "MERGE (a)-[:APPRAISES]->(b)"
    ),
    ("promotion_event", "chain_ids"): (
        "UNWIND $rows AS row MATCH (a:PromotionEvent {event_id: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:FOCUSES_ON]->(b)"
    ),
    ("event_target", "event_id"): (
        "UNWIND $rows AS row MATCH (a:EventTarget {uid: row.id}), (b:PromotionEvent {event_id: row.ref}) "
        "MERGE (a)-[:AT_EVENT]->(b)"
    ),
    ("event_target", "company_id"): (
        "UNWIND $rows AS row MATCH (a:EventTarget {uid: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:CONCERNS]->(b)"
    ),
    ("invitation", "event_id"): (
        "UNWIND $rows AS row MATCH (a:Invitation {uid: row.id}), (b:PromotionEvent {event_id: row.ref}) "
        "MERGE (a)-[:AT_EVENT]->(b)"
    ),
    ("invitation", "company_id"): (
        "UNWIND $rows AS row MATCH (a:Invitation {uid: row.id}), (b:Company {company_id: row.ref}) "
        "MERGE (a)-[:CONCERNS]->(b)"
    ),
    ("invitation", "plan_id"): (
        "UNWIND $rows AS row MATCH (a:Invitation {uid: row.id}), (b:TargetPlan {plan_id: row.ref}) "
        "MERGE (a)-[:SIGNED_AS]->(b)"
    ),
}

# Nodes whose reference field names a node: (kind of the dependent, query).
DEPENDENTS = {
    Kind.REGION: (
        (Kind.REGION, "MATCH (n:Region {parent_id: $id}) RETURN [n.region_id] AS key"),
        (Kind.COMPANY, "MATCH (n:Company {region: $id}) RETURN [n.company_id] AS key"),
        (Kind.PARK, "MATCH (n:Park {region: $id}) RETURN [n.park_id] AS key"),
    ),
    Kind.CHAIN: (
        (Kind.SEGMENT, "MATCH (n:Segment {chain_id: $id}) RETURN [n.segment_id] AS key"),
        (Kind.CHAIN_SNAPSHOT, "MATCH (n:ChainSnapshot {chain_id: $id}) RETURN [n.chain_id, n.on] AS key"),
        (Kind.EXPANSION, "MATCH (n:ExpansionProject {chain_id: $id}) RETURN [n.expansion_id] AS key"),
        (Kind.LISTING, "MATCH (n:ListingEntry {chain_id: $id}) RETURN [n.company_id] AS key"),
        (Kind.PARK, "MATCH (n:Park)-[:POSITIONED_IN]->(:Chain {chain_id: $id}) RETURN [n.park_id] AS key"),
        (
            Kind.PROMOTION_EVENT,
            "MATCH (n:PromotionEvent)-[:FOCUSES_ON]->(:Chain {chain_id: $id}) RETURN [n.event_id] AS key",
        ),
    ),
    Kind.SEGMENT: (
        (Kind.SEGMENT, "MATCH (n:Segment {parent_id: $id}) RETURN [n.segment_id] AS key"),
        (Kind.TARGET_PLAN, "MATCH (n:TargetPlan)-[:FILLS]->(:Segment {segment_id: $id}) RETURN [n.plan_id] AS key"),
        (Kind.PARK, "MATCH (n:Park)-[:POSITIONED_IN]->(:Segment {segment_id: $id}) RETURN [n.park_id] AS key"),
    ),
    Kind.COMPANY: (
        (Kind.TARGET_PLAN, "MATCH (n:TargetPlan {company_id: $id}) RETURN [n.plan_id] AS key"),
        (Kind.EXPANSION, "MATCH (n:ExpansionProject {company_id: $id}) RETURN [n.expansion_id] AS key"),
        (Kind.LISTING, "MATCH (n:ListingEntry {company_id: $id}) RETURN [n.company_id] AS key"),
        (
            Kind.TARGET_PLAN,
            "MATCH (n:TargetPlan)-[:REFERRED_BY]->(:Company {company_id: $id}) RETURN [n.plan_id] AS key",
        ),
        (
            Kind.EVENT_TARGET,
            "MATCH (n:EventTarget)-[:CONCERNS]->(:Company {company_id: $id}) RETURN [n.event_id, n.company_id] AS key",
        ),
        (
            Kind.INVITATION,
            "MATCH (n:Invitation)-[:CONCERNS]->(:Company {company_id: $id}) RETURN [n.event_id, n.company_id] AS key",
        ),
    ),
    Kind.TARGET_PLAN: (
        (Kind.PLAN_EVENT, "MATCH (n:PlanEvent {plan_id: $id}) RETURN [n.plan_id, n.seq] AS key"),
        (Kind.APPRAISAL, "MATCH (n:Appraisal {plan_id: $id}) RETURN [n.plan_id] AS key"),
        (Kind.INVITATION, "MATCH (n:Invitation {plan_id: $id}) RETURN [n.event_id, n.company_id] AS key"),
    ),
    Kind.PLAN_EVENT: (),
    Kind.CHAIN_SNAPSHOT: (),
    Kind.API_KEY: (),
    Kind.EXPANSION: (),
    Kind.LISTING: (),
    Kind.PARK: (
        (Kind.PARK_PLOT, "MATCH (n:ParkPlot {park_id: $id}) RETURN [n.plot_id] AS key"),
        (Kind.TARGET_PLAN, "MATCH (n:TargetPlan {park_id: $id}) RETURN [n.plan_id] AS key"),
    ),
    Kind.PARK_PLOT: (),
    Kind.APPRAISAL: (),
    Kind.PROMOTION_EVENT: (
        (Kind.EVENT_TARGET, "MATCH (n:EventTarget {event_id: $id}) RETURN [n.event_id, n.company_id] AS key"),
        (Kind.INVITATION, "MATCH (n:Invitation {event_id: $id}) RETURN [n.event_id, n.company_id] AS key"),
    ),
    Kind.EVENT_TARGET: (),
    Kind.INVITATION: (),
    Kind.ORGANISATION: (),
}

# -- relationships -------------------------------------------------------------------------------
# Relationship properties hold the whole record, ends included, so a row reads back whole.

REL_UPSERT = {
    Kind.SEGMENT_LINK: (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.from_segment_id}), "
        "(b:Segment {segment_id: row.to_segment_id}) MERGE (a)-[r:FEEDS]->(b) SET r = row"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:Segment {segment_id: row.segment_id}) MERGE (a)-[r:IN_SEGMENT]->(b) SET r = row"
    ),
    Kind.SUPPLY: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.supplier_id}), "
        "(b:Company {company_id: row.customer_id}) MERGE (a)-[r:SUPPLIES]->(b) SET r = row"
    ),
    Kind.RANKING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:RankingList {list_id: row.list_id}) MERGE (a)-[r:RANKED {year: row.year}]->(b) SET r = row"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:Organisation {organisation_id: row.organisation_id}) MERGE (a)-[r:MEMBER_OF]->(b) SET r = row"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.holder_id}), "
        "(b:Company {company_id: row.company_id}) MERGE (a)-[r:HOLDS_SHARES]->(b) SET r = row"
    ),
}

# A relationship the batch plan knows to be new is created without MERGE's look-up.
REL_CREATE = {
    Kind.SEGMENT_LINK: (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.from_segment_id}) "
        "MATCH (b:Segment {segment_id: row.to_segment_id}) CREATE (a)-[r:FEEDS]->(b) SET r = row"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:Segment {segment_id: row.segment_id}) CREATE (a)-[r:IN_SEGMENT]->(b) SET r = row"
    ),
    Kind.SUPPLY: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.supplier_id}) "
        "MATCH (b:Company {company_id: row.customer_id}) CREATE (a)-[r:SUPPLIES]->(b) SET r = row"
    ),
    Kind.RANKING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:RankingList {list_id: row.list_id}) CREATE (a)-[r:RANKED]->(b) SET r = row"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:Organisation {organisation_id: row.organisation_id}) CREATE (a)-[r:MEMBER_OF]->(b) SET r = row"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.holder_id}) "
        "MATCH (b:Company {company_id: row.company_id}) CREATE (a)-[r:HOLDS_SHARES]->(b) SET r = row"
    ),
}

# -- staged imports (docs/NEO4J-IMPORT.md) ---------------------------------------------------------
# A big batch writes its new nodes as (:Staged {_import: "<id>:<kind>", _key, ...fields}) — without their
# real label, so that no read sees them — and the relationships that touch a new node with their
# real type, in one commit per chunk. One small transaction then commits the import (the commit
# point: checks, revisions, updates, state 'publishing'), and chunk commits give the staged nodes
# their labels while readers and writers wait at the publication gate. No read sees a staged node
# because every read pattern names a real label at both ends of a relationship.

# The real label of each node kind and the property that holds its key.
NODE_MATCH: dict[Kind, tuple[Label, str]] = {
    Kind.REGION: (Label.REGION, "region_id"),
    Kind.CHAIN: (Label.CHAIN, "chain_id"),
    Kind.SEGMENT: (Label.SEGMENT, "segment_id"),
    Kind.COMPANY: (Label.COMPANY, "company_id"),
    Kind.TARGET_PLAN: (Label.TARGET_PLAN, "plan_id"),
    Kind.PLAN_EVENT: (Label.PLAN_EVENT, "uid"),
    Kind.CHAIN_SNAPSHOT: (Label.CHAIN_SNAPSHOT, "uid"),
    Kind.API_KEY: (Label.API_KEY, "key_id"),
    Kind.EXPANSION: (Label.EXPANSION, "expansion_id"),
    Kind.LISTING: (Label.LISTING, "company_id"),
    Kind.PARK: (Label.PARK, "park_id"),
    Kind.PARK_PLOT: (Label.PARK_PLOT, "plot_id"),
    Kind.APPRAISAL: (Label.APPRAISAL, "plan_id"),
    Kind.PROMOTION_EVENT: (Label.PROMOTION_EVENT, "event_id"),
    Kind.EVENT_TARGET: (Label.EVENT_TARGET, "uid"),
    Kind.INVITATION: (Label.INVITATION, "uid"),
    Kind.ORGANISATION: (Label.ORGANISATION, "organisation_id"),
}

IMPORT_BEGIN = (
    "CREATE (:ChainGraphImport {id: $id, state: 'staging', chunks: 0, rows: $rows, "
    "started_at: datetime(), heartbeat: datetime()})"
)
# The node is write-locked (SET _lock) before its state is read, so a sweep that claimed the
# import first is seen, and one that comes later waits for this transaction.
IMPORT_HEARTBEAT = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i._lock = true "
    "WITH i SET i.heartbeat = datetime() REMOVE i._lock RETURN i.state AS state, i.chunks AS chunks"
)
IMPORT_CHUNK_DONE = "MATCH (i:ChainGraphImport {id: $id}) SET i.chunks = $seq"
IMPORT_FAILED = "MATCH (i:ChainGraphImport {id: $id}) SET i.state = 'failed'"
IMPORT_DONE = "MATCH (i:ChainGraphImport {id: $id}) DELETE i"
# A publisher that fails hands its import over: with its heartbeat in the past, whoever meets
# the publication gate next finishes it at once.
IMPORT_RELEASE = "MATCH (i:ChainGraphImport {id: $id}) SET i.heartbeat = datetime('1970-01-01T00:00:00Z')"
# Imports to sweep (failed ones, and those whose importer stopped refreshing the heartbeat) and
# to roll forward (published ones whose publisher died: state 'publishing', heartbeat stale).
IMPORT_STALE = (
    "MATCH (i:ChainGraphImport) WHERE i.state = 'failed' "
    "OR i.heartbeat < datetime() - duration({seconds: $stale}) RETURN i.id AS id, i.state AS state"
)
# Past its commit point an import is never swept: it is rolled forward.
IMPORT_CLAIM = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i._lock = true WITH i "
    "WHERE i.state <> 'publishing' AND (i.state = 'failed' OR i.heartbeat < datetime() - duration({seconds: $stale})) "
    "SET i.state = 'sweeping', i.heartbeat = datetime() REMOVE i._lock RETURN i.id AS id"
)
# Relationships first, in batches: a staged region or segment can hold tens of thousands, and
# one DETACH DELETE of it outgrew the transaction memory of a default server.
# Outgoing, then incoming (what is left of it): each relationship is met once.
STAGED_SWEEP = (
    "MATCH (n:Staged)-[r]->() WHERE n._import STARTS WITH $import + ':' "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS",
    "MATCH (n:Staged)<-[r]-() WHERE n._import STARTS WITH $import + ':' "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS",
    "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS",
)
STAGED_COUNT = "MATCH (n:Staged) RETURN count(n) AS n"
# The revision is bumped first at the commit point: the lock it takes orders the import after
# every write that committed since it was planned, and the value says whether any did. Every
# write bumps it this way and reads the publication gate under that lock (neo4j_publish).
REVISION_BUMP_READ = (
    "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.revision = coalesce(s.revision, 0) + 1 "
    "RETURN s.revision AS revision, s.publishing AS publishing"
)

# -- the publication gate (chain_graph.store.neo4j_publish) --
# The schema node's ``publishing`` names the import being published (null: none); ``published``
# counts finished publications, so a read that saw the same pair first and last overlapped none.
GATE_READ = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) "
    "RETURN s.publishing AS publishing, coalesce(s.published, 0) AS published"
)
# What a waiting reader or writer needs: which import holds the gate, and whether its publisher lives.
GATE_STATE = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) WITH s.publishing AS publishing "
    "OPTIONAL MATCH (i:ChainGraphImport {id: publishing}) "
    "RETURN publishing, coalesce(i.heartbeat >= datetime() - duration({seconds: $stale}), false) AS alive"
)
# The commit point's last step: the import is published from now on, whatever happens.
PUBLISH_BEGIN = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i.state = 'publishing', i.heartbeat = datetime() "
    "WITH i MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.publishing = $id"
)
PUBLISH_END = (
    "MATCH (s:ChainGraphSchema {id: 'schema'}) WHERE s.publishing = $id "
    "SET s.publishing = null, s.published = coalesce(s.published, 0) + 1"
)
GATE_RESET = "MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.publishing = null"
STAGED_LEFT = "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' RETURN count(n) AS n"

# Rows carry the record's fields and ``_key`` (its key as one string); ``_import`` names the
# import and the kind, so that the final flip removes one property, not three.
STAGED_NODES = "UNWIND $rows AS row CREATE (n:Staged) SET n = row, n._import = $import + ':' + $kind"


def _flip(kind: Kind) -> str:
    label, _ = NODE_MATCH[kind]
    return (
        f"MATCH (n:Staged {{_import: $import + ':{kind.value}'}}) WITH n LIMIT $limit "
        f"SET n:{label} REMOVE n:Staged, n._import, n._key RETURN count(n) AS n"
    )


def _taken(kind: Kind) -> str:
    label, key = NODE_MATCH[kind]
    return (
        f"MATCH (n:Staged {{_import: $import + ':{kind.value}'}}) MATCH (v:{label} {{{key}: n._key}}) "
        "RETURN count(v) AS n"
    )


def _end(var: str, kind: Kind, value: str, staged: bool) -> str:
    """MATCH one end of a relationship: a staged node of this import, or a visible one.

    The hint keeps the planner on a seek of the three-part index: left to itself it used the
    index on ``_import`` alone, or scanned, and read every staged node of the import per row.

    >>> print(_end("a", Kind.COMPANY, "row.company_id", True))
    MATCH (a:Staged {_import: $import + ':company', _key: row.company_id})
    USING INDEX SEEK a:Staged(_import, _key)
    >>> print(_end("b", Kind.SEGMENT, "row.segment_id", False))
    MATCH (b:Segment {segment_id: row.segment_id})
    """
    if staged:
        return (
            f"MATCH ({var}:Staged {{_import: $import + ':{kind.value}', _key: {value}}}) "
            f"USING INDEX SEEK {var}:Staged(_import, _key)"
        )
    label, key = NODE_MATCH[kind]
    return f"MATCH ({var}:{label} {{{key}: {value}}})"


# After the commit point, one chunk of a kind's staged nodes becomes real: the count it turned.
STAGED_FLIP = {kind: _flip(kind) for kind in NODE_MATCH}
# At the commit point: how many staged keys a visible node holds already (the uniqueness
# constraint would refuse their flip, and past the commit point nothing may be refused).
STAGED_KEY_TAKEN = {kind: _taken(kind) for kind in NODE_MATCH}

# References of new nodes, by (kind, field, whether the target is staged too); rows {id, ref}.
STAGED_REFERENCE_LINK = {
    (kind, field, target_staged): (
        f"UNWIND $rows AS row {_end('a', kind, 'row.id', True)} {_end('b', target, 'row.ref', target_staged)} "
        f"MERGE (a)-[:{edge}]->(b)"
    )
    for kind, refs in NODE_REFERENCES.items()
    for field, target, edge in refs
    for target_staged in (False, True)
}

# References of updated (visible) nodes to new (staged) ones, written at the commit point.
PUBLISH_REFERENCE_LINK = {
    (kind, field): (
        f"UNWIND $rows AS row {_end('a', kind, 'row.id', False)} {_end('b', target, 'row.ref', True)} "
        f"MERGE (a)-[:{edge}]->(b)"
    )
    for kind, refs in NODE_REFERENCES.items()
    for field, target, edge in refs
}

# New relationships with at least one new end, by (kind, start staged, end staged); rows = records.
STAGED_REL_CREATE = {
    (kind, a_staged, b_staged): (
        f"UNWIND $rows AS row {_end('a', a_kind, f'row.{a_field}', a_staged)} "
        + (
            _end("b", b_kind, f"row.{b_field}", b_staged)
            if b_kind is not None
            else f"MATCH (b:{Label.RANKING_LIST} {{list_id: row.{b_field}}})"
        )
        + f" CREATE (a)-[r:{edge}]->(b) SET r = row"
    )
    for kind, (edge, (a_field, a_kind), (b_field, b_kind)) in RELATION_ENDS.items()
    for a_staged, b_staged in ((True, False), (False, True), (True, True))
    if b_kind is not None or not b_staged
}

REL_GET_MANY = {
    Kind.SEGMENT_LINK: (
        "UNWIND $keys AS k MATCH (:Segment {segment_id: k[0]})-[r:FEEDS]->(:Segment {segment_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:IN_SEGMENT]->(:Segment {segment_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.SUPPLY: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:SUPPLIES]->(:Company {company_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.RANKING: (
        "UNWIND $keys AS k MATCH (c:Company {company_id: k[2]}) USING INDEX c:Company(company_id) "
        "MATCH (c)-[r:RANKED {year: k[1]}]->(:RankingList {list_id: k[0]}) RETURN properties(r) AS p"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:MEMBER_OF]->"
        "(:Organisation {organisation_id: k[1]}) RETURN properties(r) AS p"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:HOLDS_SHARES]->(:Company {company_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
}

REL_DELETE = {
    Kind.SEGMENT_LINK: (
        "UNWIND $keys AS k MATCH (:Segment {segment_id: k[0]})-[r:FEEDS]->(:Segment {segment_id: k[1]}) DELETE r"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:IN_SEGMENT]->(:Segment {segment_id: k[1]}) DELETE r"
    ),
    Kind.SUPPLY: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:SUPPLIES]->(:Company {company_id: k[1]}) DELETE r"
    ),
    Kind.RANKING: (
        "UNWIND $keys AS k MATCH (c:Company {company_id: k[2]}) USING INDEX c:Company(company_id) "
        "MATCH (c)-[r:RANKED {year: k[1]}]->(:RankingList {list_id: k[0]}) DELETE r"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:MEMBER_OF]->"
        "(:Organisation {organisation_id: k[1]}) DELETE r"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:HOLDS_SHARES]->(:Company {company_id: k[1]}) DELETE r"
    ),
}

# Relationship records that hang on one node (to be deleted along with it); the far end is
# labelled so that a staged import's relationships are not among them.
RELATIONS_OF = {
    Kind.SEGMENT: (
        "MATCH (:Segment {segment_id: $id})-[r:FEEDS|IN_SEGMENT]-(:Segment|Company) "
        "RETURN type(r) AS type, properties(r) AS p"
    ),
    Kind.COMPANY: (
        "MATCH (:Company {company_id: $id})-[r:IN_SEGMENT|SUPPLIES|RANKED|MEMBER_OF|HOLDS_SHARES]-"
        "(:Segment|Company|RankingList|Organisation) RETURN type(r) AS type, properties(r) AS p"
    ),
    Kind.ORGANISATION: (
        "MATCH (:Organisation {organisation_id: $id})<-[r:MEMBER_OF]-(:Company) "
        "RETURN type(r) AS type, properties(r) AS p"
    ),
}

# -- reading lists ---------------------------------------------------------------------------------
# MATCH patterns per kind for list()/count(); the WHERE clause is built from model field names
# checked against the model (never from free text), values as parameters.

LIST_MATCH = {
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

COUNT_ALL = {
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

SEARCH_COMPANIES = (
    "MATCH (n:Company) WHERE toLower(n.company_id) CONTAINS $q OR toLower(n.name) CONTAINS $q "
    "OR toLower(coalesce(n.short_name, '')) CONTAINS $q OR toLower(coalesce(n.uscc, '')) CONTAINS $q "
    "OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $q) "
    "RETURN properties(n) AS p LIMIT $cap"
)

# Relationships first, in batches, then the nodes: DETACH DELETE of a node with tens of thousands
# of relationships (a region, a segment, a ranking list) runs out of a 512 MB heap's pool.
CLEAR_RELATIONSHIPS = (
    "MATCH (n)-[r]->() WHERE n:Region OR n:Chain OR n:Segment OR n:Company OR n:TargetPlan OR n:PlanEvent "
    "OR n:ChainSnapshot OR n:ApiKey OR n:ExpansionProject OR n:ListingEntry OR n:Park OR n:ParkPlot OR n:Appraisal "
    "OR n:PromotionEvent OR n:EventTarget OR n:Invitation OR n:Organisation "
    "OR n:Staged OR n:ChainGraphImport "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
)
CLEAR_BATCH = (
    "MATCH (n) WHERE n:Region OR n:Chain OR n:Segment OR n:Company OR n:TargetPlan OR n:PlanEvent "
    "OR n:ChainSnapshot OR n:ApiKey OR n:ExpansionProject OR n:ListingEntry OR n:Park OR n:ParkPlot OR n:Appraisal "
    "OR n:PromotionEvent OR n:EventTarget OR n:Invitation OR n:Organisation "
    "OR n:Staged OR n:ChainGraphImport "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)

# -- the chain subgraph --------------------------------------------------------------------------

SUB_CHAIN_SEGMENTS = "MATCH (n:Segment {chain_id: $chain_id}) RETURN properties(n) AS p"
SUB_NEIGHBOUR_LINKS = (
    "UNWIND $ids AS id MATCH (a:Segment {segment_id: id})-[r:FEEDS]-(b:Segment) RETURN DISTINCT properties(r) AS p"
)
SUB_LINKS_AMONG = (
    "UNWIND $ids AS id MATCH (a:Segment {segment_id: id})-[r:FEEDS]->(b:Segment) "
    "WHERE b.segment_id IN $ids RETURN properties(r) AS p"
)
SUB_MEMBERSHIPS = (
    "UNWIND $ids AS id MATCH (:Company)-[r:IN_SEGMENT]->(:Segment {segment_id: id}) RETURN properties(r) AS p"
)
SUB_SUPPLIES = (
    "UNWIND $ids AS id MATCH (a:Company {company_id: id})-[r:SUPPLIES]-(:Company) RETURN DISTINCT properties(r) AS p"
)
# Anchored on the company (hint): planned from the six dense list nodes instead, this took seconds.
SUB_RANKINGS = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) USING INDEX c:Company(company_id) "
    "MATCH (c)-[r:RANKED]->(:RankingList) RETURN properties(r) AS p"
)
SUB_REGIONS = (
    "UNWIND $ids AS id MATCH (:Region {region_id: id})-[:WITHIN*0..]->(a:Region) RETURN DISTINCT properties(a) AS p"
)

# -- facts: the questions the analysis asks, counted in Cypher (chain_graph.facts) -----------------
# Locality travels as two map parameters: $athome {region id: true} for the home region and every
# region below it, $county {region id: county id or null}. Every pattern labels both ends, so
# staged (invisible) nodes of an import under way are never counted.

_LOCAL_C = "(coalesce($athome[coalesce(c.region, '')], false) OR coalesce(c.local_site, false))"
_ROLE_ORDER = "CASE m.role WHEN 'leading' THEN 0 WHEN 'core' THEN 1 ELSE 2 END"

FACT_SCHEMA_STATEMENTS = (
    "CREATE CONSTRAINT revision_name IF NOT EXISTS FOR (n:ChainGraphRevision) REQUIRE n.name IS UNIQUE",
    "CREATE INDEX membership_role IF NOT EXISTS FOR ()-[m:IN_SEGMENT]-() ON (m.role)",
)
REVISIONS_READ = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) WITH coalesce(s.revision, 0) AS any "
    "OPTIONAL MATCH (r:ChainGraphRevision) RETURN any, collect([r.name, r.value]) AS named"
)
REVISIONS_BUMP = (
    "UNWIND $names AS name MERGE (r:ChainGraphRevision {name: name}) SET r.value = coalesce(r.value, 0) + 1"
)
FACT_OWN_SEGMENTS = "MATCH (s:Segment {chain_id: $chain_id}) RETURN s.segment_id AS id ORDER BY id"
FACT_NEIGHBOURS = (
    "UNWIND $ids AS id MATCH (:Segment {segment_id: id})-[:FEEDS]-(b:Segment) RETURN DISTINCT b.segment_id AS v"
)
FACT_PRESENCE = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WITH sid, c, m WHERE {_LOCAL_C} "
    "WITH sid, m, c, CASE WHEN coalesce($athome[coalesce(c.region, '')], false) THEN $county[c.region] END AS county "
    "RETURN sid, county, count(*) AS n, sum(CASE WHEN m.role = 'leading' THEN 1 ELSE 0 END) AS leading, "
    "sum(coalesce(c.revenue_cny_100m, 0.0)) AS revenue, count(c.revenue_cny_100m) AS known"
)
# The first $limit local firms of each segment in list order, city-wide (FACT_FIRMS) or in the
# county $only (FACT_FIRMS_COUNTY): a top-$limit per segment in a subquery (Top, not a full sort
# and collect of every local member).
_FIRMS_OF = (
    "UNWIND $ids AS sid CALL (sid) { MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
)
_FIRMS_RETURN = (
    f"WITH c, m ORDER BY {_ROLE_ORDER}, c.company_id LIMIT $limit "
    "RETURN c, m, coalesce($athome[coalesce(c.region, '')], false) AS athome } "
    "RETURN sid, collect({company_id: c.company_id, name: c.name, role: m.role, revenue: c.revenue_cny_100m, "
    "county: CASE WHEN athome THEN $county[c.region] END, "
    "basis: CASE WHEN athome THEN 'region' ELSE 'local_site' END}) AS firms"
)
FACT_FIRMS = _FIRMS_OF + f"WITH c, m WHERE {_LOCAL_C} " + _FIRMS_RETURN
FACT_FIRMS_COUNTY = (
    _FIRMS_OF + "WITH c, m WHERE coalesce($athome[coalesce(c.region, '')], false) "
    "AND $county[coalesce(c.region, '')] = $only " + _FIRMS_RETURN
)
FACT_LEADING_SUPPLIES = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WHERE m.role = 'leading' AND {_LOCAL_C} "
    "MATCH (sup:Company)-[s:SUPPLIES]->(c) "
    "WHERE NOT (coalesce($athome[coalesce(sup.region, '')], false) OR coalesce(sup.local_site, false)) "
    "RETURN sid, sup.company_id AS supplier_id, sup.name AS supplier_name, c.company_id AS customer_id, "
    "c.name AS customer_name, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of"
)
FACT_SEGMENTS_OF = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[m:IN_SEGMENT]->(s:Segment) WHERE s.segment_id IN $segs "
    "RETURN id, s.segment_id AS segment_id, m.role AS role ORDER BY id, segment_id"
)
FACT_SUPPLIERS_OF = (
    "UNWIND $ids AS id MATCH (sup:Company)-[s:SUPPLIES]->(c:Company {company_id: id}) "
    "RETURN sup.company_id AS supplier_id, sup.name AS supplier_name, c.company_id AS customer_id, "
    "c.name AS customer_name, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, "
    "s.as_of AS as_of, sup.region AS region, coalesce(sup.local_site, false) AS local_site"
)
FACT_CANDIDATE_ROWS = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WHERE NOT {_LOCAL_C} RETURN sid, m.share AS share, properties(c) AS p"
)
FACT_CANDIDATE_RANKS = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) USING INDEX c:Company(company_id) "
    "MATCH (c)-[r:RANKED]->(:RankingList) RETURN id, r.list_id AS list_id, r.year AS year, r.rank AS rank"
)
_PARTNER_LOCAL = (
    "(coalesce($athome[coalesce(p.region, '')], false) OR coalesce(p.local_site, false) OR p.company_id IN $extra)"
)
FACT_CANDIDATE_TIES = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[s:SUPPLIES]->(p:Company) "
    f"WHERE {_PARTNER_LOCAL} "
    "RETURN id, p.company_id AS partner_id, p.name AS partner_name, 'supplies_to' AS direction, "
    "s.product AS product, s.amount_cny_100m AS amount "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (:Company {company_id: id})<-[s:SUPPLIES]-(p:Company) "
    f"WHERE {_PARTNER_LOCAL} "
    "RETURN id, p.company_id AS partner_id, p.name AS partner_name, 'buys_from' AS direction, "
    "s.product AS product, s.amount_cny_100m AS amount"
)
FACT_SEGMENT_MEMBERS = (
    "MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: $id}) RETURN properties(m) AS m, properties(c) AS c"
)
FACT_CHAIN_SUMMARIES = (
    "MATCH (ch:Chain) OPTIONAL MATCH (s:Segment {chain_id: ch.chain_id}) WITH ch, count(s) AS segments "
    "OPTIONAL MATCH (c:Company)-[:IN_SEGMENT]->(:Segment {chain_id: ch.chain_id}) "
    "WITH ch, segments, count(DISTINCT c) AS companies, "
    f"count(DISTINCT CASE WHEN {_LOCAL_C} THEN c END) AS local "
    "RETURN properties(ch) AS p, segments, companies, local ORDER BY ch.chain_id"
)
FACT_COUNT_LOCAL = f"MATCH (c:Company) WHERE {_LOCAL_C} RETURN count(c) AS n"
# The chain's map: the companies of its own segments and the ties among them.
MAP_MEMBERSHIPS = (
    "UNWIND $ids AS id MATCH (:Company)-[r:IN_SEGMENT]->(:Segment {segment_id: id}) RETURN properties(r) AS p"
)
MAP_SUPPLIES_AMONG = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[r:SUPPLIES]->(b:Company) "
    "WHERE b.company_id IN $ids RETURN properties(r) AS p"
)
# What a write touches (checks.affected_scopes asks these inside the write transaction).
SCOPE_SEGMENT_CHAINS = "UNWIND $ids AS id MATCH (s:Segment {segment_id: id}) RETURN DISTINCT s.chain_id AS v"
SCOPE_COMPANY_SEGMENTS = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:IN_SEGMENT]->(s:Segment) RETURN DISTINCT s.segment_id AS v"
)
SCOPE_SUPPLY_PARTNERS = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:SUPPLIES]-(p:Company) RETURN DISTINCT p.company_id AS v"
)

# -- relationships that bring a target in (chain_graph.paths), 链主 leads, overseas-Chinese ties ------
# One hop of the walk: every tie of the frontier's companies and organisations, both ends labelled.

PATH_TIES = (
    "UNWIND $c AS id MATCH (:Company {company_id: id})-[r:SUPPLIES|HOLDS_SHARES|MEMBER_OF]-(:Company|Organisation) "
    "RETURN DISTINCT type(r) AS type, properties(r) AS p "
    "UNION "
    "UNWIND $o AS id MATCH (:Organisation {organisation_id: id})<-[r:MEMBER_OF]-(:Company) "
    "RETURN DISTINCT type(r) AS type, properties(r) AS p"
)
# The same ties, only those whose far end (not among the asked ids) is a local firm (the locality
# parameters of the fact queries); organisations are never local.
_FAR_LOCAL = "(coalesce($athome[coalesce(f.region, '')], false) OR coalesce(f.local_site, false))"
PATH_TIES_LOCAL = (
    "UNWIND $c AS id MATCH (:Company {company_id: id})-[r:SUPPLIES|HOLDS_SHARES]-(f:Company) "
    f"WHERE {_FAR_LOCAL} RETURN DISTINCT type(r) AS type, properties(r) AS p "
    "UNION "
    "UNWIND $o AS id MATCH (:Organisation {organisation_id: id})<-[r:MEMBER_OF]-(f:Company) "
    f"WHERE {_FAR_LOCAL} RETURN DISTINCT type(r) AS type, properties(r) AS p"
)
PATH_COMPANIES = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) "
    "RETURN c.company_id AS id, c.name AS name, c.region AS region, coalesce(c.local_site, false) AS local_site"
)
PATH_ORGANISATIONS = (
    "UNWIND $ids AS id MATCH (o:Organisation {organisation_id: id}) "
    "RETURN o.organisation_id AS id, o.name AS name, coalesce(o.overseas_chinese, false) AS overseas"
)
LEAD_LEADERS = (
    "MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment) WHERE m.role = 'leading' AND "
    f"{_LOCAL_C} RETURN DISTINCT c.company_id AS id"
)
LEAD_LEADER = (
    "MATCH (c:Company {company_id: $leader})-[m:IN_SEGMENT]->(:Segment) WHERE m.role = 'leading' AND "
    f"{_LOCAL_C} RETURN DISTINCT c.company_id AS id"
)
LEAD_TIES = (
    "UNWIND $ids AS id MATCH (l:Company {company_id: id})<-[s:SUPPLIES]-(c:Company) "
    f"WHERE NOT {_LOCAL_C} "
    "RETURN l.company_id AS leader_id, l.name AS leader_name, c.company_id AS partner_id, c.name AS partner_name, "
    "'supplier' AS direction, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (l:Company {company_id: id})-[s:SUPPLIES]->(c:Company) "
    f"WHERE NOT {_LOCAL_C} "
    "RETURN l.company_id AS leader_id, l.name AS leader_name, c.company_id AS partner_id, c.name AS partner_name, "
    "'customer' AS direction, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of"
)
LEAD_LOCAL_FIRMS = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:SUPPLIES]-(c:Company) "
    f"WHERE {_LOCAL_C} RETURN id, count(DISTINCT c) AS n"
)
LEAD_SEGMENTS = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[m:IN_SEGMENT]->(s:Segment) "
    "RETURN id, s.segment_id AS segment_id, s.chain_id AS chain_id, m.role AS role ORDER BY id, segment_id"
)
OVERSEAS_TIES = (
    "MATCH (c:Company)-[m:MEMBER_OF]->(o:Organisation) WHERE o.overseas_chinese = true "
    "AND ($ids IS NULL OR c.company_id IN $ids) "
    "RETURN c.company_id AS company_id, o.organisation_id AS organisation_id, o.name AS name, m.role AS role, "
    "m.source AS source ORDER BY company_id, organisation_id"
)
