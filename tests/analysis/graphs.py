"""Hand-built chain subgraphs in the exact layout of ``Store.chain_subgraph`` (store/base.py).

Attributes come from the records' own ``to_row()``, so a field added to a model shows up
here as it does in the stores; the edges are added with networkx directly.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import networkx as nx

from chain_graph.analysis import DEFAULT_CONFIG, AnalysisConfig, Candidate, ChainGaps, WhatIf
from chain_graph.analysis.candidates import check_filters
from chain_graph.cache import RevisionCache
from chain_graph.models import (
    MODELS,
    RANKING_LISTS,
    Chain,
    Company,
    CompanySegment,
    Kind,
    Ranking,
    Record,
    Region,
    Segment,
    SegmentLink,
    Supply,
    TargetPlan,
)
from chain_graph.services import gap_reports as services
from chain_graph.store.base import Batch, node_id
from chain_graph.store.embedded import EmbeddedStore


class GraphBuilder:
    """Builds one chain's subgraph: ``GraphBuilder("tex").segment(...).company(...).graph``."""

    def __init__(self, chain_id: str, name: str = "测试链") -> None:
        self.graph = nx.MultiDiGraph(chain_id=chain_id)
        self.chain(chain_id, name)

    def _node(self, kind: Kind, ident: str, record: Record) -> None:
        self.graph.add_node(node_id(kind, ident), kind=kind.value, **record.to_row())

    def _edge(self, start: str, end: str, key: str, record: Record | None = None) -> None:
        data: dict[str, Any] = {"type": key.split(":")[0], **(record.to_row() if record else {})}
        self.graph.add_edge(start, end, key=key, **data)

    def chain(self, chain_id: str, name: str) -> GraphBuilder:
        self._node(Kind.CHAIN, chain_id, Chain(chain_id=chain_id, name=name))
        return self

    def region(self, region_id: str, name: str, parent: str | None = None) -> GraphBuilder:
        self._node(Kind.REGION, region_id, Region(region_id=region_id, name=name, parent_id=parent))
        if parent:
            self._edge(node_id(Kind.REGION, region_id), node_id(Kind.REGION, parent), "WITHIN")
        return self

    def quanzhou(self) -> GraphBuilder:
        """泉州市 with 晋江, 南安, 惠安 (and its zone 泉州台商投资区), plus 厦门 and 浙江."""
        return (
            self.region("CN", "中国")
            .region("350000", "福建省", "CN")
            .region("350500", "泉州市", "350000")
            .region("350582", "晋江市", "350500")
            .region("350583", "南安市", "350500")
            .region("350521", "惠安县", "350500")
            .region("350521.tsz", "泉州台商投资区", "350521")
            .region("350200", "厦门市", "350000")
            .region("330000", "浙江省", "CN")
        )

    def segment(self, segment_id: str, name: str, stage: str, chain_id: str | None = None) -> GraphBuilder:
        chain_id = chain_id or self.graph.graph["chain_id"]
        self._node(Kind.SEGMENT, segment_id, Segment(segment_id=segment_id, chain_id=chain_id, name=name, stage=stage))
        self._edge(node_id(Kind.SEGMENT, segment_id), node_id(Kind.CHAIN, chain_id), "PART_OF")
        return self

    def feeds(self, start: str, end: str, weight: float = 1.0) -> GraphBuilder:
        link = SegmentLink(from_segment_id=start, to_segment_id=end, weight=weight)
        self._edge(node_id(Kind.SEGMENT, start), node_id(Kind.SEGMENT, end), "FEEDS", link)
        return self

    def company(self, company_id: str, name: str | None = None, **fields: Any) -> GraphBuilder:
        record = Company(company_id=company_id, name=name or company_id, **fields)
        self._node(Kind.COMPANY, company_id, record)
        if record.region:
            self._edge(node_id(Kind.COMPANY, company_id), node_id(Kind.REGION, record.region), "LOCATED_IN")
        return self

    def member(self, company_id: str, segment_id: str, role: str = "core", share: float | None = None) -> GraphBuilder:
        rec = CompanySegment(company_id=company_id, segment_id=segment_id, role=role, share=share)
        self._edge(node_id(Kind.COMPANY, company_id), node_id(Kind.SEGMENT, segment_id), "IN_SEGMENT", rec)
        return self

    def supplies(
        self, supplier: str, customer: str, product: str | None = None, amount: float | None = None
    ) -> GraphBuilder:
        rec = Supply(supplier_id=supplier, customer_id=customer, product=product, amount_cny_100m=amount)
        self._edge(node_id(Kind.COMPANY, supplier), node_id(Kind.COMPANY, customer), "SUPPLIES", rec)
        return self

    def ranked(self, company_id: str, list_id: str, year: int, rank: int) -> GraphBuilder:
        rec = Ranking(list_id=list_id, year=year, rank=rank, company_id=company_id)
        lst = node_id("list", list_id)
        if lst not in self.graph:
            self.graph.add_node(lst, kind="list", **RANKING_LISTS[rec.list_id].model_dump(mode="json"))
        self._edge(node_id(Kind.COMPANY, company_id), lst, f"RANKED:{year}", rec)
        return self


