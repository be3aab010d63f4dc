"""Segment statuses (missing / weak / strong) and chain completeness, over a chain's facts.

:func:`chain_context` reads a chain's facts once — its segments in stage order, the local
presence of every segment, the landed plans — and computes every segment's state; the gap
report, the candidate ranking and the what-if all start from it.

Status of a segment, from its local firms (``AnalysisConfig``):

- ``missing``: no local firm;
- ``weak``: no local leading firm and fewer than ``weak_min_firms`` local firms, or — when
  ``weak_min_revenue_cny_100m`` is set and some local firm's revenue is known — the known local
  revenue is below it;
- ``strong``: otherwise.

Sub-segments are judged on their own firms; a parent does not inherit them. A segment lists
at most ``firm_list_limit`` of its local firms (leading first); its counts are always exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.config import AnalysisConfig
from chain_graph.analysis.presence import Landings, LocalFirm, Presence, presence
from chain_graph.facts import ChainFacts, LocalScope
from chain_graph.models import Segment, SegmentLink, Stage, construct_unchecked

__all__ = [
    "ChainContext",
    "LocalFirm",
    "SegmentState",
    "SegmentStatus",
    "chain_context",
    "classify",
    "completeness",
    "segment_weights",
]

STAGE_RANK = {Stage.UPSTREAM: 0, Stage.MIDSTREAM: 1, Stage.DOWNSTREAM: 2}


class SegmentStatus(StrEnum):
    MISSING = "missing"
    WEAK = "weak"
    STRONG = "strong"


class SegmentState(BaseModel):
    """One segment's local presence and status, with the reasons in Chinese and English."""

    model_config = ConfigDict(frozen=True)

    segment_id: str
    name: str
    chain_id: str
    stage: Stage
    status: SegmentStatus
    local_count: int
    leading_count: int
    local_revenue: float | None
    local_firms: list[LocalFirm]
    reasons: list[str]
    weight: float = 1.0


def classify(p: Presence, config: AnalysisConfig) -> tuple[SegmentStatus, list[str]]:
    """Status of a segment from its local presence, with the reasons (中文 / English).

    Missing without a local firm; weak without a local leading firm and fewer than
    ``config.weak_min_firms`` local firms (or below ``config.weak_min_revenue_cny_100m`` of
    known local revenue, when set); strong otherwise.

    Parameters
    ----------
    p : Presence
        The segment's local presence (:func:`~chain_graph.analysis.presence.presence`).
    config : AnalysisConfig
        The thresholds.

    Returns
    -------
    tuple of (SegmentStatus, list of str)
        The status and its reasons, each "中文 / English".

    Raises
    ------
    Nothing: every presence has a status.

    Examples
    --------
    >>> classify(Presence(), AnalysisConfig())
    (<SegmentStatus.MISSING: 'missing'>, ['无本地企业 / no local firm'])
    >>> classify(Presence(count=2), AnalysisConfig())[0], classify(Presence(count=3), AnalysisConfig())[0]
    (<SegmentStatus.WEAK: 'weak'>, <SegmentStatus.STRONG: 'strong'>)
    """
    n, k = p.count, config.weak_min_firms
    if n == 0:
        return SegmentStatus.MISSING, ["无本地企业 / no local firm"]
    revenue, floor = p.revenue, config.weak_min_revenue_cny_100m
    weak: list[str] = []
    if not p.leading and n < k:
        weak.append(f"无本地龙头企业，本地企业仅 {n} 家（少于 {k} 家）/ no local leading firm, {n} local firm(s) < {k}")
    if floor is not None and revenue is not None and revenue < floor:
        weak.append(f"本地营收 {revenue:g} 亿元，低于 {floor:g} 亿元 / local revenue {revenue:g} < {floor:g}")
    landed = [f"{f.name}（{f.plan_id}）" for f in p.landed if f.basis == "plan"]
    notes = [f"含已开工/投产专案企业 {'、'.join(landed)} / includes landed plan firm(s)"] if landed else []
    if weak:
        return SegmentStatus.WEAK, weak + notes
    if p.leading:
        leaders = [f.name for f in p.firms if f.leading]
        more = f" 等 {p.leading} 家" if p.leading > len(leaders) else ""
        strong = f"本地龙头企业：{'、'.join(leaders)}{more} / local leading firm(s): {p.leading}"
    else:
        strong = f"本地企业 {n} 家（不少于 {k} 家）/ {n} local firms, at least {k}"
    return SegmentStatus.STRONG, [strong, *notes]


def segment_state(segment: Segment, p: Presence, config: AnalysisConfig, weight: float = 1.0) -> SegmentState:
    status, reasons = classify(p, config)
    values = {
        "segment_id": segment.segment_id, "name": segment.name, "chain_id": segment.chain_id, "stage": segment.stage,
        "status": status, "local_count": p.count, "leading_count": p.leading, "local_revenue": p.revenue,
        "local_firms": p.firms, "reasons": reasons, "weight": weight,
    }  # fmt: skip
    return construct_unchecked(SegmentState, values)  # every field computed here: no validation needed


