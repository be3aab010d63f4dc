"""Project appraisal (综合研判): configuration, scoring and verdict — pure, no store.

- :mod:`.config`: thresholds, weights, verdict cut-offs and the plan gate (:class:`AppraisalConfig`);
- :mod:`.scoring`: :func:`appraise` scores the inputs and gives 推荐 / 有条件推荐 / 不建议 with reasons;
- :mod:`.gate`: :func:`gate_refusal`, why a status move is refused for want of an appraisal.

The services (:mod:`chain_graph.services.appraisal`) compute the industry fit from the gap report
and record the appraisal with the plan's history.
"""

from chain_graph.appraisal.config import (
    CRITERIA,
    GATE_OFF,
    AppraisalConfig,
    Criterion,
    GateConfig,
    load_appraisal_config,
)
from chain_graph.appraisal.gate import gate_refusal
from chain_graph.appraisal.scoring import AppraisalInputs, AppraisalResult, CriterionResult, appraise

__all__ = [
    "CRITERIA",
    "GATE_OFF",
    "AppraisalConfig",
    "AppraisalInputs",
    "AppraisalResult",
    "Criterion",
    "CriterionResult",
    "GateConfig",
    "appraise",
    "gate_refusal",
    "load_appraisal_config",
]
