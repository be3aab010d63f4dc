"""The fact queries of the Neo4j store: Cypher aggregations, one read transaction per answer.

Each function takes a managed read transaction (``session.execute_read``), so an answer is one
consistent snapshot, and on a cluster (``neo4j://``) the read is routed to a secondary. Every
query is a constant of :mod:`chain_graph.store.cypher`; locality travels as map parameters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from chain_graph.errors import NotFound
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
from chain_graph.models import MODELS, Company, CompanySegment, Kind, Record
from chain_graph.store import cypher

__all__ = [
    "candidate_facts",
    "chain_facts",
    "chain_summaries",
    "company_facts",
    "count_local",
    "locality_params",
    "segment_members",
    "segments_around",
]


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _iso(value: Any) -> str | None:
    value = _native(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def record(kind: Kind, props: Mapping[str, Any]) -> Record:
    data = {k: _native(v) for k, v in props.items() if k != "uid"}
    return MODELS[kind].model_validate(data)


def locality_params(scope: LocalScope) -> dict[str, Any]:
    return {"athome": dict.fromkeys(scope.region_county, True), "county": dict(scope.region_county)}


def _run(tx: ManagedTransaction, query: LiteralString, **params: Any) -> list[Any]:
    return list(tx.run(query, params))


def _nodes(tx: ManagedTransaction, kind: Kind, ids: Iterable[str]) -> list[Any]:
    ids = sorted(set(ids))
    return [record(kind, r["p"]) for r in _run(tx, cypher.NODE_GET_MANY[kind], ids=ids)] if ids else []


def segments_around(tx: ManagedTransaction, chain_id: str) -> tuple[list[str], list[str]]:
    """The chain's own segment ids and those together with their FEEDS neighbours."""
    own = [r["id"] for r in _run(tx, cypher.FACT_OWN_SEGMENTS, chain_id=chain_id)]
    near = [r["v"] for r in _run(tx, cypher.FACT_NEIGHBOURS, ids=own)]
    return own, sorted(set(own) | set(near))


def chain_facts(
    tx: ManagedTransaction, chain_id: str, scope: LocalScope, firm_limit: int, county: str | None = None
) -> ChainFacts:
    """The chain's facts: one statement (cypher.FACT_CHAIN), and with ``county`` its firm lists."""
    loc = locality_params(scope)
    rows = _run(tx, cypher.FACT_CHAIN, chain_id=chain_id, limit=firm_limit, **loc)
    if not rows:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
    row = rows[0]
    segments: list[Any] = [record(Kind.SEGMENT, p) for p in row["segments"]]
    firms = _firms(row["firms"])
    if county is not None:
        ids = [s.segment_id for s in segments]
        params = {**loc, "only": county}
        firms += _firms(_run(tx, cypher.FACT_FIRMS_COUNTY, ids=ids, limit=firm_limit, **params)[0]["firms"])
    supplier_segments: dict[str, list[str]] = defaultdict(list)
    for company, segment in row["supplier_segments"]:
        supplier_segments[company].append(segment)
    return ChainFacts(
        chain=record(Kind.CHAIN, row["chain"]),  # type: ignore[arg-type]
        segments=segments,
        links=[record(Kind.SEGMENT_LINK, p) for p in row["links"]],  # type: ignore[misc]
        presence=PresenceFact.from_buckets(row["presence"], scope),
        firms=firms,
        leading_supplies=_leading_supplies(row["supplies"]),
        supplier_segments=dict(supplier_segments),
        firm_limit=firm_limit,
        firm_county=county,
    )


def _leading_supplies(rows: Iterable[Sequence[Any]]) -> list[SupplyFact]:
    """Outside suppliers of the local leading firms, by segment and customer, then supplier
    (``[segment, customer id, customer name, [[supplier id, name, product, amount, source, as_of]]]``)."""
    return [
        SupplyFact(sup, sup_name, customer, customer_name, product, amount, source, as_of, False, sid)
        for sid, customer, customer_name, ties in sorted(rows, key=lambda r: (r[0], r[1]))
        for sup, sup_name, product, amount, source, as_of in sorted(ties, key=lambda s: (s[0], s[2] or ""))
    ]


