"""Facts: the questions the analysis asks, counted in Cypher (chain_graph.facts), and the chain's map."""

from __future__ import annotations

from typing import LiteralString

from chain_graph.store.cypher.presence import PRESENCE_BUCKETS

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
# Presence (local members, leading, revenue per segment and county) is read from counters kept on
# write: chain_graph.store.cypher.presence.
# The first $limit local firms of each segment of the list ``ids`` in list order, city-wide (in
# FACT_CHAIN) or in the county $only (FACT_FIRMS_COUNTY), as one list of [segment id, firms], each
# firm [id, name, role, county, revenue, basis]. Per segment and role, a seek of the
# membership_segment_role index in company order that stops at the $limit-th local firm (Limit on
# the index order, not a sort of every member); the core firms are sought only when the leading
# ones leave room in the list, the supporting ones only when both do (most segments fill their list
# before them). The index hints here and below keep these plans on a database whose statistics are
# fresh (a small or new one).
_FIRMS_OF_ROLE: LiteralString = (
    "CALL (room) { MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment) "
    "USING INDEX m:IN_SEGMENT(segment_id, role, company_id) "
    "WHERE m.segment_id = room AND m.role = $role AND m.company_id IS NOT NULL AND "
)
_FIRMS_LISTED: LiteralString = (
    "WITH c, m ORDER BY m.segment_id, m.role, m.company_id LIMIT $limit RETURN c, m } "
    "WITH c, m, coalesce($athome[coalesce(c.region, '')], false) AS athome "
    "RETURN collect([c.company_id, c.name, m.role, CASE WHEN athome THEN $county[c.region] END, "
    "c.revenue_cny_100m, CASE WHEN athome THEN 'region' ELSE 'local_site' END]) AS "
)


def _firms(where: LiteralString) -> LiteralString:
    one: LiteralString = _FIRMS_OF_ROLE + where + " " + _FIRMS_LISTED
    # A segment with room left is unwound into a subquery of its own (an UNWIND of [] when none is
    # left): a WHERE on the room was moved after the seek by the planner, and a seek on an unwound
    # value outside such a subquery lost its index order (a sort of the whole segment instead).
    return (
        "CALL (ids) { UNWIND ids AS sid "
        "CALL (sid) { WITH sid AS room " + one.replace("$role", "'leading'") + "lead } "
        "CALL (sid, lead) { UNWIND CASE WHEN size(lead) < $limit THEN [sid] ELSE [] END AS room "
        + one.replace("$role", "'core'")
        + "core } "
        "CALL (sid, lead, core) { UNWIND CASE WHEN size(lead) + size(core) < $limit THEN [sid] ELSE [] END AS room "
        + one.replace("$role", "'supporting'")
        + "rest } "
        "RETURN collect([sid, (lead + core + rest)[..$limit]]) AS firms } "
    )


FACT_FIRMS_COUNTY: LiteralString = (
    "WITH $ids AS ids "
    + _firms("coalesce($athome[coalesce(c.region, '')], false) AND $county[coalesce(c.region, '')] = $only")
    + "RETURN firms"
)
# The outside suppliers of the local leading firms of the segments ``own``: the leading firms are
# a seek of membership_segment_role; one row per leading firm with its suppliers as lists (as_of as
# ISO text, not a date to hydrate); then those suppliers' memberships among ``ids`` (a seek of
# membership_company per supplier, not a walk of all its relationships), all as lists.
_LEADING_SUPPLIES: LiteralString = (
    "CALL (own) { UNWIND own AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment) "
    "USING INDEX m:IN_SEGMENT(segment_id, role, company_id) "
    "WHERE m.segment_id = sid AND m.role = 'leading' AND m.company_id IS NOT NULL "
    f"AND {LOCAL_C} "
    "MATCH (sup:Company)-[s:SUPPLIES]->(c) "
    "WHERE NOT (coalesce($athome[coalesce(sup.region, '')], false) OR coalesce(sup.local_site, false)) "
    "WITH sid, c, collect([sup.company_id, sup.name, s.product, s.amount_cny_100m, s.source, toString(s.as_of)]) "
    "AS ties RETURN collect([sid, c.company_id, c.name, ties]) AS supplies } "
    "CALL (supplies, ids) { UNWIND supplies AS row UNWIND row[3] AS tie WITH DISTINCT tie[0] AS id, ids "
    "MATCH (:Company)-[m:IN_SEGMENT]->(:Segment) USING INDEX m:IN_SEGMENT(company_id) "
    "WHERE m.company_id = id AND m.segment_id IN ids "
    "WITH id, m.segment_id AS segment_id ORDER BY id, segment_id "
    "RETURN collect([id, segment_id]) AS supplier_segments } "
)
# Everything the gap report reads of one chain, in one statement (one round trip instead of nine):
# the chain, its own segment ids (sorted), those with their FEEDS neighbours in other chains
# (``ids``, sorted), their nodes and the FEEDS among them, the presence buckets of ``ids`` that
# hold local members (cypher.presence), the first firms of each, and the outside suppliers of the
# own segments' local leading firms with their segments. No row: no such chain.
FACT_CHAIN: LiteralString = (
    "MATCH (ch:Chain {chain_id: $chain_id}) "
    "CALL (ch) { OPTIONAL MATCH (s:Segment {chain_id: ch.chain_id}) WITH s.segment_id AS id ORDER BY id "
    "RETURN collect(id) AS own } "
    "CALL (own) { UNWIND own AS id MATCH (:Segment {segment_id: id})-[:FEEDS]-(b:Segment) "
    "RETURN collect(DISTINCT b.segment_id) AS near } "
    "CALL (own, near) { UNWIND own + near AS id WITH DISTINCT id ORDER BY id RETURN collect(id) AS ids } "
    "CALL (ids) { UNWIND ids AS id MATCH (n:Segment {segment_id: id}) RETURN collect(properties(n)) AS segments } "
    "CALL (ids) { UNWIND ids AS id MATCH (:Segment {segment_id: id})-[r:FEEDS]->(b:Segment) "
    "WHERE b.segment_id IN ids RETURN collect(properties(r)) AS links } "
    "CALL (ids) { UNWIND ids AS sid "
    + PRESENCE_BUCKETS
    + " } "
    + _firms(LOCAL_C)
    + _LEADING_SUPPLIES
    + "RETURN properties(ch) AS chain, own, segments, links, presence, firms, supplies, supplier_segments"
)
# Each company's memberships among $segs: a seek of membership_company per company (not a walk of
# all its relationships, supply ties included), as one record of [company, segment, role] rows.
FACT_SEGMENTS_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company)-[m:IN_SEGMENT]->(:Segment) USING INDEX m:IN_SEGMENT(company_id) "
    "WHERE m.company_id = id AND m.segment_id IN $segs "
    "WITH id, m.segment_id AS segment_id, m.role AS role ORDER BY id, segment_id "
    "RETURN collect([id, segment_id, role]) AS rows"
)
FACT_SUPPLIERS_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (sup:Company)-[s:SUPPLIES]->(c:Company {company_id: id}) "
    "RETURN sup.company_id AS supplier_id, sup.name AS supplier_name, c.company_id AS customer_id, "
    "c.name AS customer_name, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, "
    "s.as_of AS as_of, sup.region AS region, coalesce(sup.local_site, false) AS local_site"
)
FACT_CANDIDATE_ROWS: LiteralString = (
    "UNWIND $ids AS sid MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    f"WHERE NOT {LOCAL_C} RETURN collect([sid, m.share, properties(c)]) AS rows"
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
