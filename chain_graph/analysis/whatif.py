"""What if a company became local? Statuses and completeness before and after .

The company is counted as local presence (basis ``what_if``) in every segment of this chain
it has an IN_SEGMENT edge to, with its role there; landed plans count as in :func:`chain_gaps`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.gaps import StatusCounts
from chain_graph.analysis.presence import Landing
from chain_graph.analysis.status import ChainContext, SegmentState, SegmentStatus, chain_context, completeness
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.facts import CompanyFacts

__all__ = ["SegmentChange", "WhatIf", "what_if"]

_RANK = {SegmentStatus.MISSING: 0, SegmentStatus.WEAK: 1, SegmentStatus.STRONG: 2}


class SegmentChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    before: SegmentStatus
    after: SegmentStatus
    local_count_before: int
    local_count_after: int
    changed: bool
    closes: bool  # missing → weak/strong, or weak → strong


class WhatIf(BaseModel):
    """Before/after of the company's segments in the chain, and of the chain's completeness."""

    model_config = ConfigDict(frozen=True)

    chain_id: str
    company_id: str
    name: str
    already_local: bool
    segments: list[SegmentChange]
    closes: list[SegmentChange]
    counts_before: StatusCounts
    counts_after: StatusCounts
    completeness_before: float
    completeness_after: float
    completeness_delta: float

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def what_if(before: ChainContext, company_id: str, company: CompanyFacts | None) -> WhatIf:
    """Statuses and completeness as if ``company_id`` became local in its segments of this chain.

    Parameters
    ----------
    before : ChainContext
        The chain as it is (:func:`~chain_graph.analysis.status.chain_context`).
    company_id : str
        The company to land.
    company : CompanyFacts or None
        Its facts over the chain's segments (``Store.company_facts``); None when no such
        company is stored.

    Returns
    -------
    WhatIf
        Its segments' statuses before and after, the gaps it closes, completeness before and after.

    Raises
    ------
    NotFound
        No such company (``company`` is None).
    InvalidInput
        The company has no segment in this chain.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, CompanyFacts, LocalScope
    >>> from chain_graph.models import Chain, Company, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[], presence=[],
    ...     segments=[Segment(segment_id="tea.rtd", chain_id="tea", name="茶饮料", stage="downstream")],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> firm = CompanyFacts(Company(company_id="x", name="外地茶饮（示例）"), local=False, county=None,
    ...                     basis=None, memberships={"tea.rtd": "leading"})
    >>> result = what_if(chain_context(facts, scope, DEFAULT_CONFIG), "x", firm)
    >>> [(c.segment_id, c.before.value, c.after.value) for c in result.closes], result.completeness_after
    ([('tea.rtd', 'missing', 'strong')], 1.0)
    """
    if company is None:
        raise NotFound(f"no company {company_id!r}", field="company_id")
    own = [s for s in before.segment_ids if s in company.memberships]
    if not own:
        raise InvalidInput(f"company {company_id!r} has no segment in chain {before.chain_id!r}", field="company_id")
    extra = [Landing(company_id, s, None, "what_if") for s in own]
    after = chain_context(before.facts, before.scope, before.config, before.landings.plus(extra, {company_id: company}))
    changes = [_change(before.states[s], after.states[s]) for s in own]
    b_states, a_states = before.chain_states(), after.chain_states()
    b_done, a_done = completeness(b_states), completeness(a_states)
    return WhatIf(
        chain_id=before.chain_id,
        company_id=company_id,
        name=company.company.name,
        already_local=company.local or company_id in before.landed_ids,
        segments=changes,
        closes=[c for c in changes if c.closes],
        counts_before=StatusCounts.of(b_states),
        counts_after=StatusCounts.of(a_states),
        completeness_before=b_done,
        completeness_after=a_done,
        completeness_delta=a_done - b_done,
    )


def _change(before: SegmentState, after: SegmentState) -> SegmentChange:
    return SegmentChange(
        segment_id=before.segment_id,
        name=before.name,
        before=before.status,
        after=after.status,
        local_count_before=before.local_count,
        local_count_after=after.local_count,
        changed=before.status is not after.status,
        closes=_RANK[after.status] > _RANK[before.status],
    )
