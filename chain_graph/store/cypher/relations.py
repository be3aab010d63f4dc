"""Relationships that bring a target in (chain_graph.paths), 链主 leads, overseas-Chinese ties."""

from __future__ import annotations

from typing import LiteralString

from chain_graph.store.cypher.facts import LOCAL_C

# One hop of the walk (walking on): every tie of the frontier's companies and organisations whose
# far end is not a local firm — the walk goes on through those only (chain_graph.paths.walk._walk_on;
# the local firms next to a frontier are PATH_NEAREST_LOCAL's), so a tie to a local firm is not read —
# with the nodes at both ends, as one record of lists (the driver pays per record, not per list item).
_FAR_NOT_LOCAL: LiteralString = (
    "NOT (coalesce($athome[coalesce(f.region, '')], false) OR coalesce(f.local_site, false))"
)
_NODE_N: LiteralString = (
    "[n:Organisation, coalesce(n.company_id, n.organisation_id), n.name, n.region, coalesce(n.local_site, false), "
    "coalesce(n.overseas_chinese, false)]"
)
_NODE_F: LiteralString = (
    "[f:Organisation, coalesce(f.company_id, f.organisation_id), f.name, f.region, coalesce(f.local_site, false), "
    "coalesce(f.overseas_chinese, false)]"
)
PATH_TIES: LiteralString = (
    "CALL () { "
    "UNWIND $c AS id MATCH (n:Company {company_id: id})-[r:SUPPLIES|HOLDS_SHARES|MEMBER_OF]-(f:Company|Organisation) "
    f"WHERE f:Organisation OR {_FAR_NOT_LOCAL} RETURN r, n, f "
    "UNION "
    "UNWIND $o AS id MATCH (n:Organisation {organisation_id: id})<-[r:MEMBER_OF]-(f:Company) "
    f"WHERE {_FAR_NOT_LOCAL} RETURN r, n, f "
    "} "
    f"RETURN collect([type(r), properties(r), {_NODE_N}, {_NODE_F}]) AS ties"
)
# Per walk of the path walk (chain_graph.paths.Reach: $asks, each {walk, c: [{pos, id}], o: [{pos, id}],
# x: [reached ids], k}), each local firm next to its frontier and not yet reached, once, by the tie
# the walk claims it by (frontier position, tie kind, start), the k smallest ids (k null: every one),
# as one record of lists. A far end's id is read only where it is local, and the start of a tie is
# told by which end it is, not read; the ties' properties are read for the ties kept only.
_LOCAL_FID: LiteralString = (
    "WITH w, n, r, f, CASE WHEN coalesce($athome[coalesce(f.region, '')], false) THEN true "
    "ELSE coalesce(f.local_site, false) END AS local "
    "WITH w, n, r, f, CASE WHEN local THEN f.company_id END AS fid WHERE fid IS NOT NULL AND NOT fid IN w.x "
)
PATH_NEAREST_LOCAL: LiteralString = (
    "UNWIND $asks AS w CALL (w) { "
    "UNWIND w.c AS n MATCH (:Company {company_id: n.id})-[r:SUPPLIES|HOLDS_SHARES]-(f:Company) "
    + _LOCAL_FID
    + "RETURN f, fid, n.pos AS pos, r, CASE WHEN startNode(r) = f THEN fid ELSE n.id END AS start "
    "UNION ALL "
    "UNWIND w.o AS n MATCH (:Organisation {organisation_id: n.id})<-[r:MEMBER_OF]-(f:Company) "
    + _LOCAL_FID
    + "RETURN f, fid, n.pos AS pos, r, fid AS start "
    "} "
    "WITH w.walk AS walk, w.k AS k, f, fid, pos, r, start "
    "ORDER BY walk, fid, pos, type(r), start "
    "WITH walk, k, fid, collect({f: f, pos: pos, r: r})[0] AS tie "
    "ORDER BY walk, fid "
    "WITH walk, k, collect(tie) AS firms "
    "UNWIND firms[0..coalesce(k, size(firms))] AS b "
    "RETURN collect([walk, b.pos, type(b.r), properties(b.r), b.f.company_id, b.f.name, b.f.region, "
    "coalesce(b.f.local_site, false)]) AS reached"
)
PATH_COMPANIES: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Company {company_id: id}) "
    "RETURN collect([c.company_id, c.name, c.region, coalesce(c.local_site, false)]) AS nodes"
)
PATH_ORGANISATIONS: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Organisation {organisation_id: id}) "
    "RETURN collect([o.organisation_id, o.name, coalesce(o.overseas_chinese, false)]) AS nodes"
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
