"""The embedded store's relationship queries: paths to the city, 链主 leads, overseas-Chinese ties.

SQL over the index tables ``g_supply``, ``g_share``, ``g_affil``, ``g_org``, ``g_company``,
``g_member`` and ``g_ranking``, each query seeking by the ids it is given; called inside the
read transaction of the caller, so one answer is one snapshot. The walk itself is
:func:`chain_graph.paths.shortest_paths`, at most two queries per hop.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from chain_graph.facts import LeadFacts, LeadTie, LocalScope, OverseasTie, RankFact
from chain_graph.paths import (
    NearestLocal,
    Neighbours,
    PathEdge,
    PathNode,
    Paths,
    Reach,
    Reached,
    node_of,
    paths_of_companies,
    split_refs,
)

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

# Per walk (chain_graph.paths.Reach), each local firm next to its frontier and not yet reached, once,
# by the tie the walk claims it by (frontier position, tie kind, start), the ``first`` smallest ids
# (NULL: every one). A walk that needs its first few firms reads, per frontier node and kind of tie,
# no further than the :kmax-th local firm not yet reached in id order (``bc`` / ``bo``: that firm's id
# per kind of tie, found by a walk down an index that stops there; NULL when the walk needs every
# firm or there are fewer): a firm beyond it cannot be among the walk's first, and every tie from
# the frontier to a firm that is lies before it; where every walk needs one firm (:kmax = 1, the
# candidates' walks), the bounds are the ties themselves and nothing more is read. The ties of the
# frontier to local firms (``t``: keys only, the far firm's locality by its key, or from the
# supplier's copy in g_supply) go through two windows — one row per walk and firm, then the first
# firms of each walk — and only the rows kept are joined to their details.
_IS_LOCAL = "(f.local_site = 1 OR f.region IN (SELECT region_id FROM loc))"
_SUP_LOCAL = "(s.sup_local_site = 1 OR s.sup_region IN (SELECT region_id FROM loc))"


def _bound(name: str, ties: str, near: str, far: str, local: str, node: str = "fc") -> str:
    """The column ``name`` of a frontier row: its :kmax-th local firm not yet reached through
    ``ties`` (``near`` the frontier's end, ``far`` the firm), in id order; NULL for a walk that
    needs every firm. SQLite walks the index of ``near`` in ``far`` order and stops there."""
    return (
        f"CASE WHEN k.n IS NOT NULL THEN (SELECT {far} FROM {ties} WHERE {near} = {node}.id AND {local} "
        f"AND {node}.w || ' ' || {far} NOT IN (SELECT key FROM x) ORDER BY {far} LIMIT 1 OFFSET :kmax - 1) "
        f"END AS {name}"
    )


_BOUNDS = ", ".join([
    _bound("sc", "g_supply s INDEXED BY g_supply_supplier JOIN g_company f ON f.company_id = s.customer_id",
           "s.supplier_id", "s.customer_id", _IS_LOCAL),
    _bound("ss", "g_supply s", "s.customer_id", "s.supplier_id", _SUP_LOCAL),
    _bound("hc", "g_share h JOIN g_company f ON f.company_id = h.company_id", "h.holder_id", "h.company_id",
           _IS_LOCAL),
    _bound("hh", "g_share h INDEXED BY g_share_company JOIN g_company f ON f.company_id = h.holder_id",
           "h.company_id", "h.holder_id", _IS_LOCAL),
])  # fmt: skip
_BOUND_ORG = _bound("ao", "g_affil a INDEXED BY g_affil_org JOIN g_company f ON f.company_id = a.company_id",
                    "a.organisation_id", "a.company_id", _IS_LOCAL, node="fo")  # fmt: skip
_NEAREST = f"""
WITH {_LOC},
fc(w, pos, id) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:fc)),
fo(w, pos, id) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:fo)),
x(key) AS MATERIALIZED (SELECT value FROM json_each(:x)),
k(w, n) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(:k)),
bc AS MATERIALIZED (SELECT fc.w, fc.pos, fc.id, k.n, {_BOUNDS} FROM fc JOIN k ON k.w = fc.w),
bo AS MATERIALIZED (SELECT fo.w, fo.pos, fo.id, k.n, {_BOUND_ORG} FROM fo JOIN k ON k.w = fo.w),
t(w, pos, rel, a, b, far) AS (
    SELECT bc.w, bc.pos, 'supplies', s.supplier_id, s.customer_id, s.customer_id
        FROM bc JOIN g_supply s INDEXED BY g_supply_supplier ON s.supplier_id = bc.id
        JOIN g_company f ON f.company_id = s.customer_id
        WHERE (bc.n IS NULL OR :kmax > 1 AND (bc.sc IS NULL OR s.customer_id <= bc.sc)) AND {_IS_LOCAL}
    UNION ALL SELECT bc.w, bc.pos, 'supplies', s.supplier_id, s.customer_id, s.supplier_id
        FROM bc JOIN g_supply s ON s.customer_id = bc.id
        WHERE (bc.n IS NULL OR :kmax > 1 AND (bc.ss IS NULL OR s.supplier_id <= bc.ss)) AND {_SUP_LOCAL}
    UNION ALL SELECT bc.w, bc.pos, 'holds_shares', h.holder_id, h.company_id, h.company_id
        FROM bc JOIN g_share h ON h.holder_id = bc.id JOIN g_company f ON f.company_id = h.company_id
        WHERE (bc.n IS NULL OR :kmax > 1 AND (bc.hc IS NULL OR h.company_id <= bc.hc)) AND {_IS_LOCAL}
    UNION ALL SELECT bc.w, bc.pos, 'holds_shares', h.holder_id, h.company_id, h.holder_id
        FROM bc JOIN g_share h INDEXED BY g_share_company ON h.company_id = bc.id
        JOIN g_company f ON f.company_id = h.holder_id
        WHERE (bc.n IS NULL OR :kmax > 1 AND (bc.hh IS NULL OR h.holder_id <= bc.hh)) AND {_IS_LOCAL}
    UNION ALL SELECT bo.w, bo.pos, 'member_of', a.company_id, a.organisation_id, a.company_id
        FROM bo JOIN g_affil a INDEXED BY g_affil_org ON a.organisation_id = bo.id
        JOIN g_company f ON f.company_id = a.company_id
        WHERE (bo.n IS NULL OR :kmax > 1 AND (bo.ao IS NULL OR a.company_id <= bo.ao)) AND {_IS_LOCAL}
    UNION ALL SELECT w, pos, 'supplies', id, sc, sc FROM bc WHERE :kmax = 1 AND sc IS NOT NULL
    UNION ALL SELECT w, pos, 'supplies', ss, id, ss FROM bc WHERE :kmax = 1 AND ss IS NOT NULL
    UNION ALL SELECT w, pos, 'holds_shares', id, hc, hc FROM bc WHERE :kmax = 1 AND hc IS NOT NULL
    UNION ALL SELECT w, pos, 'holds_shares', hh, id, hh FROM bc WHERE :kmax = 1 AND hh IS NOT NULL
    UNION ALL SELECT w, pos, 'member_of', ao, id, ao FROM bo WHERE :kmax = 1 AND ao IS NOT NULL),
