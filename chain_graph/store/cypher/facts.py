"""Facts: the questions the analysis asks, counted in Cypher (chain_graph.facts), and the chain's map."""

from __future__ import annotations

from typing import LiteralString

# -- the chain subgraph --------------------------------------------------------------------------

SUB_CHAIN_SEGMENTS: LiteralString = "MATCH (n:Segment {chain_id: $chain_id}) RETURN properties(n) AS p"
SUB_NEIGHBOUR_LINKS: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Segment {segment_id: id})-[r:FEEDS]-(b:Segment) RETURN DISTINCT properties(r) AS p"
)
SUB_LINKS_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Segment {segment_id: id})-[r:FEEDS]->(b:Segment) "
    "WHERE b.segment_id IN $ids RETURN properties(r) AS p"
)
SUB_MEMBERSHIPS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company)-[r:IN_SEGMENT]->(:Segment {segment_id: id}) RETURN properties(r) AS p"
)
SUB_SUPPLIES: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Company {company_id: id})-[r:SUPPLIES]-(:Company) RETURN DISTINCT properties(r) AS p"
)
# Anchored on the company (hint): planned from the six dense list nodes instead, this took seconds.
SUB_RANKINGS: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) USING INDEX c:Company(company_id) "
    "MATCH (c)-[r:RANKED]->(:RankingList) RETURN properties(r) AS p"
)
SUB_REGIONS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Region {region_id: id})-[:WITHIN*0..]->(a:Region) RETURN DISTINCT properties(a) AS p"
)

# -- facts: the questions the analysis asks, counted in Cypher (chain_graph.facts) -----------------
# Locality travels as two map parameters: $athome {region id: true} for the home region and every
# region below it, $county {region id: county id or null}. Every pattern labels both ends, so
# staged (invisible) nodes of an import under way are never counted.

LOCAL_C: LiteralString = "(coalesce($athome[coalesce(c.region, '')], false) OR coalesce(c.local_site, false))"
_ROLE_ORDER: LiteralString = "CASE m.role WHEN 'leading' THEN 0 WHEN 'core' THEN 1 ELSE 2 END"

