"""Turn what planners write into ids: region names, and company names on ranking lists.

Both resolvers read the store once, in bulk (one ``list`` call each), and never per row.

- :class:`RegionResolver`: a company's ``region`` cell may hold a region's id or exact name
  (``晋江市``) as the bundle or the store knows it, or else any GB/T 2260 code or name or an
  ISO 3166 country (:class:`chain_graph.regions.ReferenceRegions`); it is stored as the code,
  and the regions the store lacks (with their ancestors) are added from the reference
  tables. Each distinct cell is resolved once.
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
from chain_graph.errors import InvalidInput, Problem
from chain_graph.locality import region_path
from chain_graph.matching import NameMatcher
from chain_graph.models import Company, Kind, Ranking, Record, Region
from chain_graph.regions import ReferenceRegions
from chain_graph.store.base import Store

__all__ = ["REVIEW_SOURCE", "NameResolution", "PendingRanking", "RegionResolver", "resolve_ranking_names"]

REVIEW_SOURCE = "ranking import: unmatched name, needs review"


class RegionResolver:
    """Read a ``region`` cell: a known region's code or exact name, else a reference region."""

    def __init__(
        self, bundle_regions: Iterable[Record], store: Store, reference: ReferenceRegions | None = None
    ) -> None:
        regions: dict[str, Region] = {r.region_id: r for r in store.list(Kind.REGION).items}  # type: ignore[attr-defined,misc]
        regions.update({r.region_id: r for r in bundle_regions})  # type: ignore[attr-defined,misc]
        self._known = regions
        self._by_name: dict[str, list[str]] = {}
        for region in regions.values():
            self._by_name.setdefault(region.name, []).append(region.region_id)
        self.reference = reference or ReferenceRegions()
        self.added: dict[str, Region] = {}  # reference regions the import adds, ancestors included
        self.retired: set[str] = set()  # retired GB/T 2260 codes the bundle gave
        self._seen: dict[str, str | CellError] = {}

    def __call__(self, text: str) -> str:
        found = self._seen.get(text)
        if found is None:
            try:
                found = self._resolve(text)
            except CellError as e:
                found = e
            self._seen[text] = found
        if isinstance(found, CellError):
            raise found
        return found

    def _resolve(self, text: str) -> str:
        code = fold_width(text).strip()
        if code in self._known:
            return code
        ids = self._by_name.get(text.strip(), [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise CellError(f"ambiguous region name: it names regions {', '.join(sorted(ids))}; give the code")
        try:
            return self.adopt(self.reference.resolve(code if code.isascii() else text))
        except InvalidInput as e:
            raise CellError(e.message) from None

    def adopt(self, region_id: str) -> str:
        """Make ``region_id`` known, adding its reference records (up to a known ancestor)."""
        if region_id in self._known:
            return region_id
        for region in self.reference.records(region_id):
            if region.region_id in self._known:
                break
            self._known[region.region_id] = self.added[region.region_id] = region
        if region_id in self.added and region_id.isdigit():
            division = self.reference.division(region_id)
            if division is not None and not division.current:
                self.retired.add(region_id)
        return region_id

    def path(self, region_id: str) -> list[str]:
        """The region and its ancestors, as the import will store them."""
        if region_id not in self._known:
            self.adopt(region_id)
        return list(region_path(region_id, self._known))

    def name(self, region_id: str) -> str:
        region = self._known.get(region_id)
        return region.name if region is not None else region_id


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
