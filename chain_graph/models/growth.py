"""Local firms' growth: expansion projects and the listing pipeline (chain_graph.growth)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from chain_graph.models.fields import Amount, Id, Name, OptDate, OptId, OptName, OptText, _no_blank, _plain
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record, _Provenance


class ExpansionKind(StrEnum):
    """增资扩产 (more capacity) or 技改 (a technology upgrade)."""

    CAPACITY = "capacity"
    UPGRADE = "upgrade"


class ExpansionStatus(StrEnum):
    """Where an expansion project stands (moves allowed: chain_graph.growth.EXPANSION_MOVES)."""

    PLANNED = "planned"
    APPROVED = "approved"
    UNDER_CONSTRUCTION = "under_construction"
    IN_PRODUCTION = "in_production"
    CANCELLED = "cancelled"


EXPANSION_ORDER: tuple[ExpansionStatus, ...] = tuple(s for s in ExpansionStatus if s is not ExpansionStatus.CANCELLED)


class KeyProjectList(StrEnum):
    """The key technology-upgrade project list a project is on (省 / 市重点技改项目)."""

    PROVINCIAL = "provincial"
    CITY = "city"


class ExpansionProject(Record, _Provenance):
    """增资扩产 / 技改: a project of a firm already local, tracked from planned to in production."""

    KIND: ClassVar[Kind] = Kind.EXPANSION
    KEY: ClassVar[tuple[str, ...]] = ("expansion_id",)

    expansion_id: Id
    company_id: Id
    chain_id: OptId = None
    name: Name
    expansion_kind: ExpansionKind = ExpansionKind.CAPACITY
    investment_cny_100m: Amount = None
    added_capacity: OptName = None  # e.g. 年产320万双运动鞋
    key_list: Annotated[KeyProjectList | None, BeforeValidator(_no_blank)] = None
    key_list_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    status: ExpansionStatus = ExpansionStatus.PLANNED
    approved_on: OptDate = None
    started_on: OptDate = None
    produced_on: OptDate = None
    unit: OptName = None
    note: OptText = None
    version: Annotated[int, Field(ge=1)] = 1

    @model_validator(mode="after")
    def _year_with_list(self) -> ExpansionProject:
        if self.key_list_year is not None and self.key_list is None:
            raise ValueError("key_list: name the list (provincial or city) the key_list_year refers to")
        return self


class ListingTier(StrEnum):
    """The city's pipeline lists: 上市后备 (to list on a stock exchange), 挂牌后备 (to be quoted on
    an OTC market), 储备 (the reserve, chosen from firms paying more than 5 million yuan of tax)."""

    LISTING_RESERVE = "listing_reserve"
    QUOTATION_RESERVE = "quotation_reserve"
    RESERVE = "reserve"


class ListingStage(StrEnum):
    """Where a pipeline firm stands (moves allowed: chain_graph.growth.LISTING_MOVES)."""

    CULTIVATING = "cultivating"
    TUTORING = "tutoring"
    FILED = "filed"
    LISTED = "listed"
    WITHDRAWN = "withdrawn"


LISTING_ORDER: tuple[ListingStage, ...] = tuple(s for s in ListingStage if s is not ListingStage.WITHDRAWN)
# 储备企业 are chosen from firms paying more than this much tax a year (万元): 5 million yuan.
RESERVE_TAX_FLOOR_CNY_10K = 500.0


class ListingEntry(Record, _Provenance):
    """A firm in the city's listing pipeline: one entry per company, its tier and stage."""

    KIND: ClassVar[Kind] = Kind.LISTING
    KEY: ClassVar[tuple[str, ...]] = ("company_id",)

    company_id: Id
    chain_id: OptId = None
    tier: ListingTier
    list_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    stage: ListingStage = ListingStage.CULTIVATING
    tax_paid_cny_10k: Amount = None  # 万元, of tax_year
    tax_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    market: OptName = None  # 深交所主板, 北交所, 港交所, 新三板, 海峡股权交易中心 …
    tutoring_on: OptDate = None
    filed_on: OptDate = None
    listed_on: OptDate = None
    listed_code: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=64), _plain] | None,
        BeforeValidator(_no_blank),
    ] = None
    unit: OptName = None
    note: OptText = None
    version: Annotated[int, Field(ge=1)] = 1

    @model_validator(mode="after")
    def _reserve_pays_enough_tax(self) -> ListingEntry:
        if self.tier is ListingTier.RESERVE and (
            self.tax_paid_cny_10k is None or self.tax_paid_cny_10k <= RESERVE_TAX_FLOOR_CNY_10K
        ):
            paid = "none given" if self.tax_paid_cny_10k is None else f"{self.tax_paid_cny_10k:g} 万元"
            raise ValueError(
                f"tax_paid_cny_10k: a reserve firm (储备企业) pays more than {RESERVE_TAX_FLOOR_CNY_10K:g} 万元 "
                f"(5 million yuan) of tax a year; {paid}"
            )
        return self
