"""Turn what planners write into ids: region names, and company names on ranking lists.

Both resolvers read the store once, in bulk (one ``list`` call each), and never per row.

- :class:`RegionResolver`: a company's ``region`` cell may hold a GB/T 2260 code known to
  the bundle or the store, or a region's exact name (``晋江市``); it is stored as the code.
- :func:`resolve_ranking_names`: a ranking row without a company_id is matched by name
  against the companies of the bundle and the store (:class:`chain_graph.matching.NameMatcher`:
  full name, short name, aliases; traditional/simplified, legal forms folded). One match
  links it; none creates an external company flagged for review, with the close names as
  suggestions (never linked); several are a rejection, since guessing would attach a rank
  to the wrong firm.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from chain_graph.bundle.cells import CellError, fold_width
from chain_graph.bundle.names import review_company_id
from chain_graph.bundle.report import ReviewItem
from chain_graph.errors import Problem
from chain_graph.matching import NameMatcher
from chain_graph.models import Company, Kind, Ranking, Record, Region
from chain_graph.store.base import Store

__all__ = ["REVIEW_SOURCE", "NameResolution", "PendingRanking", "RegionResolver", "resolve_ranking_names"]

REVIEW_SOURCE = "ranking import: unmatched name, needs review"


class RegionResolver:
    """Read a ``region`` cell: a known region code, or the exact name of exactly one region."""

    def __init__(self, bundle_regions: Iterable[Record], store: Store) -> None:
        regions: dict[str, Region] = {r.region_id: r for r in store.list(Kind.REGION).items}  # type: ignore[attr-defined,misc]
        regions.update({r.region_id: r for r in bundle_regions})  # type: ignore[attr-defined,misc]
        self._ids = set(regions)
        self._by_name: dict[str, list[str]] = {}
        for region in regions.values():
            self._by_name.setdefault(region.name, []).append(region.region_id)

    def __call__(self, text: str) -> str:
        code = fold_width(text).strip()
        if code in self._ids:
            return code
        ids = self._by_name.get(text.strip(), [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise CellError(f"ambiguous region name: it names regions {', '.join(sorted(ids))}; give the code")
        raise CellError(
            "names no known region: give a GB/T 2260 code or the exact name of a region in the bundle or the store"
        )


@dataclass(frozen=True)
class PendingRanking:
    """A ranking row that named its company only by name (its company_id is a placeholder)."""

    row: int
    record: Ranking


@dataclass
class NameResolution:
    resolved: list[PendingRanking] = field(default_factory=list)  # with their company_id set
    problems: list[Problem] = field(default_factory=list)
    new_companies: list[Company] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)


def resolve_ranking_names(
    pending: list[PendingRanking], bundle_companies: Iterable[Record], store: Store, *, file: str
) -> NameResolution:
    """Give each pending ranking row its company, or a problem; see the module's docs."""
    result = NameResolution()
    if not pending:
        return result
    companies = _all_companies(bundle_companies, store)
    matcher = NameMatcher(companies.values())
    created: dict[str, Company] = {}
    for item in pending:
        name = item.record.company_name or ""
        match = matcher.match(name)
        if match.kind == "ambiguous":
            shown = ", ".join(f"{c.company_id} ({c.name})" for c in match.candidates)
            result.problems.append(
                Problem(reason=f"ambiguous: matches {shown}", field="company_name", file=file, row=item.row, value=name)
            )
            continue
        company_id = match.company_id or review_company_id(name)
        known = companies.get(company_id) or created.get(company_id)
        if known is None:
            created[company_id] = Company(
                company_id=company_id, name=name, country=item.record.country, source=REVIEW_SOURCE
            )
        if known is None or known.source == REVIEW_SOURCE:
            suggestions = tuple(c for c in match.candidates if c.company_id != company_id)
            result.review.append(
                ReviewItem(
                    file=file,
                    row=item.row,
                    company_name=name,
                    company_id=company_id,
                    new=company_id in created,
                    suggestions=suggestions,
                )
            )
        record = item.record.model_copy(update={"company_id": company_id})
        result.resolved.append(PendingRanking(item.row, record))
    result.new_companies = list(created.values())
    return result


def _all_companies(bundle_companies: Iterable[Record], store: Store) -> dict[str, Company]:
    """The companies after the import: the store's, with the bundle's versions on top."""
    companies: dict[str, Company] = {c.company_id: c for c in store.list(Kind.COMPANY).items}  # type: ignore[attr-defined,misc]
    companies.update({c.company_id: c for c in bundle_companies})  # type: ignore[attr-defined,misc]
    return companies