def _firms(rows: Iterable[Sequence[Any]]) -> list[FirmFact]:
    """``[segment, [[id, name, role, county, revenue, basis]]]`` per segment, in segment order."""
    return [
        FirmFact(sid, company, name, role, at, revenue, basis)
        for sid, listed in sorted(rows, key=lambda r: r[0])
        for company, name, role, at, revenue, basis in listed
    ]


def _segments_of(tx: ManagedTransaction, companies: Iterable[str], segment_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for company, segment, _ in _memberships(tx, companies, segment_ids):
        out[company].append(segment)
    return dict(out)


def _memberships(tx: ManagedTransaction, companies: Iterable[str], segment_ids: list[str]) -> list[list[str]]:
    """``[company, segment, role]`` of each company's memberships among ``segment_ids``, sorted
    (one record holding them all: the driver decodes one list far faster than a record per row)."""
    rows = _run(tx, cypher.FACT_SEGMENTS_OF, ids=sorted(set(companies)), segs=segment_ids)
    return list(rows[0]["rows"]) if rows else []


def company_facts(
    tx: ManagedTransaction, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
) -> dict[str, CompanyFacts]:
    ids, segs = sorted(set(company_ids)), list(segment_ids)
    out: dict[str, CompanyFacts] = {}
    for company in _nodes(tx, Kind.COMPANY, ids):
        local, county, basis = scope.locality(company.region, company.local_site)
        out[company.company_id] = CompanyFacts(company, local, county, basis, {})
    for company, segment, role in _memberships(tx, ids, segs):
        out[company].memberships[segment] = role
    for r in _run(tx, cypher.FACT_SUPPLIERS_OF, ids=ids):
        local = scope.locality(r["region"], bool(r["local_site"]))[0]
        out[r["customer_id"]].suppliers.append(
            SupplyFact(
                r["supplier_id"],
                r["supplier_name"],
                r["customer_id"],
                r["customer_name"],
                r["product"],
                r["amount"],
                r["source"],
                _iso(r["as_of"]),
                local,
            )
        )
    for company in out.values():
        company.supplier_segments = _segments_of(tx, {s.supplier_id for s in company.suppliers}, segs)
    return out


def candidate_facts(
    tx: ManagedTransaction, segment_ids: Sequence[str], scope: LocalScope, also_local: Iterable[str]
) -> CandidateFacts:
    loc = locality_params(scope)
    rows = [
        CandidateRow(sid, record(Kind.COMPANY, props), share)  # type: ignore[arg-type]
        for sid, share, props in _run(tx, cypher.FACT_CANDIDATE_ROWS, ids=list(segment_ids), **loc)[0]["rows"]
    ]
    ids = sorted({r.company.company_id for r in rows})
    rankings: dict[str, list[RankFact]] = defaultdict(list)
    for r in _run(tx, cypher.FACT_CANDIDATE_RANKS, ids=ids):
        rankings[r["id"]].append(RankFact(r["id"], r["list_id"], r["year"], r["rank"]))
    ties: dict[str, list[TieFact]] = defaultdict(list)
    for r in _run(tx, cypher.FACT_CANDIDATE_TIES, ids=ids, extra=sorted(set(also_local)), **loc):
        ties[r["id"]].append(
            TieFact(r["id"], r["partner_id"], r["partner_name"], r["direction"], r["product"], r["amount"])
        )
    return CandidateFacts(rows=rows, rankings=dict(rankings), ties=dict(ties))


def segment_members(tx: ManagedTransaction, segment_id: str) -> list[tuple[CompanySegment, Company]]:
    return [
        (record(Kind.COMPANY_SEGMENT, r["m"]), record(Kind.COMPANY, r["c"]))  # type: ignore[misc]
        for r in _run(tx, cypher.FACT_SEGMENT_MEMBERS, id=segment_id)
    ]


def chain_summaries(tx: ManagedTransaction, scope: LocalScope) -> list[ChainSummary]:
    return [
        ChainSummary(record(Kind.CHAIN, r["p"]), r["segments"], r["companies"], r["local"])  # type: ignore[arg-type]
        for r in _run(tx, cypher.FACT_CHAIN_SUMMARIES, **locality_params(scope))
    ]


def count_local(tx: ManagedTransaction, scope: LocalScope) -> int:
    return int(_run(tx, cypher.FACT_COUNT_LOCAL, **locality_params(scope))[0]["n"])
