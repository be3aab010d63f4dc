"""Chains, their segments and the counties of the home region."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from chain_graph.models import Role, Stage


class ChainPublic(BaseModel):
    chain_id: str = Field(examples=["textile-apparel-footwear"])
    name: str = Field(examples=["纺织鞋服"])
    description: str | None = None
    segments: int
    local_firms: int
    companies: int
    source: str | None = None
    as_of: dt.date | None = None


class ChainsPublic(BaseModel):
    data: list[ChainPublic]
    count: int


class SegmentBrief(BaseModel):
    segment_id: str
    name: str
    stage: Stage
    parent_id: str | None
    description: str | None = None
    status: str | None = Field(None, description="missing | weak | strong (city-wide)")
    local_count: int | None = None


class ChainDetail(BaseModel):
    chain_id: str
    name: str
    description: str | None = None
    source: str | None = None
    as_of: dt.date | None = None
    home_region: str
    segment_count: int
    local_firms: int
    companies: int
    completeness: float | None = None
    segments: list[SegmentBrief] = Field(description="stage order (upstream → downstream), then id")


class SegmentFirm(BaseModel):
    company_id: str
    name: str
    short_name: str | None = None
    role: Role
    share: float | None = None
    local: bool = Field(description="located in the home region (or with a local site there)")
    landed: bool = Field(False, description="counts as local presence through a started / in-production plan")
    county: str | None = None
    county_name: str | None = None
    region: str | None = None
    country: str | None = None
    revenue_cny_100m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class SegmentDetail(BaseModel):
    segment_id: str
    name: str
    chain_id: str
    chain_name: str
    stage: Stage
    parent_id: str | None = None
    description: str | None = None
    status: str | None = None
    reasons: list[str] = Field(default_factory=list)
    local_count: int = Field(description="local presence as the gap analysis counts it (landed plan firms included)")
    external_count: int
    firms: list[SegmentFirm] = Field(description="local firms first (leading, core, supporting), then external ones")
    feeds: list[str] = Field(default_factory=list, description="segments this one FEEDS")
    fed_by: list[str] = Field(default_factory=list, description="segments that FEED this one")


class CountyPublic(BaseModel):
    region_id: str = Field(examples=["350582"])
    name: str = Field(examples=["晋江市"])
    level: str | None = None


class CountiesPublic(BaseModel):
    data: list[CountyPublic]
    count: int
