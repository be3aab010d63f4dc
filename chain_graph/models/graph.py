"""The graph records: regions, chains, segments, companies and the ties among them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from chain_graph.models.fields import (
    Aliases,
    Amount,
    AsOf,
    Country,
    Id,
    Name,
    OptId,
    OptName,
    OptText,
    Share,
    Uscc,
    _no_blank,
    _plain,
)
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record, _Provenance


class Stage(StrEnum):
    """Where a segment sits in its chain (上游 / 中游 / 下游)."""

    UPSTREAM = "upstream"
    MIDSTREAM = "midstream"
    DOWNSTREAM = "downstream"


class Role(StrEnum):
    """A company's role in a segment: 龙头 leading, core, or 上下游配套 supporting."""

    LEADING = "leading"
    CORE = "core"
    SUPPORTING = "supporting"


class RegionLevel(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    ZONE = "zone"


class RankingListId(StrEnum):
    """The six ranking lists planners target first."""

    FORTUNE_GLOBAL_500 = "fortune-global-500"
    CHINA_500 = "china-500"
    CHINA_SERVICE_500 = "china-service-500"
    CHINA_PRIVATE_500 = "china-private-500"
    NEW_ECONOMY_500 = "new-economy-500"
    TAIWAN_100 = "taiwan-100"


class RankingList(BaseModel):
    """A ranking list: fixed in code, created in every store at start."""

    model_config = ConfigDict(frozen=True)

    list_id: RankingListId
    name: str
    name_en: str
    size: int
    tier: int  # 1 = most sought after


RANKING_LISTS: dict[RankingListId, RankingList] = {
    lst.list_id: lst
    for lst in (
        RankingList(
            list_id=RankingListId.FORTUNE_GLOBAL_500,
            name="世界500强",
            name_en="Fortune Global 500",
            size=500,
            tier=1,
        ),
        RankingList(
            list_id=RankingListId.CHINA_500,
            name="中国企业500强",
            name_en="China Top 500 Enterprises",
            size=500,
            tier=2,
        ),
        RankingList(
            list_id=RankingListId.CHINA_PRIVATE_500,
            name="中国民营企业500强",
            name_en="China Top 500 Private Enterprises",
            size=500,
            tier=2,
        ),
        RankingList(
            list_id=RankingListId.CHINA_SERVICE_500,
            name="中国服务业企业500强",
            name_en="China Top 500 Service Enterprises",
            size=500,
            tier=3,
        ),
        RankingList(
            list_id=RankingListId.NEW_ECONOMY_500,
            name="中国新经济企业500强",
            name_en="China New Economy 500",
            size=500,
            tier=3,
        ),
        RankingList(
            list_id=RankingListId.TAIWAN_100,
            name="台湾地区百强企业",
            name_en="Taiwan Top 100",
            size=100,
            tier=3,
        ),
    )
}


class Region(Record, _Provenance):
    """A region: GB/T 2260 code (or ISO country code) and its parent."""

    KIND: ClassVar[Kind] = Kind.REGION
    KEY: ClassVar[tuple[str, ...]] = ("region_id",)

    region_id: Id
    name: Name
    parent_id: OptId = None
    level: RegionLevel | None = None

    @model_validator(mode="after")
    def _not_own_parent(self) -> Region:
        if self.parent_id == self.region_id:
            raise ValueError("parent_id: a region cannot be its own parent")
        return self


class ChainDirection(StrEnum):
    """The promotion direction a chain belongs to (制造 / 文旅 / 商贸): what an event's
    ``direction:<id>`` focus matches on (the ids are those of chain_graph.focus)."""

    MANUFACTURING = "manufacturing"
    CULTURE_TOURISM = "culture-tourism"
    COMMERCE_TRADE = "commerce-trade"


class Chain(Record, _Provenance):
    """An industrial chain (产业链): one map per chain."""

    KIND: ClassVar[Kind] = Kind.CHAIN
    KEY: ClassVar[tuple[str, ...]] = ("chain_id",)

    chain_id: Id
    name: Name
    description: OptText = None
    direction: Annotated[ChainDirection | None, BeforeValidator(_no_blank)] = None


class Segment(Record, _Provenance):
    """A segment (环节) of a chain, at one stage; may nest under a parent segment."""

    KIND: ClassVar[Kind] = Kind.SEGMENT
    KEY: ClassVar[tuple[str, ...]] = ("segment_id",)

    segment_id: Id
    chain_id: Id
    name: Name
    stage: Stage
    parent_id: OptId = None
    description: OptText = None

    @model_validator(mode="after")
    def _not_own_parent(self) -> Segment:
        if self.parent_id == self.segment_id:
            raise ValueError("parent_id: a segment cannot be its own parent")
        return self


class SegmentLink(Record, _Provenance):
    """FEEDS: the upstream segment's output is the downstream segment's input."""

    KIND: ClassVar[Kind] = Kind.SEGMENT_LINK
    KEY: ClassVar[tuple[str, ...]] = ("from_segment_id", "to_segment_id")

    from_segment_id: Id
    to_segment_id: Id
    weight: Annotated[Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)], BeforeValidator(_no_blank)] = 1.0

    @model_validator(mode="before")
    @classmethod
    def _default_weight(cls, data: Any) -> Any:
        if isinstance(data, dict) and _no_blank(data.get("weight", 1.0)) is None:
            return {**data, "weight": 1.0}
        return data

    @model_validator(mode="after")
    def _no_loop(self) -> SegmentLink:
        if self.from_segment_id == self.to_segment_id:
            raise ValueError("to_segment_id: a segment cannot feed itself")
        return self


