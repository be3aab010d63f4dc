"""Parks, land and project appraisal (issue 13, items 3 and 4)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, StringConstraints

from chain_graph.models.fields import Id, IdList, Mu, Name, OptName, OptText, Rating, _no_blank
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record, _Provenance


class Park(Record, _Provenance):
    """园区: where projects are sited; its county, positioning (chains, segments) and land on offer."""

    KIND: ClassVar[Kind] = Kind.PARK
    KEY: ClassVar[tuple[str, ...]] = ("park_id",)

    park_id: Id
    name: Name
    region: Id  # the county or district (GB/T 2260) the park lies in
    chain_ids: Annotated[IdList, Field(max_length=20)] = ()
    segment_ids: Annotated[IdList, Field(max_length=100)] = ()
    available_land_mu: Mu = None  # 可供土地（亩）
    factory_space_m2: Mu = None  # 可供标准厂房（㎡）
    description: OptText = None


class PlotCondition(StrEnum):
    """A plot's state: on offer, or flagged for clearance as low-efficiency (低效) or idle (闲置)."""

    AVAILABLE = "available"
    LOW_EFFICIENCY = "low_efficiency"
    IDLE = "idle"


class ParkPlot(Record, _Provenance):
    """一宗地块 of a park: its area and condition (low-efficiency and idle plots are to be cleared)."""

    KIND: ClassVar[Kind] = Kind.PARK_PLOT
    KEY: ClassVar[tuple[str, ...]] = ("plot_id",)

    plot_id: Id
    park_id: Id
    name: OptName = None
    area_mu: Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)]
    condition: PlotCondition = PlotCondition.AVAILABLE
    note: OptText = None


class Verdict(StrEnum):
    """The verdict of a project appraisal (综合研判); Chinese labels in chain_graph.appraisal."""

    RECOMMEND = "recommend"  # 推荐
    CONDITIONAL = "conditional"  # 有条件推荐
    NOT_RECOMMENDED = "not_recommended"  # 不建议


class Appraisal(Record):
    """A plan's current 综合研判: the planner's inputs, and the scores and verdict computed from them.

    Earlier appraisals stay in the plan's history (its ``appraise`` events).
    """

    KIND: ClassVar[Kind] = Kind.APPRAISAL
    KEY: ClassVar[tuple[str, ...]] = ("plan_id",)

    plan_id: Id
    technology_route: Rating = None  # 技术路线 1-5
    product_competitiveness: Rating = None  # 产品竞争力 1-5
    market_prospects: Rating = None  # 市场前景 1-5
    land_mu: Mu = None  # 用地需求（亩）
    floor_space_m2: Mu = None  # 厂房需求（㎡）
    annual_tax_cny_10k: Mu = None  # 预计年税收（万元）
    annual_output_cny_100m: Mu = None  # 预计年产值（亿元）
    energy_tce: Mu = None  # 年综合能耗（吨标准煤）
    jobs: Annotated[Annotated[int, Field(ge=0, le=1_000_000)] | None, BeforeValidator(_no_blank)] = None
    note: OptText = None
    score: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    verdict: Verdict
    reasons: Annotated[tuple[Annotated[str, StringConstraints(max_length=500)], ...], Field(max_length=40)] = ()
    criteria: Annotated[str, StringConstraints(max_length=20000)] = "[]"  # JSON: the scored criteria
    appraised_at: dt.datetime
    actor: Name