def segment_weights(links: Iterable[SegmentLink], segment_ids: Iterable[str]) -> dict[str, float]:
    """Weight of each segment: 1 + the weights of the FEEDS links that touch it within the set.

    Parameters
    ----------
    links : iterable of SegmentLink
        FEEDS links; a link with an end outside ``segment_ids`` is not counted, a link without
        a weight counts 1.
    segment_ids : iterable of str
        The segments to weigh (a chain's own segments).

    Returns
    -------
    dict of str to float
        Each segment id's weight, at least 1.0.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.models import SegmentLink
    >>> links = [SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.shoe", weight=0.5),
    ...          SegmentLink(from_segment_id="tex.shoe", to_segment_id="pc.pta")]
    >>> segment_weights(links, ["tex.fiber", "tex.shoe"])
    {'tex.fiber': 1.5, 'tex.shoe': 1.5}
    """
    weights = dict.fromkeys(segment_ids, 1.0)
    for link in sorted(links, key=lambda lk: (lk.from_segment_id, lk.to_segment_id)):  # one order: one float sum
        a, b = link.from_segment_id, link.to_segment_id
        if a in weights and b in weights:
            w = float(link.weight or 1.0)
            weights[a] += w
            weights[b] += w
    return weights


def completeness(states: Iterable[SegmentState]) -> float:
    """Σ weight of segments with local presence ÷ Σ weight of all segments (0.0 for none).

    A weak segment counts as present: completeness measures coverage, statuses strength.

    Parameters
    ----------
    states : iterable of SegmentState
        The chain's segment states, each with its weight (:func:`segment_weights`).

    Returns
    -------
    float
        A number in 0..1; 0.0 for no segments.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> s = dict(chain_id="c", stage=Stage.UPSTREAM, leading_count=0, local_revenue=None, local_firms=[], reasons=[])
    >>> completeness([SegmentState(segment_id="a", name="A", status="strong", local_count=3, weight=2.5, **s),
    ...               SegmentState(segment_id="b", name="B", status="missing", local_count=0, weight=1.5, **s)])
    0.625
    """
    states = list(states)
    total = sum(s.weight for s in states)
    present = sum(s.weight for s in states if s.status is not SegmentStatus.MISSING)
    return present / total if total else 0.0


def _stage_order(segment: Segment) -> tuple[int, str]:
    return STAGE_RANK[Stage(segment.stage)], segment.segment_id


@dataclass
class ChainContext:
    """A chain's facts read once: its segments, landings and segment states."""

    facts: ChainFacts
    scope: LocalScope
    config: AnalysisConfig
    landings: Landings
    segment_ids: list[str]  # this chain's, stage order
    segments: dict[str, Segment]  # every segment of the facts
    weights: dict[str, float]
    states: dict[str, SegmentState] = field(default_factory=dict)  # every segment of the facts

    @property
    def chain_id(self) -> str:
        return self.facts.chain.chain_id

    @property
    def landed_ids(self) -> frozenset[str]:
        """Companies landed (by plan or what-if) in some segment."""
        return self.landings.company_ids

    def chain_states(self, county: str | None = None, *, firms: bool = True) -> list[SegmentState]:
        """This chain's segment states, stage order; with ``county``, only that county's firms count
        (without ``firms``, the states list no firms: what a county summary needs)."""
        if county is None:
            return [self.states[s] for s in self.segment_ids]
        local = presence(self.facts, self.landings, county, firms=firms)
        return [segment_state(self.segments[s], local[s], self.config, self.weights[s]) for s in self.segment_ids]


def chain_context(
    facts: ChainFacts,
    scope: LocalScope,
    config: AnalysisConfig,
    landings: Landings | None = None,
) -> ChainContext:
    """Read a chain's facts: landings and every segment's state.

    Parameters
    ----------
    facts : ChainFacts
        What a store answered about the chain (``Store.chain_facts``).
    scope : LocalScope
        The home region and its counties.
    config : AnalysisConfig
        The thresholds of :func:`classify`.
    landings : Landings, optional
        Companies counted as local presence without being local members (landed plans,
        a what-if); none by default.

    Returns
    -------
    ChainContext
        The facts with every segment's state, the chain's own segments in stage order.

    Raises
    ------
    Nothing: the facts are taken as the store gave them.

    Examples
    --------
    >>> from chain_graph.facts import ChainFacts, LocalScope, PresenceFact
    >>> from chain_graph.models import Chain, Region, Segment
    >>> scope = LocalScope.of("350500", [Region(region_id="350500", name="泉州市")])
    >>> facts = ChainFacts(chain=Chain(chain_id="tea", name="茶"), links=[], firms=[],
    ...     segments=[Segment(segment_id="tea.leaf", chain_id="tea", name="茶叶", stage="upstream")],
    ...     presence=[PresenceFact("tea.leaf", None, 4, 0, 0.0, 0)],
    ...     leading_supplies=[], supplier_segments={}, firm_limit=50)
    >>> ctx = chain_context(facts, scope, AnalysisConfig())
    >>> ctx.segment_ids, ctx.states["tea.leaf"].status.value, ctx.states["tea.leaf"].local_count
    (['tea.leaf'], 'strong', 4)
    """
    landings = landings or Landings()
    segments = {s.segment_id: s for s in sorted(facts.segments, key=_stage_order)}
    own = [s for s, seg in segments.items() if seg.chain_id == facts.chain.chain_id]
    weights = segment_weights(facts.links, own)
    ctx = ChainContext(facts, scope, config, landings, own, segments, weights)
    for seg_id, p in presence(facts, landings).items():
        ctx.states[seg_id] = segment_state(segments[seg_id], p, config, weights.get(seg_id, 1.0))
    return ctx
