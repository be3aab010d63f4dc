"""Score a project against the appraisal criteria and give a verdict with its reasons (pure).

Each criterion's value is computed from the planner's inputs (亩均投资 = investment ÷ land, …),
compared with its thresholds (100 at ``good``, 60 at ``minimum``, else 0) and weighted; the total is
the weighted mean over the criteria that could be scored. Missing inputs are named in the reasons
and keep the verdict at 有条件推荐 at best; a vetoed criterion at 0 makes it 不建议.

>>> from chain_graph.appraisal.config import AppraisalConfig
>>> r = appraise(AppraisalInputs(technology_route=5, product_competitiveness=4, market_prospects=4, land_mu=50,
...     annual_tax_cny_10k=2000, annual_output_cny_100m=10, energy_tce=5000, jobs=400),
...     investment_cny_100m=3, fit_status="missing", config=AppraisalConfig())
>>> r.verdict.value, round(r.score, 1)
('recommend', 100.0)
>>> r.criteria[4].value, r.criteria[4].label
(600.0, '亩均投资')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chain_graph.appraisal.config import CRITERIA, AppraisalConfig, Criterion
from chain_graph.labels import zh
from chain_graph.models import Verdict

__all__ = ["AppraisalInputs", "AppraisalResult", "CriterionResult", "appraise"]

# how the project's segment fits the chain: its status, with what the project would do there
FIT_LABELS = {
    "missing": f"{zh('gap_status', 'missing')}（{zh('gap_type', 'missing')}）",
    "weak": f"{zh('gap_status', 'weak')}（{zh('gap_type', 'weak')}）",
    "extension": zh("gap_type", "extension"),
    "strong": f"{zh('gap_status', 'strong')}（已有本地龙头或足够企业）",
}
LEVEL_LABELS = {"good": "达标", "minimum": "基本达标", "below": "未达标", "missing": "未填写"}


@dataclass(frozen=True)
class AppraisalInputs:
    """What the planner gives: three ratings (1–5) and the project's figures."""

    technology_route: int | None = None
    product_competitiveness: int | None = None
    market_prospects: int | None = None
    land_mu: float | None = None
    floor_space_m2: float | None = None
    annual_tax_cny_10k: float | None = None
    annual_output_cny_100m: float | None = None
    energy_tce: float | None = None
    jobs: int | None = None


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    label: str
    unit: str
    value: float | None
    score: float | None  # None: not scored (input missing)
    level: str  # good, minimum, below, missing
    weight: float
    reason: str


@dataclass(frozen=True)
class AppraisalResult:
    score: float
    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    criteria: list[CriterionResult] = field(default_factory=list)

    @property
    def verdict_label(self) -> str:
        return zh("verdict", self.verdict)


def _values(i: AppraisalInputs, investment: float | None, fit: float | None) -> dict[str, float | None]:
    land = i.land_mu
    per_mu = land is not None and land > 0
    output_10k = i.annual_output_cny_100m * 1e4 if i.annual_output_cny_100m else None
    return {
        "industry_fit": fit,
        "technology_route": i.technology_route,
        "product_competitiveness": i.product_competitiveness,
        "market_prospects": i.market_prospects,
        "investment_per_mu": investment * 1e4 / land if per_mu and investment is not None else None,  # type: ignore[operator]
        "tax_per_mu": i.annual_tax_cny_10k / land if per_mu and i.annual_tax_cny_10k is not None else None,  # type: ignore[operator]
        "energy_intensity": i.energy_tce / output_10k if output_10k and i.energy_tce is not None else None,
        "land": land,
        "jobs": i.jobs,
    }


def _level(c: Criterion, value: float) -> str:
    if c.lower_is_better:
        return "good" if value <= c.good else "minimum" if value <= c.minimum else "below"
    return "good" if value >= c.good else "minimum" if value >= c.minimum else "below"


def _reason(name: str, c: Criterion, value: float | None, level: str, fit_status: str | None) -> str:
    label, unit = CRITERIA[name]
    if value is None:
        return f"{label}：未填写，未计分"
    if name == "industry_fit":
        return f"{label}：{FIT_LABELS.get(fit_status or '', fit_status)}，{LEVEL_LABELS[level]}"
    cmp = "≤" if c.lower_is_better else "≥"
    shown = f"{value:.3g}" if value < 1 else f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{label} {shown} {unit}，{LEVEL_LABELS[level]}（推荐 {cmp} {c.good:g}，最低 {cmp} {c.minimum:g}）"


def appraise(
    inputs: AppraisalInputs, *, investment_cny_100m: float | None, fit_status: str | None, config: AppraisalConfig
) -> AppraisalResult:
    """Score every criterion, weigh them and give the verdict with its reasons."""
    fit = config.fit_scores.get(fit_status) if fit_status else None
    results: list[CriterionResult] = []
    for name, value in _values(inputs, investment_cny_100m, fit).items():
        c = config.criteria.get(name)
        if c is None or c.weight == 0:
            continue
        level = "missing" if value is None else _level(c, float(value))
        score = None if value is None else {"good": 100.0, "minimum": 60.0, "below": 0.0}[level]
        label, unit = CRITERIA[name]
        shown = None if value is None else float(value)
        results.append(CriterionResult(name, label, unit, shown, score, level, c.weight,
                                       _reason(name, c, shown, level, fit_status)))  # fmt: skip
    return _verdict(results, config)


def _verdict(results: list[CriterionResult], config: AppraisalConfig) -> AppraisalResult:
    scored = [r for r in results if r.score is not None]
    weight = sum(r.weight for r in scored)
    total = sum(r.weight * (r.score or 0) for r in scored) / weight if weight else 0.0
    vetoed = [r for r in scored if r.score == 0 and config.criteria[r.criterion].veto]
    missing = [r for r in results if r.score is None]
    cut = config.verdict
    if vetoed or total < cut.conditional_min:
        verdict = Verdict.NOT_RECOMMENDED
    elif total >= cut.recommend_min and not missing:
        verdict = Verdict.RECOMMEND
    else:
        verdict = Verdict.CONDITIONAL
    reasons = [f"综合得分 {total:.1f}（推荐 ≥ {cut.recommend_min:g}，有条件推荐 ≥ {cut.conditional_min:g}）"]
    reasons += [f"一票否决：{r.reason}" for r in vetoed]
    if missing:
        reasons.append("缺少研判要素（结论至多为有条件推荐）：" + "、".join(r.label for r in missing))
    reasons += [r.reason for r in results if r.level == "below" and r not in vetoed]
    reasons += [r.reason for r in results if r.level in ("good", "minimum")]
    return AppraisalResult(score=round(total, 1), verdict=verdict, reasons=reasons, criteria=results)
