"""Settings of the project appraisal (综合研判): thresholds, weights, verdict cut-offs and the plan gate.

Every number lives here with its meaning; a bureau sets its own in a TOML file named by
``CHAIN_GRAPH_APPRAISAL_CONFIG`` (see the README, "Configuration"), whose sections override these
defaults key by key. The defaults are **illustrative**, chosen so the demo reads sensibly; they are
not an official 亩均 standard of Quanzhou or any county — set the figures your bureau uses.

>>> config = AppraisalConfig()
>>> config.criteria["investment_per_mu"].good, config.gate.status.value, config.gate.require
(400.0, 'signed_contract', 'not_rejected')
>>> AppraisalConfig.build({"verdict": {"recommend_min": 120}})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
chain_graph.errors.InvalidInput: invalid appraisal config: verdict.recommend_min: Input should be ... 100
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chain_graph.errors import InvalidInput
from chain_graph.models import PlanStatus, problems_of

__all__ = [
    "CRITERIA",
    "GATE_OFF",
    "AppraisalConfig",
    "Criterion",
    "GateConfig",
    "VerdictCutoffs",
    "load_appraisal_config",
]

# criterion id -> (label, unit, input it reads) — the order the appraisal lists them in
CRITERIA: dict[str, tuple[str, str]] = {
    "industry_fit": ("产业方向契合度", "补链/强链/延链"),
    "technology_route": ("技术路线", "评分 1–5"),
    "product_competitiveness": ("产品竞争力", "评分 1–5"),
    "market_prospects": ("市场前景", "评分 1–5"),
    "investment_per_mu": ("亩均投资", "万元/亩"),
    "tax_per_mu": ("亩均税收", "万元/亩·年"),
    "energy_intensity": ("单位产值能耗", "吨标准煤/万元"),
    "land": ("用地需求", "亩"),
    "jobs": ("带动就业", "人"),
}


class Criterion(BaseModel):
    """One scored criterion: at or beyond ``good`` scores 100, at or beyond ``minimum`` 60, else 0.

    ``lower_is_better`` turns the comparisons round (energy use, land). A criterion with ``veto``
    that scores 0 makes the verdict 不建议 whatever the total.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    weight: float = Field(1.0, ge=0, le=100)
    good: float = Field(0, ge=0)
    minimum: float = Field(0, ge=0)
    lower_is_better: bool = False
    veto: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Criterion:
        if (self.good < self.minimum) if not self.lower_is_better else (self.good > self.minimum):
            better = "at most" if self.lower_is_better else "at least"
            raise ValueError(f"good must be {better} minimum")
        return self


def _rating(weight: float) -> Criterion:
    return Criterion(weight=weight, good=4, minimum=3)


def _default_criteria() -> dict[str, Criterion]:
    return {
        # industry fit is scored from the gap status (fit_scores); good/minimum apply to that score
        "industry_fit": Criterion(weight=3, good=70, minimum=50, veto=True),
        "technology_route": _rating(1.5),
        "product_competitiveness": _rating(1.5),
        "market_prospects": _rating(1.5),
        "investment_per_mu": Criterion(weight=2, good=400, minimum=250),
        "tax_per_mu": Criterion(weight=2, good=30, minimum=15),
        "energy_intensity": Criterion(weight=1, good=0.1, minimum=0.3, lower_is_better=True, veto=True),
        "land": Criterion(weight=1, good=100, minimum=300, lower_is_better=True),
        "jobs": Criterion(weight=0.5, good=300, minimum=100),
    }


class VerdictCutoffs(BaseModel):
    """推荐 from ``recommend_min`` (with every input given and no veto), 有条件推荐 from ``conditional_min``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recommend_min: float = Field(75, ge=0, le=100)
    conditional_min: float = Field(55, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> VerdictCutoffs:
        if self.conditional_min > self.recommend_min:
            raise ValueError("conditional_min must not exceed recommend_min")
        return self


class GateConfig(BaseModel):
    """The plan gate: no move to ``status`` (or past it) without an appraisal, or (``not_rejected``)
    without one whose verdict is not 不建议. ``status = "off"`` turns the gate off."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: PlanStatus | Literal["off"] = PlanStatus.SIGNED_CONTRACT
    require: Literal["appraisal", "not_rejected"] = "not_rejected"

    @model_validator(mode="after")
    def _not_dropped(self) -> GateConfig:
        if self.status == PlanStatus.DROPPED:
            raise ValueError("status: the gate guards a step forward, not dropped")
        return self


# No gate: for restoring history and for tests of other rules.
GATE_OFF = GateConfig(status="off")


class AppraisalConfig(BaseModel):
    """Everything the appraisal and the gate read; every field can be overridden."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criteria: dict[str, Criterion] = Field(default_factory=_default_criteria)
    fit_scores: dict[str, float] = Field(
        default_factory=lambda: {"missing": 100.0, "weak": 70.0, "extension": 60.0, "strong": 20.0},
        description="industry-fit score of a plan by the best status among its segments (缺链 first)",
    )
    verdict: VerdictCutoffs = Field(default_factory=VerdictCutoffs)
    gate: GateConfig = Field(default_factory=GateConfig)

    @model_validator(mode="after")
    def _complete(self) -> AppraisalConfig:
        unknown = sorted(set(self.criteria) - set(CRITERIA))
        if unknown:
            raise ValueError(f"criteria: unknown criterion {unknown[0]!r}; known: {', '.join(CRITERIA)}")
        if not any(c.weight > 0 for c in self.criteria.values()):
            raise ValueError("criteria: at least one criterion needs a positive weight")
        if set(self.fit_scores) != {"missing", "weak", "extension", "strong"} or not all(
            0 <= v <= 100 for v in self.fit_scores.values()
        ):
            raise ValueError("fit_scores: give missing, weak, extension and strong, each 0..100")
        return self

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None) -> AppraisalConfig:
        """The defaults with ``overrides`` on top (criteria merged key by key), or InvalidInput."""
        data = dict(overrides or {})
        if "criteria" in data:
            defaults = {k: v.model_dump() for k, v in _default_criteria().items()}
            for name, given in dict(data["criteria"]).items():
                defaults[name] = {**defaults.get(name, {}), **dict(given)}
            data["criteria"] = defaults
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            problems = problems_of(e)
            shown = [".".join(str(p) for p in item["loc"]) for item in e.errors(include_url=False)]
            summary = "; ".join(f"{s}: {p.reason}" if s else p.reason for s, p in zip(shown, problems, strict=False))
            raise InvalidInput(f"invalid appraisal config: {summary}", field=shown[0] if shown else None) from e


def load_appraisal_config(path: Path | None) -> AppraisalConfig:
    """The config from a TOML file (sections ``criteria.<id>``, ``fit_scores``, ``verdict``, ``gate``),
    or the defaults when ``path`` is None."""
    if path is None:
        return AppraisalConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise InvalidInput(
            f"CHAIN_GRAPH_APPRAISAL_CONFIG: cannot read {path}: {e.strerror}", field="appraisal_config"
        ) from e
    except tomllib.TOMLDecodeError as e:
        raise InvalidInput(
            f"CHAIN_GRAPH_APPRAISAL_CONFIG: {path} is not valid TOML: {e}", field="appraisal_config"
        ) from e
    return AppraisalConfig.build(data)
