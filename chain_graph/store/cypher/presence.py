"""Presence counters: per (segment, region, local site) the members, leading members and revenue, kept on write.

A ``(:Presence)`` node holds the counts of one bucket — the members of a segment whose company
has this region ('' for none) and local-site flag — as the embedded store's ``g_presence`` does:
``n``, ``leading``, ``rev_micro`` (the known revenues in millionths of 亿元: integers add
exactly) and ``rev_n`` (how many revenues are known). They are counted by region, not by county,
so they do not depend on the home region: the gap report maps regions to counties at read time.

A write recounts the buckets of the segments it touches inside its own transaction; a staged
import recounts those of its segments while its publication holds the gate
(:mod:`chain_graph.store.neo4j_presence`). Every pattern labels both ends, so staged (invisible)
nodes are never counted.
"""

from __future__ import annotations

from typing import LiteralString

_COUNT: LiteralString = (
    "MATCH (c:Company)-[m:IN_SEGMENT]->(:Segment {segment_id: sid}) "
    "WITH sid, coalesce(c.region, '') AS region, coalesce(c.local_site, false) AS local_site, "
    "count(*) AS n, sum(CASE WHEN m.role = 'leading' THEN 1 ELSE 0 END) AS leading, "
    "sum(CASE WHEN c.revenue_cny_100m IS NULL THEN 0 ELSE toInteger(round(c.revenue_cny_100m * 1000000)) END) "
    "AS rev_micro, count(c.revenue_cny_100m) AS rev_n "
)
_CREATE: LiteralString = (
    "CREATE (:Presence {segment_id: sid, region: region, local_site: local_site, n: n, leading: leading, "
    "rev_micro: rev_micro, rev_n: rev_n})"
)
# The buckets of the segments $ids, dropped and counted again (in one write transaction).
# A seek of presence_segment, by hint: planned on fresh statistics (a new label counted as empty) it
# was a scan of the whole index per segment.
PRESENCE_CLEAR: LiteralString = (
    "UNWIND $ids AS sid MATCH (p:Presence {segment_id: sid}) USING INDEX p:Presence(segment_id) DELETE p"
)
PRESENCE_COUNT: LiteralString = "UNWIND $ids AS sid " + _COUNT + _CREATE
# Every bucket of the database, built by migration 3 (each statement safe to run again).
PRESENCE_DROP_ALL: LiteralString = "MATCH (p:Presence) DELETE p"
PRESENCE_BUILD_ALL: LiteralString = "MATCH (s:Segment) WITH s.segment_id AS sid " + _COUNT + _CREATE
# The buckets of the segments $ids that hold local members ($athome: region id → true).
# (PRESENCE_BUCKETS follows an ``UNWIND … AS sid``: the gap report's one statement reads it so.)
PRESENCE_BUCKETS: LiteralString = (
    "MATCH (p:Presence {segment_id: sid}) USING INDEX p:Presence(segment_id) "
    "WHERE p.n > 0 AND (p.local_site OR coalesce($athome[p.region], false)) "
    "RETURN collect([p.segment_id, p.region, p.local_site, p.n, p.leading, p.rev_micro, p.rev_n]) AS presence"
)
PRESENCE_READ: LiteralString = "UNWIND $ids AS sid " + PRESENCE_BUCKETS
# What the counters should hold, recounted (tests compare the kept counters with it).
PRESENCE_KEPT: LiteralString = (
    "MATCH (p:Presence) WHERE p.n > 0 "
    "RETURN p.segment_id AS sid, p.region AS region, p.local_site AS local_site, p.n AS n, "
    "p.leading AS leading, p.rev_micro AS rev_micro, p.rev_n AS rev_n ORDER BY sid, region, local_site"
)
PRESENCE_RECOUNT: LiteralString = (
    "MATCH (s:Segment) WITH s.segment_id AS sid " + _COUNT + "RETURN sid, region, local_site, n, leading, "
    "rev_micro, rev_n ORDER BY sid, region, local_site"
)
# The segments of the companies $rows ({id, region, site, revenue}) whose stored region, local site
# or revenue differ from the row's: a company write that moves none of them (a new name) moves no
# counter. Read before the write.
PRESENCE_MOVED: LiteralString = (
    "UNWIND $rows AS row MATCH (c:Company {company_id: row.id}) "
    "WHERE coalesce(c.region, '') <> row.region OR coalesce(c.local_site, false) <> row.site "
    "OR coalesce(c.revenue_cny_100m, -1.0) <> row.revenue "
    "MATCH (c)-[:IN_SEGMENT]->(s:Segment) RETURN DISTINCT s.segment_id AS v"
)
# A staged import names the segments whose counters its publication recounts (on its import node).
PRESENCE_PENDING: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) SET i.presence = $ids"
PRESENCE_PENDING_READ: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) RETURN coalesce(i.presence, []) AS ids"
