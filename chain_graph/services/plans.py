"""Plan glue shared by the API and the CLI: the public view of a plan, plans prefilled from candidates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from chain_graph.analysis import AnalysisConfig, Candidate
from chain_graph.cache import RevisionCache
from chain_graph.errors import InvalidInput
from chain_graph.labels import zh
from chain_graph.models import GapType, PlanEvent, PlanStatus, TargetPlan
from chain_graph.plans import OPEN_END, allowed_moves, overdue_plans
from chain_graph.services import gap_reports
from chain_graph.store import Store

__all__ = ["find_overdue", "plan_ledger", "prefill_from_candidate", "public_event", "public_plan"]


def public_plan(plan: TargetPlan, today: dt.date | None = None) -> dict[str, Any]:
    """The plan's fields, where it may move next and whether its next action is overdue."""
    today = today or dt.date.today()
    overdue = bool(plan.due_date and plan.due_date < today and plan.status not in OPEN_END)
    return {**plan.model_dump(), "allowed_moves": allowed_moves(plan.status), "overdue": overdue}


def public_event(event: PlanEvent) -> dict[str, Any]:
    """One entry of a plan's audit trail, its ``changes`` (field → [old, new]) as an object."""
    row = event.model_dump()
    try:
        row["changes"] = json.loads(event.changes)
    except ValueError:
        row["changes"] = {}
    return row


def find_overdue(store: Store, *, today: dt.date, **filters: str | None) -> list[TargetPlan]:
    """Open plans past their due date, most overdue first, that match every given filter
    (``chain_id``, ``status``, ``unit``, ``company_id``; None means any)."""
    wanted = {k: v for k, v in filters.items() if v is not None}
    return [p for p in overdue_plans(store, today=today) if all(getattr(p, k) == v for k, v in wanted.items())]


def _candidate(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    company_id: str,
    segment_id: str,
    revs: gap_reports.Revisions | None = None,
) -> Candidate:
    found = gap_reports.candidates(store, cache, config, chain_id, segment_id=segment_id, revs=revs)
    hit = next((c for c in found if c.company_id == company_id), None)
    if hit is None:
        raise InvalidInput(
            f"from_candidate.company_id: {company_id!r} is not a candidate for segment {segment_id!r} "
            "(not in that segment, or already local there)",
            field="from_candidate.company_id",
        )
    return hit


def _rationale(c: Candidate, chain_id: str) -> str:
    """Why this company: the gap, its ties to local firms, its list places, its score."""
    lines = [f"{zh('gap_status', c.status)} {c.status.value}: 环节「{c.segment_name}」({c.segment_id})"]
    if c.chain_id != chain_id:
        lines[0] += f"，属相邻产业链 {c.chain_id} / in the neighbouring chain {c.chain_id} (延链 extension)"
    if c.ties:
        ties = "；".join(
            f"{'供货给' if t.direction == 'supplies_to' else '采购自'} {t.name}"
            + (f"（{t.product}）" if t.product else "")
            for t in c.ties
        )
        lines.append(f"已有本地配套关系 / ties to local firms: {ties}")
    if c.lists:
        lines.append("榜单 / lists: " + "；".join(f"{e.name} {e.year} 第{e.rank}位" for e in c.lists))
    lines.append(f"候选得分 / candidate score: {c.score:.1f}")
    if c.plan is not None:
        lines.append(f"已有专案 / existing plan: {c.plan.plan_id} ({c.plan.status.value})")
    return "\n".join(lines)


def prefill_from_candidate(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    chain_id: str,
    company_id: str,
    segment_id: str,
    revs: gap_reports.Revisions | None = None,
) -> dict[str, Any]:
    """Plan fields taken from the candidate analysis: chain, segment, gap type, rationale, linked firms.

    A candidate in a neighbouring chain's segment makes an ``extension`` plan of that chain
    (a plan's segments belong to its chain).
    """
    c = _candidate(store, cache, config, chain_id, company_id, segment_id, revs)
    if c.chain_id != chain_id:
        gap = GapType.EXTENSION
    else:
        gap = GapType.MISSING if c.status.value == "missing" else GapType.WEAK
    return {
        "company_id": c.company_id,
        "chain_id": c.chain_id,
        "segment_ids": [c.segment_id],
        "gap_type": gap,
        "rationale": _rationale(c, chain_id)[:2000],
        "linked_company_ids": list(dict.fromkeys(t.company_id for t in c.ties))[:50],
        "status": PlanStatus.IDENTIFIED,
    }


def plan_ledger(
    store: Store,
    *,
    chain_id: str | None = None,
    status: str | None = None,
    unit: str | None = None,
    company_id: str | None = None,
) -> tuple[list[TargetPlan], list[PlanEvent], dict[str, str]]:
    """Plans (filtered as ``list_plans``), their events and the names of the firms they name: a ledger."""
    from chain_graph.models import Company, Kind
    from chain_graph.plans import list_plans

    found: list[TargetPlan] = list_plans(  # type: ignore[assignment]
        store, chain_id=chain_id, status=status, unit=unit, company_id=company_id
    ).items
    ids = {p.plan_id for p in found}
    events = [e for e in store.list(Kind.PLAN_EVENT).items if isinstance(e, PlanEvent) and e.plan_id in ids]
    wanted = {(c,) for p in found for c in (p.company_id, *p.linked_company_ids)}
    names = {k[0]: c.name for k, c in store.lookup_many(Kind.COMPANY, wanted).items() if isinstance(c, Company)}
    return found, events, names
