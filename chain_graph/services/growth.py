"""Growth glue shared by the API and the CLI: public views of expansion projects and pipeline
entries (with their allowed moves, company names and Chinese labels) and, per chain, the
strong-chain firms that are growing.

Expansion projects and pipeline entries are few per city (hundreds, not 10⁵): the KPIs and the
growing-firm list read them whole; the firms' memberships come from ``store.company_facts``
(bounded by the firms named), and the segment statuses from the cached gap report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.growth import GrowingFirm, growing_firms
from chain_graph.cache import RevisionCache
from chain_graph.growth import EXPANSION_MOVES, LISTING_MOVES
from chain_graph.labels import zh
from chain_graph.models import Company, ExpansionProject, Kind, ListingEntry
from chain_graph.provenance import display_name
from chain_graph.services import gap_reports
from chain_graph.services.gap_reports import Revisions
from chain_graph.store import Store

__all__ = ["chain_growth", "company_names", "public_expansion", "public_growing", "public_listing"]


def company_names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Display names (short name, （示例） kept) of the companies among ``ids``, in one look-up."""
    found = store.lookup_many(Kind.COMPANY, [(i,) for i in set(ids)])
    names = {}
    for key, company in found.items():
        assert isinstance(company, Company)
        names[key[0]] = display_name(company.name, short_name=company.short_name, source=company.source)
    return names


def public_expansion(project: ExpansionProject, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The project's fields, its company's name, Chinese labels and where its status may move next."""
    return {
        **project.model_dump(),
        "company_name": (names or {}).get(project.company_id),
        "status_label": zh("expansion_status", project.status),
        "kind_label": zh("expansion_kind", project.expansion_kind),
        "key_list_label": zh("key_project_list", project.key_list) if project.key_list else None,
        "allowed_moves": [s.value for s in EXPANSION_MOVES[project.status]],
    }


def public_listing(entry: ListingEntry, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The pipeline entry's fields, its company's name, Chinese labels and the stages it may move to."""
    return {
        **entry.model_dump(),
        "company_name": (names or {}).get(entry.company_id),
        "tier_label": zh("listing_tier", entry.tier),
        "stage_label": zh("listing_stage", entry.stage),
        "allowed_moves": [s.value for s in LISTING_MOVES[entry.stage]],
    }


def chain_growth(
    store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str, revs: Revisions | None = None
) -> list[GrowingFirm]:
    """The local firms of the chain's strong segments with an active expansion project or a pipeline
    entry (NotFound for an unknown chain); cached by the gap report's key and the growth revision."""
    revs = gap_reports.revisions(store) if revs is None else revs
    report = gap_reports.report(store, cache, config, chain_id, revs=revs)
    local = gap_reports.scope(store, cache, config, revs)

    def compute() -> list[GrowingFirm]:
        projects: list[ExpansionProject] = store.list(Kind.EXPANSION).items  # type: ignore[assignment]
        entries: list[ListingEntry] = store.list(Kind.LISTING).items  # type: ignore[assignment]
        ids = {p.company_id for p in projects} | {e.company_id for e in entries}
        segment_ids = [s.segment_id for s in report.gaps.segments]
        facts = store.company_facts(ids, segment_ids, local) if ids else {}
        return growing_firms(report.gaps.segments, facts, projects, entries)

    return cache.get_or_compute(("growth", report.key), revs["growth"], compute)


def public_growing(firm: GrowingFirm) -> dict[str, Any]:
    names = {firm.company_id: firm.name}
    return {
        "company_id": firm.company_id,
        "name": firm.name,
        "segments": firm.segments,
        "investment_cny_100m": firm.investment_cny_100m,
        "expansions": [public_expansion(p, names) for p in firm.expansions],
        "listing": public_listing(firm.listing, names) if firm.listing else None,
    }
