"""Local firms' growth: KPIs of expansion projects and the listing pipeline, and which strong-chain
firms are growing. Pure functions over records and facts (no store).

Definitions (amounts in 亿元; tax in 万元):

- **active** expansion projects: every status but ``cancelled``. ``investment`` sums the known
  amounts of active projects; ``unknown_amount`` counts active projects without one.
- ``by_status``: per status (cancelled included), projects and investment.
- ``key_lists``: per key technology-upgrade list (provincial, city), active projects on it and their
  investment; ``key_lists_in_year`` the same for projects whose ``key_list_year`` is the year.
- ``started`` / ``produced``: projects whose ``started_on`` / ``produced_on`` falls in the year
  (a project cancelled after it started still counts as started that year).
- **pipeline** firms: every stage but ``withdrawn``; ``by_tier`` and ``by_stage`` count them;
  ``tutoring`` / ``filed`` / ``listed`` count the firms whose ``tutoring_on`` / ``filed_on`` /
  ``listed_on`` falls in the year; ``tax_paid_cny_10k`` sums the known tax of pipeline firms.
- **growing strong-chain firms** of a chain: local firms in a segment whose status is ``strong``
  with an active expansion project or a pipeline entry.

>>> import datetime as dt
>>> p = ExpansionProject(expansion_id="e1", company_id="c", name="扩产", investment_cny_100m=3,
...                      status="under_construction", started_on=dt.date(2025, 3, 1))
>>> k = growth_kpis([p], [], year=2025)
>>> k.expansions.investment_cny_100m, k.expansions.started.projects
(3.0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.status import SegmentState, SegmentStatus
from chain_graph.facts import CompanyFacts
from chain_graph.models import (
    ExpansionProject,
    ExpansionStatus,
    KeyProjectList,
    ListingEntry,
    ListingStage,
    ListingTier,
)
from chain_graph.provenance import display_name

__all__ = [
    "ExpansionKpis",
    "GrowingFirm",
    "GrowthKpis",
    "ListingKpis",
    "ProjectSum",
    "growing_firms",
    "growth_kpis",
    "is_active",
    "in_pipeline",
]


class ProjectSum(BaseModel):
    model_config = ConfigDict(frozen=True)

    projects: int = 0
    investment_cny_100m: float = 0.0


class ExpansionKpis(BaseModel):
    model_config = ConfigDict(frozen=True)

    projects: int
    investment_cny_100m: float
    unknown_amount: int
    by_status: dict[str, ProjectSum]
    key_lists: dict[str, ProjectSum]
    key_lists_in_year: dict[str, ProjectSum]
    started: ProjectSum
    produced: ProjectSum


class ListingKpis(BaseModel):
    model_config = ConfigDict(frozen=True)

    firms: int
    by_tier: dict[str, int]
    by_stage: dict[str, int]
    tutoring: int
    filed: int
    listed: int
    tax_paid_cny_10k: float


class GrowthKpis(BaseModel):
    """The growth KPIs of a year (part of :class:`~chain_graph.analysis.kpis.Kpis`)."""

    model_config = ConfigDict(frozen=True)

    year: int
    expansions: ExpansionKpis
    listings: ListingKpis


class GrowingFirm(BaseModel):
    """A local firm of a strong segment that is growing: its projects and its pipeline entry."""

    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    segments: list[dict[str, str]]  # segment_id, name, role
    expansions: list[ExpansionProject]
    listing: ListingEntry | None
    investment_cny_100m: float


def is_active(project: ExpansionProject) -> bool:
    """Whether an expansion project counts as active: every status but ``cancelled``.

    Parameters
    ----------
    project : ExpansionProject
        The project, of any status.

    Returns
    -------
    bool
        False for a cancelled project, True otherwise.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> p = ExpansionProject(expansion_id="e1", company_id="c", name="扩产", status="under_construction")
    >>> is_active(p), is_active(p.model_copy(update={"status": ExpansionStatus.CANCELLED}))
    (True, False)
    """
    return project.status is not ExpansionStatus.CANCELLED


def in_pipeline(entry: ListingEntry) -> bool:
    """Whether a firm is in the listing pipeline: every stage but ``withdrawn``.

    Parameters
    ----------
    entry : ListingEntry
        The firm's pipeline entry, of any stage.

    Returns
    -------
    bool
        False for a withdrawn entry, True otherwise (a listed firm included).

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> e = ListingEntry(company_id="c", tier="listing_reserve", stage="listed")
    >>> in_pipeline(e), in_pipeline(e.model_copy(update={"stage": ListingStage.WITHDRAWN}))
    (True, False)
    """
    return entry.stage is not ListingStage.WITHDRAWN


def _sum(projects: Iterable[ExpansionProject]) -> ProjectSum:
    projects = list(projects)
    return ProjectSum(
        projects=len(projects), investment_cny_100m=float(sum(p.investment_cny_100m or 0.0 for p in projects))
    )


def _expansion_kpis(projects: list[ExpansionProject], year: int) -> ExpansionKpis:
    active = [p for p in projects if is_active(p)]
    return ExpansionKpis(
        projects=len(active),
        investment_cny_100m=_sum(active).investment_cny_100m,
        unknown_amount=sum(p.investment_cny_100m is None for p in active),
        by_status={s.value: _sum(p for p in projects if p.status is s) for s in ExpansionStatus},
        key_lists={k.value: _sum(p for p in active if p.key_list is k) for k in KeyProjectList},
        key_lists_in_year={
            k.value: _sum(p for p in active if p.key_list is k and p.key_list_year == year) for k in KeyProjectList
        },
        started=_sum(p for p in projects if p.started_on and p.started_on.year == year),
        produced=_sum(p for p in projects if p.produced_on and p.produced_on.year == year),
    )


def _listing_kpis(entries: list[ListingEntry], year: int) -> ListingKpis:
    pipeline = [e for e in entries if in_pipeline(e)]
    return ListingKpis(
        firms=len(pipeline),
        by_tier={t.value: sum(e.tier is t for e in pipeline) for t in ListingTier},
        by_stage={s.value: sum(e.stage is s for e in entries) for s in ListingStage},
        tutoring=sum(bool(e.tutoring_on and e.tutoring_on.year == year) for e in entries),
        filed=sum(bool(e.filed_on and e.filed_on.year == year) for e in entries),
        listed=sum(bool(e.listed_on and e.listed_on.year == year) for e in entries),
        tax_paid_cny_10k=float(sum(e.tax_paid_cny_10k or 0.0 for e in pipeline)),
    )


def growth_kpis(expansions: Iterable[ExpansionProject], listings: Iterable[ListingEntry], *, year: int) -> GrowthKpis:
    """Expansion and listing KPIs of ``year`` (see the module docstring).

    Parameters
    ----------
    expansions : iterable of ExpansionProject
        Expansion projects of any status (cancelled ones count only in ``by_status`` and in
        ``started`` / ``produced``).
    listings : iterable of ListingEntry
        Pipeline entries of any stage (withdrawn ones count only in ``by_stage`` and in the
        year's ``tutoring`` / ``filed`` / ``listed``).
    year : int
        The calendar year of the dated counts.

    Returns
    -------
    GrowthKpis
        The expansion KPIs (active projects, investment, by status, by key list, started,
        produced) and the listing KPIs (pipeline firms by tier and stage, the year's moves, tax).

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> projects = [ExpansionProject(expansion_id="e1", company_id="a", name="技改", investment_cny_100m=2,
    ...                              key_list="city", key_list_year=2025, status="approved"),
    ...             ExpansionProject(expansion_id="e2", company_id="b", name="扩产", status="cancelled",
    ...                              investment_cny_100m=9, started_on=dt.date(2025, 1, 5))]
    >>> entries = [ListingEntry(company_id="a", tier="reserve", tax_paid_cny_10k=800, filed_on=dt.date(2025, 6, 1)),
    ...            ListingEntry(company_id="b", tier="reserve", stage="withdrawn", tax_paid_cny_10k=600)]
    >>> k = growth_kpis(projects, entries, year=2025)
    >>> k.expansions.projects, k.expansions.investment_cny_100m, k.expansions.started.projects
    (1, 2.0, 1)
    >>> k.expansions.key_lists_in_year["city"].investment_cny_100m, k.listings.firms, k.listings.filed
    (2.0, 1, 1)
    >>> k.listings.tax_paid_cny_10k, k.listings.by_stage["withdrawn"]
    (800.0, 1)
    """
    return GrowthKpis(
        year=year,
        expansions=_expansion_kpis(list(expansions), year),
        listings=_listing_kpis(list(listings), year),
    )


def growing_firms(
    segments: Iterable[SegmentState],
    companies: Mapping[str, CompanyFacts],
    expansions: Iterable[ExpansionProject],
    listings: Iterable[ListingEntry],
) -> list[GrowingFirm]:
    """The local firms of the strong ``segments`` with an active project or a pipeline entry, most
    active investment first.

    Parameters
    ----------
    segments : iterable of SegmentState
        A chain's segment states (:func:`~chain_graph.analysis.status.chain_context`); only the
        strong ones are read.
    companies : mapping of str to CompanyFacts
        The facts of the firms named by the projects and entries, with their memberships among
        the segments; a firm missing here, or not local, is left out.
    expansions : iterable of ExpansionProject
        Expansion projects; cancelled ones are ignored.
    listings : iterable of ListingEntry
        Pipeline entries; withdrawn ones are ignored.

    Returns
    -------
    list of GrowingFirm
        Each firm with its strong segments (id, name, role), its active projects, its pipeline
        entry and its active investment; most investment first, then company id.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.facts import CompanyFacts
    >>> from chain_graph.models import Company
    >>> seg = dict(chain_id="tex", stage="downstream", leading_count=1, local_revenue=None, local_firms=[],
    ...            reasons=[])
    >>> states = [SegmentState(segment_id="tex.shoe", name="运动鞋服", status="strong", local_count=5, **seg),
    ...           SegmentState(segment_id="tex.dye", name="印染", status="weak", local_count=1, **seg)]
    >>> def firm(cid, name, segment):
    ...     return CompanyFacts(Company(company_id=cid, name=name), True, "350582", "region", {segment: "member"})
    >>> companies = {"a": firm("a", "甲鞋业（示例）", "tex.shoe"), "b": firm("b", "乙印染（示例）", "tex.dye")}
    >>> projects = [ExpansionProject(expansion_id="e1", company_id="a", name="扩产", investment_cny_100m=4),
    ...             ExpansionProject(expansion_id="e2", company_id="b", name="技改", investment_cny_100m=6)]
    >>> [(f.name, f.segments[0]["name"], f.investment_cny_100m) for f in growing_firms(states, companies, projects, [])]
    [('甲鞋业（示例）', '运动鞋服', 4.0)]
    """
    strong = {s.segment_id: s for s in segments if s.status is SegmentStatus.STRONG}
    projects: dict[str, list[ExpansionProject]] = {}
    for p in expansions:
        if is_active(p):
            projects.setdefault(p.company_id, []).append(p)
    entries = {e.company_id: e for e in listings if in_pipeline(e)}
    firms = []
    for company_id in sorted(projects.keys() | entries.keys()):
        facts = companies.get(company_id)
        if facts is None or not facts.local:
            continue
        held = [(sid, role) for sid, role in sorted(facts.memberships.items()) if sid in strong]
        if not held:
            continue
        mine = sorted(projects.get(company_id, []), key=lambda p: p.expansion_id)
        firms.append(
            GrowingFirm(
                company_id=company_id,
                name=display_name(facts.company.name, short_name=facts.company.short_name, source=facts.company.source),
                segments=[{"segment_id": sid, "name": strong[sid].name, "role": role} for sid, role in held],
                expansions=mine,
                listing=entries.get(company_id),
                investment_cny_100m=_sum(mine).investment_cny_100m,
            )
        )
    return sorted(firms, key=lambda f: (-f.investment_cny_100m, f.company_id))
