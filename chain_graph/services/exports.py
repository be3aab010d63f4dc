"""Maps, exports and workbooks as the API and the CLI hand them out: rendered from what the
analysis services computed (the cached gap report, its candidates, the chain's map graph),
cached under keys this module owns. The exports never read the store.

Each function reads the store's revisions once and passes them down. It gathers its inputs
from the cache one after the other (each computed, when missing, from the store alone), then
renders from those inputs only: no computation calls back into the cache.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from chain_graph.analysis import AnalysisConfig, KpiConfig
from chain_graph.cache import RevisionCache
from chain_graph.models import RANKING_LISTS, Kind, Record, Segment, SegmentLink
from chain_graph.services import gap_reports, kpi_reports
from chain_graph.services import plans as plan_service
from chain_graph.services.chains import chain_summaries
from chain_graph.services.gap_reports import Revisions, revisions
from chain_graph.services.graph import vis_graph
from chain_graph.store import Store
from chain_graph.store.subgraph import SubgraphParts, assemble

__all__ = [
    "bundle_xlsx",
    "candidates_xlsx",
    "chain_html",
    "chain_map",
    "city_graph",
    "city_graphml",
    "export_chain_html",
    "export_overview_html",
    "gaps_xlsx",
    "graphml",
    "kpis_xlsx",
    "overview_data",
    "overview_html",
    "plans_xlsx",
    "vis",
]

_PAGE = 10_000  # records read from the store at a time for the whole-store exports


def chain_map(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> nx.MultiDiGraph:
    """The chain's map graph (its segments, neighbours, own companies and their ties); read only."""
    revs = revisions(store) if revs is None else revs
    return cache.get_or_compute(("map", chain_id), revs.chain(chain_id), lambda: store.chain_subgraph(chain_id))


def vis(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    companies: bool = True,
    revs: Revisions | None = None,
) -> dict[str, Any]:
    """Nodes and edges of the chain for vis-network, statuses from the gap report."""
    revs = revisions(store) if revs is None else revs
    report = gap_reports.report(store, cache, config, chain_id, revs=revs)
    G = chain_map(store, cache, config, chain_id, revs)
    key = ("vis", chain_id, companies, config.home_region)
    return cache.get_or_compute(
        key, report.key, lambda: vis_graph(G, report.gaps, config.home_region, companies=companies)
    )


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
    revs: Revisions | None = None,
) -> tuple[str, bytes]:
    """The chain's offline HTML map (for ``county`` when given): its name and the page's bytes.

    The map lists a segment's local firms up to ``max_nodes`` (the report lists
    ``firm_list_limit``); crowded segments fold into aggregate nodes as the page decides.
    """
    from chain_graph.export.html import SEGMENT_FIRM_LIMIT, chain_map_html

    revs = revisions(store) if revs is None else revs
    drawn = config.model_copy(update={"firm_list_limit": max(config.firm_list_limit, min(max_nodes, 10_000))})
    report = gap_reports.report(store, cache, drawn, chain_id, county, revs=revs)
    found = gap_reports.candidates(store, cache, config, chain_id, revs=revs) if with_candidates else []
    G = chain_map(store, cache, config, chain_id, revs)
    limit = SEGMENT_FIRM_LIMIT if segment_limit is None else segment_limit
    unfolded = segment_limit == 0

    def render() -> bytes:
        page = chain_map_html(G, report.gaps, found, max_nodes=max_nodes, segment_limit=None if unfolded else limit)
        return page.encode("utf-8")

    key = ("export.html", chain_id, county, with_candidates, max_nodes, limit, unfolded)
    depends = (report.key, revs["plans"], revs["relations"]) if with_candidates else report.key
    return report.gaps.chain_name, cache.get_or_compute(key, depends, render)


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


def _cross_chain_links(store: Store, cache: RevisionCache, revs: Revisions) -> list[dict[str, Any]]:
    """The FEEDS ties between chains (segments and links are graph data: the data revision)."""
    from chain_graph.export.overview import cross_chain_links

    def compute() -> list[dict[str, Any]]:
        segments: list[Segment] = store.list(Kind.SEGMENT).items  # type: ignore[assignment]
        links: list[SegmentLink] = store.list(Kind.SEGMENT_LINK).items  # type: ignore[assignment]
        return cross_chain_links(segments, links)

    return cache.get_or_compute(("cross_chain_links",), revs["data"], compute)


def _overview_inputs(
    store: Store, cache: RevisionCache, config: AnalysisConfig, revs: Revisions
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], tuple[Hashable, ...]]:
    """Every chain's numbers (from its cached gap report), the ties between chains, and the key
    they make together."""
    rows, keys = [], []
    for summary in chain_summaries(store, cache, config.home_region, revs):
        report = gap_reports.report(store, cache, config, summary["chain_id"], revs=revs)
        gaps = report.gaps
        keys.append(report.key)
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
    links = _cross_chain_links(store, cache, revs)
    return rows, links, (tuple(keys), revs["data"], revs["epoch"])


