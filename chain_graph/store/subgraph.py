"""Build the chain subgraph from plain record sets, the same way for every store.

Each store gathers the records (:class:`SubgraphParts`) in its own way — dict look-ups in
the embedded store, a few Cypher queries in Neo4j — and hands them to :func:`assemble`, so
the graph the analysis reads is identical whatever the backend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chain_graph.models import (
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
)
from chain_graph.store.base import RELATION_ENDS, EdgeType, node_id

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SubgraphParts", "assemble", "edge_key"]


@dataclass
class SubgraphParts:
    """The records that make up one chain's subgraph."""

    chain_id: str
    chains: list[Chain] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    links: list[SegmentLink] = field(default_factory=list)
    memberships: list[CompanySegment] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    supplies: list[Supply] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


def edge_key(record: Record) -> str:
    """Key of a relationship record's edge: its type, or ``RANKED:<year>``."""
    edge_type = RELATION_ENDS[record.KIND][0]
    if isinstance(record, Ranking):
        return f"{edge_type}:{record.year}"
    return edge_type.value


def _add_nodes(graph: nx.MultiDiGraph, kind: Kind, records: Iterable[Record], id_field: str) -> None:
    for rec in sorted(records, key=lambda r: r.key):
        graph.add_node(node_id(kind, getattr(rec, id_field)), kind=kind.value, **rec.to_row())


def _add_relation(graph: nx.MultiDiGraph, records: Iterable[Record]) -> None:
    for rec in sorted(records, key=lambda r: r.key):
        edge_type, (start_field, start_kind), (end_field, end_kind) = RELATION_ENDS[rec.KIND]
        start = node_id(start_kind, getattr(rec, start_field))
        end = node_id(end_kind or "list", str(getattr(rec, end_field)))
        graph.add_edge(start, end, key=edge_key(rec), type=edge_type.value, **rec.to_row())


def assemble(parts: SubgraphParts) -> nx.MultiDiGraph:
    """The subgraph of :meth:`Store.chain_subgraph`, deterministic in node and edge order."""
    import networkx as nx  # here, not at the top: the CLI and the gap report never draw a graph

    graph = nx.MultiDiGraph(chain_id=parts.chain_id)
    _add_nodes(graph, Kind.CHAIN, parts.chains, "chain_id")
    _add_nodes(graph, Kind.SEGMENT, parts.segments, "segment_id")
    _add_nodes(graph, Kind.COMPANY, parts.companies, "company_id")
    _add_nodes(graph, Kind.REGION, parts.regions, "region_id")
    list_ids = sorted({r.list_id for r in parts.rankings})
    for list_id in list_ids:
        graph.add_node(node_id("list", list_id), kind="list", **RANKING_LISTS[list_id].model_dump(mode="json"))
    for seg in sorted(parts.segments, key=lambda s: s.segment_id):
        graph.add_edge(
            node_id(Kind.SEGMENT, seg.segment_id),
            node_id(Kind.CHAIN, seg.chain_id),
            key=EdgeType.PART_OF.value,
            type=EdgeType.PART_OF.value,
        )
        parent = node_id(Kind.SEGMENT, seg.parent_id) if seg.parent_id else None
        if parent and parent in graph:
            graph.add_edge(
                node_id(Kind.SEGMENT, seg.segment_id),
                parent,
                key=EdgeType.SUB_OF.value,
                type=EdgeType.SUB_OF.value,
            )
    _add_relation(graph, parts.links)
    _add_relation(graph, parts.memberships)
    _add_relation(graph, parts.supplies)
    _add_relation(graph, parts.rankings)
    for company in sorted(parts.companies, key=lambda c: c.company_id):
        if company.region:
            graph.add_edge(
                node_id(Kind.COMPANY, company.company_id),
                node_id(Kind.REGION, company.region),
                key=EdgeType.LOCATED_IN.value,
                type=EdgeType.LOCATED_IN.value,
            )
    for region in sorted(parts.regions, key=lambda r: r.region_id):
        if region.parent_id:
            graph.add_edge(
                node_id(Kind.REGION, region.region_id),
                node_id(Kind.REGION, region.parent_id),
                key=EdgeType.WITHIN.value,
                type=EdgeType.WITHIN.value,
            )
    return graph
