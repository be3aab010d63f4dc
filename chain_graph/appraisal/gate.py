"""The plan gate: which status moves need an appraisal first (pure).

>>> from chain_graph.appraisal.config import GateConfig
>>> from chain_graph.models import PlanStatus as S
>>> gate_refusal(GateConfig(), S.NEGOTIATING, S.SIGNED_CONTRACT, None)
'status: a plan needs an appraisal (综合研判) before it moves to signed_contract; appraise it first'
>>> gate_refusal(GateConfig(), S.NEGOTIATING, S.SIGNED_FRAMEWORK, None) is None
True
"""

from __future__ import annotations

from chain_graph.appraisal.config import GateConfig
from chain_graph.models import PLAN_ORDER, PlanStatus, Verdict

__all__ = ["gate_refusal"]


def gate_refusal(gate: GateConfig, current: PlanStatus, target: PlanStatus, verdict: Verdict | None) -> str | None:
    """Why moving from ``current`` to ``target`` is refused (``verdict`` of the plan's appraisal, None
    when it has none), or None when the move may go. A plan already past the gate is not stopped."""
    if gate.status == "off" or target is PlanStatus.DROPPED:
        return None
    guard = PLAN_ORDER.index(PlanStatus(gate.status))
    if PLAN_ORDER.index(target) < guard:
        return None
    if current is not PlanStatus.DROPPED and PLAN_ORDER.index(current) >= guard:
        return None
    if verdict is None:
        return f"status: a plan needs an appraisal (综合研判) before it moves to {gate.status}; appraise it first"
    if gate.require == "not_rejected" and verdict is Verdict.NOT_RECOMMENDED:
        return (
            f"status: the plan's appraisal says 不建议 (not recommended); it cannot move to {gate.status} "
            "until a new appraisal recommends it"
        )
    return None
