"""The facts the analysis reads: small records both stores answer with the counting pushed down.

The stores never hand the analysis a copy of the city. For one chain they answer a few
questions — per segment (and per county) how many local and leading firms and how much
revenue, a bounded list of the local firms, the FEEDS links of the chain and its neighbours,
the outside suppliers of its local leading firms, the candidates of a segment with their list
entries and ties to named local firms — as the plain records below. The embedded store
answers them with SQL aggregates over indexed tables, Neo4j with Cypher aggregations, each in
one read transaction; :mod:`chain_graph.analysis` is pure code over them.

This module sits below both ``store/`` and ``analysis/`` and imports neither.

Locality (:class:`LocalScope`) is decided by one rule (:mod:`chain_graph.locality`): a company
is local when its region is the home region or below it, or when it has a local site; its
county is the region right below the home region on the way up.

Examples
--------
>>> from chain_graph.models import Region
>>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市"),
...                                  Region(region_id="350582", name="晋江市", parent_id="350500"),
...                                  Region(region_id="350000", name="福建省")])
>>> scope.county_of_region("350582"), scope.county_of_region("350500"), scope.is_home("350000")
('350582', None, False)
>>> scope.counties
{'350582': '晋江市'}
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from chain_graph.locality import locate, region_counties
from chain_graph.models import Chain, Company, Region, Segment, SegmentLink, TargetPlan

__all__ = [
    "CandidateFacts",
    "CandidateRow",
    "ChainFacts",
    "ChainSummary",
    "CompanyFacts",
    "FirmFact",
    "LeadFacts",
    "LeadTie",
    "LocalScope",
    "OverseasTie",
    "PresenceFact",
    "RankFact",
    "ReportInputs",
    "SupplyFact",
    "TieFact",
]


@dataclass(frozen=True)
class LocalScope:
    """The home region and every region at or below it, each with its county (None for home).

    Built from the region records once (regions are few: thousands at most), handed to the
    stores as parameters of their fact queries.
    """

    home_region: str
    region_county: Mapping[str, str | None]  # region id at/below home -> county id (None for home)
    counties: Mapping[str, str]  # county id -> name, regions directly under home, by id
    region_names: Mapping[str, str]  # every region id -> name

    @classmethod
    def of(cls, home_region: str, regions: Iterable[Region]) -> LocalScope:
        by_id = {r.region_id: r for r in regions}
        region_county = region_counties(home_region, by_id)
        counties = {r.region_id: r.name for r in sorted(by_id.values(), key=lambda r: r.region_id)
                    if r.parent_id == home_region and r.region_id != home_region}  # fmt: skip
        return cls(home_region, region_county, counties, {r.region_id: r.name for r in by_id.values()})

    def is_home(self, region_id: str | None) -> bool:
        """Is the region the home region or below it?"""
        return region_id is not None and region_id in self.region_county

    def county_of_region(self, region_id: str | None) -> str | None:
        return self.region_county.get(region_id) if region_id is not None else None

    def locality(self, region_id: str | None, local_site: bool) -> tuple[bool, str | None, str | None]:
        """``(local, county, basis)`` of a company with this region and local-site flag
        (:func:`chain_graph.locality.locate`, the one rule)."""
        return locate(region_id, local_site, self.region_county)

    def region_county_json(self) -> str:
        """The region → county map as one JSON parameter (SQLite ``json_each``)."""
        return json.dumps(dict(self.region_county), ensure_ascii=False, separators=(",", ":"))

    def fingerprint(self) -> str:
        """Changes whenever the scope does (a cache key part)."""
        text = json.dumps([self.home_region, sorted(self.region_county.items(), key=str)], ensure_ascii=False)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PresenceFact:
    """Local firms of one segment in one county (None: the home region itself or a local site)."""

    segment_id: str
    county: str | None
    firms: int
    leading: int
    revenue: float  # sum of the known revenues (亿元)
    revenue_known: int  # how many of the firms have a known revenue

    @staticmethod
    def from_buckets(buckets: Iterable[Sequence[Any]], scope: LocalScope) -> list[PresenceFact]:
        """Per (segment, county), sorted: the sums of the local ones of the counters both stores
        keep per ``(segment, region or '', local site, n, leading, revenue in millionths, known)``.

        >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市"),
        ...                                  Region(region_id="350582", name="晋江市", parent_id="350500")])
        >>> PresenceFact.from_buckets([("s", "350582", 0, 2, 1, 1_500_000, 1), ("s", "", 1, 1, 0, 0, 0),
        ...                            ("s", "110000", 0, 9, 9, 0, 0)], scope)  # doctest: +NORMALIZE_WHITESPACE
        [PresenceFact(segment_id='s', county='350582', firms=2, leading=1, revenue=1.5, revenue_known=1),
         PresenceFact(segment_id='s', county=None, firms=1, leading=0, revenue=0.0, revenue_known=0)]
        """
        sums: dict[tuple[str, str | None], list[int]] = {}
        for segment, region, site, n, leading, rev_micro, rev_n in buckets:
            local, county, _ = scope.locality(region or None, bool(site))
            if not local:
                continue
            acc = sums.setdefault((segment, county), [0, 0, 0, 0])
            for i, value in enumerate((n, leading, rev_micro, rev_n)):
                acc[i] += value
        return [
            PresenceFact(segment, county, n, leading, rev_micro / 1_000_000, rev_n)
            for (segment, county), (n, leading, rev_micro, rev_n) in sorted(sums.items(), key=str)
        ]


class FirmFact(NamedTuple):
    """One local firm of a segment (by location or local site). A named tuple, as are the other
    facts a report reads by the thousand (:class:`SupplyFact`): immutable like a frozen dataclass,
    built in a fifth of its time."""

    segment_id: str
    company_id: str
    name: str
    role: str
    county: str | None
    revenue: float | None
    basis: str  # "region" | "local_site"


class SupplyFact(NamedTuple):
    """A supply tie: supplier → customer, with the supplier's locality by location."""

    supplier_id: str
    supplier_name: str
    customer_id: str
    customer_name: str
    product: str | None
    amount: float | None
    source: str | None
    as_of: str | None
    supplier_local: bool
    customer_segment_id: str | None = None  # the segment the (leading) customer serves in this chain