def from_records(chain_id: str, records: Iterable[Record]) -> nx.MultiDiGraph:
    """A subgraph holding every record given (the caller picks the records of the chain)."""
    records = list(records)
    b = GraphBuilder.__new__(GraphBuilder)
    b.graph = nx.MultiDiGraph(chain_id=chain_id)
    for rec in records:
        if isinstance(rec, Chain):
            b.chain(rec.chain_id, rec.name)
            b.graph.nodes[node_id(Kind.CHAIN, rec.chain_id)].update(rec.to_row())
    by_kind = {kind: [r for r in records if r.KIND is kind] for kind in Kind}
    for rec in sorted(by_kind[Kind.REGION], key=lambda r: r.key):
        b._node(Kind.REGION, rec.region_id, rec)
    for rec in by_kind[Kind.REGION]:
        if rec.parent_id:
            b._edge(node_id(Kind.REGION, rec.region_id), node_id(Kind.REGION, rec.parent_id), "WITHIN")
    for rec in by_kind[Kind.SEGMENT]:
        b._node(Kind.SEGMENT, rec.segment_id, rec)
        b._edge(node_id(Kind.SEGMENT, rec.segment_id), node_id(Kind.CHAIN, rec.chain_id), "PART_OF")
    for rec in by_kind[Kind.SEGMENT]:
        if rec.parent_id:
            b._edge(node_id(Kind.SEGMENT, rec.segment_id), node_id(Kind.SEGMENT, rec.parent_id), "SUB_OF")
    for rec in by_kind[Kind.COMPANY]:
        b._node(Kind.COMPANY, rec.company_id, rec)
        if rec.region:
            b._edge(node_id(Kind.COMPANY, rec.company_id), node_id(Kind.REGION, rec.region), "LOCATED_IN")
    for rec in by_kind[Kind.SEGMENT_LINK]:
        b._edge(node_id(Kind.SEGMENT, rec.from_segment_id), node_id(Kind.SEGMENT, rec.to_segment_id), "FEEDS", rec)
    for rec in by_kind[Kind.COMPANY_SEGMENT]:
        b._edge(node_id(Kind.COMPANY, rec.company_id), node_id(Kind.SEGMENT, rec.segment_id), "IN_SEGMENT", rec)
    for rec in by_kind[Kind.SUPPLY]:
        b._edge(node_id(Kind.COMPANY, rec.supplier_id), node_id(Kind.COMPANY, rec.customer_id), "SUPPLIES", rec)
    for rec in by_kind[Kind.RANKING]:
        lst = node_id("list", rec.list_id)
        if lst not in b.graph:
            b.graph.add_node(lst, kind="list", **RANKING_LISTS[rec.list_id].model_dump(mode="json"))
        b._edge(node_id(Kind.COMPANY, rec.company_id), lst, f"RANKED:{rec.year}", rec)
    return b.graph