r AS (SELECT t.*, row_number() OVER (PARTITION BY t.w, t.far ORDER BY t.pos, t.rel, t.a) AS i
    FROM t WHERE t.w || ' ' || t.far NOT IN (SELECT key FROM x)),
o AS (SELECT r.*, row_number() OVER (PARTITION BY r.w ORDER BY r.far) AS j FROM r WHERE r.i = 1)
SELECT o.w, o.pos, o.rel, o.a, o.b,
    CASE o.rel WHEN 'supplies' THEN s.product WHEN 'member_of' THEN a.role END,
    CASE o.rel WHEN 'supplies' THEN s.amount WHEN 'holds_shares' THEN h.share_pct END,
    a.since, coalesce(s.source, h.source, a.source), coalesce(s.as_of, h.as_of, a.as_of),
    f.company_id, f.name, f.region, f.local_site
FROM o JOIN k ON k.w = o.w JOIN g_company f ON f.company_id = o.far
LEFT JOIN g_supply s ON o.rel = 'supplies' AND s.customer_id = o.b AND s.supplier_id = o.a
LEFT JOIN g_share h ON o.rel = 'holds_shares' AND h.holder_id = o.a AND h.company_id = o.b
LEFT JOIN g_affil a ON o.rel = 'member_of' AND a.company_id = o.a AND a.organisation_id = o.b
WHERE k.n IS NULL OR o.j <= k.n
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
    def expand(refs: list[str]) -> tuple[list[PathEdge], dict[str, PathNode]]:
        companies, organisations = split_refs(refs)
        edges = [
            PathEdge(rel, f"{a_kind}:{a}", f"{b_kind}:{b}", detail, amount, since, source, as_of)
            for rel, a_kind, a, b_kind, b, detail, amount, since, source, as_of in db.execute(
                _TIES, {"c": _j(companies), "o": _j(organisations)}
            )
        ]
        return edges, _nodes(db, {e.start for e in edges} | {e.end for e in edges}, scope)

    return expand


def _nearest(db: sqlite3.Connection, scope: LocalScope) -> NearestLocal:
    loc = _j(scope.region_county)

    def nearest(asks: list[Reach]) -> tuple[list[Reached], dict[str, PathNode]]:
        frontier: dict[str, list[tuple[int, int, str]]] = {"company": [], "organisation": []}
        for ask in asks:
            for pos, ref in enumerate(ask.frontier):
                kind, _, ident = ref.partition(":")
                frontier[kind].append((ask.walk, pos, ident))
        params = {
            "loc": loc,
            "fc": json.dumps(frontier["company"], ensure_ascii=False),
            "fo": json.dumps(frontier["organisation"], ensure_ascii=False),
            "x": json.dumps([f"{a.walk} {r.partition(':')[2]}" for a in asks for r in a.reached], ensure_ascii=False),
            "k": json.dumps([(a.walk, a.first) for a in asks]),
            "kmax": max((a.first for a in asks if a.first is not None), default=1),
        }
        reached: list[Reached] = []
        found: dict[str, PathNode] = {}
        for w, pos, rel, a, b, detail, amount, since, source, as_of, far, name, region, site in db.execute(
            _NEAREST, params
        ):
            end = f"organisation:{b}" if rel == "member_of" else f"company:{b}"
            edge = PathEdge(rel, f"company:{a}", end, detail, amount, since, source, as_of)
            reached.append(Reached(w, asks[w].frontier[pos], edge))
            local, county, _ = scope.locality(region, bool(site))
            found[f"company:{far}"] = node_of("company", far, name, local, county)
        return reached, found

    return nearest


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
        company_ids, lambda refs: _nodes(db, refs, scope), _neighbours(db, scope), _nearest(db, scope),
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
