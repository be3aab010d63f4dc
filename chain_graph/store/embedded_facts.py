"""The fact queries of the embedded store: SQL aggregates over the index tables.

Each function reads through one SQLite connection inside the read transaction its caller
opened, so one answer is one consistent snapshot. Locality travels as one JSON parameter
(``:loc``, region id → county) read with ``json_each``; id lists likewise (``:ids``).
Nothing here reads more than the chain (or the segment, or the companies) asked about.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from chain_graph.facts import (
    CandidateFacts,
    CandidateRow,
    ChainFacts,
    ChainSummary,
    CompanyFacts,
    FirmFact,
    LocalScope,
    PresenceFact,
    RankFact,
    SupplyFact,
    TieFact,
)
from chain_graph.models import Chain, Company, CompanySegment, Kind, Region, Segment, SegmentLink, Supply
from chain_graph.store.subgraph import SubgraphParts

__all__ = [
    "candidate_facts",
    "chain_facts",
    "chain_map_parts",
    "chain_summaries",
    "count_local",
    "company_facts",
    "segment_members",
]

_LOC = "loc(region_id, county) AS (SELECT key, value FROM json_each(:loc))"
_IDS = "ids(id) AS (SELECT DISTINCT value FROM json_each(:ids))"
_LOCAL = "(loc.region_id IS NOT NULL OR c.local_site = 1)"
# The ties among a set of companies (the chain's map). The unary + keeps SQLite from probing the
# supplier index with every (supplier, customer) pair of the set: with the customers' IN list as
# an index constraint, the 18.7k companies of a 100k city's largest chain cost 18.7k² probes
# (246 s); without it, each supplier's own ties are read and checked against the set (~1 s).
MAP_SUPPLIES_AMONG = (
    f"WITH {_IDS} SELECT r.data FROM ids JOIN g_supply s ON s.supplier_id = ids.id "
    "JOIN records r ON r.kind = 'supply' AND r.key = json_array(s.supplier_id, s.customer_id) "
    "WHERE +s.customer_id IN (SELECT id FROM ids)"
)


def _j(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _records(db: sqlite3.Connection, kind: Kind, keys: Iterable[Sequence[Any]]) -> list[Any]:
    """Records of one kind by key, in one query."""
    from chain_graph.models import MODELS

    texts = [json.dumps(list(k), ensure_ascii=False, separators=(",", ":")) for k in keys]
    if not texts:
        return []
    rows = db.execute(
        "SELECT data FROM records WHERE kind = :kind AND key IN (SELECT value FROM json_each(:keys))",
        {"keys": _j(texts), "kind": kind.value},
    ).fetchall()
    model = MODELS[kind]
    return [model.from_stored(json.loads(data)) for (data,) in rows]


def _segments_around(db: sqlite3.Connection, chain_id: str) -> tuple[list[str], list[str]]:
    """The chain's own segment ids, and those together with their FEEDS neighbours (sorted)."""
    own = [r[0] for r in db.execute("SELECT segment_id FROM g_segment WHERE chain_id = ?", (chain_id,))]
    near = db.execute(
        f"WITH {_IDS} SELECT l.to_id FROM ids JOIN g_link l ON l.from_id = ids.id "
        "UNION SELECT l.from_id FROM ids JOIN g_link l ON l.to_id = ids.id",
        {"ids": _j(own)},
    ).fetchall()
    return own, sorted(set(own) | {r[0] for r in near})


def chain_facts(
    db: sqlite3.Connection, chain: Chain, scope: LocalScope, firm_limit: int, county: str | None = None
) -> ChainFacts:
    own, seg_ids = _segments_around(db, chain.chain_id)
    segments: list[Segment] = _records(db, Kind.SEGMENT, [(s,) for s in seg_ids])
    link_rows = db.execute(
        f"WITH {_IDS} SELECT r.data FROM ids JOIN g_link l ON l.from_id = ids.id "
        "JOIN records r ON r.kind = 'segment_link' AND r.key = json_array(l.from_id, l.to_id) "
        "WHERE l.to_id IN (SELECT id FROM ids)",
        {"ids": _j(seg_ids)},
    ).fetchall()
    links = [SegmentLink.from_stored(json.loads(d)) for (d,) in link_rows]
    firms = _firms(db, seg_ids, scope, firm_limit, None)
    if county is not None:
        firms += _firms(db, seg_ids, scope, firm_limit, county)
    supplies = _leading_supplies(db, own, scope)
    return ChainFacts(
        chain=chain,
        segments=segments,
        links=links,
        presence=_presence(db, seg_ids, scope),
        firms=firms,
        leading_supplies=supplies,
        supplier_segments=_segments_of(db, {s.supplier_id for s in supplies}, seg_ids),
        firm_limit=firm_limit,
        firm_county=county,
    )