def textile() -> nx.MultiDiGraph:
    """The hand-worked textile chain of the analysis tests (see test_gaps.py for the arithmetic).

    Segments (stage order): tex.chip, tex.fiber | tex.dye, tex.weave | tex.design, tex.shoe;
    pc.pta belongs to the petrochemical chain and feeds tex.fiber.
    """
    b = GraphBuilder("tex", "纺织鞋服").chain("pc", "石油化工").quanzhou()
    for seg, name, stage in (
        ("tex.chip", "聚酯切片", "upstream"),
        ("tex.fiber", "化纤", "upstream"),
        ("tex.weave", "织造", "midstream"),
        ("tex.dye", "印染", "midstream"),
        ("tex.shoe", "运动鞋服", "downstream"),
        ("tex.design", "设计", "downstream"),
    ):
        b.segment(seg, name, stage)
    b.segment("pc.pta", "PTA", "upstream", chain_id="pc")
    for start, end, weight in (
        ("pc.pta", "tex.fiber", 0.8),
        ("tex.chip", "tex.fiber", 0.9),
        ("tex.fiber", "tex.weave", 1.0),
        ("tex.weave", "tex.dye", 0.5),
        ("tex.dye", "tex.shoe", 0.6),
        ("tex.weave", "tex.shoe", 0.7),
        ("tex.shoe", "tex.design", 0.4),
    ):
        b.feeds(start, end, weight)
    # local firms
    b.company("f1", "晋江化纤有限公司", region="350582", revenue_cny_100m=300).member("f1", "tex.fiber", "leading")
    b.company("w1", "晋江织造一厂", region="350582").member("w1", "tex.weave")
    b.company("w2", "南安织造二厂", region="350583").member("w2", "tex.weave")
    b.company("w3", "台商区织造三厂", region="350521.tsz").member("w3", "tex.weave")
    b.company("d1", "南安印染厂", region="350583").member("d1", "tex.dye")
    b.company("anta", "安踏体育用品有限公司", region="350582", revenue_cny_100m=100).member(
        "anta", "tex.shoe", "leading"
    )
    b.company("septwolves", "福建七匹狼实业股份有限公司", region="350200", local_site=True)
    b.member("septwolves", "tex.shoe", "supporting")
    # outside firms
    b.company(
        "x-chip1", "浙江示例切片有限公司", region="330000", country="CN", revenue_cny_100m=500, overseas_chinese=True
    )
    b.member("x-chip1", "tex.chip", "core", share=0.6)
    b.ranked("x-chip1", "fortune-global-500", 2021, 300).ranked("x-chip1", "fortune-global-500", 2023, 101)
    b.ranked("x-chip1", "china-500", 2024, 50)
    b.company("x-chip2", "日本示例化学株式会社", country="JP").member("x-chip2", "tex.chip")
    b.company("x-design", "美国示例设计公司", country="US", revenue_cny_100m=9).member(
        "x-design", "tex.design", "leading", 1.0
    )
    b.ranked("x-design", "new-economy-500", 2024, 250)
    b.company("x-dye", "浙江示例印染有限公司", region="330000", country="CN", revenue_cny_100m=1000)
    b.member("x-dye", "tex.dye", "core", 0.2)
    b.company("x-fiber2", "浙江示例化纤有限公司", region="330000", country="CN").member("x-fiber2", "tex.fiber")
    b.company("x-zipper", "示例拉链有限公司", region="330000", country="CN")
    b.company("x-pta", "示例PTA有限公司", region="330000", country="CN").member("x-pta", "pc.pta", "leading")
    # supply ties
    b.supplies("x-chip1", "f1", "聚酯切片", 3.0).supplies("x-chip1", "w1", "聚酯切片")
    b.supplies("x-fiber2", "anta", "涤纶长丝", 2.5).supplies("x-zipper", "anta", "拉链")
    b.supplies("w1", "anta", "面料", 5.0).supplies("w2", "x-design", "面料")
    return b.graph


