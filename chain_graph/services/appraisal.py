"""Project appraisal (综合研判) as the API and the CLI serve it: appraise a plan, read its appraisal.

The industry fit is not typed in: it is the best gap status (缺链 → 弱链 → 强链) among the plan's
segments, read from the chain's gap report. The appraisal is kept as the plan's current one and
recorded in its history (an ``appraise`` event), with the plan's version moved on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any

from pydantic import ValidationError

from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig, AppraisalInputs, appraise
from chain_graph.cache import RevisionCache
from chain_graph.errors import InvalidInput
from chain_graph.labels import group, zh
from chain_graph.models import Appraisal, GapType, Kind, TargetPlan, problems_of
from chain_graph.plans import get_plan, record_appraisal
from chain_graph.services import gap_reports
from chain_graph.services.gap_reports import Revisions
from chain_graph.store import Store

__all__ = ["INPUT_FIELDS", "appraisal_of", "appraisal_summary", "appraise_plan", "fit_status", "public_appraisal"]

INPUT_FIELDS = tuple(f.name for f in fields(AppraisalInputs))
_ORDER = {"missing": 0, "weak": 1, "strong": 2}


def fit_status(
    store: Store, cache: RevisionCache, config: AnalysisConfig, plan: TargetPlan, revs: Revisions | None = None
) -> str | None:
    """The best status among the plan's segments in its chain's gap report (an extension plan whose
    segment is already strong counts as ``extension``); None when no segment is in the report."""
    report = gap_reports.gaps(store, cache, config, plan.chain_id, revs=revs)
    statuses = [s.status.value for s in report.segments if s.segment_id in plan.segment_ids]
    if not statuses:
        return None
    best = min(statuses, key=lambda s: _ORDER.get(s, 3))
    return "extension" if best == "strong" and plan.gap_type is GapType.EXTENSION else best


def _inputs(given: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(INPUT_FIELDS) - {"note"})
    if unknown:
        raise InvalidInput(f"{unknown[0]}: not an appraisal input; known: {', '.join(INPUT_FIELDS)}", field=unknown[0])
    return {k: v for k, v in given.items() if k in INPUT_FIELDS}


def appraise_plan(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    appraisal_config: AppraisalConfig,
    plan_id: str,
    *,
    version: int,
    inputs: Mapping[str, Any],
    actor: str,
    note: str | None = None,
    revs: Revisions | None = None,
) -> dict[str, Any]:
    """Score the plan with ``inputs`` (see :data:`INPUT_FIELDS`), keep the appraisal, record it in
    the plan's history; return the public appraisal with the plan's new version."""
    plan = get_plan(store, plan_id)
    values = _inputs(inputs)
    try:  # validate the inputs by the record's own rules before scoring them
        Appraisal.model_validate({**values, "plan_id": plan_id, "score": 0, "verdict": "conditional",
                                  "appraised_at": dt.datetime.now(dt.UTC), "actor": actor, "note": note})  # fmt: skip
    except ValidationError as e:
        p = problems_of(e)[0]
        raise InvalidInput(f"{p.field}: {p.reason}" if p.field else p.reason, field=p.field) from e
    status = fit_status(store, cache, config, plan, revs)
    result = appraise(
        AppraisalInputs(**values),
        investment_cny_100m=plan.expected_investment_cny_100m,
        fit_status=status,
        config=appraisal_config,
    )
    record = Appraisal.model_validate(
        {
            **values,
            "plan_id": plan_id,
            "note": note,
            "score": result.score,
            "verdict": result.verdict,
            "reasons": result.reasons[:40],
            "criteria": json.dumps([asdict(c) for c in result.criteria], ensure_ascii=False),
            "appraised_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
            "actor": actor,
        }
    )
    moved = record_appraisal(store, plan_id, version=version, appraisal=record, actor=actor, note=note)
    return {**public_appraisal(record), "plan_version": moved.version}


def public_appraisal(appraisal: Appraisal) -> dict[str, Any]:
    """The appraisal with its verdict's Chinese label and its criteria as a list of objects."""
    row = appraisal.model_dump(mode="json")
    row["verdict_label"] = zh("verdict", appraisal.verdict)
    try:
        row["criteria"] = json.loads(appraisal.criteria)
    except ValueError:
        row["criteria"] = []
    return row


def appraisal_of(store: Store, plan_id: str) -> dict[str, Any] | None:
    """The plan's current appraisal (public), or None; NotFound for an unknown plan."""
    get_plan(store, plan_id)
    found = store.find(Kind.APPRAISAL, plan_id)
    return public_appraisal(found) if isinstance(found, Appraisal) else None


def appraisal_summary(store: Store) -> dict[str, Any]:
    """Figures for reports: appraised plans, per verdict (Chinese label → count), the land (亩),
    floor space (㎡), yearly tax (万元) and jobs the appraised projects ask for or promise."""
    found = [a for a in store.list(Kind.APPRAISAL).items if isinstance(a, Appraisal)]
    verdicts = Counter(zh("verdict", a.verdict) for a in found)
    return {
        "appraised": len(found),
        "verdicts": {label: verdicts.get(label, 0) for label in (lab.zh for lab in group("verdict").values())},
        "land_mu": sum(a.land_mu or 0 for a in found),
        "floor_space_m2": sum(a.floor_space_m2 or 0 for a in found),
        "annual_tax_cny_10k": sum(a.annual_tax_cny_10k or 0 for a in found),
        "jobs": sum(a.jobs or 0 for a in found),
    }