def overview_data(
    store: Store, cache: RevisionCache, config: AnalysisConfig, revs: Revisions | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every chain's numbers and the FEEDS ties between chains, as ``city_overview_html`` draws them."""
    rows, links, _ = _overview_inputs(store, cache, config, revisions(store) if revs is None else revs)
    return rows, links


def overview_html(store: Store, cache: RevisionCache, config: AnalysisConfig, revs: Revisions | None = None) -> bytes:
    """The offline city overview page: every chain and the ties between chains."""
    from chain_graph.export.overview import city_overview_html

    rows, links, depends = _overview_inputs(store, cache, config, revisions(store) if revs is None else revs)
    key = ("export.overview", config.home_region)
    return cache.get_or_compute(key, depends, lambda: city_overview_html(rows, links).encode("utf-8"))


def graphml(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> bytes:
    """The chain's map graph as GraphML bytes."""
    from chain_graph.export.graphml import chain_graphml

    revs = revisions(store) if revs is None else revs
    G = chain_map(store, cache, config, chain_id, revs)

    def render() -> bytes:
        buffer = io.BytesIO()
        chain_graphml(G, buffer)
        return buffer.getvalue()

    return cache.get_or_compute(("export.graphml", chain_id), revs.chain(chain_id), render)


def _every(store: Store, kind: Kind) -> Iterator[Record]:
    """Every record of ``kind``, read a page at a time."""
    for offset in itertools.count(0, _PAGE):
        page = store.list(kind, offset=offset, limit=_PAGE).items
        yield from page
        if len(page) < _PAGE:
            return


def city_graph(store: Store) -> nx.MultiDiGraph:
    """Every chain, segment, company, region and ranking of the store, in the chain-map layout."""
    parts = SubgraphParts(
        chain_id="",
        **{name: list(_every(store, kind)) for name, kind in _CITY_PARTS.items()},  # type: ignore[arg-type]
    )
    G = assemble(parts)
    G.graph.pop("chain_id", None)
    G.graph["scope"] = "city"
    G.graph["ranking_lists"] = sorted(str(k) for k in RANKING_LISTS)
    return G


_CITY_PARTS = {
    "chains": Kind.CHAIN, "segments": Kind.SEGMENT, "links": Kind.SEGMENT_LINK, "memberships": Kind.COMPANY_SEGMENT,
    "companies": Kind.COMPANY, "supplies": Kind.SUPPLY, "rankings": Kind.RANKING, "regions": Kind.REGION,
}  # fmt: skip


def city_graphml(store: Store, path_or_buffer: str | os.PathLike[str] | io.BufferedIOBase | io.BytesIO) -> None:
    """Write the whole graph of the store (:func:`city_graph`) as GraphML."""
    from chain_graph.export.graphml import chain_graphml

    chain_graphml(city_graph(store), path_or_buffer)  # type: ignore[arg-type]


def gaps_xlsx(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    county: str | None = None,
    revs: Revisions | None = None,
) -> tuple[str, bytes]:
    """The gap report as a workbook: the chain's name and the file's bytes (one revision read)."""
    from chain_graph.export.excel import gaps_workbook

    report = gap_reports.report(store, cache, config, chain_id, county, revs=revisions(store) if revs is None else revs)
    data = cache.get_or_compute(("gaps.xlsx", chain_id, county), report.key, lambda: gaps_workbook(report.gaps))
    return report.gaps.chain_name, data


def candidates_xlsx(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    revs: Revisions | None = None,
    **filters: Any,
) -> tuple[str, bytes]:
    """Every candidate that passes ``filters`` (those of :func:`gap_reports.candidates`) as a
    workbook: the chain's name and the file's bytes."""
    from chain_graph.export.excel import candidates_workbook

    revs = revisions(store) if revs is None else revs
    name = gap_reports.context(store, cache, config, chain_id, revs).facts.chain.name
    found = gap_reports.candidates(store, cache, config, chain_id, revs=revs, **filters)
    return name, candidates_workbook(found)


def plans_xlsx(store: Store, path: str | os.PathLike[str] | None = None, **filters: str | None) -> bytes:
    """The plans (filtered as ``list_plans``) with their company names, and their history."""
    from chain_graph.export.excel import plans_workbook

    found, events, names = plan_service.plan_ledger(store, **filters)
    return plans_workbook(found, events, path, names=names)


def kpis_xlsx(
    store: Store,
    cache: RevisionCache,
    year: int | None = None,
    month: str | None = None,
    *,
    config: KpiConfig | None = None,
    path: str | os.PathLike[str] | None = None,
    revs: Revisions | None = None,
) -> tuple[int, bytes]:
    """The KPIs of ``year`` (default: this year) as a workbook: the year and the file's bytes."""
    from chain_graph.export.excel import kpis_workbook

    year = year or dt.date.today().year
    return year, kpis_workbook(kpi_reports.kpi_report(store, cache, year, month, revs, config=config), path)


def bundle_xlsx(store: Store, path: str | os.PathLike[str] | None = None) -> bytes:
    """The store's chains, firms, ties and rankings as an importable workbook, read a page at a time."""
    from chain_graph.bundle.tables import TABLES
    from chain_graph.export.excel import bundle_workbook

    return bundle_workbook({spec.name: _every(store, spec.kind) for spec in TABLES}, path)