FACT_OWN_SEGMENTS: LiteralString = "MATCH (s:Segment {chain_id: $chain_id}) RETURN s.segment_id AS id ORDER BY id"
FACT_NEIGHBOURS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Segment {segment_id: id})-[:FEEDS]-(b:Segment) RETURN DISTINCT b.segment_id AS v"
)
FACT_PRESENCE: LiteralString = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WITH sid, c, m WHERE {LOCAL_C} "
    "WITH sid, m, c, CASE WHEN coalesce($athome[coalesce(c.region, '')], false) THEN $county[c.region] END AS county "
    "RETURN sid, county, count(*) AS n, sum(CASE WHEN m.role = 'leading' THEN 1 ELSE 0 END) AS leading, "
    "sum(coalesce(c.revenue_cny_100m, 0.0)) AS revenue, count(c.revenue_cny_100m) AS known"
)
# The first $limit local firms of each segment in list order, city-wide (FACT_FIRMS) or in the
# county $only (FACT_FIRMS_COUNTY): a top-$limit per segment in a subquery (Top, not a full sort
# and collect of every local member).
_FIRMS_OF: LiteralString = (
    "UNWIND $ids AS sid CALL (sid) { MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
)
_FIRMS_RETURN: LiteralString = (
    f"WITH c, m ORDER BY {_ROLE_ORDER}, c.company_id LIMIT $limit "
    "RETURN c, m, coalesce($athome[coalesce(c.region, '')], false) AS athome } "
    "RETURN sid, collect({company_id: c.company_id, name: c.name, role: m.role, revenue: c.revenue_cny_100m, "
    "county: CASE WHEN athome THEN $county[c.region] END, "
    "basis: CASE WHEN athome THEN 'region' ELSE 'local_site' END}) AS firms"
)
FACT_FIRMS: LiteralString = _FIRMS_OF + f"WITH c, m WHERE {LOCAL_C} " + _FIRMS_RETURN
FACT_FIRMS_COUNTY: LiteralString = (
    _FIRMS_OF + "WITH c, m WHERE coalesce($athome[coalesce(c.region, '')], false) "
    "AND $county[coalesce(c.region, '')] = $only " + _FIRMS_RETURN
)
FACT_LEADING_SUPPLIES: LiteralString = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WHERE m.role = 'leading' AND {LOCAL_C} "
    "MATCH (sup:Company)-[s:SUPPLIES]->(c) "
    "WHERE NOT (coalesce($athome[coalesce(sup.region, '')], false) OR coalesce(sup.local_site, false)) "
    "RETURN sid, sup.company_id AS supplier_id, sup.name AS supplier_name, c.company_id AS customer_id, "
    "c.name AS customer_name, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of"
)
FACT_SEGMENTS_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[m:IN_SEGMENT]->(s:Segment) WHERE s.segment_id IN $segs "
    "RETURN id, s.segment_id AS segment_id, m.role AS role ORDER BY id, segment_id"
)
FACT_SUPPLIERS_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (sup:Company)-[s:SUPPLIES]->(c:Company {company_id: id}) "
    "RETURN sup.company_id AS supplier_id, sup.name AS supplier_name, c.company_id AS customer_id, "
    "c.name AS customer_name, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, "
    "s.as_of AS as_of, sup.region AS region, coalesce(sup.local_site, false) AS local_site"
)
FACT_CANDIDATE_ROWS: LiteralString = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WHERE NOT {LOCAL_C} RETURN sid, m.share AS share, properties(c) AS p"
)
FACT_CANDIDATE_RANKS: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) USING INDEX c:Company(company_id) "
    "MATCH (c)-[r:RANKED]->(:RankingList) RETURN id, r.list_id AS list_id, r.year AS year, r.rank AS rank"
)
_PARTNER_LOCAL: LiteralString = (
    "(coalesce($athome[coalesce(p.region, '')], false) OR coalesce(p.local_site, false) OR p.company_id IN $extra)"
)
FACT_CANDIDATE_TIES: LiteralString = (
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
FACT_SEGMENT_MEMBERS: LiteralString = (
    "MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: $id}) RETURN properties(m) AS m, properties(c) AS c"
)
FACT_CHAIN_SUMMARIES: LiteralString = (
    "MATCH (ch:Chain) OPTIONAL MATCH (s:Segment {chain_id: ch.chain_id}) WITH ch, count(s) AS segments "
    "OPTIONAL MATCH (c:Company)-[:IN_SEGMENT]->(:Segment {chain_id: ch.chain_id}) "
    "WITH ch, segments, count(DISTINCT c) AS companies, "
    f"count(DISTINCT CASE WHEN {LOCAL_C} THEN c END) AS local "
    "RETURN properties(ch) AS p, segments, companies, local ORDER BY ch.chain_id"
)
FACT_COUNT_LOCAL: LiteralString = f"MATCH (c:Company) WHERE {LOCAL_C} RETURN count(c) AS n"
# The chain's map: the companies of its own segments and the ties among them.
MAP_MEMBERSHIPS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company)-[r:IN_SEGMENT]->(:Segment {segment_id: id}) RETURN properties(r) AS p"
)
MAP_SUPPLIES_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[r:SUPPLIES]->(b:Company) "
    "WHERE b.company_id IN $ids RETURN properties(r) AS p"
)
# What a write touches (checks.affected_scopes asks these inside the write transaction).
SCOPE_SEGMENT_CHAINS: LiteralString = (
    "UNWIND $ids AS id MATCH (s:Segment {segment_id: id}) RETURN DISTINCT s.chain_id AS v"
)
SCOPE_COMPANY_SEGMENTS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:IN_SEGMENT]->(s:Segment) RETURN DISTINCT s.segment_id AS v"
)
SCOPE_SUPPLY_PARTNERS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:SUPPLIES]-(p:Company) RETURN DISTINCT p.company_id AS v"
)
