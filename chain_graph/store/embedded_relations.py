"""The embedded store's relationship queries: paths to the city, 链主 leads, overseas-Chinese ties.

SQL over the index tables ``g_supply``, ``g_share``, ``g_affil``, ``g_org``, ``g_company``,
``g_member`` and ``g_ranking``, each query seeking by the ids it is given; called inside the
read transaction of the caller, so one answer is one snapshot. The walk itself is
:func:`chain_graph.paths.shortest_paths`, one query per hop.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from chain_graph.facts import LeadFacts, LeadTie, LocalScope, OverseasTie, RankFact
from chain_graph.paths import Neighbours, PathEdge, PathNode, Paths, node_of, paths_of_companies, split_refs

__all__ = ["lead_facts", "overseas_ties", "relation_paths"]

_LOC = "loc(region_id) AS (SELECT value FROM json_each(:loc))"
_LOCAL = "(c.local_site = 1 OR (c.region IS NOT NULL AND c.region IN (SELECT region_id FROM loc)))"

_TIES = """
WITH c(id) AS (SELECT DISTINCT value FROM json_each(:c)), o(id) AS (SELECT DISTINCT value FROM json_each(:o))
SELECT 'supplies', 'company', s.supplier_id, 'company', s.customer_id, s.product, s.amount, NULL, s.source, s.as_of
    FROM c JOIN g_supply s ON s.supplier_id = c.id
UNION SELECT 'supplies', 'company', s.supplier_id, 'company', s.customer_id, s.product, s.amount, NULL, s.source,
    s.as_of FROM c JOIN g_supply s ON s.customer_id = c.id
UNION SELECT 'holds_shares', 'company', h.holder_id, 'company', h.company_id, NULL, h.share_pct, NULL, h.source,
    h.as_of FROM c JOIN g_share h ON h.holder_id = c.id
UNION SELECT 'holds_shares', 'company', h.holder_id, 'company', h.company_id, NULL, h.share_pct, NULL, h.source,
    h.as_of FROM c JOIN g_share h ON h.company_id = c.id
UNION SELECT 'member_of', 'company', a.company_id, 'organisation', a.organisation_id, a.role, NULL, a.since,
    a.source, a.as_of FROM c JOIN g_affil a ON a.company_id = c.id
UNION SELECT 'member_of', 'company', a.company_id, 'organisation', a.organisation_id, a.role, NULL, a.since,
    a.source, a.as_of FROM o JOIN g_affil a ON a.organisation_id = o.id
"""

# The same ties, only those whose far end (the end not asked about) is a local firm: the far
# company joined by its key and tested against the home regions; organisations are never local.
_FAR_LOCAL = "(f.local_site = 1 OR (f.region IS NOT NULL AND f.region IN (SELECT region_id FROM loc)))"
_TIES_LOCAL = f"""
WITH {_LOC}, c(id) AS (SELECT DISTINCT value FROM json_each(:c)), o(id) AS (SELECT DISTINCT value FROM json_each(:o))
SELECT 'supplies', 'company', s.supplier_id, 'company', s.customer_id, s.product, s.amount, NULL, s.source, s.as_of
    FROM c JOIN g_supply s ON s.supplier_id = c.id JOIN g_company f ON f.company_id = s.customer_id
    WHERE {_FAR_LOCAL}
UNION SELECT 'supplies', 'company', s.supplier_id, 'company', s.customer_id, s.product, s.amount, NULL, s.source,
    s.as_of FROM c JOIN g_supply s ON s.customer_id = c.id JOIN g_company f ON f.company_id = s.supplier_id
    WHERE {_FAR_LOCAL}
UNION SELECT 'holds_shares', 'company', h.holder_id, 'company', h.company_id, NULL, h.share_pct, NULL, h.source,
    h.as_of FROM c JOIN g_share h ON h.holder_id = c.id JOIN g_company f ON f.company_id = h.company_id
    WHERE {_FAR_LOCAL}
UNION SELECT 'holds_shares', 'company', h.holder_id, 'company', h.company_id, NULL, h.share_pct, NULL, h.source,
    h.as_of FROM c JOIN g_share h ON h.company_id = c.id JOIN g_company f ON f.company_id = h.holder_id
    WHERE {_FAR_LOCAL}
UNION SELECT 'member_of', 'company', a.company_id, 'organisation', a.organisation_id, a.role, NULL, a.since,
    a.source, a.as_of FROM o JOIN g_affil a ON a.organisation_id = o.id JOIN g_company f ON f.company_id = a.company_id
    WHERE {_FAR_LOCAL}