@dataclass
class ChainFacts:
    """What the gap report of one chain needs, read in one transaction."""

    chain: Chain
    segments: list[Segment]  # the chain's own and its FEEDS neighbours in other chains
    links: list[SegmentLink]  # FEEDS among those segments
    presence: list[PresenceFact]  # per (segment, county) aggregates over every segment above
    # local firms: the first ``firm_limit`` of each segment city-wide in list order (leading, core,
    # supporting; then by id), and with ``firm_county`` also the first ``firm_limit`` in that county
    firms: list[FirmFact]
    leading_supplies: list[SupplyFact]  # suppliers (not local by location) of local leading firms of own segments
    supplier_segments: dict[str, list[str]]  # supplier id -> its segments among ``segments``
    firm_limit: int
    firm_county: str | None = None  # the county whose firm lists are complete too (None: the city's only)

    @property
    def own_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.chain_id == self.chain.chain_id]


class ReportInputs(NamedTuple):
    """What a chain's gap report reads when nothing of it is cached, read together: the scope of
    the home region, the chain's facts read with it (city-wide firm lists), and every plan."""

    scope: LocalScope
    facts: ChainFacts
    plans: list[TargetPlan]


@dataclass
class CompanyFacts:
    """One company as a landing (plan or what-if) needs it."""

    company: Company
    local: bool
    county: str | None
    basis: str | None
    memberships: dict[str, str]  # segment id -> role, among the segments asked for
    suppliers: list[SupplyFact] = field(default_factory=list)  # every supplier, with locality
    supplier_segments: dict[str, list[str]] = field(default_factory=dict)  # among the segments asked for


@dataclass(frozen=True, slots=True)
class RankFact:
    company_id: str
    list_id: str
    year: int
    rank: int


@dataclass(frozen=True, slots=True)
class TieFact:
    """A supply tie between a candidate and a local (or landed) firm."""

    company_id: str  # the candidate
    partner_id: str
    partner_name: str
    direction: str  # "supplies_to" | "buys_from"
    product: str | None
    amount: float | None


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """A non-local member of a segment: the company and its share there."""

    segment_id: str
    company: Company
    share: float | None


@dataclass
class CandidateFacts:
    rows: list[CandidateRow]
    rankings: dict[str, list[RankFact]]
    ties: dict[str, list[TieFact]]


@dataclass(frozen=True)
class ChainSummary:
    """A chain with its numbers of segments, companies and local firms."""

    chain: Chain
    segments: int
    companies: int
    local_firms: int

    def to_row(self) -> dict[str, Any]:
        return {**self.chain.to_row(), "segments": self.segments, "companies": self.companies,
                "local_firms": self.local_firms}  # fmt: skip


# -- 链主 procurement leads (以商招商): ties of local leading firms with outside firms ---------------


@dataclass(frozen=True, slots=True)
class LeadTie:
    """A supply tie of a local leading firm with a firm that is not local."""

    leader_id: str
    leader_name: str
    partner_id: str
    partner_name: str
    direction: str  # "supplier": the partner supplies the leader; "customer": it buys from the leader
    product: str | None
    amount: float | None
    source: str | None
    as_of: str | None


@dataclass
class LeadFacts:
    """What the leads of local leading firms need, read in one transaction."""

    ties: list[LeadTie]
    rankings: dict[str, list[RankFact]]  # partner id -> its list entries
    local_firms: dict[str, int]  # partner id -> distinct local firms it has a supply tie with (either way)
    segments: dict[str, list[tuple[str, str, str]]]  # leader or partner id -> [(segment id, chain id, role)]


@dataclass(frozen=True, slots=True)
class OverseasTie:
    """A company's membership of an organisation of overseas Chinese (泉籍海外社团)."""

    company_id: str
    organisation_id: str
    organisation_name: str
    role: str | None
    source: str | None