# -- running the analysis on a hand-built graph --------------------------------------------------
# The analysis reads facts from a store, so a graph built here is written into a fresh embedded
# store (its records, plus the plans given) and analysed through the same services the API calls.


def records_of(G: nx.MultiDiGraph) -> list[Record]:
    """The records a graph in this layout holds (nodes and relationship edges)."""
    out: list[Record] = []
    for _, data in G.nodes(data=True):
        kind = data.get("kind")
        if kind in ("chain", "segment", "company", "region"):
            model = MODELS[Kind(kind)]
            out.append(model.model_validate({k: v for k, v in data.items() if k in model.model_fields}))
    edge_kinds = {"FEEDS": Kind.SEGMENT_LINK, "IN_SEGMENT": Kind.COMPANY_SEGMENT, "SUPPLIES": Kind.SUPPLY,
                  "RANKED": Kind.RANKING}  # fmt: skip
    for _, _, data in G.edges(data=True):
        kind = edge_kinds.get(data.get("type", ""))
        if kind is not None:
            model = MODELS[kind]
            out.append(model.model_validate({k: v for k, v in data.items() if k in model.model_fields}))
    return out


Analysed = nx.MultiDiGraph | tuple[Any, str]  # a hand-built graph, or (a store, a chain id)


@contextlib.contextmanager
def stored(G: Analysed, plans: Iterable[TargetPlan] = ()) -> Iterator[tuple[Any, str]]:
    """A fresh embedded store holding G's records and the plans; yields it and G's chain id.
    Given ``(store, chain_id)`` instead, the plans are written into that store for the while."""
    if isinstance(G, tuple):
        store, chain_id = G
        plans = list(plans)
        if plans:
            store.apply(Batch(upserts=plans))
        try:
            yield store, chain_id
        finally:
            if plans:
                store.apply(Batch(deletes=[(p.KIND, p.key) for p in plans]))
        return
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(tmp) as store:
        store.apply(Batch(upserts=[*records_of(G), *plans]))
        yield store, G.graph["chain_id"]


def chain_gaps(
    G: Analysed, *, config: AnalysisConfig = DEFAULT_CONFIG, plans: Iterable[TargetPlan] = (),
    county: str | None = None,
) -> ChainGaps:  # fmt: skip
    """The gap report of G's chain, as the services compute it from a store holding G."""
    with stored(G, plans) as (store, chain_id):
        return services.gaps(store, RevisionCache(), config, chain_id, county)


def rank_candidates(
    G: Analysed, *, config: AnalysisConfig = DEFAULT_CONFIG, plans: Iterable[TargetPlan] = (),
    segment_id: str | None = None, lists: Sequence[str] | None = None, country: str | None = None,
    min_score: float | None = None, limit: int | None = None,
) -> list[Candidate]:  # fmt: skip
    """The candidates of G's chain, as the services rank them from a store holding G."""
    check_filters(lists, min_score, limit)
    with stored(G, plans) as (store, chain_id):
        found = services.candidates(
            store, RevisionCache(), config, chain_id, segment_id=segment_id,
            lists=tuple(lists) if lists is not None else None, country=country, min_score=min_score,
        )  # fmt: skip
    return found[:limit] if limit is not None else found


def what_if(
    G: Analysed, company_id: str, *, config: AnalysisConfig = DEFAULT_CONFIG, plans: Iterable[TargetPlan] = ()
) -> WhatIf:
    with stored(G, plans) as (store, chain_id):
        return services.what_if_landed(store, RevisionCache(), config, chain_id, company_id)