"""


def _j(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)), ensure_ascii=False)


def _nodes(db: sqlite3.Connection, refs: Iterable[str], scope: LocalScope) -> dict[str, PathNode]:
    companies, organisations = split_refs(refs)
    out: dict[str, PathNode] = {}
    for ident, name, region, local_site in db.execute(
        "SELECT company_id, name, region, local_site FROM g_company "
        "WHERE company_id IN (SELECT value FROM json_each(?))",
        (_j(companies),),
    ):
        local, county, _ = scope.locality(region, bool(local_site))
        out[f"company:{ident}"] = node_of("company", ident, name, local, county)
    for ident, name, overseas in db.execute(
        "SELECT organisation_id, name, overseas_chinese FROM g_org "
        "WHERE organisation_id IN (SELECT value FROM json_each(?))",
        (_j(organisations),),
    ):
        out[f"organisation:{ident}"] = node_of("organisation", ident, name, False, None, bool(overseas))
    return out


def _neighbours(db: sqlite3.Connection, scope: LocalScope) -> Neighbours:
    loc = _j(scope.region_county)

    def expand(refs: list[str], local_only: bool) -> tuple[list[PathEdge], dict[str, PathNode]]:
        companies, organisations = split_refs(refs)
        params = {"c": _j(companies), "o": _j(organisations), "loc": loc}
        edges = [
            PathEdge(rel, f"{a_kind}:{a}", f"{b_kind}:{b}", detail, amount, since, source, as_of)
            for rel, a_kind, a, b_kind, b, detail, amount, since, source, as_of in db.execute(
                _TIES_LOCAL if local_only else _TIES, params
            )
        ]
        far = {e.start for e in edges} | {e.end for e in edges}
        return edges, _nodes(db, far, scope)

    return expand


def relation_paths(
    db: sqlite3.Connection,
    company_ids: Sequence[str],
    scope: LocalScope,
    *,
    max_hops: int,
    limit: int,
    beyond_direct_supply: bool,
) -> dict[str, Paths]:
    """Each existing company's shortest paths to local firms (:func:`chain_graph.paths.shortest_paths`)."""
    return paths_of_companies(
        company_ids, lambda refs: _nodes(db, refs, scope), _neighbours(db, scope),
        max_hops=max_hops, limit=limit, beyond_direct_supply=beyond_direct_supply,
    )  # fmt: skip


def lead_facts(db: sqlite3.Connection, scope: LocalScope, leader_id: str | None) -> LeadFacts:
    """The supply ties of local leading firms (or of one) with firms that are not local."""
    loc = _j(r for r in scope.region_county)
    leaders = [
        r[0]
        for r in db.execute(
            f"WITH {_LOC} SELECT DISTINCT m.company_id FROM g_member m JOIN g_company c ON c.company_id = m.company_id "
            f"WHERE m.role = 'leading' AND {_LOCAL}" + (" AND m.company_id = :leader" if leader_id else ""),
            {"loc": loc, "leader": leader_id},
        )
    ]
    ties = [
        LeadTie(*row)
        for row in db.execute(
            f"WITH {_LOC}, l(id) AS (SELECT value FROM json_each(:ids)) "
            "SELECT s.customer_id, lc.name, s.supplier_id, c.name, 'supplier', s.product, s.amount, s.source, s.as_of "
            "FROM l JOIN g_supply s ON s.customer_id = l.id JOIN g_company lc ON lc.company_id = l.id "
            f"JOIN g_company c ON c.company_id = s.supplier_id WHERE NOT {_LOCAL} UNION ALL "
            "SELECT s.supplier_id, lc.name, s.customer_id, c.name, 'customer', s.product, s.amount, s.source, s.as_of "
            "FROM l JOIN g_supply s ON s.supplier_id = l.id JOIN g_company lc ON lc.company_id = l.id "
            f"JOIN g_company c ON c.company_id = s.customer_id WHERE NOT {_LOCAL}",
            {"loc": loc, "ids": _j(leaders)},
        )
    ]
    partners = _j(t.partner_id for t in ties)
    rankings: dict[str, list[RankFact]] = defaultdict(list)
    for row in db.execute(
        "SELECT company_id, list_id, year, rank FROM g_ranking WHERE company_id IN (SELECT value FROM json_each(?))",
        (partners,),
    ):
        rankings[row[0]].append(RankFact(*row))
    local_firms = {
        partner: n
        for partner, n in db.execute(
            f"WITH {_LOC}, p(id) AS (SELECT value FROM json_each(:ids)), x(id, other) AS ("
            "SELECT s.supplier_id, s.customer_id FROM p JOIN g_supply s ON s.supplier_id = p.id UNION "
            "SELECT s.customer_id, s.supplier_id FROM p JOIN g_supply s ON s.customer_id = p.id) "
            f"SELECT x.id, count(DISTINCT x.other) FROM x JOIN g_company c ON c.company_id = x.other WHERE {_LOCAL} "
            "GROUP BY x.id",
            {"loc": loc, "ids": partners},
        )
    }
    segments: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for company, segment, chain, role in db.execute(
        "SELECT m.company_id, m.segment_id, s.chain_id, m.role FROM g_member m "
        "JOIN g_segment s ON s.segment_id = m.segment_id WHERE m.company_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY m.company_id, m.segment_id",
        (_j([*leaders, *json.loads(partners)]),),
    ):
        segments[company].append((segment, chain, role))
    return LeadFacts(ties=ties, rankings=dict(rankings), local_firms=local_firms, segments=dict(segments))


def overseas_ties(db: sqlite3.Connection, company_ids: Iterable[str] | None) -> list[OverseasTie]:
    """Memberships of organisations of overseas Chinese: of the companies named, or of every company."""
    where = "" if company_ids is None else "AND a.company_id IN (SELECT value FROM json_each(:ids))"
    return [
        OverseasTie(*row)
        for row in db.execute(
            "SELECT a.company_id, a.organisation_id, o.name, a.role, a.source FROM g_org o "
            f"JOIN g_affil a ON a.organisation_id = o.organisation_id WHERE o.overseas_chinese = 1 {where} "
            "ORDER BY a.company_id, a.organisation_id",
            {"ids": _j(company_ids or ())},
        )
    ]
