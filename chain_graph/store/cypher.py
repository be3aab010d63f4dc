"""Every Cypher query of the Neo4j store, as named constants.

Values only ever travel as ``$parameters``. Labels and relationship types come from
:class:`Label` and :class:`~chain_graph.store.base.EdgeType`, fixed in code; the per-kind
tables below are written out in full so that a reader sees each query as Neo4j runs it.
Bulk writes are ``UNWIND $rows`` batches.
"""

from __future__ import annotations

from enum import StrEnum

from chain_graph.models import Kind

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
    SCHEMA = "ChainGraphSchema"


# Nodes with a two-part key (events, snapshots) also carry ``uid`` = the parts joined by "#",
# so that Community edition can hold them unique (node keys need Enterprise).
UID_KINDS = (Kind.PLAN_EVENT, Kind.CHAIN_SNAPSHOT)

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
    "CREATE INDEX plan_chain IF NOT EXISTS FOR (n:TargetPlan) ON (n.chain_id)",
    "CREATE INDEX plan_company IF NOT EXISTS FOR (n:TargetPlan) ON (n.company_id)",
    "CREATE INDEX plan_event_plan IF NOT EXISTS FOR (n:PlanEvent) ON (n.plan_id)",
    "CREATE CONSTRAINT schema_id IF NOT EXISTS FOR (n:ChainGraphSchema) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain_id)",
    "CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)",
    "CREATE INDEX company_region IF NOT EXISTS FOR (n:Company) ON (n.region)",
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
}

# References held as node fields are mirrored as relationships: drop the old, add the new.
REFERENCE_CLEAR = {
    Kind.REGION: "UNWIND $ids AS id MATCH (:Region {region_id: id})-[r:WITHIN]->() DELETE r",
    Kind.SEGMENT: "UNWIND $ids AS id MATCH (:Segment {segment_id: id})-[r:PART_OF|SUB_OF]->() DELETE r",
    Kind.COMPANY: "UNWIND $ids AS id MATCH (:Company {company_id: id})-[r:LOCATED_IN]->() DELETE r",
    Kind.TARGET_PLAN: "UNWIND $ids AS id MATCH (:TargetPlan {plan_id: id})-[r:TARGETS|FILLS]->() DELETE r",
    Kind.PLAN_EVENT: "UNWIND $ids AS id MATCH (:PlanEvent {uid: id})-[r:ABOUT]->() DELETE r",
    Kind.CHAIN_SNAPSHOT: "UNWIND $ids AS id MATCH (:ChainSnapshot {uid: id})-[r:SNAPSHOT_OF]->() DELETE r",
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
    ("plan_event", "plan_id"): (
        "UNWIND $rows AS row MATCH (a:PlanEvent {uid: row.id}), (b:TargetPlan {plan_id: row.ref}) "
        "MERGE (a)-[:ABOUT]->(b)"
    ),
    ("chain_snapshot", "chain_id"): (
        "UNWIND $rows AS row MATCH (a:ChainSnapshot {uid: row.id}), (b:Chain {chain_id: row.ref}) "
        "MERGE (a)-[:SNAPSHOT_OF]->(b)"
    ),
}

# Nodes whose reference field names a node: (kind of the dependent, query).
DEPENDENTS = {
    Kind.REGION: (
        (Kind.REGION, "MATCH (n:Region {parent_id: $id}) RETURN [n.region_id] AS key"),
        (Kind.COMPANY, "MATCH (n:Company {region: $id}) RETURN [n.company_id] AS key"),
    ),
    Kind.CHAIN: (
        (Kind.SEGMENT, "MATCH (n:Segment {chain_id: $id}) RETURN [n.segment_id] AS key"),
        (Kind.CHAIN_SNAPSHOT, "MATCH (n:ChainSnapshot {chain_id: $id}) RETURN [n.chain_id, n.on] AS key"),
    ),
    Kind.SEGMENT: (
        (Kind.SEGMENT, "MATCH (n:Segment {parent_id: $id}) RETURN [n.segment_id] AS key"),
        (Kind.TARGET_PLAN, "MATCH (n:TargetPlan)-[:FILLS]->(:Segment {segment_id: $id}) RETURN [n.plan_id] AS key"),
    ),
    Kind.COMPANY: ((Kind.TARGET_PLAN, "MATCH (n:TargetPlan {company_id: $id}) RETURN [n.plan_id] AS key"),),
    Kind.TARGET_PLAN: ((Kind.PLAN_EVENT, "MATCH (n:PlanEvent {plan_id: $id}) RETURN [n.plan_id, n.seq] AS key"),),
    Kind.PLAN_EVENT: (),
    Kind.CHAIN_SNAPSHOT: (),
    Kind.API_KEY: (),
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
}

# Relationship records that hang on one node (to be deleted along with it).
RELATIONS_OF = {
    Kind.SEGMENT: (
        "MATCH (:Segment {segment_id: $id})-[r:FEEDS|IN_SEGMENT]-() RETURN type(r) AS type, properties(r) AS p"
    ),
    Kind.COMPANY: (
        "MATCH (:Company {company_id: $id})-[r:IN_SEGMENT|SUPPLIES|RANKED]-() "
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
    Kind.SEGMENT_LINK: "MATCH (:Segment)-[n:FEEDS]->(:Segment)",
    Kind.COMPANY_SEGMENT: "MATCH (:Company)-[n:IN_SEGMENT]->(:Segment)",
    Kind.SUPPLY: "MATCH (:Company)-[n:SUPPLIES]->(:Company)",
    Kind.RANKING: "MATCH (:Company)-[n:RANKED]->(:RankingList)",
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
    Kind.SEGMENT_LINK: "MATCH ()-[r:FEEDS]->() RETURN count(r) AS n",
    Kind.COMPANY_SEGMENT: "MATCH ()-[r:IN_SEGMENT]->() RETURN count(r) AS n",
    Kind.SUPPLY: "MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n",
    Kind.RANKING: "MATCH ()-[r:RANKED]->() RETURN count(r) AS n",
}

SEARCH_COMPANIES = (
    "MATCH (n:Company) WHERE toLower(n.company_id) CONTAINS $q OR toLower(n.name) CONTAINS $q "
    "OR toLower(coalesce(n.short_name, '')) CONTAINS $q OR toLower(coalesce(n.uscc, '')) CONTAINS $q "
    "OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $q) "
    "RETURN properties(n) AS p LIMIT $cap"
)

CLEAR_BATCH = (
    "MATCH (n) WHERE n:Region OR n:Chain OR n:Segment OR n:Company OR n:TargetPlan OR n:PlanEvent "
    "OR n:ChainSnapshot OR n:ApiKey "
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
    "MATCH (c)-[r:RANKED]->() RETURN properties(r) AS p"
)
SUB_REGIONS = (
    "UNWIND $ids AS id MATCH (:Region {region_id: id})-[:WITHIN*0..]->(a:Region) RETURN DISTINCT properties(a) AS p"
)
