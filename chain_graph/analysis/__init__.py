"""Chain-gap analysis: pure functions over the small fact records the stores answer.

The stores count and list (:mod:`chain_graph.facts`); the analysis judges:

>>> from chain_graph.analysis import chain_context, chain_gaps        # doctest: +SKIP
>>> facts = store.chain_facts("textile-apparel-footwear", scope, firm_limit=50)   # doctest: +SKIP
>>> ctx = chain_context(facts, scope, config, landings)              # doctest: +SKIP
>>> gaps = chain_gaps(ctx)                                           # doctest: +SKIP

:mod:`chain_graph.services.gap_reports` runs these steps with caching for the API and the CLI.

- :mod:`.config`: thresholds and weights (:class:`AnalysisConfig`);
- :mod:`.presence`: local presence per segment, landings of plans and what-ifs;
- :mod:`.status`: segment statuses and completeness (:func:`chain_context`);
- :mod:`.gaps`: the gap report (:func:`chain_gaps`) and :func:`chain_snapshot`;
- :mod:`.links`: extensions, supply dependency, fragile links;
- :mod:`.scoring` / :mod:`.candidates`: the explainable candidate score and ranking;
- :mod:`.whatif`: the effect of one company becoming local;
- :mod:`.kpis`: the plan KPIs, from :mod:`.investment` (signed investment, start rate) and
  :mod:`.rankings` (the monthly unit ranking 逐月亮晒, the ranking lists' coverage);
- :mod:`.events` / :mod:`.event_reports`: a promotion event's target list and its results.
"""

from chain_graph.analysis.candidates import Candidate, gap_segments, rank_candidates
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
from chain_graph.analysis.presence import Landing, Landings, landings_from_plans
from chain_graph.analysis.scoring import ListEntry, PlanInfo, ScorePart, Tie
from chain_graph.analysis.status import ChainContext, LocalFirm, SegmentState, SegmentStatus, chain_context
from chain_graph.analysis.whatif import SegmentChange, WhatIf, what_if

__all__ = [
    "AnalysisConfig",
    "CandidateWeights",
    "DEFAULT_CONFIG",
    "ChainContext",
    "Landing",
    "Landings",
    "chain_context",
    "gap_segments",
    "landings_from_plans",
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
