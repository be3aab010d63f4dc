"""Local presence per segment, from the stores' aggregates plus the landed firms.

The stores count a segment's local firms per county (:class:`~chain_graph.facts.PresenceFact`)
and list the first of them (:class:`~chain_graph.facts.FirmFact`, leading firms first). Landed
plans (status ``started`` / ``in_production``) and what-ifs add their company as local presence
in each of their segments (:class:`Landing`) unless it already counts there (a local member).
:func:`presence` merges the two into one :class:`Presence` per segment — city-wide, or for one
county, where only that county's firms count.

Example
-------
>>> from chain_graph.facts import ChainFacts, FirmFact, PresenceFact
>>> from chain_graph.models import Chain, Segment
>>> shoe = Segment(segment_id="tex.shoe", chain_id="tex", name="运动鞋服", stage="downstream")
>>> facts = ChainFacts(chain=Chain(chain_id="tex", name="纺织"), segments=[shoe], links=[],
...     presence=[PresenceFact("tex.shoe", "350582", 1, 1, 300.0, 1)],
...     firms=[FirmFact("tex.shoe", "anta", "安踏", "leading", "350582", 300.0, "region")],
...     leading_supplies=[], supplier_segments={}, firm_limit=50)
>>> p = presence(facts, Landings())["tex.shoe"]
>>> p.count, p.leading, p.revenue, [f.name for f in p.firms]
(1, 1, 300.0, ['安踏'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from chain_graph.facts import ChainFacts, CompanyFacts, FirmFact
from chain_graph.models import PlanStatus, Role, TargetPlan, construct_unchecked

__all__ = [
    "ROLE_RANK",
    "Landing",
    "Landings",
    "LocalFirm",
    "Presence",
    "landings_from_plans",
    "presence",
]

ROLE_RANK = {Role.LEADING: 0, Role.CORE: 1, Role.SUPPORTING: 2}


class LocalFirm(BaseModel):
    """A firm counted as local presence in a segment; ``basis`` says why it counts."""

    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    role: Role
    county: str | None
    leading: bool
    revenue_cny_100m: float | None = None
    basis: str  # "region" | "local_site" | "plan" | "what_if"
    plan_id: str | None = None


@dataclass(frozen=True)
class Landing:
    """A company counted as local presence in a segment without being a local member there."""

    company_id: str
    segment_id: str
    plan_id: str | None
    basis: str = "plan"  # "plan" or "what_if"


@dataclass(frozen=True)
class Landings:
    """Landings in order (plans by id, then what-ifs) and the facts of their companies."""

    items: tuple[Landing, ...] = ()
    companies: Mapping[str, CompanyFacts] = field(default_factory=dict)

    @property
    def company_ids(self) -> frozenset[str]:
        return frozenset(landing.company_id for landing in self.items)

    def plus(self, extra: Iterable[Landing], companies: Mapping[str, CompanyFacts]) -> Landings:
        return Landings((*self.items, *extra), {**self.companies, **companies})


@dataclass
class Presence:
    """One segment's local presence: exact counts, the first ``limit`` firms, the landed ones."""

    count: int = 0
    leading: int = 0
    revenue_sum: float = 0.0
    revenue_known: int = 0
    firms: list[LocalFirm] = field(default_factory=list)
    landed: list[LocalFirm] = field(default_factory=list)

    @property
    def revenue(self) -> float | None:
        """Known local revenue (亿元), rounded to 10⁻⁶ so every store's sum reads the same."""
        return round(self.revenue_sum, 6) if self.revenue_known else None


def landings_from_plans(plans: Iterable[TargetPlan], statuses: Iterable[PlanStatus]) -> list[Landing]:
    """A :class:`Landing` per segment of each plan whose status is one of ``statuses``, by plan id.

    Parameters
    ----------
    plans : iterable of TargetPlan
        Plans of any status.
    statuses : iterable of PlanStatus
        The statuses that count as landed (``AnalysisConfig.landed_statuses``).

    Returns
    -------
    list of Landing
        One per (plan, segment), in plan id order.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.models import PlanStatus, TargetPlan
    >>> p = TargetPlan(plan_id="p1", company_id="x", chain_id="tea", segment_ids=("tea.rtd",), gap_type="missing",
    ...                unit="安溪县", status="started", created_at="2026-01-05T09:00", updated_at="2026-03-01T09:00")
    >>> landings_from_plans([p], [PlanStatus.STARTED])
    [Landing(company_id='x', segment_id='tea.rtd', plan_id='p1', basis='plan')]
    >>> landings_from_plans([p], [PlanStatus.IN_PRODUCTION])
    []
    """
    landed = set(statuses)
    return [
        Landing(plan.company_id, segment_id, plan.plan_id)
        for plan in sorted(plans, key=lambda p: p.plan_id)
        if plan.status in landed
        for segment_id in plan.segment_ids
    ]