def _presence(db: sqlite3.Connection, segment_ids: list[str], scope: LocalScope) -> list[PresenceFact]:
    """Per (segment, county): the kept counters of the local buckets (g_presence), summed."""
    rows = db.execute(
        f"WITH {_IDS}, {_LOC} SELECT p.segment_id, p.region, p.local_site, p.n, p.leading, p.rev_micro, p.rev_n "
        "FROM ids JOIN g_presence p ON p.segment_id = ids.id "
        "WHERE p.n > 0 AND (p.local_site = 1 OR p.region IN (SELECT region_id FROM loc))",
        {"ids": _j(segment_ids), "loc": scope.region_county_json()},
    )
    return PresenceFact.from_buckets(rows, scope)


_ROLES = ("leading", "core", "supporting")  # by rank (g_member.rank)


def _firms(
    db: sqlite3.Connection, segment_ids: list[str], scope: LocalScope, limit: int, county: str | None
) -> list[FirmFact]:
    """The first ``limit`` local firms of each segment in list order (leading, core, supporting;
    then by id), city-wide or in ``county``: per segment a walk down the covering index
    g_member_rank that stops at the limit, each firm's name read beside it."""
    if county is None:
        where = "(m.local_site = 1 OR m.region IN (SELECT key FROM json_each(?2)))"
        regions = scope.region_county_json()
    else:
        where = "m.region IN (SELECT key FROM json_each(?2))"
        regions = json.dumps({r: c for r, c in scope.region_county.items() if c == county}, ensure_ascii=False)
    query = (
        "SELECT m.company_id, c.name, m.rank, m.region, m.local_site, m.revenue FROM g_member m "
        "INDEXED BY g_member_rank JOIN g_company c ON c.company_id = m.company_id "
        f"WHERE m.segment_id = ?1 AND {where} ORDER BY m.rank, m.company_id LIMIT ?3"
    )
    locality, out = scope.locality, []
    for segment in segment_ids:
        for company, name, rank, region, site, revenue in db.execute(query, (segment, regions, limit)):
            _, at, basis = locality(region, bool(site))
            out.append(FirmFact(segment, company, name, _ROLES[rank], at, revenue, basis or "local_site"))
    return out


def _leading_supplies(db: sqlite3.Connection, segment_ids: list[str], scope: LocalScope) -> list[SupplyFact]:
    """Suppliers (not local by location) of the local leading firms of the segments, by segment,
    customer and supplier: one statement, from each segment's leading members (g_member_rank) to
    the customer's range of g_supply, the supplier's name and locality carried in the row."""
    rows = db.execute(
        f"WITH {_IDS}, {_LOC} SELECT m.segment_id, s.supplier_id, s.sup_name, m.company_id, c.name, s.product, "
        "s.amount, s.source, s.as_of FROM ids "
        "JOIN g_member m INDEXED BY g_member_rank ON m.segment_id = ids.id AND m.rank = 0 "
        "JOIN g_company c ON c.company_id = m.company_id JOIN g_supply s ON s.customer_id = m.company_id "
        "WHERE (m.local_site = 1 OR m.region IN (SELECT region_id FROM loc)) "
        "AND coalesce(s.sup_local_site, 0) = 0 "
        "AND (s.sup_region IS NULL OR s.sup_region NOT IN (SELECT region_id FROM loc)) "
        "ORDER BY m.segment_id, m.company_id, s.supplier_id",
        {"ids": _j(segment_ids), "loc": scope.region_county_json()},
    )
    return [
        SupplyFact(sup, sup_name, cus, cus_name, product, amount, source, as_of, False, seg)
        for seg, sup, sup_name, cus, cus_name, product, amount, source, as_of in rows
    ]


def _segments_of(db: sqlite3.Connection, companies: Iterable[str], segment_ids: list[str]) -> dict[str, list[str]]:
    """Each company's segments among ``segment_ids`` (a seek per company; the filter in Python,
    which here costs less than a second json_each in the query)."""
    wanted = set(segment_ids)
    out: dict[str, list[str]] = defaultdict(list)
    for company, segment in db.execute(
        "SELECT company_id, segment_id FROM g_member WHERE company_id IN (SELECT value FROM json_each(?))",
        (_j(sorted(set(companies))),),
    ):
        if segment in wanted:
            out[company].append(segment)
    return {company: sorted(segs) for company, segs in sorted(out.items())}


