"""The tables of a bundle (format: docs/IMPORT-FORMAT.md): file names, columns, and how each cell is read.

One :class:`TableSpec` per file, in load order: nodes a later table refers to come first,
so a reference can be resolved against rows already read. Each column has a
:class:`CellType` that says how a planner's spreadsheet cell becomes a model value
(see :mod:`chain_graph.bundle.cells`).

Examples
--------
>>> [t.name for t in TABLES][:3]
['regions', 'chains', 'segments']
>>> TABLE_BY_NAME["companies"].required
('company_id', 'name')
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chain_graph.models import (
    RANKING_LISTS,
    ChainDirection,
    EventKind,
    ExpansionKind,
    ExpansionStatus,
    KeyProjectList,
    Kind,
    ListingStage,
    ListingTier,
    OrganisationKind,
    PlotCondition,
    RankingListId,
    RegionLevel,
    Role,
    Stage,
)

__all__ = ["ENUM_SYNONYMS", "ENUM_VALUES", "TABLES", "TABLE_BY_NAME", "CellType", "Column", "TableSpec"]


class CellType(StrEnum):
    """How a cell is normalised before the model validates it."""

    TEXT = "text"  # names, descriptions: passed as typed (never width-folded)
    ID = "id"  # ids and codes: width-folded, checked against the id pattern
    CODE = "code"  # other codes (USCC, listed code, country): width-folded only
    ENUM = "enum"  # stage, role, list_id: width-folded, lower-cased, synonyms mapped
    NUMBER = "number"  # decimals: thousands separators allowed
    INTEGER = "integer"  # whole numbers: thousands separators allowed
    DATE = "date"  # 2024-09-12, 2024/9/12, 2024.9.12 → ISO
    BOOL = "bool"  # true/false/1/0/yes/no/y/n/是/否
    REGION = "region"  # a region id or a region name, resolved by the importer


@dataclass(frozen=True)
class Column:
    name: str
    type: CellType = CellType.TEXT
    required: bool = False
    enum: str | None = None  # the key of ENUM_VALUES when it is not the column's name


@dataclass(frozen=True)
class TableSpec:
    """One bundle file: its name, the record kind it holds, its columns and its key."""

    name: str
    label: str  # the Chinese name planners know the table by
    kind: Kind
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _req(name: str, type: CellType = CellType.ID) -> Column:
    return Column(name, type, required=True)


_PROVENANCE = (Column("source"), Column("as_of", CellType.DATE))

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "regions", "行政区划", Kind.REGION,
        (_req("region_id"), _req("name", CellType.TEXT), Column("parent_id", CellType.ID),
         Column("level", CellType.ENUM), *_PROVENANCE),
        key=("region_id",),
    ),
    TableSpec(
        "chains", "产业链", Kind.CHAIN,
        (_req("chain_id"), _req("name", CellType.TEXT), Column("description"), Column("direction", CellType.ENUM),
         *_PROVENANCE),
        key=("chain_id",),
    ),
    TableSpec(
        "segments", "产业链环节", Kind.SEGMENT,
        (_req("segment_id"), _req("chain_id"), _req("name", CellType.TEXT), _req("stage", CellType.ENUM),
         Column("parent_id", CellType.ID), Column("description"), *_PROVENANCE),
        key=("segment_id",),
    ),
    TableSpec(
        "segment_links", "环节上下游关系", Kind.SEGMENT_LINK,
        (_req("from_segment_id"), _req("to_segment_id"), Column("weight", CellType.NUMBER), *_PROVENANCE),
        key=("from_segment_id", "to_segment_id"),
    ),
    TableSpec(
        "companies", "企业", Kind.COMPANY,
        (_req("company_id"), _req("name", CellType.TEXT), Column("short_name"), Column("aliases"),
         Column("uscc", CellType.CODE), Column("region", CellType.REGION), Column("address"),
         Column("local_site", CellType.BOOL), Column("country", CellType.CODE),
         Column("revenue_cny_100m", CellType.NUMBER), Column("employees", CellType.INTEGER),
         Column("listed_code", CellType.CODE), Column("overseas_chinese", CellType.BOOL), *_PROVENANCE),
        key=("company_id",),
    ),
    TableSpec(
        "company_segments", "企业所属环节", Kind.COMPANY_SEGMENT,
        (_req("company_id"), _req("segment_id"), _req("role", CellType.ENUM),
         Column("share", CellType.NUMBER), *_PROVENANCE),
        key=("company_id", "segment_id"),
    ),
    TableSpec(
        "supplies", "供应关系", Kind.SUPPLY,
        (_req("supplier_id"), _req("customer_id"), Column("product"),
         Column("amount_cny_100m", CellType.NUMBER), *_PROVENANCE),
        key=("supplier_id", "customer_id"),
    ),
    TableSpec(
        "rankings", "榜单", Kind.RANKING,
        (_req("list_id", CellType.ENUM), _req("year", CellType.INTEGER), _req("rank", CellType.INTEGER),
         _req("company_name", CellType.TEXT), Column("company_id", CellType.ID),
         Column("revenue_usd_m", CellType.NUMBER), Column("country", CellType.CODE), *_PROVENANCE),
        key=("list_id", "year", "company_id"),
    ),
    TableSpec(
        "expansions", "增资扩产项目", Kind.EXPANSION,
        (_req("expansion_id"), _req("company_id"), Column("chain_id", CellType.ID), _req("name", CellType.TEXT),
         Column("expansion_kind", CellType.ENUM), Column("investment_cny_100m", CellType.NUMBER),
         Column("added_capacity"), Column("key_list", CellType.ENUM), Column("key_list_year", CellType.INTEGER),
         Column("status", CellType.ENUM, enum="expansion_status"), Column("approved_on", CellType.DATE),
         Column("started_on", CellType.DATE), Column("produced_on", CellType.DATE), Column("unit"),
         Column("note"), *_PROVENANCE),
        key=("expansion_id",),
    ),
    TableSpec(
        "listings", "上市后备企业", Kind.LISTING,
        (_req("company_id"), Column("chain_id", CellType.ID),
         Column("tier", CellType.ENUM, required=True, enum="listing_tier"), Column("list_year", CellType.INTEGER),
         Column("stage", CellType.ENUM, enum="listing_stage"), Column("tax_paid_cny_10k", CellType.NUMBER),
         Column("tax_year", CellType.INTEGER), Column("market"), Column("tutoring_on", CellType.DATE),
         Column("filed_on", CellType.DATE), Column("listed_on", CellType.DATE), Column("listed_code", CellType.CODE),
         Column("unit"), Column("note"), *_PROVENANCE),
        key=("company_id",),
    ),
    # parks and their plots (issue 13 item 4): ids in chain_ids / segment_ids separated by a vertical bar
    TableSpec(
        "parks", "园区", Kind.PARK,
        (_req("park_id"), _req("name", CellType.TEXT), _req("region", CellType.REGION), Column("chain_ids"),
         Column("segment_ids"), Column("available_land_mu", CellType.NUMBER),
         Column("factory_space_m2", CellType.NUMBER), Column("description"), *_PROVENANCE),
        key=("park_id",),
    ),
    TableSpec(
        "park_plots", "园区地块", Kind.PARK_PLOT,
        (_req("plot_id"), _req("park_id"), Column("name"), _req("area_mu", CellType.NUMBER),
         Column("condition", CellType.ENUM), Column("note"), *_PROVENANCE),
        key=("plot_id",),
    ),
    TableSpec(
        "events", "招商活动", Kind.PROMOTION_EVENT,
        (_req("event_id"), _req("name", CellType.TEXT), _req("event_kind", CellType.ENUM),
         _req("held_on", CellType.DATE), _req("host_unit", CellType.TEXT), Column("focus"), Column("chain_ids"),
         Column("description"), *_PROVENANCE),
        key=("event_id",),
    ),
    TableSpec(
        "organisations", "商会与社团", Kind.ORGANISATION,
        (_req("organisation_id"), _req("name", CellType.TEXT), _req("kind", CellType.ENUM), Column("city"),
         Column("country", CellType.CODE), Column("overseas_chinese", CellType.BOOL), Column("description"),
         *_PROVENANCE),
        key=("organisation_id",),
    ),
    TableSpec(
        "memberships", "会员关系", Kind.MEMBERSHIP,
        (_req("company_id"), _req("organisation_id"), Column("role"), Column("since", CellType.DATE), *_PROVENANCE),
        key=("company_id", "organisation_id"),
    ),
    TableSpec(
        "shareholdings", "股权关系", Kind.SHAREHOLDING,
        (_req("holder_id"), _req("company_id"), Column("share_pct", CellType.NUMBER), *_PROVENANCE),
        key=("holder_id", "company_id"),
    ),
)  # fmt: skip

TABLE_BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}

# The values each enum column takes.
ENUM_VALUES: dict[str, tuple[str, ...]] = {
    "stage": tuple(Stage),
    "role": tuple(Role),
    "list_id": tuple(RankingListId),
    "level": tuple(RegionLevel),
    "direction": tuple(ChainDirection),
    "expansion_kind": tuple(ExpansionKind),
    "key_list": tuple(KeyProjectList),
    "expansion_status": tuple(ExpansionStatus),
    "listing_tier": tuple(ListingTier),
    "listing_stage": tuple(ListingStage),
    "condition": tuple(PlotCondition),
    "event_kind": tuple(EventKind),
    "kind": tuple(OrganisationKind),
}

# Values an enum column accepts besides its own (already lower-cased): the Chinese words of
# the glossary, and each ranking list's Chinese name.
ENUM_SYNONYMS: dict[str, dict[str, str]] = {
    "stage": {"上游": Stage.UPSTREAM, "中游": Stage.MIDSTREAM, "下游": Stage.DOWNSTREAM},
    "role": {"龙头": Role.LEADING, "链主": Role.LEADING, "核心": Role.CORE, "配套": Role.SUPPORTING},
    "list_id": {lst.name.lower(): lst.list_id for lst in RANKING_LISTS.values()},
    "level": {},
    "direction": {"制造": ChainDirection.MANUFACTURING, "文旅": ChainDirection.CULTURE_TOURISM,
                  "商贸": ChainDirection.COMMERCE_TRADE},
    "expansion_kind": {"增资扩产": ExpansionKind.CAPACITY, "技改": ExpansionKind.UPGRADE,
                       "技术改造": ExpansionKind.UPGRADE},
    "key_list": {"省重点技改项目": KeyProjectList.PROVINCIAL, "省级": KeyProjectList.PROVINCIAL,
                 "市重点技改项目": KeyProjectList.CITY, "市级": KeyProjectList.CITY},
    "expansion_status": {"谋划中": ExpansionStatus.PLANNED, "已立项备案": ExpansionStatus.APPROVED,
               "在建": ExpansionStatus.UNDER_CONSTRUCTION, "已投产": ExpansionStatus.IN_PRODUCTION,
               "已取消": ExpansionStatus.CANCELLED},
    "listing_tier": {"上市后备": ListingTier.LISTING_RESERVE, "上市后备企业": ListingTier.LISTING_RESERVE,
             "挂牌后备": ListingTier.QUOTATION_RESERVE, "挂牌后备企业": ListingTier.QUOTATION_RESERVE,
             "储备": ListingTier.RESERVE, "储备企业": ListingTier.RESERVE},
    "listing_stage": {"培育": ListingStage.CULTIVATING, "辅导备案": ListingStage.TUTORING, "申报": ListingStage.FILED,
              "上市": ListingStage.LISTED, "挂牌": ListingStage.LISTED, "上市/挂牌": ListingStage.LISTED,
              "退出": ListingStage.WITHDRAWN},
    "condition": {"可用": PlotCondition.AVAILABLE, "可供": PlotCondition.AVAILABLE,
                  "低效": PlotCondition.LOW_EFFICIENCY, "闲置": PlotCondition.IDLE},
    "event_kind": {"推介": EventKind.PROMOTION, "招商推介": EventKind.PROMOTION, "签约": EventKind.SIGNING,
                   "集中开工": EventKind.GROUNDBREAKING, "开工": EventKind.GROUNDBREAKING},
    "kind": {"商会": OrganisationKind.CHAMBER, "同乡会": OrganisationKind.HOMETOWN_ASSOCIATION,
             "社团": OrganisationKind.HOMETOWN_ASSOCIATION, "行业协会": OrganisationKind.INDUSTRY_ASSOCIATION,
             "协会": OrganisationKind.INDUSTRY_ASSOCIATION, "其他": OrganisationKind.OTHER},
}  # fmt: skip
