"""Companies: as listed, and in detail with their segments, supply ties and ranking-list entries."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from chain_graph.models import Role, Stage


class CompanyPublic(BaseModel):
    company_id: str
    name: str
    short_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    uscc: str | None = None
    region: str | None = None
    local_site: bool = False
    country: str | None = None
    revenue_cny_100m: float | None = None
    employees: int | None = None
    listed_code: str | None = None
    overseas_chinese: bool = False
    source: str | None = None
    as_of: dt.date | None = None
    local: bool
    county: str | None = None
    county_name: str | None = None
    region_name: str | None = None


class CompaniesPublic(BaseModel):
    data: list[CompanyPublic]
    count: int


class CompanySegmentPublic(BaseModel):
    segment_id: str
    segment_name: str | None
    chain_id: str | None
    stage: Stage | None
    role: Role
    share: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class TiePublic(BaseModel):
    company_id: str
    name: str | None
    direction: str = Field(description="supplies_to: this company supplies it; buys_from: this company buys from it")
    local: bool | None = None
    product: str | None = None
    amount_cny_100m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class RankingPublic(BaseModel):
    list_id: str
    list_name: str
    year: int
    rank: int
    revenue_usd_m: float | None = None
    source: str | None = None
    as_of: dt.date | None = None


class CompanyDetail(CompanyPublic):
    segments: list[CompanySegmentPublic]
    ties: list[TiePublic]
    rankings: list[RankingPublic]
    plans: list[str] = Field(default_factory=list, description="ids of the plans that target the company")
