"""A reference answer to the stores' fact queries, from plain Python over the records.

It knows nothing of SQL or Cypher: dictionaries and loops over the records a test loaded, written
from the definitions in :mod:`chain_graph.facts` and :class:`~chain_graph.store.base.Store`. The
analysis contract runs the same services over it and over each store, so a store is checked
against an independent answer, not against itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from chain_graph.errors import NotFound
from chain_graph.facts import (
    CandidateFacts,
    CandidateRow,
    ChainFacts,
    CompanyFacts,
    FirmFact,
    LocalScope,
    PresenceFact,
    RankFact,
    ReportInputs,
    SupplyFact,
    TieFact,
)
from chain_graph.models import (
    Company,
    CompanySegment,
    Kind,
    Ranking,
    Record,
    Segment,
    SegmentLink,
    Supply,
)
from chain_graph.paths import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    PathEdge,
    PathNode,
    Paths,
    company_ref,
    nearest_of,
    node_of,
    organisation_ref,
    shortest_paths,
)
from chain_graph.store.base import Page, report_inputs_of

ROLE_RANK = {"leading": 0, "core": 1, "supporting": 2}


class ReferenceFacts:
    """Answers ``chain_facts``, ``company_facts``, ``candidate_facts`` and ``list`` from records."""

    backend = "reference"

    def __init__(self, records: Iterable[Record]) -> None:
        self.by_kind: dict[Kind, dict[Any, Record]] = defaultdict(dict)
        for r in records:
            self.by_kind[r.KIND][r.key] = r
        self.supplies_to: dict[str, list[Supply]] = defaultdict(list)
        for s in self._all(Kind.SUPPLY):
            self.supplies_to[s.customer_id].append(s)

    def _all(self, kind: Kind) -> list[Any]:
        return list(self.by_kind[kind].values())

    def list(self, kind: Kind, **_: Any) -> Page:
        items = sorted(self._all(kind), key=lambda r: r.key)
        return Page(items=items, total=len(items))

    def revisions(self) -> dict[str, int]:
        return {"any": 1, "epoch": 1}

    def _company(self, company_id: str) -> Company:
        return self.by_kind[Kind.COMPANY][(company_id,)]  # type: ignore[return-value]

    def _local(self, company: Company, scope: LocalScope) -> tuple[bool, str | None, str | None]:
        return scope.locality(company.region, company.local_site)

    def report_inputs(self, chain_id: str, home_region: str, *, firm_limit: int) -> ReportInputs:
        return report_inputs_of(self, chain_id, home_region, firm_limit=firm_limit)  # type: ignore[arg-type]

    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        chain = self.by_kind[Kind.CHAIN].get((chain_id,))
        if chain is None:
            raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
        segments: list[Segment] = self._all(Kind.SEGMENT)
        links: list[SegmentLink] = self._all(Kind.SEGMENT_LINK)
        own = {s.segment_id for s in segments if s.chain_id == chain_id}
        near = {lk.to_segment_id for lk in links if lk.from_segment_id in own}
        near |= {lk.from_segment_id for lk in links if lk.to_segment_id in own}
        ids = own | near
        members: list[CompanySegment] = self._all(Kind.COMPANY_SEGMENT)
        groups: dict[tuple[str, str | None], list[tuple[CompanySegment, Company, str]]] = defaultdict(list)
        for m in members:
            if m.segment_id in ids:
                company = self._company(m.company_id)
                local, at, basis = self._local(company, scope)
                if local:
                    groups[(m.segment_id, at)].append((m, company, str(basis)))
        presence: list[PresenceFact] = []
        in_segment: dict[str, list[FirmFact]] = defaultdict(list)
        for (seg, at), rows in groups.items():
            known = [c.revenue_cny_100m for _, c, _ in rows if c.revenue_cny_100m is not None]
            leading = sum(m.role.value == "leading" for m, _, _ in rows)
            presence.append(PresenceFact(seg, at, len(rows), leading, float(sum(known)), len(known)))
            in_segment[seg] += [
                FirmFact(seg, c.company_id, c.name, m.role.value, at, c.revenue_cny_100m, basis) for m, c, basis in rows
            ]
        firms: list[FirmFact] = []
        for rows_ in in_segment.values():  # the first firm_limit city-wide, and in the county asked for
            rows_.sort(key=lambda f: (ROLE_RANK[f.role], f.company_id))
            firms += rows_[:firm_limit]
            if county is not None:
                firms += [f for f in rows_ if f.county == county][:firm_limit]
        supplies = self._leading_supplies(own, members, scope)
        return ChainFacts(
            chain=chain,  # type: ignore[arg-type]
            segments=[s for s in segments if s.segment_id in ids],
            links=[lk for lk in links if lk.from_segment_id in ids and lk.to_segment_id in ids],
            presence=presence,
            firms=firms,
            leading_supplies=supplies,
            supplier_segments=self._segments_of({s.supplier_id for s in supplies}, ids),
            firm_limit=firm_limit,
            firm_county=county,
        )

    def _leading_supplies(self, own: set[str], members: list[CompanySegment], scope: LocalScope) -> list[SupplyFact]:
        out = []
        for m in members:
            if m.segment_id not in own or m.role.value != "leading":
                continue
            customer = self._company(m.company_id)
            if not self._local(customer, scope)[0]:
                continue
            for s in self.supplies_to[customer.company_id]:
                if True:
                    supplier = self._company(s.supplier_id)
                    if not self._local(supplier, scope)[0]:
                        out.append(self._supply(s, supplier, customer, False, m.segment_id))
        return out

    def _supply(
        self, s: Supply, supplier: Company, customer: Company, local: bool, segment: str | None = None
    ) -> SupplyFact:
        as_of = s.as_of.isoformat() if s.as_of else None
        return SupplyFact(supplier.company_id, supplier.name, customer.company_id, customer.name, s.product,
                          s.amount_cny_100m, s.source, as_of, local, segment)  # fmt: skip

    def _segments_of(self, companies: set[str], segment_ids: set[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for m in sorted(self._all(Kind.COMPANY_SEGMENT), key=lambda m: (m.company_id, m.segment_id)):
            if m.company_id in companies and m.segment_id in segment_ids:
                out[m.company_id].append(m.segment_id)
        return dict(out)

    def company_facts(
        self, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
    ) -> dict[str, CompanyFacts]:
        segs = set(segment_ids)
        out = {}
        for cid in set(company_ids):
            company = self.by_kind[Kind.COMPANY].get((cid,))
            if company is None:
                continue
            local, county, basis = self._local(company, scope)  # type: ignore[arg-type]
            memberships = {m.segment_id: m.role.value for m in self._all(Kind.COMPANY_SEGMENT)
                           if m.company_id == cid and m.segment_id in segs}  # fmt: skip
            suppliers = [
                self._supply(s, self._company(s.supplier_id), company, self._local(self._company(s.supplier_id),
                                                                                   scope)[0])  # type: ignore[arg-type]
                for s in self.supplies_to[cid]
            ]  # fmt: skip
            facts = CompanyFacts(company, local, county, basis, memberships, suppliers)  # type: ignore[arg-type]
            facts.supplier_segments = self._segments_of({s.supplier_id for s in suppliers}, segs)
            out[cid] = facts
        return out

    def candidate_facts(
        self, segment_ids: Sequence[str], scope: LocalScope, *, also_local: Iterable[str] = ()
    ) -> CandidateFacts:
        extra = set(also_local)
        rows = [
            CandidateRow(m.segment_id, self._company(m.company_id), m.share)
            for m in self._all(Kind.COMPANY_SEGMENT)
            if m.segment_id in segment_ids and not self._local(self._company(m.company_id), scope)[0]
        ]
        ids = {r.company.company_id for r in rows}
        rankings: dict[str, list[RankFact]] = defaultdict(list)
        for r in self._all(Kind.RANKING):
            assert isinstance(r, Ranking)
            if r.company_id in ids:
                rankings[r.company_id].append(RankFact(r.company_id, r.list_id.value, r.year, r.rank))
        ties: dict[str, list[TieFact]] = defaultdict(list)

        def local(company_id: str) -> bool:
            return company_id in extra or self._local(self._company(company_id), scope)[0]

        for s in self._all(Kind.SUPPLY):
            if s.supplier_id in ids and local(s.customer_id):
                ties[s.supplier_id].append(TieFact(s.supplier_id, s.customer_id, self._company(s.customer_id).name,
                                                   "supplies_to", s.product, s.amount_cny_100m))  # fmt: skip
            if s.customer_id in ids and local(s.supplier_id):
                ties[s.customer_id].append(TieFact(s.customer_id, s.supplier_id, self._company(s.supplier_id).name,
                                                   "buys_from", s.product, s.amount_cny_100m))  # fmt: skip
        return CandidateFacts(rows=rows, rankings=dict(rankings), ties=dict(ties))

    def relation_paths(
        self,
        company_ids: Sequence[str],
        scope: LocalScope,
        *,
        max_hops: int = DEFAULT_MAX_HOPS,
        limit: int = DEFAULT_LIMIT,
        beyond_direct_supply: bool = False,
    ) -> dict[str, Paths]:
        """The walk of :func:`chain_graph.paths.shortest_paths` over the ties held in dictionaries."""
        ties: dict[str, list[PathEdge]] = defaultdict(list)
        for s in self._all(Kind.SUPPLY):
            edge = PathEdge("supplies", company_ref(s.supplier_id), company_ref(s.customer_id), s.product,
                            s.amount_cny_100m, None, s.source, _iso(s.as_of))  # fmt: skip
            ties[edge.start].append(edge)
            ties[edge.end].append(edge)
        for h in self._all(Kind.SHAREHOLDING):
            edge = PathEdge("holds_shares", company_ref(h.holder_id), company_ref(h.company_id), None, h.share_pct,
                            None, h.source, _iso(h.as_of))  # fmt: skip
            ties[edge.start].append(edge)
            ties[edge.end].append(edge)
        for m in self._all(Kind.MEMBERSHIP):
            edge = PathEdge("member_of", company_ref(m.company_id), organisation_ref(m.organisation_id), m.role,
                            None, _iso(m.since), m.source, _iso(m.as_of))  # fmt: skip
            ties[edge.start].append(edge)
            ties[edge.end].append(edge)

        def node(ref: str) -> PathNode:
            kind, _, ident = ref.partition(":")
            if kind == "company":
                company = self._company(ident)
                local, county, _ = self._local(company, scope)
                return node_of("company", ident, company.name, local, county)
            org = self.by_kind[Kind.ORGANISATION][(ident,)]
            return node_of("organisation", ident, org.name, False, None, org.overseas_chinese)  # type: ignore[attr-defined]

        def expand(refs: list[str]) -> tuple[list[PathEdge], dict[str, PathNode]]:
            edges = list(dict.fromkeys(e for r in refs for e in ties.get(r, ())))
            return edges, {ref: node(ref) for e in edges for ref in (e.start, e.end)}

        sources = [node(company_ref(c)) for c in sorted(set(company_ids)) if (c,) in self.by_kind[Kind.COMPANY]]
        answers = shortest_paths(sources, expand, nearest_of(expand), max_hops=max_hops, limit=limit,
                                 beyond_direct_supply=beyond_direct_supply)  # fmt: skip
        return {a.company.id: a for a in answers.values()}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


__all__ = ["ReferenceFacts"]
