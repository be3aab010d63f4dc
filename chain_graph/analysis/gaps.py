"""The chain-gap report: one pure function over a chain's context (its facts read once).

:func:`chain_gaps` returns each segment's local presence and status, the extensions
(延链), the supply dependency of local leading firms, the fragile links, the completeness
score, a summary per county and, when asked, the statuses of one county.

**Completeness.** Each segment ``s`` of the chain gets the weight
``w(s) = 1 + Σ weight(e)`` over the FEEDS edges ``e`` that touch ``s`` and join two segments
of this chain (cross-chain FEEDS do not count). Completeness is
``Σ w(s) over segments with local presence (status weak or strong) ÷ Σ w(s) over all segments``,
a number in 0..1 (0.0 for a chain without segments). A well-connected segment weighs more
than an isolated one, and a weak segment counts as present: completeness measures coverage,
the statuses measure strength. Per county, the same weights are used with only that
county's firms counted.

Example
-------
>>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
>>> from chain_graph.facts import ChainFacts, FirmFact, LocalScope, PresenceFact
>>> from chain_graph.models import Chain, Region, Segment, SegmentLink
>>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市"),
...                                  Region(region_id="350582", name="晋江市", parent_id="350500")])
>>> facts = ChainFacts(
...     chain=Chain(chain_id="tex", name="纺织鞋服"),
...     segments=[Segment(segment_id="tex.fiber", chain_id="tex", name="化纤", stage="upstream"),
...               Segment(segment_id="tex.shoe", chain_id="tex", name="运动鞋服", stage="downstream")],
...     links=[SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.shoe", weight=0.5)],
...     presence=[PresenceFact("tex.shoe", "350582", 1, 1, 0.0, 0)],
...     firms=[FirmFact("tex.shoe", "anta", "安踏", "leading", "350582", None, "region")],
...     leading_supplies=[], supplier_segments={}, firm_limit=50)
>>> gaps = chain_gaps(chain_context(facts, scope, DEFAULT_CONFIG))
>>> [(s.segment_id, s.status.value, s.weight) for s in gaps.segments]
[('tex.fiber', 'missing', 1.5), ('tex.shoe', 'strong', 1.5)]
>>> gaps.completeness, [(e.segment_id, e.direction) for e in gaps.extensions]
(0.5, [('tex.fiber', 'upstream')])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.links import (
    Extension,
    FragileLink,
    SupplyGroup,
    extensions,
    fragile_links,
    supply_dependency,
)
from chain_graph.analysis.status import ChainContext, SegmentState, SegmentStatus, completeness
from chain_graph.errors import InvalidInput
from chain_graph.models import ChainSnapshot

__all__ = ["ChainGaps", "CountySummary", "CountyView", "StatusCounts", "chain_gaps", "chain_snapshot"]


class StatusCounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    segments: int
    missing: int
    weak: int
    strong: int

    @classmethod
    def of(cls, states: Iterable[SegmentState]) -> StatusCounts:
        statuses = [s.status for s in states]
        return cls(
            segments=len(statuses),
            missing=statuses.count(SegmentStatus.MISSING),
            weak=statuses.count(SegmentStatus.WEAK),
            strong=statuses.count(SegmentStatus.STRONG),
        )


class CountySummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    county_id: str
    name: str
    counts: StatusCounts
    completeness: float


class CountyView(CountySummary):
    segments: list[SegmentState]


class ChainGaps(BaseModel):
    """The gap report of one chain; :meth:`to_dict` gives it JSON-ready (Chinese kept as is)."""

    model_config = ConfigDict(frozen=True)

    chain_id: str
    chain_name: str
    home_region: str
    segments: list[SegmentState]
    counts: StatusCounts
    completeness: float
    extensions: list[Extension]
    supply_dependency: list[SupplyGroup]
    fragile: list[FragileLink]
    by_county: list[CountySummary]
    county: CountyView | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def chain_gaps(ctx: ChainContext, *, county: str | None = None) -> ChainGaps:
    """Gap report of the chain whose context ``ctx`` is (:func:`chain_context`).

    Plans whose status is in ``config.landed_statuses`` (started, in production) count their
    company as local presence in each of their segments (the landings of ``ctx``). With
    ``county`` (a region id directly under the home region), ``county`` holds the statuses
    computed with that county's firms only; any other value is refused with InvalidInput.
    Extensions, supply dependency and fragile links are always city-wide.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts, landings and segment states (:func:`chain_context`).
    county : str, optional
        A county or district of the home region: its own statuses as well.

    Returns
    -------
    ChainGaps
        Segments with status and reasons, completeness, extensions, supply dependency,
        fragile links, a summary per county (and the county's view when asked).

    Raises
    ------
    InvalidInput
        ``county`` is not directly under the home region.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市"),
    ...                                  Region(region_id="350582", name="晋江市", parent_id="350500")])
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[],
    ...     segments=[Segment(segment_id="tea.leaf", chain_id="tea", name="茶叶", stage="upstream"),
    ...               Segment(segment_id="tea.rtd", chain_id="tea", name="茶饮料", stage="downstream")],
    ...     presence=[PresenceFact("tea.leaf", "350582", 2, 0, 0.0, 0)],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> report = chain_gaps(chain_context(facts, scope, DEFAULT_CONFIG))
    >>> [(s.segment_id, s.status.value) for s in report.segments], report.completeness
    ([('tea.leaf', 'weak'), ('tea.rtd', 'missing')], 0.5)
    >>> chain_gaps(chain_context(facts, scope, DEFAULT_CONFIG), county="350200")
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: ...
    """
    names = ctx.scope.counties
    if county is not None and county not in names:
        known = "、".join(f"{cid} {name}" for cid, name in names.items()) or "none"
        raise InvalidInput(
            f"county {county!r} is not a county or district directly under the home region "
            f"{ctx.config.home_region!r}; known: {known}",
            field="county",
        )
    states = ctx.chain_states()
    return ChainGaps(
        chain_id=ctx.chain_id,
        chain_name=ctx.facts.chain.name,
        home_region=ctx.config.home_region,
        segments=states,
        counts=StatusCounts.of(states),
        completeness=completeness(states),
        extensions=extensions(ctx),
        supply_dependency=supply_dependency(ctx),
        fragile=fragile_links(ctx),
        by_county=[_county_summary(ctx, cid, name) for cid, name in names.items()],
        county=_county_view(ctx, county, names[county]) if county is not None else None,
    )


def _county_summary(ctx: ChainContext, county: str, name: str) -> CountySummary:
    states = ctx.chain_states(county, firms=False)
    return CountySummary(county_id=county, name=name, counts=StatusCounts.of(states), completeness=completeness(states))


def _county_view(ctx: ChainContext, county: str, name: str) -> CountyView:
    states = ctx.chain_states(county)
    return CountyView(
        county_id=county,
        name=name,
        counts=StatusCounts.of(states),
        completeness=completeness(states),
        segments=states,
    )


def chain_snapshot(gaps: ChainGaps, on: dt.date) -> ChainSnapshot:
    """The record that keeps the chain's completeness on a day (``ChainSnapshot``).

    Parameters
    ----------
    gaps : ChainGaps
        The chain's gap report (:func:`chain_gaps`).
    on : datetime.date
        The day it is kept for.

    Returns
    -------
    ChainSnapshot
        Completeness (clamped to 0..1) and the number of segments of each status.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[],
    ...     segments=[Segment(segment_id="tea.leaf", chain_id="tea", name="茶叶", stage="upstream"),
    ...               Segment(segment_id="tea.rtd", chain_id="tea", name="茶饮料", stage="downstream")],
    ...     presence=[PresenceFact("tea.leaf", None, 3, 0, 0.0, 0)],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> kept = chain_snapshot(chain_gaps(chain_context(facts, scope, DEFAULT_CONFIG)), dt.date(2026, 12, 1))
    >>> kept.on, kept.completeness, (kept.missing, kept.weak, kept.strong)
    (datetime.date(2026, 12, 1), 0.5, (1, 0, 1))
    """
    return ChainSnapshot(
        chain_id=gaps.chain_id,
        on=on,
        completeness=min(1.0, max(0.0, gaps.completeness)),
        segments=gaps.counts.segments,
        missing=gaps.counts.missing,
        weak=gaps.counts.weak,
        strong=gaps.counts.strong,
    )
