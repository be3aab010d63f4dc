"""What the FEEDS and SUPPLIES edges say about a chain: extensions, supply dependency, fragile links.

- **extension** (延链): a segment — of this chain or another — with no local firm that a
  ``strong`` segment of this chain FEEDS (direction ``downstream``) or is fed by (``upstream``);
  one row per (missing segment, strong segment) pair.
- **supply dependency**: for every local leading firm in a segment of this chain, its suppliers
  that are not local, grouped by that segment (the segment the leading firm serves).
- **fragile link**: a segment of this chain held by 1..``fragile_max_holders`` local firms on
  which at least ``fragile_min_dependents`` other segments of this chain with local presence
  depend downstream, transitively along FEEDS (the path may pass through any segment of the facts:
  the chain's own and its FEEDS neighbours).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.status import ChainContext, SegmentStatus
from chain_graph.facts import SupplyFact
from chain_graph.models import Role, Stage, construct_unchecked

__all__ = [
    "Dependent",
    "Extension",
    "FragileLink",
    "Holder",
    "SupplyGroup",
    "SupplyTie",
    "extensions",
    "fragile_links",
    "supply_dependency",
]


class Extension(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    chain_id: str
    stage: Stage
    cross_chain: bool
    direction: str  # "downstream": the strong segment FEEDS it; "upstream": it FEEDS the strong segment
    strong_segment_id: str
    strong_segment_name: str
    weight: float


class SupplyTie(BaseModel):
    model_config = ConfigDict(frozen=True)

    supplier_id: str
    supplier_name: str
    supplier_segment_ids: list[str]
    customer_id: str
    customer_name: str
    product: str | None
    amount_cny_100m: float | None
    source: str | None
    as_of: str | None


class SupplyGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    segment_name: str
    status: SegmentStatus
    suppliers: list[SupplyTie]


class Holder(BaseModel):
    model_config = ConfigDict(frozen=True)

    company_id: str
    name: str
    role: str


class Dependent(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    status: SegmentStatus


class FragileLink(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    stage: Stage
    status: SegmentStatus
    holders: list[Holder]
    dependent_count: int
    dependents: list[Dependent]


def extensions(ctx: ChainContext) -> list[Extension]:
    """Missing segments next to a strong segment of the chain, heaviest FEEDS link first.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts and segment states (:func:`~chain_graph.analysis.status.chain_context`).

    Returns
    -------
    list of Extension
        One per (missing segment, strong segment) pair joined by a FEEDS link, either way.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, FirmFact, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment, SegmentLink
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> seg = lambda sid, stage: Segment(segment_id=sid, chain_id="tex", name=sid, stage=stage)
    >>> facts = ChainFacts(chain=Chain(chain_id="tex", name="纺织鞋服"),
    ...     segments=[seg("tex.fiber", "upstream"), seg("tex.weave", "midstream"), seg("tex.shoe", "downstream")],
    ...     links=[SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.weave", weight=0.8),
    ...            SegmentLink(from_segment_id="tex.weave", to_segment_id="tex.shoe")],
    ...     presence=[PresenceFact("tex.weave", None, 3, 0, 0.0, 0), PresenceFact("tex.shoe", None, 1, 1, 0.0, 0)],
    ...     firms=[FirmFact("tex.shoe", "anta", "安踏", "leading", None, None, "region")],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> ctx = chain_context(facts, scope, DEFAULT_CONFIG)
    >>> ctx.states["tex.weave"].status.value, ctx.states["tex.fiber"].status.value
    ('strong', 'missing')
    >>> [(e.segment_id, e.direction, e.strong_segment_id) for e in extensions(ctx)]
    [('tex.fiber', 'upstream', 'tex.weave')]
    """
    rows = []
    links = sorted(ctx.facts.links, key=lambda lk: (lk.from_segment_id, lk.to_segment_id))
    for seg_id in ctx.segment_ids:
        if ctx.states[seg_id].status is not SegmentStatus.STRONG:
            continue
        near = [(lk.to_segment_id, lk, "downstream") for lk in links if lk.from_segment_id == seg_id]
        near += [(lk.from_segment_id, lk, "upstream") for lk in links if lk.to_segment_id == seg_id]
        for other, link, direction in near:
            state = ctx.states.get(other)
            if state is not None and state.status is SegmentStatus.MISSING:
                rows.append(
                    Extension(
                        segment_id=state.segment_id,
                        name=state.name,
                        chain_id=state.chain_id,
                        stage=state.stage,
                        cross_chain=state.chain_id != ctx.chain_id,
                        direction=direction,
                        strong_segment_id=seg_id,
                        strong_segment_name=ctx.states[seg_id].name,
                        weight=float(link.weight or 1.0),
                    )
                )
    return sorted(rows, key=lambda r: (-r.weight, r.segment_id, r.strong_segment_id))


def supply_dependency(ctx: ChainContext) -> list[SupplyGroup]:
    """Non-local suppliers of local leading firms, grouped by the leading firm's segment.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts (their ``leading_supplies``) and landings: a landed leading firm's
        outside suppliers count too.

    Returns
    -------
    list of SupplyGroup
        Per segment of a local leading firm, its non-local suppliers with their segments.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, FirmFact, LocalScope, PresenceFact, SupplyFact
    >>> from chain_graph.models import Chain, Region, Segment, SegmentLink
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> seg = lambda sid, stage: Segment(segment_id=sid, chain_id="tex", name=sid, stage=stage)
    >>> facts = ChainFacts(chain=Chain(chain_id="tex", name="纺织鞋服"),
    ...     segments=[seg("tex.fiber", "upstream"), seg("tex.weave", "midstream"), seg("tex.shoe", "downstream")],
    ...     links=[SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.weave", weight=0.8),
    ...            SegmentLink(from_segment_id="tex.weave", to_segment_id="tex.shoe")],
    ...     presence=[PresenceFact("tex.weave", None, 3, 0, 0.0, 0), PresenceFact("tex.shoe", None, 1, 1, 0.0, 0)],
    ...     firms=[FirmFact("tex.shoe", "anta", "安踏", "leading", None, None, "region")],
    ...     leading_supplies=[SupplyFact("x-fiber", "示例化纤（示例）", "anta", "安踏", "涤纶长丝", None, None, None,
    ...                                  False, "tex.shoe")],
    ...     supplier_segments={"x-fiber": ["tex.fiber"]}, firm_limit=50)
    >>> ctx = chain_context(facts, scope, DEFAULT_CONFIG)
    >>> [(g.segment_id, [(t.supplier_id, t.customer_id, t.supplier_segment_ids) for t in g.suppliers])
    ...  for g in supply_dependency(ctx)]
    [('tex.shoe', [('x-fiber', 'anta', ['tex.fiber'])])]
    """
    landed = ctx.landed_ids
    by_segment: dict[str, list[SupplyFact]] = {}
    for tie in ctx.facts.leading_supplies:
        by_segment.setdefault(tie.customer_segment_id or "", []).append(tie)
    segments_of = dict(ctx.facts.supplier_segments)
    for landing in ctx.landings.items:  # landed leading firms that the store did not count as local members
        company = ctx.landings.companies.get(landing.company_id)
        if company is None or landing.segment_id not in ctx.segment_ids:
            continue
        if (company.local and landing.segment_id in company.memberships) or company.memberships.get(
            landing.segment_id
        ) != Role.LEADING:
            continue
        by_segment.setdefault(landing.segment_id, []).extend(company.suppliers)
        segments_of.update(company.supplier_segments)
    groups = []
    for seg_id in ctx.segment_ids:
        state = ctx.states[seg_id]
        seen: set[tuple[str, str]] = set()
        ties = []
        for fact in by_segment.get(seg_id, ()):
            if fact.supplier_local or fact.supplier_id in landed or (fact.supplier_id, fact.customer_id) in seen:
                continue
            seen.add((fact.supplier_id, fact.customer_id))
            ties.append(_tie(fact, segments_of.get(fact.supplier_id, [])))
        if ties:
            ties.sort(
                key=lambda t: (t.amount_cny_100m is None, -(t.amount_cny_100m or 0), t.supplier_id, t.customer_id)
            )
            groups.append(SupplyGroup(segment_id=seg_id, segment_name=state.name, status=state.status, suppliers=ties))
    return groups


def _tie(fact: SupplyFact, segments: list[str]) -> SupplyTie:
    """A SupplyTie from a store's typed row, every field given: built without validation, as a
    report lists every outside supplier of the chain's leading firms (thousands at city scale)."""
    values = {
        "supplier_id": fact.supplier_id, "supplier_name": fact.supplier_name,
        "supplier_segment_ids": sorted(segments), "customer_id": fact.customer_id,
        "customer_name": fact.customer_name, "product": fact.product,
        "amount_cny_100m": None if fact.amount is None else float(fact.amount), "source": fact.source,
        "as_of": fact.as_of,
    }  # fmt: skip
    return construct_unchecked(SupplyTie, values)


def fragile_links(ctx: ChainContext) -> list[FragileLink]:
    """Thinly held segments that many local segments depend on, most dependents first.

    Parameters
    ----------
    ctx : ChainContext
        The chain's facts and states; ``ctx.config.fragile_max_holders`` and
        ``fragile_min_dependents`` say how thin and how many.

    Returns
    -------
    list of FragileLink
        Segments held by 1..``fragile_max_holders`` local firms on which at least
        ``fragile_min_dependents`` segments with local presence depend downstream (FEEDS*).

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.analysis import DEFAULT_CONFIG, chain_context
    >>> from chain_graph.facts import ChainFacts, FirmFact, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment, SegmentLink
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> seg = lambda sid, stage: Segment(segment_id=sid, chain_id="tex", name=sid, stage=stage)
    >>> facts = ChainFacts(chain=Chain(chain_id="tex", name="纺织鞋服"),
    ...     segments=[seg("tex.fiber", "upstream"), seg("tex.weave", "midstream"), seg("tex.shoe", "downstream")],
    ...     links=[SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.weave", weight=0.8),
    ...            SegmentLink(from_segment_id="tex.weave", to_segment_id="tex.shoe")],
    ...     presence=[PresenceFact("tex.weave", None, 3, 0, 0.0, 0), PresenceFact("tex.shoe", None, 1, 1, 0.0, 0)],
    ...     firms=[FirmFact("tex.shoe", "anta", "安踏", "leading", None, None, "region")],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> ctx = chain_context(facts, scope, DEFAULT_CONFIG)
    >>> fragile_links(ctx)  # the default needs 3 dependents: 安踏's segment has none below it
    []
    >>> thin = chain_context(facts, scope, DEFAULT_CONFIG.model_copy(update={"fragile_max_holders": 3,
    ...                                                                     "fragile_min_dependents": 1}))
    >>> [(f.segment_id, f.dependent_count) for f in fragile_links(thin)]
    [('tex.weave', 1)]
    """
    import networkx as nx  # here, not at the top: only this report walks the FEEDS graph

    feeds = nx.DiGraph((lk.from_segment_id, lk.to_segment_id) for lk in ctx.facts.links)
    cfg, rows = ctx.config, []
    for seg_id in ctx.segment_ids:
        state = ctx.states[seg_id]
        if not 1 <= state.local_count <= cfg.fragile_max_holders:
            continue
        below = nx.descendants(feeds, seg_id) if seg_id in feeds else set()
        deps = [
            ctx.states[s]
            for s in ctx.segment_ids
            if s in below and s != seg_id and ctx.states[s].status is not SegmentStatus.MISSING
        ]
        if len(deps) >= cfg.fragile_min_dependents:
            rows.append(
                FragileLink(
                    segment_id=seg_id,
                    name=state.name,
                    stage=state.stage,
                    status=state.status,
                    holders=[Holder(company_id=f.company_id, name=f.name, role=f.role) for f in state.local_firms],
                    dependent_count=len(deps),
                    dependents=[Dependent(segment_id=d.segment_id, name=d.name, status=d.status) for d in deps],
                )
            )
    return sorted(rows, key=lambda r: -r.dependent_count)  # stable: stage order within equal counts
