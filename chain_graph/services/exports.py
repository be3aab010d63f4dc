"""Maps, exports and workbooks as the API and the CLI hand them out: rendered from what the
analysis services computed, cached under the same keys (the exports never read the store)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import networkx as nx

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.models import Kind, Segment, SegmentLink
from chain_graph.services import gap_reports
from chain_graph.services.chains import chain_summaries
from chain_graph.services.gap_reports import Revisions, revisions
from chain_graph.services.graph import vis_graph
from chain_graph.store import Store

__all__ = [
    "chain_html",
    "chain_map",
    "export_chain_html",
    "export_overview_html",
    "gaps_xlsx",
    "graphml",
    "overview_data",
    "overview_html",
    "vis",
]


def chain_map(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> nx.MultiDiGraph:
    """The chain's map graph (its segments, neighbours, own companies and their ties); read only."""
    revs = revisions(store) if revs is None else revs
    return cache.get_or_compute(("map", chain_id), revs.chain(chain_id), lambda: store.chain_subgraph(chain_id))


def vis(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, companies: bool = True
) -> dict[str, Any]:
    """Nodes and edges of the chain for vis-network, statuses from the gap report."""
    revs = revisions(store)
    gaps = gap_reports.gaps(store, cache, config, chain_id, revs=revs)
    key = ("vis", chain_id, companies, config.home_region)
    depends = gap_reports.report_key(store, cache, config, chain_id, revs)

    def compute() -> dict[str, Any]:
        return vis_graph(chain_map(store, cache, config, chain_id, revs), gaps, config.home_region, companies=companies)

    return cache.get_or_compute(key, depends, compute)


def chain_html(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    *,
    county: str | None = None,
    with_candidates: bool = True,
    max_nodes: int = 2000,
    segment_limit: int | None = None,
) -> tuple[str, bytes]:
    """The chain's offline HTML map (for ``county`` when given): its name and the page's bytes.

    The map lists a segment's local firms up to ``max_nodes`` (the report lists
    ``firm_list_limit``); crowded segments fold into aggregate nodes as the page decides.
    """
    from chain_graph.export.html import SEGMENT_FIRM_LIMIT, chain_map_html

    revs = revisions(store)
    drawn = config.model_copy(update={"firm_list_limit": max(config.firm_list_limit, min(max_nodes, 10_000))})
    gaps = gap_reports.gaps(store, cache, drawn, chain_id, county, revs=revs)
    found = gap_reports.candidates(store, cache, config, chain_id, revs=revs) if with_candidates else []
    limit = SEGMENT_FIRM_LIMIT if segment_limit is None else segment_limit
    unfolded = segment_limit == 0

    def render() -> bytes:
        G = chain_map(store, cache, config, chain_id, revs)
        page = chain_map_html(G, gaps, found, max_nodes=max_nodes, segment_limit=None if unfolded else limit)
        return page.encode("utf-8")

    key = ("export.html", chain_id, county, with_candidates, max_nodes, limit, unfolded)
    depends = (gap_reports.report_key(store, cache, drawn, chain_id, revs), revs["plans"])
    return gaps.chain_name, cache.get_or_compute(key, depends, render)


def export_chain_html(
    store: Store,
    chain_id: str,
    path: str | os.PathLike[str],
    *,
    config: AnalysisConfig,
    county: str | None = None,
    with_candidates: bool = True,
    max_nodes: int = 2000,
    segment_limit: int | None = -1,
) -> Path:
    """Write the chain's map to ``path`` (``segment_limit`` None: no segment folds; -1: the default)."""
    folding = None if segment_limit == -1 else (0 if segment_limit is None else segment_limit)
    _, page = chain_html(store, RevisionCache(), config, chain_id, county=county, with_candidates=with_candidates,
                         max_nodes=max_nodes, segment_limit=folding)  # fmt: skip
    target = Path(path)
    target.write_bytes(page)
    return target


def export_overview_html(store: Store, path: str | os.PathLike[str], *, config: AnalysisConfig) -> Path:
    """Write the city overview page to ``path``."""
    target = Path(path)
    target.write_bytes(overview_html(store, RevisionCache(), config))
    return target


def overview_data(
    store: Store, cache: RevisionCache, config: AnalysisConfig, revs: Revisions | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every chain's numbers and the FEEDS ties between chains, as ``city_overview_html`` draws them."""
    from chain_graph.export.html import cross_chain_links

    revs = revisions(store) if revs is None else revs
    rows = []
    for summary in chain_summaries(store, cache, config.home_region, revs):
        gaps = gap_reports.gaps(store, cache, config, summary["chain_id"], revs=revs)
        rows.append(
            {
                "chain_id": gaps.chain_id,
                "name": gaps.chain_name,
                **gaps.counts.model_dump(),
                "completeness": gaps.completeness,
                "companies": summary["companies"],
                "local_firms": summary["local_firms"],
                "source": summary.get("source"),
                "as_of": summary.get("as_of"),
            }
        )
    segments: list[Segment] = store.list(Kind.SEGMENT).items  # type: ignore[assignment]
    links: list[SegmentLink] = store.list(Kind.SEGMENT_LINK).items  # type: ignore[assignment]
    return rows, cross_chain_links(segments, links)


def overview_html(store: Store, cache: RevisionCache, config: AnalysisConfig) -> bytes:
    """The offline city overview page: every chain and the ties between chains."""
    from chain_graph.export.html import city_overview_html

    revs = revisions(store)

    def render() -> bytes:
        chains, links = overview_data(store, cache, config, revs)
        return city_overview_html(chains, links).encode("utf-8")

    return cache.get_or_compute(("export.overview", config.home_region), (revs["data"], revs["epoch"], revs["plans"]),
                                render)  # fmt: skip


def graphml(store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str) -> bytes:
    """The chain's map graph as GraphML bytes."""
    from chain_graph.export.graphml import chain_graphml

    revs = revisions(store)

    def render() -> bytes:
        buffer = io.BytesIO()
        chain_graphml(chain_map(store, cache, config, chain_id, revs), buffer)
        return buffer.getvalue()

    return cache.get_or_compute(("export.graphml", chain_id), revs.chain(chain_id), render)


def gaps_xlsx(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, county: str | None = None
) -> tuple[str, bytes]:
    """The gap report as a workbook: the chain's name and the file's bytes (one revision read)."""
    from chain_graph.export.excel import gaps_workbook

    revs = revisions(store)
    gaps = gap_reports.gaps(store, cache, config, chain_id, county, revs=revs)
    depends = gap_reports.report_key(store, cache, config, chain_id, revs)
    return gaps.chain_name, cache.get_or_compute(("gaps.xlsx", chain_id, county), depends, lambda: gaps_workbook(gaps))
