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
from chain_graph.export.excel import EXPANSION_KINDS, EXPANSION_STATUSES, KEY_LISTS, LISTING_STAGES, LISTING_TIERS
from chain_graph.growth import EXPANSION_MOVES, LISTING_MOVES
from chain_graph.models import Company, ExpansionProject, Kind, ListingEntry
from chain_graph.provenance import display_name
from chain_graph.services import gap_reports
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
        "status_label": EXPANSION_STATUSES[project.status.value],
        "kind_label": EXPANSION_KINDS[project.expansion_kind.value],
        "key_list_label": KEY_LISTS.get(project.key_list.value) if project.key_list else None,
        "allowed_moves": [s.value for s in EXPANSION_MOVES[project.status]],
    }


def public_listing(entry: ListingEntry, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The pipeline entry's fields, its company's name, Chinese labels and the stages it may move to."""
    return {
        **entry.model_dump(),
        "company_name": (names or {}).get(entry.company_id),
        "tier_label": LISTING_TIERS[entry.tier.value],
        "stage_label": LISTING_STAGES[entry.stage.value],
        "allowed_moves": [s.value for s in LISTING_MOVES[entry.stage]],
    }


def chain_growth(store: Store, cache: RevisionCache, config: AnalysisConfig, chain_id: str) -> list[GrowingFirm]:
    """The local firms of the chain's strong segments with an active expansion project or a pipeline
    entry (NotFound for an unknown chain); cached by the gap report's key and the growth revision."""
    revs = gap_reports.revisions(store)
    key = gap_reports.report_key(store, cache, config, chain_id, revs)

    def compute() -> list[GrowingFirm]:
        report = gap_reports.gaps(store, cache, config, chain_id, revs=revs)
        projects: list[ExpansionProject] = store.list(Kind.EXPANSION).items  # type: ignore[assignment]
        entries: list[ListingEntry] = store.list(Kind.LISTING).items  # type: ignore[assignment]
        ids = {p.company_id for p in projects} | {e.company_id for e in entries}
        segment_ids = [s.segment_id for s in report.segments]
        local = gap_reports.scope(store, cache, config, revs)
        facts = store.company_facts(ids, segment_ids, local) if ids else {}
        return growing_firms(report.segments, facts, projects, entries)

    return cache.get_or_compute(("growth", key), revs["growth"], compute)


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