def company_facts(
    db: sqlite3.Connection, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
) -> dict[str, CompanyFacts]:
    """Companies as landings need them: record, locality, memberships among ``segment_ids``, suppliers."""
    ids = sorted(set(company_ids))
    segment_ids = list(segment_ids)
    out: dict[str, CompanyFacts] = {}
    for company in _records(db, Kind.COMPANY, [(c,) for c in ids]):
        local, county, basis = scope.locality(company.region, company.local_site)
        out[company.company_id] = CompanyFacts(company, local, county, basis, {})
    for company, segment, role in db.execute(
        "WITH ids(id) AS (SELECT DISTINCT value FROM json_each(:ids)) SELECT m.company_id, m.segment_id, m.role "
        "FROM ids JOIN g_member m ON m.company_id = ids.id WHERE m.segment_id IN (SELECT value FROM json_each(:segs))",
        {"ids": _j(ids), "segs": _j(segment_ids)},
    ):
        out[company].memberships[segment] = role
    for row in db.execute(
        f"WITH {_IDS} SELECT s.supplier_id, sup.name, s.customer_id, c.name, s.product, s.amount, "
        "s.source, s.as_of, sup.region, sup.local_site "
        "FROM ids JOIN g_supply s ON s.customer_id = ids.id JOIN g_company sup ON sup.company_id = s.supplier_id "
        "JOIN g_company c ON c.company_id = s.customer_id",
        {"ids": _j(ids)},
    ):
        sup, sup_name, cus, cus_name, product, amount, source, as_of, region, local_site = row
        local = scope.locality(region, bool(local_site))[0]
        out[cus].suppliers.append(SupplyFact(sup, sup_name, cus, cus_name, product, amount, source, as_of, local))
    segments = list(segment_ids)
    for company in out.values():
        company.supplier_segments = _segments_of(db, {s.supplier_id for s in company.suppliers}, segments)
    return out


def candidate_facts(
    db: sqlite3.Connection, segment_ids: Sequence[str], scope: LocalScope, also_local: Iterable[str]
) -> CandidateFacts:
    """Members of the segments that are not local by location, their list entries and their ties
    with local firms (``also_local``: landed firms that count as local)."""
    loc = scope.region_county_json()
    rows = [
        CandidateRow(segment, Company.from_stored(json.loads(data)), share)
        for segment, share, data in db.execute(
            f"WITH {_IDS}, {_LOC} SELECT m.segment_id, m.share, r.data FROM ids "
            "JOIN g_member m ON m.segment_id = ids.id JOIN g_company c ON c.company_id = m.company_id "
            "JOIN records r ON r.kind = 'company' AND r.key = json_array(m.company_id) "
            "WHERE c.local_site = 0 AND (c.region IS NULL OR c.region NOT IN (SELECT region_id FROM loc))",
            {"ids": _j(segment_ids), "loc": loc},
        )
    ]
    cand_ids = _j(sorted({r.company.company_id for r in rows}))
    rankings: dict[str, list[RankFact]] = defaultdict(list)
    for row in db.execute(
        f"WITH {_IDS} SELECT g.company_id, g.list_id, g.year, g.rank FROM ids "
        "JOIN g_ranking g ON g.company_id = ids.id",
        {"ids": cand_ids},
    ):
        rankings[row[0]].append(RankFact(*row))
    ties: dict[str, list[TieFact]] = defaultdict(list)
    partner_local = (
        "(p.local_site = 1 OR p.region IN (SELECT region_id FROM loc) "
        "OR p.company_id IN (SELECT value FROM json_each(:extra)))"
    )
    for row in db.execute(
        f"WITH {_IDS}, {_LOC} "
        "SELECT s.supplier_id, s.customer_id, p.name, 'supplies_to', s.product, s.amount FROM ids "
        "JOIN g_supply s ON s.supplier_id = ids.id JOIN g_company p ON p.company_id = s.customer_id "
        f"WHERE {partner_local} UNION ALL "
        "SELECT s.customer_id, s.supplier_id, p.name, 'buys_from', s.product, s.amount FROM ids "
        "JOIN g_supply s ON s.customer_id = ids.id JOIN g_company p ON p.company_id = s.supplier_id "
        f"WHERE {partner_local}",
        {"ids": cand_ids, "loc": loc, "extra": _j(sorted(set(also_local)))},
    ):
        ties[row[0]].append(TieFact(*row))
    return CandidateFacts(rows=rows, rankings=dict(rankings), ties=dict(ties))


def segment_members(db: sqlite3.Connection, segment_id: str) -> list[tuple[CompanySegment, Company]]:
    """Every member of a segment with its company record."""
    rows = db.execute(
        "SELECT rm.data, rc.data FROM g_member m "
        "JOIN records rm ON rm.kind = 'company_segment' AND rm.key = json_array(m.company_id, m.segment_id) "
        "JOIN records rc ON rc.kind = 'company' AND rc.key = json_array(m.company_id) WHERE m.segment_id = ?",
        (segment_id,),
    ).fetchall()
    return [(CompanySegment.from_stored(json.loads(m)), Company.from_stored(json.loads(c))) for m, c in rows]


