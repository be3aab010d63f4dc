"""Chain-gap analysis (DESIGN.md §3, §4): pure functions over a chain subgraph and plain records.

Both stores hand :meth:`Store.chain_subgraph` to the same code:

>>> from chain_graph.analysis import chain_gaps, rank_candidates, what_if   # doctest: +SKIP
>>> G = store.chain_subgraph("textile-apparel-footwear")                     # doctest: +SKIP
>>> gaps = chain_gaps(G, plans=plans)                                        # doctest: +SKIP
>>> top = rank_candidates(G, plans=plans, limit=5)                           # doctest: +SKIP

- :mod:`.config`: thresholds and weights (:class:`AnalysisConfig`);
- :mod:`.presence`: who is local and in which county, read off the graph;
- :mod:`.status`: segment statuses and completeness;
- :mod:`.gaps`: the gap report (:func:`chain_gaps`) and :func:`chain_snapshot`;
- :mod:`.links`: extensions, supply dependency, fragile links;
- :mod:`.scoring` / :mod:`.candidates`: the explainable candidate score and ranking;
- :mod:`.whatif`: the effect of one company becoming local;
- :mod:`.kpis`: the plan KPIs.
"""

from chain_graph.analysis.candidates import Candidate, rank_candidates
from chain_graph.analysis.config import DEFAULT_CONFIG, AnalysisConfig, CandidateWeights
from chain_graph.analysis.gaps import ChainGaps, CountySummary, CountyView, StatusCounts, chain_gaps, chain_snapshot
from chain_graph.analysis.kpis import (
    KpiConfig,
    Kpis,
    ListCoverage,
    SignedInvestment,
    StartRate,
    UnitRank,
    kpis,
    list_coverage,
    signed_investment,
    start_rate,
    unit_ranking,
)
from chain_graph.analysis.links import Extension, FragileLink, SupplyGroup
from chain_graph.analysis.scoring import ListEntry, PlanInfo, ScorePart, Tie
from chain_graph.analysis.status import LocalFirm, SegmentState, SegmentStatus
from chain_graph.analysis.whatif import SegmentChange, WhatIf, what_if

__all__ = [
    "AnalysisConfig",
    "CandidateWeights",
    "DEFAULT_CONFIG",
    "chain_gaps",
    "chain_snapshot",
    "rank_candidates",
    "what_if",
    "kpis",
    "signed_investment",
    "start_rate",
    "unit_ranking",
    "list_coverage",
    "KpiConfig",
    "ChainGaps",
    "CountySummary",
    "CountyView",
    "StatusCounts",
    "SegmentState",
    "SegmentStatus",
    "LocalFirm",
    "Extension",
    "SupplyGroup",
    "FragileLink",
    "Candidate",
    "ScorePart",
    "ListEntry",
    "Tie",
    "PlanInfo",
    "WhatIf",
    "SegmentChange",
    "Kpis",
    "SignedInvestment",
    "StartRate",
    "UnitRank",
    "ListCoverage",
]
