"""The schema of the Neo4j store: labels, constraints and indexes, its version and revisions.

The schema is reached through numbered migrations (:data:`MIGRATIONS`), applied in order at start
by :mod:`chain_graph.store.neo4j_schema`; the version node records the last one done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from chain_graph.models import MODELS, Kind
from chain_graph.store.base import EdgeType
from chain_graph.store.cypher.presence import PRESENCE_BUILD_ALL, PRESENCE_DROP_ALL


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
    # the counts of one (segment, region, local site) bucket, kept on write (cypher.presence)
    PRESENCE = "Presence"


# Nodes with a two-part key (events, snapshots) also carry ``uid`` = the parts joined by "#",
# so that Community edition can hold them unique (node keys need Enterprise).
UID_KINDS = (Kind.PLAN_EVENT, Kind.CHAIN_SNAPSHOT, Kind.EVENT_TARGET, Kind.INVITATION)

# -- schema: numbered migrations, applied in order at start (chain_graph.store.neo4j_schema) -----------
# Each statement is safe to run again (IF NOT EXISTS / IF EXISTS; a data step finds nothing left to do
# the second time), so a start interrupted inside a migration runs it again from its first statement.
# The schema node's ``version`` records the last migration done; a change of schema is a new
# migration at the end, never an edit of one that has shipped.

SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Migration:
    """One numbered step of the schema: its statements, each safe to run again."""

    version: int
    title: str
    statements: tuple[LiteralString, ...]


MIGRATIONS: tuple[Migration, ...] = (
    # The first release's schema: unique ids of the graph's nodes and of the schema node, three indexes.
    Migration(
        1,
        "graph node ids, segment chain, company name and region",
        (
            "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.region_id IS UNIQUE",
            "CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.chain_id IS UNIQUE",
            "CREATE CONSTRAINT segment_id IF NOT EXISTS FOR (n:Segment) REQUIRE n.segment_id IS UNIQUE",
            "CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.company_id IS UNIQUE",
            "CREATE CONSTRAINT list_id IF NOT EXISTS FOR (n:RankingList) REQUIRE n.list_id IS UNIQUE",
            "CREATE CONSTRAINT schema_id IF NOT EXISTS FOR (n:ChainGraphSchema) REQUIRE n.id IS UNIQUE",
            "CREATE INDEX segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain_id)",
            "CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)",
            "CREATE INDEX company_region IF NOT EXISTS FOR (n:Company) ON (n.region)",
        ),
    ),
    # What was added while the version stayed at 1 (plans, events, snapshots, keys, growth, parks,
    # promotion events, organisations, staged imports, named revisions, the membership role index):
    # a version-1 store written by any earlier release lacks some of it.
    Migration(
        2,
        "plans, growth, parks, events, organisations, staged imports, named revisions",
        (
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
            "CREATE CONSTRAINT import_id IF NOT EXISTS FOR (n:ChainGraphImport) REQUIRE n.id IS UNIQUE",
            "CREATE INDEX staged_import_key IF NOT EXISTS FOR (n:Staged) ON (n._import, n._key)",
            "CREATE INDEX staged_import IF NOT EXISTS FOR (n:Staged) ON (n._import)",
            "CREATE CONSTRAINT promotion_event_id IF NOT EXISTS FOR (n:PromotionEvent) REQUIRE n.event_id IS UNIQUE",
            "CREATE CONSTRAINT event_target_uid IF NOT EXISTS FOR (n:EventTarget) REQUIRE n.uid IS UNIQUE",
            "CREATE CONSTRAINT invitation_uid IF NOT EXISTS FOR (n:Invitation) REQUIRE n.uid IS UNIQUE",
            "CREATE INDEX event_target_event IF NOT EXISTS FOR (n:EventTarget) ON (n.event_id)",
            "CREATE INDEX invitation_event IF NOT EXISTS FOR (n:Invitation) ON (n.event_id)",
            "CREATE INDEX invitation_plan IF NOT EXISTS FOR (n:Invitation) ON (n.plan_id)",
            "CREATE CONSTRAINT revision_name IF NOT EXISTS FOR (n:ChainGraphRevision) REQUIRE n.name IS UNIQUE",
            "CREATE INDEX membership_role IF NOT EXISTS FOR ()-[m:IN_SEGMENT]-() ON (m.role)",
        ),
    ),
    # The gap report reads kept counters instead of counting every member of a chain's segments
    # (cypher.presence: built here once, recounted per touched segment by every write after), and
    # seeks memberships: a segment's members of one role in company order (the first firms per
    # segment stop at the limit; the leading firms are a seek), a company's without walking its ties.
    Migration(
        3,
        "presence counters; membership indexes by segment, role and company, and by company",
        (
            "CREATE INDEX membership_segment_role IF NOT EXISTS "
            "FOR ()-[m:IN_SEGMENT]-() ON (m.segment_id, m.role, m.company_id)",
            "CREATE INDEX membership_company IF NOT EXISTS FOR ()-[m:IN_SEGMENT]-() ON (m.company_id)",
            "CREATE INDEX presence_segment IF NOT EXISTS FOR (n:Presence) ON (n.segment_id)",
            PRESENCE_DROP_ALL,
            PRESENCE_BUILD_ALL,
        ),
    ),
)
# Every statement of every migration, in order (what a fresh database runs).
SCHEMA_STATEMENTS: tuple[LiteralString, ...] = tuple(s for m in MIGRATIONS for s in m.statements)
# After a migration's last statement: it is recorded as done, in order (a second process that ran
# it at the same time finds it recorded and changes nothing).
MIGRATION_DONE: LiteralString = (
    "MERGE (s:ChainGraphSchema {id: 'schema'}) WITH s WHERE coalesce(s.version, 0) = $version - 1 "
    "SET s.version = $version, "
    "s.migrations = coalesce(s.migrations, []) + [toString($version) + ' ' + $title + ' @ ' + toString(datetime())] "
    "RETURN s.version AS version"
)

# Staged imports look up their nodes by the staged_import_key index: it must be online before one runs.
SCHEMA_AWAIT: LiteralString = "CALL db.awaitIndexes(300)"
# After a bulk import: resample every index, wait for it, then empty the plan cache, so that the next
# statements are planned once on the new data's statistics (admin only); a user without the right
# can only schedule the resampling of outdated indexes.
STATISTICS_REFRESH: LiteralString = "CALL db.prepareForReplanning(300)"
STATISTICS_RESAMPLE: LiteralString = "CALL db.resampleOutdatedIndexes()"
# A fresh database knows only the relationship types and property keys written so far, and the
# server warns (01N51, 01N52) about any other one a query names: on an empty store every command
# drew a screen of them (issue 10, item 14). Registering all that this library uses, with the
# schema, keeps the queries of an empty store quiet; a token holds no data. Besides the records'
# fields: the keys of the bookkeeping nodes (schema and revisions, staged imports) that are read.
_BOOKKEEPING_KEYS = {
    "uid",
    "revision",
    "value",
    "state",
    "heartbeat",
    "chunks",
    "publishing",
    "published",
    "version",
    "migrations",
    # presence counters (cypher/presence.py) and the segments an import still has to recount
    "n",
    "leading",
    "rev_micro",
    "rev_n",
    "presence",
}
PROPERTY_KEYS: tuple[str, ...] = tuple(
    sorted({name for model in MODELS.values() for name in model.model_fields} | _BOOKKEEPING_KEYS)
)
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(str(t) for t in EdgeType)
TOKEN_RELATIONSHIP_TYPES: LiteralString = "UNWIND $names AS t CALL db.createRelationshipType(t)"
TOKEN_PROPERTY_KEYS: LiteralString = "UNWIND $names AS p CALL db.createProperty(p)"
SCHEMA_VERSION_READ: LiteralString = "MATCH (s:ChainGraphSchema {id: 'schema'}) RETURN s.version AS version"
SCHEMA_VERSION_WRITE: LiteralString = "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.version = $version"
# Every write bumps the revision in the same transaction, so caches keyed by it stay right
# whichever client (or process) wrote.
REVISION_READ: LiteralString = "MATCH (s:ChainGraphSchema {id: 'schema'}) RETURN coalesce(s.revision, 0) AS revision"
REVISION_BUMP: LiteralString = "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.revision = coalesce(s.revision, 0) + 1"
RANKING_LISTS_WRITE: LiteralString = "UNWIND $rows AS row MERGE (l:RankingList {list_id: row.list_id}) SET l += row"


# The revisions and the publication gate in one statement: it reads bookkeeping nodes only, which
# no flip chunk of a publication touches, so it needs no gated transaction around it — the reader
# waits while an import is being published, as a gated read does (chain_graph.store.neo4j_publish).
REVISIONS_READ: LiteralString = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) "
    "WITH coalesce(s.revision, 0) AS any, s.publishing AS publishing "
    "OPTIONAL MATCH (r:ChainGraphRevision) RETURN any, publishing, collect([r.name, r.value]) AS named"
)
REVISIONS_BUMP: LiteralString = (
    "UNWIND $names AS name MERGE (r:ChainGraphRevision {name: name}) SET r.value = coalesce(r.value, 0) + 1"
)
