"""Relationships that bring a target in (chain_graph.paths), 链主 leads, overseas-Chinese ties."""

from __future__ import annotations

from typing import LiteralString

from chain_graph.store.cypher.facts import LOCAL_C

# One hop of the walk (walking on): every tie of the frontier's companies and organisations whose
# far end is not a local firm — the walk goes on through those only (chain_graph.paths.walk._walk_on;
# the local firms next to a frontier are PATH_NEAREST_LOCAL's), so a tie to a local firm is not read.
_FAR_NOT_LOCAL: LiteralString = (
    "NOT (coalesce($athome[coalesce(f.region, '')], false) OR coalesce(f.local_site, false))"
)
PATH_TIES: LiteralString = (
    "UNWIND $c AS id MATCH (:Company {company_id: id})-[r:SUPPLIES|HOLDS_SHARES|MEMBER_OF]-(f:Company|Organisation) "
    f"WHERE f:Organisation OR {_FAR_NOT_LOCAL} "
    "RETURN DISTINCT type(r) AS type, properties(r) AS p "
    "UNION "
    "UNWIND $o AS id MATCH (:Organisation {organisation_id: id})<-[r:MEMBER_OF]-(f:Company) "
    f"WHERE {_FAR_NOT_LOCAL} "
    "RETURN DISTINCT type(r) AS type, properties(r) AS p"
)
# Per walk of the path walk (chain_graph.paths.Reach: $asks, each {walk, c: [{pos, id}], o: [{pos, id}],
# x: [reached ids], k}), each local firm next to its frontier and not yet reached, once, by the tie
# the walk claims it by (frontier position, tie kind, start), the k smallest ids (k null: every one).
_FAR_LOCAL: LiteralString = "(coalesce($athome[coalesce(f.region, '')], false) OR coalesce(f.local_site, false))"
PATH_NEAREST_LOCAL: LiteralString = (
    "UNWIND $asks AS w CALL (w) { "
    "UNWIND w.c AS n MATCH (:Company {company_id: n.id})-[r:SUPPLIES|HOLDS_SHARES]-(f:Company) "
    f"WHERE {_FAR_LOCAL} AND NOT f.company_id IN w.x RETURN f, n.pos AS pos, r "
    "UNION ALL "
    "UNWIND w.o AS n MATCH (:Organisation {organisation_id: n.id})<-[r:MEMBER_OF]-(f:Company) "
    f"WHERE {_FAR_LOCAL} AND NOT f.company_id IN w.x RETURN f, n.pos AS pos, r "
    "} "
    "WITH w.walk AS walk, w.k AS k, f, pos, r "
    "ORDER BY walk, f.company_id, pos, type(r), startNode(r).company_id "
    "WITH walk, k, f, collect({pos: pos, type: type(r), p: properties(r)})[0] AS tie "
    "ORDER BY walk, f.company_id "
    "WITH walk, k, collect({f: f, tie: tie}) AS firms "
    "UNWIND firms[0..coalesce(k, size(firms))] AS b "
    "RETURN walk, b.tie.pos AS pos, b.tie.type AS type, b.tie.p AS p, b.f.company_id AS id, b.f.name AS name, "
    "b.f.region AS region, coalesce(b.f.local_site, false) AS local_site"
)
PATH_COMPANIES: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) "
    "RETURN c.company_id AS id, c.name AS name, c.region AS region, coalesce(c.local_site, false) AS local_site"
)
PATH_ORGANISATIONS: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Organisation {organisation_id: id}) "
    "RETURN o.organisation_id AS id, o.name AS name, coalesce(o.overseas_chinese, false) AS overseas"
)
LEAD_LEADERS: LiteralString = (
    "MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment) WHERE m.role = 'leading' AND "
    f"{LOCAL_C} RETURN DISTINCT c.company_id AS id"
)
LEAD_LEADER: LiteralString = (
    "MATCH (c:Company {company_id: $leader})-[m:IN_SEGMENT]->(:Segment) WHERE m.role = 'leading' AND "
    f"{LOCAL_C} RETURN DISTINCT c.company_id AS id"
)
LEAD_TIES: LiteralString = (
    "UNWIND $ids AS id MATCH (l:Company {company_id: id})<-[s:SUPPLIES]-(c:Company) "
    f"WHERE NOT {LOCAL_C} "
    "RETURN l.company_id AS leader_id, l.name AS leader_name, c.company_id AS partner_id, c.name AS partner_name, "
    "'supplier' AS direction, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (l:Company {company_id: id})-[s:SUPPLIES]->(c:Company) "
    f"WHERE NOT {LOCAL_C} "
    "RETURN l.company_id AS leader_id, l.name AS leader_name, c.company_id AS partner_id, c.name AS partner_name, "
    "'customer' AS direction, s.product AS product, s.amount_cny_100m AS amount, s.source AS source, s.as_of AS as_of"
)
LEAD_LOCAL_FIRMS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[:SUPPLIES]-(c:Company) "
    f"WHERE {LOCAL_C} RETURN id, count(DISTINCT c) AS n"
)
LEAD_SEGMENTS: LiteralString = (
    "UNWIND $ids AS id MATCH (:Company {company_id: id})-[m:IN_SEGMENT]->(s:Segment) "
    "RETURN id, s.segment_id AS segment_id, s.chain_id AS chain_id, m.role AS role ORDER BY id, segment_id"
)
OVERSEAS_TIES: LiteralString = (
    "MATCH (c:Company)-[m:MEMBER_OF]->(o:Organisation) WHERE o.overseas_chinese = true "
    "AND ($ids IS NULL OR c.company_id IN $ids) "
    "RETURN c.company_id AS company_id, o.organisation_id AS organisation_id, o.name AS name, m.role AS role, "
    "m.source AS source ORDER BY company_id, organisation_id"
)