class Company(Record, _Provenance):
    """A company: local, with a local site, or external (a candidate)."""

    KIND: ClassVar[Kind] = Kind.COMPANY
    KEY: ClassVar[tuple[str, ...]] = ("company_id",)

    company_id: Id
    name: Name
    short_name: OptName = None
    aliases: Aliases = ()
    uscc: Uscc = None
    region: OptId = None
    local_site: bool = False
    country: Country = None
    revenue_cny_100m: Amount = None
    employees: Annotated[Annotated[int, Field(ge=0, le=10_000_000)] | None, BeforeValidator(_no_blank)] = None
    listed_code: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=64), _plain] | None,
        BeforeValidator(_no_blank),
    ] = None
    overseas_chinese: bool = False


class CompanySegment(Record, _Provenance):
    """IN_SEGMENT: a company works in a segment, in a role, with a share of its business."""

    KIND: ClassVar[Kind] = Kind.COMPANY_SEGMENT
    KEY: ClassVar[tuple[str, ...]] = ("company_id", "segment_id")

    company_id: Id
    segment_id: Id
    role: Role
    share: Share = None


class Supply(Record, _Provenance):
    """SUPPLIES: a real supplier → customer tie."""

    KIND: ClassVar[Kind] = Kind.SUPPLY
    KEY: ClassVar[tuple[str, ...]] = ("supplier_id", "customer_id")

    supplier_id: Id
    customer_id: Id
    product: OptName = None
    amount_cny_100m: Amount = None

    @model_validator(mode="after")
    def _no_loop(self) -> Supply:
        if self.supplier_id == self.customer_id:
            raise ValueError("customer_id: a company cannot supply itself")
        return self


class Ranking(Record, _Provenance):
    """RANKED: a company's place on a ranking list in a year."""

    KIND: ClassVar[Kind] = Kind.RANKING
    KEY: ClassVar[tuple[str, ...]] = ("list_id", "year", "company_id")

    list_id: RankingListId
    year: Annotated[int, Field(ge=1990, le=2100)]
    rank: Annotated[int, Field(ge=1, le=1000)]
    company_id: Id
    company_name: OptName = None
    revenue_usd_m: Amount = None
    country: Country = None

    @model_validator(mode="after")
    def _rank_within_list(self) -> Ranking:
        size = RANKING_LISTS[self.list_id].size
        if self.rank > size:
            raise ValueError(f"rank: {self.rank} is beyond the {size} places of {self.list_id}")
        return self


class OrganisationKind(StrEnum):
    """What an organisation is: a 商会 (泉州商会 in another city), a 泉籍海外社团 / 同乡会, an industry association."""

    CHAMBER = "chamber"
    HOMETOWN_ASSOCIATION = "hometown_association"
    INDUSTRY_ASSOCIATION = "industry_association"
    OTHER = "other"


class Organisation(Record, _Provenance):
    """An organisation firms belong to: a chamber of commerce, a hometown association, an industry
    association. ``overseas_chinese`` marks a 泉籍海外社团 (or one of 在外泉商): membership in it is
    an overseas-Chinese tie of the member firm."""

    KIND: ClassVar[Kind] = Kind.ORGANISATION
    KEY: ClassVar[tuple[str, ...]] = ("organisation_id",)

    organisation_id: Id
    name: Name
    kind: OrganisationKind
    city: OptName = None
    country: Country = None
    overseas_chinese: bool = False
    description: OptText = None


class Membership(Record, _Provenance):
    """MEMBER_OF: a company is a member of an organisation, in a role (会长单位, 会员), since a date."""

    KIND: ClassVar[Kind] = Kind.MEMBERSHIP
    KEY: ClassVar[tuple[str, ...]] = ("company_id", "organisation_id")

    company_id: Id
    organisation_id: Id
    role: OptName = None
    since: AsOf = None


class Shareholding(Record, _Provenance):
    """HOLDS_SHARES: a company holds shares in another company (share in per cent)."""

    KIND: ClassVar[Kind] = Kind.SHAREHOLDING
    KEY: ClassVar[tuple[str, ...]] = ("holder_id", "company_id")

    holder_id: Id
    company_id: Id
    share_pct: Annotated[
        Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)
    ] = None

    @model_validator(mode="after")
    def _no_loop(self) -> Shareholding:
        if self.holder_id == self.company_id:
            raise ValueError("company_id: a company cannot hold shares in itself")
        return self