def _order(firm: LocalFirm) -> tuple[int, str]:
    return ROLE_RANK[firm.role], firm.company_id


_FACT_RANK = {r.value: rank for r, rank in ROLE_RANK.items()}


def _fact_order(fact: FirmFact) -> tuple[int, str]:
    return _FACT_RANK[fact.role], fact.company_id


def presence(
    facts: ChainFacts, landings: Landings, county: str | None = None, *, firms: bool = True
) -> dict[str, Presence]:
    """Presence of every segment of the facts (city-wide, or only ``county``'s firms); without
    ``firms`` only the counts (what a county summary needs).

    A county's firm lists need facts read for that county (``facts.firm_county``): the city's
    lists hold only the first firms city-wide.

    Parameters
    ----------
    facts : ChainFacts
        The chain's facts as a store answered them.
    landings : Landings
        Companies counted as local presence without being local members there.
    county : str, optional
        Count only this county's firms (and landings).
    firms : bool, default True
        List the firms too; False gives the counts only.

    Returns
    -------
    dict of str to Presence
        Every segment of the facts (the chain's and its FEEDS neighbours') with its presence.

    Raises
    ------
    ValueError
        Firm lists asked for a county the facts were not read for.

    Examples
    --------
    >>> from chain_graph.facts import ChainFacts, PresenceFact
    >>> from chain_graph.models import Chain, Segment
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[],
    ...     segments=[Segment(segment_id="tea.leaf", chain_id="tea", name="茶叶", stage="upstream")],
    ...     presence=[PresenceFact("tea.leaf", "350524", 3, 1, 12.5, 1),
    ...               PresenceFact("tea.leaf", None, 1, 0, 0.0, 0)],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> city = presence(facts, Landings())["tea.leaf"]
    >>> anxi = presence(facts, Landings(), "350524", firms=False)["tea.leaf"]
    >>> (city.count, city.leading, city.revenue), (anxi.count, anxi.leading)
    ((4, 1, 12.5), (3, 1))
    """
    if firms and county is not None and county != facts.firm_county:
        raise ValueError(f"these facts hold the firm lists of {facts.firm_county or 'the city'}, not of {county}")
    out = {s.segment_id: Presence() for s in facts.segments}
    for p in facts.presence:
        if (county is None or p.county == county) and p.segment_id in out:
            acc = out[p.segment_id]
            acc.count += p.firms
            acc.leading += p.leading
            acc.revenue_sum += p.revenue
            acc.revenue_known += p.revenue_known
    chosen: dict[str, dict[str, FirmFact]] = {}  # a firm may be both in the city's and the county's list
    for f in facts.firms if firms else ():
        if (county is None or f.county == county) and f.segment_id in out:
            chosen.setdefault(f.segment_id, {})[f.company_id] = f
    for seg, by_id in chosen.items():  # first the order and the cut, then the objects
        rows = sorted(by_id.values(), key=_fact_order)
        out[seg].firms = [_local_firm(f) for f in rows[: facts.firm_limit]]
    seen: set[tuple[str, str]] = set()
    for landing in landings.items:
        company = landings.companies.get(landing.company_id)
        acc_ = out.get(landing.segment_id)
        if company is None or acc_ is None or (landing.company_id, landing.segment_id) in seen:
            continue
        seen.add((landing.company_id, landing.segment_id))
        if company.local and landing.segment_id in company.memberships:
            continue  # a local member: already counted
        if county is not None and company.county != county:
            continue
        firm = _landed_firm(company, landing)
        acc_.count += 1
        acc_.leading += firm.leading
        if firm.revenue_cny_100m is not None:
            acc_.revenue_sum += firm.revenue_cny_100m
            acc_.revenue_known += 1
        acc_.firms.append(firm)
        acc_.landed.append(firm)
    for acc in out.values():
        acc.firms.sort(key=_order)
        del acc.firms[facts.firm_limit :]
        acc.landed.sort(key=_order)
    return out


_ROLES = {r.value: r for r in Role}


def _local_firm(f: FirmFact) -> LocalFirm:
    """A LocalFirm from the store's typed row, every field given: built without validation, as
    this runs for every firm a report lists (thousands per chain at city scale)."""
    role = _ROLES[f.role]
    values = {
        "company_id": f.company_id, "name": f.name, "role": role, "county": f.county,
        "leading": role is Role.LEADING, "revenue_cny_100m": f.revenue, "basis": f.basis, "plan_id": None,
    }  # fmt: skip
    return construct_unchecked(LocalFirm, values)


def _landed_firm(company: CompanyFacts, landing: Landing) -> LocalFirm:
    role = Role(company.memberships.get(landing.segment_id, Role.CORE))
    return LocalFirm(
        company_id=company.company.company_id,
        name=company.company.name,
        role=role,
        county=company.county,
        leading=role is Role.LEADING,
        revenue_cny_100m=company.company.revenue_cny_100m,
        basis=landing.basis,
        plan_id=landing.plan_id,
    )