def count_local(db: sqlite3.Connection, scope: LocalScope) -> int:
    """Companies local by location or local site: seeks on g_company_region, and the few with a
    local site elsewhere through the partial index g_company_site."""
    row = db.execute(
        f"WITH {_LOC} SELECT (SELECT count(*) FROM g_company WHERE region IN (SELECT region_id FROM loc)) + "
        "(SELECT count(*) FROM g_company INDEXED BY g_company_site WHERE local_site = 1 "
        "AND (region IS NULL OR region NOT IN (SELECT region_id FROM loc)))",
        {"loc": scope.region_county_json()},
    ).fetchone()
    return int(row[0])


def chain_summaries(db: sqlite3.Connection, scope: LocalScope) -> list[ChainSummary]:
    """Every chain with its segment, company and local-firm counts, by chain id."""
    counts = {
        chain_id: (segments, companies or 0, local or 0)
        for chain_id, segments, companies, local in db.execute(
            f"WITH {_LOC}, segs AS (SELECT chain_id, count(*) AS n FROM g_segment GROUP BY chain_id), "
            "firms AS (SELECT s.chain_id, count(DISTINCT m.company_id) AS companies, "
            "count(DISTINCT CASE WHEN m.local_site = 1 OR m.region IN (SELECT region_id FROM loc) "
            "THEN m.company_id END) AS local FROM g_segment s "
            "JOIN g_member m INDEXED BY g_member_rank ON m.segment_id = s.segment_id GROUP BY s.chain_id) "
            "SELECT segs.chain_id, segs.n, firms.companies, firms.local FROM segs "
            "LEFT JOIN firms ON firms.chain_id = segs.chain_id",
            {"loc": scope.region_county_json()},
        )
    }
    chains = [
        Chain.from_stored(json.loads(d))
        for (d,) in db.execute("SELECT data FROM records WHERE kind = 'chain' ORDER BY key")
    ]
    return [ChainSummary(c, *counts.get(c.chain_id, (0, 0, 0))) for c in chains]


def chain_map_parts(db: sqlite3.Connection, chain: Chain) -> SubgraphParts:
    """The chain as its map draws it: its segments and FEEDS neighbours, the companies in its own
    segments, the supply ties among those companies, their list entries and regions."""
    own, seg_ids = _segments_around(db, chain.chain_id)
    segments: list[Segment] = _records(db, Kind.SEGMENT, [(s,) for s in seg_ids])
    links = [
        SegmentLink.from_stored(json.loads(d))
        for (d,) in db.execute(
            f"WITH {_IDS} SELECT r.data FROM ids JOIN g_link l ON l.from_id = ids.id "
            "JOIN records r ON r.kind = 'segment_link' AND r.key = json_array(l.from_id, l.to_id) "
            "WHERE l.to_id IN (SELECT id FROM ids)",
            {"ids": _j(seg_ids)},
        )
    ]
    members = [
        CompanySegment.from_stored(json.loads(d))
        for (d,) in db.execute(
            f"WITH {_IDS} SELECT r.data FROM ids JOIN g_member m ON m.segment_id = ids.id "
            "JOIN records r ON r.kind = 'company_segment' AND r.key = json_array(m.company_id, m.segment_id)",
            {"ids": _j(own)},
        )
    ]
    company_ids = _j(sorted({m.company_id for m in members}))
    companies: list[Company] = _records(db, Kind.COMPANY, [(c,) for c in json.loads(company_ids)])
    supplies = [Supply.from_stored(json.loads(d)) for (d,) in db.execute(MAP_SUPPLIES_AMONG, {"ids": company_ids})]
    rankings = _records(
        db,
        Kind.RANKING,
        [
            (lst, year, cid)
            for cid, lst, year in db.execute(
                f"WITH {_IDS} SELECT g.company_id, g.list_id, g.year FROM ids "
                "JOIN g_ranking g ON g.company_id = ids.id",
                {"ids": company_ids},
            )
        ],
    )
    regions = _region_closure(db, {c.region for c in companies if c.region})
    chains = _records(db, Kind.CHAIN, [(c,) for c in sorted({s.chain_id for s in segments} | {chain.chain_id})])
    return SubgraphParts(
        chain_id=chain.chain_id,
        chains=chains,
        segments=segments,
        links=links,
        memberships=members,
        companies=companies,
        supplies=supplies,
        rankings=rankings,
        regions=regions,
    )


def _region_closure(db: sqlite3.Connection, region_ids: set[str]) -> list[Region]:
    """The regions and all their ancestors."""
    found: dict[str, Region] = {}
    todo = set(region_ids)
    while todo:
        batch: list[Region] = _records(db, Kind.REGION, [(r,) for r in sorted(todo)])
        found.update({r.region_id: r for r in batch})
        todo = {r.parent_id for r in batch if r.parent_id and r.parent_id not in found}
    return list(found.values())
