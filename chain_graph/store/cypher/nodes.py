"""Node records: write, read, delete, and the relationships that mirror their reference fields."""

from __future__ import annotations

from typing import LiteralString

from chain_graph.models import Kind

NODE_UPSERT: dict[Kind, LiteralString] = {
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
NODE_CREATE: dict[Kind, LiteralString] = {
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

NODE_GET_MANY: dict[Kind, LiteralString] = {
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

NODE_DELETE: dict[Kind, LiteralString] = {
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
REFERENCE_CLEAR: dict[Kind, LiteralString] = {
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

REFERENCE_LINK: dict[tuple[str, str], LiteralString] = {
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
DEPENDENTS: dict[Kind, tuple[tuple[Kind, LiteralString], ...]] = {
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

# The companies whose id starts with $prefix, and their ties (benchmarks/load.py's one-MERGE baseline
# writes such companies and removes them before and after).
COMPANIES_DELETE_BY_PREFIX: LiteralString = "MATCH (n:Company) WHERE n.company_id STARTS WITH $prefix DETACH DELETE n"
